/*
 * ngx_http_condreq_module: nginx's conditional requests decided by
 * libcondreq, RFC 9110 section 13, for static files (GET and HEAD) and
 * for the dav module's PUT and DELETE.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 *
 *   load_module modules/ngx_http_condreq_module.so;
 *   location / {
 *       condreq on;
 *       condreq_compat IMSExact;          (optional, see README)
 *   }
 *
 * GET and HEAD: a header filter, ahead of nginx's own not_modified and
 * range filters, evaluates the request's preconditions with the
 * validators the response already carries (the static module's ETag and
 * Last-Modified), then leaves those filters nothing to decide but the
 * library's answer: every precondition pointer of r->headers_in is
 * cleared, and for a 304 an If-None-Match of "*" is put in, for a 412 an
 * If-Match that nothing matches; Range stays only when the library says
 * it may be honoured. The 304 and 412 are thus nginx's own.
 *
 * PUT and DELETE: the check and the write are one step. The request's
 * preconditions are checked once before the body (a 412 needs none),
 * then the body is read, and the check is made again, against the file
 * as it is then, under a lock that every worker shares, held until the
 * dav module has put the new bytes in place; see write_body_read().
 *
 * Every field line of the request is read, from r->headers_in.headers,
 * not only the one nginx keeps a pointer to.
 */
#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include <condreq.h>

typedef struct {
	ngx_flag_t on;
	ngx_uint_t flags;           /* CONDREQ_F_* */
} cr_loc_conf_t;

typedef struct {
	ngx_int_t status;           /* what the phase handler returns again */
} cr_ctx_t;

/* The request side of a decision, with room for repeated lines. */
struct cr_intake {
	struct condreq_request req;
	struct condreq_line lines[16];
};

static ngx_int_t cr_preconfiguration(ngx_conf_t *cf);
static ngx_int_t cr_postconfiguration(ngx_conf_t *cf);
static void *cr_create_loc_conf(ngx_conf_t *cf);
static char *cr_merge_loc_conf(ngx_conf_t *cf, void *parent, void *child);
static char *cr_set_compat(ngx_conf_t *cf, ngx_command_t *cmd, void *conf);

/* condreq_compat: the library's compatibility flags by name, as the
 * Apache module's CondReqCompat has them. */
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

static ngx_command_t cr_commands[] = {
	{ ngx_string("condreq"),
	  NGX_HTTP_MAIN_CONF | NGX_HTTP_SRV_CONF | NGX_HTTP_LOC_CONF |
	  NGX_CONF_FLAG,
	  ngx_conf_set_flag_slot, NGX_HTTP_LOC_CONF_OFFSET,
	  offsetof(cr_loc_conf_t, on), NULL },
	{ ngx_string("condreq_compat"),
	  NGX_HTTP_MAIN_CONF | NGX_HTTP_SRV_CONF | NGX_HTTP_LOC_CONF |
	  NGX_CONF_1MORE,
	  cr_set_compat, NGX_HTTP_LOC_CONF_OFFSET, 0, NULL },
	ngx_null_command
};

static ngx_http_module_t cr_module_ctx = {
	cr_preconfiguration,
	cr_postconfiguration,       /* postconfiguration */
	NULL, NULL,                 /* main conf */
	NULL, NULL,                 /* server conf */
	cr_create_loc_conf,
	cr_merge_loc_conf
};

ngx_module_t ngx_http_condreq_module = {
	NGX_MODULE_V1,
	&cr_module_ctx,
	cr_commands,
	NGX_HTTP_MODULE,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NGX_MODULE_V1_PADDING
};

/* The dav module's, to know which methods it handles here (its location
 * configuration starts with its dav_methods mask). */
extern ngx_module_t ngx_http_dav_module;

static ngx_http_output_header_filter_pt next_header_filter;
/* Whether a location has both condreq on and the dav module's PUT or
 * DELETE: only then does the write check take a place among the
 * request's phases (which costs every request a little). */
static ngx_uint_t cr_writes;
static ngx_shm_zone_t *cr_zone;        /* its slab pool's lock: writes' */

