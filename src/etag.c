/*
 * Entity-tags and entity-tag lists, RFC 9110 sections 8.8.3, 5.6.1, 5.3.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 *
 *   entity-tag = [ weak ] opaque-tag          "xyzzy"   W/"xyzzy"   ""
 *   weak       = %s"W/"                       (case-sensitive)
 *   opaque-tag = DQUOTE *etagc DQUOTE
 *   etagc      = %x21 / %x23-7E / obs-text    (obs-text = %x80-FF)
 *
 *   If-Match      = "*" / #entity-tag         "a", W/"b" ,, "c"
 *   If-None-Match = "*" / #entity-tag         *
 *
 * One tokenizer, member(), reads every list: the iterator returns what it
 * finds, and the matcher compares what it finds with the current tag.
 * Its only speed-up is how it skips etagc bytes: a word at a time.
 */
#include "condreq_int.h"

/* Bytes equal, without libc (the library imports nothing): a word at a
 * time, the tail as one last word that overlaps the one before. */
CR_INLINE int
bytes_eq(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;
	size_t i;

	if (n >= 8) {
		for (i = 0; i + 8 <= n; i += 8)
			if (cr_load64(x + i) != cr_load64(y + i))
				return 0;
		return cr_load64(x + n - 8) == cr_load64(y + n - 8);
	}
	return cr_load_upto(x, 0, n) == cr_load_upto(y, 0, n);
}

/*
 * Bytes of a word that end an opaque-tag: not etagc (below 0x21, 0x22,
 * 0x7F). The usual "has a byte less than" and "has a zero byte" tests
 * flag such bytes in bit 7; a borrow can flag bytes above a real one,
 * never below, so the lowest flagged byte is the first that stops.
 */
CR_INLINE uint64_t
etag_stops(uint64_t x)
{
	uint64_t q = x ^ CR_REP8(0x22), d = x ^ CR_REP8(0x7f);

	return (((x - CR_REP8(0x21)) & ~x) | ((q - CR_REP8(0x01)) & ~q) |
	    ((d - CR_REP8(0x01)) & ~d)) & CR_REP8(0x80);
}

/*
 * Offset of the first byte at or after i that is not etagc, or len.
 * Eight bytes at a time; the zeros that cr_load_upto() puts past len stop
 * the last word there. For a tag longer than two words, or one whose
 * first two held a byte outside 0x23..0x7E that is not its closing quote
 * (tag_end()); out of line, so that its constants do not crowd the plain
 * path.
 */
CR_NOINLINE static size_t
scan_etagc(const unsigned char *p, size_t i, size_t len)
{
	uint64_t m;

	for (; i + 8 <= len; i += 8)
		if ((m = etag_stops(cr_load64(p + i))) != 0)
			return i + cr_low_byte(m);
	if (i >= len)
		return len;
	return i + cr_low_byte(etag_stops(cr_load_upto(p, i, len)));
}

/*
 * Bytes of a word outside 0x23..0x7E, flagged in bit 7, lowest exact (as
 * in etag_stops). Tags are nearly always made of such bytes; the first
 * one outside is nearly always the closing quote. When it is not, it may
 * still be etagc ('!' or obs-text) and etag_stops decides.
 */
CR_INLINE uint64_t
plain_stops(uint64_t x)
{
	return ((x - CR_REP8(0x23)) | (x + CR_REP8(0x01)) | x) & CR_REP8(0x80);
}

/* The end of an opaque-tag's etagc bytes from s (see scan_etagc): the
 * first two words looked at for the plain case, the rest scanned. */
CR_INLINE size_t
tag_end(const unsigned char *p, size_t s, size_t len)
{
	uint64_t m;
	size_t e;
	/* Two whole words ahead, the usual case inside a list: plain loads. */
	int whole = s < len && len - s >= 16;

	if ((m = plain_stops(whole ? cr_load64(p + s) :
	    cr_load_upto(p, s, len))) != 0)
		e = s + cr_low_byte(m);
	else if ((m = plain_stops(whole ? cr_load64(p + s + 8) :
	    cr_load_upto(p, s + 8, len))) != 0)
		e = s + 8 + cr_low_byte(m);
	else
		return scan_etagc(p, s + 16, len);
	if (CR_LIKELY(e >= len || p[e] == '"'))
		return e;
	return scan_etagc(p, e, len);
}

