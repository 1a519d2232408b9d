/* storyline extract: from joined names to entities: each one's mentions,
 * surface forms with counts, type (the most frequent) and canonical name
 * (the most complete form, then the most frequent, then the first). */
#include <stdlib.h>
#include <string.h>

#include "extract/alias_merge.h"

typedef struct form {
  uint32_t ent, count, first;
  const char *text;
  uint32_t len;
  uint8_t ntok;
} form;

typedef struct ent {
  uint32_t count, first, types[SL_ENT__COUNT];
  int32_t best; /* index of the canonical form in `clean` */
} ent;

typedef struct collect {
  sl_vec ents, raw, clean; /* ent, form, form */
  sl_map *forms;           /* kind + ent + text -> form + 1 */
  uint32_t *ent_of;        /* node -> entity */
  sl_buf key;
} collect;

static sl_status count_form(collect *c, sl_vec *v, char kind, uint32_t e,
                            const char *text, uint32_t len, uint8_t ntok,
                            uint32_t at) {
  sl_buf_clear(&c->key);
  sl_status st = sl_buf_putc(&c->key, kind);
  if (st == SL_OK)
    st = sl_buf_append(&c->key, &e, sizeof e);
  if (st == SL_OK)
    st = sl_buf_append(&c->key, text, len);
  bool inserted;
  void **slot = st == SL_OK
                    ? sl_map_slot(c->forms, c->key.ptr, c->key.len, &inserted)
                    : NULL;
  if (!slot)
    return SL_ENOMEM;
  if (inserted) {
    form f = {e, 0, at, text, len, ntok};
    if (sl_vec_push(v, &f) != SL_OK)
      return SL_ENOMEM;
    *slot = alias_val(v->len);
  }
  SL_VEC_AT(v, form, (uintptr_t)*slot - 1).count++;
  return SL_OK;
}

/* The entity of mention i, made when new. */
static sl_status entity_of(collect *c, merge *g, uint32_t i, uint32_t *e) {
  const amention *m = &SL_VEC_AT(&g->mentions, amention, i);
  uint32_t r = m->node == UINT32_MAX ? UINT32_MAX : alias_find(g, m->node);
  if (r != UINT32_MAX && c->ent_of[r] != UINT32_MAX) {
    *e = c->ent_of[r];
    return SL_OK;
  }
  ent *x = sl_vec_push_zero(&c->ents);
  if (!x)
    return SL_ENOMEM;
  x->first = i;
  x->best = -1;
  *e = (uint32_t)c->ents.len - 1;
  if (r != UINT32_MAX)
    c->ent_of[r] = *e;
  return SL_OK;
}

static sl_status add_mention(collect *c, merge *g, uint32_t i, uint32_t *e) {
  const amention *m = &SL_VEC_AT(&g->mentions, amention, i);
  sl_status st = entity_of(c, g, i, e);
  if (st != SL_OK)
    return st;
  if (!c->ents.data)
    return SL_ENOMEM;
  ent *x = (ent *)c->ents.data + *e;
  x->count++;
  x->types[m->type]++;
  st = count_form(c, &c->raw, 'r', *e, m->raw, m->len, 0, i);
  if (st != SL_OK)
    return st;
  if (m->node == UINT32_MAX)
    return count_form(c, &c->clean, 'c', *e, m->raw, m->len, 1, i);
  const anode *n = &SL_VEC_AT(&g->nodes, anode, m->node);
  return count_form(c, &c->clean, 'c', *e, n->display,
                    (uint32_t)strlen(n->display), n->ntok, i);
}

static bool better(const form *a, const form *b) {
  if (a->ntok != b->ntok)
    return a->ntok > b->ntok;
  if (a->count != b->count)
    return a->count > b->count;
  return a->first < b->first;
}

typedef struct rank {
  uint32_t count, first, idx;
} rank;
static int by_count(const void *a, const void *b) {
  const rank *x = a, *y = b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->first < y->first ? -1 : x->first > y->first;
}
static int by_ent_count(const void *a, const void *b) {
  const form *x = a, *y = b;
  if (x->ent != y->ent)
    return x->ent < y->ent ? -1 : 1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->first < y->first ? -1 : x->first > y->first;
}

static char *dup(const char *s, size_t len) {
  char *d = malloc(len + 1);
  if (d) {
    memcpy(d, s, len);
    d[len] = '\0';
  }
  return d;
}

