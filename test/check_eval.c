/*
 * Decision tests, RFC 9110 sections 13.1 and 13.2.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "condreq.h"
#include "testutil.h"

enum { E_METHOD, E_HDRS, E_ETAG, E_LM, E_EXISTS, E_FLAGS, E_STRONG, E_NOW,
	E_NATURAL, E_STATUS, E_BY, E_SEC, E_NOTE, E_RULE };

static const struct tsv *
table(void)
{
	return tsv_load("eval.tsv");
}

#define MAXLINES 8

struct parsed {
	char *line[MAXLINES];
	size_t len[MAXLINES];
	int n;
};

/* Split "A: x || B: y" into lines (pointing into a private copy). */
static void
split(const struct tsv_row *r, struct parsed *p, char *store,
    size_t storesz)
{
	char *c;

	p->n = 0;
	if (strcmp(r->col[E_HDRS], "-") == 0)
		return;
	snprintf(store, storesz, "%s", r->col[E_HDRS]);
	for (c = store; c != NULL; ) {
		char *sep = strstr(c, " || ");

		if (p->n == MAXLINES)
			ck_abort_msg("eval.tsv line %d: more than %d header "
			    "lines", r->lineno, MAXLINES);
		if (sep != NULL)
			*sep = '\0';
		p->line[p->n] = c;
		p->len[p->n] = strlen(c);
		p->n++;
		c = sep != NULL ? sep + 4 : NULL;
	}
}

/* A request and a representation as the row gives them; the request
 * keeps repeated lines in lines[]. */
static void
setup(struct condreq_request *req, struct condreq_rep *rep,
    struct condreq_line *lines, const struct tsv_row *r)
{
	condreq_request_init(req);
	req->method = r->col[E_METHOD];
	req->method_len = strlen(r->col[E_METHOD]);
	req->flags = flags_parse(r->col[E_FLAGS]);
	req->now = strcmp(r->col[E_NOW], "-") == 0 ? CONDREQ_NOW_UNKNOWN :
	    strtoll(r->col[E_NOW], NULL, 10);
	req->natural_status = atoi(r->col[E_NATURAL]);
	req->lines = lines;
	req->lines_cap = MAXLINES;
	condreq_rep_init(rep);
	if (strcmp(r->col[E_ETAG], "-") != 0)
		ck_assert_msg(condreq_rep_set_etag(rep, r->col[E_ETAG],
		    strlen(r->col[E_ETAG]), req->flags, NULL) == CONDREQ_OK,
		    "eval.tsv line %d: bad etag %s", r->lineno, r->col[E_ETAG]);
	if (strcmp(r->col[E_LM], "-") != 0) {
		rep->last_modified = strtoll(r->col[E_LM], NULL, 10);
		rep->has_last_modified = 1;
	}
	rep->exists = atoi(r->col[E_EXISTS]);
	rep->lm_strong = atoi(r->col[E_STRONG]);
}

/* The answer as a row states it, and the row's name in messages. */
#define ROW_FMT "eval.tsv line %d (%s %s; %s)"
#define ROW_ARGS(r) (r)->lineno, (r)->col[E_METHOD], (r)->col[E_HDRS], \
	(r)->col[E_NOTE]

/* One test per row of test/vectors/eval.tsv: the header lines are fed in
 * the given order and again reversed; both must give the row's answer. */
