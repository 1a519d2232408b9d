/* Tests of the timeline algorithm on small news collections written for
 * them: which days it lists, which sentences and sources, what merges,
 * what is left out, background periods and the bounds. */
#include "sl_test.h"

#include "story/story.h"
#include "story/timeline_int.h"

/* A sentence of article `art` (its outlet, publication date, position),
 * stating `value` (NULL: none). */
static sl_story_sent S(int64_t art, const char *outlet, const char *pub,
                       uint32_t seq, const char *value, const char *text) {
  sl_story_sent s = {text,      strlen(text), art,   art, outlet, outlet, "en",
                     {0, 0, 0}, {0, 0, 0},    value, seq, NULL,   0};
  int y, m, d;
  sscanf(pub, "%d-%d-%d", &y, &m, &d);
  s.published = (sl_date){(int16_t)y, (int8_t)m, (int8_t)d};
  s.anchor = s.published;
  if (value && sscanf(value, "%d-%d-%d", &y, &m, &d) == 3)
    s.anchor = (sl_date){(int16_t)y, (int8_t)m, (int8_t)d};
  return s;
}

static sl_date D(int y, int m, int d) {
  return (sl_date){(int16_t)y, (int8_t)m, (int8_t)d};
}

static const char *day_of(const sl_tl_entry *e, char out[11]) {
  sl_date_format(e->date, out);
  return out;
}

/* A flood story told by three outlets over three days. */
static size_t flood_story(sl_story_sent *s) {
  size_t n = 0;
  s[n++] = S(1, "wire", "2021-03-02", 0, "2021-03-01",
             "The river burst its banks in Harlow on Monday, flooding two "
             "hundred homes.");
  s[n++] = S(1, "wire", "2021-03-02", 1, NULL,
             "Rescue teams used boats to reach families trapped on upper "
             "floors overnight.");
  s[n++] = S(1, "wire", "2021-03-02", 2, "2021-03-05",
             "The council will decide on Friday whether to rebuild the old "
             "flood wall.");
  s[n++] = S(2, "herald", "2021-03-02", 0, "2021-03-01",
             "The river burst its banks in Harlow on Monday and flooded two "
             "hundred homes.");
  s[n++] = S(2, "herald", "2021-03-02", 1, NULL,
             "Is this the worst flood the town has seen in a century?");
  s[n++] = S(2, "herald", "2021-03-02", 2, NULL, "It rained.");
  s[n++] = S(3, "gazette", "2021-03-03", 0, "2021-03-01",
             "Monday's flood in Harlow damaged two hundred homes, the "
             "council said, and closed the main bridge.");
  s[n++] = S(3, "gazette", "2021-03-03", 1, "2021-03-02",
             "On Tuesday the army arrived to build sandbag walls along the "
             "river in Harlow.");
  s[n++] = S(3, "gazette", "2021-03-03", 2, "2014",
             "The old flood wall was built in 2014 after a smaller flood "
             "hit the town.");
  s[n++] = S(4, "wire", "2021-03-03", 0, "2014",
             "Harlow's flood wall dates from 2014, when the last flood "
             "damaged the town centre.");
  s[n++] = S(5, "herald", "2021-03-04", 0, "2014",
             "Engineers said the wall built in 2014 was never high enough "
             "for a flood of this size.");
  return n;
}

static void build(const sl_story_sent *s, size_t n, sl_story_tl_opts *o,
                  sl_timeline *tl) {
  assert_int_equal(sl_story_timeline(s, n, o, tl), SL_OK);
}

/* The day three articles point to comes first; the copies of one sentence
 * are one sentence citing both articles. */
static void test_days_and_merges(void **state) {
  (void)state;
  sl_story_sent s[16];
  size_t n = flood_story(s);
  sl_story_tl_opts o = {D(2021, 3, 1), D(2021, 3, 10), 1, 2, NULL};
  sl_timeline tl;
  build(s, n, &o, &tl);
  char day[11];
  assert_int_equal(tl.n_entries - tl.n_background, 1);
  assert_string_equal(day_of(&tl.entries[0], day), "2021-03-01");
  assert_true(tl.entries[0].stated);
  assert_null(tl.entries[0].period);
  const sl_tl_entry *e = &tl.entries[0];
  assert_true(e->n_sentences >= 1);
  /* the two "burst its banks" sentences are one, citing articles 1 and 2 */
  const sl_tl_sentence *top = NULL;
  for (size_t i = 0; i < e->n_sentences; i++)
    if (strstr(e->sentences[i].text, "burst its banks"))
      top = &e->sentences[i];
  assert_non_null(top);
  assert_int_equal(top->n_sources, 2);
  int64_t a = top->sources[0].id, b = top->sources[1].id;
  assert_true((a == 1 && b == 2) || (a == 2 && b == 1));
  for (size_t i = 0; i < e->n_sentences; i++)
    for (size_t k = 0; k < e->sentences[i].n_sources; k++)
      assert_int_not_equal(e->sentences[i].sources[k].id, 7);
  sl_timeline_release(&tl);
}

