/* storyline store: opening the database, the schema and its migrations,
 * transactions and error mapping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/fts.h"
#include "store/store_int.h"

/* Migration N brings the schema from version N-1 to N. Add a migration by
 * appending one string and raising SL_STORE_SCHEMA_VERSION. */
static const char *const migrations[SL_STORE_SCHEMA_VERSION] = {
    "CREATE TABLE raw ("
    "  id INTEGER PRIMARY KEY,"
    "  hash BLOB NOT NULL UNIQUE,"
    "  format TEXT NOT NULL,"
    "  origin TEXT NOT NULL,"
    "  line INTEGER NOT NULL DEFAULT 0,"
    "  meta TEXT,"
    "  size INTEGER NOT NULL,"
    "  data BLOB NOT NULL);"
    "CREATE TABLE articles ("
    "  id INTEGER PRIMARY KEY,"
    "  raw_id INTEGER NOT NULL REFERENCES raw(id) ON DELETE CASCADE,"
    "  part INTEGER NOT NULL DEFAULT 0,"
    "  ref TEXT NOT NULL,"
    "  title TEXT,"
    "  text TEXT NOT NULL,"
    "  date TEXT,"
    "  date_origin TEXT,"
    "  source TEXT,"
    "  url TEXT,"
    "  language TEXT,"
    "  content_hash INTEGER NOT NULL,"
    "  extra TEXT,"
    "  terms BLOB,"
    "  UNIQUE (raw_id, part));"
    "CREATE INDEX articles_ref ON articles(ref);",
    /* 2: what cleaning took out of each article, and its author. */
    "ALTER TABLE articles ADD COLUMN author TEXT;"
    "CREATE TABLE removed ("
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  PRIMARY KEY (article_id, seq)) WITHOUT ROWID;",
    /* 3: the boilerplate learned per source (see clean/boiler.h). */
    "CREATE TABLE boilerplate ("
    "  key INTEGER PRIMARY KEY,"
    "  articles INTEGER NOT NULL,"
    "  first1 INTEGER NOT NULL DEFAULT 0,"
    "  first2 INTEGER NOT NULL DEFAULT 0);",
    /* 4: duplicates: each article's fingerprint, and its relation to the
     * canonical article of its group. */
    "CREATE TABLE fingerprints ("
    "  article_id INTEGER PRIMARY KEY"
    "    REFERENCES articles(id) ON DELETE CASCADE,"
    "  fp BLOB NOT NULL);"
    "ALTER TABLE articles ADD COLUMN dup_of INTEGER;"
    "ALTER TABLE articles ADD COLUMN dup_rel TEXT;"
    "ALTER TABLE articles ADD COLUMN dup_score REAL;"
    "CREATE INDEX articles_dup ON articles(dup_of) WHERE dup_of IS NOT NULL;",
    /* 5: stories: each article's story and clustering features, and each
     * story's summary as the clusterer last left it. */
    "CREATE TABLE cluster_docs ("
    "  article_id INTEGER PRIMARY KEY"
    "    REFERENCES articles(id) ON DELETE CASCADE,"
    "  doc BLOB NOT NULL);"
    "ALTER TABLE articles ADD COLUMN story INTEGER;"
    "CREATE INDEX articles_story ON articles(story) WHERE story IS NOT NULL;"
    "CREATE TABLE stories ("
    "  id INTEGER PRIMARY KEY,"
    "  title TEXT,"
    "  first_date TEXT,"
    "  last_date TEXT,"
    "  size INTEGER NOT NULL,"
    "  live INTEGER NOT NULL,"
    "  related TEXT);",
    /* 6: when: each sentence's anchor date, and the confidence of a
     * publication date inferred from the text. */
    "ALTER TABLE articles ADD COLUMN date_conf REAL;"
    "CREATE TABLE anchors ("
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  date TEXT,"
    "  expr TEXT,"
    "  value TEXT,"
    "  PRIMARY KEY (article_id, seq)) WITHOUT ROWID;",
    /* 7: who: each article's named-entity mentions and quotes. */
    "CREATE TABLE mentions ("
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  type INTEGER NOT NULL,"
    "  sentence INTEGER NOT NULL,"
    "  PRIMARY KEY (article_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE quotes ("
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  speaker INTEGER NOT NULL,"
    "  who_start INTEGER NOT NULL,"
    "  who_end INTEGER NOT NULL,"
    "  kind INTEGER NOT NULL,"
    "  PRIMARY KEY (article_id, seq)) WITHOUT ROWID;",
    /* 8: the archive's entities: the index of name keys that joins aliases
     * across articles, and how each article writes each entity. */
    "CREATE TABLE entities (id INTEGER PRIMARY KEY);"
    "CREATE TABLE entity_keys ("
    "  key TEXT PRIMARY KEY,"
    "  entity INTEGER NOT NULL,"
    "  name TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX entity_keys_entity ON entity_keys(entity);"
    "CREATE TABLE entity_forms ("
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  entity INTEGER NOT NULL,"
    "  form TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  type INTEGER NOT NULL,"
    "  count INTEGER NOT NULL,"
    "  PRIMARY KEY (article_id, entity, form)) WITHOUT ROWID;"
    "CREATE INDEX entity_forms_entity ON entity_forms(entity);"
    /* Each entity's mentions, kept by the store (a trigger for deletes),
     * so that the most mentioned come from an index, not from summing the
     * whole table. */
    "CREATE TABLE entity_totals ("
    "  entity INTEGER PRIMARY KEY,"
    "  mentions INTEGER NOT NULL);"
    "CREATE INDEX entity_totals_mentions ON entity_totals(mentions);"
    "CREATE TRIGGER entity_forms_ins AFTER INSERT ON entity_forms BEGIN"
    "  INSERT INTO entity_totals (entity, mentions)"
    "  VALUES (NEW.entity, NEW.count) ON CONFLICT (entity) DO UPDATE"
    "  SET mentions = mentions + NEW.count;"
    " END;"
    "CREATE TRIGGER entity_forms_upd AFTER UPDATE OF count ON entity_forms"
    " BEGIN"
    "  UPDATE entity_totals SET mentions = mentions + NEW.count - OLD.count"
    "  WHERE entity = NEW.entity;"
    " END;"
    "CREATE TRIGGER entity_forms_del AFTER DELETE ON entity_forms BEGIN"
    "  UPDATE entity_totals SET mentions = mentions - OLD.count"
    "  WHERE entity = OLD.entity;"
    " END;",
    /* 9: an insert with a trigger made SQLite copy every page it touched
     * to a statement journal, for each of an ingest's many form inserts:
     * the store now adds inserted forms to the totals itself. Deletes,
     * rare, keep their trigger. */
    "DROP TRIGGER entity_forms_ins; DROP TRIGGER entity_forms_upd;",
    /* 10: what a stage keeps between runs beside its rows (the
     * clusterer's story counter and clocks), so that a run resumed after
     * a crash goes on as the interrupted one would have. */
    "CREATE TABLE state (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"
    " WITHOUT ROWID;"
    /* The live stories changed since the clusterer's last merge step:
     * the next step compares them, and only them. */
    "CREATE TABLE cluster_dirty (story INTEGER PRIMARY KEY);",
    /* 11: full-text search over title and text (store/fts.h). The index
     * keeps no copy of the text: its content is a view over the articles
     * that marks each column with the article's language for the
     * tokenizer. Triggers keep it in step with every write to the
     * articles, in the writer's transaction; the last statement indexes
     * the articles already there. */
    "CREATE VIEW articles_fts_src AS SELECT id,"
    "  char(2) || coalesce(language, '') || char(3) || coalesce(title, '')"
    "    AS title,"
    "  char(2) || coalesce(language, '') || char(3) || text AS body"
    "  FROM articles;"
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body,"
    "  content = 'articles_fts_src', content_rowid = 'id',"
    "  tokenize = 'storyline', detail = 'full');"
    "CREATE TRIGGER articles_fts_ins AFTER INSERT ON articles BEGIN"
    "  INSERT INTO articles_fts (rowid, title, body) SELECT id, title, body"
    "  FROM articles_fts_src WHERE id = NEW.id;"
    " END;"
    "CREATE TRIGGER articles_fts_del AFTER DELETE ON articles BEGIN"
    "  INSERT INTO articles_fts (articles_fts, rowid, title, body)"
    "  VALUES ('delete', OLD.id,"
    "  char(2) || coalesce(OLD.language, '') || char(3)"
    "    || coalesce(OLD.title, ''),"
    "  char(2) || coalesce(OLD.language, '') || char(3) || OLD.text);"
    " END;"
    "CREATE TRIGGER articles_fts_upd AFTER UPDATE OF title, text, language"
    "  ON articles BEGIN"
    "  INSERT INTO articles_fts (articles_fts, rowid, title, body)"
    "  VALUES ('delete', OLD.id,"
    "  char(2) || coalesce(OLD.language, '') || char(3)"
    "    || coalesce(OLD.title, ''),"
    "  char(2) || coalesce(OLD.language, '') || char(3) || OLD.text);"
    "  INSERT INTO articles_fts (rowid, title, body) SELECT id, title, body"
    "  FROM articles_fts_src WHERE id = NEW.id;"
    " END;"
    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');",
};