/* The current tag as the tokenizer compares members with it: its opaque
 * bytes and their length want ((size_t)-1: nothing matches). */
struct cur {
	const char *opaque;
	size_t want;
};

/* Nothing to compare with: the iterator's, and a tag with no list. */
static const struct cur no_cur = { NULL, (size_t)-1 };

/* One tag as the tokenizer finds it: its opaque-tag p[s .. e), the W/
 * prefix, and whether its opaque-tag is the current tag's. */
struct memb {
	size_t s, e;
	int weak, hit;
};

/* Is the opaque-tag p[s .. e) the current tag's? */
CR_INLINE int
is_cur(const unsigned char *p, size_t s, size_t e, const struct cur *c)
{
	return e - s == c->want && bytes_eq(c->opaque, (const char *)p + s,
	    c->want);
}

/*
 * The tag at p[i] (i <= len) does not start with DQUOTE (after "W/" when
 * weak). CONDREQ_F_LENIENT_ETAG takes a bare tag, 1*( etagc except "," )
 * up to OWS, a comma or the end, as some servers send: CONDREQ_OK with
 * *e just past it. Else the error, *e at the fault.
 */
CR_COLD static int
other_tag(const unsigned char *p, size_t len, size_t i, int weak,
    uint32_t flags, size_t *e)
{
	int lenient = (flags & CONDREQ_F_LENIENT_ETAG) != 0;

	*e = i;
	if (weak && (i >= len || !lenient || !cr_is_etagc(p[i]) ||
	    p[i] == ','))
		return CONDREQ_ESYNTAX;
	if (!lenient)
		return CONDREQ_EUNQUOTED;
	for (; *e < len && p[*e] != ',' && !cr_is_ows(p[*e]); (*e)++)
		if (!cr_is_etagc(p[*e]))
			return CONDREQ_ESYNTAX;
	return *e == i ? CONDREQ_ESYNTAX : CONDREQ_OK;
}

/*
 * One entity-tag at p[*pos] (*pos < len), ending before OWS, a comma or
 * the end: on success m describes it and *pos is just past it; on failure
 * *pos is the faulty byte. The opaque-tag's etagc bytes are skipped a
 * word at a time (tag_end()). quoted_at() takes the opaque-tag
 * whose opening quote is p[q]; tag_at() the W/ prefix and bare tags first.
 */
CR_INLINE int
quoted_at(const unsigned char *p, size_t len, size_t q, size_t *pos,
    const struct cur *c, struct memb *m)
{
	size_t s = q + 1, e = tag_end(p, s, len);

	/* No closing quote, or a byte outside etagc before it. */
	if (e >= len || p[e] != '"') {
		*pos = e < len ? e : len;
		return CONDREQ_ESYNTAX;
	}
	m->s = s;
	m->e = e;
	m->hit = is_cur(p, s, e, c);
	*pos = e + 1;
	return CONDREQ_OK;
}

CR_INLINE int
tag_at(const unsigned char *p, size_t len, size_t *pos, uint32_t flags,
    const struct cur *c, struct memb *m)
{
	size_t i = *pos, e;
	unsigned char ch = p[i];
	int rc;

	m->weak = 0;
	if (ch == 'W' && len - i >= 2 && p[i + 1] == '/') {
		m->weak = 1;
		i += 2;
		ch = i < len ? p[i] : 0;
	}
	if (CR_LIKELY(ch == '"'))
		return quoted_at(p, len, i, pos, c, m);
	/* The end through a local: the caller's position stays in a register. */
	rc = other_tag(p, len, i, m->weak, flags, &e);
	*pos = e;
	if (rc != CONDREQ_OK)
		return rc;
	m->s = i;
	m->e = e;
	m->hit = is_cur(p, i, e, c);
	return CONDREQ_OK;
}

int
condreq_etag_parse(const char *s, size_t len, uint32_t flags,
    struct condreq_etag *tag, size_t *errpos)
{
	struct memb m;
	size_t pos = 0;
	int rc;