START_TEST(test_eval_13_2_2_table)
{
	const struct tsv_row *r = &table()->rows[_i];
	struct condreq_request req;
	struct condreq_rep rep;
	struct condreq_result res, res2;
	struct condreq_line lines[MAXLINES];
	struct parsed p;
	char store[2048], *g[MAXLINES];
	int k, rc;

	split(r, &p, store, sizeof(store));
	setup(&req, &rep, lines, r);
	/* Each line ends at a guard page: an over-read crashes the test. */
	for (k = 0; k < p.n; k++) {
		g[k] = guard_copy(p.line[k], p.len[k]);
		ck_assert_msg(condreq_request_line(&req, g[k], p.len[k]) >= 0,
		    ROW_FMT ": line %d refused", ROW_ARGS(r), k);
	}
	condreq_result_init(&res);
	rc = condreq_evaluate(&req, &rep, &res);
	for (k = 0; k < p.n; k++)
		guard_free(g[k], p.len[k]);
	ck_assert_msg(rc == res.status, ROW_FMT ": returned %d, status %d",
	    ROW_ARGS(r), rc, res.status);
	ck_assert_msg(rc == atoi(r->col[E_STATUS]) &&
	    strcmp(condreq_decided_name(res.decided_by), r->col[E_BY]) == 0,
	    ROW_FMT ": got %d by %s, want %s by %s", ROW_ARGS(r), rc,
	    condreq_decided_name(res.decided_by), r->col[E_STATUS],
	    r->col[E_BY]);

	/* Order of field lines of different names does not matter. */
	setup(&req, &rep, lines, r);
	for (k = p.n - 1; k >= 0; k--)
		ck_assert_msg(condreq_request_line(&req, p.line[k], p.len[k]) >=
		    0, ROW_FMT ": line %d refused when fed last", ROW_ARGS(r),
		    k);
	condreq_result_init(&res2);
	condreq_evaluate(&req, &rep, &res2);
	ck_assert_msg(res2.status == res.status &&
	    res2.decided_by == res.decided_by,
	    ROW_FMT ": reversed lines give %d by %s", ROW_ARGS(r), res2.status,
	    condreq_decided_name(res2.decided_by));
}
END_TEST

/* Every truncation of every line of every row, fed alone: the line is
 * taken as its name says (refused before the colon), nothing past it is
 * read, and the decision is one of the statuses it may give. */
START_TEST(test_eval_truncated_lines)
{
	const struct tsv_row *r = &table()->rows[_i];
	struct condreq_request req;
	struct condreq_rep rep;
	struct condreq_result res;
	struct condreq_line lines[MAXLINES];
	struct parsed p;
	char store[2048], *c;
	size_t cut, colon;
	int k, f, rc, want, known, nat = atoi(r->col[E_NATURAL]);

	split(r, &p, store, sizeof(store));
	for (k = 0; k < p.n; k++) {
		colon = (size_t)(strchr(p.line[k], ':') - p.line[k]);
		for (known = 0, f = 0; f < CONDREQ_NFIELDS; f++)
			known |= strlen(condreq_field_name(f)) == colon &&
			    strncasecmp(p.line[k], condreq_field_name(f),
			    colon) == 0;
		for (cut = 0; cut < p.len[k]; cut++) {
			setup(&req, &rep, lines, r);
			c = guard_copy(p.line[k], cut);
			rc = condreq_request_line(&req, c, cut);
			/* A line is taken (CONDREQ_OK) whether its name is
			 * one the decision reads or not; known is whether the
			 * store holds it. */
			want = cut <= colon ? CONDREQ_ESYNTAX : CONDREQ_OK;
			ck_assert_msg(rc == want,
			    ROW_FMT ": line %d cut at %zu: %d, want %d",
			    ROW_ARGS(r), k, cut, rc, want);
			for (f = 0; f < CONDREQ_NFIELDS; f++)
				if (req.field[f].value != NULL)
					break;
			ck_assert_msg((f < CONDREQ_NFIELDS) ==
			    (cut > colon && known), ROW_FMT ": line %d cut at "
			    "%zu: stored %d", ROW_ARGS(r), k, cut,
			    f < CONDREQ_NFIELDS);
			condreq_result_init(&res);
			rc = condreq_evaluate(&req, &rep, &res);
			ck_assert_msg(rc == 200 || rc == 304 || rc == 412 ||
			    (rc == 206 && nat == 0) ||
			    (nat != 0 && rc == nat), ROW_FMT ": line %d cut at "
			    "%zu: status %d", ROW_ARGS(r), k, cut, rc);
			guard_free(c, cut);
		}
	}
}
END_TEST

/* One store: a line, a name and value, and a caller's own assignment all
 * put the first line of a field in req.field[f], trimmed of OWS (RFC 9110
 * 5.5), and a second line in the caller's storage. */
