/* storyline base: the seeded hash map (see hashmap.h). Open addressing with
 * linear probing and backward-shift deletion; each entry keeps its hash so
 * probes compare 64-bit hashes before key bytes. */
#include <stdlib.h>
#include <string.h>

#include "base/hashmap.h"

typedef struct entry {
  uint64_t hash; /* 0 marks an empty slot (real hashes are forced non-zero) */
  char *key;     /* owned copy, NUL-terminated */
  size_t klen;
  void *value;
} entry;

struct sl_map {
  entry *slots;
  size_t cap; /* power of two */
  size_t len;
  uint8_t key[16];
  void (*free_value)(void *);
};

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                               \
  do {                                                                         \
    v0 += v1;                                                                  \
    v1 = ROTL(v1, 13);                                                         \
    v1 ^= v0;                                                                  \
    v0 = ROTL(v0, 32);                                                         \
    v2 += v3;                                                                  \
    v3 = ROTL(v3, 16);                                                         \
    v3 ^= v2;                                                                  \
    v0 += v3;                                                                  \
    v3 = ROTL(v3, 21);                                                         \
    v3 ^= v0;                                                                  \
    v2 += v1;                                                                  \
    v1 = ROTL(v1, 17);                                                         \
    v1 ^= v2;                                                                  \
    v2 = ROTL(v2, 32);                                                         \
  } while (0)

static uint64_t load64(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
}

uint64_t sl_siphash(const void *data, size_t len, const uint8_t key[16]) {
  const uint8_t *in = data;
  uint64_t k0 = load64(key), k1 = load64(key + 8);
  uint64_t v0 = 0x736f6d6570736575ull ^ k0, v1 = 0x646f72616e646f6dull ^ k1;
  uint64_t v2 = 0x6c7967656e657261ull ^ k0, v3 = 0x7465646279746573ull ^ k1;
  size_t full = len & ~(size_t)7;
  for (size_t i = 0; i < full; i += 8) {
    uint64_t m = load64(in + i);
    v3 ^= m;
    SIPROUND; /* SipHash-1-3: one compression round */
    v0 ^= m;
  }
  uint64_t b = (uint64_t)len << 56;
  for (size_t i = 0; i < (len & 7); i++)
    b |= (uint64_t)in[full + i] << (8 * i);
  v3 ^= b;
  SIPROUND;
  v0 ^= b;
  v2 ^= 0xff;
  SIPROUND;
  SIPROUND;
  SIPROUND;
  return v0 ^ v1 ^ v2 ^ v3;
}

sl_map *sl_map_new(uint64_t seed, void (*free_value)(void *value)) {
  sl_map *m = calloc(1, sizeof *m);
  if (!m)
    return NULL;
  m->cap = 16;
  m->slots = calloc(m->cap, sizeof *m->slots);
  if (!m->slots) {
    free(m);
    return NULL;
  }
  for (int i = 0; i < 8; i++) {
    m->key[i] = (uint8_t)(seed >> (8 * i));
    m->key[8 + i] = (uint8_t)((seed * 0x9E3779B97F4A7C15ull) >> (8 * i));
  }
  m->free_value = free_value;
  return m;
}

void sl_map_free(sl_map *m) {
  if (!m)
    return;
  for (size_t i = 0; i < m->cap; i++) {
    if (m->slots[i].hash) {
      free(m->slots[i].key);
      if (m->free_value)
        m->free_value(m->slots[i].value);
    }
  }
  free(m->slots);
  free(m);
}

size_t sl_map_len(const sl_map *m) {
  return m->len;
}

static uint64_t hash_of(const sl_map *m, const void *key, size_t klen) {
  uint64_t h = sl_siphash(key, klen, m->key);
  return h ? h : 1;
}

/* Index of the key's slot, or of the empty slot where it would go. */
static size_t find(const sl_map *m, uint64_t h, const void *key, size_t klen) {
  size_t mask = m->cap - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const entry *e = &m->slots[i];
    if (!e->hash || (e->hash == h && e->klen == klen &&
                     (klen == 0 || memcmp(e->key, key, klen) == 0)))
      return i;
  }
}

static sl_status rehash(sl_map *m, size_t cap) {
  entry *slots = calloc(cap, sizeof *slots);
  if (!slots)
    return SL_ENOMEM;
  entry *old = m->slots;
  size_t old_cap = m->cap;
  m->slots = slots;
  m->cap = cap;
  for (size_t i = 0; i < old_cap; i++) {
    if (old[i].hash) {
      size_t j = old[i].hash & (cap - 1);
      while (slots[j].hash)
        j = (j + 1) & (cap - 1);
      slots[j] = old[i];
    }
  }
  free(old);
  return SL_OK;
}

void **sl_map_slot(sl_map *m, const void *key, size_t klen, bool *inserted) {
  uint64_t h = hash_of(m, key, klen);
  size_t i = find(m, h, key, klen);
  if (m->slots[i].hash) {
    if (inserted)
      *inserted = false;
    return &m->slots[i].value;
  }
  if ((m->len + 1) * 4 > m->cap * 3) {
    if (m->cap > SIZE_MAX / 2 / sizeof(entry) || rehash(m, m->cap * 2) != SL_OK)
      return NULL;
    i = find(m, h, key, klen);
  }
  char *copy = malloc(klen + 1);
  if (!copy)
    return NULL;
  if (klen)
    memcpy(copy, key, klen);
  copy[klen] = '\0';
  m->slots[i] = (entry){h, copy, klen, NULL};
  m->len++;
  if (inserted)
    *inserted = true;
  return &m->slots[i].value;
}

sl_status sl_map_put(sl_map *m, const void *key, size_t klen, void *value) {
  bool inserted;
  void **slot = sl_map_slot(m, key, klen, &inserted);
  if (!slot)
    return SL_ENOMEM;
  if (!inserted && m->free_value && *slot != value)
    m->free_value(*slot);
  *slot = value;
  return SL_OK;
}

void *sl_map_get(const sl_map *m, const void *key, size_t klen, bool *found) {
  size_t i = find(m, hash_of(m, key, klen), key, klen);
  if (found)
    *found = m->slots[i].hash != 0;
  return m->slots[i].hash ? m->slots[i].value : NULL;
}

bool sl_map_del(sl_map *m, const void *key, size_t klen) {
  size_t mask = m->cap - 1;
  size_t i = find(m, hash_of(m, key, klen), key, klen);
  if (!m->slots[i].hash)
    return false;
  free(m->slots[i].key);
  if (m->free_value)
    m->free_value(m->slots[i].value);
  m->len--;
  /* Backward shift: pull later entries of the probe run into the hole. */
  for (size_t j = (i + 1) & mask; m->slots[j].hash; j = (j + 1) & mask) {
    size_t home = m->slots[j].hash & mask;
    if (((j - home) & mask) >= ((j - i) & mask)) {
      m->slots[i] = m->slots[j];
      i = j;
    }
  }
  m->slots[i] = (entry){0, NULL, 0, NULL};
  return true;
}

bool sl_map_next(const sl_map *m, sl_map_iter *it, sl_str *key, void **value) {
  while (it->pos < m->cap) {
    const entry *e = &m->slots[it->pos++];
    if (e->hash) {
      if (key)
        *key = sl_str_of(e->key, e->klen);
      if (value)
        *value = e->value;
      return true;
    }
  }
  return false;
}
