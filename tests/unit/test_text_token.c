/* Tests of the tokenizer: golden cases (tests/golden/text/tokens.txt) and
 * the flags and offsets. */
#include "sl_test.h"

#include "base/buf.h"
#include "text/token.h"

static const char kinds[] = "?WNAPS";

static void render(const char *text, const sl_vec *toks, sl_buf *out) {
  sl_buf_clear(out);
  for (size_t i = 0; i < toks->len; i++) {
    const sl_token *t = &SL_VEC_AT(toks, sl_token, i);
    assert_int_equal(sl_buf_printf(out, "%s%c:%.*s", i ? " " : "",
                                   kinds[t->kind], (int)t->len,
                                   text + t->start),
                     SL_OK);
  }
}

static void test_golden(void **state) {
  (void)state;
  char *file = sl_test_read("tests/golden/text/tokens.txt"), *cur = file;
  char *line, *input = NULL;
  sl_buf got = SL_BUF_INIT;
  sl_vec toks = SL_VEC_INIT(sl_token);
  int cases = 0, failures = 0;
  while ((line = sl_test_next_line(&cur))) {
    if (strncmp(line, "> ", 2) == 0) {
      input = line + 2;
      sl_test_unescape(input);
    } else if (strncmp(line, "= ", 2) == 0 && input) {
      sl_vec_clear(&toks);
      assert_int_equal(sl_tokenize(input, strlen(input), &toks), SL_OK);
      render(input, &toks, &got);
      cases++;
      if (strcmp(got.ptr, line + 2) != 0) {
        printf("input:    %s\nexpected: %s\ngot:      %s\n", input, line + 2,
               got.ptr);
        failures++;
      }
    }
  }
  printf("%d token cases\n", cases);
  assert_true(cases >= 40);
  assert_int_equal(failures, 0);
  sl_buf_release(&got);
  sl_vec_release(&toks);
  free(file);
}

static void test_flags(void **state) {
  (void)state;
  const char *text = "KELM quake\n\nNew para\nnext Line";
  sl_vec toks = SL_VEC_INIT(sl_token);
  assert_int_equal(sl_tokenize(text, strlen(text), &toks), SL_OK);
  assert_int_equal(toks.len, 6);
  const sl_token *t = toks.data;
  assert_true(t[0].flags & SL_TOKF_UPPER);
  assert_true(t[0].flags & SL_TOKF_CAP);
  assert_false(t[0].flags & SL_TOKF_SPACE);
  assert_true(t[1].flags & SL_TOKF_SPACE);
  assert_false(t[1].flags & (SL_TOKF_CAP | SL_TOKF_NEWLINE));
  assert_true(t[2].flags & SL_TOKF_PARA);
  assert_true(t[4].flags & SL_TOKF_NEWLINE);
  assert_false(t[4].flags & SL_TOKF_PARA);
  assert_int_equal(t[5].start, strlen(text) - 4);
  assert_int_equal(t[5].len, 4);
  sl_vec_clear(&toks);
  const char *mixed = "al-Qadhafi's 3rd";
  assert_int_equal(sl_tokenize(mixed, strlen(mixed), &toks), SL_OK);
  assert_int_equal(toks.len, 2);
  t = toks.data;
  assert_true(t[0].flags & SL_TOKF_HYPHEN);
  assert_true(t[0].flags & SL_TOKF_APOS);
  assert_false(t[0].flags & SL_TOKF_CAP);
  assert_true(t[1].flags & SL_TOKF_DIGIT);
  sl_vec_release(&toks);
}

/* A text that is not NUL-terminated is read up to its length only: a
 * number at its very end (ASan catches a read past the buffer). */
static void test_no_terminator(void **state) {
  (void)state;
  static const char *const texts[] = {"12", "Born in 1990", "x 3", "O'"};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    size_t len = strlen(texts[i]);
    char *exact = malloc(len);
    assert_non_null(exact);
    memcpy(exact, texts[i], len);
    sl_vec toks;
    sl_vec_init(&toks, sizeof(sl_token));
    assert_int_equal(sl_tokenize(exact, len, &toks), SL_OK);
    assert_true(toks.len > 0);
    const sl_token *last = &SL_VEC_AT(&toks, sl_token, toks.len - 1);
    assert_true(last->start + last->len <= len);
    sl_vec_release(&toks);
    free(exact);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden),
      cmocka_unit_test(test_flags),
      cmocka_unit_test(test_no_terminator),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
