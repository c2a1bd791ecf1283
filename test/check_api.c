/*
 * Tests of the API surface: versions, messages, struct layout.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stddef.h>
#include <string.h>

#include "condreq.h"
#include "testutil.h"

/* The header and the linked library agree on the version. */
START_TEST(test_api_version)
{
	ck_assert_uint_eq(condreq_version(), CONDREQ_VERSION_NUMBER);
	ck_assert_str_eq(condreq_version_string(), CONDREQ_VERSION_STRING);
}
END_TEST

/* Every code has a name and a text; unknown ones too, never NULL. */
START_TEST(test_api_strerror)
{
	int c;

	for (c = CONDREQ_OK; c >= CONDREQ_ESIZE; c--) {
		ck_assert_ptr_nonnull(condreq_strerror(c));
		ck_assert_str_ne(condreq_strerror(c), "unknown error");
		ck_assert_str_ne(condreq_code_name(c), "CONDREQ_UNKNOWN");
	}
	ck_assert_str_eq(condreq_code_name(CONDREQ_EDAY), "CONDREQ_EDAY");
	ck_assert_str_eq(condreq_code_name(CONDREQ_ESIZE), "CONDREQ_ESIZE");
	ck_assert_str_eq(condreq_strerror(CONDREQ_ESIZE - 1), "unknown error");
	ck_assert_str_eq(condreq_strerror(1), "unknown error");
	ck_assert_str_eq(condreq_strerror(-1000000), "unknown error");
	ck_assert_str_eq(condreq_code_name(42), "CONDREQ_UNKNOWN");
}
END_TEST

/* Codes are ABI: they are never renumbered. */
START_TEST(test_api_codes_stable)
{
	ck_assert_int_eq(CONDREQ_EINVAL, -1);
	ck_assert_int_eq(CONDREQ_ETRUNCATED, -4);
	ck_assert_int_eq(CONDREQ_EWDAYMISMATCH, -15);
	ck_assert_int_eq(CONDREQ_EUNQUOTED, -18);
	ck_assert_int_eq(CONDREQ_ESIZE, -25);
	ck_assert_int_eq(CONDREQ_IF_RANGE, 4);
	ck_assert_uint_eq(CONDREQ_F_WEAK_COMPARE, 32);
	ck_assert_uint_eq(CONDREQ_IGN_UNREACHED, 1u << 16);
}
END_TEST

/* Struct layout is ABI, pinned per data model (LP64 and ILP32). */
START_TEST(test_api_layout)
{
	ck_assert_uint_eq(offsetof(struct condreq_request, size), 0);
	ck_assert_uint_eq(offsetof(struct condreq_request, flags), 4);
	ck_assert_uint_eq(offsetof(struct condreq_result, status), 4);
	if (sizeof(void *) == 8) {
		ck_assert_uint_eq(sizeof(struct condreq_etag), 24);
		ck_assert_uint_eq(sizeof(struct condreq_etag_iter), 48);
		ck_assert_uint_eq(offsetof(struct condreq_request, method), 8);
		ck_assert_uint_eq(offsetof(struct condreq_request, etag), 24);
		ck_assert_uint_eq(offsetof(struct condreq_request, last_modified), 40);
		ck_assert_uint_eq(offsetof(struct condreq_request, now), 48);
		ck_assert_uint_eq(offsetof(struct condreq_request, has_last_modified), 56);
		ck_assert_uint_eq(offsetof(struct condreq_request, natural_status), 68);
		ck_assert_uint_eq(offsetof(struct condreq_request, if_match), 72);
		ck_assert_uint_eq(offsetof(struct condreq_request, range_len), 160);
		ck_assert_uint_eq(offsetof(struct condreq_request, lines), 168);
		ck_assert_uint_eq(offsetof(struct condreq_request, extra), 200);
		ck_assert_uint_eq(sizeof(struct condreq_request), 584);
	} else if (sizeof(void *) == 4) {
		ck_assert_uint_eq(sizeof(struct condreq_etag), 16);
		ck_assert_uint_eq(offsetof(struct condreq_request, method), 8);
		ck_assert_uint_eq(offsetof(struct condreq_request, last_modified), 24);
	}
	ck_assert_uint_eq(sizeof(struct condreq_result), 32);
}
END_TEST

START_TEST(test_api_init_sizes)
{
	struct condreq_request req;
	struct condreq_result res;

	ck_assert_int_eq(condreq_request_init(NULL, sizeof(req)), CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_request_init(&req, 8), CONDREQ_ESIZE);
	ck_assert_int_eq(condreq_result_init(&res, 4), CONDREQ_ESIZE);
	ck_assert_int_eq(condreq_request_init(&req, sizeof(req)), CONDREQ_OK);
	ck_assert_uint_eq(req.size, sizeof(req));
	ck_assert_int_eq(req.exists, 1);
	ck_assert(req.now == CONDREQ_NOW_UNKNOWN);
	ck_assert_int_eq(condreq_result_init(&res, sizeof(res)), CONDREQ_OK);
	/* A struct whose size was never set is refused, not read. */
	req.size = 0;
	ck_assert_int_eq(condreq_evaluate(&req, &res), CONDREQ_ESIZE);
}
END_TEST

