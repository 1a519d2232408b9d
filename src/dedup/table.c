/* storyline dedup: the flat key -> id multimap (see table.h). */
#include <stdbool.h>
#include <stdlib.h>

#include "dedup/dedup_int.h"
#include "dedup/table.h"

void sl__dtable_init(sl__dtable *t, uint32_t seed) {
  t->slot = NULL;
  t->cap = t->len = 0;
  t->seed = seed;
}

void sl__dtable_release(sl__dtable *t) {
  free(t->slot);
  sl__dtable_init(t, t->seed);
}

static size_t home(const sl__dtable *t, uint32_t key) {
  return (size_t)(((uint64_t)sl__fmix32(key ^ t->seed) * t->cap) >> 32);
}

static void insert(uint64_t *slot, size_t cap, size_t at, uint64_t e) {
  while (slot[at])
    at = at + 1 == cap ? 0 : at + 1;
  slot[at] = e;
}

sl_status sl__dtable_reserve(sl__dtable *t, size_t n) {
  if (n * 5 <= t->cap * 4)
    return SL_OK;
  size_t cap = t->cap < 1024 ? 1024 : t->cap;
  while (n * 5 > cap * 4)
    cap += cap / 4; /* small steps keep the table 64-80% full */
  if (cap > UINT32_MAX)
    return SL_ETOOBIG;
  uint64_t *slot = calloc(cap, sizeof *slot);
  if (!slot)
    return SL_ENOMEM;
  sl__dtable old = *t;
  t->slot = slot, t->cap = cap;
  for (size_t i = 0; i < old.cap; i++)
    if (old.slot[i])
      insert(slot, cap, home(t, (uint32_t)(old.slot[i] >> 32)), old.slot[i]);
  free(old.slot);
  return SL_OK;
}

/* Whether `key` holds `max` entries already. Every entry of a key lies in
 * the run of full slots that starts at its home, so the walk sees them all. */
static bool full(const sl__dtable *t, uint32_t key, size_t max) {
  if (!t->cap)
    return max == 0;
  size_t n = 0;
  for (size_t at = home(t, key); t->slot[at] && n < max;
       at = at + 1 == t->cap ? 0 : at + 1)
    n += (uint32_t)(t->slot[at] >> 32) == key;
  return n >= max;
}

sl_status sl__dtable_put(sl__dtable *t, uint32_t key, uint32_t id, size_t max) {
  if (full(t, key, max))
    return SL_OK;
  sl_status st = sl__dtable_reserve(t, t->len + 1);
  if (st != SL_OK)
    return st;
  insert(t->slot, t->cap, home(t, key), (uint64_t)key << 32 | id);
  t->len++;
  return SL_OK;
}

size_t sl__dtable_get(const sl__dtable *t, uint32_t key, size_t max,
                      void (*fn)(void *ud, uint32_t id), void *ud) {
  if (!t->cap)
    return 0;
  size_t seen = 0;
  for (size_t at = home(t, key); t->slot[at];
       at = at + 1 == t->cap ? 0 : at + 1) {
    uint64_t e = t->slot[at];
    if ((uint32_t)(e >> 32) != key)
      continue;
    if (++seen > max)
      break;
    fn(ud, (uint32_t)e);
  }
  return seen;
}
