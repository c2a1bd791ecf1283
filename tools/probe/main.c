/*
 * condreq-probe(1): a live HTTP server's conditional requests against
 * RFC 9110 section 13.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 *
 *   condreq-probe [--write] [--cache] [--strict] [--only PATTERN,...]
 *       [--allow PATTERN,...] [--compat nginx|apache] [--junit FILE]
 *       [--timeout SECONDS] [--deadline SECONDS] [--verbose] URL
 *
 * It fetches URL (GET, and a one-byte Range), takes the validators the
 * server sent, then sends each case of a matrix built from them and
 * compares the answer with what libcondreq decides. Without --write it
 * sends only GET and HEAD. With it, every write is verified by a read no
 * cache may answer, and undone; when the probe cannot be sure of the
 * origin's state it refuses, or stops, with exit 2. Exit 0: nothing
 * failed; 1: something did; 2: usage, network error, a URL that does not
 * answer 200, writes that could not be verified or undone, the deadline.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "probe.h"

#define MAX_CASES 160

static const char usage[] =
    "usage: condreq-probe [--write] [--cache] [--strict] [--only PATTERN,...]\n"
    "           [--allow PATTERN,...] [--compat nginx|apache] [--junit FILE]\n"
    "           [--timeout SECONDS] [--deadline SECONDS] [--verbose] URL\n"
    "       condreq-probe --help | --version\n";

static const char help[] =
    "Send a matrix of conditional requests to URL and check each answer\n"
    "against RFC 9110 section 13, the expected answers from libcondreq.\n"
    "  --write              also PUT and DELETE: each write is verified by\n"
    "                       a read no cache may answer and undone; the\n"
    "                       probe refuses (exit 2) when it cannot be sure\n"
    "  --cache              judge URL as a cache (RFC 9111); also taken\n"
    "                       from Age, Via, X-Cache in the answers\n"
    "  --strict             a SHOULD deviation fails (default: a warning)\n"
    "  --only PATTERN,...   only the cases whose id a glob matches\n"
    "  --allow PATTERN,...  known deviations: reported, not failed\n"
    "  --compat nginx|apache  expect that server's documented deviations\n"
    "  --junit FILE         also write JUnit XML to FILE (at the end)\n"
    "  --timeout SECONDS    per request (default 10)\n"
    "  --deadline SECONDS   for the whole run (default 600)\n"
    "  --verbose            print every request's and response's headers\n";

struct opts {
	const char *url, *only, *allow, *junit;
	uint32_t flags;
	long timeout_ms, deadline_s;
	int write, verbose, cache, strict;
};

/* Exit 2 with a message. */
static void
die(const char *what, const char *detail)
{
	fprintf(stderr, "condreq-probe: %s%s%s\n", what, detail ? ": " : "",
	    detail ? detail : "");
	exit(2);
}

static void
usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "condreq-probe: %s%s%s\n%s", what, arg ? " " : "",
	    arg ? arg : "", usage);
	exit(2);
}

static uint32_t
compat_flags(const char *s)
{
	if (strcmp(s, "nginx") == 0)
		return CONDREQ_F_IMS_EXACT | CONDREQ_F_ANY_WEEKDAY;
	if (strcmp(s, "apache") == 0)
		return CONDREQ_F_IMS_IGNORE_FUTURE;
	usage_error("--compat takes nginx or apache, not", s);
	return 0;	/* not reached: for compilers that do not know exit() */
}

/* A number of seconds in (0, max], as milliseconds; exit 2 otherwise
 * (nan, inf, 1e300 and the like included). */
static long
seconds(const char *opt, const char *s, double max)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(d > 0) || !(d <= max))
		usage_error(opt, "takes a number of seconds above 0 and at most "
		    "one day");
	return (long)(d * 1000);
}

/* Each comma-separated glob of list must match some case id: a pattern
 * that matches nothing is a usage error, before anything is sent. */
