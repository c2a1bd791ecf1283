/*
 * Entity-tag tests, RFC 9110 sections 8.8.3, 5.6.1, 5.3, 13.1.1, 13.1.2.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "condreq.h"
#include "testutil.h"

enum { L_IN, L_FLAGS, L_CODE, L_MEMBERS, L_POS, L_SEC, L_NOTE, L_RULE };

static const struct tsv *
lists(void)
{
	return tsv_load("etag_lists.tsv");
}

static const struct tsv *
compares(void)
{
	return tsv_load("etag_compare.tsv");
}

/* Iterate buf, writing canonical members space-separated into out;
 * returns the fault (CONDREQ_OK when the list ended well) and sets *pos. */
static int
iterate(const char *buf, size_t n, uint32_t flags, char *out, size_t outsz,
    size_t *pos)
{
	struct condreq_etag_iter it;
	struct condreq_etag t;
	size_t used = 0, w;
	int rc, fault;

	out[0] = '\0';
	condreq_etag_iter_init(&it, buf, n, flags);
	while ((rc = condreq_etag_next(&it, &t, &fault, pos)) != CONDREQ_END) {
		ck_assert_msg(rc == CONDREQ_TAG || rc == CONDREQ_STAR,
		    "condreq_etag_next returned %d", rc);
		ck_assert_int_eq(fault, CONDREQ_OK);
		if (used > 0 && used < outsz)
			out[used++] = ' ';
		if (rc == CONDREQ_STAR) {
			if (used < outsz)
				out[used++] = '*';
		} else {
			condreq_etag_format(&t, out + used, outsz - used, &w);
			used += w;
		}
		if (used >= outsz)
			ck_abort_msg("member buffer too small");
		out[used] = '\0';
	}
	return fault;
}

static void
check_list_row(const struct tsv_row *r, const char *buf, size_t n)
{
	char got[4096], want[4096];
	size_t pos = 999999, wn;
	int rc = iterate(buf, n, flags_parse(r->col[L_FLAGS]), got,
	    sizeof(got), &pos);

	ck_assert_msg(rc == code_of_name(r->col[L_CODE]) ||
	    (rc == CONDREQ_OK && strcmp(r->col[L_CODE], "CONDREQ_OK") == 0),
	    "etag_lists.tsv line %d '%s': got %s want %s", r->lineno,
	    r->col[L_IN],
	    condreq_code_name(rc), r->col[L_CODE]);
	if (rc == CONDREQ_OK) {
		wn = strcmp(r->col[L_MEMBERS], "-") == 0 ? 0 :
		    unescape(r->col[L_MEMBERS], want, sizeof(want) - 1);
		want[wn] = '\0';
		ck_assert_msg(strlen(got) == wn && memcmp(got, want, wn) == 0,
		    "etag_lists.tsv line %d: members [%s] want [%s]", r->lineno, got,
		    r->col[L_MEMBERS]);
	} else {
		/* A malformed line yields none of its members. */
		ck_assert_msg(got[0] == '\0', "etag_lists.tsv line %d: members "
		    "[%s] of a malformed list", r->lineno, got);
		ck_assert_msg(pos == strtoul(r->col[L_POS], NULL, 10),
		    "etag_lists.tsv line %d: errpos %zu want %s", r->lineno, pos,
		    r->col[L_POS]);
	}
}

/* One test per row of test/vectors/etag_lists.tsv, from a heap copy of
 * exactly the right size and from a buffer that ends at a guard page.
 * (The matcher's answers on the same lists: test_etag_match_skips_agree.) */
START_TEST(test_etag_list_vectors)
{
	const struct tsv_row *r = &lists()->rows[_i];
	char raw[1024];
	size_t n = unescape(r->col[L_IN], raw, sizeof(raw));

	both_buffers(r, raw, n, check_list_row);
}
END_TEST

/* Every truncation of every valid list: no byte past the length is read,
 * an error's offset is inside the prefix, and the members of a valid
 * prefix of a strict list are a prefix of the whole list's members. */
static const int *valid_lists;	/* rows of valid lists: tc_etag() */

