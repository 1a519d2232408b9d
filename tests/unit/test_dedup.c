/* Tests of the duplicate detector: fingerprints and their blobs, each
 * relation with hard negatives (golden pairs), and the index with its
 * groups, fetch callback and rebuild. */
#include "sl_test.h"

#include "base/buf.h"
#include "dedup/dedup.h"
#include "dedup/dedup_int.h"

static const char *const kelm =
    "Rescuers pulled a woman from the rubble of a collapsed building in Kelm "
    "on Tuesday, officials said. The search for survivors continued into the "
    "night as cranes lifted concrete slabs. Mayor Ilse Brandt said 14 people "
    "were still missing. The building had been declared unsafe in 2019, "
    "records show. Residents had complained about cracks in the walls for "
    "years.";

static sl_dedup_fp *fp_of(const char *title, const char *text) {
  sl_dedup_fp *fp = sl_dedup_fp_new();
  assert_non_null(fp);
  assert_int_equal(sl_dedup_fp_compute(fp, title, title ? strlen(title) : 0,
                                       text, strlen(text)),
                   SL_OK);
  return fp;
}

static sl_dup_rel relation(const char *old, const char *new_text,
                           sl_dup_match *m) {
  sl_dedup_opts o;
  sl_dedup_opts_default(&o);
  sl_dedup_fp *a = fp_of(NULL, new_text), *b = fp_of(NULL, old);
  sl_dup_rel rel = sl_dedup_compare(a, b, &o, m);
  sl_dedup_fp_free(a);
  sl_dedup_fp_free(b);
  return rel;
}

static void test_exact_hash(void **state) {
  (void)state;
  sl_dedup_fp *a = fp_of("Kelm building collapses", kelm);
  sl_dedup_fp *b = fp_of("KELM  building collapses", kelm);
  sl_dedup_fp *c = fp_of("Another headline", kelm);
  assert_int_equal(sl_dedup_fp_exact(a), sl_dedup_fp_exact(b));
  assert_int_not_equal(sl_dedup_fp_exact(a), sl_dedup_fp_exact(c));
  assert_true(sl_dedup_fp_shingles(a) > 40);
  assert_int_equal(sl_dedup_fp_sentences(a), 5);
  /* a changed headline leaves the body: a near copy with resemblance 1 */
  sl_dedup_opts o;
  sl_dedup_opts_default(&o);
  sl_dup_match m;
  assert_int_equal(sl_dedup_compare(c, a, &o, &m), SL_DUP_NEAR);
  assert_true(m.score == 1.0);
  sl_dedup_fp_free(a);
  sl_dedup_fp_free(b);
  sl_dedup_fp_free(c);
}

static void test_empty_and_short(void **state) {
  (void)state;
  sl_dup_match m;
  assert_int_equal(relation("", "", &m), SL_DUP_NONE);
  assert_int_equal(relation("Short text.", "Short text.", &m), SL_DUP_EXACT);
  assert_int_equal(relation("Short text.", "Short text!", &m), SL_DUP_NONE);
  sl_dedup_fp *fp = fp_of(NULL, "");
  assert_int_equal(sl_dedup_fp_shingles(fp), 0);
  sl_dedup_fp_free(fp);
}

static sl_dup_rel rel_named(const char *s) {
  static const char *const names[] = {"none", "exact", "near", "contained",
                                      "rewrite"};
  for (int r = 0; r < 5; r++)
    if (strcmp(s, names[r]) == 0)
      return (sl_dup_rel)r;
  fail_msg("unknown relation '%s' in the golden file", s);
  return SL_DUP_NONE;
}

/* The index verifies lexical relations straight on a candidate's blob,
 * reading it only as far as a relation can still hold: it must agree with
 * the comparison of the loaded fingerprints. */
