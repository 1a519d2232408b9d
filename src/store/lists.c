/* storyline store: the filtered article and story lists. Filters are
 * parameters of one statement per list ("?N IS NULL OR ..."), so that no
 * user text is ever spliced into SQL. */
#include <stdio.h>

#include "store/lists.h"
#include "store/store_int.h"

/* The columns sl__store_read_article reads, without the text. */
static const char articles_sql[] =
    "SELECT id, raw_id, part, ref, title, date, date_origin, source, url,"
    " language, content_hash, extra, dup_of, dup_rel, dup_score, story,"
    " date_conf, NULL, author FROM articles"
    " WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2)"
    " AND (?3 IS NULL OR source = ?3) AND (?4 IS NULL OR language = ?4)"
    " ORDER BY id LIMIT ?5";

static const char stories_sql[] =
    "SELECT id, title, first_date, last_date, size, live, related"
    " FROM stories s"
    " WHERE (?1 IS NULL OR last_date >= ?1) AND (?2 IS NULL OR first_date <= "
    "?2)"
    " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM articles a"
    "   WHERE a.story = s.id AND a.source = ?3))"
    " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM articles a"
    "   WHERE a.story = s.id AND a.language = ?4))"
    " ORDER BY %s LIMIT ?5";

static const char *const story_orders[] = {
    "id", "last_date IS NULL, last_date DESC, id DESC", "size DESC, id"};

static void bind_text(sqlite3_stmt *s, int i, const char *v) {
  if (v && *v)
    sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

static sl_status prepare(sl_store *st, const char *sql,
                         const sl_store_filter *f, sqlite3_stmt **out,
                         sl_error *err) {
  int rc = sqlite3_prepare_v2(st->db, sql, -1, out, NULL);
  if (rc != SQLITE_OK)
    return sl__store_fail(st, rc, "read", err);
  bind_text(*out, 1, f->since);
  bind_text(*out, 2, f->until);
  bind_text(*out, 3, f->source);
  bind_text(*out, 4, f->lang);
  sqlite3_bind_int64(*out, 5, f->limit ? (int64_t)f->limit : -1);
  return SL_OK;
}

sl_status sl_store_articles_where(sl_store *st, const sl_store_filter *f,
                                  int (*fn)(void *ud, const sl_article *a),
                                  void *ud, sl_error *err) {
  sqlite3_stmt *s = NULL;
  sl_status r = prepare(st, articles_sql, f, &s, err);
  if (r == SL_OK)
    r = sl__store_each_article(st, s, fn, ud, err);
  sqlite3_finalize(s);
  return r;
}

sl_status sl_store_stories_where(sl_store *st, const sl_store_filter *f,
                                 int (*fn)(void *ud, const sl_store_story *s),
                                 void *ud, sl_error *err) {
  char sql[sizeof stories_sql + 64];
  int sort = f->sort >= 0 && f->sort <= 2 ? f->sort : 0;
  snprintf(sql, sizeof sql, stories_sql, story_orders[sort]);
  sqlite3_stmt *s = NULL;
  bool any = false;
  sl_status r = prepare(st, sql, f, &s, err);
  if (r == SL_OK)
    r = sl__store_each_story(st, s, fn, ud, &any, err);
  sqlite3_finalize(s);
  return r;
}

sl_status sl_store_raw_count(sl_store *st, uint64_t *count, sl_error *err) {
  sqlite3_stmt *s = NULL;
  int rc = sqlite3_prepare_v2(st->db, "SELECT count(*) FROM raw", -1, &s, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    *count = (uint64_t)sqlite3_column_int64(s, 0);
    rc = SQLITE_OK;
  }
  sqlite3_finalize(s);
  return rc == SQLITE_OK ? SL_OK : sl__store_fail(st, rc, "read", err);
}
