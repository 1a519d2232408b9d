/* storyline tests: the story clusterer: golden streams with hard
 * negatives, the live index's invariants, expiry, merge, rebuild,
 * duplicates, the model file and the doc blob. */
#include <math.h>

#include "sl_test.h"

#include "base/buf.h"
#include "cluster/cluster.h"
#include "cluster/cluster_int.h"

/* ---- Streams ------------------------------------------------------------ */
typedef struct stream {
  sl_cluster_doc *doc[64];
  char label[64][32];
  size_t n;
} stream;

static sl_date parse_date(const char *s) {
  sl_date d = {0, 0, 0};
  int y, m, dd;
  if (sscanf(s, "%d-%d-%d", &y, &m, &dd) == 3)
    d = (sl_date){(int16_t)y, (int8_t)m, (int8_t)dd};
  return d;
}

/* Featurizes one golden line "label\tdate\ttitle\ttext". */
static void add_line(stream *st, sl_cluster_fz *fz, char *line) {
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
  assert_true(st->n < 64);
  snprintf(st->label[st->n], sizeof st->label[0], "%s", f[0]);
  sl_cluster_input in = {(int64_t)st->n + 1,
                         st->n + 1,
                         strcmp(f[2], "-") ? f[2] : NULL,
                         f[3],
                         strlen(f[3]),
                         "en",
                         parse_date(f[1])};
  assert_int_equal(sl_cluster_featurize(fz, &in, &st->doc[st->n]), SL_OK);
  st->n++;
}

static void load_stream(const char *rel, stream *st) {
  memset(st, 0, sizeof *st);
  char *buf = sl_test_read(rel), *cur = buf, *line;
  sl_cluster_fz *fz = sl_cluster_fz_new(7);
  assert_non_null(fz);
  while ((line = sl_test_next_line(&cur)))
    if (line[0] && line[0] != '#')
      add_line(st, fz, line);
  sl_cluster_fz_free(fz);
  free(buf);
}

static void free_stream(stream *st) {
  for (size_t i = 0; i < st->n; i++)
    sl_cluster_doc_free(st->doc[i]);
}

static void opts(sl_cluster_opts *o) {
  sl_cluster_opts_default(o);
  o->seed = 7;
  o->expire_min_seq = 0; /* the small streams here expire by date */
}

/* Adds the stream; story[i] gets doc i's final (resolved) story. */
static void run(sl_cluster *c, const stream *st, int64_t *story) {
  for (size_t i = 0; i < st->n; i++) {
    sl_cluster_result r;
    assert_int_equal(sl_cluster_add(c, st->doc[i], &r), SL_OK);
    story[i] = r.story;
  }
  assert_int_equal(sl_cluster_merge(c, NULL), SL_OK);
  for (size_t i = 0; i < st->n; i++)
    story[i] = sl_cluster_resolve(c, story[i]);
}

static void check_golden(const char *rel) {
  stream st;
  load_stream(rel, &st);
  sl_cluster_opts o;
  opts(&o);
  sl_cluster *c = sl_cluster_new(&o, NULL);
  assert_non_null(c);
  int64_t story[64];
  run(c, &st, story);
  for (size_t i = 0; i < st.n; i++)
    for (size_t j = 0; j < i; j++) {
      bool same_gold = strcmp(st.label[i], st.label[j]) == 0;
      if (same_gold != (story[i] == story[j]))
        fail_msg("%s: articles %zu (%s, story %lld) and %zu (%s, story %lld) "
                 "should %s",
                 rel, j + 1, st.label[j], (long long)story[j], i + 1,
                 st.label[i], (long long)story[i],
                 same_gold ? "share a story" : "not share a story");
    }
  sl_cluster_free(c);
  free_stream(&st);
}

static void test_golden_earthquakes(void **state) {
  (void)state;
  check_golden("tests/golden/cluster/earthquakes.txt");
}

static void test_golden_elections(void **state) {
  (void)state;
  check_golden("tests/golden/cluster/elections.txt");
}