START_TEST(test_eval_one_store)
{
	struct condreq_request req;
	struct condreq_line lines[2];

	condreq_request_init(&req);
	req.lines = lines;
	req.lines_cap = 2;
	ck_assert_int_eq(condreq_request_line(&req, "if-none-match: \t\"a\" ",
	    20), CONDREQ_OK);
	ck_assert_uint_eq(req.field[CONDREQ_IF_NONE_MATCH].len, 3);
	ck_assert_int_eq(memcmp(req.field[CONDREQ_IF_NONE_MATCH].value, "\"a\"",
	    3), 0);
	ck_assert_int_eq(condreq_request_header(&req, "IF-NONE-MATCH", 13,
	    "\"b\"", 3), CONDREQ_OK);
	ck_assert_uint_eq(req.nlines, 1);
	ck_assert_int_eq(lines[0].field, CONDREQ_IF_NONE_MATCH);
	ck_assert_int_eq(memcmp(lines[0].value, "\"b\"", 3), 0);
	ck_assert_int_eq(condreq_request_header(&req, "Range", 5, "bytes=0-1",
	    9), CONDREQ_OK);
	ck_assert_uint_eq(req.field[CONDREQ_RANGE].len, 9);
	ck_assert_ptr_null(req.field[CONDREQ_IF_MATCH].value);
}
END_TEST

/* A GET (or method) against the representation "v2", Last-Modified
 * 1000000000, with the given header lines and room for repeats. */
static struct condreq_line run_lines[16];

static void
run(struct condreq_request *req, struct condreq_rep *rep,
    struct condreq_result *res, const char *method,
    const char *const *lines)
{
	condreq_request_init(req);
	condreq_result_init(res);
	req->method = method;
	req->method_len = strlen(method);
	req->now = 1764000000;
	req->lines = run_lines;
	req->lines_cap = 16;
	condreq_rep_init(rep);
	condreq_rep_set_etag(rep, "\"v2\"", 4, 0, NULL);
	rep->last_modified = 1000000000;
	rep->has_last_modified = 1;
	for (; *lines != NULL; lines++)
		ck_assert_int_ge(condreq_request_line(req, *lines,
		    strlen(*lines)), 0);
	condreq_evaluate(req, rep, res);
}

/* "A recipient MUST ignore If-Modified-Since if the request contains an
 * If-None-Match header field" and the other "MUST ignore" rules of 13.1
 * are reported in .ignored. */
START_TEST(test_eval_13_1_ignored_bits)
{
	struct condreq_request req;
	struct condreq_rep rep;
	struct condreq_result res;
	static const char *const l1[] = { "If-None-Match: \"x\"",
	    "If-Modified-Since: Sun, 09 Sep 2001 01:46:40 GMT", NULL };
	static const char *const l2[] = { "If-Match: \"v2\"",
	    "If-Unmodified-Since: Sun, 09 Sep 2001 01:46:40 GMT", NULL };
	static const char *const l3[] = { "If-Modified-Since: nope", NULL };
	static const char *const l4[] = { "If-Range: \"v2\"", NULL };
	static const char *const l5[] = { "Range: bytes=0-1",
	    "If-Range: \"v2\"", NULL };
	static const char *const l6[] = { "If-Match: \"zz\"",
	    "If-None-Match: \"v2\"", NULL };
	uint32_t bit;

	run(&req, &rep, &res, "GET", l1);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_IMS_IF_NONE_MATCH);
	run(&req, &rep, &res, "PUT", l2);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_IUS_IF_MATCH);
	run(&req, &rep, &res, "GET", l3);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_IMS_INVALID);
	ck_assert_uint_eq(res.malformed, 1u << CONDREQ_IF_MODIFIED_SINCE);
	run(&req, &rep, &res, "POST", l3);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_IMS_METHOD);
	run(&req, &rep, &res, "GET", l4);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_IR_NO_RANGE);
	run(&req, &rep, &res, "PUT", l5);
	ck_assert_uint_eq(res.ignored,
	    CONDREQ_IGN_RANGE_METHOD | CONDREQ_IGN_IR_METHOD);
	ck_assert_int_eq(res.status, 200);
	run(&req, &rep, &res, "GET", l5);
	ck_assert_uint_eq(res.ignored, 0);
	ck_assert_int_eq(res.status, 206);
	run(&req, &rep, &res, "GET", l6);
	ck_assert_int_eq(res.status, 412);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_UNREACHED);
	/* Every bit has a reason text. */
	for (bit = 1; bit <= CONDREQ_IGN_NOW_UNKNOWN; bit <<= 1)
		ck_assert_str_ne(condreq_ignored_reason(bit), "unknown reason");
}
END_TEST

