/*
 * HTTP-date parsing and formatting, RFC 9110 section 5.6.7.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 *
 * Accepted, all case-sensitive, nothing around them (field values come
 * without OWS, RFC 9110 5.5):
 *
 *   IMF-fixdate  = day-name "," SP date1 SP time-of-day SP GMT
 *                  Sun, 06 Nov 1994 08:49:37 GMT
 *   rfc850-date  = day-name-l "," SP date2 SP time-of-day SP GMT
 *                  Sunday, 06-Nov-94 08:49:37 GMT
 *   asctime-date = day-name SP date3 SP time-of-day SP year
 *                  Sun Nov  6 08:49:37 1994   (day: 2DIGIT / SP 1DIGIT)
 *
 * A recipient MUST accept all three (5.6.7). Decisions the RFC leaves to
 * the recipient, each documented in condreq_date_parse(3):
 *  - time-of-day's range is "00:00:00 - 23:59:60 (leap second)": second 60
 *    is taken only at 23:59, and counts as 23:59:59, because Unix time has
 *    no leap second and the representation's clock stamped it :59.
 *  - the day-name must be the day the date falls on (the meaning of each
 *    part is that of RFC 5322 3.3, where a day-of-week "MUST be the day
 *    implied by the date"); CONDREQ_F_ANY_WEEKDAY accepts any.
 *  - an rfc850 two-digit year is the latest year with those digits that
 *    is not more than 50 years after "now" (5.6.7's rule, read as a window).
 *
 * Civil dates use integer arithmetic on the proleptic Gregorian calendar;
 * no libc time function, locale or time zone is involved.
 */
#include "condreq_int.h"

/* Seconds from 0000-01-01T00:00:00Z and to 9999-12-31T23:59:59Z, the
 * range of a four-digit year. */
#define MIN_TIME (-62167219200LL)
#define MAX_TIME 253402300799LL

/* Three bytes packed big-endian, for name lookups with one compare. */
#define PACK3(a, b, c) \
	(((uint32_t)(unsigned char)(a) << 16) | \
	 ((uint32_t)(unsigned char)(b) << 8) | (uint32_t)(unsigned char)(c))

static const char wday_name[7][4] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char month_name[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};
/* What follows the abbreviation in day-name-l (RFC 9110 5.6.7). */
static const char *const wday_tail[7] = {
	"day", "day", "sday", "nesday", "rsday", "day", "urday"
};
static const unsigned char wday_tail_len[7] = { 3, 3, 4, 6, 5, 3, 5 };

/* Day-name abbreviation to 0 (Sunday) .. 6, or -1. */
static int
wday_lookup(uint32_t v)
{
	switch (v) {
	case PACK3('S', 'u', 'n'): return 0;
	case PACK3('M', 'o', 'n'): return 1;
	case PACK3('T', 'u', 'e'): return 2;
	case PACK3('W', 'e', 'd'): return 3;
	case PACK3('T', 'h', 'u'): return 4;
	case PACK3('F', 'r', 'i'): return 5;
	case PACK3('S', 'a', 't'): return 6;
	default: return -1;
	}
}

/* Month name to 1..12, or 0. */
static unsigned
month_lookup(uint32_t v)
{
	switch (v) {
	case PACK3('J', 'a', 'n'): return 1;
	case PACK3('F', 'e', 'b'): return 2;
	case PACK3('M', 'a', 'r'): return 3;
	case PACK3('A', 'p', 'r'): return 4;
	case PACK3('M', 'a', 'y'): return 5;
	case PACK3('J', 'u', 'n'): return 6;
	case PACK3('J', 'u', 'l'): return 7;
	case PACK3('A', 'u', 'g'): return 8;
	case PACK3('S', 'e', 'p'): return 9;
	case PACK3('O', 'c', 't'): return 10;
	case PACK3('N', 'o', 'v'): return 11;
	case PACK3('D', 'e', 'c'): return 12;
	default: return 0;
	}
}

static int
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned
days_in_month(int64_t y, unsigned m)
{
	static const unsigned char dim[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29u : dim[m - 1];
}

/*
 * Days from 1970-01-01 to y-m-d. Counting years from March moves the leap
 * day to the end of the year, so a 400-year era has a fixed 146097 days
 * and each month's offset in the shifted year is (153 * m' + 2) / 5.
 * 719468 is the day number of 1970-01-01 counted from 0000-03-01.
 */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (int64_t)(m > 2 ? m - 3 : m + 9) + 2) / 5 + (int64_t)d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil(). */
