/*
 * mhd-static: a small static-file server on libmicrohttpd that answers
 * every conditional request through libcondreq.
 *
 *   mhd-static ROOT [PORT]      (PORT 0 or absent: any free port)
 *
 * Listens on 127.0.0.1 only; prints "listening on PORT" when ready and one
 * line per request ("GET /a.txt 304") on standard error.
 * GET and HEAD serve files (206 for one byte range when If-Range holds),
 * PUT writes a file whole, DELETE removes it; every method goes through
 * condreq_evaluate() first, so a failed If-Match or If-Unmodified-Since
 * leaves the file untouched.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <condreq.h>

#define MAX_BODY (16u << 20)

static const char *root;
/* One lock makes "check the precondition, then write" atomic. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

struct upload {
	char *data;
	size_t len;
	int too_big;
};

static enum MHD_Result
add_header(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	(void)kind;
	condreq_request_header(cls, key, strlen(key), value,
	    value != NULL ? strlen(value) : 0);
	return MHD_YES;
}

/* Path under root; NULL for anything that could leave it. */
static char *
path_of(const char *url)
{
	char *p;

	if (url[0] != '/' || strstr(url, "..") != NULL || url[1] == '\0')
		return NULL;
	if (asprintf(&p, "%s%s", root, url) < 0)
		return NULL;
	return p;
}

/* The selected representation: the file at path, its validators in
 * *rep (its ETag written to etag); 1 if it exists. */
static int
validators(const char *path, int64_t now, struct condreq_rep *rep,
    char *etag, size_t etagsz, struct stat *st)
{
	size_t n;

	condreq_rep_init(rep);
	if (stat(path, st) != 0 || !S_ISREG(st->st_mode)) {
		rep->exists = 0;
		return 0;
	}
	condreq_etag_make((uint64_t)st->st_size,
	    (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec,
	    (uint64_t)st->st_ino, etag, etagsz, &n);
	condreq_rep_set_etag(rep, etag, n, 0, NULL);
	rep->last_modified = (int64_t)st->st_mtim.tv_sec;
	rep->has_last_modified = 1;
	/* RFC 9110 8.8.2.2: a Last-Modified at least a second in the past
	 * cannot hide two changes within its second from now on. */
	rep->lm_strong = st->st_mtim.tv_sec < now ? CONDREQ_LM_STRONG :
	    CONDREQ_LM_WEAK;
	return 1;
}

/* Headers a 304 keeps (RFC 9110 15.4.5) and every 2xx carries. */
static void
validator_headers(struct MHD_Response *r, const char *etag, int64_t lm)
{
	char date[CONDREQ_DATE_LEN + 1];

	if (etag != NULL)
		MHD_add_response_header(r, "ETag", etag);
	if (condreq_date_format(lm, date, sizeof(date), NULL) == CONDREQ_OK)
		MHD_add_response_header(r, "Last-Modified", date);
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	MHD_add_response_header(r, "Vary", "Accept-Encoding");
}

static enum MHD_Result
send_empty(struct MHD_Connection *c, unsigned status, const char *etag,
    int64_t lm, const char *method, const char *url)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, "",
	    MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret;

	if (etag != NULL)
		validator_headers(r, etag, lm);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	fprintf(stderr, "%s %s %u\n", method, url, status);
	return ret;
}

/* One "bytes=a-b", "bytes=a-" or "bytes=-n" range of a file of size len;
 * 0 when it is not a single satisfiable range we understand. */
