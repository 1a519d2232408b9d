/* storyline store: the article and story lists with their filters (dates,
 * source, language, a limit, an order), done in SQL. */
#ifndef SL_STORE_LISTS_H
#define SL_STORE_LISTS_H

#include "store/store.h"

/* NULL or "" leaves a filter out; dates are "YYYY-MM-DD", inclusive. */
typedef struct sl_store_filter {
  const char *since, *until, *source, *lang;
  size_t limit; /* 0: all */
  int sort;     /* stories: 0 by id, 1 most recent first, 2 largest first */
} sl_store_filter;

/* sl_store_articles_each (without text) over the articles the filter
 * keeps, in id order. */
sl_status sl_store_articles_where(sl_store *st, const sl_store_filter *f,
                                  int (*fn)(void *ud, const sl_article *a),
                                  void *ud, sl_error *err) SL_MUST_USE;

/* sl_store_stories_each over the stories whose dates meet [since, until]
 * and that hold an article of `source` and one in `lang`. */
sl_status sl_store_stories_where(sl_store *st, const sl_store_filter *f,
                                 int (*fn)(void *ud, const sl_store_story *s),
                                 void *ud, sl_error *err) SL_MUST_USE;

/* The number of raw records stored. */
sl_status sl_store_raw_count(sl_store *st, uint64_t *count,
                             sl_error *err) SL_MUST_USE;

#endif