static void
check_patterns(const char *opt, const char *list, int writes)
{
	char pat[128];

	while (list != NULL && *list != '\0') {
		const char *e = strchr(list, ',');
		size_t len = e != NULL ? (size_t)(e - list) : strlen(list);

		snprintf(pat, sizeof(pat), "%.*s", (int)len, list);
		if (len >= sizeof(pat) || !cases_known(pat, writes)) {
			fprintf(stderr, "condreq-probe: %s %s matches no case%s "
			    "(condreq-probe(1) lists them)\n", opt, pat,
			    writes ? "" : " without --write");
			exit(2);
		}
		list = e != NULL ? e + 1 : NULL;
	}
}

static void
parse_opts(int argc, char **argv, struct opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->timeout_ms = 10000;
	o->deadline_s = 600;
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
		else if (strcmp(a, "--cache") == 0)
			o->cache = 1;
		else if (strcmp(a, "--strict") == 0)
			o->strict = 1;
		else if (val != NULL && (strcmp(a, "--only") == 0 ||
		    strcmp(a, "--allow") == 0 || strcmp(a, "--junit") == 0 ||
		    strcmp(a, "--compat") == 0 || strcmp(a, "--timeout") == 0 ||
		    strcmp(a, "--deadline") == 0)) {
			i++;
			if (a[2] == 'o')
				o->only = val;
			else if (a[2] == 'a')
				o->allow = val;
			else if (a[2] == 'j')
				o->junit = val;
			else if (a[2] == 'c')
				o->flags |= compat_flags(val);
			else if (a[2] == 't')
				o->timeout_ms = seconds(a, val, 86400);
			else
				o->deadline_s = seconds(a, val, 86400) / 1000;
		} else if (a[0] == '-' || o->url != NULL)
			usage_error("unexpected", a);
		else
			o->url = a;
	}
	if (o->url == NULL)
		usage_error("no URL", NULL);
	if (o->deadline_s == 0)
		o->deadline_s = 1;
	check_patterns("--only", o->only, o->write);
	check_patterns("--allow", o->allow, o->write);
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

struct run {
	struct http h;
	const struct opts *o;
	struct tally t;
	struct response base;       /* the unconditional 200 */
	struct validators v;
	char cache_why[200];        /* the evidence of a cache, or "" */
	char *original;             /* its bytes, for --write */
	size_t original_len;
	char *body;                 /* what the PUT cases send */
	int strong_first;           /* the first ETag seen was strong */
	size_t body_len;
};

static struct run *the_run;     /* for stop(): the report so far */
static int reporting;           /* the table has begun */

/* End the run with exit 2, the report so far written (the closing line,
 * the JUnit file). */
static void
stop(const char *what, const char *detail)
{
	report_close(&the_run->t);
	if (report_junit_write(the_run->o->junit, &the_run->t) != 0)
		fprintf(stderr, "condreq-probe: cannot write %s\n",
		    the_run->o->junit);
	die(what, detail);
}

/* GET url, which must answer 200: exit 2 otherwise. */
static void
fetch(struct http *h, const char *url, char *const *lines, int nlines,
    struct response *r)
{
	char msg[600];
	int rc = http_send(h, url, "GET", lines, nlines, NULL, 0, r);

	/* Once the table has begun, the report so far is kept (stop()). */
	void (*end)(const char *, const char *) = reporting ? stop : die;

	if (rc != 0)
		end(http_is_tls_error(rc) ? "TLS error" : "no answer from the "
		    "server", r->error);
	if (r->status != 200) {
		snprintf(msg, sizeof(msg), "%s answered %ld to GET, not 200; "
		    "probe a URL that serves a representation", url, r->status);
		end(msg, NULL);
	}
}

/* Evidence in r that a cache answered (RFC 9111 5.1 Age, RFC 9110 7.6.3
 * Via, and the X-Cache fields caches add): its name into why. */
