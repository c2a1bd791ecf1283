/*
 * condreq-probe(1): a live HTTP server's conditional requests against
 * RFC 9110 section 13.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 *
 *   condreq-probe [--write] [--only PATTERN] [--allow ID,...]
 *       [--compat nginx|apache] [--junit FILE] [--timeout SECONDS]
 *       [--verbose] URL
 *
 * It fetches URL (GET, HEAD, and a one-byte Range), takes the validators
 * the server sent, then sends each case of a matrix built from them and
 * compares the answer with what libcondreq decides. Without --write it
 * sends only GET and HEAD. Exit 0: nothing failed; 1: something did;
 * 2: usage, network error, or a URL that does not answer 200.
 */
#define _POSIX_C_SOURCE 200809L
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "probe.h"

#define MAX_CASES 160

static const char usage[] =
    "usage: condreq-probe [--write] [--only PATTERN,...] [--allow ID,...]\n"
    "           [--compat nginx|apache] [--junit FILE] [--timeout SECONDS]\n"
    "           [--verbose] URL\n"
    "       condreq-probe --help | --version\n";

static const char help[] =
    "Send a matrix of conditional requests to URL and check each answer\n"
    "against RFC 9110 section 13, the expected answers from libcondreq.\n"
    "  --write              also PUT and DELETE (URL may be changed; its\n"
    "                       bytes are put back after each change)\n"
    "  --only PATTERN,...   only the cases whose id a glob matches\n"
    "  --allow PATTERN,...  known deviations: reported, not failed\n"
    "  --compat nginx|apache  expect that server's documented deviations\n"
    "  --junit FILE         also write JUnit XML to FILE\n"
    "  --timeout SECONDS    per request (default 10)\n"
    "  --verbose            print every request's and response's headers\n";

struct opts {
	const char *url, *only, *allow, *junit;
	uint32_t flags;
	long timeout_ms;
	int write, verbose;
};

/* Exit 2 with a message. */
static void
die(const char *what, const char *detail)
{
	fprintf(stderr, "condreq-probe: %s%s%s\n", what, detail ? ": " : "",
	    detail ? detail : "");
	exit(2);
}

static uint32_t
compat_flags(const char *s)
{
	if (strcmp(s, "nginx") == 0)
		return CONDREQ_F_IMS_EXACT | CONDREQ_F_ANY_WEEKDAY;
	if (strcmp(s, "apache") == 0)
		return CONDREQ_F_IMS_IGNORE_FUTURE;
	fprintf(stderr, "condreq-probe: --compat takes nginx or apache\n%s",
	    usage);
	exit(2);
	return 0;	/* not reached: for compilers that do not know exit() */
}

static void
parse_opts(int argc, char **argv, struct opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->timeout_ms = 10000;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--help") == 0) {
			printf("%s\n%s", usage, help);
			exit(0);
		} else if (strcmp(a, "--version") == 0) {
			printf("condreq-probe %s (libcondreq %s)\n",
			    CONDREQ_VERSION_STRING, condreq_version_string());
			exit(0);
		} else if (strcmp(a, "--write") == 0)
			o->write = 1;
		else if (strcmp(a, "--verbose") == 0)
			o->verbose = 1;
		else if (val != NULL && (strcmp(a, "--only") == 0 ||
		    strcmp(a, "--allow") == 0 || strcmp(a, "--junit") == 0 ||
		    strcmp(a, "--compat") == 0 || strcmp(a, "--timeout") == 0)) {
			i++;
			if (a[2] == 'o')
				o->only = val;
			else if (a[2] == 'a')
				o->allow = val;
			else if (a[2] == 'j')
				o->junit = val;
			else if (a[2] == 'c')
				o->flags |= compat_flags(val);
			else if ((o->timeout_ms = (long)(atof(val) * 1000)) <= 0)
				die("--timeout takes a number of seconds", val);
		} else if (a[0] == '-' || o->url != NULL) {
			fprintf(stderr, "condreq-probe: unexpected %s\n%s", a,
			    usage);
			exit(2);
		} else
			o->url = a;
	}
	if (o->url == NULL) {
		fprintf(stderr, "%s", usage);
		exit(2);
	}
}