START_TEST(test_etag_list_truncations)
{
	const struct tsv_row *r = &lists()->rows[valid_lists[_i]];
	uint32_t flags = flags_parse(r->col[L_FLAGS]);
	char raw[1024], full[4096], part[4096], *g;
	size_t n = unescape(r->col[L_IN], raw, sizeof(raw)), k, pos;
	int rc;

	ck_assert_msg(iterate(raw, n, flags, full, sizeof(full), &pos) ==
	    CONDREQ_OK, "etag_lists.tsv line %d: not a valid list", r->lineno);
	for (k = 0; k < n; k++) {
		g = guard_copy(raw, k);
		rc = iterate(g, k, flags, part, sizeof(part), &pos);
		guard_free(g, k);
		ck_assert_msg(pos <= k, "etag_lists.tsv line %d prefix %zu: "
		    "errpos %zu",
		    r->lineno, k, pos);
		if (rc == CONDREQ_OK && flags == 0 && strcmp(part, "*") != 0)
			ck_assert_msg(strncmp(full, part, strlen(part)) == 0,
			    "etag_lists.tsv line %d prefix %zu: [%s] not a "
			    "prefix of [%s]",
			    r->lineno, k, part, full);
	}
}
END_TEST

/* RFC 9110 8.8.3.2: the comparison table, both ways round. */
START_TEST(test_etag_8_8_3_2_comparison_table)
{
	const struct tsv_row *r = &compares()->rows[_i];
	char a[256], b[256];
	size_t an = unescape(r->col[0], a, sizeof(a));
	size_t bn = unescape(r->col[1], b, sizeof(b));
	struct condreq_etag ta, tb;
	int strong = strcmp(r->col[2], "match") == 0;
	int weak = strcmp(r->col[3], "match") == 0;

	/* Both tags end at guard pages. */
	char *ga = guard_copy(a, an), *gb = guard_copy(b, bn);

	ck_assert_int_eq(condreq_etag_parse(ga, an, 0, &ta, NULL), CONDREQ_OK);
	ck_assert_int_eq(condreq_etag_parse(gb, bn, 0, &tb, NULL), CONDREQ_OK);
	ck_assert_int_eq(condreq_etag_match_strong(&ta, &tb), strong);
	ck_assert_int_eq(condreq_etag_match_strong(&tb, &ta), strong);
	ck_assert_int_eq(condreq_etag_match_weak(&ta, &tb), weak);
	ck_assert_int_eq(condreq_etag_match_weak(&tb, &ta), weak);
	/* The list helpers agree with the pairwise functions. */
	ck_assert_int_eq(list_match_str(gb, bn, ga, an, 0, NULL),
	    strong);
	ck_assert_int_eq(list_match_str(gb, bn, ga, an,
	    CONDREQ_F_WEAK_COMPARE, NULL), weak);
	guard_free(ga, an);
	guard_free(gb, bn);
}
END_TEST

START_TEST(test_etag_parse_single)
{
	struct condreq_etag t;
	size_t pos;

	ck_assert_int_eq(condreq_etag_parse("W/\"x\"", 5, 0, &t, &pos),
	    CONDREQ_OK);
	ck_assert_int_eq(t.weak, 1);
	ck_assert_uint_eq(t.opaque_len, 1);
	ck_assert_int_eq(t.opaque[0], 'x');
	ck_assert_uint_eq(pos, 5);
	ck_assert_int_eq(condreq_etag_parse("\"x\" ", 4, 0, &t, &pos),
	    CONDREQ_ETRAILING);
	ck_assert_uint_eq(pos, 3);
	ck_assert_int_eq(condreq_etag_parse("\"x\",\"y\"", 7, 0, &t, &pos),
	    CONDREQ_ETRAILING);
	ck_assert_int_eq(condreq_etag_parse("", 0, 0, &t, &pos), CONDREQ_EEMPTY);
	ck_assert_int_eq(condreq_etag_parse(NULL, 3, 0, &t, &pos),
	    CONDREQ_EEMPTY);
	ck_assert_int_eq(condreq_etag_parse("\"x\"", 3, 0, NULL, &pos),
	    CONDREQ_EINVAL);
	/* The result points into the caller's buffer: nothing is copied. */
	{
		const char *s = "\"abc\"";

		condreq_etag_parse(s, 5, 0, &t, NULL);
		ck_assert_ptr_eq(t.opaque, s + 1);
	}
}
END_TEST

