/* storyline base: a bump allocator for per-article work, freed in one call
 * (after git's mem-pool). Not thread-safe. */
#ifndef SL_BASE_ARENA_H
#define SL_BASE_ARENA_H

#include <stddef.h>

typedef struct sl_arena_block sl_arena_block;

typedef struct sl_arena {
  sl_arena_block *head; /* the block being filled, newest first */
  size_t block_size;    /* size of ordinary blocks */
  size_t used;          /* total bytes handed out since the last reset */
} sl_arena;

/* Initialises an empty arena; `block_size` 0 means 64 KiB. */
void sl_arena_init(sl_arena *a, size_t block_size);
/* Returns `size` bytes aligned to `align` (a power of two, at most 64), or
 * NULL when out of memory. The memory lives until reset or release. */
void *sl_arena_alloc(sl_arena *a, size_t size, size_t align);
/* Copies `len` bytes and adds a NUL; NULL when out of memory. */
char *sl_arena_strndup(sl_arena *a, const char *s, size_t len);
/* Frees everything handed out but keeps one block for reuse. */
void sl_arena_reset(sl_arena *a);
/* Frees every block. */
void sl_arena_release(sl_arena *a);

#endif
