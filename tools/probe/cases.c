/*
 * condreq-probe: the matrix of conditional requests, built from what the
 * server advertised. The table shows each request in shorthand: E is the
 * ETag the server sent, W its weak form, X and Y tags it did not send, L
 * its Last-Modified, N its Date; "L+1s", "L-1d" are those instants moved.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#define _POSIX_C_SOURCE 200809L
#include <fnmatch.h>
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
static const char R_IMS_GMT[] = "5.6.7: an HTTP-date's zone is the "
    "literal GMT; 13.1.3: If-Modified-Since that is not a valid HTTP-date "
    "MUST be ignored";
static const char R_IMS_SHOULD[] = "13.1.3: when Last-Modified is not "
    "later than the date, the origin SHOULD answer GET and HEAD with 304";
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
static const char R_IM_STRONG[] = "13.1.1, 8.8.3.2: If-Match compares "
    "strongly, and the ETag this server sent is weak, so it never "
    "matches: 412";
static const char R_BAD_TAG[] = "13.1.1, 13.1.2: a value that is not an "
    "entity-tag list matches nothing (or, 15.5.1, is answered 400)";
static const char R_HEAD_RANGE[] = "14.2: a server MUST ignore Range on "
    "methods it is not defined for; only GET has range handling";
static const char R_IM_RANGE[] = "13.2.2 step 1: a false If-Match is "
    "answered 412 before Range is looked at";
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

/* Instant t as an IMF-fixdate (form 0), rfc850-date (1), asctime-date
 * (2), an IMF-fixdate under the next day's name (3), or with "UTC" for
 * "GMT" (4); NULL when t is outside years 0000..9999. */
static const char *
date_str(int64_t t, int form, char *buf, size_t bufsz)
{
	char imf[40];
	const char *d;
	int wd;

	if (judge_date_format(t, imf, sizeof(imf)) != 0)
		return NULL;
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
	else if (form == 4)
		snprintf(buf, bufsz, "%.26s UTC", imf);
	else
		snprintf(buf, bufsz, "%s", imf);
	return buf;
}

/* What a case needs of the validators. */
enum { N_ETAG = 1, N_LM = 2 };

struct builder {
	struct pcase *out;
	int n, max;
	const struct validators *v;
};

/* Add a case: nlines pairs of (field name, value) follow; a NULL value
 * (a date the format cannot write) makes it a skipped case, as does a
 * validator it needs and the server did not give. */
static void
add(struct builder *b, const char *id, const char *method, int group,
    const char *rule, int strength, int need, const char *shown,
    int nlines, ...)
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
	c->strength = strength;
	c->malformed = rule == R_BAD_TAG;
	c->ius_at_lm = strncmp(id, "ius-equal", 9) == 0;
	c->write = strcmp(method, "PUT") == 0 || strcmp(method, "DELETE") == 0;
	snprintf(c->shown, sizeof(c->shown), "%s", shown);
	if ((need & N_ETAG) && b->v->etag[0] == '\0')
		snprintf(c->skip, sizeof(c->skip), "needs the ETag: %s",
		    b->v->no_etag);
	else if ((need & N_LM) && !b->v->has_lm)
		snprintf(c->skip, sizeof(c->skip), "needs Last-Modified: %s",
		    b->v->no_lm);
	va_start(ap, nlines);
	for (i = 0; i < nlines && i < PROBE_LINES; i++) {
		const char *name = va_arg(ap, const char *);
		const char *value = va_arg(ap, const char *);

		if (value == NULL) {
			if (c->skip[0] == '\0')
				snprintf(c->skip, sizeof(c->skip), "its %s "
				    "date is outside the years 0000 to 9999 "
				    "an HTTP-date can write", name);
			value = "";
		}
		snprintf(c->store[i], PROBE_LINE_MAX, "%s: %s", name, value);
		c->line[i] = c->store[i];
	}
	va_end(ap);
	c->nlines = i;
}

/* The tags a case list uses: E as sent, W its weak form, and lists. */
struct tags {
	char e[PROBE_TAG_MAX], w[PROBE_TAG_MAX + 2];
	char xe[PROBE_TAG_MAX + 48], ex[PROBE_TAG_MAX + 48], xy[64];
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
	snprintf(t->ex, sizeof(t->ex), "%s, %s", v->etag, X_TAG);
	snprintf(t->xy, sizeof(t->xy), "%s, %s", X_TAG, Y_TAG);
}

