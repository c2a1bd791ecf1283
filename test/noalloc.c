/*
 * No allocation, proven: malloc, calloc, realloc and free are interposed
 * and counted while every public function runs; the count must be zero.
 * Linked against the shared library, so a call from inside it would go
 * through these definitions.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "condreq.h"

static int counting;
static unsigned long calls;

/* Forward to libc through dlsym; a static buffer covers dlsym's own
 * calloc before the real one is known. */
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static char boot[4096];
static size_t bootused;

static void
init(void)
{
	if (real_malloc == NULL) {
		real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
		real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
		real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
		real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
	}
}

void *
malloc(size_t n)
{
	calls += counting;
	init();
	return real_malloc(n);
}

void *
calloc(size_t a, size_t b)
{
	calls += counting;
	if (real_calloc == NULL) {
		void *p = boot + bootused;

		bootused += (a * b + 15) & ~(size_t)15;
		return bootused <= sizeof(boot) ? p : NULL;
	}
	return real_calloc(a, b);
}

void *
realloc(void *p, size_t n)
{
	calls += counting;
	init();
	return real_realloc(p, n);
}

void
free(void *p)
{
	calls += counting;
	if ((char *)p >= boot && (char *)p < boot + sizeof(boot))
		return;
	init();
	real_free(p);
}

int
main(void)
{
	static const char *const lines[] = {
		"If-Match: \"a\", W/\"b\"", "If-Match: \"c\"",
		"If-None-Match: *", "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT",
		"If-Unmodified-Since: Sunday, 06-Nov-94 08:49:37 GMT",
		"If-Range: \"a\"", "Range: bytes=0-1", "X-Other: 1",
	};
	struct condreq_request req;
	struct condreq_line stored[4];
	struct condreq_rep rep;
	struct condreq_result res;
	struct condreq_etag_iter it;
	struct condreq_etag t;
	char buf[64];
	int64_t v;
	size_t i, n;
	static const unsigned char h[4] = { 1, 2, 3, 4 };

	init();
	counting = 1;
	condreq_version();
	condreq_version_string();
	for (i = 0; i < 32; i++) {
		condreq_strerror(-(int)i);
		condreq_code_name(-(int)i);
	}
	condreq_date_parse("Sun, 06 Nov 1994 08:49:37 GMT", 29, 0, 0, &v, &n);
	condreq_date_parse("Sun Nov  6 08:49:37 1994", 24, 0, 0, &v, &n);
	condreq_date_parse("Sunday, 06-Nov-94 08:49:37 GMT", 30, 784111777, 0,
	    &v, &n);
	condreq_date_parse("junk", 4, 0, 0, &v, &n);
	condreq_date_format(v, buf, sizeof(buf), &n);
	condreq_etag_parse("W/\"x\"", 5, 0, &t, &n);
	condreq_etag_iter_init(&it, "\"a\", \"b\"", 8, 0);
	while (condreq_etag_next(&it, &t, NULL, &n) > 0)
		;
	condreq_etag_iter_add(&it, "\"c\"", 3);
	while (condreq_etag_next(&it, &t, NULL, &n) > 0)
		;
	condreq_etag_match_strong(&t, &t);
	condreq_etag_match_weak(&t, &t);
	condreq_rep_init(&rep);
	condreq_rep_set_etag(&rep, "\"a\"", 3, 0, &n);
	rep.last_modified = 784111777;
	rep.has_last_modified = 1;
	condreq_etag_list_match(&rep, "\"a\"", 3, 0, NULL, &n);
	condreq_if_match(&rep, "*", 1, 0, NULL, &n);
	condreq_if_none_match(&rep, "\"a\"", 3, 0, NULL, &n);
	condreq_if_none_match(&rep, "\"b\", W/\"a\"", 10, 0, NULL, &n);
	condreq_etag_format(&t, buf, sizeof(buf), &n);
	condreq_etag_make(1, 2, 3, buf, sizeof(buf), &n);
	condreq_etag_make_hash(h, 4, buf, sizeof(buf), &n);
	condreq_etag_weaken("\"a\"", 3, buf, sizeof(buf), &n);
	condreq_request_init(&req);
	condreq_result_init(&res);
	req.method = "GET";
	req.method_len = 3;
	req.now = 784111777;
	req.lines = stored;
	req.lines_cap = 4;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		condreq_request_line(&req, lines[i], strlen(lines[i]));
	condreq_request_header(&req, "If-Range", 8, "\"a\"", 3);
	condreq_evaluate(&req, &rep, &res);
	condreq_field_name(CONDREQ_IF_RANGE);
	condreq_decided_name(res.decided_by);
	condreq_ignored_reason(CONDREQ_IGN_IMS_LIST);
	condreq_304_keeps_header("ETag", 4);
	counting = 0;
	printf("noalloc: %lu allocator calls across the API (want 0)\n", calls);
	return calls == 0 ? 0 : 1;
}
