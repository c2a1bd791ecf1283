/*
 * Private declarations shared by the source files of libcondreq.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#ifndef CONDREQ_INT_H
#define CONDREQ_INT_H

#include "condreq.h"

/* Hot-path helpers are forced inline (gcc's early inliner misjudges them
 * before byte loads merge); the coverage build (CR_COVERAGE) leaves them
 * out of line, so that gcov counts each branch once. */
#if defined(__GNUC__) && !defined(CR_COVERAGE)
#define CR_INLINE static inline __attribute__((always_inline))
#else
#define CR_INLINE static inline
#endif
#if defined(__GNUC__)
#define CR_LIKELY(x) __builtin_expect(!!(x), 1)
#define CR_COLD __attribute__((noinline, cold))
#define CR_NOINLINE __attribute__((noinline))
#else
#define CR_LIKELY(x) (x)
#define CR_COLD
#define CR_NOINLINE
#endif

/* A byte c in each of a word's eight bytes. */
#define CR_REP8(c) (0x0101010101010101ULL * (c))

/* The eight (four) bytes at p as a little-endian number, on any host:
 * one unaligned load with gcc and clang (and a swap on big-endian hosts);
 * cr_low_byte(x) is the index of the lowest (first in memory) nonzero
 * byte of x != 0. */
#if defined(__GNUC__)
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define CR_LE64(w) __builtin_bswap64(w)
#define CR_LE32(w) __builtin_bswap32(w)
#else
#define CR_LE64(w) (w)
#define CR_LE32(w) (w)
#endif

CR_INLINE uint64_t
cr_load64(const unsigned char *p)
{
	uint64_t w;

	__builtin_memcpy(&w, p, 8);
	return CR_LE64(w);
}

CR_INLINE uint32_t
cr_load32(const unsigned char *p)
{
	uint32_t w;

	__builtin_memcpy(&w, p, 4);
	return CR_LE32(w);
}
#define cr_low_byte(x) ((unsigned)__builtin_ctzll(x) >> 3)
#else
CR_INLINE uint64_t
cr_load_le(const unsigned char *p, unsigned n)
{
	uint64_t w = 0;

	while (n-- > 0)
		w = w << 8 | p[n];
	return w;
}
#define cr_load64(p) cr_load_le(p, 8)
#define cr_load32(p) ((uint32_t)cr_load_le(p, 4))

CR_INLINE unsigned
cr_low_byte(uint64_t x)
{
	unsigned i = 0;

	while ((x & 0xff) == 0) {
		x >>= 8;
		i++;
	}
	return i;
}
#endif

/* The bytes p[i .. min(i + 8, len)) as a word, zeros past len, read
 * without touching a byte outside p[0 .. len): by loads that overlap,
 * whose shared bytes land in the same place. */
CR_INLINE uint64_t
cr_load_upto(const unsigned char *p, size_t i, size_t len)
{
	size_t n;

	if (i >= len)
		return 0;
	n = len - i;
	if (n >= 8)
		return cr_load64(p + i);
	if (len >= 8)
		return cr_load64(p + len - 8) >> (8 * (8 - n));
	if (n >= 4)
		return (uint64_t)cr_load32(p + i) |
		    (uint64_t)cr_load32(p + len - 4) << (8 * (n - 4));
	return (uint64_t)p[i] | (uint64_t)p[i + n / 2] << (8 * (n / 2)) |
	    (uint64_t)p[len - 1] << (8 * (n - 1));
}

/* Zero the bytes [from, to) of a caller's struct: a newer header's fields
 * (condreq(3), "Struct sizes"). Through a volatile pointer, so that no
 * compiler calls memset, which this library does not import. */
static inline void
cr_zero_tail(void *p, size_t from, size_t to)
{
	volatile unsigned char *b = (volatile unsigned char *)p;

	for (; from < to; from++)
		b[from] = 0;
}

/* condreq_etag_iter.flags: a "*" was returned; the line is well formed. */
#define CONDREQ_IT_STAR (1u << 31)
#define CONDREQ_IT_CHECKED (1u << 30)
#define CONDREQ_IT_BITS (CONDREQ_IT_STAR | CONDREQ_IT_CHECKED)

