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
 * preconditions with the validators Apache itself sends (its ETag for
 * the file, made here by Apache's rules or by ap_make_etag(), and its
 * modification time as Last-Modified), so responses do not change. It then leaves Apache's own precondition code, which runs
 * later in the handler (ap_meets_conditions(), the byte-range filter,
 * mod_dav), nothing to decide but the library's answer: every
 * precondition field is removed, and for a 304 an If-None-Match with
 * Apache's own ETag (If-Modified-Since with its own date when ETags are
 * off) is put in, for a 412 an If-Match that nothing matches; Range is
 * kept only when the library says it may be honoured. The 304 and 412
 * are thus Apache's own, with every header it and other modules add
 * (ETag, Cache-Control, Expires: RFC 9110 15.4.5).
 *
 * Writes (PUT, DELETE): the check and the write are one step. Each write
 * takes its resource's lock before the check and keeps it until the
 * request is over, after the handler has written, and the check reads
 * the file's state afresh under the lock; see lock_resource().
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE             /* F_OFD_SETLK */
#endif
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "httpd.h"
#include "http_config.h"
#include "http_core.h"
#include "http_log.h"
#include "http_protocol.h"
#include "http_request.h"
#include "apr_strings.h"
#include "unixd.h"

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
	struct dir_conf *c;

	/* Configurations are never changed once read: where one side says
	 * everything, or nothing, it is the merge (no allocation for the
	 * merges every request makes). */
	if ((add->on != -1 && add->flags_set) ||
	    (base->on == -1 && !base->flags_set))
		return add;
	if (add->on == -1 && !add->flags_set)
		return base;
	c = apr_pcalloc(p, sizeof(*c));
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

/* CondReqLockFile: where the writes' lock lives (a local file system). */
static const char *lock_file_conf;

static const char *
set_lock_file(cmd_parms *cmd, void *conf, const char *arg)
{
	const char *err = ap_check_cmd_context(cmd, GLOBAL_ONLY);

	(void)conf;
	if (err != NULL)
		return err;
	lock_file_conf = ap_server_root_relative(cmd->pool, arg);
	return lock_file_conf != NULL ? NULL :
	    apr_pstrcat(cmd->pool, "CondReqLockFile: bad path ", arg, NULL);
}

