/* storyline tests: a clusterer restored the way a resumed ingest restores
 * it (the live stories' members, the other docs with
 * sl_cluster_restore_past, the counters and the changed marks) goes on
 * exactly as the interrupted one. */
#include <math.h>

#include "sl_test.h"

#include "cluster/cluster.h"
#include "cluster/cluster_int.h"

enum { MAX = 128 };

typedef struct stream {
  sl_cluster_doc *doc[MAX];
  size_t n;
} stream;

/* Appends the docs of a golden file "label\tdate\ttitle\ttext". */
static void load(stream *st, sl_cluster_fz *fz, const char *rel) {
  char *buf = sl_test_read(rel), *cur = buf, *line;
  while ((line = sl_test_next_line(&cur))) {
    if (!line[0] || line[0] == '#')
      continue;
    char *f[4];
    for (int i = 0; i < 4; i++) {
      f[i] = line;
      line = i < 3 ? strchr(line, '\t') : NULL;
      if (i < 3) {
        assert_non_null(line);
        *line++ = '\0';
      }
    }
    sl_test_unescape(f[3]);
    int y = 0, m = 0, d = 0;
    sscanf(f[1], "%d-%d-%d", &y, &m, &d);
    assert_true(st->n < MAX);
    sl_cluster_input in = {(int64_t)st->n + 1,
                           st->n + 1,
                           strcmp(f[2], "-") ? f[2] : NULL,
                           f[3],
                           strlen(f[3]),
                           "en",
                           (sl_date){(int16_t)y, (int8_t)m, (int8_t)d}};
    assert_int_equal(sl_cluster_featurize(fz, &in, &st->doc[st->n]), SL_OK);
    st->n++;
  }
  free(buf);
}

static sl_cluster *new_cluster(void) {
  sl_cluster_opts o;
  sl_cluster_opts_default(&o);
  o.seed = 7;
  o.expire_min_seq = 0; /* the small streams here expire by date */
  o.expire_days = 5;    /* ...and soon, so some stories have left */
  o.merge_every = 0;    /* a merged story's summary is not restored */
  sl_cluster *c = sl_cluster_new(&o, NULL);
  assert_non_null(c);
  return c;
}

/* What the store holds at a commit: each doc's story and whether it is
 * live, the counters and the changed stories. */
typedef struct saved {
  int64_t story[MAX];
  bool live[MAX];
  sl_cluster_counters counters;
  bool changed[MAX + 1];
} saved;

static void save(sl_cluster *a, size_t k, const int64_t *story, saved *s) {
  sl_cluster_drop_expired(a); /* as the pipeline does at each commit */
  for (size_t i = 0; i < k; i++) {
    sl_cluster_story cs;
    s->story[i] = sl_cluster_resolve(a, story[i]);
    s->live[i] = s->story[i] &&
                 sl_cluster_story_get(a, s->story[i], &cs) == SL_OK && cs.live;
  }
  sl_cluster_counters_get(a, &s->counters);
  for (int64_t id = 1; id <= MAX; id++)
    s->changed[id] = sl_cluster_changed(a, id);
}

static sl_cluster *restore(const stream *st, size_t k, const saved *s) {
  sl_cluster *b = new_cluster();
  for (size_t i = 0; i < k; i++)
    assert_int_equal(s->live[i] ? sl_cluster_restore(b, st->doc[i], s->story[i])
                                : sl_cluster_restore_past(b, st->doc[i], 0,
                                                          (sl_date){0, 0, 0}),
                     SL_OK);
  assert_int_equal(sl_cluster_counters_set(b, &s->counters), SL_OK);
  sl_cluster_mark_changed(b, 0, false);
  for (int64_t id = 1; id <= MAX; id++)
    if (s->changed[id])
      sl_cluster_mark_changed(b, id, true);
  return b;
}

static void same_stories(const sl_cluster *a, const sl_cluster *b) {
  size_t pa = 0, pb = 0;
  sl_cluster_story sa, sb;
  while (sl_cluster_next(a, &pa, &sa)) {
    assert_true(sl_cluster_next(b, &pb, &sb));
    assert_int_equal(sa.id, sb.id);
    assert_int_equal(sa.live, sb.live);
    assert_int_equal(sa.n_members, sb.n_members);
    assert_memory_equal(sa.members, sb.members, sa.n_members * 8);
    assert_string_equal(sa.headline, sb.headline);
  }
  assert_false(sl_cluster_next(b, &pb, &sb));
}

