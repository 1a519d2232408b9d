/* storyline dedup: the index of earlier articles and the check of a new
 * one against it (see dedup.h). Candidates come from three flat tables:
 * exact hashes, nested hash-mod samples of shingles (near and contained,
 * in both directions) and MinHash bands of content words (rewrites); each
 * candidate is verified on its full fingerprint, fetched from the caller. */
#include <stdlib.h>
#include <string.h>

#include "dedup/dedup_int.h"
#include "dedup/table.h"

#define HITS_CAP 4096 /* distinct candidate ids counted per query */

typedef struct hit {
  uint32_t id;
  uint16_t samples; /* shared shingle samples */
  uint16_t bands;   /* shared rewrite bands */
} hit;

typedef struct cand {
  uint32_t id;
  double prio;
} cand;

struct sl_dedup {
  sl_dedup_opts o;
  sl__dtable exact, samples, bands;
  uint8_t *meta;    /* per id: sample level << 5 | min(count, 31) */
  uint32_t *parent; /* per id: group parent, 0 when absent */
  size_t cap;       /* entries of meta and parent */
  uint32_t last;    /* the highest id added */
  size_t count;
  /* per-query scratch */
  hit hits[HITS_CAP];
  uint32_t used[HITS_CAP];
  size_t nused;
  bool counting_bands;
  uint32_t min_level; /* sample hits of articles below it are ignored */
  cand cands[HITS_CAP];
  sl_dedup_fp *other;
};

static bool opts_valid(const sl_dedup_opts *o) {
  return o->near_min > 0 && o->near_min <= 1 && o->contain_min > 0 &&
         o->contain_min <= 1 && o->contain_ratio > 0 && o->contain_ratio <= 1 &&
         o->rewrite_min > 0 && o->sent_min >= 0 && o->max_verify > 0 &&
         o->max_postings > 0;
}

sl_dedup *sl_dedup_new(const sl_dedup_opts *o) {
  sl_dedup_opts def;
  sl_dedup_opts_default(&def);
  if (o && !opts_valid(o))
    return NULL;
  sl_dedup *d = calloc(1, sizeof *d);
  if (!d)
    return NULL;
  d->o = o ? *o : def;
  uint32_t s = (uint32_t)d->o.seed, t = (uint32_t)(d->o.seed >> 32);
  sl__dtable_init(&d->exact, s, false);
  sl__dtable_init(&d->samples, s ^ t, true);
  sl__dtable_init(&d->bands, t, true);
  d->other = sl_dedup_fp_new();
  if (!d->other) {
    free(d);
    return NULL;
  }
  return d;
}

void sl_dedup_free(sl_dedup *d) {
  if (!d)
    return;
  sl__dtable_release(&d->exact);
  sl__dtable_release(&d->samples);
  sl__dtable_release(&d->bands);
  free(d->meta);
  free(d->parent);
  sl_dedup_fp_free(d->other);
  free(d);
}

static sl_status grow_ids(sl_dedup *d, size_t n) {
  if (n <= d->cap)
    return SL_OK;
  size_t cap = d->cap < 1024 ? 1024 : d->cap;
  while (cap < n)
    cap += cap / 2;
  uint8_t *meta = realloc(d->meta, cap);
  if (!meta)
    return SL_ENOMEM;
  d->meta = meta;
  uint32_t *parent = realloc(d->parent, cap * sizeof *parent);
  if (!parent)
    return SL_ENOMEM;
  d->parent = parent;
  memset(meta + d->cap, 0, cap - d->cap);
  memset(parent + d->cap, 0, (cap - d->cap) * sizeof *parent);
  d->cap = cap;
  return SL_OK;
}

sl_status sl_dedup_reserve(sl_dedup *d, size_t n) {
  sl_status st = sl__dtable_reserve(&d->exact, n);
  if (st == SL_OK)
    st = sl__dtable_reserve(&d->samples, n * 12);
  if (st == SL_OK)
    st = sl__dtable_reserve(&d->bands, n * SL__DEDUP_BANDS);
  return st == SL_OK ? grow_ids(d, n + 1) : st;
}

