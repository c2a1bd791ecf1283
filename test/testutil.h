/*
 * Helpers shared by the Check suites: test-vector files, byte escapes,
 * and guard-page buffers that turn any over-read into a crash.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <check.h>
#include <stddef.h>
#include <stdint.h>

#define TSV_MAXCOLS 16

struct tsv_row {
	char *col[TSV_MAXCOLS];
	int ncol;
	int lineno;
};

struct tsv {
	struct tsv_row *rows;
	int nrows;
	const char *name;
	char *text;                 /* the file, which the rows point into */
};

/* Load test/vectors/NAME (comments '#' and blank lines skipped); aborts
 * the program with a message if the file cannot be read, so that a
 * missing vector file is never a silent pass. */
const struct tsv *tsv_load(const char *name);

/* The rows of t whose column col is value, as indexes into t->rows, for
 * a loop test that applies only to them (so that a row it cannot apply
 * is never counted as a pass); *n is how many. Exits with a message when
 * none is, so that a test left with nothing to check fails loudly. */
const int *tsv_select(const struct tsv *t, int col, const char *value,
    int *n);

/* Decode C-style escapes (\t \r \n \\ \xHH) into buf; returns length. */
size_t unescape(const char *s, char *buf, size_t bufsz);

/* Parse "CONDREQ_F_A|CONDREQ_F_B" or "0" into a flags word. */
uint32_t flags_parse(const char *s);

/* Copy n bytes so that they end exactly at a PROT_NONE page. The
 * result is valid until guard_free(). */
char *guard_copy(const void *p, size_t n);
void guard_free(char *p, size_t n);

/* Run check(row, buf, n) on the n bytes of raw twice: from an exact-size
 * heap copy (for ASan and valgrind) and from a guard-page buffer. */
typedef void (*row_check)(const struct tsv_row *r, const char *buf,
    size_t n);
void both_buffers(const struct tsv_row *r, const char *raw, size_t n,
    row_check check);

/* A representation whose ETag is etag[0..elen) (NULL: none), set up with
 * the lenient bit of flags; returns condreq_rep_set_etag()'s code. */
struct condreq_rep;
int rep_with(struct condreq_rep *rep, const char *etag, size_t elen,
    int32_t exists, uint32_t flags);

/* The list helpers with the current tag as a string, the way a vector
 * gives it: CONDREQ_EINVAL when that tag is malformed. */
int list_match_str(const char *list, size_t n, const char *etag,
    size_t elen, uint32_t flags, size_t *pos);
int if_match_str(const char *list, size_t n, const char *etag, size_t elen,
    int32_t exists, uint32_t flags, size_t *pos);
int if_none_match_str(const char *list, size_t n, const char *etag,
    size_t elen, int32_t exists, uint32_t flags, size_t *pos);

/* The code a vector's code column names: a code's own name, or one of
 * the finer names 0.2 had, as the code 1.0 reports it. */
int code_of_name(const char *name);

/* Suites, one per concern. */
TCase *tc_date(void);
TCase *tc_etag(void);
TCase *tc_eval(void);
TCase *tc_api(void);
TCase *tc_fast(void);

#endif
