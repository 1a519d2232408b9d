/* storyline tests: alias merging: the golden cases of tests/golden/alias/
 * (transliterations, titles, acronyms, hard negatives) and the key. */
#include "sl_test.h"

#include "storyline/who.h"

enum { MAX_DOCS = 16, MAX_MENTIONS = 64 };

typedef struct gdoc {
  char text[2048];
  size_t len;
  sl_mention m[MAX_MENTIONS];
  size_t n;
} gdoc;

static int type_of(const char *s, size_t n) {
  for (int t = 0; t < SL_ENT__COUNT; t++)
    if (strlen(sl_ent_type_str(t)) == n && !strncmp(sl_ent_type_str(t), s, n))
      return t;
  fail_msg("unknown type '%.*s'", (int)n, s);
  return 0;
}

/* Reads "text with [words|TYPE] marks" into a document; a line too long
 * for it fails the test rather than overflowing it. */
static void parse_doc(const char *line, gdoc *d) {
  d->len = d->n = 0;
  for (const char *p = line; *p;) {
    if (*p != '[') {
      assert_true(d->len + 1 < sizeof d->text);
      d->text[d->len++] = *p++;
      continue;
    }
    const char *bar = strchr(p, '|'), *end = bar ? strchr(bar, ']') : NULL;
    assert_non_null(end);
    assert_true(d->n < MAX_MENTIONS);
    size_t words = (size_t)(bar - p - 1);
    assert_true(d->len + words < sizeof d->text);
    sl_mention *m = &d->m[d->n++];
    *m = (sl_mention){.start = (uint32_t)d->len};
    memcpy(d->text + d->len, p + 1, words);
    d->len += words;
    m->end = (uint32_t)d->len;
    m->type = (uint8_t)type_of(bar + 1, (size_t)(end - bar - 1));
    p = end + 1;
  }
  d->text[d->len] = '\0';
}

static const sl_entity *named(const sl_who *w, const char *name) {
  for (size_t i = 0; i < w->n; i++)
    if (!strcmp(w->entities[i].name, name))
      return &w->entities[i];
  for (size_t i = 0; i < w->n; i++)
    print_message("  entity '%s'\n", w->entities[i].name);
  fail_msg("no entity named '%s'", name);
  return NULL;
}

static bool has_form(const sl_entity *e, const char *form) {
  for (size_t k = 0; k < e->nforms; k++)
    if (!strcmp(e->forms[k].text, form))
      return true;
  return false;
}

static char *trim(char *s) {
  while (*s == ' ')
    s++;
  size_t n = strlen(s);
  while (n && s[n - 1] == ' ')
    s[--n] = '\0';
  return s;
}

static void check_same(const sl_who *w, char *spec, const char *file) {
  char *eq = strchr(spec, '=');
  assert_non_null(eq);
  *eq = '\0';
  const sl_entity *e = named(w, trim(spec));
  for (char *f = strtok(eq + 1, ";"); f; f = strtok(NULL, ";"))
    if (!has_form(e, trim(f)))
      fail_msg("%s: '%s' is not a form of '%s'", file, trim(f), e->name);
}

static void check_apart(const sl_who *w, char *spec) {
  const sl_entity *seen[16];
  size_t n = 0;
  for (char *f = strtok(spec, ";"); f && n < 16; f = strtok(NULL, ";")) {
    seen[n] = named(w, trim(f));
    for (size_t k = 0; k < n; k++)
      assert_ptr_not_equal(seen[k], seen[n]);
    n++;
  }
}

static void check_forms(const sl_who *w, char *spec) {
  char *eq = strchr(spec, '=');
  assert_non_null(eq);
  *eq = '\0';
  const sl_entity *e = named(w, trim(spec));
  assert_int_equal(e->nforms, (size_t)atoi(eq + 1));
}

static void run_case(const char *file) {
  char rel[256];
  snprintf(rel, sizeof rel, "tests/golden/alias/%s", file);
  char *buf = sl_test_read(rel), *cur = buf, *line;
  static gdoc docs[MAX_DOCS];
  sl_alias_doc in[MAX_DOCS];
  size_t nd = 0;
  sl_who w = {0};
  bool merged = false;
  while ((line = sl_test_next_line(&cur))) {
    if (!strncmp(line, "doc: ", 5)) {
      assert_true(nd < MAX_DOCS);
      parse_doc(line + 5, &docs[nd]);
      in[nd] =
          (sl_alias_doc){docs[nd].text, docs[nd].len, docs[nd].m, docs[nd].n};
      nd++;
      continue;
    }
    if (!merged && (line[0] == 's' || line[0] == 'a' || line[0] == 'f')) {
      assert_int_equal(sl_alias_merge(in, nd, &w), SL_OK);
      merged = true;
    }
    if (!strncmp(line, "same: ", 6))
      check_same(&w, line + 6, file);
    else if (!strncmp(line, "apart: ", 7))
      check_apart(&w, line + 7);
    else if (!strncmp(line, "forms: ", 7))
      check_forms(&w, line + 7);
  }
  assert_true(merged);
  sl_who_release(&w);
  free(buf);
}

/* ---- the archive index: each doc filed alone, after the ones above ---- */

typedef struct filed_form {
  char form[128];
  int64_t id;
} filed_form;

typedef struct archive {
  sl_alias_index ix;
  filed_form forms[128];
  size_t n;
} archive;

static void remember(archive *a, const char *form, size_t len, int64_t id) {
  for (size_t i = 0; i < a->n; i++)
    if (strlen(a->forms[i].form) == len &&
        !memcmp(a->forms[i].form, form, len)) {
      /* one form, one entity: a surface form filed twice agrees */
      assert_int_equal(sl_alias_mem_resolve(&a->ix, a->forms[i].id),
                       sl_alias_mem_resolve(&a->ix, id));
      return;
    }
  assert_true(a->n < 128 && len < 128);
  memcpy(a->forms[a->n].form, form, len);
  a->forms[a->n].form[len] = '\0';
  a->forms[a->n++].id = id;
}

