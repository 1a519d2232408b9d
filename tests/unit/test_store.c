/* Tests of the store: schema and migrations, refusals (newer schema, not a
 * database, read-only), raw records, articles, terms, the size cap and a
 * crash in the middle of a batch, the entity index (keys, forms, merges,
 * totals). */
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sl_test.h"

#include "store/store.h"

typedef struct fx {
  char dir[64];
  char db[128];
} fx;

static int setup(void **state) {
  fx *f = calloc(1, sizeof *f);
  sl_test_mkdtemp(f->dir, "store");
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

static sl_store *open_ok(const char *path, const sl_store_opts *o) {
  sl_store *st = NULL;
  sl_error err;
  sl_status s = sl_store_open(path, o, &st, &err);
  if (s != SL_OK)
    fail_msg("open: %s", err.msg);
  return st;
}

static int64_t put_raw(sl_store *st, const char *bytes, size_t len, int tag) {
  sl_raw raw = {0};
  memset(raw.hash, tag, sizeof raw.hash);
  raw.hash[0] = (uint8_t)(tag >> 8);
  raw.format = "text";
  raw.origin = "a.txt";
  raw.bytes = bytes;
  raw.len = len;
  sl_error err;
  assert_int_equal(sl_store_raw_put(st, &raw, &err), SL_OK);
  return raw.id;
}

static int user_version(const char *path) {
  sqlite3 *db;
  sqlite3_stmt *s;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL),
                   SQLITE_OK);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  int v = sqlite3_column_int(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return v;
}

static void test_schema_and_refusals(void **state) {
  fx *f = *state;
  sl_store_close(open_ok(f->db, NULL));
  assert_int_equal(user_version(f->db), SL_STORE_SCHEMA_VERSION);
  sl_store_close(open_ok(f->db, NULL)); /* reopening migrates nothing */
  /* A newer schema is refused. */
  sqlite3 *db;
  assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", 0, 0, 0),
                   SQLITE_OK);
  sqlite3_close(db);
  sl_store *st = NULL;
  sl_error err;
  assert_int_equal(sl_store_open(f->db, NULL, &st, &err), SL_ESCHEMA);
  assert_null(st);
  assert_non_null(strstr(err.msg, "newer"));
  /* Not a database. */
  char other[160];
  snprintf(other, sizeof other, "%s/notes.txt", f->dir);
  FILE *fp = fopen(other, "w");
  fputs("this is not a database, just some text that is long enough to "
        "fill a header of one hundred bytes or so, more or less.\n",
        fp);
  fclose(fp);
  assert_int_equal(sl_store_open(other, NULL, &st, &err), SL_ECORRUPT);
  assert_non_null(strstr(err.msg, "not a storyline database"));
  /* Read-only: reading works, writing is refused. */
  snprintf(other, sizeof other, "%s/missing.db", f->dir);
  sl_store_opts ro = {0, true};
  assert_int_equal(sl_store_open(other, &ro, &st, &err), SL_ENOENT);
}

static void test_read_only_writes_fail(void **state) {
  fx *f = *state;
  sl_store *st = open_ok(f->db, NULL);
  put_raw(st, "x", 1, 1);
  sl_store_close(st);
  sl_store_opts ro = {0, true};
  st = open_ok(f->db, &ro);
  sl_raw raw = {0};
  raw.format = "text";
  raw.origin = "b";
  raw.bytes = "y";
  raw.len = 1;
  sl_error err;
  assert_int_equal(sl_store_raw_put(st, &raw, &err), SL_EREADONLY);
  bool exists = false;
  uint8_t h[16];
  memset(h, 1, 16);
  h[0] = 0;
  assert_int_equal(sl_store_raw_exists(st, h, &exists, &err), SL_OK);
  assert_true(exists);
  sl_store_close(st);
}

typedef struct rawseen {
  int n;
  size_t total;
  char first[8];
} rawseen;

static int on_raw(void *ud, const sl_raw *raw) {
  rawseen *r = ud;
  if (r->n++ == 0)
    snprintf(r->first, sizeof r->first, "%.*s", (int)raw->len, raw->bytes);
  r->total += raw->len;
  assert_string_equal(raw->format, "text");
  return 0;
}