static const char *const statements[STMT__COUNT] = {
    [STMT_RAW_EXISTS] = "SELECT 1 FROM raw WHERE hash = ?1",
    [STMT_RAW_PUT] = "INSERT INTO raw (hash, format, origin, line, meta, size,"
                     " data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_RAW_EACH] = "SELECT id, hash, format, origin, line, meta, size, data"
                      " FROM raw ORDER BY id",
#define ARTICLE_INSERT                                                         \
  "INSERT INTO articles (raw_id, part, ref, title, text, date, date_origin,"   \
  " source, url, language, content_hash, extra, terms, author, date_conf)"     \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
    [STMT_ARTICLE_INSERT] = ARTICLE_INSERT,
    [STMT_ARTICLE_PUT] = ARTICLE_INSERT
    " ON CONFLICT (raw_id, part) DO UPDATE SET ref = excluded.ref,"
    " title = excluded.title, text = excluded.text, date = excluded.date,"
    " date_origin = excluded.date_origin, source = excluded.source,"
    " url = excluded.url, language = excluded.language,"
    " content_hash = excluded.content_hash, extra = excluded.extra,"
    " terms = excluded.terms, author = excluded.author,"
    " date_conf = excluded.date_conf RETURNING id",
#undef ARTICLE_INSERT
    [STMT_ARTICLE_TRIM] = "DELETE FROM articles WHERE raw_id = ?1"
                          " AND part NOT BETWEEN ?2 AND ?3",
#define ARTICLE_COLS                                                           \
  "SELECT id, raw_id, part, ref, title, date, date_origin, source, url,"       \
  " language, content_hash, extra, dup_of, dup_rel, dup_score, story,"         \
  " date_conf"
    [STMT_ARTICLE_BY_ID] =
        ARTICLE_COLS ", text, author FROM articles WHERE id = ?1",
    [STMT_ARTICLE_BY_REF] = ARTICLE_COLS
    ", text, author FROM articles WHERE ref = ?1 ORDER BY id DESC LIMIT 1",
    [STMT_ARTICLES_LIST] =
        ARTICLE_COLS ", NULL, author FROM articles ORDER BY id",
    [STMT_ARTICLES_LIST_TEXT] =
        ARTICLE_COLS ", text, author FROM articles ORDER BY id",
#undef ARTICLE_COLS
    [STMT_TERMS_GET] = "SELECT terms FROM articles WHERE id = ?1",
    [STMT_ARTICLE_COUNT] = "SELECT count(*) FROM articles",
    [STMT_REMOVED_CLEAR] = "DELETE FROM removed WHERE article_id = ?1",
    [STMT_REMOVED_PUT] = "INSERT INTO removed (article_id, seq, reason, text)"
                         " VALUES (?1, ?2, ?3, ?4)",
    [STMT_REMOVED_NEXT] = "SELECT coalesce(max(seq) + 1, 0) FROM removed"
                          " WHERE article_id = ?1",
    [STMT_BOILER_EACH] =
        "SELECT key, articles, first1, first2 FROM boilerplate",
    [STMT_BOILER_PUT] = "INSERT OR REPLACE INTO boilerplate (key, articles,"
                        " first1, first2) VALUES (?1, ?2, ?3, ?4)",
    [STMT_BOILER_CLEAR] = "DELETE FROM boilerplate",
    [STMT_FP_PUT] = "INSERT OR REPLACE INTO fingerprints (article_id, fp)"
                    " VALUES (?1, ?2)",
    [STMT_FP_GET] = "SELECT fp FROM fingerprints WHERE article_id = ?1",
    [STMT_FP_EACH] = "SELECT f.article_id, a.dup_of, f.fp FROM fingerprints f"
                     " JOIN articles a ON a.id = f.article_id ORDER BY 1",
    [STMT_DUP_SET] = "UPDATE articles SET dup_of = ?2, dup_rel = ?3,"
                     " dup_score = ?4 WHERE id = ?1",
    [STMT_DUP_MOVE] = "UPDATE articles SET dup_of = ?2 WHERE dup_of = ?1",
    [STMT_DUP_CLEAR] = "UPDATE articles SET dup_of = NULL, dup_rel = NULL,"
                       " dup_score = NULL WHERE dup_of IS NOT NULL;",
    [STMT_FP_CLEAR] = "DELETE FROM fingerprints",
    [STMT_CDOC_PUT] = "INSERT OR REPLACE INTO cluster_docs (article_id, doc)"
                      " VALUES (?1, ?2)",
    [STMT_STORY_SET] = "UPDATE articles SET story = ?2 WHERE id = ?1",
    [STMT_STORY_MOVE] = "UPDATE articles SET story = ?2 WHERE story = ?1",
    [STMT_STORY_OF] = "SELECT story FROM articles WHERE id = ?1",
    [STMT_STORY_PUT] = "INSERT OR REPLACE INTO stories (id, title, first_date,"
                       " last_date, size, live, related)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_STORY_DEL] = "DELETE FROM stories WHERE id = ?1",
    [STMT_ARTICLE_IDS] = "SELECT id FROM articles ORDER BY id",
    [STMT_STORIES_LIVE] = "SELECT id FROM stories WHERE live = 1 ORDER BY id",
    [STMT_STORIES_EACH] = "SELECT id, title, first_date, last_date, size,"
                          " live, related FROM stories ORDER BY id",
    [STMT_STORY_GET] = "SELECT id, title, first_date, last_date, size,"
                       " live, related FROM stories WHERE id = ?1",
    [STMT_STORY_MEMBERS] = "SELECT id, ref FROM articles WHERE story = ?1"
                           " ORDER BY id",
    [STMT_CLUSTER_RESTORE] =
        "SELECT a.id, a.story, a.date, d.doc, s.live FROM articles a"
        " JOIN stories s ON s.id = a.story"
        " LEFT JOIN cluster_docs d ON d.article_id = a.id ORDER BY a.id",
    [STMT_CLUSTER_CLEAR] = "UPDATE articles SET story = NULL"
                           " WHERE story IS NOT NULL;",
    [STMT_CDOC_CLEAR] = "DELETE FROM cluster_docs",
    [STMT_STORIES_CLEAR] = "DELETE FROM stories",
    [STMT_STATE_GET] = "SELECT value FROM state WHERE key = ?1",
    [STMT_STATE_PUT] = "INSERT OR REPLACE INTO state (key, value)"
                       " VALUES (?1, ?2)",
    [STMT_STATE_CLEAR] = "DELETE FROM state WHERE key LIKE 'cluster.%'",
    [STMT_DIRTY_CLEAR] = "DELETE FROM cluster_dirty",
    [STMT_DIRTY_PUT] =
        "INSERT OR IGNORE INTO cluster_dirty (story) VALUES (?1)",
    [STMT_DIRTY_EACH] = "SELECT story FROM cluster_dirty ORDER BY story",
    [STMT_ANCHORS_CLEAR] = "DELETE FROM anchors WHERE article_id = ?1",
    [STMT_ANCHOR_PUT] = "INSERT INTO anchors (article_id, seq, start, end,"
                        " date, expr, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                        " ?7)",
    [STMT_ANCHORS_EACH] = "SELECT start, end, date, expr, value FROM anchors"
                          " WHERE article_id = ?1 ORDER BY seq",
    [STMT_MENTIONS_CLEAR] = "DELETE FROM mentions WHERE article_id = ?1",
    [STMT_MENTION_PUT] = "INSERT INTO mentions (article_id, seq, start, end,"
                         " type, sentence) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [STMT_MENTIONS_EACH] = "SELECT start, end, type, sentence FROM mentions"
                           " WHERE article_id = ?1 ORDER BY seq",
    [STMT_QUOTES_CLEAR] = "DELETE FROM quotes WHERE article_id = ?1",
    [STMT_QUOTE_PUT] = "INSERT INTO quotes (article_id, seq, start, end,"
                       " speaker, who_start, who_end, kind)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [STMT_QUOTES_EACH] = "SELECT start, end, speaker, who_start, who_end, kind"
                         " FROM quotes WHERE article_id = ?1 ORDER BY seq",
    [STMT_EKEY_GET] = "SELECT entity, name FROM entity_keys WHERE key = ?1",
    [STMT_EKEY_PUT] = "INSERT OR REPLACE INTO entity_keys (key, entity, name)"
                      " VALUES (?1, ?2, ?3)",
    [STMT_ENTITY_NEW] = "INSERT INTO entities DEFAULT VALUES",
    [STMT_EKEY_MOVE] = "UPDATE entity_keys SET entity = ?1 WHERE entity = ?2",
    [STMT_EFORM_MOVE] =
        "INSERT INTO entity_forms (article_id, entity, form, name, type, count)"
        " SELECT article_id, ?1, form, name, type, count FROM entity_forms"
        " WHERE entity = ?2 ON CONFLICT DO UPDATE"
        " SET count = count + excluded.count",
    [STMT_EFORM_DROP] = "DELETE FROM entity_forms WHERE entity = ?1",
    [STMT_ENTITY_DROP] = "DELETE FROM entities WHERE id = ?1",
    [STMT_EFORMS_CLEAR] = "DELETE FROM entity_forms WHERE article_id = ?1",
    [STMT_EFORM_PUT] =
        "INSERT INTO entity_forms (article_id, entity, form, name, type, count)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO UPDATE"
        " SET count = count + excluded.count",
    [STMT_ETOTAL_ADD] = "INSERT INTO entity_totals (entity, mentions)"
                        " VALUES (?1, ?2) ON CONFLICT (entity) DO UPDATE"
                        " SET mentions = mentions + excluded.mentions",
    [STMT_ETOTAL_MOVE] = "INSERT INTO entity_totals (entity, mentions)"
                         " SELECT ?1, mentions FROM entity_totals"
                         " WHERE entity = ?2 ON CONFLICT (entity) DO UPDATE"
                         " SET mentions = mentions + excluded.mentions",
    [STMT_EKEYS_CLEAR] = "DELETE FROM entity_keys",
    [STMT_EFORMS_ALL_CLEAR] = "DELETE FROM entity_forms",
    [STMT_ETOTALS_CLEAR] = "DELETE FROM entity_totals",
    [STMT_ENTITIES_CLEAR] = "DELETE FROM entities",
