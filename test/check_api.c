/*
 * Tests of the API surface: versions, messages, struct layout and sizes.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stddef.h>
#include <string.h>

#include "condreq.h"
#include "testutil.h"

/* Every code has a name and a text; unknown ones too, never NULL. The
 * numbers of the codes 1.0 merged away are unknown, never reused. (The
 * linked library's version against the header's is checked by programs
 * built apart from it: test/oldabi.c, and each binding's tests.) */
START_TEST(test_api_strerror)
{
	static const int codes[] = {
		CONDREQ_OK, CONDREQ_EINVAL, CONDREQ_ENOSPC, CONDREQ_EEMPTY,
		CONDREQ_ETRUNCATED, CONDREQ_ESYNTAX, CONDREQ_ETRAILING,
		CONDREQ_EWDAYMISMATCH, CONDREQ_ENOW, CONDREQ_EUNQUOTED,
		CONDREQ_EMETHOD, CONDREQ_ESIZE, CONDREQ_EFLAGS
	};
	/* 0.2's date codes (-7 .. -14, -17) are CONDREQ_ESYNTAX and
	 * CONDREQ_EINVAL in 1.0, its list codes CONDREQ_ESYNTAX. */
	static const int gone[] = { -7, -8, -9, -10, -11, -12, -13, -14, -17,
		-19, -20, -21, -22, -23, -26 };
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		ck_assert_ptr_nonnull(condreq_strerror(codes[i]));
		ck_assert_str_ne(condreq_strerror(codes[i]), "unknown error");
		ck_assert_str_ne(condreq_code_name(codes[i]), "CONDREQ_UNKNOWN");
	}
	for (i = 0; i < sizeof(gone) / sizeof(gone[0]); i++) {
		ck_assert_str_eq(condreq_strerror(gone[i]), "unknown error");
		ck_assert_str_eq(condreq_code_name(gone[i]), "CONDREQ_UNKNOWN");
	}
	ck_assert_str_eq(condreq_code_name(CONDREQ_ESYNTAX), "CONDREQ_ESYNTAX");
	ck_assert_str_eq(condreq_code_name(CONDREQ_ESIZE), "CONDREQ_ESIZE");
	ck_assert_str_eq(condreq_code_name(CONDREQ_EFLAGS), "CONDREQ_EFLAGS");
	ck_assert_str_eq(condreq_strerror(CONDREQ_EFLAGS - 1), "unknown error");
	ck_assert_str_eq(condreq_strerror(1), "unknown error");
	ck_assert_str_eq(condreq_strerror(-1000000), "unknown error");
	ck_assert_str_eq(condreq_code_name(42), "CONDREQ_UNKNOWN");
}
END_TEST

/* Codes, bits and named values are ABI: they are never renumbered. */
START_TEST(test_api_codes_stable)
{
	ck_assert_int_eq(CONDREQ_EINVAL, -1);
	ck_assert_int_eq(CONDREQ_ETRUNCATED, -4);
	ck_assert_int_eq(CONDREQ_EWDAYMISMATCH, -15);
	ck_assert_int_eq(CONDREQ_EUNQUOTED, -18);
	ck_assert_int_eq(CONDREQ_ESIZE, -25);
	ck_assert_int_eq(CONDREQ_EFLAGS, -27);
	ck_assert_int_eq(CONDREQ_IF_RANGE, 4);
	ck_assert_uint_eq(CONDREQ_F_WEAK_COMPARE, 32);
	ck_assert_uint_eq(CONDREQ_IGN_UNREACHED, 1u << 16);
	ck_assert_uint_eq(CONDREQ_IGN_ALL_METHOD, 1u << 17);
	ck_assert_uint_eq(CONDREQ_IGN_NOW_UNKNOWN, 1u << 18);
	ck_assert_int_eq(CONDREQ_BY_NOT_2XX, 5);
	ck_assert_int_eq(CONDREQ_BY_METHOD, 6);
	ck_assert_int_eq(CONDREQ_304_KEEP_IF_NO_ETAG, 2);
	ck_assert(CONDREQ_NOW_UNKNOWN == INT64_MIN);
}
END_TEST

