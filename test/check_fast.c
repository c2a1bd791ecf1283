/*
 * The IMF-fixdate read a word at a time (date.c's templates), against the
 * grammar written out plainly here and libc's calendar: every 29-byte
 * value tried that has the IMF-fixdate's form gets the answer its fields
 * call for (the value from timegm(), or the range fault at its field),
 * and every other value the fault the grammar names at its first wrong
 * byte, or the range fault of a field before that byte; with its comma
 * replaced, a value reads as another format and only has to fail. The
 * counts at the end show that both kinds of value were reached.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "condreq.h"
#include "testutil.h"

/* cr_is_tchar(): local to the library's object, linked here from the
 * objects themselves. */
#include "../src/condreq_int.h"

/* Flags that leave the day-name checked, and the one that does not. */
static const uint32_t date_flags[] = { 0, CONDREQ_F_LENIENT_ETAG,
	CONDREQ_F_ANY_WEEKDAY };

/* Comparisons made and values of the IMF-fixdate's form, per test. */
static long compared, taken;

/* Both kinds reached, many times each. */
static void
both_outcomes(const char *test, long min_taken, long min_refused)
{
	ck_assert_msg(taken >= min_taken && compared - taken >= min_refused,
	    "%s: %ld comparisons, %ld values of the form", test, compared,
	    taken);
	compared = taken = 0;
}

static const char *const wday_name[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char *const mon_name[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};

/* The index of the three bytes at p in names[0 .. n), or -1. */
static int
name_index(const char *p, const char *const *names, int n)
{
	int k;

	for (k = 0; k < n; k++)
		if (memcmp(p, names[k], 3) == 0)
			return k;
	return -1;
}

/* "Www, DD Mmm YYYY HH:MM:SS GMT": the first byte of buf[0..29) that is
 * not what the grammar wants there, or 29. */
static size_t
first_wrong(const char *buf)
{
	static const char form[] = "www, 00 mmm 0000 00:00:00 GMT";
	size_t i;

	if (name_index(buf, wday_name, 7) < 0)
		return 0;
	for (i = 3; i < CONDREQ_DATE_LEN; i++) {
		if (i == 8 && name_index(buf + 8, mon_name, 12) < 0)
			return 8;
		if (form[i] == '0' ? buf[i] < '0' || buf[i] > '9' :
		    form[i] != 'm' && buf[i] != form[i])
			return i;
	}
	return CONDREQ_DATE_LEN;
}

static int
num(const char *p, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*p++ - '0');
	return v;
}

/* The range fault of fields read up to byte upto (all 29: the day, the
 * time, the day-name), or CONDREQ_OK with *want the instant. */
static int
range_fault(const char *buf, size_t upto, uint32_t flags, int64_t *want,
    size_t *pos)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
		31, 30, 31 };
	int y = num(buf + 12, 4), m = name_index(buf + 8, mon_name, 12);
	int d = num(buf + 5, 2), h, mi, sec;
	int leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
	struct tm tm;

	*pos = 5;
	if (d < 1 || d > mdays[m] || (m == 1 && d == 29 && !leap))
		return CONDREQ_ESYNTAX;
	if (upto < 25)
		return CONDREQ_OK;
	h = num(buf + 17, 2);
	mi = num(buf + 20, 2);
	sec = num(buf + 23, 2);
	*pos = 17;
	if (h > 23)
		return CONDREQ_ESYNTAX;
	*pos = 20;
	if (mi > 59)
		return CONDREQ_ESYNTAX;
	*pos = 23;
	if (sec > 60 || (sec == 60 && (h != 23 || mi != 59)))
		return CONDREQ_ESYNTAX;
	if (upto < CONDREQ_DATE_LEN)
		return CONDREQ_OK;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec == 60 ? 59 : sec;
	*want = (int64_t)timegm(&tm);
	*pos = 0;
	if (!(flags & CONDREQ_F_ANY_WEEKDAY) &&
	    tm.tm_wday != name_index(buf, wday_name, 7))
		return CONDREQ_EWDAYMISMATCH;
	*pos = CONDREQ_DATE_LEN;
	return CONDREQ_OK;
}

/* Where the grammar puts the fault of a first wrong byte q: there, or
 * at the zone's first byte when q is in the zone. */
static int
syntax_fault(size_t q, size_t *pos)
{
	*pos = q >= 26 ? 26 : q;
	return CONDREQ_ESYNTAX;
}

/* The parser on buf[0..29), which ends at a guard page, against the
 * grammar above; where names the value's origin in a failure message. */
static void
same_date(const char *buf, const char *where)
{
	int64_t a, want = 0, now = 1764000000;
	size_t pa, pw, q = first_wrong(buf), i, j, k;
	int ra, rw;

	for (i = 0; i < sizeof(date_flags) / sizeof(date_flags[0]); i++) {
		a = -777;
		pa = 99999;
		ra = condreq_date_parse(buf, CONDREQ_DATE_LEN, now,
		    date_flags[i], &a, &pa);
		compared++;
		taken += q == CONDREQ_DATE_LEN;
		/* A comma turned into a space or another byte reads as
		 * another format: some fault. */
		if (q == 3) {
			rw = ra < 0 ? ra : CONDREQ_ESYNTAX;
			pw = pa;
		} else if (q > 16 && (rw = range_fault(buf, q,
		    date_flags[i], &want, &pw)) != CONDREQ_OK)
			;
		else if (q < CONDREQ_DATE_LEN)
			rw = syntax_fault(q, &pw);
		if (ra == rw && pa == pw && (ra != CONDREQ_OK || a == want))
			continue;
		{
			char show[200];

			for (k = 0, j = 0; j < CONDREQ_DATE_LEN; j++)
				k += (size_t)snprintf(show + k,
				    sizeof(show) - k, (unsigned char)buf[j] >=
				    0x20 && (unsigned char)buf[j] < 0x7f ?
				    "%c" : "\\x%02x", (unsigned char)buf[j]);
			ck_abort_msg("%s: '%s' flags %u: got %s@%zu=%lld, want "
			    "%s@%zu=%lld", where, show, date_flags[i],
			    condreq_code_name(ra), pa, (long long)a,
			    condreq_code_name(rw), pw, (long long)want);
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
			continue;	/* only the IMF-fixdate is 29 bytes */
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