	if (tag == NULL) {
		cr_set_pos(errpos, 0);
		return CONDREQ_EINVAL;
	}
	if (flags & ~CR_F_ALL) {
		cr_set_pos(errpos, 0);
		return CONDREQ_EFLAGS;
	}
	if (s == NULL || len == 0) {
		cr_set_pos(errpos, 0);
		return CONDREQ_EEMPTY;
	}
	rc = tag_at((const unsigned char *)s, len, &pos, flags, &no_cur, &m);
	if (rc == CONDREQ_OK && pos != len)
		rc = CONDREQ_ETRAILING;
	cr_set_pos(errpos, pos);
	if (rc == CONDREQ_OK) {
		tag->opaque = s + m.s;
		tag->opaque_len = m.e - m.s;
		tag->weak = m.weak;
		tag->reserved = 0;
	}
	return rc;
}

/*
 * Where a scan of a list stands: its position in the current line, the
 * members seen so far over all its lines, and whether one was "*".
 */
struct scan {
	size_t i;
	uint32_t count;
	int star;
};

/* Only OWS in p[i .. len). */
CR_COLD static int
rest_is_ows(const unsigned char *p, size_t len, size_t i)
{
	while (i < len && cr_is_ows(p[i]))
		i++;
	return i == len;
}

/*
 * The tokenizer, for every list: the next member of p[0 .. len) from
 * sc->i. Returns CONDREQ_TAG (m describes it, *at is just past it),
 * CONDREQ_STAR (*at at the star), CONDREQ_END at the end of the line, or
 * an error with *at at the fault.
 */
CR_INLINE int
member(const unsigned char *p, size_t len, uint32_t flags, struct scan *sc,
    const struct cur *c, struct memb *m, size_t *at)
{
	size_t i = sc->i;
	int rc;

	/* A quoted tag right here, the usual case after ", ": no separator
	 * to skip, no "*" or W/ to look for. */
	if (CR_LIKELY(i < len && p[i] == '"' && !sc->star)) {
		m->weak = 0;
		rc = quoted_at(p, len, i, &i, c, m);
		goto after;
	}
	/* Skip OWS and empty elements (RFC 9110 5.6.1.2). */
	while (i < len && (p[i] == ',' || cr_is_ows(p[i])))
		i++;
	if (i >= len) {
		*at = sc->i = len;
		return CONDREQ_END;
	}
	/* "*" stands alone or not at all (13.1.1, 13.1.2). */
	if (sc->star || p[i] == '*') {
		*at = i;
		if (sc->star || sc->count != 0 || !rest_is_ows(p, len, i + 1))
			return CONDREQ_ESYNTAX;
		sc->star = 1;
		sc->count++;
		sc->i = len;
		m->s = i;
		m->e = i + 1;
		m->weak = m->hit = 0;
		return CONDREQ_STAR;
	}
	rc = tag_at(p, len, &i, flags, c, m);
after:
	if (rc != CONDREQ_OK) {
		*at = i;
		return rc;
	}
	*at = i;
	/* After a member: OWS, then a comma or the end. The usual ", " is
	 * taken here, in one test. */
	if (len - i >= 2 && p[i] == ',' && p[i + 1] == ' ') {
		sc->i = i + 2;
		sc->count++;
		return CONDREQ_TAG;
	}
	while (i < len && cr_is_ows(p[i]))
		i++;
	if (i < len && p[i] != ',') {
		*at = i;
		return CONDREQ_ESYNTAX;
	}
	sc->i = i;
	sc->count++;
	return CONDREQ_TAG;
}

int
condreq_etag_iter_init(struct condreq_etag_iter *it, const char *s,
    size_t len, uint32_t flags)
{
	int i;

	if (it == NULL)
		return CONDREQ_EINVAL;
	it->p = s;
	it->len = s != NULL ? len : 0;
	it->pos = 0;
	it->errpos = 0;
	it->flags = flags & ~CONDREQ_IT_BITS;
	it->count = 0;
	it->line = 1;
	it->error = 0;
	for (i = 0; i < 4; i++)
		it->reserved[i] = 0;
	if (flags & ~CR_F_ALL) {
		it->error = CONDREQ_EFLAGS;
		return CONDREQ_EFLAGS;
	}
	return CONDREQ_OK;
}

int
condreq_etag_iter_add(struct condreq_etag_iter *it, const char *s,
    size_t len)
{
	if (it == NULL)
		return CONDREQ_EINVAL;
	if (it->error != 0)
		return it->error;
	/* The previous line must be used up, or its members would be lost. */
	if (it->pos < it->len)
		return CONDREQ_EINVAL;
	it->p = s;
	it->len = s != NULL ? len : 0;
	it->pos = 0;
	it->line++;
	it->flags &= ~CONDREQ_IT_CHECKED;
	return CONDREQ_OK;
}

