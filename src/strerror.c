/*
 * Static text for codes, decisions and ignore reasons, never NULL; the
 * linked library's version.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include "condreq_int.h"

uint32_t
condreq_version(void)
{
	return (uint32_t)CONDREQ_VERSION_NUMBER;
}

const char *
condreq_version_string(void)
{
	return CONDREQ_VERSION_STRING;
}

struct cr_code_text {
	const char *name;
	const char *text;
};

/* Indexed by -code; the numbers of merged codes stay unused (NULL). */
#define CODE(c, text) [-CONDREQ_##c] = { "CONDREQ_" #c, text }
static const struct cr_code_text codes[] = {
	CODE(OK, "success"),
	CODE(EINVAL, "invalid argument"),
	CODE(ENOSPC, "buffer or state too small"),
	CODE(EEMPTY, "empty value"),
	CODE(ETRUNCATED, "value ends before it is complete"),
	CODE(ESYNTAX, "malformed value"),
	CODE(ETRAILING, "unexpected characters after the value"),
	CODE(EWDAYMISMATCH, "day name does not match the date"),
	CODE(ENOW, "two-digit year needs the current time"),
	CODE(EUNQUOTED, "entity-tag is not quoted"),
	CODE(EMETHOD, "request method missing or not a token"),
	CODE(ESIZE, "struct size unset or smaller than its mandatory fields"),
	CODE(EFLAGS, "flag bit not defined, or not taken by this function")
};

#define NCODES (sizeof(codes) / sizeof(codes[0]))

static const struct cr_code_text *
lookup(int code)
{
	if (code > 0 || code <= -(int)NCODES || codes[-code].name == NULL)
		return NULL;
	return &codes[-code];
}

const char *
condreq_strerror(int code)
{
	const struct cr_code_text *c = lookup(code);

	return c != NULL ? c->text : "unknown error";
}

const char *
condreq_code_name(int code)
{
	const struct cr_code_text *c = lookup(code);

	return c != NULL ? c->name : "CONDREQ_UNKNOWN";
}

const char *
condreq_decided_name(int decided_by)
{
	static const char *const name[] = { "none", "If-Match",
		"If-Unmodified-Since", "If-None-Match", "If-Modified-Since",
		"natural-status", "method" };

	if (decided_by < 0 || decided_by > CONDREQ_BY_METHOD)
		return "unknown";
	return name[decided_by];
}

/* Indexed by the CONDREQ_IGN_* bit's number. */
static const char *const ignored_text[] = {
	"If-Unmodified-Since ignored: If-Match is present (RFC 9110 13.1.4)",
	"If-Unmodified-Since ignored: not a valid HTTP-date (RFC 9110 13.1.4)",
	"If-Unmodified-Since ignored: a list of dates (RFC 9110 13.1.4)",
	"If-Unmodified-Since ignored: no Last-Modified (RFC 9110 13.1.4)",
	"If-Modified-Since ignored: If-None-Match is present (RFC 9110 13.1.3)",
	"If-Modified-Since ignored: not a valid HTTP-date (RFC 9110 13.1.3)",
	"If-Modified-Since ignored: more than one member (RFC 9110 13.1.3)",
	"If-Modified-Since ignored: method is neither GET nor HEAD (RFC 9110 13.1.3)",
	"If-Modified-Since ignored: no Last-Modified (RFC 9110 13.1.3)",
	"If-Modified-Since ignored: later than now (CONDREQ_F_IMS_IGNORE_FUTURE)",
	"If-Range ignored: no Range (RFC 9110 13.1.5)",
	"If-Range ignored: method is not GET (RFC 9110 13.2.2)",
	"Range ignored: method is not GET (RFC 9110 14.2)",
	"Range ignored: If-Range is false (RFC 9110 13.1.5)",
	"Range ignored: more than one field line (RFC 9110 14.2)",
	"all preconditions ignored: response would not be 2xx or 412 (RFC 9110 13.2.1)",
	"later preconditions not evaluated: status already decided (RFC 9110 13.2.2)",
	"all preconditions ignored: the method neither selects nor modifies a representation (RFC 9110 13.2.1)",
	"an rfc850 date not read: its two-digit year needs now, which the request leaves unknown (RFC 9110 5.6.7)"
};

const char *
condreq_ignored_reason(uint32_t bit)
{
	unsigned i;

	if (bit == 0 || (bit & (bit - 1)) != 0)
		return "unknown reason";
	for (i = 0; (bit >> i) != 1; i++)
		;
	return i < sizeof(ignored_text) / sizeof(ignored_text[0]) ?
	    ignored_text[i] : "unknown reason";
}