static const command_rec commands[] = {
	AP_INIT_FLAG("CondReq", ap_set_flag_slot,
	    (void *)APR_OFFSETOF(struct dir_conf, on), OR_FILEINFO,
	    "on: conditional requests decided by libcondreq (RFC 9110)"),
	AP_INIT_ITERATE("CondReqCompat", set_compat, NULL, OR_FILEINFO,
	    "compatibility flags: IMSExact IMSIgnoreFuture AnyWeekday "
	    "LenientETag LMZeroUnknown, or none"),
	AP_INIT_TAKE1("CondReqLockFile", set_lock_file, NULL, RSRC_CONF,
	    "the file whose locks make each write's check and write one "
	    "step (default: condreq.lock in DefaultRuntimeDir)"),
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

/* Whether K, NUL-terminated, is NAME in any case. */
static int
same_name(const char *k, const char *name)
{
	for (; *name != '\0'; k++, name++)
		if ((*k | 0x20) != (*name | 0x20))
			return 0;
	return *k == '\0';
}

/* Which of preconditions[] the field named K is, NPRECONDITIONS for
 * Range, -1 for any other: most names are told apart by their first
 * byte alone. (The names' letters and '-' compare equal under | 0x20
 * only with themselves.) */
static int
field_index(const char *k)
{
	int i;

	if ((k[0] | 0x20) == 'r')
		return same_name(k, "range") ? (int)NPRECONDITIONS : -1;
	if ((k[0] | 0x20) != 'i' || (k[1] | 0x20) != 'f' || k[2] != '-')
		return -1;
	for (i = 0; i < (int)NPRECONDITIONS; i++)
		if (same_name(k + 3, preconditions[i] + 3))
			return i;
	return -1;
}

/* The request side of a decision, with room for repeated lines; inm is
 * the first If-None-Match line as Apache holds it (untrimmed). */
struct intake {
	struct condreq_request req;
	struct condreq_line lines[16];
	const char *inm;
	int ready;
};

/* The library's structures with every default, set up once when the
 * module is loaded (before any request, in the parent) and only read
 * after: each request copies them instead of calling the init functions. */
static struct condreq_request request_template;
static struct condreq_rep rep_template;
static struct condreq_result result_template;

static void
take_in(request_rec *r, const struct dir_conf *c, struct intake *in)
{
	in->req = request_template;
	in->req.method = r->method;
	in->req.method_len = strlen(r->method);
	in->req.flags = c->flags;
	in->req.now = (int64_t)apr_time_sec(r->request_time);
	in->req.lines = in->lines;
	in->req.lines_cap = sizeof(in->lines) / sizeof(in->lines[0]);
	in->ready = 1;
}

/* Which of preconditions[] the fields of T hold (bit i for the i-th;
 * bit NPRECONDITIONS: Range), each of them put into IN, in one pass over T's entries: a
 * lookup per name would compare every key of the table for each. The
 * first line of a field goes straight into its slot, trimmed of OWS;
 * another line of the same field (a module may have added one) goes
 * through condreq_request_header(), to the repeated lines. */
static unsigned
fields_of(request_rec *r, const struct dir_conf *c, const apr_table_t *t,
    struct intake *in)
{
	const apr_array_header_t *arr = apr_table_elts(t);
	const apr_table_entry_t *e = (const apr_table_entry_t *)arr->elts;
	struct condreq_value *slot;
	unsigned mask = 0;
	const char *v;
	size_t n;
	int k, i;

	for (k = 0; k < arr->nelts; k++) {
		if (e[k].key == NULL || (v = e[k].val) == NULL ||
		    (i = field_index(e[k].key)) < 0)
			continue;
		mask |= 1u << i;
		if (!in->ready)
			take_in(r, c, in);
		slot = &in->req.field[i];
		if (i == CONDREQ_IF_NONE_MATCH && in->inm == NULL)
			in->inm = v;
		if (slot->value != NULL) {
			condreq_request_header(&in->req, e[k].key,
			    strlen(e[k].key), v, strlen(v));
			continue;
		}
		while (*v == ' ' || *v == '\t')
			v++;
		n = strlen(v);
		while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
			n--;
		slot->value = v;
		slot->len = n;
	}
	return mask;
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

/* Leave Apache's own precondition code the library's answer alone.
 * PRESENT has bit i for preconditions[i] and bit NPRECONDITIONS for
 * Range. */
static void
rewrite(request_rec *r, unsigned present, const struct condreq_result *res,
    const char *inm, const char *etag, apr_time_t mtime)
{
	const unsigned range = 1u << NPRECONDITIONS;
	size_t i;

	if (res->status == HTTP_NOT_MODIFIED && (present & ~range) == 2u &&
	    etag[0] != '\0' && inm != NULL && strcmp(inm, etag) == 0) {
		/* The request's one precondition is If-None-Match with
		 * Apache's own tag: its code answers 304 as it stands. */
		if (present & range)
			apr_table_unset(r->headers_in, "Range");
		return;
	}
	for (i = 0; i < NPRECONDITIONS; i++)
		if (present & (1u << i))
			apr_table_unset(r->headers_in, preconditions[i]);
	if (res->status == HTTP_NOT_MODIFIED) {
		/* Apache compares If-None-Match weakly only without Range
		 * (RFC 2616's rule; 9110 13.1.2 always does): a 304 has no
		 * range to serve anyway. */
		if (present & range)
			apr_table_unset(r->headers_in, "Range");
		if (etag[0] != '\0')
			apr_table_set(r->headers_in, "If-None-Match", etag);
		else {
			char *d = apr_palloc(r->pool, APR_RFC822_DATE_LEN);

			apr_rfc822_date(d, mtime);
			apr_table_setn(r->headers_in, "If-Modified-Since", d);
		}
	} else if (res->status == HTTP_PRECONDITION_FAILED)
		apr_table_setn(r->headers_in, "If-Match", NO_TAG);
	else if (res->status != HTTP_PARTIAL_CONTENT && (present & range))
		apr_table_unset(r->headers_in, "Range");
}

/* ---- Writes: check and write as one step ------------------------------
 * A precondition is worth something only if the write lands on the state
 * it was checked against (RFC 9110 13.1.1, the "lost update"). mod_dav
 * reads the body and writes in the handler, after fixups; a client that
 * holds its body, or a second worker, lets another write in between. So
 * every PUT and DELETE the module oversees, conditional or not, takes an
 * exclusive lock on its resource before the check and keeps it until the
 * request's pool is gone, after the handler has written and logged.
 * The lock is one byte of one lock file (CondReqLockFile), chosen by a
 * hash of the file name, taken as an open file description lock (Linux
 * F_OFD_SETLK): it belongs to the request, not to the process, so it
 * excludes threads and processes alike. Elsewhere flock() takes the whole
 * file: every write waits for every other, still correct. Readers never
 * take it. A writer waits at most the server's Timeout, then gets 503; a
 * holder is bounded by Timeout and mod_reqtimeout's body rate. */
static const char *lock_path;           /* set once, at configuration */

#define LOCK_SLOTS ((off_t)1 << 30)

#ifdef F_OFD_SETLK
#define try_lock(fd, fl) fcntl((fd), F_OFD_SETLK, (fl))
#else
#include <sys/file.h>
#define try_lock(fd, fl) ((void)(fl), flock((fd), LOCK_EX | LOCK_NB))
#endif

static apr_status_t
close_lock(void *fd)
{
	close((int)(intptr_t)fd);       /* releases the lock */
	return APR_SUCCESS;
}

static int
lock_resource(request_rec *r)
{
	apr_time_t end = apr_time_now() + r->server->timeout;
	apr_interval_time_t pause = 500;
	uint64_t h = 14695981039346656037ULL;          /* FNV-1a */
	const unsigned char *p;
	struct flock fl;
	int fd;

	for (p = (const unsigned char *)r->filename; *p != '\0'; p++)
		h = (h ^ *p) * 1099511628211ULL;
	fd = open(lock_path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		ap_log_rerror(APLOG_MARK, APLOG_ERR, errno, r, "condreq: "
		    "cannot open the lock file %s", lock_path);
		return HTTP_INTERNAL_SERVER_ERROR;
	}
	apr_pool_cleanup_register(r->pool, (void *)(intptr_t)fd, close_lock,
	    apr_pool_cleanup_null);
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = (off_t)(h % (uint64_t)LOCK_SLOTS);
	fl.l_len = 1;
	while (try_lock(fd, &fl) != 0) {
		if (errno != EAGAIN && errno != EACCES && errno != EINTR &&
		    errno != EWOULDBLOCK) {
			ap_log_rerror(APLOG_MARK, APLOG_ERR, errno, r,
			    "condreq: cannot lock %s", lock_path);
			return HTTP_INTERNAL_SERVER_ERROR;
		}
		if (apr_time_now() >= end) {
			ap_log_rerror(APLOG_MARK, APLOG_WARNING, 0, r,
			    "condreq: %s %s: another write held the resource "
			    "for the whole Timeout", r->method, r->uri);
			return HTTP_SERVICE_UNAVAILABLE;
		}
		apr_sleep(pause);
		if (pause < 20000)
			pause *= 2;
	}
	return OK;
}

/* The file's state now, under the lock: the one the write will land on. */
static void
restat(request_rec *r)
{
	apr_finfo_t fi;
	apr_status_t st = apr_stat(&fi, r->filename,
	    APR_FINFO_MIN | APR_FINFO_INODE, r->pool);

	if (st == APR_SUCCESS || st == APR_INCOMPLETE)
		r->finfo = fi;
	else
		r->finfo.filetype = APR_NOFILE;
	r->mtime = r->finfo.filetype == APR_NOFILE ? 0 : r->finfo.mtime;
}

/* Whether Apache's ETag changes with every write: with FileETag MTime it
 * does (a write moves the time, and Apache itself sends the tag weak for
 * a second after, while the time may not have moved yet); with Digest it
 * follows the bytes. Size and INode alone do not: two writes of equal
 * size share the tag, and If-Match would let the second through. */
static int
etag_tracks_writes(request_rec *r)
{
	core_dir_config *cfg = ap_get_core_module_config(r->per_dir_config);
	etag_components_t bits = (cfg->etag_bits & ~cfg->etag_remove) |
	    cfg->etag_add;

	if (bits == ETAG_UNSET)
		bits = ETAG_BACKWARD;
#ifdef ETAG_DIGEST
	if (bits & ETAG_DIGEST)
		return 1;
#endif
	return (bits & ETAG_MTIME) != 0;
}

/* Last-Modified counts seconds, so two versions written in one second
 * would share it, and an If-Unmodified-Since naming the older would pass
 * on the newer (13.1.4). Writes are serialised by the lock; a PUT that
 * would land in the second its predecessor was written in waits, still
 * holding the lock, until that second is over (at most a second; a time
 * further ahead of the clock is not waited for). */
static void
next_second(request_rec *r)
{
	apr_time_t now = apr_time_now();
	apr_time_t next = apr_time_from_sec(apr_time_sec(r->finfo.mtime) + 1);

	if (next > now && next - now <= apr_time_from_sec(1))
		apr_sleep(next - now);
}

/* Lock, read the state afresh, and make sure a new version gets a
 * Last-Modified of its own. */
static int
prepare_write(request_rec *r)
{
	int rc = lock_resource(r);

	if (rc != OK)
		return rc;
	restat(r);
	if (r->method_number == M_PUT && r->finfo.filetype == APR_REG) {
		next_second(r);
		restat(r);
	}
	return OK;
}

/* ---- Apache's ETag, made here -----------------------------------------
 * The tag the default handler will send, without a call of ap_make_etag()
 * on every request, which costs a 304 some 430 instructions: the default
 * handler makes the tag again in any case (ap_set_etag_fd() does not look
 * for one already set), so the module cannot hand it one. Done here for
 * FileETag's INode, Size, MTime and None on httpd 2.4.47 and later (which
 * have ETAG_DIGEST and make the tag from r->finfo), by Apache's rules: the
 * parts in that order, each in lower-case hex without leading zeros,
 * joined by '-'; weak ("W/") while the file is less than a second older
 * than the request. ap_make_etag() makes the others: a Digest tag, a
 * negotiated variant's, a tag a module asked to be strong, and an older
 * httpd's. make servers checks that both agree under every FileETag. */
#define ETAG_BUF (sizeof("W/\"--\"") + 3 * 16)

/* u in lower-case hex without leading zeros at p; returns the end. */
static char *
hex(char *p, uint64_t u)
{
	char *end = p + 1;
	uint64_t t;

	for (t = u >> 4; t != 0; t >>= 4)
		end++;
	p = end;
	do {
		*--p = "0123456789abcdef"[u & 15];
		u >>= 4;
	} while (u != 0);
	return end;
}

/* The FileETag parts for r, ETAG_NONE for no tag, or 0 where only Apache
 * can make the tag. */
static etag_components_t
etag_parts(request_rec *r)
{
#ifdef ETAG_DIGEST
	core_dir_config *cfg = ap_get_core_module_config(r->per_dir_config);
	etag_components_t bits = (cfg->etag_bits & ~cfg->etag_remove) |
	    cfg->etag_add;

	if (r->vlist_validator != NULL || AP_REQUEST_IS_STRONG_ETAG(r) ||
	    (bits & ETAG_DIGEST))
		return 0;
	if (bits & ETAG_NONE)
		return ETAG_NONE;
	return bits == ETAG_UNSET ? ETAG_BACKWARD : bits;
#else
	(void)r;
	return 0;
#endif
}

/* Whether Apache sends the tag weak: the file changed less than a second
 * before the request (it could change again within that second). */
#define ETAG_WEAK(r) ((r)->request_time - (r)->finfo.mtime < \
	apr_time_from_sec(1))

/* The tag of a file with parts BITS (not ETAG_NONE), into buf. */
static const char *
format_etag(char *buf, etag_components_t bits, int weak,
    const apr_finfo_t *fi)
{
	char *p = buf;
	int sep = 0;

	if (weak) {
		*p++ = 'W';
		*p++ = '/';
	}
	*p++ = '"';
	if (bits & ETAG_INODE) {
		p = hex(p, (uint64_t)fi->inode);
		sep = 1;
	}
	if (bits & ETAG_SIZE) {
		if (sep)
			*p++ = '-';
		p = hex(p, (uint64_t)fi->size);
		sep = 1;
	}
	if (bits & ETAG_MTIME) {
		if (sep)
			*p++ = '-';
		p = hex(p, (uint64_t)fi->mtime);
	}
	*p++ = '"';
	*p = '\0';
	return buf;
}

/* The tag into buf (ETAG_BUF bytes); "" for none, NULL where only
 * ap_make_etag() can make it. */
static const char *
file_etag(request_rec *r, char *buf)
{
	etag_components_t bits = etag_parts(r);

	if (bits == 0)
		return NULL;
	if (bits == ETAG_NONE)
		return "";
	return format_etag(buf, bits, ETAG_WEAK(r), &r->finfo);
}

/* The tag of a file (as file_etag()) with *rep (rep_template before)
 * prepared for it, made and parsed by the library once per file version
 * and thread: the last one is kept, with the parts it was made of, in
 * storage of the thread's own (a file's tag stays the same while the file
 * does, and most requests are for a few files). "" when the file has no
 * tag or the library refused it (as with Apache's own), NULL where only
 * Apache can make it, or where the compiler has no thread-local storage. */
#if defined(__GNUC__) || defined(__clang__)
struct tag_cache {
	int valid, weak, rep_ok;
	uint32_t flags;
	etag_components_t bits;
	apr_ino_t inode;
	apr_off_t size;
	apr_time_t mtime;
	char tag[ETAG_BUF];
	struct condreq_rep rep;
};

static __thread struct tag_cache tag_cache;

static const char *
kept_etag(request_rec *r, uint32_t flags, struct condreq_rep *rep)
{
	struct tag_cache *k = &tag_cache;
	etag_components_t bits = etag_parts(r);
	int weak = ETAG_WEAK(r);

	if (bits == 0)
		return NULL;
	if (bits == ETAG_NONE)
		return "";
	if (!k->valid || k->mtime != r->finfo.mtime ||
	    k->size != r->finfo.size || k->inode != r->finfo.inode ||
	    k->bits != bits || k->weak != weak || k->flags != flags) {
		k->valid = 0;
		format_etag(k->tag, bits, weak, &r->finfo);
		k->rep = rep_template;
		k->rep_ok = condreq_rep_set_etag(&k->rep, k->tag,
		    strlen(k->tag), flags, NULL) == CONDREQ_OK;
		k->bits = bits;
		k->weak = weak;
		k->flags = flags;
		k->inode = r->finfo.inode;
		k->size = r->finfo.size;
		k->mtime = r->finfo.mtime;
		k->valid = 1;
	}
	if (!k->rep_ok)
		return "";
	*rep = k->rep;
	return k->tag;
}
#else
static const char *
kept_etag(request_rec *r, uint32_t flags, struct condreq_rep *rep)
{
	(void)r;
	(void)flags;
	(void)rep;
	return NULL;
}
#endif

/* Evaluate the preconditions taken in against the file as r->finfo has
 * it now. Sets *etag and *mtime to the validators Apache will send.
 * Returns the library's answer, or -1 when it refused the call. */
static int
decide(request_rec *r, const struct dir_conf *c, struct intake *in,
    int write, struct condreq_result *res, const char **etag,
    apr_time_t *mtime, char *buf)
{
	struct condreq_rep rep = rep_template;
	int exists = r->finfo.filetype == APR_REG;
	uint32_t lenient = c->flags & CONDREQ_F_LENIENT_ETAG;

	*etag = "";
	*mtime = 0;
	if (exists) {
		/* The validators the default handler will send. */
		ap_update_mtime(r, r->finfo.mtime);
		*mtime = ap_rationalize_mtime(r, r->mtime);
		if (write || (*etag = kept_etag(r, lenient, &rep)) == NULL) {
			if ((*etag = file_etag(r, buf)) == NULL)
				*etag = ap_make_etag(r, 0);
			/* A tag two writes can share is weak for a write:
			 * If-Match then fails safe (13.1.1 compares
			 * strongly). */
			if (write && (*etag)[0] == '"' &&
			    !etag_tracks_writes(r))
				*etag = apr_pstrcat(r->pool, "W/", *etag, NULL);
			if ((*etag)[0] != '\0' && condreq_rep_set_etag(&rep,
			    *etag, strlen(*etag), lenient, NULL) != CONDREQ_OK)
				*etag = "";
		}
		/* A write is judged against the file's own time, not one
		 * pulled back to the request's. */
		rep.last_modified = (int64_t)apr_time_sec(write ?
		    r->finfo.mtime : *mtime);
		rep.has_last_modified = 1;
		/* 8.8.2.2: the file's time is known to the second, and a
		 * date a second old cannot be shared by two versions. */
		rep.lm_strong = r->request_time - *mtime >=
		    apr_time_from_sec(1) ? CONDREQ_LM_STRONG : CONDREQ_LM_WEAK;
	}
	*res = result_template;
	if (condreq_evaluate(&in->req, exists ? &rep : NULL, res) < 0)
		return -1;
	log_decision(r, res);
	return res->status;
}

/* A write whose body is still to come: its preconditions are checked
 * again once the whole body is in, under the lock, just before mod_dav
 * puts the new bytes in place (it writes them to a temporary file and
 * renames that when the body has ended). */
struct late_check {
	const struct dir_conf *c;
	apr_table_t *fields;        /* the request's own, before rewrite() */
	int done;
};

#define LATE_CHECK "CONDREQ_LATE_CHECK"

static int
check_under_lock(request_rec *r, const struct dir_conf *c,
    apr_table_t *fields)
{
	struct condreq_result res;
	struct intake in;
	const char *etag;
	char buf[ETAG_BUF];
	apr_time_t mtime;
	int rc = prepare_write(r);

	if (rc != OK)
		return rc;
	in.ready = 0;
	in.inm = NULL;
	if ((fields_of(r, c, fields, &in) & ((1u << NPRECONDITIONS) - 1)) == 0)
		return OK;
	switch (decide(r, c, &in, 1, &res, &etag, &mtime, buf)) {
	case HTTP_PRECONDITION_FAILED:
		return HTTP_PRECONDITION_FAILED;
	case -1:
		return HTTP_INTERNAL_SERVER_ERROR;
	default:
		return OK;
	}
}

static apr_status_t
late_check_filter(ap_filter_t *f, apr_bucket_brigade *bb,
    ap_input_mode_t mode, apr_read_type_e block, apr_off_t readbytes)
{
	struct late_check *lc = f->ctx;
	apr_bucket *e, *err;
	apr_status_t rv = ap_get_brigade(f->next, bb, mode, block, readbytes);
	int rc;

	if (rv != APR_SUCCESS || lc->done)
		return rv;
	for (e = APR_BRIGADE_FIRST(bb); e != APR_BRIGADE_SENTINEL(bb);
	    e = APR_BUCKET_NEXT(e))
		if (APR_BUCKET_IS_EOS(e))
			break;
	if (e == APR_BRIGADE_SENTINEL(bb))
		return rv;
	lc->done = 1;
	rc = check_under_lock(f->r, lc->c, lc->fields);
	if (rc == OK)
		return rv;
	/* The body is dropped: mod_dav removes its temporary file and the
	 * resource keeps its bytes; the error goes out as the response. */
	apr_brigade_cleanup(bb);
	err = ap_bucket_error_create(rc, NULL, f->r->pool,
	    f->c->bucket_alloc);
	bb = apr_brigade_create(f->r->pool, f->c->bucket_alloc);
	APR_BRIGADE_INSERT_TAIL(bb, err);
	APR_BRIGADE_INSERT_TAIL(bb, apr_bucket_eos_create(f->c->bucket_alloc));
	ap_pass_brigade(f->r->output_filters, bb);
	return AP_FILTER_ERROR;
}

/* Whether the request has a body for mod_dav to read. */
static int
has_body(const request_rec *r)
{
	const char *cl = apr_table_get(r->headers_in, "Content-Length");

	return apr_table_get(r->headers_in, "Transfer-Encoding") != NULL ||
	    (cl != NULL && strspn(cl, "0") != strlen(cl));
}

static int
condreq_fixups(request_rec *r)
{
	struct dir_conf *c = ap_get_module_config(r->per_dir_config,
	    &condreq_module);
	struct condreq_result res;
	struct intake in;
	struct late_check *lc;
	const char *etag;
	char buf[ETAG_BUF];
	apr_time_t mtime;
	unsigned present;
	int write, rc;

	if (c == NULL || c->on != 1 || !ours(r))
		return DECLINED;
	write = r->method_number != M_GET;
	if (write && !has_body(r)) {
		/* Nothing to wait for: lock now, decide on today's state. */
		if ((rc = prepare_write(r)) != OK)
			return rc;
	} else if (write) {
		/* Decided now on the state as it is (a 412 needs no body),
		 * and again when the body is in, under the lock. */
		lc = apr_palloc(r->pool, sizeof(*lc));
		lc->c = c;
		lc->fields = apr_table_copy(r->pool, r->headers_in);
		lc->done = 0;
		ap_add_input_filter(LATE_CHECK, lc, r, r->connection);
	}
	in.ready = 0;
	in.inm = NULL;
	present = fields_of(r, c, r->headers_in, &in);
	if ((present & ((1u << NPRECONDITIONS) - 1)) == 0)
		return DECLINED;
	rc = decide(r, c, &in, write, &res, &etag, &mtime, buf);
	if (rc == -1)
		return write ? HTTP_INTERNAL_SERVER_ERROR : DECLINED;
	rewrite(r, present, &res, in.inm, etag, mtime);
	return DECLINED;
}

/* The lock file, made by the parent (as root, then given to the User the
 * children run as), before any child takes a lock in it. */
static int
condreq_post_config(apr_pool_t *pconf, apr_pool_t *plog, apr_pool_t *ptemp,
    server_rec *s)
{
	int fd;

	(void)plog;
	(void)ptemp;
	lock_path = lock_file_conf != NULL ? lock_file_conf :
	    ap_runtime_dir_relative(pconf, "condreq.lock");
	fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		ap_log_error(APLOG_MARK, APLOG_CRIT, errno, s, "condreq: cannot "
		    "create the lock file %s (CondReqLockFile)", lock_path);
		return HTTP_INTERNAL_SERVER_ERROR;
	}
	if (geteuid() == 0 && fchown(fd, ap_unixd_config.user_id,
	    ap_unixd_config.group_id) != 0) {
		ap_log_error(APLOG_MARK, APLOG_CRIT, errno, s, "condreq: cannot "
		    "give the lock file %s to the server's User", lock_path);
		close(fd);
		return HTTP_INTERNAL_SERVER_ERROR;
	}
	close(fd);
	return OK;
}

static void
register_hooks(apr_pool_t *p)
{
	/* After mod_dav's fixups, which choose its handler. */
	static const char *const after[] = { "mod_dav.c", NULL };

	(void)p;
	condreq_request_init(&request_template);
	condreq_rep_init(&rep_template);
	condreq_result_init(&result_template);
	ap_hook_fixups(condreq_fixups, after, NULL, APR_HOOK_LAST);
	ap_hook_post_config(condreq_post_config, NULL, NULL, APR_HOOK_MIDDLE);
	ap_register_input_filter(LATE_CHECK, late_check_filter, NULL,
	    AP_FTYPE_RESOURCE);
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
