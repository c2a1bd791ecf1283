/*
 * libcondreq: HTTP conditional-request evaluation (RFC 9110 section 13).
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 *
 * Everything here is documented in condreq(3) and the pages it names;
 * anything not documented there is internal and may change.
 *
 * Contracts that hold for every function:
 *  - strings are (pointer, length); no NUL is read or needed, no byte past
 *    the length is read, and a NULL header value means "header absent";
 *  - nothing is allocated, no global state is written, no clock, locale,
 *    time zone or errno is touched: every function is reentrant;
 *  - one convention for every return value (condreq(3), "Return
 *    values"): an action returns CONDREQ_OK (0) or a negative CONDREQ_E*
 *    code; a predicate returns exactly 1 or 0, a malformed field folded
 *    to the answer that lets nothing through, its fault reported through
 *    an out-parameter; condreq_etag_next() returns a member or
 *    CONDREQ_END, its fault through an out-parameter too;
 *    condreq_evaluate() returns the status to send.
 *    Codes and flag bits are never renumbered;
 *  - a struct with a leading size reads and writes no byte past that size
 *    (see condreq(3), "Struct sizes"); the init macros pass the size
 *    themselves.
 */
#ifndef CONDREQ_H
#define CONDREQ_H

#include <stddef.h>
#include <stdint.h>

/* API version (semantic versioning). The Makefile reads these lines. */
#define CONDREQ_VERSION_MAJOR 1
#define CONDREQ_VERSION_MINOR 0
#define CONDREQ_VERSION_PATCH 0
#define CONDREQ_VERSION_STRING "1.0.0"
#define CONDREQ_VERSION_NUMBER \
	((CONDREQ_VERSION_MAJOR << 16) | (CONDREQ_VERSION_MINOR << 8) | \
	 CONDREQ_VERSION_PATCH)

#if defined(_WIN32) || defined(__CYGWIN__)
# if defined(CONDREQ_BUILD)
#  define CONDREQ_API __declspec(dllexport)
# else
#  define CONDREQ_API __declspec(dllimport)
# endif
#elif defined(__GNUC__) && __GNUC__ >= 4
# define CONDREQ_API __attribute__((visibility("default")))
#else
# define CONDREQ_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Codes ----------------------------------------------------------- */

/* Return codes. Negative values are errors; stored as int in signatures.
 * condreq(3) says which a caller acts on and which name a fault for a
 * log; the numbers of 0.2 are kept, the codes 1.0 merged are gone. */
enum condreq_code {
	CONDREQ_OK = 0,
	CONDREQ_EINVAL = -1,        /* NULL out-parameter or bad argument */
	CONDREQ_ENOSPC = -2,        /* caller buffer or storage too small */
	CONDREQ_EEMPTY = -3,        /* value is empty */
	CONDREQ_ETRUNCATED = -4,    /* value ends before it is complete */
	CONDREQ_ESYNTAX = -5,       /* malformed: *errpos says where (a name,
	                               a number out of range, a zone...) */
	CONDREQ_ETRAILING = -6,     /* bytes after a complete value */
	CONDREQ_EWDAYMISMATCH = -15,/* day-name disagrees with the date */
	CONDREQ_ENOW = -16,         /* rfc850 date needs "now" but it is unknown */
	CONDREQ_EUNQUOTED = -18,    /* entity-tag does not start with DQUOTE */
	CONDREQ_EMETHOD = -24,      /* request method missing or not a token */
	CONDREQ_ESIZE = -25,        /* struct size unset or too small */
	CONDREQ_EFLAGS = -27        /* a flag bit this function does not take */
};

/* Outcomes of condreq_etag_next(). */
enum condreq_next {
	CONDREQ_END = 0,            /* no more members */
	CONDREQ_TAG = 1,            /* a tag was stored in *tag */
	CONDREQ_STAR = 2            /* the whole value is "*" */
};