/* Every flag bit this version defines; any other is CONDREQ_EFLAGS. */
#define CR_F_ALL ((uint32_t)CONDREQ_F_LENIENT_ETAG | \
	(uint32_t)CONDREQ_F_ANY_WEEKDAY | (uint32_t)CONDREQ_F_IMS_EXACT | \
	(uint32_t)CONDREQ_F_IMS_IGNORE_FUTURE | \
	(uint32_t)CONDREQ_F_LM_ZERO_UNKNOWN | (uint32_t)CONDREQ_F_WEAK_COMPARE)

/* The size promise (condreq(3), "Struct sizes"): a field of a sized
 * struct is there only when the caller's size covers all of it. */
#define CR_END(type, field) \
	(offsetof(type, field) + sizeof(((type *)0)->field))
#define CR_HAS(p, type, field) ((size_t)(p)->size >= CR_END(type, field))

/* The smallest sizes accepted: the fields up to these are mandatory. */
#define CR_REP_MIN CR_END(struct condreq_rep, etag_key)
#define CR_REQUEST_MIN CR_END(struct condreq_request, nlines)
#define CR_RESULT_MIN CR_END(struct condreq_result, status)

/* OWS = *( SP / HTAB ), RFC 9110 5.6.3. */
static inline int
cr_is_ows(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* etagc = %x21 / %x23-7E / obs-text, RFC 9110 8.8.3. */
static inline int
cr_is_etagc(unsigned char c)
{
	return c > 0x20 && c != 0x22 && c != 0x7f;
}

/* tchar, RFC 9110 5.6.2: the VCHARs but "(),/:;<=>?@[\]{}, bit c of
 * word c / 64. */
CR_INLINE int
cr_is_tchar(unsigned char c)
{
	static const uint64_t set[2] = {
		0x03ff6cfa00000000ULL, 0x57ffffffc7fffffeULL
	};

	return c < 128 && (set[c >> 6] >> (c & 63) & 1) != 0;
}

/*
 * Match an entity-tag list, by weak or strong comparison, against rep's
 * current tag (none without rep, an ETag or a current representation).
 * Its field lines (RFC 9110 5.3) are (s, len), then those of lines[0 .. n)
 * for field. CONDREQ_MATCH, CONDREQ_NOMATCH, CONDREQ_STAR or the first
 * error, *errpos (may be NULL) at the fault.
 */
int cr_list_members(const struct condreq_rep *rep, int weak, const char *s,
    size_t len, const struct condreq_line *lines, uint32_t n, int field,
    uint32_t flags, size_t *errpos);

/*
 * Is line s[0 .. len) rep's tag exactly as sent (browsers send back the
 * bytes they got; strong comparison never matches a weak tag, RFC 9110
 * 8.8.3.2)? Its words are compared with condreq_rep_set_etag()'s keys.
 */
CR_INLINE int
cr_is_sent_tag(const struct condreq_rep *rep, int weak, const char *s,
    size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const uint64_t *key;

	if (rep == NULL || !rep->exists || rep->etag.opaque == NULL ||
	    (!weak && rep->etag.weak) || s == NULL)
		return 0;
	key = rep->etag_key;
	/* Each length range is one unsigned compare, 9 to 16 bytes first. */
	if (len != key[2])
		return 0;
	if (len - 9 <= 7)
		return cr_load64(p) == key[0] &&
		    cr_load64(p + len - 8) == key[1];
	if (len - 4 <= 4)
		return cr_load32(p) == key[0] &&
		    cr_load32(p + len - 4) == key[1];
	return len > 16 && cr_load64(p) == key[0] &&
	    cr_load64(p + len - 8) == key[1] && cr_load64(p + 8) == key[3];
}

/* In line to cost no call: a single line may be the tag as sent. */
CR_INLINE int
cr_list_match(const struct condreq_rep *rep, int weak, const char *s,
    size_t len, const struct condreq_line *lines, uint32_t n, int field,
    uint32_t flags, size_t *errpos)
{
	if (n == 0 && cr_is_sent_tag(rep, weak, s, len))
		return CONDREQ_MATCH;
	return cr_list_members(rep, weak, s, len, lines, n, field, flags,
	    errpos);
}

/* The CONDREQ_IF_* field named name[0..len), or -1 (field.c). */
int cr_field_of(const char *name, size_t len);

/* Store v (code) in *p when p is not NULL. */
static inline void
cr_set_pos(size_t *p, size_t v)
{
	if (p != NULL)
		*p = v;
}

static inline void
cr_set_fault(int *p, int code)
{
	if (p != NULL)
		*p = code;
}

#endif /* CONDREQ_INT_H */