static int
cache_evidence(const struct response *r, char *why, size_t whysz)
{
	static const char *const names[] = { "Age", "Via", "X-Cache",
		"X-Cache-Status", "X-Varnish", "CF-Cache-Status",
		"X-Proxy-Cache" };
	char buf[200], e[240];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (response_field(r, names[i], buf, sizeof(buf)) != NULL) {
			snprintf(why, whysz, "%s: %s", names[i],
			    escape(buf, strlen(buf), e, sizeof(e)));
			return 1;
		}
	return 0;
}

/* Did a cache answer r from storage (Age above 0, X-Cache: HIT, or
 * Varnish's two transaction numbers)? */
static int
cache_hit(const struct response *r)
{
	char buf[200];

	if (response_field(r, "Age", buf, sizeof(buf)) != NULL &&
	    strtol(buf, NULL, 10) > 0)
		return 1;
	if ((response_field(r, "X-Cache", buf, sizeof(buf)) != NULL ||
	    response_field(r, "X-Cache-Status", buf, sizeof(buf)) != NULL) &&
	    (strstr(buf, "HIT") != NULL || strstr(buf, "hit") != NULL))
		return 1;
	return response_field(r, "X-Varnish", buf, sizeof(buf)) != NULL &&
	    strchr(buf, ' ') != NULL;
}

/* Takes the value of field name when there is exactly one line of it and
 * it fits; else why not, in why. */
static const char *
one_field(const struct response *r, const char *name, char *buf,
    size_t bufsz, char *why, size_t whysz)
{
	size_t len;
	int n = response_count(r, name, &len);

	if (n == 0)
		snprintf(why, whysz, "the server sent no %s", name);
	else if (n > 1)
		snprintf(why, whysz, "the server sent %d %s fields: which one "
		    "holds is not defined", n, name);
	else if (len >= bufsz)
		snprintf(why, whysz, "the %s is %zu bytes, over the probe's "
		    "limit of %zu", name, len, bufsz - 1);
	else
		return response_field(r, name, buf, bufsz);
	return NULL;
}

/* The validators of the 200 base, whether they hold from one GET to the
 * next, and whether Range works. */
static void
validators_of(struct run *u, const struct response *base,
    struct validators *v)
{
	static char buf[PROBE_TAG_MAX], buf2[PROBE_TAG_MAX];
	char *range[1] = { "Range: bytes=0-0" }, e1[200], e2[200];
	struct response r;
	int cache = v->cache;

	memset(v, 0, sizeof(*v));
	v->cache = cache;
	v->now = (int64_t)time(NULL);
	if (response_field(base, "Date", buf, sizeof(buf)) != NULL)
		judge_date(buf, strlen(buf), v->now, &v->now);
	if (one_field(base, "ETag", buf, sizeof(buf), v->no_etag,
	    sizeof(v->no_etag)) != NULL) {
		snprintf(v->etag, sizeof(v->etag), "%s", buf);
		v->etag_ok = judge_etag_ok(buf, strlen(buf), u->o->flags);
		v->etag_weak = strncmp(buf, "W/", 2) == 0;
	}
	if (one_field(base, "Last-Modified", buf, sizeof(buf), v->no_lm,
	    sizeof(v->no_lm)) != NULL) {
		v->has_lm = judge_date(buf, strlen(buf), v->now, &v->lm);
		if (!v->has_lm)
			snprintf(v->no_lm, sizeof(v->no_lm), "the "
			    "Last-Modified sent is not an HTTP-date");
	}
	/* A second GET: validators that change on every request are named
	 * as such, not blamed on 13.1's rules. */
	if (http_send(&u->h, u->o->url, "GET", NULL, 0, NULL, 0, &r) == 0 &&
	    r.status == 200) {
		if (v->etag[0] != '\0' && (response_field(&r, "ETag", buf2,
		    sizeof(buf2)) == NULL || strcmp(buf2, v->etag) != 0)) {
			snprintf(v->no_etag, sizeof(v->no_etag), "the ETag "
			    "changed from one GET to the next (%s, then %s)",
			    escape(v->etag, strlen(v->etag), e1, sizeof(e1)),
			    escape(buf2, strlen(buf2), e2, sizeof(e2)));
			v->etag[0] = '\0';
			v->etag_ok = v->etag_weak = 0;
		}
		if (v->has_lm && (response_field(&r, "Last-Modified", buf2,
		    sizeof(buf2)) == NULL || !judge_date(buf2, strlen(buf2),
		    v->now, &v->lm) || response_field(base, "Last-Modified",
		    buf, sizeof(buf)) == NULL || strcmp(buf, buf2) != 0)) {
			snprintf(v->no_lm, sizeof(v->no_lm), "Last-Modified "
			    "changed from one GET to the next");
			v->has_lm = 0;
		}
	}
	response_free(&r);
	if (http_send(&u->h, u->o->url, "GET", range, 1, NULL, 0, &r) == 0)
		v->range_works = r.status == 206;
	response_free(&r);
}

