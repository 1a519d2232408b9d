/* storyline story: disagreements: where the sources state different
 * numbers for one thing on one day (people killed, injured, missing or
 * arrested; an earthquake's magnitude). Aimed at precision: a statement
 * joins only in a frame read for sure, and compatible values never clash. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "story/facts.h"
#include "story/dossier_int.h"

typedef struct group {
  sl__fact *f;
  size_t n;
} group;

/* Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
static long days_of(sl_date x) {
  long y = x.year - (x.month <= 2);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (x.month + (x.month > 2 ? -3 : 9)) + 2) / 5 + x.day - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* The day a statement was published; UNDATED when its article has no
 * date (such articles are compared only with each other: a corpus without
 * dates is one of reports, not of updates over weeks). Statements clash
 * only on one day: a toll one day later is most often an update. */
#define UNDATED LONG_MIN
static long day_of(const sl_dos *d, const sl__fact *f) {
  sl_date x = d->arts[f->art].date;
  return x.year ? days_of(x) : UNDATED;
}

static bool same_days(const sl_dos *d, const sl__fact *a, const sl__fact *b) {
  long x = day_of(d, a), y = day_of(d, b);
  if (x == UNDATED || y == UNDATED)
    return x == y;
  return x == y;
}

static bool in_window(const sl_dos *d, const sl__fact *f, long day) {
  long x = day_of(d, f);
  return x == day;
}

static bool same_source(const sl_dos *d, size_t a, size_t b) {
  if (d->group[a] == d->group[b])
    return true;
  const char *x = d->arts[a].outlet, *y = d->arts[b].outlet;
  return x && y && strcmp(x, y) == 0;
}

/* Whether two statements can both be true: bounds that hold the other
 * value, values within rounding of each other. */
bool sl__fact_compatible(const sl__fact *a, const sl__fact *b) {
  if (a->bound == b->bound && a->bound != SL__EXACT && a->bound != SL__APPROX)
    return true; /* two lower (or two upper) bounds */
  if (a->bound == SL__LOWER || b->bound == SL__LOWER) {
    const sl__fact *lo = a->bound == SL__LOWER ? a : b, *o = lo == a ? b : a;
    return o->value >= lo->value * (o->bound == SL__APPROX ? 0.9 : 1.0);
  }
  if (a->bound == SL__UPPER || b->bound == SL__UPPER) {
    const sl__fact *up = a->bound == SL__UPPER ? a : b, *o = up == a ? b : a;
    return o->value <= up->value * (o->bound == SL__APPROX ? 1.1 : 1.0);
  }
  double hi = a->value > b->value ? a->value : b->value;
  double lo = a->value > b->value ? b->value : a->value;
  double tol = a->bound == SL__APPROX || b->bound == SL__APPROX ? 0.1
               : a->round || b->round                           ? 0.05
                                                                : 0;
  return hi - lo <= tol * hi + 1e-9;
}

static int cmp_fact(const void *x, const void *y) {
  const sl__fact *a = x, *b = y;
  if (a->frame != b->frame)
    return a->frame < b->frame ? -1 : 1;
  int c = strcmp(a->head, b->head);
  if (c)
    return c;
  if (a->art != b->art)
    return a->art < b->art ? -1 : 1;
  return (a->sent > b->sent) - (a->sent < b->sent);
}

/* An article that states two clashing values for one thing tells an update
 * or two events: its statements about that thing are set aside. */
static void drop_self_clashes(group *g) {
  for (size_t i = 0; i < g->n; i++)
    for (size_t j = i + 1; j < g->n && g->f[j].art == g->f[i].art; j++)
      if (!sl__fact_compatible(&g->f[i], &g->f[j]))
        g->f[i].dropped = g->f[j].dropped = true;
}

/* A clash: two statements from different sources, published the same
 * day, about sentences that share words, that cannot both be true. Returns the
 * earliest such pair's first index, SIZE_MAX if none. */
static size_t find_clash(const sl_dos *d, const group *g, long *day) {
  for (size_t i = 0; i < g->n; i++) {
    const sl__fact *a = &g->f[i];
    for (size_t j = i + 1; !a->dropped && j < g->n; j++) {
      const sl__fact *b = &g->f[j];
      if (b->dropped || same_source(d, a->art, b->art) || !same_days(d, a, b) ||
          sl__fact_compatible(a, b) ||
          sl_dos_cosine(d, a->sent, b->sent) < SL__FACT_CONTEXT)
        continue;
      long x = day_of(d, a), y = day_of(d, b);
      *day = x < y ? x : y;
      return i;
    }
  }
  return SIZE_MAX;
}

