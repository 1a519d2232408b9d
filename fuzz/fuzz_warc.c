/* Fuzz harness: a WARC crawl (plain or gzip) through the reader: record
 * headers, blocks, the HTTP responses they hold. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_paths.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  fuzz_path_init("warc", "warc");
  return 0;
}

/* Every delivered page is an HTML page with a URL, and all of its bytes
 * are readable (ASan checks the sum's reads). */
static sl_status on_input(void *ud, const sl_input *in) {
  unsigned *sum = ud;
  if (in->format != SL_FORMAT_HTML || !in->url)
    __builtin_trap();
  for (size_t i = 0; i < in->len; i++)
    *sum += (unsigned char)in->bytes[i];
  return SL_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_read(data, size, SL_FORMAT_WARC, on_input);
  return 0;
}
