/* Fuzz harness: one plain-text article through the text parser. */
#include <stddef.h>
#include <stdint.h>

#include "ingest/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sl_article a;
  sl_article_init(&a);
  sl_error err;
  sl_status st =
      sl_parse_text((const char *)data, size, "fuzz.txt", NULL, &a, &err);
  (void)st;
  sl_article_release(&a);
  return 0;
}
