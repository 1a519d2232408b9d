/* storyline cluster: candidate stories from the live index. The doc's
 * strongest terms and entities are looked up; each posted story gathers
 * the weights of the keys it shares; the best few are scored. Posting lists
 * longer than max_postings (keys most live stories share) are skipped, so
 * the work per doc is bounded whatever the number of stories. */
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"
#include "cluster/cluster_int.h"

uint32_t sl__heaviest(const sl__kv *v, uint32_t n, uint32_t k, uint32_t *top) {
  uint32_t len = 0;
  float lowest = 0; /* the weight of top[k - 1] once full */
  for (uint32_t i = 0; i < n && k > 0; i++) {
    if (len == k && v[i].w <= lowest)
      continue;
    uint32_t j = len < k ? len++ : len - 1;
    while (j > 0 && v[top[j - 1]].w < v[i].w) {
      top[j] = top[j - 1];
      j--;
    }
    top[j] = i;
    if (len == k)
      lowest = v[top[k - 1]].w;
  }
  return len;
}

/* Adds evidence `w` to the story in `slot`. The accumulator is a small
 * table over the stories this query reaches, not an array over every story
 * ever opened: its size follows the live index, not the stream. */
static sl_status hit(sl_cluster *c, uint32_t slot, float w) {
  bool ins;
  uint32_t *ix = sl__ktab_slot(&c->hit_ix, slot + 1, &ins);
  if (!ix)
    return SL_ENOMEM;
  if (!ins) {
    c->hits[*ix].acc += w;
    return SL_OK;
  }
  sl__hit *nh = sl_grow(c->hits, c->n_hits, &c->cap_hits, sizeof *nh, 256);
  if (!nh)
    return SL_ENOMEM;
  c->hits = nh;
  *ix = (uint32_t)c->n_hits;
  c->hits[c->n_hits++] = (sl__hit){slot, w};
  return SL_OK;
}

/* Each posted story gathers the query weight of the key times its IDF:
 * sharing a rare name says more than sharing a common word. */
static sl_status gather(sl_cluster *c, const sl__kv *v, const uint32_t *top,
                        uint32_t n) {
  for (uint32_t i = 0; i < n; i++) {
    const sl__posting *p = sl__index_get(&c->index, v[top[i]].key);
    if (!p || p->len > c->o.max_postings)
      continue;
    float w = v[top[i]].w * sl__idf(c, v[top[i]].key) + 1e-6f;
    for (uint32_t j = 0; j < p->len; j++)
      if (hit(c, p->slots[j], w) != SL_OK)
        return SL_ENOMEM;
  }
  return SL_OK;
}

/* Whether hit a ranks before hit b: more shared evidence, then the more
 * recently active story (the likelier continuation), then the newer. */
static bool before(const sl_cluster *c, const sl__hit *a, const sl__hit *b) {
  if (a->acc != b->acc)
    return a->acc > b->acc;
  uint64_t la = c->stories[a->slot]->last_seq;
  uint64_t lb = c->stories[b->slot]->last_seq;
  if (la != lb)
    return la > lb;
  return a->slot > b->slot;
}

/* The best `k` hits' slots into out, best first; clears the hits. */
static size_t best(sl_cluster *c, uint32_t *out, size_t k) {
  size_t len = 0;
  sl__hit top[4096];
  for (size_t i = 0; i < c->n_hits && k > 0; i++) {
    const sl__hit *h = &c->hits[i];
    if (len == k && !before(c, h, &top[len - 1]))
      continue;
    size_t j = len < k ? len++ : len - 1;
    while (j > 0 && before(c, h, &top[j - 1])) {
      top[j] = top[j - 1];
      j--;
    }
    top[j] = *h;
  }
  for (size_t i = 0; i < len; i++)
    out[i] = top[i].slot;
  if (c->n_hits) {
    for (size_t i = 0; i < c->n_hits; i++) /* the table holds slot + 1 */
      c->hits[i].slot++;
    sl__ktab_clear_keys(&c->hit_ix, &c->hits[0].slot, c->n_hits,
                        sizeof(sl__hit));
  }
  c->n_hits = 0;
  return len;
}

size_t sl__neighbours(sl_cluster *c, const sl__story *a, uint32_t *out,
                      size_t max) {
  uint32_t self = (uint32_t)(a->id - 1);
  for (uint32_t k = 0; k < a->n_indexed; k++) {
    const sl__posting *p = sl__index_get(&c->index, a->indexed[k]);
    if (!p || p->len > c->o.max_postings)
      continue;
    for (uint32_t j = 0; j < p->len; j++)
      if (p->slots[j] != self && hit(c, p->slots[j], 1.0f) != SL_OK)
        return best(c, out, 0); /* out of memory: no neighbours */
  }
  return best(c, out, max);
}

size_t sl__candidates(sl_cluster *c, uint32_t *out) {
  uint32_t top[256];
  uint32_t k = c->o.query_keys < 256 ? c->o.query_keys : 256;
  uint32_t n = sl__heaviest(c->q.tw, c->q.n_t, k, top);
  sl_status st = gather(c, c->q.tw, top, n);
  n = sl__heaviest(c->q.ew, c->q.n_e, k / 2, top);
  if (st == SL_OK)
    st = gather(c, c->q.ew, top, n);
  /* out of memory: no candidates, the doc opens a story */
  return best(c, out, st == SL_OK ? c->o.max_candidates : 0);
}