/* Where the field lines_cap of a request ends. */
#define CR_END_REQ_LINES_CAP (offsetof(struct condreq_request, lines_cap) + \
	sizeof(uint32_t))

/* The alignment of int64_t in a struct: 4 on i386, 8 elsewhere. */
struct align64 {
	char c;
	int64_t x;
};

/* Struct layout is ABI, pinned per data model: LP64, and ILP32 with
 * int64_t aligned to 4 (i386) or 8 (arm, mips, ppc). */
START_TEST(test_api_layout)
{
	size_t a64 = offsetof(struct align64, x);

	ck_assert_uint_eq(offsetof(struct condreq_request, size), 0);
	ck_assert_uint_eq(offsetof(struct condreq_request, flags), 4);
	ck_assert_uint_eq(offsetof(struct condreq_rep, exists), 4);
	ck_assert_uint_eq(offsetof(struct condreq_result, status), 4);
	ck_assert_uint_eq(offsetof(struct condreq_result, decided_by), 8);
	ck_assert_uint_eq(offsetof(struct condreq_result, overflow), 20);
	ck_assert_uint_eq(sizeof(struct condreq_result), 24);
	if (sizeof(void *) == 8) {
		ck_assert_uint_eq(sizeof(struct condreq_etag), 24);
		ck_assert_uint_eq(sizeof(struct condreq_etag_iter), 80);
		ck_assert_uint_eq(sizeof(struct condreq_line), 24);
		ck_assert_uint_eq(offsetof(struct condreq_rep, etag), 8);
		ck_assert_uint_eq(offsetof(struct condreq_rep, etag_key), 32);
		ck_assert_uint_eq(offsetof(struct condreq_rep, last_modified), 64);
		ck_assert_uint_eq(offsetof(struct condreq_rep, lm_strong), 76);
		ck_assert_uint_eq(sizeof(struct condreq_rep), 80);
		ck_assert_uint_eq(sizeof(struct condreq_value), 16);
		ck_assert_uint_eq(offsetof(struct condreq_request, method), 8);
		ck_assert_uint_eq(offsetof(struct condreq_request, field), 24);
		ck_assert_uint_eq(offsetof(struct condreq_request,
		    field[CONDREQ_RANGE].len), 112);
		ck_assert_uint_eq(offsetof(struct condreq_request, overflow), 120);
		ck_assert_uint_eq(offsetof(struct condreq_request, lines), 128);
		ck_assert_uint_eq(offsetof(struct condreq_request, natural_status),
		    140);
		ck_assert_uint_eq(offsetof(struct condreq_request, now), 144);
		ck_assert_uint_eq(sizeof(struct condreq_request), 152);
	} else if (sizeof(void *) == 4) {
		ck_assert_uint_eq(sizeof(struct condreq_etag), 16);
		ck_assert_uint_eq(sizeof(struct condreq_line), 16);
		ck_assert_uint_eq(offsetof(struct condreq_rep, etag_key), 24);
		ck_assert_uint_eq(offsetof(struct condreq_rep, last_modified), 56);
		ck_assert_uint_eq(sizeof(struct condreq_rep), 72);
		ck_assert_uint_eq(sizeof(struct condreq_value), 8);
		ck_assert_uint_eq(offsetof(struct condreq_request, method), 8);
		ck_assert_uint_eq(offsetof(struct condreq_request, field), 16);
		ck_assert_uint_eq(offsetof(struct condreq_request, overflow), 64);
		ck_assert_uint_eq(offsetof(struct condreq_request, lines), 72);
		ck_assert_uint_eq(offsetof(struct condreq_request, natural_status),
		    80);
		if (a64 == 4) {
			ck_assert_uint_eq(sizeof(struct condreq_etag_iter), 64);
			ck_assert_uint_eq(offsetof(struct condreq_request, now),
			    84);
			ck_assert_uint_eq(sizeof(struct condreq_request), 92);
		} else {
			ck_assert_uint_eq(offsetof(struct condreq_request, now),
			    88);
			ck_assert_uint_eq(sizeof(struct condreq_request), 96);
		}
	} else
		ck_abort_msg("no layout table for %zu-byte pointers",
		    sizeof(void *));
}
END_TEST

