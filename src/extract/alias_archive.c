/* storyline extract: the archive's entities. Each article's entities are
 * filed, name by name, in an index the caller keeps, so that aliases join
 * across the whole archive as articles arrive, with the same rules as the
 * merger applies within a set of documents:
 *   x<class>:<folded name>   a name as folded (titles, particles, case out)
 *   s<class>:<skeleton>      its transliteration skeleton; joins only when
 *                            the spellings are close (Gaddafi / Qadhafi)
 *   t:<token skeleton>       a token of a person's full name, for the lone
 *                            surnames and given names that fit only one
 *   l:<skeleton>             a lone person's name no full name claimed
 * Organisations and places share a class, as in the merger: the tagger
 * mixes them up (Hezbollah). */
#include <stdio.h>
#include <string.h>

#include "extract/alias_int.h"

enum { KEYCAP = ALIAS_MAXLEN + 8, MAXNAMES = 32 };

typedef struct filer {
  const sl_alias_index *ix;
  int64_t id; /* the archive entity found so far; 0 while none */
  char key[KEYCAP];
  char name[ALIAS_MAXLEN];
} filer;

static char type_class(int type) {
  return type == SL_ENT_PER ? 'P' : type == SL_ENT_MISC ? 'M' : 'O';
}

static bool is_lone(const alias_name *n, int type) {
  return n->ntok == 1 && !n->acronym && type == SL_ENT_PER;
}

static sl_status get(filer *f, const char *kind, const char *s, size_t len,
                     int64_t *id) {
  snprintf(f->key, sizeof f->key, "%s%.*s", kind, (int)len, s);
  f->name[0] = '\0';
  return f->ix->get(f->ix->ud, f->key, id, f->name, sizeof f->name);
}

/* The entity found so far and `other` are one: keeps the older id. */
static sl_status join(filer *f, int64_t other) {
  if (other <= 0 || other == f->id)
    return SL_OK;
  if (!f->id) {
    f->id = other;
    return SL_OK;
  }
  int64_t keep = f->id < other ? f->id : other;
  int64_t gone = f->id < other ? other : f->id;
  f->id = keep;
  return f->ix->merge(f->ix->ud, keep, gone);
}

/* The entities a (not lone) name is filed under, exactly or spelled
 * alike. */
static sl_status find_name(filer *f, const alias_name *n, char cls) {
  char kind[4] = {'x', cls, ':', '\0'};
  int64_t id;
  sl_status st = get(f, kind, n->folded, strlen(n->folded), &id);
  if (st == SL_OK)
    st = join(f, id);
  kind[0] = 's';
  if (st == SL_OK)
    st = get(f, kind, n->skel, strlen(n->skel), &id);
  if (st == SL_OK && id > 0 &&
      alias_close(n->folded, strlen(n->folded), f->name, strlen(f->name)))
    st = join(f, id);
  return st;
}

/* Whether `a` and the filed name `b` are one name spelled alike. */
static bool spelled_alike(const char *a, size_t na, const char *b) {
  size_t nb = strlen(b);
  return (na == nb && !memcmp(a, b, na)) || alias_close(a, na, b, nb);
}

/* The entity a lone person's name belongs to: the one full name with a
 * token spelled alike, else the same lone name filed before. */
static sl_status find_lone(filer *f, const alias_name *n, int64_t *out) {
  int64_t id;
  size_t fl = strlen(n->folded);
  sl_status st = get(f, "t:", n->skel, strlen(n->skel), &id);
  if (st != SL_OK)
    return st;
  /* when two full names hold the token, which one is meant is unknown */
  if (id > 0 && spelled_alike(n->folded, fl, f->name)) {
    *out = id;
    return SL_OK;
  }
  st = get(f, "l:", n->skel, strlen(n->skel), &id);
  *out =
      st == SL_OK && id > 0 && spelled_alike(n->folded, fl, f->name) ? id : 0;
  return st;
}

/* Files `key` under the entity when no entity has it yet. */
static sl_status put_new(filer *f, const char *kind, const char *s,
                         const char *name) {
  int64_t id;
  sl_status st = get(f, kind, s, strlen(s), &id);
  if (st == SL_OK && !id)
    st = f->ix->put(f->ix->ud, f->key, f->id, name);
  return st;
}

/* Files each token of a person's full name; a token two entities hold
 * becomes ambiguous. A lone surname filed before joins the full name when
 * no other full name holds it. */