/* Does one of list's comma-separated globs match the whole of id? */
static int
in_list(const char *list, const char *id)
{
	char pat[128];

	while (list != NULL && *list != '\0') {
		const char *e = strchr(list, ',');
		size_t len = e != NULL ? (size_t)(e - list) : strlen(list);

		snprintf(pat, sizeof(pat), "%.*s", (int)len, list);
		if (fnmatch(pat, id, 0) == 0)
			return 1;
		list = e != NULL ? e + 1 : NULL;
	}
	return 0;
}

static int
selected(const struct opts *o, const char *id)
{
	return o->only == NULL || in_list(o->only, id);
}

static int
allowed(const struct opts *o, const char *id)
{
	return in_list(o->allow, id);
}

/* GET url, which must answer 200: exit 2 otherwise. */
static void
fetch(struct http *h, const char *url, struct response *r)
{
	char msg[400];
	int rc = http_send(h, url, "GET", NULL, 0, NULL, 0, r);

	if (rc != 0)
		die(http_is_tls_error(rc) ? "TLS error" : "no answer from the "
		    "server", r->error);
	if (r->status != 200) {
		snprintf(msg, sizeof(msg), "%s answered %ld to GET, not 200; "
		    "probe a URL that serves a representation", url, r->status);
		die(msg, NULL);
	}
}

/* The validators of the 200 base, and whether Range works. */
static void
validators_of(struct http *h, const struct opts *o,
    const struct response *base, struct validators *v)
{
	char buf[PROBE_LINE_MAX], *range[1] = { "Range: bytes=0-0" };
	struct condreq_etag t;
	struct response r;

	memset(v, 0, sizeof(*v));
	if (response_field(base, "ETag", buf, sizeof(buf)) != NULL) {
		snprintf(v->etag, sizeof(v->etag), "%s", buf);
		v->etag_ok = condreq_etag_parse(buf, strlen(buf), o->flags &
		    CONDREQ_F_LENIENT_ETAG, &t, NULL) == CONDREQ_OK;
	}
	v->now = (int64_t)time(NULL);
	if (response_field(base, "Date", buf, sizeof(buf)) != NULL)
		condreq_date_parse(buf, strlen(buf), v->now, 0, &v->now, NULL);
	if (response_field(base, "Last-Modified", buf, sizeof(buf)) != NULL)
		v->has_lm = condreq_date_parse(buf, strlen(buf), v->now, 0,
		    &v->lm, NULL) == CONDREQ_OK;
	if (http_send(h, o->url, "GET", range, 1, NULL, 0, &r) == 0)
		v->range_works = r.status == 206;
	response_free(&r);
}

struct run {
	struct http h;
	const struct opts *o;
	struct tally t;
	struct response base;       /* the unconditional 200 */
	struct validators v;
	char *original;             /* its bytes, for --write */
	size_t original_len;
};

/* Send c and judge the answer: *e and *out. */
static void
run_case(struct run *u, const struct pcase *c, const char *body,
    size_t body_len, struct expect *e, struct outcome *out)
{
	struct response r;

	judge_expect(c, &u->v, u->o->flags, e);
	if (u->o->verbose)
		printf("  %s\n", c->id);
	http_send(&u->h, u->o->url, c->method, c->line, c->nlines, body,
	    body_len, &r);
	judge_response(c, e, &u->v, u->o->flags, &r, &u->base, out);
	response_free(&r);
}

/* Report and count a judged case (--allow turning a failure into an
 * allowed deviation). */
static void
finish_case(struct run *u, const struct pcase *c, const struct expect *e,
    struct outcome *o)
{
	if (o->verdict != V_PASS && allowed(u->o, c->id))
		o->verdict = V_ALLOWED;
	report_row(c, e, o);
	report_junit_case(c, e, o);
	if (o->verdict == V_PASS)
		u->t.passed++;
	else if (o->verdict == V_ALLOWED)
		u->t.allowed++;
	else
		u->t.failed++;
}

