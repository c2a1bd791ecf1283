/*
 * condreq-probe: the matrix of conditional requests, built from what the
 * server advertised. The table shows each request in shorthand: E is the
 * ETag the server sent, W its weak form, X and Y tags it did not send, L
 * its Last-Modified, N its Date; "L+1s", "L-1d" are those instants moved.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "probe.h"

/* The requirement each kind of case checks, by RFC 9110 section. */
static const char R_INM[] = "13.1.2, 13.2.2 step 3: when a listed tag "
    "matches by weak comparison, or the value is * and the resource "
    "exists, GET and HEAD are answered 304 and other methods 412; "
    "otherwise the method goes on";
static const char R_LINES[] = "5.3: field lines of one name are one "
    "comma-separated list, evaluated as such";
static const char R_IMS[] = "13.1.3, 13.2.2 step 4: GET or HEAD without "
    "If-None-Match is answered 304 when Last-Modified is not later than "
    "the date, and goes on when it is later";
static const char R_FORMS[] = "5.6.7: a recipient MUST accept HTTP-dates "
    "in all three formats (IMF-fixdate, rfc850, asctime)";
static const char R_IMS_BAD[] = "13.1.3: If-Modified-Since whose value is "
    "not one valid HTTP-date MUST be ignored";
static const char R_IMS_INM[] = "13.1.3: If-Modified-Since MUST be "
    "ignored when the request has If-None-Match";
static const char R_IMS_METHOD[] = "13.1.3: If-Modified-Since MUST be "
    "ignored on methods other than GET and HEAD";
static const char R_IUS[] = "13.1.4, 13.2.2 step 2: 412 when Last-Modified "
    "is later than the date; the method goes on otherwise";
static const char R_IUS_BAD[] = "13.1.4: If-Unmodified-Since whose value "
    "is not a valid HTTP-date MUST be ignored";
static const char R_IUS_IM[] = "13.1.4: If-Unmodified-Since MUST be "
    "ignored when the request has If-Match";
static const char R_IM[] = "13.1.1, 13.2.2 step 1: 412 unless a listed "
    "tag matches by strong comparison (weak tags never do), or the value "
    "is * and the resource exists; the method MUST NOT be performed "
    "when the condition is false";
static const char R_ORDER[] = "13.2.2: If-Match, If-Unmodified-Since, "
    "If-None-Match, If-Modified-Since, If-Range are evaluated in that "
    "order, the first false one deciding";
static const char R_IR[] = "13.1.5: Range is honoured when If-Range's "
    "entity-tag matches by strong comparison, or its date equals a strong "
    "Last-Modified; otherwise the whole representation is sent (200)";
static const char R_IR_NO_RANGE[] = "13.1.5: If-Range without Range MUST "
    "be ignored";

/* The day-names in full, for rfc850-dates. */
static const char *const day_long[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday"
};
static const char day_short[] = "SunMonTueWedThuFriSat";

/* Instant t as an IMF-fixdate, rfc850-date (form 1), asctime-date (2),
 * or an IMF-fixdate under the next day's name (3). */
static const char *
date_str(int64_t t, int form, char *buf, size_t bufsz)
{
	char imf[CONDREQ_DATE_LEN + 1];
	const char *d;
	int wd;

	if (condreq_date_format(t, imf, sizeof(imf), NULL) != CONDREQ_OK) {
		snprintf(buf, bufsz, "(no date)");
		return buf;
	}
	d = strstr(day_short, (char[]){ imf[0], imf[1], imf[2], 0 });
	wd = d != NULL ? (int)(d - day_short) / 3 : 0;
	if (form == 1)	/* "Sunday, 06-Nov-94 08:49:37 GMT" */
		snprintf(buf, bufsz, "%s, %.2s-%.3s-%.2s %.8s GMT",
		    day_long[wd], imf + 5, imf + 8, imf + 14, imf + 17);
	else if (form == 2)	/* "Sun Nov  6 08:49:37 1994" */
		snprintf(buf, bufsz, "%.3s %.3s %c%c %.8s %.4s", imf, imf + 8,
		    imf[5] == '0' ? ' ' : imf[5], imf[6], imf + 17, imf + 12);
	else if (form == 3)
		snprintf(buf, bufsz, "%.3s%s", day_short + 3 * ((wd + 1) % 7),
		    imf + 3);
	else
		snprintf(buf, bufsz, "%s", imf);
	return buf;
}

struct builder {
	struct pcase *out;
	int n, max;
	const struct validators *v;
};

