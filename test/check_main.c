/*
 * The Check runner: one suite, one TCase per concern.
 * Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
 */
#include <stdlib.h>

#include "testutil.h"

int
main(void)
{
	Suite *s = suite_create("libcondreq");
	SRunner *sr;
	int failed;

	/* glibc's strftime re-reads /etc/localtime on every call unless TZ
	 * is set; the oracle tests call it millions of times. */
	setenv("TZ", "UTC0", 1);
	suite_add_tcase(s, tc_api());
	suite_add_tcase(s, tc_date());
	suite_add_tcase(s, tc_etag());
	suite_add_tcase(s, tc_eval());
	suite_add_tcase(s, tc_fast());
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
