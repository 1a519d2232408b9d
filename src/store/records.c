/* storyline store: raw records (zstd-compressed), articles and their term
 * vectors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

static void bind_text(sqlite3_stmt *s, int i, const char *v) {
  if (v)
    sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(s, i);
}

sl_status sl_store_raw_exists(sl_store *st, const uint8_t hash[16],
                              bool *exists, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_RAW_EXISTS);
  sqlite3_bind_blob(s, 1, hash, 16, SQLITE_STATIC);
  int rc = sqlite3_step(s);
  *exists = rc == SQLITE_ROW;
  sqlite3_reset(s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sl__store_fail(st, rc, "read", err);
  return SL_OK;
}

/* Compresses `len` bytes into st->zbuf (a zstd frame at the fast level -1:
 * records are small, and at level 1 compressing them took a sixth of a
 * bare ingest for a fifth less space); returns the compressed size, 0 on
 * failure. */
static size_t compress_into(sl_store *st, const char *bytes, size_t len) {
  if (!st->cctx) {
    if (!(st->cctx = ZSTD_createCCtx()) ||
        ZSTD_isError(
            ZSTD_CCtx_setParameter(st->cctx, ZSTD_c_compressionLevel, -1)))
      return 0;
  }
  size_t bound = ZSTD_compressBound(len);
  if (bound > st->zcap) {
    unsigned char *p = realloc(st->zbuf, bound);
    if (!p)
      return 0;
    st->zbuf = p;
    st->zcap = bound;
  }
  size_t n = ZSTD_compress2(st->cctx, st->zbuf, bound, bytes, len);
  return ZSTD_isError(n) ? 0 : n;
}

sl_status sl_store_raw_put(sl_store *st, sl_raw *raw, sl_error *err) {
  size_t zlen = compress_into(st, raw->bytes, raw->len);
  if (!zlen)
    return sl_error_set(err, SL_ENOMEM, "cannot compress a raw record");
  const unsigned char *z = st->zbuf;
  sqlite3_stmt *s = sl__store_stmt(st, STMT_RAW_PUT);
  sqlite3_bind_blob(s, 1, raw->hash, 16, SQLITE_STATIC);
  bind_text(s, 2, raw->format);
  bind_text(s, 3, raw->origin);
  sqlite3_bind_int64(s, 4, (sqlite3_int64)raw->line);
  bind_text(s, 5, raw->meta);
  sqlite3_bind_int64(s, 6, (sqlite3_int64)raw->len);
  sqlite3_bind_blob(s, 7, z, (int)zlen, SQLITE_STATIC);
  sl_status r = sl__store_done(st, s, "write", err);
  if (r == SL_OK)
    raw->id = sqlite3_last_insert_rowid(st->db);
  return r;
}

/* Decompresses column 7 of the row into `*buf` (grown as needed). */
static sl_status inflate_row(sl_store *st, sqlite3_stmt *s, unsigned char **buf,
                             size_t *cap, size_t *len) {
  size_t size = (size_t)sqlite3_column_int64(s, 6);
  if (!*buf || size + 1 > *cap) {
    unsigned char *p = realloc(*buf, size + 1);
    if (!p)
      return SL_ENOMEM;
    *buf = p;
    *cap = size + 1;
  }
  if (!st->dctx && !(st->dctx = ZSTD_createDCtx()))
    return SL_ENOMEM;
  const void *z = sqlite3_column_blob(s, 7);
  size_t zlen = (size_t)sqlite3_column_bytes(s, 7);
  size_t out = ZSTD_decompressDCtx(st->dctx, *buf, size + 1, z, zlen);
  if (ZSTD_isError(out) || out != size)
    return SL_ECORRUPT;
  (*buf)[size] = '\0';
  *len = size;
  return SL_OK;
}

