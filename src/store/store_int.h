/* storyline store: state shared by the store's files. */
#ifndef SL_STORE_INT_H
#define SL_STORE_INT_H

#include <sqlite3.h>

#include "store/store.h"

enum {
  STMT_RAW_EXISTS,
  STMT_RAW_PUT,
  STMT_RAW_EACH,
  STMT_ARTICLE_PUT,
  STMT_ARTICLE_TRIM,
  STMT_ARTICLE_BY_ID,
  STMT_ARTICLE_BY_REF,
  STMT_ARTICLES_LIST,
  STMT_ARTICLES_LIST_TEXT,
  STMT_TERMS_PUT,
  STMT_TERMS_GET,
  STMT_ARTICLE_COUNT,
  STMT__COUNT
};

struct sl_store {
  sqlite3 *db;
  char *path;
  sqlite3_stmt *stmt[STMT__COUNT];
  bool in_txn;
  bool read_only;
};

/* Maps a SQLite result code to a status and fills `err` with a message
 * naming the database and what was being done. */
sl_status sl__store_fail(sl_store *st, int rc, const char *doing,
                         sl_error *err);

/* The prepared statement `which`, reset and with bindings cleared. */
sqlite3_stmt *sl__store_stmt(sl_store *st, int which);

#endif
