/* Tests of full-text search in the store: the tokenizer (stems, folding,
 * language marks), the translation of users' queries (hostile ones too),
 * the index kept in step with inserts, updates and deletes, the migration
 * that indexes an existing database, and the filtered lists. */
#include <sqlite3.h>

#include "sl_test.h"

#include "base/buf.h"
#include "store/fts.h"
#include "store/lists.h"
#include "store/store.h"
#include "store/store_int.h"

typedef struct fx {
  char dir[64];
  char db[128];
} fx;

static int setup(void **state) {
  fx *f = calloc(1, sizeof *f);
  sl_test_mkdtemp(f->dir, "fts");
  snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fx *f = *state;
  sl_test_rmrf(f->dir);
  free(f);
  return 0;
}

/* ---- the tokenizer ---------------------------------------------------- */

typedef struct terms {
  char all[512]; /* the terms, space-separated */
  size_t first_start, first_end, n;
} terms;

static int collect(void *ud, const char *t, size_t len, size_t start,
                   size_t end) {
  terms *c = ud;
  if (!c->n++) {
    c->first_start = start;
    c->first_end = end;
  }
  size_t at = strlen(c->all);
  snprintf(c->all + at, sizeof c->all - at, "%s%.*s", at ? " " : "", (int)len,
           t);
  return 0;
}

static terms terms_of(const char *text) {
  terms c = {{0}, 0, 0, 0};
  assert_int_equal(sl__fts_terms(text, strlen(text), collect, &c), SL_OK);
  return c;
}

static void test_tokenizer(void **state) {
  (void)state;
  /* Inflections meet on one stem, as in the pipeline's analysis. */
  assert_string_equal(terms_of("withdrawal").all, terms_of("Withdrawing").all);
  assert_string_equal(terms_of("WITHDRAWALS").all, terms_of("withdrawal").all);
  /* Case is folded beyond ASCII, curly apostrophes become straight. */
  assert_string_equal(terms_of("ÉCOLE").all, terms_of("école").all);
  assert_string_equal(terms_of("Qadhafi’s").all, terms_of("qadhafi's").all);
  /* Punctuation is no term; words, numbers and abbreviations are. */
  terms t = terms_of("U.S. troops, 1,200 of them: left!");
  assert_int_equal(t.n, 6);
  assert_non_null(strstr(t.all, "1,200"));
  /* A word longer than SL_FTS_MAX_WORD is left out. */
  char big[200];
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  assert_int_equal(terms_of(big).n, 0);
  /* A language mark chooses the stemmer and is no term; spans point at
   * the words in the marked text. */
  terms fr = terms_of("\002fr\003frontières");
  terms en = terms_of("\002en\003frontières");
  assert_int_equal(fr.n, 1);
  assert_string_not_equal(fr.all, en.all);
  assert_string_equal(fr.all, terms_of("\002fr\003frontière").all);
  assert_int_equal(fr.first_start, 4);
  assert_int_equal(fr.first_end, 4 + strlen("frontières"));
  /* Without a mark, English. */
  assert_string_equal(terms_of("frontières").all, en.all);
  char lang[16] = "en";
  assert_int_equal(sl__fts_lang("\002de\003x", 6, lang, sizeof lang), 4);
  assert_string_equal(lang, "de");
  assert_int_equal(sl__fts_lang("plain", 5, lang, sizeof lang), 0);
}

/* ---- the query translation ------------------------------------------- */

/* The translation of `q` with the marks shown as < and >, or the error
 * message; both live in static storage until the next call. */
static const char *translate(const char *q, sl_status want) {
  static char shown[1024];
  static sl_error err;
  sl_buf out;
  sl_buf_init(&out, 0);
  sl_error_clear(&err);
  sl_status st = sl_fts_query(q, NULL, &out, &err);
  if (st != want)
    fail_msg("query '%s': status %d, want %d (%s)", q, st, want, err.msg);
  if (st != SL_OK && !err.msg[0])
    fail_msg("query '%s' failed without a message", q);
  size_t n = 0;
  for (size_t i = 0; i < out.len && n + 1 < sizeof shown; i++)
    shown[n++] = out.ptr[i] == '\002'   ? '<'
                 : out.ptr[i] == '\003' ? '>'
                                        : out.ptr[i];
  shown[n] = '\0';
  sl_buf_release(&out);
  return st == SL_OK ? shown : err.msg;
}

