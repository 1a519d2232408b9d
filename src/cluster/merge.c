/* storyline cluster: expiry of quiet stories and the periodic merge step,
 * which joins live stories that have converged and links related ones. */
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"
#include "cluster/cluster_int.h"

bool sl__quiet(const sl_cluster *c, const sl__story *s) {
  if (s->last_day != SL__NODAY)
    return c->now_day != SL__NODAY &&
           c->now_day - s->last_day > (int32_t)c->o.expire_days &&
           c->now_seq - s->last_seq > c->o.expire_min_seq;
  return c->now_seq - s->last_seq > c->o.expire_seq;
}

void sl__expire(sl_cluster *c) {
  for (size_t i = 0; i < c->n_live;) {
    sl__story *s = c->stories[c->live[i]];
    if (sl__quiet(c, s))
      sl__story_close(c, s); /* moves the last live story to i */
    else
      i++;
  }
}

static sl_status log_merge(sl_cluster *c, int64_t from, int64_t into) {
  sl_cluster_merge_ev *nl =
      sl_grow(c->log, c->n_log, &c->cap_log, sizeof *nl, 64);
  if (!nl)
    return SL_ENOMEM;
  c->log = nl;
  c->log[c->n_log++] = (sl_cluster_merge_ev){from, into};
  return SL_OK;
}

/* Compares story `a` with its neighbours; merges the best match when it
 * reaches merge_min. Sets *gone when `a` was folded away. */
static sl_status visit(sl_cluster *c, sl__story *a, size_t *merged,
                       bool *gone) {
  uint32_t nb[64];
  size_t n = sl__neighbours(c, a, nb, 8);
  sl__story *best = NULL;
  double best_p = 0, f[SL_CF_COUNT];
  for (size_t i = 0; i < n; i++) {
    sl__story *b = c->stories[nb[i]];
    double na = (double)a->cent_norm * b->cent_norm;
    if (na <= 0 || sl__kv_dot(a->cent, a->n_cent, b->cent, b->n_cent) <
                       0.1 * na) /* no shared subject: neither link nor merge */
      continue;
    double floor =
        c->m.related_min < c->m.merge_min ? c->m.related_min : c->m.merge_min;
    if (!sl__story_features(c, a, b, f, floor))
      continue;
    double p = sl__prob(&c->m, f);
    if (p >= c->m.related_min && p < c->m.merge_min) {
      if (f[SL_CF_ENTS] > 0) {
        sl__story_link(a, b->id, (float)p, c->o.max_related);
        sl__story_link(b, a->id, (float)p, c->o.max_related);
      }
    }
    if (p >= c->m.merge_min && p > best_p) {
      best = b;
      best_p = p;
    }
  }
  *gone = false;
  if (!best)
    return SL_OK;
  bool a_into_b = a->n_docs < best->n_docs ||
                  (a->n_docs == best->n_docs && a->id > best->id);
  sl__story *into = a_into_b ? best : a, *from = a_into_b ? a : best;
  sl_status st = log_merge(c, from->id, into->id);
  if (st == SL_OK)
    st = sl__story_fold(c, into, from);
  if (st == SL_OK) {
    c->merges++;
    if (merged)
      ++*merged;
    *gone = a_into_b;
  }
  return st;
}

sl_status sl__merge_step(sl_cluster *c, size_t *merged) {
  sl__expire(c);
  size_t n = 0;
  uint32_t *dirty = malloc((c->n_live ? c->n_live : 1) * sizeof *dirty);
  if (!dirty)
    return SL_ENOMEM;
  for (size_t i = 0; i < c->n_live; i++) {
    sl__story *s = c->stories[c->live[i]];
    if (s->dirty)
      dirty[n++] = c->live[i];
    s->dirty = false;
  }
  sl_status st = SL_OK;
  for (size_t i = 0; i < n && st == SL_OK; i++) {
    sl__story *a = c->stories[dirty[i]];
    bool gone = false;
    while (st == SL_OK && !gone && (a->flags & SL__ST_LIVE)) {
      size_t before = c->merges;
      st = visit(c, a, merged, &gone);
      if (c->merges == before)
        break;
    }
  }
  free(dirty);
  return st;
}

sl_status sl_cluster_merge(sl_cluster *c, size_t *merged) {
  return sl__merge_step(c, merged);
}
