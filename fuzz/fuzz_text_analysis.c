/* Fuzz harness: UTF-8 sanitising, then normalisation, tokenizing, sentence
 * splitting and language identification of the result, with invariants. */
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "base/vec.h"
#include "text/langid.h"
#include "text/norm.h"
#include "text/sentence.h"
#include "text/token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_tokens(const sl_buf *text, const sl_vec *toks) {
  uint32_t prev_end = 0;
  for (size_t i = 0; i < toks->len; i++) {
    const sl_token *t = &SL_VEC_AT(toks, sl_token, i);
    if (t->len == 0 || t->start < prev_end || t->start + t->len > text->len)
      __builtin_trap();
    prev_end = t->start + t->len;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sl_buf text = SL_BUF_INIT, key = SL_BUF_INIT;
  sl_vec toks = SL_VEC_INIT(sl_token), sents = SL_VEC_INIT(sl_sentence);
  if (sl_utf8_sanitize((const char *)data, size, &text, NULL, NULL) != SL_OK)
    goto out;
  if (!sl_utf8_valid(text.ptr, text.len))
    __builtin_trap();
  if (sl_norm_key(text.ptr, text.len, &key) == SL_OK &&
      !sl_utf8_valid(key.ptr, key.len))
    __builtin_trap();
  if (sl_tokenize(text.ptr, text.len, &toks) != SL_OK)
    goto out;
  check_tokens(&text, &toks);
  if (sl_sentences(text.ptr, text.len, toks.data, toks.len, &sents) == SL_OK) {
    size_t covered = 0;
    for (size_t i = 0; i < sents.len; i++)
      covered += SL_VEC_AT(&sents, sl_sentence, i).tok_end -
                 SL_VEC_AT(&sents, sl_sentence, i).tok_begin;
    if (covered != toks.len)
      __builtin_trap();
  }
  (void)sl_langid(text.ptr, text.len, NULL);
out:
  sl_buf_release(&text);
  sl_buf_release(&key);
  sl_vec_release(&toks);
  sl_vec_release(&sents);
  return 0;
}