/* An If-Match case sending E: with a weak ETag it tests 13.1.1's strong
 * comparison, and is named so ("im-match" becomes "im-weak-etag"). */
static void
im_e(struct builder *b, const char *id, const char *m, int group,
    const char *rule, int need, const char *shown, int nlines, const char *n1,
    const char *v1, const char *n2, const char *v2, const char *n3,
    const char *v3)
{
	char wid[64];

	if (b->v->etag_weak && strncmp(id, "im-match", 8) == 0) {
		snprintf(wid, sizeof(wid), "im-weak-etag%s", id + 8);
		id = wid;
		rule = R_IM_STRONG;
	}
	add(b, id, m, group, rule, MUST, need, shown, nlines, n1, v1, n2, v2,
	    n3, v3);
}

/* If-None-Match and If-Match, for method m. */
static void
tag_cases(struct builder *b, const char *m, const struct tags *t)
{
	const char *INM = "If-None-Match", *IM = "If-Match";

	add(b, "inm-match", m, G_INM, R_INM, MUST, N_ETAG, "INM: E", 1, INM,
	    t->e);
	add(b, "inm-nomatch", m, G_INM, R_INM, MUST, 0, "INM: X", 1, INM,
	    X_TAG);
	add(b, "inm-weak", m, G_INM, R_INM, MUST, N_ETAG, "INM: W", 1, INM,
	    t->w);
	add(b, "inm-list-last", m, G_INM, R_INM, MUST, N_ETAG, "INM: X, Y, E",
	    1, INM, t->xe);
	add(b, "inm-list-none", m, G_INM, R_INM, MUST, 0, "INM: X, Y", 1, INM,
	    t->xy);
	add(b, "inm-two-lines", m, G_INM, R_LINES, MUST, N_ETAG,
	    "INM: X | INM: E", 2, INM, X_TAG, INM, t->e);
	add(b, "inm-two-lines-reversed", m, G_INM, R_LINES, MUST, N_ETAG,
	    "INM: E | INM: X", 2, INM, t->e, INM, X_TAG);
	add(b, "inm-bare-token", m, G_INM, R_BAD_TAG, MUST, 0,
	    "INM: condreq-probe (no quotes)", 1, INM, "condreq-probe");
	im_e(b, "im-match", m, G_IM, R_IM, N_ETAG, "IM: E", 1, IM, t->e, NULL, NULL,
	    NULL, NULL);
	add(b, "im-nomatch", m, G_IM, R_IM, MUST, 0, "IM: X", 1, IM, X_TAG);
	if (b->v->etag_weak)
		add(b, "im-weak", m, G_IM, R_IM, MUST, N_ETAG, "IM: W", 0);
	else
		add(b, "im-weak", m, G_IM, R_IM, MUST, N_ETAG, "IM: W", 1, IM,
		    t->w);
	if (b->v->etag_weak)
		snprintf(b->out[b->n - 1].skip, sizeof(b->out[0].skip), "the "
		    "ETag is weak: im-weak-etag-%s is this case", m);
	add(b, "im-list-last", m, G_IM, b->v->etag_weak ? R_IM_STRONG : R_IM,
	    MUST, N_ETAG, "IM: X, Y, E", 1, IM, t->xe);
	add(b, "im-two-lines", m, G_IM, R_LINES, MUST, N_ETAG,
	    "IM: X | IM: E", 2, IM, X_TAG, IM, t->e);
	add(b, "im-two-lines-reversed", m, G_IM, R_LINES, MUST, N_ETAG,
	    "IM: E | IM: X", 2, IM, t->e, IM, X_TAG);
}

