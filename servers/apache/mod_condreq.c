/*
 * mod_condreq: Apache httpd's conditional requests decided by libcondreq,
 * RFC 9110 section 13, for static files (the default handler) and for
 * mod_dav's PUT and DELETE.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 *
 *   LoadModule condreq_module modules/mod_condreq.so
 *   <Directory /srv/www>
 *       CondReq on
 *       CondReqCompat IMSIgnoreFuture     (optional, see README)
 *   </Directory>
 *
 * How: a fixups hook, after mod_dav's, evaluates the request's
 * preconditions with the validators Apache itself sends (ap_make_etag()
 * for the file, its modification time as Last-Modified), so responses do
 * not change. It then leaves Apache's own precondition code, which runs
 * later in the handler (ap_meets_conditions(), the byte-range filter,
 * mod_dav), nothing to decide but the library's answer: every
 * precondition field is removed, and for a 304 an If-None-Match with
 * Apache's own ETag (If-Modified-Since with its own date when ETags are
 * off) is put in, for a 412 an If-Match that nothing matches; Range is
 * kept only when the library says it may be honoured. The 304 and 412
 * are thus Apache's own, with every header it and other modules add
 * (ETag, Cache-Control, Expires: RFC 9110 15.4.5).
 */
#include <string.h>

#include "httpd.h"
#include "http_config.h"
#include "http_core.h"
#include "http_log.h"
#include "http_protocol.h"
#include "http_request.h"
#include "apr_strings.h"

#include <condreq.h>

APLOG_USE_MODULE(condreq);

struct dir_conf {
	int on;                     /* -1: not set here */
	uint32_t flags;             /* CONDREQ_F_* */
	int flags_set;
};

static void *
create_dir(apr_pool_t *p, char *dir)
{
	struct dir_conf *c = apr_pcalloc(p, sizeof(*c));

	(void)dir;
	c->on = -1;
	return c;
}

static void *
merge_dir(apr_pool_t *p, void *base_, void *add_)
{
	struct dir_conf *base = base_, *add = add_;
	struct dir_conf *c = apr_pcalloc(p, sizeof(*c));

	c->on = add->on != -1 ? add->on : base->on;
	c->flags_set = add->flags_set || base->flags_set;
	c->flags = add->flags_set ? add->flags : base->flags;
	return c;
}

/* CondReqCompat: the library's compatibility flags by name. */
static const struct {
	const char *name;
	uint32_t flag;
} compat[] = {
	{ "IMSExact", CONDREQ_F_IMS_EXACT },
	{ "IMSIgnoreFuture", CONDREQ_F_IMS_IGNORE_FUTURE },
	{ "AnyWeekday", CONDREQ_F_ANY_WEEKDAY },
	{ "LenientETag", CONDREQ_F_LENIENT_ETAG },
	{ "LMZeroUnknown", CONDREQ_F_LM_ZERO_UNKNOWN },
};

static const char *
set_compat(cmd_parms *cmd, void *conf, const char *arg)
{
	struct dir_conf *c = conf;
	size_t i;

	(void)cmd;
	c->flags_set = 1;
	if (strcasecmp(arg, "none") == 0)
		return NULL;
	for (i = 0; i < sizeof(compat) / sizeof(compat[0]); i++)
		if (strcasecmp(arg, compat[i].name) == 0) {
			c->flags |= compat[i].flag;
			return NULL;
		}
	return apr_psprintf(cmd->pool, "CondReqCompat: unknown flag %s "
	    "(IMSExact, IMSIgnoreFuture, AnyWeekday, LenientETag, "
	    "LMZeroUnknown, none)", arg);
}

static const command_rec commands[] = {
	AP_INIT_FLAG("CondReq", ap_set_flag_slot,
	    (void *)APR_OFFSETOF(struct dir_conf, on), OR_FILEINFO,
	    "on: conditional requests decided by libcondreq (RFC 9110)"),
	AP_INIT_ITERATE("CondReqCompat", set_compat, NULL, OR_FILEINFO,
	    "compatibility flags: IMSExact IMSIgnoreFuture AnyWeekday "
	    "LenientETag LMZeroUnknown, or none"),
	{ NULL }
};

/* The request fields that make a request conditional (13.1), and Range. */
static const char *const preconditions[] = {
	"If-Match", "If-None-Match", "If-Modified-Since",
	"If-Unmodified-Since", "If-Range"
};
#define NPRECONDITIONS (sizeof(preconditions) / sizeof(preconditions[0]))

/* A value that no entity-tag of Apache's can match, for a 412. */
#define NO_TAG "\"condreq-refused\""

/* The requests the module decides: GET and HEAD of a regular file that
 * the default handler serves, PUT and DELETE that mod_dav handles. */
static int
ours(const request_rec *r)
{
	if (r->method_number == M_GET)
		return r->finfo.filetype == APR_REG && (r->handler == NULL ||
		    strcmp(r->handler, "default-handler") == 0);
	if (r->method_number == M_PUT || r->method_number == M_DELETE)
		return r->handler != NULL &&
		    strcmp(r->handler, "dav-handler") == 0 &&
		    r->finfo.filetype != APR_DIR;
	return 0;
}

