/* storyline: the article, as every stage and the public API see it. */
#ifndef STORYLINE_ARTICLE_H
#define STORYLINE_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "storyline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A calendar date; year 0 means "no date". */
typedef struct sl_date {
  int16_t year;
  int8_t month; /* 1..12 */
  int8_t day;   /* 1..31 */
} sl_date;

/* Writes "YYYY-MM-DD" and a NUL into `out`; "" when the date is empty. */
void sl_date_format(sl_date date, char out[11]);

/* One article. Every string field is NUL-terminated, heap-allocated and owned
 * by the article (freed by sl_article_release); NULL means "not given".
 * `text` is never NULL once an article is stored. Strings are valid UTF-8. */
typedef struct sl_article {
  int64_t id;             /* store id, 0 before the article is stored */
  int64_t raw_id;         /* the raw record it came from, 0 before storing */
  int part;               /* 0, or 1.. when one record held several articles */
  char *ref;              /* external id, else the file path */
  char *title;            /* headline */
  char *text;             /* body, original characters kept for display */
  char *source;           /* outlet */
  char *url;              /* canonical URL */
  char *author;           /* byline, NULL when none */
  char *language;         /* ISO 639-1 code ("en"), NULL when unknown */
  char *extra;            /* JSON object of fields storyline does not know */
  sl_date date;           /* publication date, year 0 when unknown */
  char date_origin[12];   /* where the date came from: "given" (the record's
                             metadata or --date), "page" (a web page's
                             metadata), "dateline", "caption", "latest" (the
                             latest date the text states), "" */
  double date_confidence; /* 1 for metadata, less when inferred, 0: none */
  uint64_t content_hash;  /* hash of the normalised title and text */
  int64_t duplicate_of;   /* canonical article of its duplicate group, 0 */
  char relation[12];      /* to it: "exact", "near", "contained", "rewrite" */
  double dup_score;       /* the relation's score in [0, 1] */
  int64_t story;          /* the story it tells, 0 before clustering */
} sl_article;

/* Sets every field to empty. */
void sl_article_init(sl_article *a);

/* Frees every owned string and re-initialises `a`. NULL is a no-op. */
void sl_article_release(sl_article *a);

/* Replaces `*field` (one of the article's string fields) with a copy of
 * `len` bytes at `s` (NULL clears the field). */
sl_status sl_article_set(char **field, const char *s, size_t len) SL_MUST_USE;

#ifdef __cplusplus
}
#endif
#endif