/* Add a case: nlines pairs of (field name, value) follow. */
static void
add(struct builder *b, const char *id, const char *method, int group,
    const char *rule, const char *shown, int nlines, ...)
{
	struct pcase *c;
	va_list ap;
	int i;

	if (b->n == b->max)
		return;
	c = &b->out[b->n++];
	memset(c, 0, sizeof(*c));
	snprintf(c->id, sizeof(c->id), "%s-%s", id, method);
	for (i = 0; c->id[i] != '\0'; i++)	/* ids in lower case */
		if (c->id[i] >= 'A' && c->id[i] <= 'Z')
			c->id[i] = (char)(c->id[i] - 'A' + 'a');
	c->method = method;
	c->group = group;
	c->rule = rule;
	c->write = strcmp(method, "PUT") == 0 || strcmp(method, "DELETE") == 0;
	snprintf(c->shown, sizeof(c->shown), "%s", shown);
	va_start(ap, nlines);
	for (i = 0; i < nlines && i < PROBE_LINES; i++) {
		const char *name = va_arg(ap, const char *);
		const char *value = va_arg(ap, const char *);

		snprintf(c->store[i], PROBE_LINE_MAX, "%s: %s", name, value);
		c->line[i] = c->store[i];
	}
	va_end(ap);
	c->nlines = i;
}

/* The tags a case list uses: E as sent, W its weak form, and lists. */
struct tags {
	char e[PROBE_LINE_MAX], w[PROBE_LINE_MAX + 2];
	char xe[PROBE_LINE_MAX + 48], xy[64];
};

#define X_TAG "\"condreq-probe-x\""
#define Y_TAG "\"condreq-probe-y\""

static void
make_tags(const struct validators *v, struct tags *t)
{
	snprintf(t->e, sizeof(t->e), "%s", v->etag);
	if (strncmp(v->etag, "W/", 2) == 0)
		snprintf(t->w, sizeof(t->w), "%s", v->etag);
	else
		snprintf(t->w, sizeof(t->w), "W/%s", v->etag);
	snprintf(t->xe, sizeof(t->xe), "%s, %s, %s", X_TAG, Y_TAG, v->etag);
	snprintf(t->xy, sizeof(t->xy), "%s, %s", X_TAG, Y_TAG);
}

/* If-None-Match and If-Match, for method m. */
static void
tag_cases(struct builder *b, const char *m, const struct tags *t)
{
	const char *INM = "If-None-Match", *IM = "If-Match";

	add(b, "inm-match", m, G_INM, R_INM, "INM: E", 1, INM, t->e);
	add(b, "inm-nomatch", m, G_INM, R_INM, "INM: X", 1, INM, X_TAG);
	add(b, "inm-weak", m, G_INM, R_INM, "INM: W", 1, INM, t->w);
	add(b, "inm-list-last", m, G_INM, R_INM, "INM: X, Y, E", 1, INM,
	    t->xe);
	add(b, "inm-list-none", m, G_INM, R_INM, "INM: X, Y", 1, INM, t->xy);
	add(b, "inm-two-lines", m, G_INM, R_LINES, "INM: X | INM: E", 2, INM,
	    X_TAG, INM, t->e);
	add(b, "inm-bare-token", m, G_INM, R_INM, "INM: condreq-probe (no "
	    "quotes)", 1, INM, "condreq-probe");
	add(b, "im-match", m, G_IM, R_IM, "IM: E", 1, IM, t->e);
	add(b, "im-nomatch", m, G_IM, R_IM, "IM: X", 1, IM, X_TAG);
	add(b, "im-weak", m, G_IM, R_IM, "IM: W", 1, IM, t->w);
	add(b, "im-list-last", m, G_IM, R_IM, "IM: X, Y, E", 1, IM, t->xe);
	add(b, "im-two-lines", m, G_IM, R_LINES, "IM: X | IM: E", 2, IM, X_TAG,
	    IM, t->e);
}

