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
  free(s->tags);
  free(s->feat);
  free(s->nfeat);
  free(s->emit);
  free(s->back);
  s->w = NULL;
  s->tags = NULL;
  s->feat = NULL;
  s->nfeat = NULL;
  s->emit = NULL;
  s->back = NULL;
  s->n = s->cap = s->scap = 0;
}

/* Makes `*p` an array of `n` elements of `size` bytes; false when out of
 * memory, `*p` then unchanged. */
static bool room(void **p, size_t n, size_t size) {
  void *q = realloc(*p, n * size);
  if (q)
    *p = q;
  return q != NULL;
}

/* Doubles from 64 until `n` fits. */
static size_t grown(size_t cap, size_t n) {
  cap = cap ? cap : 64;
  while (cap < n)
    cap *= 2;
  return cap;
}

/* Room for the words of a document of `n` tokens. */
static sl_status reserve(ner_sent *s, size_t n) {
  if (n <= s->cap)
    return SL_OK;
  size_t cap = grown(s->cap, n);
  bool ok = room((void **)&s->w, cap, sizeof *s->w);
  ok = room((void **)&s->tags, cap, sizeof *s->tags) && ok;
  if (!ok)
    return SL_ENOMEM;
  s->cap = cap;
  return SL_OK;
}

/* Room for the scratch of a sentence of `n` tokens. */
static sl_status reserve_sentence(ner_sent *s, size_t n) {
  if (n <= s->scap)
    return SL_OK;
  size_t cap = grown(s->scap, n);
  bool ok = room((void **)&s->feat, cap * NER_MAXFEAT, sizeof *s->feat);
  ok = room((void **)&s->nfeat, cap, sizeof *s->nfeat) && ok;
  ok = room((void **)&s->emit, cap * NER_NTAG, sizeof *s->emit) && ok;
  ok = room((void **)&s->back, cap * NER_NTAG, sizeof *s->back) && ok;
  if (!ok)
    return SL_ENOMEM;
  s->scap = cap;
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

/* Fills s->tags + off with the best allowed sequence under the scores of
 * the sentence's `n` words. */
static void viterbi(ner_sent *s, size_t off, size_t n, const ner_scorer *sc) {
  const float *emit = s->emit;
  int *back = s->back;
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

sl_status ner_sent_tag(ner_sent *s, size_t off, size_t n, const ner_doc *d,
                       const ner_scorer *sc) {
  if (!n)
    return SL_OK;
  sl_status st = reserve_sentence(s, n);
  if (st != SL_OK)
    return st;
  const ner_word *w = s->w + off;
  unsigned sflags = ner_sent_flags(w, n);
  for (size_t i = 0; i < n; i++) {
    uint64_t *f = s->feat + i * NER_MAXFEAT;
    s->nfeat[i] = (uint8_t)ner_features(w, n, i, d, sflags, f);
    float *e = s->emit + i * NER_NTAG;
    memset(e, 0, NER_NTAG * sizeof *e);
    sc->emit(sc->self, f, s->nfeat[i], e);
  }
  viterbi(s, off, n, sc);
  return SL_OK;
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
  for (size_t k = 0; st == SL_OK && k < ns; k++)
    for (size_t off = sent[k]; st == SL_OK && off < sent[k + 1];) {
      size_t len = sent[k + 1] - off;
      len = len < NER_MAXSENT ? len : NER_MAXSENT;
      st = ner_sent_tag(s, off, len, d, sc);
      if (st == SL_OK)
        ner_doc_learn(d, s->w + off, s->tags + off, len);
      off += len;
    }
  return st;
}