static int
one_range(const char *v, uint64_t len, uint64_t *from, uint64_t *to)
{
	char *end;
	unsigned long long a, b;

	if (v == NULL || strncmp(v, "bytes=", 6) != 0 || strchr(v, ',') != NULL)
		return 0;
	v += 6;
	if (*v == '-') {
		b = strtoull(v + 1, &end, 10);
		if (*end != '\0' || b == 0 || len == 0)
			return 0;
		*from = b >= len ? 0 : len - b;
		*to = len - 1;
		return 1;
	}
	a = strtoull(v, &end, 10);
	if (*end != '-' || a >= len)
		return 0;
	if (end[1] == '\0')
		b = len - 1;
	else {
		b = strtoull(end + 1, &end, 10);
		if (*end != '\0' || b < a)
			return 0;
		if (b >= len)
			b = len - 1;
	}
	*from = a;
	*to = b;
	return 1;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_size, void **state)
{
	struct condreq_request req;
	struct condreq_line lines[16];
	struct condreq_rep rep;
	struct condreq_result res;
	struct upload *up = *state;
	struct MHD_Response *r;
	struct stat st;
	char etag[80], *path;
	int exists, is_get = strcmp(method, "GET") == 0,
	    is_head = strcmp(method, "HEAD") == 0,
	    is_put = strcmp(method, "PUT") == 0,
	    is_delete = strcmp(method, "DELETE") == 0;
	enum MHD_Result ret;

	(void)cls;
	(void)version;
	if (up == NULL) {
		up = calloc(1, sizeof(*up));
		*state = up;
		return up != NULL ? MHD_YES : MHD_NO;
	}
	if (is_put && *upload_size > 0) {
		if (up->len + *upload_size > MAX_BODY)
			up->too_big = 1;
		else {
			char *n = realloc(up->data, up->len + *upload_size);

			if (n == NULL)
				return MHD_NO;
			memcpy(n + up->len, upload_data, *upload_size);
			up->data = n;
			up->len += *upload_size;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (!is_get && !is_head && !is_put && !is_delete)
		return send_empty(c, 405, NULL, 0, method, url);
	if ((path = path_of(url)) == NULL)
		return send_empty(c, 403, NULL, 0, method, url);

	pthread_mutex_lock(&lock);
	condreq_request_init(&req);
	condreq_result_init(&res);
	req.method = method;
	req.method_len = strlen(method);
	req.now = (int64_t)time(NULL);
	/* Room for repeated If-Match / If-None-Match lines (RFC 9110 5.3). */
	req.lines = lines;
	req.lines_cap = sizeof(lines) / sizeof(lines[0]);
	MHD_get_connection_values(c, MHD_HEADER_KIND, add_header, &req);
	exists = validators(path, req.now, &rep, etag, sizeof(etag), &st);
	/* 13.2.1: no preconditions on what would be a 404 anyway. */
	if (!exists && !is_put)
		req.natural_status = 404;
	if (is_put && up->too_big)
		req.natural_status = 413;
	condreq_evaluate(&req, &rep, &res);

	if (res.status == 404 || res.status == 413) {
		ret = send_empty(c, (unsigned)res.status, NULL, 0, method, url);
	} else if (res.status == 304 || res.status == 412) {
		ret = send_empty(c, (unsigned)res.status,
		    exists && res.status == 304 ? etag : NULL,
		    rep.last_modified, method, url);
	} else if (is_put) {
		/* Write whole, then rename: readers never see half a file. */
		char *tmp;
		int fd, ok = 0;

		if (asprintf(&tmp, "%s.tmp-%d", path, (int)getpid()) >= 0) {
			fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd >= 0) {
				ok = (up->len == 0 ||
				    write(fd, up->data, up->len) ==
				    (ssize_t)up->len) && close(fd) == 0 &&
				    rename(tmp, path) == 0;
				if (!ok)
					unlink(tmp);
			}
			free(tmp);
		}
		if (ok)
			validators(path, req.now, &rep, etag, sizeof(etag),
			    &st);
		ret = send_empty(c, ok ? (exists ? 204 : 201) : 500,
		    ok ? etag : NULL, rep.last_modified, method, url);
	} else if (is_delete) {
		ret = send_empty(c, unlink(path) == 0 ? 204 : 500, NULL, 0,
		    method, url);
	} else {
		uint64_t from = 0, to = 0, size = (uint64_t)st.st_size;
		unsigned status = 200;
		int fd = open(path, O_RDONLY);
		char cr[96];

		if (res.status == 206 &&
		    one_range(req.field[CONDREQ_RANGE].value, size, &from, &to))
			status = 206;
		else {
			from = 0;
			to = size ? size - 1 : 0;
		}
		if (fd < 0) {
			ret = send_empty(c, 500, NULL, 0, method, url);
		} else {
			r = MHD_create_response_from_fd_at_offset64(
			    size ? to - from + 1 : 0, fd, from);
			validator_headers(r, etag, rep.last_modified);
			MHD_add_response_header(r, "Accept-Ranges", "bytes");
			if (status == 206) {
				snprintf(cr, sizeof(cr), "bytes %llu-%llu/%llu",
				    (unsigned long long)from,
				    (unsigned long long)to,
				    (unsigned long long)size);
				MHD_add_response_header(r, "Content-Range", cr);
			}
			ret = MHD_queue_response(c, status, r);
			MHD_destroy_response(r);
			fprintf(stderr, "%s %s %u\n", method, url, status);
		}
	}
	pthread_mutex_unlock(&lock);
	free(path);
	return ret;
}

static void
done(void *cls, struct MHD_Connection *c, void **state,
    enum MHD_RequestTerminationCode code)
{
	struct upload *up = *state;

	(void)cls;
	(void)c;
	(void)code;
	if (up != NULL) {
		free(up->data);
		free(up);
	}
}

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int
main(int argc, char **argv)
{
	struct sockaddr_in a;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	unsigned port = argc > 2 ? (unsigned)atoi(argv[2]) : 0;

	if (argc < 2) {
		fprintf(stderr, "usage: mhd-static ROOT [PORT]\n");
		return 2;
	}
	root = argv[1];
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL, handle, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&a,
	    MHD_OPTION_NOTIFY_COMPLETED, done, NULL, MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "mhd-static: cannot listen on port %u\n", port);
		return 1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("listening on %u\n", info != NULL ? info->port : port);
	fflush(stdout);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	while (!stop)
		pause();
	MHD_stop_daemon(d);
	return 0;
}
