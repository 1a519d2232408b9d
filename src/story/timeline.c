/* storyline story: the timeline of a set of sentences. Days are chosen by
 * how many articles point to them, then each day's sentences (tl_pick.c);
 * background periods stated before the first day come last. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "story/timeline_int.h"

sl_timeline_tuning sl_timeline_tuning_default(void) {
  /* Chosen one weight at a time, leave one topic out, on Timeline17's
   * dev topics (bench/timeline_eval.sh loo): each value below is the one
   * that three topics chose for the fourth in most folds. */
  sl_timeline_tuning t = {.same_day = 0,
                          .published = 1,
                          .lead = 10,
                          .min_words = 6,
                          .max_words = 60,
                          .relevance = 1,
                          .topic = 0.5,
                          .support = 0.5,
                          .unstated = 0.8,
                          .personal = 1,
                          .quoted = 1,
                          .caption = 0.5,
                          .merge = 0.7,
                          .redundant = 0.3,
                          .background = 3,
                          .background_min = 3};
  return t;
}

void sl_timeline_init(sl_timeline *tl) {
  memset(tl, 0, sizeof *tl);
}

void sl_timeline_release(sl_timeline *tl) {
  if (!tl)
    return;
  if (tl->mem) {
    sl_arena_release(tl->mem);
    free(tl->mem);
  }
  free(tl->entries);
  sl_timeline_init(tl);
}

/* Each usable candidate's cosine with the centroid of them all. */
static sl_status topic_sims(tl_run *r, const uint32_t *which, size_t k) {
  double *sum = calloc(r->n_terms ? r->n_terms : 1, sizeof *sum);
  if (!sum)
    return SL_ENOMEM;
  double norm = 0;
  for (size_t i = 0; i < k; i++) {
    const tl_sent *v = &r->v[which[i]];
    for (uint32_t t = 0; v->usable && t < v->n_terms; t++)
      sum[v->terms[t].id] += v->terms[t].w;
  }
  for (uint32_t t = 0; t < r->n_terms; t++)
    norm += sum[t] * sum[t];
  norm = norm > 0 ? sqrt(norm) : 1;
  for (size_t i = 0; i < k; i++) {
    tl_sent *v = &r->v[which[i]];
    double dot = 0;
    for (uint32_t t = 0; t < v->n_terms; t++)
      dot += v->terms[t].w * sum[v->terms[t].id];
    v->topic = (float)(dot / norm);
  }
  free(sum);
  return SL_OK;
}

/* Turns every candidate (days and background) into a term vector. */
static sl_status vectorize(tl_run *r) {
  uint8_t *want = calloc(r->n ? r->n : 1, 1);
  uint32_t *which = malloc((r->n ? r->n : 1) * sizeof *which);
  r->v = calloc(r->n ? r->n : 1, sizeof *r->v);
  sl_status st = want && which && r->v ? SL_OK : SL_ENOMEM;
  size_t k = 0;
  for (size_t i = 0; st == SL_OK && i < r->cands.len; i++)
    want[SL_VEC_AT(&r->cands, tl_cand, i).sent] = 1;
  for (size_t i = 0; st == SL_OK && i < r->bg.len; i++)
    want[SL_VEC_AT(&r->bg, tl_cand, i).sent] = 1;
  for (size_t i = 0; st == SL_OK && i < r->votes.len; i++)
    want[SL_VEC_AT(&r->votes, tl_vote, i).sent] = 1;
  for (size_t i = 0; st == SL_OK && i < r->n; i++)
    if (want[i])
      which[k++] = (uint32_t)i;
  if (st == SL_OK)
    st = sl__tl_words(r->s, which, k, r->v, &r->df, &r->n_terms);
  size_t usable = 0;
  for (size_t i = 0; st == SL_OK && i < k; i++) {
    tl_sent *v = &r->v[which[i]];
    v->usable = !v->question && v->words >= r->t.min_words &&
                v->words <= r->t.max_words && v->n_terms > 0;
    usable += v->usable;
  }
  for (size_t i = 0; st == SL_OK && i < k; i++)
    sl__tl_weigh(&r->v[which[i]], r->df.data, usable);
  if (st == SL_OK)
    st = topic_sims(r, which, k);
  free(want);
  free(which);
  return st;
}

static int by_score(const void *a, const void *b) {
  const tl_day *x = a, *y = b;
  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return (x->day > y->day) - (x->day < y->day);
}

/* How many days to list when the caller does not say: the days at least
 * two articles point to, between 5 and 30 of them. */
static size_t auto_dates(const sl_vec *days) {
  size_t n = 0;
  for (size_t i = 0; i < days->len; i++)
    n += SL_VEC_AT(days, tl_day, i).score >= 2;
  if (n < 5)
    n = 5;
  return n > 30 ? 30 : n;
}