static void test_query_translation(void **state) {
  (void)state;
  assert_string_equal(translate("oil", SL_OK), "(\"<en>oil\")");
  assert_string_equal(translate("oil spill", SL_OK),
                      "(\"<en>oil\" AND \"<en>spill\")");
  assert_string_equal(translate("oil AND spill", SL_OK),
                      "(\"<en>oil\" AND \"<en>spill\")");
  assert_string_equal(translate("\"oil spill\" BP", SL_OK),
                      "(\"<en>oil spill\" AND \"<en>BP\")");
  assert_string_equal(translate("flu OR influenza", SL_OK),
                      "(\"<en>flu\") OR (\"<en>influenza\")");
  assert_string_equal(
      translate("quake -Dunmere NOT tsunami", SL_OK),
      "(\"<en>quake\" NOT \"<en>Dunmere\" NOT \"<en>tsunami\")");
  assert_string_equal(translate("(flu OR influenza) vaccine", SL_OK),
                      "(((\"<en>flu\") OR (\"<en>influenza\")) AND "
                      "\"<en>vaccine\")");
  /* Lower-case or, and, not are words; a lone dash is punctuation. */
  assert_string_equal(translate("war or peace - now", SL_OK),
                      "(\"<en>war\" AND \"<en>or\" AND \"<en>peace\" AND "
                      "\"<en>now\")");
  /* FTS5 syntax in user text stays text. */
  assert_string_equal(translate("title:oil", SL_OK), "(\"<en>title:oil\")");
  assert_string_equal(translate("NEAR(a b)", SL_OK),
                      "(\"<en>NEAR\" AND ((\"<en>a\" AND \"<en>b\")))");
  assert_string_equal(translate("oil* ^spill", SL_OK),
                      "(\"<en>oil*\" AND \"<en>^spill\")");
  /* Words without a term are left out; a query of none is refused. */
  assert_string_equal(translate("oil * ...", SL_OK), "(\"<en>oil\")");
  assert_non_null(strstr(translate("", SL_EINVAL), "no word"));
  assert_non_null(strstr(translate("  * ", SL_EINVAL), "no word"));
  assert_non_null(strstr(translate("\"oil", SL_EINVAL), "unclosed quote"));
  assert_non_null(strstr(translate("(oil", SL_EINVAL), "unclosed paren"));
  assert_non_null(strstr(translate("oil)", SL_EINVAL), "')'"));
  assert_non_null(strstr(translate("OR oil", SL_EINVAL), "OR"));
  assert_non_null(strstr(translate("oil OR", SL_EINVAL), "OR"));
  assert_non_null(strstr(translate("oil OR * OR gas", SL_EINVAL), "OR"));
  assert_non_null(strstr(translate("-oil", SL_EINVAL), "NOT"));
  assert_non_null(strstr(translate("oil OR NOT gas", SL_EINVAL), "NOT"));
  char deep[64];
  memset(deep, '(', 40);
  strcpy(deep + 40, "oil");
  assert_non_null(strstr(translate(deep, SL_EINVAL), "deep"));
  /* The query's language marks every phrase. */
  sl_buf out;
  sl_buf_init(&out, 0);
  assert_int_equal(sl_fts_query("paix", "fr", &out, NULL), SL_OK);
  assert_string_equal(out.ptr, "(\"\002fr\003paix\")");
  sl_buf_release(&out);
}

/* ---- the index -------------------------------------------------------- */

static sl_store *open_ok(const char *path) {
  sl_store *st = NULL;
  sl_error err;
  if (sl_store_open(path, NULL, &st, &err) != SL_OK)
    fail_msg("open: %s", err.msg);
  return st;
}

static int64_t put_raw(sl_store *st, int tag) {
  sl_raw raw = {0};
  memset(raw.hash, tag, sizeof raw.hash);
  raw.format = "text";
  raw.origin = "a.txt";
  raw.bytes = "r";
  raw.len = 1;
  assert_int_equal(sl_store_raw_put(st, &raw, NULL), SL_OK);
  return raw.id;
}

/* Stores an article of raw record `raw` (part `part`) and returns its id. */
static int64_t put(sl_store *st, int64_t raw, int part, const char *title,
                   const char *text, const char *lang, const char *date) {
  sl_article a;
  sl_article_init(&a);
  a.raw_id = raw;
  a.part = part;
  assert_int_equal(sl_article_set(&a.ref, "ref", 3), SL_OK);
  assert_int_equal(sl_article_set(&a.text, text, strlen(text)), SL_OK);
  if (title)
    assert_int_equal(sl_article_set(&a.title, title, strlen(title)), SL_OK);
  if (lang)
    assert_int_equal(sl_article_set(&a.language, lang, 2), SL_OK);
  assert_int_equal(sl_article_set(&a.source, "wire", 4), SL_OK);
  if (date)
    a.date = (sl_date){(int16_t)atoi(date), (int8_t)atoi(date + 5),
                       (int8_t)atoi(date + 8)};
  assert_int_equal(sl_store_article_put(st, &a, NULL, 0, NULL), SL_OK);
  int64_t id = a.id;
  sl_article_release(&a);
  return id;
}

