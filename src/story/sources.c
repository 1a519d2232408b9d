/* storyline story: a story's sources: its outlets with their article
 * counts and the first article to report it. */
#include <stdlib.h>
#include <string.h>

#include "story/dossier_int.h"

static int cmp_outlet(const void *a, const void *b) {
  const sl_dos_outlet *x = a, *y = b;
  if (x->articles != y->articles)
    return x->articles > y->articles ? -1 : 1;
  if (!x->name || !y->name) /* the unknown outlet last */
    return (x->name == NULL) - (y->name == NULL);
  return strcmp(x->name, y->name);
}

static bool same_outlet(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

static int date_cmp(sl_date a, sl_date b) {
  if (!a.year || !b.year) /* undated after dated */
    return (a.year == 0) - (b.year == 0);
  if (a.year != b.year)
    return a.year < b.year ? -1 : 1;
  if (a.month != b.month)
    return a.month < b.month ? -1 : 1;
  return (a.day > b.day) - (a.day < b.day);
}

/* Whether article `a` reported before `b`: earlier date, then lower id. */
static bool before(const sl_dos_article *a, const sl_dos_article *b) {
  int c = date_cmp(a->date, b->date);
  return c ? c < 0 : a->id < b->id;
}

sl_status sl_dos_sources_find(const sl_dos_article *arts, size_t n,
                              sl_dos_sources *out) {
  memset(out, 0, sizeof *out);
  out->first = SIZE_MAX;
  out->outlets = calloc(n ? n : 1, sizeof *out->outlets);
  if (!out->outlets)
    return SL_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    size_t k = 0;
    while (k < out->n_outlets &&
           !same_outlet(out->outlets[k].name, arts[i].outlet))
      k++;
    if (k == out->n_outlets)
      out->outlets[out->n_outlets++] = (sl_dos_outlet){arts[i].outlet, 0};
    out->outlets[k].articles++;
    if (out->first == SIZE_MAX || before(&arts[i], &arts[out->first]))
      out->first = i;
  }
  qsort(out->outlets, out->n_outlets, sizeof *out->outlets, cmp_outlet);
  return SL_OK;
}

void sl_dos_sources_release(sl_dos_sources *s) {
  free(s->outlets);
  memset(s, 0, sizeof *s);
  s->first = SIZE_MAX;
}
