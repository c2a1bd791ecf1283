/*
 * libFuzzer target: entity-tag lists. Properties: a list iterated twice
 * gives the same members; the input split into two field lines at any
 * comma gives the same members as one line; each member, formatted,
 * parses back to itself.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "condreq.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static unsigned long
digest(const char *p, size_t n, uint32_t flags, int *final)
{
	struct condreq_etag_iter it;
	struct condreq_etag t, back;
	unsigned long h = 5381;
	char buf[256];
	size_t i, len;
	int rc, fault, members = 0;

	condreq_etag_iter_init(&it, p, n, flags);
	while ((rc = condreq_etag_next(&it, &t, &fault, NULL)) != 0) {
		if ((rc != CONDREQ_TAG && rc != CONDREQ_STAR) || fault != 0)
			abort();
		members++;
		h = h * 33 + (unsigned long)rc + (unsigned long)t.weak * 7;
		for (i = 0; i < t.opaque_len; i++)
			h = h * 33 + (unsigned char)t.opaque[i];
		if (rc == CONDREQ_TAG && !(flags & CONDREQ_F_LENIENT_ETAG) &&
		    condreq_etag_format(&t, buf, sizeof(buf), &len) ==
		    CONDREQ_OK) {
			if (condreq_etag_parse(buf, len, 0, &back, NULL) !=
			    CONDREQ_OK || !condreq_etag_match_weak(&t, &back) ||
			    back.weak != t.weak)
				abort();
		}
	}
	/* A malformed line yields no member, and the end stays. */
	if ((fault != 0 && members != 0) ||
	    condreq_etag_next(&it, &t, &rc, NULL) != CONDREQ_END ||
	    rc != fault)
		abort();
	*final = fault;
	return h;
}

/* condreq_etag_list_match() against the iterator plus pairwise compares,
 * strong and weak, for the current tag cur as sent (NULL: none; one that
 * does not parse is skipped). */
static void
same_answer(const char *p, size_t size, uint32_t flags, const char *cur,
    size_t curlen)
{
	struct condreq_rep rep;
	struct condreq_etag_iter it;
	struct condreq_etag t;
	size_t pa, pb;
	int weak, rc, want, got, star, fault, fb;

	condreq_rep_init(&rep);
	if (condreq_rep_set_etag(&rep, cur, curlen,
	    flags & CONDREQ_F_LENIENT_ETAG, NULL) != CONDREQ_OK)
		return;
	for (weak = 0; weak < 2; weak++) {
		want = star = 0;
		pa = pb = 0;
		condreq_etag_iter_init(&it, p, size, flags);
		while ((rc = condreq_etag_next(&it, &t, &fb, &pb)) != 0) {
			star |= rc == CONDREQ_STAR;
			if (rc == CONDREQ_TAG && cur != NULL)
				want |= weak ? condreq_etag_match_weak(&rep.etag,
				    &t) : condreq_etag_match_strong(&rep.etag, &t);
		}
		/* "*" matches the representation; a malformed list gives 0
		 * and its fault, at the iterator's offset. */
		rc = fb;
		if (rc == CONDREQ_OK)
			want = star ? 1 : want;
		got = condreq_etag_list_match(&rep, p, size,
		    flags | (weak ? CONDREQ_F_WEAK_COMPARE : 0), &fault, &pa);
		if ((got != 0 && got != 1) ||
		    (rc < 0 ? got != 0 || fault != rc || pa != pb :
		    got != want || fault != CONDREQ_OK))
			abort();
	}
}

/*
 * The If-Match and If-None-Match conditions (13.1.1, 13.1.2) follow from
 * the list match, for a representation made from the input's first
 * member that exists or not (sw bit 0), or none at all (bit 1); and the
 * calls a caller can get wrong get their defined answers: a flag the
 * conditions refuse or an undefined one (bit 2), a NULL list (bit 3), a
 * representation whose size was spoiled (bit 4), a single-tag parse of
 * the whole input, an iterator continued on a line too early (bit 5).
 */
