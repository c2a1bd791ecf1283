/*
 * condreq-probe: what each case should get, from condreq_evaluate() on
 * what the server advertised, and whether it got it. Where RFC 9110
 * leaves the server a choice, every answer it allows passes, and the
 * rule that allowed it is kept for the report.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdio.h>
#include <string.h>

#include "probe.h"

static const char W_LM_STRONG[] = "8.8.2.2: a server that knows when the "
    "file changed may take Last-Modified as strong, or weak";
static const char W_DAY_NAME[] = "5.6.7: recipients are encouraged to be "
    "robust in parsing timestamps (a day-name may go unchecked)";
static const char W_NO_RANGES[] = "14.2: a server MAY ignore Range (this "
    "one answered Range alone with 200)";
static const char W_CACHE[] = "13.1.1, 13.1.4 (and RFC 9111 4.3.2): a "
    "cache or intermediary MAY ignore If-Match and If-Unmodified-Since";
static const char W_SUBSECOND[] = "13.1.4, 8.8.2: the server may know "
    "the modification time finer than Last-Modified's second, and so find "
    "it later than an If-Unmodified-Since equal to Last-Modified";
static const char W_BAD_FIELD[] = "15.5.1: a field value that is not "
    "valid may be answered 400 (Bad Request)";

/* Does line start with field name and a colon? */
static int
is_field(const char *line, const char *name)
{
	size_t n = strlen(name);

	return strncmp(line, name, n) == 0 && line[n] == ':';
}

/* condreq_evaluate()'s answer for c: Last-Modified strong or weak, the
 * If-Match and If-Unmodified-Since lines left out when as_cache. */
static int
evaluate(const struct pcase *c, const struct validators *v, uint32_t flags,
    int lm_strong, int as_cache)
{
	struct condreq_request req;
	struct condreq_line lines[PROBE_LINES];
	struct condreq_rep rep;
	struct condreq_result res;
	int i;

	condreq_request_init(&req);
	req.method = c->method;
	req.method_len = strlen(c->method);
	req.flags = flags;
	req.now = v->now;
	req.lines = lines;
	req.lines_cap = PROBE_LINES;
	for (i = 0; i < c->nlines; i++)
		if (!as_cache || (!is_field(c->line[i], "If-Match") &&
		    !is_field(c->line[i], "If-Unmodified-Since")))
			condreq_request_line(&req, c->line[i],
			    strlen(c->line[i]));
	condreq_rep_init(&rep);
	if (v->etag_ok)
		condreq_rep_set_etag(&rep, v->etag, strlen(v->etag),
		    flags & CONDREQ_F_LENIENT_ETAG, NULL);
	if (v->has_lm) {
		rep.last_modified = v->lm;
		rep.has_last_modified = 1;
		rep.lm_strong = lm_strong;
	}
	condreq_result_init(&res);
	return condreq_evaluate(&req, &rep, &res);
}

int
judge_etag_ok(const char *s, size_t n, uint32_t flags)
{
	struct condreq_etag t;

	return condreq_etag_parse(s, n, flags & CONDREQ_F_LENIENT_ETAG, &t,
	    NULL) == CONDREQ_OK;
}

int
judge_date(const char *s, size_t n, int64_t now, int64_t *t)
{
	return condreq_date_parse(s, n, now, 0, t, NULL) == CONDREQ_OK;
}

int
judge_date_format(int64_t t, char *buf, size_t bufsz)
{
	if (bufsz < CONDREQ_DATE_LEN + 1)
		return -1;
	return condreq_date_format(t, buf, bufsz, NULL) == CONDREQ_OK ? 0 :
	    -1;
}

static void
allow(struct expect *e, int answer, const char *why)
{
	int i;

	for (i = 0; i < e->n; i++)
		if (e->answer[i] == answer)
			return;
	if (e->n < PROBE_ANSWERS) {
		e->answer[e->n] = answer;
		e->why[e->n++] = why;
	}
}

