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
	char error[256];            /* what went wrong, when curl_code != 0 */
};

int http_init(struct http *h, long timeout_ms, int verbose);
void http_done(struct http *h);
/* One request: method, header lines "Name: value", an optional body
 * (PUT). Returns 0 when a response came, else the CURLcode (the message
 * is in r->error). r is freed by response_free(). */
int http_send(struct http *h, const char *url, const char *method,
    char *const *lines, int nlines, const char *body, size_t body_len,
    struct response *r);
void response_free(struct response *r);
/* The first value of header field name (case-insensitive) in r, copied
 * into buf without surrounding whitespace; NULL when absent. */
const char *response_field(const struct response *r, const char *name,
    char *buf, size_t bufsz);
/* Is a CURLcode one of TLS's? */
int http_is_tls_error(int code);

/* ---- cases.c ----------------------------------------------------------- */

#define PROBE_LINES 6
#define PROBE_LINE_MAX 200

/* What the server advertised, from the unconditional GET. */
struct validators {
	char etag[PROBE_LINE_MAX];  /* the ETag as sent; "" when none */
	int etag_ok;                /* it parses as an entity-tag */
	int64_t lm;                 /* Last-Modified, when has_lm */
	int has_lm;
	int64_t now;                /* the server's Date (or our clock) */
	int range_works;            /* "Range: bytes=0-0" gave 206 */
};

enum pgroup { G_INM, G_IMS, G_IUS, G_IM, G_PRECEDENCE, G_RANGE, G_WRITE };

struct pcase {
	char id[48];
	const char *method;
	int group;                  /* enum pgroup */
	int nlines;
	char *line[PROBE_LINES];    /* into store[] */
	char store[PROBE_LINES][PROBE_LINE_MAX];
	char shown[96];             /* the lines in the table's shorthand */
	const char *rule;           /* RFC 9110 section and requirement */
	int write;                  /* changes the resource if it goes on */
};

/* The read-only cases (GET and HEAD) for v, at most max; the count. */
int cases_read(struct pcase *out, int max, const struct validators *v);
/* The state-changing cases (PUT, DELETE) for v; the count. */
int cases_write(struct pcase *out, int max, const struct validators *v);
/* The shorthand of the table's legend, for v. */
void cases_legend(const struct validators *v);

/* ---- judge.c ----------------------------------------------------------- */

enum verdict { V_PASS, V_FAIL, V_ERROR, V_ALLOWED };

/* Each answer the RFC allows for a case, and the rule allowing any but
 * the library's own. */
#define PROBE_ANSWERS 4
struct expect {
	int n;
	int answer[PROBE_ANSWERS];
	const char *why[PROBE_ANSWERS]; /* NULL for libcondreq's answer */
};

struct outcome {
	int verdict;                /* enum verdict */
	long got;
	const char *allowed_by;     /* the rule that allowed got, or NULL */
	char detail[600];           /* for a failure or error: why */
};

/* The answers allowed for c on a representation with v's validators,
 * with the compatibility flags. */
void judge_expect(const struct pcase *c, const struct validators *v,
    uint32_t flags, struct expect *e);
/* The verdict on response r, the unconditional 200 being base. */
void judge_response(const struct pcase *c, const struct expect *e,
    const struct validators *v, uint32_t flags, const struct response *r,
    const struct response *base, struct outcome *o);

/* ---- report.c ---------------------------------------------------------- */

struct tally {
	int passed, failed, allowed;
};

void report_header(void);
void report_row(const struct pcase *c, const struct expect *e,
    const struct outcome *o);
void report_close(const struct tally *t);
/* JUnit XML of every case run; 0, or -1 when the file cannot be written. */
int report_junit_open(const char *path);
void report_junit_case(const struct pcase *c, const struct expect *e,
    const struct outcome *o);
int report_junit_close(const struct tally *t);

#endif /* PROBE_H */
