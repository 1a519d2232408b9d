/* storyline pipeline: the dossier's parts shared by dossier_run.c (which
 * gathers a story from the store) and dossier_json.c (which writes it). */
#ifndef SL_PIPELINE_DOSSIER_INT_H
#define SL_PIPELINE_DOSSIER_INT_H

#include <jansson.h>

#include "story/dossier.h"
#include "storyline/article.h"

/* One story of the storyline: the story itself or a related one. */
typedef struct sl__dos_story {
  int64_t id;
  char *title; /* owned, NULL when none */
  sl_date first, last;
} sl__dos_story;

/* A story gathered for its dossier; every pointer is owned. */
typedef struct sl__dos_input {
  sl__dos_story story;
  sl_article *articles; /* n, as stored */
  sl_dos_article *in;   /* n, borrowing from `articles` */
  size_t n;
  sl__dos_story *line; /* n_line related stories in date order */
  size_t n_line;
  json_t *entities, *quotes; /* from the who stage */
  json_t *timeline;          /* the story's timeline entries */
} sl__dos_input;

/* The sources of article `i`: {id, ref, outlet}. */
json_t *sl__dos_source(const sl__dos_input *x, size_t i);

/* Writes the dossier of the analysed story as a JSON object (NULL when out
 * of memory). */
json_t *sl__dos_json(const sl__dos_input *x, const sl_dos *d,
                     const sl_dos_sources *src, const sl_vec *picks,
                     const sl_vec *disagreements);

#endif