/* RFC 9110 5.3: several field lines are one list, joined by commas. */
START_TEST(test_etag_5_3_several_lines)
{
	struct condreq_etag_iter it;
	struct condreq_etag t;
	size_t pos;
	int rc, fault, n = 0;

	condreq_etag_iter_init(&it, "\"a\", \"b\"", 8, 0);
	while ((rc = condreq_etag_next(&it, &t, &fault, NULL)) == CONDREQ_TAG)
		n++;
	ck_assert_int_eq(rc, CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_OK);
	ck_assert_int_eq(condreq_etag_iter_add(&it, " \"c\" ,", 6), CONDREQ_OK);
	while ((rc = condreq_etag_next(&it, &t, &fault, NULL)) == CONDREQ_TAG)
		n++;
	ck_assert_int_eq(rc, CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_OK);
	ck_assert_int_eq(t.opaque[0], 'c');
	ck_assert_int_eq(n, 3);

	/* "*" on one line and a tag on another is "*" inside a list. */
	condreq_etag_iter_init(&it, "*", 1, 0);
	ck_assert_int_eq(condreq_etag_next(&it, &t, NULL, NULL), CONDREQ_STAR);
	ck_assert_int_eq(condreq_etag_next(&it, &t, &fault, NULL),
	    CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_OK);
	condreq_etag_iter_add(&it, "\"a\"", 3);
	ck_assert_int_eq(condreq_etag_next(&it, &t, &fault, &pos),
	    CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_ESYNTAX);
	ck_assert_uint_eq(pos, 0);
	/* Faults are kept. */
	ck_assert_int_eq(condreq_etag_next(&it, &t, &fault, NULL),
	    CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_ESYNTAX);
	ck_assert_int_eq(condreq_etag_iter_add(&it, "x", 1), CONDREQ_ESYNTAX);

	/* A tag, then "*" on the next line. */
	condreq_etag_iter_init(&it, "\"a\"", 3, 0);
	ck_assert_int_eq(condreq_etag_next(&it, &t, NULL, NULL), CONDREQ_TAG);
	ck_assert_int_eq(condreq_etag_next(&it, &t, NULL, NULL), CONDREQ_END);
	condreq_etag_iter_add(&it, "*", 1);
	ck_assert_int_eq(condreq_etag_next(&it, &t, &fault, NULL),
	    CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_ESYNTAX);

	/* A second line with a good member before a bad one gives neither. */
	condreq_etag_iter_init(&it, "\"a\"", 3, 0);
	ck_assert_int_eq(condreq_etag_next(&it, &t, NULL, NULL), CONDREQ_TAG);
	ck_assert_int_eq(condreq_etag_next(&it, &t, NULL, NULL), CONDREQ_END);
	condreq_etag_iter_add(&it, "\"b\", \"c", 7);
	ck_assert_int_eq(condreq_etag_next(&it, &t, &fault, &pos),
	    CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_ESYNTAX);
	ck_assert_uint_eq(pos, 7);

	/* An empty line adds nothing: "*" stays the whole value. */
	condreq_etag_iter_init(&it, "*", 1, 0);
	ck_assert_int_eq(condreq_etag_next(&it, &t, NULL, NULL), CONDREQ_STAR);
	ck_assert_int_eq(condreq_etag_next(&it, &t, NULL, NULL), CONDREQ_END);
	condreq_etag_iter_add(&it, " ", 1);
	ck_assert_int_eq(condreq_etag_next(&it, &t, &fault, NULL),
	    CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_OK);

	/* Adding before a line is used up would lose members. */
	condreq_etag_iter_init(&it, "\"a\", \"b\"", 8, 0);
	ck_assert_int_eq(condreq_etag_next(&it, &t, NULL, NULL), CONDREQ_TAG);
	ck_assert_int_eq(condreq_etag_iter_add(&it, "\"c\"", 3), CONDREQ_EINVAL);
}
END_TEST

/*
 * The loop a caller writes, while (condreq_etag_next(...)), on every
 * malformed list of test/vectors/etag_lists.tsv: it ends, it yields no
 * member (the list is malformed as a whole, RFC 9110 5.6.1), every later
 * call ends too, and a caller that passes fault learns the vector's code
 * and offset. No return value can be taken for a member of a bad list.
 */
static int bad_rows[512];	/* rows of malformed lists: tc_etag() */
static int nbad;

