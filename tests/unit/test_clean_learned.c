/* Tests of what cleaning learns or decides across a whole text: boilerplate
 * learned per source (threshold, the articles to revisit, persistence,
 * bounded memory), the masthead line, and glued articles split at a new
 * headline but not at a section heading of the same article. */
#include "sl_test.h"

#include "clean/boiler.h"
#include "clean/clean.h"

static const char footer[] =
    "Comments are moderated and may take up to 24 hours to appear.";

/* An article body: a subject line, then the outlet's footer. */
static void body(char *out, size_t cap, int n) {
  snprintf(out, cap, "Story number %d is about topic %d alone.\n\n%s", n, n * 7,
           footer);
}

static void test_boiler_learns_per_source(void **state) {
  (void)state;
  sl_boiler *b = sl_boiler_new(3, 0);
  assert_non_null(b);
  uint64_t post = sl_boiler_source("The Post", 8);
  uint64_t ledger = sl_boiler_source("Ledger", 6);
  uint64_t line = sl_boiler_line_hash(footer, strlen(footer));
  sl_vec revisit;
  sl_vec_init(&revisit, sizeof(int64_t));
  char text[256];
  for (int id = 1; id <= 2; id++) {
    body(text, sizeof text, id);
    assert_int_equal(
        sl_boiler_observe(b, post, text, strlen(text), id, &revisit), SL_OK);
  }
  /* Two articles hold it: not yet boilerplate; another source's count is
   * its own. */
  assert_false(sl_boiler_known(b, post, line));
  body(text, sizeof text, 3);
  assert_int_equal(
      sl_boiler_observe(b, ledger, text, strlen(text), 3, &revisit), SL_OK);
  assert_false(sl_boiler_known(b, post, line));
  assert_int_equal(revisit.len, 0);
  /* The third article of the source makes it boilerplate and names the
   * two before it and itself. */
  body(text, sizeof text, 4);
  assert_int_equal(sl_boiler_observe(b, post, text, strlen(text), 4, &revisit),
                   SL_OK);
  assert_true(sl_boiler_known(b, post, line));
  assert_false(sl_boiler_known(b, ledger, line));
  assert_int_equal(revisit.len, 3);
  assert_int_equal(SL_VEC_AT(&revisit, int64_t, 0), 1);
  assert_int_equal(SL_VEC_AT(&revisit, int64_t, 1), 2);
  assert_int_equal(SL_VEC_AT(&revisit, int64_t, 2), 4);
  assert_int_equal(sl_boiler_count(b), 1);
  /* Case and punctuation do not make another line. */
  assert_int_equal(sl_boiler_line_hash("Read more, here!", 16),
                   sl_boiler_line_hash("read more here", 14));
  sl_vec_release(&revisit);
  sl_boiler_free(b);
}

static sl_status save(void *ud, const sl_boiler_entry *e) {
  return sl_boiler_load(ud, e);
}

static void test_boiler_persists_and_cleans(void **state) {
  (void)state;
  sl_boiler *b = sl_boiler_new(2, 0), *copy = sl_boiler_new(2, 0);
  assert_non_null(b);
  assert_non_null(copy);
  uint64_t src = sl_boiler_source("Radio", 5);
  sl_vec revisit;
  sl_vec_init(&revisit, sizeof(int64_t));
  char text[256];
  for (int id = 1; id <= 2; id++) {
    body(text, sizeof text, id);
    assert_int_equal(
        sl_boiler_observe(b, src, text, strlen(text), id, &revisit), SL_OK);
  }
  /* What changed is flushed once, and loads into an equal model. */
  assert_int_equal(sl_boiler_flush(b, save, copy), SL_OK);
  assert_int_equal(sl_boiler_count(copy), 1);
  sl_boiler *empty = sl_boiler_new(2, 0);
  assert_int_equal(sl_boiler_flush(b, save, empty), SL_OK);
  assert_int_equal(sl_boiler_count(empty), 0);
  sl_boiler_free(empty);
  /* Cleaning with the model takes the footer out, and a line that is the
   * source's own name. */
  sl_cleaned c;
  sl_cleaned_init(&c);
  snprintf(text, sizeof text, "Radio\nA new subject for today.\n%s", footer);
  assert_int_equal(sl_clean_debris_with(text, strlen(text), copy, src, &c),
                   SL_OK);
  assert_string_equal(c.text.ptr, "A new subject for today.");
  assert_int_equal(c.removed.len, 2);
  assert_int_equal(SL_VEC_AT(&c.removed, sl_removed, 0).reason,
                   SL_DEBRIS_MASTHEAD);
  assert_int_equal(SL_VEC_AT(&c.removed, sl_removed, 1).reason,
                   SL_DEBRIS_BOILERPLATE);
  /* Another source keeps it. */
  assert_int_equal(sl_clean_debris_with(text, strlen(text), copy,
                                        sl_boiler_source("Other", 5), &c),
                   SL_OK);
  assert_int_equal(c.removed.len, 0);
  sl_cleaned_release(&c);
  sl_vec_release(&revisit);
  sl_boiler_free(b);
  sl_boiler_free(copy);
}

