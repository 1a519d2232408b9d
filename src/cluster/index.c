/* storyline cluster: the live index, posting lists from a key (term or
 * entity) to the slots of the live stories posted under it. */
#include <stdlib.h>

#include "base/vec.h"
#include "cluster/cluster_int.h"

void sl__index_init(sl__index *x, uint32_t seed) {
  sl__ktab_init(&x->heads, seed);
  x->posts = NULL;
  x->n_posts = x->cap_posts = x->entries = 0;
}

void sl__index_release(sl__index *x) {
  for (size_t i = 0; i < x->n_posts; i++)
    free(x->posts[i].slots);
  free(x->posts);
  sl__ktab_release(&x->heads);
  sl__index_init(x, x->heads.seed);
}

static sl__posting *posting_for(sl__index *x, uint32_t key) {
  bool ins;
  uint32_t *h = sl__ktab_slot(&x->heads, key, &ins);
  if (!h)
    return NULL;
  if (!ins)
    return &x->posts[*h - 1];
  sl__posting *np =
      sl_grow(x->posts, x->n_posts, &x->cap_posts, sizeof *np, 256);
  if (!np) {
    *h = 0; /* leaves an empty key behind, harmless: see sl__index_get */
    return NULL;
  }
  x->posts = np;
  *h = (uint32_t)++x->n_posts;
  sl__posting *p = &x->posts[*h - 1];
  p->slots = NULL;
  p->len = p->cap = 0;
  return p;
}

sl_status sl__index_add(sl__index *x, uint32_t key, uint32_t slot) {
  sl__posting *p = posting_for(x, key);
  if (!p)
    return SL_ENOMEM;
  if (p->len == p->cap) {
    uint32_t ncap = p->cap ? p->cap * 2 : 4;
    uint32_t *ns = realloc(p->slots, ncap * sizeof *ns);
    if (!ns)
      return SL_ENOMEM;
    p->slots = ns;
    p->cap = ncap;
  }
  p->slots[p->len++] = slot;
  x->entries++;
  return SL_OK;
}

void sl__index_del(sl__index *x, uint32_t key, uint32_t slot) {
  uint32_t *h = sl__ktab_find(&x->heads, key);
  if (!h || !*h)
    return;
  sl__posting *p = &x->posts[*h - 1];
  for (uint32_t i = 0; i < p->len; i++) {
    if (p->slots[i] == slot) {
      p->slots[i] = p->slots[--p->len];
      x->entries--;
      break;
    }
  }
  if (p->len == 0 && p->cap > 4) { /* give back what a hot term grew */
    free(p->slots);
    p->slots = NULL;
    p->cap = 0;
  }
}

const sl__posting *sl__index_get(const sl__index *x, uint32_t key) {
  uint32_t *h = sl__ktab_find(&x->heads, key);
  return h && *h ? &x->posts[*h - 1] : NULL;
}

size_t sl__index_memory(const sl__index *x) {
  size_t m = sl__ktab_memory(&x->heads) + x->cap_posts * sizeof *x->posts;
  for (size_t i = 0; i < x->n_posts; i++)
    m += x->posts[i].cap * sizeof(uint32_t);
  return m;
}
