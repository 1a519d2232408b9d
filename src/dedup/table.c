/* storyline dedup: the flat key -> id multimap (see table.h). */
#include <stdbool.h>
#include <stdlib.h>

#include "dedup/dedup_int.h"
#include "dedup/table.h"

void sl__dtable_init(sl__dtable *t, uint32_t seed, bool forget) {
  t->slot = NULL;
  t->cap = t->len = 0;
  t->seed = seed;
  t->forget = forget;
}

void sl__dtable_release(sl__dtable *t) {
  free(t->slot);
  sl__dtable_init(t, t->seed, t->forget);
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

static size_t next(const sl__dtable *t, size_t at) {
  return at + 1 == t->cap ? 0 : at + 1;
}

static size_t prev(const sl__dtable *t, size_t at) {
  return (at ? at : t->cap) - 1;
}

typedef enum key_state {
  KEY_ROOM,    /* the key may take another entry */
  KEY_FULL,    /* it holds `max` */
  KEY_GONE,    /* it was forgotten */
  KEY_COVERED, /* it holds `max`, one a member of the new article's group */
} key_state;

/* Whether an entry of `key` stands for the article being added. */
static bool covered(const sl__dtable *t, uint32_t key,
                    const sl__dtable_group *g) {
  for (size_t at = home(t, key); t->slot[at]; at = next(t, at)) {
    uint64_t e = t->slot[at];
    if ((uint32_t)(e >> 32) == key && g->covers(g->ud, (uint32_t)e))
      return true;
  }
  return false;
}

/* What the table holds for `key`. Every entry of a key lies in the run of
 * full slots that starts at its home, so the walk sees them all. */
static key_state state_of(const sl__dtable *t, uint32_t key, size_t max,
                          const sl__dtable_group *g) {
  size_t n = 0;
  for (size_t at = home(t, key); t->slot[at]; at = next(t, at)) {
    uint64_t e = t->slot[at];
    if ((uint32_t)(e >> 32) != key)
      continue;
    if (!(uint32_t)e)
      return KEY_GONE;
    n++;
  }
  if (n < max)
    return KEY_ROOM;
  return g && covered(t, key, g) ? KEY_COVERED : KEY_FULL;
}

/* Drops the entries of `key` and leaves its mark: the run of full slots
 * around its home is emptied and the other entries of the run are put
 * back in their order (each one's home lies in the run). */
static sl_status forget(sl__dtable *t, uint32_t key) {
  size_t start = home(t, key), n = 0, kept = 0;
  while (t->slot[prev(t, start)])
    start = prev(t, start);
  for (size_t at = start; t->slot[at]; at = next(t, at))
    n++;
  /* the run holds the key's entries: n >= 1 */
  uint64_t *run = malloc((n ? n : 1) * sizeof *run);
  if (!run)
    return SL_ENOMEM;
  for (size_t i = 0, at = start; i < n; i++, at = next(t, at)) {
    if ((uint32_t)(t->slot[at] >> 32) != key)
      run[kept++] = t->slot[at];
    t->slot[at] = 0;
  }
  for (size_t i = 0; i < kept; i++)
    insert(t->slot, t->cap, home(t, (uint32_t)(run[i] >> 32)), run[i]);
  insert(t->slot, t->cap, home(t, key), (uint64_t)key << 32);
  t->len = t->len - n + kept + 1;
  free(run);
  return SL_OK;
}

sl_status sl__dtable_put(sl__dtable *t, uint32_t key, uint32_t id, size_t max,
                         const sl__dtable_group *g) {
  key_state ks = t->cap ? state_of(t, key, max, g) : KEY_ROOM;
  if (ks == KEY_FULL && t->forget && key)
    return forget(t, key);
  if (ks != KEY_ROOM)
    return SL_OK;
  sl_status st = sl__dtable_reserve(t, t->len + 1);
  if (st != SL_OK)
    return st;
  insert(t->slot, t->cap, home(t, key), (uint64_t)key << 32 | id);
  t->len++;
  return SL_OK;
}

void sl__dtable_prefetch(const sl__dtable *t, uint32_t key) {
  if (t->cap)
    __builtin_prefetch(&t->slot[home(t, key)]);
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
    if (!(uint32_t)e)
      break; /* forgotten: the key has no entries */
    if (++seen > max)
      break;
    fn(ud, (uint32_t)e);
  }
  return seen;
}
