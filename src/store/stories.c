/* storyline store: stories, each article's story, and the clustering
 * features kept so that the clusterer can be restored. */
#include "store/store_int.h"

static void bind_date(sqlite3_stmt *s, int i, sl_date d) {
  char buf[11];
  sl_date_format(d, buf);
  if (buf[0])
    sqlite3_bind_text(s, i, buf, 10, SQLITE_TRANSIENT);
}

sl_status sl_store_cdoc_put(sl_store *st, int64_t id, const void *blob,
                            size_t len, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_CDOC_PUT);
  sqlite3_bind_int64(s, 1, id);
  sqlite3_bind_blob(s, 2, blob, (int)len, SQLITE_STATIC);
  return sl__store_done(st, s, "write", err);
}

sl_status sl_store_story_set(sl_store *st, int64_t id, int64_t story,
                             sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_STORY_SET);
  sqlite3_bind_int64(s, 1, id);
  if (story)
    sqlite3_bind_int64(s, 2, story);
  return sl__store_done(st, s, "write", err);
}

sl_status sl_store_story_of(sl_store *st, int64_t id, int64_t *story,
                            sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_STORY_OF);
  sqlite3_bind_int64(s, 1, id);
  int rc = sqlite3_step(s);
  *story = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
  sqlite3_reset(s);
  return rc == SQLITE_ROW || rc == SQLITE_DONE
             ? SL_OK
             : sl__store_fail(st, rc, "read", err);
}

sl_status sl_store_story_merge(sl_store *st, int64_t from, int64_t to,
                               sl_error *err) {
  sl_status r = sl__store_write_ids(st, STMT_STORY_MOVE, from, to, err);
  return r == SL_OK ? sl__store_write_id(st, STMT_STORY_DEL, from, err) : r;
}

sl_status sl_store_story_put(sl_store *st, const sl_store_story *x,
                             sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_STORY_PUT);
  sqlite3_bind_int64(s, 1, x->id);
  if (x->title)
    sqlite3_bind_text(s, 2, x->title, -1, SQLITE_STATIC);
  bind_date(s, 3, x->first);
  bind_date(s, 4, x->last);
  sqlite3_bind_int64(s, 5, x->size);
  sqlite3_bind_int(s, 6, x->live);
  if (x->related)
    sqlite3_bind_text(s, 7, x->related, -1, SQLITE_STATIC);
  return sl__store_done(st, s, "write", err);
}

sl_status sl__store_each_story(sl_store *st, sqlite3_stmt *s,
                               int (*fn)(void *ud, const sl_store_story *x),
                               void *ud, bool *any, sl_error *err) {
  sl_status r = SL_OK;
  int rc;
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    sl_store_story x = {sqlite3_column_int64(s, 0),
                        (const char *)sqlite3_column_text(s, 1),
                        sl__store_date(sqlite3_column_text(s, 2)),
                        sl__store_date(sqlite3_column_text(s, 3)),
                        sqlite3_column_int64(s, 4),
                        sqlite3_column_int(s, 5) != 0,
                        (const char *)sqlite3_column_text(s, 6)};
    *any = true;
    if (fn(ud, &x))
      r = SL_ECANCELED;
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  return r;
}

sl_status sl_store_stories_each(sl_store *st,
                                int (*fn)(void *ud, const sl_store_story *s),
                                void *ud, sl_error *err) {
  bool any = false;
  return sl__store_each_story(st, sl__store_stmt(st, STMT_STORIES_EACH), fn, ud,
                              &any, err);
}

sl_status sl_store_story_get(sl_store *st, int64_t id,
                             int (*fn)(void *ud, const sl_store_story *s),
                             void *ud, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_STORY_GET);
  sqlite3_bind_int64(s, 1, id);
  bool any = false;
  sl_status r = sl__store_each_story(st, s, fn, ud, &any, err);
  if (r == SL_OK && !any)
    r = sl_error_set(err, SL_ENOENT, "no story %lld", (long long)id);
  return r;
}

static sl_status ids_of(sl_store *st, sqlite3_stmt *s, sl_vec *ids,
                        sl_error *err) {
  sl_status r = SL_OK;
  int rc;
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(s, 0);
    if (sl_vec_push(ids, &id) != SL_OK)
      r = sl_error_set(err, SL_ENOMEM, "out of memory");
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  return r;
}

sl_status sl_store_article_ids(sl_store *st, sl_vec *ids, sl_error *err) {
  return ids_of(st, sl__store_stmt(st, STMT_ARTICLE_IDS), ids, err);
}

sl_status sl_store_stories_live(sl_store *st, sl_vec *ids, sl_error *err) {
  return ids_of(st, sl__store_stmt(st, STMT_STORIES_LIVE), ids, err);
}

