/*
 * Private declarations shared by the source files of libcondreq.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#ifndef CONDREQ_INT_H
#define CONDREQ_INT_H

#include "condreq.h"

/* Small helpers on hot paths: gcc's early inliner judges a helper by its
 * size before byte loads are merged into words, and leaves calls behind.
 * The coverage build (CR_COVERAGE) leaves them out of line, so that gcov
 * counts each branch once, not once per inlined copy. */
#if defined(__GNUC__) || defined(__clang__)
#ifdef CR_COVERAGE
#define CR_INLINE static inline
#else
#define CR_INLINE static inline __attribute__((always_inline))
#endif
#define CR_LIKELY(x) __builtin_expect(!!(x), 1)
#define CR_COLD __attribute__((noinline, cold))
#define CR_NOINLINE __attribute__((noinline))
#else
#define CR_COLD
#define CR_NOINLINE
#define CR_INLINE static inline
#define CR_LIKELY(x) (x)
#endif

/* A byte c in each of a word's eight bytes. */
#define CR_REP8(c) (0x0101010101010101ULL * (c))

/* The eight bytes at p as a little-endian word, on any host. With gcc
 * and clang that is one unaligned load (and a swap on big-endian hosts);
 * the portable form is left to the compiler to merge. */
CR_INLINE uint64_t
cr_load64(const unsigned char *p)
{
#if defined(__GNUC__) || defined(__clang__)
	uint64_t w;

	__builtin_memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
#else
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	    (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
#endif
}

/* Index of the lowest nonzero byte of x, which is not 0 (the byte that
 * came first from memory, as cr_load64 reads). */
CR_INLINE unsigned
cr_low_byte(uint64_t x)
{
#if defined(__GNUC__) || defined(__clang__)
	return (unsigned)__builtin_ctzll(x) >> 3;
#else
	unsigned i = 0;

	while ((x & 0xff) == 0) {
		x >>= 8;
		i++;
	}
	return i;
#endif
}

/* Internal bit in condreq_etag_iter.flags: a "*" member was returned. */
#define CONDREQ_IT_STAR (1u << 31)

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

/* tchar, RFC 9110 5.6.2: "!#$%&'*+-.^_`|~", DIGIT and ALPHA (the VCHARs
 * but the delimiters "(),/:;<=>?@[\]{}), as a set of 128 bits: bit c of
 * word c / 64. */
CR_INLINE int
cr_is_tchar(unsigned char c)
{
	static const uint64_t set[2] = {
		0x03ff6cfa00000000ULL, 0x57ffffffc7fffffeULL
	};

	return c < 128 && (set[c >> 6] >> (c & 63) & 1) != 0;
}

/* Match a one-line entity-tag list against cur (NULL: none):
 * CONDREQ_MATCH, CONDREQ_NOMATCH, CONDREQ_STAR or an error (etag.c). */
int cr_list_match(const char *list, size_t len,
    const struct condreq_etag *cur, uint32_t flags, size_t *errpos);

/* The same through the member iterator: the reference that
 * cr_list_match() falls back on and that tests compare it with. */
int cr_list_match_ref(const char *list, size_t len,
    const struct condreq_etag *cur, uint32_t flags, size_t *errpos);

/* The byte-by-byte HTTP-date parser that condreq_date_parse() falls back
 * on; same contract (date.c). Tests compare the two. */
int cr_date_parse_ref(const char *s, size_t len, int64_t now, uint32_t flags,
    int64_t *out, size_t *errpos);

/* Store v in *p when p is not NULL. */
static inline void
cr_set_pos(size_t *p, size_t v)
{
	if (p != NULL)
		*p = v;
}

#endif /* CONDREQ_INT_H */
