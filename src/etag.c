/*
 * Entity-tags and their lists (RFC 9110 8.8.3, 5.6.1, 5.3; the grammar is
 * in condreq_etag_parse(3)), every list read by one tokenizer, member().
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
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

/* Bytes of a word that end an opaque-tag (below 0x21, 0x22, 0x7F), in
 * bit 7 by the usual "has a byte less than" and "has a zero byte" tests:
 * a borrow can flag bytes above a real one, never below, so the lowest
 * flagged byte is the first that stops. */
CR_INLINE uint64_t
etag_stops(uint64_t x)
{
	uint64_t q = x ^ CR_REP8(0x22), d = x ^ CR_REP8(0x7f);

	return (((x - CR_REP8(0x21)) & ~x) | ((q - CR_REP8(0x01)) & ~q) |
	    ((d - CR_REP8(0x01)) & ~d)) & CR_REP8(0x80);
}

/* The first non-etagc byte from i (<= len), or len (cr_load_upto()'s zeros
 * stop); out of line, its constants kept off tag_end()'s plain path. */
CR_NOINLINE static size_t
scan_etagc(const unsigned char *p, size_t i, size_t len)
{
	uint64_t m;

	for (; i + 8 <= len; i += 8)
		if ((m = etag_stops(cr_load64(p + i))) != 0)
			return i + cr_low_byte(m);
	return i + cr_low_byte(etag_stops(cr_load_upto(p, i, len)));
}

/* Bytes of a word outside 0x23..0x7E, flagged as in etag_stops(). The
 * first such byte of a tag is nearly always its closing quote; if not, it
 * may still be etagc ('!' or obs-text) and scan_etagc() decides. */
CR_INLINE uint64_t
plain_stops(uint64_t x)
{
	return ((x - CR_REP8(0x23)) | (x + CR_REP8(0x01)) | x) & CR_REP8(0x80);
}

/* The end of the etagc bytes from s: two words tried for the plain case
 * (whole loads when both fit, as inside a list), the rest scanned. */
