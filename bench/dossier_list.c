/* storyline bench: lists the disagreements the dossier finds in labelled
 * corpora, each variant with the sentence that states it, for reading:
 *   bench_dossier list KEY FILE.jsonl.gz...
 * The articles of one value of KEY ("story", "topic") are taken as one
 * story, so that what is read is the disagreement finder, not the
 * clusterer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <zlib.h>

#include "story/dossier.h"
#include "story/facts.h"

static sl_date date_of(const char *s) {
  if (!s || strlen(s) < 10)
    return (sl_date){0, 0, 0};
  return (sl_date){(int16_t)atoi(s), (int8_t)atoi(s + 5), (int8_t)atoi(s + 8)};
}

static void show_variant(const sl_dos *d, const sl_vec *facts,
                         const sl_dos_disagree *g, const sl_dos_variant *v) {
  for (size_t a = 0; a < v->n_arts; a++) {
    size_t art = v->arts[a];
    for (size_t q = 0; q < facts->len; q++) {
      const sl__fact *f = &SL_VEC_AT(facts, sl__fact, q);
      if (f->art != art || strcmp(f->about, g->about) ||
          strcmp(f->text, v->value))
        continue;
      const sl_dos_sent *s = &SL_VEC_AT(&d->sents, sl_dos_sent, f->sent);
      char date[11];
      sl_date_format(d->arts[art].date, date);
      printf("  [%s] %s %s %s: %.*s\n", v->value, d->arts[art].ref,
             d->arts[art].outlet ? d->arts[art].outlet : "-", date,
             (int)(s->end - s->start), d->arts[art].text + s->start);
      break;
    }
  }
}

/* Prints the disagreements of one group of articles. */
static size_t list_group(const char *label, const sl_dos_article *a, size_t n,
                         sl_stemmers *stem) {
  sl_dos d;
  sl_vec dis, facts;
  sl_vec_init(&dis, sizeof(sl_dos_disagree));
  sl_vec_init(&facts, sizeof(sl__fact));
  if (sl_dos_init(&d, a, n, stem) != SL_OK)
    return 0;
  for (size_t i = 0; i < d.sents.len; i++)
    if (sl__facts_of(&d, i, &facts) != SL_OK)
      break;
  size_t found = 0;
  if (sl_dos_disagreements(&d, &dis) == SL_OK)
    for (size_t i = 0; i < dis.len; i++, found++) {
      const sl_dos_disagree *g = &SL_VEC_AT(&dis, sl_dos_disagree, i);
      printf("== %s: %s\n", label, g->about);
      for (size_t v = 0; v < g->n; v++)
        show_variant(&d, &facts, g, &g->v[v]);
    }
  sl_dos_disagree_clear(&dis);
  sl_vec_release(&dis);
  sl_vec_release(&facts);
  sl_dos_release(&d);
  return found;
}

static json_t *read_all(const char *path) {
  gzFile f = gzopen(path, "rb");
  json_t *all = json_array();
  size_t cap = 1 << 22;
  char *line = malloc(cap);
  while (f && line && gzgets(f, line, (int)cap))
    json_array_append_new(all, json_loads(line, 0, NULL));
  free(line);
  if (f)
    gzclose(f);
  return all;
}

/* The articles of one KEY value, in file order. */
static size_t group_of(json_t *all, const char *key, const char *value,
                       sl_dos_article *a) {
  size_t n = 0, i;
  json_t *r;
  json_array_foreach(all, i, r) {
    const char *k = json_string_value(json_object_get(r, key));
    const char *text = json_string_value(json_object_get(r, "text"));
    if (!k || !text || strcmp(k, value) != 0)
      continue;
    a[n] =
        (sl_dos_article){(int64_t)i + 1,
                         json_string_value(json_object_get(r, "id")),
                         json_string_value(json_object_get(r, "source")),
                         NULL,
                         NULL,
                         date_of(json_string_value(json_object_get(r, "date"))),
                         text,
                         strlen(text),
                         0,
                         NULL};
    n++;
  }
  return n;
}

int sl_bench_dossier_list(const char *key, char **files, int n);
int sl_bench_dossier_list(const char *key, char **files, int nfiles) {
  sl_stemmers *stem = sl_stemmers_new();
  size_t total = 0;
  for (int f = 0; f < nfiles; f++) {
    json_t *all = read_all(files[f]);
    sl_dos_article *a = calloc(json_array_size(all) + 1, sizeof *a);
    json_t *seen = json_object(), *r;
    size_t i;
    json_array_foreach(all, i, r) {
      const char *k = json_string_value(json_object_get(r, key));
      if (!k || json_object_get(seen, k))
        continue;
      json_object_set_new(seen, k, json_true());
      size_t n = group_of(all, key, k, a);
      if (n >= 2)
        total += list_group(k, a, n, stem);
    }
    json_decref(seen);
    json_decref(all);
    free(a);
  }
  printf("disagreements: %zu\n", total);
  sl_stemmers_free(stem);
  return 0;
}
