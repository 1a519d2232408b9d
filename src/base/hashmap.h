/* storyline base: a hash map from byte-string keys to pointers, with a
 * seeded SipHash so that untrusted text cannot force collisions (after
 * redis' dict). The map owns copies of its keys and, when a destructor is
 * given, its values. Not thread-safe. */
#ifndef SL_BASE_HASHMAP_H
#define SL_BASE_HASHMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/str.h"
#include "storyline/status.h"

typedef struct sl_map sl_map;

/* SipHash-1-3 of `len` bytes under a 128-bit key. */
uint64_t sl_siphash(const void *data, size_t len, const uint8_t key[16]);

/* A new empty map hashing with `seed` (inject it: tests pass a constant),
 * freeing values with `free_value` (may be NULL) when they are replaced,
 * deleted or the map is freed. NULL when out of memory. */
sl_map *sl_map_new(uint64_t seed, void (*free_value)(void *value));
void sl_map_free(sl_map *m);
size_t sl_map_len(const sl_map *m);
/* Inserts or replaces (the old value is freed by the destructor). */
sl_status sl_map_put(sl_map *m, const void *key, size_t klen,
                     void *value) SL_MUST_USE;
/* Returns the value, or NULL when absent (`found` tells NULL values apart;
 * may be NULL). */
void *sl_map_get(const sl_map *m, const void *key, size_t klen, bool *found);
/* Returns a pointer to the value slot, inserting a NULL value when absent
 * (`*inserted` says which); NULL when out of memory. The slot stays valid
 * until the next insertion. */
void **sl_map_slot(sl_map *m, const void *key, size_t klen, bool *inserted);
/* Removes the key; returns whether it was there. */
bool sl_map_del(sl_map *m, const void *key, size_t klen);

typedef struct sl_map_iter {
  size_t pos;
} sl_map_iter;
#define SL_MAP_ITER_INIT                                                       \
  { 0 }
/* Advances to the next entry in unspecified order; false at the end. The
 * map must not be modified during iteration. */
bool sl_map_next(const sl_map *m, sl_map_iter *it, sl_str *key, void **value);

#endif
