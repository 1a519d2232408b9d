/* storyline model: the article's constructor, destructor and setters. */
#include <stdlib.h>
#include <string.h>

#include "storyline/article.h"

void sl_article_init(sl_article *a) {
  memset(a, 0, sizeof *a);
}

void sl_article_release(sl_article *a) {
  if (!a)
    return;
  free(a->ref);
  free(a->title);
  free(a->text);
  free(a->source);
  free(a->url);
  free(a->author);
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
