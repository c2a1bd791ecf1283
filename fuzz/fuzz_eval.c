/*
 * libFuzzer target: the decision fed arbitrary header lines and
 * validators. Input: byte 0 flags (bits 0-4 the compatibility flags, 5
 * the weak-compare flag the decision refuses, 6 an undefined bit, 7 no
 * representation), byte 1 the representation's switches, byte 2 the
 * natural status (bits 0-2, among them two that are not statuses),
 * storage for repeated lines (bit 3) and the struct sizes (bits 4-6),
 * then '\n'-separated lines: method, current ETag, then header lines.
 * Properties: the decision is deterministic, its status is one it may
 * give and the one res holds, a refused request is refused for its
 * reason, and a malformed If-Match or If-None-Match never lets a method
 * other than GET or HEAD through (412).
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "condreq.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define MAXL 40

/* Natural statuses byte 2 picks from: unset, 2xx, 412, others, and two
 * that are no status at all. */
static const int32_t naturals[8] = { 0, 200, 204, 412, 404, 301, 600, -1 };

/* Room for a struct larger than ours, as a newer header declares it. */
#define ROOM 64

/* The sizes byte 2's bits 4-6 pick: ours, the mandatory fields only, a
 * newer header's, and too small. */
static void
sizes(unsigned k, size_t *req, size_t *rep, size_t *res)
{
	*req = sizeof(struct condreq_request);
	*rep = sizeof(struct condreq_rep);
	*res = sizeof(struct condreq_result);
	switch (k) {
	case 1:
		*req = offsetof(struct condreq_request, lines);
		break;
	case 2:
		*res = offsetof(struct condreq_result, decided_by);
		break;
	case 3:
		*rep = offsetof(struct condreq_rep, last_modified);
		break;
	case 4:
		*req = offsetof(struct condreq_request, lines);
		*rep = offsetof(struct condreq_rep, last_modified);
		*res = offsetof(struct condreq_result, decided_by);
		break;
	case 5:
		*req += ROOM;
		*rep += ROOM;
		*res += ROOM;
		break;
	case 6:
		*req = 16;
		break;
	case 7:
		*res = 4;
		break;
	}
}