sl_status sl_store_raw_each(sl_store *st,
                            int (*fn)(void *ud, const sl_raw *raw), void *ud,
                            sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_RAW_EACH);
  unsigned char *buf = NULL;
  size_t cap = 0;
  sl_status r = SL_OK;
  int rc;
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    sl_raw raw = {0};
    raw.id = sqlite3_column_int64(s, 0);
    if (sqlite3_column_bytes(s, 1) == 16)
      memcpy(raw.hash, sqlite3_column_blob(s, 1), 16);
    raw.format = (const char *)sqlite3_column_text(s, 2);
    raw.origin = (const char *)sqlite3_column_text(s, 3);
    raw.line = (uint64_t)sqlite3_column_int64(s, 4);
    raw.meta = (const char *)sqlite3_column_text(s, 5);
    r = inflate_row(st, s, &buf, &cap, &raw.len);
    if (r != SL_OK) {
      sl_error_set(err, r, "cannot read '%s': raw record %lld is damaged",
                   st->path, (long long)raw.id);
      break;
    }
    raw.bytes = (const char *)buf;
    if (fn(ud, &raw))
      r = SL_ECANCELED;
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  free(buf);
  return r;
}

static void bind_article(sqlite3_stmt *s, const sl_article *a,
                         const void *terms, size_t terms_len) {
  char date[11];
  sl_date_format(a->date, date);
  sqlite3_bind_int64(s, 1, a->raw_id);
  sqlite3_bind_int(s, 2, a->part);
  bind_text(s, 3, a->ref ? a->ref : "");
  bind_text(s, 4, a->title);
  bind_text(s, 5, a->text ? a->text : "");
  if (date[0])
    sqlite3_bind_text(s, 6, date, 10, SQLITE_TRANSIENT);
  bind_text(s, 7, a->date_origin[0] ? a->date_origin : NULL);
  bind_text(s, 8, a->source);
  bind_text(s, 9, a->url);
  bind_text(s, 10, a->language);
  sqlite3_bind_int64(s, 11, (sqlite3_int64)a->content_hash);
  bind_text(s, 12, a->extra);
  if (terms)
    sqlite3_bind_blob(s, 13, terms, (int)terms_len, SQLITE_STATIC);
  bind_text(s, 14, a->author);
  if (a->date.year && a->date_confidence > 0)
    sqlite3_bind_double(s, 15, a->date_confidence);
}

/* Updates the article of the same (raw_id, part), keeping its id. */
static sl_status upsert(sl_store *st, sl_article *a, const void *terms,
                        size_t terms_len, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_ARTICLE_PUT);
  bind_article(s, a, terms, terms_len);
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW)
    a->id = sqlite3_column_int64(s, 0);
  if (rc == SQLITE_ROW)
    rc = sqlite3_step(s);
  sqlite3_reset(s);
  return rc == SQLITE_DONE ? SL_OK : sl__store_fail(st, rc, "write", err);
}

sl_status sl_store_article_put(sl_store *st, sl_article *a, const void *terms,
                               size_t terms_len, sl_error *err) {
  /* A plain insert first: ingest only adds articles, and the upsert costs
   * more. Rebuild meets the conflict and updates. */
  sqlite3_stmt *s = sl__store_stmt(st, STMT_ARTICLE_INSERT);
  bind_article(s, a, terms, terms_len);
  int rc = sqlite3_step(s);
  int ext = sqlite3_extended_errcode(st->db);
  sqlite3_reset(s);
  if (rc == SQLITE_DONE) {
    a->id = sqlite3_last_insert_rowid(st->db);
    return SL_OK;
  }
  if (ext == SQLITE_CONSTRAINT_UNIQUE)
    return upsert(st, a, terms, terms_len, err);
  return sl__store_fail(st, rc, "write", err);
}

sl_status sl_store_article_trim(sl_store *st, int64_t raw_id, int parts,
                                sl_error *err) {
  /* One article is part 0; several are parts 1..n. */
  sqlite3_stmt *s = sl__store_stmt(st, STMT_ARTICLE_TRIM);
  sqlite3_bind_int64(s, 1, raw_id);
  sqlite3_bind_int(s, 2, parts == 1 ? 0 : 1);
  sqlite3_bind_int(s, 3, parts == 1 ? 0 : parts);
  return sl__store_done(st, s, "write", err);
}