/* If-Modified-Since and If-Unmodified-Since, for method m. */
static void
date_cases(struct builder *b, const char *m, int64_t lm, int64_t now)
{
	const char *IMS = "If-Modified-Since", *IUS = "If-Unmodified-Since";
	char l[40], lp[40], lm1[40], lmd[40], fut[40], r850[48], asc[40];
	char wrong[40];

	date_str(lm, 0, l, sizeof(l));
	date_str(lm + 1, 0, lp, sizeof(lp));
	date_str(lm - 1, 0, lm1, sizeof(lm1));
	date_str(lm - 86400, 0, lmd, sizeof(lmd));
	date_str(now + 86400, 0, fut, sizeof(fut));
	date_str(lm, 1, r850, sizeof(r850));
	date_str(lm, 2, asc, sizeof(asc));
	date_str(lm, 3, wrong, sizeof(wrong));
	add(b, "ims-equal", m, G_IMS, R_IMS, "IMS: L", 1, IMS, l);
	add(b, "ims-later", m, G_IMS, R_IMS, "IMS: L+1s", 1, IMS, lp);
	add(b, "ims-earlier", m, G_IMS, R_IMS, "IMS: L-1s", 1, IMS, lm1);
	add(b, "ims-day-before", m, G_IMS, R_IMS, "IMS: L-1d", 1, IMS, lmd);
	add(b, "ims-future", m, G_IMS, R_IMS, "IMS: N+1d", 1, IMS, fut);
	add(b, "ims-rfc850", m, G_IMS, R_FORMS, "IMS: L as rfc850", 1, IMS,
	    r850);
	add(b, "ims-asctime", m, G_IMS, R_FORMS, "IMS: L as asctime", 1, IMS,
	    asc);
	add(b, "ims-invalid", m, G_IMS, R_IMS_BAD, "IMS: yesterday", 1, IMS,
	    "yesterday");
	add(b, "ims-wrong-day-name", m, G_IMS, R_IMS_BAD, "IMS: L, next "
	    "day's name", 1, IMS, wrong);
	add(b, "ims-two-lines", m, G_IMS, R_IMS_BAD, "IMS: L-1d | IMS: L", 2,
	    IMS, lmd, IMS, l);
	add(b, "ius-equal", m, G_IUS, R_IUS, "IUS: L", 1, IUS, l);
	add(b, "ius-earlier", m, G_IUS, R_IUS, "IUS: L-1s", 1, IUS, lm1);
	add(b, "ius-later", m, G_IUS, R_IUS, "IUS: L+1s", 1, IUS, lp);
	add(b, "ius-invalid", m, G_IUS, R_IUS_BAD, "IUS: yesterday", 1, IUS,
	    "yesterday");
}

/* Pairs and triples of 13.2.2, for method m. */
static void
order_cases(struct builder *b, const char *m, const struct tags *t,
    int64_t lm)
{
	const char *INM = "If-None-Match", *IM = "If-Match";
	const char *IMS = "If-Modified-Since", *IUS = "If-Unmodified-Since";
	char l[40], lm1[40], lmd[40];

	date_str(lm, 0, l, sizeof(l));
	date_str(lm - 1, 0, lm1, sizeof(lm1));
	date_str(lm - 86400, 0, lmd, sizeof(lmd));
	add(b, "inm-nomatch-ims-equal", m, G_PRECEDENCE, R_IMS_INM,
	    "INM: X, IMS: L", 2, INM, X_TAG, IMS, l);
	add(b, "inm-match-ims-day-before", m, G_PRECEDENCE, R_IMS_INM,
	    "INM: E, IMS: L-1d", 2, INM, t->e, IMS, lmd);
	add(b, "im-match-ius-earlier", m, G_PRECEDENCE, R_IUS_IM,
	    "IM: E, IUS: L-1s", 2, IM, t->e, IUS, lm1);
	add(b, "im-nomatch-inm-match", m, G_PRECEDENCE, R_ORDER,
	    "IM: X, INM: E", 2, IM, X_TAG, INM, t->e);
	add(b, "im-match-inm-match", m, G_PRECEDENCE, R_ORDER,
	    "IM: E, INM: E", 2, IM, t->e, INM, t->e);
	add(b, "ius-earlier-ims-equal", m, G_PRECEDENCE, R_ORDER,
	    "IUS: L-1s, IMS: L", 2, IUS, lm1, IMS, l);
	add(b, "im-match-inm-nomatch-ims-equal", m, G_PRECEDENCE, R_ORDER,
	    "IM: E, INM: X, IMS: L", 3, IM, t->e, INM, X_TAG, IMS, l);
}

/* If-Range with Range (GET only: Range is defined for GET). */
static void
range_cases(struct builder *b, const struct validators *v,
    const struct tags *t)
{
	const char *IR = "If-Range", *R = "Range", *INM = "If-None-Match";
	char l[40], lm1[40];

	date_str(v->lm, 0, l, sizeof(l));
	date_str(v->lm - 1, 0, lm1, sizeof(lm1));
	add(b, "range-alone", "GET", G_RANGE, R_IR, "Range", 1, R,
	    "bytes=0-0");
	if (v->etag[0] != '\0') {
		add(b, "ir-tag", "GET", G_RANGE, R_IR, "IR: E, Range", 2, IR,
		    t->e, R, "bytes=0-0");
		add(b, "ir-weak-tag", "GET", G_RANGE, R_IR, "IR: W, Range", 2,
		    IR, t->w, R, "bytes=0-0");
		add(b, "ir-other-tag", "GET", G_RANGE, R_IR, "IR: X, Range", 2,
		    IR, X_TAG, R, "bytes=0-0");
		add(b, "ir-without-range", "GET", G_RANGE, R_IR_NO_RANGE,
		    "IR: X", 1, IR, X_TAG);
		add(b, "inm-match-range", "GET", G_PRECEDENCE, R_ORDER,
		    "INM: E, Range", 2, INM, t->e, R, "bytes=0-0");
	}
	if (v->has_lm) {
		add(b, "ir-date-equal", "GET", G_RANGE, R_IR, "IR: L, Range", 2,
		    IR, l, R, "bytes=0-0");
		add(b, "ir-date-earlier", "GET", G_RANGE, R_IR,
		    "IR: L-1s, Range", 2, IR, lm1, R, "bytes=0-0");
	}
}

