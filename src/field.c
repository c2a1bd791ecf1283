/*
 * Header field names: those the decision reads, and those a 304 keeps.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include "condreq_int.h"

/* Indexed by enum condreq_field. */
static const char *const field_name[CONDREQ_NFIELDS] = {
	"If-Match", "If-None-Match", "If-Modified-Since",
	"If-Unmodified-Since", "If-Range", "Range"
};

/* a[0..alen) is the name b, case-insensitively (RFC 9110 5.1): folding
 * by 0x20 is exact for tchar bytes (CR, not tchar, would fold to "-"). */
static int
name_eq(const char *a, size_t alen, const char *b)
{
	size_t i;

	for (i = 0; i < alen; i++)
		if (b[i] == '\0' || !cr_is_tchar((unsigned char)a[i]) ||
		    ((unsigned char)a[i] | 0x20) != ((unsigned char)b[i] | 0x20))
			return 0;
	return b[alen] == '\0';
}

/* By length first: most request fields are not preconditions. */
int
cr_field_of(const char *name, size_t len)
{
	static const signed char by_len[20] = {
		[5] = CONDREQ_RANGE + 1, [8] = CONDREQ_IF_MATCH + 1,
		[13] = CONDREQ_IF_NONE_MATCH + 1,
		[17] = CONDREQ_IF_MODIFIED_SINCE + 1,
		[19] = CONDREQ_IF_UNMODIFIED_SINCE + 1
	};
	int f;

	if (len >= sizeof(by_len) || by_len[len] == 0)
		return -1;
	f = by_len[len] - 1;
	if (len == 8 && (name[3] | 0x20) != 'm')
		f = CONDREQ_IF_RANGE;
	return name_eq(name, len, field_name[f]) ? f : -1;
}

const char *
condreq_field_name(int field)
{
	if (field < 0 || field >= CONDREQ_NFIELDS)
		return "unknown";
	return field_name[field];
}

/* RFC 9110 15.4.5: a 304 MUST carry the first six that a 200 would have;
 * Last-Modified guides caches when there is no ETag. */
int
condreq_304_keeps_header(const char *name, size_t len)
{
	static const char *const keep[] = {
		"content-location", "date", "etag", "vary", "cache-control",
		"expires"
	};
	size_t i;

	if (name == NULL)
		return CONDREQ_304_OMIT;
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (name_eq(name, len, keep[i]))
			return CONDREQ_304_KEEP;
	return name_eq(name, len, "last-modified") ?
	    CONDREQ_304_KEEP_IF_NO_ETAG : CONDREQ_304_OMIT;
}
