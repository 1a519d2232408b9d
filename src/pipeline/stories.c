/* storyline pipeline: stories as articles are stored (see stories.h). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "pipeline/analyze.h"
#include "pipeline/stories.h"

enum { SEED = 0x5107 };

typedef struct restorer {
  sl_stories *s;
  sl_status st;
} restorer;

/* A member of a story no longer live: it moves the clock and counts in
 * the IDF, as it did when it was added. */
static sl_status restore_past(sl_cluster *cl, const sl_store_cmember *m) {
  sl_cluster_doc *doc = NULL;
  sl_status st = m->doc ? sl_cluster_doc_load(m->doc, m->len, &doc) : SL_OK;
  if (st == SL_OK)
    st = sl_cluster_restore_past(cl, doc, (uint64_t)m->id, m->date);
  sl_cluster_doc_free(doc);
  return st;
}

static int restore_one(void *ud, const sl_store_cmember *m) {
  restorer *r = ud;
  sl_cluster *cl = r->s->cl;
  if (!m->live) {
    r->st = restore_past(cl, m);
  } else if (m->doc) {
    sl_cluster_doc *doc = NULL;
    r->st = sl_cluster_doc_load(m->doc, m->len, &doc);
    if (r->st == SL_OK)
      r->st = sl_cluster_restore(cl, doc, m->story);
    /* A story that grew quiet while the ones after it came back has left
     * the live index again: its members stay stored, nothing is lost. */
    if (r->st == SL_EINVAL)
      r->st = SL_OK;
    sl_cluster_doc_free(doc);
  } else {
    r->st = sl_cluster_add_dup(cl, m->id, (uint64_t)m->id, m->date, m->story);
    if (r->st == SL_ENOENT) /* its story was not restored: no matter */
      r->st = SL_OK;
  }
  if (r->st == SL_OK)
    r->s->last_id = m->id;
  return r->st != SL_OK;
}

static const char *const counter_keys[] = {
    "cluster.stories", "cluster.since_expire", "cluster.since_merge"};

/* The clusterer's counters as the last commit left them (a database
 * written before they were kept has none: the restore then goes without). */
static sl_status restore_counters(sl_stories *s, sl_error *err) {
  int64_t v[3];
  bool found = true;
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && found && i < 3; i++)
    st = sl_store_state_get(s->store, counter_keys[i], &v[i], &found, err);
  if (st != SL_OK || !found)
    return st;
  sl_cluster_counters c = {v[0], (uint64_t)v[1], (uint64_t)v[2]};
  st = v[1] < 0 || v[2] < 0 ? SL_EINVAL : sl_cluster_counters_set(s->cl, &c);
  if (st != SL_OK)
    return sl_error_set(err, SL_ECORRUPT,
                        "cannot restore the story counters of '%s': they do "
                        "not fit its stories",
                        sl_store_path(s->store));
  /* The next merge step compares what the interrupted run had changed
   * since its last one, not every story restored. */
  sl_vec ids;
  sl_vec_init(&ids, sizeof(int64_t));
  st = sl_store_dirty_get(s->store, &ids, err);
  if (st == SL_OK)
    sl_cluster_mark_changed(s->cl, 0, false);
  for (size_t i = 0; st == SL_OK && i < ids.len; i++)
    sl_cluster_mark_changed(s->cl, SL_VEC_AT(&ids, int64_t, i), true);
  sl_vec_release(&ids);
  return st;
}

/* Keeps what restore_counters reads back: the counters and the stories
 * changed since the last merge step. */
static sl_status save_counters(sl_stories *s, sl_error *err) {
  sl_cluster_counters c;
  sl_cluster_counters_get(s->cl, &c);
  int64_t v[3] = {c.stories, (int64_t)c.since_expire, (int64_t)c.since_merge};
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < 3; i++)
    st = sl_store_state_put(s->store, counter_keys[i], v[i], err);
  if (st == SL_OK)
    st = sl_store_dirty_clear(s->store, err);
  sl_cluster_story cs;
  for (size_t pos = 0; st == SL_OK && sl_cluster_next(s->cl, &pos, &cs);)
    if (sl_cluster_changed(s->cl, cs.id))
      st = sl_store_dirty_put(s->store, cs.id, err);
  return st;
}

