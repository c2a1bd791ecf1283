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
	E_STATUS, E_BY, E_SEC, E_NOTE };

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
split(const char *s, struct parsed *p, char *store, size_t storesz)
{
	char *c;

	p->n = 0;
	if (strcmp(s, "-") == 0)
		return;
	snprintf(store, storesz, "%s", s);
	for (c = store; c != NULL && p->n < MAXLINES; ) {
		char *sep = strstr(c, " || ");

		if (sep != NULL)
			*sep = '\0';
		p->line[p->n] = c;
		p->len[p->n] = strlen(c);
		p->n++;
		c = sep != NULL ? sep + 4 : NULL;
	}
}

static void
setup(struct condreq_request *req, const struct tsv_row *r)
{
	condreq_request_init(req, sizeof(*req));
	req->method = r->col[E_METHOD];
	req->method_len = strlen(r->col[E_METHOD]);
	if (strcmp(r->col[E_ETAG], "-") != 0) {
		req->etag = r->col[E_ETAG];
		req->etag_len = strlen(r->col[E_ETAG]);
	}
	if (strcmp(r->col[E_LM], "-") != 0) {
		req->last_modified = strtoll(r->col[E_LM], NULL, 10);
		req->has_last_modified = 1;
	}
	req->exists = atoi(r->col[E_EXISTS]);
	req->flags = flags_parse(r->col[E_FLAGS]);
	req->lm_strong = atoi(r->col[E_STRONG]);
	req->now = strcmp(r->col[E_NOW], "-") == 0 ? CONDREQ_NOW_UNKNOWN :
	    strtoll(r->col[E_NOW], NULL, 10);
}

static int
status_of(const struct condreq_result *res)
{
	return res->status == 200 && res->range ? 206 : res->status;
}

/* One test per row of test/vectors/eval.tsv: the header lines are fed in
 * the given order and again reversed; both must give the row's answer. */
START_TEST(test_eval_13_2_2_table)
{
	const struct tsv_row *r = &table()->rows[_i];
	struct condreq_request req;
	struct condreq_result res, res2;
	struct parsed p;
	char store[2048];
	int k, rc;

	char *g[MAXLINES];
	size_t cut;

	split(r->col[E_HDRS], &p, store, sizeof(store));
	setup(&req, r);
	/* Each line ends at a guard page: an over-read crashes the test. */
	for (k = 0; k < p.n; k++) {
		g[k] = guard_copy(p.line[k], p.len[k]);
		ck_assert_int_ge(condreq_request_line(&req, g[k], p.len[k]), 0);
	}
	condreq_result_init(&res, sizeof(res));
	rc = condreq_evaluate(&req, &res);
	/* Every truncation of every line still gets a defined answer. */
	for (k = 0; k < p.n; k++) {
		for (cut = 0; cut < p.len[k]; cut++) {
			struct condreq_request t = req;
			struct condreq_result tr;
			char *c = guard_copy(p.line[k], cut);

			condreq_request_init(&t, sizeof(t));
			t.method = req.method;
			t.method_len = req.method_len;
			t.etag = req.etag;
			t.etag_len = req.etag_len;
			t.last_modified = req.last_modified;
			t.has_last_modified = req.has_last_modified;
			t.now = req.now;
			condreq_request_line(&t, c, cut);
			condreq_result_init(&tr, sizeof(tr));
			if (condreq_evaluate(&t, &tr) < 0)
				ck_abort_msg("truncated line gave an error");
			guard_free(c, cut);
		}
		guard_free(g[k], p.len[k]);
	}
	ck_assert_int_eq(rc, res.status);
	ck_assert_msg(status_of(&res) == atoi(r->col[E_STATUS]) &&
	    strcmp(condreq_decided_name(res.decided_by), r->col[E_BY]) == 0,
	    "line %d (%s %s; %s): got %d by %s, want %s by %s", r->lineno,
	    r->col[E_METHOD], r->col[E_HDRS], r->col[E_NOTE], status_of(&res),
	    condreq_decided_name(res.decided_by), r->col[E_STATUS],
	    r->col[E_BY]);

	/* Order of field lines of different names does not matter. */
	setup(&req, r);
	for (k = p.n - 1; k >= 0; k--)
		condreq_request_line(&req, p.line[k], p.len[k]);
	condreq_result_init(&res2, sizeof(res2));
	condreq_evaluate(&req, &res2);
	ck_assert_int_eq(status_of(&res2), status_of(&res));
	ck_assert_int_eq(res2.decided_by, res.decided_by);
}
END_TEST

/* The struct entry (fields set directly, as FFI callers do) gives the
 * same answer as feeding header lines, for every single-line row. */
