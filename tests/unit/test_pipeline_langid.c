/* Language identification: short unit cases, and accuracy on the real
 * multilingual articles of ../shared/data/pairs/semeval2022-sample.jsonl.gz
 * (skipped when the data is absent). */
#include <jansson.h>
#include <zlib.h>

#include "sl_test.h"

#include "text/langid.h"

static void expect(const char *text, const char *want) {
  const char *got = sl_langid(text, strlen(text), NULL);
  if (!want ? got != NULL : !got || strcmp(got, want) != 0)
    fail_msg("'%s': expected %s, got %s", text, want ? want : "none",
             got ? got : "none");
}

static void test_short_texts(void **state) {
  (void)state;
  expect("The ferry to Tessaly resumed service this morning.", "en");
  expect("Les travaux du pont sont terminés et la circulation a repris.", "fr");
  expect("Ein neues Gesetz wurde am Dienstag im Parlament verabschiedet.",
         "de");
  expect("Los estibadores del puerto pararon el trabajo este miércoles.", "es");
  expect("Il governo ha approvato la legge che è stata discussa ieri.", "it");
  expect("Hükümet yeni yasayı salı günü meclise sundu ve kabul edildi.", "tr");
  expect("Rząd przyjął ustawę, która była długo dyskutowana w Sejmie.", "pl");
  expect("Москва заявила о переговорах с Киевом.", "ru");
  expect("Київ заявив про переговори з Москвою.", "uk");
  expect("قال الرئيس إن الحكومة ستعقد اجتماعا غدا", "ar");
  expect("北京市政府周一宣布了新的交通规定。", "zh");
  expect("東京都は月曜日に新しい規則を発表しました。", "ja");
  expect("서울시는 월요일에 새로운 규칙을 발표했다.", "ko");
  expect("O governo aprovou a lei que não foi discutida.", "pt");
  expect("", NULL);
  expect("12 345 678", NULL);
  double conf = 0;
  const char *en = "The quick report said that the council was in session.";
  sl_langid(en, strlen(en), &conf);
  assert_true(conf > 0.5 && conf <= 1.0);
}

/* Per-language counts on the SemEval texts. */
enum { MAX_LANGS = 32 };

typedef struct tally {
  char lang[8];
  int total, right;
} tally;

static void count(tally *t, int *n, const char *lang, const char *text) {
  if (!lang || !text || strlen(text) < 200)
    return;
  int i = 0;
  while (i < *n && strcmp(t[i].lang, lang) != 0)
    i++;
  if (i == *n) {
    if (*n == MAX_LANGS)
      fail_msg("more than %d languages in the data", MAX_LANGS);
    snprintf(t[i].lang, sizeof t[i].lang, "%s", lang);
    (*n)++;
  }
  const char *got = sl_langid(text, strlen(text), NULL);
  t[i].total++;
  t[i].right += got && strcmp(got, lang) == 0;
}

static void test_semeval_accuracy(void **state) {
  (void)state;
  char path[1024];
  const char *data = sl_test_shared_data();
  snprintf(path, sizeof path, "%s/pairs/semeval2022-sample.jsonl.gz",
           data ? data : "");
  gzFile gz = data ? gzopen(path, "rb") : NULL;
  if (!gz)
    skip();
  static char line[1 << 20];
  tally t[MAX_LANGS];
  memset(t, 0, sizeof t);
  int n = 0, every = sl_test_sample();
  for (long row = 0; gzgets(gz, line, sizeof line); row++) {
    if (row % every)
      continue;
    json_t *o = json_loads(line, 0, NULL);
    assert_non_null(o);
    for (int k = 1; k <= 2; k++) {
      char lk[8], tk[8];
      snprintf(lk, sizeof lk, "lang%d", k);
      snprintf(tk, sizeof tk, "text%d", k);
      count(t, &n, json_string_value(json_object_get(o, lk)),
            json_string_value(json_object_get(o, tk)));
    }
    json_decref(o);
  }
  gzclose(gz);
  int total = 0, right = 0;
  for (int i = 0; i < n; i++) {
    printf("langid %s: %d/%d = %.3f\n", t[i].lang, t[i].right, t[i].total,
           (double)t[i].right / t[i].total);
    total += t[i].total;
    right += t[i].right;
    assert_true((double)t[i].right / t[i].total >= 0.90);
  }
  printf("langid overall: %d/%d = %.4f (one row in %d)\n", right, total,
         (double)right / total, every);
  assert_true(total > 0);
  assert_true((double)right / total >= 0.95);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_short_texts),
      cmocka_unit_test(test_semeval_accuracy),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
