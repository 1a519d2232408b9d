/* storyline cluster: a story's life: opened by a doc, absorbing docs into
 * its bounded centroid, posted in the index under its strongest keys,
 * folded into another story by a merge, closed when it goes quiet. */
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"
#include "cluster/cluster_int.h"

static sl_status live_push(sl_cluster *c, sl__story *s) {
  uint32_t *nl = sl_grow(c->live, c->n_live, &c->cap_live, sizeof *nl, 256);
  if (!nl)
    return SL_ENOMEM;
  c->live = nl;
  s->live_pos = (uint32_t)c->n_live;
  c->live[c->n_live++] = (uint32_t)(s->id - 1);
  s->flags |= SL__ST_LIVE;
  return SL_OK;
}

static void live_remove(sl_cluster *c, sl__story *s) {
  uint32_t last = c->live[--c->n_live];
  c->live[s->live_pos] = last;
  c->stories[last]->live_pos = s->live_pos;
  s->flags &= ~(uint32_t)SL__ST_LIVE;
}

sl_status sl__story_reopen(sl_cluster *c, sl__story *s) {
  return s->flags & SL__ST_LIVE ? SL_OK : live_push(c, s);
}

/* A new live story with id `id`, in slot id - 1 of c->stories (which the
 * caller has made room for). */
static sl__story *new_story(sl_cluster *c, int64_t id) {
  sl__story *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->id = id;
  s->first_day = s->last_day = SL__NODAY;
  s->first_fday = s->last_fday = SL__NODAY;
  s->head_score = -1.0f;
  if (live_push(c, s) != SL_OK) {
    free(s);
    return NULL;
  }
  c->stories[id - 1] = s;
  return s;
}

sl__story *sl__story_open_at(sl_cluster *c, int64_t id) {
  if (id < 1 || (uint64_t)id > c->n_stories || c->stories[id - 1])
    return NULL;
  return new_story(c, id);
}

sl__story *sl__story_open(sl_cluster *c) {
  sl__story **ns = sl_grow(c->stories, c->n_stories, &c->cap_stories,
                           sizeof(sl__story *), 1024);
  if (!ns)
    return NULL;
  c->stories = ns;
  sl__story *s = new_story(c, (int64_t)c->n_stories + 1);
  if (s)
    c->n_stories++;
  return s;
}

static sl_status add_nums(sl_cluster *c, sl__story *s,
                          const sl_cluster_doc *d) {
  if (!d->n_nums)
    return SL_OK;
  sl__kv *one = malloc(d->n_nums * sizeof *one);
  if (!one)
    return SL_ENOMEM;
  for (uint32_t i = 0; i < d->n_nums; i++)
    one[i] = (sl__kv){d->nums[i], 1.0f};
  sl_status st = sl__kv_add_into(&s->nums, &s->n_nums, one, d->n_nums, 1.0f,
                                 c->o.story_nums);
  free(one);
  return st;
}

static sl_status set_headline(sl__story *s, const char *h, float fit) {
  if (fit <= s->head_score && s->headline)
    return SL_OK;
  if (!h[0] && s->headline)
    return SL_OK;
  char *copy = strdup(h);
  if (!copy)
    return SL_ENOMEM;
  free(s->headline);
  s->headline = copy;
  s->head_score = fit;
  return SL_OK;
}

static int by_weight_desc(const void *a, const void *b) {
  float x = ((const sl__kv *)a)->w, y = ((const sl__kv *)b)->w;
  if (x != y)
    return x < y ? 1 : -1;
  return sl__kv_cmp_key(a, b);
}

/* Keeps the strongest terms of the query as the member's sketch, unit
 * length, in the next ring slot. */
static sl_status add_sketch(sl_cluster *c, sl__story *s) {
  uint32_t k = c->o.sketch_terms, m = c->o.sketches;
  if (!k || !m)
    return SL_OK;
  if (s->n_sk < m) { /* the ring grows to `m` slots as members come */
    sl__kv *ns = realloc(s->sketch, (size_t)k * (s->n_sk + 1) * sizeof *ns);
    if (!ns)
      return SL_ENOMEM;
    s->sketch = ns;
    uint8_t *nl = realloc(s->sk_len, s->n_sk + 1);
    if (!nl)
      return SL_ENOMEM;
    s->sk_len = nl;
    s->sk_slots = s->n_sk + 1;
  }
  const sl__query *q = &c->q;
  sl__kv *slot = s->sketch + (size_t)(s->n_sk % m) * k;
  uint32_t n = q->n_t < k ? q->n_t : k;
  if (q->n_t <= k) {
    memcpy(slot, q->tw, n * sizeof *slot);
  } else {
    sl__kv *all = malloc(q->n_t * sizeof *all);
    if (!all)
      return SL_ENOMEM;
    memcpy(all, q->tw, q->n_t * sizeof *all);
    qsort(all, q->n_t, sizeof *all, by_weight_desc);
    memcpy(slot, all, n * sizeof *slot);
    free(all);
    qsort(slot, n, sizeof *slot, sl__kv_cmp_key);
  }
  float norm = sl__kv_norm(slot, n);
  for (uint32_t i = 0; i < n && norm > 0; i++)
    slot[i].w /= norm;
  s->sk_len[s->n_sk % m] = (uint8_t)n;
  s->n_sk++;
  return SL_OK;
}