static void test_golden_undated(void **state) {
  (void)state;
  check_golden("tests/golden/cluster/undated.txt");
}

/* ---- Index invariants ---------------------------------------------------- */
static bool posted(const sl_cluster *c, uint32_t key, uint32_t slot) {
  const sl__posting *p = sl__index_get(&c->index, key);
  for (uint32_t i = 0; p && i < p->len; i++)
    if (p->slots[i] == slot)
      return true;
  return false;
}

/* Every live story is reachable from each key it is posted under; every
 * posting names a live story that lists the key; closed stories are in no
 * posting; the entry count adds up. */
static void check_index(const sl_cluster *c) {
  size_t entries = 0;
  for (size_t i = 0; i < c->n_live; i++) {
    const sl__story *s = c->stories[c->live[i]];
    assert_true(s->flags & SL__ST_LIVE);
    assert_int_equal(s->live_pos, i);
    assert_true(s->n_indexed > 0);
    for (uint32_t k = 0; k < s->n_indexed; k++)
      assert_true(posted(c, s->indexed[k], c->live[i]));
    entries += s->n_indexed;
  }
  assert_int_equal(entries, c->index.entries);
  for (size_t p = 0; p < c->index.n_posts; p++)
    for (uint32_t j = 0; j < c->index.posts[p].len; j++) {
      const sl__story *s = c->stories[c->index.posts[p].slots[j]];
      assert_non_null(s);
      assert_true(s->flags & SL__ST_LIVE);
    }
  for (size_t i = 0; i < c->n_stories; i++) {
    const sl__story *s = c->stories[i];
    if (s && !(s->flags & SL__ST_LIVE))
      assert_int_equal(s->n_indexed, 0);
  }
}

/* Every doc is a member of exactly one existing story, the one its add
 * result resolves to. */
static void check_members(const sl_cluster *c, const int64_t *story, size_t n) {
  size_t seen = 0, pos = 0;
  sl_cluster_story s;
  while (sl_cluster_next(c, &pos, &s)) {
    for (size_t m = 0; m < s.n_members; m++) {
      int64_t id = s.members[m];
      assert_true(id >= 1 && (size_t)id <= n);
      assert_int_equal(story[id - 1], s.id);
      seen++;
    }
  }
  assert_int_equal(seen, n);
}

static void concat_streams(stream *all) {
  stream a, b;
  load_stream("tests/golden/cluster/earthquakes.txt", &a);
  load_stream("tests/golden/cluster/elections.txt", &b);
  memset(all, 0, sizeof *all);
  assert_true(a.n + b.n <= sizeof all->doc / sizeof all->doc[0]);
  for (size_t i = 0; i < a.n + b.n; i++) {
    sl_cluster_doc *d = i < a.n ? a.doc[i] : b.doc[i - a.n];
    d->seq = i + 1;
    d->id = (int64_t)i + 1;
    all->doc[all->n] = d;
    snprintf(all->label[all->n++], 32, "%s",
             i < a.n ? a.label[i] : b.label[i - a.n]);
  }
}

static void test_index_invariants(void **state) {
  (void)state;
  stream st;
  concat_streams(&st);
  sl_cluster_opts o;
  opts(&o);
  o.merge_every = 3;
  sl_cluster *c = sl_cluster_new(&o, NULL);
  int64_t story[64];
  for (size_t i = 0; i < st.n; i++) {
    sl_cluster_result r;
    assert_int_equal(sl_cluster_add(c, st.doc[i], &r), SL_OK);
    story[i] = r.story;
    check_index(c);
  }
  for (size_t i = 0; i < st.n; i++)
    story[i] = sl_cluster_resolve(c, story[i]);
  check_members(c, story, st.n);
  sl_cluster_free(c);
  free_stream(&st);
}

