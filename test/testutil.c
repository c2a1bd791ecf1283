/*
 * Test helpers; see testutil.h.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "condreq.h"

#ifndef VECTORS_DIR
#define VECTORS_DIR "test/vectors"
#endif

#define MAXFILES 16
static struct tsv files[MAXFILES];
static int nfiles;

static char *
read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

const struct tsv *
tsv_load(const char *name)
{
	char path[1024];
	const char *dir = getenv("CONDREQ_VECTORS");
	char *text, *line, *next;
	struct tsv *t;
	int i, cap = 64, lineno = 0;

	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i].name, name) == 0)
			return &files[i];
	if (nfiles == MAXFILES)
		abort();
	snprintf(path, sizeof(path), "%s/%s", dir ? dir : VECTORS_DIR, name);
	if ((text = read_all(path)) == NULL) {
		fprintf(stderr, "FATAL: cannot read vector file %s\n", path);
		exit(2);
	}
	t = &files[nfiles++];
	t->name = name;
	t->text = text;
	t->nrows = 0;
	t->rows = malloc(sizeof(*t->rows) * (size_t)cap);
	for (line = text; line != NULL && *line != '\0'; line = next) {
		struct tsv_row *r;
		char *c;

		lineno++;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		if (t->nrows == cap) {
			cap *= 2;
			t->rows = realloc(t->rows, sizeof(*t->rows) * (size_t)cap);
		}
		r = &t->rows[t->nrows++];
		r->lineno = lineno;
		r->ncol = 0;
		for (c = line; r->ncol < TSV_MAXCOLS; ) {
			r->col[r->ncol++] = c;
			c = strchr(c, '\t');
			if (c == NULL)
				break;
			*c++ = '\0';
		}
		for (i = r->ncol; i < TSV_MAXCOLS; i++)
			r->col[i] = (char *)"";
	}
	return t;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

const int *
tsv_select(const struct tsv *t, int col, const char *value, int *n)
{
	int *idx = malloc(sizeof(*idx) * (size_t)(t->nrows ? t->nrows : 1));
	int i;

	if (idx == NULL)
		abort();
	for (*n = 0, i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i].col[col], value) == 0)
			idx[(*n)++] = i;
	if (*n == 0) {
		fprintf(stderr, "FATAL: no row of %s has %s in column %d: "
		    "the test would check nothing\n", t->name, value, col);
		exit(2);
	}
	return idx;
}

size_t
unescape(const char *s, char *buf, size_t bufsz)
{
	size_t n = 0;

	while (*s != '\0' && n < bufsz) {
		char c = *s++;

		if (c == '\\' && *s != '\0') {
			char e = *s++;

			switch (e) {
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'n': c = '\n'; break;
			case '\\': c = '\\'; break;
			case 'x':
				if (hexval(s[0]) >= 0 && hexval(s[1]) >= 0) {
					c = (char)(hexval(s[0]) * 16 + hexval(s[1]));
					s += 2;
					break;
				}
				/* FALLTHROUGH */
			default:
				fprintf(stderr, "bad escape \\%c\n", e);
				abort();
			}
		}
		buf[n++] = c;
	}
	return n;
}

uint32_t
flags_parse(const char *s)
{
	static const struct { const char *name; uint32_t bit; } names[] = {
		{ "CONDREQ_F_LENIENT_ETAG", CONDREQ_F_LENIENT_ETAG },
		{ "CONDREQ_F_ANY_WEEKDAY", CONDREQ_F_ANY_WEEKDAY },
		{ "CONDREQ_F_IMS_EXACT", CONDREQ_F_IMS_EXACT },
		{ "CONDREQ_F_IMS_IGNORE_FUTURE", CONDREQ_F_IMS_IGNORE_FUTURE },
		{ "CONDREQ_F_LM_ZERO_UNKNOWN", CONDREQ_F_LM_ZERO_UNKNOWN },
		{ "CONDREQ_F_WEAK_COMPARE", CONDREQ_F_WEAK_COMPARE },
	};
	uint32_t f = 0;
	size_t i, n;

	while (*s != '\0' && strcmp(s, "0") != 0) {
		n = strcspn(s, "|");
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].name) == n &&
			    strncmp(names[i].name, s, n) == 0)
				break;
		if (i == sizeof(names) / sizeof(names[0])) {
			fprintf(stderr, "unknown flag in '%s'\n", s);
			abort();
		}
		f |= names[i].bit;
		s += n;
		if (*s == '|')
			s++;
	}
	return f;
}

