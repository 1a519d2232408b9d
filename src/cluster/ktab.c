/* storyline cluster: the flat 32-bit key map (see ktab.h). */
#include <stdlib.h>
#include <string.h>

#include "cluster/ktab.h"

void sl__ktab_init(sl__ktab *t, uint32_t seed) {
  memset(t, 0, sizeof *t);
  t->seed = seed | 1u;
}

void sl__ktab_release(sl__ktab *t) {
  free(t->keys);
  free(t->vals);
  sl__ktab_init(t, t->seed);
}

void sl__ktab_clear(sl__ktab *t) {
  if (t->len)
    memset(t->keys, 0, t->cap * sizeof *t->keys);
  t->len = 0;
}

static size_t home(const sl__ktab *t, uint32_t key) {
  uint32_t h = (key ^ t->seed) * 0x9E3779B1u;
  h ^= h >> 15;
  return h & (t->cap - 1);
}

void sl__ktab_clear_keys(sl__ktab *t, const uint32_t *keys, size_t n,
                         size_t stride) {
  size_t pos[1024];
  if (n != t->len || n > 1024 || n * 16 > t->cap) {
    sl__ktab_clear(t);
    return;
  }
  /* find every slot first: emptying one would cut the probe chains */
  for (size_t i = 0; i < n; i++) {
    uint32_t key = *(const uint32_t *)((const char *)keys + i * stride);
    uint32_t *v = sl__ktab_find(t, key);
    pos[i] = v ? (size_t)(v - t->vals) : SIZE_MAX;
  }
  for (size_t i = 0; i < n; i++)
    if (pos[i] != SIZE_MAX)
      t->keys[pos[i]] = 0;
  t->len = 0;
}

static sl_status resize(sl__ktab *t, size_t ncap) {
  uint32_t *nk = calloc(ncap, sizeof *nk);
  uint32_t *nv = malloc(ncap * sizeof *nv);
  if (!nk || !nv) {
    free(nk);
    free(nv);
    return SL_ENOMEM;
  }
  sl__ktab old = *t;
  t->keys = nk;
  t->vals = nv;
  t->cap = ncap;
  for (size_t i = 0; i < old.cap; i++) {
    if (!old.keys[i])
      continue;
    size_t j = home(t, old.keys[i]);
    while (t->keys[j])
      j = (j + 1) & (ncap - 1);
    t->keys[j] = old.keys[i];
    t->vals[j] = old.vals[i];
  }
  free(old.keys);
  free(old.vals);
  return SL_OK;
}

static sl_status grow(sl__ktab *t) {
  return resize(t, t->cap ? t->cap * 2 : 64);
}

sl_status sl__ktab_reserve(sl__ktab *t, size_t n) {
  size_t cap = t->cap ? t->cap : 64;
  while (cap < n * 4)
    cap *= 2;
  return cap > t->cap ? resize(t, cap) : SL_OK;
}

uint32_t *sl__ktab_find(const sl__ktab *t, uint32_t key) {
  if (!t->cap)
    return NULL;
  for (size_t j = home(t, key);; j = (j + 1) & (t->cap - 1)) {
    if (t->keys[j] == key)
      return &t->vals[j];
    if (!t->keys[j])
      return NULL;
  }
}

uint32_t *sl__ktab_slot(sl__ktab *t, uint32_t key, bool *inserted) {
  if ((t->len + 1) * 4 > t->cap * 3 && grow(t) != SL_OK)
    return NULL;
  size_t j = home(t, key);
  while (t->keys[j] && t->keys[j] != key)
    j = (j + 1) & (t->cap - 1);
  bool ins = !t->keys[j];
  if (ins) {
    t->keys[j] = key;
    t->vals[j] = 0;
    t->len++;
  }
  if (inserted)
    *inserted = ins;
  return &t->vals[j];
}

size_t sl__ktab_memory(const sl__ktab *t) {
  return t->cap * 2 * sizeof(uint32_t);
}
