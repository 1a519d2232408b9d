/* storyline cluster: learning the model from gold-labelled streams (after
 * Miranda et al., EMNLP 2018: a learned pair score over similarity
 * features, trained on the decisions the stream offers). Each stream is
 * replayed with its gold assignment; every candidate the index returns
 * gives a (features, same story?) pair; a logistic regression is fitted by
 * Newton's method; join_min (from 0.5 up) and then merge_min are picked to
 * maximise the mean B-cubed F1 of the online clusterer over the streams. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/hashmap.h"
#include "base/vec.h"
#include "cluster/cluster_int.h"

typedef struct pair {
  float f[SL_CF_COUNT];
  float weight; /* see sl_cluster_learner_fit */
  uint8_t y;
} pair;

typedef struct stream {
  size_t first_pair; /* its pairs start here */
  sl_vec docs;       /* sl_cluster_doc * (owned) */
  sl_vec gold;       /* int64_t: gold story number within the stream */
} stream;

struct sl_cluster_learner {
  sl_cluster_opts o;
  uint32_t drop;  /* features left out (bit per sl_cluster_feat) */
  sl_cluster *c;  /* replay of the current stream */
  sl_map *labels; /* label -> stream-local gold number (intptr) */
  sl_map *story;  /* label -> replay story id (intptr) */
  sl_vec pairs;   /* pair */
  stream *streams;
  size_t n_streams;
};

sl_cluster_learner *sl_cluster_learner_new(const sl_cluster_opts *o) {
  sl_cluster_learner *l = calloc(1, sizeof *l);
  if (!l)
    return NULL;
  if (o)
    l->o = *o;
  else
    sl_cluster_opts_default(&l->o);
  sl_vec_init(&l->pairs, sizeof(pair));
  return l;
}

static void end_stream(sl_cluster_learner *l) {
  sl_cluster_free(l->c);
  sl_map_free(l->labels);
  sl_map_free(l->story);
  l->c = NULL;
  l->labels = l->story = NULL;
}

void sl_cluster_learner_free(sl_cluster_learner *l) {
  if (!l)
    return;
  end_stream(l);
  for (size_t i = 0; i < l->n_streams; i++) {
    stream *s = &l->streams[i];
    for (size_t j = 0; j < s->docs.len; j++)
      sl_cluster_doc_free(SL_VEC_AT(&s->docs, sl_cluster_doc *, j));
    sl_vec_release(&s->docs);
    sl_vec_release(&s->gold);
  }
  free(l->streams);
  sl_vec_release(&l->pairs);
  free(l);
}

void sl_cluster_learner_drop(sl_cluster_learner *l, sl_cluster_feat f) {
  if (f > SL_CF_BIAS && f < SL_CF_COUNT)
    l->drop |= 1u << f;
}

sl_status sl_cluster_learner_stream(sl_cluster_learner *l) {
  end_stream(l);
  stream *ns = realloc(l->streams, (l->n_streams + 1) * sizeof *ns);
  if (!ns)
    return SL_ENOMEM;
  l->streams = ns;
  sl_vec_init(&ns[l->n_streams].docs, sizeof(sl_cluster_doc *));
  sl_vec_init(&ns[l->n_streams].gold, sizeof(int64_t));
  ns[l->n_streams].first_pair = l->pairs.len;
  l->n_streams++;
  l->c = sl_cluster_new(&l->o, NULL);
  l->labels = sl_map_new(l->o.seed, free);
  l->story = sl_map_new(l->o.seed, free);
  return l->c && l->labels && l->story ? SL_OK : SL_ENOMEM;
}

/* Pairs of the doc (query built) against the candidates; `gold` is the
 * replay story of its label, 0 when none. */
static sl_status collect(sl_cluster_learner *l, int64_t gold) {
  uint32_t cand[4096];
  size_t n = sl__candidates(l->c, cand);
  double f[SL_CF_COUNT];
  for (size_t i = 0; i < n; i++) {
    sl__story *s = l->c->stories[cand[i]];
    if (sl__quiet(l->c, s))
      continue;
    sl__features(l->c, s, f);
    pair *p = sl_vec_push_zero(&l->pairs);
    if (!p)
      return SL_ENOMEM;
    for (int k = 0; k < SL_CF_COUNT; k++)
      p->f[k] = l->drop & (1u << k) ? 0.0f : (float)f[k];
    p->y = s->id == gold;
  }
  return SL_OK;
}