static int
is_conditional(const request_rec *r)
{
	size_t i;

	for (i = 0; i < NPRECONDITIONS; i++)
		if (apr_table_get(r->headers_in, preconditions[i]) != NULL)
			return 1;
	return 0;
}

static int
feed(void *req, const char *name, const char *value)
{
	condreq_request_header(req, name, strlen(name), value,
	    value != NULL ? strlen(value) : 0);
	return 1;
}

/* What and why, at LogLevel debug (condreq:debug). */
static void
log_decision(request_rec *r, const struct condreq_result *res)
{
	const char *why = "";
	uint32_t b;

	if (!APLOG_R_IS_LEVEL(r, APLOG_DEBUG))
		return;
	for (b = 1; b != 0; b <<= 1)
		if (res->ignored & b)
			why = apr_pstrcat(r->pool, why, "; ",
			    condreq_ignored_reason(b), NULL);
	ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r, "condreq: %s %s: %d, "
	    "decided by %s%s", r->method, r->uri, res->status,
	    condreq_decided_name(res->decided_by), why);
}

/* Leave Apache's own precondition code the library's answer alone. */
static void
rewrite(request_rec *r, const struct condreq_result *res, const char *etag,
    apr_time_t mtime)
{
	size_t i;

	for (i = 0; i < NPRECONDITIONS; i++)
		apr_table_unset(r->headers_in, preconditions[i]);
	if (res->status == HTTP_NOT_MODIFIED) {
		/* Apache compares If-None-Match weakly only without Range
		 * (RFC 2616's rule; 9110 13.1.2 always does): a 304 has no
		 * range to serve anyway. */
		apr_table_unset(r->headers_in, "Range");
		if (etag[0] != '\0')
			apr_table_setn(r->headers_in, "If-None-Match", etag);
		else {
			char *d = apr_palloc(r->pool, APR_RFC822_DATE_LEN);

			apr_rfc822_date(d, mtime);
			apr_table_setn(r->headers_in, "If-Modified-Since", d);
		}
	} else if (res->status == HTTP_PRECONDITION_FAILED)
		apr_table_setn(r->headers_in, "If-Match", NO_TAG);
	else if (res->status != HTTP_PARTIAL_CONTENT)
		apr_table_unset(r->headers_in, "Range");
}

static int
condreq_fixups(request_rec *r)
{
	struct dir_conf *c = ap_get_module_config(r->per_dir_config,
	    &condreq_module);
	struct condreq_request req;
	struct condreq_line lines[16];
	struct condreq_rep rep;
	struct condreq_result res;
	const char *etag = "";
	apr_time_t mtime = 0;

	if (c == NULL || c->on != 1 || !ours(r) || !is_conditional(r))
		return DECLINED;
	condreq_rep_init(&rep);
	rep.exists = r->finfo.filetype == APR_REG;
	if (rep.exists) {
		/* The validators the default handler will send. */
		ap_update_mtime(r, r->finfo.mtime);
		mtime = ap_rationalize_mtime(r, r->mtime);
		etag = ap_make_etag(r, 0);
		if (etag[0] != '\0' && condreq_rep_set_etag(&rep, etag,
		    strlen(etag), c->flags & CONDREQ_F_LENIENT_ETAG,
		    NULL) != CONDREQ_OK)
			etag = "";
		rep.last_modified = (int64_t)apr_time_sec(mtime);
		rep.has_last_modified = 1;
		/* 8.8.2.2: the file's time is known to the second, and a
		 * date a second old cannot be shared by two versions. */
		rep.lm_strong = r->request_time - mtime >= apr_time_from_sec(1) ?
		    CONDREQ_LM_STRONG : CONDREQ_LM_WEAK;
	}
	condreq_request_init(&req);
	req.method = r->method;
	req.method_len = strlen(r->method);
	req.flags = c->flags;
	req.now = (int64_t)apr_time_sec(r->request_time);
	req.lines = lines;
	req.lines_cap = sizeof(lines) / sizeof(lines[0]);
	apr_table_do(feed, &req, r->headers_in, NULL);
	condreq_result_init(&res);
	if (condreq_evaluate(&req, rep.exists ? &rep : NULL, &res) < 0)
		return DECLINED;
	log_decision(r, &res);
	rewrite(r, &res, etag, mtime);
	return DECLINED;
}

static void
register_hooks(apr_pool_t *p)
{
	/* After mod_dav's fixups, which choose its handler. */
	static const char *const after[] = { "mod_dav.c", NULL };

	(void)p;
	ap_hook_fixups(condreq_fixups, after, NULL, APR_HOOK_LAST);
}

module AP_MODULE_DECLARE_DATA condreq_module = {
	STANDARD20_MODULE_STUFF,
	create_dir,
	merge_dir,
	NULL,
	NULL,
	commands,
	register_hooks,
#ifdef AP_MODULE_FLAG_NONE
	AP_MODULE_FLAG_NONE
#endif
};