/* Entries are in date order; a question and a two-word sentence are never
 * chosen; no sentence is said twice. */
static void test_order_and_filters(void **state) {
  (void)state;
  sl_story_sent s[16];
  size_t n = flood_story(s);
  sl_story_tl_opts o = {D(2021, 3, 1), D(2021, 3, 10), 4, 3, NULL};
  sl_timeline tl;
  build(s, n, &o, &tl);
  size_t days = tl.n_entries - tl.n_background;
  assert_true(days >= 3);
  for (size_t i = 1; i < days; i++)
    assert_true(sl__tl_days(tl.entries[i - 1].date) <
                sl__tl_days(tl.entries[i].date));
  for (size_t i = 0; i < tl.n_entries; i++)
    for (size_t k = 0; k < tl.entries[i].n_sentences; k++) {
      const char *t = tl.entries[i].sentences[k].text;
      assert_null(strchr(t, '?'));
      assert_string_not_equal(t, "It rained.");
      for (size_t j = 0; j < tl.n_entries; j++)
        for (size_t m = 0; m < tl.entries[j].n_sentences; m++)
          if (j != i || m != k)
            assert_string_not_equal(t, tl.entries[j].sentences[m].text);
    }
  sl_timeline_release(&tl);
}

/* A day stated by one article, the council's Friday, is a stated entry;
 * a lead that states nothing is on its article's day, not stated. */
static void test_stated_and_published(void **state) {
  (void)state;
  sl_story_sent s[3];
  s[0] = S(1, "wire", "2021-03-02", 0, "2021-03-05",
           "The council will decide on Friday whether to rebuild the old "
           "flood wall in Harlow.");
  s[1] = S(2, "herald", "2021-03-08", 0, NULL,
           "Volunteers cleared mud from the streets of Harlow as the water "
           "went down.");
  sl_story_tl_opts o = {{0, 0, 0}, {0, 0, 0}, 5, 1, NULL};
  sl_timeline tl;
  build(s, 2, &o, &tl);
  char day[11];
  assert_int_equal(tl.n_entries, 2);
  assert_int_equal(tl.n_background, 0);
  assert_string_equal(day_of(&tl.entries[0], day), "2021-03-05");
  assert_true(tl.entries[0].stated);
  assert_string_equal(day_of(&tl.entries[1], day), "2021-03-08");
  assert_false(tl.entries[1].stated);
  assert_string_equal(tl.entries[1].sentences[0].sources[0].outlet, "herald");
  sl_timeline_release(&tl);
}

/* A year three articles state before the material begins is background,
 * after the days; with fewer articles it is not listed. */
static void test_background(void **state) {
  (void)state;
  sl_story_sent s[16];
  size_t n = flood_story(s);
  sl_story_tl_opts o = {D(2021, 3, 1), D(2021, 3, 10), 2, 1, NULL};
  sl_timeline tl;
  build(s, n, &o, &tl);
  assert_int_equal(tl.n_background, 1);
  const sl_tl_entry *bg = &tl.entries[tl.n_entries - 1];
  assert_string_equal(bg->period, "2014");
  assert_int_equal(bg->date.year, 2014);
  assert_non_null(strstr(bg->sentences[0].text, "2014"));
  sl_timeline_release(&tl);
  build(s, n - 1, &o, &tl); /* two articles state 2014 */
  assert_int_equal(tl.n_background, 0);
  sl_timeline_release(&tl);
}

