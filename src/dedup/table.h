/* storyline dedup: a flat multimap from 32-bit keys to 32-bit article ids,
 * open addressing with linear probing, one 64-bit word per entry and no
 * per-entry allocation. Keys may repeat (one entry per article). */
#ifndef SL_DEDUP_TABLE_H
#define SL_DEDUP_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "storyline/status.h"

typedef struct sl__dtable {
  uint64_t *slot; /* key << 32 | id; 0 is an empty slot (ids are >= 1) */
  size_t cap;     /* slots */
  size_t len;     /* entries */
  uint32_t seed;  /* mixes keys into slot positions */
} sl__dtable;

void sl__dtable_init(sl__dtable *t, uint32_t seed);
void sl__dtable_release(sl__dtable *t);
/* Makes room for `n` entries in all, at most 4/5 full. */
sl_status sl__dtable_reserve(sl__dtable *t, size_t n) SL_MUST_USE;
/* Adds `id` under `key` unless the key holds `max` entries already (a key
 * that common is boilerplate: its later articles are not kept). */
sl_status sl__dtable_put(sl__dtable *t, uint32_t key, uint32_t id,
                         size_t max) SL_MUST_USE;

/* Calls `fn` for each id stored under `key`, at most `max` of them;
 * returns how many were seen (max + 1 when there were more). */
size_t sl__dtable_get(const sl__dtable *t, uint32_t key, size_t max,
                      void (*fn)(void *ud, uint32_t id), void *ud);

#endif
