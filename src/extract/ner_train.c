/* storyline extract: training the tagger, an averaged structured perceptron
 * (Collins 2002) over BILOU tags with Viterbi decoding; documents in a
 * seeded order each pass, so the same options give the same model. */
#include <stdlib.h>
#include <string.h>

#include "extract/ner_int.h"

enum { NT2 = NER_NTAG * NER_NTAG, DEFAULT_EPOCHS = 12 };

typedef struct weights {
  ner_table feat; /* feature -> row */
  float *w;       /* rows * NER_NTAG */
  double *u;      /* the same, summed with the update time (averaging) */
  size_t rows, cap;
  /* transitions, then start, then end, as one block */
  float tw[NT2 + 2 * NER_NTAG];
  double tu[NT2 + 2 * NER_NTAG];
  double c; /* updates so far + 1 */
} weights;

typedef struct frozen {
  const ner_table *feat;
  const float *w;
} frozen;

static void emit_rows(const void *self, const uint64_t *f, size_t nf,
                      float *out) {
  const frozen *z = self;
  for (size_t i = 0; i < nf; i++) {
    uint32_t r = ner_table_get(z->feat, f[i]);
    if (r == UINT32_MAX)
      continue;
    const float *row = z->w + (size_t)r * NER_NTAG;
    for (int t = 0; t < NER_NTAG; t++)
      out[t] += row[t];
  }
}

static ner_scorer scorer(const frozen *z, const float *trans) {
  return (ner_scorer){emit_rows, z, trans, trans + NT2, trans + NT2 + NER_NTAG};
}

/* The row of feature f, made when absent; UINT32_MAX when out of memory. */
static uint32_t row_of(weights *m, uint64_t f) {
  uint32_t *v = ner_table_slot(&m->feat, f, (uint32_t)m->rows);
  if (!v || *v < m->rows)
    return v ? *v : UINT32_MAX;
  if (m->rows == m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 1 << 16;
    float *w = realloc(m->w, cap * NER_NTAG * sizeof *w);
    if (w)
      m->w = w;
    double *u = realloc(m->u, cap * NER_NTAG * sizeof *u);
    if (u)
      m->u = u;
    if (!w || !u)
      return UINT32_MAX;
    m->cap = cap;
  }
  memset(m->w + m->rows * NER_NTAG, 0, NER_NTAG * sizeof *m->w);
  memset(m->u + m->rows * NER_NTAG, 0, NER_NTAG * sizeof *m->u);
  return (uint32_t)m->rows++;
}

static sl_status bump_feats(weights *m, const uint64_t *f, size_t nf, int g,
                            int p) {
  for (size_t i = 0; i < nf; i++) {
    uint32_t r = row_of(m, f[i]);
    if (r == UINT32_MAX)
      return SL_ENOMEM;
    size_t at = (size_t)r * NER_NTAG;
    m->w[at + g] += 1;
    m->u[at + g] += m->c;
    m->w[at + p] -= 1;
    m->u[at + p] -= m->c;
  }
  return SL_OK;
}

static void bump_trans(weights *m, size_t at, float d) {
  m->tw[at] += d;
  m->tu[at] += d * m->c;
}

/* One perceptron update where the prediction `p` differs from gold `g`. */
static sl_status update(weights *m, const ner_sent *s, size_t off, size_t n,
                        const int *g) {
  const int *p = s->tags + off;
  sl_status st = SL_OK;
  for (size_t i = 0; i < n && st == SL_OK; i++) {
    if (g[i] != p[i])
      st = bump_feats(m, s->feat + i * NER_MAXFEAT, s->nfeat[i], g[i], p[i]);
    size_t ga = (size_t)(i ? g[i - 1] * NER_NTAG + g[i] : NT2 + g[i]);
    size_t pa = (size_t)(i ? p[i - 1] * NER_NTAG + p[i] : NT2 + p[i]);
    if (ga != pa) {
      bump_trans(m, ga, 1);
      bump_trans(m, pa, -1);
    }
  }
  if (g[n - 1] != p[n - 1]) {
    bump_trans(m, NT2 + NER_NTAG + g[n - 1], 1);
    bump_trans(m, NT2 + NER_NTAG + p[n - 1], -1);
  }
  return st;
}

typedef struct run {
  const ner_corpus *c;
  const ner_gaz *gaz;
  weights m;
  ner_sent s;
  ner_doc d;
} run;

/* One training document: tag each sentence, learn from its mistakes. */
static sl_status train_doc(run *r, size_t k) {
  const ner_corpus *c = r->c;
  size_t s0 = c->doc[k], s1 = c->doc[k + 1], t0 = c->sent[s0];
  sl_status st = ner_sent_load(&r->s, c->tok + t0, c->sent[s1] - t0);
  ner_table_clear(&r->d.seen);
  for (size_t j = s0; st == SL_OK && j < s1; j++) {
    size_t off = c->sent[j] - t0, n = c->sent[j + 1] - c->sent[j];
    ner_gaz_mark(r->gaz, r->s.w + off, n);
    ner_doc_scan(&r->d, r->s.w + off, n);
  }
  frozen z = {&r->m.feat, r->m.w};
  ner_scorer sc = scorer(&z, r->m.tw);
  for (size_t j = s0; st == SL_OK && j < s1; j++) {
    size_t off = c->sent[j] - t0, n = c->sent[j + 1] - c->sent[j];
    st = ner_sent_tag(&r->s, off, n, &r->d, &sc);
    const int *g = c->gold + c->sent[j];
    if (st == SL_OK && memcmp(g, r->s.tags + off, n * sizeof *g) != 0) {
      st = update(&r->m, &r->s, off, n, g);
      z.w = r->m.w; /* the rows may have moved */
    }
    r->m.c += 1;
    ner_doc_learn(&r->d, r->s.w + off, r->s.tags + off, n);
  }
  return st;
}

