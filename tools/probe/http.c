/*
 * condreq-probe: requests through libcurl (the probe writes no HTTP
 * client of its own). HTTP/1.1, so that repeated field lines stay lines;
 * one handle, reset before each request, its connection reused.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "probe.h"

/* A body larger than this is cut: the probe compares bodies, it does not
 * download the web. */
#define BODY_MAX (64u << 20)

struct buf {
	char *p;
	size_t len, cap;
};

static int
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

struct sink {
	struct buf head, body;
	int verbose;
	int over;                   /* the body passed BODY_MAX */
};

const char *
escape(const char *s, size_t n, char *buf, size_t bufsz)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, k = 0;

	if (bufsz == 0)
		return buf;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (k + 4 + 24 >= bufsz) {
			snprintf(buf + k, bufsz - k, "... (%zu bytes)", n);
			return buf;
		}
		if (c >= 0x20 && c < 0x7f && c != '\\')
			buf[k++] = (char)c;
		else {
			buf[k++] = '\\';
			buf[k++] = 'x';
			buf[k++] = hex[c >> 4];
			buf[k++] = hex[c & 15];
		}
	}
	buf[k] = '\0';
	return buf;
}

/* Milliseconds of a monotonic clock. */
static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
http_past_deadline(const struct http *h)
{
	return now_ms() >= h->deadline_ms;
}

/* The time a request may take: the timeout, or what is left of the
 * run's deadline if less; 0 when it has passed. */
static long
budget_ms(const struct http *h)
{
	int64_t left = h->deadline_ms - now_ms();

	if (left <= 0)
		return 0;
	return left < h->timeout_ms ? (long)left : h->timeout_ms;
}

/* Header lines of the final response only: a status line (after a 100
 * Continue, say) starts the block again. */
static size_t
on_header(char *s, size_t size, size_t n, void *arg)
{
	struct sink *k = arg;
	size_t len = size * n;

	if (len >= 5 && memcmp(s, "HTTP/", 5) == 0)
		k->head.len = 0;
	if (k->verbose) {
		char e[600];

		while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
		printf("    < %s\n", escape(s, len, e, sizeof(e)));
		len = size * n;
	}
	return buf_add(&k->head, s, len) == 0 ? len : 0;
}

static size_t
on_body(char *s, size_t size, size_t n, void *arg)
{
	struct sink *k = arg;
	size_t len = size * n;

	if (k->body.len + len > BODY_MAX) {
		k->over = 1;
		return 0;
	}
	return buf_add(&k->body, s, len) == 0 ? len : 0;
}

int
http_init(struct http *h, long timeout_ms, long deadline_s, int verbose)
{
	h->timeout_ms = timeout_ms;
	h->deadline_ms = now_ms() + (int64_t)deadline_s * 1000;
	h->verbose = verbose;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return -1;
	h->curl = curl_easy_init();
	return h->curl != NULL ? 0 : -1;
}

void
http_done(struct http *h)
{
	if (h->curl != NULL)
		curl_easy_cleanup(h->curl);
	h->curl = NULL;
	curl_global_cleanup();
}

/* The request's options, the handle being reset. */
static void
setup(CURL *c, long ms, const char *url, const char *method,
    struct curl_slist *hdrs, const char *body, size_t body_len)
{
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, ms);
	/* A connection of its own for each request: bytes a server sends
	 * after its answer (a 304's body) cannot be blamed on the next. */
	curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "condreq-probe/"
	    CONDREQ_VERSION_STRING);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else if (strcmp(method, "GET") != 0)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (body != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)body_len);
	}
}

int
http_send(struct http *h, const char *url, const char *method,
    char *const *lines, int nlines, const char *body, size_t body_len,
    struct response *r)
{
	struct curl_slist *hdrs = NULL, *t;
	char err[CURL_ERROR_SIZE], e[200];
	struct sink k;
	CURLcode rc;
	long ms = budget_ms(h);
	int i;

