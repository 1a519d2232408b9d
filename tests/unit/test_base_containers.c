/* Tests of the arena, the vector, the seeded hash map and the status
 * strings. */
#include "sl_test.h"

#include "base/arena.h"
#include "base/hashmap.h"
#include "base/vec.h"

static void test_arena(void **state) {
  (void)state;
  sl_arena a;
  sl_arena_init(&a, 128);
  char *s = sl_arena_strndup(&a, "al-Qadhafi", 10);
  assert_string_equal(s, "al-Qadhafi");
  for (int i = 0; i < 100; i++) {
    uint64_t *p = sl_arena_alloc(&a, sizeof *p, 8);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % 8, 0);
    *p = (uint64_t)i;
  }
  void *big = sl_arena_alloc(&a, 4096, 16); /* larger than a block */
  assert_non_null(big);
  memset(big, 1, 4096);
  assert_string_equal(s, "al-Qadhafi"); /* earlier memory untouched */
  sl_arena_reset(&a);
  assert_int_equal(a.used, 0);
  assert_non_null(sl_arena_alloc(&a, 10, 1));
  sl_arena_release(&a);
}

static void test_vec(void **state) {
  (void)state;
  sl_vec v = SL_VEC_INIT(int);
  for (int i = 0; i < 1000; i++)
    assert_int_equal(sl_vec_push(&v, &i), SL_OK);
  assert_int_equal(v.len, 1000);
  assert_int_equal(SL_VEC_AT(&v, int, 999), 999);
  int *z = sl_vec_push_zero(&v);
  assert_int_equal(*z, 0);
  sl_vec_clear(&v);
  assert_int_equal(v.len, 0);
  assert_true(v.cap >= 1001);
  sl_vec_release(&v);
  assert_null(v.data);
}

static int freed;
static void count_free(void *p) {
  freed++;
  free(p);
}

static char *dup_int(int i) {
  char *p = malloc(16);
  snprintf(p, 16, "%d", i);
  return p;
}

static void test_map_many_keys(void **state) {
  (void)state;
  sl_map *m = sl_map_new(42, count_free);
  char key[32];
  for (int i = 0; i < 100000; i++) {
    int n = snprintf(key, sizeof key, "key-%d", i);
    assert_int_equal(sl_map_put(m, key, (size_t)n, dup_int(i)), SL_OK);
  }
  assert_int_equal(sl_map_len(m), 100000);
  for (int i = 0; i < 100000; i += 7) {
    int n = snprintf(key, sizeof key, "key-%d", i);
    char *v = sl_map_get(m, key, (size_t)n, NULL);
    assert_non_null(v);
    assert_int_equal(atoi(v), i);
  }
  bool found = true;
  assert_null(sl_map_get(m, "absent", 6, &found));
  assert_false(found);
  /* Delete every other key; the rest stay reachable (backward shift). */
  freed = 0;
  for (int i = 0; i < 100000; i += 2) {
    int n = snprintf(key, sizeof key, "key-%d", i);
    assert_true(sl_map_del(m, key, (size_t)n));
  }
  assert_int_equal(freed, 50000);
  assert_false(sl_map_del(m, "key-0", 5));
  for (int i = 1; i < 100000; i += 2) {
    int n = snprintf(key, sizeof key, "key-%d", i);
    assert_non_null(sl_map_get(m, key, (size_t)n, NULL));
  }
  /* Iteration visits each remaining key once. */
  sl_map_iter it = SL_MAP_ITER_INIT;
  sl_str k;
  void *v;
  size_t seen = 0;
  while (sl_map_next(m, &it, &k, &v)) {
    assert_int_equal(atoi(v), atoi(k.ptr + 4));
    seen++;
  }
  assert_int_equal(seen, 50000);
  freed = 0;
  sl_map_free(m);
  assert_int_equal(freed, 50000);
}

static void test_map_replace_and_slot(void **state) {
  (void)state;
  sl_map *m = sl_map_new(1, count_free);
  freed = 0;
  assert_int_equal(sl_map_put(m, "Gaddafi", 7, dup_int(1)), SL_OK);
  assert_int_equal(sl_map_put(m, "Gaddafi", 7, dup_int(2)), SL_OK);
  assert_int_equal(freed, 1); /* the old value */
  assert_string_equal(sl_map_get(m, "Gaddafi", 7, NULL), "2");
  bool inserted;
  void **slot = sl_map_slot(m, "", 0, &inserted); /* the empty key works */
  assert_true(inserted);
  *slot = dup_int(3);
  assert_false(sl_map_slot(m, "", 0, &inserted) == NULL);
  assert_false(inserted);
  sl_map_free(m);
}

static void test_siphash_is_seeded(void **state) {
  (void)state;
  uint8_t k1[16] = {0}, k2[16] = {1};
  uint64_t a = sl_siphash("Kelm", 4, k1), b = sl_siphash("Kelm", 4, k1);
  assert_int_equal(a, b);
  assert_int_not_equal(a, sl_siphash("Kelm", 4, k2));
  assert_int_not_equal(a, sl_siphash("Kelp", 4, k1));
  /* Lengths 0..16 all hash (tail handling) and differ from each other. */
  uint64_t seen[17];
  for (size_t n = 0; n <= 16; n++) {
    seen[n] = sl_siphash("0123456789abcdef", n, k1);
    for (size_t j = 0; j < n; j++)
      assert_int_not_equal(seen[j], seen[n]);
  }
}

static void test_status_strings(void **state) {
  (void)state;
  for (int i = 0; i < SL__STATUS_COUNT; i++) {
    const char *s = sl_status_str((sl_status)i);
    assert_true(strlen(s) > 1);
    for (int j = 0; j < i; j++)
      assert_string_not_equal(s, sl_status_str((sl_status)j));
  }
  assert_string_equal(sl_status_str((sl_status)999), "unknown status");
  sl_error e;
  assert_int_equal(sl_error_set(&e, SL_EPARSE, "bad %s", "date"), SL_EPARSE);
  assert_string_equal(e.msg, "bad date");
  assert_int_equal(sl_error_set(NULL, SL_EIO, "x"), SL_EIO);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_arena),
      cmocka_unit_test(test_vec),
      cmocka_unit_test(test_map_many_keys),
      cmocka_unit_test(test_map_replace_and_slot),
      cmocka_unit_test(test_siphash_is_seeded),
      cmocka_unit_test(test_status_strings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