/* Send c and judge the answer: *e and *out. */
static void
run_case(struct run *u, const struct pcase *c, const char *body,
    size_t body_len, struct expect *e, struct outcome *out)
{
	struct response r;
	size_t extra;

	judge_expect(c, &u->v, u->o->flags, e);
	if (u->o->verbose)
		printf("  %s\n", c->id);
	http_send(&u->h, u->o->url, c->method, c->line, c->nlines, body,
	    body_len, &r);
	judge_response(c, e, &r, &u->base, out);
	/* libcurl drops what follows a 304's head: read it raw (15.4.5). */
	if (r.curl_code == 0 && r.status == 304 && out->verdict == V_PASS &&
	    http_bytes_after_head(&u->h, u->o->url, c->method, c->line,
	    c->nlines, &extra) == 0 && extra > 0) {
		out->verdict = V_FAIL;
		snprintf(out->detail, sizeof(out->detail), "15.4.5: a 304 has "
		    "no content; %zu bytes followed this one's header block",
		    extra);
	}
	response_free(&r);
}

/* Report and count a case: a SHOULD deviation is a warning (unless
 * --strict), --allow turns a failure (never an error: an error is no
 * answer to judge) into an allowed deviation. */
static void
finish_case(struct run *u, const struct pcase *c, const struct expect *e,
    struct outcome *o)
{
	if (o->verdict == V_FAIL && c->strength == SHOULD && !u->o->strict)
		o->verdict = V_WARN;
	if ((o->verdict == V_FAIL || o->verdict == V_WARN) &&
	    in_list(u->o->allow, c->id))
		o->verdict = V_ALLOWED;
	report_row(c, e, o);
	report_junit_case(c, e, o);
	if (o->verdict == V_PASS)
		u->t.passed++;
	else if (o->verdict == V_ALLOWED)
		u->t.allowed++;
	else if (o->verdict == V_SKIP)
		u->t.skipped++;
	else if (o->verdict == V_WARN)
		u->t.warnings++;
	else
		u->t.failed++;
}

static void
skip_case(struct run *u, const struct pcase *c, const char *why)
{
	struct expect e;
	struct outcome o;

	memset(&e, 0, sizeof(e));
	memset(&o, 0, sizeof(o));
	o.verdict = V_SKIP;
	if (why != NULL && why != c->skip)
		snprintf(((struct pcase *)c)->skip, sizeof(c->skip), "%s", why);
	finish_case(u, c, &e, &o);
}

/* ---- --write: the origin's state, verified ------------------------------ */

/* What a verified read saw. */
enum state { S_ORIGINAL, S_WRITTEN, S_GONE, S_OTHER, S_UNSURE };

/* GET url with no cache allowed to answer (Cache-Control: no-cache,
 * RFC 9111 5.2.1.4): which state it shows; S_UNSURE, with why, when no
 * answer came or a cache answered anyway. */