/* RFC 9110 8.8.3.2: strong comparison needs both tags strong and their
 * opaque-tags identical; weak comparison ignores the W/ prefixes. */
int
condreq_etag_match_strong(const struct condreq_etag *a,
    const struct condreq_etag *b)
{
	if (a == NULL || b == NULL || a->weak || b->weak)
		return CONDREQ_NOMATCH;
	return condreq_etag_match_weak(a, b);
}

int
condreq_etag_match_weak(const struct condreq_etag *a,
    const struct condreq_etag *b)
{
	if (a == NULL || b == NULL || a->opaque_len != b->opaque_len ||
	    (a->opaque == NULL && a->opaque_len != 0) ||
	    (b->opaque == NULL && b->opaque_len != 0))
		return CONDREQ_NOMATCH;
	return bytes_eq(a->opaque, b->opaque, a->opaque_len) ?
	    CONDREQ_MATCH : CONDREQ_NOMATCH;
}

/* The current tag of rep for weak or strong comparison, or none. A
 * strong comparison never matches a weak current tag (8.8.3.2). Field by
 * field: a compiler may copy a struct with memmove, which this library
 * does not import (tcc does). */
CR_INLINE void
cur_of(const struct condreq_rep *rep, int weak, struct cur *c)
{
	c->opaque = NULL;
	c->want = (size_t)-1;
	if (rep != NULL && rep->exists && rep->etag.opaque != NULL &&
	    (weak || !rep->etag.weak)) {
		c->opaque = rep->etag.opaque;
		c->want = rep->etag.opaque_len;
	}
}

/*
 * One field line of a list against c. Every member is parsed, even after
 * a match: a list with a malformed member is malformed as a whole, and an
 * If-Match that matched its first member must still fail safe when junk
 * follows. Returns CONDREQ_END (the line is used up; *found set on a
 * match) or an error with *errpos at the fault.
 */
CR_INLINE int
match_line(const char *s, size_t len, uint32_t flags, int weak,
    const struct cur *c, struct scan *sc, int *found, size_t *errpos)
{
	struct memb m = { 0, 0, 0, 0 };
	const unsigned char *p = (const unsigned char *)s;
	size_t at;
	int rc;

	sc->i = 0;
	len = s != NULL ? len : 0;
	while ((rc = member(p, len, flags, sc, c, &m, &at)) > 0)
		if (rc == CONDREQ_TAG && m.hit && (weak || !m.weak))
			*found = 1;
	if (rc < 0)
		cr_set_pos(errpos, at);
	return rc;
}

/* The iterator's place as the tokenizer takes it. */
CR_INLINE void
scan_of(const struct condreq_etag_iter *it, struct scan *sc)
{
	sc->i = it->pos;
	sc->count = it->count;
	sc->star = (it->flags & CONDREQ_IT_STAR) != 0;
}

/* The iterator reads a line to its end before it returns the line's first
 * member (see match_line(); RFC 9110 5.6.1), so that a loop over
 * condreq_etag_next() sees no member of a malformed line. A fault is
 * kept: every later call ends. */
static void
check_line(struct condreq_etag_iter *it)
{
	struct scan sc;
	int rc, found = 0;

	scan_of(it, &sc);
	rc = match_line(it->p, it->len, it->flags & ~CONDREQ_IT_BITS, 0,
	    &no_cur, &sc, &found, &it->errpos);
	if (rc < 0) {
		it->error = rc;
		it->pos = it->len;
	}
	it->flags |= CONDREQ_IT_CHECKED;
}

int
condreq_etag_next(struct condreq_etag_iter *it, struct condreq_etag *tag,
    int *fault, size_t *errpos)
{
	struct scan sc;
	struct memb m = { 0, 0, 0, 0 };
	size_t at = 0;
	int rc;

	cr_set_fault(fault, CONDREQ_OK);
	cr_set_pos(errpos, 0);
	if (it == NULL || tag == NULL) {
		cr_set_fault(fault, CONDREQ_EINVAL);
		return CONDREQ_END;
	}
	if (it->error == 0 && !(it->flags & CONDREQ_IT_CHECKED))
		check_line(it);
	if (it->error != 0) {
		cr_set_fault(fault, it->error);
		cr_set_pos(errpos, it->errpos);
		return CONDREQ_END;
	}
	scan_of(it, &sc);
	/* The line is well formed (check_line()): no fault can come. */
	rc = member((const unsigned char *)it->p, it->len,
	    it->flags & ~CONDREQ_IT_BITS, &sc, &no_cur, &m, &at);
	it->pos = sc.i;
	it->count = sc.count;
	if (sc.star)
		it->flags |= CONDREQ_IT_STAR;
	if (rc <= 0)
		return CONDREQ_END;
	tag->opaque = it->p + m.s;
	tag->opaque_len = m.e - m.s;
	tag->weak = m.weak;
	tag->reserved = 0;
	return rc;
}

