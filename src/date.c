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
 * One parser per format reads the bytes, in the order of its grammar, and
 * hands what it read to the same checks (day_exists(), check_time()) and
 * the same calendar (day_number(), civil_from_days()); a fault is
 * reported at the first byte the grammar finds wrong. A well-formed
 * IMF-fixdate, nearly every date a recipient sees, is recognised a word at
 * a time (imf_shape()): that code only recognises the shape and reads the
 * fields, which go to the same checks; anything it does not recognise is
 * read by the parser. No libc time function, locale or time zone is used.
 */
#include "condreq_int.h"

/* Seconds from 0000-01-01T00:00:00Z and to 9999-12-31T23:59:59Z, the
 * range of a four-digit year. */
#define MIN_TIME (-62167219200LL)
#define MAX_TIME 253402300799LL

/* ---- Names ------------------------------------------------------------- */

/* Three bytes as one number, the first lowest (as cr_load64() reads
 * them), so that a name is compared in one instruction. */
#define KEY3(a, b, c) ((uint32_t)(unsigned char)(a) | \
	(uint32_t)(unsigned char)(b) << 8 | (uint32_t)(unsigned char)(c) << 16)

/* day-name, 0 (Sunday) .. 6. */
static const uint32_t wday_key[7] = {
	KEY3('S', 'u', 'n'), KEY3('M', 'o', 'n'), KEY3('T', 'u', 'e'),
	KEY3('W', 'e', 'd'), KEY3('T', 'h', 'u'), KEY3('F', 'r', 'i'),
	KEY3('S', 'a', 't')
};

/*
 * Counting years from March moves the leap day to the end of the year,
 * so that month m' (0 for March) starts (153 m' + 2) / 5 days into it: a
 * closed form of the month lengths 31, 30, 31, 30, 31, 31, 30, ...
 */
#define MARCH_TO(mp) ((153 * (mp) + 2) / 5)

/* Month 1 .. 12: its name, its length in a leap year, and its first day
 * counted from March 1. Month 0 matches no three bytes and has no day. */
static const struct month {
	uint32_t key;
	unsigned short days, start;
} month[13] = {
	{ 0xffffffff, 0, 0 },
	{ KEY3('J', 'a', 'n'), 31, MARCH_TO(10) },
	{ KEY3('F', 'e', 'b'), 29, MARCH_TO(11) },
	{ KEY3('M', 'a', 'r'), 31, MARCH_TO(0) },
	{ KEY3('A', 'p', 'r'), 30, MARCH_TO(1) },
	{ KEY3('M', 'a', 'y'), 31, MARCH_TO(2) },
	{ KEY3('J', 'u', 'n'), 30, MARCH_TO(3) },
	{ KEY3('J', 'u', 'l'), 31, MARCH_TO(4) },
	{ KEY3('A', 'u', 'g'), 31, MARCH_TO(5) },
	{ KEY3('S', 'e', 'p'), 30, MARCH_TO(6) },
	{ KEY3('O', 'c', 't'), 31, MARCH_TO(7) },
	{ KEY3('N', 'o', 'v'), 30, MARCH_TO(8) },
	{ KEY3('D', 'e', 'c'), 31, MARCH_TO(9) }
};
/* What follows the abbreviation in day-name-l (RFC 9110 5.6.7). */
static const char *const wday_tail[7] = {
	"day", "day", "sday", "nesday", "rsday", "day", "urday"
};
static const unsigned char wday_tail_len[7] = { 3, 3, 4, 6, 5, 3, 5 };

/* Day-name abbreviation to 0 (Sunday) .. 6, or 7. The parser's only,
 * once per value: a scan is short enough. */
CR_INLINE unsigned
wday_of(uint32_t key)
{
	unsigned k = 0;

	while (k < 7 && wday_key[k] != key)
		k++;
	return k;
}