/* The properties of one answer rc in *r for request a. */
static void
check_answer(const struct condreq_request *a, const struct condreq_result *r,
    size_t rs, int rc)
{
	int natural = a->size > offsetof(struct condreq_request, now) &&
	    a->natural_status != 0 ? a->natural_status : 200;
	int get = a->method_len >= 3 && a->method_len <= 4 &&
	    (memcmp(a->method, "GET", a->method_len) == 0 ||
	    memcmp(a->method, "HEAD", a->method_len) == 0);
	uint32_t lists = 1u << CONDREQ_IF_MATCH | 1u << CONDREQ_IF_NONE_MATCH;

	if (rc < 0)
		return;
	if (rc != 304 && rc != 412 && rc != natural &&
	    !(rc == 206 && natural == 200))
		abort();
	if (r->status != rc)
		abort();
	/* 13.2.2 steps 1 and 3 on a write: malformed means 412. */
	if (rs > offsetof(struct condreq_result, malformed) && !get &&
	    (r->malformed & lists) && r->decided_by != CONDREQ_BY_NOT_2XX &&
	    r->decided_by != CONDREQ_BY_METHOD && rc != 412)
		abort();
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	union { struct condreq_request r; unsigned char b[
	    sizeof(struct condreq_request) + ROOM]; } ua;
	union { struct condreq_rep r; unsigned char b[
	    sizeof(struct condreq_rep) + ROOM]; } urep;
	union { struct condreq_result r; unsigned char b[
	    sizeof(struct condreq_result) + ROOM]; } ura, urb;
	struct condreq_request *a = &ua.r;
	struct condreq_rep *rep = &urep.r;
	struct condreq_result *ra = &ura.r, *rb = &urb.r;
	struct condreq_line la[8];
	const char *line[MAXL];
	size_t len[MAXL], i, start, qs, ps, rs;
	int n = 0, k, rc, want = 0;
	char *p;

	if (size < 3)
		return 0;
	memset(&ura, 0, sizeof(ura));
	memset(&urb, 0, sizeof(urb));
	p = malloc(size);
	memcpy(p, data, size);
	for (start = 3, i = 3; i <= size && n < MAXL; i++)
		if (i == size || p[i] == '\n') {
			line[n] = p + start;
			len[n] = i - start;
			n++;
			start = i + 1;
		}
	sizes((data[2] >> 4) & 7, &qs, &ps, &rs);
	if (condreq_rep_init_sized(rep, ps) != CONDREQ_OK)
		abort();
	rep->exists = data[1] & 1;
	if (ps > offsetof(struct condreq_rep, has_last_modified)) {
		rep->has_last_modified = (data[1] >> 1) & 1;
		rep->last_modified = 1000000000 + (int64_t)(data[1] >> 4) * 1000;
	}
	if (ps > offsetof(struct condreq_rep, lm_strong))
		rep->lm_strong = (data[1] >> 2) & 1;
	if (n > 1 && len[1] > 0)
		condreq_rep_set_etag(rep, line[1], len[1], data[0] & 1, NULL);
	rc = condreq_request_init_sized(a, qs);
	if (qs < offsetof(struct condreq_request, lines)) {
		/* Too small: refused, and so is every later use. */
		if (rc != CONDREQ_ESIZE)
			abort();
		a->size = (uint32_t)qs;
		want = CONDREQ_ESIZE;
	} else {
		a->flags = (uint32_t)data[0] & 0x1f;
		if (data[0] & 0x20)
			a->flags |= CONDREQ_F_WEAK_COMPARE;
		if (data[0] & 0x40)
			a->flags |= 1u << 24;
		a->method = n > 0 ? line[0] : "GET";
		a->method_len = n > 0 ? len[0] : 3;
		if (qs > offsetof(struct condreq_request, now)) {
			a->now = (data[1] & 8) ? 1764000000 :
			    CONDREQ_NOW_UNKNOWN;
			a->natural_status = naturals[data[2] & 7];
		}
		/* Storage for up to 8 repeated lines, or none at all. */
		if (qs > offsetof(struct condreq_request, lines_cap) &&
		    !(data[2] & 8)) {
			a->lines = la;
			a->lines_cap = 8;
		}
	}
	/* Every entry returns CONDREQ_OK or the reason it took nothing. */
	for (k = 2; k < n && want == 0; k++) {
		rc = condreq_request_line(a, line[k], len[k]);
		if (rc != CONDREQ_OK && rc != CONDREQ_ENOSPC &&
		    rc != CONDREQ_ESYNTAX)
			abort();
	}
	if (rs >= offsetof(struct condreq_result, decided_by)) {
		if (condreq_result_init_sized(ra, rs) != CONDREQ_OK ||
		    condreq_result_init_sized(rb, rs) != CONDREQ_OK)
			abort();
	} else {
		if (condreq_result_init_sized(ra, rs) != CONDREQ_ESIZE)
			abort();
		ra->size = rb->size = (uint32_t)rs;
		want = CONDREQ_ESIZE;
	}
	if (want == 0 && (a->flags & ~(uint32_t)0x1f))
		want = CONDREQ_EFLAGS;
	rc = condreq_evaluate(a, (data[0] & 0x80) ? NULL : rep, ra);
	if (want != 0 && rc != want)
		abort();
	if (rc == CONDREQ_EINVAL && (a->natural_status == 0 ||
	    (a->natural_status >= 100 && a->natural_status <= 599)))
		abort();
	check_answer(a, ra, rs, rc);
	/* Deterministic, whatever the result held before. */
	if (condreq_evaluate(a, (data[0] & 0x80) ? NULL : rep, rb) != rc ||
	    (rs >= offsetof(struct condreq_result, decided_by) &&
	    rb->status != ra->status))
		abort();
	if (rs > offsetof(struct condreq_result, overflow) &&
	    (rb->ignored != ra->ignored || rb->decided_by != ra->decided_by ||
	    rb->malformed != ra->malformed))
		abort();
	free(p);
	return 0;
}
