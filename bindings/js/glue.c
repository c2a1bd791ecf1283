/*
 * The JavaScript package's entry points into the library, compiled with
 * it to wasm32: every argument is a number (an offset into the module's
 * memory, a length, a flag word, or a double for seconds, which holds
 * any Unix time of years 0000..9999 exactly and needs no BigInt), so
 * that the JavaScript side knows nothing of the library's struct layouts:
 * they are known here, once.
 *
 * The JavaScript side writes its strings into the memory from
 * __heap_base on (growing the memory when it needs to) and reads the
 * answers from out[], whose address cr_out() gives. One instance serves
 * one JavaScript realm, which runs one call at a time, so the static
 * structs below are never shared between two calls in progress.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include "condreq.h"

#define EXPORT(name) __attribute__((export_name(name)))

/* Room for repeated field lines (RFC 9110 5.3) per decision; a request
 * with more is decided fail-safe by the library (its overflow bits). */
#define LINES 64

static struct condreq_request req;
static struct condreq_rep rep;
static struct condreq_result res;
static struct condreq_line lines[LINES];
static struct condreq_etag_iter iter;

/* Answers besides the return value: out[0] decided_by, out[1] ignored
 * bits, out[2] malformed bits, out[3] error offset, out[4] 1 when the
 * error is the representation's own ETag; outd[0] a parsed date. */
static int32_t out[8];
static double outd[2];

EXPORT("cr_out") int32_t *cr_out(void) { return out; }
EXPORT("cr_outd") double *cr_outd(void) { return outd; }

static const char *at(uint32_t off) { return (const char *)(uintptr_t)off; }

/* Seconds as a double to int64_t, refusing what is not an integer in
 * range (NaN, infinities, beyond years 0000..9999 by far). */
static int to_secs(double d, int64_t *t)
{
	if (!(d >= -1e15 && d <= 1e15))
		return 0;
	*t = (int64_t)d;
	return 1;
}

static int set_rep(int32_t exists, int32_t etag_off, int32_t etag_len,
    double lm, int32_t lm_strong, uint32_t flags)
{
	size_t errpos = 0;
	int rc;
	int64_t t;

	condreq_rep_init(&rep);
	rep.exists = exists ? 1 : 0;
	if (to_secs(lm, &t)) {
		rep.last_modified = t;
		rep.has_last_modified = 1;
	}
	rep.lm_strong = lm_strong ? CONDREQ_LM_STRONG : CONDREQ_LM_WEAK;
	if (etag_len >= 0) {
		rc = condreq_rep_set_etag(&rep, at((uint32_t)etag_off),
		    (size_t)etag_len, flags & CONDREQ_F_LENIENT_ETAG, &errpos);
		if (rc < 0) {
			out[3] = (int32_t)errpos;
			out[4] = 1;
			return rc;
		}
	}
	return 0;
}

/* One line of field f (len -1: absent), trimmed of OWS (RFC 9110 5.5). */
static void set_field(struct condreq_request *r, int f, uint32_t off,
    int32_t len)
{
	const char *v = at(off);
	size_t n = (size_t)len;

	if (len < 0) {
		r->field[f].value = NULL;
		r->field[f].len = 0;
		return;
	}
	while (n > 0 && (v[0] == ' ' || v[0] == '\t')) {
		v++;
		n--;
	}
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	r->field[f].value = v;
	r->field[f].len = n;
}

/*
 * A request field line: the first of its field goes in req.field[],
 * trimmed of OWS as condreq_request_header() would (RFC 9110 5.5); a
 * repeated one goes through condreq_request_header(), which keeps it in
 * lines[] or, when they are full, marks the field overflowed so that
 * the decision fails safe.
 */
