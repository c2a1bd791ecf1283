/*
 * condreq(1): test conditional-request logic from a shell.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 *
 *   condreq eval [--method M] [--etag ETAG] [--last-modified HTTP-DATE]
 *       [--no-representation] [--now EPOCH] [--explain] ['Name: value' ...]
 *   condreq date [--now EPOCH] VALUE
 *   condreq etag VALUE
 *   condreq match --strong|--weak ETAG LIST
 *
 * Unlike the library, the tool may read the clock: --now defaults to it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "condreq.h"

static const char *prog = "condreq";

static int
usage(const char *msg)
{
	if (msg != NULL)
		fprintf(stderr, "%s: %s\n", prog, msg);
	fprintf(stderr,
	    "usage: %s eval [--method M] [--etag ETAG] [--last-modified DATE]\n"
	    "           [--no-representation] [--now EPOCH] [--explain]\n"
	    "           ['Name: value' ...]\n"
	    "       %s date [--now EPOCH] VALUE\n"
	    "       %s etag VALUE\n"
	    "       %s match --strong|--weak ETAG LIST\n",
	    prog, prog, prog, prog);
	return 2;
}

static int
parse_epoch(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (*s == '\0')
		return -1;
	v = strtoll(s, &end, 10);
	if (*end != '\0')
		return -1;
	*out = (int64_t)v;
	return 0;
}

static int
cmd_date(int argc, char **argv)
{
	int64_t now = (int64_t)time(NULL), t;
	char buf[CONDREQ_DATE_LEN + 1];
	size_t pos = 0;
	int i, rc;
	const char *value = NULL;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--now") == 0) {
			if (++i >= argc || parse_epoch(argv[i], &now) != 0)
				return usage("--now needs Unix seconds");
		} else if (value == NULL)
			value = argv[i];
		else
			return usage("date takes one VALUE");
	}
	if (value == NULL)
		return usage("date needs a VALUE");
	rc = condreq_date_parse(value, strlen(value), now, 0, &t, &pos);
	if (rc != CONDREQ_OK) {
		fprintf(stderr, "%s: invalid HTTP-date: %s at offset %zu (%s)\n",
		    prog, condreq_strerror(rc), pos, condreq_code_name(rc));
		return 1;
	}
	if (condreq_date_format(t, buf, sizeof(buf), NULL) != CONDREQ_OK)
		buf[0] = '\0';
	printf("%lld %s\n", (long long)t, buf);
	return 0;
}

static int
cmd_etag(int argc, char **argv)
{
	struct condreq_etag_iter it;
	struct condreq_etag tag;
	char buf[8192];
	size_t pos = 0, n;
	int rc;

	if (argc != 1)
		return usage("etag takes one VALUE");
	condreq_etag_iter_init(&it, argv[0], strlen(argv[0]), 0);
	while ((rc = condreq_etag_next(&it, &tag, &pos)) > 0) {
		if (rc == CONDREQ_STAR) {
			puts("*");
			continue;
		}
		if (condreq_etag_format(&tag, buf, sizeof(buf), &n) == CONDREQ_OK)
			printf("%.*s\n", (int)n, buf);
	}
	if (rc < 0) {
		fprintf(stderr, "%s: malformed entity-tag list: %s at offset "
		    "%zu (%s)\n", prog, condreq_strerror(rc), pos,
		    condreq_code_name(rc));
		return 1;
	}
	return 0;
}

static int
cmd_match(int argc, char **argv)
{
	uint32_t flags;
	size_t pos = 0;
	int rc;

	if (argc != 3)
		return usage("match takes --strong|--weak ETAG LIST");
	if (strcmp(argv[0], "--strong") == 0)
		flags = 0;
	else if (strcmp(argv[0], "--weak") == 0)
		flags = CONDREQ_F_WEAK_COMPARE;
	else
		return usage("match needs --strong or --weak");
	rc = condreq_etag_list_match(argv[2], strlen(argv[2]), argv[1],
	    strlen(argv[1]), flags, &pos);
	if (rc == CONDREQ_EINVAL) {
		fprintf(stderr, "%s: malformed ETAG\n", prog);
		return 2;
	}
	if (rc < 0) {
		fprintf(stderr, "%s: malformed LIST: %s at offset %zu (%s)\n",
		    prog, condreq_strerror(rc), pos, condreq_code_name(rc));
		return 2;
	}
	/* "*" matches any current representation, and ETAG names one. */
	if (rc == CONDREQ_MATCH || rc == CONDREQ_STAR) {
		puts("match");
		return 0;
	}
	puts("no-match");
	return 1;
}