/* counts[l]: shingles of `fp` that are samples at level l. */
static void level_counts(const sl_dedup_fp *fp,
                         uint32_t counts[SL__DEDUP_LEVELS]) {
  memset(counts, 0, SL__DEDUP_LEVELS * sizeof *counts);
  const uint32_t *sh = fp->sh.data;
  for (size_t i = 0; i < fp->sh.len; i++) {
    unsigned n = sl__dedup_sample_levels(sh[i]);
    for (unsigned l = 0; l < n; l++)
      counts[l]++;
  }
}

/* The level an article is indexed at: the finest with few enough samples. */
static unsigned index_level(const uint32_t counts[SL__DEDUP_LEVELS]) {
  unsigned l = 0;
  while (l + 1 < SL__DEDUP_LEVELS && counts[l] > SL__DEDUP_MAX_SAMPLES)
    l++;
  return l;
}

/* The root of `id`'s group. During a rebuild a member may point to a
 * canonical not restored yet (parent 0): that one is the root. */
static uint32_t find_root(const sl_dedup *d, uint32_t id) {
  while (d->parent[id] && d->parent[id] != id)
    id = d->parent[id];
  return id;
}

int64_t sl_dedup_canonical(const sl_dedup *d, int64_t id) {
  if (id <= 0 || (uint64_t)id >= d->cap || !d->parent[id])
    return 0;
  return find_root(d, (uint32_t)id);
}

size_t sl_dedup_count(const sl_dedup *d) {
  return d->count;
}

size_t sl_dedup_memory(const sl_dedup *d) {
  return sizeof *d + (d->exact.cap + d->samples.cap + d->bands.cap) * 8 +
         d->cap * (1 + sizeof(uint32_t));
}

/* ---- the check ---- */

static hit *hit_slot(sl_dedup *d, uint32_t id) {
  size_t at = sl__fmix32(id) & (HITS_CAP - 1);
  while (d->hits[at].id && d->hits[at].id != id)
    at = (at + 1) & (HITS_CAP - 1);
  if (d->hits[at].id)
    return &d->hits[at];
  if (d->nused >= HITS_CAP * 3 / 4)
    return NULL;
  d->used[d->nused++] = (uint32_t)at;
  d->hits[at] = (hit){id, 0, 0};
  return &d->hits[at];
}

static void count_hit(void *ud, uint32_t id) {
  sl_dedup *d = ud;
  if (!d->counting_bands && (d->meta[id] >> 5) < d->min_level)
    return;
  hit *h = hit_slot(d, id);
  if (!h)
    return;
  if (d->counting_bands)
    h->bands += h->bands < UINT16_MAX;
  else
    h->samples += h->samples < UINT16_MAX;
}

static void clear_hits(sl_dedup *d) {
  for (size_t i = 0; i < d->nused; i++)
    d->hits[d->used[i]].id = 0;
  d->nused = 0;
}

