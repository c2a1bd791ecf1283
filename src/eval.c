/*
 * The decision: RFC 9110 section 13.2 over the fields of 13.1; where the
 * RFC is silent, each step fails safe (condreq(3) has the table).
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include "condreq_int.h"

/* Field by field, only inside the caller's size (condreq(3)). */
int
condreq_request_init_sized(struct condreq_request *req, size_t size)
{
	int f;

	if (req == NULL)
		return CONDREQ_EINVAL;
	if (size < CR_REQUEST_MIN || size > UINT32_MAX)
		return CONDREQ_ESIZE;
	req->size = (uint32_t)size;
	req->flags = 0;
	req->method = NULL;
	req->method_len = 0;
	for (f = 0; f < CONDREQ_NFIELDS; f++) {
		req->field[f].value = NULL;
		req->field[f].len = 0;
	}
	req->overflow = 0;
	req->nlines = 0;
	if (CR_HAS(req, struct condreq_request, lines))
		req->lines = NULL;
	if (CR_HAS(req, struct condreq_request, lines_cap))
		req->lines_cap = 0;
	if (CR_HAS(req, struct condreq_request, natural_status))
		req->natural_status = 0;
	if (CR_HAS(req, struct condreq_request, now))
		req->now = CONDREQ_NOW_UNKNOWN;
	cr_zero_tail(req, sizeof(*req), size);
	return CONDREQ_OK;
}

/* The caller's stored repeated lines in use, never more than it holds. */
static const struct condreq_line *
stored_lines(const struct condreq_request *req, uint32_t *n)
{
	*n = 0;
	if (!CR_HAS(req, struct condreq_request, lines_cap) ||
	    req->lines == NULL)
		return NULL;
	*n = req->nlines < req->lines_cap ? req->nlines : req->lines_cap;
	return req->lines;
}

int
condreq_request_header(struct condreq_request *req, const char *name,
    size_t name_len, const char *value, size_t value_len)
{
	int f;

	if (req == NULL || name == NULL || (value == NULL && value_len != 0))
		return CONDREQ_EINVAL;
	if (req->size < CR_REQUEST_MIN)
		return CONDREQ_ESIZE;
	if ((f = cr_field_of(name, name_len)) < 0)
		return CONDREQ_OK;
	if (value == NULL)
		value = "";
	/* The field value excludes leading and trailing OWS (5.5). */
	while (value_len > 0 && cr_is_ows((unsigned char)value[0])) {
		value++;
		value_len--;
	}
	while (value_len > 0 && cr_is_ows((unsigned char)value[value_len - 1]))
		value_len--;
	if (req->field[f].value == NULL) {
		req->field[f].value = value;
		req->field[f].len = value_len;
		return CONDREQ_OK;
	}
	/* A repeated line (5.3) is stored; one that does not fit is noted. */
	if (CR_HAS(req, struct condreq_request, lines_cap) &&
	    req->lines != NULL && req->nlines < req->lines_cap) {
		struct condreq_line *l = &req->lines[req->nlines++];

		l->value = value;
		l->len = value_len;
		l->field = f;
		l->reserved = 0;
		return CONDREQ_OK;
	}
	req->overflow |= 1u << f;
	return CONDREQ_ENOSPC;
}

int
condreq_request_line(struct condreq_request *req, const char *line,
    size_t len)
{
	size_t i;

	if (req == NULL || line == NULL)
		return CONDREQ_EINVAL;
	/* field-name is a token, immediately followed by ":" (RFC 9112 5.1). */
	for (i = 0; i < len && line[i] != ':'; i++)
		if (!cr_is_tchar((unsigned char)line[i]))
			return CONDREQ_ESYNTAX;
	if (i == 0 || i == len)
		return CONDREQ_ESYNTAX;
	return condreq_request_header(req, line, i, line + i + 1, len - i - 1);
}

/* Methods by 13.1 and 13.2.1; GET and HEAD first: one test finds both. */
enum method { M_GET, M_HEAD, M_OTHER, M_NO_REP };

