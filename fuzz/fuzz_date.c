/* Fuzz harness: metadata date parsing and dateline/caption search. */
#include <stddef.h>
#include <stdint.h>

#include "text/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sl_date d;
  size_t start, end;
  if (sl_date_parse((const char *)data, size, &d, NULL) == SL_OK &&
      !sl_date_valid(d))
    __builtin_trap();
  if (sl_date_find((const char *)data, size, &d, &start, &end) &&
      (end > size || start >= end || !sl_date_valid(d)))
    __builtin_trap();
  return 0;
}