START_TEST(test_etag_next_malformed_never_yields)
{
	const struct tsv_row *r = &lists()->rows[bad_rows[_i]];
	uint32_t flags = flags_parse(r->col[L_FLAGS]);
	struct condreq_etag_iter it;
	struct condreq_etag t;
	char raw[1024], *g;
	size_t n = unescape(r->col[L_IN], raw, sizeof(raw)), pos = 99999;
	int calls = 0, fault = 12345, k;

	g = guard_copy(raw, n);
	condreq_etag_iter_init(&it, g, n, flags);
	while (condreq_etag_next(&it, &t, NULL, NULL))
		ck_assert_msg(++calls <= 0, "etag_lists.tsv line %d: a member "
		    "of a malformed list", r->lineno);
	for (k = 0; k < 3; k++) {
		ck_assert_int_eq(condreq_etag_next(&it, &t, &fault, &pos),
		    CONDREQ_END);
		ck_assert_msg(fault == code_of_name(r->col[L_CODE]) &&
		    fault != CONDREQ_OK, "etag_lists.tsv line %d: fault %s "
		    "want %s", r->lineno, condreq_code_name(fault),
		    r->col[L_CODE]);
		ck_assert_uint_eq(pos, strtoul(r->col[L_POS], NULL, 10));
	}
	guard_free(g, n);
}
END_TEST

/* A 10,000-member list, matched at the end and not at all. */
START_TEST(test_etag_ten_thousand_members)
{
	size_t cap = 10000 * 12 + 16, n = 0, pos;
	char *buf = malloc(cap), *g;
	int i, count = 0, rc;
	struct condreq_etag_iter it;
	struct condreq_etag t;

	for (i = 0; i < 10000; i++)
		n += (size_t)sprintf(buf + n, "%s\"t%d\"", i ? ", " : "", i);
	g = guard_copy(buf, n);
	condreq_etag_iter_init(&it, g, n, 0);
	while ((rc = condreq_etag_next(&it, &t, NULL, &pos)) == CONDREQ_TAG)
		count++;
	ck_assert_int_eq(rc, CONDREQ_END);
	ck_assert_int_eq(count, 10000);
	ck_assert_int_eq(list_match_str(g, n, "\"t9999\"", 7, 0, NULL),
	    CONDREQ_MATCH);
	ck_assert_int_eq(list_match_str(g, n, "\"t10000\"", 8, 0,
	    NULL), CONDREQ_NOMATCH);
	ck_assert_int_eq(if_none_match_str(g, n, "W/\"t5000\"", 9, 1, 0,
	    NULL), 0);
	guard_free(g, n);
	free(buf);
}
END_TEST

/* 1 MiB values: one huge tag, a list of commas, a run of spaces, and an
 * unterminated quote; each answered, from a guard-page buffer. */
START_TEST(test_etag_one_mebibyte)
{
	size_t n = 1u << 20, pos;
	char *buf = malloc(n), *g;
	struct condreq_etag t;

	memset(buf, 'a', n);
	buf[0] = '"';
	buf[n - 1] = '"';
	g = guard_copy(buf, n);
	ck_assert_int_eq(condreq_etag_parse(g, n, 0, &t, &pos), CONDREQ_OK);
	ck_assert_uint_eq(t.opaque_len, n - 2);
	ck_assert_int_eq(list_match_str(g, n, "\"a\"", 3, 0, NULL),
	    CONDREQ_NOMATCH);
	guard_free(g, n);

	buf[n - 1] = 'a';
	g = guard_copy(buf, n);
	ck_assert_int_eq(list_match_str(g, n, "\"a\"", 3, 0, &pos),
	    CONDREQ_ESYNTAX);
	ck_assert_uint_eq(pos, n);
	guard_free(g, n);

	memset(buf, ',', n);
	g = guard_copy(buf, n);
	ck_assert_int_eq(list_match_str(g, n, "\"a\"", 3, 0, NULL),
	    CONDREQ_NOMATCH);
	guard_free(g, n);

	memset(buf, ' ', n);
	g = guard_copy(buf, n);
	ck_assert_int_eq(if_match_str(g, n, "\"a\"", 3, 1, 0, NULL), 0);
	guard_free(g, n);
	free(buf);
}
END_TEST