START_TEST(test_eval_struct_entry_agrees)
{
	const struct tsv_row *r = &table()->rows[_i];
	struct condreq_request a, b;
	struct condreq_result ra, rb;
	struct parsed p;
	char store[2048];
	int k;

	split(r->col[E_HDRS], &p, store, sizeof(store));
	setup(&a, r);
	setup(&b, r);
	for (k = 0; k < p.n; k++) {
		char *colon = strchr(p.line[k], ':');
		const char *v = colon + 1;
		size_t vl;

		condreq_request_line(&a, p.line[k], p.len[k]);
		while (*v == ' ')
			v++;
		vl = strlen(v);
		*colon = '\0';
		if (strcasecmp(p.line[k], "If-Match") == 0 && b.if_match == NULL)
			b.if_match = v, b.if_match_len = vl;
		else if (strcasecmp(p.line[k], "If-None-Match") == 0 &&
		    b.if_none_match == NULL)
			b.if_none_match = v, b.if_none_match_len = vl;
		else if (strcasecmp(p.line[k], "If-Modified-Since") == 0 &&
		    b.if_modified_since == NULL)
			b.if_modified_since = v, b.if_modified_since_len = vl;
		else if (strcasecmp(p.line[k], "If-Unmodified-Since") == 0 &&
		    b.if_unmodified_since == NULL)
			b.if_unmodified_since = v, b.if_unmodified_since_len = vl;
		else if (strcasecmp(p.line[k], "If-Range") == 0 &&
		    b.if_range == NULL)
			b.if_range = v, b.if_range_len = vl;
		else if (strcasecmp(p.line[k], "Range") == 0 && b.range == NULL)
			b.range = v, b.range_len = vl;
		else
			return; /* a repeated line: not expressible as fields */
	}
	condreq_result_init(&ra, sizeof(ra));
	condreq_result_init(&rb, sizeof(rb));
	ck_assert_int_eq(condreq_evaluate(&a, &ra), condreq_evaluate(&b, &rb));
	ck_assert_int_eq(ra.range, rb.range);
	ck_assert_int_eq(ra.decided_by, rb.decided_by);
	ck_assert_uint_eq(ra.ignored, rb.ignored);
	ck_assert_uint_eq(ra.malformed, rb.malformed);
}
END_TEST

static void
run(struct condreq_request *req, struct condreq_result *res,
    const char *method, const char *const *lines)
{
	condreq_request_init(req, sizeof(*req));
	condreq_result_init(res, sizeof(*res));
	req->method = method;
	req->method_len = strlen(method);
	req->etag = "\"v2\"";
	req->etag_len = 4;
	req->last_modified = 1000000000;
	req->has_last_modified = 1;
	req->now = 1764000000;
	for (; *lines != NULL; lines++)
		condreq_request_line(req, *lines, strlen(*lines));
	condreq_evaluate(req, res);
}

/* "A recipient MUST ignore If-Modified-Since if the request contains an
 * If-None-Match header field" and the other "MUST ignore" rules of 13.1
 * are reported in .ignored. */
START_TEST(test_eval_13_1_ignored_bits)
{
	struct condreq_request req;
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

	run(&req, &res, "GET", l1);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_IMS_IF_NONE_MATCH);
	run(&req, &res, "PUT", l2);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_IUS_IF_MATCH);
	run(&req, &res, "GET", l3);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_IMS_INVALID);
	ck_assert_uint_eq(res.malformed, 1u << CONDREQ_IF_MODIFIED_SINCE);
	run(&req, &res, "POST", l3);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_IMS_METHOD);
	run(&req, &res, "GET", l4);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_IR_NO_RANGE);
	run(&req, &res, "PUT", l5);
	ck_assert_uint_eq(res.ignored,
	    CONDREQ_IGN_RANGE_METHOD | CONDREQ_IGN_IR_METHOD);
	ck_assert_int_eq(res.range, 0);
	run(&req, &res, "GET", l5);
	ck_assert_uint_eq(res.ignored, 0);
	ck_assert_int_eq(res.range, 1);
	run(&req, &res, "GET", l6);
	ck_assert_int_eq(res.status, 412);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_UNREACHED);
	/* Every bit has a reason text. */
	{
		uint32_t bit;

		for (bit = 1; bit <= CONDREQ_IGN_UNREACHED; bit <<= 1)
			ck_assert_str_ne(condreq_ignored_reason(bit),
			    "unknown reason");
	}
}
END_TEST

