/* Tests of the plain-text parser: the golden cases of
 * tests/golden/ingest/text.txt (titles, dates, line ends, BOM, invalid UTF-8,
 * binary and empty input) and the cases too large for a golden file. */
#include "ingest_golden.h"

static sl_status parse(const gcase *c, const sl_warn_cb *warn, sl_article *a,
                       sl_error *err) {
  return sl_parse_text(c->in, c->in_len, "dir/a.txt", warn, a, err);
}

static void test_golden(void **state) {
  (void)state;
  golden_opts o = {"tests/golden/ingest/text.txt", "text", 35, "dir/a.txt",
                   parse};
  run_golden(&o);
}

/* A NUL past the first 8 KiB is not "binary" but is still refused, with its
 * offset. */
static void test_late_nul(void **state) {
  (void)state;
  char big[10000];
  memset(big, 'a', sizeof big);
  big[9000] = '\0';
  sl_article a;
  sl_article_init(&a);
  sl_error err;
  assert_int_equal(sl_parse_text(big, sizeof big, "x", NULL, &a, &err),
                   SL_EUTF8);
  assert_int_equal(err.code, SL_EUTF8);
  assert_string_equal(err.msg, "NUL byte at offset 9000");
  assert_null(a.text);
  /* Control bytes past the first 8 KiB do not make a file binary. */
  memset(big, 'a', sizeof big);
  memset(big + 8192, '\x01', 1800);
  assert_int_equal(sl_parse_text(big, sizeof big, "x", NULL, &a, &err), SL_OK);
  assert_int_equal(strlen(a.text), sizeof big);
  sl_article_release(&a);
}

/* Binary detection is by share: just over 10% control bytes is binary,
 * 10% is not. */
static void test_control_share(void **state) {
  (void)state;
  char s[100];
  memset(s, 'x', sizeof s);
  memset(s, '\x02', 10);
  sl_article a;
  sl_article_init(&a);
  assert_int_equal(sl_parse_text(s, sizeof s, "x", NULL, &a, NULL), SL_OK);
  sl_article_release(&a);
  s[10] = '\x03';
  assert_int_equal(sl_parse_text(s, sizeof s, "x", NULL, &a, NULL), SL_EBINARY);
  assert_null(a.text);
}

/* A long article with a long title line boundary: 25 words is a title, and
 * the parser copes with a large body (no warn callback, no error struct). */
static void test_large_body(void **state) {
  (void)state;
  sl_buf in = SL_BUF_INIT;
  for (int i = 1; i <= 25; i++)
    assert_int_equal(sl_buf_printf(&in, "%sW%d", i > 1 ? " " : "", i), SL_OK);
  assert_int_equal(sl_buf_puts(&in, "\n\n"), SL_OK);
  for (int i = 0; i < 100000; i++)
    assert_int_equal(sl_buf_puts(&in, "Body sentence number one.\r\n"), SL_OK);
  sl_article a;
  sl_article_init(&a);
  assert_int_equal(sl_parse_text(in.ptr, in.len, "big", NULL, &a, NULL), SL_OK);
  assert_non_null(a.title);
  assert_true(strncmp(a.title, "W1 W2 ", 6) == 0);
  assert_int_equal(strlen(a.text), 100000 * 26 - 1);
  assert_null(strchr(a.text, '\r'));
  sl_article_release(&a);
  sl_buf_release(&in);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden),
      cmocka_unit_test(test_late_nul),
      cmocka_unit_test(test_control_share),
      cmocka_unit_test(test_large_body),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