/* Interrupted after k docs and resumed: the same stories as without. */
static void resume_at(const stream *st, size_t k) {
  sl_cluster *a = new_cluster();
  int64_t story[MAX];
  sl_cluster_result r, rb;
  for (size_t i = 0; i < k; i++) {
    assert_int_equal(sl_cluster_add(a, st->doc[i], &r), SL_OK);
    story[i] = r.story;
  }
  saved s;
  save(a, k, story, &s);
  sl_cluster *b = restore(st, k, &s);
  sl_cluster_counters kb;
  sl_cluster_counters_get(b, &kb);
  assert_int_equal(kb.stories, s.counters.stories);
  assert_int_equal(kb.since_expire, s.counters.since_expire);
  for (int64_t id = 1; id <= MAX; id++)
    assert_int_equal(sl_cluster_changed(b, id), s.changed[id]);
  for (size_t i = k; i < st->n; i++) {
    assert_int_equal(sl_cluster_add(a, st->doc[i], &r), SL_OK);
    assert_int_equal(sl_cluster_add(b, st->doc[i], &rb), SL_OK);
    assert_int_equal(r.story, rb.story);
    assert_int_equal(r.is_new, rb.is_new);
    assert_true(fabs(r.score - rb.score) < 1e-9);
  }
  sl_cluster_drop_expired(a);
  sl_cluster_drop_expired(b);
  same_stories(a, b);
  sl_cluster_free(a);
  sl_cluster_free(b);
}

static void test_resume(void **state) {
  (void)state;
  stream st = {{0}, 0};
  sl_cluster_fz *fz = sl_cluster_fz_new(7);
  assert_non_null(fz);
  load(&st, fz, "tests/golden/cluster/earthquakes.txt");
  load(&st, fz, "tests/golden/cluster/elections.txt");
  load(&st, fz, "tests/golden/cluster/undated.txt");
  sl_cluster_fz_free(fz);
  for (size_t k = 1; k < st.n; k += 3)
    resume_at(&st, k);
  for (size_t i = 0; i < st.n; i++)
    sl_cluster_doc_free(st.doc[i]);
}

/* Counters that cannot belong to the restored stories are refused. */
static void test_counters_checked(void **state) {
  (void)state;
  sl_cluster *c = new_cluster();
  sl_cluster_counters k = {0, 65, 0};
  assert_int_equal(sl_cluster_counters_set(c, &k), SL_EINVAL);
  k = (sl_cluster_counters){3, 1, 0};
  assert_int_equal(sl_cluster_counters_set(c, &k), SL_OK);
  sl_cluster_counters got;
  sl_cluster_counters_get(c, &got);
  assert_int_equal(got.stories, 3);
  assert_int_equal(got.since_expire, 1);
  assert_false(sl_cluster_changed(c, 1)); /* a skipped id is no story */
  sl_cluster_free(c);
}

/* A story is changed when a doc joins it, until the next merge step;
 * the marks can be cleared and set again. */
static void test_changed_marks(void **state) {
  (void)state;
  stream st = {{0}, 0};
  sl_cluster_fz *fz = sl_cluster_fz_new(7);
  load(&st, fz, "tests/golden/cluster/earthquakes.txt");
  sl_cluster_fz_free(fz);
  sl_cluster *c = new_cluster();
  sl_cluster_result r;
  assert_int_equal(sl_cluster_add(c, st.doc[0], &r), SL_OK);
  assert_true(sl_cluster_changed(c, r.story));
  assert_int_equal(sl_cluster_merge(c, NULL), SL_OK);
  assert_false(sl_cluster_changed(c, r.story));
  sl_cluster_mark_changed(c, r.story, true);
  assert_true(sl_cluster_changed(c, r.story));
  sl_cluster_mark_changed(c, 0, false);
  assert_false(sl_cluster_changed(c, r.story));
  assert_false(sl_cluster_changed(c, r.story + 1)); /* none such */
  sl_cluster_free(c);
  for (size_t i = 0; i < st.n; i++)
    sl_cluster_doc_free(st.doc[i]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_resume),
      cmocka_unit_test(test_counters_checked),
      cmocka_unit_test(test_changed_marks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