sl_status sl_store_terms_get(sl_store *st, int64_t article_id, void **blob,
                             size_t *len, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_TERMS_GET);
  sqlite3_bind_int64(s, 1, article_id);
  int rc = sqlite3_step(s);
  sl_status r = SL_OK;
  *blob = NULL;
  *len = 0;
  bool none = rc == SQLITE_DONE ||
              (rc == SQLITE_ROW && sqlite3_column_type(s, 0) == SQLITE_NULL);
  if (none) {
    r = sl_error_set(err, SL_ENOENT, "no terms for article %lld",
                     (long long)article_id);
  } else if (rc == SQLITE_ROW) {
    size_t n = (size_t)sqlite3_column_bytes(s, 0);
    *blob = malloc(n ? n : 1);
    if (*blob) {
      memcpy(*blob, sqlite3_column_blob(s, 0), n);
      *len = n;
    } else {
      r = sl_error_set(err, SL_ENOMEM, "out of memory");
    }
  } else {
    r = sl__store_fail(st, rc, "read", err);
  }
  sqlite3_reset(s);
  return r;
}

static sl_status col_str(sqlite3_stmt *s, int col, char **field) {
  const unsigned char *v = sqlite3_column_text(s, col);
  if (!v)
    return SL_OK;
  return sl_article_set(field, (const char *)v,
                        (size_t)sqlite3_column_bytes(s, col));
}

/* Fills `a` from a row of ARTICLE_COLS + text. */
sl_status sl__store_read_article(sqlite3_stmt *s, sl_article *a) {
  a->id = sqlite3_column_int64(s, 0);
  a->raw_id = sqlite3_column_int64(s, 1);
  a->part = sqlite3_column_int(s, 2);
  a->date = sl__store_date(sqlite3_column_text(s, 5));
  const unsigned char *origin = sqlite3_column_text(s, 6);
  snprintf(a->date_origin, sizeof a->date_origin, "%s",
           origin ? (const char *)origin : "");
  a->content_hash = (uint64_t)sqlite3_column_int64(s, 10);
  a->duplicate_of = sqlite3_column_int64(s, 12);
  const unsigned char *rel = sqlite3_column_text(s, 13);
  snprintf(a->relation, sizeof a->relation, "%s", rel ? (const char *)rel : "");
  a->dup_score = sqlite3_column_double(s, 14);
  a->story = sqlite3_column_int64(s, 15);
  a->date_confidence = sqlite3_column_type(s, 16) == SQLITE_NULL
                           ? (a->date.year ? 1.0 : 0.0)
                           : sqlite3_column_double(s, 16);
  sl_status r = col_str(s, 3, &a->ref);
  if (r == SL_OK)
    r = col_str(s, 4, &a->title);
  if (r == SL_OK)
    r = col_str(s, 7, &a->source);
  if (r == SL_OK)
    r = col_str(s, 8, &a->url);
  if (r == SL_OK)
    r = col_str(s, 9, &a->language);
  if (r == SL_OK)
    r = col_str(s, 11, &a->extra);
  if (r == SL_OK)
    r = col_str(s, 17, &a->text);
  if (r == SL_OK)
    r = col_str(s, 18, &a->author);
  return r;
}

sl_status sl_store_article_get(sl_store *st, int64_t id, const char *ref,
                               sl_article *out, sl_error *err) {
  sqlite3_stmt *s =
      sl__store_stmt(st, id ? STMT_ARTICLE_BY_ID : STMT_ARTICLE_BY_REF);
  if (id)
    sqlite3_bind_int64(s, 1, id);
  else
    bind_text(s, 1, ref ? ref : "");
  int rc = sqlite3_step(s);
  sl_status r;
  if (rc == SQLITE_ROW) {
    sl_article_release(out);
    r = sl__store_read_article(s, out);
    if (r != SL_OK)
      sl_error_set(err, r, "out of memory");
  } else if (rc == SQLITE_DONE) {
    r = id ? sl_error_set(err, SL_ENOENT, "no article %lld", (long long)id)
           : sl_error_set(err, SL_ENOENT, "no article with ref '%s'", ref);
  } else {
    r = sl__store_fail(st, rc, "read", err);
  }
  sqlite3_reset(s);
  return r;
}