static void test_raw_roundtrip(void **state) {
  fx *f = *state;
  sl_store *st = open_ok(f->db, NULL);
  size_t big = 1 << 20;
  char *bytes = malloc(big);
  for (size_t i = 0; i < big; i++)
    bytes[i] = (char)('a' + i % 26);
  sl_error err;
  assert_int_equal(sl_store_begin(st, &err), SL_OK);
  put_raw(st, "hello", 5, 1);
  put_raw(st, bytes, big, 2);
  put_raw(st, "", 0, 3);
  assert_int_equal(sl_store_commit(st, &err), SL_OK);
  rawseen r = {0, 0, ""};
  assert_int_equal(sl_store_raw_each(st, on_raw, &r, &err), SL_OK);
  assert_int_equal(r.n, 3);
  assert_int_equal(r.total, 5 + big);
  assert_string_equal(r.first, "hello");
  /* The same hash twice violates uniqueness: an error, not a crash. */
  sl_raw dup = {0};
  memset(dup.hash, 1, 16);
  dup.hash[0] = 0;
  dup.format = "text";
  dup.origin = "a";
  dup.bytes = "x";
  dup.len = 1;
  assert_int_equal(sl_store_raw_put(st, &dup, &err), SL_EDB);
  free(bytes);
  sl_store_close(st);
}

static void test_articles_and_terms(void **state) {
  fx *f = *state;
  sl_store *st = open_ok(f->db, NULL);
  int64_t raw = put_raw(st, "r", 1, 1);
  sl_article a;
  sl_article_init(&a);
  a.raw_id = raw;
  assert_int_equal(sl_article_set(&a.ref, "ref-1", 5), SL_OK);
  assert_int_equal(sl_article_set(&a.text, "Body", 4), SL_OK);
  assert_int_equal(sl_article_set(&a.extra, "{\"k\":1}", 7), SL_OK);
  a.date = (sl_date){2026, 3, 2};
  strcpy(a.date_origin, "given");
  a.content_hash = 0xFEDCBA9876543210ull;
  sl_error err;
  assert_int_equal(sl_store_article_put(st, &a, NULL, 0, &err), SL_OK);
  int64_t id = a.id;
  assert_true(id > 0);
  /* Upsert on (raw_id, part) keeps the id. */
  assert_int_equal(sl_article_set(&a.text, "New body", 8), SL_OK);
  assert_int_equal(sl_store_article_put(st, &a, NULL, 0, &err), SL_OK);
  assert_int_equal(a.id, id);
  a.part = 1;
  assert_int_equal(sl_store_article_put(st, &a, NULL, 0, &err), SL_OK);
  assert_int_not_equal(a.id, id);
  sl_article b;
  sl_article_init(&b);
  assert_int_equal(sl_store_article_get(st, id, NULL, &b, &err), SL_OK);
  assert_string_equal(b.text, "New body");
  assert_string_equal(b.extra, "{\"k\":1}");
  assert_int_equal(b.date.day, 2);
  assert_string_equal(b.date_origin, "given");
  assert_true(b.content_hash == 0xFEDCBA9876543210ull);
  assert_int_equal(sl_store_article_get(st, 0, "ref-1", &b, &err), SL_OK);
  assert_int_equal(b.id, a.id); /* the newest with that ref */
  int64_t n;
  assert_int_equal(sl_store_article_count(st, &n, &err), SL_OK);
  assert_int_equal(n, 2);
  assert_int_equal(sl_store_article_trim(st, raw, 1, &err), SL_OK);
  assert_int_equal(sl_store_article_count(st, &n, &err), SL_OK);
  assert_int_equal(n, 1);
  assert_int_equal(sl_store_article_get(st, 999, NULL, &b, &err), SL_ENOENT);
  void *blob;
  size_t len;
  assert_int_equal(sl_store_terms_get(st, id, &blob, &len, &err), SL_ENOENT);
  a.part = 0;
  assert_int_equal(sl_store_article_put(st, &a, "\1abc", 4, &err), SL_OK);
  assert_int_equal(a.id, id); /* the update keeps the id */
  assert_int_equal(sl_store_terms_get(st, id, &blob, &len, &err), SL_OK);
  assert_int_equal(len, 4);
  assert_memory_equal(blob, "\1abc", 4);
  free(blob);
  assert_int_equal(sl_store_terms_get(st, 999, &blob, &len, &err), SL_ENOENT);
  sl_article_release(&a);
  sl_article_release(&b);
  sl_store_close(st);
}

