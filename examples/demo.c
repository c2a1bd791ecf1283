/*
 * make demo: realistic requests against one representation, and what
 * libcondreq decides for each, with the reason.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdio.h>
#include <string.h>

#include "condreq.h"

struct demo {
	const char *what;
	const char *method;
	const char *lines[4];
};

/* The representation: ETag "5e1-17a3", modified Tue, 15 Nov 1994 12:45:26 GMT. */
static const struct demo demos[] = {
	{ "browser revalidation, unchanged", "GET",
	  { "If-None-Match: \"5e1-17a3\"",
	    "If-Modified-Since: Tue, 15 Nov 1994 12:45:26 GMT" } },
	{ "browser revalidation, changed", "GET",
	  { "If-None-Match: \"5e1-0000\"",
	    "If-Modified-Since: Tue, 15 Nov 1994 12:45:26 GMT" } },
	{ "date-only revalidation (curl -z)", "GET",
	  { "If-Modified-Since: Wed, 16 Nov 1994 00:00:00 GMT" } },
	{ "date-only, older copy", "GET",
	  { "If-Modified-Since: Mon, 14 Nov 1994 00:00:00 GMT" } },
	{ "HEAD with a weak tag (weak comparison)", "HEAD",
	  { "If-None-Match: W/\"5e1-17a3\"" } },
	{ "PUT with the current tag", "PUT",
	  { "If-Match: \"5e1-17a3\"" } },
	{ "stale PUT (lost update prevented)", "PUT",
	  { "If-Match: \"5e1-0000\"" } },
	{ "PUT create-only, resource exists", "PUT",
	  { "If-None-Match: *" } },
	{ "DELETE, unmodified since", "DELETE",
	  { "If-Unmodified-Since: Tue, 15 Nov 1994 12:45:26 GMT" } },
	{ "DELETE, modified since", "DELETE",
	  { "If-Unmodified-Since: Mon, 14 Nov 1994 00:00:00 GMT" } },
	{ "resume download, If-Range holds", "GET",
	  { "Range: bytes=1000-", "If-Range: \"5e1-17a3\"" } },
	{ "resume download, file changed", "GET",
	  { "Range: bytes=1000-", "If-Range: \"5e1-0000\"" } },
	{ "If-Range with a weak tag", "GET",
	  { "Range: bytes=0-99", "If-Range: W/\"5e1-17a3\"" } },
	{ "malformed If-Match never lets a write through", "PUT",
	  { "If-Match: 5e1-17a3" } },
	{ "malformed If-None-Match never gives 304", "GET",
	  { "If-None-Match: \"5e1-17a3" } },
	{ "invalid If-Modified-Since is ignored", "GET",
	  { "If-Modified-Since: yesterday" } },
	{ "If-Modified-Since on POST is ignored", "POST",
	  { "If-Modified-Since: Wed, 16 Nov 1994 00:00:00 GMT" } },
	{ "If-None-Match wins over If-Modified-Since", "GET",
	  { "If-None-Match: \"other\"",
	    "If-Modified-Since: Wed, 16 Nov 1994 00:00:00 GMT" } },
	{ "OPTIONS ignores preconditions (13.2.1)", "OPTIONS",
	  { "If-Match: \"5e1-0000\"" } },
};

int
main(void)
{
	static const char etag[] = "\"5e1-17a3\"";
	static const char lm[] = "Tue, 15 Nov 1994 12:45:26 GMT";
	struct condreq_request req;
	struct condreq_rep rep;
	struct condreq_result res;
	size_t i, k;
	int rc;
	uint32_t bit;

	/* The representation is prepared once, for every request. */
	condreq_rep_init(&rep);
	if (condreq_rep_set_etag(&rep, etag, sizeof(etag) - 1, 0, NULL) !=
	    CONDREQ_OK || condreq_date_parse(lm, sizeof(lm) - 1,
	    CONDREQ_NOW_UNKNOWN, 0, &rep.last_modified, NULL) != CONDREQ_OK)
		return 1;
	rep.has_last_modified = 1;
	condreq_result_init(&res);
	printf("Representation: ETag %s, Last-Modified %s\n\n", etag, lm);
	printf("%-48s %-7s %-6s %s\n", "request", "method", "status",
	    "decided by / notes");
	for (i = 0; i < sizeof(demos) / sizeof(demos[0]); i++) {
		const struct demo *d = &demos[i];

		condreq_request_init(&req);
		req.method = d->method;
		req.method_len = strlen(d->method);
		req.now = 785000000;
		for (k = 0; k < 4 && d->lines[k] != NULL; k++)
			condreq_request_line(&req, d->lines[k],
			    strlen(d->lines[k]));
		if ((rc = condreq_evaluate(&req, &rep, &res)) < 0)
			return 1;
		printf("%-48s %-7s %-6d %s\n", d->what, d->method, rc,
		    condreq_decided_name(res.decided_by));
		for (k = 0; k < 4 && d->lines[k] != NULL; k++)
			printf("%-48s   > %s\n", "", d->lines[k]);
		for (bit = 1; bit != 0; bit <<= 1)
			if (res.ignored & bit)
				printf("%-48s   - %s\n", "",
				    condreq_ignored_reason(bit));
		if (res.malformed)
			printf("%-48s   - malformed header, answered fail-safe\n",
			    "");
	}
	return 0;
}
