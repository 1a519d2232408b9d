/* storyline cluster: what the store keeps to restore the clusterer: the
 * doc blob ("SLD1", then varints: id (zigzag), seq, day and fday (0:
 * undated, else zigzag + 1), the four array lengths, each array's keys as
 * deltas with integer counts, the numbers as deltas, the headline bytes),
 * the docs of stories no longer live, and the counters. */
#include <string.h>

#include "base/varint.h"
#include "cluster/cluster_int.h"

static uint64_t zigzag(int64_t v) {
  return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}
static int64_t unzigzag(uint64_t v) {
  return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static sl_status put_kvs(sl_buf *out, const sl__kv *v, uint32_t n) {
  sl_status st = SL_OK;
  for (uint32_t i = 0, prev = 0; i < n && st == SL_OK; prev = v[i++].key) {
    st = sl_varint_put(out, v[i].key - prev);
    if (st == SL_OK)
      st = sl_varint_put(out, (uint64_t)(v[i].w + 0.5f));
  }
  return st;
}

sl_status sl_cluster_doc_save(const sl_cluster_doc *d, sl_buf *out) {
  sl_status st = sl_buf_append(out, "SLD1", 4);
  uint64_t day = d->day == SL__NODAY ? 0 : zigzag((int64_t)d->day) + 1;
  uint64_t fday = d->fday == SL__NODAY ? 0 : zigzag((int64_t)d->fday) + 1;
  uint64_t head[] = {zigzag(d->id), d->seq,     day,
                     fday,          d->n_terms, d->n_title,
                     d->n_ents,     d->n_nums,  strlen(d->headline)};
  for (size_t i = 0; i < sizeof head / sizeof *head && st == SL_OK; i++)
    st = sl_varint_put(out, head[i]);
  if (st == SL_OK)
    st = put_kvs(out, d->terms, d->n_terms);
  if (st == SL_OK)
    st = put_kvs(out, d->title, d->n_title);
  if (st == SL_OK)
    st = put_kvs(out, d->ents, d->n_ents);
  for (uint32_t i = 0, prev = 0; i < d->n_nums && st == SL_OK;
       prev = d->nums[i++])
    st = sl_varint_put(out, d->nums[i] - prev);
  if (st == SL_OK)
    st = sl_buf_append(out, d->headline, strlen(d->headline));
  return st;
}

typedef sl_varint_reader reader;

static void get_kvs(reader *r, sl__kv *v, uint32_t n) {
  uint32_t key = 0;
  for (uint32_t i = 0; i < n && !r->bad; i++) {
    uint64_t delta = sl_varint_get(r), w;
    if ((delta == 0 && i > 0) || delta > UINT32_MAX - key)
      r->bad = true; /* keys are distinct, increasing, 32-bit */
    key += (uint32_t)delta;
    v[i].key = key;
    w = sl_varint_get(r);
    if (w == 0 || w > (1u << 24))
      r->bad = true; /* counts are small positive integers */
    v[i].w = (float)w;
  }
}

sl_status sl_cluster_doc_load(const void *blob, size_t len,
                              sl_cluster_doc **out) {
  *out = NULL;
  reader r = {blob, (const uint8_t *)blob + len, false};
  if (len < 4 || memcmp(blob, "SLD1", 4) != 0)
    return SL_ECORRUPT;
  r.p += 4;
  uint64_t h[9];
  for (int i = 0; i < 9; i++)
    h[i] = sl_varint_get(&r);
  size_t rest = (size_t)(r.end - r.p);
  for (int i = 4; i < 9; i++)
    if (h[i] > rest)
      return SL_ECORRUPT;
  if (r.bad)
    return SL_ECORRUPT;
  sl_cluster_doc *d = sl__doc_alloc((uint32_t)h[4], (uint32_t)h[5],
                                    (uint32_t)h[6], (uint32_t)h[7], "", 0);
  if (!d)
    return SL_ENOMEM;
  d->id = unzigzag(h[0]);
  d->seq = h[1];
  d->day = h[2] ? (int32_t)unzigzag(h[2] - 1) : SL__NODAY;
  d->fday = h[3] ? (int32_t)unzigzag(h[3] - 1) : SL__NODAY;
  get_kvs(&r, d->terms, d->n_terms);
  get_kvs(&r, d->title, d->n_title);
  get_kvs(&r, d->ents, d->n_ents);
  for (uint32_t i = 0, key = 0; i < d->n_nums && !r.bad; i++) {
    uint64_t delta = sl_varint_get(&r);
    if ((delta == 0 && i > 0) || delta > UINT32_MAX - key)
      r.bad = true;
    d->nums[i] = key += (uint32_t)delta;
  }
  if (r.bad || (size_t)(r.end - r.p) != h[8]) {
    sl_cluster_doc_free(d);
    return SL_ECORRUPT;
  }
  sl_cluster_doc *withh = sl__doc_alloc(d->n_terms, d->n_title, d->n_ents,
                                        d->n_nums, (const char *)r.p, h[8]);
  if (!withh) {
    sl_cluster_doc_free(d);
    return SL_ENOMEM;
  }
  memcpy(withh->terms, d->terms, d->n_terms * sizeof(sl__kv));
  memcpy(withh->title, d->title, d->n_title * sizeof(sl__kv));
  memcpy(withh->ents, d->ents, d->n_ents * sizeof(sl__kv));
  memcpy(withh->nums, d->nums, d->n_nums * sizeof(uint32_t));
  withh->id = d->id;
  withh->seq = d->seq;
  withh->day = d->day;
  withh->fday = d->fday;
  sl_cluster_doc_free(d);
  *out = withh;
  return SL_OK;
}

sl_status sl_cluster_restore_past(sl_cluster *c, const sl_cluster_doc *doc,
                                  uint64_t seq, sl_date date) {
  if (doc)
    seq = doc->seq;
  if (seq <= c->now_seq)
    return SL_EINVAL;
  sl__tick(c, doc ? doc->day : sl__days(date), seq);
  return doc ? sl__df_add(c, doc) : SL_OK;
}

void sl_cluster_counters_get(const sl_cluster *c, sl_cluster_counters *out) {
  out->stories = (int64_t)c->n_stories;
  out->since_expire = c->since_expire;
  out->since_merge = c->since_merge;
}

sl_status sl_cluster_counters_set(sl_cluster *c,
                                  const sl_cluster_counters *in) {
  if (in->stories < (int64_t)c->n_stories || in->since_expire > 64 ||
      (c->o.merge_every && in->since_merge >= c->o.merge_every))
    return SL_EINVAL;
  sl_status st = sl_cluster_skip_ids(c, in->stories);
  if (st == SL_OK) {
    c->since_expire = (size_t)in->since_expire;
    c->since_merge = (size_t)in->since_merge;
  }
  return st;
}

bool sl_cluster_changed(const sl_cluster *c, int64_t id) {
  if (id < 1 || (uint64_t)id > c->n_stories || !c->stories[id - 1])
    return false;
  const sl__story *s = c->stories[id - 1];
  return (s->flags & SL__ST_LIVE) && !(s->flags & SL__ST_MERGED) && s->dirty;
}

void sl_cluster_mark_changed(sl_cluster *c, int64_t id, bool changed) {
  for (size_t i = 0; id == 0 && i < c->n_live; i++)
    c->stories[c->live[i]]->dirty = changed;
  if (id >= 1 && (uint64_t)id <= c->n_stories && c->stories[id - 1])
    c->stories[id - 1]->dirty = changed;
}