/* Stores an article with raw tag `tag` and returns its id. */
static int64_t put_article(sl_store *st, int tag) {
  sl_article a;
  sl_article_init(&a);
  a.raw_id = put_raw(st, "r", 1, tag);
  char ref[16];
  snprintf(ref, sizeof ref, "ref-%d", tag);
  assert_int_equal(sl_article_set(&a.ref, ref, strlen(ref)), SL_OK);
  assert_int_equal(sl_article_set(&a.text, "Body", 4), SL_OK);
  sl_error err;
  assert_int_equal(sl_store_article_put(st, &a, NULL, 0, &err), SL_OK);
  int64_t id = a.id;
  sl_article_release(&a);
  return id;
}

typedef struct tops {
  sl_store_entity_sum e[8];
  size_t n;
} tops;

static int on_top(void *ud, const sl_store_entity_sum *e) {
  tops *t = ud;
  if (t->n < 8)
    t->e[t->n++] = *e;
  return 0;
}

/* Counts the surface forms (kind 0) of an entity, with their counts. */
static int on_row(void *ud, const sl_store_entity_row *r) {
  tops *t = ud;
  if (r->kind == 0 && t->n < 8)
    t->e[t->n++].mentions = r->count;
  return 0;
}

static void test_entities(void **state) {
  fx *f = *state;
  sl_store *st = open_ok(f->db, NULL);
  sl_error err;
  int64_t a1 = put_article(st, 1), a2 = put_article(st, 2), e1, e2, got;
  char name[32];
  assert_int_equal(sl_store_entity_new(st, &e1, &err), SL_OK);
  assert_int_equal(sl_store_entity_new(st, &e2, &err), SL_OK);
  assert_true(e1 > 0 && e2 > e1);
  assert_int_equal(
      sl_store_entity_key_put(st, "xP:gaddafi", e1, "gaddafi", &err), SL_OK);
  assert_int_equal(sl_store_entity_key_put(st, "sP:kdf", e2, "qadhafi", &err),
                   SL_OK);
  assert_int_equal(
      sl_store_entity_key_get(st, "sP:kdf", &got, name, sizeof name, &err),
      SL_OK);
  assert_int_equal(got, e2);
  assert_string_equal(name, "qadhafi");
  assert_int_equal(
      sl_store_entity_key_get(st, "none", &got, name, sizeof name, &err),
      SL_OK);
  assert_int_equal(got, 0);
  sl_store_eform f1[] = {{e1, "Gaddafi", "Muammar Gaddafi", 0, 3},
                         {e2, "Gaddafi", "Qadhafi", 0, 1}};
  sl_store_eform f2[] = {{e1, "Gaddafi", "Gaddafi", 0, 2},
                         {e2, "Tripoli", "Tripoli", 2, 4}};
  assert_int_equal(sl_store_eforms_put(st, a1, f1, 2, &err), SL_OK);
  assert_int_equal(sl_store_eforms_put(st, a2, f2, 2, &err), SL_OK);
  tops t = {.n = 0};
  assert_int_equal(sl_store_entities_top(st, 0, on_top, &t, &err), SL_OK);
  assert_int_equal(t.n, 2); /* 5 mentions each: the older first */
  assert_int_equal(t.e[0].entity, e1);
  assert_int_equal(t.e[0].mentions, 5);
  assert_int_equal(t.e[0].articles, 2);
  /* Filing an article again replaces what it said. */
  assert_int_equal(sl_store_eforms_put(st, a2, f2, 1, &err), SL_OK);
  t.n = 0;
  assert_int_equal(sl_store_entities_top(st, 0, on_top, &t, &err), SL_OK);
  assert_int_equal(t.e[0].entity, e1);
  assert_int_equal(t.e[1].mentions, 1);
  /* A merge moves keys and forms, and adds up the counts of a form both
   * had in one article. */
  assert_int_equal(sl_store_entity_merge(st, e1, e2, &err), SL_OK);
  assert_int_equal(
      sl_store_entity_key_get(st, "sP:kdf", &got, name, sizeof name, &err),
      SL_OK);
  assert_int_equal(got, e1);
  t.n = 0;
  assert_int_equal(sl_store_entities_top(st, 1, on_top, &t, &err), SL_OK);
  assert_int_equal(t.n, 1);
  assert_int_equal(t.e[0].entity, e1);
  assert_int_equal(t.e[0].mentions, 6);
  sl_store_entity_sum sum;
  assert_int_equal(sl_store_entity_sum_get(st, e2, &sum, &err), SL_ENOENT);
  tops forms = {.n = 0};
  assert_int_equal(sl_store_entity_rows(st, e1, false, on_row, &forms, &err),
                   SL_OK);
  assert_int_equal(forms.n, 1); /* one form, "Gaddafi": 3 + 1 + 2 */
  assert_int_equal(forms.e[0].mentions, 6);
  assert_int_equal(sl_store_entities_clear(st, &err), SL_OK);
  t.n = 0;
  assert_int_equal(sl_store_entities_top(st, 0, on_top, &t, &err), SL_OK);
  assert_int_equal(t.n, 0);
  sl_store_close(st);
}