/*
 * Month name to 1..12, or 0. The sums of the second and third letters
 * of the twelve names differ even modulo 32, so that the sum picks the
 * one candidate that the key is then compared with; -Woverride-init
 * (in -Wextra) would report two months in one slot.
 */
#define SUM(b, c) (((b) + (c)) % 32)

static const unsigned char month_by_sum[32] = {
	[SUM('a', 'n')] = 1, [SUM('e', 'b')] = 2, [SUM('a', 'r')] = 3,
	[SUM('p', 'r')] = 4, [SUM('a', 'y')] = 5, [SUM('u', 'n')] = 6,
	[SUM('u', 'l')] = 7, [SUM('u', 'g')] = 8, [SUM('e', 'p')] = 9,
	[SUM('c', 't')] = 10, [SUM('o', 'v')] = 11, [SUM('e', 'c')] = 12
};

/* The one month that key can name: it does if month[].key says so. */
CR_INLINE unsigned
month_guess(uint32_t key)
{
	return month_by_sum[SUM(key >> 8, key >> 16)];
}

CR_INLINE unsigned
month_of(uint32_t key)
{
	unsigned m = month_guess(key);

	return month[m].key == key ? m : 0;
}

/* Are the first n (< 3) bytes of key those of a month's name (months)
 * or a day-name's? */
static int
name_prefix(uint32_t key, size_t n, int months)
{
	uint32_t mask = ((uint32_t)1 << (8 * n)) - 1;
	unsigned k;

	for (k = 0; k < (months ? 12u : 7u); k++)
		if (((key ^ (months ? month[k + 1].key : wday_key[k])) &
		    mask) == 0)
			return 1;
	return 0;
}

/* ---- The calendar ------------------------------------------------------ */

