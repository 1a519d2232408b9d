/* storyline tests: the named-entity tagger: the shipped model on a few
 * sentences, CoNLL in and out, conlleval's counts, training (the same
 * input gives the same bytes), and bad models and texts. */
#include "sl_test.h"

#include "base/buf.h"
#include "storyline/who.h"

static char *read_bin(const char *rel, size_t *len) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", sl_test_source_dir(), rel);
  FILE *f = fopen(path, "rb");
  if (!f)
    fail_msg("cannot read '%s'", path);
  fseek(f, 0, SEEK_END);
  *len = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc(*len + 1);
  assert_non_null(b);
  assert_int_equal(fread(b, 1, *len, f), *len);
  fclose(f);
  return b;
}

static sl_ner_model *shipped(void) {
  size_t len;
  char *bytes = read_bin("models/ner.model", &len);
  sl_ner_model *m = NULL;
  assert_int_equal(sl_ner_load(bytes, len, &m, NULL), SL_OK);
  free(bytes);
  return m;
}

/* Asserts that `text` holds mention `words` of type `type`. */
static void expect(const char *text, const sl_mention *m, size_t n,
                   const char *words, int type) {
  for (size_t i = 0; i < n; i++)
    if (m[i].end - m[i].start == strlen(words) &&
        !memcmp(text + m[i].start, words, strlen(words))) {
      assert_string_equal(sl_ent_type_str(m[i].type), sl_ent_type_str(type));
      return;
    }
  for (size_t i = 0; i < n; i++)
    print_message("  found '%.*s' %s\n", (int)(m[i].end - m[i].start),
                  text + m[i].start, sl_ent_type_str(m[i].type));
  fail_msg("no mention '%s'", words);
}

static void test_tag_text(void **state) {
  (void)state;
  sl_ner_model *m = shipped();
  const char *t = "German Chancellor Angela Merkel met Libyan leader Muammar "
                  "Gaddafi in Berlin on Monday, Reuters reported.\n\n"
                  "The European Union and the United Nations said Merkel's "
                  "visit to Tripoli was planned.";
  sl_mention *ms;
  size_t n;
  assert_int_equal(sl_ner_tag_text(m, t, strlen(t), &ms, &n), SL_OK);
  expect(t, ms, n, "Angela Merkel", SL_ENT_PER);
  expect(t, ms, n, "Muammar Gaddafi", SL_ENT_PER);
  expect(t, ms, n, "Berlin", SL_ENT_LOC);
  expect(t, ms, n, "Reuters", SL_ENT_ORG);
  expect(t, ms, n, "German", SL_ENT_MISC);
  expect(t, ms, n, "European Union", SL_ENT_ORG);
  expect(t, ms, n, "Merkel", SL_ENT_PER); /* the 's is not part of it */
  expect(t, ms, n, "Tripoli", SL_ENT_LOC);
  for (size_t i = 1; i < n; i++)
    assert_true(ms[i - 1].end <= ms[i].start);
  assert_int_equal(ms[n - 1].sentence, 1);
  free(ms);
  assert_int_equal(sl_ner_tag_text(m, "", 0, &ms, &n), SL_OK);
  assert_int_equal(n, 0);
  assert_int_equal(sl_ner_tag_text(m, "a\xff b", 4, &ms, &n), SL_EUTF8);
  assert_int_equal(sl_ner_tag_text(m, "a\0b", 3, &ms, &n), SL_EUTF8);
  sl_ner_free(m);
}

/* A "sentence" of 3,000 tokens (a list, a page without full stops) is
 * tagged in pieces of a bounded size: names are found from its first
 * words to its last, at their offsets. */
static void test_tag_long_sentence(void **state) {
  (void)state;
  sl_ner_model *m = shipped();
  const char *clause = "Angela Merkel met Muammar Gaddafi in Berlin";
  enum { CLAUSES = 375 }; /* 8 tokens each, with the "and" */
  sl_buf t = SL_BUF_INIT;
  for (size_t i = 0; i < CLAUSES; i++)
    assert_int_equal(sl_buf_printf(&t, "%s%s", i ? " and " : "", clause),
                     SL_OK);
  sl_mention *ms;
  size_t n;
  assert_int_equal(sl_ner_tag_text(m, t.ptr, t.len, &ms, &n), SL_OK);
  assert_true(n >= 3 * CLAUSES - 3); /* a name may straddle two pieces */
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(ms[i].sentence, 0);
    assert_true(ms[i].end <= t.len);
    assert_true(i == 0 || ms[i - 1].end <= ms[i].start);
  }
  expect(t.ptr, ms, 3, "Angela Merkel", SL_ENT_PER);
  /* The last clause, past the last cut: its three names. */
  size_t tail = t.len - strlen(clause);
  assert_int_equal(ms[n - 3].start, tail);
  assert_int_equal(ms[n - 3].end, tail + strlen("Angela Merkel"));
  assert_string_equal(sl_ent_type_str(ms[n - 3].type), "PER");
  assert_int_equal(ms[n - 1].end, t.len);
  assert_string_equal(sl_ent_type_str(ms[n - 1].type), "LOC"); /* Berlin */
  free(ms);
  sl_buf_release(&t);
  sl_ner_free(m);
}

