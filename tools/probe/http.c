/*
 * condreq-probe: requests through libcurl (the probe writes no HTTP
 * client of its own). HTTP/1.1, so that repeated field lines stay lines;
 * one handle, reset before each request, its connection reused.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
};

/* Header lines of the final response only: a status line (after a 100
 * Continue, say) starts the block again. */
static size_t
on_header(char *s, size_t size, size_t n, void *arg)
{
	struct sink *k = arg;
	size_t len = size * n;

	if (len >= 5 && memcmp(s, "HTTP/", 5) == 0)
		k->head.len = 0;
	if (k->verbose)
		printf("    < %.*s", (int)len, s);
	return buf_add(&k->head, s, len) == 0 ? len : 0;
}

static size_t
on_body(char *s, size_t size, size_t n, void *arg)
{
	struct sink *k = arg;
	size_t len = size * n;

	if (k->body.len + len > BODY_MAX)
		return 0;
	return buf_add(&k->body, s, len) == 0 ? len : 0;
}

int
http_init(struct http *h, long timeout_ms, int verbose)
{
	h->timeout_ms = timeout_ms;
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
setup(CURL *c, const struct http *h, const char *url, const char *method,
    struct curl_slist *hdrs, const char *body, size_t body_len)
{
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, h->timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, h->timeout_ms);
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
	struct sink k;
	CURLcode rc;
	int i;

	memset(r, 0, sizeof(*r));
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
	setup(h->curl, h, url, method, hdrs, body, body_len);
	curl_easy_setopt(h->curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h->curl, CURLOPT_HEADERDATA, &k);
	curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, &k);
	curl_easy_setopt(h->curl, CURLOPT_ERRORBUFFER, r->error);
	if (h->verbose) {
		printf("    > %s %s\n", method, url);
		for (i = 0; i < nlines; i++)
			printf("    > %s\n", lines[i]);
	}
	rc = curl_easy_perform(h->curl);
	curl_slist_free_all(hdrs);
	r->head = k.head.p;
	r->head_len = k.head.len;
	r->body = k.body.p;
	r->body_len = k.body.len;
	if (rc != CURLE_OK) {
		r->curl_code = (int)rc;
		if (r->error[0] == '\0')
			snprintf(r->error, sizeof(r->error), "%s",
			    curl_easy_strerror(rc));
		return (int)rc;
	}
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &r->status);
	return 0;
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
	size_t n = strlen(name), i = 0, e, s;

	while (r->head != NULL && i < r->head_len) {
		for (e = i; e < r->head_len && r->head[e] != '\n'; e++)
			;
		if (e - i > n && r->head[i + n] == ':' &&
		    strncasecmp(r->head + i, name, n) == 0) {
			for (s = i + n + 1; s < e && (r->head[s] == ' ' ||
			    r->head[s] == '\t'); s++)
				;
			while (e > s && isspace((unsigned char)r->head[e - 1]))
				e--;
			snprintf(buf, bufsz, "%.*s", (int)(e - s), r->head + s);
			return buf;
		}
		i = e + 1;
	}
	return NULL;
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