/* Day d of month m (1..12) of year y (0..9999) exists. */
CR_INLINE int
day_exists(unsigned y, unsigned m, unsigned d)
{
	/* 1 <= d <= days in one unsigned compare; February 29 only in a leap
	 * year (RFC 9110 5.6.7 names the proleptic Gregorian calendar). */
	return d - 1 < month[m].days && (d != 29 || m != 2 ||
	    (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

/*
 * The day number of y-m-d (y 0..9999, the date valid): days since March
 * 1 of year -401. The y years from March before it hold 365 y + y / 4 -
 * y / 100 + y / 400 days; starting 400 years (146097 days, a whole number
 * of weeks) early keeps January and February of year 0 positive and 32
 * unsigned bits enough. EPOCH_DAY is 1970-01-01's number.
 */
#define EPOCH_DAY (719468u + 146097u)

CR_INLINE uint32_t
day_number(unsigned y, unsigned m, unsigned d)
{
	uint32_t yy = y + 400 - (m <= 2);
	uint32_t c = yy / 100;	/* and yy / 400 is c / 4 */

	return yy * 365 + yy / 4 - c + c / 4 + month[m].start + d - 1;
}

/*
 * The weekday, 0 (Sunday) .. 6, of a day_number(): day 0 was a
 * Wednesday. n / 7 is (n * DIV7) >> 32 for every n below 2^30 (DIV7 is
 * 2^32 / 7 rounded up, 3 / 2^32 too much: the error stays under 1 / 7),
 * and day numbers stay below 2^23; the compiler's division serves every
 * 32-bit n and costs twice as much.
 */
#define DIV7 0x24924925u

CR_INLINE unsigned
weekday(uint32_t n)
{
	uint32_t k = n + 3;

	return k - (uint32_t)((uint64_t)k * DIV7 >> 32) * 7;
}

/*
 * The inverse of day_number() less EPOCH_DAY, for any day: within a
 * 400-year era, the day d (from March 1 of its first year) falls in century
 * (4d + 3) / 146097: an era is four centuries of 36524 days and one day
 * more, and the "+ 3" gives that day to the last. Within a century the
 * same holds for years of 365 days and the leap day every fourth: year
 * (4e + 3) / 1461. 719468 is 1970-01-01 counted from 0000-03-01.
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

/* ---- What every parser checks ------------------------------------------ */

/* A date as a parser has read it. */
struct fields {
	uint32_t wname;             /* the day-name's KEY3(), as sent */
	unsigned year, mon, day;    /* year 0..9999, month 1..12 */
	unsigned hour, min, sec;
};

/* The time of day in range, its offset at tpos: 0, or the code with
 * *errpos set. RFC 9110 5.6.7: "00:00:00 - 23:59:60 (leap second)". */
CR_INLINE int
check_time(struct fields *f, size_t tpos, size_t *errpos)
{
	if (f->hour > 23) {
		cr_set_pos(errpos, tpos);
		return CONDREQ_EHOUR;
	}
	if (f->min > 59) {
		cr_set_pos(errpos, tpos + 3);
		return CONDREQ_EMINUTE;
	}
	if (f->sec == 60 && f->hour == 23 && f->min == 59)
		f->sec = 59;
	else if (f->sec > 59) {
		cr_set_pos(errpos, tpos + 6);
		return CONDREQ_ESECOND;
	}
	return 0;
}

/* The instant of a date every part of which is valid, once its day-name
 * is found to be its day's (at offset 0, unless CONDREQ_F_ANY_WEEKDAY). */
CR_INLINE int
instant(const struct fields *f, uint32_t flags, int64_t *out, size_t *errpos)
{
	uint32_t n = day_number(f->year, f->mon, f->day);

	if (wday_key[weekday(n)] != f->wname &&
	    !(flags & CONDREQ_F_ANY_WEEKDAY)) {
		cr_set_pos(errpos, 0);
		return CONDREQ_EWDAYMISMATCH;
	}
	*out = ((int64_t)n - (int64_t)EPOCH_DAY) * 86400 +
	    (int64_t)(f->hour * 3600 + f->min * 60 + f->sec);
	return CONDREQ_OK;
}

/* ---- The parsers, byte by byte ----------------------------------------- */

/*
 * The value to parse: its bytes at p, len of them. When the value is
 * shorter than the longest date (33 bytes), p is a zero-padded copy, so
 * that every parser reads its positions without a bounds check; a byte
 * the grammar finds wrong at or past len means the value ended early.
 */
#define LONGEST 33

struct val {
	const unsigned char *p;
	size_t len;
	size_t *errpos;
};

/* A fault at byte at: code, or CONDREQ_ETRUNCATED when the value ended
 * there. The offset is the fault's, or len. */
static int
bad(const struct val *v, size_t at, int code)
{
	if (at >= v->len) {
		cr_set_pos(v->errpos, v->len);
		return CONDREQ_ETRUNCATED;
	}
	cr_set_pos(v->errpos, at);
	return code;
}

/* A two-digit number at p[i]: its value, or a fault. */
#define TWO(v, i, out) do { \
	unsigned d1_ = (unsigned)(v)->p[i] - '0', d2_ = (unsigned)(v)->p[(i) + 1] - '0'; \
	if (d1_ > 9) \
		return bad(v, i, CONDREQ_ESYNTAX); \
	if (d2_ > 9) \
		return bad(v, (i) + 1, CONDREQ_ESYNTAX); \
	(out) = d1_ * 10 + d2_; \
} while (0)

/* The byte at p[i] is ch. */
#define BYTE(v, i, ch) do { \
	if ((v)->p[i] != (ch)) \
		return bad(v, i, CONDREQ_ESYNTAX); \
} while (0)

/* A month name at p[i], into *mon: 0, or a fault (a prefix of a month
 * where the value ends is truncation). */
CR_INLINE int
month_at(const struct val *v, size_t i, unsigned *mon)
{
	uint32_t key = cr_load32(v->p + i) & 0xffffff;

	if ((*mon = month_of(key)) != 0)
		return 0;
	if (i + 3 > v->len && name_prefix(key, v->len > i ? v->len - i : 0, 1))
		return bad(v, v->len, 0);
	cr_set_pos(v->errpos, i);
	return CONDREQ_EMONTH;
}

/* time-of-day at p[i], "hh:mm:ss", into f; its range is checked. */
CR_INLINE int
time_at(const struct val *v, size_t i, struct fields *f)
{
	TWO(v, i, f->hour);
	BYTE(v, i + 2, ':');
	TWO(v, i + 3, f->min);
	BYTE(v, i + 5, ':');
	TWO(v, i + 6, f->sec);
	return check_time(f, i, v->errpos);
}

/* A four-digit year at p[i]. */
CR_INLINE int
year_at(const struct val *v, size_t i, unsigned *year)
{
	unsigned hi, lo;

	TWO(v, i, hi);
	TWO(v, i + 2, lo);
	*year = hi * 100 + lo;
	return 0;
}

/* " GMT" ending the value at p[i]: 0, or a fault (any other zone is
 * EZONE; a prefix of GMT where the value ends is truncation). */
CR_INLINE int
gmt_end(const struct val *v, size_t i)
{
	size_t k;

	BYTE(v, i, ' ');
	for (k = 0; k < 3; k++)
		if (v->p[i + 1 + k] != (unsigned char)"GMT"[k]) {
			if (i + 1 + k >= v->len)
				return bad(v, v->len, CONDREQ_EZONE);
			cr_set_pos(v->errpos, i + 1);
			return CONDREQ_EZONE;
		}
	if (v->len != i + 4)
		return bad(v, i + 4, CONDREQ_ETRAILING);
	return 0;
}

/* The day checked (at dpos) once its month and year are known. */
#define DAY_OK(v, f, dpos) do { \
	if (!day_exists((f)->year, (f)->mon, (f)->day)) { \
		cr_set_pos((v)->errpos, dpos); \
		return CONDREQ_EDAY; \
	} \
} while (0)

