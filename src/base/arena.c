/* storyline base: the bump allocator (see arena.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

struct sl_arena_block {
  sl_arena_block *next;
  size_t size; /* usable bytes in data */
  size_t used;
  _Alignas(64) unsigned char data[];
};

void sl_arena_init(sl_arena *a, size_t block_size) {
  a->head = NULL;
  a->block_size = block_size ? block_size : (size_t)64 * 1024;
  a->used = 0;
}

static sl_arena_block *new_block(size_t size) {
  if (size > SIZE_MAX - sizeof(sl_arena_block))
    return NULL;
  sl_arena_block *b = malloc(sizeof *b + size);
  if (b) {
    b->next = NULL;
    b->size = size;
    b->used = 0;
  }
  return b;
}

void *sl_arena_alloc(sl_arena *a, size_t size, size_t align) {
  sl_arena_block *b = a->head;
  if (b) {
    size_t at = (b->used + align - 1) & ~(align - 1);
    if (at <= b->size && size <= b->size - at) {
      b->used = at + size;
      a->used += size;
      return b->data + at;
    }
  }
  size_t want = size > a->block_size ? size : a->block_size;
  sl_arena_block *nb = new_block(want);
  if (!nb)
    return NULL;
  if (size > a->block_size && b) {
    /* An oversized request gets its own block behind the current one, so
     * the current block keeps filling. */
    nb->next = b->next;
    b->next = nb;
  } else {
    nb->next = b;
    a->head = nb;
  }
  nb->used = size;
  a->used += size;
  return nb->data;
}

char *sl_arena_strndup(sl_arena *a, const char *s, size_t len) {
  if (len == SIZE_MAX)
    return NULL;
  char *p = sl_arena_alloc(a, len + 1, 1);
  if (p) {
    if (len)
      memcpy(p, s, len);
    p[len] = '\0';
  }
  return p;
}

void sl_arena_reset(sl_arena *a) {
  sl_arena_block *keep = NULL, *b = a->head;
  while (b) {
    sl_arena_block *next = b->next;
    if (!keep && b->size == a->block_size) {
      keep = b;
      keep->used = 0;
      keep->next = NULL;
    } else {
      free(b);
    }
    b = next;
  }
  a->head = keep;
  a->used = 0;
}

void sl_arena_release(sl_arena *a) {
  for (sl_arena_block *b = a->head, *next; b; b = next) {
    next = b->next;
    free(b);
  }
  a->head = NULL;
  a->used = 0;
}