sl_status sl_store_story_members(sl_store *st, int64_t id,
                                 int (*fn)(void *ud, int64_t id,
                                           const char *ref),
                                 void *ud, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_STORY_MEMBERS);
  sqlite3_bind_int64(s, 1, id);
  sl_status r = SL_OK;
  int rc;
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
    if (fn(ud, sqlite3_column_int64(s, 0),
           (const char *)sqlite3_column_text(s, 1)))
      r = SL_ECANCELED;
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  return r;
}

sl_status sl_store_cluster_each(sl_store *st,
                                int (*fn)(void *ud, const sl_store_cmember *m),
                                void *ud, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_CLUSTER_RESTORE);
  sl_status r = SL_OK;
  int rc;
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    bool has_doc = sqlite3_column_type(s, 3) != SQLITE_NULL;
    sl_store_cmember m = {sqlite3_column_int64(s, 0),
                          sqlite3_column_int64(s, 1),
                          sl__store_date(sqlite3_column_text(s, 2)),
                          has_doc ? sqlite3_column_blob(s, 3) : NULL,
                          has_doc ? (size_t)sqlite3_column_bytes(s, 3) : 0,
                          sqlite3_column_int(s, 4) != 0};
    if (fn(ud, &m))
      r = SL_ECANCELED;
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  return r;
}

sl_status sl_store_cluster_clear(sl_store *st, sl_error *err) {
  static const int clear[] = {STMT_CLUSTER_CLEAR, STMT_CDOC_CLEAR,
                              STMT_STORIES_CLEAR, STMT_STATE_CLEAR,
                              STMT_DIRTY_CLEAR};
  return sl__store_run(st, clear, sizeof clear / sizeof clear[0], err);
}

sl_status sl_store_state_get(sl_store *st, const char *key, int64_t *value,
                             bool *found, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_STATE_GET);
  sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
  int rc = sqlite3_step(s);
  *found = rc == SQLITE_ROW;
  *value = *found ? sqlite3_column_int64(s, 0) : 0;
  sqlite3_reset(s);
  return rc == SQLITE_ROW || rc == SQLITE_DONE
             ? SL_OK
             : sl__store_fail(st, rc, "read", err);
}

sl_status sl_store_dirty_clear(sl_store *st, sl_error *err) {
  return sl__store_done(st, sl__store_stmt(st, STMT_DIRTY_CLEAR), "write", err);
}

sl_status sl_store_dirty_put(sl_store *st, int64_t story, sl_error *err) {
  return sl__store_write_id(st, STMT_DIRTY_PUT, story, err);
}

sl_status sl_store_dirty_get(sl_store *st, sl_vec *ids, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_DIRTY_EACH);
  sl_status r = SL_OK;
  int rc;
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(s, 0);
    if (sl_vec_push(ids, &id) != SL_OK)
      r = sl_error_set(err, SL_ENOMEM, "out of memory");
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  return r;
}

sl_status sl_store_state_put(sl_store *st, const char *key, int64_t value,
                             sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_STATE_PUT);
  sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 2, value);
  return sl__store_done(st, s, "write", err);
}

sl_status sl_store_anchors_put(sl_store *st, int64_t id,
                               const sl_store_anchor *a, size_t n,
                               sl_error *err) {
  sl_status r = sl__store_write_id(st, STMT_ANCHORS_CLEAR, id, err);
  for (size_t i = 0; r == SL_OK && i < n; i++) {
    sqlite3_stmt *s = sl__store_stmt(st, STMT_ANCHOR_PUT);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)a[i].start);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)a[i].end);
    bind_date(s, 5, a[i].date);
    if (a[i].expr) {
      sqlite3_bind_text(s, 6, a[i].expr, (int)a[i].expr_len, SQLITE_STATIC);
      sqlite3_bind_text(s, 7, a[i].value, -1, SQLITE_STATIC);
    }
    r = sl__store_done(st, s, "write", err);
  }
  return r;
}

sl_status sl_store_anchors_each(sl_store *st, int64_t id,
                                int (*fn)(void *ud, const sl_store_anchor *a),
                                void *ud, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_ANCHORS_EACH);
  sqlite3_bind_int64(s, 1, id);
  sl_status r = SL_OK;
  int rc;
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    sl_store_anchor a = {(size_t)sqlite3_column_int64(s, 0),
                         (size_t)sqlite3_column_int64(s, 1),
                         sl__store_date(sqlite3_column_text(s, 2)),
                         (const char *)sqlite3_column_text(s, 3),
                         (size_t)sqlite3_column_bytes(s, 3),
                         (const char *)sqlite3_column_text(s, 4)};
    if (fn(ud, &a))
      r = SL_ECANCELED;
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  return r;
}
