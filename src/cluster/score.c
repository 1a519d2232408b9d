/* storyline cluster: the doc as a query (unit vectors under the current
 * IDF), candidate stories from the index, pair features and the learned
 * score. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/cluster_int.h"

float sl__idf(const sl_cluster *c, uint32_t key) {
  const uint32_t *df = sl__ktab_find(&c->df, key);
  double n = (double)c->n_df_docs;
  return (float)(log((n + 1.0) / ((df ? *df : 0) + 1.0)) + 1.0);
}

static sl_status count(sl_cluster *c, const sl__kv *v, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) {
    uint32_t *df = sl__ktab_slot(&c->df, v[i].key, NULL);
    if (!df)
      return SL_ENOMEM;
    ++*df;
  }
  return SL_OK;
}

sl_status sl__df_add(sl_cluster *c, const sl_cluster_doc *d) {
  c->n_df_docs++;
  sl_status st = count(c, d->ents, d->n_ents);
  /* a term counts once whether in the title, the body or both */
  for (uint32_t i = 0, j = 0; st == SL_OK && i < d->n_title; i++) {
    while (j < d->n_terms && d->terms[j].key < d->title[i].key)
      j++;
    if (j == d->n_terms || d->terms[j].key != d->title[i].key)
      st = count(c, &d->title[i], 1);
  }
  return st == SL_OK ? count(c, d->terms, d->n_terms) : st;
}

static sl_status reserve(sl__query *q, uint32_t nt, uint32_t ne) {
  if (nt > q->cap_t) {
    sl__kv *tw = realloc(q->tw, nt * sizeof *tw);
    if (tw)
      q->tw = tw;
    float *titw = realloc(q->titw, nt * sizeof *titw);
    if (titw)
      q->titw = titw;
    if (!tw || !titw)
      return SL_ENOMEM;
    q->cap_t = nt;
  }
  if (ne > q->cap_e) {
    sl__kv *ew = realloc(q->ew, ne * sizeof *ew);
    if (!ew)
      return SL_ENOMEM;
    q->ew = ew;
    q->cap_e = ne;
  }
  return SL_OK;
}

static float sublinear(float tf) {
  return tf > 0 ? 1.0f + logf(tf) : 0;
}

/* Body and title counts merged by key: tf = body + title_weight * title. */
static void term_weights(sl_cluster *c, const sl_cluster_doc *d) {
  sl__query *q = &c->q;
  float tw = (float)c->o.title_weight;
  uint32_t i = 0, j = 0, n = 0;
  while (i < d->n_terms || j < d->n_title) {
    float body = 0, title = 0;
    uint32_t key;
    if (j == d->n_title ||
        (i < d->n_terms && d->terms[i].key < d->title[j].key)) {
      key = d->terms[i].key;
      body = d->terms[i++].w;
    } else if (i == d->n_terms || d->title[j].key < d->terms[i].key) {
      key = d->title[j].key;
      title = d->title[j++].w;
    } else {
      key = d->terms[i].key;
      body = d->terms[i++].w;
      title = d->title[j++].w;
    }
    float idf = sl__idf(c, key);
    q->tw[n] = (sl__kv){key, sublinear(body + tw * title) * idf};
    q->titw[n++] = sublinear(title) * idf;
  }
  q->n_t = n;
}

static void normalise(sl__kv *v, float *w, uint32_t n) {
  double s = 0, t = 0;
  for (uint32_t i = 0; i < n; i++) {
    s += (double)v[i].w * v[i].w;
    if (w)
      t += (double)w[i] * w[i];
  }
  float is = s > 0 ? (float)(1.0 / sqrt(s)) : 0;
  float it = t > 0 ? (float)(1.0 / sqrt(t)) : 0;
  for (uint32_t i = 0; i < n; i++) {
    v[i].w *= is;
    if (w)
      w[i] *= it;
  }
}

