/*
 * The vectors' adapter for libcondreq's C interface: reads rows on stdin,
 * one per line, as "FILE<TAB>the row's columns as in FILE", and writes
 * one JSON answer per row (test/vectors/README: "Adapters").
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "condreq.h"

#define MAXCOL 16
#define MAXLINES 16

static const struct { const char *name; uint32_t bit; } flag_names[] = {
	{ "CONDREQ_F_LENIENT_ETAG", CONDREQ_F_LENIENT_ETAG },
	{ "CONDREQ_F_ANY_WEEKDAY", CONDREQ_F_ANY_WEEKDAY },
	{ "CONDREQ_F_IMS_EXACT", CONDREQ_F_IMS_EXACT },
	{ "CONDREQ_F_IMS_IGNORE_FUTURE", CONDREQ_F_IMS_IGNORE_FUTURE },
	{ "CONDREQ_F_LM_ZERO_UNKNOWN", CONDREQ_F_LM_ZERO_UNKNOWN },
	{ "CONDREQ_F_WEAK_COMPARE", CONDREQ_F_WEAK_COMPARE },
};

/* "A|B" or "0"; 0 and an unknown name (-1) are told apart. */
static int64_t
flags(const char *s)
{
	uint32_t f = 0;
	size_t i, n;

	if (strcmp(s, "0") == 0)
		return 0;
	while (*s != '\0') {
		n = strcspn(s, "|");
		for (i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++)
			if (strlen(flag_names[i].name) == n &&
			    memcmp(flag_names[i].name, s, n) == 0)
				break;
		if (i == sizeof(flag_names) / sizeof(flag_names[0]))
			return -1;
		f |= flag_names[i].bit;
		s += n + (s[n] == '|');
	}
	return f;
}

static int
hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	    c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The escapes of README: \t \r \n \\ \xHH; decoded in place. */
static size_t
unescape(char *s)
{
	char *o = s;
	const char *i = s;

	while (*i != '\0') {
		if (i[0] == '\\' && (i[1] == 't' || i[1] == 'r' || i[1] == 'n' ||
		    i[1] == '\\')) {
			*o++ = i[1] == 't' ? '\t' : i[1] == 'r' ? '\r' :
			    i[1] == 'n' ? '\n' : '\\';
			i += 2;
		} else if (i[0] == '\\' && i[1] == 'x' && hex(i[2]) >= 0 &&
		    hex(i[3]) >= 0) {
			*o++ = (char)(hex(i[2]) * 16 + hex(i[3]));
			i += 4;
		} else
			*o++ = *i++;
	}
	*o = '\0';
	return (size_t)(o - s);
}