/* IMF-fixdate from byte 3 on: ", 06 Nov 1994 08:49:37 GMT". */
static int
parse_imf(const struct val *v, struct fields *f, uint32_t flags,
    int64_t *out)
{
	int rc;

	BYTE(v, 4, ' ');
	TWO(v, 5, f->day);
	BYTE(v, 7, ' ');
	if ((rc = month_at(v, 8, &f->mon)) != 0)
		return rc;
	BYTE(v, 11, ' ');
	if ((rc = year_at(v, 12, &f->year)) != 0)
		return rc;
	BYTE(v, 16, ' ');
	DAY_OK(v, f, 5);
	if ((rc = time_at(v, 17, f)) != 0 || (rc = gmt_end(v, 25)) != 0)
		return rc;
	return instant(f, flags, out, v->errpos);
}

/* asctime-date from byte 3 on: " Nov  6 08:49:37 1994". */
static int
parse_asctime(const struct val *v, struct fields *f, uint32_t flags,
    int64_t *out)
{
	int rc;

	if ((rc = month_at(v, 4, &f->mon)) != 0)
		return rc;
	BYTE(v, 7, ' ');
	if (v->p[8] == ' ') {
		/* "SP 1DIGIT": a day before the 10th. */
		if ((unsigned)v->p[9] - '0' > 9)
			return bad(v, 9, CONDREQ_ESYNTAX);
		f->day = (unsigned)v->p[9] - '0';
	} else
		TWO(v, 8, f->day);
	BYTE(v, 10, ' ');
	if ((rc = time_at(v, 11, f)) != 0)
		return rc;
	BYTE(v, 19, ' ');
	if ((rc = year_at(v, 20, &f->year)) != 0)
		return rc;
	if (v->len != 24)
		return bad(v, 24, CONDREQ_ETRAILING);
	DAY_OK(v, f, 8);
	return instant(f, flags, out, v->errpos);
}

