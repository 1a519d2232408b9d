/* storyline store: the archive's entities: the index of name keys that
 * joins aliases across articles, and how each article writes each one. */
#include <string.h>

#include "store/store_int.h"

sl_status sl_store_entity_key_get(sl_store *st, const char *key,
                                  int64_t *entity, char *name, size_t cap,
                                  sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_EKEY_GET);
  sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
  int rc = sqlite3_step(s);
  *entity = 0;
  if (cap)
    name[0] = '\0';
  if (rc == SQLITE_ROW) {
    *entity = sqlite3_column_int64(s, 0);
    const char *n = (const char *)sqlite3_column_text(s, 1);
    size_t len = n ? strlen(n) : 0;
    len = len < cap ? len : cap ? cap - 1 : 0;
    if (cap) {
      memcpy(name, n ? n : "", len);
      name[len] = '\0';
    }
  }
  sl_status r = rc == SQLITE_ROW || rc == SQLITE_DONE
                    ? SL_OK
                    : sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  return r;
}

sl_status sl_store_entity_key_put(sl_store *st, const char *key, int64_t entity,
                                  const char *name, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_EKEY_PUT);
  sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 2, entity);
  sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC);
  return sl__store_done(st, s, "write", err);
}

sl_status sl_store_entity_new(sl_store *st, int64_t *entity, sl_error *err) {
  sl_status r =
      sl__store_done(st, sl__store_stmt(st, STMT_ENTITY_NEW), "write", err);
  *entity = r == SL_OK ? sqlite3_last_insert_rowid(st->db) : 0;
  return r;
}

/* The entity's forms move to `keep`, and with them its mentions: the
 * total of `gone` falls to 0 when its forms are dropped (a trigger). */
sl_status sl_store_entity_merge(sl_store *st, int64_t keep, int64_t gone,
                                sl_error *err) {
  sl_status r = sl__store_write_ids(st, STMT_EKEY_MOVE, keep, gone, err);
  if (r == SL_OK)
    r = sl__store_write_ids(st, STMT_ETOTAL_MOVE, keep, gone, err);
  if (r == SL_OK)
    r = sl__store_write_ids(st, STMT_EFORM_MOVE, keep, gone, err);
  if (r == SL_OK)
    r = sl__store_write_id(st, STMT_EFORM_DROP, gone, err);
  if (r == SL_OK)
    r = sl__store_write_id(st, STMT_ENTITY_DROP, gone, err);
  return r;
}

sl_status sl_store_eforms_put(sl_store *st, int64_t id, const sl_store_eform *f,
                              size_t n, sl_error *err) {
  sl_status r = sl__store_write_id(st, STMT_EFORMS_CLEAR, id, err);
  for (size_t i = 0; r == SL_OK && i < n; i++) {
    sqlite3_stmt *s = sl__store_stmt(st, STMT_EFORM_PUT);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, f[i].entity);
    sqlite3_bind_text(s, 3, f[i].form, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, f[i].name, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 5, f[i].type);
    sqlite3_bind_int64(s, 6, f[i].count);
    r = sl__store_done(st, s, "write", err);
    if (r == SL_OK)
      r = sl__store_write_ids(st, STMT_ETOTAL_ADD, f[i].entity, f[i].count,
                              err);
  }
  return r;
}

sl_status sl_store_entities_clear(sl_store *st, sl_error *err) {
  static const int clear[] = {STMT_EKEYS_CLEAR, STMT_EFORMS_ALL_CLEAR,
                              STMT_ETOTALS_CLEAR, STMT_ENTITIES_CLEAR};
  return sl__store_run(st, clear, sizeof clear / sizeof clear[0], err);
}

static sl_store_entity_sum sum_of(sqlite3_stmt *s) {
  return (sl_store_entity_sum){
      sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
      sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3)};
}

/* Ends a read loop: SL_ECANCELED when `fn` stopped it, the mapped error
 * when SQLite failed, else SL_OK; resets the statement. */
static sl_status end_read(sl_store *st, sqlite3_stmt *s, int rc, bool stopped,
                          sl_error *err) {
  sl_status r = SL_OK;
  if (stopped)
    r = sl_error_set(err, SL_ECANCELED, "stopped");
  else if (rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  return r;
}

sl_status sl_store_entities_top(sl_store *st, size_t limit,
                                int (*fn)(void *ud,
                                          const sl_store_entity_sum *e),
                                void *ud, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_ENTITIES_TOP);
  sqlite3_bind_int64(s, 1, limit ? (sqlite3_int64)limit : -1);
  int rc;
  bool stopped = false;
  sl_status r = SL_OK;
  while (!stopped && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    sl_store_entity_sum e;
    r = sl_store_entity_sum_get(st, sqlite3_column_int64(s, 0), &e, err);
    if (r == SL_ENOENT) /* a total the triggers left at a stale entity */
      continue;
    stopped = r != SL_OK || fn(ud, &e) != 0;
  }
  if (r != SL_OK && r != SL_ENOENT) {
    sqlite3_reset(s);
    return r;
  }
  return end_read(st, s, stopped ? SQLITE_DONE : rc, stopped, err);
}

sl_status sl_store_entity_sum_get(sl_store *st, int64_t entity,
                                  sl_store_entity_sum *out, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_ENTITY_SUM);
  sqlite3_bind_int64(s, 1, entity);
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) {
    *out = sum_of(s);
    sqlite3_reset(s);
    return SL_OK;
  }
  sqlite3_reset(s);
  if (rc == SQLITE_DONE)
    return sl_error_set(err, SL_ENOENT, "no entity %lld", (long long)entity);
  return sl__store_fail(st, rc, "read", err);
}

static sl_status each_row(sl_store *st, int which, int kind, int64_t entity,
                          int (*fn)(void *ud, const sl_store_entity_row *r),
                          void *ud, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, which);
  sqlite3_bind_int64(s, 1, entity);
  int rc;
  bool stopped = false;
  while (!stopped && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    sl_store_entity_row row = {kind, NULL, 0, 0, 0, 0};
    if (kind == 2) {
      row.id = sqlite3_column_int64(s, 0);
      row.text = (const char *)sqlite3_column_text(s, 1);
      row.articles = sqlite3_column_int64(s, 3);
    } else {
      row.text = (const char *)sqlite3_column_text(s, 0);
      row.type = (uint8_t)sqlite3_column_int(s, 1);
    }
    row.count = sqlite3_column_int64(s, 2);
    stopped = fn(ud, &row) != 0;
  }
  return end_read(st, s, stopped ? SQLITE_DONE : rc, stopped, err);
}

sl_status sl_store_entity_rows(sl_store *st, int64_t entity, bool stories,
                               int (*fn)(void *ud,
                                         const sl_store_entity_row *r),
                               void *ud, sl_error *err) {
  sl_status r = each_row(st, STMT_ENTITY_FORMS, 0, entity, fn, ud, err);
  if (r == SL_OK)
    r = each_row(st, STMT_ENTITY_TYPES, 3, entity, fn, ud, err);
  if (r == SL_OK)
    r = each_row(st, STMT_ENTITY_NAMES, 1, entity, fn, ud, err);
  if (r == SL_OK && stories)
    r = each_row(st, STMT_ENTITY_STORIES, 2, entity, fn, ud, err);
  return r;
}
