/* storyline extract: gazetteer lists as hashed token sequences, and their
 * matches in a sentence (longest first, BILU positions per list). */
#include "base/vec.h"
#include "extract/ner_int.h"
#include "text/token.h"

enum { GAZ_PREFIX = 0x80 };

/* Adds one name (one line) to the table. */
static sl_status add_name(ner_gaz *g, int kind, const char *s, size_t len,
                          sl_vec *toks) {
  toks->len = 0;
  sl_status st = sl_tokenize(s, len, toks);
  if (st != SL_OK || toks->len == 0 || toks->len > NER_MAXGAZ)
    return st;
  uint64_t key = 0;
  for (size_t i = 0; i < toks->len; i++) {
    sl_token t = SL_VEC_AT(toks, sl_token, i);
    key = ner_gaz_step(key, ner_hash_bytes(s + t.start, t.len, true));
    uint32_t bit = i + 1 == toks->len ? 1u << kind : GAZ_PREFIX;
    uint32_t *v = ner_table_slot(&g->t, key, 0);
    if (!v)
      return SL_ENOMEM;
    *v |= bit;
  }
  return SL_OK;
}

sl_status ner_gaz_add(ner_gaz *g, int kind, const char *list, size_t len) {
  sl_vec toks = SL_VEC_INIT(sl_token);
  sl_status st = SL_OK;
  for (size_t i = 0; i < len && st == SL_OK;) {
    size_t e = i;
    while (e < len && list[e] != '\n')
      e++;
    size_t n = e - i;
    if (n && list[i + n - 1] == '\r')
      n--;
    if (n)
      st = add_name(g, kind, list + i, n, &toks);
    i = e + 1;
  }
  sl_vec_release(&toks);
  return st;
}

/* Marks tokens i..i+len-1 for list g as B I.. L, or U for one token, unless
 * an earlier match holds them. */
static void mark(ner_word *w, size_t i, size_t len, int g) {
  for (size_t k = 0; k < len; k++)
    if (w[i + k].gaz[g])
      return;
  for (size_t k = 0; k < len; k++) {
    int pos = len == 1 ? NER_U : k == 0 ? NER_B : k + 1 == len ? NER_L : NER_I;
    w[i + k].gaz[g] = (uint8_t)(1 + pos);
  }
}

void ner_gaz_mark(const ner_gaz *g, ner_word *w, size_t n) {
  if (!g || !g->t.len)
    return;
  for (size_t i = 0; i < n; i++) {
    size_t best[SL_GAZ__COUNT] = {0};
    uint64_t key = 0;
    for (size_t j = i; j < n && j < i + NER_MAXGAZ; j++) {
      key = ner_gaz_step(key, w[j].hl);
      uint32_t v = ner_table_get(&g->t, key);
      if (v == UINT32_MAX)
        break;
      for (int k = 0; k < SL_GAZ__COUNT; k++)
        if (v & 1u << k)
          best[k] = j - i + 1;
      if (!(v & GAZ_PREFIX))
        break;
    }
    for (int k = 0; k < SL_GAZ__COUNT; k++)
      if (best[k])
        mark(w, i, best[k], k);
  }
}