static void check_blob_agrees(const char *old, const char *new_text,
                              const sl_dup_match *want) {
  sl_dedup_opts o;
  sl_dedup_opts_default(&o);
  sl_dedup_fp *a = fp_of(NULL, new_text), *b = fp_of(NULL, old);
  sl_buf blob = SL_BUF_INIT;
  assert_int_equal(sl_dedup_fp_save(b, &blob), SL_OK);
  sl__blob_view v;
  sl_dup_match m;
  assert_int_equal(sl__dedup_blob_view(&v, blob.ptr, blob.len), SL_OK);
  assert_int_equal(sl__dedup_compare_blob(a, &v, &o, &m), SL_OK);
  sl_dup_rel lexical = want->rel == SL_DUP_REWRITE ? SL_DUP_NONE : want->rel;
  assert_int_equal(m.rel, lexical);
  if (lexical != SL_DUP_NONE)
    assert_true(m.score == want->score && m.resemblance == want->resemblance);
  /* the word bags bound the alignment from above */
  assert_true(sl__dedup_align_bound(a, b) >= want->alignment);
  sl_buf_release(&blob);
  sl_dedup_fp_free(a);
  sl_dedup_fp_free(b);
}

static void test_golden_pairs(void **state) {
  (void)state;
  char *buf = sl_test_read("tests/golden/dedup/pairs.txt"), *cur = buf, *line;
  int cases = 0;
  while ((line = sl_test_next_line(&cur))) {
    if (!*line || *line == '#')
      continue;
    char *a = strchr(line, '\t'), *b = a ? strchr(a + 1, '\t') : NULL;
    assert_non_null(b);
    *a++ = '\0', *b++ = '\0';
    sl_test_unescape(a);
    sl_test_unescape(b);
    sl_dup_match m;
    sl_dup_rel got = relation(a, b, &m), want = rel_named(line);
    if (got != want)
      fail_msg("case %d: expected %s, got %s (resemblance %.3f, containment "
               "%.3f, alignment %.3f)",
               cases + 1, line, sl_dup_rel_str(got), m.resemblance,
               m.containment, m.alignment);
    check_blob_agrees(a, b, &m);
    cases++;
  }
  assert_true(cases >= 10);
  free(buf);
}

static void test_blob_roundtrip(void **state) {
  (void)state;
  sl_dedup_fp *a = fp_of("Title", kelm), *b = sl_dedup_fp_new();
  sl_buf blob = SL_BUF_INIT;
  assert_int_equal(sl_dedup_fp_save(a, &blob), SL_OK);
  assert_true(blob.len < 2 * strlen(kelm));
  assert_int_equal(sl_dedup_fp_load(b, blob.ptr, blob.len), SL_OK);
  assert_int_equal(sl_dedup_fp_exact(a), sl_dedup_fp_exact(b));
  assert_int_equal(sl_dedup_fp_shingles(a), sl_dedup_fp_shingles(b));
  assert_int_equal(sl_dedup_fp_sentences(a), sl_dedup_fp_sentences(b));
  sl_dedup_opts o;
  sl_dedup_opts_default(&o);
  sl_dup_match m;
  assert_int_equal(sl_dedup_compare(a, b, &o, &m), SL_DUP_EXACT);
  /* damaged blobs are refused and leave an empty fingerprint */
  for (size_t cut = 0; cut < blob.len; cut += 7)
    assert_int_equal(sl_dedup_fp_load(b, blob.ptr, cut), SL_ECORRUPT);
  assert_int_equal(sl_dedup_fp_shingles(b), 0);
  /* read in place, a damaged blob is refused where the damage is read */
  char copy[1024];
  snprintf(copy, sizeof copy, "Advertisement\n%s", kelm);
  sl_dedup_fp *c = fp_of(NULL, copy);
  for (size_t cut = 0; cut < blob.len; cut += 3) {
    sl__blob_view v;
    if (sl__dedup_blob_view(&v, blob.ptr, cut) != SL_OK)
      continue;
    sl_status st = sl__dedup_compare_blob(a, &v, &o, &m);
    assert_true(st == SL_ECORRUPT || (st == SL_OK && m.rel == SL_DUP_EXACT));
    st = sl__dedup_compare_blob(c, &v, &o, &m);
    assert_true(st == SL_ECORRUPT || (st == SL_OK && m.rel == SL_DUP_NEAR));
  }
  sl_dedup_fp_free(c);
  blob.ptr[0] = 99; /* an unknown version */
  assert_int_equal(sl_dedup_fp_load(b, blob.ptr, blob.len), SL_ECORRUPT);
  sl_buf_release(&blob);
  sl_dedup_fp_free(a);
  sl_dedup_fp_free(b);
}

