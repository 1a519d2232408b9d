/* storyline base: the growable array (see vec.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"

void sl_vec_init(sl_vec *v, size_t elem) {
  v->data = NULL;
  v->len = v->cap = 0;
  v->elem = elem;
}

void sl_vec_release(sl_vec *v) {
  free(v->data);
  sl_vec_init(v, v->elem);
}

sl_status sl_vec_reserve(sl_vec *v, size_t n) {
  if (n <= v->cap)
    return SL_OK;
  size_t cap = v->cap ? v->cap : 16;
  while (cap < n)
    cap = cap > SIZE_MAX / 2 ? n : cap * 2;
  if (cap > SIZE_MAX / v->elem)
    return SL_ETOOBIG;
  void *p = realloc(v->data, cap * v->elem);
  if (!p)
    return SL_ENOMEM;
  v->data = p;
  v->cap = cap;
  return SL_OK;
}

sl_status sl_vec_push(sl_vec *v, const void *elem) {
  if (v->len == v->cap) {
    sl_status st = sl_vec_reserve(v, v->len + 1);
    if (st != SL_OK)
      return st;
  }
  memcpy((char *)v->data + v->len * v->elem, elem, v->elem);
  v->len++;
  return SL_OK;
}

void *sl_vec_push_zero(sl_vec *v) {
  if (v->len == v->cap && sl_vec_reserve(v, v->len + 1) != SL_OK)
    return NULL;
  void *p = (char *)v->data + v->len * v->elem;
  memset(p, 0, v->elem);
  v->len++;
  return p;
}

void *sl_grow__slow(void *data, size_t *cap, size_t elem, size_t first) {
  size_t ncap = *cap ? *cap * 2 : first;
  if (ncap < *cap || ncap > SIZE_MAX / elem)
    return NULL;
  void *p = realloc(data, ncap * elem);
  if (p)
    *cap = ncap;
  return p;
}

void sl_vec_clear(sl_vec *v) {
  v->len = 0;
}