#define ENTITY_SUM                                                             \
  "SELECT f.entity, SUM(f.count) AS n, COUNT(DISTINCT f.article_id),"          \
  " COUNT(DISTINCT a.story) FROM entity_forms f"                               \
  " JOIN articles a ON a.id = f.article_id"
    [STMT_ENTITIES_TOP] = "SELECT entity FROM entity_totals WHERE mentions > 0"
                          " ORDER BY mentions DESC, entity LIMIT ?1",
    [STMT_ENTITY_SUM] = ENTITY_SUM " WHERE f.entity = ?1 GROUP BY f.entity",
#undef ENTITY_SUM
    [STMT_ENTITY_FORMS] = "SELECT form, 0, SUM(count) AS n FROM entity_forms"
                          " WHERE entity = ?1 GROUP BY form"
                          " ORDER BY n DESC, form",
    [STMT_ENTITY_TYPES] = "SELECT NULL, type, SUM(count) FROM entity_forms"
                          " WHERE entity = ?1 GROUP BY type ORDER BY type",
    [STMT_ENTITY_NAMES] = "SELECT name, type, COUNT(DISTINCT article_id) AS n"
                          " FROM entity_forms WHERE entity = ?1"
                          " GROUP BY name, type ORDER BY n DESC, name",
    [STMT_ENTITY_STORIES] = "SELECT a.story, s.title, SUM(f.count) AS n,"
                            " COUNT(DISTINCT f.article_id) FROM entity_forms f"
                            " JOIN articles a ON a.id = f.article_id"
                            " LEFT JOIN stories s ON s.id = a.story"
                            " WHERE f.entity = ?1 AND a.story IS NOT NULL"
                            " GROUP BY a.story ORDER BY n DESC, a.story",
    [STMT_DUP_GROUPS] = "SELECT d.dup_of, c.ref, d.id, d.ref, d.dup_rel,"
                        " d.dup_score FROM articles d JOIN articles c"
                        " ON c.id = d.dup_of WHERE d.dup_of IS NOT NULL"
                        " ORDER BY d.dup_of, d.id",
    [STMT_REMOVED_EACH] =
        "SELECT reason, text FROM removed WHERE article_id = ?1 ORDER BY seq",
};

