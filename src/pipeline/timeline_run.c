/* storyline pipeline: the timeline. Gathers the sentences of the selected
 * articles (a story, a storyline, a query, a date range) with their anchor
 * dates from the store, and hands them to the story stage. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/arena.h"
#include "base/vec.h"
#include "pipeline/pipeline_int.h"
#include "story/story.h"
#include "storyline/story.h"

typedef struct gather {
  sl_store *store;
  sl_arena mem; /* the articles' strings */
  sl_vec sents; /* sl_story_sent */
  const sl_store_tl_article *art;
  const char *ref, *outlet, *lang, *text;
  uint32_t seq;
  size_t n_articles;
  sl_status st;
  sl_error *err;
} gather;

static const char *keep(gather *g, const char *s, size_t len) {
  return s ? sl_arena_strndup(&g->mem, s, len) : NULL;
}

static int one_anchor(void *ud, const sl_store_anchor *a) {
  gather *g = ud;
  const sl_store_tl_article *art = g->art;
  if (a->end > art->text_len || a->start >= a->end)
    return 0; /* anchors of an older text: skip rather than misread */
  sl_story_sent s = {g->text + a->start,
                     a->end - a->start,
                     art->id,
                     art->dup_of ? art->dup_of : art->id,
                     g->ref,
                     g->outlet,
                     g->lang,
                     art->date,
                     a->date,
                     a->expr && a->value ? keep(g, a->value, strlen(a->value))
                                         : NULL,
                     g->seq++,
                     a->expr && a->value ? keep(g, a->expr, a->expr_len) : NULL,
                     a->expr && a->value ? a->expr_len : 0};
  if ((a->expr && a->value && (!s.value || !s.expr)) ||
      sl_vec_push(&g->sents, &s) != SL_OK)
    return g->st = SL_ENOMEM, 1;
  return 0;
}

static int one_article(void *ud, const sl_store_tl_article *a) {
  gather *g = ud;
  g->art = a;
  g->seq = 0;
  g->n_articles++;
  g->text = keep(g, a->text, a->text_len);
  g->ref = keep(g, a->ref, a->ref ? strlen(a->ref) : 0);
  g->outlet = keep(g, a->source, a->source ? strlen(a->source) : 0);
  g->lang = keep(g, a->language, a->language ? strlen(a->language) : 0);
  if (!g->text || (a->ref && !g->ref) || (a->source && !g->outlet) ||
      (a->language && !g->lang))
    return g->st = SL_ENOMEM, 1;
  g->st = sl_store_anchors_each(g->store, a->id, one_anchor, g, g->err);
  return g->st != SL_OK;
}

/* The story's id and its related stories' ids, from its summary. */
static int related_ids(void *ud, const sl_store_story *s) {
  sl_vec *ids = ud;
  if (sl_vec_push(ids, &s->id) != SL_OK)
    return 1;
  json_t *arr = s->related ? json_loads(s->related, 0, NULL) : NULL;
  size_t i;
  json_t *r;
  int stop = 0;
  json_array_foreach(arr, i, r) {
    int64_t id = json_integer_value(json_object_get(r, "id"));
    if (id > 0 && !stop)
      stop = sl_vec_push(ids, &id) != SL_OK;
  }
  json_decref(arr);
  return stop;
}

static int story_exists(void *ud, const sl_store_story *s) {
  return sl_vec_push(ud, &s->id) != SL_OK;
}

/* The words of the query, copied into `mem`, in `terms`. */
static sl_status split_query(const char *q, sl_arena *mem, sl_vec *terms) {
  while (q && *q) {
    while (isspace((unsigned char)*q))
      q++;
    size_t len = 0;
    while (q[len] && !isspace((unsigned char)q[len]))
      len++;
    const char *w = len ? sl_arena_strndup(mem, q, len) : NULL;
    if (len && (!w || sl_vec_push(terms, &w) != SL_OK))
      return SL_ENOMEM;
    q += len;
  }
  return SL_OK;
}

static sl_status check_opts(const sl_timeline_opts *o, sl_error *err) {
  int selectors = (o->story != 0) + (o->storyline != 0) + (o->query != NULL);
  if (selectors > 1)
    return sl_error_set(err, SL_EINVAL,
                        "a timeline takes one of a story, a storyline "
                        "and a query");
  if (o->from.year && o->to.year &&
      (o->from.year * 10000 + o->from.month * 100 + o->from.day >
       o->to.year * 10000 + o->to.month * 100 + o->to.day))
    return sl_error_set(err, SL_EINVAL, "the start date is after the end date");
  return SL_OK;
}

/* Fills the filter's stories and terms for the selector of `o`. */
static sl_status select_articles(sl_engine *eng, const sl_timeline_opts *o,
                                 gather *g, sl_vec *ids, sl_vec *terms,
                                 sl_error *err) {
  sl_status st = SL_OK;
  if (o->story)
    st = sl_store_story_get(eng->store, o->story, story_exists, ids, err);
  else if (o->storyline)
    st = sl_store_story_get(eng->store, o->storyline, related_ids, ids, err);
  if (st == SL_ECANCELED)
    st = sl_error_set(err, SL_ENOMEM, "out of memory");
  if (st == SL_OK && split_query(o->query, &g->mem, terms) != SL_OK)
    st = sl_error_set(err, SL_ENOMEM, "out of memory");
  return st;
}

sl_status sl_engine_timeline(sl_engine *eng, const sl_timeline_opts *opts,
                             sl_timeline *out, sl_error *err) {
  sl_timeline_init(out);
  sl_timeline_opts o = {0};
  if (opts)
    o = *opts;
  sl_status st = check_opts(&o, err);
  if (st != SL_OK)
    return st;
  gather g = {.store = eng->store, .err = err};
  sl_arena_init(&g.mem, 1 << 20);
  sl_vec_init(&g.sents, sizeof(sl_story_sent));
  sl_vec ids = SL_VEC_INIT(int64_t), terms = SL_VEC_INIT(const char *);
  st = select_articles(eng, &o, &g, &ids, &terms, err);
  sl_store_tl_filter f = {ids.data, ids.len,    o.from,
                          o.to,     terms.data, terms.len};
  if (st == SL_OK)
    st = sl_store_tl_articles(eng->store, &f, one_article, &g, err);
  if (st == SL_ECANCELED)
    st = g.st == SL_ENOMEM ? sl_error_set(err, SL_ENOMEM, "out of memory")
                           : g.st;
  if (st == SL_OK && g.n_articles && !g.sents.len)
    st = sl_error_set(err, SL_EEMPTY,
                      "no sentence dates in the %zu article%s selected: run "
                      "'storyline rebuild' (stored without the dates stage)",
                      g.n_articles, g.n_articles == 1 ? "" : "s");
  sl_story_tl_opts so = {o.from, o.to, o.dates, o.per_date, o.tuning};
  if (st == SL_OK &&
      (st = sl_story_timeline(g.sents.data, g.sents.len, &so, out)) != SL_OK)
    sl_error_set(err, st, "cannot build the timeline: %s", sl_status_str(st));
  sl_vec_release(&ids);
  sl_vec_release(&terms);
  sl_vec_release(&g.sents);
  sl_arena_release(&g.mem);
  return st;
}