static void test_boiler_bounded(void **state) {
  (void)state;
  /* A table of 1024 lines: 5,000 distinct lines seen once are forgotten,
   * a line seen in every article survives and becomes boilerplate. */
  sl_boiler *b = sl_boiler_new(3, 1024);
  assert_non_null(b);
  uint64_t src = sl_boiler_source("S", 1);
  sl_vec revisit;
  sl_vec_init(&revisit, sizeof(int64_t));
  char text[256];
  for (int id = 1; id <= 5000; id++) {
    body(text, sizeof text, id);
    assert_int_equal(
        sl_boiler_observe(b, src, text, strlen(text), id, &revisit), SL_OK);
  }
  assert_true(
      sl_boiler_known(b, src, sl_boiler_line_hash(footer, strlen(footer))));
  assert_int_equal(sl_boiler_count(b), 1);
  sl_vec_release(&revisit);
  sl_boiler_free(b);
}

/* Splits a text and returns the number of parts; `second` gets the start
 * of the second part's first line. */
static size_t split(const char *text, const char **second) {
  sl_vec starts;
  sl_vec_init(&starts, sizeof(size_t));
  assert_int_equal(sl_split_glued(text, strlen(text), &starts), SL_OK);
  size_t n = starts.len;
  assert_true(n >= 1);
  assert_int_equal(SL_VEC_AT(&starts, size_t, 0), 0);
  *second = n > 1 ? text + SL_VEC_AT(&starts, size_t, 1) : NULL;
  sl_vec_release(&starts);
  return n;
}

static void test_glued_sample(void **state) {
  (void)state;
  char *t =
      sl_test_read("samples/text/radio-kestrel/2026-03-12-ferry-fares.txt");
  const char *second;
  assert_int_equal(split(t, &second), 2);
  assert_memory_equal(second, "Storm Elsa brings gales", 23);
  free(t);
}

static void test_glued_negatives(void **state) {
  (void)state;
  const char *second;
  /* A section heading of the same article: its words are the article's. */
  const char *sections =
      "Harbour board approves new ferry terminal\n\n"
      "The harbour board approved plans for a new ferry terminal on Monday, "
      "ending two years of debate over the site.\n\n"
      "The terminal will cost 40 million crowns and open in 2028, the board "
      "said.\n\n"
      "What the new terminal means for ferry passengers\n\n"
      "Passengers will board the ferry from a covered terminal hall, and the "
      "harbour board promised shorter queues at the terminal gates.\n\n"
      "The board said ferry timetables would not change.";
  assert_int_equal(split(sections, &second), 1);
  /* A headline-like line that ends the text opens nothing. */
  const char *tail = "Council backs tram plan\n\n"
                     "The council voted for the new tram line on Tuesday, "
                     "after a long debate about its cost and route.\n\n"
                     "Weather forecast for the weekend";
  assert_int_equal(split(tail, &second), 1);
  /* Too short to tell. */
  assert_int_equal(
      split("One line.\n\nOther Things Happen Here\n\nOk.", &second), 1);
  assert_int_equal(split("", &second), 1);
}

/* A word of six letters that only part `part` uses ("qxbaaf"): glued
 * parts share none, and their keys (first six bytes) differ. */
static void part_word(char out[8], size_t part, size_t k, bool cap) {
  size_t n = part * 32 + k;
  out[0] = cap ? 'Q' : 'q';
  out[1] = 'x';
  for (int i = 5; i >= 2; i--, n /= 26)
    out[i] = (char)('a' + n % 26);
  out[6] = '\0';
}

/* Thousands of short articles glued into one text: each is found where it
 * starts, and the cost of finding them does not grow with the square of
 * the text (every headline is a candidate cut). */
static void test_glued_many(void **state) {
  (void)state;
  enum { PARTS = 3000 };
  sl_buf t = SL_BUF_INIT;
  size_t *at = malloc(PARTS * sizeof *at);
  assert_non_null(at);
  char w[8];
  for (size_t i = 0; i < PARTS; i++) {
    at[i] = t.len;
    for (size_t k = 0; k < 4; k++) {
      part_word(w, i, k, true);
      assert_int_equal(sl_buf_printf(&t, "%s%s", k ? " " : "", w), SL_OK);
    }
    assert_int_equal(sl_buf_puts(&t, "\n\nThe"), SL_OK);
    for (size_t k = 4; k < 24; k++) {
      part_word(w, i, k, false);
      assert_int_equal(sl_buf_printf(&t, " %s%s", w, k == 9 ? "." : ""), SL_OK);
      if (k == 9)
        assert_int_equal(sl_buf_puts(&t, "\n\nThen"), SL_OK);
    }
    assert_int_equal(sl_buf_puts(&t, " again.\n\n"), SL_OK);
  }
  sl_vec starts;
  sl_vec_init(&starts, sizeof(size_t));
  assert_int_equal(sl_split_glued(t.ptr, t.len, &starts), SL_OK);
  assert_int_equal(starts.len, PARTS);
  for (size_t i = 0; i < PARTS; i++)
    assert_int_equal(SL_VEC_AT(&starts, size_t, i), at[i]);
  sl_vec_release(&starts);
  free(at);
  sl_buf_release(&t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_boiler_learns_per_source),
      cmocka_unit_test(test_boiler_persists_and_cleans),
      cmocka_unit_test(test_boiler_bounded),
      cmocka_unit_test(test_glued_sample),
      cmocka_unit_test(test_glued_negatives),
      cmocka_unit_test(test_glued_many),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
