/* storyline model: the article's constructor, destructor and setters. */
#include <stdlib.h>
#include <string.h>

#include "storyline/article.h"

void sl_date_format(sl_date date, char out[11]) {
  if (date.year <= 0) {
    out[0] = '\0';
    return;
  }
  unsigned y = (unsigned)date.year % 10000u, m = (unsigned)date.month % 100u,
           d = (unsigned)date.day % 100u;
  out[0] = (char)('0' + y / 1000);
  out[1] = (char)('0' + y / 100 % 10);
  out[2] = (char)('0' + y / 10 % 10);
  out[3] = (char)('0' + y % 10);
  out[4] = '-';
  out[5] = (char)('0' + m / 10);
  out[6] = (char)('0' + m % 10);
  out[7] = '-';
  out[8] = (char)('0' + d / 10);
  out[9] = (char)('0' + d % 10);
  out[10] = '\0';
}

void sl_article_init(sl_article *a) { memset(a, 0, sizeof *a); }

void sl_article_release(sl_article *a) {
  if (!a)
    return;
  free(a->ref);
  free(a->title);
  free(a->text);
  free(a->source);
  free(a->url);
  free(a->language);
  free(a->extra);
  sl_article_init(a);
}

sl_status sl_article_set(char **field, const char *s, size_t len) {
  char *copy = NULL;
  if (s) {
    copy = malloc(len + 1);
    if (!copy)
      return SL_ENOMEM;
    memcpy(copy, s, len);
    copy[len] = '\0';
  }
  free(*field);
  *field = copy;
  return SL_OK;
}