static void *
cr_create_loc_conf(ngx_conf_t *cf)
{
	cr_loc_conf_t *c = ngx_pcalloc(cf->pool, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->on = NGX_CONF_UNSET;
	c->flags = NGX_CONF_UNSET_UINT;
	return c;
}

static char *
cr_merge_loc_conf(ngx_conf_t *cf, void *parent, void *child)
{
	cr_loc_conf_t *prev = parent, *c = child;
	ngx_uint_t *dav_methods;

	ngx_conf_merge_value(c->on, prev->on, 0);
	ngx_conf_merge_uint_value(c->flags, prev->flags, 0);
	/* The dav module's configuration of this location, merged already
	 * (nginx merges module by module, a dynamic module last). */
	dav_methods = ((ngx_http_conf_ctx_t *)cf->ctx)->loc_conf[
	    ngx_http_dav_module.ctx_index];
	if (c->on && dav_methods != NULL &&
	    (*dav_methods & (NGX_HTTP_PUT | NGX_HTTP_DELETE)))
		cr_writes = 1;
	return NGX_CONF_OK;
}

static char *
cr_set_compat(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
	cr_loc_conf_t *c = conf;
	ngx_str_t *v = cf->args->elts;
	ngx_uint_t i, j;

	(void)cmd;
	if (c->flags != NGX_CONF_UNSET_UINT)
		return "is duplicate";
	c->flags = 0;
	for (i = 1; i < cf->args->nelts; i++) {
		if (v[i].len == 4 && ngx_strncasecmp(v[i].data,
		    (u_char *)"none", 4) == 0)
			continue;
		for (j = 0; j < sizeof(compat) / sizeof(compat[0]); j++)
			if (v[i].len == ngx_strlen(compat[j].name) &&
			    ngx_strncasecmp(v[i].data, (u_char *)compat[j].name,
			    v[i].len) == 0)
				break;
		if (j == sizeof(compat) / sizeof(compat[0])) {
			ngx_conf_log_error(NGX_LOG_EMERG, cf, 0, "condreq_compat: "
			    "unknown flag \"%V\" (IMSExact, IMSIgnoreFuture, "
			    "AnyWeekday, LenientETag, LMZeroUnknown, none)", &v[i]);
			return NGX_CONF_ERROR;
		}
		c->flags |= compat[j].flag;
	}
	return NGX_CONF_OK;
}

/* The 8 bytes at P, for comparing names a word at a time. */
static ngx_inline uint64_t
cr_word(const u_char *p)
{
	uint64_t w;

	ngx_memcpy(&w, p, 8);
	return w;
}

/* Whether the N bytes (5 <= N <= 24) at K, a lower-case field name, are
 * NAME: two or three words, the last one overlapping the one before. */
static ngx_inline int
cr_same(const u_char *k, const char *name, size_t n)
{
	const u_char *m = (const u_char *)name;

	if (n < 8)
		return ngx_memcmp(k, m, n) == 0;
	return cr_word(k) == cr_word(m) &&
	    (n <= 16 || cr_word(k + 8) == cr_word(m + 8)) &&
	    cr_word(k + n - 8) == cr_word(m + n - 8);
}

/* Which CONDREQ_IF_* field (or CONDREQ_RANGE) a field is, by its name
 * as nginx lower-cased it, -1 for any other: told apart by length, then
 * compared once. */
static ngx_inline int
cr_field(const ngx_table_elt_t *h)
{
	const u_char *k = h->lowcase_key;

	switch (h->key.len) {
	case 5:
		return cr_same(k, "range", 5) ? CONDREQ_RANGE : -1;
	case 8:
		return cr_same(k, "if-match", 8) ? CONDREQ_IF_MATCH :
		    cr_same(k, "if-range", 8) ? CONDREQ_IF_RANGE : -1;
	case 13:
		return cr_same(k, "if-none-match", 13) ?
		    CONDREQ_IF_NONE_MATCH : -1;
	case 17:
		return cr_same(k, "if-modified-since", 17) ?
		    CONDREQ_IF_MODIFIED_SINCE : -1;
	case 19:
		return cr_same(k, "if-unmodified-since", 19) ?
		    CONDREQ_IF_UNMODIFIED_SINCE : -1;
	default:
		return -1;
	}
}

/* The lengths of those names, a bit each. */
#define CR_NAME_LENGTHS \
	((1u << 5) | (1u << 8) | (1u << 13) | (1u << 17) | (1u << 19))

/* Structures set up once by the library's init functions and copied for
 * each request: a copy of an initialised one is initialised. */
static struct condreq_request cr_request0;
static struct condreq_rep cr_rep0;
static struct condreq_result cr_result0;

/* Take in every field line of the request that the decision reads, in
 * one pass over r->headers_in.headers: nginx's own pointers keep only
 * one line of each, and no count of lines stops the pass. The first line
 * of a field goes straight into its slot, trimmed of OWS; another line
 * of the same field goes through condreq_request_header(), to the
 * repeated lines (16 kept; more make the decision fail safe). Returns
 * whether any precondition or Range was there. nginx's own
 * if_modified_since directive (exact by default, which is not RFC 9110
 * 13.1.3's comparison) is not read: condreq_compat IMSExact asks for it. */
static ngx_uint_t
cr_intake(ngx_http_request_t *r, const cr_loc_conf_t *lcf,
    struct cr_intake *in)
{
	ngx_list_part_t *part = &r->headers_in.headers.part;
	ngx_table_elt_t *h = part->elts;
	struct condreq_value *slot;
	const u_char *v;
	ngx_uint_t i, any = 0;
	size_t n;
	int f;

	for (i = 0; /* void */; i++) {
		if (i >= part->nelts) {
			if (part->next == NULL)
				break;
			part = part->next;
			h = part->elts;
			i = 0;
			if (part->nelts == 0)
				continue;
		}
		/* Most lines are let by on their name's length alone. */
		if (h[i].key.len > 19 || !(CR_NAME_LENGTHS >> h[i].key.len & 1) ||
		    h[i].lowcase_key == NULL || (f = cr_field(&h[i])) < 0)
			continue;
		if (!any) {
			any = 1;
			in->req = cr_request0;
			in->req.method = (const char *)r->method_name.data;
			in->req.method_len = r->method_name.len;
			in->req.flags = (uint32_t)lcf->flags;
			in->req.now = (int64_t)r->start_sec;
			in->req.lines = in->lines;
			in->req.lines_cap = sizeof(in->lines) /
			    sizeof(in->lines[0]);
		}
		slot = &in->req.field[f];
		if (slot->value != NULL) {
			(void)condreq_request_header(&in->req,
			    (const char *)h[i].key.data, h[i].key.len,
			    (const char *)h[i].value.data, h[i].value.len);
			continue;
		}
		v = h[i].value.data;
		n = h[i].value.len;
		while (n > 0 && (*v == ' ' || *v == '\t')) {
			v++;
			n--;
		}
		while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
			n--;
		slot->value = (const char *)v;
		slot->len = n;
	}
	return any;
}

/* Log what decided, at debug level (an nginx built --with-debug, as
 * Debian's is, and error_log ... debug). */
#if (NGX_DEBUG)
static void
cr_log_debug(ngx_http_request_t *r, const struct condreq_result *res)
{
	uint32_t b;

	ngx_log_debug4(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
	    "condreq: %V %V: %i, decided by %s", &r->method_name, &r->uri,
	    (ngx_int_t)res->status, condreq_decided_name(res->decided_by));
	for (b = 1; b != 0; b <<= 1)
		if (res->ignored & b)
			ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
			    "condreq: ignored: %s", condreq_ignored_reason(b));
}

