/* storyline: full-text search over the stored articles, and the filters of
 * the article and story lists. */
#ifndef STORYLINE_SEARCH_H
#define STORYLINE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "storyline/article.h"
#include "storyline/engine.h"
#include "storyline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Which articles a search or a list keeps: published from `since` to
 * `until` (inclusive; year 0: open), by outlet `source` and language
 * `lang` (ISO 639-1) when not NULL, at most `limit` (0: all). */
typedef struct sl_filter {
  sl_date since, until;
  const char *source, *lang;
  size_t limit;
} sl_filter;

/* Parses a date as --since and --until take it (YYYY-MM-DD, or any form
 * a record's metadata may use). SL_EPARSE with a message naming it. */
sl_status sl_filter_date(const char *s, sl_date *out,
                         sl_error *err) SL_MUST_USE;

/* What to look for. `query`: words (every one required), "quoted
 * phrases", OR between alternatives, NOT word or -word to leave articles
 * out, AND (optional) and parentheses. Words match as the pipeline reads
 * them: case, accents and punctuation variants folded, and stemmed
 * ("withdrawal" finds "withdrawing"), in the language `filter.lang` when
 * given, else English. `entity` (NULL: any) keeps the articles that
 * mention the archive entity it names, as sl_engine_entity finds it. */
typedef struct sl_search_opts {
  const char *query;
  const char *entity;
  sl_filter filter;
} sl_search_opts;

/* One matching article: `score` ranks the hits (bm25, higher is better;
 * title words weigh four times body words); `snippet` is the best
 * fragment of the text, matched words between « and », cuts marked with
 * "…"; `date` is "YYYY-MM-DD" or NULL; `story` 0 when none. Valid during
 * the callback. */
typedef struct sl_search_hit {
  int64_t id, story;
  const char *ref, *title, *date, *snippet;
  double score;
} sl_search_hit;

/* Calls `fn` for each matching article, best first; `fn` returns non-zero
 * to stop (SL_ECANCELED). SL_EINVAL (with the reason in `err`) for a
 * query that has no word to look for, an unclosed quote or parenthesis,
 * or an OR or NOT without its words; SL_ENOENT when `entity` names no
 * entity. */
sl_status sl_engine_search(sl_engine *eng, const sl_search_opts *opts,
                           int (*fn)(void *ud, const sl_search_hit *h),
                           void *ud, sl_error *err) SL_MUST_USE;

/* One story holding hits: its title (NULL when none), how many hits, the
 * best hit's score, the story's first and last dates ("YYYY-MM-DD" or
 * NULL). */
typedef struct sl_search_story {
  int64_t story, hits;
  const char *title, *first, *last;
  double best;
} sl_search_story;

/* As sl_engine_search, grouped by story (articles in no story are left
 * out), best first; `filter.limit` counts stories. */
sl_status sl_engine_search_stories(sl_engine *eng, const sl_search_opts *opts,
                                   int (*fn)(void *ud,
                                             const sl_search_story *s),
                                   void *ud, sl_error *err) SL_MUST_USE;

/* The order of a story list: by id, most recent last date first, or most
 * articles first. */
typedef enum sl_story_sort {
  SL_SORT_ID = 0,
  SL_SORT_RECENT,
  SL_SORT_SIZE
} sl_story_sort;

/* sl_engine_articles (in id order, without text) keeping the articles the
 * filter keeps. */
sl_status sl_engine_articles_where(sl_engine *eng, const sl_filter *f,
                                   int (*fn)(void *ud, const sl_article *a),
                                   void *ud, sl_error *err) SL_MUST_USE;

/* sl_engine_stories keeping the stories whose dates meet [since, until]
 * and that hold an article of `source` and of `lang`, in `sort` order. */
sl_status sl_engine_stories_where(sl_engine *eng, const sl_filter *f,
                                  sl_story_sort sort,
                                  int (*fn)(void *ud, const sl_story *s),
                                  void *ud, sl_error *err) SL_MUST_USE;

#ifdef __cplusplus
}
#endif
#endif