/* 5.6.7: "Recipients of timestamp values are encouraged to be robust in
 * parsing timestamps ... MUST accept all three HTTP-date formats"; an
 * rfc850 date's year needs now. Left unknown, the date is not read, and
 * the result says what was ignored and why, never that it was malformed
 * (0.2 reported it as an invalid date). */
START_TEST(test_eval_5_6_7_now_unknown)
{
	struct condreq_request req;
	struct condreq_rep rep;
	struct condreq_result res;
	static const char *const ims[] = {
	    "If-Modified-Since: Sunday, 09-Sep-01 01:46:40 GMT", NULL };
	static const char *const ius[] = {
	    "If-Unmodified-Since: Sunday, 09-Sep-01 01:30:00 GMT", NULL };
	static const char *const ir[] = { "Range: bytes=0-1",
	    "If-Range: Sunday, 09-Sep-01 01:46:40 GMT", NULL };

	run(&req, &rep, &res, "GET", ims);
	ck_assert_int_eq(res.status, 304);
	req.now = CONDREQ_NOW_UNKNOWN;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 200);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_NOW_UNKNOWN);
	ck_assert_uint_eq(res.malformed, 0);
	run(&req, &rep, &res, "PUT", ius);
	ck_assert_int_eq(res.status, 412);
	req.now = CONDREQ_NOW_UNKNOWN;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 200);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_NOW_UNKNOWN);
	run(&req, &rep, &res, "GET", ir);
	req.now = CONDREQ_NOW_UNKNOWN;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 200);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_NOW_UNKNOWN |
	    CONDREQ_IGN_RANGE_IF_RANGE);
	ck_assert_uint_eq(res.malformed, 0);
	ck_assert_str_ne(condreq_ignored_reason(CONDREQ_IGN_NOW_UNKNOWN),
	    "unknown reason");
}
END_TEST

/* 13.2.1: "a server MUST ignore the conditional request header fields
 * defined by this specification when received with a request method that
 * does not involve the selection or modification of a selected
 * representation, such as CONNECT, OPTIONS, or TRACE." */
START_TEST(test_eval_13_2_1_methods)
{
	struct condreq_request req;
	struct condreq_rep rep;
	struct condreq_result res;
	static const char *const im[] = { "If-Match: \"nope\"", NULL };
	static const char *const inm[] = { "If-None-Match: *",
	    "Range: bytes=0-1", NULL };
	static const char *const none[] = { NULL };
	static const char *const exempt[] = { "CONNECT", "OPTIONS", "TRACE" };
	size_t i;

	for (i = 0; i < 3; i++) {
		run(&req, &rep, &res, exempt[i], im);
		ck_assert_int_eq(res.status, 200);
		ck_assert_int_eq(res.decided_by, CONDREQ_BY_METHOD);
		ck_assert_uint_eq(res.ignored, CONDREQ_IGN_ALL_METHOD);
		run(&req, &rep, &res, exempt[i], inm);
		ck_assert_int_eq(res.status, 200);
		ck_assert_uint_eq(res.ignored, CONDREQ_IGN_ALL_METHOD |
		    CONDREQ_IGN_RANGE_METHOD);
		/* Nothing present: nothing reported ignored. */
		run(&req, &rep, &res, exempt[i], none);
		ck_assert_uint_eq(res.ignored, 0);
		ck_assert_int_eq(res.decided_by, CONDREQ_BY_METHOD);
	}
	/* Near names are extension methods, evaluated. */
	run(&req, &rep, &res, "OPTION", im);
	ck_assert_int_eq(res.status, 412);
	run(&req, &rep, &res, "TRACEX", im);
	ck_assert_int_eq(res.status, 412);
	run(&req, &rep, &res, "CONNECt", im);
	ck_assert_int_eq(res.status, 412);
	ck_assert_str_eq(condreq_decided_name(CONDREQ_BY_METHOD), "method");
}
END_TEST

/* More If-Match lines than the request can keep: never a write through;
 * more If-None-Match lines: never a 304. */
