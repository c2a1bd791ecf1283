/*
 * condreq-probe: the table on standard output, its closing line, and
 * JUnit XML for CI systems (kept in memory until the counts are known).
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "probe.h"

static const char *const verdict_name[] = { "pass", "FAIL", "ERROR",
	"allowed", "skipped", "warning" };
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
	if (o->verdict == V_ERROR || o->verdict == V_SKIP)
		snprintf(got, sizeof(got), "-");
	else
		snprintf(got, sizeof(got), "%ld", o->got);
	printf("%-36s %-32s %-9s %-4s %s\n", c->id, c->shown, ex, got,
	    verdict_name[o->verdict]);
	if (o->verdict == V_SKIP)
		printf("    not sent: %s\n", c->skip);
	else if (o->verdict != V_PASS)
		printf("    %s\n", o->detail);
	else if (o->allowed_by != NULL)
		printf("    allowed by RFC 9110 %s\n", o->allowed_by);
}

void
report_close(const struct tally *t)
{
	printf("probe: %d passed, %d failed, %d skipped", t->passed, t->failed,
	    t->skipped);
	if (t->warnings > 0)
		printf(", %d warnings", t->warnings);
	if (t->allowed > 0)
		printf(", %d allowed-deviations", t->allowed);
	printf("\n");
}

/* ---- JUnit XML ---------------------------------------------------------- */

static char *cases_xml;
static size_t cases_len;
static int errors, dropped;

static void
xml_add(const char *s)
{
	size_t n = strlen(s);
	char *p = realloc(cases_xml, cases_len + n + 1);

	if (p == NULL) {
		dropped = 1;
		return;
	}
	cases_xml = p;
	memcpy(cases_xml + cases_len, s, n + 1);
	cases_len += n;
}

/* s with &, <, >, " escaped, into buf; any byte that is not printable
 * ASCII (the text is escaped already, this is a second guard) as \xNN,
 * so that the file is always well-formed UTF-8. */
static const char *
xml_text(const char *s, char *buf, size_t bufsz)
{
	size_t k = 0;

	for (; *s != '\0' && k + 7 < bufsz; s++) {
		unsigned char c = (unsigned char)*s;
		const char *r = c == '&' ? "&amp;" : c == '<' ? "&lt;" :
		    c == '>' ? "&gt;" : c == '"' ? "&quot;" : NULL;
		char one[8];

		if (r == NULL && c >= 0x20 && c < 0x7f) {
			buf[k++] = (char)c;
			continue;
		}
		if (r == NULL)
			r = escape(s, 1, one, sizeof one);
		memcpy(buf + k, r, strlen(r));
		k += strlen(r);
	}
	buf[k] = '\0';
	return buf;
}

void
report_junit_case(const struct pcase *c, const struct expect *e,
    const struct outcome *o)
{
	char id[160], shown[256], detail[2048], ex[32], line[3072];

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
	} else if (o->verdict == V_SKIP) {
		snprintf(line, sizeof(line), "      <skipped message=\"%s\"/>\n",
		    xml_text(c->skip, detail, sizeof(detail)));
		xml_add(line);
	} else if (o->verdict == V_WARN) {
		snprintf(line, sizeof(line), "      <properties><property "
		    "name=\"verdict\" value=\"warning\"/></properties>\n"
		    "      <system-out>warning: %s: expected %s, got %ld: %s"
		    "</system-out>\n", shown, ex, o->got, detail);
		xml_add(line);
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
report_junit_write(const char *path, const struct tally *t)
{
	char *tmp;
	FILE *f;
	int fd, rc;

	if (path == NULL)
		return 0;
	if (dropped || (tmp = malloc(strlen(path) + 8)) == NULL)
		return -1;
	sprintf(tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0 || (f = fdopen(fd, "w")) == NULL) {
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return -1;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites>\n  <testsuite name=\"condreq-probe\" tests=\"%d\" "
	    "failures=\"%d\" errors=\"%d\" skipped=\"%d\">\n"
	    "    <properties><property name=\"warnings\" value=\"%d\"/>"
	    "</properties>\n%s  </testsuite>\n</testsuites>\n",
	    t->passed + t->failed + t->allowed + t->skipped + t->warnings,
	    t->failed - errors, errors, t->skipped, t->warnings,
	    cases_xml != NULL ? cases_xml : "");
	rc = fflush(f) == 0 && fsync(fd) == 0 ? 0 : -1;
	rc = fclose(f) == 0 ? rc : -1;
	/* mkstemp's file is 0600; a report is read by others (CI). */
	if (rc == 0 && chmod(tmp, 0644) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -1;
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