static void
civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	/* Years of the era: remove the leap days before dividing by 365. */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Split t into whole days since 1970 and seconds of that day, rounding
 * down so that times before 1970 land on the right day, without ever
 * overflowing (t may be any int64_t "now"). */
static void
split_time(int64_t t, int64_t *days, int64_t *sod)
{
	int64_t d = t / 86400, r = t % 86400;

	if (r < 0) {
		r += 86400;
		d--;
	}
	*days = d;
	*sod = r;
}

/* Parsing state: the input, and where a failure happened. */
struct cur {
	const unsigned char *p;
	size_t len;
	size_t err;
};

static int
fail(struct cur *c, size_t pos, int code)
{
	c->err = pos;
	return code;
}

/* Byte at pos must be ch. */
static int
expect(struct cur *c, size_t pos, unsigned char ch)
{
	if (pos >= c->len)
		return fail(c, c->len, CONDREQ_ETRUNCATED);
	if (c->p[pos] != ch)
		return fail(c, pos, CONDREQ_ESYNTAX);
	return CONDREQ_OK;
}

/* n digits at pos, n <= 4, into *v. */
static int
digits(struct cur *c, size_t pos, unsigned n, unsigned *v)
{
	unsigned i, x = 0, dg;

	for (i = 0; i < n; i++) {
		if (pos + i >= c->len)
			return fail(c, c->len, CONDREQ_ETRUNCATED);
		dg = (unsigned)c->p[pos + i] - '0';
		if (dg > 9)
			return fail(c, pos + i, CONDREQ_ESYNTAX);
		x = x * 10 + dg;
	}
	*v = x;
	return CONDREQ_OK;
}

/* A three-letter name at pos: month (1..12) into *v. */
static int
month_at(struct cur *c, size_t pos, unsigned *v)
{
	if (pos + 3 > c->len) {
		/* A prefix of a real month is truncation, anything else a bad name. */
		size_t i, n = pos < c->len ? c->len - pos : 0;
		unsigned k;

		for (k = 0; k < 12; k++) {
			for (i = 0; i < n && c->p[pos + i] ==
			    (unsigned char)month_name[k][i]; i++)
				;
			if (i == n)
				return fail(c, c->len, CONDREQ_ETRUNCATED);
		}
		return fail(c, pos, CONDREQ_EMONTH);
	}
	*v = month_lookup(PACK3(c->p[pos], c->p[pos + 1], c->p[pos + 2]));
	if (*v == 0)
		return fail(c, pos, CONDREQ_EMONTH);
	return CONDREQ_OK;
}

/* time-of-day at pos (8 bytes), range-checked; seconds of day into *sod. */
static int
time_at(struct cur *c, size_t pos, int64_t *sod)
{
	unsigned h, mi, s;
	int rc;

	if ((rc = digits(c, pos, 2, &h)) != CONDREQ_OK ||
	    (rc = expect(c, pos + 2, ':')) != CONDREQ_OK ||
	    (rc = digits(c, pos + 3, 2, &mi)) != CONDREQ_OK ||
	    (rc = expect(c, pos + 5, ':')) != CONDREQ_OK ||
	    (rc = digits(c, pos + 6, 2, &s)) != CONDREQ_OK)
		return rc;
	if (h > 23)
		return fail(c, pos, CONDREQ_EHOUR);
	if (mi > 59)
		return fail(c, pos + 3, CONDREQ_EMINUTE);
	/* RFC 9110 5.6.7: "00:00:00 - 23:59:60 (leap second)". */
	if (s == 60 && h == 23 && mi == 59)
		s = 59;
	else if (s > 59)
		return fail(c, pos + 6, CONDREQ_ESECOND);
	*sod = (int64_t)h * 3600 + (int64_t)mi * 60 + (int64_t)s;
	return CONDREQ_OK;
}

/* "GMT" at pos, then the end of the value. Running out of input inside a
 * prefix of GMT is truncation; any other zone is EZONE. */