START_TEST(test_eval_overflow_fails_safe)
{
	struct condreq_request req;
	struct condreq_rep rep;
	struct condreq_result res;
	struct condreq_line lines[3];
	int i, rc = 0;

	condreq_request_init(&req);
	condreq_result_init(&res);
	condreq_rep_init(&rep);
	condreq_rep_set_etag(&rep, "\"v2\"", 4, 0, NULL);
	req.method = "PUT";
	req.method_len = 3;
	req.lines = lines;
	req.lines_cap = 3;
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(condreq_request_line(&req, "If-Match: \"a\"",
		    13), CONDREQ_OK);
	ck_assert_uint_eq(req.nlines, 3);
	ck_assert_int_eq(condreq_request_line(&req, "If-Match: \"v2\"", 14),
	    CONDREQ_ENOSPC);
	ck_assert_uint_eq(req.overflow, 1u << CONDREQ_IF_MATCH);
	rc = condreq_evaluate(&req, &rep, &res);
	ck_assert_int_eq(rc, 412);
	ck_assert_uint_eq(res.overflow, 1u << CONDREQ_IF_MATCH);

	/* No storage at all: the first repeat overflows. */
	condreq_request_init(&req);
	req.method = "GET";
	req.method_len = 3;
	ck_assert_int_eq(condreq_request_line(&req, "If-None-Match: \"v2\"",
	    19), CONDREQ_OK);
	ck_assert_int_eq(condreq_request_line(&req, "If-None-Match: \"v2\"",
	    19), CONDREQ_ENOSPC);
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 200);
	ck_assert_uint_eq(res.overflow, 1u << CONDREQ_IF_NONE_MATCH);
	/* The same on a write: 412, never a write on a field not read. */
	req.method = "PUT";
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 412);
	req.method = "GET";
	/* An overflowing date is a list of dates: ignored. */
	condreq_request_init(&req);
	req.method = "GET";
	req.method_len = 3;
	rep.last_modified = 1000000000;
	rep.has_last_modified = 1;
	condreq_request_line(&req, "If-Modified-Since: Sun, 09 Sep 2001 "
	    "01:46:40 GMT", 48);
	ck_assert_int_eq(condreq_request_line(&req, "If-Modified-Since: Sun, "
	    "09 Sep 2001 01:46:40 GMT", 48), CONDREQ_ENOSPC);
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 200);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_IMS_LIST);
	/* Storage the caller says is fuller than it is: only lines_cap read. */
	condreq_request_init(&req);
	req.method = "GET";
	req.method_len = 3;
	req.field[CONDREQ_IF_NONE_MATCH].value = "\"x\"";
	req.field[CONDREQ_IF_NONE_MATCH].len = 3;
	lines[0].value = "\"v2\"";
	lines[0].len = 4;
	lines[0].field = CONDREQ_IF_NONE_MATCH;
	req.lines = lines;
	req.lines_cap = 1;
	req.nlines = 1000;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 304);
	/* A line whose field is out of range is not any field's. */
	lines[0].field = 99;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 200);
	/* Lines without a named first line are the field's lines. */
	req.field[CONDREQ_IF_NONE_MATCH].value = NULL;
	lines[0].field = CONDREQ_IF_NONE_MATCH;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 304);
}
END_TEST

/* 13.2.1: "A server MUST ignore all received preconditions if its
 * response to the same request without those conditions ... would have
 * been a status code other than a 2xx (Successful) or 412". */
START_TEST(test_eval_13_2_1_natural_status)
{
	struct condreq_request req;
	struct condreq_rep rep;
	struct condreq_result res;
	static const char *const l[] = { "If-Match: \"nope\"", NULL };
	/* 0 is unset (200); 2xx and 412 are evaluated; others returned. */
	static const int nat[] = { 0, 100, 199, 200, 204, 299, 300, 412, 500,
	    599 };
	static const int want[] = { 412, 100, 199, 412, 412, 412, 300, 412,
	    500, 599 };
	static const int bad[] = { -1, 1, 99, 600, 1000, -412 };
	size_t i;

	run(&req, &rep, &res, "PUT", l);
	ck_assert_int_eq(res.status, 412);
	req.natural_status = 404;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 404);
	ck_assert_int_eq(res.decided_by, CONDREQ_BY_NOT_2XX);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_ALL_NOT_2XX);
	for (i = 0; i < sizeof(nat) / sizeof(nat[0]); i++) {
		req.natural_status = nat[i];
		ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), want[i]);
	}
	/* Not a status: refused, never returned as if it were one. */
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		req.natural_status = bad[i];
		ck_assert_int_eq(condreq_evaluate(&req, &rep, &res),
		    CONDREQ_EINVAL);
		ck_assert_int_eq(res.status, 0);
	}
}
END_TEST

