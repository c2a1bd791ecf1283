/*
 * condreq-probe(1): a live HTTP server's conditional requests against
 * RFC 9110 section 13, the expected answers from libcondreq itself.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 *
 * http.c     requests through libcurl, one response at a time
 * cases.c    the matrix of requests built from the server's validators
 * judge.c    what libcondreq expects of each, and the verdict
 * report.c   the table, the closing line and JUnit XML
 * main.c     options and the run
 */
#ifndef PROBE_H
#define PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "condreq.h"

/* ---- http.c ------------------------------------------------------------ */

struct http {
	long timeout_ms;            /* per request, connecting included */
	int64_t deadline_ms;        /* monotonic end of the whole run */
	int verbose;                /* print requests' and responses' headers */
	void *curl;                 /* the libcurl handle, reused */
};

struct response {
	long status;                /* 0 when no response came */
	char *head;                 /* the final response's header lines */
	size_t head_len;
	char *body;
	size_t body_len;
	int curl_code;              /* CURLcode; 0 when a response came */
	char error[320];            /* what went wrong, when curl_code != 0 */
};

/* A request's outcome when the run's --deadline has passed. */
#define HTTP_DEADLINE (-1)

int http_init(struct http *h, long timeout_ms, long deadline_s,
    int verbose);
void http_done(struct http *h);
/* Has the run's deadline passed? */
int http_past_deadline(const struct http *h);
/* One request: method, header lines "Name: value", an optional body
 * (PUT; "" with 0 for an empty one). Returns 0 when a response came,
 * else the CURLcode or HTTP_DEADLINE (the message is in r->error). r is
 * freed by response_free(). */
int http_send(struct http *h, const char *url, const char *method,
    char *const *lines, int nlines, const char *body, size_t body_len,
    struct response *r);
/* The same request on a connection of its own, read raw to its end: how
 * many bytes followed the response's header block (libcurl discards a
 * 304's). 0 and *extra set, or -1. */
int http_bytes_after_head(struct http *h, const char *url,
    const char *method, char *const *lines, int nlines, size_t *extra);
void response_free(struct response *r);
/* The first value of header field name (case-insensitive) in r, copied
 * into buf without surrounding whitespace; NULL when absent. */
const char *response_field(const struct response *r, const char *name,
    char *buf, size_t bufsz);
/* How many lines of field name r has, and the first one's value length. */
int response_count(const struct response *r, const char *name,
    size_t *len);
/* Is a CURLcode one of TLS's? */
int http_is_tls_error(int code);
/* s[0..n) for a terminal or a report: printable ASCII kept, every other
 * byte as \xNN, cut (saying so) to fit buf. */
const char *escape(const char *s, size_t n, char *buf, size_t bufsz);

/* ---- cases.c ----------------------------------------------------------- */

#define PROBE_LINES 6
#define PROBE_TAG_MAX 4096          /* longest ETag the cases send */
#define PROBE_LINE_MAX (PROBE_TAG_MAX + 96)

/* What the server advertised, from the unconditional GET. */
struct validators {
	char etag[PROBE_TAG_MAX];   /* the ETag as sent; "" when unusable */
	int etag_ok;                /* it parses as an entity-tag */
	int etag_weak;              /* it is W/"..." */
	char no_etag[160];          /* why tag cases cannot be built */
	int64_t lm;                 /* Last-Modified, when has_lm */
	int has_lm;
	char no_lm[160];            /* why date cases cannot be built */
	int64_t now;                /* the server's Date (or our clock) */
	int range_works;            /* "Range: bytes=0-0" gave 206 */
	int cache;                  /* judged as a cache (--cache, evidence) */
};

enum pgroup { G_INM, G_IMS, G_IUS, G_IM, G_PRECEDENCE, G_RANGE, G_WRITE };
enum strength { MUST, SHOULD };

struct pcase {
	char id[64];
	const char *method;
	int group;                  /* enum pgroup */
	int nlines;
	char *line[PROBE_LINES];    /* into store[] */
	char store[PROBE_LINES][PROBE_LINE_MAX];
	char shown[96];             /* the lines in the table's shorthand */
	const char *rule;           /* RFC 9110 section and requirement */
	int strength;               /* enum strength of the rule */
	int malformed;              /* a field value is not valid (15.5.1) */
	int ius_at_lm;              /* If-Unmodified-Since: Last-Modified */
	int write;                  /* changes the resource if it goes on */
	char skip[200];             /* why it cannot be sent; "" to send */
};

/* The read-only cases (GET and HEAD) for v, at most max; the count. */
int cases_read(struct pcase *out, int max, const struct validators *v);
/* The state-changing cases (PUT, DELETE) for v; the count. */
int cases_write(struct pcase *out, int max, const struct validators *v);
/* The shorthand of the table's legend, for v. */
void cases_legend(const struct validators *v);
/* Does glob pat match the id of a case the probe can ever send (writes:
 * with --write)? */
int cases_known(const char *pat, int writes);

/* ---- judge.c ----------------------------------------------------------- */

enum verdict { V_PASS, V_FAIL, V_ERROR, V_ALLOWED, V_SKIP, V_WARN };

/* Each answer the RFC allows for a case, and the rule allowing any but
 * the library's own. */
#define PROBE_ANSWERS 6
struct expect {
	int n;
	int answer[PROBE_ANSWERS];
	const char *why[PROBE_ANSWERS]; /* NULL for libcondreq's answer */
};

struct outcome {
	int verdict;                /* enum verdict */
	long got;
	const char *allowed_by;     /* the rule that allowed got, or NULL */
	char detail[900];           /* for a failure or error: why */
};

/* The answers allowed for c on a representation with v's validators,
 * with the compatibility flags. */
void judge_expect(const struct pcase *c, const struct validators *v,
    uint32_t flags, struct expect *e);
/* The verdict on response r, the unconditional 200 being base. */
void judge_response(const struct pcase *c, const struct expect *e,
    const struct response *r, const struct response *base,
    struct outcome *o);
/* Parse an ETag (1: an entity-tag) and an HTTP-date (1: valid) as the
 * library does. */
int judge_etag_ok(const char *s, size_t n, uint32_t flags);
int judge_date(const char *s, size_t n, int64_t now, int64_t *t);
/* t as an IMF-fixdate in buf; 0, or -1 outside years 0000..9999. */
int judge_date_format(int64_t t, char *buf, size_t bufsz);

/* ---- report.c ---------------------------------------------------------- */

struct tally {
	int passed, failed, allowed, skipped, warnings;
};

void report_header(void);
void report_row(const struct pcase *c, const struct expect *e,
    const struct outcome *o);
void report_close(const struct tally *t);
/* JUnit XML of every case reported, kept until report_junit_write()
 * writes it whole (a new file renamed over path): 0, or -1. */
void report_junit_case(const struct pcase *c, const struct expect *e,
    const struct outcome *o);
int report_junit_write(const char *path, const struct tally *t);

#endif /* PROBE_H */
