/*
 * Fast paths against reference paths: for every input tried, the public
 * function and the byte-by-byte reference it falls back on give the same
 * code, the same error offset and the same value.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "condreq.h"
#include "testutil.h"

/* The references (cr_date_parse_bytes, cr_list_match_ref: hidden in the
 * shared library, linked here from the static one), the fast list loop
 * and cr_is_tchar() come from the library's private header. */
#include "../src/condreq_int.h"

/* Each "now" a test passes: a real one, none, the edges of the range the
 * rfc850 fast path takes, and beyond it. */
static const int64_t nows[] = {
	1764000000, CONDREQ_NOW_UNKNOWN, 0, -1, 253402300799LL,
	253402300800LL, INT64_MAX, 946684799
};
#define NNOWS (sizeof(nows) / sizeof(nows[0]))

static long compared;

/* Both parsers on buf[0..n), which ends at a guard page. */
static void
same_date(const char *buf, size_t n, int64_t now, uint32_t flags)
{
	int64_t a = -777, b = -777;
	size_t pa = 99999, pb = 99999;
	int ra = condreq_date_parse(buf, n, now, flags, &a, &pa);
	int rb = cr_date_parse_bytes(buf, n, now, flags, &b, &pb);

	compared++;
	if (ra != rb || pa != pb || a != b) {
		char show[200];
		size_t i, k = 0;

		for (i = 0; i < n && k + 5 < sizeof(show); i++)
			k += (size_t)snprintf(show + k, sizeof(show) - k,
			    (unsigned char)buf[i] >= 0x20 &&
			    (unsigned char)buf[i] < 0x7f ? "%c" : "\\x%02x",
			    (unsigned char)buf[i]);
		ck_abort_msg("'%s' now=%lld flags=%u: fast %s@%zu=%lld, "
		    "reference %s@%zu=%lld", show, (long long)now, flags,
		    condreq_code_name(ra), pa, (long long)a,
		    condreq_code_name(rb), pb, (long long)b);
	}
}

static void
same_date_all(const char *buf, size_t n, int64_t own_now)
{
	size_t k;

	same_date(buf, n, own_now, 0);
	same_date(buf, n, own_now, CONDREQ_F_ANY_WEEKDAY);
	for (k = 0; k < NNOWS; k++)
		same_date(buf, n, nows[k], 0);
}

