/*
 * make bench: median ns per operation for libcondreq, with libcurl's
 * curl_getdate and APR-util's apr_date_parse_http on the same inputs in
 * the same process when they were found at build time.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 *
 * Each row is timed REPS times over ITERS calls and the median is kept;
 * every result feeds a sink so that nothing is optimised away. Each row
 * prints a machine-readable line:
 *   bench: NAME ns=X [vs_curl=R] [vs_apr=R]      (R = peer time / ours)
 *
 * "bench --count NAME N" makes N calls of row NAME's operation, set up as
 * here, untimed and silent: bench/budgets.sh counts their instructions.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "condreq.h"

#ifdef HAVE_CURL
#include <curl/curl.h>
#endif
#ifdef HAVE_APR
#include <apr_date.h>
#include <apr_general.h>
#endif

#define REPS 9

static volatile int64_t sink;

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

typedef int64_t (*op_fn)(const void *arg);

/* Median over REPS runs of iters calls, in ns per call. */
static double
measure(op_fn fn, const void *arg, long iters)
{
	double t[REPS], t0;
	long i;
	int r;
	int64_t acc = 0;

	for (i = 0; i < iters / 10 + 1; i++)
		acc += fn(arg);
	for (r = 0; r < REPS; r++) {
		t0 = now_ns();
		for (i = 0; i < iters; i++)
			acc += fn(arg);
		t[r] = (now_ns() - t0) / (double)iters;
	}
	sink += acc;
	qsort(t, REPS, sizeof(t[0]), cmp_double);
	return t[REPS / 2];
}

struct str {
	const char *s;
	size_t n;
};

static int64_t
op_date(const void *arg)
{
	const struct str *a = arg;
	int64_t t = 0;

	if (condreq_date_parse(a->s, a->n, 1764000000, 0, &t, NULL) != 0)
		return 1;
	return t;
}

static int64_t
op_format(const void *arg)
{
	static char buf[32];
	static int64_t t = 784111777;

	(void)arg;
	t++;
	condreq_date_format(t, buf, sizeof(buf), NULL);
	return buf[23];
}

#ifdef HAVE_CURL
static int64_t
op_curl(const void *arg)
{
	return (int64_t)curl_getdate(((const struct str *)arg)->s, NULL);
}
#endif
#ifdef HAVE_APR
static int64_t
op_apr(const void *arg)
{
	return (int64_t)apr_date_parse_http(((const struct str *)arg)->s);
}
#endif

/* A list against a representation prepared once (as a server keeps it
 * beside its file metadata). */
struct match {
	const char *list;
	size_t n;
	struct condreq_rep rep;
	uint32_t flags;
};

static void
match_tag(struct match *m, const char *etag)
{
	condreq_rep_init(&m->rep);
	if (condreq_rep_set_etag(&m->rep, etag, strlen(etag), 0, NULL) != 0)
		abort();
}

static int64_t
op_match(const void *arg)
{
	const struct match *m = arg;

	return condreq_etag_list_match(&m->rep, m->list, m->n, m->flags,
	    NULL, NULL);
}

static int64_t
op_inm(const void *arg)
{
	const struct match *m = arg;

	return condreq_if_none_match(&m->rep, m->list, m->n, m->flags, NULL,
	    NULL);
}

/* A decision: the request struct filled, the representation prepared. */
struct decision {
	struct condreq_request req;
	struct condreq_rep rep;
	const char *etag;
};

static int64_t
op_eval_prepared(const void *arg)
{
	const struct decision *d = arg;
	struct condreq_result res;

	res.size = sizeof(res);
	return condreq_evaluate(&d->req, &d->rep, &res);
}

/* The same, with the representation set up again for each request, as
 * 0.1 parsed the current ETag on every call. */
static int64_t
op_eval(const void *arg)
{
	const struct decision *d = arg;
	struct condreq_rep rep = d->rep;
	struct condreq_result res;

	condreq_rep_set_etag(&rep, d->etag, strlen(d->etag), 0, NULL);
	condreq_result_init(&res);
	return condreq_evaluate(&d->req, &rep, &res);
}

struct lines {
	const char *method;
	const char *const *line;
	int n;
	const struct condreq_rep *rep;
};

/* The whole server path: init, feed every header line, evaluate. */
static int64_t
op_eval_lines(const void *arg)
{
	const struct lines *l = arg;
	struct condreq_request req;
	struct condreq_result res;
	int i;

	condreq_request_init(&req);
	req.method = l->method;
	req.method_len = strlen(l->method);
	req.now = 1764000000;
	for (i = 0; i < l->n; i++)
		condreq_request_line(&req, l->line[i], strlen(l->line[i]));
	condreq_result_init(&res);
	return condreq_evaluate(&req, l->rep, &res);
}