START_TEST(test_eval_bad_arguments)
{
	struct condreq_request req;
	struct condreq_rep rep;
	struct condreq_result res;

	condreq_request_init(&req);
	condreq_result_init(&res);
	condreq_rep_init(&rep);
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), CONDREQ_EMETHOD);
	req.method = "G T";
	req.method_len = 3;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), CONDREQ_EMETHOD);
	req.method = "BREW";
	req.method_len = 4;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 200);
	ck_assert_int_eq(condreq_evaluate(&req, NULL, &res), 200);
	ck_assert_int_eq(condreq_evaluate(NULL, &rep, &res), CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_evaluate(&req, &rep, NULL), CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_request_line(&req, "NoColon", 7),
	    CONDREQ_ESYNTAX);
	ck_assert_int_eq(condreq_request_line(&req, "Bad Name: x", 11),
	    CONDREQ_ESYNTAX);
	ck_assert_int_eq(condreq_request_line(&req, "X-Other: x", 10),
	    CONDREQ_OK);
	ck_assert_int_eq(condreq_request_header(&req, "If-Match", 8, NULL, 3),
	    CONDREQ_EINVAL);
	/* The RFC fixes each condition's comparison, and unknown bits are
	 * a newer caller's: both refused. */
	req.flags = CONDREQ_F_WEAK_COMPARE;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), CONDREQ_EFLAGS);
	req.flags = 1u << 20;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), CONDREQ_EFLAGS);
	ck_assert_int_eq(res.status, 0);
	req.flags = 0;
	/* A malformed ETag is refused when the representation is set up,
	 * with its offset, and leaves no ETag. */
	{
		size_t pos = 99;

		ck_assert_int_eq(condreq_rep_set_etag(&rep, "\"v2", 3, 0, &pos),
		    CONDREQ_ESYNTAX);
		ck_assert_uint_eq(pos, 3);
		ck_assert_ptr_null(rep.etag.opaque);
		ck_assert_int_eq(condreq_rep_set_etag(&rep, "v2", 2, 0, &pos),
		    CONDREQ_EUNQUOTED);
		ck_assert_int_eq(condreq_rep_set_etag(&rep, "v2", 2,
		    CONDREQ_F_LENIENT_ETAG, &pos), CONDREQ_OK);
		ck_assert_int_eq(condreq_rep_set_etag(&rep, "\"a\"", 3, 1u << 9,
		    &pos), CONDREQ_EFLAGS);
		ck_assert_int_eq(condreq_rep_set_etag(NULL, "\"a\"", 3, 0,
		    &pos), CONDREQ_EINVAL);
		ck_assert_int_eq(condreq_rep_set_etag(&rep, NULL, 0, 0, &pos),
		    CONDREQ_OK);
		ck_assert_ptr_null(rep.etag.opaque);
	}
}
END_TEST

/* Near misses: names of the right length that are other fields, and
 * values at the edges of each rule. */
