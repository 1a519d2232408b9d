/* storyline extract: writing the model file (see ner_model.c): weights
 * quantised to int16 under one scale, zero weights left out, entries in key
 * order so that the same training gives the same bytes. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "extract/ner_int.h"

static sl_status put_u(sl_buf *b, uint64_t v, int bytes) {
  char c[8];
  for (int i = 0; i < bytes; i++)
    c[i] = (char)(v >> (8 * i) & 0xff);
  return sl_buf_append(b, c, (size_t)bytes);
}

static sl_status put_f(sl_buf *b, float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return put_u(b, u, 4);
}

typedef struct entry {
  uint64_t key;
  uint32_t val;
} entry;

static int by_key(const void *a, const void *b) {
  uint64_t x = ((const entry *)a)->key, y = ((const entry *)b)->key;
  return x < y ? -1 : x > y;
}

/* The table's entries sorted by key (malloc'd; *n gets the count). */
static entry *sorted(const ner_table *t, size_t *n) {
  entry *e = malloc((t->len + 1) * sizeof *e);
  *n = 0;
  for (size_t i = 0; e && i < t->cap; i++)
    if (t->keys[i])
      e[(*n)++] = (entry){t->keys[i], t->vals[i]};
  if (e)
    qsort(e, *n, sizeof *e, by_key);
  return e;
}

static int16_t quant(float w, float scale) {
  float x = w * scale;
  long q = (long)(x >= 0 ? x + 0.5f : x - 0.5f);
  return (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
}

static sl_status put_feats(sl_buf *b, const entry *e, size_t n, const float *w,
                           float scale, uint32_t *kept) {
  sl_status st = SL_OK;
  *kept = 0;
  for (size_t i = 0; st == SL_OK && i < n; i++) {
    const float *row = w + (size_t)e[i].val * NER_NTAG;
    uint32_t mask = 0;
    for (int t = 0; t < NER_NTAG; t++)
      mask |= (uint32_t)(quant(row[t], scale) != 0) << t;
    if (!mask)
      continue;
    (*kept)++;
    st = put_u(b, e[i].key, 8);
    if (st == SL_OK)
      st = put_u(b, mask, 4);
    for (int t = 0; st == SL_OK && t < NER_NTAG; t++)
      if (mask & 1u << t)
        st = put_u(b, (uint16_t)quant(row[t], scale), 2);
  }
  return st;
}

static float scale_of(const float *w, size_t nrows) {
  float max = 0;
  for (size_t i = 0; i < nrows * NER_NTAG; i++)
    max = w[i] > max ? w[i] : -w[i] > max ? -w[i] : max;
  return max > 0 ? 32000.0f / max : 1.0f;
}

static sl_status put_head(sl_buf *b, const float *trans, const float *start,
                          const float *end, size_t ngaz, float scale) {
  static const char magic[8] = {'S', 'L', 'N', 'E', 'R', 1, 0, 0};
  sl_status st = sl_buf_append(b, magic, 8);
  if (st == SL_OK)
    st = put_u(b, NER_NTAG, 4);
  if (st == SL_OK)
    st = put_u(b, ngaz, 4);
  if (st == SL_OK)
    st = put_u(b, 0, 4); /* the feature count, patched at the end */
  if (st == SL_OK)
    st = put_f(b, scale);
  for (int i = 0; st == SL_OK && i < NER_NTAG * NER_NTAG; i++)
    st = put_f(b, trans[i]);
  for (int i = 0; st == SL_OK && i < NER_NTAG; i++)
    st = put_f(b, start[i]);
  for (int i = 0; st == SL_OK && i < NER_NTAG; i++)
    st = put_f(b, end[i]);
  return st;
}

sl_status ner_model_write(const ner_table *feat, const float *w,
                          const float *trans, const float *start,
                          const float *end, const ner_gaz *gaz, char **out,
                          size_t *out_len) {
  size_t ng, nf;
  entry *g = sorted(&gaz->t, &ng), *f = sorted(feat, &nf);
  sl_buf b = SL_BUF_INIT;
  float scale = scale_of(w, feat->len);
  sl_status st =
      g && f ? put_head(&b, trans, start, end, ng, scale) : SL_ENOMEM;
  for (size_t i = 0; st == SL_OK && i < ng; i++)
    if ((st = put_u(&b, g[i].key, 8)) == SL_OK)
      st = put_u(&b, g[i].val, 1);
  uint32_t kept = 0;
  if (st == SL_OK)
    st = put_feats(&b, f, nf, w, scale, &kept);
  free(g);
  free(f);
  if (st != SL_OK) {
    sl_buf_release(&b);
    return st;
  }
  for (int i = 0; i < 4; i++)
    b.ptr[16 + i] = (char)(kept >> (8 * i) & 0xff);
  *out = sl_buf_take(&b, out_len);
  return *out ? SL_OK : SL_ENOMEM;
}
