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

/*
 * The inverse of days_from_civil(). Within a 400-year era, the day d
 * (from March 1 of its first year) falls in century (4d + 3) / 146097:
 * an era is four centuries of 36524 days and one day more, and the "+ 3"
 * gives that day to the last. Within a century the same holds for years
 * of 365 days and the leap day every fourth: year (4e + 3) / 1461. All of
 * this is small and non-negative: 32-bit unsigned, where division by a
 * constant is cheapest.
 */
static void
civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era;
	uint32_t n, c, e, yoc, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	n = 4 * (uint32_t)(z - era * 146097) + 3;
	c = n / 146097;
	e = 4 * (n % 146097 / 4) + 3;
	yoc = e / 1461;
	doy = e % 1461 / 4;
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = era * 400 + (int64_t)(100 * c + yoc) + (*m <= 2);
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

/*
 * The reference parser: byte by byte, every fault found in the order the
 * grammar meets it. condreq_date_parse() answers the common shapes itself
 * and comes here for everything else; the tests and the date fuzzer hold
 * the two to the same answer on every input they try.
 */
int
cr_date_parse_ref(const char *s, size_t len, int64_t now, uint32_t flags,
    int64_t *out, size_t *errpos)
{
	struct cur c;
	int64_t v = 0;
	int rc;

	if (out == NULL) {
		cr_set_pos(errpos, 0);
		return CONDREQ_EINVAL;
	}
	if (flags & ~CR_F_ALL) {
		cr_set_pos(errpos, 0);
		return CONDREQ_EFLAGS;
	}
	if (s == NULL)
		len = 0;
	c.p = (const unsigned char *)s;
	c.len = len;
	c.err = 0;
	rc = parse(&c, now, flags, &v);
	if (rc != CONDREQ_OK) {
		cr_set_pos(errpos, c.err);
		return rc;
	}
	*out = v;
	cr_set_pos(errpos, len);
	return CONDREQ_OK;
}

/*
 * Fast paths. A well-formed date has a fixed layout, so it is checked a
 * word (eight bytes) at a time against a template, names go through a
 * perfect hash, digits are combined in the word, and the civil-date
 * arithmetic runs on small unsigned numbers. Values of other shapes, and
 * faulty values other than IMF-fixdate's, go to the reference parser.
 */

