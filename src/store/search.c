/* storyline store: searching the articles_fts index, ranked by bm25, with
 * the filters of `storyline search`, article by article or by story. */
#include <string.h>

#include "store/fts.h"
#include "store/store_int.h"

/* bm25 weights of the title and body columns: a word in the headline says
 * more about what the article is about than one in its text. */
#define SCORE "-bm25(articles_fts, 4.0, 1.0)"
#define FILTERS                                                                \
  " AND (?2 = 0 OR a.id IN (SELECT article_id FROM entity_forms"               \
  "   WHERE entity = ?2))"                                                     \
  " AND (?3 IS NULL OR a.source = ?3) AND (?4 IS NULL OR a.language = ?4)"     \
  " AND (?5 IS NULL OR a.date >= ?5) AND (?6 IS NULL OR a.date <= ?6)"
#define FROM_WHERE                                                             \
  " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"            \
  " WHERE articles_fts MATCH ?1" FILTERS

/* The best hits first. Ranking costs a few microseconds a match, and a
 * common word matches most of an archive: only the SL_FTS_RANK_MAX most
 * recently stored matches are ranked (all of them for most queries), read
 * newest first from the index, which stops there. When nothing filters the
 * hits they come from the index alone (no article looked up); then the
 * articles and the snippets of the shown hits only (a snippet reads the
 * text and tokenizes it again). */
#define TOP_THEN_SHOW(cand)                                                    \
  "WITH cand AS MATERIALIZED (" cand " ORDER BY 1 DESC LIMIT ?8),"             \
  " top AS MATERIALIZED (SELECT id, score FROM cand"                           \
  "   ORDER BY score DESC, id LIMIT ?7)"                                       \
  " SELECT a.id, a.ref, a.title, a.story, a.date, top.score,"                  \
  " snippet(articles_fts, 1, '\xc2\xab', '\xc2\xbb', '\xe2\x80\xa6', 16)"      \
  " FROM top JOIN articles_fts ON articles_fts.rowid = top.id"                 \
  " JOIN articles a ON a.id = top.id WHERE articles_fts MATCH ?1"              \
  " ORDER BY top.score DESC, top.id"

static const char hits_sql[] = TOP_THEN_SHOW(
    "SELECT articles_fts.rowid AS id, " SCORE " AS score FROM articles_fts"
    " WHERE articles_fts MATCH ?1");

static const char hits_filtered_sql[] = TOP_THEN_SHOW(
    "SELECT articles_fts.rowid AS id, " SCORE " AS score" FROM_WHERE);

/* Materialized: bm25 cannot be called from a flattened aggregate. */
static const char stories_sql[] =
    "WITH h AS MATERIALIZED (SELECT a.story AS story, " SCORE
    " AS score" FROM_WHERE " AND a.story IS NOT NULL)"
    " SELECT h.story, s.title, count(*), max(h.score), s.first_date,"
    " s.last_date FROM h LEFT JOIN stories s ON s.id = h.story"
    " GROUP BY h.story ORDER BY 4 DESC, h.story LIMIT ?7";

static void bind_text(sqlite3_stmt *s, int i, const char *v) {
  if (v && *v)
    sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

static sl_status prepare(sl_store *st, const char *sql,
                         const sl_store_search_q *q, sqlite3_stmt **out,
                         sl_error *err) {
  int rc = sqlite3_prepare_v2(st->db, sql, -1, out, NULL);
  if (rc != SQLITE_OK)
    return sl__store_fail(st, rc, "search", err);
  sqlite3_stmt *s = *out;
  sqlite3_bind_text(s, 1, q->match, -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 2, q->entity);
  bind_text(s, 3, q->source);
  bind_text(s, 4, q->lang);
  bind_text(s, 5, q->since);
  bind_text(s, 6, q->until);
  sqlite3_bind_int64(s, 7, q->limit ? (int64_t)q->limit : -1);
  sqlite3_bind_int64(s, 8, SL_FTS_RANK_MAX);
  return SL_OK;
}

/* The snippet without the language marks the content view adds. */
static sl_status unmark(const char *s, sl_buf *out) {
  sl_buf_clear(out);
  sl_status st = SL_OK;
  for (; s && *s && st == SL_OK; s++) {
    if (*s == SL_FTS_MARK_OPEN) {
      const char *end = strchr(s, SL_FTS_MARK_CLOSE);
      if (end) {
        s = end;
        continue;
      }
    }
    st = sl_buf_putc(out, *s);
  }
  return st;
}

static const char *col_text(sqlite3_stmt *s, int i) {
  return (const char *)sqlite3_column_text(s, i);
}

static sl_status hits_each(sl_store *st, sqlite3_stmt *s,
                           int (*fn)(void *ud, const sl_store_hit *h), void *ud,
                           sl_error *err) {
  sl_buf snip;
  sl_buf_init(&snip, 0);
  sl_status r = SL_OK;
  int rc;
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    sl_store_hit h = {sqlite3_column_int64(s, 0),
                      sqlite3_column_int64(s, 3),
                      col_text(s, 1),
                      col_text(s, 2),
                      col_text(s, 4),
                      NULL,
                      sqlite3_column_double(s, 5)};
    r = unmark(col_text(s, 6), &snip);
    h.snippet = snip.ptr;
    if (r == SL_OK && fn(ud, &h))
      r = SL_ECANCELED;
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "search", err);
  sl_buf_release(&snip);
  return r;
}

sl_status sl_store_search(sl_store *st, const sl_store_search_q *q,
                          int (*fn)(void *ud, const sl_store_hit *h), void *ud,
                          sl_error *err) {
  bool filtered = q->entity || (q->source && *q->source) ||
                  (q->lang && *q->lang) || (q->since && *q->since) ||
                  (q->until && *q->until);
  sqlite3_stmt *s = NULL;
  sl_status r =
      prepare(st, filtered ? hits_filtered_sql : hits_sql, q, &s, err);
  if (r == SL_OK)
    r = hits_each(st, s, fn, ud, err);
  sqlite3_finalize(s);
  return r;
}

sl_status sl_store_search_stories(sl_store *st, const sl_store_search_q *q,
                                  int (*fn)(void *ud,
                                            const sl_store_story_hits *h),
                                  void *ud, sl_error *err) {
  sqlite3_stmt *s = NULL;
  sl_status r = prepare(st, stories_sql, q, &s, err);
  int rc = SQLITE_DONE;
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    sl_store_story_hits h = {sqlite3_column_int64(s, 0),
                             sqlite3_column_int64(s, 2),
                             col_text(s, 1),
                             col_text(s, 4),
                             col_text(s, 5),
                             sqlite3_column_double(s, 3)};
    if (fn(ud, &h))
      r = SL_ECANCELED;
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "search", err);
  sqlite3_finalize(s);
  return r;
}
