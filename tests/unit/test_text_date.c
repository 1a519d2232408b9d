/* Tests of absolute dates: golden cases for metadata parsing and for the
 * dateline/caption search (tests/golden/text/dates.txt). */
#include "sl_test.h"

#include "text/date.h"

static void run_case(const char *mode, char *input, const char *want,
                     int *failures) {
  size_t len = sl_test_unescape(input);
  sl_date d = {0, 0, 0};
  char got[16] = "none";
  if (strcmp(mode, "parse") == 0) {
    sl_error err;
    if (sl_date_parse(input, len, &d, &err) == SL_OK)
      sl_date_format(d, got);
    else
      strcpy(got, "error");
  } else {
    size_t s = 0, e = 0;
    if (sl_date_find(input, len, &d, &s, &e)) {
      sl_date_format(d, got);
      assert_true(s < e && e <= len);
      sl_date again;
      assert_int_equal(sl_date_parse(input + s, e - s, &again, NULL), SL_OK);
    }
  }
  if (strcmp(got, want) != 0) {
    printf("%s '%s': expected %s, got %s\n", mode, input, want, got);
    (*failures)++;
  }
}

static void test_golden(void **state) {
  (void)state;
  char *file = sl_test_read("tests/golden/text/dates.txt"), *cur = file;
  char *line;
  int cases = 0, failures = 0;
  while ((line = sl_test_next_line(&cur))) {
    if (line[0] == '#' || !line[0])
      continue;
    char *t1 = strchr(line, '\t');
    char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    assert_non_null(t2);
    *t1 = *t2 = '\0';
    run_case(line, t1 + 1, t2 + 1, &failures);
    cases++;
  }
  printf("%d date cases\n", cases);
  assert_true(cases >= 60);
  assert_int_equal(failures, 0);
  free(file);
}

static void test_valid(void **state) {
  (void)state;
  assert_true(sl_date_valid((sl_date){2024, 2, 29}));
  assert_false(sl_date_valid((sl_date){2100, 2, 29}));
  assert_false(sl_date_valid((sl_date){2021, 6, 31}));
  assert_false(sl_date_valid((sl_date){0, 1, 1}));
  char out[11];
  sl_date_format((sl_date){2026, 3, 4}, out);
  assert_string_equal(out, "2026-03-04");
  sl_date_format((sl_date){987, 12, 31}, out);
  assert_string_equal(out, "0987-12-31");
  sl_date_format((sl_date){0, 0, 0}, out);
  assert_string_equal(out, "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden),
      cmocka_unit_test(test_valid),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