static const char *const field_name[CONDREQ_NFIELDS] = {
	"If-Match", "If-None-Match", "If-Modified-Since",
	"If-Unmodified-Since", "If-Range", "Range"
};

static int
cmd_eval(int argc, char **argv)
{
	struct condreq_request req;
	struct condreq_result res;
	const char *lmstr = NULL;
	int i, rc, explain = 0, status;
	uint32_t bit;
	size_t pos;

	condreq_request_init(&req, sizeof(req));
	condreq_result_init(&res, sizeof(res));
	req.method = "GET";
	req.method_len = 3;
	req.now = (int64_t)time(NULL);
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--method") == 0) {
			if (++i >= argc)
				return usage("--method needs a value");
			req.method = argv[i];
			req.method_len = strlen(argv[i]);
		} else if (strcmp(a, "--etag") == 0) {
			if (++i >= argc)
				return usage("--etag needs a value");
			req.etag = argv[i];
			req.etag_len = strlen(argv[i]);
		} else if (strcmp(a, "--last-modified") == 0) {
			if (++i >= argc)
				return usage("--last-modified needs a value");
			lmstr = argv[i];
		} else if (strcmp(a, "--no-representation") == 0) {
			req.exists = 0;
		} else if (strcmp(a, "--now") == 0) {
			if (++i >= argc || parse_epoch(argv[i], &req.now) != 0)
				return usage("--now needs Unix seconds");
		} else if (strcmp(a, "--explain") == 0) {
			explain = 1;
		} else if (strcmp(a, "--strong-last-modified") == 0) {
			req.lm_strong = CONDREQ_LM_STRONG;
		} else if (a[0] == '-' && a[1] == '-') {
			fprintf(stderr, "%s: unknown option %s\n", prog, a);
			return usage(NULL);
		} else {
			rc = condreq_request_line(&req, a, strlen(a));
			if (rc == CONDREQ_ESYNTAX) {
				fprintf(stderr, "%s: not a header line: '%s'\n",
				    prog, a);
				return 2;
			}
			if (rc == CONDREQ_ENOSPC)
				fprintf(stderr, "%s: too many field lines; "
				    "the decision fails safe\n", prog);
		}
	}
	if (lmstr != NULL) {
		rc = condreq_date_parse(lmstr, strlen(lmstr), req.now, 0,
		    &req.last_modified, &pos);
		if (rc != CONDREQ_OK) {
			fprintf(stderr, "%s: --last-modified: %s at offset %zu\n",
			    prog, condreq_strerror(rc), pos);
			return 2;
		}
		req.has_last_modified = 1;
	}
	rc = condreq_evaluate(&req, &res);
	if (rc < 0) {
		fprintf(stderr, "%s: %s\n", prog, condreq_strerror(rc));
		return 2;
	}
	status = res.status == 200 && res.range ? 206 : res.status;
	printf("%d\n", status);
	if (!explain)
		return 0;
	printf("decided-by: %s\n", condreq_decided_name(res.decided_by));
	printf("range: %s\n", res.range ? "honour" : "no");
	for (bit = 1; bit != 0; bit <<= 1)
		if (res.ignored & bit)
			printf("ignored: %s\n", condreq_ignored_reason(bit));
	for (i = 0; i < CONDREQ_NFIELDS; i++) {
		if (res.malformed & (1u << i))
			printf("malformed: %s (treated fail-safe)\n",
			    field_name[i]);
		if (res.overflow & (1u << i))
			printf("overflow: %s has more lines than kept\n",
			    field_name[i]);
	}
	if (res.malformed & CONDREQ_MALFORMED_ETAG)
		printf("malformed: --etag (treated as no ETag)\n");
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return usage(NULL);
	if (strcmp(argv[1], "eval") == 0)
		return cmd_eval(argc - 2, argv + 2);
	if (strcmp(argv[1], "date") == 0)
		return cmd_date(argc - 2, argv + 2);
	if (strcmp(argv[1], "etag") == 0)
		return cmd_etag(argc - 2, argv + 2);
	if (strcmp(argv[1], "match") == 0)
		return cmd_match(argc - 2, argv + 2);
	if (strcmp(argv[1], "--version") == 0) {
		printf("condreq %s\n", condreq_version_string());
		return 0;
	}
	return usage("unknown command");
}
