/* Tests of the article model: setters own copies, release frees and
 * re-initialises. */
#include "sl_test.h"

#include "storyline/article.h"

static void test_set_copies_and_clears(void **state) {
  (void)state;
  sl_article a;
  sl_article_init(&a);
  char src[] = "Norvale Daily";
  assert_int_equal(sl_article_set(&a.source, src, 7), SL_OK);
  src[0] = 'X';
  assert_string_equal(a.source, "Norvale");
  assert_int_equal(sl_article_set(&a.source, NULL, 0), SL_OK);
  assert_null(a.source);
  assert_int_equal(sl_article_set(&a.title, "", 0), SL_OK);
  assert_string_equal(a.title, "");
  sl_article_release(&a);
  assert_null(a.title);
  assert_int_equal(a.id, 0);
  sl_article_release(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_set_copies_and_clears),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