/* What the steps share: the request, the representation, the answer. */
struct ev {
	const struct condreq_request *req;
	const struct condreq_rep *rep;      /* NULL: none is current */
	uint32_t extra;                     /* bit per field stored or lost */
	uint32_t multi;                     /* bit per field with two or more */
	int method;
	int32_t natural;
	int decided_by;
	uint32_t ignored, malformed;
};

#define BIT(f) (1u << (f))

/* An answer, each optional field only where the caller's size has it;
 * e NULL: nothing was decided. */
CR_COLD static int
put_result(struct condreq_result *res, const struct ev *e, int status)
{
	res->status = status;
	if (CR_HAS(res, struct condreq_result, decided_by))
		res->decided_by = e != NULL ? e->decided_by : CONDREQ_BY_NONE;
	if (CR_HAS(res, struct condreq_result, ignored))
		res->ignored = e != NULL ? e->ignored : 0;
	if (CR_HAS(res, struct condreq_result, malformed))
		res->malformed = e != NULL ? e->malformed : 0;
	if (CR_HAS(res, struct condreq_result, overflow))
		res->overflow = e != NULL ? e->req->overflow : 0;
	return status;
}

int
condreq_result_init_sized(struct condreq_result *res, size_t size)
{
	if (res == NULL)
		return CONDREQ_EINVAL;
	if (size < CR_RESULT_MIN || size > UINT32_MAX)
		return CONDREQ_ESIZE;
	res->size = (uint32_t)size;
	put_result(res, NULL, 0);
	cr_zero_tail(res, sizeof(*res), size);
	return CONDREQ_OK;
}

/* A request method is a token (RFC 9110 9.1); its class, or -1. Names are
 * case-sensitive ("get" is another method); GET first, "GE" in one load. */
static int
method_of(const char *s, size_t n)
{
	static const char rare[][8] = { "HEAD", "TRACE", "CONNECT", "OPTIONS" };
	const unsigned char *m = (const unsigned char *)s;
	size_t i, k;

	if (m == NULL || n == 0)
		return -1;
	if (CR_LIKELY(n == 3) && (m[0] | m[1] << 8) == ('G' | 'E' << 8) &&
	    m[2] == 'T')
		return M_GET;
	for (i = 0; i < n; i++)
		if (!cr_is_tchar(m[i]))
			return -1;
	/* No NUL in m: a name's own NUL ends the comparison. */
	for (k = 0; k < sizeof(rare) / sizeof(rare[0]); k++) {
		for (i = 0; i < n && m[i] == (unsigned char)rare[k][i]; i++)
			;
		if (i == n && rare[k][i] == '\0')
			return k == 0 ? M_HEAD : M_NO_REP;
	}
	return M_OTHER;
}

/* The extra and multi bits, for a request with repeated lines. */
CR_NOINLINE static void
count_lines(struct ev *e)
{
	uint32_t i, n, seen = 0;
	const struct condreq_line *lines = stored_lines(e->req, &n);
	int f;

	e->multi = e->req->overflow & (BIT(CONDREQ_NFIELDS) - 1);
	for (i = 0; i < n; i++) {
		f = lines[i].field;
		if (f < 0 || f >= CONDREQ_NFIELDS)
			continue;
		if ((seen & BIT(f)) || e->req->field[f].value != NULL)
			e->multi |= BIT(f);
		seen |= BIT(f);
	}
	e->extra = seen | e->multi;
}

/* Field f has a line. */
CR_INLINE int
has(const struct ev *e, int f)
{
	return e->req->field[f].value != NULL || (e->extra & BIT(f)) != 0;
}

/* Read the request and representation within their sizes: 0, or an error. */
static int
ev_start(struct ev *e, const struct condreq_request *r,
    const struct condreq_rep *rep)
{
	if (r->size < CR_REQUEST_MIN || (rep != NULL && rep->size < CR_REP_MIN))
		return CONDREQ_ESIZE;
	/* Weak comparison for If-Match would break 13.1.1's MUST. */
	if (r->flags & ~(CR_F_ALL & ~(uint32_t)CONDREQ_F_WEAK_COMPARE))
		return CONDREQ_EFLAGS;
	if ((e->method = method_of(r->method, r->method_len)) < 0)
		return CONDREQ_EMETHOD;
	e->natural = CR_HAS(r, struct condreq_request, natural_status) ?
	    r->natural_status : 0;
	if (CR_LIKELY(e->natural == 0))
		e->natural = 200;
	else if (e->natural < 100 || e->natural > 599)
		return CONDREQ_EINVAL;
	e->req = r;
	e->rep = rep != NULL && rep->exists ? rep : NULL;
	e->extra = e->multi = 0;
	if (r->nlines != 0 || r->overflow != 0)
		count_lines(e);
	e->decided_by = CONDREQ_BY_NONE;
	e->ignored = e->malformed = 0;
	return 0;
}