static const char *const wday_short[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char *const wday_long[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday"
};

/*
 * The three formats of instant t, built from condreq_date_format()'s
 * IMF-fixdate (years 0000..9999, where libc's strftime pads differently).
 * Returns the lengths in n[3].
 */
static void
three_formats(int64_t t, char imf[40], char asc[40], char rfc[48],
    size_t n[3])
{
	size_t k, wd = 7;

	if (condreq_date_format(t, imf, 40, &n[0]) != CONDREQ_OK)
		ck_abort_msg("format %lld", (long long)t);
	for (k = 0; k < 7; k++)
		if (memcmp(imf, wday_short[k], 3) == 0)
			wd = k;
	if (wd == 7)
		ck_abort_msg("weekday of %s", imf);
	/* "Sun Nov  6 08:49:37 1994" from "Sun, 06 Nov 1994 08:49:37 GMT" */
	n[1] = (size_t)snprintf(asc, 40, "%.3s %.3s %c%c %.8s %.4s", imf,
	    imf + 8, imf[5] == '0' ? ' ' : imf[5], imf[6], imf + 17, imf + 12);
	/* "Sunday, 06-Nov-94 08:49:37 GMT" */
	n[2] = (size_t)snprintf(rfc, 48, "%s, %.2s-%.3s-%.2s %.8s GMT",
	    wday_long[wd], imf + 5, imf + 8, imf + 14, imf + 17);
}

/* Every byte of s replaced, one position at a time, by each of the 256
 * values; each result compared at a few nows and flags. */
static void
mutate_all(const char *s, size_t n, int64_t own_now)
{
	char *g = guard_copy(s, n);
	size_t i;
	int c;

	same_date_all(g, n, own_now);
	for (i = 0; i < n; i++) {
		for (c = 0; c < 256; c++) {
			if (c == (unsigned char)s[i])
				continue;
			g[i] = (char)c;
			same_date(g, n, own_now, 0);
			same_date(g, n, own_now, CONDREQ_F_ANY_WEEKDAY);
			same_date(g, n, CONDREQ_NOW_UNKNOWN, 0);
		}
		g[i] = s[i];
	}
	guard_free(g, n);
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

/* Instants spread over years 0000..9999 (a stride prime to days, hours
 * and weeks), each in all three formats, unchanged and with every single
 * byte replaced. */
START_TEST(test_fast_date_single_bytes)
{
	char imf[40], asc[40], rfc[48];
	size_t n[3];
	int64_t t;

	for (t = -62167219200LL; t <= 253402300799LL;
	    t += 86400LL * 365 * 97 + 86400 * 13 + 3 * 3600 + 7 * 60 + 11) {
		three_formats(t, imf, asc, rfc, n);
		mutate_all(imf, n[0], t);
		mutate_all(asc, n[1], t);
		mutate_all(rfc, n[2], t);
	}
}
END_TEST

/* Edges the fast paths treat specially: February 29 in leap and common
 * centuries, leap seconds where they are allowed and where not, the first
 * and last instants, the weekday names and every month. */
START_TEST(test_fast_date_edges)
{
	static const char *const s[] = {
		"Tue, 29 Feb 2000 00:00:00 GMT",
		"Thu, 29 Feb 1900 00:00:00 GMT",
		"Thu, 01 Mar 1900 00:00:00 GMT",
		"Mon, 29 Feb 2100 12:00:00 GMT",
		"Thu, 29 Feb 2024 23:59:59 GMT",
		"Wed, 29 Feb 2023 23:59:59 GMT",
		"Sat, 29 Feb 0000 10:00:00 GMT",
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
		"Thu Feb 29 00:00:00 1900",
		"Tue Feb 29 00:00:00 2000",
		"Wed Dec 31 23:59:60 1969",
		"Wed Dec  0 23:59:59 1969",
		"Tuesday, 29-Feb-00 00:00:00 GMT",
		"Wednesday, 31-Dec-69 23:59:60 GMT",
		"Wednesday, 31-Dec-69 23:59:59 GMT",
		"Saturday, 01-Jan-00 00:00:00 GMT",
	};
	static const char *const mon[12] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
		"Oct", "Nov", "Dec"
	};
	char buf[40];
	size_t i, k;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		mutate_all(s[i], strlen(s[i]), 1764000000);
	/* Every month and weekday name in both places, right or wrong. */
	for (i = 0; i < 12; i++)
		for (k = 0; k < 7; k++) {
			snprintf(buf, sizeof(buf), "%s, 10 %s 2021 10:10:10 GMT",
			    wday_short[k], mon[i]);
			same_date_all(buf, strlen(buf), 1764000000);
			snprintf(buf, sizeof(buf), "%s %s 10 10:10:10 2021",
			    wday_short[k], mon[i]);
			same_date_all(buf, strlen(buf), 1764000000);
			snprintf(buf, sizeof(buf), "%s, 10-%s-21 10:10:10 GMT",
			    wday_long[k], mon[i]);
			same_date_all(buf, strlen(buf), 1764000000);
		}
}
END_TEST

/* Two to four bytes at once replaced by bytes that the grammar gives a
 * meaning (digits, separators, letters of names), from every row of
 * test/vectors/dates.tsv and a spread of valid dates: the mixtures that
 * single replacements cannot reach. */
START_TEST(test_fast_date_random_mixtures)
{
	static const char pool[] = "0123456789 ,:-GMTSundayJFebNovW\t\x80\xff";
	const struct tsv *d = tsv_load("dates.tsv");
	char raw[512], imf[40], asc[40], rfc[48], *g;
	uint64_t st = 0x9e3779b97f4a7c15ULL;
	size_t n[3], len, k;
	int row, j, m, rounds;
	int64_t t;

	for (row = 0; row < d->nrows; row++) {
		len = unescape(d->rows[row].col[0], raw, sizeof(raw));
		if (len == 0)
			continue;
		g = guard_copy(raw, len);
		same_date_all(g, len, 1764000000);
		for (rounds = 0; rounds < 300; rounds++) {
			memcpy(g, raw, len);
			m = 2 + (int)(xorshift(&st) % 3);
			for (j = 0; j < m; j++)
				g[xorshift(&st) % len] =
				    pool[xorshift(&st) % (sizeof(pool) - 1)];
			same_date_all(g, len, 1764000000);
		}
		guard_free(g, len);
	}
	for (t = -62167219200LL; t <= 253402300799LL; t += 86400LL * 3331 +
	    4999) {
		three_formats(t, imf, asc, rfc, n);
		for (k = 0; k < 3; k++) {
			const char *s = k == 0 ? imf : k == 1 ? asc : rfc;

			g = guard_copy(s, n[k]);
			for (rounds = 0; rounds < 20; rounds++) {
				memcpy(g, s, n[k]);
				m = 2 + (int)(xorshift(&st) % 3);
				for (j = 0; j < m; j++)
					g[xorshift(&st) % n[k]] = pool[
					    xorshift(&st) % (sizeof(pool) - 1)];
				same_date_all(g, n[k], t);
			}
			guard_free(g, n[k]);
		}
	}
	/* A test that compared nothing would pass; this one did compare. */
	ck_assert_msg(compared > 100000, "only %ld comparisons", compared);
}
END_TEST

/*
 * rfc850 dates in the fiftieth year from now, where the fast path needs
 * now's month, day and time: the day before, of and after now's date at
 * a second before, at and after now's time of day, under every weekday
 * name, for nows spread over 1970..9999.
 */
START_TEST(test_fast_date_rfc850_fiftieth_year)
{
	static const char *const mon[12] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
		"Oct", "Nov", "Dec"
	};
	char imf[40], buf[48];
	int64_t now, t;
	int dd, ds, k, y, m, d, sod;
	size_t n;

	for (now = 0; now <= 253402300799LL; now += 86400LL * 4001 + 3671) {
		for (dd = -1; dd <= 1; dd++)
			for (ds = -1; ds <= 1; ds++) {
				t = now + dd * 86400 + ds;
				if (t < 0 || condreq_date_format(t, imf,
				    sizeof(imf), &n) != CONDREQ_OK)
					continue;
				y = atoi(imf + 12) + 50;
				d = atoi(imf + 5);
				for (m = 0; m < 12; m++)
					if (memcmp(imf + 8, mon[m], 3) == 0)
						break;
				sod = atoi(imf + 17) * 3600 +
				    atoi(imf + 20) * 60 + atoi(imf + 23);
				for (k = 0; k < 7; k++) {
					snprintf(buf, sizeof(buf),
					    "%s, %02d-%s-%02d %02d:%02d:%02d GMT",
					    wday_long[k], d, mon[m % 12], y % 100,
					    sod / 3600, sod / 60 % 60, sod % 60);
					same_date(buf, strlen(buf), now, 0);
					same_date(buf, strlen(buf), now,
					    CONDREQ_F_ANY_WEEKDAY);
				}
			}
	}
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
	tcase_add_test(tc, test_fast_date_rfc850_fiftieth_year);
	tcase_add_test(tc, test_fast_tchar_set);
	return tc;
}