sl_status sl__query_build(sl_cluster *c, const sl_cluster_doc *d) {
  sl__query *q = &c->q;
  sl_status st = reserve(q, d->n_terms + d->n_title + 1, d->n_ents + 1);
  if (st != SL_OK)
    return st;
  sl__ktab_clear(&q->terms);
  sl__ktab_clear(&q->ents);
  sl__ktab_clear(&q->nums);
  if (sl__ktab_reserve(&q->terms, d->n_terms + d->n_title) != SL_OK ||
      sl__ktab_reserve(&q->ents, d->n_ents) != SL_OK ||
      sl__ktab_reserve(&q->nums, d->n_nums) != SL_OK)
    return SL_ENOMEM;
  term_weights(c, d);
  normalise(q->tw, q->titw, q->n_t);
  for (uint32_t i = 0; i < d->n_ents; i++)
    q->ew[i] = (sl__kv){d->ents[i].key,
                        sublinear(d->ents[i].w) * sl__idf(c, d->ents[i].key)};
  q->n_e = d->n_ents;
  normalise(q->ew, NULL, q->n_e);
  for (uint32_t i = 0; i < q->n_t; i++) {
    uint32_t *v = sl__ktab_slot(&q->terms, q->tw[i].key, NULL);
    if (!v)
      return SL_ENOMEM;
    *v = i;
  }
  for (uint32_t i = 0; i < q->n_e; i++) {
    uint32_t *v = sl__ktab_slot(&q->ents, q->ew[i].key, NULL);
    if (!v)
      return SL_ENOMEM;
    *v = i;
  }
  for (uint32_t i = 0; i < d->n_nums; i++)
    if (!sl__ktab_slot(&q->nums, d->nums[i], NULL))
      return SL_ENOMEM;
  q->n_n = d->n_nums;
  q->day = d->day;
  q->fday = d->fday;
  q->seq = d->seq;
  return SL_OK;
}

static double day_gap(int32_t day, int32_t first, int32_t last) {
  if (day == SL__NODAY || first == SL__NODAY)
    return 0;
  int32_t gap = day < first ? first - day : day > last ? day - last : 0;
  return log1p((double)gap);
}

/* The best cosine of the query with one of the story's member sketches. */
static double max_sketch(const sl_cluster *c, const sl__story *s) {
  const sl__query *q = &c->q;
  uint32_t slots = s->n_sk < c->o.sketches ? s->n_sk : c->o.sketches;
  double best = 0;
  for (uint32_t m = 0; m < slots; m++) {
    const sl__kv *sk = s->sketch + (size_t)m * c->o.sketch_terms;
    double dot = 0;
    for (uint32_t i = 0; i < s->sk_len[m]; i++) {
      const uint32_t *ix = sl__ktab_find(&q->terms, sk[i].key);
      if (ix)
        dot += (double)q->tw[*ix].w * sk[i].w;
    }
    if (dot > best)
      best = dot;
  }
  return best;
}

/* Time scales the content similarity instead of adding to it: the
 * similarity decays with the gap (in days when both are dated, in arrivals
 * otherwise), so that closeness in time alone never joins two articles
 * that share nothing. Needs f[SL_CF_TERMS]. */
static void time_features(double *f, double days, double seq) {
  f[SL_CF_DAYS] = f[SL_CF_TERMS] * days;
  f[SL_CF_SEQ] = f[SL_CF_TERMS] * seq;
}

void sl__features(const sl_cluster *c, const sl__story *s, double *f) {
  sl__features_bound(c, s, f, -1.0);
}

bool sl__features_bound(const sl_cluster *c, const sl__story *s, double *f,
                        double floor) {
  const sl__query *q = &c->q;
  double dot = 0, tdot = 0, edot = 0;
  for (uint32_t i = 0; i < s->n_cent; i++) {
    const uint32_t *ix = sl__ktab_find(&q->terms, s->cent[i].key);
    if (ix) {
      dot += (double)q->tw[*ix].w * s->cent[i].w;
      tdot += (double)q->titw[*ix] * s->cent[i].w;
    }
  }
  for (uint32_t i = 0; i < s->n_ents; i++) {
    const uint32_t *ix = sl__ktab_find(&q->ents, s->ents[i].key);
    if (ix)
      edot += (double)q->ew[*ix].w * s->ents[i].w;
  }
  uint32_t nums = 0;
  for (uint32_t i = 0; i < s->n_nums; i++)
    nums += sl__ktab_find(&q->nums, s->nums[i].key) != NULL;
  f[SL_CF_BIAS] = 1.0;
  f[SL_CF_TERMS] = s->cent_norm > 0 ? dot / s->cent_norm : 0;
  f[SL_CF_TITLE] = s->cent_norm > 0 ? tdot / s->cent_norm : 0;
  f[SL_CF_ENTS] = s->ent_norm > 0 ? edot / s->ent_norm : 0;
  f[SL_CF_NUMS] = q->n_n ? (double)nums / q->n_n : 0;
  time_features(f, day_gap(q->fday, s->first_fday, s->last_fday),
                log1p((double)(q->seq - s->last_seq)) / 10.0);
  f[SL_CF_SIZE] = log1p((double)s->n_docs) / 5.0;
  f[SL_CF_MAXSIM] = 1.0; /* its upper bound (a cosine) */
  if (floor > 0 && c->m.w[SL_CF_MAXSIM] >= 0 && sl__prob(&c->m, f) < floor) {
    f[SL_CF_MAXSIM] = 0;
    return false; /* cannot reach the floor: spare the sketches */
  }
  f[SL_CF_MAXSIM] = max_sketch(c, s);
  return true;
}

