/*
 * The IMF-fixdate's shape, read a word at a time, against the parser:
 * condreq_date_parse() takes a well-formed IMF-fixdate of a valid date
 * itself and hands every other value to cr_date_parse_bytes(). For every
 * value tried, the two give the same code, error offset and value. Only
 * a 29-byte value without CONDREQ_F_ANY_WEEKDAY can take the shape, so
 * every value tried here is one; the counts at the end show that both
 * outcomes were reached.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "condreq.h"
#include "testutil.h"

/* cr_date_parse_bytes() and cr_is_tchar(): local to the library's object,
 * linked here from the objects themselves. */
#include "../src/condreq_int.h"

/* Flags that leave the shape in use: none, and one that concerns
 * entity-tags only. */
static const uint32_t shape_flags[] = { 0, CONDREQ_F_LENIENT_ETAG };

/* Comparisons made and values the shape took, counted per test. */
static long compared, taken;

/* Both outcomes reached, many times each: a shape that took nothing, or
 * everything, would have compared one path with itself. */
static void
both_outcomes(const char *test, long min_taken, long min_refused)
{
	ck_assert_msg(taken >= min_taken && compared - taken >= min_refused,
	    "%s: %ld comparisons, %ld values taken by the shape", test,
	    compared, taken);
	compared = taken = 0;
}

/* Both on buf[0..29), which ends at a guard page; where names the value's
 * origin in a failure message. */
static void
same_date(const char *buf, const char *where)
{
	int64_t a, b, now = 1764000000;
	size_t pa, pb, i, j, k;
	int ra, rb;

	for (i = 0; i < sizeof(shape_flags) / sizeof(shape_flags[0]); i++) {
		a = b = -777;
		pa = pb = 99999;
		ra = condreq_date_parse(buf, CONDREQ_DATE_LEN, now,
		    shape_flags[i], &a, &pa);
		rb = cr_date_parse_bytes(buf, CONDREQ_DATE_LEN, now,
		    shape_flags[i], &b, &pb);
		compared++;
		taken += ra == CONDREQ_OK;
		if (ra != rb || pa != pb || a != b) {
			char show[200];

			for (k = 0, j = 0; j < CONDREQ_DATE_LEN; j++)
				k += (size_t)snprintf(show + k,
				    sizeof(show) - k, (unsigned char)buf[j] >=
				    0x20 && (unsigned char)buf[j] < 0x7f ?
				    "%c" : "\\x%02x", (unsigned char)buf[j]);
			ck_abort_msg("%s: '%s': public %s@%zu=%lld, parser "
			    "%s@%zu=%lld", where, show, condreq_code_name(ra),
			    pa, (long long)a, condreq_code_name(rb), pb,
			    (long long)b);
		}
	}
}

/* Every byte of the IMF-fixdate s replaced, one position at a time, by
 * each of the 256 values. */
static void
mutate_all(const char *s, const char *where)
{
	char *g = guard_copy(s, CONDREQ_DATE_LEN);
	size_t i;
	int c;

	same_date(g, where);
	for (i = 0; i < CONDREQ_DATE_LEN; i++) {
		for (c = 0; c < 256; c++) {
			g[i] = (char)c;
			same_date(g, where);
		}
		g[i] = s[i];
	}
	guard_free(g, CONDREQ_DATE_LEN);
}

/* A small deterministic generator, so that a failure can be replayed. */
static uint64_t
xorshift(uint64_t *st)
{
	uint64_t x = *st;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *st = x;
}

static void
format(int64_t t, char buf[CONDREQ_DATE_LEN + 1])
{
	size_t n;

	if (condreq_date_format(t, buf, CONDREQ_DATE_LEN + 1, &n) !=
	    CONDREQ_OK || n != CONDREQ_DATE_LEN)
		ck_abort_msg("format %lld", (long long)t);
}

/* Instants spread over years 0000..9999 (a stride prime to days, hours
 * and weeks), unchanged and with every single byte replaced. */
START_TEST(test_fast_date_single_bytes)
{
	char imf[CONDREQ_DATE_LEN + 1], where[64];
	int64_t t;

	for (t = -62167219200LL; t <= 253402300799LL;
	    t += 86400LL * 365 * 97 + 86400 * 13 + 3 * 3600 + 7 * 60 + 11) {
		format(t, imf);
		snprintf(where, sizeof(where), "instant %lld", (long long)t);
		mutate_all(imf, where);
	}
	both_outcomes("single bytes", 1000, 100000);
}
END_TEST

/* Edges: February 29 in leap and common centuries, leap seconds where
 * they are allowed and where not, the first and last instants, days and
 * times out of range; and every month with every day-name. */