/* A word from eight byte values, first byte lowest (as cr_load64 reads). */
#define W8(a, b, c, d, e, f, g, h) \
	((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16 | \
	 (uint64_t)(d) << 24 | (uint64_t)(e) << 32 | (uint64_t)(f) << 40 | \
	 (uint64_t)(g) << 48 | (uint64_t)(h) << 56)

/*
 * A template is two words. WANT holds the byte each position wants, '0'
 * for a digit; x = word ^ WANT is then 0 at a good fixed byte and the
 * digit's value at a good digit. ADD says what each byte of x must
 * satisfy: FX (be 0), DG (be 0..9), NO (anything: checked elsewhere).
 * A byte fails when x + ADD reaches 0x80 or x already has that bit, as
 * 0x7F + x does for any x > 0 and 0x76 + x for any x > 9.
 *
 * The result is nonzero when a byte fails, and its lowest nonzero byte
 * is the first failing one: the only carries run upwards, out of a byte
 * that has failed itself.
 */
#define FX 0x7f
#define DG 0x76
#define NO 0
#define HIGH(add) (((add) + CR_REP8(0x0a)) & CR_REP8(0x80))

CR_INLINE uint64_t
fails(uint64_t x, uint64_t add)
{
	return ((x + add) | x) & HIGH(add);
}

/*
 * Two-digit numbers in place: byte k of the result is 10 * x[k] +
 * x[k + 1], for any k whose bytes k - 1, k and k + 1 of x are 0..9 (the
 * first so that nothing carries in).
 */
CR_INLINE uint64_t
tens(uint64_t x)
{
	return x * 10 + (x >> 8);
}

CR_INLINE unsigned
byte_at(uint64_t x, unsigned k)
{
	return (unsigned)(x >> (8 * k)) & 0xff;
}

/*
 * Names by perfect hash: the three bytes as a little-endian number times
 * 0xA695, top four bits for months and top three for days, land every
 * name in its own slot (found by search; any multiplier that does so
 * would serve). A slot's key is compared in full, so any other three
 * bytes miss; empty slots hold a key no three bytes can make.
 */
#define NAME_MUL 0xa695u
#define KEY(a, b, c) \
	((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16)
#define NOKEY 0xffffffffu

/* A month by hash slot: its key, its number, and what the IMF fast path
 * needs (days in a common year, days from March 1 to its first in the
 * March-based year, and 400 less one for January and February, which
 * belong to the March-based year before). */
struct month_slot {
	uint32_t key, moff, yadd;
	uint16_t dim, num;
};

#define MONTH(a, b, c, num, dim, moff) \
	{ KEY(a, b, c), moff, (num) <= 2 ? 399 : 400, dim, num }
#define NOMONTH { NOKEY, 0, 0, 0, 0 }

/* One object, so that the hot path finds every table from one address. */
static const struct {
	struct month_slot month[16];
	uint32_t wday_key[8];		/* by hash slot */
	unsigned char wday_num[8];	/* by hash slot */
	uint32_t wday_by_num[7];	/* Sunday first */
} T = {
	{
		MONTH('F', 'e', 'b', 2, 28, 337),
		MONTH('N', 'o', 'v', 11, 30, 245),
		MONTH('S', 'e', 'p', 9, 30, 184), NOMONTH, NOMONTH,
		MONTH('A', 'u', 'g', 8, 31, 153),
		MONTH('M', 'a', 'r', 3, 31, 0),
		MONTH('A', 'p', 'r', 4, 30, 31), NOMONTH,
		MONTH('J', 'u', 'l', 7, 31, 122),
		MONTH('D', 'e', 'c', 12, 31, 275),
		MONTH('O', 'c', 't', 10, 31, 214), NOMONTH,
		MONTH('J', 'a', 'n', 1, 31, 306),
		MONTH('J', 'u', 'n', 6, 30, 92),
		MONTH('M', 'a', 'y', 5, 31, 61)
	},
	{
		KEY('T', 'u', 'e'), NOKEY, KEY('W', 'e', 'd'),
		KEY('T', 'h', 'u'), KEY('F', 'r', 'i'), KEY('S', 'a', 't'),
		KEY('M', 'o', 'n'), KEY('S', 'u', 'n')
	},
	{ 2, 0, 3, 4, 5, 6, 1, 0 },
	{
		KEY('S', 'u', 'n'), KEY('M', 'o', 'n'), KEY('T', 'u', 'e'),
		KEY('W', 'e', 'd'), KEY('T', 'h', 'u'), KEY('F', 'r', 'i'),
		KEY('S', 'a', 't')
	}
};

/* Day 0 (Sunday) .. 6 of the name in the low three bytes of w, or 7. */
CR_INLINE unsigned
wday_hash(uint64_t w)
{
	uint32_t v = (uint32_t)w & 0xffffff;
	unsigned h = (uint32_t)(v * NAME_MUL) >> 29;

	return T.wday_key[h] == v ? T.wday_num[h] : 7;
}

/* Day d of month m (1..12) of year y (0..9999) exists. */
CR_INLINE int
day_ok(unsigned y, unsigned m, unsigned d)
{
	/* Month 0, an unknown name, has no days. */
	static const unsigned char dim[13] = {
		0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	/* 1 <= d <= dim[m] in one unsigned compare. */
	if (d - 1 >= dim[m])
		return 0;
	/* February 29 only in a leap year. */
	return d != 29 || m != 2 || (y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0));
}

/* Days from 0000-03-01 to March 1 of year y (y < 2^21): 365 y + y / 4
 * is (1461 y) / 4, and y / 400 is (y / 100) / 4. */
CR_INLINE uint32_t
march1(uint32_t y)
{
	uint32_t c = y / 100;

	return ((y * 1461) >> 2) - c + (c >> 2);
}

/*
 * A fast path's day numbers count from 0000-03-01 plus 146097 (one
 * 400-year era, a whole number of weeks) so that January and February
 * of year 0 stay positive; 1970-01-01 is day UNIX_DAY0.
 */
#define UNIX_DAY0 (719468u + 146097u)

/* The month slot for the name in the low three bytes of w; its key is v
 * when the name is real. */
CR_INLINE const struct month_slot *
month_slot(uint64_t w, uint32_t *v)
{
	*v = (uint32_t)w & 0xffffff;
	return &T.month[(uint32_t)(*v * NAME_MUL) >> 28];
}

/*
 * The end of every fast path: the day number of a date known to exist
 * (m is its month's slot), its weekday checked against the name's three
 * bytes wk (any real name will do with CONDREQ_F_ANY_WEEKDAY), and the
 * instant with seconds of day sod in *out. 0000-03-01 was a Wednesday, so
 * day n falls on (n + 3) % 7; n is below 2^22, where n * ceil(2^32 / 7)
 * >> 32 is exactly n / 7. Returns 0, *out untouched, on the wrong
 * weekday.
 */
CR_INLINE int
fast_instant(unsigned year, const struct month_slot *m, unsigned day,
    uint32_t wk, uint32_t flags, uint32_t sod, int64_t *out)
{
	uint32_t dn = march1(year + m->yadd) + m->moff + day - 1, n = dn + 3;

	if (wk != T.wday_by_num[n - (uint32_t)(((uint64_t)n * 0x24924925u) >>
	    32) * 7] && (!(flags & CONDREQ_F_ANY_WEEKDAY) || wday_hash(wk) == 7))
		return 0;
	*out = ((int64_t)dn - (int64_t)UNIX_DAY0) * 86400 + (int64_t)sod;
	return 1;
}

/* IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT": words at 0, 8, 16 and
 * 21 (the last overlaps the third so as not to read past byte 28; its
 * first three bytes, checked by the third, are only made into values). */
#define IMF_WANT0 W8(0, 0, 0, ',', ' ', '0', '0', ' ')
#define IMF_ADD0  W8(NO, NO, NO, FX, FX, DG, DG, FX)
#define IMF_WANT1 W8(0, 0, 0, ' ', '0', '0', '0', '0')
#define IMF_ADD1  W8(NO, NO, NO, FX, DG, DG, DG, DG)
#define IMF_WANT2 W8(' ', '0', '0', ':', '0', '0', ':', '0')
#define IMF_ADD2  W8(FX, DG, DG, FX, DG, DG, FX, DG)
#define IMF_WANT3 W8('0', ':', '0', '0', ' ', 'G', 'M', 'T')
#define IMF_ADD3  W8(NO, NO, NO, DG, FX, FX, FX, FX)

/*
 * Fields gathered from several bytes of a word with one multiply. After
 * tens(), a word holds two-digit numbers at some bytes; masking all other
 * bytes and multiplying by a constant adds each kept byte, scaled, into
 * one bit field, while the unwanted products land below the field (too
 * small to carry into it) or above bit 63. The field bits are given
 * with each use.
 */

/* Year: bytes 4 (century) and 6 of tens(x1), as 100 * b4 + b6 at bit 48;
 * b4 << 32 stays below it. */
#define YEAR_MASK W8(0, 0, 0, 0, 0xff, 0, 0xff, 0)
#define YEAR_MUL  (1 + (100ULL << 16))
/* Clock: bytes 1 (hours) and 4 (minutes) of tens(x2), as 3600 * h + 60 * m
 * at bit 40; 60 * h << 16 stays below it, 3600 * m << 64 drops off. */
#define HM_MASK W8(0, 0xff, 0, 0, 0xff, 0, 0, 0)
#define HM_MUL  ((3600ULL << 32) + (60 << 8))

/* A 29-byte value read as an IMF-fixdate: each word XORed with its
 * template, and the fields, meaningful only where the words are good. */
struct imf {
	uint64_t x0, x1, x2, x3;
	const struct month_slot *ms;
	unsigned wd, mon, day, year, h, mi, s;
};

CR_INLINE void
imf_read(const unsigned char *p, struct imf *v)
{
	uint64_t w0 = cr_load64(p), w1 = cr_load64(p + 8);
	uint64_t t2;
	uint32_t mv;

	v->x0 = w0 ^ IMF_WANT0;
	v->x1 = w1 ^ IMF_WANT1;
	v->x2 = cr_load64(p + 16) ^ IMF_WANT2;
	v->x3 = cr_load64(p + 21) ^ IMF_WANT3;
	v->wd = wday_hash(w0);
	v->ms = month_slot(w1, &mv);
	v->mon = v->ms->key == mv ? v->ms->num : 0;
	v->day = byte_at(tens(v->x0), 5);
	v->year = (unsigned)(((tens(v->x1) & YEAR_MASK) * YEAR_MUL) >> 48);
	t2 = tens(v->x2);
	v->h = byte_at(t2, 1);
	v->mi = byte_at(t2, 4);
	v->s = byte_at(tens(v->x3), 2);
}

/*
 * The verdict on a 29-byte value that is not a plain valid IMF-fixdate,
 * with the code and offset the reference parser gives: the first faulty
 * byte, with the range checks placed where the reference makes them (day
 * after the year, clock after the time, weekday last). A leap second
 * ends here too, and is valid.
 */
CR_COLD static int
imf_verdict(const unsigned char *p, uint32_t flags, int64_t *out,
    size_t *errpos)
{
	struct imf v;
	uint64_t f0, f1, f2, f3;
	unsigned first, s;

	imf_read(p, &v);
	f0 = fails(v.x0, IMF_ADD0);
	f1 = fails(v.x1, IMF_ADD1);
	f2 = fails(v.x2, IMF_ADD2);
	f3 = fails(v.x3, IMF_ADD3);
	first = f0 ? cr_low_byte(f0) : f1 ? 8 + cr_low_byte(f1) :
	    f2 ? 16 + cr_low_byte(f2) : f3 ? 21 + cr_low_byte(f3) : 29;
	if (v.mon == 0 && first > 8)
		first = 8;
	if (v.wd == 7)
		first = 0;
	if (first < 17) {
		cr_set_pos(errpos, first);
		return first == 0 ? CONDREQ_EWEEKDAY :
		    first == 8 ? CONDREQ_EMONTH : CONDREQ_ESYNTAX;
	}
	if (!day_ok(v.year, v.mon, v.day)) {
		cr_set_pos(errpos, 5);
		return CONDREQ_EDAY;
	}
	if (first < 25) {
		cr_set_pos(errpos, first);
		return CONDREQ_ESYNTAX;
	}
	if (v.h > 23) {
		cr_set_pos(errpos, 17);
		return CONDREQ_EHOUR;
	}
	if (v.mi > 59) {
		cr_set_pos(errpos, 20);
		return CONDREQ_EMINUTE;
	}
	/* RFC 9110 5.6.7: "00:00:00 - 23:59:60 (leap second)". */
	s = v.s;
	if (s == 60 && v.h == 23 && v.mi == 59)
		s = 59;
	else if (s > 59) {
		cr_set_pos(errpos, 23);
		return CONDREQ_ESECOND;
	}
	if (first < 29) {
		cr_set_pos(errpos, first == 25 ? 25 : 26);
		return first == 25 ? CONDREQ_ESYNTAX : CONDREQ_EZONE;
	}
	if (!fast_instant(v.year, v.ms, v.day, (uint32_t)v.x0 & 0xffffff, flags,
	    v.h * 3600 + v.mi * 60 + s, out)) {
		cr_set_pos(errpos, 0);
		return CONDREQ_EWDAYMISMATCH;
	}
	cr_set_pos(errpos, CONDREQ_DATE_LEN);
	return CONDREQ_OK;
}

/*
 * The plain valid IMF-fixdate, taken in one pass: tighter templates than
 * the verdict's (the first digit of the day at most 3, of the hour at
 * most 2, of minute and second at most 5, so that only day, hour and
 * weekday need checking after), both names found, a day that every year
 * has (February 29 is left to the verdict), and the weekday right. A
 * name byte with its top bit set fails its word, which is fine: no name
 * has one. Anything else gets a verdict.
 */
#define LO3 0x7c	/* a digit 0..3 */
#define LO2 0x7d	/* 0..2 */
#define LO5 0x7a	/* 0..5 */
#define IMF_LIM0 W8(NO, NO, NO, FX, FX, LO3, DG, FX)
#define IMF_LIM1 IMF_ADD1
#define IMF_LIM2 W8(FX, LO2, DG, FX, LO5, DG, FX, LO5)
#define IMF_LIM3 IMF_ADD3

CR_INLINE int
imf_fixdate(const unsigned char *p, uint32_t flags, int64_t *out,
    size_t *errpos)
{
	uint64_t w0 = cr_load64(p), w1 = cr_load64(p + 8);
	uint64_t x0 = w0 ^ IMF_WANT0, x1 = w1 ^ IMF_WANT1;
	uint64_t x2 = cr_load64(p + 16) ^ IMF_WANT2;
	uint64_t x3 = cr_load64(p + 21) ^ IMF_WANT3;
	uint64_t t2;
	const struct month_slot *m;
	unsigned day;
	uint32_t mv;

	if ((((x0 + IMF_LIM0) | x0) | ((x1 + IMF_LIM1) | x1) |
	    ((x2 + IMF_LIM2) | x2) | ((x3 + IMF_LIM3) | x3)) & CR_REP8(0x80))
		return imf_verdict(p, flags, out, errpos);
	m = month_slot(w1, &mv);
	day = byte_at(tens(x0), 5);
	t2 = tens(x2);
	if (m->key != mv || day - 1 >= m->dim || byte_at(t2, 1) > 23 ||
	    !fast_instant((unsigned)(((tens(x1) & YEAR_MASK) * YEAR_MUL) >> 48),
	    m, day, (uint32_t)w0 & 0xffffff, flags,
	    (uint32_t)(((t2 & HM_MASK) * HM_MUL) >> 40) + byte_at(tens(x3), 2),
	    out))
		return imf_verdict(p, flags, out, errpos);
	cr_set_pos(errpos, CONDREQ_DATE_LEN);
	return CONDREQ_OK;
}

/* asctime-date, "Sun Nov  6 08:49:37 1994": words at 0, 8 and 16, with
 * byte 8 (a space before a one-digit day) read as a '0'. Limits as in
 * IMF_LIM*. */
#define ASC_WANT0 W8(0, 0, 0, ' ', 0, 0, 0, ' ')
#define ASC_LIM0  W8(NO, NO, NO, FX, NO, NO, NO, FX)
#define ASC_WANT1 W8('0', '0', ' ', '0', '0', ':', '0', '0')
#define ASC_LIM1  W8(LO3, DG, FX, LO2, DG, FX, LO5, DG)
#define ASC_WANT2 W8(':', '0', '0', ' ', '0', '0', '0', '0')
#define ASC_LIM2  W8(FX, LO5, DG, FX, DG, DG, DG, DG)

/* A valid 24-byte asctime-date: 1 and the time in *out. Anything else,
 * February 29 and a leap second included, is 0 and left to the
 * reference parser. */
CR_INLINE int
asctime_fast(const unsigned char *p, uint32_t flags, int64_t *out)
{
	uint64_t w0 = cr_load64(p), w1 = cr_load64(p + 8), x0, x1, x2, t1, t2;
	const struct month_slot *m;
	unsigned day, year;
	uint32_t mv;

	if (p[8] == ' ')
		w1 ^= 0x10;	/* ' ' (0x20) becomes '0' (0x30) */
	x0 = w0 ^ ASC_WANT0;
	x1 = w1 ^ ASC_WANT1;
	x2 = cr_load64(p + 16) ^ ASC_WANT2;
	if ((((x0 + ASC_LIM0) | x0) | ((x1 + ASC_LIM1) | x1) |
	    ((x2 + ASC_LIM2) | x2)) & CR_REP8(0x80))
		return 0;
	m = month_slot(w0 >> 32, &mv);
	/* Byte 0 of x1 has no byte before it for tens(): by hand. */
	day = byte_at(x1, 0) * 10 + byte_at(x1, 1);
	t1 = tens(x1);
	if (m->key != mv || day - 1 >= m->dim || byte_at(t1, 3) > 23)
		return 0;
	t2 = tens(x2);
	year = byte_at(t2, 4) * 100 + byte_at(t2, 6);
	return fast_instant(year, m, day, (uint32_t)w0 & 0xffffff, flags,
	    byte_at(t1, 3) * 3600 + byte_at(t1, 6) * 60 + byte_at(t2, 1),
	    out);
}

/*
 * The civil year of day z since 1970, for z in 0 .. 2932896 (1970 ..
 * 9999): the March-based year n / 365.2425, estimated by 400 n / 146097
 * and put right, plus one for January and February. The estimate is
 * never too high (march1(y) is at most 365.2425 y + 0.72, so at most n)
 * and at most one too low.
 */
CR_INLINE int64_t
now_year(uint32_t z)
{
	uint32_t n = z + 719468;
	uint32_t y = (uint32_t)((uint64_t)n * 400 / 146097);

	if (march1(y + 1) <= n)
		y++;
	return (int64_t)y + (n - march1(y) >= 306);
}

/* rfc850-date after the day-name-l: ", 06-Nov-94 08:49:37 GMT", 24 bytes
 * read as words at 0, 8 and 16 of that part. Limits as in IMF_LIM*. */
#define R850_WANT0 W8(',', ' ', '0', '0', '-', 0, 0, 0)
#define R850_LIM0  W8(FX, FX, LO3, DG, FX, NO, NO, NO)
#define R850_WANT1 W8('-', '0', '0', ' ', '0', '0', ':', '0')
#define R850_LIM1  W8(FX, DG, DG, FX, LO2, DG, FX, LO5)
#define R850_WANT2 W8('0', ':', '0', '0', ' ', 'G', 'M', 'T')
#define R850_LIM2  W8(DG, FX, LO5, DG, FX, FX, FX, FX)

/* The day-name-l values, zero-padded to 16 bytes, and their lengths. */
static const unsigned char wday_long[7][16] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday"
};
static const unsigned char wday_long_len[7] = { 6, 6, 7, 9, 8, 6, 8 };

/*
 * A valid rfc850-date whose year resolves within 0..9999, with now in
 * 0..MAX_TIME: 1 and the time in *out. Anything else, February 29 and a
 * leap second included, is 0 and left to the reference parser. The year
 * is the one rfc850_year() finds: the latest with the two digits given
 * whose (month, day, time) is not after now's fifty years on; each triple
 * is packed into one number to compare.
 */
CR_INLINE int
rfc850_fast(const unsigned char *p, size_t len, int64_t now, uint32_t flags,
    int64_t *out)
{
	uint64_t w0 = cr_load64(p), nmask, x0, x1, x2, t1, t2;
	const struct month_slot *m;
	unsigned wd, n, day, yy, h, sod, nm, nd;
	uint32_t mv, key, nkey, ndays;
	int64_t ny, lim, year;
	const unsigned char *q;

	if (now < 0 || now > MAX_TIME || (wd = wday_hash(w0)) == 7)
		return 0;
	n = wday_long_len[wd];
	if (len != n + 24u)
		return 0;
	/* The whole day-name-l: its first eight bytes, then any ninth. */
	nmask = n >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * n)) - 1;
	if (((w0 ^ cr_load64(wday_long[wd])) & nmask) != 0 ||
	    (n > 8 && p[8] != wday_long[wd][8]))
		return 0;
	q = p + n;
	x0 = cr_load64(q) ^ R850_WANT0;
	x1 = cr_load64(q + 8) ^ R850_WANT1;
	x2 = cr_load64(q + 16) ^ R850_WANT2;
	if ((((x0 + R850_LIM0) | x0) | ((x1 + R850_LIM1) | x1) |
	    ((x2 + R850_LIM2) | x2)) & CR_REP8(0x80))
		return 0;
	m = month_slot(x0 >> 40, &mv);
	day = byte_at(tens(x0), 2);
	t1 = tens(x1);
	h = byte_at(t1, 4);
	if (m->key != mv || day - 1 >= m->dim || h > 23)
		return 0;
	t2 = tens(x2);
	yy = byte_at(t1, 1);
	/* Byte 7 of t1 is 10 * m0 alone: m1 is the first byte of x2. */
	sod = h * 3600 + (byte_at(t1, 7) + byte_at(x2, 0)) * 60 +
	    byte_at(t2, 2);
	/* now is 0..MAX_TIME here: unsigned arithmetic, small results. Only
	 * a date in the fiftieth year from now needs now's month and day. */
	ndays = (uint32_t)((uint64_t)now / 86400);
	lim = now_year(ndays) + 50;
	year = lim - (int64_t)((uint32_t)(lim - (int64_t)yy) % 100);
	if (year == lim) {
		civil_from_days(ndays, &ny, &nm, &nd);
		key = (uint32_t)m->num << 22 | day << 17 | sod;
		nkey = nm << 22 | nd << 17 | (uint32_t)((uint64_t)now % 86400);
		if (key > nkey)
			year -= 100;
	}
	if (year > 9999)
		return 0;
	return fast_instant((unsigned)year, m, day, (uint32_t)w0 & 0xffffff,
	    flags, sod, out);
}

/* Any other shape: the asctime and rfc850 fast paths, or the reference. */
CR_NOINLINE static int
other_shape(const char *s, size_t len, int64_t now, uint32_t flags,
    int64_t *out, size_t *errpos)
{
	const unsigned char *p = (const unsigned char *)s;

	if (s != NULL && out != NULL && (flags & ~CR_F_ALL) == 0 &&
	    ((len == 24 && p[3] == ' ' && asctime_fast(p, flags, out)) ||
	    (len >= 30 && len <= 33 && rfc850_fast(p, len, now, flags, out)))) {
		cr_set_pos(errpos, len);
		return CONDREQ_OK;
	}
	return cr_date_parse_ref(s, len, now, flags, out, errpos);
}

int
condreq_date_parse(const char *s, size_t len, int64_t now, uint32_t flags,
    int64_t *out, size_t *errpos)
{
	if (CR_LIKELY(len == CONDREQ_DATE_LEN && s != NULL && out != NULL &&
	    s[3] == ',' && (flags & ~CR_F_ALL) == 0))
		return imf_fixdate((const unsigned char *)s, flags, out, errpos);
	return other_shape(s, len, now, flags, out, errpos);
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
