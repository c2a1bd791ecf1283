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
 *  - failures are negative CONDREQ_E* codes; non-negative values are
 *    outcomes. Codes and flag bits are never renumbered.
 */
#ifndef CONDREQ_H
#define CONDREQ_H

#include <stddef.h>
#include <stdint.h>

/* API version (semantic versioning). The Makefile reads these lines. */
#define CONDREQ_VERSION_MAJOR 0
#define CONDREQ_VERSION_MINOR 1
#define CONDREQ_VERSION_PATCH 0
#define CONDREQ_VERSION_STRING "0.1.0"
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

/* Return codes. Negative values are errors; stored as int in signatures. */
enum condreq_code {
	CONDREQ_OK = 0,
	CONDREQ_EINVAL = -1,        /* NULL out-parameter or bad argument */
	CONDREQ_ENOSPC = -2,        /* caller buffer or state too small */
	CONDREQ_EEMPTY = -3,        /* value is empty */
	CONDREQ_ETRUNCATED = -4,    /* value ends before it is complete */
	CONDREQ_ESYNTAX = -5,       /* unexpected byte (missing/extra char) */
	CONDREQ_ETRAILING = -6,     /* bytes after a complete value */
	CONDREQ_EWEEKDAY = -7,      /* day-name unknown or mis-cased */
	CONDREQ_EMONTH = -8,        /* month name unknown or mis-cased */
	CONDREQ_EDAY = -9,          /* day not in its month */
	CONDREQ_EYEAR = -10,        /* year out of range */
	CONDREQ_EHOUR = -11,        /* hour > 23 */
	CONDREQ_EMINUTE = -12,      /* minute > 59 */
	CONDREQ_ESECOND = -13,      /* second > 59, or 60 outside 23:59 */
	CONDREQ_EZONE = -14,        /* zone is not GMT */
	CONDREQ_EWDAYMISMATCH = -15,/* day-name disagrees with the date */
	CONDREQ_ENOW = -16,         /* rfc850 date needs "now" but it is unknown */
	CONDREQ_ERANGE = -17,       /* time outside years 0000..9999 */
	CONDREQ_EUNQUOTED = -18,    /* entity-tag does not start with DQUOTE */
	CONDREQ_EUNTERMINATED = -19,/* entity-tag has no closing DQUOTE */
	CONDREQ_ETAGCHAR = -20,     /* byte outside etagc inside a tag */
	CONDREQ_EWEAK = -21,        /* "W/" not followed by a quoted tag */
	CONDREQ_ELIST = -22,        /* junk between list members */
	CONDREQ_ESTAR = -23,        /* "*" that is not the whole value */
	CONDREQ_EMETHOD = -24,      /* request method missing or not a token */
	CONDREQ_ESIZE = -25         /* struct size field too small or unset */
};

/* Outcomes of condreq_etag_next() and the list-match helpers. */
enum condreq_next {
	CONDREQ_END = 0,            /* no more members */
	CONDREQ_TAG = 1,            /* a tag was stored in *tag */
	CONDREQ_STAR = 2            /* the whole value is "*" */
};

enum condreq_match {
	CONDREQ_NOMATCH = 0,
	CONDREQ_MATCH = 1
};

/* Flag bits for the uint32_t flags arguments and condreq_request.flags.
 * All off by default; each relaxes one rule, see condreq(3) CAVEATS. */
enum condreq_flag {
	/* Accept bare unquoted entity-tags (abc, W/abc), as some servers and
	 * proxies emit. Risk: a tag containing a comma or space is split. */
	CONDREQ_F_LENIENT_ETAG = 1u << 0,
	/* Accept an HTTP-date whose day-name disagrees with the date. */
	CONDREQ_F_ANY_WEEKDAY = 1u << 1,
	/* nginx "if_modified_since exact": 304 only when Last-Modified equals
	 * If-Modified-Since, not when it is earlier. */
	CONDREQ_F_IMS_EXACT = 1u << 2,
	/* Apache httpd: ignore If-Modified-Since dates later than "now". */
	CONDREQ_F_IMS_IGNORE_FUTURE = 1u << 3,
	/* Tomcat, Go: treat a Last-Modified of 0 (the epoch) as unknown. */
	CONDREQ_F_LM_ZERO_UNKNOWN = 1u << 4,
	/* condreq_etag_list_match(): weak comparison instead of strong. */
	CONDREQ_F_WEAK_COMPARE = 1u << 5
};

/* Header fields the decision reads; also bit numbers in .malformed. */
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
	CONDREQ_BY_NOT_2XX = 5             /* all ignored: .natural_status */
};

/* Bits of condreq_result.ignored: a header that was present but ignored,
 * with the RFC 9110 rule that says so. */