#define cr_log(r, res) do { \
	if ((r)->connection->log->log_level & NGX_LOG_DEBUG_HTTP) \
		cr_log_debug((r), (res)); \
} while (0)
#else
#define cr_log(r, res) ((void)(r), (void)(res))
#endif

/* ---- GET and HEAD: a header filter ahead of nginx's own --------------- */

/* "*" in If-None-Match makes nginx's not_modified filter answer 304 with
 * or without an ETag; the If-Match here matches no tag nginx makes. */
static ngx_table_elt_t cr_any = {
	1, ngx_string("If-None-Match"), ngx_string("*"), NULL
};
static ngx_table_elt_t cr_none = {
	1, ngx_string("If-Match"), ngx_string("\"condreq-refused\""), NULL
};

/* The representation with ETag TAG, prepared once and kept for the
 * requests that follow with the same tag (a worker serves the same file
 * many times in a row): the tag is parsed again only when it changes. A
 * copy of the tag is kept here, as the prepared one points into it. */
static struct {
	struct condreq_rep rep;
	uint32_t flags;
	size_t len;
	u_char tag[64];
} cr_last;

static struct condreq_rep cr_untagged;

static struct condreq_rep *
cr_rep_of(const ngx_str_t *tag, uint32_t flags)
{
	size_t i;

	if (tag->len == cr_last.len && flags == cr_last.flags &&
	    tag->len >= 8) {
		/* Compared a word at a time, the last one overlapping. */
		for (i = 0; i + 8 < tag->len; i += 8)
			if (cr_word(tag->data + i) != cr_word(cr_last.tag + i))
				break;
		if (i + 8 >= tag->len && cr_word(tag->data + tag->len - 8) ==
		    cr_word(cr_last.tag + tag->len - 8))
			return &cr_last.rep;
	}
	cr_last.rep = cr_rep0;
	cr_last.len = 0;
	if (tag->len > sizeof(cr_last.tag)) {
		/* Too long to keep: parsed into the request's own. */
		static struct condreq_rep once;

		once = cr_rep0;
		(void)condreq_rep_set_etag(&once, (const char *)tag->data,
		    tag->len, flags, NULL);
		return &once;
	}
	ngx_memcpy(cr_last.tag, tag->data, tag->len);
	if (condreq_rep_set_etag(&cr_last.rep, (const char *)cr_last.tag,
	    tag->len, flags, NULL) == CONDREQ_OK) {
		cr_last.len = tag->len;
		cr_last.flags = flags;
	}
	return &cr_last.rep;
}

