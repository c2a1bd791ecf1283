/*
 * The smallest complete integration: a server has the request's header
 * lines and the file's validators; libcondreq says what to send.
 *   cc minimal.c $(pkg-config --cflags --libs libcondreq)
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdio.h>
#include <string.h>

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

	/* Once per file: its validators, kept beside its metadata. */
	condreq_rep_init(&rep, sizeof(rep));
	if (condreq_rep_set_etag(&rep, etag, strlen(etag), 0, NULL) != 0)
		return 1;
	rep.last_modified = 784903526;         /* the file's mtime */
	rep.has_last_modified = 1;

	/* Per request: its header lines, any order, any case. */
	condreq_request_init(&req, sizeof(req));
	condreq_result_init(&res, sizeof(res));
	req.method = "GET";
	req.method_len = 3;
	for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
		condreq_request_line(&req, headers[i], strlen(headers[i]));
	condreq_evaluate(&req, &rep, &res);
	printf("%d (decided by %s)\n", res.answer,
	    condreq_decided_name(res.decided_by));
	return 0;
}