/* Days outside from..to are not entries. */
static void test_bounds(void **state) {
  (void)state;
  sl_story_sent s[16];
  size_t n = flood_story(s);
  sl_story_tl_opts o = {D(2021, 3, 2), D(2021, 3, 3), 10, 2, NULL};
  sl_timeline tl;
  build(s, n, &o, &tl);
  assert_true(tl.n_entries > tl.n_background);
  for (size_t i = 0; i < tl.n_entries - tl.n_background; i++) {
    long d = sl__tl_days(tl.entries[i].date);
    assert_true(d >= sl__tl_days(D(2021, 3, 2)));
    assert_true(d <= sl__tl_days(D(2021, 3, 3)));
  }
  sl_timeline_release(&tl);
}

static void test_empty_and_errors(void **state) {
  (void)state;
  sl_timeline tl;
  assert_int_equal(sl_story_timeline(NULL, 0, NULL, &tl), SL_OK);
  assert_int_equal(tl.n_entries, 0);
  sl_timeline_release(&tl);
  assert_int_equal(sl_story_timeline(NULL, 3, NULL, &tl), SL_EINVAL);
  sl_timeline_release(&tl);
  sl_timeline_release(NULL);
}

/* Day numbers and TIMEX3 values as the timeline reads them. */
static void test_calendar(void **state) {
  (void)state;
  assert_int_equal(sl__tl_days(D(1970, 1, 1)), 0);
  assert_int_equal(sl__tl_days(D(2000, 3, 1)) - sl__tl_days(D(2000, 2, 28)), 2);
  for (long d = -800; d < 20000; d += 37) {
    sl_date x = sl__tl_date(d);
    assert_int_equal(sl__tl_days(x), d);
  }
  sl_date f;
  assert_int_equal(sl__tl_gran("2010-04-20", &f), TL_DAY);
  assert_int_equal(f.day, 20);
  assert_int_equal(sl__tl_gran("2010-04-20TEV", &f), TL_DAY);
  assert_int_equal(sl__tl_gran("2010-04", &f), TL_MONTH);
  assert_int_equal(sl__tl_gran("2014", &f), TL_YEAR);
  assert_int_equal(sl__tl_gran("2010-W07", &f), TL_NONE);
  assert_int_equal(sl__tl_gran("2020-Q1", &f), TL_NONE);
  assert_int_equal(sl__tl_gran("XXXX-03-03", &f), TL_NONE);
  assert_int_equal(sl__tl_gran("P3M", &f), TL_NONE);
  assert_int_equal(sl__tl_gran(NULL, &f), TL_NONE);
}

/* A sentence that ends on a day with its year is a photo caption's; one
 * that ends on a year alone, or states its day by the verb, is not. */
static void test_caption(void **state) {
  (void)state;
  sl_story_sent s[4];
  s[0] = S(1, "wire", "2021-03-02", 0, "2021-03-01",
           "Rescuers search the rubble of a school in Harlow, Monday, March "
           "1, 2021.");
  s[0].expr = "Monday, March 1, 2021";
  s[1] = S(2, "wire", "2021-03-02", 0, "2021-03-01",
           "On March 1, 2021, the school in Harlow collapsed after heavy "
           "rain weakened its foundations.");
  s[1].expr = "March 1, 2021";
  s[2] = S(3, "wire", "2021-03-02", 0, "2014",
           "The old flood wall was built in 2014.");
  s[2].expr = "2014";
  s[3] = S(4, "wire", "2021-03-02", 0, NULL, "Nothing here states a date.");
  for (int i = 0; i < 4; i++)
    s[i].expr_len = s[i].expr ? strlen(s[i].expr) : 0;
  uint32_t which[] = {0, 1, 2, 3};
  tl_sent v[4] = {{0}};
  sl_vec df = SL_VEC_INIT(uint32_t);
  uint32_t n_terms = 0;
  assert_int_equal(sl__tl_words(s, which, 4, v, &df, &n_terms), SL_OK);
  assert_true(v[0].caption);
  assert_false(v[1].caption);
  assert_false(v[2].caption);
  assert_false(v[3].caption);
  assert_int_equal(n_terms, df.len);
  for (int i = 0; i < 4; i++)
    free(v[i].terms);
  sl_vec_release(&df);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_days_and_merges),
      cmocka_unit_test(test_order_and_filters),
      cmocka_unit_test(test_stated_and_published),
      cmocka_unit_test(test_background),
      cmocka_unit_test(test_bounds),
      cmocka_unit_test(test_empty_and_errors),
      cmocka_unit_test(test_calendar),
      cmocka_unit_test(test_caption),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
