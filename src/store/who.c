/* storyline store: each article's entity mentions and quotes. */
#include "store/store_int.h"

sl_status sl_store_who_put(sl_store *st, int64_t id, const sl_store_mention *m,
                           size_t nm, const sl_store_quote *q, size_t nq,
                           sl_error *err) {
  sl_status r = sl__store_write_id(st, STMT_MENTIONS_CLEAR, id, err);
  if (r == SL_OK)
    r = sl__store_write_id(st, STMT_QUOTES_CLEAR, id, err);
  for (size_t i = 0; r == SL_OK && i < nm; i++) {
    sqlite3_stmt *s = sl__store_stmt(st, STMT_MENTION_PUT);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
    sqlite3_bind_int64(s, 3, m[i].start);
    sqlite3_bind_int64(s, 4, m[i].end);
    sqlite3_bind_int(s, 5, m[i].type);
    sqlite3_bind_int64(s, 6, m[i].sentence);
    r = sl__store_done(st, s, "write", err);
  }
  for (size_t i = 0; r == SL_OK && i < nq; i++) {
    sqlite3_stmt *s = sl__store_stmt(st, STMT_QUOTE_PUT);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
    sqlite3_bind_int64(s, 3, q[i].start);
    sqlite3_bind_int64(s, 4, q[i].end);
    sqlite3_bind_int(s, 5, q[i].speaker);
    sqlite3_bind_int64(s, 6, q[i].who_start);
    sqlite3_bind_int64(s, 7, q[i].who_end);
    sqlite3_bind_int(s, 8, q[i].kind);
    r = sl__store_done(st, s, "write", err);
  }
  return r;
}

sl_status sl_store_who_get(sl_store *st, int64_t id, sl_vec *mentions,
                           sl_vec *quotes, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_MENTIONS_EACH);
  sqlite3_bind_int64(s, 1, id);
  sl_status r = SL_OK;
  int rc;
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    sl_store_mention m = {(uint32_t)sqlite3_column_int64(s, 0),
                          (uint32_t)sqlite3_column_int64(s, 1),
                          (uint8_t)sqlite3_column_int(s, 2),
                          (uint32_t)sqlite3_column_int64(s, 3)};
    if (sl_vec_push(mentions, &m) != SL_OK)
      r = sl_error_set(err, SL_ENOMEM, "out of memory");
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  if (r != SL_OK)
    return r;
  s = sl__store_stmt(st, STMT_QUOTES_EACH);
  sqlite3_bind_int64(s, 1, id);
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    sl_store_quote q = {(uint32_t)sqlite3_column_int64(s, 0),
                        (uint32_t)sqlite3_column_int64(s, 1),
                        (int32_t)sqlite3_column_int(s, 2),
                        (uint32_t)sqlite3_column_int64(s, 3),
                        (uint32_t)sqlite3_column_int64(s, 4),
                        (uint8_t)sqlite3_column_int(s, 5)};
    if (sl_vec_push(quotes, &q) != SL_OK)
      r = sl_error_set(err, SL_ENOMEM, "out of memory");
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  return r;
}
