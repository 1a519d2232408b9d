/* storyline store: full-text search. The tokenizer the index and its
 * queries share, the translation of a user's query into an FTS5 MATCH
 * expression, and the search itself over the articles_fts index. */
#ifndef SL_STORE_FTS_H
#define SL_STORE_FTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "store/store.h"
#include "storyline/status.h"

/* A text handed to the tokenizer may start with its language between these
 * two bytes ("\x02fr\x03..."): the index's content view prefixes every
 * column with the article's language, and the query translation every
 * phrase with the query's, so each is stemmed in its own language. */
#define SL_FTS_MARK_OPEN '\x02'
#define SL_FTS_MARK_CLOSE '\x03'

/* Longer words are not indexed: nobody types them, and runs of junk
 * (base64, "xxxx...") would fill the index with terms of their own. */
#define SL_FTS_MAX_WORD 64

/* The length of the language mark at the start of `text` (0 when none),
 * and the language into `lang` (`cap` bytes) when it fits and is not
 * empty; `lang` is left as it is otherwise. */
size_t sl__fts_lang(const char *text, size_t len, char *lang, size_t cap);

/* Calls `fn` with each term the index makes of `text` (the stem of each
 * word, number and abbreviation's matching key, up to SL_FTS_MAX_WORD
 * bytes) and its byte span; `fn`
 * returns non-zero to stop (SL_ECANCELED). For tests and tools: the
 * index itself goes through the registered tokenizer. */
sl_status sl__fts_terms(const char *text, size_t len,
                        int (*fn)(void *ud, const char *term, size_t tlen,
                                  size_t start, size_t end),
                        void *ud) SL_MUST_USE;

/* Registers the "storyline" tokenizer on the store's connection (done by
 * sl_store_open, before migrations, since the index needs it). */
sl_status sl__fts_register(sl_store *st, sl_error *err) SL_MUST_USE;

/* Translates a user's query into an FTS5 MATCH expression appended to
 * `out`: words (all required), "quoted phrases", OR, NOT or -word,
 * AND (the default, optional) and parentheses. Every word and phrase
 * becomes a quoted FTS5 string marked with `lang` (NULL: "en"), so no user
 * text is ever read as FTS5 syntax (column filters, NEAR, *, ^). Words
 * with nothing to index (punctuation) are left out. SL_EINVAL with a
 * message naming the problem for an empty query, an unclosed quote or
 * parenthesis, an OR without a word on one side, or a group of only
 * negated words. */
sl_status sl_fts_query(const char *query, const char *lang, sl_buf *out,
                       sl_error *err) SL_MUST_USE;

/* What sl_store_search looks for: a MATCH expression (sl_fts_query's)
 * and filters (NULL or 0: none). Dates are "YYYY-MM-DD", inclusive. */
typedef struct sl_store_search_q {
  const char *match;
  int64_t entity;
  const char *source, *lang, *since, *until;
  size_t limit; /* 0: no limit */
} sl_store_search_q;

/* A search ranks the matches among the most recently stored this many
 * (bm25 over every match of a word most articles hold would take a
 * second at a million articles; see `make bench`). */
#define SL_FTS_RANK_MAX 10000

/* One hit (valid during the call): `score` is bm25's, higher is better
 * (title words weigh 4 times body words); `snippet` the best fragment of
 * the text, matched words between « and », cuts marked with …. */
typedef struct sl_store_hit {
  int64_t id, story;
  const char *ref, *title, *date, *snippet;
  double score;
} sl_store_hit;

/* Calls `fn` for each matching article, best first among the
 * SL_FTS_RANK_MAX most recently stored matches; `fn` returns non-zero to
 * stop (SL_ECANCELED). */
sl_status sl_store_search(sl_store *st, const sl_store_search_q *q,
                          int (*fn)(void *ud, const sl_store_hit *h), void *ud,
                          sl_error *err) SL_MUST_USE;

/* One story among the hits: its title, how many hits it has, the best
 * hit's score and the story's first and last dates. */
typedef struct sl_store_story_hits {
  int64_t story, hits;
  const char *title, *first, *last;
  double best;
} sl_store_story_hits;

/* Calls `fn` for each story holding matching articles, best hit first
 * (articles without a story are left out); `limit` counts stories. */
sl_status sl_store_search_stories(sl_store *st, const sl_store_search_q *q,
                                  int (*fn)(void *ud,
                                            const sl_store_story_hits *h),
                                  void *ud, sl_error *err) SL_MUST_USE;

#endif