static ngx_int_t
cr_header_filter(ngx_http_request_t *r)
{
	cr_loc_conf_t *lcf;
	struct cr_intake in;
	struct condreq_rep *rep;
	struct condreq_result res;
	ngx_table_elt_t *etag;
	int status;

	if (r->headers_out.status != NGX_HTTP_OK || r != r->main ||
	    !(r->method & (NGX_HTTP_GET | NGX_HTTP_HEAD)))
		return next_header_filter(r);
	lcf = ngx_http_get_module_loc_conf(r, ngx_http_condreq_module);
	if (!lcf->on || !cr_intake(r, lcf, &in))
		return next_header_filter(r);
	/* The validators the response carries, as the client will see them
	 * (RFC 9110 13.2.1: evaluated for the selected representation). */
	etag = r->headers_out.etag;
	if (etag != NULL && etag->hash != 0)
		rep = cr_rep_of(&etag->value, (uint32_t)lcf->flags &
		    CONDREQ_F_LENIENT_ETAG);
	else {
		rep = &cr_untagged;
		*rep = cr_rep0;
	}
	/* The kept representation's time is this response's. */
	rep->has_last_modified = r->headers_out.last_modified_time != -1;
	rep->last_modified = (int64_t)r->headers_out.last_modified_time;
	/* 8.8.2.2: a date a second old is not shared by two versions. */
	rep->lm_strong = r->start_sec - r->headers_out.last_modified_time >= 1 ?
	    CONDREQ_LM_STRONG : CONDREQ_LM_WEAK;
	res = cr_result0;
	status = condreq_evaluate(&in.req, rep, &res);
	if (status < 0)             /* not a call this module makes */
		return next_header_filter(r);
	cr_log(r, &res);
	r->headers_in.if_match = NULL;
	r->headers_in.if_none_match = NULL;
	r->headers_in.if_modified_since = NULL;
	r->headers_in.if_unmodified_since = NULL;
	r->headers_in.if_range = NULL;
	if (status == NGX_HTTP_NOT_MODIFIED) {
		r->headers_in.if_none_match = &cr_any;
		r->headers_in.range = NULL;
	} else if (status == NGX_HTTP_PRECONDITION_FAILED)
		r->headers_in.if_match = &cr_none;
	else if (status != NGX_HTTP_PARTIAL_CONTENT)
		r->headers_in.range = NULL;
	return next_header_filter(r);
}

/* ---- PUT and DELETE: check and write as one step ----------------------
 * A precondition is worth something only if the write lands on the state
 * it was checked against (RFC 9110 13.1.1, the "lost update"). The dav
 * module reads the body (to a temporary file) and then renames it into
 * place; a client that holds its body, or another worker, lets a second
 * write in between. So every PUT and DELETE the module oversees,
 * conditional or not, is checked again once its body is in, with the
 * file's state read afresh, under the lock of a shared memory zone that
 * all workers share, and the dav module's handler runs under the same
 * lock: it writes without waiting for anything (the body is in a file
 * already), so the lock is held for a check, a rename and a stat, never
 * across a wait for the network. Readers never take it. nginx's master
 * frees the lock of a worker that dies holding it.
 *
 * nginx's ETag is the modification time in seconds and the size: two
 * writes of equal size in one second would share it, and If-Match would
 * let the second through on the first's tag. Under the lock, after each
 * write, the new version's time is moved into the second after its
 * predecessor's when it fell into the same (or an earlier) one, so the
 * tag changes with every write that goes through the module. */

/* The file the request names, and its state. */
struct cr_file {
	ngx_str_t path;             /* NUL-terminated, len without it */
	ngx_file_info_t fi;
	int exists;                 /* a regular file */
};

