/*
 * libFuzzer target: the decision fed arbitrary header lines and
 * validators. Input: byte 0 flags (bits 0-4 the compatibility flags, 5
 * the weak-compare flag the decision refuses, 6 an undefined bit, 7 no
 * representation), byte 1 the representation's switches, byte 2 the
 * natural status (bits 0-2, among them two that are not statuses),
 * storage for repeated lines (bit 3) and the struct sizes (bits 4-6),
 * then '\n'-separated lines: method, current ETag, then header lines.
 * Properties: the decision is deterministic, its status is one it may
 * give, its answer follows from status and range, a refused request is
 * refused for its reason, and it equals the answer of the struct entry
 * (fields and lines[] set directly) with the same sizes.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
		*res = offsetof(struct condreq_result, answer);
		break;
	case 3:
		*rep = offsetof(struct condreq_rep, last_modified);
		break;
	case 4:
		*req = offsetof(struct condreq_request, lines);
		*rep = offsetof(struct condreq_rep, last_modified);
		*res = offsetof(struct condreq_result, answer);
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
	union { struct condreq_request r; unsigned char b[
	    sizeof(struct condreq_request) + ROOM]; } ua, ub;
	union { struct condreq_rep r; unsigned char b[
	    sizeof(struct condreq_rep) + ROOM]; } urep;
	union { struct condreq_result r; unsigned char b[
	    sizeof(struct condreq_result) + ROOM]; } ura, urb;
	struct condreq_request *a = &ua.r, *b = &ub.r;
	struct condreq_rep *rep = &urep.r;
	struct condreq_result *ra = &ura.r, *rb = &urb.r;
	struct condreq_line la[8], lb[8];
	const char *line[MAXL];
	size_t len[MAXL], i, start, qs, ps, rs;
	int n = 0, k, f, rc, want = 0;
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
	if (condreq_rep_init(rep, ps) != CONDREQ_OK)
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
	rc = condreq_request_init(a, qs);
	if (qs < offsetof(struct condreq_request, lines)) {
		/* Too small: refused, and so is every later use. */
		if (rc != CONDREQ_ESIZE)
			abort();
		a->size = (uint32_t)qs;
		b->size = (uint32_t)qs;
		want = CONDREQ_ESIZE;
	} else {
		condreq_request_init(b, qs);
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
		b->flags = a->flags;
		b->method = a->method;
		b->method_len = a->method_len;
		if (qs > offsetof(struct condreq_request, now)) {
			b->now = a->now;
			b->natural_status = a->natural_status;
		}
		if (qs > offsetof(struct condreq_request, lines_cap)) {
			b->lines = lb;
			b->lines_cap = 8;
		}
	}
	for (k = 2; k < n && want == 0; k++) {
		const char *c = memchr(line[k], ':', len[k]);
		const char **vp;
		size_t *lp, vl;
		const char *v;

		rc = condreq_request_line(a, line[k], len[k]);
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
		field_of(b, f, &vp, &lp);
		if (*vp == NULL) {
			*vp = v;
			*lp = vl;
		} else if (rc == 1) {
			lb[b->nlines].value = v;
			lb[b->nlines].len = vl;
			lb[b->nlines].field = f;
			lb[b->nlines].reserved = 0;
			b->nlines++;
		} else
			b->overflow |= 1u << f;
	}
	if (rs >= offsetof(struct condreq_result, answer)) {
		if (condreq_result_init(ra, rs) != CONDREQ_OK ||
		    condreq_result_init(rb, rs) != CONDREQ_OK)
			abort();
	} else {
		if (condreq_result_init(ra, rs) != CONDREQ_ESIZE)
			abort();
		ra->size = rb->size = (uint32_t)rs;
		want = CONDREQ_ESIZE;
	}
	if (want == 0 && (a->flags & ~(uint32_t)0x1f))
		want = CONDREQ_EFLAGS;
	rc = condreq_evaluate(a, (data[0] & 0x80) ? NULL : rep, ra);
	if (want != 0 && rc != want)
		abort();
	if (rc >= 0 && rc != 200 && rc != 304 && rc != 412 &&
	    rc != a->natural_status)
		abort();
	if (rc >= 0 && (ra->status != rc ||
	    (rs > offsetof(struct condreq_result, answer) &&
	    ra->answer != (ra->range && rc == 200 ? 206 : rc))))
		abort();
	if (rc == CONDREQ_ESTATUS && (a->natural_status == 0 ||
	    (a->natural_status >= 100 && a->natural_status <= 599)))
		abort();
	/* Deterministic; a result too small to hold an answer gets none. */
	if (condreq_evaluate(a, (data[0] & 0x80) ? NULL : rep, rb) != rc ||
	    (rs >= offsetof(struct condreq_result, answer) &&
	    (rb->status != ra->status || rb->range != ra->range)))
		abort();
	if (rs > offsetof(struct condreq_result, overflow)) {
		if (rb->ignored != ra->ignored ||
		    rb->decided_by != ra->decided_by)
			abort();
		condreq_result_init(rb, rs);
		if (condreq_evaluate(b, (data[0] & 0x80) ? NULL : rep, rb) !=
		    rc || rb->range != ra->range ||
		    rb->decided_by != ra->decided_by ||
		    rb->ignored != ra->ignored ||
		    rb->malformed != ra->malformed)
			abort();
	}
	free(p);
	return 0;
}