START_TEST(test_eval_near_misses)
{
	struct condreq_request req;
	struct condreq_rep rep;
	struct condreq_result res;
	static const char *const names[] = { "Rangx", "If-Matcx", "If-Rangx",
	    "If-None-Matcx", "If-Modified-Sincx", "If-Unmodified-Sincx",
	    "If-Xatch", "Xf-Range", "If\rNone-Match", "If-Rang\x05" };
	static const char *const l1[] = {
	    "If-Modified-Since: Sun, 09 Sep 2001 01:46:40 GMT , x", NULL };
	static const char *const l2[] = { "Range: bytes=0-1",
	    "If-Range: Sun, 09 Sep 2001 01:46:40 GMT", NULL };
	size_t i;

	condreq_request_init(&req);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		ck_assert_int_eq(condreq_request_header(&req, names[i],
		    strlen(names[i]), "x", 1), CONDREQ_OK);
	for (i = 0; i < CONDREQ_NFIELDS; i++)
		ck_assert_ptr_null(req.field[i].value);
	/* A list of dates with OWS before the comma. */
	run(&req, &rep, &res, "GET", l1);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_IMS_LIST);
	/* If-Range date with no current representation. */
	run(&req, &rep, &res, "GET", l2);
	rep.lm_strong = CONDREQ_LM_STRONG;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 206);
	rep.exists = 0;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 200);
	ck_assert_int_eq(condreq_evaluate(&req, NULL, &res), 200);
	/* A Range honoured turns only a natural 200 into 206. */
	rep.exists = 1;
	req.natural_status = 204;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 204);
	req.natural_status = 0;
	/* IGNORE_FUTURE without a clock, LM_ZERO_UNKNOWN with a real LM. */
	run(&req, &rep, &res, "GET", l1);
	req.field[CONDREQ_IF_MODIFIED_SINCE].len = 29;
	req.flags = CONDREQ_F_IMS_IGNORE_FUTURE | CONDREQ_F_LM_ZERO_UNKNOWN;
	req.now = CONDREQ_NOW_UNKNOWN;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 304);
	/* Lenient W/ followed by a comma or a control byte is still bad. */
	ck_assert_int_eq(list_match_str("W/,", 3, "\"a\"", 3,
	    CONDREQ_F_LENIENT_ETAG, NULL), CONDREQ_ESYNTAX);
	ck_assert_int_eq(list_match_str("W/\x01", 3, "\"a\"", 3,
	    CONDREQ_F_LENIENT_ETAG, NULL), CONDREQ_ESYNTAX);
	ck_assert_int_eq(list_match_str("W/a", 3, "W/\"a\"", 5,
	    CONDREQ_F_LENIENT_ETAG | CONDREQ_F_WEAK_COMPARE, NULL), 1);
	{
		struct condreq_etag t = { NULL, 2, 0, 0 };
		char b[8];

		ck_assert_int_eq(condreq_etag_format(&t, b, sizeof(b), NULL),
		    CONDREQ_EINVAL);
	}
	{
		int64_t v;

		ck_assert_int_eq(condreq_date_parse(
		    "Wed, 31 Dec 2025 23:58:60 GMT", 29, 0, 0, &v, NULL),
		    CONDREQ_ESYNTAX);
		ck_assert_int_eq(condreq_date_parse(
		    "Wed, 31 Dec 2025 22:59:60 GMT", 29, 0, 0, &v, NULL),
		    CONDREQ_ESYNTAX);
		ck_assert_int_eq(condreq_date_parse(
		    "Sunday, 00-Nov-94 08:49:37 GMT", 30, 1764000000, 0, &v,
		    NULL), CONDREQ_ESYNTAX);
		ck_assert_int_eq(condreq_date_parse(
		    "Sunday, 32-Nov-94 08:49:37 GMT", 30, 1764000000, 0, &v,
		    NULL), CONDREQ_ESYNTAX);
	}
}
END_TEST

/* 15.4.5: the fields a 304 keeps. */
START_TEST(test_eval_15_4_5_304_headers)
{
	ck_assert_int_eq(condreq_304_keeps_header("ETag", 4), CONDREQ_304_KEEP);
	ck_assert_int_eq(condreq_304_keeps_header("cache-control", 13),
	    CONDREQ_304_KEEP);
	ck_assert_int_eq(condreq_304_keeps_header("VARY", 4), CONDREQ_304_KEEP);
	ck_assert_int_eq(condreq_304_keeps_header("Date", 4), CONDREQ_304_KEEP);
	ck_assert_int_eq(condreq_304_keeps_header("Expires", 7),
	    CONDREQ_304_KEEP);
	ck_assert_int_eq(condreq_304_keeps_header("Content-Location", 16),
	    CONDREQ_304_KEEP);
	ck_assert_int_eq(condreq_304_keeps_header("Last-Modified", 13),
	    CONDREQ_304_KEEP_IF_NO_ETAG);
	ck_assert_int_eq(condreq_304_keeps_header("Content-Length", 14),
	    CONDREQ_304_OMIT);
	ck_assert_int_eq(condreq_304_keeps_header("ETagx", 5), CONDREQ_304_OMIT);
	ck_assert_int_eq(condreq_304_keeps_header("ETa", 3), CONDREQ_304_OMIT);
	ck_assert_int_eq(condreq_304_keeps_header(NULL, 0), CONDREQ_304_OMIT);
}
END_TEST

