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
 * A list is split at commas with OWS around them; a recipient must skip
 * empty elements (5.6.1.2), so ", ," is nothing. "*" is the whole value or
 * an error: "*" inside a list has no meaning in the grammar. Several field
 * lines of one name are one list joined by commas (5.3);
 * condreq_etag_iter_add() continues a list on a new line without copying.
 *
 * CONDREQ_F_LENIENT_ETAG also takes bare tags (xyzzy, W/xyzzy) as sent by
 * some servers: a bare tag runs to OWS or a comma and compares by its bytes.
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
	for (i = 0; i < n; i++)
		if (x[i] != y[i])
			return 0;
	return 1;
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

/* The bytes p[i..len) as a word, zeros beyond len (len >= 8: read as the
 * last eight bytes, shifted). */
CR_INLINE uint64_t
load_upto(const unsigned char *p, size_t i, size_t len)
{
	if (i >= len)
		return 0;
	if (len - i >= 8)
		return cr_load64(p + i);
	return cr_load64(p + len - 8) >> (8 * (8 - (len - i)));
}

/*
 * Offset of the first byte at or after i that is not etagc, or len.
 * Eight bytes at a time; the last few through load_upto(), whose zeros
 * past len stop the scan there. Never reads outside p[0..len).
 */
CR_INLINE size_t
scan_etagc(const unsigned char *p, size_t i, size_t len)
{
	uint64_t m;

	for (; i + 8 <= len; i += 8)
		if ((m = etag_stops(cr_load64(p + i))) != 0)
			return i + cr_low_byte(m);
	if (i < len && len >= 8)
		return i + cr_low_byte(etag_stops(load_upto(p, i, len)));
	while (i < len && cr_is_etagc(p[i]))
		i++;
	return i;
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
 * first two words looked at for the plain case, the rest scanned. The
 * words read are left in *w1 and *w2 (zero when not read). */
CR_INLINE size_t
tag_end(const unsigned char *p, size_t s, size_t len, uint64_t *w1,
    uint64_t *w2)
{
	uint64_t m;
	size_t e;

	*w1 = load_upto(p, s, len);
	*w2 = 0;
	if ((m = plain_stops(*w1)) != 0)
		e = s + cr_low_byte(m);
	else if ((m = plain_stops(*w2 = load_upto(p, s + 8, len))) != 0)
		e = s + 8 + cr_low_byte(m);
	else
		return scan_etagc(p, s + 16, len);
	/* A '!' or obs-text byte is etagc too: the careful scan goes on,
	 * and the second word is needed whatever word that byte was in. */
	if (e < len && p[e] != '"') {
		e = scan_etagc(p, e, len);
		*w2 = load_upto(p, s + 8, len);
	}
	return e;
}

/*
 * One entity-tag at p[*pos], ending before OWS, a comma or the end. On
 * success *pos is just past the tag. On failure *pos is the faulty byte.
 */
static int
tag_at(const unsigned char *p, size_t len, size_t *pos, uint32_t flags,
    struct condreq_etag *tag)
{
	size_t i = *pos, start;
	uint64_t w1, w2;
	int32_t weak = 0;

	if (len - i >= 2 && p[i] == 'W' && p[i + 1] == '/') {
		weak = 1;
		i += 2;
		if (i >= len || (p[i] != '"' &&
		    (!(flags & CONDREQ_F_LENIENT_ETAG) || !cr_is_etagc(p[i]) ||
		    p[i] == ','))) {
			*pos = i;
			return CONDREQ_EWEAK;
		}
	}
	if (p[i] != '"') {
		if (!(flags & CONDREQ_F_LENIENT_ETAG)) {
			*pos = i;
			return CONDREQ_EUNQUOTED;
		}
		/* Lenient bare tag: 1*( etagc except "," ). */
		start = i;
		while (i < len && p[i] != ',' && !cr_is_ows(p[i])) {
			if (!cr_is_etagc(p[i])) {
				*pos = i;
				return CONDREQ_ETAGCHAR;
			}
			i++;
		}
		if (i == start) {
			*pos = i;
			return CONDREQ_ETAGCHAR;
		}
		tag->opaque = (const char *)p + start;
		tag->opaque_len = i - start;
		tag->weak = weak;
		tag->reserved = 0;
		*pos = i;
		return CONDREQ_OK;
	}
	start = ++i;
	i = len >= 8 ? tag_end(p, i, len, &w1, &w2) : scan_etagc(p, i, len);
	if (i >= len) {
		*pos = len;
		return CONDREQ_EUNTERMINATED;
	}
	if (p[i] != '"') {
		*pos = i;
		return CONDREQ_ETAGCHAR;
	}
	tag->opaque = (const char *)p + start;
	tag->opaque_len = i - start;
	tag->weak = weak;
	tag->reserved = 0;
	*pos = i + 1;
	return CONDREQ_OK;
}

int
condreq_etag_parse(const char *s, size_t len, uint32_t flags,
    struct condreq_etag *tag, size_t *errpos)
{
	struct condreq_etag t;
	size_t pos = 0;
	int rc;

	if (tag == NULL) {
		cr_set_pos(errpos, 0);
		return CONDREQ_EINVAL;
	}
	if (s == NULL || len == 0) {
		cr_set_pos(errpos, 0);
		return CONDREQ_EEMPTY;
	}
	rc = tag_at((const unsigned char *)s, len, &pos, flags, &t);
	if (rc == CONDREQ_OK && pos != len)
		rc = CONDREQ_ETRAILING;
	cr_set_pos(errpos, pos);
	if (rc == CONDREQ_OK)
		*tag = t;
	return rc;
}

int
condreq_etag_iter_init(struct condreq_etag_iter *it, const char *s,
    size_t len, uint32_t flags)
{
	if (it == NULL)
		return CONDREQ_EINVAL;
	it->p = s;
	it->len = s != NULL ? len : 0;
	it->pos = 0;
	it->errpos = 0;
	it->flags = flags & ~CONDREQ_IT_STAR;
	it->count = 0;
	it->line = 1;
	it->error = 0;
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
	return CONDREQ_OK;
}

static int
iter_fail(struct condreq_etag_iter *it, size_t pos, int code, size_t *errpos)
{
	it->error = code;
	it->errpos = pos;
	it->pos = it->len;
	cr_set_pos(errpos, pos);
	return code;
}

int
condreq_etag_next(struct condreq_etag_iter *it, struct condreq_etag *tag,
    size_t *errpos)
{
	const unsigned char *p;
	size_t i, len;
	int rc;

	if (it == NULL || tag == NULL) {
		cr_set_pos(errpos, 0);
		return CONDREQ_EINVAL;
	}
	if (it->error != 0) {
		cr_set_pos(errpos, it->errpos);
		return it->error;
	}
	p = (const unsigned char *)it->p;
	len = it->len;
	i = it->pos;
	/* Skip OWS and empty elements (RFC 9110 5.6.1.2). */
	while (i < len && (p[i] == ',' || cr_is_ows(p[i])))
		i++;
	if (i >= len) {
		it->pos = len;
		cr_set_pos(errpos, len);
		return CONDREQ_END;
	}
	/* "*" stands alone or not at all (13.1.1, 13.1.2). */
	if (it->flags & CONDREQ_IT_STAR)
		return iter_fail(it, i, CONDREQ_ESTAR, errpos);
	if (p[i] == '*') {
		size_t j = i + 1;

		if (it->count != 0)
			return iter_fail(it, i, CONDREQ_ESTAR, errpos);
		while (j < len && cr_is_ows(p[j]))
			j++;
		if (j != len)
			return iter_fail(it, i, CONDREQ_ESTAR, errpos);
		it->flags |= CONDREQ_IT_STAR;
		it->count++;
		it->pos = len;
		tag->opaque = (const char *)p + i;
		tag->opaque_len = 1;
		tag->weak = 0;
		tag->reserved = 0;
		cr_set_pos(errpos, i);
		return CONDREQ_STAR;
	}
	rc = tag_at(p, len, &i, it->flags, tag);
	if (rc != CONDREQ_OK)
		return iter_fail(it, i, rc, errpos);
	cr_set_pos(errpos, i);
	/* After a member: OWS, then a comma or the end. */
	while (i < len && cr_is_ows(p[i]))
		i++;
	if (i < len && p[i] != ',')
		return iter_fail(it, i, CONDREQ_ELIST, errpos);
	it->pos = i;
	it->count++;
	return CONDREQ_TAG;
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
	if (a == NULL || b == NULL || a->opaque_len != b->opaque_len)
		return CONDREQ_NOMATCH;
	return bytes_eq(a->opaque, b->opaque, a->opaque_len) ?
	    CONDREQ_MATCH : CONDREQ_NOMATCH;
}

/*
 * Every member is parsed, even after a match: a list with a malformed
 * member is malformed as a whole, and an If-Match that matched its first
 * member must still fail safe when junk follows.
 */
int
cr_list_match_ref(const char *list, size_t len, const struct condreq_etag *cur,
    uint32_t flags, size_t *errpos)
{
	struct condreq_etag_iter it;
	struct condreq_etag t;
	int rc, found = CONDREQ_NOMATCH;

	condreq_etag_iter_init(&it, list, len, flags);
	while ((rc = condreq_etag_next(&it, &t, errpos)) == CONDREQ_TAG) {
		if (cur == NULL || found)
			continue;
		found = (flags & CONDREQ_F_WEAK_COMPARE) ?
		    condreq_etag_match_weak(cur, &t) :
		    condreq_etag_match_strong(cur, &t);
	}
	if (rc == CONDREQ_STAR)
		return CONDREQ_STAR;
	return rc < 0 ? rc : found;
}

/*
 * The common case in one tight loop: quoted tags, W/ prefixes, commas and
 * OWS. A tag's end is found from its first two words; longer tags, and
 * bytes other than 0x23..0x7E inside one, take scan_etagc(). Anything
 * else ("*", bare tags, an error) goes to the iterator, which gives the
 * exact answer and error offset; so does a lenient flag, and a value
 * shorter than a word.
 */
int
cr_list_match(const char *list, size_t len, const struct condreq_etag *cur,
    uint32_t flags, size_t *errpos)
{
	const unsigned char *p = (const unsigned char *)list;
	size_t i = 0, s, e, want = (size_t)-1;
	uint64_t w1, w2, cw1 = 0, cw2 = 0, mask1 = 0, mask2 = 0;
	int weak, quoted = 0, found = CONDREQ_NOMATCH;
	int wc = (flags & CONDREQ_F_WEAK_COMPARE) != 0;

	if (list == NULL || len < 8 || (flags & CONDREQ_F_LENIENT_ETAG))
		return cr_list_match_ref(list, len, cur, flags, errpos);
	/*
	 * Only a member as long as the current tag can match; up to 16 bytes
	 * it is compared as two masked words, loaded once here. A strong
	 * comparison never matches a weak current tag (8.8.3.2).
	 */
	if (cur != NULL && (wc || !cur->weak)) {
		want = cur->opaque_len;
		if (want <= 16) {
			const unsigned char *c =
			    (const unsigned char *)cur->opaque;

			/* The bytes past want read as zeros. */
			if (want >= 8) {
				cw1 = load_upto(c, 0, want);
				cw2 = load_upto(c, 8, want);
			} else {
				for (s = 0; s < want; s++)
					cw1 |= (uint64_t)c[s] << (8 * s);
			}
			mask1 = want >= 8 ? ~(uint64_t)0 :
			    ((uint64_t)1 << (8 * want)) - 1;
			mask2 = want >= 16 ? ~(uint64_t)0 : want <= 8 ? 0 :
			    ((uint64_t)1 << (8 * (want - 8))) - 1;
		}
	}
	for (;;) {
		/* p[i] is a member's quote when the last separator was the
		 * usual ", "; otherwise skip to the next member. */
		weak = 0;
		if (!quoted) {
			while (i < len && (p[i] == ',' || cr_is_ows(p[i])))
				i++;
			if (i >= len)
				break;
			if (p[i] == 'W' && len - i > 2 && p[i + 1] == '/' &&
			    p[i + 2] == '"') {
				weak = 1;
				i += 2;
			} else if (p[i] != '"')
				return cr_list_match_ref(list, len, cur, flags,
				    errpos);
		}
		quoted = 0;
		s = i + 1;
		e = tag_end(p, s, len, &w1, &w2);
		if (e >= len || p[e] != '"')
			return cr_list_match_ref(list, len, cur, flags, errpos);
		if (e - s == want && (wc || !weak) &&
		    (want <= 16 ? (((w1 ^ cw1) & mask1) |
		    ((w2 ^ cw2) & mask2)) == 0 :
		    bytes_eq(cur->opaque, (const char *)p + s, want))) {
			found = CONDREQ_MATCH;
			want = (size_t)-1;
		}
		i = e + 1;
		/* The usual separator, ", " before a quote, in one test. */
		if (len - i > 2 && p[i] == ',' && p[i + 1] == ' ' &&
		    p[i + 2] == '"') {
			i += 2;
			quoted = 1;
			continue;
		}
		while (i < len && cr_is_ows(p[i]))
			i++;
		if (i < len && p[i] != ',')
			return cr_list_match_ref(list, len, cur, flags, errpos);
	}
	cr_set_pos(errpos, len);
	return found;
}

/* The current tag, or NULL when there is none. CONDREQ_EINVAL when the
 * server's own tag is malformed. */
static int
current_tag(const char *etag, size_t etag_len, uint32_t flags,
    struct condreq_etag *t, const struct condreq_etag **cur)
{
	*cur = NULL;
	if (etag == NULL)
		return CONDREQ_OK;
	if (condreq_etag_parse(etag, etag_len, flags, t, NULL) != CONDREQ_OK)
		return CONDREQ_EINVAL;
	*cur = t;
	return CONDREQ_OK;
}

int
condreq_etag_list_match(const char *list, size_t len, const char *etag,
    size_t etag_len, uint32_t flags, size_t *errpos)
{
	const struct condreq_etag *cur;
	struct condreq_etag t;

	cr_set_pos(errpos, 0);
	if (current_tag(etag, etag_len, flags, &t, &cur) != CONDREQ_OK)
		return CONDREQ_EINVAL;
	return cr_list_match(list, len, cur, flags, errpos);
}

/* Match list against the current tag for one of the two conditions:
 * CONDREQ_MATCH, CONDREQ_NOMATCH, CONDREQ_STAR or an error. With no
 * current representation, no member can match. */
static int
condition(const char *list, size_t len, const char *etag, size_t etag_len,
    int32_t exists, uint32_t flags, size_t *errpos)
{
	const struct condreq_etag *cur;
	struct condreq_etag t;

	if (current_tag(etag, etag_len, flags, &t, &cur) != CONDREQ_OK)
		return CONDREQ_EINVAL;
	return cr_list_match(list, len, exists ? cur : NULL, flags, errpos);
}

/* RFC 9110 13.1.1: "*" is true if a current representation exists; a list
 * is true if any member matches by strong comparison; otherwise false. */
int
condreq_if_match(const char *list, size_t len, const char *etag,
    size_t etag_len, int32_t exists, uint32_t flags, size_t *errpos)
{
	int rc;

	cr_set_pos(errpos, 0);
	if (list == NULL)
		return 1;
	rc = condition(list, len, etag, etag_len, exists,
	    flags & ~(uint32_t)CONDREQ_F_WEAK_COMPARE, errpos);
	if (rc == CONDREQ_STAR)
		return exists ? 1 : 0;
	return rc;
}

/* RFC 9110 13.1.2: "*" is false if a current representation exists; a
 * list is false if any member matches by weak comparison; else true. */
int
condreq_if_none_match(const char *list, size_t len, const char *etag,
    size_t etag_len, int32_t exists, uint32_t flags, size_t *errpos)
{
	int rc;

	cr_set_pos(errpos, 0);
	if (list == NULL)
		return 1;
	rc = condition(list, len, etag, etag_len, exists,
	    flags | CONDREQ_F_WEAK_COMPARE, errpos);
	if (rc == CONDREQ_STAR)
		return exists ? 0 : 1;
	if (rc < 0)
		return rc;
	return rc == CONDREQ_MATCH ? 0 : 1;
}
