/* storyline store: state shared by the store's files. */
#ifndef SL_STORE_INT_H
#define SL_STORE_INT_H

#include <sqlite3.h>
#include <zstd.h>

#include "store/store.h"

enum {
  STMT_RAW_EXISTS,
  STMT_RAW_PUT,
  STMT_RAW_EACH,
  STMT_ARTICLE_INSERT,
  STMT_ARTICLE_PUT,
  STMT_ARTICLE_TRIM,
  STMT_ARTICLE_BY_ID,
  STMT_ARTICLE_BY_REF,
  STMT_ARTICLES_LIST,
  STMT_ARTICLES_LIST_TEXT,
  STMT_TERMS_GET,
  STMT_ARTICLE_COUNT,
  STMT_REMOVED_CLEAR,
  STMT_REMOVED_PUT,
  STMT_REMOVED_EACH,
  STMT_REMOVED_NEXT,
  STMT_BOILER_EACH,
  STMT_BOILER_PUT,
  STMT_BOILER_CLEAR,
  STMT_FP_PUT,
  STMT_FP_GET,
  STMT_FP_EACH,
  STMT_DUP_SET,
  STMT_DUP_MOVE,
  STMT_DUP_CLEAR,
  STMT_FP_CLEAR,
  STMT_DUP_GROUPS,
  STMT_CDOC_PUT,
  STMT_STORY_SET,
  STMT_STORY_MOVE,
  STMT_STORY_OF,
  STMT_STORY_PUT,
  STMT_STORY_DEL,
  STMT_ARTICLE_IDS,
  STMT_STORIES_LIVE,
  STMT_STORIES_EACH,
  STMT_STORY_GET,
  STMT_STORY_MEMBERS,
  STMT_CLUSTER_RESTORE,
  STMT_CLUSTER_CLEAR,
  STMT_CDOC_CLEAR,
  STMT_STORIES_CLEAR,
  STMT_STATE_GET,
  STMT_STATE_PUT,
  STMT_STATE_CLEAR,
  STMT_DIRTY_CLEAR,
  STMT_DIRTY_PUT,
  STMT_DIRTY_EACH,
  STMT_ANCHORS_CLEAR,
  STMT_ANCHOR_PUT,
  STMT_ANCHORS_EACH,
  STMT_MENTIONS_CLEAR,
  STMT_MENTION_PUT,
  STMT_MENTIONS_EACH,
  STMT_QUOTES_CLEAR,
  STMT_QUOTE_PUT,
  STMT_QUOTES_EACH,
  STMT_EKEY_GET,
  STMT_EKEY_PUT,
  STMT_ENTITY_NEW,
  STMT_EKEY_MOVE,
  STMT_EFORM_MOVE,
  STMT_EFORM_DROP,
  STMT_ENTITY_DROP,
  STMT_EFORMS_CLEAR,
  STMT_EFORM_PUT,
  STMT_ETOTAL_ADD,
  STMT_ETOTAL_MOVE,
  STMT_EKEYS_CLEAR,
  STMT_EFORMS_ALL_CLEAR,
  STMT_ETOTALS_CLEAR,
  STMT_ENTITIES_CLEAR,
  STMT_ENTITIES_TOP,
  STMT_ENTITY_SUM,
  STMT_ENTITY_FORMS,
  STMT_ENTITY_TYPES,
  STMT_ENTITY_NAMES,
  STMT_ENTITY_STORIES,
  STMT__COUNT
};

struct sl_store {
  sqlite3 *db;
  char *path;
  sqlite3_stmt *stmt[STMT__COUNT];
  bool in_txn;
  bool read_only;
  /* The writer lock (lock.c): the open lock file, -1 when not held, and
   * how many sl_store_writer_lock calls hold it. */
  int lock_fd;
  int lock_depth;
  /* Compression contexts reused for every raw record (zstd level 1: four
   * times faster than zlib's fastest level on articles). */
  ZSTD_CCtx *cctx;
  ZSTD_DCtx *dctx;
  unsigned char *zbuf; /* compressed output, zcap bytes */
  size_t zcap;
  unsigned char *fp; /* the last fingerprint read (sl_store_fp_get) */
  size_t fpcap;
};

/* Maps a SQLite result code to a status and fills `err` with a message
 * naming the database and what was being done. */
sl_status sl__store_fail(sl_store *st, int rc, const char *doing,
                         sl_error *err);

/* "YYYY-MM-DD" (as the store writes it) back into a date; year 0 for
 * NULL or anything else. */
sl_date sl__store_date(const unsigned char *v);

/* Steps a statement that returns no row, then resets it. */
sl_status sl__store_done(sl_store *st, sqlite3_stmt *s, const char *doing,
                         sl_error *err);

/* Runs the write statement `which` with one integer parameter (?1), or
 * two (?1, ?2). */
sl_status sl__store_write_id(sl_store *st, int which, int64_t id,
                             sl_error *err);
sl_status sl__store_write_ids(sl_store *st, int which, int64_t a, int64_t b,
                              sl_error *err);

/* Runs the `n` statements (without parameters) of `which` in order,
 * stopping at the first error. */
sl_status sl__store_run(sl_store *st, const int *which, size_t n,
                        sl_error *err);

/* Releases the writer lock whatever its depth (sl_store_close). */
void sl__store_lock_close(sl_store *st);

/* Fills `a` from a row of the articles' columns as STMT_ARTICLE_BY_ID
 * selects them (records.c). */
sl_status sl__store_read_article(sqlite3_stmt *s, sl_article *a);

/* Calls `fn` for each row of `s` (articles' columns as
 * sl__store_read_article reads them) until it returns non-zero
 * (SL_ECANCELED); the caller resets or finalizes `s`. */
sl_status sl__store_each_article(sl_store *st, sqlite3_stmt *s,
                                 int (*fn)(void *ud, const sl_article *a),
                                 void *ud, sl_error *err);

/* Calls `fn` for each row of `s` (stories' columns as STMT_STORIES_EACH
 * selects them), setting *any when there is one, and resets `s`. */
sl_status sl__store_each_story(sl_store *st, sqlite3_stmt *s,
                               int (*fn)(void *ud, const sl_store_story *x),
                               void *ud, bool *any, sl_error *err);

/* The prepared statement `which`, reset and with bindings cleared. */
sqlite3_stmt *sl__store_stmt(sl_store *st, int which);

#endif