static void
row(const char *name, double ns, double curl, double apr, const char *note)
{
	char peers[96] = "";
	int k = 0;

	if (curl > 0)
		k += snprintf(peers + k, sizeof(peers) - (size_t)k,
		    " vs_curl=%.1f", curl / ns);
	if (apr > 0)
		snprintf(peers + k, sizeof(peers) - (size_t)k, " vs_apr=%.1f",
		    apr / ns);
	printf("%-34s %9.2f ns/op%s%s%s\n", name, ns, peers, note[0] ? "  " : "",
	    note);
	printf("bench: %s ns=%.2f%s\n", name, ns, peers);
}

static void
date_row(const char *name, const char *s)
{
	struct str a = { s, strlen(s) };
	double ours = measure(op_date, &a, 2000000), curl = 0, apr = 0;

#ifdef HAVE_CURL
	curl = measure(op_curl, &a, 200000);
#endif
#ifdef HAVE_APR
	apr = measure(op_apr, &a, 500000);
#endif
	row(name, ours, curl, apr, "");
}

static char *
make_list(int members, int match_last)
{
	char *b = malloc((size_t)members * 24 + 32);
	size_t n = 0;
	int i;

	b[0] = '\0';
	for (i = 0; i < members; i++)
		n += (size_t)sprintf(b + n, "%s\"%s-%08x\"", i ? ", " : "",
		    i == members - 1 && match_last ? "5e1" : "zz1", 0x17a3c + i *
		    (i == members - 1 && match_last ? 0 : 1));
	return b;
}

/* Linear time: ns per byte for growing values of one hostile pattern. */
static void
linear(const char *name, const char *unit)
{
	static const size_t sizes[] = { 100, 1000, 10000, 100000, 1048576 };
	size_t i, k, u = strlen(unit);
	double first = 0, last = 0;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = sizes[i];
		char *b = malloc(n), label[64];
		struct match m;
		double ns;

		for (k = 0; k < n; k++)
			b[k] = unit[k % u];
		if (strcmp(name, "long_tag") == 0)
			b[0] = '"';
		m.list = b;
		m.n = n;
		match_tag(&m, "\"a\"");
		m.flags = 0;
		ns = measure(op_match, &m, n >= 100000 ? 20 : 20000000 / (long)n);
		snprintf(label, sizeof(label), "linear_%s_%zu", name, n);
		printf("%-34s %9.3f ns/byte (%.0f ns)\n", label, ns / (double)n,
		    ns);
		printf("bench: %s ns=%.2f bytes=%zu ns_per_byte=%.4f\n", label,
		    ns, n, ns / (double)n);
		if (i == 0)
			first = ns / (double)n;
		last = ns / (double)n;
		free(b);
	}
	printf("%-34s per-byte cost 1 MiB / 100 B = %.2f\n", name,
	    last / first);
}

/* The dates the date rows parse. */
static const struct {
	const char *name, *value;
} date_input[] = {
	{ "date_parse_imf", "Sun, 06 Nov 1994 08:49:37 GMT" },
	{ "date_parse_rfc850", "Sunday, 06-Nov-94 08:49:37 GMT" },
	{ "date_parse_asctime", "Sun Nov  6 08:49:37 1994" },
	{ "date_parse_invalid", "Sun, 06 Nov 1994 08:49:37 PST" },
};
#define NDATES (sizeof(date_input) / sizeof(date_input[0]))

/* A browser's If-None-Match: the one tag it was sent, 7 bytes. */
static void
setup_inm(struct match *m)
{
	match_tag(m, "\"xyzzy\"");
	m->flags = 0;
	m->list = "\"xyzzy\"";
	m->n = 7;
}

/* The browser revalidation's request, the representation prepared. */
static void
setup_revalidation(struct decision *dc)
{
	condreq_request_init(&dc->req);
	dc->req.method = "GET";
	dc->req.method_len = 3;
	dc->req.now = 1764000000;
	dc->req.field[CONDREQ_IF_NONE_MATCH].value = "\"5e1-17a3c\"";
	dc->req.field[CONDREQ_IF_NONE_MATCH].len = 11;
	dc->req.field[CONDREQ_IF_MODIFIED_SINCE].value =
	    "Tue, 15 Nov 1994 12:45:51 GMT";
	dc->req.field[CONDREQ_IF_MODIFIED_SINCE].len = 29;
	dc->etag = "\"5e1-17a3c\"";
	condreq_rep_init(&dc->rep);
	condreq_rep_set_etag(&dc->rep, dc->etag, strlen(dc->etag), 0, NULL);
	dc->rep.last_modified = 784887151;
	dc->rep.has_last_modified = 1;
}