/*
 * The rfc850 year: the latest year ending in yy whose instant is not
 * more than 50 years after now (RFC 9110 5.6.7). Instants are compared
 * field by field with now's civil date fifty years on.
 */
static int64_t
rfc850_year(unsigned yy, const struct fields *f, int64_t now)
{
	int64_t ny, y, ndays, nsod, lim, sod;
	unsigned nm, nd;

	split_time(now, &ndays, &nsod);
	civil_from_days(ndays, &ny, &nm, &nd);
	lim = ny + 50;
	sod = (int64_t)(f->hour * 3600 + f->min * 60 + f->sec);
	/* Start a century above now's and step down: at most three steps. */
	y = (ny >= 0 ? ny / 100 : (ny - 99) / 100) * 100 + (int64_t)yy + 100;
	while (y > lim || (y == lim && (f->mon > nm || (f->mon == nm &&
	    (f->day > nd || (f->day == nd && sod > nsod))))))
		y -= 100;
	return y;
}

/* rfc850-date from byte 3 on: "day, 06-Nov-94 08:49:37 GMT", the rest
 * of day-name-l first. */
static int
parse_rfc850(const struct val *v, struct fields *f, unsigned wd,
    int64_t now, uint32_t flags, int64_t *out)
{
	size_t n = wday_tail_len[wd], b = 3 + n, i;
	unsigned yy;
	int64_t year;
	int rc;

	for (i = 0; i < n; i++)
		if (v->p[3 + i] != (unsigned char)wday_tail[wd][i])
			return 3 + i >= v->len ? bad(v, v->len, 0) :
			    (cr_set_pos(v->errpos, 0), CONDREQ_EWEEKDAY);
	BYTE(v, b, ',');
	BYTE(v, b + 1, ' ');
	TWO(v, b + 2, f->day);
	BYTE(v, b + 4, '-');
	if ((rc = month_at(v, b + 5, &f->mon)) != 0)
		return rc;
	BYTE(v, b + 8, '-');
	TWO(v, b + 9, yy);
	BYTE(v, b + 11, ' ');
	if ((rc = time_at(v, b + 12, f)) != 0 || (rc = gmt_end(v, b + 20)) != 0)
		return rc;
	/* The day within 1..31 before the year is known, Feb 29 after. */
	f->year = 2000;
	DAY_OK(v, f, b + 2);
	if (now == CONDREQ_NOW_UNKNOWN) {
		cr_set_pos(v->errpos, b + 9);
		return CONDREQ_ENOW;
	}
	year = rfc850_year(yy, f, now);
	if (year < 0 || year > 9999) {
		cr_set_pos(v->errpos, b + 9);
		return CONDREQ_EYEAR;
	}
	f->year = (unsigned)year;
	DAY_OK(v, f, b + 2);
	return instant(f, flags, out, v->errpos);
}

/* Any value, byte by byte: the day-name, then the format byte 3 names. */
static int
parse(const struct val *v, int64_t now, uint32_t flags, int64_t *out)
{
	const unsigned char *p = v->p;
	struct fields f;
	unsigned wd;

	if (v->len == 0) {
		cr_set_pos(v->errpos, 0);
		return CONDREQ_EEMPTY;
	}
	f.wname = cr_load32(p) & 0xffffff;
	if ((wd = wday_of(f.wname)) == 7) {
		if (v->len < 3 && name_prefix(f.wname, v->len, 0))
			return bad(v, v->len, 0);
		cr_set_pos(v->errpos, 0);
		return CONDREQ_EWEEKDAY;
	}
	if (p[3] == ',')
		return parse_imf(v, &f, flags, out);
	if (p[3] == ' ')
		return parse_asctime(v, &f, flags, out);
	return parse_rfc850(v, &f, wd, now, flags, out);
}

/* ---- The IMF-fixdate's shape, a word at a time --------------------------- */