sl_status sl__store_fail(sl_store *st, int rc, const char *doing,
                         sl_error *err) {
  sl_status code;
  switch (rc & 0xff) {
  case SQLITE_FULL:
    code = SL_EFULL;
    break;
  case SQLITE_READONLY:
  case SQLITE_PERM:
    code = SL_EREADONLY;
    break;
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
    code = SL_EBUSY;
    break;
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB:
    code = SL_ECORRUPT;
    break;
  case SQLITE_NOMEM:
    code = SL_ENOMEM;
    break;
  case SQLITE_CANTOPEN:
  case SQLITE_IOERR:
    code = SL_EIO;
    break;
  default:
    code = SL_EDB;
  }
  const char *why = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
  if (code == SL_EFULL)
    why = "database or disk is full";
  return sl_error_set(err, code, "cannot %s '%s': %s", doing, st->path, why);
}

sqlite3_stmt *sl__store_stmt(sl_store *st, int which) {
  sqlite3_stmt *s = st->stmt[which];
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  return s;
}

sl_status sl__store_run(sl_store *st, const int *which, size_t n,
                        sl_error *err) {
  sl_status r = SL_OK;
  for (size_t i = 0; r == SL_OK && i < n; i++)
    r = sl__store_done(st, sl__store_stmt(st, which[i]), "write", err);
  return r;
}