/* If-Modified-Since and If-Unmodified-Since, for method m. */
static void
date_cases(struct builder *b, const char *m, int64_t lm, int64_t now)
{
	const char *IMS = "If-Modified-Since", *IUS = "If-Unmodified-Since";
	char l[40], lp[40], lm1[40], lmd[40], fut[40], r850[48], asc[40];
	char wrong[40], utc[40];
	const char *L = date_str(lm, 0, l, sizeof(l));
	const char *LP = date_str(lm + 1, 0, lp, sizeof(lp));
	const char *LM1 = date_str(lm - 1, 0, lm1, sizeof(lm1));
	const char *LMD = date_str(lm - 86400, 0, lmd, sizeof(lmd));
	const char *FUT = date_str(now + 86400, 0, fut, sizeof(fut));
	const char *R850 = date_str(lm, 1, r850, sizeof(r850));
	const char *ASC = date_str(lm, 2, asc, sizeof(asc));
	const char *WRONG = date_str(lm, 3, wrong, sizeof(wrong));
	const char *UTC = date_str(lm, 4, utc, sizeof(utc));

	add(b, "ims-equal", m, G_IMS, R_IMS_SHOULD, SHOULD, N_LM, "IMS: L", 1,
	    IMS, L);
	add(b, "ims-later", m, G_IMS, R_IMS_SHOULD, SHOULD, N_LM, "IMS: L+1s",
	    1, IMS, LP);
	add(b, "ims-earlier", m, G_IMS, R_IMS, MUST, N_LM, "IMS: L-1s", 1, IMS,
	    LM1);
	add(b, "ims-day-before", m, G_IMS, R_IMS, MUST, N_LM, "IMS: L-1d", 1,
	    IMS, LMD);
	add(b, "ims-future", m, G_IMS, R_IMS_SHOULD, SHOULD, N_LM,
	    "IMS: N+1d", 1, IMS, FUT);
	add(b, "ims-rfc850", m, G_IMS, R_FORMS, MUST, N_LM, "IMS: L as rfc850",
	    1, IMS, R850);
	add(b, "ims-asctime", m, G_IMS, R_FORMS, MUST, N_LM,
	    "IMS: L as asctime", 1, IMS, ASC);
	add(b, "ims-invalid", m, G_IMS, R_IMS_BAD, MUST, 0, "IMS: yesterday",
	    1, IMS, "yesterday");
	add(b, "ims-wrong-day-name", m, G_IMS, R_IMS_BAD, MUST, N_LM,
	    "IMS: L, next day's name", 1, IMS, WRONG);
	add(b, "ims-utc", m, G_IMS, R_IMS_GMT, MUST, N_LM, "IMS: L, UTC not "
	    "GMT", 1, IMS, UTC);
	add(b, "ims-two-lines", m, G_IMS, R_IMS_BAD, MUST, N_LM,
	    "IMS: L-1d | IMS: L", 2, IMS, LMD, IMS, L);
	add(b, "ims-two-lines-reversed", m, G_IMS, R_IMS_BAD, MUST, N_LM,
	    "IMS: L | IMS: L-1d", 2, IMS, L, IMS, LMD);
	add(b, "ius-equal", m, G_IUS, R_IUS, MUST, N_LM, "IUS: L", 1, IUS, L);
	add(b, "ius-earlier", m, G_IUS, R_IUS, MUST, N_LM, "IUS: L-1s", 1, IUS,
	    LM1);
	add(b, "ius-later", m, G_IUS, R_IUS, MUST, N_LM, "IUS: L+1s", 1, IUS,
	    LP);
	add(b, "ius-invalid", m, G_IUS, R_IUS_BAD, MUST, 0, "IUS: yesterday",
	    1, IUS, "yesterday");
}

