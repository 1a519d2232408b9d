/* storyline extract: the tagger's features (word, lowercase, neighbours,
 * shapes, affixes, gazetteer matches) and what one document remembers of
 * its words (how they are written, which type they were given). */
#include "extract/ner_int.h"

/* Feature templates: each feature hashes its template with its values. */
enum tmpl {
  T_BIAS = 1,
  T_W,
  T_L,
  T_LM1,
  T_LP1,
  T_LM2,
  T_LP2,
  T_SHAPE,
  T_SHORT,
  T_SHORTM1,
  T_SHORTP1,
  T_SH_M1_0,
  T_SH_0_P1,
  T_PRE,
  T_SUF,
  T_L_M1_0,
  T_L_0_P1,
  T_GAZ,
  T_GAZM1,
  T_GAZP1,
  T_FIRST,
  T_SEEN,
  T_HIST,
  T_HIST_SH,
  T_LM1_SH,
  T_SH_LP1,
  T_CAPS,
  T_LM1_W
};

static inline uint64_t f1(enum tmpl t, uint64_t a) {
  return ner_mix(a ^ (uint64_t)t * 0x9e3779b97f4a7c15ull);
}
static inline uint64_t f2(enum tmpl t, uint64_t a, uint64_t b) {
  return ner_mix(a ^ (b << 29 | b >> 35) * 0xc2b2ae3d27d4eb4full ^
                 (uint64_t)t * 0x9e3779b97f4a7c15ull);
}

/* Boundary words outside the sentence. */
static const uint64_t BOS = 0x5e5e5e5e01ull, EOS = 0x2424242402ull;

static uint64_t lower_at(const ner_word *w, size_t n, ptrdiff_t i) {
  return i < 0 ? BOS : (size_t)i >= n ? EOS : w[i].hl;
}
static uint64_t short_at(const ner_word *w, size_t n, ptrdiff_t i) {
  return i < 0 ? BOS : (size_t)i >= n ? EOS : w[i].hshort;
}

static size_t word_feats(const ner_word *w, size_t n, size_t i, uint64_t *o) {
  const ner_word *x = &w[i];
  ptrdiff_t p = (ptrdiff_t)i;
  size_t k = 0;
  o[k++] = f1(T_BIAS, 0);
  o[k++] = f1(T_W, x->hw);
  o[k++] = f1(T_L, x->hl);
  o[k++] = f1(T_LM1, lower_at(w, n, p - 1));
  o[k++] = f1(T_LP1, lower_at(w, n, p + 1));
  o[k++] = f1(T_LM2, lower_at(w, n, p - 2));
  o[k++] = f1(T_LP2, lower_at(w, n, p + 2));
  o[k++] = f1(T_SHAPE, x->hshape);
  o[k++] = f1(T_SHORT, x->hshort);
  o[k++] = f1(T_SHORTM1, short_at(w, n, p - 1));
  o[k++] = f1(T_SHORTP1, short_at(w, n, p + 1));
  o[k++] = f2(T_SH_M1_0, short_at(w, n, p - 1), x->hshort);
  o[k++] = f2(T_SH_0_P1, x->hshort, short_at(w, n, p + 1));
  o[k++] = f2(T_L_M1_0, lower_at(w, n, p - 1), x->hl);
  o[k++] = f2(T_L_0_P1, x->hl, lower_at(w, n, p + 1));
  o[k++] = f2(T_LM1_SH, lower_at(w, n, p - 1), x->hshort);
  o[k++] = f2(T_SH_LP1, x->hshort, lower_at(w, n, p + 1));
  for (size_t j = 0; j < x->npre; j++)
    o[k++] = f2(T_PRE, j, x->pre[j]);
  for (size_t j = 0; j < x->nsuf; j++)
    o[k++] = f2(T_SUF, j, x->suf[j]);
  if (i == 0)
    o[k++] = f1(T_FIRST, x->hshort);
  return k;
}

static size_t gaz_feats(const ner_word *w, size_t n, size_t i, uint64_t *o) {
  size_t k = 0;
  for (int g = 0; g < SL_GAZ__COUNT; g++) {
    if (w[i].gaz[g])
      o[k++] = f2(T_GAZ, (uint64_t)g * 8 + w[i].gaz[g], w[i].hshort);
    if (g == SL_GAZ_COMMON)
      continue;
    if (i > 0 && w[i - 1].gaz[g])
      o[k++] = f1(T_GAZM1, (uint64_t)g * 8 + w[i - 1].gaz[g]);
    if (i + 1 < n && w[i + 1].gaz[g])
      o[k++] = f1(T_GAZP1, (uint64_t)g * 8 + w[i + 1].gaz[g]);
  }
  return k;
}

static size_t doc_feats(const ner_word *x, const ner_doc *d, bool first,
                        uint64_t *o) {
  uint32_t v = ner_table_get(&d->seen, x->hl);
  if (v == UINT32_MAX)
    return 0;
  size_t k = 0;
  uint32_t seen = v & 0xff, last = v >> 8;
  if (x->cap || x->upper)
    o[k++] = f2(T_SEEN, seen * 2 + first, x->hshort);
  if (last) {
    o[k++] = f1(T_HIST, last);
    o[k++] = f2(T_HIST_SH, last, x->hshort);
  }
  return k;
}

size_t ner_features(const ner_word *w, size_t n, size_t i, const ner_doc *d,
                    unsigned sflags, uint64_t *out) {
  size_t k = word_feats(w, n, i, out);
  k += gaz_feats(w, n, i, out + k);
  if (d)
    k += doc_feats(&w[i], d, i == 0, out + k);
  if (sflags & NER_SENT_CAPS)
    out[k++] = f2(T_CAPS, w[i].hl, 1);
  if (i > 0)
    out[k++] = f2(T_LM1_W, w[i - 1].hl, w[i].hw);
  return k;
}

unsigned ner_sent_flags(const ner_word *w, size_t n) {
  size_t upper = 0, lower = 0;
  for (size_t i = 0; i < n; i++) {
    upper += w[i].upper;
    lower += w[i].lower || (w[i].cap && !w[i].upper);
  }
  return upper >= 2 && lower == 0 ? NER_SENT_CAPS : 0;
}

void ner_doc_scan(ner_doc *d, const ner_word *w, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint32_t bit = w[i].lower          ? NER_SEEN_LOWER
                   : w[i].upper        ? NER_SEEN_UPPER
                   : w[i].cap && i > 0 ? NER_SEEN_TITLE
                                       : 0;
    if (!bit)
      continue;
    uint32_t *v = ner_table_slot(&d->seen, w[i].hl, 0);
    if (v)
      *v |= bit;
  }
}

void ner_doc_learn(ner_doc *d, const ner_word *w, const int *tags, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (!w[i].cap && !w[i].upper)
      continue;
    uint32_t *v = ner_table_slot(&d->seen, w[i].hl, 0);
    if (v)
      *v = (*v & 0xff) | (uint32_t)(ner_tag_type(tags[i]) + 2) << 8;
  }
}