static void test_conll(void **state) {
  (void)state;
  sl_ner_model *m = shipped();
  const char *in = "EU NNP I-NP\nrejects VBZ I-VP\nGerman JJ I-NP\ncall NN "
                   "I-NP\n\nPeter NNP I-NP\nBlackburn NNP I-NP\n\n"
                   "-DOCSTART- -X- O\n\nBRUSSELS NNP I-NP\n";
  char *out;
  size_t len;
  assert_int_equal(sl_ner_tag_conll(m, in, strlen(in), &out, &len), SL_OK);
  assert_int_equal(strlen(out), len);
  assert_string_equal(out, "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\n"
                           "German JJ I-NP I-MISC\ncall NN I-NP O\n\n"
                           "Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n"
                           "\n-DOCSTART- -X- O\n\nBRUSSELS NNP I-NP I-LOC\n");
  free(out);
  assert_int_equal(sl_ner_tag_conll(m, "", 0, &out, &len), SL_OK);
  assert_int_equal(len, 0);
  free(out);
  sl_ner_free(m);
}

static void test_eval(void **state) {
  (void)state;
  /* gold: [Peter Blackburn]PER [EU]ORG; found: [Peter]PER [Blackburn]PER
   * (B- splits), [EU]ORG, [Bonn]LOC. */
  const char *t = "Peter I-PER I-PER\nBlackburn I-PER B-PER\nand O O\n"
                  "EU I-ORG I-ORG\n\nBonn O I-LOC\n";
  sl_ner_scores s;
  assert_int_equal(sl_ner_eval_conll(t, strlen(t), &s), SL_OK);
  assert_int_equal(s.all.gold, 2);
  assert_int_equal(s.all.found, 4);
  assert_int_equal(s.all.correct, 1);
  assert_int_equal(s.type[SL_ENT_PER].found, 2);
  assert_int_equal(s.type[SL_ENT_ORG].correct, 1);
  assert_true(s.all.f1 > 0.333 && s.all.f1 < 0.334);
  assert_int_equal(s.tokens, 5);
}

static const char TRAIN[] =
    "John I-PER\nSmith I-PER\nvisited O\nParis I-LOC\n.\tO\n\n"
    "Reuters I-ORG\nreported O\nfrom O\nBerlin I-LOC\n. O\n\n"
    "-DOCSTART- -X- O\n\nMary I-PER\nJones I-PER\njoined O\nGoogle I-ORG\n"
    ". O\n";

static void test_train(void **state) {
  (void)state;
  sl_ner_train_opts o = {0};
  o.train = TRAIN;
  o.train_len = sizeof TRAIN - 1;
  o.gaz[SL_GAZ_COUNTRY] = "France\nUnited Kingdom\n";
  o.gaz_len[SL_GAZ_COUNTRY] = strlen(o.gaz[SL_GAZ_COUNTRY]);
  o.epochs = 5;
  o.seed = 7;
  char *a, *b;
  size_t na, nb;
  assert_int_equal(sl_ner_train(&o, &a, &na, NULL), SL_OK);
  assert_int_equal(sl_ner_train(&o, &b, &nb, NULL), SL_OK);
  assert_int_equal(na, nb);
  assert_memory_equal(a, b, na);
  sl_ner_model *m;
  assert_int_equal(sl_ner_load(a, na, &m, NULL), SL_OK);
  char *out;
  size_t len;
  const char *in = "Mary\nJones\njoined\nGoogle\n.\n";
  assert_int_equal(sl_ner_tag_conll(m, in, strlen(in), &out, &len), SL_OK);
  assert_string_equal(out, "Mary I-PER\nJones I-PER\njoined O\nGoogle "
                           "I-ORG\n. O\n");
  free(out);
  sl_ner_free(m);
  free(a);
  free(b);
  o.train = "\n\n";
  o.train_len = 2;
  sl_error err;
  assert_int_equal(sl_ner_train(&o, &a, &na, &err), SL_EPARSE);
}

static void test_bad_model(void **state) {
  (void)state;
  sl_ner_model *m = (sl_ner_model *)1;
  sl_error err;
  assert_int_equal(sl_ner_load("nonsense", 8, &m, &err), SL_EPARSE);
  assert_null(m);
  size_t len;
  char *bytes = read_bin("models/ner.model", &len);
  for (size_t cut = 0; cut < 2000; cut += 97)
    assert_int_equal(sl_ner_load(bytes, cut, &m, NULL), SL_EPARSE);
  assert_int_equal(sl_ner_load(bytes, len - 1, &m, NULL), SL_EPARSE);
  free(bytes);
  sl_ner_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tag_text), cmocka_unit_test(test_tag_long_sentence),
      cmocka_unit_test(test_conll),    cmocka_unit_test(test_eval),
      cmocka_unit_test(test_train),    cmocka_unit_test(test_bad_model)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
