/* storyline extract: the alias merger's nodes: union-find over them, and
 * what the merge steps read of a node (its tokens, its type). */
#include "extract/alias_merge.h"

static uint32_t find(merge *g, uint32_t i) {
  anode *n = g->nodes.data;
  while (n[i].parent != i) {
    n[i].parent = n[n[i].parent].parent;
    i = n[i].parent;
  }
  return i;
}

void alias_union(merge *g, uint32_t a, uint32_t b) {
  a = find(g, a);
  b = find(g, b);
  if (a == b)
    return;
  anode *n = g->nodes.data;
  if (a < b)
    n[b].parent = a;
  else
    n[a].parent = b;
}

uint32_t alias_find(merge *g, uint32_t i) {
  return find(g, i);
}

const char *alias_node_tok(const anode *n, int k, bool skel, size_t *len) {
  const char *base = skel ? n->skel : n->folded;
  size_t at = skel ? n->stok[k] : n->tok[k], end = at;
  while (base[end] && base[end] != ' ')
    end++;
  *len = end - at;
  return base + at;
}

int alias_node_type(const anode *n) {
  int best = 0;
  for (int t = 1; t < SL_ENT__COUNT; t++)
    if (n->types[t] > n->types[best])
      best = t;
  return best;
}