/* The server's clock, if the request's size has it. */
CR_INLINE int64_t
now_of(const struct ev *e)
{
	return CR_HAS(e->req, struct condreq_request, now) ? e->req->now :
	    CONDREQ_NOW_UNKNOWN;
}

/* The representation's Last-Modified in *lm; 0 when it has none (or, with
 * CONDREQ_F_LM_ZERO_UNKNOWN, when it is the epoch). */
CR_INLINE int
last_modified(const struct ev *e, int64_t *lm)
{
	*lm = 0;
	if (e->rep == NULL || !CR_HAS(e->rep, struct condreq_rep,
	    has_last_modified) || !e->rep->has_last_modified)
		return 0;
	*lm = e->rep->last_modified;
	return !((e->req->flags & CONDREQ_F_LM_ZERO_UNKNOWN) && *lm == 0);
}

/* Add bit to the ignored ones if a field of mask has a line. */
CR_COLD static void
ignore_if_any(struct ev *e, uint32_t mask, uint32_t bit)
{
	int f;

	for (f = 0; f < CONDREQ_NFIELDS; f++)
		if ((mask & BIT(f)) && has(e, f))
			e->ignored |= bit;
}

/* 13.2.1: all preconditions are ignored when the natural status is not
 * 2xx or 412, or for CONNECT, OPTIONS and TRACE (and Range is for GET
 * alone, 14.2); records which one holds and returns the natural status. */
CR_NOINLINE static int
set_aside(struct ev *e)
{
	int not_2xx = e->natural != 412 &&
	    (e->natural < 200 || e->natural > 299);

	e->decided_by = not_2xx ? CONDREQ_BY_NOT_2XX : CONDREQ_BY_METHOD;
	ignore_if_any(e, BIT(CONDREQ_RANGE) - 1,    /* the fields of 13.1 */
	    not_2xx ? CONDREQ_IGN_ALL_NOT_2XX : CONDREQ_IGN_ALL_METHOD);
	if (!not_2xx && has(e, CONDREQ_RANGE))
		e->ignored |= CONDREQ_IGN_RANGE_METHOD;
	return e->natural;
}

/* Steps 1 and 3: does If-Match match by strong comparison, If-None-Match
 * by weak, "*" if the representation exists? 1 or 0; -1, the safe side,
 * when malformed or overflowing. Each shadows a date field (13.1.3-4). */
CR_INLINE int
list_matched(struct ev *e, int f)
{
	int inm = f == CONDREQ_IF_NONE_MATCH, rc;
	uint32_t n = 0;
	const struct condreq_line *lines = NULL;

	if (e->extra & BIT(f))
		lines = stored_lines(e->req, &n);
	rc = cr_list_match(e->rep, inm, e->req->field[f].value,
	    e->req->field[f].len, lines, n, f, e->req->flags, NULL);
	if (has(e, inm ? CONDREQ_IF_MODIFIED_SINCE :
	    CONDREQ_IF_UNMODIFIED_SINCE))
		e->ignored |= inm ? CONDREQ_IGN_IMS_IF_NONE_MATCH :
		    CONDREQ_IGN_IUS_IF_MATCH;
	e->decided_by = inm ? CONDREQ_BY_IF_NONE_MATCH : CONDREQ_BY_IF_MATCH;
	if (rc < 0)
		e->malformed |= BIT(f);
	if (rc < 0 || (e->req->overflow & BIT(f)))
		return -1;
	return rc == CONDREQ_STAR ? e->rep != NULL : rc;
}

/* Add bit to the ignored ones; 0, to go on. */
CR_INLINE int
ignore(struct ev *e, uint32_t bit)
{
	e->ignored |= bit;
	return 0;
}

