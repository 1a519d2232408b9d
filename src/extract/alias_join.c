/* storyline extract: the alias merger's joining steps: equal and
 * transliterated names, acronyms defined in a document, lone surnames and
 * given names. */
#include <stdlib.h>
#include <string.h>

#include "extract/alias_merge.h"

enum { AMBIGUOUS = UINT32_MAX - 1 };
#define TOK_AMBIGUOUS ((uint64_t)UINTPTR_MAX)

#define NODE(g, i) (&SL_VEC_AT(&(g)->nodes, anode, i))

/* Looks `key` (with a type byte in front) up in `m`; inserts `idx` when
 * absent. Returns the node already there, or UINT32_MAX. */
static uint32_t first_of(merge *g, sl_map *m, int type, const char *key,
                         uint32_t idx, bool *oom) {
  sl_buf *k = &g->key;
  sl_buf_clear(k);
  if (sl_buf_putc(k, (char)('0' + type)) != SL_OK ||
      sl_buf_puts(k, key) != SL_OK) {
    *oom = true;
    return UINT32_MAX;
  }
  bool inserted;
  void **slot = sl_map_slot(m, k->ptr, k->len, &inserted);
  if (!slot) {
    *oom = true;
    return UINT32_MAX;
  }
  if (inserted)
    *slot = alias_val(idx + 1);
  return inserted ? UINT32_MAX : (uint32_t)(uintptr_t)*slot - 1;
}

sl_status alias_join_names(merge *g) {
  sl_map *exact = sl_map_new(0xe1, NULL), *skel = sl_map_new(0x5e, NULL);
  bool oom = !exact || !skel;
  for (uint32_t i = 0; !oom && i < g->nodes.len; i++) {
    anode *n = NODE(g, i);
    if (alias_single_person(n))
      continue;
    /* The tagger mixes up ORG and LOC (Hezbollah) more than the rest: they
     * are one class here, people and MISC (Ukrainian) are two others. */
    int type =
        alias_node_type(n) == SL_ENT_LOC ? SL_ENT_ORG : alias_node_type(n);
    uint32_t j = first_of(g, exact, type, n->folded, i, &oom);
    if (j != UINT32_MAX) {
      alias_union(g, i, j);
      continue;
    }
    j = first_of(g, skel, type, n->skel, i, &oom);
    if (j == UINT32_MAX)
      continue;
    anode *m = NODE(g, j);
    if (alias_close(n->folded, strlen(n->folded), m->folded, strlen(m->folded)))
      alias_union(g, i, j);
  }
  sl_map_free(exact);
  sl_map_free(skel);
  return oom ? SL_ENOMEM : SL_OK;
}

/* The letters of an acronym ("U.N." -> "UN") into out (16 bytes). */
static bool letters_of(const char *s, char *out) {
  size_t n = 0;
  for (; *s; s++)
    if (*s >= 'A' && *s <= 'Z') {
      if (n == 15)
        return false;
      out[n++] = *s;
    }
  out[n] = '\0';
  return n >= 2;
}

static void acronyms_in(merge *g, uint32_t b, uint32_t e) {
  for (uint32_t i = b; i < e; i++) {
    char acr[16];
    if (!NODE(g, i)->acronym || !letters_of(NODE(g, i)->display, acr))
      continue;
    for (uint32_t j = b; j < e; j++) {
      anode *n = NODE(g, j);
      if (n->ntok < 2 || alias_node_type(n) == SL_ENT_PER)
        continue;
      char with[16], without[16];
      alias_initials(n->display, strlen(n->display), with, without);
      if (!strcmp(acr, with) || !strcmp(acr, without))
        alias_union(g, i, j);
    }
  }
}

sl_status alias_join_acronyms(merge *g, const sl_alias_doc *docs,
                              size_t ndocs) {
  (void)docs;
  (void)ndocs;
  for (uint32_t b = 0; b < g->nodes.len;) {
    uint32_t e = b;
    while (e < g->nodes.len && NODE(g, e)->doc == NODE(g, b)->doc)
      e++;
    acronyms_in(g, b, e);
    b = e;
  }
  return SL_OK;
}

/* Whether token a of name s is a spelling of token b of name f: equal
 * skeletons and close spellings, or a short form of a first name
 * ("Fred" / "Frederick"). */
static bool tok_fits(const anode *s, int a, const anode *f, int b) {
  size_t ls, lf, ks, kf;
  const char *ss = alias_node_tok(s, a, true, &ks);
  const char *sf = alias_node_tok(f, b, true, &kf);
  const char *ts = alias_node_tok(s, a, false, &ls);
  const char *tf = alias_node_tok(f, b, false, &lf);
  if (ls == lf && !memcmp(ts, tf, ls))
    return true;
  if (b == 0 && a == 0 && ls >= 3 && ls < lf && !memcmp(ts, tf, ls))
    return true;
  return ks == kf && !memcmp(ss, sf, ks) && alias_close(ts, ls, tf, lf);
}

/* Whether the shorter name s is part of the longer name f: a person's
 * tokens in order ending with the surname (one token may be any part), an
 * organisation's last tokens ("Colts" / "Indianapolis Colts"). */
