/* Tests of progress: the input size an ingest knows beforehand (regular
 * files, folders walked; unknown for stdin and compressed files), and the
 * totals the engine reports with it (bytes for ingest, raw records for
 * rebuild). */
#include <sys/stat.h>

#include "sl_test.h"

#include "pipeline/pipeline_int.h"
#include "storyline/engine.h"

typedef struct fx {
  char dir[64];
} fx;

static int setup(void **state) {
  fx *f = calloc(1, sizeof *f);
  sl_test_mkdtemp(f->dir, "progress");
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fx *f = *state;
  sl_test_rmrf(f->dir);
  free(f);
  return 0;
}

static void write_file(const char *dir, const char *name, const char *body) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *fp = fopen(path, "w");
  assert_non_null(fp);
  fputs(body, fp);
  fclose(fp);
}

static void test_input_size(void **state) {
  fx *f = *state;
  char sub[128], a[160], gz[160];
  snprintf(sub, sizeof sub, "%s/in", f->dir);
  assert_int_equal(mkdir(sub, 0755), 0);
  write_file(sub, "a.txt", "First article, some words.\n"); /* 27 bytes */
  write_file(sub, "b.txt", "Second.\n");                    /* 8 bytes */
  snprintf(a, sizeof a, "%s/a.txt", sub);
  const char *one[] = {a};
  assert_int_equal(sl__input_size(one, 1), 27);
  const char *folder[] = {sub};
  assert_int_equal(sl__input_size(folder, 1), 35);
  const char *both[] = {sub, a};
  assert_int_equal(sl__input_size(both, 2), 62);
  const char *std_in[] = {a, "-"};
  assert_int_equal(sl__input_size(std_in, 2), 0);
  write_file(sub, "c.jsonl.gz", "not really gzip");
  snprintf(gz, sizeof gz, "%s/c.jsonl.gz", sub);
  const char *packed[] = {gz};
  assert_int_equal(sl__input_size(packed, 1), 0);
  assert_int_equal(sl__input_size(folder, 1), 0); /* holds one now */
  char missing[160];
  snprintf(missing, sizeof missing, "%s/none.txt", f->dir);
  const char *gone[] = {missing};
  assert_int_equal(sl__input_size(gone, 1), 0);
}

static void keep_last(void *ud, const sl_ingest_stats *s) {
  *(sl_ingest_stats *)ud = *s;
}

static void test_totals_reported(void **state) {
  fx *f = *state;
  char db[128], in[128];
  snprintf(db, sizeof db, "%s/t.db", f->dir);
  write_file(f->dir, "feed.jsonl",
             "{\"id\":\"a\",\"text\":\"The port strike goes on.\"}\n"
             "{\"id\":\"b\",\"text\":\"Rescuers search the rubble.\"}\n");
  snprintf(in, sizeof in, "%s/feed.jsonl", f->dir);
  sl_engine *eng = NULL;
  assert_int_equal(sl_engine_open(db, NULL, &eng, NULL), SL_OK);
  sl_ingest_stats last = {0};
  sl_ingest_opts o = {0};
  o.on_progress = keep_last;
  o.ud = &last;
  const char *paths[] = {in};
  assert_int_equal(sl_engine_ingest(eng, paths, 1, &o, NULL, NULL), SL_OK);
  struct stat sb;
  assert_int_equal(stat(in, &sb), 0);
  assert_int_equal(last.total_bytes, (uint64_t)sb.st_size);
  assert_int_equal(last.bytes, last.total_bytes);
  memset(&last, 0, sizeof last);
  assert_int_equal(sl_engine_rebuild(eng, &o, NULL, NULL), SL_OK);
  assert_int_equal(last.total_records, 2);
  assert_int_equal(last.records, 2);
  sl_engine_close(eng);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_input_size, setup, teardown),
      cmocka_unit_test_setup_teardown(test_totals_reported, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
