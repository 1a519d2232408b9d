/* storyline pipeline: the archive's entities. Each article's entities are
 * filed in the store's alias index as the article is stored, so that the
 * aliases of one entity join across the whole archive; queries list them
 * with their names, forms and stories. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/vec.h"
#include "pipeline/pipeline_int.h"

/* ---- the store as the alias index ---------------------------------- */

typedef struct ixctx {
  sl_store *store;
  sl_error *err;
  sl_vec moves; /* int64_t pairs {gone, keep}, in the order of the merges */
} ixctx;

static sl_status ix_get(void *ud, const char *key, int64_t *entity, char *name,
                        size_t cap) {
  ixctx *c = ud;
  return sl_store_entity_key_get(c->store, key, entity, name, cap, c->err);
}
static sl_status ix_put(void *ud, const char *key, int64_t entity,
                        const char *name) {
  ixctx *c = ud;
  return sl_store_entity_key_put(c->store, key, entity, name, c->err);
}
static sl_status ix_create(void *ud, int64_t *entity) {
  ixctx *c = ud;
  return sl_store_entity_new(c->store, entity, c->err);
}
static sl_status ix_merge(void *ud, int64_t keep, int64_t gone) {
  ixctx *c = ud;
  int64_t move[2] = {gone, keep};
  sl_status st = sl_store_entity_merge(c->store, keep, gone, c->err);
  if (st == SL_OK && (st = sl_vec_push(&c->moves, move)) != SL_OK)
    sl_error_set(c->err, st, "out of memory");
  return st;
}

static sl_alias_index store_index(ixctx *c) {
  return (sl_alias_index){ix_get, ix_put, ix_create, ix_merge, c};
}

/* The rows that say how the article writes each of its entities. */
static sl_status file_entities(sl_alias_index *ix, const sl_who *w,
                               sl_vec *rows) {
  sl_status st = SL_OK;
  for (size_t e = 0; st == SL_OK && e < w->n; e++) {
    const sl_entity *x = &w->entities[e];
    int64_t id;
    st = sl_alias_file(ix, x, &id);
    for (size_t f = 0; st == SL_OK && f < x->nforms; f++) {
      sl_store_eform row = {id, x->forms[f].text, x->name, x->type,
                            x->forms[f].count};
      st = sl_vec_push(rows, &row);
    }
  }
  return st;
}

sl_status sl__who_file(sl_engine *eng, int64_t id, const char *text, size_t len,
                       const sl_mention *m, size_t n, sl_error *err) {
  sl_alias_doc doc = {text, len, m, n};
  sl_who w = {0};
  sl_vec rows;
  sl_vec_init(&rows, sizeof(sl_store_eform));
  ixctx c = {eng->store, err, {0}};
  sl_vec_init(&c.moves, 2 * sizeof(int64_t));
  sl_alias_index ix = store_index(&c);
  sl_status st = sl_alias_merge(&doc, 1, &w);
  if (st == SL_OK)
    st = file_entities(&ix, &w, &rows);
  /* An entity merged into an older one while later ones were filed has
   * moved in the store: the rows follow it. */
  for (size_t i = 0; st == SL_OK && i < rows.len; i++)
    for (size_t k = 0; k < c.moves.len; k++) {
      const int64_t *mv = &SL_VEC_AT(&c.moves, int64_t, 2 * k);
      sl_store_eform *r = &SL_VEC_AT(&rows, sl_store_eform, i);
      if (r->entity == mv[0])
        r->entity = mv[1];
    }
  if (st == SL_OK)
    st = sl_store_eforms_put(eng->store, id, rows.data, rows.len, err);
  if (st == SL_ENOMEM)
    sl_error_set(err, st, "out of memory");
  sl_vec_release(&rows);
  sl_vec_release(&c.moves);
  sl_who_release(&w);
  return st;
}

sl_status sl__who_lookup(sl_engine *eng, const char *name, int64_t *id,
                         sl_error *err) {
  ixctx c = {eng->store, err, {0}};
  sl_alias_index ix = store_index(&c);
  int64_t ids[3], best = 0;
  size_t n;
  sl_status st = sl_alias_lookup(&ix, name, strlen(name), ids, &n);
  *id = 0;
  /* a name several kinds of entity go by: the most mentioned one */
  for (size_t i = 0; st == SL_OK && i < n; i++) {
    sl_store_entity_sum sum;
    st = sl_store_entity_sum_get(eng->store, ids[i], &sum, err);
    if (st == SL_ENOENT)
      st = SL_OK;
    else if (st == SL_OK && sum.mentions > best) {
      best = sum.mentions;
      *id = ids[i];
    }
  }
  return st;
}