/* More If-Match lines than the request keeps: never a write through. */
START_TEST(test_eval_overflow_fails_safe)
{
	struct condreq_request req;
	struct condreq_result res;
	int i, rc = 0;

	condreq_request_init(&req, sizeof(req));
	condreq_result_init(&res, sizeof(res));
	req.method = "PUT";
	req.method_len = 3;
	req.etag = "\"v2\"";
	req.etag_len = 4;
	for (i = 0; i < CONDREQ_MAX_EXTRA + 1; i++)
		ck_assert_int_eq(condreq_request_line(&req, "If-Match: \"a\"",
		    13), 1);
	ck_assert_int_eq(condreq_request_line(&req, "If-Match: \"v2\"", 14),
	    CONDREQ_ENOSPC);
	rc = condreq_evaluate(&req, &res);
	ck_assert_int_eq(rc, 412);
	ck_assert_uint_eq(res.overflow, 1u << CONDREQ_IF_MATCH);

	/* If-None-Match overflowing never produces a 304. */
	condreq_request_init(&req, sizeof(req));
	req.method = "GET";
	req.method_len = 3;
	req.etag = "\"v2\"";
	req.etag_len = 4;
	for (i = 0; i < CONDREQ_MAX_EXTRA + 2; i++)
		condreq_request_line(&req, "If-None-Match: \"v2\"", 19);
	ck_assert_int_eq(condreq_evaluate(&req, &res), 200);
}
END_TEST

/* 13.2.1: "A server MUST ignore all received preconditions if its
 * response to the same request without those conditions ... would have
 * been a status code other than a 2xx (Successful) or 412". */
START_TEST(test_eval_13_2_1_natural_status)
{
	struct condreq_request req;
	struct condreq_result res;
	static const char *const l[] = { "If-Match: \"nope\"", NULL };

	run(&req, &res, "PUT", l);
	ck_assert_int_eq(res.status, 412);
	req.natural_status = 404;
	ck_assert_int_eq(condreq_evaluate(&req, &res), 404);
	ck_assert_int_eq(res.decided_by, CONDREQ_BY_NOT_2XX);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_ALL_NOT_2XX);
	req.natural_status = 204;
	ck_assert_int_eq(condreq_evaluate(&req, &res), 412);
}
END_TEST

START_TEST(test_eval_bad_arguments)
{
	struct condreq_request req;
	struct condreq_result res;

	condreq_request_init(&req, sizeof(req));
	condreq_result_init(&res, sizeof(res));
	ck_assert_int_eq(condreq_evaluate(&req, &res), CONDREQ_EMETHOD);
	req.method = "G T";
	req.method_len = 3;
	ck_assert_int_eq(condreq_evaluate(&req, &res), CONDREQ_EMETHOD);
	req.method = "BREW";
	req.method_len = 4;
	ck_assert_int_eq(condreq_evaluate(&req, &res), 200);
	ck_assert_int_eq(condreq_evaluate(NULL, &res), CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_evaluate(&req, NULL), CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_request_line(&req, "NoColon", 7),
	    CONDREQ_ESYNTAX);
	ck_assert_int_eq(condreq_request_line(&req, "Bad Name: x", 11),
	    CONDREQ_ESYNTAX);
	ck_assert_int_eq(condreq_request_line(&req, "X-Other: x", 10), 0);
	ck_assert_int_eq(condreq_request_header(&req, "If-Match", 8, NULL, 3),
	    CONDREQ_EINVAL);
	/* A malformed current ETag is reported and treated as none. */
	req.method = "GET";
	req.method_len = 3;
	req.etag = "v2";
	req.etag_len = 2;
	condreq_request_line(&req, "If-None-Match: \"v2\"", 19);
	ck_assert_int_eq(condreq_evaluate(&req, &res), 200);
	ck_assert_uint_eq(res.malformed, CONDREQ_MALFORMED_ETAG);
}
END_TEST

/* Near misses: names of the right length that are other fields, and
 * values at the edges of each rule. */