static bool part_of(const anode *s, const anode *f) {
  if (f->ntok <= s->ntok)
    return false;
  if (alias_node_type(s) != SL_ENT_PER) {
    for (int k = 0; k < s->ntok; k++)
      if (!tok_fits(s, k, f, f->ntok - s->ntok + k))
        return false;
    return true;
  }
  if (s->ntok == 1) {
    for (int k = 0; k < f->ntok; k++)
      if (tok_fits(s, 0, f, k))
        return true;
    return false;
  }
  if (s->ntok > 2 || !tok_fits(s, s->ntok - 1, f, f->ntok - 1))
    return false; /* "George W. Bush" is not part of "George H. W. Bush" */
  int k = 0;
  for (int j = 0; j + 1 < f->ntok && k + 1 < s->ntok; j++)
    k += tok_fits(s, k, f, j);
  return k + 1 == s->ntok;
}

/* Names that may be short for a longer one: people, organisations. */
static bool partial_kind(const anode *n) {
  int t = alias_node_type(n);
  return !n->acronym && (t == SL_ENT_PER || t == SL_ENT_ORG);
}

/* Joins the short names of one document to the only longer name they are
 * part of; marks those it joined in `done`. */
static void partial_in(merge *g, uint32_t b, uint32_t e, bool *done) {
  for (uint32_t i = b; i < e; i++) {
    anode *s = NODE(g, i);
    if (!partial_kind(s))
      continue;
    int type = alias_node_type(s);
    uint32_t root = UINT32_MAX, self = alias_find(g, i);
    for (uint32_t j = b; j < e && root != AMBIGUOUS; j++) {
      anode *f = NODE(g, j);
      uint32_t r = alias_find(g, j);
      if (r == self || alias_node_type(f) != type || !part_of(s, f))
        continue;
      root = root == UINT32_MAX || root == r ? r : AMBIGUOUS;
    }
    if (root != UINT32_MAX && root != AMBIGUOUS) {
      alias_union(g, i, root);
      done[i] = true;
    }
  }
}

/* Token skeleton of people's full names -> the one name holding it,
 * (node << 8) + 1, or TOK_AMBIGUOUS when names of two entities do. */
static sl_status index_tokens(merge *g, sl_map *m) {
  for (uint32_t j = 0; j < g->nodes.len; j++) {
    anode *f = NODE(g, j);
    if (f->ntok < 2 || alias_node_type(f) != SL_ENT_PER)
      continue;
    for (int k = 0; k < f->ntok; k++) {
      size_t len;
      const char *t = alias_node_tok(f, k, true, &len);
      bool inserted;
      void **slot = sl_map_slot(m, t, len, &inserted);
      if (!slot)
        return SL_ENOMEM;
      uint64_t v = (uint64_t)(uintptr_t)*slot;
      if (inserted)
        *slot = alias_val(((uint64_t)j << 8) + 1);
      else if (v != TOK_AMBIGUOUS &&
               alias_find(g, (uint32_t)((v - 1) >> 8)) != alias_find(g, j))
        *slot = alias_val(TOK_AMBIGUOUS);
    }
  }
  return SL_OK;
}

/* The short person names no document resolved: the one full name of the
 * whole set they are part of, else the other short names spelled alike. */
static sl_status partial_all(merge *g, const bool *done) {
  sl_map *tokens = sl_map_new(0x70, NULL), *alone = sl_map_new(0xa1, NULL);
  sl_status st = tokens && alone ? index_tokens(g, tokens) : SL_ENOMEM;
  for (uint32_t i = 0; st == SL_OK && i < g->nodes.len; i++) {
    anode *s = NODE(g, i);
    if (done[i] || s->acronym || alias_node_type(s) != SL_ENT_PER)
      continue;
    size_t len;
    const char *t = alias_node_tok(s, s->ntok - 1, true, &len);
    uint64_t v = (uint64_t)(uintptr_t)sl_map_get(tokens, t, len, NULL);
    uint32_t j = (uint32_t)((v - 1) >> 8);
    if (v && v != TOK_AMBIGUOUS && part_of(s, NODE(g, j))) {
      alias_union(g, i, j);
      continue;
    }
    if (s->ntok != 1)
      continue;
    bool oom = false;
    j = first_of(g, alone, SL_ENT_PER, s->folded, i, &oom);
    if (j != UINT32_MAX)
      alias_union(g, i, j);
    st = oom ? SL_ENOMEM : SL_OK;
  }
  sl_map_free(tokens);
  sl_map_free(alone);
  return st;
}

sl_status alias_join_partial(merge *g, size_t ndocs) {
  (void)ndocs;
  bool *done = calloc(g->nodes.len + 1, sizeof *done);
  if (!done)
    return SL_ENOMEM;
  for (uint32_t b = 0; b < g->nodes.len;) {
    uint32_t e = b;
    while (e < g->nodes.len && NODE(g, e)->doc == NODE(g, b)->doc)
      e++;
    partial_in(g, b, e, done);
    b = e;
  }
  sl_status st = partial_all(g, done);
  free(done);
  return st;
}