void
judge_expect(const struct pcase *c, const struct validators *v,
    uint32_t flags, struct expect *e)
{
	int i, n;

	e->n = 0;
	allow(e, evaluate(c, v, flags, CONDREQ_LM_WEAK, 0), NULL);
	allow(e, evaluate(c, v, flags, CONDREQ_LM_STRONG, 0), W_LM_STRONG);
	allow(e, evaluate(c, v, flags | CONDREQ_F_ANY_WEEKDAY,
	    CONDREQ_LM_WEAK, 0), W_DAY_NAME);
	if (v->cache && !c->write) {
		allow(e, evaluate(c, v, flags, CONDREQ_LM_WEAK, 1), W_CACHE);
		allow(e, evaluate(c, v, flags, CONDREQ_LM_STRONG, 1), W_CACHE);
	}
	for (n = e->n, i = 0; i < n; i++)
		if (e->answer[i] == 206 && !v->range_works)
			allow(e, 200, W_NO_RANGES);
	if (c->malformed)
		allow(e, 400, W_BAD_FIELD);
	if (c->ius_at_lm)
		allow(e, 412, W_SUBSECOND);
}

/* The fields 15.4.5 has a 304 carry when the 200 did. */
static const char *const kept_fields[] = {
	"Date", "ETag", "Vary", "Cache-Control", "Expires", "Content-Location"
};

/* A 304's own faults (15.4.5): 0, or 1 with o->detail set. */
static int
bad_304(const struct response *r, const struct response *base,
    struct outcome *o)
{
	char a[PROBE_LINE_MAX], b[PROBE_LINE_MAX], ea[200], eb[200];
	size_t i;

	if (r->body_len > 0) {
		snprintf(o->detail, sizeof(o->detail), "15.4.5: a 304 has no "
		    "content; this one had %zu bytes", r->body_len);
		return 1;
	}
	for (i = 0; i < sizeof(kept_fields) / sizeof(kept_fields[0]); i++) {
		if (response_field(base, kept_fields[i], b, sizeof(b)) == NULL)
			continue;
		if (response_field(r, kept_fields[i], a, sizeof(a)) == NULL) {
			snprintf(o->detail, sizeof(o->detail), "15.4.5: a 304 "
			    "MUST carry the %s field the 200 carried",
			    kept_fields[i]);
			return 1;
		}
		if (strcmp(kept_fields[i], "ETag") == 0 && strcmp(a, b) != 0) {
			snprintf(o->detail, sizeof(o->detail), "15.4.5: the "
			    "304's ETag %s is not the 200's %s",
			    escape(a, strlen(a), ea, sizeof(ea)),
			    escape(b, strlen(b), eb, sizeof(eb)));
			return 1;
		}
	}
	return 0;
}

void
judge_response(const struct pcase *c, const struct expect *e,
    const struct response *r, const struct response *base,
    struct outcome *o)
{
	long got = r->status;
	int i;

	memset(o, 0, sizeof(*o));
	o->got = got;
	if (r->curl_code != 0) {
		o->verdict = V_ERROR;
		snprintf(o->detail, sizeof(o->detail), "%s", r->error);
		return;
	}
	/* A write that goes on may answer any 2xx (200, 201, 204). */
	if (c->write && got >= 200 && got < 300)
		got = 200;
	o->verdict = V_FAIL;
	for (i = 0; i < e->n; i++)
		if (e->answer[i] == got) {
			o->verdict = V_PASS;
			o->allowed_by = e->why[i];
		}
	if (o->verdict == V_FAIL) {
		snprintf(o->detail, sizeof(o->detail), "RFC 9110 %s%s%s",
		    c->rule, c->strength == SHOULD ? " (a SHOULD)" : "",
		    c->write && got == 200 ? " (and the method was performed)" :
		    "");
		return;
	}
	if (got == 304 && bad_304(r, base, o))
		o->verdict = V_FAIL;
}
