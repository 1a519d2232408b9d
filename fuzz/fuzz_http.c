/* Fuzz harness: the HTTP response inside a WARC record (headers, chunked
 * transfer coding, gzip and deflate content encoding). */
#include <stddef.h>
#include <stdint.h>

#include "ingest/ingest_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sl_buf block = SL_BUF_INIT, body = SL_BUF_INIT;
  bool html;
  char cs[SL_CHARSET_MAX];
  if (sl_buf_append(&block, data, size) == SL_OK &&
      sl__http_body(&block, &body, &html, cs, NULL) == SL_OK &&
      body.len > block.len * 1100 + (64u << 20))
    __builtin_trap(); /* decoded size is capped */
  sl_buf_release(&block);
  sl_buf_release(&body);
  return 0;
}