static int cand_cmp(const void *x, const void *y) {
  const cand *a = x, *b = y;
  if (a->prio != b->prio)
    return a->prio > b->prio ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

/* Whether match `m` beats `best`: stronger relation, higher score, earlier
 * article. The enum lists relations strongest first. */
static bool better(const sl_dup_match *m, const sl_dup_match *best) {
  if (m->rel == SL_DUP_NONE)
    return false;
  if (best->rel == SL_DUP_NONE || m->rel != best->rel)
    return best->rel == SL_DUP_NONE || m->rel < best->rel;
  if (m->score != best->score)
    return m->score > best->score;
  return m->id < best->id;
}

typedef struct query {
  sl_dedup *d;
  const sl_dedup_fp *fp;
  sl_dedup_fetch_fn fetch;
  void *ud;
  sl_dup_match *best;
  uint32_t counts[SL__DEDUP_LEVELS];
  cand *cands; /* d->cands */
  size_t ncand;
} query;

/* Whether the article of blob `v` and the query could be rewrites of each
 * other: each has the sentences and shingles a rewrite needs. */
static bool may_rewrite(const query *q, const sl__blob_view *v) {
  size_t min = q->d->o.min_shingles;
  return q->fp->sent.len >= SL__DEDUP_REWRITE_SENTS &&
         v->nsent >= SL__DEDUP_REWRITE_SENTS && q->fp->sh.len >= min &&
         v->nsh >= min;
}

/* The rewrite check of a candidate no lexical relation holds for: the
 * whole fingerprint is loaded, and aligned unless the word bags already
 * rule a rewrite out. */
static sl_status verify_rewrite(query *q, const void *blob, size_t len,
                                sl_dup_match *m) {
  sl_status st = sl_dedup_fp_load(q->d->other, blob, len);
  if (st == SL_OK &&
      sl__dedup_align_bound(q->fp, q->d->other) >= q->d->o.rewrite_min - 1e-9)
    sl__dedup_compare(q->fp, q->d->other, &q->d->o, true, m);
  return st;
}

/* Verifies candidate `id`: the lexical relations straight on its blob, and
 * the rewrite alignment for candidates of the rewrite bands only (shingle
 * candidates are lexical by nature). */
static sl_status verify(query *q, uint32_t id, bool rewrite) {
  const void *blob;
  size_t len;
  sl_status st = q->fetch(q->ud, id, &blob, &len);
  if (st == SL_ENOENT)
    return SL_OK;
  sl__blob_view v;
  sl_dup_match m;
  if (st == SL_OK)
    st = sl__dedup_blob_view(&v, blob, len);
  if (st == SL_OK)
    st = sl__dedup_compare_blob(q->fp, &v, &q->d->o, &m);
  if (st == SL_OK && m.rel == SL_DUP_NONE && rewrite && may_rewrite(q, &v))
    st = verify_rewrite(q, blob, len, &m);
  if (st != SL_OK)
    return st;
  m.id = id;
  if (better(&m, q->best))
    *q->best = m;
  return SL_OK;
}

static sl_status verify_top(query *q, bool rewrite) {
  qsort(q->cands, q->ncand, sizeof *q->cands, cand_cmp);
  size_t n = q->ncand < q->d->o.max_verify ? q->ncand : q->d->o.max_verify;
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < n; i++)
    st = verify(q, q->cands[i].id, rewrite);
  q->ncand = 0;
  return st;
}

static void collect_id(void *ud, uint32_t id) {
  query *q = ud;
  if (q->ncand < HITS_CAP)
    q->cands[q->ncand++] = (cand){id, 1.0};
}

static sl_status check_exact(query *q) {
  sl__dtable_get(&q->d->exact, (uint32_t)(q->fp->exact >> 32),
                 q->d->o.max_postings, collect_id, q);
  return verify_top(q, false);
}

/* The estimated containment either way from shared samples. */
static double sample_prio(const query *q, const hit *h) {
  uint8_t meta = q->d->meta[h->id];
  unsigned lev = meta >> 5, cnt = meta & 31, mine = q->counts[lev];
  double in_new = cnt ? (double)h->samples / cnt : 0;
  double in_old = mine ? (double)h->samples / mine : 0;
  double p = in_new > in_old ? in_new : in_old;
  return p > 1 ? 1 : p;
}

/* Looks up `n` keys of table `t`, their first slots loaded together
 * (each look-up starts with a cache miss in a large index). */
static void get_keys(sl_dedup *d, const sl__dtable *t, const uint32_t *keys,
                     size_t n) {
  for (size_t i = 0; i < n; i++)
    sl__dtable_prefetch(t, keys[i]);
  for (size_t i = 0; i < n; i++)
    sl__dtable_get(t, keys[i], d->o.max_postings, count_hit, d);
}

