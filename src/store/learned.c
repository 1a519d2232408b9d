/* storyline store: what the stages learn from the data and keep between
 * runs (the boilerplate model). */
#include "store/store_int.h"

sl_status sl_store_boiler_each(sl_store *st,
                               int (*fn)(void *ud, const sl_store_boiler *b),
                               void *ud, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_BOILER_EACH);
  sl_status r = SL_OK;
  int rc;
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    sl_store_boiler b = {(uint64_t)sqlite3_column_int64(s, 0),
                         (uint32_t)sqlite3_column_int64(s, 1),
                         sqlite3_column_int64(s, 2),
                         sqlite3_column_int64(s, 3)};
    if (fn(ud, &b))
      r = SL_ECANCELED;
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  return r;
}

sl_status sl_store_boiler_put(sl_store *st, const sl_store_boiler *b,
                              sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_BOILER_PUT);
  sqlite3_bind_int64(s, 1, (sqlite3_int64)b->key);
  sqlite3_bind_int64(s, 2, b->articles);
  sqlite3_bind_int64(s, 3, b->first1);
  sqlite3_bind_int64(s, 4, b->first2);
  return sl__store_done(st, s, "write", err);
}

sl_status sl_store_boiler_clear(sl_store *st, sl_error *err) {
  return sl__store_done(st, sl__store_stmt(st, STMT_BOILER_CLEAR), "write",
                        err);
}
