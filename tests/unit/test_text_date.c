/* Tests of absolute dates: golden cases for metadata parsing and for the
 * dateline/caption search (tests/golden/date/, tests/golden/text/dates.txt),
 * the calendar, and the spans sl_date_find reports. */
#include "sl_test.h"

#include "text/date.h"

/* Runs one case; returns whether it matched. */
static bool run_case(const char *mode, char *input, const char *want) {
  size_t len = sl_test_unescape(input);
  sl_date d = {0, 0, 0};
  char got[16] = "none";
  if (strcmp(mode, "parse") == 0) {
    sl_error err;
    sl_error_clear(&err);
    if (sl_date_parse(input, len, &d, &err) == SL_OK) {
      sl_date_format(d, got);
    } else {
      strcpy(got, "error");
      assert_int_equal(err.code, SL_EPARSE);
      assert_true(err.msg[0] != '\0');
    }
  } else {
    assert_string_equal(mode, "find");
    size_t s = 0, e = 0;
    if (sl_date_find(input, len, &d, &s, &e)) {
      sl_date_format(d, got);
      /* The span holds exactly a date that parses to the same day. */
      assert_true(s < e && e <= len);
      sl_date again;
      assert_int_equal(sl_date_parse(input + s, e - s, &again, NULL), SL_OK);
      assert_memory_equal(&again, &d, sizeof d);
    }
  }
  if (strcmp(got, want) == 0)
    return true;
  printf("%s '%s': expected %s, got %s\n", mode, input, want, got);
  return false;
}

/* Runs every case of one golden file; returns the number of cases. */
static int run_file(const char *rel, int *failures) {
  char *file = sl_test_read(rel), *cur = file, *line;
  int cases = 0;
  while ((line = sl_test_next_line(&cur))) {
    if (line[0] == '#' || !line[0])
      continue;
    char *t1 = strchr(line, '\t');
    char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t2) {
      fail_msg("%s: malformed case '%s'", rel, line);
      break;
    }
    *t1 = *t2 = '\0';
    *failures += !run_case(line, t1 + 1, t2 + 1);
    cases++;
  }
  free(file);
  return cases;
}

static void test_golden_parse(void **state) {
  (void)state;
  int failures = 0, cases = run_file("tests/golden/date/parse.txt", &failures);
  printf("%d parse cases\n", cases);
  assert_true(cases >= 60);
  assert_int_equal(failures, 0);
}

static void test_golden_find(void **state) {
  (void)state;
  int failures = 0, cases = run_file("tests/golden/date/find.txt", &failures);
  printf("%d find cases\n", cases);
  assert_true(cases >= 40);
  assert_int_equal(failures, 0);
}

/* The text module's earlier golden file, when it is still there. */
static void test_golden_text(void **state) {
  (void)state;
  char path[1024];
  snprintf(path, sizeof path, "%s/tests/golden/text/dates.txt",
           sl_test_source_dir());
  FILE *f = fopen(path, "rb");
  if (!f)
    skip();
  fclose(f);
  int failures = 0;
  assert_true(run_file("tests/golden/text/dates.txt", &failures) > 0);
  assert_int_equal(failures, 0);
}

static void test_valid(void **state) {
  (void)state;
  assert_true(sl_date_valid((sl_date){2024, 2, 29}));
  assert_true(sl_date_valid((sl_date){2000, 2, 29}));
  assert_false(sl_date_valid((sl_date){2100, 2, 29}));
  assert_false(sl_date_valid((sl_date){2023, 2, 29}));
  assert_true(sl_date_valid((sl_date){2023, 2, 28}));
  assert_false(sl_date_valid((sl_date){2021, 6, 31}));
  assert_true(sl_date_valid((sl_date){2021, 7, 31}));
  assert_false(sl_date_valid((sl_date){2021, 13, 1}));
  assert_false(sl_date_valid((sl_date){2021, 0, 1}));
  assert_false(sl_date_valid((sl_date){2021, 1, 0}));
  assert_false(sl_date_valid((sl_date){0, 1, 1}));
  assert_false(sl_date_valid((sl_date){-5, 1, 1}));
  char out[11];
  sl_date_format((sl_date){2026, 3, 4}, out);
  assert_string_equal(out, "2026-03-04");
  sl_date_format((sl_date){987, 12, 31}, out);
  assert_string_equal(out, "0987-12-31");
  sl_date_format((sl_date){0, 0, 0}, out);
  assert_string_equal(out, "");
}

/* Every leap day between 1900 and 2100 parses, every 29 February of a
 * common year fails: checks the rule against a second computation. */
static void test_leap_years(void **state) {
  (void)state;
  for (int y = 1900; y <= 2100; y++) {
    char s[16];
    snprintf(s, sizeof s, "%04d-02-29", y);
    sl_date d;
    bool leap = y % 400 == 0 || (y % 4 == 0 && y % 100 != 0);
    assert_int_equal(sl_date_parse(s, strlen(s), &d, NULL) == SL_OK, leap);
  }
}

static void test_spans_and_errors(void **state) {
  (void)state;
  const char *t = "PARIS, March 3, 2021 (AP) — Text.";
  sl_date d;
  size_t s, e;
  assert_true(sl_date_find(t, strlen(t), &d, &s, &e));
  assert_int_equal(s, 7);
  assert_int_equal(e, 20);
  assert_true(sl_date_find(t, strlen(t), &d, NULL, NULL)); /* NULL spans */
  /* Only `len` bytes count: the date past it is not seen. */
  assert_false(sl_date_find(t, 12, &d, NULL, NULL));
  sl_error err;
  assert_int_equal(sl_date_parse("2021-03-03", 7, &d, &err), SL_EPARSE);
  assert_int_equal(sl_date_parse("soon", 4, &d, NULL), SL_EPARSE);
  assert_int_equal(sl_date_parse("bad date", 8, &d, &err), SL_EPARSE);
  assert_non_null(strstr(err.msg, "bad date"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden_parse),
      cmocka_unit_test(test_golden_find),
      cmocka_unit_test(test_golden_text),
      cmocka_unit_test(test_valid),
      cmocka_unit_test(test_leap_years),
      cmocka_unit_test(test_spans_and_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
