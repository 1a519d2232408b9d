/* storyline dedup: a flat multimap from 32-bit keys to 32-bit article ids,
 * open addressing with linear probing, one 64-bit word per entry and no
 * per-entry allocation. Keys may repeat (one entry per article). */
#ifndef SL_DEDUP_TABLE_H
#define SL_DEDUP_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "storyline/status.h"

typedef struct sl__dtable {
  uint64_t *slot; /* key << 32 | id; 0 is an empty slot (ids are >= 1),
                     key << 32 the mark of a forgotten key */
  size_t cap;     /* slots */
  size_t len;     /* entries and marks */
  uint32_t seed;  /* mixes keys into slot positions */
  bool forget;    /* see sl__dtable_put */
} sl__dtable;

/* An empty table; the slots are allocated on the first put and owned by
 * the table until sl__dtable_release. */
void sl__dtable_init(sl__dtable *t, uint32_t seed, bool forget);
void sl__dtable_release(sl__dtable *t);
/* Makes room for `n` entries in all, at most 4/5 full. */
sl_status sl__dtable_reserve(sl__dtable *t, size_t n) SL_MUST_USE;
/* The duplicate group of an article being added: `covers` says whether
 * article `other`, already in the table, is a member. */
typedef struct sl__dtable_group {
  bool (*covers)(void *ud, uint32_t other);
  void *ud;
} sl__dtable_group;

/* Adds `id` under `key`. A key that holds `max` entries already is that
 * common: boilerplate, unless one of them is a member of the article's
 * group `g` (may be NULL: a new group), which then stands for it and the
 * key is left as it is. A table that forgets drops a boilerplate key's
 * entries and never adds any again (key 0 excepted, which stays at
 * `max`); one that does not keeps the first `max`. SL_ENOMEM, SL_ETOOBIG. */
sl_status sl__dtable_put(sl__dtable *t, uint32_t key, uint32_t id, size_t max,
                         const sl__dtable_group *g) SL_MUST_USE;

/* Starts loading the slot where the look-up of `key` begins, so that
 * several look-ups wait for memory together. */
void sl__dtable_prefetch(const sl__dtable *t, uint32_t key);

/* Calls `fn` for each id stored under `key`, at most `max` of them (none
 * for a forgotten key); returns how many were seen (max + 1 when there
 * were more). */
size_t sl__dtable_get(const sl__dtable *t, uint32_t key, size_t max,
                      void (*fn)(void *ud, uint32_t id), void *ud);

#endif
