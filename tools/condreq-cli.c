/*
 * condreq(1): test conditional-request logic from a shell.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 *
 *   condreq eval [--method M] [--etag ETAG] [--last-modified HTTP-DATE]
 *       [--strong-last-modified] [--no-representation] [--now EPOCH]
 *       [--natural-status N] [--explain] ['Name: value' ...]
 *   condreq date [--now EPOCH] VALUE
 *   condreq etag VALUE
 *   condreq match --strong|--weak ETAG LIST
 *   condreq [COMMAND] --help | --version
 *
 * Unlike the library, the tool may read the clock: --now defaults to it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "condreq.h"

static const char *prog = "condreq";

/* The usage lines of each command, in the order of condreq(1). */
static const char usage_eval[] =
    "usage: condreq eval [--method M] [--etag ETAG] [--last-modified DATE]\n"
    "           [--strong-last-modified] [--no-representation] [--now EPOCH]\n"
    "           [--natural-status N] [--explain] ['Name: value' ...]\n";
static const char usage_date[] = "       condreq date [--now EPOCH] VALUE\n";
static const char usage_etag[] = "       condreq etag VALUE\n";
static const char usage_match[] =
    "       condreq match --strong|--weak ETAG LIST\n";
static const char usage_rest[] =
    "       condreq [COMMAND] --help | --version\n";

static const char help_eval[] =
    "Print the status a server should send for the request header lines\n"
    "given (200, 206, 304, 412 or the natural status), RFC 9110 13.2.\n"
    "  --method M               request method (default GET)\n"
    "  --etag ETAG              the representation's ETag, as sent\n"
    "  --last-modified DATE     its Last-Modified, an HTTP-date\n"
    "  --strong-last-modified   Last-Modified is a strong validator\n"
    "  --no-representation      no current representation exists\n"
    "  --now EPOCH              the server's clock (default: now)\n"
    "  --natural-status N       the status without preconditions (13.2.1)\n"
    "  --explain                say what decided, and what was ignored\n";
static const char help_date[] =
    "Print the Unix seconds and IMF-fixdate of an HTTP-date in any of its\n"
    "three formats.\n"
    "  --now EPOCH              resolves rfc850 years (default: now)\n";
static const char help_etag[] =
    "Print each member of an entity-tag list in canonical form.\n";
static const char help_match[] =
    "Print match or no-match: does ETAG match a member of LIST?\n"
    "  --strong | --weak        the comparison (RFC 9110 8.8.3.2)\n";

/* Usage of one command (NULL: all) on f. */
static void
print_usage(FILE *f, const char *cmd)
{
	int all = cmd == NULL;

	/* The later lines start with seven spaces where "usage: " stands. */
	if (all || strcmp(cmd, "eval") == 0)
		fputs(usage_eval, f);
	else
		fputs("usage:", f);
	if (all || strcmp(cmd, "date") == 0)
		fputs(all ? usage_date : usage_date + 6, f);
	if (all || strcmp(cmd, "etag") == 0)
		fputs(all ? usage_etag : usage_etag + 6, f);
	if (all || strcmp(cmd, "match") == 0)
		fputs(all ? usage_match : usage_match + 6, f);
	fputs(usage_rest, f);
}

/*
 * Every diagnostic has one form, on standard error:
 *     condreq: SUBJECT: PROBLEM[ at offset N][ (CODE)][; CONSEQUENCE]
 * SUBJECT is the argument at fault: an option's name, what the argument
 * should be (HTTP-date, entity-tag list, ETAG, LIST), a header line in
 * quotes, or the command; a problem the library found is its
 * condreq_strerror() text, with the byte offset when there is one and
 * condreq_code_name() in brackets; CONSEQUENCE says what was done instead
 * when the command goes on.
 */
static void
diag(const char *subject, const char *problem, const size_t *pos, int code,
    const char *then)
{
	fprintf(stderr, "%s: %s: %s", prog, subject, problem);
	if (pos != NULL)
		fprintf(stderr, " at offset %zu", *pos);
	if (code < 0)
		fprintf(stderr, " (%s)", condreq_code_name(code));
	if (then != NULL)
		fprintf(stderr, "; %s", then);
	fputc('\n', stderr);
}

