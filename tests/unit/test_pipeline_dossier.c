/* Tests of `story ID --json`: the dossier of a real multi-article story
 * (the sample corpus) is valid against docs/dossier.schema.json, cites only
 * the story's articles, and the validator itself rejects broken dossiers. */
#include "sl_test.h"

#include "sl_schema.h"
#include "storyline/dossier.h"
#include "storyline/engine.h"

typedef struct fixture {
  char dir[64], db[128];
  sl_engine *eng;
  json_t *schema, *doc;
} fixture;

typedef struct largest {
  int64_t id, size;
} largest;

static int biggest(void *ud, const sl_story *s) {
  largest *l = ud;
  if (s->size > l->size)
    l->id = s->id, l->size = s->size;
  return 0;
}

static void ignore(void *ud, const sl_diag *d) {
  (void)ud, (void)d;
}

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  sl_test_mkdtemp(f->dir, "dossier");
  snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
  sl_error err;
  assert_int_equal(sl_engine_open(f->db, NULL, &f->eng, &err), SL_OK);
  char text[512], feed[512], schema[512];
  snprintf(text, sizeof text, "%s/samples/text", sl_test_source_dir());
  snprintf(feed, sizeof feed, "%s/samples/feed.jsonl", sl_test_source_dir());
  snprintf(schema, sizeof schema, "%s/docs/dossier.schema.json",
           sl_test_source_dir());
  const char *paths[] = {text, feed};
  sl_ingest_opts o = {0};
  o.on_diag = ignore;
  assert_int_equal(sl_engine_ingest(f->eng, paths, 2, &o, NULL, &err), SL_OK);
  largest l = {0, 0};
  assert_int_equal(sl_engine_stories(f->eng, biggest, &l, &err), SL_OK);
  assert_true(l.size >= 5);
  char *json = NULL;
  assert_int_equal(sl_engine_dossier(f->eng, l.id, &json, &err), SL_OK);
  f->doc = json_loads(json, 0, NULL);
  free(json);
  f->schema = json_load_file(schema, 0, NULL);
  assert_non_null(f->doc);
  assert_non_null(f->schema);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  json_decref(f->doc);
  json_decref(f->schema);
  sl_engine_close(f->eng);
  sl_test_rmrf(f->dir);
  free(f);
  return 0;
}

static void test_valid(void **state) {
  fixture *f = *state;
  sl_schema_err e;
  if (!sl_schema_valid(f->schema, f->doc, &e))
    fail_msg("dossier invalid at %s: %s", e.path, e.msg);
  assert_in_range(json_array_size(json_object_get(f->doc, "summary")), 3, 5);
}

/* Every article a summary sentence, quote or variant cites is the
 * story's. */
static void test_cites_own_articles(void **state) {
  fixture *f = *state;
  json_t *arts =
      json_object_get(json_object_get(f->doc, "sources"), "articles");
  const char *parts[] = {"summary", "quotes"};
  size_t cited = 0;
  for (size_t p = 0; p < 2; p++) {
    size_t i, k;
    json_t *item, *src;
    json_array_foreach(json_object_get(f->doc, parts[p]), i, item) {
      json_array_foreach(json_object_get(item, "sources"), k, src) {
        bool found = false;
        size_t a;
        json_t *art;
        json_array_foreach(arts, a, art) found =
            found ||
            json_equal(json_object_get(art, "id"), json_object_get(src, "id"));
        assert_true(found);
        cited++;
      }
    }
  }
  assert_true(cited > 0);
}

static void expect_invalid(fixture *f, json_t *doc, const char *path) {
  sl_schema_err e;
  assert_false(sl_schema_valid(f->schema, doc, &e));
  assert_string_equal(e.path, path);
  json_decref(doc);
}

static void test_validator_rejects(void **state) {
  fixture *f = *state;
  json_t *d = json_deep_copy(f->doc);
  json_object_del(d, "summary");
  expect_invalid(f, d, "/");
  d = json_deep_copy(f->doc);
  json_object_set_new(d, "first_date", json_string("2026-13-01"));
  expect_invalid(f, d, "/first_date");
  d = json_deep_copy(f->doc);
  json_object_set_new(d, "id", json_string("5"));
  expect_invalid(f, d, "/id");
  d = json_deep_copy(f->doc);
  json_object_set_new(json_array_get(json_object_get(d, "summary"), 0),
                      "sources", json_array());
  expect_invalid(f, d, "/summary/0/sources");
  d = json_deep_copy(f->doc);
  json_object_set_new(d, "extra", json_true());
  expect_invalid(f, d, "/");
}

typedef struct each_story {
  sl_engine *eng;
  const json_t *schema;
  size_t checked, disagreements;
} each_story;

static int check_story(void *ud, const sl_story *s) {
  each_story *e = ud;
  if (s->size < 5)
    return 0;
  char *json = NULL;
  sl_error err;
  assert_int_equal(sl_engine_dossier(e->eng, s->id, &json, &err), SL_OK);
  json_t *doc = json_loads(json, 0, NULL);
  free(json);
  sl_schema_err se;
  if (!sl_schema_valid(e->schema, doc, &se))
    fail_msg("story %lld: dossier invalid at %s: %s", (long long)s->id, se.path,
             se.msg);
  e->disagreements += json_array_size(json_object_get(doc, "disagreements"));
  json_decref(doc);
  e->checked++;
  return 0;
}

/* The dossiers of ECB+'s stories (several outlets on one event), when
 * ../shared/data is there. */
static void test_real_stories(void **state) {
  fixture *f = *state;
  const char *data = sl_test_shared_data();
  char path[512], dir[64], db[128];
  snprintf(path, sizeof path, "%s/stories/ecbplus-dev.jsonl.gz",
           data ? data : "");
  FILE *fp = data ? fopen(path, "rb") : NULL;
  if (!fp) {
    print_message("skipped: %s not found\n", data ? path : "../shared/data");
    skip();
  }
  fclose(fp);
  sl_test_mkdtemp(dir, "dossier-real");
  snprintf(db, sizeof db, "%s/t.db", dir);
  sl_engine *eng;
  sl_error err;
  assert_int_equal(sl_engine_open(db, NULL, &eng, &err), SL_OK);
  const char *paths[] = {path};
  sl_ingest_opts o = {0};
  o.on_diag = ignore;
  assert_int_equal(sl_engine_ingest(eng, paths, 1, &o, NULL, &err), SL_OK);
  each_story e = {eng, f->schema, 0, 0};
  assert_int_equal(sl_engine_stories(eng, check_story, &e, &err), SL_OK);
  assert_true(e.checked >= 10);
  sl_engine_close(eng);
  sl_test_rmrf(dir);
}

static void test_missing_story(void **state) {
  fixture *f = *state;
  char *json = (char *)"x";
  sl_error err;
  assert_int_equal(sl_engine_dossier(f->eng, 99999, &json, &err), SL_ENOENT);
  assert_null(json);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid),
      cmocka_unit_test(test_cites_own_articles),
      cmocka_unit_test(test_validator_rejects),
      cmocka_unit_test(test_missing_story),
      cmocka_unit_test(test_real_stories),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