/* Pairs and triples of 13.2.2, for method m. */
static void
order_cases(struct builder *b, const char *m, const struct tags *t,
    int64_t lm)
{
	const char *INM = "If-None-Match", *IM = "If-Match";
	const char *IMS = "If-Modified-Since", *IUS = "If-Unmodified-Since";
	char l[40], lm1[40], lmd[40];
	const char *L = date_str(lm, 0, l, sizeof(l));
	const char *LM1 = date_str(lm - 1, 0, lm1, sizeof(lm1));
	const char *LMD = date_str(lm - 86400, 0, lmd, sizeof(lmd));

	add(b, "inm-nomatch-ims-equal", m, G_PRECEDENCE, R_IMS_INM, MUST, N_LM,
	    "INM: X, IMS: L", 2, INM, X_TAG, IMS, L);
	add(b, "im-nomatch-ims-equal", m, G_PRECEDENCE, R_ORDER, MUST, N_LM,
	    "IM: X, IMS: L", 2, IM, X_TAG, IMS, L);
	add(b, "inm-match-ims-day-before", m, G_PRECEDENCE, R_IMS_INM, MUST,
	    N_ETAG | N_LM, "INM: E, IMS: L-1d", 2, INM, t->e, IMS, LMD);
	im_e(b, "im-match-ius-earlier", m, G_PRECEDENCE, R_IUS_IM, N_ETAG | N_LM,
	    "IM: E, IUS: L-1s", 2, IM, t->e, IUS, LM1, NULL, NULL);
	add(b, "im-nomatch-inm-match", m, G_PRECEDENCE, R_ORDER, MUST, N_ETAG,
	    "IM: X, INM: E", 2, IM, X_TAG, INM, t->e);
	im_e(b, "im-match-inm-match", m, G_PRECEDENCE, R_ORDER, N_ETAG,
	    "IM: E, INM: E", 2, IM, t->e, INM, t->e, NULL, NULL);
	add(b, "ius-earlier-ims-equal", m, G_PRECEDENCE, R_ORDER, MUST, N_LM,
	    "IUS: L-1s, IMS: L", 2, IUS, LM1, IMS, L);
	add(b, "ius-equal-ims-equal", m, G_PRECEDENCE, R_ORDER, MUST, N_LM,
	    "IUS: L, IMS: L", 2, IUS, L, IMS, L);
	im_e(b, "im-match-inm-nomatch-ims-equal", m, G_PRECEDENCE, R_ORDER,
	    N_ETAG | N_LM,	    "IM: E, INM: X, IMS: L", 3, IM, t->e, INM, X_TAG, IMS, L);
}

/* If-Range with Range (GET only: Range is defined for GET). */
static void
range_cases(struct builder *b, const struct validators *v,
    const struct tags *t)
{
	const char *IR = "If-Range", *R = "Range", *INM = "If-None-Match";
	char l[40], lm1[40];
	const char *L = date_str(v->lm, 0, l, sizeof(l));
	const char *LM1 = date_str(v->lm - 1, 0, lm1, sizeof(lm1));

	add(b, "range-alone", "GET", G_RANGE, R_IR, MUST, 0, "Range", 1, R,
	    "bytes=0-0");
	add(b, "range", "HEAD", G_RANGE, R_HEAD_RANGE, MUST, 0, "Range", 1, R,
	    "bytes=0-0");
	add(b, "im-nomatch-range", "GET", G_PRECEDENCE, R_IM_RANGE, MUST, 0,
	    "IM: X, Range", 2, "If-Match", X_TAG, R, "bytes=0-0");
	add(b, "ir-tag", "GET", G_RANGE, R_IR, MUST, N_ETAG, "IR: E, Range", 2,
	    IR, t->e, R, "bytes=0-0");
	add(b, "ir-weak-tag", "GET", G_RANGE, R_IR, MUST, N_ETAG,
	    "IR: W, Range", 2, IR, t->w, R, "bytes=0-0");
	add(b, "ir-other-tag", "GET", G_RANGE, R_IR, MUST, 0, "IR: X, Range",
	    2, IR, X_TAG, R, "bytes=0-0");
	add(b, "ir-without-range", "GET", G_RANGE, R_IR_NO_RANGE, MUST, 0,
	    "IR: X", 1, IR, X_TAG);
	add(b, "inm-match-range", "GET", G_PRECEDENCE, R_ORDER, MUST, N_ETAG,
	    "INM: E, Range", 2, INM, t->e, R, "bytes=0-0");
	add(b, "ir-date-equal", "GET", G_RANGE, R_IR, MUST, N_LM,
	    "IR: L, Range", 2, IR, L, R, "bytes=0-0");
	add(b, "ir-date-earlier", "GET", G_RANGE, R_IR, MUST, N_LM,
	    "IR: L-1s, Range", 2, IR, LM1, R, "bytes=0-0");
}