typedef struct found {
  int64_t ids[8];
  size_t n;
  char snippet[256];
} found;

static int note_hit(void *ud, const sl_store_hit *h) {
  found *f = ud;
  if (!f->n)
    snprintf(f->snippet, sizeof f->snippet, "%s", h->snippet);
  if (f->n < 8)
    f->ids[f->n] = h->id;
  f->n++;
  return 0;
}

/* The ids matching `query` (in `lang`), best first, with filters. */
static found search_q(sl_store *st, const char *query, const char *lang,
                      const sl_store_search_q *filters) {
  sl_buf m;
  sl_buf_init(&m, 0);
  sl_error err;
  if (sl_fts_query(query, lang, &m, &err) != SL_OK)
    fail_msg("query '%s': %s", query, err.msg);
  sl_store_search_q q = filters ? *filters : (sl_store_search_q){0};
  q.match = m.ptr;
  found f = {{0}, 0, ""};
  if (sl_store_search(st, &q, note_hit, &f, &err) != SL_OK)
    fail_msg("search '%s': %s", query, err.msg);
  sl_buf_release(&m);
  return f;
}

static void test_index_in_step(void **state) {
  fx *f = *state;
  sl_store *st = open_ok(f->db);
  int64_t r1 = put_raw(st, 1), r2 = put_raw(st, 2), r3 = put_raw(st, 3);
  int64_t a = put(st, r1, 0, "Troops pull out",
                  "The army is withdrawing its troops from the border.", "en",
                  "2026-03-02");
  int64_t b = put(st, r2, 0, "Withdrawal talks stall",
                  "Negotiators met again on Tuesday.", "en", "2026-04-10");
  int64_t c = put(st, r3, 0, "Les troupes nationales",
                  "Les forces nationales quittent la frontière.", "fr", NULL);
  found h = search_q(st, "withdrawal", NULL, NULL);
  assert_int_equal(h.n, 2);
  assert_int_equal(h.ids[0], b); /* a title hit weighs more */
  assert_int_equal(h.ids[1], a);
  assert_non_null(strstr(h.snippet, "Negotiators"));
  h = search_q(st, "withdraw army", NULL, NULL);
  assert_int_equal(h.n, 1);
  assert_non_null(strstr(h.snippet, "\xc2\xab"
                                    "withdrawing\xc2\xbb"));
  assert_null(strchr(h.snippet, '\002')); /* no language mark shows */
  /* French is stemmed in French: the French query finds it. */
  h = search_q(st, "frontières", "fr", NULL);
  assert_int_equal(h.n, 1);
  assert_int_equal(h.ids[0], c);
  /* Filters. */
  sl_store_search_q fl = {0};
  fl.since = "2026-04-01";
  assert_int_equal(search_q(st, "withdrawal", NULL, &fl).n, 1);
  fl = (sl_store_search_q){0};
  fl.lang = "fr";
  assert_int_equal(search_q(st, "withdrawal", NULL, &fl).n, 0);
  fl.lang = NULL;
  fl.limit = 1;
  assert_int_equal(search_q(st, "withdrawal", NULL, &fl).n, 1);
  /* Hostile queries that translate never fail in SQLite. */
  const char *odd[] = {
      "title:army",  "NEAR(army border)", "army*",
      "^army",       "\"army\"\"\"",      "a\"b\"c",
      "body : army", "rowid=1",           "army'; DROP TABLE articles; --"};
  for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
    (void)search_q(st, odd[i], NULL, NULL);
  /* An update (re-cleaning, a rebuild) re-indexes; a trim deletes. */
  put(st, r1, 0, "Troops stay", "The army keeps its troops at the border.",
      "en", "2026-03-02");
  h = search_q(st, "withdrawal", NULL, NULL);
  assert_int_equal(h.n, 1);
  assert_int_equal(h.ids[0], b);
  assert_int_equal(search_q(st, "keeps", NULL, NULL).n, 1);
  assert_int_equal(sl_store_article_trim(st, r2, 0, NULL), SL_OK);
  assert_int_equal(search_q(st, "withdrawal", NULL, NULL).n, 0);
  /* The index agrees with its content (FTS5's own check, which reads the
   * content through the view and tokenizes it again). */
  char *msg = NULL;
  if (sqlite3_exec(st->db,
                   "INSERT INTO articles_fts (articles_fts, rank)"
                   " VALUES ('integrity-check', 1)",
                   NULL, NULL, &msg) != SQLITE_OK)
    fail_msg("integrity-check: %s", msg);
  sl_store_close(st);
}

