/* storyline tests: quotes attributed to who said them: direct speech with
 * the verb after or before it, pronouns, reported speech, "according to",
 * and quote marks with no speaker. */
#include "sl_test.h"

#include "storyline/who.h"

enum { MAX_M = 32 };

typedef struct marked {
  char text[1024];
  size_t len;
  sl_mention m[MAX_M];
  size_t n;
} marked;

/* "[Blinken|PER] said" -> text and mentions (types by their first letter:
 * P, O, L, M); a case too long for `marked` fails rather than overflows. */
static void parse(const char *src, marked *d) {
  d->len = d->n = 0;
  for (const char *p = src; *p;) {
    if (*p != '[') {
      assert_true(d->len + 1 < sizeof d->text);
      d->text[d->len++] = *p++;
      continue;
    }
    const char *bar = strchr(p, '|'), *end = bar ? strchr(bar, ']') : NULL;
    assert_non_null(end);
    assert_true(d->n < MAX_M);
    size_t words = (size_t)(bar - p - 1);
    assert_true(d->len + words < sizeof d->text);
    sl_mention *m = &d->m[d->n++];
    *m = (sl_mention){.start = (uint32_t)d->len};
    memcpy(d->text + d->len, p + 1, words);
    d->len += words;
    m->end = (uint32_t)d->len;
    m->type = bar[1] == 'P'   ? SL_ENT_PER
              : bar[1] == 'O' ? SL_ENT_ORG
              : bar[1] == 'L' ? SL_ENT_LOC
                              : SL_ENT_MISC;
    p = end + 1;
  }
  d->text[d->len] = '\0';
}

typedef struct want {
  const char *quote, *speaker, *who;
  int kind;
} want;

static void check(const char *src, const want *w, size_t nw) {
  static marked d;
  parse(src, &d);
  sl_quote *q;
  size_t n;
  assert_int_equal(sl_quotes_find(d.text, d.len, d.m, d.n, &q, &n), SL_OK);
  for (size_t i = 0; i < n; i++)
    print_message("  quote '%.*s' speaker %d who '%.*s'\n",
                  (int)(q[i].end - q[i].start), d.text + q[i].start,
                  q[i].speaker, (int)(q[i].who_end - q[i].who_start),
                  d.text + q[i].who_start);
  assert_int_equal(n, nw);
  for (size_t i = 0; i < nw; i++) {
    char buf[512];
    snprintf(buf, sizeof buf, "%.*s", (int)(q[i].end - q[i].start),
             d.text + q[i].start);
    assert_string_equal(buf, w[i].quote);
    assert_int_equal(q[i].kind, w[i].kind);
    if (w[i].speaker) {
      assert_true(q[i].speaker >= 0);
      const sl_mention *m = &d.m[q[i].speaker];
      snprintf(buf, sizeof buf, "%.*s", (int)(m->end - m->start),
               d.text + m->start);
      assert_string_equal(buf, w[i].speaker);
    } else {
      assert_int_equal(q[i].speaker, -1);
    }
    snprintf(buf, sizeof buf, "%.*s", (int)(q[i].who_end - q[i].who_start),
             d.text + q[i].who_start);
    assert_string_equal(buf, w[i].who);
  }
  free(q);
}

static void test_direct(void **state) {
  (void)state;
  want w[] = {{"We stand with Ukraine", "Blinken", "Blinken", SL_QUOTE_DIRECT},
              {"The aid will continue as long as it takes", "Blinken", "he",
               SL_QUOTE_DIRECT},
              {"This is a turning point", "Volodymyr Zelensky",
               "Volodymyr Zelensky", SL_QUOTE_DIRECT}};
  check("\xe2\x80\x9cWe stand with Ukraine,\xe2\x80\x9d [Blinken|PER] told "
        "reporters in [Kyiv|LOC]. \"The aid will continue as long as it "
        "takes,\" he added. [Volodymyr Zelensky|PER] said: \xe2\x80\x9cThis "
        "is a turning point.\xe2\x80\x9d",
        w, 3);
}

static void test_said_name_after(void **state) {
  (void)state;
  want w[] = {{"Nobody is above the law", "Merrick Garland", "Merrick Garland",
               SL_QUOTE_DIRECT}};
  check("\"Nobody is above the law,\" said [Merrick Garland|PER].", w, 1);
}

static void test_reported(void **state) {
  (void)state;
  want w[] = {
      {"the rebels would be crushed", "Muammar Gaddafi", "Muammar Gaddafi",
       SL_QUOTE_REPORTED},
      {"Kadhafi will not step down", NULL,
       "a statement from the president's office", SL_QUOTE_REPORTED},
      {"The talks had stalled", "Reuters", "Reuters", SL_QUOTE_REPORTED}};
  check("[Muammar Gaddafi|PER] said on Monday that the rebels would be "
        "crushed. According to a statement from the president's office, "
        "[Kadhafi|PER] will not step down. The talks had stalled, according "
        "to [Reuters|ORG].",
        w, 3);
}

static void test_pronoun_and_apposition(void **state) {
  (void)state;
  /* "he" is the last person named outside the quote marks; a cue verb is
   * not reported speech; "according to her publicist, NAME". */
  want w[] = {{"She checked in", "Jack Ketsoyan",
               "her publicist, Jack Ketsoyan", SL_QUOTE_REPORTED},
              {"Tara was 100 percent professional", "Matthew O'Connor", "he",
               SL_QUOTE_DIRECT},
              {"Absolutely not", "O'Connor", "O'Connor", SL_QUOTE_DIRECT}};
  check("She checked in, according to her publicist, [Jack Ketsoyan|PER]. "
        "[Matthew O'Connor|PER] was surprised. \"[Tara|PER] was 100 percent "
        "professional,\" he told [E! News|ORG]. \"Absolutely not,\" "
        "[O'Connor|PER] said when asked whether there were signs.",
        w, 3);
}

static void test_no_speaker(void **state) {
  (void)state;
  /* Scare quotes, a title in quotes and a quote with no verb near. */
  check("The so-called \"peace plan\" failed. He read \"War and Peace\" "
        "twice. \"We will never give up the fight for our land\" was "
        "painted on the wall.",
        NULL, 0);
  sl_quote *q;
  size_t n;
  assert_int_equal(sl_quotes_find("\"", 1, NULL, 0, &q, &n), SL_OK);
  assert_int_equal(n, 0);
  assert_int_equal(sl_quotes_find("x\xc3", 2, NULL, 0, &q, &n), SL_EUTF8);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_direct), cmocka_unit_test(test_said_name_after),
      cmocka_unit_test(test_reported),
      cmocka_unit_test(test_pronoun_and_apposition),
      cmocka_unit_test(test_no_speaker)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
