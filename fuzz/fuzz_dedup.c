/* Fuzz harness: the fingerprinting path (UTF-8 sanitising, then the
 * fingerprint of the text with its first line as title), the blob round
 * trip, the comparison with itself, and the raw input as a blob: loaded, and
 * read in place. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "dedup/dedup.h"
#include "dedup/dedup_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sl_buf text = SL_BUF_INIT, blob = SL_BUF_INIT;
  sl_dedup_fp *a = sl_dedup_fp_new(), *b = sl_dedup_fp_new();
  if (!a || !b)
    goto out;
  (void)sl_dedup_fp_load(b, data, size); /* any bytes: refused or read */
  if (sl_utf8_sanitize((const char *)data, size, &text, NULL, NULL) != SL_OK)
    goto out;
  const char *nl = memchr(text.ptr, '\n', text.len);
  size_t tlen = nl ? (size_t)(nl - text.ptr) : 0;
  const char *body = nl ? nl + 1 : text.ptr;
  if (sl_dedup_fp_compute(a, text.ptr, tlen, body,
                          text.len - (size_t)(body - text.ptr)) != SL_OK)
    goto out;
  if (sl_dedup_fp_save(a, &blob) != SL_OK)
    goto out;
  if (sl_dedup_fp_load(b, blob.ptr, blob.len) != SL_OK ||
      sl_dedup_fp_exact(a) != sl_dedup_fp_exact(b) ||
      sl_dedup_fp_shingles(a) != sl_dedup_fp_shingles(b) ||
      sl_dedup_fp_sentences(a) != sl_dedup_fp_sentences(b))
    __builtin_trap();
  sl_dedup_opts o;
  sl_dedup_opts_default(&o);
  sl_dup_match m;
  sl_dup_rel rel = sl_dedup_compare(a, b, &o, &m);
  if (sl_dedup_fp_shingles(a) > 0 && rel != SL_DUP_EXACT)
    __builtin_trap();
  if (m.score < 0 || m.score > 1 || m.resemblance > 1 || m.containment > 1)
    __builtin_trap();
  sl__blob_view v; /* the raw input read in place, as the index reads blobs */
  if (sl__dedup_blob_view(&v, data, size) == SL_OK &&
      sl__dedup_compare_blob(a, &v, &o, &m) == SL_OK &&
      (m.score < 0 || m.score > 1))
    __builtin_trap();
out:
  sl_buf_release(&text);
  sl_buf_release(&blob);
  sl_dedup_fp_free(a);
  sl_dedup_fp_free(b);
  return 0;
}