CR_INLINE size_t
tag_end(const unsigned char *p, size_t s, size_t len)
{
	uint64_t m;
	size_t e;
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

/* An unquoted tag at p[i] (i <= len, after any W/): with LENIENT_ETAG a
 * bare 1*( etagc except "," ) as some servers send, up to OWS, a comma or
 * the end, *e just past it; else the error, *e at the fault. */
CR_COLD static int
other_tag(const unsigned char *p, size_t len, size_t i, int weak,
    uint32_t flags, size_t *e)
{
	*e = i;
	if (!(flags & CONDREQ_F_LENIENT_ETAG))
		return weak ? CONDREQ_ESYNTAX : CONDREQ_EUNQUOTED;
	for (; *e < len && p[*e] != ',' && !cr_is_ows(p[*e]); (*e)++)
		if (!cr_is_etagc(p[*e]))
			return CONDREQ_ESYNTAX;
	return *e == i ? CONDREQ_ESYNTAX : CONDREQ_OK;
}

/* A list being read: place in the line, members over all lines, "*" seen;
 * comparison, current tag (want (size_t)-1: none), whether it matched. */
struct scan {
	size_t i;
	uint32_t count;
	int star, weak, found;
	const char *opaque;
	size_t want;
};

/* The tag p[s .. e) into *t, noting in sc whether it is the current one. */
CR_INLINE int
take(const unsigned char *p, size_t s, size_t e, int weak, struct scan *sc,
    struct condreq_etag *t)
{
	if (e - s == sc->want && (sc->weak || !weak) &&
	    bytes_eq(sc->opaque, (const char *)p + s, sc->want))
		sc->found = 1;
	t->opaque = (const char *)p + s;
	t->opaque_len = e - s;
	t->weak = weak;
	return CONDREQ_OK;
}

/* One entity-tag at p[*pos] (*pos < len): *t, *pos just past it; or the
 * error, *pos at the fault, *t untouched. */
CR_INLINE int
tag_at(const unsigned char *p, size_t len, size_t *pos, uint32_t flags,
    struct scan *sc, struct condreq_etag *t)
{
	size_t i = *pos, e;
	int weak = 0, rc;

	if (p[i] == 'W' && len - i >= 2 && p[i + 1] == '/') {
		weak = 1;
		i += 2;
	}
	if (CR_LIKELY(i < len && p[i] == '"')) {
		e = tag_end(p, i + 1, len);
		/* No closing quote, or a byte outside etagc before it. */
		if (e >= len || p[e] != '"') {
			*pos = e < len ? e : len;
			return CONDREQ_ESYNTAX;
		}
		*pos = e + 1;
		return take(p, i + 1, e, weak, sc, t);
	}
	/* The end through a local keeps the caller's in a register. */
	rc = other_tag(p, len, i, weak, flags, &e);
	*pos = e;
	if (rc != CONDREQ_OK)
		return rc;
	return take(p, i, e, weak, sc, t);
}

int
condreq_etag_parse(const char *s, size_t len, uint32_t flags,
    struct condreq_etag *tag, size_t *errpos)
{
	struct scan sc = { 0, 0, 0, 0, 0, NULL, (size_t)-1 };
	struct condreq_etag t;
	size_t pos = 0;
	int rc;

	cr_set_pos(errpos, 0);
	if (tag == NULL)
		return CONDREQ_EINVAL;
	if (flags & ~CR_F_ALL)
		return CONDREQ_EFLAGS;
	if (s == NULL || len == 0)
		return CONDREQ_EEMPTY;
	rc = tag_at((const unsigned char *)s, len, &pos, flags, &sc, &t);
	if (rc == CONDREQ_OK && pos != len)
		rc = CONDREQ_ETRAILING;
	cr_set_pos(errpos, pos);
	/* Field by field: a compiler may copy a struct with memmove, which
	 * this library does not import (tcc does). */
	if (rc == CONDREQ_OK) {
		tag->opaque = t.opaque;
		tag->opaque_len = t.opaque_len;
		tag->weak = t.weak;
		tag->reserved = 0;
	}
	return rc;
}

/* The next member of p[0 .. len) from sc->i into *t: CONDREQ_TAG (*at past
 * it), CONDREQ_STAR (*at at it), CONDREQ_END, or the error (*at: fault). */
CR_INLINE int
member(const unsigned char *p, size_t len, uint32_t flags, struct scan *sc,
    struct condreq_etag *t, size_t *at)
{
	size_t i = sc->i;
	int rc;

	/* A quoted tag right here, the usual case after ", ": no separator
	 * to skip, no "*" or W/ to look for. */
	if (CR_LIKELY(i < len && p[i] == '"' && !sc->star)) {
		rc = tag_at(p, len, &i, flags, sc, t);
	} else {
		/* Skip OWS and empty elements (RFC 9110 5.6.1.2). */
		while (i < len && (p[i] == ',' || cr_is_ows(p[i])))
			i++;
		*at = i;
		if (i >= len) {
			sc->i = len;
			return CONDREQ_END;
		}
		/* "*" stands alone or not at all (13.1.1, 13.1.2); after one,
		 * count is not 0. */
		if (sc->star || p[i] == '*') {
			sc->i = i + 1;
			while (sc->i < len && cr_is_ows(p[sc->i]))
				sc->i++;
			if (sc->count != 0 || sc->i != len)
				return CONDREQ_ESYNTAX;
			sc->star = 1;
			sc->count++;
			t->opaque = (const char *)p + i;
			t->opaque_len = 1;
			t->weak = 0;
			return CONDREQ_STAR;
		}
		rc = tag_at(p, len, &i, flags, sc, t);
	}
	*at = i;
	if (rc != CONDREQ_OK)
		return rc;
	/* Then OWS and a comma or the end; the usual ", " in one test. */
	if (len - i >= 2 && p[i] == ',' && p[i + 1] == ' ') {
		i += 2;
	} else {
		while (i < len && cr_is_ows(p[i]))
			i++;
		if (i < len && p[i] != ',') {
			*at = i;
			return CONDREQ_ESYNTAX;
		}
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
	it->len = 0;
	it->pos = 0;
	it->errpos = 0;
	it->flags = flags & ~CONDREQ_IT_BITS;
	it->count = 0;
	it->line = 0;
	it->error = 0;
	for (i = 0; i < 4; i++)
		it->reserved[i] = 0;
	condreq_etag_iter_add(it, s, len);
	if (flags & ~CR_F_ALL)
		it->error = CONDREQ_EFLAGS;
	return it->error;
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
	return a != NULL && b != NULL && !a->weak && !b->weak &&
	    condreq_etag_match_weak(a, b);
}

int
condreq_etag_match_weak(const struct condreq_etag *a,
    const struct condreq_etag *b)
{
	return a != NULL && b != NULL && a->opaque_len == b->opaque_len &&
	    (a->opaque_len == 0 || (a->opaque != NULL && b->opaque != NULL)) &&
	    bytes_eq(a->opaque, b->opaque, a->opaque_len);
}

/* One line of a list, read to its end even after a match: a list with a
 * malformed member is malformed as a whole (RFC 9110 5.6.1), and fails
 * safe. CONDREQ_END, or the error with *errpos at the fault. */
CR_INLINE int
match_line(const char *s, size_t len, uint32_t flags, struct scan *sc,
    size_t *errpos)
{
	struct condreq_etag t = { NULL, 0, 0, 0 };
	size_t at;
	int rc;

	sc->i = 0;
	len = s != NULL ? len : 0;
	while ((rc = member((const unsigned char *)s, len, flags, sc, &t,
	    &at)) > 0)
		continue;
	if (rc < 0)
		cr_set_pos(errpos, at);
	return rc;
}

/* Each line is matched whole first, so a loop sees no member of a malformed
 * line (5.6.1). A fault is kept: every later call ends. */
int
condreq_etag_next(struct condreq_etag_iter *it, struct condreq_etag *tag,
    int *fault, size_t *errpos)
{
	struct scan sc = { 0, 0, 0, 0, 0, NULL, (size_t)-1 };
	uint32_t flags;
	size_t at;
	int rc;

	if (it == NULL || tag == NULL) {
		cr_set_fault(fault, CONDREQ_EINVAL);
		cr_set_pos(errpos, 0);
		return CONDREQ_END;
	}
	flags = it->flags & ~CONDREQ_IT_BITS;
	sc.count = it->count;
	sc.star = (it->flags & CONDREQ_IT_STAR) != 0;
	if (it->error == 0 && !(it->flags & CONDREQ_IT_CHECKED)) {
		rc = match_line(it->p, it->len, flags, &sc, &it->errpos);
		if (rc < 0) {
			it->error = rc;
			it->pos = it->len;
		}
		it->flags |= CONDREQ_IT_CHECKED;
		sc.count = it->count;
		sc.star = (it->flags & CONDREQ_IT_STAR) != 0;
	}
	/* Both 0 without a fault. */
	cr_set_fault(fault, it->error);
	cr_set_pos(errpos, it->errpos);
	if (it->error != 0)
		return CONDREQ_END;
	/* A well-formed line: no fault; *tag written only for a member. */
	sc.i = it->pos;
	rc = member((const unsigned char *)it->p, it->len, flags, &sc, tag,
	    &at);
	it->pos = sc.i;
	it->count = sc.count;
	if (sc.star)
		it->flags |= CONDREQ_IT_STAR;
	if (rc <= 0)
		return CONDREQ_END;
	tag->reserved = 0;
	return rc;
}

int
cr_list_members(const struct condreq_rep *rep, int weak, const char *s,
    size_t len, const struct condreq_line *lines, uint32_t n, int field,
    uint32_t flags, size_t *errpos)
{
	struct scan sc = { 0, 0, 0, weak, 0, NULL, (size_t)-1 };
	uint32_t k;
	int rc;

	/* A strong comparison never matches a weak current tag (8.8.3.2). */
	if (rep != NULL && rep->exists && rep->etag.opaque != NULL &&
	    (weak || !rep->etag.weak)) {
		sc.opaque = rep->etag.opaque;
		sc.want = rep->etag.opaque_len;
	}
	rc = match_line(s, len, flags, &sc, errpos);
	for (k = 0; rc == CONDREQ_END && k < n; k++)
		if (lines[k].field == field)
			rc = match_line(lines[k].value, lines[k].len, flags,
			    &sc, errpos);
	if (rc < 0)
		return rc;
	return sc.star ? CONDREQ_STAR : sc.found ? CONDREQ_MATCH :
	    CONDREQ_NOMATCH;
}

/* The flags the conditions take: 13.1.1 and 13.1.2 fix the comparison. */
#define COND_FLAGS (CR_F_ALL & ~(uint32_t)CONDREQ_F_WEAK_COMPARE)

/* The predicates' body (takes: the flags allowed); "*" matches when a current
 * representation exists. 1 or 0, or -1 with the fault in *fault. */
CR_INLINE int
matched(const struct condreq_rep *rep, const char *list, size_t len,
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
	if (rc == CONDREQ_STAR)
		return rep != NULL && rep->exists;
	return rc < 0 ? -1 : rc;
}

int
condreq_etag_list_match(const struct condreq_rep *rep, const char *list,
    size_t len, uint32_t flags, int *fault, size_t *errpos)
{
	return matched(rep, list, len, flags, CR_F_ALL,
	    (flags & CONDREQ_F_WEAK_COMPARE) != 0, fault, errpos) == 1;
}

/* RFC 9110 13.1.1: If-Match is true if any member matches by strong
 * comparison. 13.1.2: If-None-Match if none does, by weak comparison.
 * Absent: true. Malformed: false, so that nothing is written. */
int
condreq_if_match(const struct condreq_rep *rep, const char *list,
    size_t len, uint32_t flags, int *fault, size_t *errpos)
{
	int rc = matched(rep, list, len, flags, COND_FLAGS, 0, fault, errpos);

	return rc == 1 || (rc == 0 && list == NULL);
}

int
condreq_if_none_match(const struct condreq_rep *rep, const char *list,
    size_t len, uint32_t flags, int *fault, size_t *errpos)
{
	return matched(rep, list, len, flags, COND_FLAGS, 1, fault,
	    errpos) == 0;
}