int
cr_list_members(const struct condreq_rep *rep, int weak, const char *s,
    size_t len, const struct condreq_line *lines, uint32_t n, int field,
    uint32_t flags, size_t *errpos)
{
	struct scan sc = { 0, 0, 0 };
	struct cur c;
	uint32_t k;
	int rc, found = 0;

	cur_of(rep, weak, &c);
	rc = match_line(s, len, flags, weak, &c, &sc, &found, errpos);
	for (k = 0; rc == CONDREQ_END && k < n; k++)
		if (lines[k].field == field)
			rc = match_line(lines[k].value, lines[k].len, flags,
			    weak, &c, &sc, &found, errpos);
	if (rc < 0)
		return rc;
	return sc.star ? CONDREQ_STAR : found ? CONDREQ_MATCH : CONDREQ_NOMATCH;
}

/*
 * What the three predicates share: the arguments checked (flags: those
 * the function takes), then the list matched by the comparison its field
 * uses (RFC 9110 13.1.1, 13.1.2). CONDREQ_MATCH, CONDREQ_NOMATCH,
 * CONDREQ_STAR or the fault, also in *fault (CONDREQ_OK without one).
 */
CR_INLINE int
list_check(const struct condreq_rep *rep, const char *list, size_t len,
    uint32_t flags, uint32_t takes, int weak, int *fault, size_t *errpos)
{
	int rc;

	cr_set_pos(errpos, 0);
	if (rep != NULL && rep->size < CR_REP_MIN)
		rc = CONDREQ_ESIZE;
	else if (flags & ~takes)
		rc = CONDREQ_EFLAGS;
	else
		rc = cr_list_match(rep, weak, list, len, NULL, 0, 0, flags,
		    errpos);
	cr_set_fault(fault, rc < 0 ? rc : CONDREQ_OK);
	return rc;
}

/* Does a current representation exist? ("*" in either field.) */
#define EXISTS(rep) ((rep) != NULL && (rep)->exists != 0)
/* The flags the conditions take: 13.1.1 and 13.1.2 fix the comparison. */
#define COND_FLAGS (CR_F_ALL & ~(uint32_t)CONDREQ_F_WEAK_COMPARE)

int
condreq_etag_list_match(const struct condreq_rep *rep, const char *list,
    size_t len, uint32_t flags, int *fault, size_t *errpos)
{
	int rc = list_check(rep, list, len, flags, CR_F_ALL,
	    (flags & CONDREQ_F_WEAK_COMPARE) != 0, fault, errpos);

	return rc == CONDREQ_STAR ? EXISTS(rep) : rc == CONDREQ_MATCH;
}

/* RFC 9110 13.1.1: If-Match "*" is true if a current representation
 * exists, a list if any member matches by strong comparison. 13.1.2:
 * If-None-Match (none) is the opposite, by weak comparison. Absent: true.
 * Malformed: false, so that nothing is written. */
CR_INLINE int
condition(const struct condreq_rep *rep, const char *list, size_t len,
    uint32_t flags, int none, int *fault, size_t *errpos)
{
	int rc = list_check(rep, list, len, flags, COND_FLAGS, none, fault,
	    errpos);

	if (rc < 0)
		return 0;
	return list == NULL || (rc == CONDREQ_STAR ? EXISTS(rep) :
	    rc == CONDREQ_MATCH) != none;
}

int
condreq_if_match(const struct condreq_rep *rep, const char *list,
    size_t len, uint32_t flags, int *fault, size_t *errpos)
{
	return condition(rep, list, len, flags, 0, fault, errpos);
}

int
condreq_if_none_match(const struct condreq_rep *rep, const char *list,
    size_t len, uint32_t flags, int *fault, size_t *errpos)
{
	return condition(rep, list, len, flags, 1, fault, errpos);
}