/* A library code: its text, offset (pos may be NULL) and name. */
static void
diag_rc(const char *subject, int rc, const size_t *pos, const char *then)
{
	diag(subject, condreq_strerror(rc), pos, rc, then);
}

/* A usage error: the diagnostic (if any), then the command's usage. */
static int
usage(const char *cmd, const char *subject, const char *problem)
{
	if (subject != NULL)
		diag(subject, problem, NULL, 0, NULL);
	print_usage(stderr, cmd);
	return 2;
}

/* --help and --version, anywhere in a command's arguments: 1 if one was
 * answered (exit 0), else 0. */
static int
help_or_version(const char *cmd, const char *help, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			print_usage(stdout, cmd);
			if (help != NULL)
				fputs(help, stdout);
			return 1;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("condreq %s\n", condreq_version_string());
			return 1;
		}
	}
	return 0;
}

static int
parse_int64(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (*s == '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0)
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
			if (++i >= argc || parse_int64(argv[i], &now) != 0)
				return usage("date", "--now",
				    "needs Unix seconds");
		} else if (value == NULL)
			value = argv[i];
		else
			return usage("date", "date", "takes one VALUE");
	}
	if (value == NULL)
		return usage("date", "date", "needs a VALUE");
	rc = condreq_date_parse(value, strlen(value), now, 0, &t, &pos);
	if (rc != CONDREQ_OK) {
		diag_rc("HTTP-date", rc, &pos, NULL);
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
	int rc, fault;

	if (argc != 1)
		return usage("etag", "etag", "takes one VALUE");
	condreq_etag_iter_init(&it, argv[0], strlen(argv[0]), 0);
	while ((rc = condreq_etag_next(&it, &tag, &fault, &pos)) != 0) {
		if (rc == CONDREQ_STAR) {
			puts("*");
			continue;
		}
		if (condreq_etag_format(&tag, buf, sizeof(buf), &n) == CONDREQ_OK)
			printf("%.*s\n", (int)n, buf);
	}
	if (fault != CONDREQ_OK) {
		diag_rc("entity-tag list", fault, &pos, NULL);
		return 1;
	}
	return 0;
}

static int
cmd_match(int argc, char **argv)
{
	struct condreq_rep rep;
	uint32_t flags;
	size_t pos = 0;
	int rc, fault;

	if (argc != 3)
		return usage("match", "match",
		    "takes --strong|--weak ETAG LIST");
	if (strcmp(argv[0], "--strong") == 0)
		flags = 0;
	else if (strcmp(argv[0], "--weak") == 0)
		flags = CONDREQ_F_WEAK_COMPARE;
	else
		return usage("match", argv[0],
		    "not --strong or --weak");
	condreq_rep_init(&rep);
	rc = condreq_rep_set_etag(&rep, argv[1], strlen(argv[1]), 0, &pos);
	if (rc != CONDREQ_OK) {
		diag_rc("ETAG", rc, &pos, NULL);
		return 2;
	}
	rc = condreq_etag_list_match(&rep, argv[2], strlen(argv[2]), flags,
	    &fault, &pos);
	if (fault != CONDREQ_OK) {
		diag_rc("LIST", fault, &pos, NULL);
		return 2;
	}
	/* "*" matches any current representation, and ETAG names one. */
	if (rc == CONDREQ_MATCH) {
		puts("match");
		return 0;
	}
	puts("no-match");
	return 1;
}

static void
explain(const struct condreq_result *res, int bad_etag)
{
	uint32_t bit;
	int f;

	printf("decided-by: %s\n", condreq_decided_name(res->decided_by));
	printf("range: %s\n", res->status == 206 ? "honour" : "no");
	for (bit = 1; bit != 0; bit <<= 1)
		if (res->ignored & bit)
			printf("ignored: %s\n", condreq_ignored_reason(bit));
	for (f = 0; f < CONDREQ_NFIELDS; f++) {
		if (res->malformed & (1u << f))
			printf("malformed: %s (treated fail-safe)\n",
			    condreq_field_name(f));
		if (res->overflow & (1u << f))
			printf("overflow: %s has more lines than kept\n",
			    condreq_field_name(f));
	}
	if (bad_etag)
		printf("malformed: --etag (treated as no ETag)\n");
}

/* Room for the repeated field lines of one command line. */
#define EVAL_LINES 64