static void test_size_cap(void **state) {
  fx *f = *state;
  sl_store_opts cap = {64 * 1024, false};
  sl_store *st = open_ok(f->db, &cap);
  char chunk[4000];
  for (size_t i = 0; i < sizeof chunk; i++)
    chunk[i] = (char)(i * 7919 % 251); /* poorly compressible */
  sl_error err;
  assert_int_equal(sl_store_begin(st, &err), SL_OK);
  put_raw(st, chunk, sizeof chunk, 1);
  assert_int_equal(sl_store_commit(st, &err), SL_OK);
  sl_status s = SL_OK;
  assert_int_equal(sl_store_begin(st, &err), SL_OK);
  for (int i = 2; i < 200 && s == SL_OK; i++) {
    sl_raw raw = {0};
    memset(raw.hash, i, 16);
    raw.hash[0] = (uint8_t)(i >> 8);
    raw.format = "text";
    raw.origin = "a";
    raw.bytes = chunk;
    raw.len = sizeof chunk;
    s = sl_store_raw_put(st, &raw, &err);
  }
  assert_int_equal(s, SL_EFULL);
  assert_non_null(strstr(err.msg, "full"));
  sl_store_rollback(st);
  rawseen r = {0, 0, ""};
  assert_int_equal(sl_store_raw_each(st, on_raw, &r, &err), SL_OK);
  assert_int_equal(r.n, 1); /* the committed record is intact */
  sl_store_close(st);
}

static void test_crash_mid_batch(void **state) {
  fx *f = *state;
  sl_store *st = open_ok(f->db, NULL);
  put_raw(st, "committed", 9, 1);
  sl_store_close(st);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    sl_store *child = NULL;
    sl_error err;
    if (sl_store_open(f->db, NULL, &child, &err) != SL_OK)
      _exit(3);
    if (sl_store_begin(child, &err) != SL_OK)
      _exit(4);
    for (int i = 2; i < 50; i++)
      put_raw(child, "uncommitted", 11, i);
    _exit(0); /* killed before commit */
  }
  int status;
  waitpid(pid, &status, 0);
  assert_int_equal(WEXITSTATUS(status), 0);
  st = open_ok(f->db, NULL);
  rawseen r = {0, 0, ""};
  sl_error err;
  assert_int_equal(sl_store_raw_each(st, on_raw, &r, &err), SL_OK);
  assert_int_equal(r.n, 1);
  assert_string_equal(r.first, "committ"); /* first 7 bytes */
  sl_store_close(st);
  sqlite3 *db;
  sqlite3_stmt *s;
  assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
  assert_int_equal(
      sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL),
      SQLITE_OK);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  assert_string_equal((const char *)sqlite3_column_text(s, 0), "ok");
  sqlite3_finalize(s);
  sqlite3_close(db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_schema_and_refusals, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_read_only_writes_fail, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_raw_roundtrip, setup, teardown),
      cmocka_unit_test_setup_teardown(test_articles_and_terms, setup, teardown),
      cmocka_unit_test_setup_teardown(test_size_cap, setup, teardown),
      cmocka_unit_test_setup_teardown(test_entities, setup, teardown),
      cmocka_unit_test_setup_teardown(test_crash_mid_batch, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