sl_status sl__store_done(sl_store *st, sqlite3_stmt *s, const char *doing,
                         sl_error *err) {
  int rc = sqlite3_step(s);
  sqlite3_reset(s);
  return rc == SQLITE_DONE ? SL_OK : sl__store_fail(st, rc, doing, err);
}

sl_status sl__store_write_id(sl_store *st, int which, int64_t id,
                             sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, which);
  sqlite3_bind_int64(s, 1, id);
  return sl__store_done(st, s, "write", err);
}

sl_status sl__store_write_ids(sl_store *st, int which, int64_t a, int64_t b,
                              sl_error *err) {
  sqlite3_stmt *s = sl__store_stmt(st, which);
  sqlite3_bind_int64(s, 1, a);
  sqlite3_bind_int64(s, 2, b);
  return sl__store_done(st, s, "write", err);
}

/* "YYYY-MM-DD" back into a date (the store wrote it). */
sl_date sl__store_date(const unsigned char *v) {
  sl_date d = {0, 0, 0};
  if (v && strlen((const char *)v) == 10) {
    d.year = (int16_t)atoi((const char *)v);
    d.month = (int8_t)atoi((const char *)v + 5);
    d.day = (int8_t)atoi((const char *)v + 8);
  }
  return d;
}

static sl_status exec(sl_store *st, const char *sql, const char *doing,
                      sl_error *err) {
  int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
  return rc == SQLITE_OK ? SL_OK : sl__store_fail(st, rc, doing, err);
}

