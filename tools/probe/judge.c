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
static const char W_NATURAL[] = "13.2.1: a response that would not be 2xx "
    "or 412 without the preconditions sets them aside";

/* condreq_evaluate()'s answer for c: Last-Modified strong or weak, the
 * natural status (13.2.1) given. */
static int
evaluate(const struct pcase *c, const struct validators *v, uint32_t flags,
    int lm_strong, int natural)
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
	req.natural_status = natural;
	req.lines = lines;
	req.lines_cap = PROBE_LINES;
	for (i = 0; i < c->nlines; i++)
		condreq_request_line(&req, c->line[i], strlen(c->line[i]));
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
	for (n = e->n, i = 0; i < n; i++)
		if (e->answer[i] == 206 && !v->range_works)
			allow(e, 200, W_NO_RANGES);
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
	char a[PROBE_LINE_MAX], b[PROBE_LINE_MAX];
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
			    "304's ETag %s is not the 200's %s", a, b);
			return 1;
		}
	}
	return 0;
}

void
judge_response(const struct pcase *c, const struct expect *e,
    const struct validators *v, uint32_t flags, const struct response *r,
    const struct response *base, struct outcome *o)
{
	long got = r->status;
	int i;

	memset(o, 0, sizeof(*o));
	o->got = got;
	if (r->curl_code != 0) {
		o->verdict = V_ERROR;
		snprintf(o->detail, sizeof(o->detail), "no answer: %s",
		    r->error);
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
	if (o->verdict == V_FAIL && c->write && got != 304 && got != 412 &&
	    (got < 200 || got >= 300) &&
	    evaluate(c, v, flags, CONDREQ_LM_WEAK, (int)got) == got) {
		o->verdict = V_PASS;
		o->allowed_by = W_NATURAL;
	}
	if (o->verdict == V_FAIL) {
		snprintf(o->detail, sizeof(o->detail), "RFC 9110 %s%s", c->rule,
		    c->write && got == 200 ? " (and the method was performed)" :
		    "");
		return;
	}
	if (got == 304 && bad_304(r, base, o))
		o->verdict = V_FAIL;
}
