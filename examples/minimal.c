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
	struct condreq_request req;
	struct condreq_result res;
	size_t i;

	condreq_request_init(&req, sizeof(req));
	condreq_result_init(&res, sizeof(res));
	req.method = "GET";
	req.method_len = 3;
	req.etag = "\"1c-5f3e2a10\"";          /* the ETag you would send */
	req.etag_len = strlen(req.etag);
	req.last_modified = 784903526;         /* the file's mtime */
	req.has_last_modified = 1;
	for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
		condreq_request_line(&req, headers[i], strlen(headers[i]));
	condreq_evaluate(&req, &res);
	printf("%d (decided by %s)\n", res.status == 200 && res.range ? 206 :
	    res.status, condreq_decided_name(res.decided_by));
	return 0;
}
