/* Tests of matching keys (NFKC, case fold, punctuation mapping) and of
 * Snowball stemming by language code. */
#include "sl_test.h"

#include "base/buf.h"
#include "text/norm.h"
#include "text/stem.h"

static void expect_key(const char *in, const char *want) {
  sl_buf out = SL_BUF_INIT;
  assert_int_equal(sl_norm_key(in, strlen(in), &out), SL_OK);
  if (strcmp(out.ptr, want) != 0)
    fail_msg("key of '%s': expected '%s', got '%s'", in, want, out.ptr);
  sl_buf_release(&out);
}

static void test_keys(void **state) {
  (void)state;
  expect_key("Al‐Qadhafi’s", "al-qadhafi's"); /* U+2010, U+2019 */
  expect_key("al-qadhafi's", "al-qadhafi's");
  expect_key("“Quoted” – text", "\"quoted\" - text"); /* quotes, en dash */
  expect_key("MUAMMAR  \t Gaddafi\n", "muammar gaddafi");
  expect_key("Straße", "strasse"); /* case fold */
  expect_key("ΣΟΦΟΣ", "σοφοσ");
  expect_key("ﬁnance", "finance");           /* NFKC ligature */
  expect_key("ＡＢＣ１２３", "abc123");      /* full width */
  expect_key("Cafe\xCC\x81", "caf\xC3\xA9"); /* e + combining acute */
  expect_key("محمـــد", "محمد");             /* tatweel removed */
  expect_key("soft\xC2\xADhyphen", "softhyphen");
  expect_key("zero\xE2\x80\x8Bwidth", "zerowidth");
  expect_key("non\xC2\xA0"
             "breaking",
             "non breaking");
  expect_key("İstanbul", "i\xCC\x87stanbul"); /* full fold of U+0130 */
  expect_key("", "");
  expect_key("   ", "");
}

static void test_key_appends(void **state) {
  (void)state;
  sl_buf out = SL_BUF_INIT;
  assert_int_equal(sl_buf_puts(&out, "A|"), SL_OK);
  assert_int_equal(sl_norm_key(" Kelm ", 6, &out), SL_OK);
  assert_string_equal(out.ptr, "A|kelm");
  sl_buf_release(&out);
}

static void expect_stem(sl_stemmers *s, const char *lang, const char *word,
                        const char *want) {
  sl_str out;
  assert_int_equal(sl_stem(s, lang, word, strlen(word), &out), SL_OK);
  if (out.len != strlen(want) || memcmp(out.ptr, want, out.len) != 0)
    fail_msg("stem %s '%s': expected '%s', got '%.*s'", lang ? lang : "-", word,
             want, (int)out.len, out.ptr);
}

static void test_stems(void **state) {
  (void)state;
  sl_stemmers *s = sl_stemmers_new();
  expect_stem(s, "en", "running", "run");
  expect_stem(s, "en", "earthquakes", "earthquak");
  expect_stem(s, "fr", "chevaux", "cheval"); /* aux -> al */
  expect_stem(s, "de", "verabschiedet", "verabschiedet");
  expect_stem(s, "es", "estibadores", "estib");
  expect_stem(s, "ru", "переговорах", "переговор");
  expect_stem(s, "ar", "المعلمين", "معلم"); /* article and plural off */
  expect_stem(s, "ar", "المعلمون", "معلم");
  expect_stem(s, "ar", "الكتاب", "كتاب");
  expect_stem(s, "tr", "kitapları", "kitap");
  expect_stem(s, "xx", "unchanged", "unchanged");
  expect_stem(s, NULL, "unchanged", "unchanged");
  expect_stem(s, "zh", "北京", "北京");
  assert_true(sl_stem_supported("en"));
  assert_true(sl_stem_supported("ar"));
  assert_false(sl_stem_supported("zh"));
  assert_false(sl_stem_supported(NULL));
  sl_stemmers_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_keys),
      cmocka_unit_test(test_key_appends),
      cmocka_unit_test(test_stems),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