	memset(r, 0, sizeof(*r));
	if (ms == 0) {
		r->curl_code = HTTP_DEADLINE;
		snprintf(r->error, sizeof(r->error), "not sent: the run's "
		    "--deadline has passed");
		return HTTP_DEADLINE;
	}
	memset(&k, 0, sizeof(k));
	k.verbose = h->verbose;
	/* No Expect: 100-continue, and no form Content-Type for a PUT. */
	hdrs = curl_slist_append(hdrs, "Expect:");
	if (body != NULL)
		hdrs = curl_slist_append(hdrs, "Content-Type:");
	for (i = 0; i < nlines && hdrs != NULL; i++)
		if ((t = curl_slist_append(hdrs, lines[i])) != NULL)
			hdrs = t;
	curl_easy_reset(h->curl);
	setup(h->curl, ms, url, method, hdrs, body, body_len);
	curl_easy_setopt(h->curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h->curl, CURLOPT_HEADERDATA, &k);
	curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, &k);
	curl_easy_setopt(h->curl, CURLOPT_ERRORBUFFER, err);
	err[0] = '\0';
	if (h->verbose) {
		char ve[600];

		printf("    > %s %s\n", method, url);
		for (i = 0; i < nlines; i++)
			printf("    > %s\n", escape(lines[i], strlen(lines[i]),
			    ve, sizeof(ve)));
	}
	rc = curl_easy_perform(h->curl);
	curl_slist_free_all(hdrs);
	r->head = k.head.p;
	r->head_len = k.head.len;
	r->body = k.body.p;
	r->body_len = k.body.len;
	if (rc != CURLE_OK) {
		r->curl_code = (int)rc;
		if (k.over)
			snprintf(r->error, sizeof(r->error), "the body is over "
			    "the probe's limit of %u MiB", BODY_MAX >> 20);
		else if (rc == CURLE_OPERATION_TIMEDOUT && ms < h->timeout_ms)
			snprintf(r->error, sizeof(r->error), "the run's "
			    "--deadline passed during the request");
		else
			snprintf(r->error, sizeof(r->error), "libcurl: %.199s (%.90s)",
			    escape(err, strlen(err), e, sizeof(e)),
			    curl_easy_strerror(rc));
		return (int)rc;
	}
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &r->status);
	return 0;
}

/* Wait until the socket of c can be read (or written): 0, or -1 on
 * timeout or error. */
static int
wait_socket(CURL *c, int out, long ms)
{
	curl_socket_t fd;
	struct pollfd p;

	if (curl_easy_getinfo(c, CURLINFO_ACTIVESOCKET, &fd) != CURLE_OK ||
	    fd == CURL_SOCKET_BAD)
		return -1;
	p.fd = (int)fd;
	p.events = out ? POLLOUT : POLLIN;
	p.revents = 0;
	return poll(&p, 1, (int)ms) > 0 ? 0 : -1;
}