int
cases_read(struct pcase *out, int max, const struct validators *v)
{
	static const char *const methods[2] = { "GET", "HEAD" };
	struct builder b = { out, 0, max, v };
	static struct tags t;
	int k;

	make_tags(v, &t);
	for (k = 0; k < 2; k++) {
		add(&b, "inm-star", methods[k], G_INM, R_INM, MUST, 0,
		    "INM: *", 1, "If-None-Match", "*");
		add(&b, "im-star", methods[k], G_IM, R_IM, MUST, 0, "IM: *", 1,
		    "If-Match", "*");
		tag_cases(&b, methods[k], &t);
		date_cases(&b, methods[k], v->lm, v->now);
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
	const char *L = date_str(v->lm, 0, l, sizeof(l));
	const char *LM1 = date_str(v->lm - 1, 0, lm1, sizeof(lm1));
	static struct tags t;
	int k;

	make_tags(v, &t);
	for (k = 0; k < 2; k++) {
		const char *m = methods[k];

		add(&b, "im-star", m, G_WRITE, R_IM, MUST, 0, "IM: *", 1, IM,
		    "*");
		add(&b, "inm-star", m, G_WRITE, R_INM, MUST, 0, "INM: *", 1,
		    INM, "*");
		add(&b, "im-bare-token", m, G_WRITE, R_BAD_TAG, MUST, 0,
		    "IM: condreq-probe (no quotes)", 1, IM, "condreq-probe");
		im_e(&b, "im-match", m, G_WRITE, R_IM, N_ETAG, "IM: E", 1, IM, t.e,
		    NULL, NULL, NULL, NULL);
		add(&b, "im-nomatch", m, G_WRITE, R_IM, MUST, 0, "IM: X", 1,
		    IM, X_TAG);
		if (v->etag_weak) {
			add(&b, "im-weak", m, G_WRITE, R_IM, MUST, N_ETAG,
			    "IM: W", 0);
			snprintf(b.out[b.n - 1].skip, sizeof(b.out[0].skip),
			    "the ETag is weak: im-weak-etag-%s is this case",
			    m);
		} else
			add(&b, "im-weak", m, G_WRITE, R_IM, MUST, N_ETAG,
			    "IM: W", 1, IM, t.w);
		add(&b, "inm-match", m, G_WRITE, R_INM, MUST, N_ETAG, "INM: E",
		    1, INM, t.e);
		add(&b, "inm-nomatch", m, G_WRITE, R_INM, MUST, 0, "INM: X", 1,
		    INM, X_TAG);
		add(&b, "ius-equal", m, G_WRITE, R_IUS, MUST, N_LM, "IUS: L", 1,
		    IUS, L);
		add(&b, "ius-earlier", m, G_WRITE, R_IUS, MUST, N_LM,
		    "IUS: L-1s", 1, IUS, LM1);
		add(&b, "ims-equal", m, G_WRITE, R_IMS_METHOD, MUST, N_LM,
		    "IMS: L", 1, IMS, L);
	}
	return b.n;
}

/* Every id, for --only and --allow patterns: the cases of a server with
 * a strong ETag and of one with a weak ETag. */
int
cases_known(const char *pat, int writes)
{
	static struct pcase c[200];
	struct validators v;
	int i, k, n;

	/* The unconditional PUT --write starts with, reported when what it
	 * wrote cannot be read back. */
	if (writes && fnmatch(pat, "write-stored-put", 0) == 0)
		return 1;
	for (k = 0; k < (writes ? 4 : 2); k++) {
		memset(&v, 0, sizeof(v));
		snprintf(v.etag, sizeof(v.etag), "%s\"e\"", k & 1 ? "W/" : "");
		v.etag_ok = 1;
		v.etag_weak = k & 1;
		v.has_lm = 1;
		v.lm = v.now = 1000000000;
		n = k < 2 ? cases_read(c, 200, &v) : cases_write(c, 200, &v);
		for (i = 0; i < n; i++)
			if (fnmatch(pat, c[i].id, 0) == 0)
				return 1;
	}
	return 0;
}

void
cases_legend(const struct validators *v)
{
	char l[40], n[40], e[300];

	if (v->etag[0] != '\0')
		printf("E = %s (the ETag sent), W = its weak form, X, Y = tags "
		    "not sent\n", escape(v->etag, strlen(v->etag), e,
		    sizeof(e)));
	else
		printf("E: %s; X, Y = tags that match nothing\n", v->no_etag);
	printf("L = %s (Last-Modified), N = %s (Date)\n",
	    v->has_lm && date_str(v->lm, 0, l, sizeof(l)) != NULL ? l :
	    v->no_lm, date_str(v->now, 0, n, sizeof(n)) != NULL ? n : "-");
	printf("INM If-None-Match, IM If-Match, IMS If-Modified-Since, IUS "
	    "If-Unmodified-Since, IR If-Range; '|' separates field lines\n");
}