/* 13.1.1 / 13.1.2: the "*" rules and the comparison each field uses. */
START_TEST(test_etag_13_1_star_rules)
{
	/* If-Match: * is true iff a current representation exists. */
	ck_assert_int_eq(if_match_str("*", 1, "\"a\"", 3, 1, 0, NULL), 1);
	ck_assert_int_eq(if_match_str("*", 1, NULL, 0, 1, 0, NULL), 1);
	ck_assert_int_eq(if_match_str("*", 1, NULL, 0, 0, 0, NULL), 0);
	/* If-None-Match: * is false iff one exists. */
	ck_assert_int_eq(if_none_match_str("*", 1, "\"a\"", 3, 1, 0,
	    NULL), 0);
	ck_assert_int_eq(if_none_match_str("*", 1, NULL, 0, 0, 0, NULL), 1);
	/* If-Match uses strong comparison: a weak current tag never matches. */
	ck_assert_int_eq(if_match_str("W/\"a\"", 5, "W/\"a\"", 5, 1, 0,
	    NULL), 0);
	ck_assert_int_eq(if_match_str("\"a\"", 3, "\"a\"", 3, 1, 0, NULL), 1);
	/* If-None-Match uses weak comparison. */
	ck_assert_int_eq(if_none_match_str("W/\"a\"", 5, "\"a\"", 3, 1, 0,
	    NULL), 0);
	ck_assert_int_eq(if_none_match_str("\"b\"", 3, "\"a\"", 3, 1, 0,
	    NULL), 1);
	/* No representation: no list member can match. */
	ck_assert_int_eq(if_match_str("\"a\"", 3, "\"a\"", 3, 0, 0, NULL), 0);
	/* A match does not excuse a malformed member after it. */
	ck_assert_int_eq(if_match_str("\"a\", junk", 10, "\"a\"", 3, 1, 0,
	    NULL), CONDREQ_EUNQUOTED);
	/* A malformed current tag is refused when it is set, not matched. */
	{
		struct condreq_rep rep;

		ck_assert_int_eq(rep_with(&rep, "a", 1, 1, 0), CONDREQ_EUNQUOTED);
		ck_assert_int_eq(condreq_if_match(&rep, "\"a\"", 3, 0, NULL,
		    NULL), 0);
		ck_assert_int_eq(condreq_if_none_match(&rep, "\"a\"", 3, 0,
		    NULL, NULL), 1);
	}
	/* Absent header: no condition. */
	ck_assert_int_eq(if_match_str(NULL, 0, "\"a\"", 3, 1, 0, NULL), 1);
}
END_TEST

START_TEST(test_etag_make_and_weaken)
{
	char buf[64];
	size_t n;
	struct condreq_etag t;
	static const unsigned char hash[5] = { 0xfb, 0xff, 0x00, 0x10, 0x20 };

	ck_assert_int_eq(condreq_etag_make(4096, 1700000000123456789LL, 0x2a,
	    buf, sizeof(buf), &n), CONDREQ_OK);
	ck_assert_str_eq(buf, "\"1000-17979cfe3d85cd15-2a\"");
	ck_assert_uint_eq(n, strlen(buf));
	ck_assert_int_eq(condreq_etag_parse(buf, n, 0, &t, NULL), CONDREQ_OK);
	ck_assert_int_eq(t.weak, 0);
	/* Any change of size, time or inode changes the tag. */
	{
		char b2[64];

		condreq_etag_make(4096, 1700000000123456790LL, 0x2a, b2,
		    sizeof(b2), NULL);
		ck_assert_str_ne(buf, b2);
	}
	ck_assert_int_eq(condreq_etag_make(0, 0, 0, buf, sizeof(buf), &n),
	    CONDREQ_OK);
	ck_assert_str_eq(buf, "\"0-0\"");
	/* Short buffer: the size needed, nothing past the buffer. */
	memset(buf, 'z', sizeof(buf));
	ck_assert_int_eq(condreq_etag_make(4096, 1, 2, buf, 4, &n),
	    CONDREQ_ENOSPC);
	ck_assert_uint_eq(n, 10);
	ck_assert_int_eq(buf[4], 'z');

	ck_assert_int_eq(condreq_etag_make_hash(hash, 5, buf, sizeof(buf), &n),
	    CONDREQ_OK);
	ck_assert_str_eq(buf, "\"-_8AECA\"");
	ck_assert_int_eq(condreq_etag_parse(buf, n, 0, &t, NULL), CONDREQ_OK);
	ck_assert_int_eq(condreq_etag_make_hash(hash, 3, buf, sizeof(buf), &n),
	    CONDREQ_OK);
	ck_assert_str_eq(buf, "\"-_8A\"");
	ck_assert_int_eq(condreq_etag_make_hash(hash, 4, buf, sizeof(buf), &n),
	    CONDREQ_OK);
	ck_assert_str_eq(buf, "\"-_8AEA\"");

	ck_assert_int_eq(condreq_etag_weaken("\"abc\"", 5, buf, sizeof(buf),
	    &n), CONDREQ_OK);
	ck_assert_str_eq(buf, "W/\"abc\"");
	ck_assert_uint_eq(n, 7);
	ck_assert_int_eq(condreq_etag_weaken("W/\"abc\"", 7, buf, sizeof(buf),
	    &n), CONDREQ_OK);
	ck_assert_str_eq(buf, "W/\"abc\"");
	ck_assert_int_eq(condreq_etag_weaken("abc", 3, buf, sizeof(buf), &n),
	    CONDREQ_EUNQUOTED);
	ck_assert_int_eq(condreq_etag_weaken("\"abc\"", 5, buf, 6, &n),
	    CONDREQ_ENOSPC);
	ck_assert_uint_eq(n, 7);
}
END_TEST