/* The one table of field names, and the lookup by any case. */
START_TEST(test_eval_field_names)
{
	struct condreq_request req;
	int f;

	for (f = 0; f < CONDREQ_NFIELDS; f++) {
		const char *n = condreq_field_name(f);
		char upper[32];
		size_t i, len = strlen(n);

		for (i = 0; i <= len; i++)
			upper[i] = (char)(n[i] >= 'a' && n[i] <= 'z' ?
			    n[i] - 32 : n[i]);
		condreq_request_init(&req);
		ck_assert_int_eq(condreq_request_header(&req, upper, len, "x",
		    1), CONDREQ_OK);
		for (i = 0; i < CONDREQ_NFIELDS; i++)
			ck_assert_int_eq(req.field[i].value != NULL,
			    (int)i == f);
	}
	ck_assert_str_eq(condreq_field_name(CONDREQ_IF_UNMODIFIED_SINCE),
	    "If-Unmodified-Since");
	ck_assert_str_eq(condreq_field_name(-1), "unknown");
	ck_assert_str_eq(condreq_field_name(CONDREQ_NFIELDS), "unknown");
}
END_TEST

/* Every row of every vector file has its file's columns, the last one
 * (README: "Rules and policies") naming an id of rules.tsv, and every id
 * there is named by some row. */
START_TEST(test_vectors_name_rules)
{
	static const struct { const char *name; int ncol; } f[] = {
		{ "dates.tsv", 9 }, { "etag_lists.tsv", 8 },
		{ "etag_compare.tsv", 7 }, { "eval.tsv", E_RULE + 1 } };
	const struct tsv *rules = tsv_load("rules.tsv");
	static int used[512];
	size_t i;
	int j, k;

	ck_assert_int_le(rules->nrows, 512);
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		const struct tsv *t = tsv_load(f[i].name);

		for (j = 0; j < t->nrows; j++) {
			const struct tsv_row *r = &t->rows[j];

			ck_assert_msg(r->ncol == f[i].ncol, "%s line %d: %d "
			    "columns, want %d", f[i].name, r->lineno, r->ncol,
			    f[i].ncol);
			for (k = 0; k < rules->nrows; k++)
				if (strcmp(rules->rows[k].col[0],
				    r->col[f[i].ncol - 1]) == 0)
					break;
			ck_assert_msg(k < rules->nrows, "%s line %d: rule '%s' "
			    "is not in rules.tsv", f[i].name, r->lineno,
			    r->col[f[i].ncol - 1]);
			used[k] = 1;
		}
	}
	for (k = 0; k < rules->nrows; k++)
		ck_assert_msg(used[k], "rules.tsv line %d: %s is named by no "
		    "row", rules->rows[k].lineno, rules->rows[k].col[0]);
}
END_TEST

TCase *
tc_eval(void)
{
	TCase *tc = tcase_create("eval");
	int n = table()->nrows;

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_eval_13_2_2_table, 0, n);
	tcase_add_loop_test(tc, test_eval_truncated_lines, 0, n);
	tcase_add_test(tc, test_eval_one_store);
	tcase_add_test(tc, test_eval_13_1_ignored_bits);
	tcase_add_test(tc, test_eval_5_6_7_now_unknown);
	tcase_add_test(tc, test_eval_13_2_1_methods);
	tcase_add_test(tc, test_eval_overflow_fails_safe);
	tcase_add_test(tc, test_eval_13_2_1_natural_status);
	tcase_add_test(tc, test_eval_bad_arguments);
	tcase_add_test(tc, test_vectors_name_rules);
	tcase_add_test(tc, test_eval_near_misses);
	tcase_add_test(tc, test_eval_15_4_5_304_headers);
	tcase_add_test(tc, test_eval_field_names);
	return tc;
}
