/* Fuzz harness: the JSON document splitter (arrays of objects, objects one
 * after another). The first byte picks a piece size: fed in pieces, the
 * records and problems must be exactly those of the whole input fed at
 * once; each record then goes through the JSON Lines parser. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "ingest/json_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sl_status on_record(void *ud, const char *p, size_t n, uint64_t line) {
  sl_buf *log = ud;
  if (sl_buf_printf(log, "r%llu:%zu:", (unsigned long long)line, n) != SL_OK ||
      sl_buf_append(log, p, n) != SL_OK)
    return SL_ENOMEM;
  sl_article a;
  sl_article_init(&a);
  sl_error err;
  sl_status st = sl_parse_jsonl(p, n, "fuzz.json", line, NULL, &a, &err);
  (void)st;
  sl_article_release(&a);
  return SL_OK;
}

static void on_error(void *ud, uint64_t line, sl_status code, const char *msg) {
  if (!msg[0])
    __builtin_trap(); /* a problem always says what it is */
  if (sl_buf_printf(ud, "e%llu:%d:%s\n", (unsigned long long)line, (int)code,
                    msg) != SL_OK)
    __builtin_trap();
}

static void split(const char *p, size_t n, size_t step, sl_buf *log) {
  sl_json_doc_cb cb = {on_record, on_error, log};
  sl_json_doc d;
  sl__json_doc_init(&d, 1);
  sl_status st = SL_OK;
  for (size_t at = 0; st == SL_OK && at < n; at += step) {
    size_t len = n - at < step ? n - at : step;
    st = sl__json_doc_feed(&d, p + at, len, &cb);
  }
  if (st == SL_OK)
    st = sl__json_doc_end(&d, &cb);
  if (st != SL_OK && st != SL_ENOMEM)
    __builtin_trap();
  sl__json_doc_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  size_t step = (size_t)data[0] % 17 + 1;
  const char *p = (const char *)data + 1;
  size_t n = size - 1;
  (void)sl__json_doc_ahead(p, n);
  sl_buf whole = SL_BUF_INIT, pieces = SL_BUF_INIT;
  split(p, n, n ? n : 1, &whole);
  split(p, n, step, &pieces);
  if (whole.len != pieces.len || memcmp(whole.ptr, pieces.ptr, whole.len))
    __builtin_trap(); /* the splitter must not depend on chunk bounds */
  sl_buf_release(&whole);
  sl_buf_release(&pieces);
  return 0;
}
