/* Tests of the engine: ingest through the public API, diagnostics, stats,
 * re-ingest, rebuild, the analysis (language, hash, term vector). */
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sl_test.h"

#include "base/buf.h"
#include "pipeline/analyze.h"
#include "storyline/engine.h"
#include "text/stem.h"

typedef struct fixture {
  char dir[64];
  char db[128];
  sl_engine *eng;
  int warnings, rejections;
  char last_msg[256];
} fixture;

static void write_file(const fixture *f, const char *name, const char *body) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", f->dir, name);
  FILE *fp = fopen(path, "w");
  assert_non_null(fp);
  fputs(body, fp);
  fclose(fp);
}

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  sl_test_mkdtemp(f->dir, "engine");
  snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
  sl_error err;
  assert_int_equal(sl_engine_open(f->db, NULL, &f->eng, &err), SL_OK);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  sl_engine_close(f->eng);
  sl_test_rmrf(f->dir);
  free(f);
  return 0;
}

static void on_diag(void *ud, const sl_diag *d) {
  fixture *f = ud;
  if (d->severity == SL_WARNING)
    f->warnings++;
  else
    f->rejections++;
  snprintf(f->last_msg, sizeof f->last_msg, "%s:%zu: %s", d->origin, d->line,
           d->msg);
}

static sl_ingest_stats ingest(fixture *f, const char *name,
                              const sl_ingest_opts *given) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", f->dir, name);
  const char *paths[] = {path};
  sl_ingest_opts o = given ? *given : (sl_ingest_opts){0};
  o.on_diag = on_diag;
  o.ud = f;
  sl_ingest_stats s;
  sl_error err;
  assert_int_equal(sl_engine_ingest(f->eng, paths, 1, &o, &s, &err), SL_OK);
  return s;
}

static void test_ingest_counts_and_reingest(void **state) {
  fixture *f = *state;
  write_file(f, "feed.jsonl",
             "{\"id\":\"a\",\"text\":\"Rain fell on the harbour.\"}\n"
             "not json\n"
             "{\"id\":\"b\",\"text\":\"Ships stayed in port.\"}\n");
  sl_ingest_stats s = ingest(f, "feed.jsonl", NULL);
  assert_int_equal(s.added, 2);
  assert_int_equal(s.rejected, 1);
  assert_int_equal(f->rejections, 1);
  assert_non_null(strstr(f->last_msg, "feed.jsonl:2:"));
  s = ingest(f, "feed.jsonl", NULL);
  assert_int_equal(s.added, 0);
  assert_int_equal(s.skipped, 2);
}

static void test_given_metadata(void **state) {
  fixture *f = *state;
  write_file(f, "a.txt", "Harbour reopens\n\nThe harbour reopened today.\n");
  sl_ingest_opts o = {0};
  o.date = "2026-03-04";
  o.source = "Norvale Daily";
  assert_int_equal(ingest(f, "a.txt", &o).added, 1);
  sl_article a;
  sl_article_init(&a);
  sl_error err;
  assert_int_equal(sl_engine_article(f->eng, "1", &a, &err), SL_OK);
  char date[11];
  sl_date_format(a.date, date);
  assert_string_equal(date, "2026-03-04");
  assert_string_equal(a.source, "Norvale Daily");
  assert_string_equal(a.title, "Harbour reopens");
  assert_string_equal(a.language, "en");
  sl_article_release(&a);
}

static void test_invalid_given_date_is_an_error(void **state) {
  fixture *f = *state;
  write_file(f, "a.txt", "Body.\n");
  char path[256];
  snprintf(path, sizeof path, "%s/a.txt", f->dir);
  const char *paths[] = {path};
  sl_ingest_opts o = {0};
  o.date = "yesterday-ish";
  sl_error err;
  assert_int_equal(sl_engine_ingest(f->eng, paths, 1, &o, NULL, &err),
                   SL_EINVAL);
  assert_non_null(strstr(err.msg, "yesterday-ish"));
}

static int count_cb(void *ud, const sl_article *a) {
  (*(int *)ud)++;
  return a->text != NULL; /* with_text false: text must be NULL */
}

static void test_rebuild_keeps_ids(void **state) {
  fixture *f = *state;
  write_file(f, "feed.jsonl",
             "{\"id\":\"a\",\"title\":\"One\",\"text\":\"First text.\"}\n"
             "{\"id\":\"b\",\"title\":\"Two\",\"text\":\"Second text.\"}\n");
  ingest(f, "feed.jsonl", NULL);
  sl_ingest_stats s;
  sl_error err;
  assert_int_equal(sl_engine_rebuild(f->eng, NULL, &s, &err), SL_OK);
  assert_int_equal(s.added, 2);
  int n = 0;
  assert_int_equal(sl_engine_articles(f->eng, false, count_cb, &n, &err),
                   SL_OK);
  assert_int_equal(n, 2);
  sl_article a;
  sl_article_init(&a);
  assert_int_equal(sl_engine_article(f->eng, "b", &a, &err), SL_OK);
  assert_int_equal(a.id, 2);
  assert_string_equal(a.text, "Second text.");
  sl_article_release(&a);
  assert_int_equal(sl_engine_article(f->eng, "zzz", &a, &err), SL_ENOENT);
}