static void test_expiry(void **state) {
  (void)state;
  stream st;
  load_stream("tests/golden/cluster/earthquakes.txt", &st);
  sl_cluster_opts o;
  opts(&o);
  sl_cluster *c = sl_cluster_new(&o, NULL);
  int64_t story[64];
  run(c, &st, story);
  sl_cluster_stats stats;
  sl_cluster_stats_get(c, &stats);
  assert_int_equal(stats.live_stories, 2);
  /* the same Valmora report 45 days later: the old story has gone quiet */
  sl_cluster_doc *late = sl__doc_clone(st.doc[0]);
  late->seq = 100;
  late->day = late->fday = st.doc[0]->day + 45;
  sl_cluster_result r;
  assert_int_equal(sl_cluster_merge(c, NULL), SL_OK); /* runs expiry */
  assert_int_equal(sl_cluster_add(c, late, &r), SL_OK);
  assert_true(r.is_new);
  assert_int_not_equal(r.story, story[0]);
  sl_cluster_story s;
  assert_int_equal(sl_cluster_story_get(c, story[0], &s), SL_OK);
  assert_false(s.live);
  assert_int_equal(s.n_members, 4);
  check_index(c);
  sl_cluster_stats_get(c, &stats);
  assert_int_equal(stats.live_stories, 1);
  assert_int_equal(sl_cluster_drop_expired(c), 2);
  assert_int_equal(sl_cluster_story_get(c, story[0], &s), SL_ENOENT);
  sl_cluster_doc_free(late);
  sl_cluster_free(c);
  free_stream(&st);
}

static void test_merge_keeps_membership(void **state) {
  (void)state;
  stream st;
  load_stream("tests/golden/cluster/elections.txt", &st);
  sl_cluster_opts o;
  opts(&o);
  o.merge_every = 0;
  sl_cluster_model m;
  sl_cluster_model_default(&m);
  m.join_min = 0.9999; /* every doc opens a story: the merge must join */
  m.merge_min = 0.5;
  sl_cluster *c = sl_cluster_new(&o, &m);
  int64_t story[64];
  for (size_t i = 0; i < st.n; i++) {
    sl_cluster_result r;
    assert_int_equal(sl_cluster_add(c, st.doc[i], &r), SL_OK);
    story[i] = r.story;
  }
  size_t merged = 0;
  assert_int_equal(sl_cluster_merge(c, &merged), SL_OK);
  assert_true(merged > 0);
  for (size_t i = 0; i < st.n; i++)
    story[i] = sl_cluster_resolve(c, story[i]);
  check_members(c, story, st.n);
  check_index(c);
  sl_cluster_stats stats;
  sl_cluster_stats_get(c, &stats);
  assert_int_equal(stats.merges, merged);
  size_t n_log;
  const sl_cluster_merge_ev *log = sl_cluster_merges(c, &n_log);
  assert_int_equal(n_log, merged);
  for (size_t i = 0; i < n_log; i++) {
    sl_cluster_story gone;
    assert_int_equal(sl_cluster_story_get(c, log[i].from, &gone), SL_ENOENT);
    assert_int_not_equal(sl_cluster_resolve(c, log[i].from), log[i].from);
  }
  sl_cluster_merges_clear(c);
  (void)sl_cluster_merges(c, &n_log);
  assert_int_equal(n_log, 0);
  assert_int_equal(stats.live_stories, st.n - merged);
  sl_cluster_free(c);
  free_stream(&st);
}

/* Two meetings of the same leaders five months apart: two stories, linked
 * as related with a score. */
