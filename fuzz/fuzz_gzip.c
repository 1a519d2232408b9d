/* Fuzz harness: a gzip file through the reader (members, truncation,
 * corruption), then format sniffing of what it holds. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_paths.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  fuzz_path_init("gzip", "gz");
  return 0;
}

/* Every record's bytes are readable (ASan checks the sum's reads) and a
 * whole-file record is not empty. */
static sl_status on_input(void *ud, const sl_input *in) {
  unsigned *sum = ud;
  if (in->len == 0 || in->format == SL_FORMAT_AUTO ||
      in->format == SL_FORMAT_WARC)
    __builtin_trap();
  for (size_t i = 0; i < in->len; i++)
    *sum += (unsigned char)in->bytes[i];
  return SL_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_read(data, size, SL_FORMAT_AUTO, on_input);
  return 0;
}