/* A struct larger than the library's own (a newer header's): the init
 * zeroes the bytes past ours, 0 being every later field's default. */
START_TEST(test_api_init_larger)
{
	unsigned char buf[512];
	size_t i;

	memset(buf, 0xaa, sizeof(buf));
	ck_assert_int_eq(condreq_request_init_sized((struct condreq_request *)
	    (void *)buf, sizeof(struct condreq_request) + 40), CONDREQ_OK);
	for (i = sizeof(struct condreq_request);
	    i < sizeof(struct condreq_request) + 40; i++)
		ck_assert_uint_eq(buf[i], 0);
	ck_assert_uint_eq(buf[sizeof(struct condreq_request) + 40], 0xaa);
	ck_assert_uint_eq(((struct condreq_request *)(void *)buf)->size,
	    sizeof(struct condreq_request) + 40);
	memset(buf, 0xaa, sizeof(buf));
	ck_assert_int_eq(condreq_rep_init_sized((struct condreq_rep *)
	    (void *)buf, sizeof(struct condreq_rep) + 8), CONDREQ_OK);
	ck_assert_uint_eq(buf[sizeof(struct condreq_rep) + 7], 0);
	ck_assert_uint_eq(buf[sizeof(struct condreq_rep) + 8], 0xaa);
	memset(buf, 0xaa, sizeof(buf));
	ck_assert_int_eq(condreq_result_init_sized((struct condreq_result *)
	    (void *)buf, sizeof(struct condreq_result) + 4), CONDREQ_OK);
	ck_assert_uint_eq(buf[sizeof(struct condreq_result) + 3], 0);
	ck_assert_uint_eq(buf[sizeof(struct condreq_result) + 4], 0xaa);
}
END_TEST

START_TEST(test_api_init_sizes)
{
	struct condreq_request req;
	struct condreq_result res;
	struct condreq_rep rep;

	ck_assert_int_eq(condreq_request_init_sized(NULL, sizeof(req)),
	    CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_rep_init_sized(NULL, sizeof(rep)),
	    CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_result_init_sized(NULL, sizeof(res)),
	    CONDREQ_EINVAL);
	/* Smaller than the mandatory fields: refused, nothing written. */
	req.size = 77;
	ck_assert_int_eq(condreq_request_init_sized(&req, 8), CONDREQ_ESIZE);
	ck_assert_int_eq(condreq_request_init_sized(&req,
	    offsetof(struct condreq_request, nlines)), CONDREQ_ESIZE);
	ck_assert_uint_eq(req.size, 77);
	ck_assert_int_eq(condreq_result_init_sized(&res, 4), CONDREQ_ESIZE);
	ck_assert_int_eq(condreq_result_init_sized(&res,
	    offsetof(struct condreq_result, decided_by) - 1), CONDREQ_ESIZE);
	ck_assert_int_eq(condreq_rep_init_sized(&rep,
	    offsetof(struct condreq_rep, etag_key)), CONDREQ_ESIZE);
	ck_assert_int_eq(condreq_request_init(&req), CONDREQ_OK);
	ck_assert_uint_eq(req.size, sizeof(req));
	ck_assert(req.now == CONDREQ_NOW_UNKNOWN);
	ck_assert_int_eq(req.natural_status, 0);
	ck_assert_ptr_null(req.lines);
	ck_assert_int_eq(condreq_rep_init(&rep), CONDREQ_OK);
	ck_assert_int_eq(rep.exists, 1);
	ck_assert_int_eq(rep.has_last_modified, 0);
	ck_assert_int_eq(rep.lm_strong, CONDREQ_LM_WEAK);
	ck_assert_ptr_null(rep.etag.opaque);
	ck_assert_int_eq(condreq_result_init(&res), CONDREQ_OK);
	/* A struct whose size was never set (or was spoiled) is refused. */
	req.method = "GET";
	req.method_len = 3;
	req.size = 0;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), CONDREQ_ESIZE);
	req.size = sizeof(req);
	rep.size = 0;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), CONDREQ_ESIZE);
	{
		int fault = 0;

		/* Refused, and the answer lets nothing through. */
		ck_assert_int_eq(condreq_if_match(&rep, "*", 1, 0, &fault,
		    NULL), 0);
		ck_assert_int_eq(fault, CONDREQ_ESIZE);
	}
	ck_assert_int_eq(condreq_rep_set_etag(&rep, "\"a\"", 3, 0, NULL),
	    CONDREQ_ESIZE);
	rep.size = sizeof(rep);
	res.size = 3;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), CONDREQ_ESIZE);
}
END_TEST