/* ---- the index ---- */

typedef struct store {
  sl_buf blob[16];
  int fetches;
} store;

static sl_status fetch(void *ud, int64_t id, const void **blob, size_t *len) {
  store *s = ud;
  s->fetches++;
  if (id <= 0 || id >= 16 || !s->blob[id].len)
    return SL_ENOENT;
  *blob = s->blob[id].ptr;
  *len = s->blob[id].len;
  return SL_OK;
}

/* Checks and adds `text` as article `id`; returns the match. */
static sl_dup_match add(sl_dedup *d, store *s, int64_t id, const char *text) {
  sl_dedup_fp *fp = fp_of(NULL, text);
  sl_dup_match m;
  assert_int_equal(sl_dedup_check(d, fp, fetch, s, &m), SL_OK);
  assert_int_equal(sl_dedup_add(d, id, fp, &m), SL_OK);
  sl_buf_init(&s->blob[id], 0);
  assert_int_equal(sl_dedup_fp_save(fp, &s->blob[id]), SL_OK);
  sl_dedup_fp_free(fp);
  return m;
}

static const char *const other =
    "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday "
    "to discuss energy prices. The two leaders agreed to build a new "
    "pipeline between Spain and France by 2030. Scholz said the project "
    "would cost about 2.5 billion euros.";

static void test_index_groups(void **state) {
  (void)state;
  sl_dedup_opts o;
  sl_dedup_opts_default(&o);
  o.seed = 42;
  sl_dedup *d = sl_dedup_new(&o);
  store s = {0};
  assert_non_null(d);
  /* the first half of the Kelm article, then an unrelated one */
  char half[512];
  snprintf(half, sizeof half, "%.*s", 167, kelm);
  sl_dup_match m = add(d, &s, 1, half);
  assert_int_equal(m.rel, SL_DUP_NONE);
  assert_int_equal(m.canonical, 1);
  m = add(d, &s, 2, other);
  assert_int_equal(m.rel, SL_DUP_NONE);
  /* the whole article contains the first: it becomes the canonical */
  m = add(d, &s, 3, kelm);
  assert_int_equal(m.rel, SL_DUP_CONTAINED);
  assert_int_equal(m.id, 1);
  assert_true(m.new_is_longer);
  assert_int_equal(m.canonical, 3);
  assert_int_equal(m.old_canonical, 1);
  /* a near copy joins the group */
  char copy[1024];
  snprintf(copy, sizeof copy, "Advertisement\n%s", kelm);
  m = add(d, &s, 4, copy);
  assert_int_equal(m.rel, SL_DUP_NEAR);
  assert_int_equal(m.id, 3);
  assert_int_equal(sl_dedup_canonical(d, 4), 3);
  assert_int_equal(sl_dedup_canonical(d, 1), 3);
  assert_int_equal(sl_dedup_canonical(d, 2), 2);
  assert_int_equal(sl_dedup_canonical(d, 9), 0);
  assert_int_equal(sl_dedup_count(d), 4);
  assert_true(sl_dedup_memory(d) > 0);
  /* ids must grow */
  sl_dedup_fp *fp = fp_of(NULL, other);
  assert_int_equal(sl_dedup_add(d, 4, fp, NULL), SL_EINVAL);
  assert_int_equal(sl_dedup_add(d, 0, fp, NULL), SL_EINVAL);
  /* the rebuild from stored groups gives the same groups and matches */
  sl_dedup *r = sl_dedup_new(&o);
  assert_non_null(r);
  static const int64_t canon[] = {0, 3, 2, 3, 3};
  for (int64_t id = 1; id <= 4; id++) {
    sl_dedup_fp *f = sl_dedup_fp_new();
    assert_int_equal(sl_dedup_fp_load(f, s.blob[id].ptr, s.blob[id].len),
                     SL_OK);
    assert_int_equal(sl_dedup_restore(r, id, f, canon[id]), SL_OK);
    sl_dedup_fp_free(f);
  }
  for (int64_t id = 1; id <= 4; id++)
    assert_int_equal(sl_dedup_canonical(r, id), canon[id]);
  assert_int_equal(sl_dedup_check(r, fp, fetch, &s, &m), SL_OK);
  assert_int_equal(m.rel, SL_DUP_EXACT);
  assert_int_equal(m.id, 2);
  sl_dedup_free(r);
  sl_dedup_fp_free(fp);
  for (int i = 0; i < 16; i++)
    sl_buf_release(&s.blob[i]);
  sl_dedup_free(d);
}

