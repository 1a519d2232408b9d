/* storyline base: a growable array of fixed-size elements. The vector owns
 * its storage, not what the elements point to. */
#ifndef SL_BASE_VEC_H
#define SL_BASE_VEC_H

#include <stddef.h>

#include "storyline/status.h"

typedef struct sl_vec {
  void *data;  /* NULL while empty and unallocated */
  size_t len;  /* elements used */
  size_t cap;  /* elements allocated */
  size_t elem; /* element size in bytes */
} sl_vec;

#define SL_VEC_INIT(type)                                                      \
  { NULL, 0, 0, sizeof(type) }
#define SL_VEC_AT(v, type, i) (((type *)(v)->data)[i])

void sl_vec_init(sl_vec *v, size_t elem);
void sl_vec_release(sl_vec *v);
sl_status sl_vec_reserve(sl_vec *v, size_t n) SL_MUST_USE;
/* Appends a copy of `*elem` (elem bytes). */
sl_status sl_vec_push(sl_vec *v, const void *elem) SL_MUST_USE;
/* Appends one zeroed element and returns it, NULL when out of memory. */
void *sl_vec_push_zero(sl_vec *v);
void sl_vec_clear(sl_vec *v);

/* For arrays kept as a bare pointer and counts (where an sl_vec's four
 * words per array would cost): the array `data` of `len` elements of
 * `elem` bytes, capacity `*cap`, with room for one more, its capacity
 * doubled from `first` when full. Returns the array (maybe moved: store
 * it back), or NULL when out of memory, `data` then unchanged. */
void *sl_grow__slow(void *data, size_t *cap, size_t elem, size_t first);
static inline void *sl_grow(void *data, size_t len, size_t *cap, size_t elem,
                            size_t first) {
  return len < *cap ? data : sl_grow__slow(data, cap, elem, first);
}

#endif
