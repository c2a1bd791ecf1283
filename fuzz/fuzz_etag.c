/*
 * libFuzzer target: entity-tag lists. Properties: a list iterated twice
 * gives the same members; the input split into two field lines at any
 * comma gives the same members as one line; each member, formatted,
 * parses back to itself.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdlib.h>
#include <string.h>

#include "condreq.h"
#include "../src/condreq_int.h"	/* cr_list_match, cr_list_match_ref */

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static unsigned long
digest(const char *p, size_t n, uint32_t flags, int *final)
{
	struct condreq_etag_iter it;
	struct condreq_etag t, back;
	unsigned long h = 5381;
	char buf[256];
	size_t i, len;
	int rc;

	condreq_etag_iter_init(&it, p, n, flags);
	while ((rc = condreq_etag_next(&it, &t, NULL)) > 0) {
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
	*final = rc;
	return h;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	uint32_t flags = 0;
	char *p;
	int rc1, rc2;
	unsigned long h1, h2;

	if (size > 0) {
		flags = data[0] & 1 ? CONDREQ_F_LENIENT_ETAG : 0;
		data++;
		size--;
	}
	p = malloc(size ? size : 1);
	memcpy(p, data, size);
	h1 = digest(p, size, flags, &rc1);
	h2 = digest(p, size, flags, &rc2);
	if (h1 != h2 || rc1 != rc2)
		abort();
	/* condreq_etag_list_match (with its fast path) agrees with a match
	 * computed member by member through the iterator, for a current tag
	 * taken from the input itself. */
	{
		struct condreq_etag_iter it;
		struct condreq_etag t, cur;
		char cbuf[300];
		size_t cl;
		int rc, want_s = 0, want_w = 0, have = 0, got;

		condreq_etag_iter_init(&it, p, size, flags);
		while ((rc = condreq_etag_next(&it, &t, NULL)) > 0) {
			if (rc != CONDREQ_TAG)
				continue;
			if (!have && t.opaque_len < 200 &&
			    condreq_etag_format(&t, cbuf, sizeof(cbuf), &cl) ==
			    CONDREQ_OK && condreq_etag_parse(cbuf, cl, 0, &cur,
			    NULL) == CONDREQ_OK)
				have = 1;
			if (have) {
				want_s |= condreq_etag_match_strong(&cur, &t);
				want_w |= condreq_etag_match_weak(&cur, &t);
			}
		}
		if (have) {
			got = condreq_etag_list_match(p, size, cbuf, cl, flags,
			    NULL);
			if (rc < 0 ? got != rc : (rc == CONDREQ_END &&
			    got != want_s && got != CONDREQ_STAR))
				abort();
			got = condreq_etag_list_match(p, size, cbuf, cl,
			    flags | CONDREQ_F_WEAK_COMPARE, NULL);
			if (rc < 0 ? got != rc : (rc == CONDREQ_END &&
			    got != want_w && got != CONDREQ_STAR))
				abort();
		}
	}
	/* The fast loop and its reference agree on code and offset, with no
	 * current tag and with tags cut from the input's first bytes. */
	{
		struct condreq_etag cur;
		size_t pa, pb, k;
		uint32_t f;

		for (k = 0; k < 3; k++) {
			cur.opaque = p;
			cur.opaque_len = size < k * 9 ? size : k * 9;
			cur.weak = (int32_t)(k == 2);
			cur.reserved = 0;
			for (f = 0; f < 2; f++) {
				uint32_t fl = flags |
				    (f ? CONDREQ_F_WEAK_COMPARE : 0);

				if (cr_list_match(p, size, k ? &cur : NULL, fl,
				    &pa) != cr_list_match_ref(p, size,
				    k ? &cur : NULL, fl, &pb) || pa != pb)
					abort();
			}
		}
	}
	/* Split at the first comma outside quotes: same list (RFC 9110 5.3). */
	if (rc1 == CONDREQ_END) {
		struct condreq_etag_iter it;
		struct condreq_etag t;
		size_t i, cut = size;
		int q = 0, n1 = 0, n2 = 0, rc;

		for (i = 0; i < size; i++) {
			if (p[i] == '"')
				q = !q;
			else if (p[i] == ',' && !q) {
				cut = i;
				break;
			}
		}
		condreq_etag_iter_init(&it, p, size, flags);
		while (condreq_etag_next(&it, &t, NULL) > 0)
			n1++;
		if (cut < size) {
			condreq_etag_iter_init(&it, p, cut, flags);
			while ((rc = condreq_etag_next(&it, &t, NULL)) > 0)
				n2++;
			if (rc == CONDREQ_END) {
				condreq_etag_iter_add(&it, p + cut + 1,
				    size - cut - 1);
				while ((rc = condreq_etag_next(&it, &t, NULL)) > 0)
					n2++;
				if (rc != CONDREQ_END || n1 != n2)
					abort();
			}
		}
	}
	free(p);
	return 0;
}