static void test_related(void **state) {
  (void)state;
  const char *text[2] = {
      "Solberg and Petrescu meet in Brasova\nNorland Prime Minister Henrik "
      "Solberg met Aldovian President Dorin Petrescu in Brasova on Monday to "
      "discuss a gas pipeline across the Kestrel Sea.",
      "Solberg and Petrescu meet again on Kestrel Sea pipeline\nHenrik "
      "Solberg and Dorin Petrescu met again in Skarvik on Tuesday, five "
      "months after their Brasova talks, and agreed the route of the Kestrel "
      "Sea gas pipeline."};
  sl_date dates[2] = {{2024, 2, 5}, {2024, 7, 9}};
  sl_cluster_fz *fz = sl_cluster_fz_new(7);
  sl_cluster_opts o;
  opts(&o);
  o.expire_days = 365; /* links are made among live stories */
  sl_cluster_model m;
  sl_cluster_model_default(&m);
  m.join_min = 0.9999; /* keep them apart, whatever the weights */
  m.related_min = 0.01;
  sl_cluster *c = sl_cluster_new(&o, &m);
  int64_t story[2];
  for (int i = 0; i < 2; i++) {
    sl_cluster_input in = {
        i + 1, (uint64_t)i + 1, NULL, text[i], strlen(text[i]), "en", dates[i]};
    sl_cluster_doc *d;
    assert_int_equal(sl_cluster_featurize(fz, &in, &d), SL_OK);
    sl_cluster_result r;
    assert_int_equal(sl_cluster_add(c, d, &r), SL_OK);
    story[i] = r.story;
    sl_cluster_doc_free(d);
  }
  assert_int_not_equal(story[0], story[1]);
  sl_cluster_story s;
  assert_int_equal(sl_cluster_story_get(c, story[1], &s), SL_OK);
  assert_int_equal(s.n_related, 1);
  assert_int_equal(s.related[0].story, story[0]);
  assert_true(s.related[0].score > 0.01f && s.related[0].score < 1.0f);
  assert_string_equal(s.headline, "Solberg and Petrescu meet again on Kestrel "
                                  "Sea pipeline");
  assert_int_equal(s.first.month, 7);
  assert_int_equal(sl_cluster_story_get(c, story[0], &s), SL_OK);
  assert_int_equal(s.n_related, 1);
  sl_cluster_free(c);
  sl_cluster_fz_free(fz);
}

/* Rebuild: restoring the recorded assignments gives the same stories. */
static void test_restore(void **state) {
  (void)state;
  stream st;
  concat_streams(&st);
  sl_cluster_opts o;
  opts(&o);
  o.merge_every = 0;
  sl_cluster *a = sl_cluster_new(&o, NULL), *b = sl_cluster_new(&o, NULL);
  int64_t story[64];
  for (size_t i = 0; i < st.n; i++) {
    sl_cluster_result r;
    assert_int_equal(sl_cluster_add(a, st.doc[i], &r), SL_OK);
    story[i] = r.story;
  }
  for (size_t i = 0; i < st.n; i++)
    assert_int_equal(sl_cluster_restore(b, st.doc[i], story[i]), SL_OK);
  check_index(b);
  size_t pa = 0, pb = 0;
  sl_cluster_story sa, sb;
  while (sl_cluster_next(a, &pa, &sa)) {
    assert_true(sl_cluster_next(b, &pb, &sb));
    assert_int_equal(sa.id, sb.id);
    assert_int_equal(sa.n_members, sb.n_members);
    assert_memory_equal(sa.members, sb.members, sa.n_members * 8);
  }
  assert_false(sl_cluster_next(b, &pb, &sb));
  /* ids past the restored ones stay free for the store's other stories */
  size_t before = b->n_stories;
  assert_int_equal(sl_cluster_skip_ids(b, (int64_t)before + 5), SL_OK);
  assert_int_equal(b->n_stories, before + 5);
  assert_int_equal(sl_cluster_skip_ids(a, (int64_t)before + 5), SL_OK);
  /* the rebuilt clusterer places a new doc as the original does */
  sl_cluster_doc *again = sl__doc_clone(st.doc[2]);
  again->seq = 200;
  sl_cluster_result ra, rb;
  assert_int_equal(sl_cluster_add(a, again, &ra), SL_OK);
  assert_int_equal(sl_cluster_add(b, again, &rb), SL_OK);
  assert_int_equal(ra.story, rb.story);
  sl_cluster_doc_free(again);
  sl_cluster_free(a);
  sl_cluster_free(b);
  free_stream(&st);
}

