#include "testutil.h"
TCase *tc_etag(void) { return tcase_create("etag"); }