START_TEST(test_eval_near_misses)
{
	struct condreq_request req;
	struct condreq_result res;
	static const char *const names[] = { "Rangx", "If-Matcx", "If-Rangx",
	    "If-None-Matcx", "If-Modified-Sincx", "If-Unmodified-Sincx" };
	static const char *const l1[] = {
	    "If-Modified-Since: Sun, 09 Sep 2001 01:46:40 GMT , x", NULL };
	static const char *const l2[] = { "Range: bytes=0-1",
	    "If-Range: Sun, 09 Sep 2001 01:46:40 GMT", NULL };
	size_t i;
	int st;

	condreq_request_init(&req, sizeof(req));
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		ck_assert_int_eq(condreq_request_header(&req, names[i],
		    strlen(names[i]), "x", 1), 0);
	/* 13.2.1 applies to 1xx, 3xx, 4xx, 5xx but not 2xx, 412 or 0. */
	static const int nat[] = { 0, 100, 199, 200, 299, 300, 412, 500 };
	static const int want[] = { 412, 100, 199, 412, 412, 300, 412, 500 };
	static const char *const im[] = { "If-Match: \"q\"", NULL };

	for (i = 0; i < sizeof(nat) / sizeof(nat[0]); i++) {
		run(&req, &res, "PUT", im);
		req.natural_status = nat[i];
		st = condreq_evaluate(&req, &res);
		ck_assert_int_eq(st, want[i]);
	}
	/* A list of dates with OWS before the comma. */
	run(&req, &res, "GET", l1);
	ck_assert_uint_eq(res.ignored, CONDREQ_IGN_IMS_LIST);
	/* If-Range date with no current representation. */
	run(&req, &res, "GET", l2);
	req.lm_strong = CONDREQ_LM_STRONG;
	req.exists = 0;
	condreq_evaluate(&req, &res);
	ck_assert_int_eq(res.range, 0);
	/* IGNORE_FUTURE without a clock, LM_ZERO_UNKNOWN with a real LM. */
	run(&req, &res, "GET", l1);
	req.if_modified_since_len = 29;
	req.flags = CONDREQ_F_IMS_IGNORE_FUTURE | CONDREQ_F_LM_ZERO_UNKNOWN;
	req.now = CONDREQ_NOW_UNKNOWN;
	ck_assert_int_eq(condreq_evaluate(&req, &res), 304);
	/* Lenient W/ followed by a comma or a control byte is still bad. */
	ck_assert_int_eq(condreq_etag_list_match("W/,", 3, "\"a\"", 3,
	    CONDREQ_F_LENIENT_ETAG, NULL), CONDREQ_EWEAK);
	ck_assert_int_eq(condreq_etag_list_match("W/\x01", 3, "\"a\"", 3,
	    CONDREQ_F_LENIENT_ETAG, NULL), CONDREQ_EWEAK);
	ck_assert_int_eq(condreq_etag_list_match("W/a", 3, "W/\"a\"", 5,
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
		    CONDREQ_ESECOND);
		ck_assert_int_eq(condreq_date_parse(
		    "Wed, 31 Dec 2025 22:59:60 GMT", 29, 0, 0, &v, NULL),
		    CONDREQ_ESECOND);
		ck_assert_int_eq(condreq_date_parse(
		    "Sunday, 00-Nov-94 08:49:37 GMT", 30, 1764000000, 0, &v,
		    NULL), CONDREQ_EDAY);
		ck_assert_int_eq(condreq_date_parse(
		    "Sunday, 32-Nov-94 08:49:37 GMT", 30, 1764000000, 0, &v,
		    NULL), CONDREQ_EDAY);
	}
}
END_TEST

/* 15.4.5: the fields a 304 keeps. */
START_TEST(test_eval_15_4_5_304_headers)
{
	ck_assert_int_eq(condreq_304_keeps_header("ETag", 4), 1);
	ck_assert_int_eq(condreq_304_keeps_header("cache-control", 13), 1);
	ck_assert_int_eq(condreq_304_keeps_header("VARY", 4), 1);
	ck_assert_int_eq(condreq_304_keeps_header("Date", 4), 1);
	ck_assert_int_eq(condreq_304_keeps_header("Expires", 7), 1);
	ck_assert_int_eq(condreq_304_keeps_header("Content-Location", 16), 1);
	ck_assert_int_eq(condreq_304_keeps_header("Last-Modified", 13), 2);
	ck_assert_int_eq(condreq_304_keeps_header("Content-Length", 14), 0);
	ck_assert_int_eq(condreq_304_keeps_header("ETagx", 5), 0);
	ck_assert_int_eq(condreq_304_keeps_header("ETa", 3), 0);
	ck_assert_int_eq(condreq_304_keeps_header(NULL, 0), 0);
}
END_TEST

TCase *
tc_eval(void)
{
	TCase *tc = tcase_create("eval");
	int n = table()->nrows;

	tcase_add_loop_test(tc, test_eval_13_2_2_table, 0, n);
	tcase_add_loop_test(tc, test_eval_struct_entry_agrees, 0, n);
	tcase_add_test(tc, test_eval_13_1_ignored_bits);
	tcase_add_test(tc, test_eval_overflow_fails_safe);
	tcase_add_test(tc, test_eval_13_2_1_natural_status);
	tcase_add_test(tc, test_eval_bad_arguments);
	tcase_add_test(tc, test_eval_near_misses);
	tcase_add_test(tc, test_eval_15_4_5_304_headers);
	return tc;
}