static int
verified_state(struct run *u, char *why, size_t whysz)
{
	char *nc[2] = { "Cache-Control: no-cache", "Pragma: no-cache" };
	char ev[200];
	struct response r;
	int s;

	if (http_send(&u->h, u->o->url, "GET", nc, 2, NULL, 0, &r) != 0) {
		snprintf(why, whysz, "the verifying GET got no answer: %s",
		    r.error);
		s = S_UNSURE;
	} else if (cache_hit(&r)) {
		cache_evidence(&r, ev, sizeof(ev));
		snprintf(why, whysz, "a cache answered a GET with "
		    "Cache-Control: no-cache from storage (%s): the origin's "
		    "state cannot be seen", ev);
		s = S_UNSURE;
	} else if (r.status == 404 || r.status == 410)
		s = S_GONE;
	else if (r.status == 200 && r.body_len == u->original_len &&
	    (r.body_len == 0 || memcmp(r.body, u->original, r.body_len) == 0))
		s = S_ORIGINAL;
	else if (r.status == 200 && r.body_len == u->body_len &&
	    memcmp(r.body, u->body, r.body_len) == 0)
		s = S_WRITTEN;
	else
		s = S_OTHER;
	if (s != S_UNSURE)
		snprintf(why, whysz, "a verifying GET answered %ld", r.status);
	response_free(&r);
	return s;
}

/* Stop at once, exit 2: the original bytes could not be put back (or it
 * cannot be seen whether they were). They are saved to a file, and shown
 * when short, with the URL to restore. */
static void
stop_unrestored(struct run *u, const char *why)
{
	char name[64], msg[1400], e[700];
	int fd;
	FILE *f = NULL;

	snprintf(name, sizeof(name), "condreq-probe-restore-XXXXXX");
	if ((fd = mkstemp(name)) >= 0 && (f = fdopen(fd, "wb")) != NULL &&
	    fwrite(u->original, 1, u->original_len, f) == u->original_len &&
	    fclose(f) == 0)
		f = NULL;
	else {
		if (f != NULL)
			fclose(f);
		snprintf(name, sizeof(name), "(could not be saved)");
	}
	snprintf(msg, sizeof(msg), "%s.\nThe resource may not hold its "
	    "original bytes: restore them yourself.\n  URL: %s\n  its %zu "
	    "original bytes are in the file %s (curl -X PUT --data-binary @%s "
	    "URL)%s%s", why, u->o->url, u->original_len, name, name,
	    u->original_len <= 512 ? "\n  they read: " : "",
	    u->original_len <= 512 ? escape(u->original, u->original_len, e,
	    sizeof(e)) : "");
	stop("stopped before anything else was written", msg);
}

/* Take the validators anew after the probe's own write. A server that
 * sent a strong ETag may send a weak one (or none) while the file is
 * younger than its clock's granularity (Apache does, for a second): wait
 * until the strong one is back, so that every run sees the same. */
static void
settle(struct run *u)
{
	char *nc[1] = { "Cache-Control: no-cache" };
	int i;

	for (i = 0; i < 20 && !http_past_deadline(&u->h); i++) {
		response_free(&u->base);
		fetch(&u->h, u->o->url, nc, 1, &u->base);
		validators_of(u, &u->base, &u->v);
		if (!u->strong_first || (u->v.etag[0] != '\0' &&
		    !u->v.etag_weak))
			return;
		nanosleep(&(struct timespec){ 0, 250000000 }, NULL);
	}
	if (!http_past_deadline(&u->h))
		printf("note: the ETag stays weak or absent for 5 s after the "
		    "probe's own write, where it was strong before\n");
}

/* Put the original bytes back and verify; stop (exit 2) when that fails.
 * The run's deadline does not apply: the bytes go back first. */
