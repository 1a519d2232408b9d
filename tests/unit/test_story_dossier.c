/* Tests of the dossier's parts on plain in-memory stories: sources, the
 * summary's choices and citations, and the disagreements with the cases
 * that must not be one (bounds, rounding, updates, one outlet, history). */
#include "sl_test.h"

#include "story/dossier.h"
#include "story/facts.h"

static sl_stemmers *stem;

static sl_dos_article art(int64_t id, const char *outlet, const char *date,
                          const char *text) {
  sl_dos_article a = {0};
  a.id = id;
  a.ref = outlet;
  a.outlet = outlet;
  a.text = text;
  a.len = strlen(text);
  if (date)
    a.date = (sl_date){(int16_t)atoi(date), (int8_t)atoi(date + 5),
                       (int8_t)atoi(date + 8)};
  return a;
}

/* The disagreements of `n` articles, into `out` (cleared by the caller). */
static void disagree(const sl_dos_article *a, size_t n, sl_vec *out) {
  sl_dos d;
  assert_int_equal(sl_dos_init(&d, a, n, stem), SL_OK);
  sl_vec_init(out, sizeof(sl_dos_disagree));
  assert_int_equal(sl_dos_disagreements(&d, out), SL_OK);
  sl_dos_release(&d);
}

static size_t count_disagreements(const sl_dos_article *a, size_t n) {
  sl_vec out;
  disagree(a, n, &out);
  size_t k = out.len;
  sl_dos_disagree_clear(&out);
  sl_vec_release(&out);
  return k;
}

static void test_sources(void **state) {
  (void)state;
  sl_dos_article a[] = {art(7, "Wire", "2024-05-02", "One."),
                        art(3, "Post", NULL, "Two."),
                        art(9, "Post", "2024-05-01", "Three."),
                        art(4, "Wire", "2024-05-01", "Four."),
                        art(5, "Post", "2024-05-03", "Five."),
                        art(6, NULL, NULL, "Six.")};
  sl_dos_sources s;
  assert_int_equal(sl_dos_sources_find(a, 6, &s), SL_OK);
  assert_int_equal(s.n_outlets, 3);
  assert_string_equal(s.outlets[0].name, "Post");
  assert_int_equal(s.outlets[0].articles, 3);
  assert_string_equal(s.outlets[1].name, "Wire");
  assert_int_equal(s.outlets[1].articles, 2);
  assert_null(s.outlets[2].name);
  /* earliest date, then lowest id; undated articles never come first */
  assert_int_equal(a[s.first].id, 4);
  sl_dos_sources_release(&s);
  assert_int_equal(sl_dos_sources_find(a + 1, 1, &s), SL_OK);
  assert_int_equal(a[1 + s.first].id, 3);
  sl_dos_sources_release(&s);
}

static const char *const quake_a =
    "A strong earthquake struck the mountain town of Kelm early on Monday, "
    "destroying dozens of old houses, officials said.\n"
    "Why did the old quarter fall so fast?\n"
    "\"We are still digging\"\n"
    "Click here to subscribe to our newsletter for daily news updates now.\n"
    "Rescuers searched the rubble of the old quarter through the night with "
    "dogs and cranes, the fire service said.\n"
    "The government promised a relief fund for the families who lost their "
    "homes in the disaster.";
static const char *const quake_b =
    "A strong earthquake struck the mountain town of Kelm early on Monday, "
    "destroying dozens of old houses, officials said.\n"
    "Schools in the region will stay closed for the rest of the week while "
    "engineers inspect every building.";
static const char *const quake_c =
    "The mountain town of Kelm was hit by a strong earthquake on Monday "
    "morning and dozens of old houses were destroyed, officials said.\n"
    "The government promised a relief fund for the families who lost their "
    "homes, the interior minister told reporters.";