/* Answers of the comparisons and predicates: exactly one of these. */
enum condreq_match {
	CONDREQ_NOMATCH = 0,
	CONDREQ_MATCH = 1
};

/* Flag bits for the uint32_t flags arguments and condreq_request.flags.
 * All off by default; each relaxes one rule, see condreq(3) CAVEATS. A
 * bit this version does not define is refused with CONDREQ_EFLAGS. */
enum condreq_flag {
	/* Accept bare unquoted entity-tags (abc, W/abc), as some servers and
	 * proxies emit. Risk: a tag containing a comma or space is split. */
	CONDREQ_F_LENIENT_ETAG = 1 << 0,
	/* Accept an HTTP-date whose day-name disagrees with the date. */
	CONDREQ_F_ANY_WEEKDAY = 1 << 1,
	/* nginx "if_modified_since exact": 304 only when Last-Modified equals
	 * If-Modified-Since, not when it is earlier. */
	CONDREQ_F_IMS_EXACT = 1 << 2,
	/* Apache httpd: ignore If-Modified-Since dates later than "now". */
	CONDREQ_F_IMS_IGNORE_FUTURE = 1 << 3,
	/* Tomcat, Go: treat a Last-Modified of 0 (the epoch) as unknown. */
	CONDREQ_F_LM_ZERO_UNKNOWN = 1 << 4,
	/* condreq_etag_list_match() only: weak comparison instead of strong.
	 * Refused elsewhere: RFC 9110 fixes each condition's comparison. */
	CONDREQ_F_WEAK_COMPARE = 1 << 5
};

/* Header fields the decision reads; also bit numbers in the masks
 * .malformed and .overflow. condreq_field_name() gives each one's name. */
enum condreq_field {
	CONDREQ_IF_MATCH = 0,
	CONDREQ_IF_NONE_MATCH = 1,
	CONDREQ_IF_MODIFIED_SINCE = 2,
	CONDREQ_IF_UNMODIFIED_SINCE = 3,
	CONDREQ_IF_RANGE = 4,
	CONDREQ_RANGE = 5,
	CONDREQ_NFIELDS = 6
};

/* Which precondition decided the status (condreq_result.decided_by). */
enum condreq_decided {
	CONDREQ_BY_NONE = 0,               /* no precondition was evaluated */
	CONDREQ_BY_IF_MATCH = 1,
	CONDREQ_BY_IF_UNMODIFIED_SINCE = 2,
	CONDREQ_BY_IF_NONE_MATCH = 3,
	CONDREQ_BY_IF_MODIFIED_SINCE = 4,
	CONDREQ_BY_NOT_2XX = 5,            /* all ignored: .natural_status */
	/* Added in 0.2. */
	CONDREQ_BY_METHOD = 6              /* all ignored: 13.2.1's methods */
};

/* Bits of condreq_result.ignored: a header that was present but ignored,
 * with the RFC 9110 rule that says so. */
