/* storyline extract: the alias merger's state, shared by its steps. */
#ifndef SL_EXTRACT_ALIAS_MERGE_H
#define SL_EXTRACT_ALIAS_MERGE_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/hashmap.h"
#include "base/vec.h"
#include "extract/alias_int.h"

/* A name within one document. */
typedef struct anode {
  uint32_t doc, parent;          /* parent: union-find */
  char *folded, *skel, *display; /* in the arena */
  uint32_t types[SL_ENT__COUNT]; /* mentions of each type */
  uint32_t count;
  uint8_t ntok;
  uint8_t tok[ALIAS_MAXTOK], stok[ALIAS_MAXTOK]; /* token starts */
  bool acronym;
} anode;

typedef struct amention {
  const char *raw; /* the mention as written, in the caller's text */
  uint32_t len;
  uint32_t node; /* UINT32_MAX: no name (stands alone) */
  uint8_t type;
} amention;

typedef struct merge {
  sl_vec nodes;    /* anode */
  sl_vec mentions; /* amention, in input order */
  sl_map *local;   /* doc + folded -> node + 1 */
  sl_arena arena;
  sl_buf key;
} merge;

/* A map value that holds a number (an index + 1), and back. */
static inline void *alias_val(uint64_t v) {
  return (void *)(uintptr_t)v; // NOLINT(performance-no-int-to-ptr): an index
}
static inline uint64_t alias_num(void *p) {
  return (uint64_t)(uintptr_t)p;
}

void alias_union(merge *g, uint32_t a, uint32_t b);
uint32_t alias_find(merge *g, uint32_t i);
/* The most frequent type of a node's mentions. */
int alias_node_type(const anode *n);
/* Token k of a node's folded (or skeleton) form; its length in *len. */
const char *alias_node_tok(const anode *n, int k, bool skel, size_t *len);
/* Whether a node is a lone person's name (a surname or a given name). */
static inline bool alias_single_person(const anode *n) {
  return n->ntok == 1 && !n->acronym && alias_node_type(n) == SL_ENT_PER;
}

/* Joins nodes of equal folded forms, and of equal skeletons whose
 * spellings are close, across documents (lone person names excepted). */
sl_status alias_join_names(merge *g) SL_MUST_USE;
/* Joins acronyms to the long names whose initials they are, within each
 * document. */
sl_status alias_join_acronyms(merge *g, const sl_alias_doc *docs,
                              size_t ndocs) SL_MUST_USE;
/* Joins lone person names to the one full name they fit. */
sl_status alias_join_partial(merge *g, size_t ndocs) SL_MUST_USE;
/* Builds the entities. */
sl_status alias_collect(merge *g, sl_who *out) SL_MUST_USE;

#endif