void sl__story_fday(sl__story *s, int32_t fday) {
  if (fday == SL__NODAY)
    return;
  if (s->first_fday == SL__NODAY || fday < s->first_fday)
    s->first_fday = fday;
  if (s->last_fday == SL__NODAY || fday > s->last_fday)
    s->last_fday = fday;
}

sl_status sl__story_absorb(sl_cluster *c, sl__story *s, const sl_cluster_doc *d,
                           float fit) {
  const sl__query *q = &c->q;
  sl__story_fday(s, d->fday);
  sl_status st = sl__kv_add_into(&s->cent, &s->n_cent, q->tw, q->n_t, 1.0f,
                                 c->o.centroid_terms);
  if (st == SL_OK)
    st = sl__kv_add_into(&s->ents, &s->n_ents, q->ew, q->n_e, 1.0f,
                         c->o.story_ents);
  if (st == SL_OK)
    st = add_nums(c, s, d);
  if (st == SL_OK)
    st = set_headline(s, d->headline, fit);
  if (st == SL_OK)
    st = add_sketch(c, s);
  if (st != SL_OK)
    return st;
  s->cent_norm = sl__kv_norm(s->cent, s->n_cent);
  s->ent_norm = sl__kv_norm(s->ents, s->n_ents);
  s->n_docs++;
  s->dirty = true;
  return sl__story_reindex(c, s);
}

static void note_time(sl__story *s, int32_t day, uint64_t seq);

sl_status sl__story_member(sl__story *s, int64_t id, int32_t day,
                           uint64_t seq) {
  int64_t *nm =
      sl_grow(s->members, s->n_members, &s->cap_members, sizeof *nm, 2);
  if (!nm)
    return SL_ENOMEM;
  s->members = nm;
  s->members[s->n_members++] = id;
  note_time(s, day, seq);
  return SL_OK;
}

static void note_time(sl__story *s, int32_t day, uint64_t seq) {
  if (day != SL__NODAY) {
    if (s->first_day == SL__NODAY || day < s->first_day)
      s->first_day = day;
    if (s->last_day == SL__NODAY || day > s->last_day)
      s->last_day = day;
  }
  if (!s->first_seq || seq < s->first_seq)
    s->first_seq = seq;
  if (seq > s->last_seq)
    s->last_seq = seq;
}

/* The `k` strongest keys of `v` appended to out[*len]. */
static void strongest(const sl__kv *v, uint32_t n, uint32_t k, uint32_t *out,
                      uint32_t *len) {
  uint32_t top[256];
  uint32_t got = sl__heaviest(v, n, k < 256 ? k : 256, top);
  for (uint32_t i = 0; i < got; i++)
    out[(*len)++] = v[top[i]].key;
}

static bool has_key(const uint32_t *v, uint32_t n, uint32_t key) {
  for (uint32_t i = 0; i < n; i++)
    if (v[i] == key)
      return true;
  return false;
}

sl_status sl__story_reindex(sl_cluster *c, sl__story *s) {
  uint32_t cap = c->o.index_terms + c->o.index_ents;
  uint32_t *keys = malloc((cap ? cap : 1) * sizeof *keys);
  if (!keys)
    return SL_ENOMEM;
  uint32_t n = 0;
  strongest(s->cent, s->n_cent, c->o.index_terms, keys, &n);
  strongest(s->ents, s->n_ents, c->o.index_ents, keys, &n);
  uint32_t slot = (uint32_t)(s->id - 1);
  for (uint32_t i = 0; i < s->n_indexed; i++)
    if (!has_key(keys, n, s->indexed[i]))
      sl__index_del(&c->index, s->indexed[i], slot);
  sl_status st = SL_OK;
  for (uint32_t i = 0; i < n && st == SL_OK; i++)
    if (!has_key(s->indexed, s->n_indexed, keys[i]))
      st = sl__index_add(&c->index, keys[i], slot);
  if (st != SL_OK) { /* undo: the story keeps exactly what it posted */
    for (uint32_t i = 0; i < n; i++)
      if (!has_key(s->indexed, s->n_indexed, keys[i]))
        sl__index_del(&c->index, keys[i], slot);
    for (uint32_t i = 0; i < s->n_indexed; i++)
      if (!has_key(keys, n, s->indexed[i]))
        if (sl__index_add(&c->index, s->indexed[i], slot) != SL_OK)
          break; /* out of memory twice: the story is partly posted */
    free(keys);
    return st;
  }
  free(s->indexed);
  s->indexed = keys;
  s->n_indexed = n;
  return SL_OK;
}

void sl__story_unindex(sl_cluster *c, sl__story *s) {
  uint32_t slot = (uint32_t)(s->id - 1);
  for (uint32_t i = 0; i < s->n_indexed; i++)
    sl__index_del(&c->index, s->indexed[i], slot);
  free(s->indexed);
  s->indexed = NULL;
  s->n_indexed = 0;
}

