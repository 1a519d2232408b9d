/* Tests of temporal expressions: the golden cases of tests/golden/timex/
 * (every form, relative and absolute, with values computed independently),
 * the calendar, sentence anchors, the inferred publication date, and
 * hostile input. */
#include "sl_test.h"

#include "extract/timex.h"
#include "storyline/when.h"

static sl_date parse_dct(const char *s) {
  int y, m, d;
  if (sscanf(s, "%d-%d-%d", &y, &m, &d) != 3)
    return (sl_date){0, 0, 0};
  return (sl_date){(int16_t)y, (int8_t)m, (int8_t)d};
}

/* Writes what sl_when_find found, in the golden file's notation. */
static void describe(const char *text, const sl_timex_list *l, char *out,
                     size_t cap) {
  size_t n = 0;
  out[0] = '\0';
  if (l->count == 0)
    snprintf(out, cap, "none");
  for (size_t i = 0; i < l->count && n < cap; i++) {
    const sl_timex *t = &l->items[i];
    assert_true(t->start < t->end && t->end <= strlen(text));
    n += (size_t)snprintf(out + n, cap - n, "%s%.*s=%s %s%s%s", i ? "; " : "",
                          (int)(t->end - t->start), text + t->start,
                          sl_timex_type_str(t->type), t->value,
                          t->mod[0] ? " " : "", t->mod);
  }
}

static bool run_case(const char *dct, char *text, const char *want) {
  size_t len = sl_test_unescape(text);
  sl_timex_list l;
  assert_int_equal(sl_when_find(text, len, parse_dct(dct), &l), SL_OK);
  char got[2048];
  describe(text, &l, got, sizeof got);
  sl_timex_list_release(&l);
  if (strcmp(got, want) == 0)
    return true;
  printf("dct %s '%s':\n  expected %s\n  got      %s\n", dct, text, want, got);
  return false;
}

static void test_golden(void **state) {
  (void)state;
  char *file = sl_test_read("tests/golden/timex/forms.txt"), *cur = file;
  char *line;
  int cases = 0, failures = 0;
  while ((line = sl_test_next_line(&cur))) {
    if (line[0] == '#' || !line[0])
      continue;
    char *t1 = strchr(line, '\t');
    char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t2)
      fail_msg("forms.txt: malformed case '%s'", line);
    *t1 = *t2 = '\0';
    failures += !run_case(line, t1 + 1, t2 + 1);
    cases++;
  }
  free(file);
  printf("%d timex cases, %d failed\n", cases, failures);
  assert_true(cases >= 300);
  assert_int_equal(failures, 0);
}

static void test_lexicon_sorted(void **state) {
  (void)state;
  assert_true(sl__tx_lex_sorted());
}

/* Day numbers, weekdays and ISO weeks against a day-by-day walk. */
static void test_calendar(void **state) {
  (void)state;
  long z = sl__tx_days(1900, 1, 1);
  int wd = 1; /* 1900-01-01 was a Monday */
  for (int y = 1900; y <= 2100; y++)
    for (int m = 1; m <= 12; m++)
      for (int d = 1; d <= sl__tx_mdays(y, m); d++, z++, wd = wd % 7 + 1) {
        assert_int_equal(sl__tx_days(y, m, d), z);
        assert_int_equal(sl__tx_weekday(y, m, d), wd);
      }
  int wy, wk;
  sl__tx_isoweek(2021, 1, 3, &wy, &wk);
  assert_int_equal(wy, 2020);
  assert_int_equal(wk, 53);
  sl__tx_isoweek(2024, 2, 16, &wy, &wk);
  assert_int_equal(wy * 100 + wk, 202407);
  sl__tx_isoweek(2008, 12, 29, &wy, &wk);
  assert_int_equal(wy * 100 + wk, 200901);
}

static void test_anchors(void **state) {
  (void)state;
  const char *text = "The storm hit on March 3, 2021. Power failed. "
                     "Crews worked through the following day.";
  sl_when_anchor_list a;
  sl_date dct = {2021, 3, 10};
  assert_int_equal(sl_when_anchors(text, strlen(text), dct, NULL, &a), SL_OK);
  assert_int_equal(a.count, 3);
  char d[11];
  sl_date_format(a.items[0].date, d);
  assert_string_equal(d, "2021-03-03");
  assert_int_equal(a.items[0].timex, 0);
  sl_date_format(a.items[1].date, d);
  assert_string_equal(d, "2021-03-10");
  assert_int_equal(a.items[1].timex, -1);
  sl_date_format(a.items[2].date, d);
  assert_string_equal(d, "2021-03-04");
  sl_when_anchor_list_release(&a);
  assert_int_equal(sl_when_anchors("", 0, dct, NULL, &a), SL_OK);
  assert_int_equal(a.count, 0);
  sl_when_anchor_list_release(&a);
}

