/* storyline cluster: the clusterer: adding docs, duplicates and restored
 * docs, reading stories, counts. */
#include <stdlib.h>
#include <string.h>

#include "cluster/cluster_int.h"

void sl_cluster_opts_default(sl_cluster_opts *o) {
  o->centroid_terms = 96;
  o->story_ents = 48;
  o->story_nums = 24;
  o->sketch_terms = 24;
  o->sketches = 8;
  o->index_terms = 12;
  o->index_ents = 8;
  o->query_keys = 16;
  o->max_postings = 128;
  o->max_candidates = 16;
  o->expire_days = 30;
  o->expire_seq = 20000;
  o->expire_min_seq = 2000;
  o->merge_every = 500;
  o->max_related = 4;
  o->title_weight = 2.0;
  o->seed = 0x5eed5eed5eedULL;
}

static bool opts_valid(const sl_cluster_opts *o) {
  return o->centroid_terms >= 1 && o->sketches <= 64 &&
         o->index_terms + o->index_ents >= 1 && o->query_keys >= 1 &&
         o->max_candidates >= 1 && o->max_candidates <= 4096 &&
         o->title_weight >= 0;
}

sl_cluster *sl_cluster_new(const sl_cluster_opts *o,
                           const sl_cluster_model *m) {
  sl_cluster *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  if (o)
    c->o = *o;
  else
    sl_cluster_opts_default(&c->o);
  if (m)
    c->m = *m;
  else
    sl_cluster_model_default(&c->m);
  if (!opts_valid(&c->o)) {
    free(c);
    return NULL;
  }
  uint32_t seed = (uint32_t)(c->o.seed ^ (c->o.seed >> 32));
  sl__ktab_init(&c->df, seed);
  sl__index_init(&c->index, seed + 1);
  sl__ktab_init(&c->q.terms, seed + 2);
  sl__ktab_init(&c->q.ents, seed + 3);
  sl__ktab_init(&c->q.nums, seed + 4);
  sl__ktab_init(&c->hit_ix, seed + 5);
  c->now_day = SL__NODAY;
  return c;
}

void sl_cluster_free(sl_cluster *c) {
  if (!c)
    return;
  for (size_t i = 0; i < c->n_stories; i++)
    sl__story_free(c->stories[i]);
  free(c->stories);
  free(c->live);
  sl__index_release(&c->index);
  sl__ktab_release(&c->df);
  sl__ktab_release(&c->q.terms);
  sl__ktab_release(&c->q.ents);
  sl__ktab_release(&c->q.nums);
  free(c->q.tw);
  free(c->q.titw);
  free(c->q.ew);
  sl__ktab_release(&c->hit_ix);
  free(c->hits);
  free(c->log);
  free(c);
}

void sl__tick(sl_cluster *c, int32_t day, uint64_t seq) {
  if (seq > c->now_seq)
    c->now_seq = seq;
  if (day != SL__NODAY && (c->now_day == SL__NODAY || day > c->now_day)) {
    c->now_day = day;
    c->since_expire = 64; /* a new day: expire at the next housekeeping */
  }
  c->docs++;
}

/* Expiry and merge, run every so often. */
static sl_status housekeeping(sl_cluster *c) {
  if (++c->since_expire >= 64) {
    c->since_expire = 0;
    sl__expire(c);
  }
  if (c->o.merge_every && ++c->since_merge >= c->o.merge_every) {
    c->since_merge = 0;
    return sl__merge_step(c, NULL);
  }
  return SL_OK;
}

/* Links the doc's story with candidates that scored as related: likely
 * enough, sharing entities (actors), but not joined. */
static void link_related(sl_cluster *c, sl__story *s, const uint32_t *cand,
                         const double *probs, const float *ents, size_t n) {
  for (size_t i = 0; i < n; i++) {
    sl__story *o = c->stories[cand[i]];
    if (o == s || probs[i] < c->m.related_min || ents[i] <= 0)
      continue;
    sl__story_link(s, o->id, (float)probs[i], c->o.max_related);
    sl__story_link(o, s->id, (float)probs[i], c->o.max_related);
  }
}

