/* storyline tests: cmocka includes and small helpers shared by unit tests. */
#ifndef SL_TEST_H
#define SL_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* The repository root (tests run from it; SL_SOURCE_DIR overrides). */
static inline const char *sl_test_source_dir(void) {
  const char *d = getenv("SL_SOURCE_DIR");
  return d && *d ? d : ".";
}

/* ../shared/data, or NULL when it is absent (the caller skips). */
static inline const char *sl_test_shared_data(void) {
  const char *d = getenv("SL_SHARED_DATA");
  return d && *d ? d : NULL;
}

#endif