static sl_status add_art(sl_dos_variant *v, size_t art) {
  for (size_t i = 0; i < v->n_arts; i++)
    if (v->arts[i] == art)
      return SL_OK;
  size_t *p = realloc(v->arts, (v->n_arts + 1) * sizeof *p);
  if (!p)
    return SL_ENOMEM;
  v->arts = p;
  size_t k = v->n_arts++;
  while (k > 0 && p[k - 1] > art) { /* kept ascending */
    p[k] = p[k - 1];
    k--;
  }
  p[k] = art;
  return SL_OK;
}

/* Whether a magnitude is too far from the clash's to be the same quake's
 * (an aftershock of 3.8 beside a 6.1 and a 5.9). */
static bool other_quake(const sl__fact *f, const sl__fact *clash) {
  double diff = f->value - clash->value;
  return f->frame == SL__MAGNITUDE && (diff > 1.0 || diff < -1.0);
}

/* One variant per distinct stated value, from every statement published
 * on the clash's day. */
static sl_status variants(const sl_dos *d, const group *g, size_t clash,
                          long day, sl_dos_disagree *out, size_t *firsts) {
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < g->n; i++) {
    const sl__fact *f = &g->f[i];
    if (f->dropped || !in_window(d, f, day) || other_quake(f, &g->f[clash]))
      continue;
    size_t k = 0;
    while (k < out->n && !(g->f[firsts[k]].bound == f->bound &&
                           g->f[firsts[k]].value == f->value))
      k++;
    if (k == out->n) {
      out->v[k] = (sl_dos_variant){strdup(f->text), NULL, 0};
      firsts[k] = i;
      out->n++;
      if (!out->v[k].value)
        return SL_ENOMEM;
    }
    st = add_art(&out->v[k], f->art);
  }
  return st;
}

static sl_status report(const sl_dos *d, const group *g, size_t clash, long day,
                        sl_vec *out) {
  sl_dos_disagree x = {strdup(g->f[0].about), NULL, 0};
  x.v = calloc(g->n, sizeof *x.v);
  size_t *firsts = calloc(g->n, sizeof *firsts); /* each variant's first */
  sl_status st = x.about && x.v && firsts ? SL_OK : SL_ENOMEM;
  if (st == SL_OK)
    st = variants(d, g, clash, day, &x, firsts);
  free(firsts);
  if (st == SL_OK)
    st = sl_vec_push(out, &x);
  if (st != SL_OK) {
    for (size_t i = 0; x.v && i < x.n; i++)
      free(x.v[i].value), free(x.v[i].arts);
    free(x.v);
    free(x.about);
  }
  return st;
}

sl_status sl_dos_disagreements(const sl_dos *d, sl_vec *out) {
  sl_vec facts;
  sl_vec_init(&facts, sizeof(sl__fact));
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < d->sents.len; i++)
    st = sl__facts_of(d, i, &facts);
  sl__fact *f = facts.data;
  if (st == SL_OK && facts.len)
    qsort(f, facts.len, sizeof *f, cmp_fact);
  for (size_t i = 0; st == SL_OK && i < facts.len;) {
    size_t j = i;
    while (j < facts.len && f[j].frame == f[i].frame &&
           strcmp(f[j].head, f[i].head) == 0)
      j++;
    group g = {f + i, j - i};
    long day = 0;
    drop_self_clashes(&g);
    size_t clash = find_clash(d, &g, &day);
    if (clash != SIZE_MAX)
      st = report(d, &g, clash, day, out);
    i = j;
  }
  sl_vec_release(&facts);
  return st;
}

void sl_dos_disagree_clear(sl_vec *out) {
  for (size_t i = 0; i < out->len; i++) {
    sl_dos_disagree *x = &SL_VEC_AT(out, sl_dos_disagree, i);
    for (size_t k = 0; k < x->n; k++)
      free(x->v[k].value), free(x->v[k].arts);
    free(x->v);
    free(x->about);
  }
  sl_vec_clear(out);
}