static sl_status user_version(sl_store *st, int *version, sl_error *err) {
  sqlite3_stmt *s = NULL;
  int rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) {
    *version = sqlite3_column_int(s, 0);
    rc = SQLITE_OK;
  }
  sqlite3_finalize(s);
  if ((rc & 0xff) == SQLITE_NOTADB)
    return sl_error_set(err, SL_ECORRUPT,
                        "cannot open '%s': not a storyline database", st->path);
  return rc == SQLITE_OK ? SL_OK : sl__store_fail(st, rc, "open", err);
}

static sl_status migrate(sl_store *st, int from, sl_error *err) {
  for (int v = from; v < SL_STORE_SCHEMA_VERSION; v++) {
    char bump[64];
    snprintf(bump, sizeof bump, "PRAGMA user_version = %d", v + 1);
    sl_status s = exec(st, "BEGIN IMMEDIATE", "migrate", err);
    /* Two processes opening a new database at once: the one that waited
     * for the other's migration finds it done. */
    int now = v;
    if (s == SL_OK)
      s = user_version(st, &now, err);
    if (s == SL_OK && now == v)
      s = exec(st, migrations[v], "migrate", err);
    if (s == SL_OK && now == v)
      s = exec(st, bump, "migrate", err);
    if (s == SL_OK)
      s = exec(st, "COMMIT", "migrate", err);
    if (s != SL_OK) {
      sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
      return s;
    }
  }
  return SL_OK;
}

