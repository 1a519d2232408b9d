/* Fuzz harness: main-content extraction of an HTML page; the body must be
 * valid UTF-8. */
#include <stddef.h>
#include <stdint.h>

#include "base/utf8.h"
#include "clean/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sl_page p;
  sl_page_init(&p);
  if (sl_html_extract((const char *)data, size, &p, NULL) == SL_OK &&
      !sl_utf8_valid(p.text.ptr, p.text.len))
    __builtin_trap();
  sl_page_release(&p);
  return 0;
}
