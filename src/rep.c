/*
 * The selected representation (RFC 9110 3.2), prepared once: whether it
 * exists, its ETag parsed when set, its Last-Modified and strength (8.8.2.2).
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include "condreq_int.h"

/* As condreq_request_init_sized() (eval.c). */
int
condreq_rep_init_sized(struct condreq_rep *rep, size_t size)
{
	if (rep == NULL)
		return CONDREQ_EINVAL;
	if (size < CR_REP_MIN || size > UINT32_MAX)
		return CONDREQ_ESIZE;
	rep->size = (uint32_t)size;
	rep->exists = 1;
	if (CR_HAS(rep, struct condreq_rep, last_modified))
		rep->last_modified = 0;
	if (CR_HAS(rep, struct condreq_rep, has_last_modified))
		rep->has_last_modified = 0;
	if (CR_HAS(rep, struct condreq_rep, lm_strong))
		rep->lm_strong = CONDREQ_LM_WEAK;
	cr_zero_tail(rep, sizeof(*rep), size);
	return condreq_rep_set_etag(rep, NULL, 0, 0, NULL);
}

/*
 * For cr_is_sent_tag(), a quoted tag of 4 to 24 bytes as sent keeps its
 * first and last 4 (up to 8 bytes) or 8 bytes in etag_key[0..1], its
 * length in [2] and bytes 8 to 15 in [3] (17 to 24 bytes: Apache's usual
 * size-time tags); all are 0 for any other tag or none.
 */
int
condreq_rep_set_etag(struct condreq_rep *rep, const char *etag, size_t len,
    uint32_t flags, size_t *errpos)
{
	const unsigned char *e = (const unsigned char *)etag;
	int i, rc;

	cr_set_pos(errpos, 0);
	if (rep == NULL)
		return CONDREQ_EINVAL;
	if (rep->size < CR_REP_MIN)
		return CONDREQ_ESIZE;
	if (flags & ~CR_F_ALL)
		return CONDREQ_EFLAGS;
	rep->etag.opaque = NULL;
	rep->etag.opaque_len = 0;
	rep->etag.weak = 0;
	rep->etag.reserved = 0;
	for (i = 0; i < 4; i++)
		rep->etag_key[i] = 0;
	if (etag == NULL)
		return CONDREQ_OK;
	rc = condreq_etag_parse(etag, len, flags, &rep->etag, errpos);
	if (rc == CONDREQ_OK && len >= 4 && len <= 24 && e[len - 1] == '"') {
		rep->etag_key[0] = len <= 8 ? cr_load32(e) : cr_load64(e);
		rep->etag_key[1] = len <= 8 ? cr_load32(e + len - 4) :
		    cr_load64(e + len - 8);
		rep->etag_key[2] = len;
		rep->etag_key[3] = len > 16 ? cr_load64(e + 8) : 0;
	}
	return rc;
}