static int
gmt_end(struct cur *c, size_t pos)
{
	static const unsigned char gmt[3] = { 'G', 'M', 'T' };
	size_t i;

	for (i = 0; i < 3; i++) {
		if (pos + i >= c->len)
			return fail(c, c->len, CONDREQ_ETRUNCATED);
		if (c->p[pos + i] != gmt[i])
			return fail(c, pos, CONDREQ_EZONE);
	}
	if (pos + 3 != c->len)
		return fail(c, pos + 3, CONDREQ_ETRAILING);
	return CONDREQ_OK;
}

/* Trailing bytes after a value that ends at pos (asctime's year). */
static int
at_end(struct cur *c, size_t pos)
{
	if (pos != c->len)
		return fail(c, pos, CONDREQ_ETRAILING);
	return CONDREQ_OK;
}

/*
 * The rfc850 year: the latest year ending in yy whose timestamp is not
 * more than 50 years after now (RFC 9110 5.6.7). Timestamps are compared
 * field by field against now's civil date with 50 added to its year.
 */
static int64_t
rfc850_year(unsigned yy, unsigned m, unsigned d, int64_t sod, int64_t now)
{
	int64_t ny, y, ndays, nsod, lim;
	unsigned nm, nd;

	split_time(now, &ndays, &nsod);
	civil_from_days(ndays, &ny, &nm, &nd);
	lim = ny + 50;
	/* Start a century above now's and step down: at most three steps. */
	y = (ny >= 0 ? ny / 100 : (ny - 99) / 100) * 100 + (int64_t)yy + 100;
	/* Compare (y, m, d, sod) with (lim, nm, nd, nsod). */
	while (y > lim || (y == lim && (m > nm || (m == nm && (d > nd ||
	    (d == nd && sod > nsod))))))
		y -= 100;
	return y;
}

/*
 * The common case, an IMF-fixdate, checked in one pass with one branch
 * for all its digits. Returns 1 and sets *out when the value is a valid
 * IMF-fixdate; 0 sends it to the careful path below, which finds the
 * exact fault.
 */
static int
fast_imf(const unsigned char *p, size_t len, uint32_t flags, int64_t *out)
{
	unsigned d5, d6, y0, y1, y2, y3, h0, h1, m0, m1, s0, s1;
	unsigned day, mon, h, mi, sec;
	int64_t year, days;
	int wd;

	if (len != CONDREQ_DATE_LEN || p[3] != ',' || p[4] != ' ' ||
	    p[7] != ' ' || p[11] != ' ' || p[16] != ' ' || p[19] != ':' ||
	    p[22] != ':' || p[25] != ' ' || p[26] != 'G' || p[27] != 'M' ||
	    p[28] != 'T')
		return 0;
	d5 = p[5] - 48u; d6 = p[6] - 48u;
	y0 = p[12] - 48u; y1 = p[13] - 48u; y2 = p[14] - 48u;
	y3 = p[15] - 48u;
	h0 = p[17] - 48u; h1 = p[18] - 48u;
	m0 = p[20] - 48u; m1 = p[21] - 48u;
	s0 = p[23] - 48u; s1 = p[24] - 48u;
	/* Bitwise |, not ||: one branch for all twelve digits. */
	if ((d5 > 9) | (d6 > 9) | (y0 > 9) | (y1 > 9) | (y2 > 9) | (y3 > 9) |
	    (h0 > 9) | (h1 > 9) | (m0 > 9) | (m1 > 9) | (s0 > 9) | (s1 > 9))
		return 0;
	day = d5 * 10 + d6;
	h = h0 * 10 + h1;
	mi = m0 * 10 + m1;
	sec = s0 * 10 + s1;
	year = (int64_t)(y0 * 1000 + y1 * 100 + y2 * 10 + y3);
	mon = month_lookup(PACK3(p[8], p[9], p[10]));
	wd = wday_lookup(PACK3(p[0], p[1], p[2]));
	if (mon == 0 || wd < 0 || h > 23 || mi > 59 || sec > 59 || day == 0 ||
	    day > days_in_month(year, mon))
		return 0;
	days = days_from_civil(year, mon, day);
	if (!(flags & CONDREQ_F_ANY_WEEKDAY) &&
	    (int)((days % 7 + 7 + 4) % 7) != wd)
		return 0;
	*out = days * 86400 + (int64_t)(h * 3600 + mi * 60 + sec);
	return 1;
}

