/* Tests of the readers: folder walks, gzip, JSON Lines streaming, format
 * detection and every refusal (empty, missing, loops, corrupt gzip). */
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "sl_test.h"

#include "base/buf.h"
#include "ingest/ingest.h"

typedef struct seen {
  sl_buf log; /* one line per event: "in ORIGIN:LINE F LEN" or "rej ..." */
  char dir[64];
} seen;

static sl_status on_input(void *ud, const sl_input *in) {
  seen *s = ud;
  const char *o = strncmp(in->origin, s->dir, strlen(s->dir)) == 0
                      ? in->origin + strlen(s->dir) + 1
                      : in->origin;
  assert_int_equal(sl_buf_printf(&s->log, "in %s:%llu %c %zu\n", o,
                                 (unsigned long long)in->line,
                                 in->format == SL_FORMAT_JSONL ? 'J' : 'T',
                                 in->len),
                   SL_OK);
  return SL_OK;
}

static void on_reject(void *ud, const char *origin, uint64_t line,
                      const sl_error *err) {
  seen *s = ud;
  const char *o = strncmp(origin, s->dir, strlen(s->dir)) == 0
                      ? origin + strlen(s->dir) + 1
                      : origin;
  assert_int_equal(sl_buf_printf(&s->log, "rej %s:%llu %s\n", o,
                                 (unsigned long long)line, err->msg),
                   SL_OK);
}

static void put(seen *s, const char *name, const char *body, size_t len) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", s->dir, name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fwrite(body, 1, len, f);
  fclose(f);
}

static const char *read_all(seen *s, const char *name, sl_format fmt) {
  char path[256];
  snprintf(path, sizeof path, "%s%s%s", s->dir, name[0] ? "/" : "", name);
  const char *paths[] = {path};
  sl_reader_cb cb = {on_input, on_reject, NULL, s};
  sl_buf_clear(&s->log);
  assert_int_equal(sl_read_paths(paths, 1, fmt, &cb, NULL), SL_OK);
  return s->log.ptr;
}

static int setup(void **state) {
  seen *s = calloc(1, sizeof *s);
  sl_test_mkdtemp(s->dir, "reader");
  sl_buf_init(&s->log, 0);
  *state = s;
  return 0;
}

static int teardown(void **state) {
  seen *s = *state;
  sl_test_rmrf(s->dir);
  sl_buf_release(&s->log);
  free(s);
  return 0;
}

static void test_walk_order_and_hidden(void **state) {
  seen *s = *state;
  char path[256];
  snprintf(path, sizeof path, "%s/b", s->dir);
  mkdir(path, 0755);
  snprintf(path, sizeof path, "%s/a", s->dir);
  mkdir(path, 0755);
  put(s, "b/2.txt", "two", 3);
  put(s, "b/10.txt", "ten", 3);
  put(s, "a/z.txt", "zed", 3);
  put(s, ".hidden.txt", "no", 2);
  const char *c = "{\"text\":\"x\"}\n\n{\"text\":\"y\"}";
  put(s, "c.jsonl", c, strlen(c));
  assert_string_equal(read_all(s, "", SL_FORMAT_AUTO), "in a/z.txt:0 T 3\n"
                                                       "in b/10.txt:0 T 3\n"
                                                       "in b/2.txt:0 T 3\n"
                                                       "in c.jsonl:1 J 12\n"
                                                       "in c.jsonl:3 J 12\n");
}

static void test_sniff_and_forced_format(void **state) {
  seen *s = *state;
  put(s, "feed", "  \n{\"a\":1}\n{\"b\":2}\n", 19);
  assert_string_equal(read_all(s, "feed", SL_FORMAT_AUTO),
                      "in feed:2 J 7\nin feed:3 J 7\n");
  assert_string_equal(read_all(s, "feed", SL_FORMAT_TEXT), "in feed:0 T 19\n");
  put(s, "notes.json", "plain", 5);
  assert_string_equal(read_all(s, "notes.json", SL_FORMAT_TEXT),
                      "in notes.json:0 T 5\n");
}

static void test_gzip(void **state) {
  seen *s = *state;
  char path[256];
  snprintf(path, sizeof path, "%s/f.jsonl.gz", s->dir);
  gzFile gz = gzopen(path, "wb");
  gzputs(gz, "{\"text\":\"one\"}\n");
  gzclose(gz);
  gz = gzopen(path, "ab"); /* a second gzip member */
  gzputs(gz, "{\"text\":\"two\"}\n");
  gzclose(gz);
  assert_string_equal(read_all(s, "f.jsonl.gz", SL_FORMAT_AUTO),
                      "in f.jsonl.gz:1 J 14\nin f.jsonl.gz:2 J 14\n");
  /* Truncated: complete lines are delivered, then a clear refusal. */
  struct stat sb;
  assert_int_equal(stat(path, &sb), 0);
  assert_int_equal(truncate(path, sb.st_size - 12), 0);
  const char *log = read_all(s, "f.jsonl.gz", SL_FORMAT_AUTO);
  assert_non_null(strstr(log, "in f.jsonl.gz:1 J 14\n"));
  assert_non_null(strstr(log, "rej f.jsonl.gz:0 truncated gzip data"));
}

static void test_refusals(void **state) {
  seen *s = *state;
  put(s, "empty.txt", "", 0);
  assert_string_equal(read_all(s, "empty.txt", SL_FORMAT_AUTO),
                      "rej empty.txt:0 empty file\n");
  put(s, "blank.jsonl", "\n  \n", 4);
  assert_string_equal(read_all(s, "blank.jsonl", SL_FORMAT_AUTO),
                      "rej blank.jsonl:0 no records (only blank lines)\n");
  assert_string_equal(read_all(s, "missing.txt", SL_FORMAT_AUTO),
                      "rej missing.txt:0 no such file or directory\n");
  char path[256], target[256];
  snprintf(path, sizeof path, "%s/self", s->dir);
  assert_int_equal(symlink(path, path), 0);
  assert_string_equal(read_all(s, "self", SL_FORMAT_AUTO),
                      "rej self:0 symbolic link loop\n");
  snprintf(path, sizeof path, "%s/d", s->dir);
  mkdir(path, 0755);
  put(s, "d/a.txt", "article", 7);
  snprintf(path, sizeof path, "%s/d/up", s->dir);
  snprintf(target, sizeof target, "%s/d", s->dir);
  assert_int_equal(symlink(target, path), 0);
  assert_string_equal(read_all(s, "d", SL_FORMAT_AUTO),
                      "in d/a.txt:0 T 7\nrej d/up:0 symbolic link loop\n");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_walk_order_and_hidden, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_sniff_and_forced_format, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_gzip, setup, teardown),
      cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