/* Joins the doc to its gold story (opening it when new or expired). */
static sl_status replay(sl_cluster_learner *l, const sl_cluster_doc *d,
                        const char *label) {
  sl_cluster *c = l->c;
  bool found;
  size_t len = strlen(label);
  const int64_t *id = sl_map_get(l->story, label, len, &found);
  sl__story *s = id ? c->stories[*id - 1] : NULL;
  if (s && !(s->flags & SL__ST_LIVE))
    s = NULL;
  sl_status st = collect(l, s ? s->id : 0);
  if (st != SL_OK)
    return st;
  if (!s) {
    if (!(s = sl__story_open(c)))
      return SL_ENOMEM;
    int64_t *v = malloc(sizeof *v);
    if (!v)
      return SL_ENOMEM;
    *v = s->id;
    st = sl_map_put(l->story, label, len, v); /* the map owns v */
  }
  if (st == SL_OK)
    st = sl__story_absorb(c, s, d, 0.5f);
  if (st == SL_OK)
    st = sl__story_member(s, d->id, d->day, d->seq);
  if (st == SL_OK && ++c->since_expire >= 64) {
    c->since_expire = 0;
    sl__expire(c);
  }
  return st;
}

static sl_status remember(sl_cluster_learner *l, const sl_cluster_doc *d,
                          const char *label) {
  stream *s = &l->streams[l->n_streams - 1];
  bool ins;
  void **slot = sl_map_slot(l->labels, label, strlen(label), &ins);
  if (!slot)
    return SL_ENOMEM;
  if (ins) {
    int64_t *v = malloc(sizeof *v);
    if (!v) {
      sl_map_del(l->labels, label, strlen(label));
      return SL_ENOMEM;
    }
    *v = (int64_t)sl_map_len(l->labels);
    *slot = v;
  }
  int64_t g = *(const int64_t *)*slot;
  sl_cluster_doc *copy = sl__doc_clone(d);
  if (!copy)
    return SL_ENOMEM;
  sl_status st = sl_vec_push(&s->docs, &copy);
  if (st != SL_OK) {
    sl_cluster_doc_free(copy);
    return st;
  }
  return sl_vec_push(&s->gold, &g);
}

sl_status sl_cluster_learner_add(sl_cluster_learner *l,
                                 const sl_cluster_doc *doc, const char *label) {
  sl_status st = l->c ? SL_OK : sl_cluster_learner_stream(l);
  if (st != SL_OK)
    return st;
  if (doc->seq <= l->c->now_seq)
    return SL_EINVAL;
  sl__tick(l->c, doc->day, doc->seq);
  st = sl__df_add(l->c, doc);
  if (st == SL_OK)
    st = sl__query_build(l->c, doc);
  if (st == SL_OK)
    st = replay(l, doc, label);
  return st == SL_OK ? remember(l, doc, label) : st;
}

/* ---- Logistic regression by Newton's method ---------------------------- */
enum { K = SL_CF_COUNT };

/* Solves a x = b (K x K, in place) by Gaussian elimination with partial
 * pivoting; false when singular. */
static bool solve(double a[K][K], double b[K], double x[K]) {
  for (int col = 0; col < K; col++) {
    int piv = col;
    for (int r = col + 1; r < K; r++)
      if (fabs(a[r][col]) > fabs(a[piv][col]))
        piv = r;
    if (fabs(a[piv][col]) < 1e-12)
      return false;
    for (int k = 0; k < K; k++) {
      double t = a[col][k];
      a[col][k] = a[piv][k];
      a[piv][k] = t;
    }
    double t = b[col];
    b[col] = b[piv];
    b[piv] = t;
    for (int r = col + 1; r < K; r++) {
      double m = a[r][col] / a[col][col];
      for (int k = col; k < K; k++)
        a[r][k] -= m * a[col][k];
      b[r] -= m * b[col];
    }
  }
  for (int r = K - 1; r >= 0; r--) {
    double s = b[r];
    for (int k = r + 1; k < K; k++)
      s -= a[r][k] * x[k];
    x[r] = s / a[r][r];
  }
  return true;
}

