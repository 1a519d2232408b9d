/* storyline extract: the model file. Little-endian: "SLNER\1\0\0", tag
 * count, gazetteer and feature counts, weight scale, transitions, then the
 * gazetteer (key, list bits) and the features (key, mask of the tags with a
 * weight, one int16 per set bit). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "extract/ner_int.h"

static const char MAGIC[8] = {'S', 'L', 'N', 'E', 'R', 1, 0, 0};

typedef struct rd {
  const unsigned char *p;
  size_t len, pos;
  bool bad;
} rd;

static uint64_t rd_u(rd *r, int bytes) {
  if (r->bad || r->len - r->pos < (size_t)bytes) {
    r->bad = true;
    return 0;
  }
  uint64_t v = 0;
  for (int i = 0; i < bytes; i++)
    v |= (uint64_t)r->p[r->pos + i] << (8 * i);
  r->pos += (size_t)bytes;
  return v;
}

static float rd_f(rd *r) {
  uint32_t u = (uint32_t)rd_u(r, 4);
  float f;
  memcpy(&f, &u, 4);
  return isfinite(f) ? f : 0;
}

static sl_status bad(sl_error *err, const char *what) {
  return sl_error_set(err, SL_EPARSE, "not a tagger model: %s", what);
}

static sl_status read_gaz(rd *r, sl_ner_model *m, uint32_t n) {
  if (!ner_table_reserve(&m->gaz.t, n))
    return SL_ENOMEM;
  for (uint32_t i = 0; i < n && !r->bad; i++) {
    uint64_t key = rd_u(r, 8) | 1;
    uint32_t bits = (uint32_t)rd_u(r, 1);
    uint32_t *v = ner_table_slot(&m->gaz.t, key, 0);
    if (!v)
      return SL_ENOMEM;
    *v |= bits;
  }
  return SL_OK;
}

/* The table's keys and values interleaved, at the same positions (the same
 * mask, so the same probe sequences). */
static sl_status interleave(sl_ner_model *m, const ner_table *t) {
  size_t cap = t->cap ? t->cap : 1;
  m->slots = calloc(cap, sizeof *m->slots);
  if (!m->slots)
    return SL_ENOMEM;
  m->mask = cap - 1;
  for (size_t i = 0; i < t->cap; i++)
    m->slots[i] = (ner_slot){t->keys[i], t->keys[i] ? t->vals[i] : 0};
  return SL_OK;
}

static sl_status read_feats(rd *r, sl_ner_model *m, uint32_t n) {
  m->rows = calloc((size_t)n + 1, NER_NTAG * sizeof *m->rows);
  ner_table feat;
  ner_table_init(&feat);
  sl_status st = m->rows && ner_table_reserve(&feat, n) ? SL_OK : SL_ENOMEM;
  for (uint32_t i = 0; st == SL_OK && i < n && !r->bad; i++) {
    uint64_t key = rd_u(r, 8) | 1;
    uint32_t mask = (uint32_t)rd_u(r, 4);
    uint32_t *v = ner_table_slot(&feat, key, i);
    if (!v) {
      st = SL_ENOMEM;
      break;
    }
    int16_t *row = m->rows + (size_t)*v * NER_NTAG;
    for (int t = 0; t < NER_NTAG; t++)
      if (mask & 1u << t)
        row[t] = (int16_t)rd_u(r, 2);
  }
  if (st == SL_OK)
    st = interleave(m, &feat);
  ner_table_release(&feat);
  return st;
}

static sl_status parse(rd *r, sl_ner_model *m, sl_error *err) {
  if (r->len < 8 || memcmp(r->p, MAGIC, 8) != 0)
    return bad(err, "bad magic");
  r->pos = 8;
  uint32_t ntag = (uint32_t)rd_u(r, 4), ngaz = (uint32_t)rd_u(r, 4);
  uint32_t nfeat = (uint32_t)rd_u(r, 4);
  m->scale = rd_f(r);
  if (ntag != NER_NTAG || !(m->scale > 0))
    return bad(err, "unexpected tag set");
  if ((size_t)ngaz > r->len / 9 || (size_t)nfeat > r->len / 12)
    return bad(err, "counts past the end");
  for (int i = 0; i < NER_NTAG * NER_NTAG; i++)
    m->trans[i] = rd_f(r);
  for (int i = 0; i < NER_NTAG; i++)
    m->start[i] = rd_f(r);
  for (int i = 0; i < NER_NTAG; i++)
    m->end[i] = rd_f(r);
  sl_status st = read_gaz(r, m, ngaz);
  if (st == SL_OK)
    st = read_feats(r, m, nfeat);
  if (st == SL_OK && (r->bad || r->pos != r->len))
    st = bad(err, "truncated or trailing bytes");
  return st;
}

sl_status sl_ner_load(const void *bytes, size_t len, sl_ner_model **out,
                      sl_error *err) {
  *out = NULL;
  sl_ner_model *m = calloc(1, sizeof *m);
  if (!m)
    return SL_ENOMEM;
  rd r = {bytes, len, 0, false};
  sl_status st = parse(&r, m, err);
  if (st != SL_OK) {
    sl_ner_free(m);
    return st;
  }
  *out = m;
  return SL_OK;
}

void sl_ner_free(sl_ner_model *m) {
  if (!m)
    return;
  free(m->slots);
  ner_table_release(&m->gaz.t);
  free(m->rows);
  free(m);
}

/* The row of feature f, or NULL. */
static const int16_t *row_of(const sl_ner_model *m, uint64_t f) {
  for (size_t i = f & m->mask;; i = (i + 1) & m->mask) {
    if (m->slots[i].key == f)
      return m->rows + (size_t)m->slots[i].row * NER_NTAG;
    if (!m->slots[i].key)
      return NULL;
  }
}

/* Looks every feature up at once: the prefetches overlap the misses. */
static void model_emit(const void *self, const uint64_t *f, size_t nf,
                       float *out) {
  const sl_ner_model *m = self;
  const int16_t *rows[NER_MAXFEAT];
  size_t nr = 0;
  for (size_t i = 0; i < nf; i++)
    __builtin_prefetch(&m->slots[f[i] & m->mask]);
  for (size_t i = 0; i < nf && nr < NER_MAXFEAT; i++)
    if ((rows[nr] = row_of(m, f[i])) != NULL)
      __builtin_prefetch(rows[nr++]);
  int32_t acc[NER_NTAG] = {0};
  for (size_t i = 0; i < nr; i++)
    for (int t = 0; t < NER_NTAG; t++)
      acc[t] += rows[i][t];
  float inv = 1.0f / m->scale;
  for (int t = 0; t < NER_NTAG; t++)
    out[t] += (float)acc[t] * inv;
}

ner_scorer ner_model_scorer(const sl_ner_model *m) {
  return (ner_scorer){model_emit, m, m->trans, m->start, m->end};
}
