/* storyline extract: one sentence through the tagger: words, features,
 * emission scores and the best BILOU sequence (Viterbi). */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "extract/ner_int.h"

bool ner_allowed(int a, int b) {
  int pa = ner_tag_pos(a), pb = ner_tag_pos(b);
  bool open = pa == NER_B || pa == NER_I; /* a leaves an entity open */
  if (!open)
    return pb == -1 || pb == NER_B || pb == NER_U;
  return (pb == NER_I || pb == NER_L) && ner_tag_type(a) == ner_tag_type(b);
}

static bool may_end(int t) {
  int p = ner_tag_pos(t);
  return p == -1 || p == NER_L || p == NER_U;
}

void ner_sent_init(ner_sent *s) {
  memset(s, 0, sizeof *s);
  for (int t = 0; t < NER_NTAG; t++)
    for (int a = 0; a < NER_NTAG; a++)
      if (ner_allowed(a, t))
        s->pred[t][s->npred[t]++] = (uint8_t)a;
}

void ner_sent_release(ner_sent *s) {
  free(s->w);
  free(s->feat);
  free(s->nfeat);
  free(s->emit);
  free(s->tags);
  free(s->back);
  s->w = NULL;
  s->feat = NULL;
  s->nfeat = NULL;
  s->emit = NULL;
  s->tags = NULL;
  s->back = NULL;
  s->n = s->cap = 0;
}

static sl_status reserve(ner_sent *s, size_t n) {
  if (n <= s->cap)
    return SL_OK;
  size_t cap = s->cap ? s->cap : 64;
  while (cap < n)
    cap *= 2;
  void *p[6] = {
      realloc(s->w, cap * sizeof *s->w), NULL, NULL, NULL, NULL, NULL};
  if (p[0])
    s->w = p[0];
  p[1] = realloc(s->feat, cap * NER_MAXFEAT * sizeof *s->feat);
  if (p[1])
    s->feat = p[1];
  p[2] = realloc(s->nfeat, cap);
  if (p[2])
    s->nfeat = p[2];
  p[3] = realloc(s->emit, cap * NER_NTAG * sizeof *s->emit);
  if (p[3])
    s->emit = p[3];
  p[4] = realloc(s->tags, cap * sizeof *s->tags);
  if (p[4])
    s->tags = p[4];
  p[5] = realloc(s->back, cap * NER_NTAG * sizeof *s->back);
  if (p[5])
    s->back = p[5];
  for (int i = 0; i < 6; i++)
    if (!p[i])
      return SL_ENOMEM;
  s->cap = cap;
  return SL_OK;
}

sl_status ner_sent_load(ner_sent *s, const ner_tok *t, size_t n) {
  sl_status st = reserve(s, n);
  if (st != SL_OK)
    return st;
  s->n = n;
  for (size_t i = 0; i < n; i++)
    ner_word_init(&s->w[i], t[i]);
  return SL_OK;
}

/* Fills s->tags with the best allowed sequence under the scores. */
static void viterbi(ner_sent *s, size_t off, size_t n, const ner_scorer *sc) {
  const float *emit = s->emit + off * NER_NTAG;
  int *back = s->back + off * NER_NTAG;
  float prev[NER_NTAG], cur[NER_NTAG];
  for (int t = 0; t < NER_NTAG; t++)
    prev[t] = ner_allowed(-1, t) ? sc->start[t] + emit[t] : -FLT_MAX;
  for (size_t i = 1; i < n; i++) {
    const float *e = emit + i * NER_NTAG;
    int *bp = back + i * NER_NTAG;
    for (int t = 0; t < NER_NTAG; t++) {
      float best = -FLT_MAX;
      int arg = 0;
      for (int k = 0; k < s->npred[t]; k++) {
        int p = s->pred[t][k];
        if (prev[p] == -FLT_MAX)
          continue;
        float v = prev[p] + sc->trans[p * NER_NTAG + t];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      cur[t] = best == -FLT_MAX ? -FLT_MAX : best + e[t];
      bp[t] = arg;
    }
    memcpy(prev, cur, sizeof prev);
  }
  int arg = 0;
  float best = -FLT_MAX;
  for (int t = 0; t < NER_NTAG; t++)
    if (may_end(t) && prev[t] != -FLT_MAX && prev[t] + sc->end[t] > best) {
      best = prev[t] + sc->end[t];
      arg = t;
    }
  for (size_t i = n; i-- > 0;) {
    s->tags[off + i] = arg;
    if (i > 0)
      arg = back[i * NER_NTAG + arg];
  }
}

void ner_sent_tag(ner_sent *s, size_t off, size_t n, const ner_doc *d,
                  const ner_scorer *sc) {
  if (!n)
    return;
  const ner_word *w = s->w + off;
  unsigned sflags = ner_sent_flags(w, n);
  for (size_t i = 0; i < n; i++) {
    uint64_t *f = s->feat + (off + i) * NER_MAXFEAT;
    s->nfeat[off + i] = (uint8_t)ner_features(w, n, i, d, sflags, f);
    float *e = s->emit + (off + i) * NER_NTAG;
    memset(e, 0, NER_NTAG * sizeof *e);
    sc->emit(sc->self, f, s->nfeat[off + i], e);
  }
  viterbi(s, off, n, sc);
}

sl_status ner_doc_tag(ner_sent *s, ner_doc *d, const ner_tok *t, size_t n,
                      const size_t *sent, size_t ns, const ner_gaz *g,
                      const ner_scorer *sc) {
  sl_status st = ner_sent_load(s, t, n);
  if (st != SL_OK)
    return st;
  ner_table_clear(&d->seen);
  for (size_t k = 0; k < ns; k++) {
    ner_gaz_mark(g, s->w + sent[k], sent[k + 1] - sent[k]);
    ner_doc_scan(d, s->w + sent[k], sent[k + 1] - sent[k]);
  }
  for (size_t k = 0; k < ns; k++) {
    size_t off = sent[k], len = sent[k + 1] - sent[k];
    ner_sent_tag(s, off, len, d, sc);
    ner_doc_learn(d, s->w + off, s->tags + off, len);
  }
  return SL_OK;
}