sl_status sl_stories_init(sl_stories *s, sl_store *store, bool fresh,
                          sl_error *err) {
  memset(s, 0, sizeof *s);
  s->store = store;
  sl_buf_init(&s->blob, 0);
  sl_vec_init(&s->touched, sizeof(int64_t));
  sl_cluster_opts o;
  sl_cluster_opts_default(&o);
  o.seed = SEED;
  s->cl = sl_cluster_new(&o, NULL);
  s->fz = sl_cluster_fz_new(SEED);
  if (!s->cl || !s->fz)
    return sl_error_set(err, SL_ENOMEM, "out of memory");
  if (fresh)
    return sl_store_cluster_clear(store, err);
  restorer r = {s, SL_OK};
  sl_status st = sl_store_cluster_each(store, restore_one, &r, err);
  if (st == SL_ECANCELED)
    st = sl_error_set(err, r.st, "cannot restore the live stories: %s",
                      sl_status_str(r.st));
  return st == SL_OK ? restore_counters(s, err) : st;
}

void sl_stories_release(sl_stories *s) {
  sl_cluster_free(s->cl);
  sl_cluster_fz_free(s->fz);
  sl_buf_release(&s->blob);
  sl_vec_release(&s->touched);
  memset(s, 0, sizeof *s);
}

static sl_status touch(sl_stories *s, int64_t story, sl_error *err) {
  return sl_vec_push(&s->touched, &story) == SL_OK
             ? SL_OK
             : sl_error_set(err, SL_ENOMEM, "out of memory");
}

/* A duplicate joins its canonical's story; SL_ENOENT when that story is
 * not live (the duplicate is then clustered on its own). */
static sl_status add_dup(sl_stories *s, const sl_article *a, int64_t same_as,
                         sl_error *err) {
  int64_t story = 0;
  sl_status st = sl_store_story_of(s->store, same_as, &story, err);
  if (st != SL_OK)
    return st;
  story = story ? sl_cluster_resolve(s->cl, story) : 0;
  if (!story)
    return SL_ENOENT;
  st = sl_cluster_add_dup(s->cl, a->id, (uint64_t)a->id, a->date, story);
  if (st == SL_OK)
    st = sl_store_story_set(s->store, a->id, story, err);
  return st == SL_OK ? touch(s, story, err) : st;
}

static sl_status add_doc(sl_stories *s, const sl_article *a, sl_error *err) {
  /* A date inferred from the text is the clusterer's to find: it reads
   * datelines as evidence, not as the clock. */
  sl_date date = a->date_confidence >= 1 ? a->date : (sl_date){0, 0, 0};
  /* Of a long text, its first part (see SL_ANALYSIS_MAX_BYTES). */
  size_t len = sl_analysed_len(a->text, strlen(a->text));
  sl_cluster_input in = {a->id, (uint64_t)a->id, a->title, a->text,
                         len,   a->language,     date};
  sl_cluster_doc *doc = NULL;
  sl_status st = sl_cluster_featurize(s->fz, &in, &doc);
  sl_buf_clear(&s->blob);
  if (st == SL_OK)
    st = sl_cluster_doc_save(doc, &s->blob);
  sl_cluster_result res;
  if (st == SL_OK)
    st = sl_cluster_add(s->cl, doc, &res);
  sl_cluster_doc_free(doc);
  if (st != SL_OK)
    return sl_error_set(err, st, "cannot cluster article %lld: %s",
                        (long long)a->id, sl_status_str(st));
  st = sl_store_cdoc_put(s->store, a->id, s->blob.ptr, s->blob.len, err);
  if (st == SL_OK)
    st = sl_store_story_set(s->store, a->id, res.story, err);
  return st == SL_OK ? touch(s, res.story, err) : st;
}

