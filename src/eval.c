/*
 * The decision: RFC 9110 section 13.2 over the fields of 13.1.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 *
 * 13.2.2, for an origin server, in this order:
 *   1. If-Match present: false -> 412.
 *   2. else If-Unmodified-Since present: false -> 412.
 *   3. If-None-Match present: false -> 304 for GET/HEAD, 412 otherwise.
 *   4. else, GET/HEAD with If-Modified-Since: false -> 304.
 *   5. GET with Range and If-Range: true -> 206, false -> 200 (Range ignored).
 *   6. otherwise perform the method (200: "go on").
 *
 * Where the RFC is silent the answer fails safe: a malformed If-Match
 * is false (no write goes through), a malformed If-None-Match is true
 * (no 304 for a request the server cannot read), and an If-Range that
 * cannot be read is false (the full representation, never a wrong part).
 */
#include "condreq_int.h"

/*
 * Field by field rather than a byte loop: a compiler turns a zeroing loop
 * into a call to memset, which this library does not import, and the
 * extra[] lines need no clearing while nextra is 0.
 */
int
condreq_request_init(struct condreq_request *req, size_t size)
{
	int f;

	if (req == NULL)
		return CONDREQ_EINVAL;
	if (size < sizeof(*req))
		return CONDREQ_ESIZE;
	req->size = (uint32_t)sizeof(*req);
	req->flags = 0;
	req->method = NULL;
	req->method_len = 0;
	req->etag = NULL;
	req->etag_len = 0;
	req->last_modified = 0;
	req->now = CONDREQ_NOW_UNKNOWN;
	req->has_last_modified = 0;
	req->exists = 1;
	req->lm_strong = CONDREQ_LM_WEAK;
	req->natural_status = 200;
	req->if_match = req->if_none_match = NULL;
	req->if_modified_since = req->if_unmodified_since = NULL;
	req->if_range = req->range = NULL;
	req->if_match_len = req->if_none_match_len = 0;
	req->if_modified_since_len = req->if_unmodified_since_len = 0;
	req->if_range_len = req->range_len = 0;
	for (f = 0; f < CONDREQ_NFIELDS; f++)
		req->lines[f] = 0;
	req->nextra = 0;
	req->overflow = 0;
	return CONDREQ_OK;
}

int
condreq_result_init(struct condreq_result *res, size_t size)
{
	if (res == NULL)
		return CONDREQ_EINVAL;
	if (size < sizeof(*res))
		return CONDREQ_ESIZE;
	res->size = (uint32_t)sizeof(*res);
	res->status = 0;
	res->range = 0;
	res->decided_by = CONDREQ_BY_NONE;
	res->ignored = 0;
	res->malformed = 0;
	res->overflow = 0;
	res->reserved = 0;
	return CONDREQ_OK;
}

/* ASCII case-insensitive equality; field names are case-insensitive
 * (RFC 9110 5.1). No locale is involved. */
static int
name_eq(const char *a, size_t alen, const char *lower)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < alen; i++) {
		if (lower[i] == '\0')
			return 0;
		c = (unsigned char)a[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + ('a' - 'A'));
		if (c != (unsigned char)lower[i])
			return 0;
	}
	return lower[alen] == '\0';
}

static int
field_of(const char *name, size_t len)
{
	switch (len) {
	case 5:
		return name_eq(name, len, "range") ? CONDREQ_RANGE : -1;
	case 8:
		if (name_eq(name, len, "if-match"))
			return CONDREQ_IF_MATCH;
		return name_eq(name, len, "if-range") ? CONDREQ_IF_RANGE : -1;
	case 13:
		return name_eq(name, len, "if-none-match") ?
		    CONDREQ_IF_NONE_MATCH : -1;
	case 17:
		return name_eq(name, len, "if-modified-since") ?
		    CONDREQ_IF_MODIFIED_SINCE : -1;
	case 19:
		return name_eq(name, len, "if-unmodified-since") ?
		    CONDREQ_IF_UNMODIFIED_SINCE : -1;
	default:
		return -1;
	}
}

/* Where each field's named members sit in struct condreq_request, indexed
 * by enum condreq_field. */
