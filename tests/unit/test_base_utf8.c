/* Tests of UTF-8 at the edge: decoding, validation, sanitising with U+FFFD,
 * BOM dropped, NUL refused. */
#include "sl_test.h"

#include "base/utf8.h"

static void test_decode_encode_roundtrip(void **state) {
  (void)state;
  const int32_t cps[] = {0x41, 0xE9, 0x640, 0x20AC, 0x1F600, 0x10FFFF};
  for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
    char enc[4];
    int n = sl_utf8_encode(cps[i], enc);
    assert_true(n >= 1 && n <= 4);
    int32_t back;
    assert_int_equal(sl_utf8_decode(enc, (size_t)n, &back), n);
    assert_int_equal(back, cps[i]);
  }
  char enc[4];
  assert_int_equal(sl_utf8_encode(0xD800, enc), 0);
  assert_int_equal(sl_utf8_encode(0x110000, enc), 0);
}

static void test_decode_rejects_bad_forms(void **state) {
  (void)state;
  const char *bad[] = {
      "\xC0\xAF",         /* overlong '/' */
      "\xE0\x80\xAF",     /* overlong, 3 bytes */
      "\xED\xA0\x80",     /* surrogate U+D800 */
      "\xF4\x90\x80\x80", /* above U+10FFFF */
      "\xE2\x82",         /* truncated */
      "\x80",             /* lone continuation */
      "\xFF",             /* never valid */
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    int32_t cp;
    assert_int_equal(sl_utf8_decode(bad[i], strlen(bad[i]), &cp), -1);
    assert_false(sl_utf8_valid(bad[i], strlen(bad[i])));
  }
  assert_true(sl_utf8_valid("Caf\xC3\xA9 \xE2\x80\x94 ok", 12));
}

static const char *sanitize(const char *in, size_t len, sl_buf *out,
                            sl_utf8_report *rep) {
  sl_buf_clear(out);
  assert_int_equal(sl_utf8_sanitize(in, len, out, rep, NULL), SL_OK);
  assert_true(sl_utf8_valid(out->ptr, out->len));
  return out->ptr;
}

static void test_sanitize_replaces(void **state) {
  (void)state;
  sl_buf out = SL_BUF_INIT;
  sl_utf8_report rep;
  assert_string_equal(sanitize("plain ascii", 11, &out, &rep), "plain ascii");
  assert_int_equal(rep.replaced, 0);
  /* Latin-1 "Café": one bad byte, one replacement, at offset 3. */
  assert_string_equal(sanitize("Caf\xE9!", 5, &out, &rep), "Caf\xEF\xBF\xBD!");
  assert_int_equal(rep.replaced, 1);
  assert_int_equal(rep.first_bad, 3);
  /* A truncated 3-byte sequence is one maximal subpart: one U+FFFD. */
  assert_string_equal(sanitize("a\xE2\x82z", 4, &out, &rep), "a\xEF\xBF\xBDz");
  assert_int_equal(rep.replaced, 1);
  /* Two bad bytes in a row: two replacements. */
  sanitize("\xFF\xFE", 2, &out, &rep);
  assert_int_equal(rep.replaced, 2);
  /* BOM dropped, long ASCII runs kept whole. */
  assert_string_equal(
      sanitize("\xEF\xBB\xBFhello world, hello world", 27, &out, &rep),
      "hello world, hello world");
  sl_buf_release(&out);
}

static void test_sanitize_refuses_nul(void **state) {
  (void)state;
  sl_buf out = SL_BUF_INIT;
  assert_int_equal(sl_buf_puts(&out, "kept"), SL_OK);
  sl_error err;
  assert_int_equal(sl_utf8_sanitize("ab\0cd", 5, &out, NULL, &err), SL_EUTF8);
  assert_int_equal(err.offset, 2);
  assert_string_equal(err.msg, "NUL byte at offset 2");
  assert_string_equal(out.ptr, "kept");
  sl_buf_release(&out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_decode_encode_roundtrip),
      cmocka_unit_test(test_decode_rejects_bad_forms),
      cmocka_unit_test(test_sanitize_replaces),
      cmocka_unit_test(test_sanitize_refuses_nul),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