sl_status sl_stories_article(sl_stories *s, const sl_article *a,
                             int64_t same_as, sl_error *err) {
  if (a->id <= s->last_id)
    return SL_OK;
  s->last_id = a->id;
  sl_status st = same_as ? add_dup(s, a, same_as, err) : SL_ENOENT;
  return st == SL_ENOENT ? add_doc(s, a, err) : st;
}

/* Stories merged since the last settle: their articles move to the story
 * they joined, in the order the clusterer merged them (a story merged into
 * one that merged on later follows it). A story may have opened and merged
 * within one batch, before it was ever written: its articles move all the
 * same. */
static sl_status apply_merges(sl_stories *s, sl_error *err) {
  size_t n;
  const sl_cluster_merge_ev *ev = sl_cluster_merges(s->cl, &n);
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < n; i++) {
    st = sl_store_story_merge(s->store, ev[i].from, ev[i].into, err);
    if (st == SL_OK)
      st = touch(s, ev[i].into, err);
  }
  if (st == SL_OK)
    sl_cluster_merges_clear(s->cl);
  return st;
}

/* The related links as JSON [{id, score}], malloc'd; NULL when none. */
static char *related_json(const sl_stories *s, const sl_cluster_story *cs) {
  if (cs->n_related == 0)
    return NULL;
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < cs->n_related; i++) {
    int64_t to = sl_cluster_resolve(s->cl, cs->related[i].story);
    if (!to || to == cs->id)
      continue;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(to));
    json_object_set_new(o, "score", json_real(cs->related[i].score));
    json_array_append_new(arr, o);
  }
  char *out = arr && json_array_size(arr)
                  ? json_dumps(arr, JSON_COMPACT | JSON_REAL_PRECISION(3))
                  : NULL;
  json_decref(arr);
  return out;
}

static int cmp_id(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

static sl_status put_story(sl_stories *s, const sl_cluster_story *cs,
                           sl_error *err) {
  char *related = related_json(s, cs);
  sl_store_story row = {cs->id,   cs->headline,           cs->first,
                        cs->last, (int64_t)cs->n_members, cs->live,
                        related};
  sl_status st = sl_store_story_put(s->store, &row, err);
  free(related);
  return st;
}

sl_status sl_stories_settle(sl_stories *s, sl_error *err) {
  sl_status st = apply_merges(s, err);
  int64_t *t = s->touched.data;
  size_t n = s->touched.len;
  if (n)
    qsort(t, n, sizeof *t, cmp_id);
  sl_cluster_story cs;
  for (size_t pos = 0; st == SL_OK && sl_cluster_next(s->cl, &pos, &cs);)
    if (!cs.live || (n && bsearch(&cs.id, t, n, sizeof *t, cmp_id)))
      st = put_story(s, &cs, err);
  if (st == SL_OK) {
    sl_cluster_drop_expired(s->cl);
    sl_vec_clear(&s->touched);
    st = save_counters(s, err);
  }
  return st;
}

sl_status sl_stories_finish(sl_stories *s, sl_error *err) {
  sl_status st = sl_cluster_merge(s->cl, NULL);
  if (st != SL_OK)
    return sl_error_set(err, st, "cannot merge stories: %s", sl_status_str(st));
  return sl_stories_settle(s, err);
}

sl_status sl_stories_all(sl_stories *s, sl_error *err) {
  sl_vec ids;
  sl_vec_init(&ids, sizeof(int64_t));
  sl_status st = sl_store_article_ids(s->store, &ids, err);
  sl_article a;
  sl_article_init(&a);
  for (size_t i = 0; st == SL_OK && i < ids.len; i++) {
    if (s->cancel && *s->cancel)
      st = sl_error_set(err, SL_ECANCELED, "interrupted");
    if (st == SL_OK)
      st = sl_store_article_get(s->store, SL_VEC_AT(&ids, int64_t, i), NULL, &a,
                                err);
    if (st == SL_OK)
      st = sl_stories_article(s, &a, a.duplicate_of, err);
    if (st == SL_OK && (i + 1) % 1000 == 0)
      st = sl_stories_settle(s, err);
  }
  sl_article_release(&a);
  sl_vec_release(&ids);
  return st == SL_OK ? sl_stories_finish(s, err) : st;
}