/* A key met in more than max_postings articles of different groups is
 * forgotten: a text found through such keys alone is not found, in the
 * index as in its rebuild. Here three unrelated articles carry the Kelm
 * text as a block, and the Kelm text alone is contained in each. */
static const char *const tails[] = {
    "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday "
    "to discuss energy prices. The two leaders agreed to build a pipeline "
    "between Spain and France by 2030. Scholz said the project would cost "
    "about 2.5 billion euros. Critics in Madrid called the plan too slow. "
    "Talks continue in Brussels next month.",
    "The city council of Varna voted on Thursday to close the old harbour "
    "bridge to lorries after engineers found rust in its cables. Repairs "
    "will take eight months and cost 40 million leva. Ferry operators "
    "expect more traffic while the bridge is closed, a port official said. "
    "Buses will keep using the bridge.",
    "Farmers in the Po valley began the rice harvest two weeks early this "
    "year after a dry summer, their association said on Friday. Yields are "
    "down by a fifth, and prices at the Vercelli exchange rose to a record. "
    "Water boards have asked growers to plant less next spring. Exports to "
    "France are expected to fall."};

static int64_t contained_in(int max_postings) {
  sl_dedup_opts o;
  sl_dedup_opts_default(&o);
  o.max_postings = (uint32_t)max_postings;
  sl_dedup *d = sl_dedup_new(&o), *r = sl_dedup_new(&o);
  assert_non_null(d);
  assert_non_null(r);
  store s = {0};
  char text[2048];
  for (int64_t id = 1; id <= 3; id++) {
    snprintf(text, sizeof text, "%s\n%s", kelm, tails[id - 1]);
    sl_dup_match m = add(d, &s, id, text);
    assert_int_equal(m.rel, SL_DUP_NONE);
    sl_dedup_fp *f = fp_of(NULL, text);
    assert_int_equal(sl_dedup_restore(r, id, f, id), SL_OK);
    sl_dedup_fp_free(f);
  }
  sl_dedup_fp *fp = fp_of(NULL, kelm);
  sl_dup_match m, mr;
  assert_int_equal(sl_dedup_check(d, fp, fetch, &s, &m), SL_OK);
  assert_int_equal(sl_dedup_check(r, fp, fetch, &s, &mr), SL_OK);
  assert_int_equal(m.rel, mr.rel);
  assert_int_equal(m.id, mr.id);
  sl_dedup_fp_free(fp);
  for (int i = 0; i < 16; i++)
    sl_buf_release(&s.blob[i]);
  sl_dedup_free(d);
  sl_dedup_free(r);
  return m.rel == SL_DUP_CONTAINED ? m.id : 0;
}

static void test_common_keys_forgotten(void **state) {
  (void)state;
  assert_int_equal(contained_in(64), 1);
  assert_int_equal(contained_in(1), 0);
}

/* A story syndicated a hundred times: its copies join one group, and the
 * keys they share do not fill up and get forgotten. */
enum { SYNDICATED = 100 };

static sl_status fetch_many(void *ud, int64_t id, const void **blob,
                            size_t *len) {
  sl_buf *blobs = ud;
  if (id <= 0 || id > SYNDICATED)
    return SL_ENOENT;
  *blob = blobs[id].ptr;
  *len = blobs[id].len;
  return SL_OK;
}

