/*
 * libFuzzer target: the decision fed arbitrary header lines and
 * validators. Input: byte 0 flags, byte 1 switches, then '\n'-separated
 * lines: method, current ETag, then header lines. Properties: the
 * decision is deterministic, one of 200/304/412, and equals the answer
 * of the struct entry when no field repeats.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "condreq.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define MAXL 40

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const char *const names[CONDREQ_NFIELDS] = { "If-Match",
	    "If-None-Match", "If-Modified-Since", "If-Unmodified-Since",
	    "If-Range", "Range" };
	struct condreq_request a, b;
	struct condreq_result ra, rb;
	const char *line[MAXL];
	size_t len[MAXL], i, start;
	int n = 0, k, f, rc, seen[CONDREQ_NFIELDS] = { 0 }, repeat = 0;
	char *p;

	if (size < 2)
		return 0;
	p = malloc(size);
	memcpy(p, data, size);
	for (start = 2, i = 2; i <= size && n < MAXL; i++)
		if (i == size || p[i] == '\n') {
			line[n] = p + start;
			len[n] = i - start;
			n++;
			start = i + 1;
		}
	condreq_request_init(&a, sizeof(a));
	a.flags = (uint32_t)data[0] & 0x1f;
	a.exists = data[1] & 1;
	a.has_last_modified = (data[1] >> 1) & 1;
	a.last_modified = 1000000000 + (int64_t)(data[1] >> 4) * 1000;
	a.lm_strong = (data[1] >> 2) & 1;
	a.now = (data[1] & 8) ? 1764000000 : CONDREQ_NOW_UNKNOWN;
	a.method = n > 0 ? line[0] : "GET";
	a.method_len = n > 0 ? len[0] : 3;
	if (n > 1 && len[1] > 0) {
		a.etag = line[1];
		a.etag_len = len[1];
	}
	b = a;
	condreq_request_init(&b, sizeof(b));
	b.flags = a.flags; b.exists = a.exists;
	b.has_last_modified = a.has_last_modified;
	b.last_modified = a.last_modified; b.lm_strong = a.lm_strong;
	b.now = a.now; b.method = a.method; b.method_len = a.method_len;
	b.etag = a.etag; b.etag_len = a.etag_len;
	for (k = 2; k < n; k++) {
		const char *c = memchr(line[k], ':', len[k]);

		rc = condreq_request_line(&a, line[k], len[k]);
		if (rc != 1 || c == NULL)
			continue;
		for (f = 0; f < CONDREQ_NFIELDS; f++)
			if ((size_t)(c - line[k]) == strlen(names[f]) &&
			    strncasecmp(line[k], names[f], strlen(names[f])) == 0)
				break;
		if (f == CONDREQ_NFIELDS)
			abort();
		if (seen[f]++)
			repeat = 1;
	}
	/* The struct entry: copy the named fields request_line filled. */
	b.if_match = a.if_match; b.if_match_len = a.if_match_len;
	b.if_none_match = a.if_none_match;
	b.if_none_match_len = a.if_none_match_len;
	b.if_modified_since = a.if_modified_since;
	b.if_modified_since_len = a.if_modified_since_len;
	b.if_unmodified_since = a.if_unmodified_since;
	b.if_unmodified_since_len = a.if_unmodified_since_len;
	b.if_range = a.if_range; b.if_range_len = a.if_range_len;
	b.range = a.range; b.range_len = a.range_len;
	condreq_result_init(&ra, sizeof(ra));
	condreq_result_init(&rb, sizeof(rb));
	rc = condreq_evaluate(&a, &ra);
	if (rc >= 0 && rc != 200 && rc != 304 && rc != 412)
		abort();
	if (rc >= 0 && (ra.status != rc || (ra.range && rc != 200)))
		abort();
	if (condreq_evaluate(&a, &rb) != rc || rb.status != ra.status ||
	    rb.range != ra.range || rb.ignored != ra.ignored ||
	    rb.decided_by != ra.decided_by)
		abort();
	if (!repeat) {
		condreq_result_init(&rb, sizeof(rb));
		if (condreq_evaluate(&b, &rb) != rc || rb.range != ra.range ||
		    rb.decided_by != ra.decided_by || rb.ignored != ra.ignored)
			abort();
	}
	free(p);
	return 0;
}