/*
 * The matcher against the plain iterator: the iterator compares nothing
 * and so takes neither of the matcher's skips (a member that is the
 * current tag's bytes, a line that is the current tag as sent). Both must
 * give the same answer and error offset on buf[0 .. n), for the current
 * tag cur as sent (NULL: none), by strong and by weak comparison.
 */
/* Where the list being compared came from, for failure messages. */
static char origin[96];

static void
same_answer(const char *buf, size_t n, const char *cur, size_t curlen,
    uint32_t flags)
{
	struct condreq_rep rep;
	struct condreq_etag_iter it;
	struct condreq_etag t;
	size_t pa, pb;
	int weak, ra, rb, found, star, fault, fb;

	if (rep_with(&rep, cur, curlen, 1, flags) != CONDREQ_OK)
		ck_abort_msg("%s: current tag '%.*s'", origin, (int)curlen,
		    cur);
	for (weak = 0; weak < 2; weak++) {
		pa = pb = 99999;
		found = star = 0;
		condreq_etag_iter_init(&it, buf, n, flags);
		while ((rb = condreq_etag_next(&it, &t, &fb, &pb)) != 0) {
			star |= rb == CONDREQ_STAR;
			if (rb == CONDREQ_TAG && cur != NULL)
				found |= weak ? condreq_etag_match_weak(&rep.etag,
				    &t) : condreq_etag_match_strong(&rep.etag, &t);
		}
		/* "*" matches the representation, which exists here. */
		rb = fb != CONDREQ_OK ? fb : star ? 1 : found;
		ra = condreq_etag_list_match(&rep, buf, n,
		    flags | (weak ? CONDREQ_F_WEAK_COMPARE : 0), &fault, &pa);
		if (fault != CONDREQ_OK)
			ra = ra != 0 ? 99 : fault;
		if (ra != rb || (rb < 0 && pa != pb))
			ck_abort_msg("%s: list '%.*s' (%zu bytes), current "
			    "'%.*s', flags %u, %s: matcher %d@%zu, iterator "
			    "%d@%zu", origin, (int)(n > 80 ? 80 : n), buf, n,
			    (int)curlen,
			    cur != NULL ? cur : "", flags, weak ? "weak" :
			    "strong", ra, pa, rb, pb);
	}
}

/* Current tags of every length from 0 to 26 (the compare treats under 8,
 * 8, under 16, 16 and over 16 differently, and the sent-tag check 4 to 8,
 * 9 to 16 and 17 to 24 bytes), strong and weak, all prefixes of one string so that
 * near misses abound; the list's own members; and the whole list when it
 * is one tag, so that the line is the tag as sent. */
static void
same_answer_all(const char *buf, size_t n, uint32_t flags)
{
	static const char body[] = "0123456789abcdefghijklmnop";
	struct condreq_etag_iter it;
	struct condreq_etag t;
	char tag[32], own[1024];
	size_t len, ol;
	int weak, k = 0;

	same_answer(buf, n, NULL, 0, flags);
	condreq_etag_iter_init(&it, buf, n, flags);
	while (k++ < 4 && condreq_etag_next(&it, &t, NULL, NULL) == CONDREQ_TAG &&
	    condreq_etag_format(&t, own, sizeof(own), &ol) == CONDREQ_OK)
		same_answer(buf, n, own, ol, flags);
	if (condreq_etag_parse(buf, n, flags, &t, NULL) == CONDREQ_OK)
		same_answer(buf, n, buf, n, flags);
	for (len = 0; len < sizeof(body); len++)
		for (weak = 0; weak < 2; weak++) {
			snprintf(tag, sizeof(tag), "%s\"%.*s\"", weak ? "W/" : "",
			    (int)len, body);
			same_answer(buf, n, tag, strlen(tag), flags);
		}
}

