/* storyline pipeline: stories as the public API shows them. */
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"
#include "pipeline/pipeline_int.h"
#include "store/lists.h"
#include "storyline/search.h"

/* A story being shown: its members collected from the store. */
typedef struct shower {
  sl_engine *eng;
  int (*fn)(void *ud, const sl_story *s);
  void *ud;
  sl_vec ids;  /* int64_t */
  sl_vec refs; /* char *, owned */
  sl_error *err;
  sl_status st;
  bool who; /* entities and quotes too */
} shower;

static void clear_refs(shower *sh) {
  for (size_t i = 0; i < sh->refs.len; i++)
    free(SL_VEC_AT(&sh->refs, char *, i));
  sl_vec_clear(&sh->refs);
  sl_vec_clear(&sh->ids);
}

static int member(void *ud, int64_t id, const char *ref) {
  shower *sh = ud;
  char *copy = strdup(ref ? ref : "");
  if (!copy || sl_vec_push(&sh->ids, &id) != SL_OK ||
      sl_vec_push(&sh->refs, &copy) != SL_OK) {
    free(copy);
    return 1;
  }
  return 0;
}

static int show(void *ud, const sl_store_story *x) {
  shower *sh = ud;
  clear_refs(sh);
  sh->st = sl_store_story_members(sh->eng->store, x->id, member, sh, sh->err);
  if (sh->st == SL_ECANCELED)
    sh->st = sl_error_set(sh->err, SL_ENOMEM, "out of memory");
  if (sh->st != SL_OK)
    return 1;
  char *ents = NULL, *quotes = NULL;
  if (sh->who)
    sh->st = sl__who_story(sh->eng, sh->ids.data, sh->ids.len, &ents, &quotes,
                           sh->err);
  sl_story s = {x->id,      ents,         quotes,        x->title,
                x->first,   x->last,      x->size,       x->live,
                x->related, sh->ids.data, sh->refs.data, sh->ids.len};
  int stop = sh->st == SL_OK ? sh->fn(sh->ud, &s) : 1;
  free(ents);
  free(quotes);
  return stop;
}

static sl_status finish(shower *sh, sl_status st) {
  clear_refs(sh);
  sl_vec_release(&sh->ids);
  sl_vec_release(&sh->refs);
  return st == SL_ECANCELED && sh->st != SL_OK ? sh->st : st;
}

static void start(shower *sh, sl_engine *eng,
                  int (*fn)(void *ud, const sl_story *s), void *ud,
                  sl_error *err) {
  *sh = (shower){eng, fn, ud, {0}, {0}, err, SL_OK, false};
  sl_vec_init(&sh->ids, sizeof(int64_t));
  sl_vec_init(&sh->refs, sizeof(char *));
}

sl_status sl_engine_stories(sl_engine *eng,
                            int (*fn)(void *ud, const sl_story *s), void *ud,
                            sl_error *err) {
  shower sh;
  start(&sh, eng, fn, ud, err);
  return finish(&sh, sl_store_stories_each(eng->store, show, &sh, err));
}

sl_status sl_engine_story(sl_engine *eng, int64_t id,
                          int (*fn)(void *ud, const sl_story *s), void *ud,
                          sl_error *err) {
  shower sh;
  start(&sh, eng, fn, ud, err);
  sh.who = true;
  return finish(&sh, sl_store_story_get(eng->store, id, show, &sh, err));
}

sl_status sl_engine_stories_where(sl_engine *eng, const sl_filter *f,
                                  sl_story_sort sort,
                                  int (*fn)(void *ud, const sl_story *s),
                                  void *ud, sl_error *err) {
  char since[11], until[11];
  sl_date_format(f->since, since);
  sl_date_format(f->until, until);
  sl_store_filter sf = {since, until, f->source, f->lang, f->limit, (int)sort};
  shower sh;
  start(&sh, eng, fn, ud, err);
  return finish(&sh, sl_store_stories_where(eng->store, &sf, show, &sh, err));
}
