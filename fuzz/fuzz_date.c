/*
 * libFuzzer target: HTTP-date parsing. Properties: the same answer twice;
 * an offset within the value; a date that parses formats to an
 * IMF-fixdate that parses to the same value; and an IMF-fixdate that
 * parses is the very bytes its value formats to (but a leap second, and
 * the day-name under CONDREQ_F_ANY_WEEKDAY), so that the parser, which
 * reads up to eight bytes at once, takes nothing the grammar does not
 * and reads every field where it is.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdlib.h>
#include <string.h>

#include "condreq.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char buf[CONDREQ_DATE_LEN + 1];
	char imf[CONDREQ_DATE_LEN];
	int64_t t, back, now = 1764000000;
	size_t pos, n;
	uint32_t flags = 0;
	int rc, rc2;

	if (size > 0) {
		flags = data[0] & 1 ? CONDREQ_F_ANY_WEEKDAY : 0;
		if (data[0] & 2)
			now = CONDREQ_NOW_UNKNOWN;
		else if (data[0] & 4)	/* a "now" from the input itself */
			now = (int64_t)(data[0] >> 3) * 8000000000LL;
		data++;
		size--;
	}
	/* Copy to an exact-size heap block so ASan sees any over-read. */
	{
		char *p = malloc(size ? size : 1);

		memcpy(p, data, size);
		rc = condreq_date_parse(p, size, now, flags, &t, &pos);
		rc2 = condreq_date_parse(p, size, now, flags, &back, &n);
		free(p);
	}
	if (rc != rc2 || pos != n || pos > size)
		abort();
	if (size == CONDREQ_DATE_LEN)
		memcpy(imf, data, CONDREQ_DATE_LEN);
	if (rc != CONDREQ_OK)
		return 0;
	if (back != t)
		abort();
	if (condreq_date_format(t, buf, sizeof(buf), &n) != CONDREQ_OK)
		abort();
	if (size == CONDREQ_DATE_LEN && imf[3] == ',') {
		if (memcmp(imf + 23, "60", 2) == 0 && memcmp(buf + 23, "59", 2)
		    == 0)
			memcpy(imf + 23, "59", 2);
		if (flags & CONDREQ_F_ANY_WEEKDAY)
			memcpy(imf, buf, 3);
		if (memcmp(imf, buf, CONDREQ_DATE_LEN) != 0)
			abort();
	}
	if (condreq_date_parse(buf, n, now, 0, &back, NULL) != CONDREQ_OK ||
	    back != t)
		abort();
	return 0;
}