static void
restore(struct run *u)
{
	char why[400], msg[700];
	struct response r;
	int64_t deadline = u->h.deadline_ms;
	int s;

	u->h.deadline_ms = INT64_MAX / 2;

	http_send(&u->h, u->o->url, "PUT", NULL, 0, u->original != NULL ?
	    u->original : "", u->original_len, &r);
	s = verified_state(u, why, sizeof(why));
	if (s != S_ORIGINAL) {
		snprintf(msg, sizeof(msg), "putting the original bytes back "
		    "(PUT answered %ld%s%.200s) did not restore them: %.300s", r.status,
		    r.curl_code ? ", " : "", r.curl_code ? r.error : "",
		    s == S_UNSURE ? why : "a verifying GET shows other bytes");
		response_free(&r);
		stop_unrestored(u, msg);
	}
	response_free(&r);
	u->h.deadline_ms = deadline;
	if (!http_past_deadline(&u->h))
		settle(u);
}

/* Before any case writes: reads must reach the origin, and writes must
 * be seen. 0 to go on; 1 when writes cannot be exercised (why set; the
 * write cases are skipped); exits 2 when unsure. */
static int
preflight(struct run *u, char *why, size_t whysz)
{
	struct response r, r2;
	char w[400], msg[1000];
	char *nc[2] = { "Cache-Control: no-cache", "Pragma: no-cache" };
	int s;

	/* The original: a no-cache read, twice the same bytes. */
	fetch(&u->h, u->o->url, nc, 2, &r);
	fetch(&u->h, u->o->url, nc, 2, &r2);
	if (cache_hit(&r2)) {
		cache_evidence(&r2, w, sizeof(w));
		snprintf(msg, sizeof(msg), "a cache answers GET with "
		    "Cache-Control: no-cache from storage (%s): the origin's "
		    "state cannot be seen; nothing was written", w);
		die("refusing --write", msg);
	}
	if (r.body_len != r2.body_len || (r.body_len > 0 &&
	    memcmp(r.body, r2.body, r.body_len) != 0))
		die("refusing --write", "the bytes differ from one GET to the "
		    "next: whether a write changed them cannot be told; "
		    "nothing was written");
	free(u->original);
	u->original = r.body;
	u->original_len = r.body_len;
	r.body = NULL;
	response_free(&r);
	response_free(&r2);
	free(u->body);
	u->body_len = u->original_len + 23;
	if ((u->body = malloc(u->body_len + 1)) == NULL)
		die("out of memory", NULL);
	if (u->original_len > 0)
		memcpy(u->body, u->original, u->original_len);
	memcpy(u->body + u->original_len, "condreq-probe was here\n", 24);

	/* One write without preconditions, seen by a verifying read. */
	if (http_send(&u->h, u->o->url, "PUT", NULL, 0, u->body, u->body_len,
	    &r) != 0) {
		snprintf(msg, sizeof(msg), "PUT without preconditions: %s",
		    r.error);
		response_free(&r);
		restore(u);
		die("refusing --write", msg);
	}
	s = verified_state(u, w, sizeof(w));
	if (r.status < 200 || r.status > 299) {
		snprintf(why, whysz, "PUT without preconditions answered %ld",
		    r.status);
		response_free(&r);
		if (s == S_ORIGINAL)
			return 1;
		stop_unrestored(u, "a PUT that failed changed the resource");
	}
	response_free(&r);
	if (s == S_WRITTEN) {
		restore(u);
		return 0;
	}
	/* A 2xx write that no read shows: a cache in front, or a server
	 * that does not store. Put the bytes back either way. */
	http_send(&u->h, u->o->url, "PUT", NULL, 0, u->original != NULL ?
	    u->original : "", u->original_len, &r);
	response_free(&r);
	if (s == S_UNSURE || u->cache_why[0] != '\0') {
		snprintf(msg, sizeof(msg), "a PUT without preconditions "
		    "answered 2xx, and a GET with Cache-Control: no-cache does "
		    "not show its bytes (%s%s%s); the original bytes were PUT "
		    "back, unverified", s == S_UNSURE ? w : "",
		    s == S_UNSURE ? "; " : "", u->cache_why[0] ? u->cache_why :
		    "no cache evidence");
		stop_unrestored(u, msg);
	}
	snprintf(why, whysz, "a 2xx PUT without preconditions changed nothing "
	    "a GET shows (RFC 9110 9.3.4: a successful PUT replaces the "
	    "state)");
	return 2;
}

