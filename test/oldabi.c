/*
 * A consumer built against an older header: test/sizes.sh compiles it
 * against copies of condreq.h whose sized structs stop early, and runs it
 * against today's shared library. Each struct lies right before a
 * PROT_NONE page, so a read or write past the caller's size crashes.
 * The optional fields the header still declares are named by HAVE_*
 * macros; for each, a scenario shows that the field is honoured when it
 * is there and that its documented default holds when it is not.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "condreq.h"

static int failed;

#define CHECK(cond, what) do { \
	if (!(cond)) { \
		fprintf(stderr, "oldabi: FAIL: %s (line %d)\n", what, \
		    __LINE__); \
		failed++; \
	} \
} while (0)

/* n bytes that end where an inaccessible page begins. */
static void *
at_guard(size_t n)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	char *b = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (b == MAP_FAILED || mprotect(b + pg, pg, PROT_NONE) != 0) {
		perror("oldabi: mmap");
		exit(2);
	}
	return b + pg - n;
}

static struct condreq_request *req;
static struct condreq_rep *rep;
static struct condreq_result *res;

/* A GET against "v2", modified at 1000000000 when the header has room. */
static void
start(const char *method)
{
	CHECK(condreq_request_init(req) == CONDREQ_OK,
	    "request_init at the older size");
	CHECK(condreq_rep_init(rep) == CONDREQ_OK,
	    "rep_init at the older size");
	CHECK(condreq_result_init(res) == CONDREQ_OK,
	    "result_init at the older size");
	CHECK(condreq_rep_set_etag(rep, "\"v2\"", 4, 0, NULL) == CONDREQ_OK,
	    "rep_set_etag");
	req->method = method;
	req->method_len = strlen(method);
#ifdef HAVE_REP_HAS_LAST_MODIFIED
	rep->last_modified = 1000000000;
	rep->has_last_modified = 1;
#endif
}

static void
line(const char *l, int want)
{
	CHECK(condreq_request_line(req, l, strlen(l)) == want, l);
}

static int
eval(void)
{
	return condreq_evaluate(req, rep, res);
}

int
main(void)
{
	static struct condreq_line storage[4];
	int st;

	req = at_guard(sizeof(*req));
	rep = at_guard(sizeof(*rep));
	res = at_guard(sizeof(*res));

	/* Every size from here down to the mandatory fields is accepted. */
	start("GET");
	CHECK(req->size == sizeof(*req), "request size is the caller's");
	CHECK(rep->size == sizeof(*rep), "rep size is the caller's");
	/* The library this program loaded is the one its header describes:
	 * a run-time check from a build apart from the library's own. */
	CHECK(condreq_version() == CONDREQ_VERSION_NUMBER,
	    "condreq_version() is the header's CONDREQ_VERSION_NUMBER");
	CHECK(strcmp(condreq_version_string(), CONDREQ_VERSION_STRING) == 0,
	    "condreq_version_string() is the header's");
	line("If-None-Match: \"v2\"", CONDREQ_OK);
	CHECK(eval() == 304, "a plain 304");
	CHECK(res->status == 304, "status");
#ifdef HAVE_RES_DECIDED_BY
	CHECK(res->decided_by == CONDREQ_BY_IF_NONE_MATCH, "decided_by");
#endif

	/* req.now: an rfc850 date needs it; without it (CONDREQ_NOW_UNKNOWN)
	 * the date is not read, If-Modified-Since is ignored, and the
	 * result says why. */
	start("GET");
#ifdef HAVE_REQ_NOW
	req->now = 1764000000;
#endif
	line("If-Modified-Since: Sunday, 09-Sep-01 01:46:40 GMT", CONDREQ_OK);
	st = eval();
#if defined(HAVE_REQ_NOW) && defined(HAVE_REP_HAS_LAST_MODIFIED)
	CHECK(st == 304, "now honoured");
#else
	CHECK(st == 200, "no now, or no Last-Modified: IMS ignored");
#endif
#ifdef HAVE_RES_IGNORED
# ifndef HAVE_REP_HAS_LAST_MODIFIED
	CHECK(res->ignored == CONDREQ_IGN_IMS_NO_LM ||
	    res->ignored == CONDREQ_IGN_NOW_UNKNOWN, "IMS ignored for a reason");
# elif !defined(HAVE_REQ_NOW)
	CHECK(res->ignored == CONDREQ_IGN_NOW_UNKNOWN, "ENOW: not read, said");
# endif
#endif

	/* req.natural_status: a 404 sets every precondition aside; the
	 * default, 200, evaluates them. */
	start("GET");
#ifdef HAVE_REQ_NATURAL_STATUS
	req->natural_status = 404;
#endif
	line("If-None-Match: \"v2\"", CONDREQ_OK);
	st = eval();
#ifdef HAVE_REQ_NATURAL_STATUS
	CHECK(st == 404, "natural status honoured");
#else
	CHECK(st == 304, "default natural status 200");
#endif

	/* req.lines, lines_cap: storage for a repeated line; without it the
	 * line overflows and If-None-Match can give no 304. */
	start("GET");
#ifdef HAVE_REQ_LINES_CAP
	req->lines = storage;
	req->lines_cap = 4;
	line("If-None-Match: \"a\"", CONDREQ_OK);
	line("If-None-Match: \"v2\"", CONDREQ_OK);
	CHECK(eval() == 304, "repeated lines kept in the caller's storage");
	CHECK(req->nlines == 1, "one stored line");
#else
	(void)storage;
	line("If-None-Match: \"a\"", CONDREQ_OK);
	line("If-None-Match: \"v2\"", CONDREQ_ENOSPC);
	CHECK(eval() == 200, "no storage: overflow fails safe");
	CHECK(req->overflow == 1u << CONDREQ_IF_NONE_MATCH, "overflow bit");
# ifdef HAVE_RES_OVERFLOW
	CHECK(res->overflow == 1u << CONDREQ_IF_NONE_MATCH, "result overflow");
# endif
#endif

	/* rep.lm_strong: only a strong Last-Modified lets an If-Range date
	 * match; the default is weak. */
	start("GET");
#ifdef HAVE_REP_LM_STRONG
	rep->lm_strong = CONDREQ_LM_STRONG;
#endif
	line("Range: bytes=0-1", CONDREQ_OK);
	line("If-Range: Sun, 09 Sep 2001 01:46:40 GMT", CONDREQ_OK);
	st = eval();
#if defined(HAVE_REP_LM_STRONG) && defined(HAVE_REP_HAS_LAST_MODIFIED)
	CHECK(st == 206 && res->status == 206, "strong Last-Modified honoured");
#else
	CHECK(st == 200 && res->status == 200, "default: weak, the full body");
#endif
#ifdef HAVE_RES_MALFORMED
	CHECK(res->malformed == 0, "nothing malformed");
#endif

	/* A size below the mandatory fields is refused, nothing written. */
	CHECK(condreq_request_init_sized(req, 8) == CONDREQ_ESIZE, "request too small");
	CHECK(condreq_rep_init_sized(rep, 8) == CONDREQ_ESIZE, "rep too small");
	CHECK(condreq_result_init_sized(res, 4) == CONDREQ_ESIZE, "result too small");

	printf("oldabi: request %zu, representation %zu, result %zu bytes: %s\n",
	    sizeof(*req), sizeof(*rep), sizeof(*res), failed ? "FAILED" : "ok");
	return failed != 0;
}