START_TEST(test_fast_date_edges)
{
	static const char *const s[] = {
		"Tue, 29 Feb 2000 00:00:00 GMT",
		"Thu, 29 Feb 1900 00:00:00 GMT",
		"Thu, 01 Mar 1900 00:00:00 GMT",
		"Mon, 29 Feb 2100 12:00:00 GMT",
		"Thu, 29 Feb 2024 23:59:59 GMT",
		"Wed, 29 Feb 2023 23:59:59 GMT",
		"Tue, 29 Feb 0000 10:00:00 GMT",
		"Sat, 01 Jan 0000 00:00:00 GMT",
		"Fri, 31 Dec 9999 23:59:59 GMT",
		"Wed, 31 Dec 1969 23:59:60 GMT",
		"Wed, 31 Dec 1969 23:58:60 GMT",
		"Wed, 31 Dec 1969 22:59:60 GMT",
		"Wed, 31 Dec 1969 24:00:00 GMT",
		"Wed, 31 Dec 1969 23:60:00 GMT",
		"Wed, 31 Dec 1969 23:59:61 GMT",
		"Wed, 32 Dec 1969 00:00:00 GMT",
		"Wed, 00 Dec 1969 00:00:00 GMT",
		"Wed, 31 Jun 1969 00:00:00 GMT",
		"Sun, 06 Jbm 1994 08:49:37 GMT",	/* Jan's letter sum */
		"Sun, 06 Nov 1994 08:49:37 UTC",
	};
	static const char *const wday[7] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char *const mon[12] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
		"Oct", "Nov", "Dec"
	};
	char buf[40], *g;
	size_t i, k;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		mutate_all(s[i], s[i]);
	for (i = 0; i < 12; i++)
		for (k = 0; k < 7; k++) {
			snprintf(buf, sizeof(buf), "%s, 10 %s 2021 10:10:10 GMT",
			    wday[k], mon[i]);
			g = guard_copy(buf, CONDREQ_DATE_LEN);
			same_date(g, "every month and day-name");
			guard_free(g, CONDREQ_DATE_LEN);
		}
	both_outcomes("edges", 100, 10000);
}
END_TEST

/* The 29 bytes of raw, and 300 copies of them with two to four bytes
 * replaced by bytes that the grammar gives a meaning (digits, separators,
 * letters of names). */
static void
mix(const char *raw, const char *where, uint64_t *st)
{
	static const char pool[] = "0123456789 ,:-GMTSundayJFebNovW\t\x80\xff";
	char *g = guard_copy(raw, CONDREQ_DATE_LEN);
	int j, m, rounds;

	same_date(g, where);
	for (rounds = 0; rounds < 300; rounds++) {
		memcpy(g, raw, CONDREQ_DATE_LEN);
		m = 2 + (int)(xorshift(st) % 3);
		for (j = 0; j < m; j++)
			g[xorshift(st) % CONDREQ_DATE_LEN] =
			    pool[xorshift(st) % (sizeof(pool) - 1)];
		same_date(g, where);
	}
	guard_free(g, CONDREQ_DATE_LEN);
}

/* Mixtures that single replacements cannot reach, from every 29-byte row
 * of test/vectors/dates.tsv and from a spread of valid dates. */
START_TEST(test_fast_date_random_mixtures)
{
	const struct tsv *d = tsv_load("dates.tsv");
	char raw[512], where[64];
	uint64_t st = 0x9e3779b97f4a7c15ULL;
	int row, rows = 0;
	int64_t t;

	for (row = 0; row < d->nrows; row++) {
		if (unescape(d->rows[row].col[0], raw, sizeof(raw)) !=
		    CONDREQ_DATE_LEN)
			continue;	/* the shape never sees it */
		rows++;
		snprintf(where, sizeof(where), "dates.tsv line %d",
		    d->rows[row].lineno);
		mix(raw, where, &st);
	}
	ck_assert_msg(rows > 20, "only %d 29-byte rows in dates.tsv", rows);
	for (t = -62167219200LL; t <= 253402300799LL; t += 86400LL * 3331 +
	    4999) {
		format(t, raw);
		snprintf(where, sizeof(where), "instant %lld", (long long)t);
		mix(raw, where, &st);
	}
	both_outcomes("mixtures", 1000, 100000);
}
END_TEST

/* The tchar bit set against RFC 9110 5.6.2's words: VCHAR (0x21-0x7E)
 * but the delimiters. */
START_TEST(test_fast_tchar_set)
{
	static const char delim[] = "\"(),/:;<=>?@[\\]{}";
	int c, want;

	for (c = 0; c < 256; c++) {
		want = c >= 0x21 && c <= 0x7e && strchr(delim, c) == NULL;
		ck_assert_msg(cr_is_tchar((unsigned char)c) == want,
		    "byte 0x%02x: tchar %d, want %d", c,
		    cr_is_tchar((unsigned char)c), want);
	}
}
END_TEST

TCase *
tc_fast(void)
{
	TCase *tc = tcase_create("fast");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_fast_date_single_bytes);
	tcase_add_test(tc, test_fast_date_edges);
	tcase_add_test(tc, test_fast_date_random_mixtures);
	tcase_add_test(tc, test_fast_tchar_set);
	return tc;
}
