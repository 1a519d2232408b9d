/* storyline store: fingerprints and duplicate groups. */
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

sl_status sl_store_fp_put(sl_store *st, int64_t id, const void *blob,
                          size_t len, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_FP_PUT);
  sqlite3_bind_int64(s, 1, id);
  sqlite3_bind_blob(s, 2, blob, (int)len, SQLITE_STATIC);
  return sl__store_done(st, s, "write", err);
}

sl_status sl_store_fp_get(sl_store *st, int64_t id, const void **blob,
                          size_t *len, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_FP_GET);
  sqlite3_bind_int64(s, 1, id);
  int rc = sqlite3_step(s);
  sl_status r = SL_OK;
  if (rc == SQLITE_ROW) {
    size_t n = (size_t)sqlite3_column_bytes(s, 0);
    if (n > st->fpcap) {
      unsigned char *p = realloc(st->fp, n);
      if (p) {
        st->fp = p;
        st->fpcap = n;
      }
    }
    if (n > st->fpcap) {
      r = sl_error_set(err, SL_ENOMEM, "out of memory");
    } else {
      if (n)
        memcpy(st->fp, sqlite3_column_blob(s, 0), n);
      *blob = st->fp;
      *len = n;
    }
  } else if (rc == SQLITE_DONE) {
    r = SL_ENOENT;
  } else {
    r = sl__store_fail(st, rc, "read", err);
  }
  sqlite3_reset(s);
  return r;
}

sl_status sl_store_fp_each(sl_store *st,
                           int (*fn)(void *ud, int64_t id, int64_t dup_of,
                                     const void *blob, size_t len),
                           void *ud, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_FP_EACH);
  sl_status r = SL_OK;
  int rc;
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    if (fn(ud, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
           sqlite3_column_blob(s, 2), (size_t)sqlite3_column_bytes(s, 2)))
      r = SL_ECANCELED;
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  return r;
}

sl_status sl_store_dup_set(sl_store *st, int64_t id, int64_t canonical,
                           const char *relation, double score, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_DUP_SET);
  sqlite3_bind_int64(s, 1, id);
  if (canonical) {
    sqlite3_bind_int64(s, 2, canonical);
    sqlite3_bind_text(s, 3, relation, -1, SQLITE_STATIC);
    sqlite3_bind_double(s, 4, score);
  }
  return sl__store_done(st, s, "write", err);
}

sl_status sl_store_dup_move(sl_store *st, int64_t from, int64_t to,
                            sl_error *err) {
  return sl__store_write_ids(st, STMT_DUP_MOVE, from, to, err);
}

sl_status sl_store_dup_clear(sl_store *st, sl_error *err) {
  sl_status r =
      sl__store_done(st, sl__store_stmt(st, STMT_DUP_CLEAR), "write", err);
  return r == SL_OK ? sl__store_done(st, sl__store_stmt(st, STMT_FP_CLEAR),
                                     "write", err)
                    : r;
}

sl_status sl_store_dup_each(sl_store *st,
                            int (*fn)(void *ud, const sl_store_dup *d),
                            void *ud, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_DUP_GROUPS);
  sl_status r = SL_OK;
  int rc;
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    sl_store_dup d = {sqlite3_column_int64(s, 0),
                      (const char *)sqlite3_column_text(s, 1),
                      sqlite3_column_int64(s, 2),
                      (const char *)sqlite3_column_text(s, 3),
                      (const char *)sqlite3_column_text(s, 4),
                      sqlite3_column_double(s, 5)};
    if (fn(ud, &d))
      r = SL_ECANCELED;
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  return r;
}