static void test_duplicate_counts_once(void **state) {
  (void)state;
  stream st;
  load_stream("tests/golden/cluster/undated.txt", &st);
  sl_cluster_opts o;
  opts(&o);
  sl_cluster *c = sl_cluster_new(&o, NULL);
  sl_cluster_result r;
  assert_int_equal(sl_cluster_add(c, st.doc[0], &r), SL_OK);
  sl__story *s = c->stories[r.story - 1];
  uint32_t n_cent = s->n_cent;
  float norm = s->cent_norm;
  sl_date none = {0, 0, 0};
  assert_int_equal(sl_cluster_add_dup(c, 99, 2, none, r.story), SL_OK);
  assert_int_equal(s->n_docs, 1);
  assert_int_equal(s->n_members, 2);
  assert_int_equal(s->n_cent, n_cent);
  assert_true(s->cent_norm == norm);
  assert_int_equal(sl_cluster_add_dup(c, 100, 3, none, 42), SL_ENOENT);
  /* seq must increase */
  assert_int_equal(sl_cluster_add(c, st.doc[1], &r), SL_EINVAL);
  sl_cluster_free(c);
  free_stream(&st);
}

/* ---- Model file, doc blob, B-cubed -------------------------------------- */
static void test_model_roundtrip(void **state) {
  (void)state;
  sl_cluster_model m, back;
  sl_cluster_model_default(&m);
  m.w[SL_CF_ENTS] = 1.25;
  m.join_min = 0.6;
  sl_buf b = SL_BUF_INIT;
  assert_int_equal(sl_cluster_model_format(&m, &b), SL_OK);
  assert_int_equal(sl_cluster_model_parse(&back, b.ptr, b.len, NULL), SL_OK);
  for (int i = 0; i < SL_CF_COUNT; i++)
    assert_true(fabs(back.w[i] - m.w[i]) < 1e-5);
  assert_true(fabs(back.join_min - 0.6) < 1e-9);
  sl_buf_release(&b);
  sl_error err;
  const char *bad = "# a comment\nterms 2\nwhat 3\n";
  assert_int_equal(sl_cluster_model_parse(&back, bad, strlen(bad), &err),
                   SL_EPARSE);
  assert_int_equal(err.line, 3);
  const char *nan = "terms x\n";
  assert_int_equal(sl_cluster_model_parse(&back, nan, strlen(nan), &err),
                   SL_EPARSE);
  /* the shipped file parses and matches the compiled-in defaults */
  char *shipped = sl_test_read("models/cluster.txt");
  assert_int_equal(
      sl_cluster_model_parse(&back, shipped, strlen(shipped), &err), SL_OK);
  sl_cluster_model_default(&m);
  for (int i = 0; i < SL_CF_COUNT; i++)
    assert_true(fabs(back.w[i] - m.w[i]) < 1e-4);
  assert_true(fabs(back.join_min - m.join_min) < 1e-9);
  free(shipped);
}

static void test_doc_blob(void **state) {
  (void)state;
  stream st;
  load_stream("tests/golden/cluster/earthquakes.txt", &st);
  sl_buf b = SL_BUF_INIT;
  assert_int_equal(sl_cluster_doc_save(st.doc[1], &b), SL_OK);
  sl_cluster_doc *d;
  assert_int_equal(sl_cluster_doc_load(b.ptr, b.len, &d), SL_OK);
  const sl_cluster_doc *o = st.doc[1];
  assert_int_equal(d->id, o->id);
  assert_int_equal(d->seq, o->seq);
  assert_int_equal(d->day, o->day);
  assert_int_equal(d->n_terms, o->n_terms);
  assert_int_equal(d->n_ents, o->n_ents);
  assert_int_equal(d->n_nums, o->n_nums);
  assert_memory_equal(d->terms, o->terms, o->n_terms * sizeof(sl__kv));
  assert_memory_equal(d->nums, o->nums, o->n_nums * 4);
  assert_string_equal(d->headline, o->headline);
  sl_cluster_doc_free(d);
  for (size_t cut = 0; cut < b.len; cut += 7) /* truncated blobs */
    assert_int_equal(sl_cluster_doc_load(b.ptr, cut, &d), SL_ECORRUPT);
  sl_buf_release(&b);
  free_stream(&st);
}