static void check_pub(const char *text, sl_date given, const char *date,
                      const char *origin) {
  sl_when_pubdate p;
  bool found = sl_when_pubdate_infer(text, strlen(text), given, &p);
  char d[11];
  sl_date_format(p.date, d);
  assert_string_equal(d, date);
  assert_string_equal(p.origin, origin);
  assert_int_equal(found, date[0] != '\0');
  assert_true(p.confidence >= 0 && p.confidence <= 1);
}

static void test_pubdate(void **state) {
  (void)state;
  sl_date none = {0, 0, 0};
  check_pub("PARIS, March 3, 2021 (AP) - The council met on Friday.", none,
            "2021-03-03", "dateline");
  check_pub("PARIS, March 3, 2021 (AP) - The council met.",
            (sl_date){2021, 3, 4}, "2021-03-04", "given");
  check_pub("The treaty of June 1, 1998 ended it. Talks resumed on "
            "March 2, 2021 and ended on March 4, 2021.",
            none, "2021-03-04", "latest");
  check_pub("The council met on Friday.", none, "", "");
  /* a birth date is not the day of writing, the other dates still count */
  check_pub("The singer, born on April 22, 1923 in Nashville, died on "
            "Thursday.",
            none, "", "");
  check_pub("Page (born April 22, 1923) sang there on May 2, 1950 with "
            "the band.",
            none, "1950-05-02", "latest");
  check_pub("She was born Betty Mae Page on April 22, 1923 in Nashville and "
            "died on Thursday.",
            none, "", "");
  check_pub("Page was born to a poor family in Tennessee on April 22, 1923. "
            "She died on Thursday.",
            none, "", "");
  check_pub("Born in Lyon. The mayor was re-elected on March 4, 2021 again.",
            none, "2021-03-04", "latest");
  check_pub("The mayor, born in 1961, was re-elected on March 4, 2021.", none,
            "2021-03-04", "latest");
}

static void test_errors(void **state) {
  (void)state;
  sl_timex_list l;
  assert_int_equal(sl_when_find(NULL, 3, (sl_date){0, 0, 0}, &l), SL_EINVAL);
  assert_int_equal(sl_when_find("x", 1, (sl_date){0, 0, 0}, NULL), SL_EINVAL);
  assert_int_equal(sl_when_find(NULL, 0, (sl_date){0, 0, 0}, &l), SL_OK);
  assert_int_equal(l.count, 0);
  /* an impossible DCT is no DCT */
  assert_int_equal(sl_when_find("yesterday", 9, (sl_date){2021, 13, 1}, &l),
                   SL_OK);
  assert_int_equal(l.count, 1);
  assert_string_equal(l.items[0].value, "XXXX-XX-XX");
  sl_timex_list_release(&l);
  sl_timex_list_release(NULL);
  assert_string_equal(sl_timex_type_str((sl_timex_type)99), "?");
}

/* Long runs of trigger words and digits stay linear and in bounds. */
static void test_pathological(void **state) {
  (void)state;
  const char *pieces[] = {"the ", "last ", "1999 ",  "March ", "3, ",
                          "- ",   "'",     "early ", "two-",   "ago "};
  size_t n = 400000, len = 0;
  char *text = malloc(n + 16);
  assert_non_null(text);
  for (size_t i = 0; len < n; i++) {
    const char *p = pieces[(i * 7 + i / 3) % 10];
    memcpy(text + len, p, strlen(p));
    len += strlen(p);
  }
  sl_timex_list l;
  assert_int_equal(sl_when_find(text, len, (sl_date){2021, 3, 3}, &l), SL_OK);
  for (size_t i = 0; i < l.count; i++)
    assert_true(l.items[i].end <= len && l.items[i].start < l.items[i].end);
  sl_timex_list_release(&l);
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden),      cmocka_unit_test(test_lexicon_sorted),
      cmocka_unit_test(test_calendar),    cmocka_unit_test(test_anchors),
      cmocka_unit_test(test_pubdate),     cmocka_unit_test(test_errors),
      cmocka_unit_test(test_pathological)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