/* A word from eight byte values, first byte lowest (as cr_load64 reads). */
#define W8(a, b, c, d, e, f, g, h) \
	((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16 | \
	 (uint64_t)(d) << 24 | (uint64_t)(e) << 32 | (uint64_t)(f) << 40 | \
	 (uint64_t)(g) << 48 | (uint64_t)(h) << 56)

/*
 * A template is two words: WANT the byte each position wants ('0' for a
 * digit), and ADD what x = word ^ WANT must be there: FX 0 (a fixed byte),
 * DG 0..9 (a digit), or NO anything (a name, looked up after). x + ADD has
 * bit 7 set in a byte that is wrong (0x7f + x for any x > 0, 0x76 + x for
 * any x > 9), and "| x" catches x >= 0x80; a carry out of a byte only
 * comes from one that is wrong itself. CHECKED(add) is bit 7 of the bytes
 * that are checked: adding 0x0a to a byte of ADD gives 0x89, 0x80 or 0x0a,
 * never a carry.
 */
#define FX 0x7f
#define DG 0x76
#define NO 0
#define CHECKED(add) (((add) + CR_REP8(0x0a)) & CR_REP8(0x80))
#define WRONG(x, add) ((((x) + (add)) | (x)) & CHECKED(add))

/* "Sun, 06 Nov 1994 08:49:37 GMT" as words at 3, 11 and 19, the
 * day-name before them and " GMT" after, both read on their own: the
 * month's name is the top three bytes of word A. */
#define IMF_WANTA W8(',', ' ', '0', '0', ' ', 0, 0, 0)
#define IMF_ADDA  W8(FX, FX, DG, DG, FX, NO, NO, NO)
#define IMF_WANTB W8(' ', '0', '0', '0', '0', ' ', '0', '0')
#define IMF_ADDB  W8(FX, DG, DG, DG, DG, FX, DG, DG)
#define IMF_WANTC W8(':', '0', '0', ':', '0', '0', 0, 0)
#define IMF_ADDC  W8(FX, DG, DG, FX, DG, DG, NO, NO)
#define IMF_TAIL  (KEY3(' ', 'G', 'M') | (uint32_t)'T' << 24)

/*
 * Two-digit numbers in place: byte k of tens(x) is 10 x[k] + x[k + 1],
 * where x[k - 1] is 0 (so that nothing carries into byte k) and x[k],
 * x[k + 1] are 0..9: in the words above, every two-digit field follows a
 * fixed byte.
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

/* The 29 bytes at p have the IMF-fixdate's shape and name a month: the
 * fields in *f, 1. The day-name is not looked up (instant() compares it
 * with the day's) and no value is checked here. */
CR_INLINE int
imf_shape(const unsigned char *p, struct fields *f)
{
	uint64_t a, b, c;

	/* The zone first: a date in another is refused at no cost. */
	if (cr_load32(p + 25) != IMF_TAIL)
		return 0;
	a = cr_load64(p + 3) ^ IMF_WANTA;
	b = cr_load64(p + 11) ^ IMF_WANTB;
	c = cr_load64(p + 19) ^ IMF_WANTC;
	if (WRONG(a, IMF_ADDA) | WRONG(b, IMF_ADDB) | WRONG(c, IMF_ADDC))
		return 0;
	f->mon = month_guess((uint32_t)(a >> 40));
	if (month[f->mon].key != (uint32_t)(a >> 40))
		return 0;
	f->wname = cr_load32(p) & 0xffffff;
	f->day = byte_at(tens(a), 2);
	b = tens(b);
	f->year = byte_at(b, 1) * 100 + byte_at(b, 3);
	f->hour = byte_at(b, 6);
	c = tens(c);
	f->min = byte_at(c, 1);
	f->sec = byte_at(c, 4);
	return 1;
}

/*
 * A well-formed IMF-fixdate of a valid date, its day-name the day's: its
 * instant in *out, 1. Anything else, 0: the parser then reads the value
 * from its first byte, and alone reports what is wrong. The checks are
 * the parser's own.
 */
CR_INLINE int
imf_fast(const unsigned char *p, int64_t *out)
{
	struct fields f;

	return imf_shape(p, &f) && day_exists(f.year, f.mon, f.day) &&
	    check_time(&f, 0, NULL) == 0 && instant(&f, 0, out, NULL) == 0;
}

/* ---- The entry points ---------------------------------------------------- */

/* Store w's bytes at p, first byte lowest (cr_load64's inverse). */
CR_INLINE void
store64(unsigned char *p, uint64_t w)
{
#if defined(__GNUC__) || defined(__clang__)
	w = CR_LE64(w);
	__builtin_memcpy(p, &w, 8);
#else
	unsigned i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(w >> (8 * i));
#endif
}

/*
 * The bytes a format's parser reads: all those before the last it looks
 * at. A value with fewer is read from a zero-padded copy (see struct
 * val). IMF-fixdate reads 29, asctime 24, rfc850 27 and its day-name's
 * tail; a value of LONGEST bytes has all any parser reads.
 */
static size_t
reads(const unsigned char *p, size_t len)
{
	unsigned wd;

	if (len < 4)
		return LONGEST;
	if (p[3] == ',')
		return CONDREQ_DATE_LEN;
	if (p[3] == ' ')
		return 24;
	wd = wday_of(KEY3(p[0], p[1], p[2]));
	return wd == 7 ? 4 : 27 + (size_t)wday_tail_len[wd];
}

/* Every value the IMF shape does not take: byte by byte. The same
 * contract as condreq_date_parse(), which tests compare it with. */
CR_NOINLINE int
cr_date_parse_bytes(const char *s, size_t len, int64_t now, uint32_t flags,
    int64_t *out, size_t *errpos)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t pad[(LONGEST + 7) / 8];
	struct val v;
	int64_t t = 0;
	size_t i;
	int rc;

	cr_set_pos(errpos, 0);
	if (out == NULL)
		return CONDREQ_EINVAL;
	if (flags & ~CR_F_ALL)
		return CONDREQ_EFLAGS;
	if (s == NULL)
		len = 0;
	v.p = p;
	v.len = len;
	v.errpos = errpos;
	if (len < LONGEST && len < reads(p, len)) {
		for (i = 0; i < sizeof(pad) / 8; i++)
			store64((unsigned char *)pad + 8 * i,
			    cr_load_upto(p, 8 * i, len));
		v.p = (const unsigned char *)pad;
	}
	if ((rc = parse(&v, now, flags, &t)) != CONDREQ_OK)
		return rc;
	*out = t;
	cr_set_pos(errpos, len);
	return CONDREQ_OK;
}

int
condreq_date_parse(const char *s, size_t len, int64_t now, uint32_t flags,
    int64_t *out, size_t *errpos)
{
	/* CONDREQ_F_ANY_WEEKDAY needs the day-name looked up: the parser. */
	if (CR_LIKELY(len == CONDREQ_DATE_LEN) && s != NULL && out != NULL &&
	    (flags & (~CR_F_ALL | CONDREQ_F_ANY_WEEKDAY)) == 0 &&
	    imf_fast((const unsigned char *)s, out)) {
		cr_set_pos(errpos, CONDREQ_DATE_LEN);
		return CONDREQ_OK;
	}
	return cr_date_parse_bytes(s, len, now, flags, out, errpos);
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
	/* Within 0000..9999, days + EPOCH_DAY is a day_number(). */
	wd = weekday((uint32_t)(days + (int64_t)EPOCH_DAY));
	for (i = 0; i < 3; i++) {
		buf[i] = (char)(wday_key[wd] >> (8 * i));
		buf[8 + i] = (char)(month[m].key >> (8 * i));
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