static void test_syndicated_copies(void **state) {
  (void)state;
  sl_dedup *d = sl_dedup_new(NULL);
  sl_dedup_fp *fp = sl_dedup_fp_new();
  assert_non_null(d);
  assert_non_null(fp);
  sl_buf blobs[SYNDICATED + 1];
  for (int id = 0; id <= SYNDICATED; id++) /* fetch_many may read any */
    sl_buf_init(&blobs[id], 0);
  char text[1024];
  for (int id = 1; id <= SYNDICATED; id++) {
    snprintf(text, sizeof text, "Outlet %d reports.\n%s", id, kelm);
    assert_int_equal(sl_dedup_fp_compute(fp, NULL, 0, text, strlen(text)),
                     SL_OK);
    sl_dup_match m;
    assert_int_equal(sl_dedup_check(d, fp, fetch_many, blobs, &m), SL_OK);
    assert_int_equal(m.rel, id == 1 ? SL_DUP_NONE : SL_DUP_NEAR);
    assert_int_equal(sl_dedup_add(d, id, fp, &m), SL_OK);
    assert_int_equal(m.canonical, 1);
    assert_int_equal(sl_dedup_fp_save(fp, &blobs[id]), SL_OK);
  }
  /* the rebuild from the store finds the next copy as well */
  sl_dedup *r = sl_dedup_new(NULL);
  assert_non_null(r);
  for (int id = 1; id <= SYNDICATED; id++) {
    assert_int_equal(sl_dedup_fp_load(fp, blobs[id].ptr, blobs[id].len), SL_OK);
    assert_int_equal(sl_dedup_restore(r, id, fp, 1), SL_OK);
  }
  snprintf(text, sizeof text, "One more outlet reports.\n%s", kelm);
  assert_int_equal(sl_dedup_fp_compute(fp, NULL, 0, text, strlen(text)), SL_OK);
  sl_dup_match m;
  assert_int_equal(sl_dedup_check(r, fp, fetch_many, blobs, &m), SL_OK);
  assert_int_equal(m.rel, SL_DUP_NEAR);
  assert_int_equal(sl_dedup_canonical(r, m.id), 1);
  for (int id = 0; id <= SYNDICATED; id++)
    sl_buf_release(&blobs[id]);
  sl_dedup_fp_free(fp);
  sl_dedup_free(d);
  sl_dedup_free(r);
}

static sl_status fetch_fails(void *ud, int64_t id, const void **blob,
                             size_t *len) {
  (void)ud, (void)id, (void)blob, (void)len;
  return SL_EIO;
}

static void test_fetch_errors(void **state) {
  (void)state;
  sl_dedup *d = sl_dedup_new(NULL);
  store s = {0};
  add(d, &s, 1, kelm);
  sl_dedup_fp *fp = fp_of(NULL, kelm);
  sl_dup_match m;
  assert_int_equal(sl_dedup_check(d, fp, fetch_fails, NULL, &m), SL_EIO);
  /* a candidate the store no longer has is skipped */
  sl_buf_release(&s.blob[1]);
  assert_int_equal(sl_dedup_check(d, fp, fetch, &s, &m), SL_OK);
  assert_int_equal(m.rel, SL_DUP_NONE);
  sl_dedup_fp_free(fp);
  sl_dedup_free(d);
  sl_dedup_opts bad;
  sl_dedup_opts_default(&bad);
  bad.near_min = 0;
  assert_null(sl_dedup_new(&bad));
  sl_dedup_opts_default(&bad);
  bad.max_postings = 0; /* no key could hold an article */
  assert_null(sl_dedup_new(&bad));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_exact_hash),
      cmocka_unit_test(test_empty_and_short),
      cmocka_unit_test(test_golden_pairs),
      cmocka_unit_test(test_blob_roundtrip),
      cmocka_unit_test(test_index_groups),
      cmocka_unit_test(test_common_keys_forgotten),
      cmocka_unit_test(test_syndicated_copies),
      cmocka_unit_test(test_fetch_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