static void lookup_samples(query *q, unsigned min_level) {
  enum { BATCH = 32 };
  sl_dedup *d = q->d;
  d->counting_bands = false;
  d->min_level = min_level;
  const uint32_t *sh = q->fp->sh.data;
  uint32_t keys[BATCH];
  size_t n = 0;
  for (size_t i = 0; i < q->fp->sh.len; i++) {
    if (sl__dedup_sample_levels(sh[i]) <= min_level)
      continue;
    keys[n++] = sh[i];
    if (n == BATCH)
      get_keys(d, &d->samples, keys, n), n = 0;
  }
  get_keys(d, &d->samples, keys, n);
}

static void lookup_bands(query *q) {
  uint32_t keys[SL__DEDUP_BANDS];
  unsigned n = sl__dedup_bands(q->fp, keys);
  q->d->counting_bands = true;
  get_keys(q->d, &q->d->bands, keys, n);
}

static sl_status check_samples(query *q) {
  unsigned lev = index_level(q->counts);
  lookup_samples(q, lev >= 2 ? lev - 2 : 0);
  for (size_t i = 0; i < q->d->nused; i++) {
    const hit *h = &q->d->hits[q->d->used[i]];
    double p = h->samples ? sample_prio(q, h) : 0;
    if (p >= 0.5)
      q->cands[q->ncand++] = (cand){h->id, p};
  }
  return verify_top(q, false);
}

static sl_status check_bands(query *q) {
  lookup_bands(q);
  for (size_t i = 0; i < q->d->nused; i++) {
    const hit *h = &q->d->hits[q->d->used[i]];
    /* Articles verified through their samples were checked for the
     * lexical relations only: they are checked again, for a rewrite. */
    if (h->bands >= SL__DEDUP_BAND_HITS)
      q->cands[q->ncand++] = (cand){h->id, h->bands};
  }
  return verify_top(q, true);
}

sl_status sl_dedup_check(sl_dedup *d, const sl_dedup_fp *fp,
                         sl_dedup_fetch_fn fetch, void *ud,
                         sl_dup_match *best) {
  memset(best, 0, sizeof *best);
  if (fp->sh.len == 0 || d->count == 0)
    return SL_OK;
  query qs = {.d = d, .fp = fp, .fetch = fetch, .ud = ud, .best = best};
  query *q = &qs;
  q->cands = d->cands;
  level_counts(fp, q->counts);
  sl_status st = check_exact(q);
  if (st == SL_OK && best->rel != SL_DUP_EXACT &&
      fp->sh.len >= d->o.min_shingles)
    st = check_samples(q);
  if (st == SL_OK && (best->rel == SL_DUP_NONE) &&
      fp->sh.len >= d->o.min_shingles)
    st = check_bands(q);
  clear_hits(d);
  return st;
}

/* ---- adding ---- */

/* The group an article joins as it is indexed (0: a new one). */
typedef struct joining {
  const sl_dedup *d;
  uint32_t group;
} joining;

static bool in_group(void *ud, uint32_t other) {
  const joining *j = ud;
  return find_root(j->d, other) == j->group;
}

/* Indexes article `id`. A full key (max_postings articles) that holds a
 * member of the group the article joins is left as it is: the group is
 * reached through that member. So a story syndicated a hundred times does
 * not fill its own keys and get them forgotten; only articles of as many
 * different groups make boilerplate. */
