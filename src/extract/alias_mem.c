/* storyline extract: an archive index kept in memory (a hash map of keys
 * and a union-find of entity ids), for tools and tests. */
#include <stdlib.h>
#include <string.h>

#include "base/hashmap.h"
#include "base/vec.h"
#include "storyline/who.h"

typedef struct mem {
  sl_map *keys;  /* key -> filed */
  sl_vec parent; /* int64_t per id (index id - 1): the id merged into */
} mem;

typedef struct filed {
  int64_t entity;
  char name[];
} filed;

static int64_t root(mem *m, int64_t id) {
  while (id > 0 && (size_t)id <= m->parent.len) {
    int64_t p = SL_VEC_AT(&m->parent, int64_t, (size_t)id - 1);
    if (p == id)
      break;
    id = p;
  }
  return id;
}

static sl_status mem_get(void *ud, const char *key, int64_t *entity, char *name,
                         size_t cap) {
  mem *m = ud;
  filed *f = sl_map_get(m->keys, key, strlen(key), NULL);
  *entity = f ? root(m, f->entity) : 0;
  if (cap)
    name[0] = '\0';
  if (f && cap) {
    size_t n = strlen(f->name);
    n = n < cap ? n : cap - 1;
    memcpy(name, f->name, n);
    name[n] = '\0';
  }
  return SL_OK;
}

static sl_status mem_put(void *ud, const char *key, int64_t entity,
                         const char *name) {
  mem *m = ud;
  size_t n = strlen(name);
  filed *f = malloc(sizeof *f + n + 1);
  if (!f)
    return SL_ENOMEM;
  f->entity = entity;
  memcpy(f->name, name, n + 1);
  return sl_map_put(m->keys, key, strlen(key), f);
}

static sl_status mem_create(void *ud, int64_t *entity) {
  mem *m = ud;
  *entity = (int64_t)m->parent.len + 1;
  return sl_vec_push(&m->parent, entity);
}

static sl_status mem_merge(void *ud, int64_t keep, int64_t gone) {
  mem *m = ud;
  keep = root(m, keep);
  gone = root(m, gone);
  if (gone > 0 && (size_t)gone <= m->parent.len && keep != gone)
    SL_VEC_AT(&m->parent, int64_t, (size_t)gone - 1) = keep;
  return SL_OK;
}

sl_status sl_alias_mem_new(sl_alias_index *out) {
  memset(out, 0, sizeof *out);
  mem *m = calloc(1, sizeof *m);
  if (!m || !(m->keys = sl_map_new(0xa1a5, free))) {
    free(m);
    return SL_ENOMEM;
  }
  sl_vec_init(&m->parent, sizeof(int64_t));
  *out = (sl_alias_index){mem_get, mem_put, mem_create, mem_merge, m};
  return SL_OK;
}

int64_t sl_alias_mem_resolve(const sl_alias_index *ix, int64_t id) {
  return ix->ud ? root(ix->ud, id) : id;
}

void sl_alias_mem_free(sl_alias_index *ix) {
  mem *m = ix->ud;
  if (m) {
    sl_map_free(m->keys);
    sl_vec_release(&m->parent);
    free(m);
  }
  memset(ix, 0, sizeof *ix);
}
