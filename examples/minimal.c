/*
 * The smallest complete integration: a server has the request's header
 * lines and the file's validators; libcondreq says what to send.
 *   cc minimal.c $(pkg-config --cflags --libs libcondreq)
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <condreq.h>

int
main(void)
{
	const char *headers[] = {
		"Host: example.com",
		"If-None-Match: \"1c-5f3e2a10\"",
		"If-Modified-Since: Tue, 15 Nov 1994 12:45:26 GMT",
	};
	static const char etag[] = "\"1c-5f3e2a10\""; /* the ETag you send */
	struct condreq_rep rep;
	struct condreq_request req;
	struct condreq_result res;
	size_t i;
	int status;

	/* Once per file: its validators, kept beside its metadata. */
	condreq_rep_init(&rep);
	if (condreq_rep_set_etag(&rep, etag, strlen(etag), 0, NULL) != 0)
		return 1;
	rep.last_modified = 784903526;         /* the file's mtime */
	rep.has_last_modified = 1;

	/* Per request: its header lines, any order, any case. */
	condreq_request_init(&req);
	condreq_result_init(&res);
	req.method = "GET";
	req.method_len = 3;
	/* The server's clock: an rfc850 date's two-digit year needs it
	 * (RFC 9110 5.6.7); left unknown, such dates are not read. */
	req.now = (int64_t)time(NULL);
	for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
		condreq_request_line(&req, headers[i], strlen(headers[i]));
	/* One answer: 304 here; 200, 206, 412 or the natural status else. */
	status = condreq_evaluate(&req, &rep, &res);
	printf("%d (decided by %s)\n", status,
	    condreq_decided_name(res.decided_by));
	return 0;
}