/* Every NULL or out-of-range argument gets a defined answer. */
START_TEST(test_api_bad_arguments)
{
	struct condreq_etag_iter it;
	struct condreq_etag t = { "x", 1, 0, 0 };
	struct condreq_request req;
	struct condreq_result res;
	struct condreq_rep rep;
	char buf[8];
	size_t n;
	int64_t v;
	int fault;

	ck_assert_int_eq(condreq_etag_iter_init(NULL, "x", 1, 0), CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_etag_iter_add(NULL, "x", 1), CONDREQ_EINVAL);
	/* The iterator ends on a bad argument, its fault says why. */
	ck_assert_int_eq(condreq_etag_next(NULL, &t, &fault, &n), CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_EINVAL);
	condreq_etag_iter_init(&it, "\"a\"", 3, 0);
	ck_assert_int_eq(condreq_etag_next(&it, NULL, &fault, &n),
	    CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_etag_next(NULL, NULL, NULL, NULL),
	    CONDREQ_END);
	/* Unknown flag bits: the iterator says so on every call. */
	ck_assert_int_eq(condreq_etag_iter_init(&it, "\"a\"", 3, 1u << 12),
	    CONDREQ_EFLAGS);
	ck_assert_int_eq(condreq_etag_next(&it, &t, &fault, &n), CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_EFLAGS);
	ck_assert_int_eq(condreq_etag_next(&it, &t, &fault, &n), CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_EFLAGS);
	/* The internal bits of the cursor's flags are refused as well. */
	ck_assert_int_eq(condreq_etag_iter_init(&it, "\"a\"", 3, 1u << 31),
	    CONDREQ_EFLAGS);
	ck_assert_int_eq(condreq_etag_next(&it, &t, &fault, &n), CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_EFLAGS);
	ck_assert_int_eq(condreq_etag_parse("\"a\"", 3, 1u << 12, &t, &n),
	    CONDREQ_EFLAGS);
	ck_assert_int_eq(condreq_etag_match_strong(NULL, &t), 0);
	ck_assert_int_eq(condreq_etag_match_weak(&t, NULL), 0);
	/* No representation: nothing matches, "*" says none exists. */
	ck_assert_int_eq(condreq_etag_list_match(NULL, "\"a\"", 3, 0, NULL,
	    &n), CONDREQ_NOMATCH);
	ck_assert_int_eq(condreq_etag_list_match(NULL, "*", 1, 0, NULL, &n),
	    CONDREQ_NOMATCH);
	ck_assert_int_eq(condreq_if_match(NULL, "*", 1, 0, NULL, &n), 0);
	ck_assert_int_eq(condreq_if_none_match(NULL, "*", 1, 0, NULL, &n), 1);
	ck_assert_int_eq(condreq_if_none_match(NULL, "\"a\"", 3, 0, NULL,
	    &n), 1);
	/* The conditions' comparisons are the RFC's, not a flag's: refused,
	 * with an answer that lets nothing through. */
	condreq_rep_init(&rep);
	condreq_rep_set_etag(&rep, "\"a\"", 3, 0, NULL);
	ck_assert_int_eq(condreq_if_match(&rep, "W/\"a\"", 5,
	    CONDREQ_F_WEAK_COMPARE, &fault, &n), 0);
	ck_assert_int_eq(fault, CONDREQ_EFLAGS);
	ck_assert_int_eq(condreq_if_none_match(&rep, "\"b\"", 3,
	    CONDREQ_F_WEAK_COMPARE, &fault, &n), 0);
	ck_assert_int_eq(fault, CONDREQ_EFLAGS);
	ck_assert_int_eq(condreq_etag_list_match(&rep, "\"a\"", 3, 1u << 30,
	    &fault, &n), 0);
	ck_assert_int_eq(fault, CONDREQ_EFLAGS);
	ck_assert_int_eq(condreq_etag_list_match(&rep, "*", 1, 0, &fault, &n),
	    CONDREQ_MATCH);
	ck_assert_int_eq(fault, CONDREQ_OK);
	ck_assert_int_eq(if_none_match_str(NULL, 0, "\"a\"", 3, 1, 0, &n), 1);
	ck_assert_int_eq(if_none_match_str("\"a", 2, "\"a\"", 3, 1, 0, &n),
	    CONDREQ_ESYNTAX);
	/* An iterator over NULL is an empty list. */
	condreq_etag_iter_init(&it, NULL, 5, 0);
	ck_assert_int_eq(condreq_etag_next(&it, &t, &fault, &n), CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_OK);
	ck_assert_int_eq(condreq_etag_iter_add(&it, NULL, 5), CONDREQ_OK);
	ck_assert_int_eq(condreq_etag_next(&it, &t, &fault, &n), CONDREQ_END);
	ck_assert_int_eq(fault, CONDREQ_OK);
	/* Lenient parsing of a value that is only white space or a comma. */
	ck_assert_int_eq(condreq_etag_parse(" ", 1, CONDREQ_F_LENIENT_ETAG,
	    &t, &n), CONDREQ_ESYNTAX);
	ck_assert_int_eq(condreq_etag_parse(",", 1, CONDREQ_F_LENIENT_ETAG,
	    &t, &n), CONDREQ_ESYNTAX);
	{
		struct condreq_etag w = { "x", 1, 1, 0 }, s2 = { "x", 1, 0, 0 };
		struct condreq_etag z = { NULL, 1, 0, 0 };

		ck_assert_int_eq(condreq_etag_match_strong(&s2, &w), 0);
		ck_assert_int_eq(condreq_etag_match_strong(&w, &s2), 0);
		ck_assert_int_eq(condreq_etag_match_strong(&s2, NULL), 0);
		ck_assert_int_eq(condreq_etag_match_weak(NULL, &s2), 0);
		ck_assert_int_eq(condreq_etag_match_strong(&s2, &s2), 1);
		/* A tag with no bytes to point to never matches. */
		ck_assert_int_eq(condreq_etag_match_weak(&z, &s2), 0);
		ck_assert_int_eq(condreq_etag_match_weak(&s2, &z), 0);
	}
	ck_assert_int_eq(list_match_str("\"a\", W/", 7, "\"a\"", 3, 0, &n),
	    CONDREQ_ESYNTAX);
	ck_assert_int_eq(list_match_str("\"a\"\t", 4, "\"a\"", 3, 0, &n),
	    CONDREQ_MATCH);
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
	    CONDREQ_ESYNTAX);
	ck_assert_uint_eq(n, 8);
	ck_assert_int_eq(condreq_date_parse("Sun, 06 No", 10, 0, 0, &v, &n),
	    CONDREQ_ETRUNCATED);
	ck_assert_int_eq(condreq_request_line(NULL, "a: b", 4), CONDREQ_EINVAL);
	ck_assert_int_eq(condreq_request_line(&req, NULL, 4), CONDREQ_EINVAL);
	condreq_request_init(&req);
	condreq_result_init(&res);
	/* A present field with an empty value is present; success is
	 * CONDREQ_OK, for a field the decision reads or not. */
	ck_assert_int_eq(condreq_request_header(&req, "If-Match", 8, NULL, 0),
	    CONDREQ_OK);
	ck_assert_ptr_nonnull(req.field[CONDREQ_IF_MATCH].value);
	ck_assert_int_eq(condreq_request_header(&req, "Host", 4, "a", 1),
	    CONDREQ_OK);
	ck_assert_int_eq(condreq_request_line(&req, "Host: a", 7), CONDREQ_OK);
	req.method = "G\"T";
	req.method_len = 3;
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), CONDREQ_EMETHOD);
	req.method = "PUT";
	ck_assert_int_eq(condreq_evaluate(&req, &rep, &res), 412);
	req.size = 0;
	ck_assert_int_eq(condreq_request_header(&req, "If-Match", 8, "x", 1),
	    CONDREQ_ESIZE);
	ck_assert_str_eq(condreq_decided_name(CONDREQ_BY_NOT_2XX),
	    "natural-status");
	ck_assert_str_eq(condreq_decided_name(99), "unknown");
	/* A precondition's decided name is its field's name. */
	ck_assert_str_eq(condreq_decided_name(CONDREQ_BY_IF_MATCH),
	    condreq_field_name(CONDREQ_IF_MATCH));
	ck_assert_str_eq(condreq_decided_name(CONDREQ_BY_IF_UNMODIFIED_SINCE),
	    condreq_field_name(CONDREQ_IF_UNMODIFIED_SINCE));
	ck_assert_str_eq(condreq_decided_name(CONDREQ_BY_IF_NONE_MATCH),
	    condreq_field_name(CONDREQ_IF_NONE_MATCH));
	ck_assert_str_eq(condreq_decided_name(CONDREQ_BY_IF_MODIFIED_SINCE),
	    condreq_field_name(CONDREQ_IF_MODIFIED_SINCE));
	ck_assert_str_eq(condreq_ignored_reason(0), "unknown reason");
	ck_assert_str_eq(condreq_ignored_reason(1u << 30), "unknown reason");
}
END_TEST

