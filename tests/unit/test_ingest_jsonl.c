/* Tests of the JSON Lines parser: the golden cases of
 * tests/golden/ingest/jsonl.txt (field names, unknown fields, ids, dates,
 * languages, escapes, invalid UTF-8, every refusal) and the cases a golden
 * file cannot hold. */
#include "ingest_golden.h"

static sl_status parse(const gcase *c, const sl_warn_cb *warn, sl_article *a,
                       sl_error *err) {
  return sl_parse_jsonl(c->in, c->in_len, "feed.jsonl", 7, warn, a, err);
}

static void test_golden(void **state) {
  (void)state;
  golden_opts o = {"tests/golden/ingest/jsonl.txt", "JSON Lines", 45, NULL,
                   parse};
  run_golden(&o);
}

/* No warning callback and no error struct: still parsed and refused. */
static void test_null_callbacks(void **state) {
  (void)state;
  sl_article a;
  sl_article_init(&a);
  const char *in = "{\"text\":\"T\",\"date\":\"soon\",\"title\":1}";
  assert_int_equal(sl_parse_jsonl(in, strlen(in), "o", 1, NULL, &a, NULL),
                   SL_OK);
  assert_string_equal(a.text, "T");
  assert_string_equal(a.ref, "o:1");
  sl_article_release(&a);
  assert_int_equal(sl_parse_jsonl("[", 1, "o", 1, NULL, &a, NULL), SL_EPARSE);
  assert_int_equal(sl_parse_jsonl("{}", 2, "o", 1, NULL, &a, NULL), SL_EEMPTY);
  sl_article_release(&a);
}

/* Only `len` bytes are read: the rest of the buffer is not the record's. */
static void test_length_bounds(void **state) {
  (void)state;
  const char *in = "{\"text\":\"T\"}GARBAGE";
  sl_article a;
  sl_article_init(&a);
  sl_error err;
  assert_int_equal(sl_parse_jsonl(in, 12, "o", 3, NULL, &a, &err), SL_OK);
  assert_string_equal(a.text, "T");
  sl_article_release(&a);
  assert_int_equal(sl_parse_jsonl(in, 11, "o", 3, NULL, &a, &err), SL_EPARSE);
  assert_string_equal(err.msg, "truncated JSON at column 12");
  sl_article_release(&a);
}

/* Large line numbers make the ref; a large text is kept whole. */
static void test_big_record(void **state) {
  (void)state;
  sl_buf in = SL_BUF_INIT;
  assert_int_equal(sl_buf_puts(&in, "{\"text\":\""), SL_OK);
  for (int i = 0; i < 200000; i++)
    assert_int_equal(sl_buf_puts(&in, "word \\n"), SL_OK);
  assert_int_equal(sl_buf_puts(&in, "end\"}"), SL_OK);
  sl_article a;
  sl_article_init(&a);
  assert_int_equal(sl_parse_jsonl(in.ptr, in.len, "big.jsonl",
                                  UINT64_C(12345678901), NULL, &a, NULL),
                   SL_OK);
  assert_string_equal(a.ref, "big.jsonl:12345678901");
  assert_int_equal(strlen(a.text), 200000 * 5 + 3);
  assert_true(strncmp(a.text, "word\nword\n", 10) == 0);
  sl_article_release(&a);
  sl_buf_release(&in);
}

/* Nesting past the scanner's limit is refused, not a stack overflow. */
static void test_deep_nesting(void **state) {
  (void)state;
  sl_buf in = SL_BUF_INIT;
  assert_int_equal(sl_buf_puts(&in, "{\"text\":\"T\",\"x\":"), SL_OK);
  for (int i = 0; i < 100000; i++)
    assert_int_equal(sl_buf_putc(&in, '['), SL_OK);
  sl_article a;
  sl_article_init(&a);
  sl_error err;
  assert_int_equal(sl_parse_jsonl(in.ptr, in.len, "o", 1, NULL, &a, &err),
                   SL_EPARSE);
  assert_non_null(strstr(err.msg, "JSON"));
  sl_article_release(&a);
  sl_buf_release(&in);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden),
      cmocka_unit_test(test_null_callbacks),
      cmocka_unit_test(test_length_bounds),
      cmocka_unit_test(test_big_record),
      cmocka_unit_test(test_deep_nesting),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