/* The term vector: stems, counts, title counted apart, first-seen order. */
static void test_analyze_terms(void **state) {
  (void)state;
  sl_stemmers *stem = sl_stemmers_new();
  sl_analyzer *an = sl_analyzer_new(stem);
  sl_article a;
  sl_article_init(&a);
  assert_int_equal(sl_article_set(&a.title, "Running ships", 13), SL_OK);
  const char *text = "The ships were running. A ship runs.";
  assert_int_equal(sl_article_set(&a.text, text, strlen(text)), SL_OK);
  sl_buf terms = SL_BUF_INIT;
  assert_int_equal(sl_analyze(an, &a, &terms), SL_OK);
  assert_string_equal(a.language, "en");
  assert_int_equal((unsigned char)terms.ptr[0], 1);
  size_t pos = 1;
  sl_term t;
  unsigned ship_text = 0, ship_title = 0, run_text = 0, n = 0;
  char first[64] = "";
  while (sl_terms_next((const unsigned char *)terms.ptr, terms.len, &pos, &t)) {
    char key[64];
    snprintf(key, sizeof key, "%.*s", (int)t.len, t.key);
    if (n == 0)
      strcpy(first, key);
    if (strcmp(key, "ship") == 0)
      ship_text = t.text_count, ship_title = t.title_count;
    if (strcmp(key, "run") == 0)
      run_text = t.text_count;
    n++;
  }
  assert_int_equal(pos, terms.len);
  assert_string_equal(first, "run"); /* in order of first occurrence */
  assert_int_equal(n, 5);            /* run ship the were a */
  assert_int_equal(ship_text, 2);
  assert_int_equal(ship_title, 1);
  assert_int_equal(run_text, 2);
  uint64_t h1 = a.content_hash;
  assert_int_equal(
      sl_article_set(&a.text, "the ships  were running. a ship runs.", 37),
      SL_OK);
  assert_int_equal(sl_analyze(an, &a, &terms), SL_OK);
  assert_int_equal(a.content_hash, h1); /* case and spacing do not count */
  sl_buf_release(&terms);
  sl_article_release(&a);
  sl_analyzer_free(an);
  sl_stemmers_free(stem);
}

/* The text count of `key` in a term blob (0 when absent). */
static unsigned text_count(const sl_buf *terms, const char *key) {
  size_t pos = 1;
  sl_term t;
  while (sl_terms_next((const unsigned char *)terms->ptr, terms->len, &pos, &t))
    if (t.len == strlen(key) && memcmp(t.key, key, t.len) == 0)
      return t.text_count;
  return 0;
}

/* A long text is read a slice at a time: every word is counted once, and
 * the content hash is the one of its words, wherever the slices end. */
static void test_analyze_long_text(void **state) {
  (void)state;
  sl_stemmers *stem = sl_stemmers_new();
  sl_analyzer *an = sl_analyzer_new(stem);
  sl_article a;
  sl_article_init(&a);
  sl_buf text = SL_BUF_INIT, terms = SL_BUF_INIT;
  const char *para = "The ferry to Tessaly left the harbour at dawn, and "
                     "the ferry came back at night.\n";
  enum { REPS = 5000 }; /* 400 KB: several slices */
  for (size_t i = 0; i < REPS; i++)
    assert_int_equal(sl_buf_puts(&text, para), SL_OK);
  assert_int_equal(sl_article_set(&a.text, text.ptr, text.len), SL_OK);
  assert_int_equal(sl_analyze(an, &a, &terms), SL_OK);
  assert_int_equal(text_count(&terms, "ferri"), 2 * REPS);
  assert_int_equal(text_count(&terms, "harbour"), REPS);
  uint64_t h = a.content_hash;
  /* One line: the slices end at spaces instead of line breaks. */
  for (size_t i = 0; i < text.len; i++)
    if (text.ptr[i] == '\n')
      text.ptr[i] = ' ';
  assert_int_equal(sl_article_set(&a.text, text.ptr, text.len), SL_OK);
  assert_int_equal(sl_analyze(an, &a, &terms), SL_OK);
  assert_int_equal(text_count(&terms, "ferri"), 2 * REPS);
  assert_int_equal(a.content_hash, h);
  sl_buf_release(&text);
  sl_buf_release(&terms);
  sl_article_release(&a);
  sl_analyzer_free(an);
  sl_stemmers_free(stem);
}

/* The analysed part of a long text ends at a line break, else a space,
 * else a character boundary, within SL_ANALYSIS_MAX_BYTES. */
