/* storyline pipeline: the dossier of a story: gathers its articles, who and
 * related stories from the store, runs src/story over them and writes the
 * JSON (dossier_json.c). */
#include <stdlib.h>
#include <string.h>

#include "pipeline/dossier_int.h"
#include "pipeline/pipeline_int.h"
#include "storyline/dossier.h"
#include "storyline/story.h"

enum { LINE_HOPS = 3, LINE_MAX = 20 }; /* bounds of the related-story walk */

typedef struct found {
  sl__dos_story s;
  char *related; /* JSON [{id, score}], owned */
  bool ok;
} found;

static int got_story(void *ud, const sl_store_story *s) {
  found *f = ud;
  f->s = (sl__dos_story){s->id, s->title ? strdup(s->title) : NULL, s->first,
                         s->last};
  f->related = s->related ? strdup(s->related) : NULL;
  f->ok = (!s->title || f->s.title) && (!s->related || f->related);
  return !f->ok;
}

/* Reads story `id`'s summary; SL_ENOENT when there is none. */
static sl_status get_story(sl_engine *eng, int64_t id, found *f,
                           sl_error *err) {
  memset(f, 0, sizeof *f);
  sl_status st = sl_store_story_get(eng->store, id, got_story, f, err);
  if (st == SL_ECANCELED)
    st = sl_error_set(err, SL_ENOMEM, "out of memory");
  return st;
}

static int got_member(void *ud, int64_t id, const char *ref) {
  (void)ref;
  return sl_vec_push(ud, &id) != SL_OK;
}

/* Loads the story's articles and their plain view for src/story. */
static sl_status load_articles(sl_engine *eng, sl__dos_input *x,
                               const sl_vec *ids, sl_error *err) {
  x->articles = calloc(ids->len ? ids->len : 1, sizeof *x->articles);
  x->in = calloc(ids->len ? ids->len : 1, sizeof *x->in);
  if (!x->articles || !x->in)
    return sl_error_set(err, SL_ENOMEM, "out of memory");
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < ids->len; i++, x->n++) {
    sl_article *a = &x->articles[i];
    sl_article_init(a);
    st = sl_store_article_get(eng->store, SL_VEC_AT(ids, int64_t, i), NULL, a,
                              err);
    if (st != SL_OK)
      break;
    x->in[i] = (sl_dos_article){a->id,
                                a->ref,
                                a->source,
                                a->title,
                                a->language,
                                a->date,
                                a->text ? a->text : "",
                                a->text ? strlen(a->text) : 0,
                                a->duplicate_of,
                                a->relation[0] ? a->relation : NULL};
  }
  return st;
}

/* The quotes' sources as {id, ref, outlet}, as everywhere in the dossier
 * (the who stage gives {id, source}). */
static void remap_quotes(sl__dos_input *x) {
  size_t i, k;
  json_t *q, *src;
  json_array_foreach(x->quotes, i, q) {
    json_t *out = json_array();
    json_array_foreach(json_object_get(q, "sources"), k, src) {
      json_int_t id = json_integer_value(json_object_get(src, "id"));
      for (size_t a = 0; a < x->n; a++)
        if (x->in[a].id == id) {
          json_array_append_new(out, sl__dos_source(x, a));
          break;
        }
    }
    json_object_set_new(q, "sources", out);
  }
}

static sl_status load_who(sl_engine *eng, sl__dos_input *x, const sl_vec *ids,
                          sl_error *err) {
  char *ents = NULL, *quotes = NULL;
  sl_status st = sl__who_story(eng, ids->data, ids->len, &ents, &quotes, err);
  if (st == SL_OK) {
    x->entities = json_loads(ents, 0, NULL);
    x->quotes = json_loads(quotes, 0, NULL);
    if (!x->entities || !x->quotes)
      st = sl_error_set(err, SL_ENOMEM, "out of memory");
    else
      remap_quotes(x);
  }
  free(ents);
  free(quotes);
  return st;
}

typedef struct walk {
  int64_t id[4 * LINE_MAX];
  int hop[4 * LINE_MAX];
  size_t n;
} walk;

/* Queues the unseen stories of a `related` JSON array, `hop` links away. */
static void queue_related(walk *w, const char *related, int hop) {
  json_t *arr = related ? json_loads(related, 0, NULL) : NULL;
  size_t i;
  json_t *r;
  json_array_foreach(arr, i, r) {
    int64_t id = json_integer_value(json_object_get(r, "id"));
    bool seen = id <= 0;
    for (size_t k = 0; k < w->n && !seen; k++)
      seen = w->id[k] == id;
    if (!seen && w->n < sizeof w->id / sizeof *w->id)
      w->id[w->n] = id, w->hop[w->n++] = hop;
  }
  json_decref(arr);
}

/* A date as a sortable number; undated last. */
static long day_key(sl_date d) {
  return d.year ? d.year * 372L + d.month * 31L + d.day : 1L << 30;
}