static void drop_evidence(sl__story *s) {
  free(s->cent);
  free(s->ents);
  free(s->nums);
  free(s->sketch);
  free(s->sk_len);
  s->cent = s->ents = s->nums = s->sketch = NULL;
  s->sk_len = NULL;
  s->n_cent = s->n_ents = s->n_nums = s->n_sk = s->sk_slots = 0;
}

/* Moves `from`'s sketches into `into`'s ring (the newest ones win). */
static void fold_sketches(sl_cluster *c, sl__story *into, sl__story *from) {
  uint32_t k = c->o.sketch_terms, m = c->o.sketches;
  if (!from->sketch || !m)
    return;
  if (!into->sketch) {
    into->sketch = from->sketch;
    into->sk_len = from->sk_len;
    into->n_sk = from->n_sk;
    into->sk_slots = from->sk_slots;
    from->sketch = NULL;
    from->sk_len = NULL;
    from->n_sk = 0;
    return;
  }
  uint32_t have = from->n_sk < m ? from->n_sk : m;
  if (into->n_sk < m) { /* grow the ring to its full size first */
    sl__kv *ns = realloc(into->sketch, (size_t)k * m * sizeof *ns);
    uint8_t *nl = ns ? realloc(into->sk_len, m) : NULL;
    if (ns)
      into->sketch = ns;
    if (!nl)
      return; /* sketches are evidence, not membership: keep going */
    into->sk_len = nl;
    into->sk_slots = m;
  }
  for (uint32_t i = 0; i < have; i++) {
    uint32_t dst = into->n_sk % m;
    memcpy(into->sketch + (size_t)dst * k, from->sketch + (size_t)i * k,
           k * sizeof(sl__kv));
    into->sk_len[dst] = from->sk_len[i];
    into->n_sk++;
  }
}

void sl__story_close(sl_cluster *c, sl__story *s) {
  if (!(s->flags & SL__ST_LIVE))
    return;
  sl__story_unindex(c, s);
  live_remove(c, s);
  drop_evidence(s);
}

sl_status sl__story_fold(sl_cluster *c, sl__story *into, sl__story *from) {
  sl_status st = sl__kv_add_into(&into->cent, &into->n_cent, from->cent,
                                 from->n_cent, 1.0f, c->o.centroid_terms);
  if (st == SL_OK)
    st = sl__kv_add_into(&into->ents, &into->n_ents, from->ents, from->n_ents,
                         1.0f, c->o.story_ents);
  if (st == SL_OK)
    st = sl__kv_add_into(&into->nums, &into->n_nums, from->nums, from->n_nums,
                         1.0f, c->o.story_nums);
  for (size_t i = 0; st == SL_OK && i < from->n_members; i++)
    st = sl__story_member(into, from->members[i], SL__NODAY, from->last_seq);
  if (st != SL_OK)
    return st;
  note_time(into, from->first_day, from->first_seq);
  note_time(into, from->last_day, from->last_seq);
  sl__story_fday(into, from->first_fday);
  sl__story_fday(into, from->last_fday);
  fold_sketches(c, into, from);
  into->cent_norm = sl__kv_norm(into->cent, into->n_cent);
  into->ent_norm = sl__kv_norm(into->ents, into->n_ents);
  into->n_docs += from->n_docs;
  into->dirty = true;
  sl__story_close(c, from);
  free(from->members); /* now the target's */
  from->members = NULL;
  from->n_members = from->cap_members = 0;
  from->flags |= SL__ST_MERGED;
  from->merged_into = into->id;
  return sl__story_reindex(c, into);
}

void sl__story_link(sl__story *s, int64_t other, float score, uint32_t max) {
  uint32_t low = 0;
  for (uint32_t i = 0; i < s->n_related; i++) {
    if (s->related[i].story == other) {
      if (score > s->related[i].score)
        s->related[i].score = score;
      return;
    }
    if (s->related[i].score < s->related[low].score)
      low = i;
  }
  if (!s->related) {
    s->related = calloc(max ? max : 1, sizeof *s->related);
    if (!s->related)
      return; /* links are best effort */
  }
  if (s->n_related < max)
    s->related[s->n_related++] = (sl_cluster_link){other, score};
  else if (max && score > s->related[low].score)
    s->related[low] = (sl_cluster_link){other, score};
}

void sl__story_free(sl__story *s) {
  if (!s)
    return;
  drop_evidence(s);
  free(s->indexed);
  free(s->members);
  free(s->headline);
  free(s->related);
  free(s);
}

size_t sl__story_memory(const sl_cluster *c, const sl__story *s) {
  return sizeof *s + s->n_cent * sizeof(sl__kv) +
         (size_t)s->sk_slots * (c->o.sketch_terms * sizeof(sl__kv) + 1) +
         s->n_ents * sizeof(sl__kv) + s->n_nums * sizeof(sl__kv) +
         s->n_indexed * sizeof(uint32_t) + s->cap_members * sizeof(int64_t) +
         (s->headline ? strlen(s->headline) + 1 : 0) +
         (s->related ? s->n_related * sizeof(sl_cluster_link) : 0);
}