sl_status sl_store_articles_each(sl_store *st, bool with_text,
                                 int (*fn)(void *ud, const sl_article *a),
                                 void *ud, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, with_text ? STMT_ARTICLES_LIST_TEXT
                                                 : STMT_ARTICLES_LIST);
  sl_status r = sl__store_each_article(st, s, fn, ud, err);
  sqlite3_reset(s);
  return r;
}

sl_status sl__store_each_article(sl_store *st, sqlite3_stmt *s,
                                 int (*fn)(void *ud, const sl_article *a),
                                 void *ud, sl_error *err) {
  sl_status r = SL_OK;
  int rc = SQLITE_DONE;
  sl_article a;
  sl_article_init(&a);
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    r = sl__store_read_article(s, &a);
    if (r != SL_OK)
      sl_error_set(err, r, "out of memory");
    else if (fn(ud, &a))
      r = SL_ECANCELED;
    sl_article_release(&a);
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  return r;
}

sl_status sl_store_article_count(sl_store *st, int64_t *count, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_ARTICLE_COUNT);
  int rc = sqlite3_step(s);
  *count = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
  sqlite3_reset(s);
  return rc == SQLITE_ROW ? SL_OK : sl__store_fail(st, rc, "read", err);
}

sl_status sl_store_removed_put(sl_store *st, int64_t article_id,
                               const sl_store_removed *lines, size_t n,
                               sl_error *err) {
  sl_status r = sl__store_write_id(st, STMT_REMOVED_CLEAR, article_id, err);
  for (size_t i = 0; r == SL_OK && i < n; i++) {
    sqlite3_stmt *s = sl__store_stmt(st, STMT_REMOVED_PUT);
    sqlite3_bind_int64(s, 1, article_id);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
    bind_text(s, 3, lines[i].reason);
    sqlite3_bind_text(s, 4, lines[i].text, (int)lines[i].len, SQLITE_STATIC);
    r = sl__store_done(st, s, "write", err);
  }
  return r;
}

sl_status sl_store_removed_add(sl_store *st, int64_t article_id,
                               const sl_store_removed *lines, size_t n,
                               sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_REMOVED_NEXT);
  sqlite3_bind_int64(s, 1, article_id);
  int rc = sqlite3_step(s);
  sqlite3_int64 seq = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
  sqlite3_reset(s);
  if (rc != SQLITE_ROW)
    return sl__store_fail(st, rc, "read", err);
  sl_status r = SL_OK;
  for (size_t i = 0; r == SL_OK && i < n; i++) {
    s = sl__store_stmt(st, STMT_REMOVED_PUT);
    sqlite3_bind_int64(s, 1, article_id);
    sqlite3_bind_int64(s, 2, seq + (sqlite3_int64)i);
    bind_text(s, 3, lines[i].reason);
    sqlite3_bind_text(s, 4, lines[i].text, (int)lines[i].len, SQLITE_STATIC);
    r = sl__store_done(st, s, "write", err);
  }
  return r;
}

sl_status sl_store_removed_each(sl_store *st, int64_t article_id,
                                int (*fn)(void *ud,
                                          const sl_store_removed *line),
                                void *ud, sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, STMT_REMOVED_EACH);
  sqlite3_bind_int64(s, 1, article_id);
  sl_status r = SL_OK;
  int rc;
  while (r == SL_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    sl_store_removed line = {(const char *)sqlite3_column_text(s, 0),
                             (const char *)sqlite3_column_text(s, 1),
                             (size_t)sqlite3_column_bytes(s, 1)};
    if (fn(ud, &line))
      r = SL_ECANCELED;
  }
  if (r == SL_OK && rc != SQLITE_DONE)
    r = sl__store_fail(st, rc, "read", err);
  sqlite3_reset(s);
  return r;
}
