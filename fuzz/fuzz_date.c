/*
 * libFuzzer target: HTTP-date parsing. Properties: condreq_date_parse()
 * (whose word-at-a-time shape takes well-formed IMF-fixdates) and the
 * parser it hands the rest to give the same code, offset and value; a
 * date that parses formats to an IMF-fixdate that parses to the same
 * value.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdlib.h>
#include <string.h>

#include "condreq.h"
#include "../src/condreq_int.h"	/* cr_date_parse_bytes() */

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char buf[CONDREQ_DATE_LEN + 1];
	int64_t t, back, ref = 0, now = 1764000000;
	size_t pos, n, rpos;
	uint32_t flags = 0;
	int rc, rc2, rrc;

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
		rrc = cr_date_parse_bytes(p, size, now, flags, &ref, &rpos);
		free(p);
	}
	if (rc != rc2 || pos != n || pos > size)
		abort();
	if (rc != rrc || pos != rpos || (rc == CONDREQ_OK && t != ref))
		abort();
	if (rc != CONDREQ_OK)
		return 0;
	if (back != t)
		abort();
	if (condreq_date_format(t, buf, sizeof(buf), &n) != CONDREQ_OK)
		abort();
	if (condreq_date_parse(buf, n, now, 0, &back, NULL) != CONDREQ_OK ||
	    back != t)
		abort();
	return 0;
}