static void file_doc(archive *a, const gdoc *d) {
  sl_alias_doc in = {d->text, d->len, d->m, d->n};
  sl_who w;
  assert_int_equal(sl_alias_merge(&in, 1, &w), SL_OK);
  int64_t ids[MAX_MENTIONS];
  assert_true(w.n <= MAX_MENTIONS);
  for (size_t e = 0; e < w.n; e++) {
    assert_int_equal(sl_alias_file(&a->ix, &w.entities[e], &ids[e]), SL_OK);
    assert_true(ids[e] > 0);
  }
  for (size_t i = 0; i < w.nmentions; i++)
    remember(a, d->text + d->m[i].start, d->m[i].end - d->m[i].start,
             ids[w.mention_entity[i]]);
  sl_who_release(&w);
}

static int64_t id_of(archive *a, const char *form) {
  for (size_t i = 0; i < a->n; i++)
    if (!strcmp(a->forms[i].form, form))
      return sl_alias_mem_resolve(&a->ix, a->forms[i].id);
  fail_msg("no mention '%s' was filed", form);
  return 0;
}

static void check_archive(archive *a, char *line, const char *file) {
  bool one = !strncmp(line, "one: ", 5);
  if (one || !strncmp(line, "apart: ", 7)) {
    int64_t seen[16];
    size_t n = 0;
    for (char *f = strtok(line + (one ? 5 : 7), ";"); f && n < 16;
         f = strtok(NULL, ";")) {
      seen[n] = id_of(a, trim(f));
      for (size_t k = 0; k < n; k++)
        if ((seen[k] == seen[n]) != one)
          fail_msg("%s: '%s' is %s the entity of the forms before it", file,
                   trim(f), one ? "not" : "still");
      n++;
    }
  } else if (!strncmp(line, "lookup: ", 8)) {
    char *eq = strchr(line, '=');
    assert_non_null(eq);
    *eq = '\0';
    const char *q = trim(line + 8), *want = trim(eq + 1);
    int64_t ids[3], expect = strcmp(want, "-") ? id_of(a, want) : 0;
    size_t n;
    assert_int_equal(sl_alias_lookup(&a->ix, q, strlen(q), ids, &n), SL_OK);
    bool found = false;
    for (size_t k = 0; k < n; k++)
      found |= sl_alias_mem_resolve(&a->ix, ids[k]) == expect;
    if (expect ? !found : n > 0)
      fail_msg("%s: looking '%s' up does not give '%s' (%zu found)", file, q,
               want, n);
  }
}

static void test_archive(void **state) {
  (void)state;
  char *buf = sl_test_read("tests/golden/alias/archive/archive.txt");
  char *cur = buf, *line;
  static archive a;
  static gdoc d;
  a.n = 0;
  assert_int_equal(sl_alias_mem_new(&a.ix), SL_OK);
  while ((line = sl_test_next_line(&cur))) {
    if (!strncmp(line, "doc: ", 5)) {
      parse_doc(line + 5, &d);
      file_doc(&a, &d);
    } else {
      check_archive(&a, line, "archive.txt");
    }
  }
  sl_alias_mem_free(&a.ix);
  free(buf);
}

static void test_transliteration(void **state) {
  (void)state;
  run_case("transliteration.txt");
}
static void test_titles(void **state) {
  (void)state;
  run_case("titles.txt");
}
static void test_acronyms(void **state) {
  (void)state;
  run_case("acronyms.txt");
}
static void test_surnames(void **state) {
  (void)state;
  run_case("surnames.txt");
}
static void test_story(void **state) {
  (void)state;
  run_case("story.txt");
}

static void test_key(void **state) {
  (void)state;
  char a[64], b[64];
  assert_true(sl_alias_key("Moammar al-Qadhafi", 18, a, sizeof a) > 0);
  assert_true(sl_alias_key("Libyan leader Muammar Gaddafi", 29, b, sizeof b));
  assert_string_equal(a, b);
  assert_true(sl_alias_key("Zelenskyy", 9, a, sizeof a) > 0);
  assert_true(sl_alias_key("President Zelensky", 18, b, sizeof b) > 0);
  assert_string_equal(a, b);
  assert_int_equal(sl_alias_key("", 0, a, sizeof a), 0);
}

static void test_mention_alone(void **state) {
  (void)state;
  /* Mentions with nothing nameable, or past the text, stand alone. */
  const char *t = "-- ,,";
  sl_mention m[2] = {{0, 2, SL_ENT_ORG, 0}, {3, 99, SL_ENT_PER, 0}};
  sl_alias_doc d = {t, strlen(t), m, 2};
  sl_who w;
  assert_int_equal(sl_alias_merge(&d, 1, &w), SL_OK);
  assert_int_equal(w.nmentions, 2);
  assert_int_equal(w.n, 2);
  assert_string_equal(w.entities[w.mention_entity[1]].name, ",,");
  sl_who_release(&w);
  assert_int_equal(sl_alias_merge(NULL, 0, &w), SL_OK);
  assert_int_equal(w.n, 0);
  sl_who_release(&w);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_transliteration), cmocka_unit_test(test_titles),
      cmocka_unit_test(test_acronyms),        cmocka_unit_test(test_surnames),
      cmocka_unit_test(test_story),           cmocka_unit_test(test_key),
      cmocka_unit_test(test_mention_alone),   cmocka_unit_test(test_archive)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
