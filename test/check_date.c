/*
 * HTTP-date tests, RFC 9110 section 5.6.7.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "condreq.h"
#include "testutil.h"

enum { D_IN, D_NOW, D_FLAGS, D_CODE, D_VALUE, D_POS, D_SEC, D_NOTE, D_RULE };

static const struct tsv *
dates(void)
{
	return tsv_load("dates.tsv");
}

static int64_t
now_of(const char *s)
{
	return strcmp(s, "-") == 0 ? CONDREQ_NOW_UNKNOWN : strtoll(s, NULL, 10);
}

/* Parse one row's input from buf (already placed by the caller). */
static void
check_row(const struct tsv_row *r, const char *buf, size_t n)
{
	int64_t v = -12345;
	size_t pos = 99999;
	int rc = condreq_date_parse(buf, n, now_of(r->col[D_NOW]),
	    flags_parse(r->col[D_FLAGS]), &v, &pos);

	ck_assert_msg(strcmp(condreq_code_name(rc), r->col[D_CODE]) == 0,
	    "dates.tsv line %d '%s': got %s want %s", r->lineno, r->col[D_IN],
	    condreq_code_name(rc), r->col[D_CODE]);
	ck_assert_msg(pos == (size_t)strtoul(r->col[D_POS], NULL, 10),
	    "dates.tsv line %d '%s': errpos %zu want %s", r->lineno, r->col[D_IN], pos,
	    r->col[D_POS]);
	if (rc == CONDREQ_OK)
		ck_assert_msg(v == strtoll(r->col[D_VALUE], NULL, 10),
		    "dates.tsv line %d: value %lld want %s", r->lineno, (long long)v,
		    r->col[D_VALUE]);
	else
		ck_assert_msg(v == -12345, "dates.tsv line %d: out written on error",
		    r->lineno);
}

/* One test per row of test/vectors/dates.tsv, from an exact-size heap
 * copy (for ASan and valgrind) and from a guard-page buffer. */
START_TEST(test_date_vectors)
{
	const struct tsv_row *r = &dates()->rows[_i];
	char raw[512];
	size_t n = unescape(r->col[D_IN], raw, sizeof(raw));

	both_buffers(r, raw, n, check_row);
}
END_TEST

/* The rows whose date is valid (tc_date() selects them). */
static const int *valid_rows;

/* Every proper prefix of a valid date is rejected, never read past. */
START_TEST(test_date_truncations)
{
	const struct tsv_row *r = &dates()->rows[valid_rows[_i]];
	char raw[512], *g;
	size_t n = unescape(r->col[D_IN], raw, sizeof(raw)), k, pos;
	int64_t v;
	int rc;

	for (k = 0; k < n; k++) {
		g = guard_copy(raw, k);
		rc = condreq_date_parse(g, k, now_of(r->col[D_NOW]),
		    flags_parse(r->col[D_FLAGS]), &v, &pos);
		guard_free(g, k);
		ck_assert_msg(rc < 0, "dates.tsv line %d: prefix %zu accepted",
		    r->lineno, k);
		ck_assert_msg(pos <= k, "dates.tsv line %d: errpos %zu past "
		    "length %zu", r->lineno, pos, k);
		/* A prefix of a valid date is short, never something else. */
		ck_assert_msg(rc == CONDREQ_ETRUNCATED || rc == CONDREQ_EEMPTY,
		    "dates.tsv line %d prefix %zu: %s", r->lineno, k,
		    condreq_code_name(rc));
	}
}
END_TEST