/* Steps 2 and 4: If-Unmodified-Since (13.1.4) is false, 412, when the
 * representation was modified after the date; If-Modified-Since (13.1.3),
 * for GET and HEAD only, false, 304, when it was not. */
CR_NOINLINE static int
step_date(struct ev *e, int f)
{
	int ius = f == CONDREQ_IF_UNMODIFIED_SINCE, rc;
	size_t len = e->req->field[f].len, ep = 0, i;
	const char *v = e->req->field[f].value;
	int64_t d = 0, lm = 0, now = now_of(e);
	uint32_t list = ius ? CONDREQ_IGN_IUS_LIST : CONDREQ_IGN_IMS_LIST;

	if (!ius && e->method != M_GET && e->method != M_HEAD)
		return ignore(e, CONDREQ_IGN_IMS_METHOD);
	if (e->multi & BIT(f))
		return ignore(e, list);
	rc = condreq_date_parse(v, len, now, e->req->flags, &d, &ep);
	if (rc == CONDREQ_ENOW)             /* rfc850 without now (5.6.7) */
		return ignore(e, CONDREQ_IGN_NOW_UNKNOWN);
	/* "Sat, 29 Oct 1994 19:43:31 GMT, Sun, ..." is a list of dates. */
	if (rc == CONDREQ_ETRAILING) {
		for (i = ep; i < len && cr_is_ows((unsigned char)v[i]); i++)
			;
		if (i < len && v[i] == ',')
			return ignore(e, list);
	}
	if (rc != CONDREQ_OK) {
		e->malformed |= BIT(f);
		return ignore(e, ius ? CONDREQ_IGN_IUS_INVALID :
		    CONDREQ_IGN_IMS_INVALID);
	}
	if (!last_modified(e, &lm))
		return ignore(e, ius ? CONDREQ_IGN_IUS_NO_LM :
		    CONDREQ_IGN_IMS_NO_LM);
	if (!ius && (e->req->flags & CONDREQ_F_IMS_IGNORE_FUTURE) &&
	    now != CONDREQ_NOW_UNKNOWN && d > now)
		return ignore(e, CONDREQ_IGN_IMS_FUTURE);
	e->decided_by = ius ? CONDREQ_BY_IF_UNMODIFIED_SINCE :
	    CONDREQ_BY_IF_MODIFIED_SINCE;
	if (ius)
		return lm > d ? 412 : 0;
	/* nginx's "exact": modified when Last-Modified is not equal. */
	return lm > d || (lm != d && (e->req->flags & CONDREQ_F_IMS_EXACT)) ?
	    0 : 304;
}

/* Step 5, 13.1.5 and 14.2: may the Range be honoured? GET only, one Range
 * line, and an If-Range, if any, that holds (rc 1; -1 unreadable): an
 * entity-tag if a DQUOTE is among its first three bytes, else a date. */
CR_NOINLINE static int
step_range(struct ev *e)
{
	struct condreq_etag t;
	size_t n = e->req->field[CONDREQ_IF_RANGE].len, i;
	const char *v = e->req->field[CONDREQ_IF_RANGE].value;
	int64_t d, lm;
	int rc;

	if (!has(e, CONDREQ_RANGE)) {
		if (has(e, CONDREQ_IF_RANGE))
			e->ignored |= CONDREQ_IGN_IR_NO_RANGE;
		return 0;
	}
	if (e->method != M_GET) {
		if (has(e, CONDREQ_IF_RANGE))
			e->ignored |= CONDREQ_IGN_IR_METHOD;
		return ignore(e, CONDREQ_IGN_RANGE_METHOD);
	}
	if (e->multi & BIT(CONDREQ_RANGE))
		return ignore(e, CONDREQ_IGN_RANGE_INVALID);
	if (!has(e, CONDREQ_IF_RANGE))
		return 1;
	for (i = 0; i < n && i < 3 && v[i] != '"'; i++)
		;
	if (e->multi & BIT(CONDREQ_IF_RANGE)) {
		rc = -1;
	} else if (i < n && i < 3) {
		/* Strong comparison only: a weak tag is never true. */
		rc = condreq_etag_parse(v, n, 0, &t, NULL) != CONDREQ_OK ? -1 :
		    e->rep != NULL &&
		    condreq_etag_match_strong(&e->rep->etag, &t);
	} else {
		rc = condreq_date_parse(v, n, now_of(e), e->req->flags, &d,
		    NULL);
		if (rc == CONDREQ_ENOW)
			return ignore(e, CONDREQ_IGN_NOW_UNKNOWN |
			    CONDREQ_IGN_RANGE_IF_RANGE);
		/* A date matches only an equal, strong Last-Modified. */
		rc = rc != CONDREQ_OK ? -1 : last_modified(e, &lm) && d == lm &&
		    CR_HAS(e->rep, struct condreq_rep, lm_strong) &&
		    e->rep->lm_strong == CONDREQ_LM_STRONG;
	}
	if (rc < 0)
		e->malformed |= BIT(CONDREQ_IF_RANGE);
	return rc == 1 ? 1 : ignore(e, CONDREQ_IGN_RANGE_IF_RANGE);
}