/* Scores the candidates; returns the index of the best or -1. */
static long score_all(sl_cluster *c, const uint32_t *cand, size_t n,
                      double *probs, float *ents) {
  long best = -1;
  double f[SL_CF_COUNT];
  for (size_t i = 0; i < n; i++) {
    sl__story *s = c->stories[cand[i]];
    probs[i] = 0;
    ents[i] = 0;
    if (sl__quiet(c, s)) /* expiry runs every so often: not yet closed */
      continue;
    /* below this a story can neither be joined, beat the best, nor link */
    double floor =
        c->m.join_min < c->m.related_min ? c->m.join_min : c->m.related_min;
    if (best >= 0 && probs[best] < floor)
      floor = probs[best];
    if (!sl__features_bound(c, s, f, floor))
      continue;
    probs[i] = sl__prob(&c->m, f);
    ents[i] = (float)f[SL_CF_ENTS];
    if (best < 0 || probs[i] > probs[best])
      best = (long)i;
  }
  return best;
}

sl_status sl_cluster_add(sl_cluster *c, const sl_cluster_doc *doc,
                         sl_cluster_result *res) {
  memset(res, 0, sizeof *res);
  if (doc->seq <= c->now_seq)
    return SL_EINVAL;
  sl__tick(c, doc->day, doc->seq);
  sl_status st = sl__df_add(c, doc);
  if (st == SL_OK)
    st = sl__query_build(c, doc);
  if (st != SL_OK)
    return st;
  uint32_t cand[4096];
  double probs[4096];
  float ents[4096];
  size_t n = sl__candidates(c, cand);
  long b = score_all(c, cand, n, probs, ents);
  res->candidates = (uint32_t)n;
  sl__story *s = NULL;
  if (b >= 0) {
    res->best = c->stories[cand[b]]->id;
    res->score = probs[b];
    if (probs[b] >= c->m.join_min)
      s = c->stories[cand[b]];
  }
  res->is_new = s == NULL;
  if (!s && !(s = sl__story_open(c)))
    return SL_ENOMEM;
  res->story = s->id;
  st = sl__story_absorb(c, s, doc, res->is_new ? 0.0f : (float)res->score);
  if (st == SL_OK)
    st = sl__story_member(s, doc->id, doc->day, doc->seq);
  if (st != SL_OK)
    return st;
  link_related(c, s, cand, probs, ents, n);
  return housekeeping(c);
}

static sl__story *find(const sl_cluster *c, int64_t id) {
  if (id < 1 || (uint64_t)id > c->n_stories)
    return NULL;
  sl__story *s = c->stories[id - 1];
  return s && !(s->flags & SL__ST_MERGED) ? s : NULL;
}

sl_status sl_cluster_add_dup(sl_cluster *c, int64_t id, uint64_t seq,
                             sl_date date, int64_t story) {
  sl__story *s = find(c, sl_cluster_resolve(c, story));
  if (!s)
    return SL_ENOENT;
  int32_t day = sl__days(date);
  sl__tick(c, day, seq);
  return sl__story_member(s, id, day, seq);
}

/* Extends the story slots to `id` during a rebuild, the slots in between
 * left empty, and opens story `id`. */
static sl__story *open_at(sl_cluster *c, int64_t id) {
  while ((uint64_t)id > c->n_stories + 1) {
    sl__story *gap = sl__story_open(c);
    if (!gap)
      return NULL;
    sl__story_close(c, gap);
    c->stories[gap->id - 1] = NULL;
    sl__story_free(gap);
  }
  return sl__story_open(c);
}

sl_status sl_cluster_skip_ids(sl_cluster *c, int64_t last) {
  while (last > 0 && (uint64_t)last > c->n_stories) {
    sl__story *gap = sl__story_open(c);
    if (!gap)
      return SL_ENOMEM;
    sl__story_close(c, gap);
    c->stories[gap->id - 1] = NULL;
    sl__story_free(gap);
  }
  return SL_OK;
}

/* The story a restored doc goes to: existing, or opened at its id (ids
 * past the end are reached through empty slots, which later docs fill:
 * a merge may have kept a newer story). NULL when out of memory or merged
 * away. */
static sl__story *restore_target(sl_cluster *c, int64_t story) {
  if ((uint64_t)story > c->n_stories && !open_at(c, story))
    return NULL;
  sl__story *s = c->stories[story - 1];
  if (!s)
    return sl__story_open_at(c, story);
  return s->flags & SL__ST_MERGED ? NULL : s;
}

