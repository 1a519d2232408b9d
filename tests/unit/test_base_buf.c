/* Tests of the owning buffer: never NULL, NUL-terminated, capped, take. */
#include "sl_test.h"

#include "base/buf.h"
#include "base/str.h"

static void test_empty_is_valid_string(void **state) {
  (void)state;
  sl_buf b = SL_BUF_INIT;
  assert_non_null(b.ptr);
  assert_string_equal(b.ptr, "");
  sl_buf_release(&b);
  assert_string_equal(b.ptr, "");
}

static void test_append_printf_truncate(void **state) {
  (void)state;
  sl_buf b;
  sl_buf_init(&b, 0);
  assert_int_equal(sl_buf_puts(&b, "Kelm"), SL_OK);
  assert_int_equal(sl_buf_putc(&b, ' '), SL_OK);
  assert_int_equal(sl_buf_printf(&b, "%d dead", 14), SL_OK);
  assert_string_equal(b.ptr, "Kelm 14 dead");
  assert_int_equal(b.len, 12);
  sl_buf_truncate(&b, 4);
  assert_string_equal(b.ptr, "Kelm");
  sl_buf_truncate(&b, 99);
  assert_int_equal(b.len, 4);
  for (int i = 0; i < 10000; i++)
    assert_int_equal(sl_buf_putc(&b, 'x'), SL_OK);
  assert_int_equal(b.len, 10004);
  assert_int_equal(b.ptr[b.len], '\0');
  sl_buf_clear(&b);
  assert_string_equal(b.ptr, "");
  sl_buf_release(&b);
}

static void test_cap_refuses_growth(void **state) {
  (void)state;
  sl_buf b;
  sl_buf_init(&b, 8);
  assert_int_equal(sl_buf_append(&b, "12345678", 8), SL_OK);
  assert_int_equal(sl_buf_putc(&b, '9'), SL_ETOOBIG);
  assert_int_equal(sl_buf_append(&b, "9", 1), SL_ETOOBIG);
  assert_int_equal(sl_buf_printf(&b, "%s", "more"), SL_ETOOBIG);
  assert_string_equal(b.ptr, "12345678"); /* unchanged */
  assert_int_equal(sl_buf_grow(&b, SIZE_MAX), SL_ETOOBIG);
  sl_buf_release(&b);
}

static void test_take_hands_over(void **state) {
  (void)state;
  sl_buf b = SL_BUF_INIT;
  size_t len = 99;
  char *empty = sl_buf_take(&b, &len);
  assert_string_equal(empty, "");
  assert_int_equal(len, 0);
  free(empty);
  assert_int_equal(sl_buf_puts(&b, "owned"), SL_OK);
  char *s = sl_buf_take(&b, &len);
  assert_string_equal(s, "owned");
  assert_int_equal(len, 5);
  assert_int_equal(b.len, 0);
  assert_string_equal(b.ptr, "");
  free(s);
}

static void test_str_helpers(void **state) {
  (void)state;
  sl_str s = sl_str_trim(SL_STR("  \tNorvale \n"));
  assert_true(sl_str_eq(s, SL_STR("Norvale")));
  assert_true(sl_str_eq_nocase(s, SL_STR("NORVALE")));
  assert_false(sl_str_eq_nocase(s, SL_STR("Norval")));
  assert_true(sl_str_starts_with(s, SL_STR("Nor")));
  assert_true(sl_str_ends_with(s, SL_STR("vale")));
  assert_false(sl_str_ends_with(SL_STR("a"), SL_STR("ab")));
  assert_int_equal(sl_str_trim(SL_STR("   ")).len, 0);
  assert_int_equal(sl_str_cstr(NULL).len, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_empty_is_valid_string),
      cmocka_unit_test(test_append_printf_truncate),
      cmocka_unit_test(test_cap_refuses_growth),
      cmocka_unit_test(test_take_hands_over),
      cmocka_unit_test(test_str_helpers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