static sl_status index_article(sl_dedup *d, uint32_t id, const sl_dedup_fp *fp,
                               uint32_t group) {
  uint32_t counts[SL__DEDUP_LEVELS], keys[SL__DEDUP_BANDS];
  level_counts(fp, counts);
  unsigned lev = index_level(counts);
  size_t max = d->o.max_postings;
  joining j = {d, group};
  sl__dtable_group gr = {in_group, &j}, *g = group ? &gr : NULL;
  sl_status st =
      sl__dtable_put(&d->exact, (uint32_t)(fp->exact >> 32), id, max, g);
  const uint32_t *sh = fp->sh.data;
  for (size_t i = 0; st == SL_OK && i < fp->sh.len; i++)
    if (sl__dedup_sample_levels(sh[i]) > lev)
      st = sl__dtable_put(&d->samples, sh[i], id, max, g);
  unsigned nb = st == SL_OK ? sl__dedup_bands(fp, keys) : 0;
  for (unsigned b = 0; st == SL_OK && b < nb; b++)
    st = sl__dtable_put(&d->bands, keys[b], id, max, g);
  unsigned cnt = counts[lev] > 31 ? 31 : counts[lev];
  d->meta[id] = (uint8_t)(lev << 5 | cnt);
  return st;
}

static sl_status check_id(const sl_dedup *d, int64_t id) {
  if (id <= 0 || id >= (int64_t)UINT32_MAX || (uint32_t)id <= d->last)
    return SL_EINVAL;
  return SL_OK;
}

sl_status sl_dedup_add(sl_dedup *d, int64_t id, const sl_dedup_fp *fp,
                       sl_dup_match *match) {
  sl_status st = check_id(d, id);
  if (st == SL_OK && match && match->rel != SL_DUP_NONE &&
      (match->id <= 0 || match->id > d->last || !d->parent[match->id]))
    st = SL_EINVAL;
  if (st == SL_OK)
    st = grow_ids(d, (size_t)id + 1);
  bool dup = match && match->rel != SL_DUP_NONE;
  if (st == SL_OK)
    st = index_article(d, (uint32_t)id, fp,
                       dup ? find_root(d, (uint32_t)match->id) : 0);
  if (st != SL_OK)
    return st; /* a partly indexed article only adds candidates */
  uint32_t me = (uint32_t)id;
  d->parent[me] = me;
  if (match && match->rel != SL_DUP_NONE) {
    uint32_t root = find_root(d, (uint32_t)match->id);
    match->old_canonical = 0;
    if (match->rel == SL_DUP_CONTAINED && match->new_is_longer &&
        (uint32_t)match->id == root) {
      d->parent[root] = me; /* the new article is the complete one */
      match->old_canonical = root;
    } else {
      d->parent[me] = root;
    }
    match->canonical = find_root(d, me);
  } else if (match) {
    match->canonical = id;
    match->old_canonical = 0;
  }
  d->last = me;
  d->count++;
  return SL_OK;
}

/* The group article `id` joined when it was added, as sl_dedup_add passed
 * it to index_article: its canonical's; its own when members came before
 * it (they point to it already); none (0) when it came first and alone. */
static uint32_t restored_group(const sl_dedup *d, int64_t id,
                               int64_t canonical) {
  if (canonical < id)
    return find_root(d, (uint32_t)canonical);
  return canonical > id || d->parent[id] ? (uint32_t)canonical : 0;
}

sl_status sl_dedup_restore(sl_dedup *d, int64_t id, const sl_dedup_fp *fp,
                           int64_t canonical) {
  sl_status st = check_id(d, id);
  if (st == SL_OK && (canonical <= 0 || canonical >= (int64_t)UINT32_MAX ||
                      (canonical < id && !d->parent[canonical])))
    st = SL_EINVAL;
  if (st == SL_OK)
    st = grow_ids(d, (size_t)(canonical > id ? canonical : id) + 1);
  uint32_t group = st == SL_OK ? restored_group(d, id, canonical) : 0;
  if (st == SL_OK)
    st = index_article(d, (uint32_t)id, fp, group);
  if (st != SL_OK)
    return st;
  /* a canonical that came later (it contains this article) is linked
   * before it is restored itself, and marks itself as having members */
  d->parent[id] = canonical < id ? group : (uint32_t)canonical;
  if (canonical > id)
    d->parent[canonical] = (uint32_t)canonical;
  d->last = (uint32_t)id;
  d->count++;
  return SL_OK;
}