enum condreq_ignored {
	CONDREQ_IGN_IUS_IF_MATCH = 1u << 0,   /* 13.1.4: If-Match present */
	CONDREQ_IGN_IUS_INVALID = 1u << 1,    /* 13.1.4: not an HTTP-date */
	CONDREQ_IGN_IUS_LIST = 1u << 2,       /* 13.1.4: a list of dates */
	CONDREQ_IGN_IUS_NO_LM = 1u << 3,      /* 13.1.4: no Last-Modified */
	CONDREQ_IGN_IMS_IF_NONE_MATCH = 1u << 4, /* 13.1.3: INM present */
	CONDREQ_IGN_IMS_INVALID = 1u << 5,    /* 13.1.3: not an HTTP-date */
	CONDREQ_IGN_IMS_LIST = 1u << 6,       /* 13.1.3: more than one member */
	CONDREQ_IGN_IMS_METHOD = 1u << 7,     /* 13.1.3: neither GET nor HEAD */
	CONDREQ_IGN_IMS_NO_LM = 1u << 8,      /* 13.1.3: no Last-Modified */
	CONDREQ_IGN_IMS_FUTURE = 1u << 9,     /* F_IMS_IGNORE_FUTURE */
	CONDREQ_IGN_IR_NO_RANGE = 1u << 10,   /* 13.1.5: no Range */
	CONDREQ_IGN_IR_METHOD = 1u << 11,     /* 13.2.2 step 5: not GET */
	CONDREQ_IGN_RANGE_METHOD = 1u << 12,  /* 14.2: Range only for GET */
	CONDREQ_IGN_RANGE_IF_RANGE = 1u << 13,/* 13.1.5: If-Range false */
	CONDREQ_IGN_RANGE_INVALID = 1u << 14, /* 14.2: several Range lines */
	CONDREQ_IGN_ALL_NOT_2XX = 1u << 15,   /* 13.2.1: natural status */
	CONDREQ_IGN_UNREACHED = 1u << 16      /* 13.2.2: status already fixed */
};

/* Values of condreq_request.lm_strong (RFC 9110 8.8.2.2). */
enum condreq_lm_strength {
	CONDREQ_LM_WEAK = 0,       /* default: an If-Range date never matches */
	CONDREQ_LM_STRONG = 1      /* caller knows it never changes twice a second */
};

/* Length of an IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT". */
#define CONDREQ_DATE_LEN 29
/* Value of "now" that means unknown: rfc850 dates are then refused. */
#define CONDREQ_NOW_UNKNOWN INT64_MIN
/* Repeated If-Match / If-None-Match field lines the request keeps. */
#define CONDREQ_MAX_EXTRA 16

/* ---- Types ----------------------------------------------------------- */

/* One entity-tag; opaque points into the caller's buffer, between the
 * quotes, and lives as long as that buffer. */
struct condreq_etag {
	const char *opaque;
	size_t opaque_len;
	int32_t weak;              /* 1 when the tag had the W/ prefix */
	int32_t reserved;
};

/* Cursor over an entity-tag list; lives on the caller's stack. The fields
 * are private: set them only through condreq_etag_iter_init/_add. */
struct condreq_etag_iter {
	const char *p;
	size_t len;
	size_t pos;
	size_t errpos;
	uint32_t flags;
	uint32_t count;            /* members returned so far, "*" included */
	uint32_t line;             /* field lines added so far */
	int32_t error;             /* sticky error, 0 if none */
};

/* One extra field line kept by condreq_request_header(). */
struct condreq_line {
	const char *value;
	size_t len;
	int32_t field;             /* CONDREQ_IF_MATCH or CONDREQ_IF_NONE_MATCH */
	int32_t reserved;
};

/* Everything the decision needs. Caller-allocated; call
 * condreq_request_init() first. Fields only ever grow at the end. */
struct condreq_request {
	uint32_t size;             /* set by condreq_request_init() */
	uint32_t flags;            /* CONDREQ_F_* */
	const char *method;        /* request method, case-sensitive token */
	size_t method_len;
	/* The selected representation. */
	const char *etag;          /* current ETag as sent, or NULL */
	size_t etag_len;
	int64_t last_modified;     /* Unix seconds, valid if has_last_modified */
	int64_t now;               /* server clock; CONDREQ_NOW_UNKNOWN if not set */
	int32_t has_last_modified; /* 0: no Last-Modified */
	int32_t exists;            /* 1 (default): a current representation exists */
	int32_t lm_strong;         /* CONDREQ_LM_*, default CONDREQ_LM_WEAK */
	int32_t natural_status;    /* status without preconditions (13.2.1), 200 */
	/* Request header fields, trimmed of OWS; NULL = absent. */
	const char *if_match;
	size_t if_match_len;
	const char *if_none_match;
	size_t if_none_match_len;
	const char *if_modified_since;
	size_t if_modified_since_len;
	const char *if_unmodified_since;
	size_t if_unmodified_since_len;
	const char *if_range;
	size_t if_range_len;
	const char *range;
	size_t range_len;
	/* Kept by condreq_request_header(); callers leave these alone. */
	uint32_t lines[CONDREQ_NFIELDS];   /* field lines seen per field */
	uint32_t nextra;
	uint32_t overflow;                 /* bit per field that overflowed */
	struct condreq_line extra[CONDREQ_MAX_EXTRA];
};

