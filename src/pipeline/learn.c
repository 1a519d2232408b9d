/* storyline pipeline: the boilerplate learned per source (see learn.h). */
#include <stdlib.h>
#include <string.h>

#include "pipeline/learn.h"
#include "pipeline/pipeline_int.h"

typedef struct loader {
  sl_boiler *boiler;
  sl_status st;
} loader;

static int load_one(void *ud, const sl_store_boiler *b) {
  loader *ld = ud;
  sl_boiler_entry e = {b->key, b->articles, 0, {b->first1, b->first2}};
  ld->st = sl_boiler_load(ld->boiler, &e);
  return ld->st != SL_OK;
}

sl_status sl_learner_init(sl_learner *l, sl_store *store, bool fresh,
                          sl_error *err) {
  memset(l, 0, sizeof *l);
  sl_vec_init(&l->revisit, sizeof(int64_t));
  sl_vec_init(&l->removed, sizeof(sl_store_removed));
  sl_cleaned_init(&l->cleaned);
  l->boiler = sl_boiler_new(SL_BOILER_MIN_ARTICLES, 0);
  if (!l->boiler)
    return sl_error_set(err, SL_ENOMEM, "out of memory");
  if (fresh)
    return sl_store_boiler_clear(store, err);
  loader ld = {l->boiler, SL_OK};
  sl_status st = sl_store_boiler_each(store, load_one, &ld, err);
  if (st == SL_ECANCELED)
    st = sl_error_set(err, ld.st, "cannot load the boilerplate model");
  return st;
}

void sl_learner_release(sl_learner *l) {
  sl_boiler_free(l->boiler);
  l->boiler = NULL;
  sl_vec_release(&l->revisit);
  sl_vec_release(&l->removed);
  sl_cleaned_release(&l->cleaned);
}

uint64_t sl_learner_source(const sl_article *a) {
  return a->source && a->source[0]
             ? sl_boiler_source(a->source, strlen(a->source))
             : 0;
}

sl_status sl_learner_observe(sl_learner *l, const sl_article *a,
                             sl_error *err) {
  uint64_t source = sl_learner_source(a);
  if (!source)
    return SL_OK;
  sl_status st = sl_boiler_observe(l->boiler, source, a->text, strlen(a->text),
                                   a->id, &l->revisit);
  return st == SL_OK ? SL_OK : sl_error_set(err, st, "out of memory");
}

/* Cleans the stored article `a` again with what the boiler knows now;
 * stores it, with its removed lines, when a line went. */
static sl_status revisit_article(sl_learner *l, sl_engine *eng, sl_analyzer *an,
                                 sl_buf *terms, unsigned skip, sl_article *a,
                                 sl_error *err) {
  sl_store *store = eng->store;
  uint64_t source = sl_learner_source(a);
  sl_status st = SL_OK;
  if (source)
    st = sl_clean_debris_with(a->text, strlen(a->text), l->boiler, source,
                              &l->cleaned);
  bool changed =
      st == SL_OK && source && l->cleaned.removed.len && l->cleaned.text.len;
  char *orig = NULL;
  if (changed) {
    orig = a->text;
    a->text = sl_buf_take(&l->cleaned.text, NULL);
    st = a->text ? sl_analyze(an, a, terms) : SL_ENOMEM;
    if (st == SL_OK)
      st = sl_store_article_put(store, a, terms->ptr, terms->len, err);
    /* the sentences and the mentions moved */
    if (st == SL_OK && !(skip & SL_STAGE_DATES))
      st = sl__when_anchors(store, a, err);
    if (st == SL_OK && !(skip & SL_STAGE_ENTITIES))
      st = sl__who_article(eng, a, err);
  }
  sl_vec_clear(&l->removed);
  for (size_t i = 0; changed && st == SL_OK && i < l->cleaned.removed.len;
       i++) {
    const sl_removed *d = &SL_VEC_AT(&l->cleaned.removed, sl_removed, i);
    sl_store_removed line = {sl_debris_name((sl_debris)d->reason),
                             orig + d->start, d->end - d->start};
    st = sl_vec_push(&l->removed, &line);
  }
  if (changed && st == SL_OK)
    st = sl_store_removed_add(store, a->id, l->removed.data, l->removed.len,
                              err);
  if (st == SL_ENOMEM)
    sl_error_set(err, st, "out of memory");
  free(orig);
  return st;
}

/* Cleans article `id` again; stores it when a line went. */
static sl_status revisit_one(sl_learner *l, sl_engine *eng, sl_analyzer *an,
                             sl_buf *terms, unsigned skip, int64_t id,
                             sl_error *err) {
  sl_article a;
  sl_article_init(&a);
  sl_status st = sl_store_article_get(eng->store, id, NULL, &a, err);
  if (st == SL_OK)
    st = revisit_article(l, eng, an, terms, skip, &a, err);
  else if (st == SL_ENOENT) /* deleted since (a rebuild trimmed it) */
    st = SL_OK;
  sl_article_release(&a);
  return st;
}

/* Takes every `id` off the revisit list; whether there was one. */
static bool take(sl_vec *revisit, int64_t id) {
  size_t kept = 0;
  int64_t *ids = revisit->data;
  for (size_t i = 0; i < revisit->len; i++)
    if (ids[i] != id)
      ids[kept++] = ids[i];
  bool found = kept < revisit->len;
  revisit->len = kept;
  return found;
}

sl_status sl_learner_revisit_now(sl_learner *l, sl_engine *eng, sl_analyzer *an,
                                 sl_buf *terms, unsigned skip, sl_article *a,
                                 sl_error *err) {
  if (!take(&l->revisit, a->id))
    return SL_OK;
  return revisit_article(l, eng, an, terms, skip, a, err);
}

static sl_status save_one(void *ud, const sl_boiler_entry *e) {
  void **ctx = ud;
  sl_store_boiler b = {e->key, e->articles, e->first[0], e->first[1]};
  return sl_store_boiler_put(ctx[0], &b, ctx[1]);
}

sl_status sl_learner_settle(sl_learner *l, sl_engine *eng, sl_analyzer *an,
                            sl_buf *terms, unsigned skip, sl_error *err) {
  sl_store *store = eng->store;
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < l->revisit.len; i++)
    st = revisit_one(l, eng, an, terms, skip,
                     SL_VEC_AT(&l->revisit, int64_t, i), err);
  sl_vec_clear(&l->revisit);
  void *ctx[2] = {store, err};
  return st == SL_OK ? sl_boiler_flush(l->boiler, save_one, ctx) : st;
}