/* For a write case answered with status got (not 2xx, 304 or 412): does
 * the same request without preconditions get it too (13.2.1)? The
 * resource is restored after. 1 yes, 0 no (*unc its status). */
static int
natural(struct run *u, const struct pcase *c, long got, long *unc)
{
	struct response r;
	int put = strcmp(c->method, "PUT") == 0;

	http_send(&u->h, u->o->url, c->method, NULL, 0, put ? (u->original !=
	    NULL ? u->original : "") : NULL, put ? u->original_len : 0, &r);
	*unc = r.curl_code ? 0 : r.status;
	response_free(&r);
	return *unc == got;
}

/* The PUT and DELETE cases, each on the validators of the moment, each
 * verified and undone. */
static void
run_writes(struct run *u)
{
	static struct pcase c[MAX_CASES];
	char why[400], w[400];
	struct expect e;
	struct outcome o;
	long unc;
	int i, n, put, s, pre;

	pre = preflight(u, why, sizeof(why));
	if (pre != 0) {
		printf("note: writes not exercised: %s\n", why);
		if (pre == 2) {
			struct pcase f;

			memset(&f, 0, sizeof(f));
			snprintf(f.id, sizeof(f.id), "write-stored-put");
			f.method = "PUT";
			f.group = G_WRITE;
			snprintf(f.shown, sizeof(f.shown), "(no precondition)");
			memset(&e, 0, sizeof(e));
			e.n = 1;
			e.answer[0] = 200;
			memset(&o, 0, sizeof(o));
			o.verdict = V_FAIL;
			o.got = 200;
			snprintf(o.detail, sizeof(o.detail), "%s", why);
			f.write = 1;
			finish_case(u, &f, &e, &o);
		}
	}
	/* The list is made again for each case: a change and its undoing
	 * give the resource new validators. */
	for (i = 0; i < (n = cases_write(c, MAX_CASES, &u->v)); i++) {
		if (!selected(u->o, c[i].id))
			continue;
		if (pre != 0 || c[i].skip[0] != '\0') {
			skip_case(u, &c[i], pre != 0 ? why : c[i].skip);
			continue;
		}
		if (http_past_deadline(&u->h))
			stop("stopped", "the run's --deadline passed");
		put = strcmp(c[i].method, "PUT") == 0;
		run_case(u, &c[i], put ? u->body : NULL, put ? u->body_len : 0,
		    &e, &o);
		s = verified_state(u, w, sizeof(w));
		if (s == S_UNSURE) {
			finish_case(u, &c[i], &e, &o);
			restore(u);
			continue;
		}
		if (o.verdict == V_ERROR)
			;
		else if ((o.got == 412 || o.got == 304) && s != S_ORIGINAL) {
			o.verdict = V_FAIL;
			snprintf(o.detail, sizeof(o.detail), "RFC 9110 %s: "
			    "answered %ld, yet the resource changed", c[i].rule,
			    o.got);
		} else if (o.got >= 200 && o.got <= 299 && s == S_ORIGINAL) {
			o.verdict = V_FAIL;
			snprintf(o.detail, sizeof(o.detail), "RFC 9110 %s: "
			    "answered %ld, but nothing changed (a GET shows the "
			    "original bytes)", put ? "9.3.4: a successful PUT "
			    "replaces the state" : "9.3.5: a successful DELETE "
			    "removes the association", o.got);
		} else if (o.got >= 200 && o.got <= 299 &&
		    s != (put ? S_WRITTEN : S_GONE)) {
			o.verdict = V_FAIL;
			snprintf(o.detail, sizeof(o.detail), "RFC 9110 %s: "
			    "answered %ld, but a GET shows neither the bytes "
			    "sent nor the original", put ? "9.3.4" : "9.3.5",
			    o.got);
		} else if (o.verdict == V_FAIL && o.got != 304 &&
		    o.got != 412 && (o.got < 200 || o.got > 299)) {
			/* 13.2.1: preconditions are set aside when the
			 * request would not succeed without them; ask. */
			if (s != S_ORIGINAL)
				restore(u);
			if (natural(u, &c[i], o.got, &unc)) {
				o.verdict = V_PASS;
				o.allowed_by = "13.2.1: the same request without "
				    "preconditions gets this status too";
			} else {
				o.verdict = V_FAIL;
				snprintf(o.detail, sizeof(o.detail), "RFC 9110 "
				    "%s: answered %ld, which the same request "
				    "without preconditions does not get (it got "
				    "%ld)", c[i].rule, o.got, unc);
			}
			s = verified_state(u, w, sizeof(w));
		}
		finish_case(u, &c[i], &e, &o);
		if (s != S_ORIGINAL)
			restore(u);
	}
	(void)n;
}