/* Is the resource still its original bytes? */
static int
unchanged(struct run *u)
{
	struct response r;
	int same = http_send(&u->h, u->o->url, "GET", NULL, 0, NULL, 0,
	    &r) == 0 && r.status == 200 && r.body_len == u->original_len &&
	    (r.body_len == 0 || memcmp(r.body, u->original, r.body_len) == 0);

	response_free(&r);
	return same;
}

/* Put the original bytes back, and take the validators anew. */
static void
restore(struct run *u)
{
	struct response r;

	http_send(&u->h, u->o->url, "PUT", NULL, 0, u->original,
	    u->original_len, &r);
	response_free(&r);
	if (!unchanged(u))
		die("could not put the original bytes back", u->o->url);
	response_free(&u->base);
	fetch(&u->h, u->o->url, &u->base);
	validators_of(&u->h, u->o, &u->base, &u->v);
}

/* The PUT and DELETE cases, each on the validators of the moment. */
static void
run_writes(struct run *u)
{
	static struct pcase c[MAX_CASES];
	const char *tail = "condreq-probe was here\n";
	size_t blen = u->original_len + strlen(tail);
	char *body = malloc(blen + 1);
	struct expect e;
	struct outcome o;
	int i, put;

	if (body == NULL)
		die("out of memory", NULL);
	memcpy(body, u->original, u->original_len);
	memcpy(body + u->original_len, tail, strlen(tail) + 1);
	/* The list is made again for each case: a change and its undoing
	 * give the resource new validators. */
	for (i = 0; i < cases_write(c, MAX_CASES, &u->v); i++) {
		if (!selected(u->o, c[i].id))
			continue;
		put = strcmp(c[i].method, "PUT") == 0;
		run_case(u, &c[i], put ? body : NULL, put ? blen : 0, &e, &o);
		if (o.verdict != V_ERROR && (o.got == 412 || o.got == 304) &&
		    !unchanged(u)) {
			o.verdict = V_FAIL;
			snprintf(o.detail, sizeof(o.detail), "RFC 9110 %s: "
			    "answered %ld, yet the resource changed", c[i].rule,
			    o.got);
		}
		finish_case(u, &c[i], &e, &o);
		if (!unchanged(u))
			restore(u);
	}
	free(body);
}

int
main(int argc, char **argv)
{
	static struct pcase c[MAX_CASES];
	struct opts o;
	struct run u;
	struct expect e;
	struct outcome out;
	int i, n;

	parse_opts(argc, argv, &o);
	memset(&u, 0, sizeof(u));
	u.o = &o;
	if (http_init(&u.h, o.timeout_ms, o.verbose) != 0)
		die("cannot start libcurl", NULL);
	if (o.junit != NULL && report_junit_open(o.junit) != 0)
		die("cannot write", o.junit);
	fetch(&u.h, o.url, &u.base);
	validators_of(&u.h, &o, &u.base, &u.v);
	u.original = u.base.body;
	u.original_len = u.base.body_len;
	u.base.body = NULL;
	cases_legend(&u.v);
	if (!u.v.etag_ok && u.v.etag[0] != '\0')
		printf("note: the ETag sent is not an entity-tag (RFC 9110 "
		    "8.8.3): no tag matches it\n");
	if (!u.v.range_works)
		printf("note: Range alone gave no 206: ranges are taken as "
		    "ignored (RFC 9110 14.2 allows it)\n");
	report_header();
	n = cases_read(c, MAX_CASES, &u.v);
	for (i = 0; i < n; i++)
		if (selected(&o, c[i].id)) {
			run_case(&u, &c[i], NULL, 0, &e, &out);
			finish_case(&u, &c[i], &e, &out);
		}
	if (o.write)
		run_writes(&u);
	report_close(&u.t);
	if (u.t.passed + u.t.failed + u.t.allowed == 0)
		die("no case matched --only", o.only);
	if (report_junit_close(&u.t) != 0)
		die("cannot write", o.junit);
	response_free(&u.base);
	free(u.original);
	http_done(&u.h);
	return u.t.failed > 0 ? 1 : 0;
}