/* Map enough pages for n bytes plus one; the last is PROT_NONE and the
 * data is placed to end right before it (picohttpparser's trap). */
char *
guard_copy(const void *p, size_t n)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	size_t span = (n + pg - 1) / pg * pg + pg;
	char *base = mmap(NULL, span, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (base == MAP_FAILED)
		abort();
	if (mprotect(base + span - pg, pg, PROT_NONE) != 0)
		abort();
	if (n > 0)
		memcpy(base + span - pg - n, p, n);
	return base + span - pg - n;
}

void
guard_free(char *p, size_t n)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	size_t span = (n + pg - 1) / pg * pg + pg;

	munmap(p + n + pg - span, span);
}

void
both_buffers(const struct tsv_row *r, const char *raw, size_t n,
    row_check check)
{
	char *heap = malloc(n ? n : 1), *g;

	memcpy(heap, raw, n);
	check(r, heap, n);
	free(heap);
	g = guard_copy(raw, n);
	check(r, g, n);
	guard_free(g, n);
}

int
rep_with(struct condreq_rep *rep, const char *etag, size_t elen,
    int32_t exists, uint32_t flags)
{
	int rc;

	if (condreq_rep_init(rep) != CONDREQ_OK)
		abort();
	rep->exists = exists;
	rc = condreq_rep_set_etag(rep, etag, elen,
	    flags & CONDREQ_F_LENIENT_ETAG, NULL);
	return rc;
}

/* One of the three predicates on a representation with the tag. Each
 * answers exactly 0 or 1, and 0 whenever it reports a fault; the helper
 * returns the fault (negative) or the answer, for tables to compare. */
typedef int (*list_fn)(const struct condreq_rep *, const char *, size_t,
    uint32_t, int *, size_t *);

static int
with_tag(list_fn fn, const char *list, size_t n, const char *etag,
    size_t elen, int32_t exists, uint32_t flags, size_t *pos)
{
	struct condreq_rep rep;
	int fault = 12345, r;

	if (rep_with(&rep, etag, elen, exists, flags) != CONDREQ_OK)
		return CONDREQ_EINVAL;
	r = fn(&rep, list, n, flags, &fault, pos);
	ck_assert_msg(r == 0 || r == 1, "predicate returned %d", r);
	ck_assert_msg(fault <= 0, "fault %d", fault);
	if (fault != CONDREQ_OK) {
		ck_assert_msg(r == 0, "predicate returned %d with fault %s", r,
		    condreq_code_name(fault));
		return fault;
	}
	return r;
}

/* 0.2 named the fault an entity-tag list has at finer grain; the vectors
 * keep those names, as the rule a value breaks, and 1.0 reports each of
 * them as CONDREQ_ESYNTAX (condreq(3), "Return values"). */
int
code_of_name(const char *name)
{
	int c;

	for (c = 0; c > -64; c--)
		if (strcmp(condreq_code_name(c), name) == 0)
			return c;
	ck_abort_msg("vector names an unknown code %s", name);
	return 1;
}

int
list_match_str(const char *list, size_t n, const char *etag, size_t elen,
    uint32_t flags, size_t *pos)
{
	return with_tag(condreq_etag_list_match, list, n, etag, elen, 1, flags,
	    pos);
}

int
if_match_str(const char *list, size_t n, const char *etag, size_t elen,
    int32_t exists, uint32_t flags, size_t *pos)
{
	return with_tag(condreq_if_match, list, n, etag, elen, exists, flags,
	    pos);
}

int
if_none_match_str(const char *list, size_t n, const char *etag, size_t elen,
    int32_t exists, uint32_t flags, size_t *pos)
{
	return with_tag(condreq_if_none_match, list, n, etag, elen, exists,
	    flags, pos);
}
