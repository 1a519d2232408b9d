/* storyline cluster: a flat map from 32-bit keys (term, entity and number
 * hashes) to 32-bit values, open addressing with linear probing, no
 * per-entry allocation. Key 0 is reserved (sl__key maps hashes away from
 * it). */
#ifndef SL_CLUSTER_KTAB_H
#define SL_CLUSTER_KTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "storyline/status.h"

typedef struct sl__ktab {
  uint32_t *keys; /* 0: empty slot */
  uint32_t *vals;
  size_t cap; /* slots, a power of two (0 while unallocated) */
  size_t len; /* entries */
  uint32_t seed;
} sl__ktab;

void sl__ktab_init(sl__ktab *t, uint32_t seed);
void sl__ktab_release(sl__ktab *t);
/* Empties the table, keeping its memory. */
void sl__ktab_clear(sl__ktab *t);
/* Empties the table when `keys` (n of them) are all its keys: cheaper
 * than sl__ktab_clear for a few keys in a large table. */
void sl__ktab_clear_keys(sl__ktab *t, const uint32_t *keys, size_t n,
                         size_t stride);
/* The value slot of `key`, inserted with value 0 when absent (`*inserted`
 * says which; may be NULL). NULL when out of memory. Valid until the next
 * insertion. */
uint32_t *sl__ktab_slot(sl__ktab *t, uint32_t key, bool *inserted);
/* The value slot of `key`, NULL when absent. */
uint32_t *sl__ktab_find(const sl__ktab *t, uint32_t key);
/* Makes room for `n` entries with the table at most 1/4 full, for fast
 * lookups in small hot tables. */
sl_status sl__ktab_reserve(sl__ktab *t, size_t n) SL_MUST_USE;
/* Bytes held. */
size_t sl__ktab_memory(const sl__ktab *t);

#endif