static void test_summary(void **state) {
  (void)state;
  sl_dos_article a[] = {art(1, "Wire", "2024-05-01", quake_a),
                        art(2, "Post", "2024-05-01", quake_b),
                        art(3, "Daily", "2024-05-02", quake_c)};
  sl_dos d;
  assert_int_equal(sl_dos_init(&d, a, 3, stem), SL_OK);
  sl_vec picks;
  sl_vec_init(&picks, sizeof(sl_dos_pick));
  assert_int_equal(sl_dos_summary(&d, 5, &picks), SL_OK);
  assert_in_range(picks.len, 3, 5);
  bool lead = false;
  for (size_t i = 0; i < picks.len; i++) {
    const sl_dos_pick *p = &SL_VEC_AT(&picks, sl_dos_pick, i);
    const sl_dos_sent *s = &SL_VEC_AT(&d.sents, sl_dos_sent, p->sent);
    const char *t = a[s->art].text + s->start;
    /* no question, no quote without its speaker, no boilerplate */
    assert_null(memchr(t, '?', s->end - s->start));
    assert_true(t[0] != '"');
    assert_false(strncmp(t, "Click", 5) == 0);
    if (strncmp(t, "A strong earthquake", 19) == 0) {
      lead = true; /* the lead both carry, and the third in its own words,
                      cites all three */
      assert_int_equal(p->n_arts, 3);
      assert_int_equal(p->arts[0], 0);
      assert_int_equal(p->arts[2], 2);
    }
    /* no pick repeats another */
    for (size_t j = 0; j < i; j++)
      assert_true(sl_dos_cosine(&d, p->sent,
                                SL_VEC_AT(&picks, sl_dos_pick, j).sent) < 0.35);
  }
  assert_true(lead);
  sl_dos_picks_clear(&picks);
  sl_vec_release(&picks);
  sl_dos_release(&d);
}

static void test_disagreement_found(void **state) {
  (void)state;
  sl_dos_article a[] = {
      art(1, "Wire", "2024-05-01",
          "At least 12 people were killed when the bridge collapsed in Kelm."),
      art(2, "Post", "2024-05-01",
          "The bridge collapse in Kelm killed 15 people, police said."),
      art(3, "Daily", "2024-05-01",
          "Twelve people died when the old bridge collapsed in Kelm.")};
  sl_vec out;
  disagree(a + 1, 2, &out);
  assert_int_equal(out.len, 1);
  const sl_dos_disagree *x = &SL_VEC_AT(&out, sl_dos_disagree, 0);
  assert_string_equal(x->about, "people killed");
  assert_int_equal(x->n, 2);
  assert_string_equal(x->v[0].value, "15");
  assert_int_equal(x->v[0].arts[0], 0);
  assert_string_equal(x->v[1].value, "Twelve");
  assert_int_equal(x->v[1].arts[0], 1);
  sl_dos_disagree_clear(&out);
  sl_vec_release(&out);
  /* "at least 12" holds 15 and 12: only the 15 and the 12 clash */
  disagree(a, 3, &out);
  assert_int_equal(out.len, 1);
  assert_int_equal(SL_VEC_AT(&out, sl_dos_disagree, 0).n, 3);
  sl_dos_disagree_clear(&out);
  sl_vec_release(&out);
}

static void test_magnitude(void **state) {
  (void)state;
  sl_dos_article a[] = {
      art(1, "Wire", NULL, "A magnitude 6.1 earthquake hit Kelm on Monday."),
      art(2, "Post", NULL, "The 6.0-magnitude earthquake hit Kelm on Monday."),
      art(3, "Daily", NULL,
          "A magnitude 4.2 aftershock hit Kelm on Monday after the quake."),
      art(4, "Times", NULL, "A magnitude 6 quake can cause severe damage."),
      art(5, "Star", NULL,
          "Kelm felt a quake measuring 3.8 on the Richter "
          "scale on Monday.")};
  sl_vec out;
  disagree(a, 5, &out);
  assert_int_equal(out.len, 1);
  const sl_dos_disagree *x = &SL_VEC_AT(&out, sl_dos_disagree, 0);
  assert_string_equal(x->about, "earthquake magnitude");
  /* the aftershock, a quake in general, another quake: other things */
  assert_int_equal(x->n, 2);
  assert_string_equal(x->v[0].value, "6.1");
  assert_string_equal(x->v[1].value, "6.0-magnitude");
  sl_dos_disagree_clear(&out);
  sl_vec_release(&out);
}

static void test_no_disagreement(void **state) {
  (void)state;
  const char *d1 = "2024-05-01", *d3 = "2024-05-03";
  /* bounds and rounding hold the other value */
  sl_dos_article bound[] = {
      art(1, "Wire", d1, "More than 10 people were killed in the Kelm fire."),
      art(2, "Post", d1, "The Kelm fire killed 12 people on Monday.")};
  assert_int_equal(count_disagreements(bound, 2), 0);
  sl_dos_article round[] = {
      art(1, "Wire", d1,
          "About 1,000 people were evacuated and 300 were "
          "injured in the Kelm fire."),
      art(2, "Post", d1, "The Kelm fire left 310 people injured.")};
  assert_int_equal(count_disagreements(round, 2), 0);
  /* a toll two days later is an update */
  sl_dos_article update[] = {
      art(1, "Wire", d1, "The Kelm fire killed 12 people on Monday."),
      art(2, "Post", d3, "The Kelm fire killed 19 people, officials said.")};
  assert_int_equal(count_disagreements(update, 2), 0);
  /* one outlet updating itself, or a copy, is not two sources */
  sl_dos_article same[] = {
      art(1, "Wire", d1, "The Kelm fire killed 12 people on Monday."),
      art(2, "Wire", d1, "The Kelm fire killed 14 people on Monday.")};
  assert_int_equal(count_disagreements(same, 2), 0);
  same[1].outlet = "Post";
  same[1].copy_of = 1;
  assert_int_equal(count_disagreements(same, 2), 0);
  /* another time, another thing counted, another year */
  sl_dos_article other[] = {
      art(1, "Wire", d1, "The Kelm fire killed 12 people on Monday."),
      art(2, "Post", d1, "In 2004, a fire in Kelm killed 40 people."),
      art(3, "Daily", d1, "The Kelm fire killed 30 cattle on Monday."),
      art(4, "Times", d1, "The Kelm fire destroyed 15 houses on Monday.")};
  assert_int_equal(count_disagreements(other, 4), 0);
}