/* Steps 1 to 4: 304, 412, or 0 to go on. If-Match false or unread is 412
 * (13.1.1). If-None-Match true is 304 for GET and HEAD, 412 for others
 * (13.1.2); unread, no 304, but 412 for others: a create-only PUT fails. */
static int
preconditions(struct ev *e)
{
	int status = 0, rc;

	if (has(e, CONDREQ_IF_MATCH))
		status = list_matched(e, CONDREQ_IF_MATCH) == 1 ? 0 : 412;
	else if (has(e, CONDREQ_IF_UNMODIFIED_SINCE))
		status = step_date(e, CONDREQ_IF_UNMODIFIED_SINCE);
	if (status != 0) {
		ignore_if_any(e, BIT(CONDREQ_IF_NONE_MATCH) |
		    BIT(CONDREQ_IF_MODIFIED_SINCE) | BIT(CONDREQ_IF_RANGE),
		    CONDREQ_IGN_UNREACHED);
		return status;
	}
	if (has(e, CONDREQ_IF_NONE_MATCH)) {
		rc = list_matched(e, CONDREQ_IF_NONE_MATCH);
		if (e->method == M_GET || e->method == M_HEAD)
			status = rc > 0 ? 304 : 0;
		else
			status = rc != 0 ? 412 : 0;
	} else if (has(e, CONDREQ_IF_MODIFIED_SINCE))
		status = step_date(e, CONDREQ_IF_MODIFIED_SINCE);
	if (status != 0 && has(e, CONDREQ_IF_RANGE))
		e->ignored |= CONDREQ_IGN_UNREACHED;
	return status;
}

/* Write the answer: whole, or as far as the caller's size goes. */
CR_INLINE int
finish(struct condreq_result *res, const struct ev *e, int status)
{
	if (CR_LIKELY(res->size >= sizeof(*res))) {
		res->status = status;
		res->decided_by = e->decided_by;
		res->ignored = e->ignored;
		res->malformed = e->malformed;
		res->overflow = e->req->overflow;
		return status;
	}
	return put_result(res, e, status);
}

/* One answer: a Range honoured turns the natural 200 into 206 (14.2). */
int
condreq_evaluate(const struct condreq_request *req,
    const struct condreq_rep *rep, struct condreq_result *res)
{
	struct ev e;
	int rc, status;

	if (req == NULL || res == NULL)
		return CONDREQ_EINVAL;
	if (res->size < CR_RESULT_MIN)
		return CONDREQ_ESIZE;
	if ((rc = ev_start(&e, req, rep)) != 0) {
		put_result(res, NULL, 0);
		return rc;
	}
	/* 13.2.1 applies the preconditions (the usual case), or set_aside(). */
	if (CR_LIKELY((e.natural == 200 || e.natural == 412 ||
	    (e.natural >= 200 && e.natural <= 299)) && e.method != M_NO_REP)) {
		if ((status = preconditions(&e)) == 0)
			status = step_range(&e) && e.natural == 200 ? 206 :
			    e.natural;
	} else {
		status = set_aside(&e);
	}
	return finish(res, &e, status);
}