int
http_bytes_after_head(struct http *h, const char *url, const char *method,
    char *const *lines, int nlines, size_t *extra)
{
	CURL *c = curl_easy_init();
	CURLU *u = curl_url();
	char *host = NULL, *port = NULL, *path = NULL, *query = NULL;
	struct buf req = { NULL, 0, 0 }, got = { NULL, 0, 0 };
	char chunk[4096];
	size_t n, off = 0, end = 0;
	long ms = budget_ms(h);
	int i, rc = -1;

	if (c == NULL || u == NULL || ms == 0 ||
	    curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PATH, &path, 0) != CURLUE_OK)
		goto done;
	curl_url_get(u, CURLUPART_PORT, &port, 0);
	curl_url_get(u, CURLUPART_QUERY, &query, 0);
	if (buf_add(&req, method, strlen(method)) || buf_add(&req, " ", 1) ||
	    buf_add(&req, path, strlen(path)) ||
	    (query != NULL && (buf_add(&req, "?", 1) ||
	    buf_add(&req, query, strlen(query)))) ||
	    buf_add(&req, " HTTP/1.1\r\nHost: ", 17) ||
	    buf_add(&req, host, strlen(host)) ||
	    (port != NULL && (buf_add(&req, ":", 1) ||
	    buf_add(&req, port, strlen(port)))) ||
	    buf_add(&req, "\r\nConnection: close\r\n", 21))
		goto done;
	for (i = 0; i < nlines; i++)
		if (buf_add(&req, lines[i], strlen(lines[i])) ||
		    buf_add(&req, "\r\n", 2))
			goto done;
	if (buf_add(&req, "\r\n", 2))
		goto done;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, ms);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (curl_easy_perform(c) != CURLE_OK)
		goto done;
	while (off < req.len) {
		CURLcode sc = curl_easy_send(c, req.p + off, req.len - off, &n);

		if (sc == CURLE_AGAIN) {
			if (wait_socket(c, 1, ms) != 0)
				goto done;
		} else if (sc != CURLE_OK)
			goto done;
		else
			off += n;
	}
	/* Read to the server's close, or for the timeout. */
	for (;;) {
		CURLcode sc = curl_easy_recv(c, chunk, sizeof(chunk), &n);

		if (sc == CURLE_AGAIN) {
			/* A server that keeps the connection open despite
			 * Connection: close has said all after 2 s of quiet. */
			if (wait_socket(c, 0, ms < 2000 ? ms : 2000) != 0)
				break;
			continue;
		}
		if (sc != CURLE_OK || n == 0 || got.len > BODY_MAX)
			break;
		if (buf_add(&got, chunk, n))
			goto done;
	}
	for (n = 0; got.p != NULL && n + 4 <= got.len; n++)
		if (memcmp(got.p + n, "\r\n\r\n", 4) == 0) {
			end = n + 4;
			break;
		}
	if (end == 0)
		goto done;
	*extra = got.len - end;
	rc = 0;
done:
	curl_free(host);
	curl_free(port);
	curl_free(path);
	curl_free(query);
	free(req.p);
	free(got.p);
	if (u != NULL)
		curl_url_cleanup(u);
	if (c != NULL)
		curl_easy_cleanup(c);
	return rc;
}

/* The next line of r's head from *at whose name is NAME (n bytes): its
 * value, without leading and trailing white space, in [*vs, *ve); *at
 * moves to the line after it. 0 when there is none. */
static int
next_line(const struct response *r, const char *name, size_t n, size_t *at,
    size_t *vs, size_t *ve)
{
	size_t i = *at, e, s;

	while (r->head != NULL && i < r->head_len) {
		for (e = i; e < r->head_len && r->head[e] != '\n'; e++)
			;
		*at = e + 1;
		if (e - i > n && r->head[i + n] == ':' &&
		    strncasecmp(r->head + i, name, n) == 0) {
			for (s = i + n + 1; s < e && (r->head[s] == ' ' ||
			    r->head[s] == '\t'); s++)
				;
			while (e > s && isspace((unsigned char)r->head[e - 1]))
				e--;
			*vs = s;
			*ve = e;
			return 1;
		}
		i = *at;
	}
	return 0;
}

int
response_count(const struct response *r, const char *name, size_t *len)
{
	size_t n = strlen(name), at = 0, s, e;
	int count = 0;

	*len = 0;
	while (next_line(r, name, n, &at, &s, &e))
		if (count++ == 0)
			*len = e - s;
	return count;
}

void
response_free(struct response *r)
{
	free(r->head);
	free(r->body);
	r->head = r->body = NULL;
	r->head_len = r->body_len = 0;
}

const char *
response_field(const struct response *r, const char *name, char *buf,
    size_t bufsz)
{
	size_t at = 0, s, e;

	if (!next_line(r, name, strlen(name), &at, &s, &e))
		return NULL;
	snprintf(buf, bufsz, "%.*s", (int)(e - s), r->head + s);
	return buf;
}

int
http_is_tls_error(int code)
{
	switch (code) {
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_USE_SSL_FAILED:
		return 1;
	default:
		return 0;
	}
}