/* bench --count NAME N: the calls alone, for an instruction count. */
static int
count_calls(const char *name, long n)
{
	static struct str a;
	static struct match m;
	static struct decision dc;
	const void *arg = NULL;
	op_fn fn = NULL;
	size_t k;
	long i;

	for (k = 0; k < NDATES; k++)
		if (strcmp(name, date_input[k].name) == 0) {
			a.s = date_input[k].value;
			a.n = strlen(a.s);
			fn = op_date;
			arg = &a;
		}
	if (strcmp(name, "inm_one_short") == 0) {
		setup_inm(&m);
		fn = op_inm;
		arg = &m;
	} else if (strcmp(name, "etag_match_10_last") == 0) {
		match_tag(&m, "\"5e1-00017a3c\"");
		m.flags = 0;
		m.list = make_list(10, 1);
		m.n = strlen(m.list);
		fn = op_match;
		arg = &m;
	} else if (strcmp(name, "decision_revalidation_prepared") == 0) {
		setup_revalidation(&dc);
		fn = op_eval_prepared;
		arg = &dc;
	}
	if (fn == NULL) {
		fprintf(stderr, "bench: no row %s to count\n", name);
		return 2;
	}
	for (i = 0; i < n; i++)
		sink += fn(arg);
	return 0;
}

int
main(int argc, char **argv)
{
	static const char *const reval[] = {
		"Host: example.com", "User-Agent: Mozilla/5.0",
		"Accept: text/html", "If-None-Match: \"5e1-17a3c\"",
		"If-Modified-Since: Tue, 15 Nov 1994 12:45:51 GMT",
		"Accept-Encoding: gzip, br",
	};
	static const char *const put[] = {
		"Host: example.com", "Content-Type: text/plain",
		"If-Match: \"5e1-17a3c\"", "Content-Length: 12",
	};
	struct decision dc;
	struct match m;
	struct lines l;
	char *list;
	size_t k;

	if (argc == 4 && strcmp(argv[1], "--count") == 0)
		return count_calls(argv[2], atol(argv[3]));
	if (argc != 1) {
		fprintf(stderr, "usage: bench [--count NAME N]\n");
		return 2;
	}
#ifdef HAVE_APR
	apr_initialize();
#endif
	printf("libcondreq %s bench: median of %d runs\n",
	    condreq_version_string(), REPS);
#ifndef HAVE_CURL
	printf("!!! libcurl NOT FOUND at build time: no vs_curl comparison "
	    "(apt-get install libcurl4-openssl-dev)\n");
#endif
#ifndef HAVE_APR
	printf("!!! APR-util NOT FOUND at build time: no vs_apr comparison "
	    "(apt-get install libaprutil1-dev)\n");
#endif
	for (k = 0; k < NDATES; k++)
		date_row(date_input[k].name, date_input[k].value);
	row("date_format_imf", measure(op_format, NULL, 2000000), 0, 0, "");

	setup_inm(&m);
	row("inm_one_short", measure(op_inm, &m, 5000000), 0, 0, "");
	match_tag(&m, "\"5e1-00017a3c\"");
	m.list = "\"5e1-00017a3c\"";
	m.n = strlen(m.list);
	row("etag_match_1", measure(op_match, &m, 2000000), 0, 0, "");
	list = make_list(10, 1);
	m.list = list;
	m.n = strlen(list);
	row("etag_match_10_last", measure(op_match, &m, 1000000), 0, 0, "");
	free(list);
	list = make_list(10, 0);
	m.list = list;
	m.n = strlen(list);
	row("etag_match_10_none", measure(op_match, &m, 1000000), 0, 0, "");
	free(list);
	list = make_list(40000, 0);
	m.list = list;
	m.n = strlen(list);
	{
		double ns = measure(op_match, &m, 50);

		row("etag_scan_1mib", ns, 0, 0, "");
		printf("bench: etag_scan_gbps ns=%.2f bytes=%zu gb_per_s=%.2f\n",
		    ns, m.n, (double)m.n / ns);
		printf("%-34s %9.2f GB/s\n", "etag_scan_gbps", (double)m.n / ns);
	}
	free(list);

	/* Decisions with the struct filled once (the FFI path): the browser
	 * revalidation with the representation prepared once, and again
	 * with it set up per request (0.1's cost: the ETag parsed each call). */
	setup_revalidation(&dc);
	row("decision_revalidation_prepared",
	    measure(op_eval_prepared, &dc, 5000000), 0, 0, "");
	row("decision_browser_revalidation", measure(op_eval, &dc, 2000000),
	    0, 0, "");
	condreq_request_init(&dc.req);
	dc.req.method = "PUT";
	dc.req.method_len = 3;
	dc.req.field[CONDREQ_IF_MATCH].value = "\"5e1-17a3c\"";
	dc.req.field[CONDREQ_IF_MATCH].len = 11;
	row("decision_put_if_match", measure(op_eval, &dc, 2000000), 0, 0, "");
	/* ...and with every request header fed by name. */
	l.method = "GET";
	l.line = reval;
	l.n = 6;
	l.rep = &dc.rep;
	row("decision_browser_revalidation_lines",
	    measure(op_eval_lines, &l, 1000000), 0, 0, "");
	l.method = "PUT";
	l.line = put;
	l.n = 4;
	row("decision_put_if_match_lines", measure(op_eval_lines, &l, 1000000),
	    0, 0, "");

	linear("commas", ",");
	linear("weak_prefixes", "W/\"a\",");
	linear("spaces", " ");
	linear("quotes", "\"\",");
	linear("long_tag", "a");
	return sink == 42 ? 1 : 0;
}