/* The best cosine between a sketch of `a` and one of `b`. */
static double max_sketch_pair(const sl_cluster *c, const sl__story *a,
                              const sl__story *b) {
  uint32_t k = c->o.sketch_terms, m = c->o.sketches;
  uint32_t na = a->n_sk < m ? a->n_sk : m, nb = b->n_sk < m ? b->n_sk : m;
  double best = 0;
  for (uint32_t i = 0; i < na; i++)
    for (uint32_t j = 0; j < nb; j++) {
      double d = sl__kv_dot(a->sketch + (size_t)i * k, a->sk_len[i],
                            b->sketch + (size_t)j * k, b->sk_len[j]);
      if (d > best)
        best = d;
    }
  return best;
}

bool sl__story_features(const sl_cluster *c, const sl__story *a,
                        const sl__story *b, double *f, double floor) {
  double na = a->cent_norm * b->cent_norm, ne = a->ent_norm * b->ent_norm;
  f[SL_CF_BIAS] = 1.0;
  f[SL_CF_TERMS] =
      na > 0 ? sl__kv_dot(a->cent, a->n_cent, b->cent, b->n_cent) / na : 0;
  f[SL_CF_TITLE] = f[SL_CF_TERMS];
  f[SL_CF_ENTS] =
      ne > 0 ? sl__kv_dot(a->ents, a->n_ents, b->ents, b->n_ents) / ne : 0;
  uint32_t nums = 0;
  for (uint32_t i = 0, j = 0; i < a->n_nums && j < b->n_nums;) {
    if (a->nums[i].key < b->nums[j].key)
      i++;
    else if (b->nums[j].key < a->nums[i].key)
      j++;
    else
      nums++, i++, j++;
  }
  /* Shared over the larger set: over the smaller one, a story that has
   * seen a single common number (the current year, a round sum) shares
   * all its numbers with every story that states it too. */
  uint32_t more = a->n_nums > b->n_nums ? a->n_nums : b->n_nums;
  f[SL_CF_NUMS] = more ? (double)nums / more : 0;
  int32_t day = a->last_fday < b->first_fday ? a->last_fday : a->first_fday;
  uint64_t gap = a->last_seq < b->first_seq   ? b->first_seq - a->last_seq
                 : b->last_seq < a->first_seq ? a->first_seq - b->last_seq
                                              : 0;
  time_features(f, day_gap(day, b->first_fday, b->last_fday),
                log1p((double)gap) / 10.0);
  uint32_t small = a->n_docs < b->n_docs ? a->n_docs : b->n_docs;
  f[SL_CF_SIZE] = log1p((double)small) / 5.0;
  f[SL_CF_MAXSIM] = 1.0; /* its upper bound */
  if (floor > 0 && c->m.w[SL_CF_MAXSIM] >= 0 && sl__prob(&c->m, f) < floor) {
    f[SL_CF_MAXSIM] = 0;
    return false;
  }
  f[SL_CF_MAXSIM] = max_sketch_pair(c, a, b);
  return true;
}

double sl__prob(const sl_cluster_model *m, const double *f) {
  double z = 0;
  for (int i = 0; i < SL_CF_COUNT; i++)
    z += m->w[i] * f[i];
  return 1.0 / (1.0 + exp(-z));
}