static int
parse(struct cur *c, int64_t now, uint32_t flags, int64_t *out)
{
	const unsigned char *p = c->p;
	unsigned day, mon, yr, i;
	int64_t year, sod = 0, days;
	size_t dpos, ypos;
	int wd, rc;

	if (c->len == 0)
		return fail(c, 0, CONDREQ_EEMPTY);
	if (c->len < 3) {
		for (wd = 0; wd < 7; wd++) {
			for (i = 0; i < c->len && p[i] ==
			    (unsigned char)wday_name[wd][i]; i++)
				;
			if (i == c->len)
				return fail(c, c->len, CONDREQ_ETRUNCATED);
		}
		return fail(c, 0, CONDREQ_EWEEKDAY);
	}
	if ((wd = wday_lookup(PACK3(p[0], p[1], p[2]))) < 0)
		return fail(c, 0, CONDREQ_EWEEKDAY);
	if (c->len == 3)
		return fail(c, 3, CONDREQ_ETRUNCATED);

	if (p[3] == ',') {
		/* IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT". */
		dpos = 5;
		ypos = 12;
		if ((rc = expect(c, 4, ' ')) != CONDREQ_OK ||
		    (rc = digits(c, 5, 2, &day)) != CONDREQ_OK ||
		    (rc = expect(c, 7, ' ')) != CONDREQ_OK ||
		    (rc = month_at(c, 8, &mon)) != CONDREQ_OK ||
		    (rc = expect(c, 11, ' ')) != CONDREQ_OK ||
		    (rc = digits(c, 12, 4, &yr)) != CONDREQ_OK ||
		    (rc = expect(c, 16, ' ')) != CONDREQ_OK)
			return rc;
		year = yr;
		if (day == 0 || day > days_in_month(year, mon))
			return fail(c, dpos, CONDREQ_EDAY);
		if ((rc = time_at(c, 17, &sod)) != CONDREQ_OK ||
		    (rc = expect(c, 25, ' ')) != CONDREQ_OK ||
		    (rc = gmt_end(c, 26)) != CONDREQ_OK)
			return rc;
	} else if (p[3] == ' ') {
		/* asctime-date: "Sun Nov  6 08:49:37 1994". */
		dpos = 8;
		ypos = 20;
		if ((rc = month_at(c, 4, &mon)) != CONDREQ_OK ||
		    (rc = expect(c, 7, ' ')) != CONDREQ_OK)
			return rc;
		if (c->len <= 8)
			return fail(c, c->len, CONDREQ_ETRUNCATED);
		if (p[8] == ' ') {
			if ((rc = digits(c, 9, 1, &day)) != CONDREQ_OK)
				return rc;
		} else {
			if ((rc = digits(c, 8, 2, &day)) != CONDREQ_OK)
				return rc;
		}
		if ((rc = expect(c, 10, ' ')) != CONDREQ_OK ||
		    (rc = time_at(c, 11, &sod)) != CONDREQ_OK ||
		    (rc = expect(c, 19, ' ')) != CONDREQ_OK ||
		    (rc = digits(c, 20, 4, &yr)) != CONDREQ_OK ||
		    (rc = at_end(c, 24)) != CONDREQ_OK)
			return rc;
		year = yr;
		if (day == 0 || day > days_in_month(year, mon))
			return fail(c, dpos, CONDREQ_EDAY);
	} else {
		/* rfc850-date: "Sunday, 06-Nov-94 08:49:37 GMT". */
		size_t n = wday_tail_len[wd], b;

		for (i = 0; i < n; i++) {
			if (3 + i >= c->len)
				return fail(c, c->len, CONDREQ_ETRUNCATED);
			if (p[3 + i] != (unsigned char)wday_tail[wd][i])
				return fail(c, 0, CONDREQ_EWEEKDAY);
		}
		b = 3 + n;
		dpos = b + 2;
		ypos = b + 9;
		if ((rc = expect(c, b, ',')) != CONDREQ_OK ||
		    (rc = expect(c, b + 1, ' ')) != CONDREQ_OK ||
		    (rc = digits(c, b + 2, 2, &day)) != CONDREQ_OK ||
		    (rc = expect(c, b + 4, '-')) != CONDREQ_OK ||
		    (rc = month_at(c, b + 5, &mon)) != CONDREQ_OK ||
		    (rc = expect(c, b + 8, '-')) != CONDREQ_OK ||
		    (rc = digits(c, b + 9, 2, &yr)) != CONDREQ_OK ||
		    (rc = expect(c, b + 11, ' ')) != CONDREQ_OK ||
		    (rc = time_at(c, b + 12, &sod)) != CONDREQ_OK ||
		    (rc = expect(c, b + 20, ' ')) != CONDREQ_OK ||
		    (rc = gmt_end(c, b + 21)) != CONDREQ_OK)
			return rc;
		/* Day 1..31 before the year is known; Feb 29 after. */
		if (day == 0 || day > days_in_month(2000, mon))
			return fail(c, dpos, CONDREQ_EDAY);
		if (now == CONDREQ_NOW_UNKNOWN)
			return fail(c, ypos, CONDREQ_ENOW);
		year = rfc850_year(yr, mon, day, sod, now);
		if (year < 0 || year > 9999)
			return fail(c, ypos, CONDREQ_EYEAR);
		if (day > days_in_month(year, mon))
			return fail(c, dpos, CONDREQ_EDAY);
	}

	days = days_from_civil(year, mon, day);
	/* 1970-01-01 was a Thursday (4); +4 keeps the modulus non-negative
	 * for days down to year 0 once shifted by a multiple of 7. */
	if (!(flags & CONDREQ_F_ANY_WEEKDAY) &&
	    (int)((days % 7 + 7 + 4) % 7) != wd)
		return fail(c, 0, CONDREQ_EWDAYMISMATCH);
	*out = days * 86400 + sod;
	return CONDREQ_OK;
}