sl_status sl_cluster_restore(sl_cluster *c, const sl_cluster_doc *doc,
                             int64_t story) {
  if (doc->seq <= c->now_seq || story < 1)
    return SL_EINVAL;
  sl__story *s = restore_target(c, story);
  if (!s)
    return SL_EINVAL;
  sl_status st = sl__story_reopen(c, s); /* quiet in between: back again */
  if (st != SL_OK)
    return st;
  sl__tick(c, doc->day, doc->seq);
  st = sl__df_add(c, doc);
  if (st == SL_OK)
    st = sl__query_build(c, doc);
  /* The fit it joined with, which picks the story's headline: its
   * probability against the story as it stands (the opener's is 0). */
  float fit = 0.0f;
  if (st == SL_OK && s->n_docs) {
    double f[SL_CF_COUNT];
    sl__features(c, s, f);
    fit = (float)sl__prob(&c->m, f);
  }
  if (st == SL_OK)
    st = sl__story_absorb(c, s, doc, fit);
  if (st == SL_OK)
    st = sl__story_member(s, doc->id, doc->day, doc->seq);
  if (st == SL_OK && ++c->since_expire >= 64) {
    c->since_expire = 0;
    sl__expire(c);
  }
  return st;
}

int64_t sl_cluster_resolve(const sl_cluster *c, int64_t id) {
  for (int hops = 0; hops < 64; hops++) {
    if (id < 1 || (uint64_t)id > c->n_stories || !c->stories[id - 1])
      return 0;
    const sl__story *s = c->stories[id - 1];
    if (!(s->flags & SL__ST_MERGED))
      return id;
    id = s->merged_into;
  }
  return 0;
}

static void view(const sl__story *s, sl_cluster_story *out) {
  out->id = s->id;
  out->live = (s->flags & SL__ST_LIVE) != 0;
  out->members = s->members;
  out->n_members = s->n_members;
  out->first = sl__date_of_days(s->first_day);
  out->last = sl__date_of_days(s->last_day);
  out->first_seq = s->first_seq;
  out->last_seq = s->last_seq;
  out->headline = s->headline ? s->headline : "";
  out->related = s->related;
  out->n_related = s->n_related;
}

sl_status sl_cluster_story_get(const sl_cluster *c, int64_t id,
                               sl_cluster_story *out) {
  const sl__story *s = find(c, id);
  if (!s)
    return SL_ENOENT;
  view(s, out);
  return SL_OK;
}

bool sl_cluster_next(const sl_cluster *c, size_t *pos, sl_cluster_story *out) {
  while (*pos < c->n_stories) {
    const sl__story *s = c->stories[(*pos)++];
    if (s && !(s->flags & SL__ST_MERGED)) {
      view(s, out);
      return true;
    }
  }
  return false;
}

const sl_cluster_merge_ev *sl_cluster_merges(const sl_cluster *c, size_t *n) {
  *n = c->n_log;
  return c->log;
}

void sl_cluster_merges_clear(sl_cluster *c) {
  c->n_log = 0;
}

size_t sl_cluster_drop_expired(sl_cluster *c) {
  size_t n = 0;
  for (size_t i = 0; i < c->n_stories; i++) {
    sl__story *s = c->stories[i];
    if (s && !(s->flags & (SL__ST_LIVE | SL__ST_MERGED))) {
      sl__story_free(s);
      c->stories[i] = NULL;
      n++;
    }
  }
  return n;
}

void sl_cluster_stats_get(const sl_cluster *c, sl_cluster_stats *out) {
  memset(out, 0, sizeof *out);
  out->docs = c->docs;
  out->stories = c->n_stories;
  out->live_stories = c->n_live;
  out->merges = c->merges;
  size_t story_mem = 0;
  for (size_t i = 0; i < c->n_live; i++) {
    const sl__story *s = c->stories[c->live[i]];
    out->live_docs += s->n_members;
    story_mem += sl__story_memory(c, s);
  }
  out->index_memory =
      story_mem + sl__index_memory(&c->index) + c->cap_live * sizeof(uint32_t);
  out->memory = out->index_memory + sl__ktab_memory(&c->df) +
                c->cap_stories * sizeof(void *) + sl__ktab_memory(&c->hit_ix) +
                c->cap_hits * sizeof(sl__hit);
  for (size_t i = 0; i < c->n_stories; i++) {
    const sl__story *s = c->stories[i];
    if (s && !(s->flags & SL__ST_LIVE))
      out->memory += sl__story_memory(c, s);
  }
}