/* Every list of test/vectors/etag_lists.tsv and some longer ones, as
 * they are, with every byte replaced by each of 256 values, and at every
 * truncation. */
START_TEST(test_etag_match_skips_agree)
{
	static const char *const extra[] = {
		"\"zz1-00017a3c\", \"zz1-00017a3d\", \"5e1-00017a3c\"",
		("\"0\", \"01\", \"012\", \"0123\", \"01234\", \"012345\", "
		    "\"0123456\", \"01234567\", \"012345678\", "
		    "\"0123456789\""),
		("W/\"0123456789a\", \"0123456789ab\", \"0123456789abc\", "
		    "\"0123456789abcd\", \"0123456789abcde\", "
		    "W/\"0123456789abcdef\", \"0123456789abcdefg\""),
		"W/\"0123456789abcdef\", \"0123456789abcdefg\",\"12345678\"",
		"\"a\",\"12345678\", W/\"5e1-00017a3c\" ,\t\"\"",
		"\"0123456789abcdefghij0123456789\", W/\"xyzzy\"",
		"\"a!b\", \"\\x80\\xff\", \"a b\"",
		("\"\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\", "
		    "\"!!!!!!!!!!!!\", \"a!b!c!d!e!f!g!h\""),
		"\"xyzzy\"", "W/\"xyzzy\"", "\"0123\"", "\"0123456789abcd\"",
		"W/\"01234567890\"", "\"\"", "W/\"\"", "\"01\"",
		/* Lines that are a tag of 17 to 25 bytes as sent. */
		"\"0123456789abcde\"", "W/\"0123456789abcd\"",
		"\"0123456789abcdefghij\"", "W/\"0123456789abcdefghij\"",
		"\"0123456789abcdefghijkl\"", "\"0123456789abcdefghijklm\"",
	};
	const struct tsv *d = lists();
	char raw[512], *g;
	size_t n, i, k;
	int row, c, nrows = d->nrows + (int)(sizeof(extra) / sizeof(extra[0]));
	uint32_t flags;

	for (row = 0; row < nrows; row++) {
		n = unescape(row < d->nrows ? d->rows[row].col[L_IN] :
		    extra[row - d->nrows], raw, sizeof(raw));
		flags = row < d->nrows ? flags_parse(d->rows[row].col[L_FLAGS]) :
		    0;
		g = guard_copy(raw, n);
		if (row < d->nrows)
			snprintf(origin, sizeof(origin), "etag_lists.tsv line %d",
			    d->rows[row].lineno);
		else
			snprintf(origin, sizeof(origin), "extra list %d",
			    row - d->nrows);
		same_answer_all(g, n, flags);
		for (i = 0; i < n; i++) {
			for (c = 0; c < 256; c++) {
				g[i] = (char)c;
				snprintf(origin + strcspn(origin, ","),
				    sizeof(origin) - strcspn(origin, ","),
				    ", byte %zu = 0x%02x", i, c);
				same_answer_all(g, n, flags);
			}
			g[i] = raw[i];
		}
		/* And every prefix, from a guard page of its own. */
		for (k = 0; k < n; k++) {
			char *h = guard_copy(raw, k);

			snprintf(origin + strcspn(origin, ","),
			    sizeof(origin) - strcspn(origin, ","),
			    ", prefix %zu", k);
			same_answer_all(h, k, flags);
			guard_free(h, k);
		}
		guard_free(g, n);
	}
}
END_TEST

/*
 * Trap 1 of 0.2: "if (condreq_if_match(...)) write();" wrote on a
 * malformed If-Match, whose error code was non-zero. Every malformed list
 * of etag_lists.tsv, alone and after a member that matches, goes through
 * every predicate in that idiom, for a current tag strong, weak or none,
 * existing or not: none permits. And through the decision (13.2.2 steps
 * 1 and 3) on writes: 412; on GET: never 304.
 */