int
main(int argc, char **argv)
{
	static struct pcase c[MAX_CASES];
	static struct run u;
	struct opts o;
	struct expect e;
	struct outcome out;
	int i, n;

	setvbuf(stdout, NULL, _IOLBF, 0);
	parse_opts(argc, argv, &o);
	u.o = &o;
	the_run = &u;
	if (http_init(&u.h, o.timeout_ms, o.deadline_s, o.verbose) != 0)
		die("cannot start libcurl", NULL);
	fetch(&u.h, o.url, NULL, 0, &u.base);
	if (o.cache)
		snprintf(u.cache_why, sizeof(u.cache_why), "--cache");
	else
		cache_evidence(&u.base, u.cache_why, sizeof(u.cache_why));
	u.v.cache = u.cache_why[0] != '\0';
	validators_of(&u, &u.base, &u.v);
	u.strong_first = u.v.etag[0] != '\0' && !u.v.etag_weak;
	cases_legend(&u.v);
	if (u.v.cache)
		printf("note: judged as a cache (%s): If-Match and "
		    "If-Unmodified-Since may be ignored on a hit (RFC 9110 "
		    "13.1.1, 13.1.4; RFC 9111 4.3.2)\n", u.cache_why);
	if (!u.v.etag_ok && u.v.etag[0] != '\0')
		printf("note: the ETag sent is not an entity-tag (RFC 9110 "
		    "8.8.3): no tag matches it\n");
	if (u.v.etag_weak)
		printf("note: the ETag is weak: If-Match cases sending it test "
		    "13.1.1's strong comparison (named im-weak-etag-*)\n");
	if (!u.v.range_works)
		printf("note: Range alone gave no 206: ranges are taken as "
		    "ignored (RFC 9110 14.2 allows it)\n");
	report_header();
	reporting = 1;
	n = cases_read(c, MAX_CASES, &u.v);
	for (i = 0; i < n; i++) {
		if (!selected(&o, c[i].id))
			continue;
		if (c[i].skip[0] != '\0') {
			skip_case(&u, &c[i], c[i].skip);
			continue;
		}
		if (http_past_deadline(&u.h))
			stop("stopped", "the run's --deadline passed");
		run_case(&u, &c[i], NULL, 0, &e, &out);
		finish_case(&u, &c[i], &e, &out);
	}
	if (o.write)
		run_writes(&u);
	report_close(&u.t);
	if (report_junit_write(o.junit, &u.t) != 0)
		die("cannot write", o.junit);
	response_free(&u.base);
	free(u.original);
	free(u.body);
	http_done(&u.h);
	return u.t.failed > 0 ? 1 : 0;
}
