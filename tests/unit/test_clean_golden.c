/* The clean stage's golden cases, tests/golden/clean/debris.txt: one case
 * per kind of debris (repeats, captions, widgets, bylines, credits,
 * mastheads, learned boilerplate, glued articles) and what must stay. */
#include "sl_test.h"

#include "clean/boiler.h"
#include "clean/clean.h"

enum { MAX_LINES = 32 };

typedef struct gcase {
  const char *name, *source, *in, *text, *byline, *credit;
  const char *learn[MAX_LINES], *removed[MAX_LINES], *part[MAX_LINES];
  size_t nlearn, nremoved, npart;
} gcase;

static void check_parts(const gcase *c, const sl_cleaned *out) {
  sl_vec starts;
  sl_vec_init(&starts, sizeof(size_t));
  assert_int_equal(sl_split_glued(out->text.ptr, out->text.len, &starts),
                   SL_OK);
  size_t n = c->npart ? c->npart : 1;
  if (starts.len != n)
    fail_msg("%s: %zu parts, expected %zu", c->name, starts.len, n);
  for (size_t i = 0; c->npart && i < n; i++) {
    size_t from = SL_VEC_AT(&starts, size_t, i);
    size_t to = i + 1 < n ? SL_VEC_AT(&starts, size_t, i + 1) : out->text.len;
    while (to > from && out->text.ptr[to - 1] == '\n')
      to--;
    if (to - from != strlen(c->part[i]) ||
        memcmp(out->text.ptr + from, c->part[i], to - from) != 0)
      fail_msg("%s: part %zu is '%.*s'", c->name, i + 1, (int)(to - from),
               out->text.ptr + from);
  }
  sl_vec_release(&starts);
}

static void check_removed(const gcase *c, const sl_cleaned *out) {
  if (out->removed.len != c->nremoved)
    fail_msg("%s: %zu lines removed, expected %zu", c->name, out->removed.len,
             c->nremoved);
  for (size_t i = 0; i < c->nremoved; i++) {
    const sl_removed *r = &SL_VEC_AT(&out->removed, sl_removed, i);
    char got[1024];
    snprintf(got, sizeof got, "%s: %.*s", sl_debris_name((sl_debris)r->reason),
             (int)(r->end - r->start), c->in + r->start);
    if (strcmp(got, c->removed[i]) != 0)
      fail_msg("%s: removed '%s', expected '%s'", c->name, got, c->removed[i]);
  }
}

static void run_case(const gcase *c) {
  const char *src = c->source ? c->source : "The Coast Courier";
  uint64_t key = sl_boiler_source(src, strlen(src));
  sl_boiler *b = sl_boiler_new(SL_BOILER_MIN_ARTICLES, 0);
  assert_non_null(b);
  sl_vec revisit;
  sl_vec_init(&revisit, sizeof(int64_t));
  sl_cleaned out;
  sl_cleaned_init(&out);
  /* The earlier articles are counted under the courier's name. */
  uint64_t courier = sl_boiler_source("The Coast Courier", 17);
  for (size_t i = 0; i < c->nlearn; i++) {
    assert_int_equal(sl_clean_debris_with(c->learn[i], strlen(c->learn[i]), b,
                                          courier, &out),
                     SL_OK);
    assert_int_equal(sl_boiler_observe(b, courier, out.text.ptr, out.text.len,
                                       (int64_t)i + 1, &revisit),
                     SL_OK);
  }
  assert_non_null(c->in);
  assert_int_equal(sl_clean_debris_with(c->in, strlen(c->in), b, key, &out),
                   SL_OK);
  /* The case's article is counted too: a third article makes the line
   * boilerplate, and cleaning again takes it out. */
  assert_int_equal(
      sl_boiler_observe(b, key, out.text.ptr, out.text.len, 99, &revisit),
      SL_OK);
  if (revisit.len)
    assert_int_equal(sl_clean_debris_with(c->in, strlen(c->in), b, key, &out),
                     SL_OK);
  if (strcmp(out.text.ptr ? out.text.ptr : "", c->text) != 0)
    fail_msg("%s: text is '%s'", c->name, out.text.ptr);
  check_removed(c, &out);
  assert_string_equal(out.byline.len ? out.byline.ptr : "",
                      c->byline ? c->byline : "");
  assert_string_equal(out.credit.len ? out.credit.ptr : "",
                      c->credit ? c->credit : "");
  check_parts(c, &out);
  sl_cleaned_release(&out);
  sl_vec_release(&revisit);
  sl_boiler_free(b);
}

/* Stores the value of a "key: value" line into the case. */
static void field(gcase *c, char *line) {
  char *colon = strstr(line, ": ");
  if (!colon)
    fail_msg("bad golden line '%s'", line);
  *colon = '\0';
  char *v = colon + 2;
  sl_test_unescape(v);
  const char **one = NULL;
  if (strcmp(line, "source") == 0)
    one = &c->source;
  else if (strcmp(line, "in") == 0)
    one = &c->in;
  else if (strcmp(line, "text") == 0)
    one = &c->text;
  else if (strcmp(line, "byline") == 0)
    one = &c->byline;
  else if (strcmp(line, "credit") == 0)
    one = &c->credit;
  if (one) {
    *one = v;
    return;
  }
  assert_true(c->nlearn < MAX_LINES && c->nremoved < MAX_LINES &&
              c->npart < MAX_LINES);
  if (strcmp(line, "learn") == 0)
    c->learn[c->nlearn++] = v;
  else if (strcmp(line, "removed") == 0)
    c->removed[c->nremoved++] = v;
  else if (strcmp(line, "part") == 0)
    c->part[c->npart++] = v;
  else
    fail_msg("unknown golden key '%s'", line);
}

static void test_golden(void **state) {
  (void)state;
  char *buf = sl_test_read("tests/golden/clean/debris.txt");
  char *cursor = buf, *line;
  gcase c = {0};
  size_t cases = 0;
  while ((line = sl_test_next_line(&cursor))) {
    if (line[0] == '#' || line[0] == '\0')
      continue;
    if (strncmp(line, "=== ", 4) == 0) {
      if (c.name) {
        run_case(&c);
        cases++;
      }
      memset(&c, 0, sizeof c);
      c.name = line + 4;
      continue;
    }
    field(&c, line);
  }
  if (c.name) {
    run_case(&c);
    cases++;
  }
  assert_int_equal(cases, 17);
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