/* What a server should do. Call condreq_result_init() first. */
struct condreq_result {
	uint32_t size;
	int32_t status;            /* 200, 304 or 412 (or natural_status) */
	int32_t range;             /* 1: a Range may be honoured (206) */
	int32_t decided_by;        /* CONDREQ_BY_* */
	uint32_t ignored;          /* CONDREQ_IGN_* bits */
	uint32_t malformed;        /* bit (1u << CONDREQ_IF_*) per bad header,
	                              CONDREQ_MALFORMED_ETAG for a bad .etag */
	uint32_t overflow;         /* fields with more lines than were kept */
	int32_t reserved;
};

/* Bit in condreq_result.malformed for an unparsable request.etag. */
#define CONDREQ_MALFORMED_ETAG (1u << 16)

/* ---- Version and messages -------------------------------------------- */

/* CONDREQ_VERSION_NUMBER of the library actually linked. */
CONDREQ_API uint32_t condreq_version(void);
/* CONDREQ_VERSION_STRING of the library actually linked. */
CONDREQ_API const char *condreq_version_string(void);
/* Static text for a CONDREQ_E* code; never NULL. */
CONDREQ_API const char *condreq_strerror(int code);
/* Static symbolic name ("CONDREQ_EDAY") for a code; never NULL. */
CONDREQ_API const char *condreq_code_name(int code);

/* ---- HTTP-dates (RFC 9110 5.6.7) --------------------------------------- */

/* Parse IMF-fixdate, rfc850-date or asctime-date into Unix seconds.
 * now (Unix seconds) resolves rfc850 two-digit years; flags: F_ANY_WEEKDAY.
 * errpos (may be NULL) gets the offset of the first bad byte. */
CONDREQ_API int condreq_date_parse(const char *s, size_t len, int64_t now,
    uint32_t flags, int64_t *out, size_t *errpos);
/* Write the 29-byte IMF-fixdate of t, plus a NUL if bufsz > 29.
 * CONDREQ_ENOSPC if bufsz < 29; *outlen (may be NULL) gets 29. */
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
/* Next member: CONDREQ_TAG, CONDREQ_STAR, CONDREQ_END or an error, which
 * repeats on every later call. *errpos is relative to the current line. */
CONDREQ_API int condreq_etag_next(struct condreq_etag_iter *it,
    struct condreq_etag *tag, size_t *errpos);
/* Strong and weak comparison, RFC 9110 8.8.3.2: 1 match, 0 not. */
CONDREQ_API int condreq_etag_match_strong(const struct condreq_etag *a,
    const struct condreq_etag *b);
CONDREQ_API int condreq_etag_match_weak(const struct condreq_etag *a,
    const struct condreq_etag *b);
/* Does the current tag etag (as sent) match any member of list?
 * CONDREQ_MATCH, CONDREQ_NOMATCH, CONDREQ_STAR, or an error.
 * Strong comparison unless flags has CONDREQ_F_WEAK_COMPARE. */
CONDREQ_API int condreq_etag_list_match(const char *list, size_t len,
    const char *etag, size_t etag_len, uint32_t flags, size_t *errpos);
/* If-Match (13.1.1) and If-None-Match (13.1.2) conditions: 1 true,
 * 0 false, or an error (the caller then fails safe, see condreq(3)). */
CONDREQ_API int condreq_if_match(const char *list, size_t len,
    const char *etag, size_t etag_len, int32_t exists, uint32_t flags,
    size_t *errpos);
CONDREQ_API int condreq_if_none_match(const char *list, size_t len,
    const char *etag, size_t etag_len, int32_t exists, uint32_t flags,
    size_t *errpos);
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

/* ---- The decision (RFC 9110 13.2) -------------------------------------- */

/* Zero *req and set defaults; size is sizeof(struct condreq_request). */
CONDREQ_API int condreq_request_init(struct condreq_request *req,
    size_t size);
/* Offer one request field line. Returns 1 if it was a precondition or
 * Range field, 0 if ignored, CONDREQ_ENOSPC past CONDREQ_MAX_EXTRA (the
 * decision then fails safe). Values must outlive the request. */
CONDREQ_API int condreq_request_header(struct condreq_request *req,
    const char *name, size_t name_len, const char *value, size_t value_len);
/* Same, for a whole "Name: value" line (no CRLF). */
CONDREQ_API int condreq_request_line(struct condreq_request *req,
    const char *line, size_t len);
/* Zero *res and set its size. */
CONDREQ_API int condreq_result_init(struct condreq_result *res, size_t size);
/* Evaluate per RFC 9110 13.2.2; returns res->status or an error. */
CONDREQ_API int condreq_evaluate(const struct condreq_request *req,
    struct condreq_result *res);
/* Names for logs: "If-Match", and the text of one CONDREQ_IGN_* bit. */
CONDREQ_API const char *condreq_decided_name(int decided_by);
CONDREQ_API const char *condreq_ignored_reason(uint32_t bit);
/* 1 if a 304 must carry this header when a 200 would have (15.4.5). */
CONDREQ_API int condreq_304_keeps_header(const char *name, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* CONDREQ_H */
