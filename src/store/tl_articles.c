/* storyline store: the articles a timeline covers, selected by story, date
 * range and words, in one query built for the selection. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "store/store_int.h"

/* The query for `f`: placeholders ?1 from, ?2 to (always there: a bare
 * "?" after them is numbered 3), then the stories, then the terms. */
static sl_status build_sql(const sl_store_tl_filter *f, sl_buf *sql) {
  sl_status r =
      sl_buf_puts(sql, "SELECT id, dup_of, ref, source, language, date, text"
                       " FROM articles WHERE ((?1 IS NULL AND ?2 IS NULL) OR"
                       " (date IS NOT NULL AND date >= coalesce(?1, '')"
                       " AND date <= coalesce(?2, '9999')))");
  for (size_t i = 0; r == SL_OK && i < f->n_stories; i++)
    r = sl_buf_puts(sql, i ? ", ?" : " AND story IN (?");
  if (r == SL_OK && f->n_stories)
    r = sl_buf_puts(sql, ")");
  for (size_t i = 0; r == SL_OK && i < f->n_terms; i++)
    r = sl_buf_puts(sql, " AND (coalesce(title, '') || ' ' || text)"
                         " LIKE '%' || ? || '%' ESCAPE '\\'");
  return r == SL_OK ? sl_buf_puts(sql, " ORDER BY id") : r;
}

/* `term` with LIKE's wildcards escaped, into `out`. */
static sl_status like_escape(const char *term, sl_buf *out) {
  sl_buf_clear(out);
  sl_status r = SL_OK;
  for (const char *c = term; r == SL_OK && *c; c++) {
    if (*c == '%' || *c == '_' || *c == '\\')
      r = sl_buf_putc(out, '\\');
    if (r == SL_OK)
      r = sl_buf_putc(out, *c);
  }
  return r;
}

static sl_status bind(sqlite3_stmt *s, const sl_store_tl_filter *f) {
  char from[11], to[11];
  sl_date_format(f->from, from);
  sl_date_format(f->to, to);
  if (from[0])
    sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
  if (to[0])
    sqlite3_bind_text(s, 2, to, -1, SQLITE_TRANSIENT);
  int k = 3;
  for (size_t i = 0; i < f->n_stories; i++)
    sqlite3_bind_int64(s, k++, f->stories[i]);
  sl_buf esc;
  sl_buf_init(&esc, 0);
  sl_status r = SL_OK;
  for (size_t i = 0; r == SL_OK && i < f->n_terms; i++) {
    r = like_escape(f->terms[i], &esc);
    if (r == SL_OK)
      sqlite3_bind_text(s, k++, esc.ptr, (int)esc.len, SQLITE_TRANSIENT);
  }
  sl_buf_release(&esc);
  return r;
}

static sl_status rows(sl_store *st, sqlite3_stmt *s,
                      int (*fn)(void *ud, const sl_store_tl_article *a),
                      void *ud, sl_error *err) {
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    sl_store_tl_article a = {sqlite3_column_int64(s, 0),
                             sqlite3_column_int64(s, 1),
                             (const char *)sqlite3_column_text(s, 2),
                             (const char *)sqlite3_column_text(s, 3),
                             (const char *)sqlite3_column_text(s, 4),
                             (const char *)sqlite3_column_text(s, 6),
                             (size_t)sqlite3_column_bytes(s, 6),
                             sl__store_date(sqlite3_column_text(s, 5))};
    if (fn(ud, &a))
      return SL_ECANCELED;
  }
  return rc == SQLITE_DONE ? SL_OK : sl__store_fail(st, rc, "read", err);
}

sl_status sl_store_tl_articles(sl_store *st, const sl_store_tl_filter *f,
                               int (*fn)(void *ud,
                                         const sl_store_tl_article *a),
                               void *ud, sl_error *err) {
  sl_buf sql;
  sl_buf_init(&sql, 0);
  sqlite3_stmt *s = NULL;
  sl_status r = build_sql(f, &sql);
  if (r != SL_OK) {
    r = sl_error_set(err, SL_ENOMEM, "out of memory");
    goto out;
  }
  int rc = sqlite3_prepare_v2(st->db, sql.ptr, (int)sql.len, &s, NULL);
  if (rc != SQLITE_OK) {
    r = sl__store_fail(st, rc, "read", err);
    goto out;
  }
  r = bind(s, f);
  if (r != SL_OK)
    r = sl_error_set(err, SL_ENOMEM, "out of memory");
  else
    r = rows(st, s, fn, ud, err);
out:
  sqlite3_finalize(s);
  sl_buf_release(&sql);
  return r;
}