static int
cmd_eval(int argc, char **argv)
{
	struct condreq_request req;
	struct condreq_rep rep;
	struct condreq_result res;
	struct condreq_line lines[EVAL_LINES];
	const char *lmstr = NULL, *etag = NULL;
	int i, rc, want_explain = 0, bad_etag = 0;
	int64_t v;
	size_t pos;

	condreq_request_init(&req);
	condreq_rep_init(&rep);
	condreq_result_init(&res);
	req.method = "GET";
	req.method_len = 3;
	req.now = (int64_t)time(NULL);
	req.lines = lines;
	req.lines_cap = EVAL_LINES;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--method") == 0) {
			if (++i >= argc)
				return usage("eval", a, "needs a value");
			req.method = argv[i];
			req.method_len = strlen(argv[i]);
		} else if (strcmp(a, "--etag") == 0) {
			if (++i >= argc)
				return usage("eval", a, "needs a value");
			etag = argv[i];
		} else if (strcmp(a, "--last-modified") == 0) {
			if (++i >= argc)
				return usage("eval", a, "needs a value");
			lmstr = argv[i];
		} else if (strcmp(a, "--no-representation") == 0) {
			rep.exists = 0;
		} else if (strcmp(a, "--now") == 0) {
			if (++i >= argc || parse_int64(argv[i], &req.now) != 0)
				return usage("eval", a,
				    "needs Unix seconds");
		} else if (strcmp(a, "--natural-status") == 0) {
			if (++i >= argc || parse_int64(argv[i], &v) != 0 ||
			    v < 0 || v > 999)
				return usage("eval", a,
				    "needs a status code");
			req.natural_status = (int32_t)v;
		} else if (strcmp(a, "--explain") == 0) {
			want_explain = 1;
		} else if (strcmp(a, "--strong-last-modified") == 0) {
			rep.lm_strong = CONDREQ_LM_STRONG;
		} else if (a[0] == '-' && a[1] == '-') {
			return usage("eval", a, "unknown option");
		} else {
			char line[96];
			size_t n = strlen(a);

			/* The line in quotes, cut short when long. */
			snprintf(line, sizeof(line), "'%.*s%s'",
			    (int)(n < 80 ? n : 76), a, n < 80 ? "" : "...");
			rc = condreq_request_line(&req, a, strlen(a));
			if (rc == CONDREQ_ESYNTAX) {
				diag(line, "not a 'Name: value' line", NULL, rc,
				    NULL);
				return 2;
			}
			if (rc == CONDREQ_ENOSPC)
				diag(line, "more field lines than kept", NULL,
				    rc, "the decision fails safe");
		}
	}
	if (etag != NULL && (rc = condreq_rep_set_etag(&rep, etag, strlen(etag),
	    0, &pos)) != CONDREQ_OK) {
		diag_rc("--etag", rc, &pos, "evaluated as no ETag");
		bad_etag = 1;
	}
	if (lmstr != NULL) {
		rc = condreq_date_parse(lmstr, strlen(lmstr), req.now, 0,
		    &rep.last_modified, &pos);
		if (rc != CONDREQ_OK) {
			diag_rc("--last-modified", rc, &pos, NULL);
			return 2;
		}
		rep.has_last_modified = 1;
	}
	rc = condreq_evaluate(&req, &rep, &res);
	if (rc < 0) {
		diag_rc(rc == CONDREQ_EMETHOD ? "--method" :
		    rc == CONDREQ_EINVAL ? "--natural-status" : "request",
		    rc, NULL, NULL);
		return 2;
	}
	printf("%d\n", rc);
	if (want_explain)
		explain(&res, bad_etag);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		const char *help;
		int (*run)(int, char **);
	} cmds[] = {
		{ "eval", help_eval, cmd_eval },
		{ "date", help_date, cmd_date },
		{ "etag", help_etag, cmd_etag },
		{ "match", help_match, cmd_match },
	};
	size_t i;

	if (argc < 2)
		return usage(NULL, NULL, NULL);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0) {
			if (help_or_version(cmds[i].name, cmds[i].help,
			    argc - 2, argv + 2))
				return 0;
			return cmds[i].run(argc - 2, argv + 2);
		}
	if (help_or_version(NULL, NULL, 1, argv + 1))
		return 0;
	return usage(NULL, argv[1], "unknown command");
}