START_TEST(test_etag_malformed_never_permits)
{
	static const char *const cur[] = { "\"a\"", "W/\"a\"", NULL };
	static const char *const writes[] = { "PUT", "DELETE", "POST" };
	const struct tsv_row *r = &lists()->rows[bad_rows[_i]];
	uint32_t flags = flags_parse(r->col[L_FLAGS]);
	uint32_t cond = flags & ~(uint32_t)CONDREQ_F_WEAK_COMPARE;
	char raw[1100], *g;
	size_t n, k, pos;
	int c, exists, pre, wrote, fault, f, m;

	for (pre = 0; pre < 2; pre++) {
		/* "a" first: a match must not excuse what follows it. */
		n = pre ? 5 : 0;
		memcpy(raw, "\"a\", ", n);
		n += unescape(r->col[L_IN], raw + n, sizeof(raw) - n);
		g = guard_copy(raw, n);
		for (c = 0; c < 3; c++)
			for (exists = 0; exists < 2; exists++) {
				struct condreq_rep rep;

				rep_with(&rep, cur[c], cur[c] ? strlen(cur[c]) :
				    0, exists, flags);
				wrote = 0;
				if (condreq_if_match(&rep, g, n, cond, &fault,
				    &pos))
					wrote |= 1;
				ck_assert_int_lt(fault, 0);
				if (condreq_if_none_match(&rep, g, n, cond,
				    &fault, &pos))
					wrote |= 2;
				ck_assert_int_lt(fault, 0);
				for (m = 0; m < 2; m++)
					if (condreq_etag_list_match(&rep, g, n,
					    flags | (m ? CONDREQ_F_WEAK_COMPARE :
					    0), &fault, &pos))
						wrote |= 4 << m;
				ck_assert_msg(wrote == 0, "etag_lists.tsv line "
				    "%d (prefix %d, tag %s, exists %d): "
				    "predicates %x permitted", r->lineno, pre,
				    cur[c] ? cur[c] : "none", exists, wrote);
			}
		for (f = CONDREQ_IF_MATCH; f <= CONDREQ_IF_NONE_MATCH; f++)
			for (k = 0; k < 4; k++) {
				struct condreq_request req;
				struct condreq_result res;
				struct condreq_rep rep;
				int rc;

				rep_with(&rep, "\"a\"", 3, 1, flags);
				condreq_request_init(&req);
				condreq_result_init(&res);
				req.method = k < 3 ? writes[k] : "GET";
				req.method_len = strlen(req.method);
				req.flags = cond;
				req.field[f].value = g;
				req.field[f].len = n;
				rc = condreq_evaluate(&req, &rep, &res);
				ck_assert_msg(k < 3 ? rc == 412 : rc != 304,
				    "etag_lists.tsv line %d (prefix %d) as %s "
				    "on %s: %d", r->lineno, pre,
				    condreq_field_name(f), req.method, rc);
				ck_assert_uint_eq(res.malformed, 1u << f);
			}
		guard_free(g, n);
	}
}
END_TEST

TCase *
tc_etag(void)
{
	TCase *tc = tcase_create("etag");
	int nvalid, i;

	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_etag_list_vectors, 0, lists()->nrows);
	valid_lists = tsv_select(lists(), L_CODE, "CONDREQ_OK", &nvalid);
	tcase_add_loop_test(tc, test_etag_list_truncations, 0, nvalid);
	tcase_add_loop_test(tc, test_etag_8_8_3_2_comparison_table, 0,
	    compares()->nrows);
	tcase_add_test(tc, test_etag_parse_single);
	tcase_add_test(tc, test_etag_5_3_several_lines);
	tcase_add_test(tc, test_etag_ten_thousand_members);
	tcase_add_test(tc, test_etag_one_mebibyte);
	tcase_add_test(tc, test_etag_13_1_star_rules);
	tcase_add_test(tc, test_etag_make_and_weaken);
	tcase_add_test(tc, test_etag_match_skips_agree);
	for (i = 0; i < lists()->nrows; i++)
		if (strcmp(lists()->rows[i].col[L_CODE], "CONDREQ_OK") != 0 &&
		    nbad < (int)(sizeof(bad_rows) / sizeof(bad_rows[0])))
			bad_rows[nbad++] = i;
	if (nbad == 0) {
		fprintf(stderr, "etag_lists.tsv: no malformed list\n");
		exit(1);
	}
	tcase_add_loop_test(tc, test_etag_malformed_never_permits, 0, nbad);
	tcase_add_loop_test(tc, test_etag_next_malformed_never_yields, 0, nbad);
	return tc;
}