static const size_t value_off[CONDREQ_NFIELDS] = {
	offsetof(struct condreq_request, if_match),
	offsetof(struct condreq_request, if_none_match),
	offsetof(struct condreq_request, if_modified_since),
	offsetof(struct condreq_request, if_unmodified_since),
	offsetof(struct condreq_request, if_range),
	offsetof(struct condreq_request, range),
};
static const size_t len_off[CONDREQ_NFIELDS] = {
	offsetof(struct condreq_request, if_match_len),
	offsetof(struct condreq_request, if_none_match_len),
	offsetof(struct condreq_request, if_modified_since_len),
	offsetof(struct condreq_request, if_unmodified_since_len),
	offsetof(struct condreq_request, if_range_len),
	offsetof(struct condreq_request, range_len),
};

static const char *
value_of(const struct condreq_request *req, int f, size_t *len)
{
	const unsigned char *b = (const unsigned char *)req;

	*len = *(const size_t *)(const void *)(b + len_off[f]);
	return *(const char *const *)(const void *)(b + value_off[f]);
}

int
condreq_request_header(struct condreq_request *req, const char *name,
    size_t name_len, const char *value, size_t value_len)
{
	unsigned char *b = (unsigned char *)req;
	const char **vp;
	size_t *lp;
	int f;

	if (req == NULL || req->size < sizeof(*req) || name == NULL ||
	    (value == NULL && value_len != 0))
		return req != NULL && req->size < sizeof(*req) ?
		    CONDREQ_ESIZE : CONDREQ_EINVAL;
	if ((f = field_of(name, name_len)) < 0)
		return 0;
	if (value == NULL)
		value = "";
	/* The field value excludes leading and trailing OWS (5.5). */
	while (value_len > 0 && cr_is_ows((unsigned char)value[0])) {
		value++;
		value_len--;
	}
	while (value_len > 0 && cr_is_ows((unsigned char)value[value_len - 1]))
		value_len--;
	vp = (const char **)(void *)(b + value_off[f]);
	lp = (size_t *)(void *)(b + len_off[f]);
	if (req->lines[f] < UINT32_MAX)
		req->lines[f]++;
	if (*vp == NULL) {
		*vp = value;
		*lp = value_len;
		return 1;
	}
	/* A repeated list field joins the list (5.3); a repeated date or
	 * If-Range is only counted: two lines make it invalid. */
	if (f != CONDREQ_IF_MATCH && f != CONDREQ_IF_NONE_MATCH)
		return 1;
	if (req->nextra >= CONDREQ_MAX_EXTRA) {
		req->overflow |= 1u << f;
		return CONDREQ_ENOSPC;
	}
	req->extra[req->nextra].value = value;
	req->extra[req->nextra].len = value_len;
	req->extra[req->nextra].field = f;
	req->extra[req->nextra].reserved = 0;
	req->nextra++;
	return 1;
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

/* Number of field lines of f: FFI callers set only the named member. */
static uint32_t
nlines(const struct condreq_request *req, int f)
{
	size_t unused;
	uint32_t n = req->lines[f];

	if (value_of(req, f, &unused) == NULL)
		return 0;
	return n == 0 ? 1 : n;
}

/*
 * Run an entity-tag list field (the named line, then its extra lines)
 * through the matcher. Returns 1 match, 0 none, CONDREQ_STAR, or the
 * first error.
 */
static int
list_field(const struct condreq_request *req, int f,
    const struct condreq_etag *cur)
{
	struct condreq_etag_iter it;
	struct condreq_etag t;
	size_t len;
	const char *v = value_of(req, f, &len);
	uint32_t k = 0;
	int weak = f == CONDREQ_IF_NONE_MATCH, rc, found = 0, star = 0;

	/* One line, the usual case: the tight loop of etag.c. */
	if (req->lines[f] <= 1)
		return cr_list_match(v, len, cur, weak ?
		    req->flags | CONDREQ_F_WEAK_COMPARE :
		    req->flags & ~(uint32_t)CONDREQ_F_WEAK_COMPARE, NULL);
	condreq_etag_iter_init(&it, v, len, req->flags);
	for (;;) {
		rc = condreq_etag_next(&it, &t, NULL);
		if (rc == CONDREQ_TAG) {
			/* If-Match compares strongly (13.1.1), If-None-Match
			 * weakly (13.1.2). */
			if (cur != NULL && !found)
				found = weak ? condreq_etag_match_weak(cur, &t) :
				    condreq_etag_match_strong(cur, &t);
			continue;
		}
		if (rc == CONDREQ_STAR) {
			star = 1;
			continue;
		}
		if (rc < 0)
			return rc;
		/* End of a line: continue with the next extra line. */
		while (k < req->nextra && req->extra[k].field != f)
			k++;
		if (k >= req->nextra)
			break;
		condreq_etag_iter_add(&it, req->extra[k].value,
		    req->extra[k].len);
		k++;
	}
	return star ? CONDREQ_STAR : found;
}

/* A date field: parsed value in *t, or the CONDREQ_IGN_* bit that says
 * why it is ignored (invalid, or a list). */
static uint32_t
date_field(const struct condreq_request *req, int f, int64_t *t,
    uint32_t ign_invalid, uint32_t ign_list)
{
	size_t len, ep = 0, i;
	const char *v = value_of(req, f, &len);
	int rc;

	if (nlines(req, f) > 1)
		return ign_list;
	rc = condreq_date_parse(v, len, req->now, req->flags, t, &ep);
	if (rc == CONDREQ_OK)
		return 0;
	/* "Sat, 29 Oct 1994 19:43:31 GMT, Sun, ..." is a list of dates. */
	if (rc == CONDREQ_ETRAILING) {
		for (i = ep; i < len && cr_is_ows((unsigned char)v[i]); i++)
			;
		if (i < len && v[i] == ',')
			return ign_list;
	}
	return ign_invalid;
}

/* If-Range (13.1.5): an entity-tag if a DQUOTE is among the first three
 * bytes, else an HTTP-date. 1 true, 0 false, -1 unreadable (false). */
static int
if_range(const struct condreq_request *req, const struct condreq_etag *cur,
    int has_lm, int64_t lm)
{
	struct condreq_etag t;
	const char *v = req->if_range;
	size_t n = req->if_range_len, i;
	int64_t d;

	if (nlines(req, CONDREQ_IF_RANGE) > 1)
		return -1;
	for (i = 0; i < n && i < 3; i++)
		if (v[i] == '"') {
			if (condreq_etag_parse(v, n, 0, &t, NULL) != CONDREQ_OK)
				return -1;
			/* Strong comparison only: a weak tag is never true. */
			return condreq_etag_match_strong(cur, &t);
		}
	if (condreq_date_parse(v, n, req->now, req->flags, &d, NULL) !=
	    CONDREQ_OK)
		return -1;
	/* A date matches only an exactly equal, strong Last-Modified. */
	return has_lm && req->lm_strong == CONDREQ_LM_STRONG && d == lm;
}

static int
method_is(const struct condreq_request *req, const char *m, size_t n)
{
	size_t i;

	if (req->method_len != n)
		return 0;
	for (i = 0; i < n; i++)
		if (req->method[i] != m[i])
			return 0;
	return 1;
}

/* Mark every present field of mask as not reached. */
static void
unreached(const struct condreq_request *req, struct condreq_result *res,
    unsigned mask)
{
	int f;

	for (f = 0; f < CONDREQ_NFIELDS; f++)
		if ((mask & (1u << f)) && nlines(req, f) > 0)
			res->ignored |= CONDREQ_IGN_UNREACHED;
}

static int
decide(struct condreq_result *res, int status, int by)
{
	res->status = status;
	res->decided_by = by;
	return status;
}

int
condreq_evaluate(const struct condreq_request *req,
    struct condreq_result *res)
{
	struct condreq_etag curtag;
	const struct condreq_etag *cur = NULL;
	int get, head, has_lm, rc, has[CONDREQ_NFIELDS], f;
	int64_t lm = 0, d = 0;
	uint32_t ign;
	size_t i;

	if (req == NULL || res == NULL)
		return CONDREQ_EINVAL;
	if (req->size < sizeof(*req) || res->size < sizeof(*res))
		return CONDREQ_ESIZE;
	res->status = 0;
	res->range = 0;
	res->decided_by = CONDREQ_BY_NONE;
	res->ignored = 0;
	res->malformed = 0;
	res->overflow = req->overflow;
	if (req->method == NULL || req->method_len == 0)
		return CONDREQ_EMETHOD;
	for (i = 0; i < req->method_len; i++)
		if (!cr_is_tchar((unsigned char)req->method[i]))
			return CONDREQ_EMETHOD;
	/* Method names are case-sensitive (RFC 9110 9.1). */
	get = method_is(req, "GET", 3);
	head = method_is(req, "HEAD", 4);
	for (f = 0; f < CONDREQ_NFIELDS; f++)
		has[f] = nlines(req, f) > 0;

	if (req->exists && req->etag != NULL) {
		if (condreq_etag_parse(req->etag, req->etag_len, req->flags,
		    &curtag, NULL) == CONDREQ_OK)
			cur = &curtag;
		else
			res->malformed |= CONDREQ_MALFORMED_ETAG;
	}
	has_lm = req->exists && req->has_last_modified &&
	    !((req->flags & CONDREQ_F_LM_ZERO_UNKNOWN) &&
	    req->last_modified == 0);
	lm = req->last_modified;

	/* 13.2.1: preconditions apply only where the response would be 2xx
	 * or 412 without them. */
	if (req->natural_status != 0 && req->natural_status != 412 &&
	    (req->natural_status < 200 || req->natural_status > 299)) {
		for (f = 0; f < CONDREQ_RANGE; f++)
			if (has[f])
				res->ignored |= CONDREQ_IGN_ALL_NOT_2XX;
		return decide(res, req->natural_status, CONDREQ_BY_NOT_2XX);
	}

	/* Step 1: If-Match. */
	if (has[CONDREQ_IF_MATCH]) {
		if (has[CONDREQ_IF_UNMODIFIED_SINCE])
			res->ignored |= CONDREQ_IGN_IUS_IF_MATCH;
		rc = list_field(req, CONDREQ_IF_MATCH, req->exists ? cur : NULL);
		if (rc < 0)
			res->malformed |= 1u << CONDREQ_IF_MATCH;
		if (rc == CONDREQ_STAR)
			rc = req->exists ? 1 : 0;
		/* Lines that did not fit cannot be checked: fail safe. */
		if (rc != 1 || (req->overflow & (1u << CONDREQ_IF_MATCH))) {
			unreached(req, res, 1u << CONDREQ_IF_NONE_MATCH |
			    1u << CONDREQ_IF_MODIFIED_SINCE |
			    1u << CONDREQ_IF_RANGE);
			return decide(res, 412, CONDREQ_BY_IF_MATCH);
		}
		res->decided_by = CONDREQ_BY_IF_MATCH;
	} else if (has[CONDREQ_IF_UNMODIFIED_SINCE]) {
		/* Step 2: If-Unmodified-Since (13.1.4). */
		ign = date_field(req, CONDREQ_IF_UNMODIFIED_SINCE, &d,
		    CONDREQ_IGN_IUS_INVALID, CONDREQ_IGN_IUS_LIST);
		if (ign == CONDREQ_IGN_IUS_INVALID)
			res->malformed |= 1u << CONDREQ_IF_UNMODIFIED_SINCE;
		if (ign == 0 && !has_lm)
			ign = CONDREQ_IGN_IUS_NO_LM;
		res->ignored |= ign;
		if (ign == 0) {
			if (lm > d) {
				unreached(req, res, 1u << CONDREQ_IF_NONE_MATCH |
				    1u << CONDREQ_IF_MODIFIED_SINCE |
				    1u << CONDREQ_IF_RANGE);
				return decide(res, 412,
				    CONDREQ_BY_IF_UNMODIFIED_SINCE);
			}
			res->decided_by = CONDREQ_BY_IF_UNMODIFIED_SINCE;
		}
	}

	/* Step 3: If-None-Match (13.1.2). */
	if (has[CONDREQ_IF_NONE_MATCH]) {
		if (has[CONDREQ_IF_MODIFIED_SINCE])
			res->ignored |= CONDREQ_IGN_IMS_IF_NONE_MATCH;
		rc = list_field(req, CONDREQ_IF_NONE_MATCH,
		    req->exists ? cur : NULL);
		if (rc < 0)
			res->malformed |= 1u << CONDREQ_IF_NONE_MATCH;
		/* false only for "*" with a representation, or a match; an
		 * unreadable or overflowing list is true: no 304 from it. */
		if (rc == CONDREQ_STAR)
			rc = req->exists ? 1 : 0;
		if (rc == 1 &&
		    !(req->overflow & (1u << CONDREQ_IF_NONE_MATCH))) {
			unreached(req, res, 1u << CONDREQ_IF_RANGE);
			return decide(res, get || head ? 304 : 412,
			    CONDREQ_BY_IF_NONE_MATCH);
		}
		res->decided_by = CONDREQ_BY_IF_NONE_MATCH;
	} else if (has[CONDREQ_IF_MODIFIED_SINCE]) {
		/* Step 4: If-Modified-Since (13.1.3). */
		if (!get && !head)
			ign = CONDREQ_IGN_IMS_METHOD;
		else
			ign = date_field(req, CONDREQ_IF_MODIFIED_SINCE, &d,
			    CONDREQ_IGN_IMS_INVALID, CONDREQ_IGN_IMS_LIST);
		if (ign == CONDREQ_IGN_IMS_INVALID)
			res->malformed |= 1u << CONDREQ_IF_MODIFIED_SINCE;
		if (ign == 0 && !has_lm)
			ign = CONDREQ_IGN_IMS_NO_LM;
		if (ign == 0 && (req->flags & CONDREQ_F_IMS_IGNORE_FUTURE) &&
		    req->now != CONDREQ_NOW_UNKNOWN && d > req->now)
			ign = CONDREQ_IGN_IMS_FUTURE;
		res->ignored |= ign;
		if (ign == 0) {
			/* False when Last-Modified is earlier than or equal
			 * to the date (13.1.3); nginx's "exact" only when
			 * equal. */
			int modified = (req->flags & CONDREQ_F_IMS_EXACT) ?
			    lm != d : lm > d;

			if (!modified) {
				unreached(req, res, 1u << CONDREQ_IF_RANGE);
				return decide(res, 304,
				    CONDREQ_BY_IF_MODIFIED_SINCE);
			}
			res->decided_by = CONDREQ_BY_IF_MODIFIED_SINCE;
		}
	}

	/* Step 5: Range and If-Range, GET only (13.1.5, 14.2). */
	res->status = 200;
	if (!has[CONDREQ_RANGE]) {
		if (has[CONDREQ_IF_RANGE])
			res->ignored |= CONDREQ_IGN_IR_NO_RANGE;
		return res->status;
	}
	if (!get) {
		res->ignored |= CONDREQ_IGN_RANGE_METHOD;
		if (has[CONDREQ_IF_RANGE])
			res->ignored |= CONDREQ_IGN_IR_METHOD;
		return res->status;
	}
	if (nlines(req, CONDREQ_RANGE) > 1) {
		res->ignored |= CONDREQ_IGN_RANGE_INVALID;
		return res->status;
	}
	if (has[CONDREQ_IF_RANGE]) {
		rc = if_range(req, req->exists ? cur : NULL, has_lm, lm);
		if (rc < 0)
			res->malformed |= 1u << CONDREQ_IF_RANGE;
		if (rc != 1) {
			res->ignored |= CONDREQ_IGN_RANGE_IF_RANGE;
			return res->status;
		}
	}
	res->range = 1;
	return res->status;
}

/* RFC 9110 15.4.5: a 304 MUST carry those of Content-Location, Date,
 * ETag, Vary, Cache-Control and Expires that a 200 would have carried;
 * Last-Modified is useful only when there is no ETag (returns 2). */
int
condreq_304_keeps_header(const char *name, size_t len)
{
	static const char *const keep[] = {
		"content-location", "date", "etag", "vary", "cache-control",
		"expires"
	};
	size_t i;

	if (name == NULL)
		return 0;
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (name_eq(name, len, keep[i]))
			return 1;
	return name_eq(name, len, "last-modified") ? 2 : 0;
}