/* Cases read wrong on real stories, kept so they stay right. */
static void test_misreadings(void **state) {
  (void)state;
  const char *d1 = "2024-05-01";
  /* a toll the next day is an update (swine flu, 60 then 80 dead) */
  sl_dos_article next[] = {
      art(1, "Wire", d1, "The virus has killed 60 people in Mexico."),
      art(2, "Post", "2024-05-02",
          "The virus has killed 80 people in Mexico.")};
  assert_int_equal(count_disagreements(next, 2), 0);
  /* a part of the count: "families of two missing workers" */
  sl_dos_article part[] = {
      art(1, "Wire", d1,
          "Eleven workers were missing after the rig explosion."),
      art(2, "Post", d1,
          "Families of two missing workers sued after the rig "
          "explosion.")};
  assert_int_equal(count_disagreements(part, 2), 0);
  /* "killed two U.S. troops" counts troops, not everyone */
  sl_dos_article troops[] = {
      art(1, "Wire", d1, "The bomb in Manbij killed 19 people on Wednesday."),
      art(2, "Post", d1,
          "The bomb in Manbij killed two U.S. troops on "
          "Wednesday.")};
  assert_int_equal(count_disagreements(troops, 2), 0);
  /* "316 dead birds" are not people killed */
  sl_dos_article birds[] = {
      art(1, "Wire", d1, "The oil spill killed 11 people on the rig."),
      art(2, "Post", d1,
          "The oil spill left 316 dead birds on the rig "
          "shore.")};
  assert_int_equal(count_disagreements(birds, 2), 0);
  /* another month is another quake */
  sl_dos_article month[] = {
      art(1, "Wire", d1, "A magnitude 5.6 earthquake hit Qeshm island."),
      art(2, "Post", d1, "Qeshm island was hit by a 6.1 quake in September.")};
  assert_int_equal(count_disagreements(month, 2), 0);
  month[0].date = month[1].date = (sl_date){2024, 6, 3};
  month[1].text = "Qeshm island was hit by a 6.1 quake in March.";
  month[1].len = strlen(month[1].text);
  assert_int_equal(count_disagreements(month, 2), 0);
  month[1].text = "A 6.1 earthquake hit Qeshm island in June.";
  month[1].len = strlen(month[1].text);
  assert_int_equal(count_disagreements(month, 2), 1); /* its own month */
}

static void test_compatible(void **state) {
  (void)state;
  sl__fact a = {.value = 12, .bound = SL__EXACT};
  sl__fact b = {.value = 15, .bound = SL__EXACT};
  assert_false(sl__fact_compatible(&a, &b));
  a.bound = SL__LOWER;
  assert_true(sl__fact_compatible(&a, &b));
  assert_true(sl__fact_compatible(&b, &a));
  a.value = 20;
  assert_false(sl__fact_compatible(&a, &b)); /* "at least 20" vs 15 */
  a.bound = SL__UPPER;
  assert_true(sl__fact_compatible(&a, &b)); /* "nearly 20" vs 15 */
  a = (sl__fact){.value = 1000, .bound = SL__APPROX};
  b.value = 1040;
  assert_true(sl__fact_compatible(&a, &b));
  b.value = 1200;
  assert_false(sl__fact_compatible(&a, &b));
}

static int setup(void **state) {
  (void)state;
  stem = sl_stemmers_new();
  return stem ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  sl_stemmers_free(stem);
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sources),
      cmocka_unit_test(test_summary),
      cmocka_unit_test(test_disagreement_found),
      cmocka_unit_test(test_magnitude),
      cmocka_unit_test(test_no_disagreement),
      cmocka_unit_test(test_misreadings),
      cmocka_unit_test(test_compatible),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
