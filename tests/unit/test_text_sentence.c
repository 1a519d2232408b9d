/* Tests of the sentence splitter: golden cases
 * (tests/golden/text/sentences.txt) and the coverage invariant. */
#include "sl_test.h"

#include "base/buf.h"
#include "text/sentence.h"

/* Splits `input` and compares with `want` (sentences joined by '\n' after
 * escaping newlines inside them). Returns whether they match. */
static bool check(const char *input, const char *want, sl_buf *got) {
  sl_vec toks = SL_VEC_INIT(sl_token), sents = SL_VEC_INIT(sl_sentence);
  size_t len = strlen(input);
  assert_int_equal(sl_tokenize(input, len, &toks), SL_OK);
  assert_int_equal(sl_sentences(input, len, toks.data, toks.len, &sents),
                   SL_OK);
  sl_buf_clear(got);
  size_t covered = 0;
  for (size_t i = 0; i < sents.len; i++) {
    const sl_sentence *s = &SL_VEC_AT(&sents, sl_sentence, i);
    covered += s->tok_end - s->tok_begin;
    for (uint32_t k = s->start; k < s->end; k++)
      assert_int_equal(input[k] == '\n' ? sl_buf_puts(got, "\\n")
                                        : sl_buf_putc(got, input[k]),
                       SL_OK);
    assert_int_equal(sl_buf_putc(got, '\n'), SL_OK);
  }
  assert_int_equal(covered, toks.len); /* every token in one sentence */
  sl_vec_release(&toks);
  sl_vec_release(&sents);
  return strcmp(got->ptr, want) == 0;
}

static void test_golden(void **state) {
  (void)state;
  char *file = sl_test_read("tests/golden/text/sentences.txt"), *cur = file;
  sl_buf want = SL_BUF_INIT, got = SL_BUF_INIT;
  char *line, *input = NULL;
  int cases = 0, failures = 0;
  for (bool more = true; more;) {
    line = sl_test_next_line(&cur);
    more = line != NULL;
    if (line && strncmp(line, "- ", 2) == 0) {
      assert_int_equal(sl_buf_printf(&want, "%s\n", line + 2), SL_OK);
      continue;
    }
    if (input) {
      cases++;
      if (!check(input, want.ptr, &got)) {
        printf("input: %s\nexpected:\n%sgot:\n%s", input, want.ptr, got.ptr);
        failures++;
      }
      input = NULL;
    }
    if (line && strncmp(line, "> ", 2) == 0) {
      input = line + 2;
      sl_test_unescape(input);
      sl_buf_clear(&want);
    }
  }
  printf("%d sentence cases\n", cases);
  assert_true(cases >= 40);
  assert_int_equal(failures, 0);
  sl_buf_release(&want);
  sl_buf_release(&got);
  free(file);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_golden)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
