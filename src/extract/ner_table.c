/* storyline extract: the open-addressing hash table of the tagger (keys are
 * already well-mixed 64-bit hashes, so linear probing on the low bits). */
#include <stdlib.h>
#include <string.h>

#include "extract/ner_int.h"

void ner_table_init(ner_table *t) {
  memset(t, 0, sizeof *t);
}

void ner_table_release(ner_table *t) {
  free(t->keys);
  free(t->vals);
  ner_table_init(t);
}

void ner_table_clear(ner_table *t) {
  if (t->cap)
    memset(t->keys, 0, t->cap * sizeof *t->keys);
  t->len = 0;
}

uint32_t ner_table_get(const ner_table *t, uint64_t key) {
  if (!t->cap)
    return UINT32_MAX;
  size_t mask = t->cap - 1;
  for (size_t i = key & mask;; i = (i + 1) & mask) {
    if (t->keys[i] == key)
      return t->vals[i];
    if (!t->keys[i])
      return UINT32_MAX;
  }
}

static uint32_t *place(ner_table *t, uint64_t key, uint32_t init) {
  size_t mask = t->cap - 1;
  size_t i = key & mask;
  while (t->keys[i] && t->keys[i] != key)
    i = (i + 1) & mask;
  if (!t->keys[i]) {
    t->keys[i] = key;
    t->vals[i] = init;
    t->len++;
  }
  return &t->vals[i];
}

static bool grow_to(ner_table *t, size_t cap) {
  ner_table n = {calloc(cap, sizeof(uint64_t)), malloc(cap * sizeof(uint32_t)),
                 cap, 0};
  if (!n.keys || !n.vals) {
    free(n.keys);
    free(n.vals);
    return false;
  }
  for (size_t i = 0; i < t->cap; i++)
    if (t->keys[i])
      *place(&n, t->keys[i], t->vals[i]) = t->vals[i];
  ner_table_release(t);
  *t = n;
  return true;
}

static bool grow(ner_table *t) {
  return grow_to(t, t->cap ? t->cap * 2 : 64);
}

bool ner_table_reserve(ner_table *t, size_t n) {
  size_t cap = t->cap ? t->cap : 64;
  while (cap < n * 2 + 2)
    cap *= 2;
  return cap == t->cap || grow_to(t, cap);
}

uint32_t *ner_table_slot(ner_table *t, uint64_t key, uint32_t init) {
  if ((t->len + 1) * 2 > t->cap && !grow(t))
    return NULL;
  return place(t, key, init);
}

uint64_t ner_hash_bytes(const char *s, size_t n, bool lower) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (lower && c >= 'A' && c <= 'Z')
      c = (unsigned char)(c + 32);
    h = (h ^ c) * 0x100000001b3ull;
  }
  return h;
}
