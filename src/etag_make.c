/*
 * Writing entity-tags: canonical, strong ones for a server to send, and
 * the weak form a changed content-coding needs (RFC 9110 8.8.1, 8.8.3).
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include "condreq_int.h"

/* A bounded writer: counts every byte, stores those that fit. */
struct out {
	char *buf;
	size_t cap;
	size_t n;
};

static void
put(struct out *o, char c)
{
	if (o->n < o->cap)
		o->buf[o->n] = c;
	o->n++;
}

/* v in lower-case hex, without leading zeros. */
static void
put_hex(struct out *o, uint64_t v)
{
	int k = 60;

	while (k > 0 && (v >> k) == 0)
		k -= 4;
	for (; k >= 0; k -= 4)
		put(o, "0123456789abcdef"[(v >> k) & 0xf]);
}

/* start() opens buf (NULL with bufsz 0: the length only); finish() ends
 * the tag, a NUL if room, and gives its length (even for CONDREQ_ENOSPC). */
static int
start(struct out *o, char *buf, size_t bufsz, size_t *outlen)
{
	cr_set_pos(outlen, 0);
	if (buf == NULL && bufsz != 0)
		return CONDREQ_EINVAL;
	o->buf = buf;
	o->cap = buf != NULL ? bufsz : 0;
	o->n = 0;
	return CONDREQ_OK;
}

static int
finish(struct out *o, size_t *outlen)
{
	put(o, '"');
	cr_set_pos(outlen, o->n);
	if (o->n > o->cap)
		return CONDREQ_ENOSPC;
	if (o->n < o->cap)
		o->buf[o->n] = '\0';
	return CONDREQ_OK;
}

int
condreq_etag_format(const struct condreq_etag *tag, char *buf, size_t bufsz,
    size_t *outlen)
{
	struct out o;
	size_t i;

	if (tag == NULL || start(&o, buf, bufsz, outlen) != CONDREQ_OK ||
	    (tag->opaque == NULL && tag->opaque_len != 0))
		return CONDREQ_EINVAL;
	if (tag->weak) {
		put(&o, 'W');
		put(&o, '/');
	}
	put(&o, '"');
	for (i = 0; i < tag->opaque_len; i++)
		put(&o, tag->opaque[i]);
	return finish(&o, outlen);
}

/* "size-mtime-ino" in hex, like common static-file servers' tags: a new
 * length, time (to the nanosecond) or file gives a new tag. A negative
 * mtime is written as its two's-complement bits: the tag only has to
 * differ, not to be read back. */
int
condreq_etag_make(uint64_t size, int64_t mtime_ns, uint64_t ino, char *buf,
    size_t bufsz, size_t *outlen)
{
	struct out o;

	if (start(&o, buf, bufsz, outlen) != CONDREQ_OK)
		return CONDREQ_EINVAL;
	put(&o, '"');
	put_hex(&o, size);
	put(&o, '-');
	put_hex(&o, (uint64_t)mtime_ns);
	if (ino != 0) {
		put(&o, '-');
		put_hex(&o, ino);
	}
	return finish(&o, outlen);
}

/* base64url (RFC 4648 section 5) without padding, every digit etagc: six
 * bits a digit, the last one filled up with zero bits. */
int
condreq_etag_make_hash(const unsigned char *hash, size_t hash_len,
    char *buf, size_t bufsz, size_t *outlen)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	struct out o;
	size_t i;
	uint32_t v = 0;
	unsigned bits = 0;

	if ((hash == NULL && hash_len != 0) ||
	    start(&o, buf, bufsz, outlen) != CONDREQ_OK)
		return CONDREQ_EINVAL;
	put(&o, '"');
	for (i = 0; i < hash_len; i++) {
		v = v << 8 | hash[i];
		for (bits += 8; bits >= 6; bits -= 6)
			put(&o, b64[(v >> (bits - 6)) & 63]);
	}
	if (bits > 0)
		put(&o, b64[(v << (6 - bits)) & 63]);
	return finish(&o, outlen);
}

int
condreq_etag_weaken(const char *etag, size_t len, char *buf, size_t bufsz,
    size_t *outlen)
{
	struct condreq_etag t;
	int rc;

	cr_set_pos(outlen, 0);
	rc = condreq_etag_parse(etag, len, 0, &t, NULL);
	if (rc != CONDREQ_OK)
		return rc;
	t.weak = 1;
	return condreq_etag_format(&t, buf, bufsz, outlen);
}