static void add_line(int32_t f, uint32_t off, uint32_t len)
{
	const char *v = at(off);
	const char *name;
	size_t nlen = 0;

	if (f < 0 || f >= CONDREQ_NFIELDS)
		return;
	if (req.field[f].value == NULL) {
		set_field(&req, f, off, (int32_t)len);
		return;
	}
	name = condreq_field_name(f);
	while (name[nlen] != '\0')
		nlen++;
	/* ENOSPC: the line is not kept, and the decision knows it. */
	(void)condreq_request_header(&req, name, nlen, v, len);
}

/*
 * fresh(): is a GET with these If-None-Match and If-Modified-Since (each
 * len -1 when absent) answered 304 for a response with this ETag and
 * Last-Modified (an HTTP-date, len -1 when absent; a malformed one is
 * no validator)? now is Unix seconds or NaN.
 */
/* fresh()'s own request and result, set up once: each call sets only
 * the two fields it reads, never more than one line each. */
static struct condreq_rep frep;
static struct condreq_request freq;
static struct condreq_result fres;
static int fready;

EXPORT("cr_fresh")
int32_t cr_fresh(uint32_t inm, int32_t inm_len, uint32_t ims, int32_t ims_len,
    uint32_t etag, int32_t etag_len, uint32_t lm, int32_t lm_len, double now,
    int32_t same_rep)
{
	int64_t t, v;
	size_t errpos;

	if (!to_secs(now, &t))
		t = CONDREQ_NOW_UNKNOWN;
	/* same_rep: the caller knows the bytes at etag and lm are those of
	 * the last call (not an rfc850 date, which depends on now). */
	if (!same_rep) {
		condreq_rep_init(&frep);
		/* A malformed ETag is refused, and frep left without one. */
		if (etag_len >= 0)
			(void)condreq_rep_set_etag(&frep, at(etag),
			    (size_t)etag_len, 0, &errpos);
		if (lm_len >= 0 && condreq_date_parse(at(lm), (size_t)lm_len,
		    t, 0, &v, NULL) == CONDREQ_OK) {
			frep.last_modified = v;
			frep.has_last_modified = 1;
		}
	}
	if (!fready) {
		condreq_request_init(&freq);
		condreq_result_init(&fres);
		freq.method = "GET";
		freq.method_len = 3;
		fready = 1;
	}
	freq.now = t;
	set_field(&freq, CONDREQ_IF_NONE_MATCH, inm, inm_len);
	set_field(&freq, CONDREQ_IF_MODIFIED_SINCE, ims, ims_len);
	return condreq_evaluate(&freq, &frep, &fres) == 304;
}

/*
 * One decision. desc points to n triples of int32 (field number, offset,
 * length), one per request field line in the order received; now is
 * Unix seconds or NaN for unknown; lm is Unix seconds or NaN for none;
 * etag_len -1 for no ETag; lm_strong bit 0 CONDREQ_LM_STRONG, bit 1 "the
 * same representation as the last call's". Returns condreq_evaluate()'s answer, or the
 * representation's ETag fault (out[4] = 1).
 */
EXPORT("cr_evaluate")
int32_t cr_evaluate(uint32_t method_off, uint32_t method_len, uint32_t desc,
    uint32_t n, double now, int32_t natural, uint32_t flags, int32_t exists,
    int32_t etag_off, int32_t etag_len, double lm, int32_t lm_strong)
{
	const int32_t *d = (const int32_t *)(uintptr_t)desc;
	int64_t t;
	uint32_t i;
	int rc;

	out[0] = out[1] = out[2] = out[3] = out[4] = 0;
	/* lm_strong bit 1: the representation is the last call's, its ETag
	 * bytes unchanged (the caller knows): it is kept as it is. */
	if (!(lm_strong & 2)) {
		rc = set_rep(exists, etag_off, etag_len, lm, lm_strong & 1,
		    flags);
		if (rc < 0)
			return rc;
	}
	condreq_request_init(&req);
	condreq_result_init(&res);
	req.method = at(method_off);
	req.method_len = method_len;
	req.flags = flags;
	req.natural_status = natural;
	if (to_secs(now, &t))
		req.now = t;
	req.lines = lines;
	req.lines_cap = LINES;
	for (i = 0; i < n; i++, d += 3)
		add_line(d[0], (uint32_t)d[1], (uint32_t)d[2]);
	rc = condreq_evaluate(&req, exists ? &rep : NULL, &res);
	out[0] = res.decided_by;
	out[1] = (int32_t)res.ignored;
	out[2] = (int32_t)res.malformed;
	return rc;
}