static sl_status set_cap(sl_store *st, uint64_t max_bytes, sl_error *err) {
  if (!max_bytes)
    return SL_OK;
  sqlite3_stmt *s = NULL;
  int64_t page = 4096;
  if (sqlite3_prepare_v2(st->db, "PRAGMA page_size", -1, &s, NULL) ==
          SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW)
    page = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  uint64_t pages = max_bytes / (uint64_t)(page > 0 ? page : 4096);
  char sql[80];
  snprintf(sql, sizeof sql, "PRAGMA max_page_count = %llu",
           (unsigned long long)(pages ? pages : 1));
  return exec(st, sql, "configure", err);
}

static sl_status prepare_all(sl_store *st, sl_error *err) {
  for (int i = 0; i < STMT__COUNT; i++) {
    int rc = sqlite3_prepare_v3(st->db, statements[i], -1,
                                SQLITE_PREPARE_PERSISTENT, &st->stmt[i], NULL);
    if (rc != SQLITE_OK)
      return sl__store_fail(st, rc, "prepare statements for", err);
  }
  return SL_OK;
}

static sl_status setup(sl_store *st, const sl_store_opts *o, sl_error *err) {
  int version = 0;
  sqlite3_busy_timeout(st->db, 5000);
  sl_status s = user_version(st, &version, err);
  if (s == SL_OK)
    s = sl__fts_register(st, err);
  if (s != SL_OK)
    return s;
  if (version > SL_STORE_SCHEMA_VERSION)
    return sl_error_set(err, SL_ESCHEMA,
                        "cannot open '%s': schema version %d is newer than "
                        "this storyline's (%d)",
                        st->path, version, SL_STORE_SCHEMA_VERSION);
  if (!o->read_only && sqlite3_db_readonly(st->db, "main") == 1)
    return sl_error_set(err, SL_EREADONLY,
                        "cannot write '%s': read-only database", st->path);
  if (o->read_only && version < SL_STORE_SCHEMA_VERSION)
    return sl_error_set(err, SL_ESCHEMA,
                        "cannot read '%s': not a storyline database of this "
                        "version (run an ingest to upgrade it)",
                        st->path);
  s = exec(st, "PRAGMA foreign_keys = ON", "configure", err);
  if (s == SL_OK && !o->read_only)
    /* 64 MiB of page cache keeps the indexes of random keys (the raw
     * hashes) in memory for archives of millions of articles; memory stays
     * bounded by it. */
    s = exec(st,
             "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL;"
             " PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536",
             "configure", err);
  if (s == SL_OK && !o->read_only)
    s = migrate(st, version, err);
  if (s == SL_OK)
    s = set_cap(st, o->max_bytes, err);
  if (s == SL_OK)
    s = prepare_all(st, err);
  return s;
}