static int cmp_line(const void *a, const void *b) {
  const sl__dos_story *x = a, *y = b;
  long dx = day_key(x->first), dy = day_key(y->first);
  if (dx != dy)
    return dx < dy ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* The storyline: the related stories, followed transitively up to
 * LINE_HOPS links and LINE_MAX stories, in date order. */
static sl_status load_line(sl_engine *eng, sl__dos_input *x,
                           const char *related, sl_error *err) {
  walk w = {{x->story.id}, {0}, 1};
  queue_related(&w, related, 1);
  x->line = calloc(LINE_MAX, sizeof *x->line);
  if (!x->line)
    return sl_error_set(err, SL_ENOMEM, "out of memory");
  for (size_t i = 1; i < w.n && x->n_line < LINE_MAX; i++) {
    found f;
    sl_status st = get_story(eng, w.id[i], &f, err);
    if (st == SL_ENOENT) /* a link to a story merged away since */
      continue;
    if (st != SL_OK)
      return st;
    x->line[x->n_line++] = f.s;
    if (w.hop[i] < LINE_HOPS)
      queue_related(&w, f.related, w.hop[i] + 1);
    free(f.related);
  }
  qsort(x->line, x->n_line, sizeof *x->line, cmp_line);
  sl_error_clear(err);
  return SL_OK;
}

static void input_release(sl__dos_input *x) {
  for (size_t i = 0; i < x->n; i++)
    sl_article_release(&x->articles[i]);
  for (size_t i = 0; i < x->n_line; i++)
    free(x->line[i].title);
  free(x->articles);
  free(x->in);
  free(x->line);
  free(x->story.title);
  json_decref(x->entities);
  json_decref(x->quotes);
  json_decref(x->timeline);
}

/* The story's timeline, its length picked from the material, as the
 * entries of its JSON form. */
static sl_status load_timeline(sl_engine *eng, sl__dos_input *x, int64_t id,
                               sl_error *err) {
  sl_timeline tl;
  sl_timeline_init(&tl);
  sl_timeline_opts o = {.story = id};
  char *text = NULL;
  sl_status st = sl_engine_timeline(eng, &o, &tl, err);
  if (st == SL_OK && sl_timeline_to_json(&tl, &text) != SL_OK)
    st = sl_error_set(err, SL_ENOMEM, "out of memory");
  json_t *o_json = text ? json_loads(text, 0, NULL) : NULL;
  if (st == SL_OK && !o_json)
    st = sl_error_set(err, SL_ENOMEM, "out of memory");
  if (o_json)
    x->timeline = json_incref(json_object_get(o_json, "entries"));
  json_decref(o_json);
  free(text);
  sl_timeline_release(&tl);
  return st;
}

/* Runs the dossier's parts over the gathered story and writes the JSON. */
static sl_status analyse(sl_engine *eng, const sl__dos_input *x, char **json,
                         sl_error *err) {
  sl_dos d;
  sl_dos_sources src = {0};
  sl_vec picks, dis;
  sl_vec_init(&picks, sizeof(sl_dos_pick));
  sl_vec_init(&dis, sizeof(sl_dos_disagree));
  sl_status st = sl_dos_init(&d, x->in, x->n, eng->stem);
  if (st != SL_OK)
    return sl_error_set(err, st, "cannot analyse the story: %s",
                        sl_status_str(st));
  st = sl_dos_sources_find(x->in, x->n, &src);
  if (st == SL_OK)
    st = sl_dos_summary(&d, 5, &picks);
  if (st == SL_OK)
    st = sl_dos_disagreements(&d, &dis);
  json_t *o = st == SL_OK ? sl__dos_json(x, &d, &src, &picks, &dis) : NULL;
  *json = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  json_decref(o);
  if (st == SL_OK && !*json)
    st = SL_ENOMEM;
  sl_dos_picks_clear(&picks);
  sl_vec_release(&picks);
  sl_dos_disagree_clear(&dis);
  sl_vec_release(&dis);
  sl_dos_sources_release(&src);
  sl_dos_release(&d);
  return st == SL_OK ? st : sl_error_set(err, st, "%s", sl_status_str(st));
}

sl_status sl_engine_dossier(sl_engine *eng, int64_t id, char **json,
                            sl_error *err) {
  *json = NULL;
  sl__dos_input x = {0};
  found f;
  sl_vec ids;
  sl_vec_init(&ids, sizeof(int64_t));
  sl_status st = get_story(eng, id, &f, err);
  x.story = f.s;
  if (st == SL_OK)
    st = sl_store_story_members(eng->store, id, got_member, &ids, err);
  if (st == SL_ECANCELED)
    st = sl_error_set(err, SL_ENOMEM, "out of memory");
  if (st == SL_OK)
    st = load_articles(eng, &x, &ids, err);
  if (st == SL_OK)
    st = load_who(eng, &x, &ids, err);
  if (st == SL_OK)
    st = load_line(eng, &x, f.related, err);
  if (st == SL_OK)
    st = load_timeline(eng, &x, id, err);
  if (st == SL_OK)
    st = analyse(eng, &x, json, err);
  free(f.related);
  sl_vec_release(&ids);
  input_release(&x);
  return st;
}
