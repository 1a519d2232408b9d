/* Tests of debris removal on the sample corpus's dirty articles and on
 * small cases: repeats, captions, widgets, bylines, credits, and what must
 * stay. */
#include "sl_test.h"

#include "clean/clean.h"

/* Cleans a text and renders the removed lines as "reason:line|...". */
static void clean(const char *text, sl_cleaned *c, sl_buf *removed) {
  assert_int_equal(sl_clean_debris(text, strlen(text), c), SL_OK);
  sl_buf_clear(removed);
  for (size_t i = 0; i < c->removed.len; i++) {
    const sl_removed *r = &SL_VEC_AT(&c->removed, sl_removed, i);
    assert_int_equal(sl_buf_printf(removed, "%s:%.*s|",
                                   sl_debris_name((sl_debris)r->reason),
                                   (int)(r->end - r->start), text + r->start),
                     SL_OK);
  }
}

static void test_small_cases(void **state) {
  (void)state;
  sl_cleaned c;
  sl_cleaned_init(&c);
  sl_buf rm = SL_BUF_INIT;
  clean("Headline\n\nFirst para.\n\nShare\n\nSecond para.\n\nFirst para.", &c,
        &rm);
  assert_string_equal(c.text.ptr, "Headline\n\nFirst para.\n\nSecond para.");
  assert_string_equal(rm.ptr, "widget:Share|repeat:First para.|");
  /* A one-word first line is a headline, not a widget. */
  clean("Breaking\nThe port closed.", &c, &rm);
  assert_string_equal(c.text.ptr, "Breaking\nThe port closed.");
  assert_string_equal(rm.ptr, "");
  /* Byline and credit are metadata, not body. */
  clean("By Mara Quinn, Staff Writer\nText here.\n(Tessaly Wire Service)", &c,
        &rm);
  assert_string_equal(c.text.ptr, "Text here.");
  assert_string_equal(c.byline.ptr, "Mara Quinn");
  assert_string_equal(c.credit.ptr, "Tessaly Wire Service");
  /* Sentences that merely mention photos or begin with "By" stay. */
  clean("By noon the photo was everywhere.\nPolice (armed) waited.", &c, &rm);
  assert_string_equal(rm.ptr, "");
  /* Repeats ignore case and spacing; short repeated body lines too. */
  clean("A line here.\nA  LINE here.\nYes.\nYes.", &c, &rm);
  assert_string_equal(c.text.ptr, "A line here.\nYes.");
  assert_string_equal(rm.ptr, "repeat:A  LINE here.|repeat:Yes.|");
  sl_buf_release(&rm);
  sl_cleaned_release(&c);
}

static char *sample(const char *rel) {
  char path[256];
  snprintf(path, sizeof path, "samples/text/%s", rel);
  return sl_test_read(path);
}

static size_t count(const sl_cleaned *c, sl_debris why) {
  size_t n = 0;
  for (size_t i = 0; i < c->removed.len; i++)
    n += SL_VEC_AT(&c->removed, sl_removed, i).reason == why;
  return n;
}

static void test_sample_articles(void **state) {
  (void)state;
  sl_cleaned c;
  sl_cleaned_init(&c);
  sl_buf rm = SL_BUF_INIT;
  /* The caption four times: all four are captions, the body stays. */
  char *t = sample("fenwick-post/2026-03-03-kelm-rescuers.txt");
  clean(t, &c, &rm);
  assert_int_equal(count(&c, SL_DEBRIS_CAPTION), 4);
  assert_null(strstr(c.text.ptr, "(Photo:"));
  assert_non_null(strstr(c.text.ptr, "bakery cellar"));
  free(t);
  /* The body pasted twice: the second copy goes, as repeats. */
  t = sample("norvale-daily/2026-03-10-bridge-reopens.txt");
  clean(t, &c, &rm);
  assert_int_equal(count(&c, SL_DEBRIS_REPEAT), 3);
  const char *q = strstr(c.text.ptr, "commuter Hanna Voss");
  assert_non_null(q);
  assert_null(strstr(q + 1, "commuter Hanna Voss"));
  free(t);
  /* Byline, outlet line kept, widget leftovers at the end removed. */
  t = sample("norvale-daily/2026-03-03-kelm-quake-toll.txt");
  clean(t, &c, &rm);
  assert_string_equal(c.byline.ptr, "Lena Hartwig");
  assert_int_equal(count(&c, SL_DEBRIS_WIDGET), 2);
  assert_null(strstr(c.text.ptr, "Advertisement"));
  free(t);
  /* The wire copy's byline and agency credit. */
  t = sample("tessaly-wire/2026-03-02-kelm-quake.txt");
  clean(t, &c, &rm);
  assert_string_equal(c.byline.ptr, "Mara Quinn");
  assert_string_equal(c.credit.ptr, "Tessaly Wire Service");
  assert_int_equal(c.removed.len, 2);
  free(t);
  sl_buf_release(&rm);
  sl_cleaned_release(&c);
}

/* A line repeated 100,000 times, and as many distinct lines: the table
 * of lines seen grows with the distinct ones; past 10,000 listed removals
 * a removal that follows the last one, for the same reason, joins it, so
 * that the list stays short and still covers every removed byte. */
static void test_many_lines(void **state) {
  (void)state;
  enum { N = 100000 };
  sl_buf t = SL_BUF_INIT;
  assert_int_equal(sl_buf_puts(&t, "Harbour news\n\n"), SL_OK);
  for (size_t i = 0; i < N; i++)
    assert_int_equal(sl_buf_printf(&t, "Line %zu of the log.\n", i), SL_OK);
  size_t repeats = t.len;
  for (size_t i = 0; i < N; i++)
    assert_int_equal(sl_buf_puts(&t, "The same line.\n\n"), SL_OK);
  sl_cleaned c;
  sl_cleaned_init(&c);
  assert_int_equal(sl_clean_debris(t.ptr, t.len, &c), SL_OK);
  /* Every distinct line kept, the repeated one once. */
  assert_int_equal(c.text.len, repeats - 1 + strlen("\nThe same line."));
  assert_int_equal(c.removed.len, 10000);
  const sl_removed *first = c.removed.data;
  const sl_removed *last = first + c.removed.len - 1;
  size_t line = strlen("The same line.\n\n");
  assert_int_equal(first->start, repeats + line);
  assert_int_equal(last->start, repeats + 10000 * line);
  assert_int_equal(last->end, t.len - 2); /* up to the last repeat */
  assert_int_equal(last->reason, SL_DEBRIS_REPEAT);
  sl_cleaned_release(&c);
  sl_buf_release(&t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_small_cases),
      cmocka_unit_test(test_sample_articles),
      cmocka_unit_test(test_many_lines),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