static void test_bcubed(void **state) {
  (void)state;
  int64_t gold[] = {1, 1, 1, 2, 2};
  int64_t sys[] = {1, 1, 2, 2, 2};
  sl_cluster_bcubed b;
  assert_int_equal(sl_cluster_bcubed_score(sys, gold, 5, &b), SL_OK);
  /* P: (1+1+1/3+2/3+2/3)/5 = 11/15; R: (2/3+2/3+1/3+1+1)/5 = 11/15 */
  assert_true(fabs(b.p - 11.0 / 15) < 1e-9);
  assert_true(fabs(b.r - 11.0 / 15) < 1e-9);
  assert_int_equal(sl_cluster_bcubed_score(gold, gold, 5, &b), SL_OK);
  assert_true(b.f1 == 1.0);
}

static void test_entities(void **state) {
  (void)state;
  sl_cluster_fz *fz = sl_cluster_fz_new(7);
  const char *text =
      "Lindsay Lohan Leaves Betty Ford, Checks Into Malibu Rehab\n"
      "Lindsay Lohan has left the Betty Ford Center, her "
      "lawyer Shawn Holley said on Friday.\nThe actress is "
      "in Malibu.";
  sl_cluster_input in = {1, 1, NULL, text, strlen(text), "en", {0, 0, 0}};
  sl_cluster_doc *d;
  assert_int_equal(sl_cluster_featurize(fz, &in, &d), SL_OK);
  assert_string_equal(d->headline,
                      "Lindsay Lohan Leaves Betty Ford, Checks Into Malibu "
                      "Rehab");
  /* lohan, lindsay, "lindsay lohan", betty, ford, center, "betty ford
   * center", shawn, holley, "shawn holley", malibu: not "Friday", "The",
   * nor the title-case headline's words */
  const char *want[] = {"lohan", "lindsay lohan", "betty ford center",
                        "shawn holley", "malibu"};
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    uint32_t key = sl__key(7, SL__NS_ENT, want[i], strlen(want[i]));
    bool found = false;
    for (uint32_t k = 0; k < d->n_ents; k++)
      found |= d->ents[k].key == key;
    if (!found)
      fail_msg("entity '%s' not found", want[i]);
  }
  uint32_t nope[] = {
      sl__key(7, SL__NS_ENT, "friday", 6), sl__key(7, SL__NS_ENT, "the", 3),
      sl__key(7, SL__NS_ENT, "leaves", 6), sl__key(7, SL__NS_ENT, "rehab", 5)};
  for (size_t i = 0; i < sizeof nope / sizeof *nope; i++)
    for (uint32_t k = 0; k < d->n_ents; k++)
      assert_int_not_equal(d->ents[k].key, nope[i]);
  assert_int_equal(d->n_ents, 11);
  sl_cluster_doc_free(d);
  sl_cluster_fz_free(fz);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden_earthquakes),
      cmocka_unit_test(test_golden_elections),
      cmocka_unit_test(test_golden_undated),
      cmocka_unit_test(test_index_invariants),
      cmocka_unit_test(test_expiry),
      cmocka_unit_test(test_merge_keeps_membership),
      cmocka_unit_test(test_related),
      cmocka_unit_test(test_restore),
      cmocka_unit_test(test_duplicate_counts_once),
      cmocka_unit_test(test_model_roundtrip),
      cmocka_unit_test(test_doc_blob),
      cmocka_unit_test(test_bcubed),
      cmocka_unit_test(test_entities),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