/* Picks the sentences of the best days until `want` days have some. */
static sl_status pick_days(tl_run *r, tl_picker *p, size_t want,
                           sl_vec *drafts) {
  sl__tl_sort(r->days.data, r->days.len, sizeof(tl_day), by_score);
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < r->days.len && drafts->len < want;
       i++) {
    const tl_day *d = &SL_VEC_AT(&r->days, tl_day, i);
    draft dr = {d->day, NULL, 0, SL_VEC_INIT(tl_pick)};
    st = sl__tl_pick_day(p, d, &dr.picks);
    if (st == SL_OK && dr.picks.len)
      st = sl_vec_push(drafts, &dr);
    else
      sl_vec_release(&dr.picks);
  }
  return st;
}

static void run_release(tl_run *r) {
  for (size_t i = 0; r->v && i < r->n; i++)
    free(r->v[i].terms);
  free(r->v);
  sl_vec_release(&r->cands);
  sl_vec_release(&r->votes);
  sl_vec_release(&r->days);
  sl_vec_release(&r->df);
  sl_vec_release(&r->bg);
  sl_vec_release(&r->bgday);
}

/* The first day of the material: `from`, else the earliest publication. */
static long span_start(const tl_run *r) {
  if (r->from != LONG_MIN)
    return r->from;
  long first = LONG_MAX;
  for (size_t i = 0; i < r->n; i++)
    if (r->s[i].published.year) {
      long d = sl__tl_days(r->s[i].published);
      first = d < first ? d : first;
    }
  return first == LONG_MAX ? LONG_MIN : first;
}

static sl_status build(tl_run *r, const sl_story_tl_opts *o, sl_vec *drafts,
                       size_t *n_bg) {
  sl_status st = sl__tl_candidates(r->s, r->n, r->from, r->to, &r->t, &r->cands,
                                   &r->votes);
  if (st == SL_OK && r->t.background)
    st = sl__tl_bg_collect(r, span_start(r));
  if (st == SL_OK)
    st = vectorize(r);
  if (st == SL_OK)
    st = sl__tl_score_days(&r->votes, r->v, &r->t, &r->cands, &r->days);
  if (st != SL_OK)
    return st;
  tl_picker p = {.s = r->s,
                 .v = r->v,
                 .cands = r->cands.data,
                 .t = &r->t,
                 .per_date = o->per_date ? o->per_date : 3,
                 /* left to choose, a day says more only when it is
                  * nearly as central as the first thing it says */
                 .keep = o->per_date ? 0 : 0.8,
                 .centroid = calloc(r->n_terms ? r->n_terms : 1, sizeof(float)),
                 .chosen = SL_VEC_INIT(uint32_t)};
  st = p.centroid ? SL_OK : SL_ENOMEM;
  if (st == SL_OK)
    st = pick_days(r, &p, o->dates ? o->dates : auto_dates(&r->days), drafts);
  size_t before = drafts->len;
  if (st == SL_OK && r->t.background)
    st = sl__tl_bg_pick(r, &p, drafts);
  *n_bg = drafts->len - before;
  free(p.centroid);
  sl_vec_release(&p.chosen);
  return st;
}

sl_status sl_story_timeline(const sl_story_sent *s, size_t n,
                            const sl_story_tl_opts *opts, sl_timeline *out) {
  sl_timeline_init(out);
  if (!s && n)
    return SL_EINVAL;
  sl_story_tl_opts o = {0};
  if (opts)
    o = *opts;
  tl_run r = {.s = s,
              .n = n,
              .t = o.tuning ? *o.tuning : sl_timeline_tuning_default(),
              .from = o.from.year ? sl__tl_days(o.from) : LONG_MIN,
              .to = o.to.year ? sl__tl_days(o.to) : LONG_MAX};
  sl_vec_init(&r.cands, sizeof(tl_cand));
  sl_vec_init(&r.votes, sizeof(tl_vote));
  sl_vec_init(&r.days, sizeof(tl_day));
  sl_vec_init(&r.df, sizeof(uint32_t));
  sl_vec_init(&r.bg, sizeof(tl_cand));
  sl_vec_init(&r.bgday, sizeof(tl_day));
  sl_vec drafts = SL_VEC_INIT(draft);
  size_t n_bg = 0;
  sl_status st = build(&r, &o, &drafts, &n_bg);
  if (st == SL_OK)
    st = sl__tl_emit(s, &drafts, n_bg, out);
  if (st != SL_OK)
    sl_timeline_release(out);
  sl__tl_drafts_release(&drafts);
  run_release(&r);
  return st;
}