int
cases_read(struct pcase *out, int max, const struct validators *v)
{
	static const char *const methods[2] = { "GET", "HEAD" };
	struct builder b = { out, 0, max, v };
	struct tags t;
	int k;

	make_tags(v, &t);
	for (k = 0; k < 2; k++) {
		add(&b, "inm-star", methods[k], G_INM, R_INM, "INM: *", 1,
		    "If-None-Match", "*");
		add(&b, "im-star", methods[k], G_IM, R_IM, "IM: *", 1,
		    "If-Match", "*");
		if (v->etag[0] != '\0')
			tag_cases(&b, methods[k], &t);
		if (v->has_lm)
			date_cases(&b, methods[k], v->lm, v->now);
		if (v->etag[0] != '\0' && v->has_lm)
			order_cases(&b, methods[k], &t, v->lm);
	}
	range_cases(&b, v, &t);
	return b.n;
}

int
cases_write(struct pcase *out, int max, const struct validators *v)
{
	static const char *const methods[2] = { "PUT", "DELETE" };
	const char *INM = "If-None-Match", *IM = "If-Match";
	const char *IUS = "If-Unmodified-Since", *IMS = "If-Modified-Since";
	struct builder b = { out, 0, max, v };
	char l[40], lm1[40];
	struct tags t;
	int k;

	make_tags(v, &t);
	date_str(v->lm, 0, l, sizeof(l));
	date_str(v->lm - 1, 0, lm1, sizeof(lm1));
	for (k = 0; k < 2; k++) {
		const char *m = methods[k];

		add(&b, "im-star", m, G_WRITE, R_IM, "IM: *", 1, IM, "*");
		add(&b, "inm-star", m, G_WRITE, R_INM, "INM: *", 1, INM, "*");
		add(&b, "im-bare-token", m, G_WRITE, R_IM, "IM: condreq-probe "
		    "(no quotes)", 1, IM, "condreq-probe");
		if (v->etag[0] != '\0') {
			add(&b, "im-match", m, G_WRITE, R_IM, "IM: E", 1, IM,
			    t.e);
			add(&b, "im-nomatch", m, G_WRITE, R_IM, "IM: X", 1, IM,
			    X_TAG);
			add(&b, "im-weak", m, G_WRITE, R_IM, "IM: W", 1, IM,
			    t.w);
			add(&b, "inm-match", m, G_WRITE, R_INM, "INM: E", 1,
			    INM, t.e);
			add(&b, "inm-nomatch", m, G_WRITE, R_INM, "INM: X", 1,
			    INM, X_TAG);
		}
		if (v->has_lm) {
			add(&b, "ius-equal", m, G_WRITE, R_IUS, "IUS: L", 1,
			    IUS, l);
			add(&b, "ius-earlier", m, G_WRITE, R_IUS, "IUS: L-1s",
			    1, IUS, lm1);
			add(&b, "ims-equal", m, G_WRITE, R_IMS_METHOD,
			    "IMS: L", 1, IMS, l);
		}
	}
	return b.n;
}

void
cases_legend(const struct validators *v)
{
	char l[40], n[40];

	if (v->etag[0] != '\0')
		printf("E = %s (the ETag sent), W = its weak form, X, Y = tags "
		    "not sent\n", v->etag);
	else
		printf("E: the server sent no ETag; X, Y = tags that match "
		    "nothing\n");
	printf("L = %s (Last-Modified), N = %s (Date)\n",
	    v->has_lm ? date_str(v->lm, 0, l, sizeof(l)) : "(none sent)",
	    date_str(v->now, 0, n, sizeof(n)));
	printf("INM If-None-Match, IM If-Match, IMS If-Modified-Since, IUS "
	    "If-Unmodified-Since, IR If-Range; '|' separates field lines\n");
}
