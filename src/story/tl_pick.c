/* storyline story: the sentences of one day. The day's candidates that
 * say the same thing are merged (a group cites every article); groups
 * rank by closeness to what the day's candidates say together, by how
 * many articles say them, and by whether they state the day; what the
 * timeline already says is left out. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "story/timeline_int.h"

/* A group of candidates that say one thing; `rep` says it best. */
typedef struct group {
  uint32_t rep;
  bool stated;
  double score;
  sl_vec same;    /* uint32_t sentences merged in */
  sl_vec sources; /* int64_t duplicate groups, to count them once */
} group;

typedef struct scored {
  uint32_t sent;
  bool stated;
  double sim;
} scored;

static int by_sim(const void *a, const void *b) {
  const scored *x = a, *y = b;
  if (x->sim != y->sim)
    return x->sim < y->sim ? 1 : -1;
  return (x->sent > y->sent) - (x->sent < y->sent);
}

static int by_score(const void *a, const void *b) {
  const group *x = a, *y = b;
  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return (x->rep > y->rep) - (x->rep < y->rep);
}

/* Scores the usable candidates by their cosine with the day's centroid;
 * returns how many there are in `out`. */
static size_t score_day(tl_picker *p, const tl_day *d, scored *out) {
  size_t n = 0;
  for (uint32_t i = 0; i < d->count; i++) {
    const tl_cand *c = &p->cands[d->first + i];
    const tl_sent *v = &p->v[c->sent];
    if (!v->usable)
      continue;
    for (uint32_t k = 0; k < v->n_terms; k++)
      p->centroid[v->terms[k].id] += v->terms[k].w;
    out[n++] = (scored){c->sent, c->stated, 0};
  }
  double norm = 0;
  for (size_t i = 0; i < n; i++) {
    const tl_sent *v = &p->v[out[i].sent];
    double dot = 0;
    for (uint32_t k = 0; k < v->n_terms; k++)
      dot += (double)v->terms[k].w * p->centroid[v->terms[k].id];
    out[i].sim = dot;
    norm += dot; /* sum of dots with the sum = |sum|^2 */
  }
  for (size_t i = 0; i < n; i++) {
    const tl_sent *v = &p->v[out[i].sent];
    for (uint32_t k = 0; k < v->n_terms; k++)
      p->centroid[v->terms[k].id] = 0;
    double day = norm > 0 ? out[i].sim / sqrt(norm) : 0;
    out[i].sim = (1 - p->t->topic) * day + p->t->topic * v->topic;
  }
  return n;
}

static sl_status group_add(group *g, const tl_picker *p, const scored *c) {
  int64_t src = p->s[c->sent].group;
  g->stated |= c->stated;
  bool seen = false;
  for (size_t i = 0; i < g->sources.len && !seen; i++)
    seen = SL_VEC_AT(&g->sources, int64_t, i) == src;
  if (!seen && sl_vec_push(&g->sources, &src) != SL_OK)
    return SL_ENOMEM;
  return c->sent == g->rep ? SL_OK : sl_vec_push(&g->same, &c->sent);
}

/* Merges the candidates (best first) into groups of near-identical
 * sentences; the best of each group says it. */
static sl_status merge(const tl_picker *p, const scored *c, size_t n,
                       sl_vec *groups) {
  for (size_t i = 0; i < n; i++) {
    group *g = NULL;
    for (size_t k = 0; k < groups->len && !g; k++) {
      group *h = &SL_VEC_AT(groups, group, k);
      if (sl__tl_cos(&p->v[h->rep], &p->v[c[i].sent]) >= p->t->merge)
        g = h;
    }
    if (!g) {
      g = sl_vec_push_zero(groups);
      if (!g)
        return SL_ENOMEM;
      g->rep = c[i].sent;
      g->score = c[i].sim;
      sl_vec_init(&g->same, sizeof(uint32_t));
      sl_vec_init(&g->sources, sizeof(int64_t));
    }
    if (group_add(g, p, &c[i]) != SL_OK)
      return SL_ENOMEM;
  }
  return SL_OK;
}

static bool redundant(const tl_picker *p, uint32_t sent) {
  for (size_t i = 0; i < p->chosen.len; i++) {
    uint32_t o = SL_VEC_AT(&p->chosen, uint32_t, i);
    if (sl__tl_cos(&p->v[o], &p->v[sent]) >= p->t->redundant)
      return true;
  }
  return false;
}

/* Takes the best groups that the timeline does not say yet. */
static sl_status choose(tl_picker *p, sl_vec *groups, sl_vec *out) {
  for (size_t k = 0; k < groups->len; k++) {
    group *g = &SL_VEC_AT(groups, group, k);
    double n = (double)g->sources.len;
    const tl_sent *v = &p->v[g->rep];
    g->score *=
        (1 + p->t->support * log(n)) * (g->stated ? 1 : p->t->unstated) *
        (v->personal ? p->t->personal : 1) * (v->quoted ? p->t->quoted : 1) *
        (v->caption ? p->t->caption : 1);
  }
  sl__tl_sort(groups->data, groups->len, sizeof(group), by_score);
  size_t taken = 0;
  for (size_t k = 0; k < groups->len && taken < p->per_date; k++) {
    group *g = &SL_VEC_AT(groups, group, k);
    if (redundant(p, g->rep))
      continue;
    if (taken && g->score < p->keep * SL_VEC_AT(groups, group, 0).score)
      break;
    tl_pick pick = {g->rep, g->stated, g->same.data, (uint32_t)g->same.len};
    if (sl_vec_push(out, &pick) != SL_OK ||
        sl_vec_push(&p->chosen, &g->rep) != SL_OK)
      return SL_ENOMEM;
    sl_vec_init(&g->same, sizeof(uint32_t)); /* now owned by the pick */
    taken++;
  }
  return SL_OK;
}

sl_status sl__tl_pick_day(tl_picker *p, const tl_day *d, sl_vec *out) {
  scored *c = malloc((d->count ? d->count : 1) * sizeof *c);
  if (!c)
    return SL_ENOMEM;
  size_t n = score_day(p, d, c);
  sl__tl_sort(c, n, sizeof *c, by_sim);
  sl_vec groups = SL_VEC_INIT(group);
  sl_status st = merge(p, c, n, &groups);
  if (st == SL_OK)
    st = choose(p, &groups, out);
  for (size_t k = 0; k < groups.len; k++) {
    sl_vec_release(&SL_VEC_AT(&groups, group, k).same);
    sl_vec_release(&SL_VEC_AT(&groups, group, k).sources);
  }
  sl_vec_release(&groups);
  free(c);
  return st;
}