enum condreq_ignored {
	CONDREQ_IGN_IUS_IF_MATCH = 1 << 0,   /* 13.1.4: If-Match present */
	CONDREQ_IGN_IUS_INVALID = 1 << 1,    /* 13.1.4: not an HTTP-date */
	CONDREQ_IGN_IUS_LIST = 1 << 2,       /* 13.1.4: a list of dates */
	CONDREQ_IGN_IUS_NO_LM = 1 << 3,      /* 13.1.4: no Last-Modified */
	CONDREQ_IGN_IMS_IF_NONE_MATCH = 1 << 4, /* 13.1.3: INM present */
	CONDREQ_IGN_IMS_INVALID = 1 << 5,    /* 13.1.3: not an HTTP-date */
	CONDREQ_IGN_IMS_LIST = 1 << 6,       /* 13.1.3: more than one member */
	CONDREQ_IGN_IMS_METHOD = 1 << 7,     /* 13.1.3: neither GET nor HEAD */
	CONDREQ_IGN_IMS_NO_LM = 1 << 8,      /* 13.1.3: no Last-Modified */
	CONDREQ_IGN_IMS_FUTURE = 1 << 9,     /* F_IMS_IGNORE_FUTURE */
	CONDREQ_IGN_IR_NO_RANGE = 1 << 10,   /* 13.1.5: no Range */
	CONDREQ_IGN_IR_METHOD = 1 << 11,     /* 13.2.2 step 5: not GET */
	CONDREQ_IGN_RANGE_METHOD = 1 << 12,  /* 14.2: Range only for GET */
	CONDREQ_IGN_RANGE_IF_RANGE = 1 << 13,/* 13.1.5: If-Range false */
	CONDREQ_IGN_RANGE_INVALID = 1 << 14, /* 14.2: several Range lines */
	CONDREQ_IGN_ALL_NOT_2XX = 1 << 15,   /* 13.2.1: natural status */
	CONDREQ_IGN_UNREACHED = 1 << 16,     /* 13.2.2: status already fixed */
	CONDREQ_IGN_ALL_METHOD = 1 << 17,    /* 13.2.1: CONNECT, OPTIONS, TRACE */
	/* Added in 1.0. */
	CONDREQ_IGN_NOW_UNKNOWN = 1 << 18    /* 5.6.7: an rfc850 date not read,
	                                        request.now unknown */
};

/* Values of condreq_rep.lm_strong (RFC 9110 8.8.2.2). */
enum condreq_lm_strength {
	CONDREQ_LM_WEAK = 0,       /* default: an If-Range date never matches */
	CONDREQ_LM_STRONG = 1      /* caller knows it never changes twice a second */
};

/* Answers of condreq_304_keeps_header() (RFC 9110 15.4.5). */
enum condreq_keep {
	CONDREQ_304_OMIT = 0,      /* leave it out of the 304 */
	CONDREQ_304_KEEP = 1,      /* send it if the 200 would have (MUST) */
	CONDREQ_304_KEEP_IF_NO_ETAG = 2 /* Last-Modified: useful without ETag */
};

/* Length of an IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT". */
#define CONDREQ_DATE_LEN 29
/* Value of "now" that means unknown (INT64_MIN): rfc850 dates are then
 * refused (CONDREQ_ENOW), and condreq_evaluate() says which it did not
 * read (CONDREQ_IGN_NOW_UNKNOWN). Spelled without a long long constant,
 * for C89 and C++98 callers, and without C casts in C++. */
#ifdef __cplusplus
#define CONDREQ_NOW_UNKNOWN \
	(-static_cast<int64_t>((static_cast<uint64_t>(1) << 63) - 1) - 1)
#else
#define CONDREQ_NOW_UNKNOWN (-(int64_t)(((uint64_t)1 << 63) - 1) - 1)
#endif

/* ---- Types ----------------------------------------------------------- */

/* One entity-tag; opaque points into the caller's buffer, between the
 * quotes, and lives as long as that buffer. Fixed forever. */
struct condreq_etag {
	const char *opaque;
	size_t opaque_len;
	int32_t weak;              /* 1 when the tag had the W/ prefix */
	int32_t reserved;
};

/* Cursor over an entity-tag list; lives on the caller's stack. The fields
 * are private: set them only through condreq_etag_iter_init/_add. The
 * reserved words are room for later versions to grow into. */
struct condreq_etag_iter {
	const char *p;
	size_t len;
	size_t pos;
	size_t errpos;
	uint32_t flags;
	uint32_t count;            /* members returned so far, "*" included */
	uint32_t line;             /* field lines added so far */
	int32_t error;             /* sticky error, 0 if none */
	uint64_t reserved[4];
};

/* A field value: value[0 .. len), NULL = absent. */
struct condreq_value {
	const char *value;
	size_t len;
};

