#include "testutil.h"
TCase *tc_eval(void) { return tcase_create("eval"); }
