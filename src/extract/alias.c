/* storyline extract: merging the mentions of a set of documents into
 * entities. Names are nodes per document; nodes join (union-find) when
 * their folded forms are equal, when their skeletons are equal and their
 * spellings close, when one is an acronym of the other in one document, and
 * when a lone surname or given name fits exactly one full name, in its
 * document first, then in the whole set. */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/hashmap.h"
#include "base/vec.h"
#include "extract/alias_int.h"
#include "extract/alias_merge.h"

static sl_status new_node(merge *g, uint32_t doc, const alias_name *a,
                          const char *display, uint32_t *idx) {
  anode *n = sl_vec_push_zero(&g->nodes);
  if (!n)
    return SL_ENOMEM;
  n->doc = doc;
  n->parent = (uint32_t)(g->nodes.len - 1);
  n->folded = sl_arena_strndup(&g->arena, a->folded, strlen(a->folded));
  n->skel = sl_arena_strndup(&g->arena, a->skel, strlen(a->skel));
  n->display = sl_arena_strndup(&g->arena, display, a->len);
  n->ntok = a->ntok;
  memcpy(n->stok, a->stok, sizeof n->stok);
  memcpy(n->tok, a->tok, sizeof n->tok);
  n->acronym = a->acronym;
  *idx = n->parent;
  return n->folded && n->skel && n->display ? SL_OK : SL_ENOMEM;
}

/* The node of a mention: one per document and folded form. */
static sl_status node_of(merge *g, uint32_t doc, const char *raw,
                         const alias_name *a, uint32_t *idx) {
  sl_buf *k = &g->key;
  sl_buf_clear(k);
  sl_status st = sl_buf_append(k, &doc, sizeof doc);
  if (st == SL_OK)
    st = sl_buf_puts(k, a->folded);
  if (st != SL_OK)
    return st;
  bool inserted;
  void **slot = sl_map_slot(g->local, k->ptr, k->len, &inserted);
  if (!slot)
    return SL_ENOMEM;
  if (!inserted) {
    *idx = (uint32_t)(uintptr_t)*slot - 1;
    return SL_OK;
  }
  st = new_node(g, doc, a, raw + a->start, idx);
  *slot = alias_val(*idx + 1);
  return st;
}

static sl_status add_mention(merge *g, uint32_t doc, const sl_alias_doc *d,
                             const sl_mention *m) {
  amention *am = sl_vec_push_zero(&g->mentions);
  if (!am)
    return SL_ENOMEM;
  uint32_t end = m->end <= d->len ? m->end : (uint32_t)d->len;
  uint32_t start = m->start < end ? m->start : end;
  am->raw = d->text + start;
  am->len = end - start;
  am->node = UINT32_MAX;
  am->type = m->type < SL_ENT__COUNT ? m->type : SL_ENT_MISC;
  alias_name a;
  if (!alias_name_of(am->raw, am->len, m->type, &a))
    return SL_OK; /* nothing nameable: the mention stands alone */
  sl_status st = node_of(g, doc, am->raw, &a, &am->node);
  if (st == SL_OK) {
    anode *n = &SL_VEC_AT(&g->nodes, anode, am->node);
    n->types[m->type < SL_ENT__COUNT ? m->type : SL_ENT_MISC]++;
    n->count++;
  }
  return st;
}

static void merge_release(merge *g) {
  sl_map_free(g->local);
  sl_vec_release(&g->nodes);
  sl_vec_release(&g->mentions);
  sl_arena_release(&g->arena);
  sl_buf_release(&g->key);
}

sl_status sl_alias_merge(const sl_alias_doc *docs, size_t ndocs, sl_who *out) {
  memset(out, 0, sizeof *out);
  merge g;
  memset(&g, 0, sizeof g);
  sl_vec_init(&g.nodes, sizeof(anode));
  sl_vec_init(&g.mentions, sizeof(amention));
  sl_arena_init(&g.arena, 0);
  sl_buf_init(&g.key, 0);
  g.local = sl_map_new(0x51a5, NULL);
  sl_status st = g.local ? SL_OK : SL_ENOMEM;
  for (size_t d = 0; st == SL_OK && d < ndocs; d++)
    for (size_t i = 0; st == SL_OK && i < docs[d].n; i++)
      st = add_mention(&g, (uint32_t)d, &docs[d], &docs[d].mentions[i]);
  if (st == SL_OK)
    st = alias_join_names(&g);
  if (st == SL_OK)
    st = alias_join_acronyms(&g, docs, ndocs);
  if (st == SL_OK)
    st = alias_join_partial(&g, ndocs);
  if (st == SL_OK)
    st = alias_collect(&g, out);
  merge_release(&g);
  if (st != SL_OK)
    sl_who_release(out);
  return st;
}