static void
fmt_libc(int64_t t, char *out, size_t outsz)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL)
		ck_abort_msg("gmtime_r failed");
	/* The test (not the library) may use libc, in the C locale. */
	strftime(out, outsz, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* Check sends a message to its runner for every ck_assert; the loops
 * below run millions of times, so they test with plain ifs and abort on
 * the first failure. */
static void
round_trip(int64_t t)
{
	char buf[CONDREQ_DATE_LEN + 1], ref[64];
	int64_t back = 0;
	size_t n = 0;

	if (condreq_date_format(t, buf, sizeof(buf), &n) != CONDREQ_OK ||
	    n != CONDREQ_DATE_LEN)
		ck_abort_msg("format failed for t=%lld", (long long)t);
	/* strftime's %Y does not pad years before 1000: compare from there. */
	if (t >= -30610224000LL) {
		fmt_libc(t, ref, sizeof(ref));
		if (strcmp(buf, ref) != 0)
			ck_abort_msg("t=%lld: %s vs libc %s", (long long)t,
			    buf, ref);
	}
	if (condreq_date_parse(buf, n, CONDREQ_NOW_UNKNOWN, 0, &back,
	    NULL) != CONDREQ_OK || back != t)
		ck_abort_msg("t=%lld came back as %lld", (long long)t,
		    (long long)back);
}

/* parse(format(t)) == t for every day 1970-01-01..9999-12-31, at a time
 * of day that moves through the day, cross-checked against gmtime. */
START_TEST(test_date_round_trip_every_day)
{
	int64_t day, last = 253402300799LL / 86400;

	for (day = 0; day <= last; day++)
		round_trip(day * 86400 + (day * 7919) % 86400);
}
END_TEST

/* Every second of days that stress the arithmetic. */
START_TEST(test_date_round_trip_every_second)
{
	static const int64_t days[] = {
		0,        /* 1970-01-01 */
		-1,       /* 1969-12-31 */
		11016,    /* 2000-02-29 */
		24855,    /* 2038-01-19 */
		2932896,  /* 9999-12-31 */
		-719528,  /* 0000-01-01 */
	};
	size_t i;
	int64_t s;

	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++)
		for (s = 0; s < 86400; s++)
			round_trip(days[i] * 86400 + s);
}
END_TEST

/* The other two formats name the same instant as the IMF-fixdate. */
START_TEST(test_date_three_formats_agree)
{
	char imf[40], asc[40], rfc[48];
	int64_t t, a, b, c;
	time_t tt;
	struct tm tm;

	for (t = -2208988800LL; t < 4102444800LL; t += 86400 * 13 + 3607) {
		tt = (time_t)t;
		gmtime_r(&tt, &tm);
		strftime(imf, sizeof(imf), "%a, %d %b %Y %H:%M:%S GMT", &tm);
		strftime(asc, sizeof(asc), "%a %b %e %H:%M:%S %Y", &tm);
		strftime(rfc, sizeof(rfc), "%A, %d-%b-%y %H:%M:%S GMT", &tm);
		/* "now" = t: the two-digit year then resolves to t's year. */
		if (condreq_date_parse(imf, strlen(imf), CONDREQ_NOW_UNKNOWN,
		    0, &a, NULL) != CONDREQ_OK ||
		    condreq_date_parse(asc, strlen(asc), CONDREQ_NOW_UNKNOWN,
		    0, &b, NULL) != CONDREQ_OK ||
		    condreq_date_parse(rfc, strlen(rfc), t, 0, &c, NULL) !=
		    CONDREQ_OK || a != t || b != t || c != t)
			ck_abort_msg("formats disagree at %s / %s / %s", imf,
			    asc, rfc);
	}
}
END_TEST

/* "Recipients of a timestamp value in rfc850-date format, which uses a
 * two-digit year, MUST interpret a timestamp that appears to be more than
 * 50 years in the future as representing the most recent year in the past
 * that had the same last two digits." (RFC 9110 5.6.7) */
START_TEST(test_date_5_6_7_rfc850_fifty_years)
{
	char buf[64];
	int64_t now, t, want;
	int yy;
	time_t tt;
	struct tm tm;

	for (now = 0; now < 4102444800LL; now += 86400 * 37 + 4321) {
		for (yy = 0; yy < 100; yy++) {
			/* Jan 1 of each year: compute the expected year. */
			int ny, y;

			tt = (time_t)now;
			gmtime_r(&tt, &tm);
			ny = tm.tm_year + 1900;
			y = ny - ny % 100 + yy + 100;
			memset(&tm, 0, sizeof(tm));
			for (;; y -= 100) {
				tm.tm_year = y - 1900;
				tm.tm_mday = 1;
				want = (int64_t)timegm(&tm);
				tt = (time_t)now;
				{
					struct tm n2;
					int64_t lim;

					gmtime_r(&tt, &n2);
					n2.tm_year += 50;
					lim = (int64_t)timegm(&n2);
					if (want <= lim)
						break;
				}
			}
			tt = (time_t)want;
			gmtime_r(&tt, &tm);
			strftime(buf, sizeof(buf), "%A, %d-%b-%y %H:%M:%S GMT",
			    &tm);
			t = 0;
			if (condreq_date_parse(buf, strlen(buf), now, 0, &t,
			    NULL) != CONDREQ_OK || t != want)
				ck_abort_msg("now=%lld %s: %lld want %lld",
			    (long long)now, buf, (long long)t,
			    (long long)want);
		}
	}
}
END_TEST