/* One repeated field line, kept in the caller's storage (request.lines). */
struct condreq_line {
	const char *value;
	size_t len;
	int32_t field;             /* CONDREQ_IF_MATCH .. CONDREQ_RANGE */
	int32_t reserved;
};

/*
 * The selected representation (RFC 9110 3.2), prepared once: keep it
 * beside the file's metadata and pass it to every decision about that
 * representation. Call condreq_rep_init(&rep) first, then
 * condreq_rep_set_etag() for its ETag; set the other fields directly.
 * Fields after etag_key are optional (see "Struct sizes" in condreq(3)).
 */
struct condreq_rep {
	uint32_t size;             /* set by condreq_rep_init() */
	int32_t exists;            /* 1 (default): a current representation exists */
	/* Set by condreq_rep_set_etag(): read them, do not write them. */
	struct condreq_etag etag;  /* opaque NULL: no ETag */
	uint64_t etag_key[4];      /* private: the tag as sent, for compares */
	/* Optional from here on. */
	int64_t last_modified;     /* Unix seconds, valid if has_last_modified */
	int32_t has_last_modified; /* 0 (default): no Last-Modified */
	int32_t lm_strong;         /* CONDREQ_LM_*, default CONDREQ_LM_WEAK */
};

/*
 * The request side of a decision. Caller-allocated; call
 * condreq_request_init(&req) first. The first line of each field goes in
 * field[] at its CONDREQ_IF_* index, whether condreq_request_header(),
 * condreq_request_line() or the caller put it there; repeated lines (RFC
 * 9110 5.3) go to the caller's storage lines[0 .. lines_cap), and a line
 * that does not fit sets its field's bit in overflow, which makes the
 * decision fail safe. Fields after nlines are optional (see "Struct
 * sizes" in condreq(3)).
 */
struct condreq_request {
	uint32_t size;             /* set by condreq_request_init() */
	uint32_t flags;            /* CONDREQ_F_* */
	const char *method;        /* request method, case-sensitive token */
	size_t method_len;
	/* First line of each field, trimmed of OWS; value NULL = absent. */
	struct condreq_value field[CONDREQ_NFIELDS];
	uint32_t overflow;         /* bit per field with a line not kept */
	uint32_t nlines;           /* entries of lines[] in use */
	/* Optional from here on. */
	struct condreq_line *lines;/* storage for repeated lines, or NULL */
	uint32_t lines_cap;        /* entries lines[] can hold */
	int32_t natural_status;    /* status without preconditions (13.2.1);
	                              0 (default) means 200 */
	int64_t now;               /* server clock, Unix seconds, or
	                              CONDREQ_NOW_UNKNOWN (default: rfc850
	                              dates are not read, and the result
	                              says so) */
};

/* What a server should do, and why. Call condreq_result_init(&res)
 * once; every condreq_evaluate() overwrites it. Fields after status are
 * optional. */
struct condreq_result {
	uint32_t size;
	int32_t status;            /* what condreq_evaluate() returned: the
	                              status to send (see there) */
	/* Optional from here on. */
	int32_t decided_by;        /* CONDREQ_BY_* */
	uint32_t ignored;          /* CONDREQ_IGN_* bits */
	uint32_t malformed;        /* bit (1 << CONDREQ_IF_*) per bad field */
	uint32_t overflow;         /* fields with more lines than were kept */
};

/* ---- Version and names ----------------------------------------------- */

/* CONDREQ_VERSION_NUMBER of the library actually linked. */
CONDREQ_API uint32_t condreq_version(void);
/* CONDREQ_VERSION_STRING of the library actually linked. */
CONDREQ_API const char *condreq_version_string(void);
/* Static text for a CONDREQ_E* code; never NULL. */
CONDREQ_API const char *condreq_strerror(int code);
/* Static symbolic name ("CONDREQ_ESYNTAX") for a code; never NULL. */
CONDREQ_API const char *condreq_code_name(int code);
/* Header name of a CONDREQ_IF_* field ("If-Match"), "unknown" for any
 * other number; never NULL. */