/* Opens st->db and sets it up; `immutable` opens a read-only database whose
 * folder cannot be written (no -shm file can be made). */
static sl_status open_db(sl_store *st, const sl_store_opts *o, bool immutable,
                         sl_error *err) {
  for (int i = 0; i < STMT__COUNT; i++) {
    sqlite3_finalize(st->stmt[i]);
    st->stmt[i] = NULL;
  }
  sqlite3_close(st->db);
  st->db = NULL;
  int flags = o->read_only ? SQLITE_OPEN_READONLY
                           : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  char *uri =
      immutable ? sqlite3_mprintf("file:%s?immutable=1", st->path) : NULL;
  if (immutable && !uri)
    return sl_error_set(err, SL_ENOMEM, "out of memory");
  int rc = sqlite3_open_v2(
      uri ? uri : st->path, &st->db,
      flags | SQLITE_OPEN_NOMUTEX | (uri ? SQLITE_OPEN_URI : 0), NULL);
  sqlite3_free(uri);
  return rc == SQLITE_OK ? setup(st, o, err)
                         : sl__store_fail(st, rc, "open", err);
}

sl_status sl_store_open(const char *path, const sl_store_opts *opts,
                        sl_store **out, sl_error *err) {
  static const sl_store_opts defaults = {0};
  const sl_store_opts *o = opts ? opts : &defaults;
  *out = NULL;
  sl_store *st = calloc(1, sizeof *st);
  if (!st || !(st->path = strdup(path))) {
    free(st);
    return sl_error_set(err, SL_ENOMEM, "out of memory");
  }
  st->read_only = o->read_only;
  st->lock_fd = -1;
  if (o->read_only && access(path, F_OK) != 0) {
    sl_error_set(err, SL_ENOENT, "no database at '%s' (ingest something first)",
                 path);
    sl_store_close(st);
    return SL_ENOENT;
  }
  sl_status s = open_db(st, o, false, err);
  if (s != SL_OK && o->read_only && (s == SL_EREADONLY || s == SL_EIO))
    s = open_db(st, o, true, err); /* a WAL database in a read-only folder */
  if (s == SL_EREADONLY && !o->read_only)
    sl_error_set(err, s, "cannot write '%s': read-only database", path);
  if (s != SL_OK) {
    sl_store_close(st);
    return s;
  }
  *out = st;
  return SL_OK;
}

void sl_store_close(sl_store *st) {
  if (!st)
    return;
  if (st->in_txn)
    sl_store_rollback(st);
  for (int i = 0; i < STMT__COUNT; i++)
    sqlite3_finalize(st->stmt[i]);
  sqlite3_close(st->db);
  sl__store_lock_close(st);
  ZSTD_freeCCtx(st->cctx);
  ZSTD_freeDCtx(st->dctx);
  free(st->zbuf);
  free(st->fp);
  free(st->path);
  free(st);
}

const char *sl_store_path(const sl_store *st) {
  return st->path;
}

sl_status sl_store_begin(sl_store *st, sl_error *err) {
  sl_status s = exec(st, "BEGIN IMMEDIATE", "write", err);
  st->in_txn = s == SL_OK;
  return s;
}

sl_status sl_store_commit(sl_store *st, sl_error *err) {
  sl_status s = exec(st, "COMMIT", "write", err);
  if (s == SL_OK)
    st->in_txn = false;
  return s;
}

void sl_store_rollback(sl_store *st) {
  if (sqlite3_get_autocommit(st->db) == 0)
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  st->in_txn = false;
}