/* (m, d, s) after (m2, d2, s2), the fields of a date within a year. */
static int
later_in_year(const struct tm *a, const struct tm *b)
{
	long x = ((long)a->tm_mon * 32 + a->tm_mday) * 86400L +
	    a->tm_hour * 3600L + a->tm_min * 60L + a->tm_sec;
	long y = ((long)b->tm_mon * 32 + b->tm_mday) * 86400L +
	    b->tm_hour * 3600L + b->tm_min * 60L + b->tm_sec;

	return x > y;
}

/*
 * The fiftieth year from now, where 5.6.7's rule turns on the month, day
 * and time of day: dates a day before, on and after now's date, at a
 * second before, at and after now's time of day, with the two digits of
 * now's year plus 50, under their own day-name and under the next. The
 * year expected is that plus 50 unless the date falls later in the year
 * than now does, then a century less; its instant and weekday come from
 * libc.
 */
START_TEST(test_date_5_6_7_rfc850_fiftieth_year)
{
	char buf[64], rest[48], name[16], mon[8];
	int64_t now, t, want, got;
	int dd, ds, year, wd, mday, checked = 0;
	struct tm nt, tm;
	time_t tt;
	int rc;

	for (now = -59011545600LL; now < 251666352000LL;
	    now += 86400LL * 4001 + 3671)
		for (dd = -1; dd <= 1; dd++)
			for (ds = -1; ds <= 1; ds++) {
				t = now + dd * 86400 + ds;
				tt = (time_t)now;
				gmtime_r(&tt, &nt);
				tt = (time_t)t;
				gmtime_r(&tt, &tm);
				strftime(mon, sizeof(mon), "%b", &tm);
				year = nt.tm_year + 1900 + 50 -
				    (later_in_year(&tm, &nt) ? 100 : 0);
				tm.tm_year = year - 1900;
				mday = tm.tm_mday;
				want = (int64_t)timegm(&tm);
				wd = tm.tm_wday;
				if (tm.tm_mday != mday) {
					/* February 29 in a common year. */
					snprintf(buf, sizeof(buf), "Monday, "
					    "29-Feb-%02d %02d:%02d:%02d GMT",
					    year % 100, tm.tm_hour, tm.tm_min,
					    tm.tm_sec);
					rc = condreq_date_parse(buf,
					    strlen(buf), now, 0, &got, NULL);
					if (rc != CONDREQ_ESYNTAX)
						ck_abort_msg("now=%lld '%s': "
						    "%s", (long long)now, buf,
						    condreq_code_name(rc));
					continue;
				}
				strftime(name, sizeof(name), "%A", &tm);
				snprintf(buf, sizeof(buf), "%s, %02d-%s-%02d "
				    "%02d:%02d:%02d GMT", name, tm.tm_mday, mon,
				    year % 100, tm.tm_hour, tm.tm_min,
				    tm.tm_sec);
				got = 0;
				rc = condreq_date_parse(buf, strlen(buf), now,
				    0, &got, NULL);
				if (rc != CONDREQ_OK || got != want)
					ck_abort_msg("now=%lld '%s': %s %lld, "
					    "want %lld", (long long)now, buf,
					    condreq_code_name(rc),
					    (long long)got, (long long)want);
				/* The next day's name is a wrong one. */
				tm.tm_mday++;
				timegm(&tm);
				strftime(name, sizeof(name), "%A", &tm);
				snprintf(rest, sizeof(rest), "%s",
				    strchr(buf, ','));
				snprintf(buf, sizeof(buf), "%s%s", name, rest);
				rc = condreq_date_parse(buf, strlen(buf), now,
				    0, &got, NULL);
				if (rc != CONDREQ_EWDAYMISMATCH || tm.tm_wday ==
				    wd)
					ck_abort_msg("now=%lld '%s': %s",
					    (long long)now, buf,
					    condreq_code_name(rc));
				checked++;
			}
	ck_assert_int_gt(checked, 5000);
}
END_TEST