int
condreq_date_parse(const char *s, size_t len, int64_t now, uint32_t flags,
    int64_t *out, size_t *errpos)
{
	struct cur c;
	int64_t v = 0;
	int rc;

	if (out == NULL) {
		cr_set_pos(errpos, 0);
		return CONDREQ_EINVAL;
	}
	if (s == NULL)
		len = 0;
	c.p = (const unsigned char *)s;
	c.len = len;
	c.err = 0;
	if (fast_imf(c.p, len, flags, &v)) {
		*out = v;
		cr_set_pos(errpos, len);
		return CONDREQ_OK;
	}
	rc = parse(&c, now, flags, &v);
	if (rc != CONDREQ_OK) {
		cr_set_pos(errpos, c.err);
		return rc;
	}
	*out = v;
	cr_set_pos(errpos, len);
	return CONDREQ_OK;
}

static void
put2(char *b, unsigned v)
{
	b[0] = (char)('0' + v / 10);
	b[1] = (char)('0' + v % 10);
}

int
condreq_date_format(int64_t t, char *buf, size_t bufsz, size_t *outlen)
{
	int64_t days, sod, y;
	unsigned m, d, wd, i;

	cr_set_pos(outlen, CONDREQ_DATE_LEN);
	if (t < MIN_TIME || t > MAX_TIME)
		return CONDREQ_ERANGE;
	if (bufsz < CONDREQ_DATE_LEN)
		return CONDREQ_ENOSPC;
	if (buf == NULL)
		return CONDREQ_EINVAL;
	split_time(t, &days, &sod);
	civil_from_days(days, &y, &m, &d);
	wd = (unsigned)((days % 7 + 7 + 4) % 7);
	for (i = 0; i < 3; i++) {
		buf[i] = wday_name[wd][i];
		buf[8 + i] = month_name[m - 1][i];
		buf[26 + i] = "GMT"[i];
	}
	buf[3] = ',';
	buf[4] = buf[7] = buf[11] = buf[16] = buf[25] = ' ';
	put2(buf + 5, d);
	put2(buf + 12, (unsigned)(y / 100));
	put2(buf + 14, (unsigned)(y % 100));
	put2(buf + 17, (unsigned)(sod / 3600));
	buf[19] = buf[22] = ':';
	put2(buf + 20, (unsigned)(sod / 60 % 60));
	put2(buf + 23, (unsigned)(sod % 60));
	if (bufsz > CONDREQ_DATE_LEN)
		buf[CONDREQ_DATE_LEN] = '\0';
	return CONDREQ_OK;
}
