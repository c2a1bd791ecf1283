/*
 * Version of the linked library, so that a program or a binding can tell
 * a header/library mismatch at run time.
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