static ngx_int_t
cr_stat(ngx_http_request_t *r, struct cr_file *f)
{
	size_t root;

	if (f->path.data == NULL) {
		if (ngx_http_map_uri_to_path(r, &f->path, &root, 0) == NULL)
			return NGX_ERROR;
		f->path.len--;
	}
	f->exists = ngx_file_info(f->path.data, &f->fi) != NGX_FILE_ERROR &&
	    ngx_is_file(&f->fi);
	return NGX_OK;
}

/* Evaluate the write's preconditions against the file as F has it, with
 * the validators nginx would send for it. NGX_OK: the write may go on;
 * otherwise the status to finalize with. */
static ngx_int_t
cr_check_write(ngx_http_request_t *r, const cr_loc_conf_t *lcf,
    struct cr_file *f)
{
	ngx_http_core_loc_conf_t *clcf;
	struct cr_intake in;
	struct condreq_rep rep;
	struct condreq_result res;
	u_char tag[NGX_OFF_T_LEN + NGX_TIME_T_LEN + 4];
	size_t n;
	int status;

	if (cr_stat(r, f) != NGX_OK)
		return NGX_HTTP_INTERNAL_SERVER_ERROR;
	if (!cr_intake(r, lcf, &in))
		return NGX_OK;
	rep = cr_rep0;
	if (f->exists) {
		clcf = ngx_http_get_module_loc_conf(r, ngx_http_core_module);
		if (clcf->etag) {
			/* ngx_http_set_etag()'s form: "mtime-size" in hex. */
			n = (size_t)(ngx_sprintf(tag, "\"%xT-%xO\"",
			    ngx_file_mtime(&f->fi), ngx_file_size(&f->fi)) - tag);
			(void)condreq_rep_set_etag(&rep, (const char *)tag, n, 0,
			    NULL);
		}
		rep.last_modified = (int64_t)ngx_file_mtime(&f->fi);
		rep.has_last_modified = 1;
		rep.lm_strong = r->start_sec - ngx_file_mtime(&f->fi) >= 1 ?
		    CONDREQ_LM_STRONG : CONDREQ_LM_WEAK;
	}
	res = cr_result0;
	status = condreq_evaluate(&in.req, f->exists ? &rep : NULL, &res);
	cr_log(r, &res);
	if (status < 0)
		return NGX_HTTP_INTERNAL_SERVER_ERROR;
	if (status == NGX_HTTP_PRECONDITION_FAILED)
		return NGX_HTTP_PRECONDITION_FAILED;
	return NGX_OK;
}

/* After the write, still under the lock: a new version whose time is not
 * past its predecessor's second is moved into the next one. PATH and the
 * state before are copies: the request may be gone by now. */
static void
cr_after_write(ngx_log_t *log, const char *path, const struct stat *before)
{
	struct stat now;
	struct timespec ts[2];

	if (stat(path, &now) != 0 || !S_ISREG(now.st_mode))
		return;
	if ((now.st_mtim.tv_sec == before->st_mtim.tv_sec &&
	    now.st_mtim.tv_nsec == before->st_mtim.tv_nsec &&
	    now.st_ino == before->st_ino) ||
	    now.st_mtim.tv_sec > before->st_mtim.tv_sec)
		return;                 /* unwritten, or a new second */
	ts[0].tv_sec = 0;
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = before->st_mtim.tv_sec + 1;
	ts[1].tv_nsec = 0;
	if (utimensat(AT_FDCWD, path, ts, 0) != 0)
		ngx_log_error(NGX_LOG_WARN, log, ngx_errno, "condreq: cannot "
		    "move \"%s\"'s time past its last version's", path);
}

/* The body is in: check again under the lock, and let the dav module
 * write while it is held (its handler runs to its end from here). */
static void
cr_write_body_read(ngx_http_request_t *r)
{
	cr_loc_conf_t *lcf = ngx_http_get_module_loc_conf(r,
	    ngx_http_condreq_module);
	cr_ctx_t *ctx = ngx_http_get_module_ctx(r, ngx_http_condreq_module);
	ngx_slab_pool_t *shpool = (ngx_slab_pool_t *)cr_zone->shm.addr;
	ngx_log_t *log = r->connection->log;
	struct cr_file f;
	struct stat before;
	char path[NGX_MAX_PATH + 1];
	int had;
	ngx_int_t rc;

	ctx->status = NGX_DECLINED;
	ngx_memzero(&f, sizeof(f));
	ngx_shmtx_lock(&shpool->mutex);
	rc = cr_check_write(r, lcf, &f);
	if (rc == NGX_OK && f.path.len >= sizeof(path))
		rc = NGX_HTTP_REQUEST_URI_TOO_LARGE;
	if (rc != NGX_OK) {
		ngx_shmtx_unlock(&shpool->mutex);
		ngx_http_finalize_request(r, rc);
		return;
	}
	ngx_memcpy(path, f.path.data, f.path.len + 1);
	had = f.exists;
	if (had)
		before = f.fi;
	r->write_event_handler = ngx_http_core_run_phases;
	ngx_http_core_run_phases(r);
	/* r may be freed from here on. */
	if (had)
		cr_after_write(log, path, &before);
	ngx_shmtx_unlock(&shpool->mutex);
}