static void
conditions(const char *p, size_t size, uint32_t flags, unsigned sw)
{
	struct condreq_rep rep, *r = &rep;
	struct condreq_etag_iter it;
	struct condreq_etag t;
	char cbuf[300];
	size_t cl = 0, pos;
	int s, w, im, inm, fs, fw, fim, finm, fn, exists = (sw & 1) == 0;

	condreq_rep_init(&rep);
	condreq_etag_iter_init(&it, p, size, flags);
	if (condreq_etag_next(&it, &t, NULL, NULL) == CONDREQ_TAG &&
	    t.opaque_len < 200 &&
	    condreq_etag_format(&t, cbuf, sizeof(cbuf), &cl) == CONDREQ_OK)
		condreq_rep_set_etag(&rep, cbuf, cl, flags, NULL);
	rep.exists = exists;
	if (sw & 2)
		r = NULL;
	/* A refused call answers 0, the value that permits nothing. */
	if (sw & 4) {
		if (condreq_if_match(r, p, size, flags | CONDREQ_F_WEAK_COMPARE,
		    &fim, &pos) != 0 || fim != CONDREQ_EFLAGS ||
		    condreq_if_none_match(r, p, size, flags | (1u << 29),
		    &finm, &pos) != 0 || finm != CONDREQ_EFLAGS ||
		    condreq_etag_list_match(r, p, size, 1u << 29, &fs, &pos) !=
		    0 || fs != CONDREQ_EFLAGS ||
		    condreq_etag_parse(p, size, 1u << 29, &t, &pos) !=
		    CONDREQ_EFLAGS)
			abort();
	}
	if (sw & 8) {
		if (condreq_if_match(r, NULL, 0, flags, NULL, &pos) != 1 ||
		    condreq_if_none_match(r, NULL, 0, flags, NULL, &pos) != 1)
			abort();
	}
	/* Each predicate is exactly 0 or 1; malformed is 0 for all, with
	 * the same fault; otherwise the conditions follow from the match
	 * ("*" in the list matches the representation, if any). */
	s = condreq_etag_list_match(r, p, size, flags, &fs, &pos);
	w = condreq_etag_list_match(r, p, size, flags | CONDREQ_F_WEAK_COMPARE,
	    &fw, &pos);
	im = condreq_if_match(r, p, size, flags, &fim, &pos);
	inm = condreq_if_none_match(r, p, size, flags, &finm, &pos);
	exists = r != NULL && exists;
	if ((s | w | im | inm) & ~1)
		abort();
	if (fs != fw || fs != fim || fs != finm)
		abort();
	if (fs != CONDREQ_OK ? (s | w | im | inm) != 0 :
	    im != s || inm != !w)
		abort();
	if (sw & 16) {
		rep.size = 3;
		if (condreq_if_match(&rep, p, size, flags, &fim, &pos) != 0 ||
		    fim != CONDREQ_ESIZE ||
		    condreq_if_none_match(&rep, p, size, flags, &finm, &pos) !=
		    0 || finm != CONDREQ_ESIZE ||
		    condreq_etag_list_match(&rep, p, size, flags, &fs, &pos) !=
		    0 || fs != CONDREQ_ESIZE ||
		    condreq_rep_set_etag(&rep, p, size, flags, &pos) !=
		    CONDREQ_ESIZE)
			abort();
	}
	/* NULL where a pointer is needed, and errors that stay (bit 6). */
	if (sw & 64) {
		if (condreq_etag_parse(p, size, flags, NULL, &pos) !=
		    CONDREQ_EINVAL ||
		    condreq_etag_next(NULL, &t, &fn, &pos) != CONDREQ_END ||
		    fn != CONDREQ_EINVAL ||
		    condreq_etag_iter_add(NULL, p, size) != CONDREQ_EINVAL ||
		    condreq_etag_iter_init(NULL, p, size, flags) !=
		    CONDREQ_EINVAL)
			abort();
		condreq_etag_iter_init(&it, p, size, flags);
		if (condreq_etag_next(&it, NULL, &fn, &pos) != CONDREQ_END ||
		    fn != CONDREQ_EINVAL)
			abort();
		if (condreq_etag_iter_init(&it, p, size, 1u << 29) !=
		    CONDREQ_EFLAGS || condreq_etag_next(&it, &t, &fn, &pos) !=
		    CONDREQ_END || fn != CONDREQ_EFLAGS ||
		    condreq_etag_next(&it, &t, &fn, &pos) != CONDREQ_END ||
		    fn != CONDREQ_EFLAGS ||
		    condreq_etag_iter_add(&it, p, size) != CONDREQ_EFLAGS)
			abort();
	}
	/* One tag filling the whole value, or the reason it is not. */
	if (condreq_etag_parse(p, size, flags, &t, &pos) == CONDREQ_OK &&
	    (pos != size || t.opaque_len > size))
		abort();
	if ((sw & 32) && size > 0) {
		condreq_etag_iter_init(&it, p, size, flags);
		if (condreq_etag_next(&it, &t, NULL, NULL) == CONDREQ_TAG &&
		    it.pos < it.len &&
		    condreq_etag_iter_add(&it, p, size) != CONDREQ_EINVAL)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	uint32_t flags = 0;
	unsigned sw = 0;
	char *p;
	int rc1, rc2;
	unsigned long h1, h2;

	/* Byte 0: bit 0 lenient; bits 1-7 switch the API-surface checks. */
	if (size > 0) {
		flags = data[0] & 1 ? CONDREQ_F_LENIENT_ETAG : 0;
		sw = data[0] >> 1;
		data++;
		size--;
	}
	p = malloc(size ? size : 1);
	memcpy(p, data, size);
	h1 = digest(p, size, flags, &rc1);
	h2 = digest(p, size, flags, &rc2);
	if (h1 != h2 || rc1 != rc2)
		abort();
	/* The matcher (with its skips: a member that is the current tag's
	 * bytes, a line that is the tag as sent) agrees, code and offset,
	 * with a match computed member by member through the iterator, for
	 * current tags taken from the input: its first member, the whole
	 * input when it is one tag, and its first bytes quoted. */
	{
		char cbuf[300];
		size_t cl, k;
		struct condreq_etag t;
		struct condreq_etag_iter it;

		condreq_etag_iter_init(&it, p, size, flags);
		if (condreq_etag_next(&it, &t, NULL, NULL) == CONDREQ_TAG &&
		    t.opaque_len < 200 && condreq_etag_format(&t, cbuf,
		    sizeof(cbuf), &cl) == CONDREQ_OK)
			same_answer(p, size, flags, cbuf, cl);
		if (condreq_etag_parse(p, size, flags, &t, NULL) == CONDREQ_OK)
			same_answer(p, size, flags, p, size);
		for (k = 0; k < 3; k++) {
			cl = (size_t)snprintf(cbuf, sizeof(cbuf), "%s\"%.*s\"",
			    k == 2 ? "W/" : "", (int)(size < k * 9 ? size :
			    k * 9), p);
			same_answer(p, size, flags, cbuf, cl);
		}
		same_answer(p, size, flags, NULL, 0);
	}
	conditions(p, size, flags, sw);
	/* Split at the first comma outside quotes: same list (RFC 9110 5.3). */
	if (rc1 == CONDREQ_END) {
		struct condreq_etag_iter it;
		struct condreq_etag t;
		size_t i, cut = size;
		int q = 0, n1 = 0, n2 = 0, fault;

		for (i = 0; i < size; i++) {
			if (p[i] == '"')
				q = !q;
			else if (p[i] == ',' && !q) {
				cut = i;
				break;
			}
		}
		condreq_etag_iter_init(&it, p, size, flags);
		while (condreq_etag_next(&it, &t, NULL, NULL))
			n1++;
		if (cut < size) {
			condreq_etag_iter_init(&it, p, cut, flags);
			while (condreq_etag_next(&it, &t, &fault, NULL))
				n2++;
			if (fault == CONDREQ_OK) {
				condreq_etag_iter_add(&it, p + cut + 1,
				    size - cut - 1);
				while (condreq_etag_next(&it, &t, &fault,
				    NULL))
					n2++;
				if (fault != CONDREQ_OK || n1 != n2)
					abort();
			}
		}
	}
	free(p);
	return 0;
}
