/* storyline pipeline: `search` and the filtered lists, as the public API
 * (storyline/search.h) shows them over the store's index and tables. */
#include <string.h>

#include "pipeline/pipeline_int.h"
#include "store/fts.h"
#include "store/lists.h"
#include "storyline/search.h"
#include "text/date.h"

sl_status sl_filter_date(const char *s, sl_date *out, sl_error *err) {
  if (!s || sl_date_parse(s, strlen(s), out, NULL) != SL_OK)
    return sl_error_set(err, SL_EPARSE,
                        "invalid date '%s' (expected YYYY-MM-DD)", s ? s : "");
  return SL_OK;
}

/* The store's form of a search: the MATCH expression into `match` (which
 * the caller releases), the entity looked up, the dates formatted into
 * `since` and `until`. */
static sl_status to_store(sl_engine *eng, const sl_search_opts *o,
                          sl_buf *match, char since[11], char until[11],
                          sl_store_search_q *q, sl_error *err) {
  sl_status st = sl_fts_query(o->query, o->filter.lang, match, err);
  int64_t entity = 0;
  if (st == SL_OK && o->entity) {
    st = sl__who_lookup(eng, o->entity, &entity, err);
    if (st == SL_OK && !entity)
      st = sl_error_set(err, SL_ENOENT, "no entity named '%s' in the archive",
                        o->entity);
  }
  sl_date_format(o->filter.since, since);
  sl_date_format(o->filter.until, until);
  *q = (sl_store_search_q){match->ptr, entity, o->filter.source, o->filter.lang,
                           since,      until,  o->filter.limit};
  return st;
}

typedef struct hit_ctx {
  int (*fn)(void *ud, const sl_search_hit *h);
  void *ud;
} hit_ctx;

static int give_hit(void *ud, const sl_store_hit *x) {
  hit_ctx *c = ud;
  sl_search_hit h = {x->id,   x->story,   x->ref,  x->title,
                     x->date, x->snippet, x->score};
  return c->fn(c->ud, &h);
}

sl_status sl_engine_search(sl_engine *eng, const sl_search_opts *opts,
                           int (*fn)(void *ud, const sl_search_hit *h),
                           void *ud, sl_error *err) {
  sl_buf match;
  sl_buf_init(&match, 0);
  char since[11], until[11];
  sl_store_search_q q;
  hit_ctx c = {fn, ud};
  sl_status st = to_store(eng, opts, &match, since, until, &q, err);
  if (st == SL_OK)
    st = sl_store_search(eng->store, &q, give_hit, &c, err);
  sl_buf_release(&match);
  return st;
}

typedef struct story_ctx {
  int (*fn)(void *ud, const sl_search_story *s);
  void *ud;
} story_ctx;

static int give_story(void *ud, const sl_store_story_hits *x) {
  story_ctx *c = ud;
  sl_search_story s = {x->story, x->hits, x->title, x->first, x->last, x->best};
  return c->fn(c->ud, &s);
}

sl_status sl_engine_search_stories(sl_engine *eng, const sl_search_opts *opts,
                                   int (*fn)(void *ud,
                                             const sl_search_story *s),
                                   void *ud, sl_error *err) {
  sl_buf match;
  sl_buf_init(&match, 0);
  char since[11], until[11];
  sl_store_search_q q;
  story_ctx c = {fn, ud};
  sl_status st = to_store(eng, opts, &match, since, until, &q, err);
  if (st == SL_OK)
    st = sl_store_search_stories(eng->store, &q, give_story, &c, err);
  sl_buf_release(&match);
  return st;
}

sl_status sl_engine_articles_where(sl_engine *eng, const sl_filter *f,
                                   int (*fn)(void *ud, const sl_article *a),
                                   void *ud, sl_error *err) {
  char since[11], until[11];
  sl_date_format(f->since, since);
  sl_date_format(f->until, until);
  sl_store_filter sf = {since, until, f->source, f->lang, f->limit, 0};
  return sl_store_articles_where(eng->store, &sf, fn, ud, err);
}