/* The optional fields of a sized struct that ends before them: for each
 * size from the mandatory fields up, the library writes no byte past it
 * (a canary stays) and behaves as the documented defaults say. The same
 * promise, from programs built against older headers, is test/sizes.sh. */
START_TEST(test_api_short_structs)
{
	static const size_t res_cuts[] = {
		offsetof(struct condreq_result, decided_by),
		offsetof(struct condreq_result, ignored),
		offsetof(struct condreq_result, malformed),
		offsetof(struct condreq_result, overflow),
	};
	static const size_t req_cuts[] = {
		offsetof(struct condreq_request, lines),
		offsetof(struct condreq_request, lines_cap),
		offsetof(struct condreq_request, natural_status),
		offsetof(struct condreq_request, now),
	};
	static const size_t rep_cuts[] = {
		offsetof(struct condreq_rep, last_modified),
		offsetof(struct condreq_rep, has_last_modified),
		offsetof(struct condreq_rep, lm_strong),
	};
	union {
		struct condreq_request req;
		unsigned char b[sizeof(struct condreq_request)];
	} q;
	union {
		struct condreq_rep rep;
		unsigned char b[sizeof(struct condreq_rep)];
	} r;
	union {
		struct condreq_result res;
		unsigned char b[sizeof(struct condreq_result)];
	} o;
	struct condreq_line lines[2];
	size_t i, k;

	/* Results: the fields past the size keep the canary. */
	condreq_rep_init(&r.rep);
	condreq_rep_set_etag(&r.rep, "\"v\"", 3, 0, NULL);
	for (i = 0; i < sizeof(res_cuts) / sizeof(res_cuts[0]); i++) {
		memset(o.b, 0xaa, sizeof(o.b));
		ck_assert_int_eq(condreq_result_init_sized(&o.res, res_cuts[i]),
		    CONDREQ_OK);
		condreq_request_init(&q.req);
		q.req.method = "GET";
		q.req.method_len = 3;
		q.req.field[CONDREQ_IF_NONE_MATCH].value = "\"v\"";
		q.req.field[CONDREQ_IF_NONE_MATCH].len = 3;
		ck_assert_int_eq(condreq_evaluate(&q.req, &r.rep, &o.res), 304);
		for (k = res_cuts[i]; k < sizeof(o.b); k++)
			ck_assert_uint_eq(o.b[k], 0xaa);
		q.req.method_len = 0;
		ck_assert_int_eq(condreq_evaluate(&q.req, &r.rep, &o.res),
		    CONDREQ_EMETHOD);
		for (k = res_cuts[i]; k < sizeof(o.b); k++)
			ck_assert_uint_eq(o.b[k], 0xaa);
	}
	/* Requests: no storage, no natural status, no clock. */
	for (i = 0; i < sizeof(req_cuts) / sizeof(req_cuts[0]); i++) {
		memset(q.b, 0xaa, sizeof(q.b));
		ck_assert_int_eq(condreq_request_init_sized(&q.req, req_cuts[i]),
		    CONDREQ_OK);
		for (k = req_cuts[i]; k < sizeof(q.b); k++)
			ck_assert_uint_eq(q.b[k], 0xaa);
		q.req.method = "GET";
		q.req.method_len = 3;
		if (req_cuts[i] >= CR_END_REQ_LINES_CAP) {
			q.req.lines = lines;
			q.req.lines_cap = 2;
		}
		ck_assert_int_eq(condreq_request_line(&q.req,
		    "If-None-Match: \"x\"", 18), CONDREQ_OK);
		ck_assert_int_eq(condreq_request_line(&q.req,
		    "If-None-Match: \"v\"", 18),
		    req_cuts[i] >= CR_END_REQ_LINES_CAP ? CONDREQ_OK :
		    CONDREQ_ENOSPC);
		condreq_request_line(&q.req, "If-Modified-Since: Sunday, "
		    "09-Sep-01 01:46:40 GMT", 49);
		condreq_result_init(&o.res);
		ck_assert_int_eq(condreq_evaluate(&q.req, &r.rep, &o.res),
		    req_cuts[i] >= CR_END_REQ_LINES_CAP ? 304 : 200);
		for (k = req_cuts[i]; k < sizeof(q.b); k++)
			ck_assert_uint_eq(q.b[k], 0xaa);
	}
	/* Representations: no Last-Modified, or a weak one. */
	for (i = 0; i < sizeof(rep_cuts) / sizeof(rep_cuts[0]); i++) {
		int has_lm = rep_cuts[i] >= offsetof(struct condreq_rep,
		    has_last_modified) + sizeof(int32_t);

		memset(r.b, 0xaa, sizeof(r.b));
		ck_assert_int_eq(condreq_rep_init_sized(&r.rep, rep_cuts[i]),
		    CONDREQ_OK);
		condreq_rep_set_etag(&r.rep, "\"v\"", 3, 0, NULL);
		if (has_lm) {
			r.rep.last_modified = 1000000000;
			r.rep.has_last_modified = 1;
		}
		for (k = rep_cuts[i]; k < sizeof(r.b); k++)
			ck_assert_uint_eq(r.b[k], 0xaa);
		condreq_request_init(&q.req);
		q.req.method = "GET";
		q.req.method_len = 3;
		condreq_request_line(&q.req, "If-Modified-Since: Sun, 09 Sep "
		    "2001 01:46:40 GMT", 48);
		condreq_result_init(&o.res);
		ck_assert_int_eq(condreq_evaluate(&q.req, &r.rep, &o.res),
		    has_lm ? 304 : 200);
		ck_assert_uint_eq(o.res.ignored, has_lm ? 0 :
		    CONDREQ_IGN_IMS_NO_LM);
		/* lm_strong is never within these sizes: its default, weak,
		 * sends the full body. */
		condreq_request_init(&q.req);
		q.req.method = "GET";
		q.req.method_len = 3;
		condreq_request_line(&q.req, "Range: bytes=0-1", 16);
		condreq_request_line(&q.req, "If-Range: Sun, 09 Sep 2001 "
		    "01:46:40 GMT", 39);
		ck_assert_int_eq(condreq_evaluate(&q.req, &r.rep, &o.res), 200);
		ck_assert_int_eq(o.res.status, 200);
	}
}
END_TEST

TCase *
tc_api(void)
{
	TCase *tc = tcase_create("api");

	tcase_add_test(tc, test_api_strerror);
	tcase_add_test(tc, test_api_codes_stable);
	tcase_add_test(tc, test_api_layout);
	tcase_add_test(tc, test_api_init_larger);
	tcase_add_test(tc, test_api_init_sizes);
	tcase_add_test(tc, test_api_short_structs);
	tcase_add_test(tc, test_api_bad_arguments);
	return tc;
}