static sl_status fill_entity(sl_entity *o, const ent *x, const form *best,
                             const form *f, size_t nf) {
  int type = 0;
  for (int t = 1; t < SL_ENT__COUNT; t++)
    if (x->types[t] > x->types[type])
      type = t;
  o->type = (uint8_t)type;
  o->count = x->count;
  o->name = dup(best->text, best->len);
  o->forms = calloc(nf ? nf : 1, sizeof *o->forms);
  if (!o->name || !o->forms)
    return SL_ENOMEM;
  o->nforms = nf;
  for (size_t k = 0; k < nf; k++) {
    o->forms[k].count = f[k].count;
    if (!(o->forms[k].text = dup(f[k].text, f[k].len)))
      return SL_ENOMEM;
  }
  return SL_OK;
}

/* Entities in order (most mentioned first), with their sorted forms. */
static sl_status build(collect *c, sl_who *out, uint32_t *new_of) {
  size_t ne = c->ents.len;
  ent *E = c->ents.data;
  form *C = c->clean.data, *R = c->raw.data;
  for (size_t k = 0; k < c->clean.len; k++)
    if (E[C[k].ent].best < 0 || better(&C[k], &C[E[C[k].ent].best]))
      E[C[k].ent].best = (int32_t)k;
  rank *order = malloc((ne + 1) * sizeof *order);
  out->entities = calloc(ne + 1, sizeof *out->entities);
  size_t *fstart = calloc(ne + 1, sizeof *fstart);
  sl_status st = order && out->entities && fstart ? SL_OK : SL_ENOMEM;
  if (st == SL_OK) {
    for (size_t e = 0; e < ne; e++)
      order[e] = (rank){E[e].count, E[e].first, (uint32_t)e};
    qsort(order, ne, sizeof *order, by_count);
    if (c->raw.len)
      qsort(R, c->raw.len, sizeof *R, by_ent_count);
    for (size_t k = 0; k < c->raw.len; k++)
      fstart[R[k].ent + 1]++;
    for (size_t e = 0; e < ne; e++)
      fstart[e + 1] += fstart[e];
  }
  for (size_t r = 0; st == SL_OK && r < ne; r++) {
    uint32_t e = order[r].idx;
    new_of[e] = (uint32_t)r;
    out->n = r + 1;
    st = fill_entity(&out->entities[r], &E[e], &C[E[e].best], R + fstart[e],
                     fstart[e + 1] - fstart[e]);
  }
  free(order);
  free(fstart);
  return st;
}

static void collect_release(collect *c) {
  sl_vec_release(&c->ents);
  sl_vec_release(&c->raw);
  sl_vec_release(&c->clean);
  sl_map_free(c->forms);
  free(c->ent_of);
  sl_buf_release(&c->key);
}

sl_status alias_collect(merge *g, sl_who *out) {
  collect c = {SL_VEC_INIT(ent),
               SL_VEC_INIT(form),
               SL_VEC_INIT(form),
               sl_map_new(0xc0, NULL),
               malloc((g->nodes.len + 1) * sizeof(uint32_t)),
               SL_BUF_INIT};
  size_t nm = g->mentions.len;
  out->mention_entity = malloc((nm + 1) * sizeof *out->mention_entity);
  sl_status st = c.forms && c.ent_of && out->mention_entity ? SL_OK : SL_ENOMEM;
  if (st == SL_OK)
    memset(c.ent_of, 0xff, (g->nodes.len + 1) * sizeof(uint32_t));
  for (uint32_t i = 0; st == SL_OK && i < nm; i++)
    st = add_mention(&c, g, i, &out->mention_entity[i]);
  out->nmentions = st == SL_OK ? nm : 0;
  uint32_t *new_of = malloc((c.ents.len + 1) * sizeof *new_of);
  if (st == SL_OK)
    st = new_of ? build(&c, out, new_of) : SL_ENOMEM;
  for (size_t i = 0; st == SL_OK && i < nm; i++)
    out->mention_entity[i] = new_of[out->mention_entity[i]];
  free(new_of);
  collect_release(&c);
  return st;
}

void sl_who_release(sl_who *w) {
  for (size_t i = 0; w->entities && i < w->n; i++) {
    sl_entity *e = &w->entities[i];
    free(e->name);
    for (size_t k = 0; e->forms && k < e->nforms; k++)
      free(e->forms[k].text);
    free(e->forms);
  }
  free(w->entities);
  free(w->mention_entity);
  memset(w, 0, sizeof *w);
}
