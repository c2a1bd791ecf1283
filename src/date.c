/*
 * HTTP-date parsing and formatting, RFC 9110 section 5.6.7 (the formats,
 * and what the RFC leaves to a recipient: condreq_date_parse(3)).
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include "condreq_int.h"

/* Seconds from 0000-01-01T00:00:00Z and to 9999-12-31T23:59:59Z. */
#define MIN_TIME (-62167219200LL)
#define MAX_TIME 253402300799LL

/* Bytes as one word, the first lowest (as cr_load64() reads them), so
 * that a name or a template is compared at once; BYTE() is byte k of x. */
#define W8(a, b, c, d, e, f, g, h) \
	((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16 | \
	 (uint64_t)(d) << 24 | (uint64_t)(e) << 32 | (uint64_t)(f) << 40 | \
	 (uint64_t)(g) << 48 | (uint64_t)(h) << 56)
#define KEY3(a, b, c) ((uint32_t)W8(a, b, c, 0, 0, 0, 0, 0))
#define BYTE(x, k) ((unsigned)((x) >> (8 * (k))) & 0xff)

/* day-name, 0 (Sunday) .. 6; the rest of its day-name-l (RFC 9110
 * 5.6.7), with the rest's length in byte 7 (7, no day: no byte). */
static const uint32_t wday_key[7] = {
	KEY3('S', 'u', 'n'), KEY3('M', 'o', 'n'), KEY3('T', 'u', 'e'),
	KEY3('W', 'e', 'd'), KEY3('T', 'h', 'u'), KEY3('F', 'r', 'i'),
	KEY3('S', 'a', 't')
};
#define DAY3 W8('d', 'a', 'y', 0, 0, 0, 0, 3)
static const uint64_t wday_tail[8] = {
	DAY3, DAY3, W8('s', 'd', 'a', 'y', 0, 0, 0, 4),
	W8('n', 'e', 's', 'd', 'a', 'y', 0, 6),
	W8('r', 's', 'd', 'a', 'y', 0, 0, 5), DAY3,
	W8('u', 'r', 'd', 'a', 'y', 0, 0, 5), 0
};

/* Years counted from March put the leap day last: month m' (0 for March)
 * starts (153 m' + 2) / 5 days in, the lengths 31, 30, 31, 30, 31, ... */
#define MARCH_TO(mp) ((153 * (mp) + 2) / 5)

/* Month 1 .. 12: its name, its length in a leap year, and its first day
 * counted from March 1. Month 0 matches no three bytes and has no day. */
#define MON(a, b, c, days, mp) { KEY3(a, b, c), days, MARCH_TO(mp) }
static const struct month {
	uint32_t key;
	unsigned short days, start;
} month[13] = {
	{ 0xffffffff, 0, 0 }, MON('J', 'a', 'n', 31, 10),
	MON('F', 'e', 'b', 29, 11), MON('M', 'a', 'r', 31, 0),
	MON('A', 'p', 'r', 30, 1), MON('M', 'a', 'y', 31, 2),
	MON('J', 'u', 'n', 30, 3), MON('J', 'u', 'l', 31, 4),
	MON('A', 'u', 'g', 31, 5), MON('S', 'e', 'p', 30, 6),
	MON('O', 'c', 't', 31, 7), MON('N', 'o', 'v', 30, 8),
	MON('D', 'e', 'c', 31, 9)
};

/* A name to its number: the top four bits of KEY3() times a multiplier
 * found by trying put each month (day) alone in one of 16 slots, the one name
 * a key there is compared with (-Woverride-init reports two in a slot). */
#define SLOT(key) ((uint32_t)(key) * 42609u >> 28)
#define M(a, b, c) [SLOT(KEY3(a, b, c))]

static const unsigned char month_by_slot[16] = {
	M('J', 'a', 'n') = 1, M('F', 'e', 'b') = 2, M('M', 'a', 'r') = 3,
	M('A', 'p', 'r') = 4, M('M', 'a', 'y') = 5, M('J', 'u', 'n') = 6,
	M('J', 'u', 'l') = 7, M('A', 'u', 'g') = 8, M('S', 'e', 'p') = 9,
	M('O', 'c', 't') = 10, M('N', 'o', 'v') = 11, M('D', 'e', 'c') = 12
};
static const unsigned char wday_by_slot[16] = {
	M('S', 'u', 'n') = 0, M('M', 'o', 'n') = 1, M('T', 'u', 'e') = 2,
	M('W', 'e', 'd') = 3, M('T', 'h', 'u') = 4, M('F', 'r', 'i') = 5,
	M('S', 'a', 't') = 6
};

/* Day-name abbreviation to 0 (Sunday) .. 6, or 7. */
CR_INLINE unsigned
wday_of(uint32_t key)
{
	unsigned k = wday_by_slot[SLOT(key)];

	return wday_key[k] == key ? k : 7;
}

/* Day d of month m (1..12) exists in year y (or y + 400; d - 1 unsigned
 * tests 1 <= d): Feb 29 in proleptic Gregorian leap years, RFC 9110 5.6.7. */
CR_INLINE int
day_exists(unsigned y, unsigned m, unsigned d)
{
	return d - 1 < month[m].days && (d != 29 || m != 2 ||
	    (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

/* Days from March 1 of year -400 to a valid y-m-d: the y years from March
 * before it hold 365 y + y / 4 - y / 100 + y / 400, and 400 (146097 days,
 * whole weeks) more keep year 0 positive. EPOCH_DAY is 1970-01-01's. */
#define EPOCH_DAY (719468u + 146097u)

CR_INLINE uint32_t
day_number(unsigned y, unsigned m, unsigned d)
{
	uint32_t yy = y + 400 - (m <= 2);
	uint32_t c = yy / 100;	/* and yy / 400 is c / 4 */

	/* 365 yy + yy / 4 is 1461 yy / 4: four years hold 1461 days. */
	return yy * 1461 / 4 - c + c / 4 + month[m].start + d - 1;
}

/* The weekday, 0 (Sunday) .. 6, of a day_number() (day 0 was a Wednesday).
 * n / 7 is n * ceil(2^32 / 7) >> 32 while the excess, 3 n / (7 * 2^32), is
 * under 1 / 7 (n < 2^30; days are < 2^23): half the cost of a division. */
CR_INLINE unsigned
weekday(uint32_t n)
{
	uint32_t k = n + 3;

	return k - (uint32_t)((uint64_t)k * 0x24924925u >> 32) * 7;
}

/* The value, len bytes at p; one shorter than its parser reads (reads()) is
 * zero-padded to LONGEST bytes, so that no parser checks a bound. */
#define LONGEST 33

struct val {
	const unsigned char *p;
	size_t len;
	size_t *errpos;
};

struct fields {
	unsigned year, mon, day;    /* year 0..9999, month 1..12 */
	uint32_t sod;               /* second of the day */
};

/* A fault at byte at: code, or CONDREQ_ETRUNCATED (CONDREQ_EEMPTY at 0)
 * at len where the value ended. Functions out of line take scalars: the
 * parsers keep the value in registers; tcc would copy a struct by memmove. */
static int
bad(size_t len, size_t *errpos, size_t at, int code)
{
	if (at >= len) {
		cr_set_pos(errpos, len);
		return len == 0 ? CONDREQ_EEMPTY : CONDREQ_ETRUNCATED;
	}
	cr_set_pos(errpos, at);
	return code;
}

/* A name at p[i] that is no month's (months) or day's: truncation where
 * the value ends within a prefix of one, else a fault at i. */
static int
name_fault(size_t len, size_t *errpos, size_t i, uint32_t key, int months)
{
	size_t n = len - i;	/* len >= i: the bytes before i were read */
	unsigned k;

	for (k = 0; n < 3 && k < (months ? 12u : 7u); k++)
		if (((key ^ (months ? month[k + 1].key : wday_key[k])) &
		    0xffffffu >> (24 - 8 * n)) == 0)
			return bad(len, errpos, len, 0);
	return bad(len, errpos, i, CONDREQ_ESYNTAX);
}

/* The instant of a valid date whose day-name (key) is its day's (RFC 5322
 * 3.3, whose meaning 5.6.7 takes: a day-of-week "MUST be the day implied
 * by the date"), or under CONDREQ_F_ANY_WEEKDAY a day's; else a fault at 0. */
CR_INLINE int
instant(const struct val *v, const struct fields *f, uint32_t key,
    uint32_t flags, int64_t *out)
{
	uint32_t n = day_number(f->year, f->mon, f->day);

	if (wday_key[weekday(n)] != key &&
	    (!(flags & CONDREQ_F_ANY_WEEKDAY) || wday_of(key) == 7))
		return bad(v->len, v->errpos, 0, CONDREQ_EWDAYMISMATCH);
	*out = ((int64_t)n - (int64_t)EPOCH_DAY) * 86400 + f->sod;
	cr_set_pos(v->errpos, v->len);
	return CONDREQ_OK;
}

/* Is date f in year y (-400 < y < 10400) after now? A Feb 29 of a common
 * year (day_number()'s March 1) comes at its second 0, after all of Feb 28. */
static int
after(int64_t y, const struct fields *f, int64_t now)
{
	unsigned y4 = (unsigned)(y + 400);	/* then 400 years more */
	int64_t sod = day_exists(y4, f->mon, f->day) ? f->sod : 0;

	return ((int64_t)day_number(y4, f->mon, f->day) - 146097 -
	    (int64_t)EPOCH_DAY) * 86400 + sod > now;
}

/* The rfc850 year: the latest ending in yy whose date is at most 50 years
 * after now (RFC 9110 5.6.7). now's year, from 146097 days in 400 years, is
 * off by two at most: after() decides near the window's ends. A now far
 * outside 0000..9999 (where after() may err) gives a year outside it. */
static int64_t
rfc850_year(unsigned yy, const struct fields *f, int64_t now)
{
	int64_t a = 1970 + now / 86400 * 400 / 146097;
	int64_t y = a + 50 - (a + 1050 - (int64_t)yy) % 100;

	if (y > a + 46 && after(y - 50, f, now))
		y -= 100;
	else if (y < a - 46 && !after(y + 50, f, now))
		y += 100;
	return y;
}

/* Each parser reads the value in its grammar's order, eight bytes at once
 * against a template: WANT, the byte each position wants ('0' for a digit),
 * and ADD, what x = word ^ WANT may be there: FX 0 (a fixed byte), DG 0..9
 * (a digit), NO anything. x + ADD sets bit 7 of a wrong byte (0x7f + x for
 * x > 0, 0x76 + x for x > 9), "| x" that of x >= 0x80; only a wrong byte
 * carries into the next, so the lowest marked is the first wrong one, where
 * a byte-by-byte reader stops. CHECKED(add): bit 7 of the checked bytes (a
 * byte of ADD + 0x0a is 0x89, 0x80 or 0x0a, never a carry). */
#define FX 0x7f
#define DG 0x76
#define NO 0
#define CHECKED(add) (((add) + CR_REP8(0x0a)) & CR_REP8(0x80))

/* The eight bytes at p[i] against a template: 0 and *x, or the fault. */
CR_INLINE int
word_at(const struct val *v, size_t i, uint64_t want, uint64_t add, uint64_t *x)
{
	uint64_t w = cr_load64(v->p + i) ^ want;
	uint64_t wrong = ((w + add) | w) & CHECKED(add);

	*x = w;
	return wrong == 0 ? 0 :
	    bad(v->len, v->errpos, i + cr_low_byte(wrong), CONDREQ_ESYNTAX);
}

/* Two-digit numbers in place: byte k of TENS(x) is 10 x[k] + x[k + 1]
 * where x[k - 1] is 0 (nothing carries into byte k: every two-digit field
 * follows a fixed byte) and x[k], x[k + 1] are 0..9. */
#define TENS(x) ((x) * 10 + ((x) >> 8))

/* The templates, each from the offset it is read at; a NO byte is one that
 * another reads (a month's name, the time-of-day). */
#define IMF_WANT  W8(',', ' ', '0', '0', ' ', 0, 0, 0)
#define RFC_WANT  W8(',', ' ', '0', '0', '-', 0, 0, 0)
#define DATE_ADD  W8(FX, FX, DG, DG, FX, NO, NO, NO)
#define YEAR_WANT W8(' ', '0', '0', '0', '0', ' ', 0, 0)
#define YEAR_ADD  W8(FX, DG, DG, DG, DG, FX, NO, NO)
#define ASC_WANT  W8(' ', '0', '0', ' ', 0, 0, 0, 0)
#define ASC_YEAR  W8(0, 0, 0, ' ', '0', '0', '0', '0')
#define ASC_YADD  W8(NO, NO, NO, FX, DG, DG, DG, DG)
#define YY_WANT   W8('-', '0', '0', ' ', 0, 0, 0, 0)
#define SHORT_ADD W8(FX, DG, DG, FX, NO, NO, NO, NO)
#define TIME_WANT W8('0', '0', ':', '0', '0', ':', '0', '0')
#define TIME_ADD  W8(DG, DG, FX, DG, DG, FX, DG, DG)
#define GMT_KEY   ((uint32_t)W8(' ', 'G', 'M', 'T', 0, 0, 0, 0))

/* The month name key at p[i], into *mon: 0, or a fault. */
CR_INLINE int
month_at(const struct val *v, size_t i, uint32_t key, unsigned *mon)
{
	*mon = month_by_slot[SLOT(key)];
	return month[*mon].key == key ? 0 :
	    name_fault(v->len, v->errpos, i, key, 1);
}

/* time-of-day at p[i] into f: "00:00:00 - 23:59:60 (leap second)", RFC
 * 9110 5.6.7. Hour, minute, second are bytes 0, 3, 6 of TENS() of its word
 * (HMS()), each <= 99: adding 128 - 24, 128 - 60, 128 - 60 sets bit 7 of one
 * out of range. One product gives m * 60 + s at bit 48, 60 h + m at bit 24
 * (under 2^24: no carry), h at bit 0, its other terms past bit 63. */
#define HMS(h, m, s) W8(h, 0, 0, m, 0, 0, s, 0)
#define HMS_ALL HMS(0xff, 0xff, 0xff)

CR_INLINE int
time_at(const struct val *v, size_t i, struct fields *f)
{
	uint64_t t;
	int rc;

	if ((rc = word_at(v, i, TIME_WANT, TIME_ADD, &t)) != 0)
		return rc;
	t = TENS(t);
	if ((t + HMS(128 - 24, 128 - 60, 128 - 60)) & HMS(128, 128, 128)) {
		if ((t & HMS_ALL) != HMS(23, 59, 60))
			return bad(v->len, v->errpos, BYTE(t, 0) > 23 ? i :
			    BYTE(t, 3) > 59 ? i + 3 : i + 6, CONDREQ_ESYNTAX);
		/* Unix time has no leap second: the clock stamped it :59. */
		t -= HMS(0, 0, 1);
	}
	f->sod = BYTE(t, 0) * 3600 +
	    (uint32_t)((t & HMS_ALL) * ((60ULL << 24) + 1) >> 48);
	return 0;
}

/* " GMT" ending the value at p[i]: 0, or a fault: any zone but GMT at its
 * first byte, a prefix of " GMT" where the value ends truncation. */
CR_INLINE int
gmt_end(const struct val *v, size_t i)
{
	size_t k;

	if (cr_load32(v->p + i) == GMT_KEY)
		return v->len == i + 4 ? 0 :
		    bad(v->len, v->errpos, i + 4, CONDREQ_ETRAILING);
	k = cr_low_byte(cr_load32(v->p + i) ^ GMT_KEY);
	return bad(v->len, v->errpos, k == 0 || i + k >= v->len ? i + k : i + 1,
	    CONDREQ_ESYNTAX);
}

/* IMF-fixdate from byte 3 on: ", 06 Nov 1994 08:49:37 GMT". */
static int
parse_imf(const struct val *v, uint32_t key, uint32_t flags, int64_t *out)
{
	struct fields fs, *f = &fs;
	uint64_t x;
	int rc;

	if ((rc = word_at(v, 3, IMF_WANT, DATE_ADD, &x)) != 0 ||
	    (rc = month_at(v, 8, (uint32_t)(x >> 40), &f->mon)) != 0)
		return rc;
	f->day = BYTE(TENS(x), 2);
	if ((rc = word_at(v, 11, YEAR_WANT, YEAR_ADD, &x)) != 0)
		return rc;
	x = TENS(x);
	f->year = BYTE(x, 1) * 100 + BYTE(x, 3);
	if (!day_exists(f->year, f->mon, f->day))
		return bad(v->len, v->errpos, 5, CONDREQ_ESYNTAX);
	if ((rc = time_at(v, 17, f)) != 0 || (rc = gmt_end(v, 25)) != 0)
		return rc;
	return instant(v, f, key, flags, out);
}

/* asctime-date from byte 3 on: " Nov  6 08:49:37 1994". */
static int
parse_asctime(const struct val *v, uint32_t key, uint32_t flags, int64_t *out)
{
	struct fields fs, *f = &fs;
	/* "SP 1DIGIT", a day before the 10th: the space is its tens' 0. */
	uint64_t x, sp = v->p[8] == ' ' ? (uint64_t)(' ' ^ '0') << 8 : 0;
	int rc;

	if ((rc = month_at(v, 4, cr_load32(v->p + 4) & 0xffffff,
	    &f->mon)) != 0 ||
	    (rc = word_at(v, 7, ASC_WANT ^ sp, SHORT_ADD, &x)) != 0)
		return rc;
	f->day = BYTE(TENS(x), 1);
	if ((rc = time_at(v, 11, f)) != 0 ||
	    (rc = word_at(v, 16, ASC_YEAR, ASC_YADD, &x)) != 0)
		return rc;
	x = TENS(x >> 24);
	f->year = BYTE(x, 1) * 100 + BYTE(x, 3);
	if (v->len != 24)
		return bad(v->len, v->errpos, 24, CONDREQ_ETRAILING);
	if (!day_exists(f->year, f->mon, f->day))
		return bad(v->len, v->errpos, 8, CONDREQ_ESYNTAX);
	return instant(v, f, key, flags, out);
}

/* rfc850-date from byte 3 on: "day, 06-Nov-94 08:49:37 GMT", the rest of
 * day-name-l first (none for a key that is no day's: the caller reports it). */
CR_NOINLINE static int
parse_rfc850(const unsigned char *p, size_t len, size_t *errpos, uint32_t key,
    int64_t now, uint32_t flags, int64_t *out)
{
	const struct val val = { p, len, errpos }, *v = &val;
	struct fields fs, *f = &fs;
	uint64_t tail = wday_tail[wday_of(key)], x;
	size_t b = 3 + (size_t)(tail >> 56);
	int64_t year;
	int rc;

	x = (cr_load64(v->p + 3) ^ tail) & (((uint64_t)1 << (8 * (b - 3))) - 1);
	/* A wrong day-name-l is a fault at 0, unless the value ended in it. */
	if (x != 0)
		return bad(v->len, v->errpos, 3 + cr_low_byte(x) < v->len ? 0 :
		    v->len, CONDREQ_ESYNTAX);
	if ((rc = word_at(v, b, RFC_WANT, DATE_ADD, &x)) != 0 ||
	    (rc = month_at(v, b + 5, (uint32_t)(x >> 40), &f->mon)) != 0)
		return rc;
	f->day = BYTE(TENS(x), 2);
	if ((rc = word_at(v, b + 8, YY_WANT, SHORT_ADD, &x)) != 0 ||
	    (rc = time_at(v, b + 12, f)) != 0 || (rc = gmt_end(v, b + 20)) != 0)
		return rc;
	/* In its month (2000 is a leap year); Feb 29 once the year is known. */
	if (!day_exists(2000, f->mon, f->day))
		return bad(v->len, v->errpos, b + 2, CONDREQ_ESYNTAX);
	if (now == CONDREQ_NOW_UNKNOWN)
		return bad(v->len, v->errpos, b + 9, CONDREQ_ENOW);
	year = rfc850_year(BYTE(TENS(x), 1), f, now);
	if (year < 0 || year > 9999)
		return bad(v->len, v->errpos, b + 9, CONDREQ_ESYNTAX);
	f->year = (unsigned)year;
	if (!day_exists(f->year, f->mon, f->day))
		return bad(v->len, v->errpos, b + 2, CONDREQ_ESYNTAX);
	return instant(v, f, key, flags, out);
}

/* The bytes a format's parser reads: IMF-fixdate 29, asctime 24, rfc850
 * 27 and its day-name's tail; LONGEST covers every format. */
static size_t
reads(const unsigned char *p, size_t len)
{
	if (len < 4)
		return LONGEST;
	if (p[3] == ',')
		return CONDREQ_DATE_LEN;
	if (p[3] == ' ')
		return 24;
	return 27 + (size_t)(wday_tail[wday_of(KEY3(p[0], p[1], p[2]))] >> 56);
}

/* p zero-padded to LONGEST bytes in pad, volatile as in cr_zero_tail(). */
CR_NOINLINE static const unsigned char *
padded(unsigned char pad[LONGEST], const unsigned char *p, size_t len)
{
	volatile unsigned char *b = pad;
	size_t i;

	for (i = 0; i < LONGEST; i++)
		b[i] = i < len ? p[i] : 0;
	return pad;
}

/* The whole value (no OWS in a field value, RFC 9110 5.5) is a date in the
 * format byte 3 names. instant() tests the day-name last: one that is no
 * day's, the first fault, is sought after a fault, reported in its place. */
int
condreq_date_parse(const char *s, size_t len, int64_t now, uint32_t flags,
    int64_t *out, size_t *errpos)
{
	unsigned char pad[LONGEST];
	struct val v;
	uint32_t key;
	int rc;

	if (out == NULL || (flags & ~CR_F_ALL)) {
		cr_set_pos(errpos, 0);
		return out == NULL ? CONDREQ_EINVAL : CONDREQ_EFLAGS;
	}
	v.p = (const unsigned char *)s;
	v.len = s == NULL ? 0 : len;
	v.errpos = errpos;
	if (v.len < LONGEST && v.len < reads(v.p, v.len))
		v.p = padded(pad, v.p, v.len);
	key = cr_load32(v.p) & 0xffffff;
	if (v.p[3] == ',')
		rc = parse_imf(&v, key, flags, out);
	else if (v.p[3] == ' ')
		rc = parse_asctime(&v, key, flags, out);
	else
		rc = parse_rfc850(v.p, v.len, errpos, key, now, flags, out);
	if (rc == CONDREQ_OK || wday_of(key) != 7)
		return rc;
	return name_fault(v.len, errpos, 0, key, 0);
}

static void
put2(char *b, unsigned v)
{
	b[0] = (char)('0' + v / 10);
	b[1] = (char)('0' + v % 10);
}

/* day_number() inverted: day n of a 400-year era (from March 1) is in its
 * century (4n + 3) / 146097, four of 36524 days, the "+ 3" giving the era's
 * one day more to the last; likewise in year (4e + 3) / 1461 of that century
 * for e its day there (e holds 4e + 3): 365 days, a leap day every fourth. */
int
condreq_date_format(int64_t t, char *buf, size_t bufsz, size_t *outlen)
{
	uint32_t n, q, e, doy, mp;
	unsigned y, m, d, i, sod;

	cr_set_pos(outlen, CONDREQ_DATE_LEN);
	if (t < MIN_TIME || t > MAX_TIME)
		return CONDREQ_EINVAL;
	if (bufsz < CONDREQ_DATE_LEN)
		return CONDREQ_ENOSPC;
	if (buf == NULL)
		return CONDREQ_EINVAL;
	/* MIN_TIME is a midnight, that of day number EPOCH_DAY - 719528. */
	n = (uint32_t)((t - MIN_TIME) / 86400) + EPOCH_DAY - 719528u;
	sod = (unsigned)((t - MIN_TIME) % 86400);
	q = 4 * n + 3;
	e = q % 146097 | 3;
	doy = e % 1461 / 4;
	mp = (5 * doy + 2) / 153;
	d = doy - MARCH_TO(mp) + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = 100 * (q / 146097) + e / 1461 + (m <= 2) - 400;
	for (i = 0; i < 3; i++) {
		buf[i] = (char)(wday_key[weekday(n)] >> (8 * i));
		buf[8 + i] = (char)(month[m].key >> (8 * i));
		buf[26 + i] = "GMT"[i];
	}
	buf[3] = ',';
	buf[4] = buf[7] = buf[11] = buf[16] = buf[25] = ' ';
	put2(buf + 5, d);
	put2(buf + 12, y / 100);
	put2(buf + 14, y % 100);
	put2(buf + 17, sod / 3600);
	buf[19] = buf[22] = ':';
	put2(buf + 20, sod / 60 % 60);
	put2(buf + 23, sod % 60);
	if (bufsz > CONDREQ_DATE_LEN)
		buf[CONDREQ_DATE_LEN] = '\0';
	return CONDREQ_OK;
}
