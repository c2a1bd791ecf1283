/*
 * condreq-probe: the table on standard output, its closing line, and
 * JUnit XML for CI systems (kept in memory until the counts are known).
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

static const char *const verdict_name[] = { "pass", "FAIL", "ERROR",
	"allowed" };
static const char *const group_name[] = { "if-none-match",
	"if-modified-since", "if-unmodified-since", "if-match", "precedence",
	"if-range", "write" };

void
report_header(void)
{
	printf("%-36s %-32s %-9s %-4s %s\n", "id", "request", "expected",
	    "got", "verdict");
}

/* "304", or "206|200" when the RFC allows either; "2xx" for a write
 * that goes on. */
static void
expected_str(const struct pcase *c, const struct expect *e, char *buf,
    size_t bufsz)
{
	size_t k = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < e->n && k < bufsz; i++)
		if (c->write && e->answer[i] == 200)
			k += (size_t)snprintf(buf + k, bufsz - k, "%s2xx",
			    i ? "|" : "");
		else
			k += (size_t)snprintf(buf + k, bufsz - k, "%s%d",
			    i ? "|" : "", e->answer[i]);
}

void
report_row(const struct pcase *c, const struct expect *e,
    const struct outcome *o)
{
	char ex[32], got[8];

	expected_str(c, e, ex, sizeof(ex));
	if (o->verdict == V_ERROR)
		snprintf(got, sizeof(got), "-");
	else
		snprintf(got, sizeof(got), "%ld", o->got);
	printf("%-36s %-32s %-9s %-4s %s\n", c->id, c->shown, ex, got,
	    verdict_name[o->verdict]);
	if (o->verdict != V_PASS)
		printf("    %s\n", o->detail);
	else if (o->allowed_by != NULL)
		printf("    allowed by RFC 9110 %s\n", o->allowed_by);
}

void
report_close(const struct tally *t)
{
	if (t->allowed > 0)
		printf("probe: %d passed, %d failed, %d allowed-deviations\n",
		    t->passed, t->failed, t->allowed);
	else
		printf("probe: %d passed, %d failed\n", t->passed, t->failed);
}

/* ---- JUnit XML ---------------------------------------------------------- */

static FILE *junit;
static char *cases_xml;
static size_t cases_len;
static int errors;

static void
xml_add(const char *s)
{
	size_t n = strlen(s);
	char *p = realloc(cases_xml, cases_len + n + 1);

	if (p == NULL)
		return;
	cases_xml = p;
	memcpy(cases_xml + cases_len, s, n + 1);
	cases_len += n;
}

/* s with &, <, >, " escaped, into buf. */
static const char *
xml_text(const char *s, char *buf, size_t bufsz)
{
	size_t k = 0;

	for (; *s != '\0' && k + 7 < bufsz; s++) {
		const char *r = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" :
		    *s == '>' ? "&gt;" : *s == '"' ? "&quot;" : NULL;

		if (r != NULL) {
			memcpy(buf + k, r, strlen(r));
			k += strlen(r);
		} else if ((unsigned char)*s >= 0x20)
			buf[k++] = *s;
	}
	buf[k] = '\0';
	return buf;
}

int
report_junit_open(const char *path)
{
	junit = fopen(path, "w");
	return junit != NULL ? 0 : -1;
}

void
report_junit_case(const struct pcase *c, const struct expect *e,
    const struct outcome *o)
{
	char id[96], shown[256], detail[1024], ex[32], line[2048];

	if (junit == NULL)
		return;
	expected_str(c, e, ex, sizeof(ex));
	snprintf(line, sizeof(line), "    <testcase classname=\"condreq-probe."
	    "%s\" name=\"%s\">\n", group_name[c->group],
	    xml_text(c->id, id, sizeof(id)));
	xml_add(line);
	xml_text(o->detail, detail, sizeof(detail));
	xml_text(c->shown, shown, sizeof(shown));
	if (o->verdict == V_FAIL || o->verdict == V_ERROR) {
		snprintf(line, sizeof(line), "      <%s message=\"%s: expected "
		    "%s, got %ld\">%s</%s>\n", o->verdict == V_FAIL ? "failure" :
		    "error", shown, ex, o->got, detail, o->verdict == V_FAIL ?
		    "failure" : "error");
		xml_add(line);
		errors += o->verdict == V_ERROR;
	} else if (o->verdict == V_ALLOWED || o->allowed_by != NULL) {
		snprintf(line, sizeof(line), "      <system-out>%s: %s</system-out>"
		    "\n", o->verdict == V_ALLOWED ? "allowed deviation" :
		    "allowed by RFC 9110", o->verdict == V_ALLOWED ? detail :
		    xml_text(o->allowed_by, detail, sizeof(detail)));
		xml_add(line);
	}
	xml_add("    </testcase>\n");
}

int
report_junit_close(const struct tally *t)
{
	int rc;

	if (junit == NULL)
		return 0;
	fprintf(junit, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites>\n  <testsuite name=\"condreq-probe\" tests=\"%d\" "
	    "failures=\"%d\" errors=\"%d\">\n%s  </testsuite>\n"
	    "</testsuites>\n", t->passed + t->failed + t->allowed,
	    t->failed - errors, errors, cases_xml != NULL ? cases_xml : "");
	rc = fclose(junit) == 0 ? 0 : -1;
	junit = NULL;
	free(cases_xml);
	cases_xml = NULL;
	return rc;
}