/* HTTP-date to Unix seconds in outd[0]; now NaN for unknown. */
EXPORT("cr_date_parse")
int32_t cr_date_parse(uint32_t off, uint32_t len, double now, uint32_t flags)
{
	int64_t t, v = 0;
	size_t errpos = 0;
	int rc;

	if (!to_secs(now, &t))
		t = CONDREQ_NOW_UNKNOWN;
	rc = condreq_date_parse(at(off), len, t, flags, &v, &errpos);
	outd[0] = (double)v;
	out[3] = (int32_t)errpos;
	return rc;
}

/* The IMF-fixdate of t (Unix seconds), 29 bytes at buf. */
EXPORT("cr_date_format")
int32_t cr_date_format(double secs, uint32_t buf)
{
	int64_t t;

	if (!to_secs(secs, &t))
		return CONDREQ_EINVAL;
	return condreq_date_format(t, (char *)(uintptr_t)buf, CONDREQ_DATE_LEN,
	    NULL);
}

/*
 * The members of an entity-tag list: for each, two int32 at dst (opaque
 * offset from off, or -1 for "*"; opaque length, with bit 30 set for a
 * weak tag), at most cap members. Returns the count, or a fault (its
 * offset in out[3]); CONDREQ_ENOSPC when cap is too small.
 */
EXPORT("cr_etag_list")
int32_t cr_etag_list(uint32_t off, uint32_t len, uint32_t flags, uint32_t dst,
    uint32_t cap)
{
	int32_t *o = (int32_t *)(uintptr_t)dst;
	struct condreq_etag tag;
	size_t errpos = 0;
	uint32_t count = 0;
	int rc, fault = CONDREQ_OK;

	out[3] = 0;
	rc = condreq_etag_iter_init(&iter, at(off), len, flags);
	if (rc < 0)
		return rc;
	while ((rc = condreq_etag_next(&iter, &tag, &fault, &errpos)) != 0) {
		if (count == cap)
			return CONDREQ_ENOSPC;
		if (rc == CONDREQ_STAR) {
			o[0] = -1;
			o[1] = 0;
		} else {
			o[0] = (int32_t)(tag.opaque - at(off));
			o[1] = (int32_t)tag.opaque_len |
			    (tag.weak ? 1 << 30 : 0);
		}
		o += 2;
		count++;
	}
	if (fault != CONDREQ_OK) {
		out[3] = (int32_t)errpos;
		return fault;
	}
	return (int32_t)count;
}

/* condreq_304_keeps_header() for a response field name. */
EXPORT("cr_keeps")
int32_t cr_keeps(uint32_t off, uint32_t len)
{
	return condreq_304_keeps_header(at(off), len);
}

/* Static NUL-terminated names, for messages and the result's strings. */
EXPORT("cr_decided_name")
uint32_t cr_decided_name(int32_t by)
{
	return (uint32_t)(uintptr_t)condreq_decided_name(by);
}

EXPORT("cr_ignored_reason")
uint32_t cr_ignored_reason(uint32_t bit)
{
	return (uint32_t)(uintptr_t)condreq_ignored_reason(bit);
}

EXPORT("cr_code_name")
uint32_t cr_code_name(int32_t code)
{
	return (uint32_t)(uintptr_t)condreq_code_name(code);
}

EXPORT("cr_field_name")
uint32_t cr_field_name(int32_t field)
{
	return (uint32_t)(uintptr_t)condreq_field_name(field);
}

EXPORT("cr_version")
uint32_t cr_version(void)
{
	return (uint32_t)(uintptr_t)condreq_version_string();
}
