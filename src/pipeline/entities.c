/* storyline pipeline: the archive's entities as users see them: the most
 * mentioned ones, or the one a name or an id points to, with their names,
 * surface forms and stories. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "pipeline/pipeline_int.h"

/* A name the articles give the entity, and in how many articles. */
typedef struct ename {
  char *text;
  int words;
  int64_t count;
} ename;

/* What the rows of one entity add up to. */
typedef struct gather {
  json_t *aliases, *stories;
  ename *names;
  size_t nnames;
  int64_t types[SL_ENT__COUNT];
} gather;

static int words(const char *s) {
  int n = 1;
  for (; *s; s++)
    n += *s == ' ';
  return n;
}

static int add_name(gather *g, const char *text, int64_t count) {
  ename *n = realloc(g->names, (g->nnames + 1) * sizeof *n);
  if (!n)
    return 1;
  g->names = n;
  n[g->nnames] = (ename){strdup(text), words(text), count};
  return n[g->nnames++].text == NULL;
}

static int on_row(void *ud, const sl_store_entity_row *r) {
  gather *g = ud;
  const char *text = r->text ? r->text : "";
  if (r->kind == 0)
    return json_array_append_new(g->aliases,
                                 json_pack("{s:s, s:I}", "form", text, "count",
                                           (json_int_t)r->count)) != 0;
  if (r->kind == 3) {
    if (r->type < SL_ENT__COUNT)
      g->types[r->type] += r->count;
    return 0;
  }
  if (r->kind == 1)
    return add_name(g, text, r->count);
  return json_array_append_new(
             g->stories,
             json_pack("{s:I, s:s?, s:I, s:I}", "id", (json_int_t)r->id,
                       "title", r->text, "mentions", (json_int_t)r->count,
                       "articles", (json_int_t)r->articles)) != 0;
}

/* The canonical name: of the names at least a third as frequent as the
 * most frequent one, the most complete (most words), then the most
 * frequent. */
static const char *canonical(const gather *g) {
  int64_t most = 0;
  for (size_t i = 0; i < g->nnames; i++)
    most = g->names[i].count > most ? g->names[i].count : most;
  const ename *best = NULL;
  for (size_t i = 0; i < g->nnames; i++) {
    const ename *n = &g->names[i];
    if (3 * n->count < most)
      continue;
    if (!best || n->words > best->words ||
        (n->words == best->words && n->count > best->count))
      best = n;
  }
  return best ? best->text : "";
}

static const char *top_type(const gather *g) {
  int best = 0;
  for (int t = 1; t < SL_ENT__COUNT; t++)
    if (g->types[t] > g->types[best])
      best = t;
  return sl_ent_type_str(best);
}

/* Gathers entity `sum->entity` and calls `fn` with it. */
static sl_status report(sl_engine *eng, const sl_store_entity_sum *sum,
                        bool with_stories,
                        int (*fn)(void *ud, const sl_archive_entity *e),
                        void *ud, sl_error *err) {
  gather g = {json_array(), with_stories ? json_array() : NULL, NULL, 0, {0}};
  sl_status st = g.aliases && (g.stories || !with_stories) ? SL_OK : SL_ENOMEM;
  if (st == SL_OK)
    st = sl_store_entity_rows(eng->store, sum->entity, with_stories, on_row, &g,
                              err);
  if (st == SL_ECANCELED)
    st = SL_ENOMEM; /* on_row stops only when out of memory */
  char *aliases = st == SL_OK ? json_dumps(g.aliases, JSON_COMPACT) : NULL;
  char *stories =
      st == SL_OK && g.stories ? json_dumps(g.stories, JSON_COMPACT) : NULL;
  if (st == SL_OK && (!aliases || (with_stories && !stories)))
    st = SL_ENOMEM;
  if (st == SL_OK) {
    sl_archive_entity e = {sum->entity,   canonical(&g), top_type(&g),
                           aliases,       stories,       sum->mentions,
                           sum->articles, sum->stories};
    if (fn(ud, &e))
      st = sl_error_set(err, SL_ECANCELED, "stopped");
  }
  if (st == SL_ENOMEM)
    sl_error_set(err, st, "out of memory");
  free(aliases);
  free(stories);
  for (size_t i = 0; i < g.nnames; i++)
    free(g.names[i].text);
  free(g.names);
  json_decref(g.aliases);
  json_decref(g.stories);
  return st;
}

typedef struct lister {
  sl_engine *eng;
  int (*fn)(void *ud, const sl_archive_entity *e);
  void *ud;
  sl_error *err;
  sl_status st;
} lister;

static int list_one(void *ud, const sl_store_entity_sum *sum) {
  lister *l = ud;
  l->st = report(l->eng, sum, false, l->fn, l->ud, l->err);
  return l->st != SL_OK;
}

sl_status sl_engine_entities(sl_engine *eng, size_t limit,
                             int (*fn)(void *ud, const sl_archive_entity *e),
                             void *ud, sl_error *err) {
  lister l = {eng, fn, ud, err, SL_OK};
  sl_status st = sl_store_entities_top(eng->store, limit, list_one, &l, err);
  return st == SL_ECANCELED && l.st != SL_OK ? l.st : st;
}

/* An id typed as a number, else 0. */
static int64_t as_id(const char *q) {
  char *end;
  errno = 0;
  long long v = strtoll(q, &end, 10);
  return *q && !*end && !errno && v > 0 ? (int64_t)v : 0;
}

sl_status sl_engine_entity(sl_engine *eng, const char *query,
                           int (*fn)(void *ud, const sl_archive_entity *e),
                           void *ud, sl_error *err) {
  int64_t id = as_id(query);
  sl_status st = SL_OK;
  if (!id) {
    st = sl__who_lookup(eng, query, &id, err);
    if (st != SL_OK)
      return st;
  }
  sl_store_entity_sum sum;
  if (!id)
    return sl_error_set(err, SL_ENOENT, "no entity named '%s'", query);
  st = sl_store_entity_sum_get(eng->store, id, &sum, err);
  if (st == SL_ENOENT)
    return sl_error_set(err, SL_ENOENT, "no entity '%s'", query);
  return st == SL_OK ? report(eng, &sum, true, fn, ud, err) : st;
}
