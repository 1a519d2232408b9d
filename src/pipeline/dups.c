/* storyline pipeline: duplicate groups as articles are stored (see
 * dups.h). */
#include <stdio.h>
#include <string.h>

#include "base/vec.h"
#include "pipeline/dups.h"

static sl_status fetch(void *ud, int64_t id, const void **blob, size_t *len) {
  sl_dups *d = ud;
  return sl_store_fp_get(d->store, id, blob, len, NULL);
}

typedef struct restorer {
  sl_dups *d;
  sl_status st;
} restorer;

static int restore_one(void *ud, int64_t id, int64_t dup_of, const void *blob,
                       size_t len) {
  restorer *r = ud;
  r->st = sl_dedup_fp_load(r->d->fp, blob, len);
  if (r->st == SL_OK)
    r->st = sl_dedup_restore(r->d->index, id, r->d->fp, dup_of ? dup_of : id);
  if (r->st == SL_OK)
    r->d->last_id = id;
  return r->st != SL_OK;
}

sl_status sl_dups_init(sl_dups *d, sl_store *store, const sl_dedup_opts *o,
                       bool fresh, sl_error *err) {
  memset(d, 0, sizeof *d);
  d->store = store;
  sl_buf_init(&d->blob, 0);
  d->index = sl_dedup_new(o);
  d->fp = sl_dedup_fp_new();
  if (!d->index || !d->fp)
    return sl_error_set(err, SL_ENOMEM, "out of memory");
  if (fresh)
    return sl_store_dup_clear(store, err);
  restorer r = {d, SL_OK};
  sl_status st = sl_store_fp_each(store, restore_one, &r, err);
  if (st == SL_ECANCELED)
    st = sl_error_set(err, r.st, "cannot restore the duplicate index: %s",
                      sl_status_str(r.st));
  return st;
}

void sl_dups_release(sl_dups *d) {
  sl_dedup_free(d->index);
  sl_dedup_fp_free(d->fp);
  sl_buf_release(&d->blob);
  memset(d, 0, sizeof *d);
}

/* Records the match of article `a` in the store: its mark, and when it
 * became its group's canonical, the group moved under it. */
static sl_status mark(sl_dups *d, sl_article *a, const sl_dup_match *m,
                      sl_error *err) {
  if (m->rel == SL_DUP_NONE)
    return SL_OK;
  const char *rel = sl_dup_rel_str(m->rel);
  if (m->canonical != a->id) {
    a->duplicate_of = m->canonical;
    snprintf(a->relation, sizeof a->relation, "%s", rel);
    a->dup_score = m->score;
    return sl_store_dup_set(d->store, a->id, m->canonical, rel, m->score, err);
  }
  /* The new article contains the old canonical: it leads the group now. */
  if (!m->old_canonical)
    return SL_OK;
  d->replaced = m->old_canonical;
  sl_status st = sl_store_dup_move(d->store, m->old_canonical, a->id, err);
  return st == SL_OK
             ? sl_store_dup_set(d->store, m->old_canonical, a->id,
                                sl_dup_rel_str(SL_DUP_CONTAINED), m->score, err)
             : st;
}

sl_status sl_dups_article(sl_dups *d, sl_article *a, sl_error *err) {
  d->replaced = 0;
  const char *title = a->title ? a->title : "";
  sl_status st = sl_dedup_fp_compute(d->fp, title, strlen(title), a->text,
                                     strlen(a->text));
  sl_buf_clear(&d->blob);
  if (st == SL_OK)
    st = sl_dedup_fp_save(d->fp, &d->blob);
  if (st != SL_OK)
    return sl_error_set(err, st, "cannot fingerprint article %lld: %s",
                        (long long)a->id, sl_status_str(st));
  sl_dup_match m;
  memset(&m, 0, sizeof m);
  bool fresh = a->id > d->last_id;
  if (fresh)
    st = sl_dedup_check(d->index, d->fp, fetch, d, &m);
  if (st == SL_OK)
    st = sl_store_fp_put(d->store, a->id, d->blob.ptr, d->blob.len, err);
  if (st == SL_OK && fresh)
    st = sl_dedup_add(d->index, a->id, d->fp, &m);
  if (st == SL_OK && fresh)
    d->last_id = a->id;
  if (st == SL_OK)
    st = mark(d, a, &m, err);
  if (st == SL_ENOMEM || st == SL_EINVAL)
    sl_error_set(err, st, "cannot index article %lld: %s", (long long)a->id,
                 sl_status_str(st));
  return st;
}

sl_status sl_dups_all(sl_dups *d, sl_error *err) {
  sl_vec ids;
  sl_vec_init(&ids, sizeof(int64_t));
  sl_status st = sl_store_article_ids(d->store, &ids, err);
  sl_article a;
  sl_article_init(&a);
  for (size_t i = 0; st == SL_OK && i < ids.len; i++) {
    if (d->cancel && *d->cancel)
      st = sl_error_set(err, SL_ECANCELED, "interrupted");
    if (st == SL_OK)
      st = sl_store_article_get(d->store, SL_VEC_AT(&ids, int64_t, i), NULL, &a,
                                err);
    if (st == SL_OK)
      st = sl_dups_article(d, &a, err);
  }
  sl_article_release(&a);
  sl_vec_release(&ids);
  return st;
}