CONDREQ_API const char *condreq_field_name(int field);

/* ---- HTTP-dates (RFC 9110 5.6.7) --------------------------------------- */

/* Parse IMF-fixdate, rfc850-date or asctime-date into Unix seconds.
 * now (Unix seconds) resolves rfc850 two-digit years; flags: F_ANY_WEEKDAY.
 * errpos (may be NULL) gets the offset of the first bad byte. */
CONDREQ_API int condreq_date_parse(const char *s, size_t len, int64_t now,
    uint32_t flags, int64_t *out, size_t *errpos);
/* Write the 29-byte IMF-fixdate of t, plus a NUL if bufsz > 29.
 * CONDREQ_ENOSPC if bufsz < 29, CONDREQ_EINVAL if t is outside years
 * 0000..9999; *outlen (may be NULL) gets 29. */
CONDREQ_API int condreq_date_format(int64_t t, char *buf, size_t bufsz,
    size_t *outlen);

/* ---- Entity tags (RFC 9110 8.8.3) -------------------------------------- */

/* Parse exactly one entity-tag filling the whole value. */
CONDREQ_API int condreq_etag_parse(const char *s, size_t len, uint32_t flags,
    struct condreq_etag *tag, size_t *errpos);
/* Start iterating the list value s (one field line). */
CONDREQ_API int condreq_etag_iter_init(struct condreq_etag_iter *it,
    const char *s, size_t len, uint32_t flags);
/* Continue the same list with another field line (RFC 9110 5.3), once
 * condreq_etag_next() has returned CONDREQ_END for the previous one. */
CONDREQ_API int condreq_etag_iter_add(struct condreq_etag_iter *it,
    const char *s, size_t len);
/* Next member: CONDREQ_TAG, CONDREQ_STAR or CONDREQ_END, never anything
 * else. A malformed line yields no member: CONDREQ_END, now and on every
 * later call, with *fault (may be NULL) its code and *errpos (may be
 * NULL) its offset in that line; both are 0 otherwise. A caller that must
 * tell "ended" from "malformed" passes fault. */
CONDREQ_API int condreq_etag_next(struct condreq_etag_iter *it,
    struct condreq_etag *tag, int *fault, size_t *errpos);
/* Strong and weak comparison, RFC 9110 8.8.3.2: 1 match, 0 not. */
CONDREQ_API int condreq_etag_match_strong(const struct condreq_etag *a,
    const struct condreq_etag *b);
CONDREQ_API int condreq_etag_match_weak(const struct condreq_etag *a,
    const struct condreq_etag *b);
/* Canonical form of a tag ("x" or W/"x") into buf, NUL added if room. */
CONDREQ_API int condreq_etag_format(const struct condreq_etag *tag,
    char *buf, size_t bufsz, size_t *outlen);
/* Strong tag "size-mtime_ns-ino" in hex; ino 0 leaves it out. */
CONDREQ_API int condreq_etag_make(uint64_t size, int64_t mtime_ns,
    uint64_t ino, char *buf, size_t bufsz, size_t *outlen);
/* Strong tag from a content hash (base64url, no padding). */
CONDREQ_API int condreq_etag_make_hash(const unsigned char *hash,
    size_t hash_len, char *buf, size_t bufsz, size_t *outlen);
/* Weak form of a tag: "x" -> W/"x"; a weak tag is copied as it is. */
CONDREQ_API int condreq_etag_weaken(const char *etag, size_t len,
    char *buf, size_t bufsz, size_t *outlen);

/* ---- The selected representation -------------------------------------- */

/* Set up *rep: exists, no ETag, no Last-Modified. Call it through the
 * macro condreq_rep_init(rep), which passes sizeof *(rep); the sized
 * function is for bindings, which pass their own declaration's size. */