static ngx_int_t
cr_precontent(ngx_http_request_t *r)
{
	cr_loc_conf_t *lcf;
	cr_ctx_t *ctx;
	struct cr_file f;
	ngx_uint_t *dav_methods;
	ngx_int_t rc;

	if (!(r->method & (NGX_HTTP_PUT | NGX_HTTP_DELETE)) || r != r->main)
		return NGX_DECLINED;
	ctx = ngx_http_get_module_ctx(r, ngx_http_condreq_module);
	if (ctx != NULL)
		return ctx->status;
	lcf = ngx_http_get_module_loc_conf(r, ngx_http_condreq_module);
	dav_methods = ngx_http_get_module_loc_conf(r, ngx_http_dav_module);
	if (!lcf->on || !(*dav_methods & r->method) || r->uri.len == 0 ||
	    r->uri.data[r->uri.len - 1] == '/' ||
	    r->headers_in.content_range != NULL)
		return NGX_DECLINED;    /* collections, ranges: dav refuses */
	/* Decided now on the state as it is (a 412 needs no body), and again
	 * when the body is in, under the lock. */
	ngx_memzero(&f, sizeof(f));
	if ((rc = cr_check_write(r, lcf, &f)) != NGX_OK)
		return rc;
	ctx = ngx_pcalloc(r->pool, sizeof(*ctx));
	if (ctx == NULL)
		return NGX_HTTP_INTERNAL_SERVER_ERROR;
	ctx->status = NGX_DONE;
	ngx_http_set_ctx(r, ctx, ngx_http_condreq_module);
	if (r->method == NGX_HTTP_PUT) {
		/* As the dav module asks for its body: in a file of its own. */
		r->request_body_in_file_only = 1;
		r->request_body_in_persistent_file = 1;
		r->request_body_in_clean_file = 1;
		r->request_body_file_group_access = 1;
		r->request_body_file_log_level = 0;
	}
	rc = ngx_http_read_client_request_body(r, cr_write_body_read);
	if (rc >= NGX_HTTP_SPECIAL_RESPONSE)
		return rc;
	ngx_http_finalize_request(r, NGX_DONE);
	return NGX_DONE;
}

static ngx_int_t
cr_zone_init(ngx_shm_zone_t *zone, void *data)
{
	(void)zone;
	(void)data;
	return NGX_OK;
}

static ngx_int_t
cr_preconfiguration(ngx_conf_t *cf)
{
	(void)cf;
	cr_writes = 0;              /* for each reading of the configuration */
	return NGX_OK;
}

static ngx_int_t
cr_postconfiguration(ngx_conf_t *cf)
{
	static ngx_str_t name = ngx_string("condreq_writes");
	ngx_http_core_main_conf_t *cmcf;
	ngx_http_handler_pt *h;

	if (condreq_request_init(&cr_request0) != CONDREQ_OK ||
	    condreq_rep_init(&cr_rep0) != CONDREQ_OK ||
	    condreq_result_init(&cr_result0) != CONDREQ_OK)
		return NGX_ERROR;
	cr_zone = ngx_shared_memory_add(cf, &name, 8 * ngx_pagesize,
	    &ngx_http_condreq_module);
	if (cr_zone == NULL)
		return NGX_ERROR;
	cr_zone->init = cr_zone_init;
	if (cr_writes) {
		cmcf = ngx_http_conf_get_module_main_conf(cf,
		    ngx_http_core_module);
		h = ngx_array_push(
		    &cmcf->phases[NGX_HTTP_PRECONTENT_PHASE].handlers);
		if (h == NULL)
			return NGX_ERROR;
		*h = cr_precontent;
	}
	next_header_filter = ngx_http_top_header_filter;
	ngx_http_top_header_filter = cr_header_filter;
	return NGX_OK;
}
