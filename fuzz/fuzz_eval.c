/*
 * libFuzzer target: the decision fed arbitrary header lines and
 * validators. Input: byte 0 flags, byte 1 switches, byte 2 the natural
 * status, then '\n'-separated lines: method, current ETag, then header
 * lines. Properties: the decision is deterministic, its status is one it
 * may give, its answer follows from status and range, and it equals the
 * answer of the struct entry (fields and lines[] set directly).
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "condreq.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define MAXL 40

/* Natural statuses byte 2 picks from: unset, 2xx, 412 and others. */
static const int32_t naturals[8] = { 0, 200, 204, 412, 404, 301, 500, 100 };

/* The named members of req for field f. */
static void
field_of(struct condreq_request *r, int f, const char ***v, size_t **l)
{
	switch (f) {
	case CONDREQ_IF_MATCH:
		*v = &r->if_match, *l = &r->if_match_len;
		break;
	case CONDREQ_IF_NONE_MATCH:
		*v = &r->if_none_match, *l = &r->if_none_match_len;
		break;
	case CONDREQ_IF_MODIFIED_SINCE:
		*v = &r->if_modified_since, *l = &r->if_modified_since_len;
		break;
	case CONDREQ_IF_UNMODIFIED_SINCE:
		*v = &r->if_unmodified_since, *l = &r->if_unmodified_since_len;
		break;
	case CONDREQ_IF_RANGE:
		*v = &r->if_range, *l = &r->if_range_len;
		break;
	default:
		*v = &r->range, *l = &r->range_len;
	}
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct condreq_request a, b;
	struct condreq_rep rep;
	struct condreq_result ra, rb;
	struct condreq_line la[8], lb[8];
	const char *line[MAXL];
	size_t len[MAXL], i, start;
	int n = 0, k, f, rc;
	char *p;

	if (size < 3)
		return 0;
	p = malloc(size);
	memcpy(p, data, size);
	for (start = 3, i = 3; i <= size && n < MAXL; i++)
		if (i == size || p[i] == '\n') {
			line[n] = p + start;
			len[n] = i - start;
			n++;
			start = i + 1;
		}
	condreq_rep_init(&rep, sizeof(rep));
	rep.exists = data[1] & 1;
	rep.has_last_modified = (data[1] >> 1) & 1;
	rep.last_modified = 1000000000 + (int64_t)(data[1] >> 4) * 1000;
	rep.lm_strong = (data[1] >> 2) & 1;
	if (n > 1 && len[1] > 0)
		condreq_rep_set_etag(&rep, line[1], len[1], data[0] & 1, NULL);
	condreq_request_init(&a, sizeof(a));
	a.flags = (uint32_t)data[0] & 0x1f;
	a.now = (data[1] & 8) ? 1764000000 : CONDREQ_NOW_UNKNOWN;
	a.natural_status = naturals[data[2] & 7];
	a.method = n > 0 ? line[0] : "GET";
	a.method_len = n > 0 ? len[0] : 3;
	/* Storage for up to 8 repeated lines, or none at all. */
	a.lines = (data[2] & 8) ? NULL : la;
	a.lines_cap = (data[2] & 8) ? 0 : 8;
	b = a;
	b.lines = lb;
	b.lines_cap = 8;
	b.nlines = 0;
	for (k = 2; k < n; k++) {
		const char *c = memchr(line[k], ':', len[k]);
		const char **vp;
		size_t *lp, vl;
		const char *v;

		rc = condreq_request_line(&a, line[k], len[k]);
		if (rc < 0 && rc != CONDREQ_ENOSPC && rc != CONDREQ_ESYNTAX)
			abort();
		if (rc == 0 || rc == CONDREQ_ESYNTAX || c == NULL)
			continue;
		for (f = 0; f < CONDREQ_NFIELDS; f++)
			if ((size_t)(c - line[k]) ==
			    strlen(condreq_field_name(f)) &&
			    strncasecmp(line[k], condreq_field_name(f),
			    (size_t)(c - line[k])) == 0)
				break;
		if (f == CONDREQ_NFIELDS)
			abort();
		/* The same line, set by hand. */
		v = c + 1;
		vl = len[k] - (size_t)(c - line[k]) - 1;
		while (vl > 0 && (*v == ' ' || *v == '\t'))
			v++, vl--;
		while (vl > 0 && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
			vl--;
		field_of(&b, f, &vp, &lp);
		if (*vp == NULL) {
			*vp = v;
			*lp = vl;
		} else if (rc == 1) {
			lb[b.nlines].value = v;
			lb[b.nlines].len = vl;
			lb[b.nlines].field = f;
			lb[b.nlines].reserved = 0;
			b.nlines++;
		} else
			b.overflow |= 1u << f;
	}
	condreq_result_init(&ra, sizeof(ra));
	condreq_result_init(&rb, sizeof(rb));
	rc = condreq_evaluate(&a, &rep, &ra);
	if (rc >= 0 && rc != 200 && rc != 304 && rc != 412 &&
	    rc != a.natural_status)
		abort();
	if (rc >= 0 && (ra.status != rc || ra.answer != (ra.range &&
	    rc == 200 ? 206 : rc)))
		abort();
	if (condreq_evaluate(&a, &rep, &rb) != rc || rb.status != ra.status ||
	    rb.range != ra.range || rb.ignored != ra.ignored ||
	    rb.decided_by != ra.decided_by)
		abort();
	condreq_result_init(&rb, sizeof(rb));
	if (condreq_evaluate(&b, &rep, &rb) != rc || rb.range != ra.range ||
	    rb.decided_by != ra.decided_by || rb.ignored != ra.ignored ||
	    rb.malformed != ra.malformed)
		abort();
	free(p);
	return 0;
}