/* Makes `path` look as a database of the schema before the index: the
 * index, its view and triggers dropped, the version set back. */
static void downgrade(const char *path) {
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  char *msg = NULL;
  int rc = sqlite3_exec(db,
                        "DROP TRIGGER articles_fts_ins;"
                        "DROP TRIGGER articles_fts_del;"
                        "DROP TRIGGER articles_fts_upd;"
                        "DROP TABLE articles_fts_data;"
                        "DROP TABLE articles_fts_idx;"
                        "DROP TABLE articles_fts_docsize;"
                        "DROP TABLE articles_fts_config;"
                        "PRAGMA writable_schema = 1;"
                        "DELETE FROM sqlite_schema WHERE name = 'articles_fts';"
                        "PRAGMA writable_schema = 0;"
                        "DROP VIEW articles_fts_src;"
                        "PRAGMA user_version = 10;",
                        NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    fail_msg("downgrade: %s", msg);
  sqlite3_close(db);
}

static int count_rows(const char *path, const char *sql) {
  sqlite3 *db;
  sqlite3_stmt *s;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  int n = sqlite3_column_int(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

static void test_migration_indexes_old_database(void **state) {
  fx *f = *state;
  sl_store *st = open_ok(f->db);
  put(st, put_raw(st, 1), 0, "Quake hits Kelm", "Rescuers search the rubble.",
      "en", NULL);
  put(st, put_raw(st, 2), 0, NULL, "The port strike goes on.", "en", NULL);
  sl_store_close(st);
  downgrade(f->db);
  assert_int_equal(count_rows(f->db, "SELECT count(*) FROM sqlite_schema"
                                     " WHERE name LIKE 'articles_fts%'"),
                   0);
  st = open_ok(f->db); /* migrates */
  assert_int_equal(count_rows(f->db, "PRAGMA user_version"),
                   SL_STORE_SCHEMA_VERSION);
  assert_int_equal(search_q(st, "rescuer", NULL, NULL).n, 1);
  assert_int_equal(search_q(st, "striking", NULL, NULL).n, 1);
  /* and stays in step afterwards */
  put(st, put_raw(st, 3), 0, NULL, "Another strike.", "en", NULL);
  assert_int_equal(search_q(st, "strike", NULL, NULL).n, 2);
  sl_store_close(st);
}

/* ---- the filtered lists ---------------------------------------------- */

static int count_article(void *ud, const sl_article *a) {
  (*(int *)ud)++;
  return 0;
}

static int list_count(sl_store *st, sl_store_filter fl) {
  int n = 0;
  assert_int_equal(sl_store_articles_where(st, &fl, count_article, &n, NULL),
                   SL_OK);
  return n;
}

static void test_article_filters(void **state) {
  fx *f = *state;
  sl_store *st = open_ok(f->db);
  put(st, put_raw(st, 1), 0, NULL, "One.", "en", "2026-03-01");
  put(st, put_raw(st, 2), 0, NULL, "Two.", "en", "2026-03-15");
  put(st, put_raw(st, 3), 0, NULL, "Trois.", "fr", "2026-04-01");
  put(st, put_raw(st, 4), 0, NULL, "Undated.", "en", NULL);
  assert_int_equal(list_count(st, (sl_store_filter){0}), 4);
  assert_int_equal(list_count(st, (sl_store_filter){.since = "2026-03-15"}), 2);
  assert_int_equal(list_count(st, (sl_store_filter){.until = "2026-03-15"}), 2);
  assert_int_equal(list_count(st, (sl_store_filter){.lang = "fr"}), 1);
  assert_int_equal(list_count(st, (sl_store_filter){.source = "wire"}), 4);
  assert_int_equal(list_count(st, (sl_store_filter){.source = "none"}), 0);
  assert_int_equal(list_count(st, (sl_store_filter){.limit = 3}), 3);
  sl_store_close(st);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tokenizer),
      cmocka_unit_test(test_query_translation),
      cmocka_unit_test_setup_teardown(test_index_in_step, setup, teardown),
      cmocka_unit_test_setup_teardown(test_migration_indexes_old_database,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_article_filters, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