/* Every NULL or out-of-range argument gets a defined answer. */
START_TEST(test_api_bad_arguments)
{
	struct condreq_etag_iter it;
	struct condreq_etag t = { "x", 1, 0, 0 };
	struct condreq_request req;
	struct condreq_result res;
	char buf[8];
	size_t n;
	int64_t v;

	ck_assert_int_eq(condreq_etag_iter_init(NULL, "x", 1, 0), CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_etag_iter_add(NULL, "x", 1), CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_etag_next(NULL, &t, &n), CONDREQ_EINVAL);
	condreq_etag_iter_init(&it, "\"a\"", 3, 0);
	ck_assert_int_eq(condreq_etag_next(&it, NULL, &n), CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_etag_match_strong(NULL, &t), 0);
	ck_assert_int_eq(condreq_etag_match_weak(&t, NULL), 0);
	ck_assert_int_eq(condreq_etag_list_match("\"a\"", 3, "a", 1, 0, &n),
	    CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_if_none_match(NULL, 0, "\"a\"", 3, 1, 0, &n), 1);
	ck_assert_int_eq(condreq_if_none_match("\"a\"", 3, "a", 1, 1, 0, &n),
	    CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_if_none_match("\"a", 2, "\"a\"", 3, 1, 0, &n),
	    CONDREQ_EUNTERMINATED);
	/* An iterator over NULL is an empty list. */
	condreq_etag_iter_init(&it, NULL, 5, 0);
	ck_assert_int_eq(condreq_etag_next(&it, &t, &n), CONDREQ_END);
	ck_assert_int_eq(condreq_etag_iter_add(&it, NULL, 5), CONDREQ_OK);
	ck_assert_int_eq(condreq_etag_next(&it, &t, &n), CONDREQ_END);
	/* Lenient parsing of a value that is only white space or a comma. */
	ck_assert_int_eq(condreq_etag_parse(" ", 1, CONDREQ_F_LENIENT_ETAG,
	    &t, &n), CONDREQ_ETAGCHAR);
	ck_assert_int_eq(condreq_etag_parse(",", 1, CONDREQ_F_LENIENT_ETAG,
	    &t, &n), CONDREQ_ETAGCHAR);
	{
		struct condreq_etag w = { "x", 1, 1, 0 }, s2 = { "x", 1, 0, 0 };

		ck_assert_int_eq(condreq_etag_match_strong(&s2, &w), 0);
		ck_assert_int_eq(condreq_etag_match_strong(&w, &s2), 0);
		ck_assert_int_eq(condreq_etag_match_strong(&s2, NULL), 0);
		ck_assert_int_eq(condreq_etag_match_weak(NULL, &s2), 0);
		ck_assert_int_eq(condreq_etag_match_strong(&s2, &s2), 1);
	}
	ck_assert_int_eq(condreq_etag_list_match(NULL, 0, "\"a\"", 3, 0, &n),
	    CONDREQ_NOMATCH);
	ck_assert_int_eq(condreq_etag_list_match("\"a\", W/", 7, "\"a\"", 3,
	    0, &n), CONDREQ_EWEAK);
	ck_assert_int_eq(condreq_etag_list_match("\"a\"\t", 4, "\"a\"", 3,
	    0, &n), CONDREQ_MATCH);
	ck_assert_int_eq(condreq_etag_format(NULL, buf, sizeof(buf), &n),
	    CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_etag_format(&t, NULL, 8, &n), CONDREQ_EINVAL);
	/* A NULL buffer of size 0 asks for the length only. */
	ck_assert_int_eq(condreq_etag_format(&t, NULL, 0, &n), CONDREQ_ENOSPC);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(condreq_etag_make(1, 1, 1, NULL, 8, &n), CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_etag_make_hash(NULL, 3, buf, 8, &n),
	    CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_etag_make_hash((const unsigned char *)"a", 1,
	    NULL, 8, &n), CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_date_parse("Sun, 06 Xo", 10, 0, 0, &v, &n),
	    CONDREQ_EMONTH);
	ck_assert_int_eq(condreq_date_parse("Sun, 06 No", 10, 0, 0, &v, &n),
	    CONDREQ_ETRUNCATED);
	ck_assert_int_eq(condreq_request_line(NULL, "a: b", 4), CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_result_init(NULL, 32), CONDREQ_EINVAL);
	condreq_request_init(&req, sizeof(req));
	condreq_result_init(&res, sizeof(res));
	/* A present field with an empty value is present. */
	ck_assert_int_eq(condreq_request_header(&req, "If-Match", 8, NULL, 0), 1);
	req.method = "G\"T";
	req.method_len = 3;
	ck_assert_int_eq(condreq_evaluate(&req, &res), CONDREQ_EMETHOD);
	req.method = "PUT";
	ck_assert_int_eq(condreq_evaluate(&req, &res), 412);
	req.size = 0;
	ck_assert_int_eq(condreq_request_header(&req, "If-Match", 8, "x", 1),
	    CONDREQ_ESIZE);
	ck_assert_str_eq(condreq_decided_name(CONDREQ_BY_NOT_2XX),
	    "natural-status");
	ck_assert_str_eq(condreq_decided_name(99), "unknown");
	ck_assert_str_eq(condreq_ignored_reason(0), "unknown reason");
	ck_assert_str_eq(condreq_ignored_reason(1u << 30), "unknown reason");
}
END_TEST

TCase *
tc_api(void)
{
	TCase *tc = tcase_create("api");

	tcase_add_test(tc, test_api_version);
	tcase_add_test(tc, test_api_strerror);
	tcase_add_test(tc, test_api_codes_stable);
	tcase_add_test(tc, test_api_layout);
	tcase_add_test(tc, test_api_init_sizes);
	tcase_add_test(tc, test_api_bad_arguments);
	return tc;
}