/* The averaged weights w - u / c, into `w` and `trans` (caller's). */
static void average(const weights *m, float *w, float *trans) {
  for (size_t i = 0; i < m->rows * NER_NTAG; i++)
    w[i] = (float)(m->w[i] - m->u[i] / m->c);
  for (size_t i = 0; i < NT2 + 2 * NER_NTAG; i++)
    trans[i] = (float)(m->tw[i] - m->tu[i] / m->c);
}

static uint64_t next_rand(uint64_t *s) {
  *s += 0x9e3779b97f4a7c15ull;
  return ner_mix(*s);
}

static void shuffle(size_t *order, size_t n, uint64_t *seed) {
  for (size_t i = 0; i < n; i++)
    order[i] = i;
  for (size_t i = n; i > 1; i--) {
    size_t j = (size_t)(next_rand(seed) % i);
    size_t t = order[i - 1];
    order[i - 1] = order[j];
    order[j] = t;
  }
}

/* Tags the dev corpus with the averaged weights and scores it. */
static sl_status score_dev(const weights *m, const ner_gaz *gaz,
                           const ner_corpus *dev, sl_ner_scores *out) {
  float *w = malloc((m->rows + 1) * NER_NTAG * sizeof *w);
  int *tags = calloc(dev->ntok + 1, sizeof *tags);
  float trans[NT2 + 2 * NER_NTAG];
  sl_status st = w && tags ? SL_OK : SL_ENOMEM;
  if (st == SL_OK) {
    average(m, w, trans);
    frozen z = {&m->feat, w};
    ner_scorer sc = scorer(&z, trans);
    st = ner_corpus_tag(dev, gaz, &sc, tags);
  }
  if (st == SL_OK)
    ner_score(dev, tags, out);
  free(w);
  free(tags);
  return st;
}

static sl_status load_gaz(const sl_ner_train_opts *o, ner_gaz *g) {
  sl_status st = SL_OK;
  for (int k = 0; st == SL_OK && k < SL_GAZ__COUNT; k++)
    if (o->gaz[k])
      st = ner_gaz_add(g, k, o->gaz[k], o->gaz_len[k]);
  return st;
}

static sl_status epochs(run *r, const sl_ner_train_opts *o,
                        const ner_corpus *dev) {
  size_t *order = calloc(r->c->ndoc + 1, sizeof *order);
  if (!order)
    return SL_ENOMEM;
  uint64_t seed = o->seed;
  int n = o->epochs > 0 ? o->epochs : DEFAULT_EPOCHS;
  sl_status st = SL_OK;
  for (int e = 1; st == SL_OK && e <= n; e++) {
    shuffle(order, r->c->ndoc, &seed);
    for (size_t k = 0; st == SL_OK && k < r->c->ndoc; k++)
      st = train_doc(r, order[k]);
    sl_ner_scores sc;
    bool scored = st == SL_OK && dev && o->on_epoch;
    if (scored)
      st = score_dev(&r->m, r->gaz, dev, &sc);
    if (st == SL_OK && o->on_epoch)
      o->on_epoch(o->ud, e, scored ? &sc : NULL);
  }
  free(order);
  return st;
}

static sl_status finish(run *r, char **model, size_t *model_len) {
  float *w = malloc((r->m.rows + 1) * NER_NTAG * sizeof *w);
  float trans[NT2 + 2 * NER_NTAG];
  if (!w)
    return SL_ENOMEM;
  average(&r->m, w, trans);
  sl_status st =
      ner_model_write(&r->m.feat, w, trans, trans + NT2, trans + NT2 + NER_NTAG,
                      r->gaz, model, model_len);
  free(w);
  return st;
}

sl_status sl_ner_train(const sl_ner_train_opts *o, char **model,
                       size_t *model_len, sl_error *err) {
  ner_corpus train, dev;
  ner_gaz gaz = {0};
  run r;
  memset(&r, 0, sizeof r);
  r.c = &train;
  r.gaz = &gaz;
  r.m.c = 1;
  ner_sent_init(&r.s);
  bool has_dev = o->dev && o->dev_len;
  memset(&dev, 0, sizeof dev);
  sl_status st = ner_corpus_read(&train, o->train, o->train_len, true);
  if (st == SL_OK && has_dev)
    st = ner_corpus_read(&dev, o->dev, o->dev_len, true);
  if (st == SL_OK && train.ntok == 0)
    st = sl_error_set(err, SL_EPARSE, "the training text has no token");
  if (st == SL_OK)
    st = load_gaz(o, &gaz);
  if (st == SL_OK)
    st = epochs(&r, o, has_dev ? &dev : NULL);
  if (st == SL_OK)
    st = finish(&r, model, model_len);
  ner_corpus_release(&train);
  ner_corpus_release(&dev);
  ner_table_release(&gaz.t);
  ner_table_release(&r.m.feat);
  ner_table_release(&r.d.seen);
  free(r.m.w);
  free(r.m.u);
  ner_sent_release(&r.s);
  return st;
}
