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

/* A name to its number: the multiplier (found by trying) sends the KEY3()s
 * of the months to twelve of 16 slots (the product's top four bits) and
 * those of the days to seven, each the one name a key is compared with (0
 * in an empty slot is another's). -Woverride-init reports two in a slot. */
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

/* Day d of month m (1..12) of year y exists: 1 <= d <= days in one
 * unsigned compare; February 29 in a leap year of the proleptic Gregorian
 * calendar (RFC 9110 5.6.7) alone, and y + 400 is as y. */
CR_INLINE int
day_exists(unsigned y, unsigned m, unsigned d)
{
	return d - 1 < month[m].days && (d != 29 || m != 2 ||
	    (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

/* The day number of a valid y-m-d: days since March 1 of year -400. The y
 * years from March before it hold 365 y + y / 4 - y / 100 + y / 400 days;
 * 400 years (146097 days, whole weeks) more keep year 0's numbers positive
 * and in 32 unsigned bits. EPOCH_DAY is 1970-01-01's. */
#define EPOCH_DAY (719468u + 146097u)

CR_INLINE uint32_t
day_number(unsigned y, unsigned m, unsigned d)
{
	uint32_t yy = y + 400 - (m <= 2);
	uint32_t c = yy / 100;	/* and yy / 400 is c / 4 */

	/* 365 yy + yy / 4 is 1461 yy / 4: four years hold 1461 days. */
	return yy * 1461 / 4 - c + c / 4 + month[m].start + d - 1;
}

/* The weekday, 0 (Sunday) .. 6, of a day_number(): day 0 was a Wednesday.
 * n / 7 is n * (2^32 / 7 rounded up) >> 32 for n below 2^30 (3 / 2^32 too
 * much: the error stays under 1 / 7), and day numbers stay below 2^23; the
 * compiler's division, right for every n, costs twice as much. */
CR_INLINE unsigned
weekday(uint32_t n)
{
	uint32_t k = n + 3;

	return k - (uint32_t)((uint64_t)k * 0x24924925u >> 32) * 7;
}

/* The value: len bytes at p. One shorter than what its format's parser
 * reads (reads()) is parsed from a copy zero-padded to LONGEST bytes, so
 * that no parser checks a bound; a fault at or past len is the value's end. */
#define LONGEST 33

struct val {
	const unsigned char *p;
	size_t len;
	size_t *errpos;
};

/* A date as a parser has read it. */
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

/* Is the date f in year y (-400 < y < 10400) after now? Dates compare
 * field by field: a February 29 of a common year, which day_number() makes
 * March 1, comes at its second 0, after every second of February 28. */
static int
after(int64_t y, const struct fields *f, int64_t now)
{
	unsigned y4 = (unsigned)(y + 400);	/* then 400 years more */
	int64_t sod = day_exists(y4, f->mon, f->day) ? f->sod : 0;

	return ((int64_t)day_number(y4, f->mon, f->day) - 146097 -
	    (int64_t)EPOCH_DAY) * 86400 + sod > now;
}

/* The rfc850 year: the latest year ending in yy whose date is not more
 * than 50 years after now (RFC 9110 5.6.7), among now's year - 49 .. + 50,
 * or a century less when it is the last and its date falls later in the
 * year than now does. now's year is estimated by 400 years' 146097 days,
 * within two, and after() decides near the window's ends. A now far outside
 * 0000..9999 (where after() may be wrong) gives a year outside it too. */
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

/* One parser per format reads the value in its grammar's order, up to
 * eight bytes at once against a template of two words: WANT the byte each
 * position wants ('0' for a digit), and ADD what x = word ^ WANT must be
 * there: FX 0 (a fixed byte), DG 0..9 (a digit), or NO anything (not looked
 * at). x + ADD has bit 7 set in a byte that is wrong (0x7f + x for any x >
 * 0, 0x76 + x for any x > 9), and "| x" catches x >= 0x80; a carry out of
 * a byte only comes from one that is wrong itself, so that the lowest byte
 * marked is the first wrong one, the fault's offset as if read byte by
 * byte. CHECKED(add) is bit 7 of the bytes that are checked: adding 0x0a
 * to a byte of ADD gives 0x89, 0x80 or 0x0a, never a carry. */
#define FX 0x7f
#define DG 0x76
#define NO 0
#define CHECKED(add) (((add) + CR_REP8(0x0a)) & CR_REP8(0x80))

/* The eight bytes at p[i] against a template: x = bytes ^ want, 0; or
 * a fault at the first byte that is wrong. */
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

/* time-of-day at p[i] into f, in range, RFC 9110 5.6.7: "00:00:00 -
 * 23:59:60 (leap second)". In TENS() of its word, hour, minute and second
 * are bytes 0, 3 and 6 (HMS()); adding 128 - 24, 128 - 60 and 128 - 60 sets
 * bit 7 of each that is out of range (they are 99 at most). Then m * 60 + s
 * is one multiplication: of its terms, that one falls on bit 48, 60 h + m
 * on bit 24 (under 2^24: no carry), h on bit 0, the others past bit 63. */
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

/* rfc850-date from byte 3 on: "day, 06-Nov-94 08:49:37 GMT", the rest
 * of day-name-l first. A key that is no day's reads on, to no avail: the
 * caller reports it in place of any fault. */
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

/* The len bytes at p, zero-padded to LONGEST in pad, through a volatile
 * pointer as cr_zero_tail() writes. */
CR_NOINLINE static const unsigned char *
padded(unsigned char pad[LONGEST], const unsigned char *p, size_t len)
{
	volatile unsigned char *b = pad;
	size_t i;

	for (i = 0; i < LONGEST; i++)
		b[i] = i < len ? p[i] : 0;
	return pad;
}

/* The whole value is the date (field values come without OWS, RFC 9110
 * 5.5), in the format byte 3 names. The parsers compare the day-name with
 * the date last (instant()), so a name that is no day's, the first fault,
 * is looked for only when a parser found one, and reported in its place. */
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

/* day_number() inverted: within a 400-year era, the day n (from March 1
 * of its first year) falls in century (4n + 3) / 146097: an era is four
 * centuries of 36524 days and one day more, and the "+ 3" gives that day
 * to the last. Likewise year (4e + 3) / 1461 of a century for e its day
 * (4e + 3 is what e holds): 365 days, and a leap day every fourth. */
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