static sl_status file_tokens(filer *f, const alias_name *n) {
  sl_status st = SL_OK;
  for (int k = 0; st == SL_OK && k < n->ntok; k++) {
    size_t sl, fl;
    const char *sk = alias_tok(n, k, true, &sl);
    const char *fo = alias_tok(n, k, false, &fl);
    char tok[ALIAS_MAXLEN];
    snprintf(tok, sizeof tok, "%.*s", (int)fl, fo);
    int64_t id;
    st = get(f, "t:", sk, sl, &id);
    if (st == SL_OK && !id)
      st = f->ix->put(f->ix->ud, f->key, f->id, tok);
    else if (st == SL_OK && id != f->id && id != SL_ALIAS_AMBIGUOUS)
      st = f->ix->put(f->ix->ud, f->key, SL_ALIAS_AMBIGUOUS, "");
    if (st == SL_OK && k == n->ntok - 1 && (!id || id == f->id)) {
      st = get(f, "l:", sk, sl, &id);
      if (st == SL_OK && spelled_alike(fo, fl, f->name))
        st = join(f, id);
    }
  }
  return st;
}

static sl_status file_name(filer *f, const alias_name *n, int type) {
  char cls = type_class(type);
  if (is_lone(n, type))
    return put_new(f, "l:", n->skel, n->folded);
  char kind[4] = {'x', cls, ':', '\0'};
  sl_status st = put_new(f, kind, n->folded, n->folded);
  kind[0] = 's';
  if (st == SL_OK)
    st = put_new(f, kind, n->skel, n->folded);
  if (st == SL_OK && type == SL_ENT_PER && n->ntok >= 2)
    st = file_tokens(f, n);
  return st;
}

/* The cleaned names of an entity's forms (at most MAXNAMES). */
static size_t names_of(const sl_entity *e, alias_name *out) {
  size_t n = 0;
  for (size_t i = 0; i < e->nforms && n < MAXNAMES; i++)
    if (alias_name_of(e->forms[i].text, strlen(e->forms[i].text), e->type,
                      &out[n]))
      n++;
  return n;
}

sl_status sl_alias_file(const sl_alias_index *ix, const sl_entity *e,
                        int64_t *id) {
  alias_name names[MAXNAMES];
  filer f = {.ix = ix};
  size_t n = names_of(e, names);
  bool all_lone = true;
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < n; i++) {
    if (is_lone(&names[i], e->type))
      continue;
    all_lone = false;
    st = find_name(&f, &names[i], type_class(e->type));
  }
  for (size_t i = 0; st == SL_OK && all_lone && !f.id && i < n; i++)
    st = find_lone(&f, &names[i], &f.id);
  if (st == SL_OK && !f.id)
    st = ix->create(ix->ud, &f.id);
  for (size_t i = 0; st == SL_OK && i < n; i++)
    st = file_name(&f, &names[i], e->type);
  *id = st == SL_OK ? f.id : 0;
  return st;
}

/* The entity a name is filed under, exactly or spelled alike, without
 * joining anything. */
static sl_status peek_name(filer *f, const alias_name *n, char cls,
                           int64_t *out) {
  char kind[4] = {'x', cls, ':', '\0'};
  sl_status st = get(f, kind, n->folded, strlen(n->folded), out);
  if (st != SL_OK || *out > 0)
    return st;
  kind[0] = 's';
  st = get(f, kind, n->skel, strlen(n->skel), out);
  if (st == SL_OK && *out > 0 &&
      !alias_close(n->folded, strlen(n->folded), f->name, strlen(f->name)))
    *out = 0;
  return st;
}

sl_status sl_alias_lookup(const sl_alias_index *ix, const char *name,
                          size_t len, int64_t ids[3], size_t *n) {
  static const int types[] = {SL_ENT_PER, SL_ENT_ORG, SL_ENT_MISC};
  filer f = {.ix = ix};
  sl_status st = SL_OK;
  alias_name a;
  *n = 0;
  for (size_t t = 0; st == SL_OK && t < 3; t++) {
    int64_t id = 0;
    if (!alias_name_of(name, len, types[t], &a))
      continue;
    if (is_lone(&a, types[t]))
      st = find_lone(&f, &a, &id);
    else
      st = peek_name(&f, &a, type_class(types[t]), &id);
    bool seen = id <= 0;
    for (size_t k = 0; k < *n; k++)
      seen |= ids[k] == id;
    if (st == SL_OK && !seen)
      ids[(*n)++] = id;
  }
  return st;
}