static void newton_step(const sl_vec *pairs, double w[K], double lambda) {
  double h[K][K] = {{0}}, g[K] = {0}, step[K];
  for (size_t i = 0; i < pairs->len; i++) {
    const pair *p = &SL_VEC_AT(pairs, pair, i);
    double z = 0;
    for (int k = 0; k < K; k++)
      z += w[k] * p->f[k];
    double pr = 1.0 / (1.0 + exp(-z)), d = pr * (1 - pr) * p->weight;
    for (int a = 0; a < K; a++) {
      g[a] += (pr - p->y) * p->f[a] * p->weight;
      for (int b = 0; b < K; b++)
        h[a][b] += d * p->f[a] * p->f[b];
    }
  }
  for (int a = 1; a < K; a++) { /* no penalty on the intercept */
    g[a] += lambda * w[a];
    h[a][a] += lambda;
  }
  h[0][0] += 1e-9;
  if (!solve(h, g, step))
    return;
  for (int k = 0; k < K; k++)
    w[k] -= step[k];
}

/* Mean B-cubed F1 over the streams of the online clusterer with `m`. */
static sl_status stream_f1(const sl_cluster_learner *l,
                           const sl_cluster_model *m, double *mean) {
  double sum = 0;
  for (size_t i = 0; i < l->n_streams; i++) {
    const stream *s = &l->streams[i];
    sl_cluster *c = sl_cluster_new(&l->o, m);
    int64_t *sys = malloc((s->docs.len + 1) * sizeof *sys);
    sl_status st = c && sys ? SL_OK : SL_ENOMEM;
    for (size_t j = 0; st == SL_OK && j < s->docs.len; j++) {
      sl_cluster_result r;
      st = sl_cluster_add(c, SL_VEC_AT(&s->docs, sl_cluster_doc *, j), &r);
      sys[j] = r.story;
    }
    /* the stream ends as an ingest does: with a merge step */
    if (st == SL_OK)
      st = sl_cluster_merge(c, NULL);
    sl_cluster_bcubed b = {0, 0, 0};
    if (st == SL_OK) {
      for (size_t j = 0; j < s->docs.len; j++)
        sys[j] = sl_cluster_resolve(c, sys[j]);
      st = sl_cluster_bcubed_score(sys, s->gold.data, s->docs.len, &b);
    }
    free(sys);
    sl_cluster_free(c);
    if (st != SL_OK)
      return st;
    sum += b.f1;
  }
  *mean = l->n_streams ? sum / (double)l->n_streams : 0;
  return SL_OK;
}

/* Sets *field to the value in [lo, hi] (steps of 0.05) that maximises the
 * mean B-cubed F1 over the streams. */
static sl_status pick(const sl_cluster_learner *l, sl_cluster_model *m,
                      double *field, double lo, double hi) {
  double best = -1, best_v = *field;
  int steps = (int)((hi - lo) / 0.05 + 0.5);
  for (int s = 0; s <= steps; s++) {
    double v = lo + 0.05 * s;
    *field = v;
    double f1;
    sl_status st = stream_f1(l, m, &f1);
    if (st != SL_OK)
      return st;
    if (f1 > best + 1e-9) {
      best = f1;
      best_v = v;
    }
  }
  *field = best_v;
  return SL_OK;
}

sl_status sl_cluster_learner_fit(sl_cluster_learner *l, sl_cluster_model *out) {
  sl_cluster_model m;
  sl_cluster_model_default(&m);
  /* A stream's pairs weigh 1/sqrt(its share): the long streams do not
   * drown the short ones, nor do the short ones count as much. */
  for (size_t i = 0; i < l->n_streams; i++) {
    size_t end =
        i + 1 < l->n_streams ? l->streams[i + 1].first_pair : l->pairs.len;
    size_t n = end - l->streams[i].first_pair;
    double w = sqrt((double)l->pairs.len / (double)l->n_streams / (double)n);
    for (size_t j = l->streams[i].first_pair; j < end; j++)
      SL_VEC_AT(&l->pairs, pair, j).weight = (float)w;
  }
  double w[K] = {0};
  for (int it = 0; it < 25; it++)
    newton_step(&l->pairs, w, 1.0);
  memcpy(m.w, w, sizeof w);
  /* join_min from 0.5 up: precision first, the merge step mends splits */
  sl_status st = pick(l, &m, &m.join_min, 0.5, 0.85);
  if (st == SL_OK)
    st = pick(l, &m, &m.merge_min, 0.5, 0.95);
  if (st != SL_OK)
    return st;
  *out = m;
  return SL_OK;
}