CONDREQ_API int condreq_rep_init_sized(struct condreq_rep *rep, size_t size);
#define condreq_rep_init(rep) condreq_rep_init_sized((rep), sizeof *(rep))
/* Parse and keep the representation's ETag as it is sent (the string must
 * outlive rep); NULL clears it. A malformed one is refused with its code
 * and *errpos, and rep is left without an ETag. flags: F_LENIENT_ETAG. */
CONDREQ_API int condreq_rep_set_etag(struct condreq_rep *rep,
    const char *etag, size_t len, uint32_t flags, size_t *errpos);
/*
 * Predicates: each returns exactly 1 or 0. A malformed list, or an
 * argument refused, gives 0, and *fault (may be NULL) its CONDREQ_E*
 * code, *errpos (may be NULL) its offset; both are 0 otherwise. So
 * if (condreq_if_match(...)) write(); never writes on a malformed field.
 */
/* Does rep's ETag match a member of list ("*": does rep exist)? Strong
 * comparison unless F_WEAK_COMPARE. */
CONDREQ_API int condreq_etag_list_match(const struct condreq_rep *rep,
    const char *list, size_t len, uint32_t flags, int *fault,
    size_t *errpos);
/* The If-Match (13.1.1) and If-None-Match (13.1.2) conditions on rep
 * (NULL: no current representation); an absent field (list NULL) is
 * true. A 0 from condreq_if_none_match() with *fault set is no 304:
 * condreq_evaluate() answers it (200 for GET/HEAD, 412 for others). */
CONDREQ_API int condreq_if_match(const struct condreq_rep *rep,
    const char *list, size_t len, uint32_t flags, int *fault,
    size_t *errpos);
CONDREQ_API int condreq_if_none_match(const struct condreq_rep *rep,
    const char *list, size_t len, uint32_t flags, int *fault,
    size_t *errpos);

/* ---- The decision (RFC 9110 13.2) -------------------------------------- */

/* Set up *req with every default: condreq_request_init(req) passes
 * sizeof *(req); the sized function is for bindings. */
CONDREQ_API int condreq_request_init_sized(struct condreq_request *req,
    size_t size);
#define condreq_request_init(req) \
	condreq_request_init_sized((req), sizeof *(req))
/* Offer one request field line: CONDREQ_OK, whether the field is one the
 * decision reads (kept in req->field[] or req->lines) or not (ignored);
 * CONDREQ_ENOSPC for a repeated line that did not fit in req->lines (the
 * decision then fails safe). Values must outlive the request. */
CONDREQ_API int condreq_request_header(struct condreq_request *req,
    const char *name, size_t name_len, const char *value, size_t value_len);
/* Same, for a whole "Name: value" line (no CRLF). */
CONDREQ_API int condreq_request_line(struct condreq_request *req,
    const char *line, size_t len);
/* Set up *res once: condreq_result_init(res) passes sizeof *(res). */
CONDREQ_API int condreq_result_init_sized(struct condreq_result *res,
    size_t size);
#define condreq_result_init(res) \
	condreq_result_init_sized((res), sizeof *(res))
/* Evaluate req against rep (NULL: no current representation) per RFC
 * 9110 13.2. Returns the status to send, also in res->status: 304, 412,
 * 206 (a GET's Range may be honoured and the natural status is 200), or
 * the natural status (200 unless req->natural_status says otherwise) to
 * perform the method; or a negative code. */
CONDREQ_API int condreq_evaluate(const struct condreq_request *req,
    const struct condreq_rep *rep, struct condreq_result *res);
/* Names for logs: "If-Match", and the text of one CONDREQ_IGN_* bit. */
CONDREQ_API const char *condreq_decided_name(int decided_by);
CONDREQ_API const char *condreq_ignored_reason(uint32_t bit);
/* CONDREQ_304_* for a response field, by name (RFC 9110 15.4.5). */
CONDREQ_API int condreq_304_keeps_header(const char *name, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* CONDREQ_H */