/* Without a clock the library cannot resolve a two-digit year. */
START_TEST(test_date_rfc850_needs_now)
{
	const char *s = "Sunday, 06-Nov-94 08:49:37 GMT";
	int64_t t;
	size_t pos;

	ck_assert_int_eq(condreq_date_parse(s, strlen(s), CONDREQ_NOW_UNKNOWN,
	    0, &t, NULL), CONDREQ_ENOW);
	/* Extreme "now" values give an answer, not undefined behaviour: a
	 * year outside 0000..9999, at the year's offset. */
	ck_assert_int_eq(condreq_date_parse(s, strlen(s), INT64_MAX, 0, &t,
	    &pos), CONDREQ_ESYNTAX);
	ck_assert_uint_eq(pos, 15);
	ck_assert_int_eq(condreq_date_parse(s, strlen(s), INT64_MIN + 1, 0,
	    &t, &pos), CONDREQ_ESYNTAX);
	ck_assert_uint_eq(pos, 15);
}
END_TEST

START_TEST(test_date_format_buffer)
{
	char buf[CONDREQ_DATE_LEN + 1];
	size_t n = 0;

	memset(buf, 'x', sizeof(buf));
	/* Too short: nothing written, the size needed reported. */
	ck_assert_int_eq(condreq_date_format(0, buf, 28, &n), CONDREQ_ENOSPC);
	ck_assert_uint_eq(n, 29);
	ck_assert_int_eq(buf[0], 'x');
	/* Exactly 29: written, no NUL. */
	ck_assert_int_eq(condreq_date_format(0, buf, 29, &n), CONDREQ_OK);
	ck_assert_int_eq(buf[29], 'x');
	ck_assert_int_eq(memcmp(buf, "Thu, 01 Jan 1970 00:00:00 GMT", 29), 0);
	ck_assert_int_eq(condreq_date_format(0, buf, 30, NULL), CONDREQ_OK);
	ck_assert_int_eq(buf[29], '\0');
	/* Out of the four-digit-year range: an argument out of range. */
	ck_assert_int_eq(condreq_date_format(253402300800LL, buf, 30, &n),
	    CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_date_format(-62167219201LL, buf, 30, &n),
	    CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_date_format(INT64_MIN, buf, 30, &n),
	    CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_date_format(INT64_MAX, buf, 30, &n),
	    CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_date_format(0, NULL, 30, &n), CONDREQ_EINVAL);
}
END_TEST

START_TEST(test_date_null_arguments)
{
	int64_t t;
	size_t pos = 7;

	ck_assert_int_eq(condreq_date_parse("x", 1, 0, 0, NULL, &pos),
	    CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_date_parse(NULL, 29, 0, 0, &t, &pos),
	    CONDREQ_EEMPTY);
	ck_assert_uint_eq(pos, 0);
	ck_assert_int_eq(condreq_date_parse(NULL, 0, 0, 0, &t, NULL),
	    CONDREQ_EEMPTY);
}
END_TEST

TCase *
tc_date(void)
{
	TCase *tc = tcase_create("date");
	int n = dates()->nrows, nvalid;

	valid_rows = tsv_select(dates(), D_CODE, "CONDREQ_OK", &nvalid);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_date_vectors, 0, n);
	tcase_add_loop_test(tc, test_date_truncations, 0, nvalid);
	tcase_add_test(tc, test_date_round_trip_every_day);
	tcase_add_test(tc, test_date_round_trip_every_second);
	tcase_add_test(tc, test_date_three_formats_agree);
	tcase_add_test(tc, test_date_5_6_7_rfc850_fifty_years);
	tcase_add_test(tc, test_date_5_6_7_rfc850_fiftieth_year);
	tcase_add_test(tc, test_date_rfc850_needs_now);
	tcase_add_test(tc, test_date_format_buffer);
	tcase_add_test(tc, test_date_null_arguments);
	return tc;
}