static void test_analysed_len(void **state) {
  (void)state;
  size_t max = SL_ANALYSIS_MAX_BYTES, len = max + 1000;
  char *t = malloc(len + 1);
  assert_non_null(t);
  memset(t, 'a', len);
  t[len] = '\0';
  assert_int_equal(sl_analysed_len(t, max), max); /* short enough: all */
  t[max - 5000] = ' ';
  t[max - 9000] = '\n';
  assert_int_equal(sl_analysed_len(t, len), max - 9000 + 1);
  t[max - 9000] = 'a';
  assert_int_equal(sl_analysed_len(t, len), max - 5000 + 1);
  t[max - 5000] = 'a';
  for (size_t i = 0; i + 1 < len; i += 2) /* "é" after "é": no break */
    memcpy(t + i, "\xc3\xa9", 2);
  size_t n = sl_analysed_len(t, len);
  assert_true(n <= max && n + 4 > max);
  assert_int_equal((unsigned char)t[n], 0xc3); /* a character starts there */
  free(t);
}

/* A wire story and the texts that copy it, over two ingests: the second
 * run restores the duplicate index from the store. */
static const char wire[] =
    "The regional council approved a new tram line along the northern coast "
    "on Monday after three years of debate. The line will link the harbour "
    "with the university and the hospital. Construction starts in the "
    "spring and should take two years. The council said the project would "
    "cost 240 million crowns, most of it paid by the national government. "
    "Opposition members voted against the plan, saying buses would be "
    "cheaper and faster to deliver.";

static int collect_dup(void *ud, const sl_dup_member *m) {
  sl_buf *b = ud;
  return sl_buf_printf(b, "%lld<-%lld:%s|", (long long)m->canonical,
                       (long long)m->id, m->relation) != SL_OK;
}

static void test_duplicates_across_runs(void **state) {
  fixture *f = *state;
  char line[2048];
  snprintf(line, sizeof line,
           "{\"id\":\"w\",\"title\":\"Tram line approved\",\"text\":\"%s\"}\n"
           "{\"id\":\"o\",\"title\":\"Fishing quotas cut\",\"text\":"
           "\"The ministry cut fishing quotas for cod and herring by a fifth "
           "for next year, citing low stocks in the northern sea. Fishermen "
           "protested in three ports on Tuesday.\"}\n",
           wire);
  write_file(f, "a.jsonl", line);
  assert_int_equal(ingest(f, "a.jsonl", NULL).added, 2);
  snprintf(line, sizeof line,
           "{\"id\":\"x\",\"title\":\"Tram line approved\",\"text\":\"%s\"}\n",
           wire);
  write_file(f, "b.jsonl", line);
  assert_int_equal(ingest(f, "b.jsonl", NULL).added, 1);
  sl_buf b = SL_BUF_INIT;
  sl_error err;
  assert_int_equal(sl_engine_duplicates(f->eng, collect_dup, &b, &err), SL_OK);
  assert_string_equal(b.ptr, "1<-3:exact|");
  sl_article a;
  sl_article_init(&a);
  assert_int_equal(sl_engine_article(f->eng, "x", &a, &err), SL_OK);
  assert_int_equal(a.duplicate_of, 1);
  assert_string_equal(a.relation, "exact");
  sl_article_release(&a);
  /* Rebuild finds the same group. */
  assert_int_equal(sl_engine_rebuild(f->eng, NULL, NULL, &err), SL_OK);
  sl_buf_clear(&b);
  assert_int_equal(sl_engine_duplicates(f->eng, collect_dup, &b, &err), SL_OK);
  assert_string_equal(b.ptr, "1<-3:exact|");
  sl_buf_release(&b);
}

/* Boilerplate learned in one run is known to the next. */
static void test_boilerplate_kept_between_runs(void **state) {
  fixture *f = *state;
  static const char footer[] =
      "Comments are moderated and may take a day to appear on the site.";
  char line[1024];
  for (int run = 0; run < 2; run++) {
    char name[32];
    snprintf(name, sizeof name, "r%d.jsonl", run);
    line[0] = '\0';
    for (int i = 0; i < 2; i++) {
      size_t n = strlen(line);
      snprintf(line + n, sizeof line - n,
               "{\"id\":\"%d-%d\",\"source\":\"Courier\",\"text\":\"Story %d "
               "of run %d is about its own subject.\\n\\n%s\"}\n",
               run, i, i, run, footer);
    }
    write_file(f, name, line);
    assert_int_equal(ingest(f, name, NULL).added, 2);
  }
  /* The third article made the line boilerplate; the first two were cleaned
   * again, and the fourth lost it on arrival. */
  sl_error err;
  for (int id = 1; id <= 4; id++) {
    sl_article a;
    sl_article_init(&a);
    char key[8];
    snprintf(key, sizeof key, "%d", id);
    assert_int_equal(sl_engine_article(f->eng, key, &a, &err), SL_OK);
    assert_null(strstr(a.text, "moderated"));
    sl_article_release(&a);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_ingest_counts_and_reingest, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_given_metadata, setup, teardown),
      cmocka_unit_test_setup_teardown(test_invalid_given_date_is_an_error,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_rebuild_keeps_ids, setup, teardown),
      cmocka_unit_test_setup_teardown(test_duplicates_across_runs, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_boilerplate_kept_between_runs, setup,
                                      teardown),
      cmocka_unit_test(test_analyze_terms),
      cmocka_unit_test(test_analyze_long_text),
      cmocka_unit_test(test_analysed_len),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
