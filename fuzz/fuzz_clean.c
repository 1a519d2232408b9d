/* Fuzz harness: debris removal, with its invariants: removed spans are in
 * order, inside the text and whole lines; the kept text is no longer than
 * the input. */
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "clean/clean.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sl_buf text = SL_BUF_INIT;
  sl_cleaned c;
  sl_cleaned_init(&c);
  if (sl_utf8_sanitize((const char *)data, size, &text, NULL, NULL) == SL_OK &&
      sl_clean_debris(text.ptr, text.len, &c) == SL_OK) {
    uint32_t prev = 0;
    for (size_t i = 0; i < c.removed.len; i++) {
      const sl_removed *r = &SL_VEC_AT(&c.removed, sl_removed, i);
      if (r->start < prev || r->end <= r->start || r->end > text.len ||
          (r->start > 0 && text.ptr[r->start - 1] != '\n'))
        __builtin_trap();
      prev = r->end;
    }
    if (c.text.len > text.len + 1)
      __builtin_trap();
  }
  sl_cleaned_release(&c);
  sl_buf_release(&text);
  return 0;
}