/* A JSON string of n bytes, one code point per byte. */
static void
json_bytes(const char *s, size_t n)
{
	size_t i;

	putchar('"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void
skip(const char *why)
{
	printf("{\"skip\": \"%s\"}\n", why);
}

static void
date_row(char **col)
{
	size_t n = unescape(col[0]), pos;
	int64_t f = flags(col[2]), v = 0;
	int64_t now = strcmp(col[1], "-") == 0 ? CONDREQ_NOW_UNKNOWN :
	    strtoll(col[1], NULL, 10);

	if (f < 0) {
		skip("unknown flag");
		return;
	}
	if (condreq_date_parse(col[0], n, now, (uint32_t)f, &v, &pos) ==
	    CONDREQ_OK)
		printf("{\"answer\": {\"valid\": true, \"value\": %lld}}\n",
		    (long long)v);
	else
		printf("{\"answer\": {\"valid\": false}}\n");
}

static void
list_row(char **col)
{
	size_t n = unescape(col[0]), w;
	int64_t f = flags(col[1]);
	struct condreq_etag_iter it;
	struct condreq_etag t;
	char buf[1024];
	int rc, fault = 0, first = 1;
	static char out[65536];
	size_t used = 0;

	if (f < 0) {
		skip("unknown flag");
		return;
	}
	rc = condreq_etag_iter_init(&it, col[0], n, (uint32_t)f);
	while (rc >= 0 && (rc = condreq_etag_next(&it, &t, &fault, NULL)) > 0) {
		if (rc == CONDREQ_STAR) {
			buf[0] = '*';
			w = 1;
		} else if (condreq_etag_format(&t, buf, sizeof(buf), &w) !=
		    CONDREQ_OK) {
			rc = -1;
			break;
		}
		if (used + w + 16 > sizeof(out)) {
			rc = -1;
			break;
		}
		memcpy(out + used, buf, w);
		out[used + w] = '\0';
		used += w + 1;
	}
	if (rc < 0 || fault != 0) {
		printf("{\"answer\": {\"valid\": false}}\n");
		return;
	}
	printf("{\"answer\": {\"valid\": true, \"members\": [");
	for (w = 0; w < used; w += strlen(out + w) + 1) {
		if (!first)
			printf(", ");
		first = 0;
		json_bytes(out + w, strlen(out + w));
	}
	printf("]}}\n");
}

static void
compare_row(char **col)
{
	size_t an = unescape(col[0]), bn = unescape(col[1]);
	struct condreq_etag a, b;

	if (condreq_etag_parse(col[0], an, 0, &a, NULL) != CONDREQ_OK ||
	    condreq_etag_parse(col[1], bn, 0, &b, NULL) != CONDREQ_OK) {
		printf("{\"answer\": {\"strong\": false, \"weak\": false}}\n");
		return;
	}
	printf("{\"answer\": {\"strong\": %s, \"weak\": %s}}\n",
	    condreq_etag_match_strong(&a, &b) ? "true" : "false",
	    condreq_etag_match_weak(&a, &b) ? "true" : "false");
}

/* method headers etag last-modified exists flags lm_strong now natural */
static void
eval_row(char **col)
{
	struct condreq_request req;
	struct condreq_rep rep;
	struct condreq_result res;
	struct condreq_line lines[MAXLINES];
	int64_t f = flags(col[5]);
	char *c, *sep;

	if (f < 0) {
		skip("unknown flag");
		return;
	}
	condreq_request_init(&req);
	condreq_rep_init(&rep);
	condreq_result_init(&res);
	req.method = col[0];
	req.method_len = strlen(col[0]);
	req.flags = (uint32_t)f;
	req.now = strcmp(col[7], "-") == 0 ? CONDREQ_NOW_UNKNOWN :
	    strtoll(col[7], NULL, 10);
	req.natural_status = atoi(col[8]);
	req.lines = lines;
	req.lines_cap = MAXLINES;
	if (strcmp(col[2], "-") != 0 && condreq_rep_set_etag(&rep, col[2],
	    strlen(col[2]), req.flags, NULL) != CONDREQ_OK) {
		skip("the representation's ETag is not one libcondreq takes");
		return;
	}
	if (strcmp(col[3], "-") != 0) {
		rep.last_modified = strtoll(col[3], NULL, 10);
		rep.has_last_modified = 1;
	}
	rep.exists = atoi(col[4]);
	rep.lm_strong = atoi(col[6]);
	for (c = strcmp(col[1], "-") == 0 ? NULL : col[1]; c != NULL; ) {
		if ((sep = strstr(c, " || ")) != NULL)
			*sep = '\0';
		condreq_request_line(&req, c, strlen(c));
		c = sep != NULL ? sep + 4 : NULL;
	}
	condreq_evaluate(&req, &rep, &res);
	printf("{\"answer\": {\"status\": %d}}\n", (int)res.status);
}

int
main(void)
{
	static char line[1 << 16];
	char *col[MAXCOL];
	int n;

	printf("{\"name\": \"libcondreq (C)\", \"version\": \"%s\"}\n",
	    condreq_version_string());
	fflush(stdout);
	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		col[0] = line;
		for (n = 1; n < MAXCOL && (col[n] = strchr(col[n - 1], '\t'));
		    n++)
			*col[n]++ = '\0';
		for (; n < MAXCOL; n++)
			col[n] = (char *)"";
		if (strcmp(col[0], "dates") == 0)
			date_row(col + 1);
		else if (strcmp(col[0], "etag_lists") == 0)
			list_row(col + 1);
		else if (strcmp(col[0], "etag_compare") == 0)
			compare_row(col + 1);
		else if (strcmp(col[0], "eval") == 0)
			eval_row(col + 1);
		else
			skip("unknown file");
		fflush(stdout);
	}
	return 0;
}
