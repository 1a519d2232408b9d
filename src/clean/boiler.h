/* storyline clean: boilerplate learned from the data. A line (paragraph)
 * that recurs in several articles of one source — a comment policy, a
 * newsletter pitch, "Read more on our site" — is that source's boilerplate,
 * whatever its wording: no phrase list is needed. The model counts, per
 * source, in how many articles each line occurs; once a line reaches the
 * threshold it is boilerplate, and the articles that held it before are
 * named so that the caller can clean them too.
 *
 * The model is in memory and bounded: when the table is full, lines seen
 * in one article only are forgotten first. The caller persists it with
 * sl_boiler_flush / sl_boiler_load. */
#ifndef SL_CLEAN_BOILER_H
#define SL_CLEAN_BOILER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/vec.h"
#include "storyline/status.h"

enum {
  SL_BOILER_MIN_ARTICLES = 3, /* default threshold */
  SL_BOILER_KEEP_IDS = 2      /* first articles remembered per line */
};

/* One line of one source: `key` mixes the source and the line hash. */
typedef struct sl_boiler_entry {
  uint64_t key;
  uint32_t articles;                 /* articles of the source holding it */
  uint32_t changed;                  /* counted since loaded or flushed */
  int64_t first[SL_BOILER_KEEP_IDS]; /* the first of them, 0 when unknown */
} sl_boiler_entry;

typedef struct sl_boiler sl_boiler;

/* A model where a line is boilerplate once `min_articles` (at least 2)
 * articles of one source hold it; the table holds at most `max_lines`
 * lines (0: 1 << 19). NULL when out of memory. */
sl_boiler *sl_boiler_new(unsigned min_articles, size_t max_lines);
void sl_boiler_free(sl_boiler *b);

/* The key of a source name (never 0). */
uint64_t sl_boiler_source(const char *name, size_t len);

/* The hash of one line: case folded, blanks and punctuation left out, so
 * "Read more." and "read more" are one line. Never 0. */
uint64_t sl_boiler_line_hash(const char *s, size_t len);

/* Whether the line with hash `line` is boilerplate of `source`. */
bool sl_boiler_known(const sl_boiler *b, uint64_t source, uint64_t line);

/* Whether a line is long enough to be counted (short lines are widgets,
 * handled elsewhere). */
bool sl_boiler_countable(const char *s, size_t len);

/* Counts the countable lines of article `id` (its cleaned body, LF line
 * ends) for `source`. The ids of earlier articles holding a line that has
 * just become boilerplate are appended to `revisit` (int64_t). */
sl_status sl_boiler_observe(sl_boiler *b, uint64_t source, const char *text,
                            size_t len, int64_t id,
                            sl_vec *revisit) SL_MUST_USE;

/* Calls `fn` for every line seen in at least two articles (what is worth
 * keeping between runs) that changed since the last flush or load, and
 * marks it unchanged. `fn` returns non-zero to stop. */
sl_status sl_boiler_flush(sl_boiler *b,
                          sl_status (*fn)(void *ud, const sl_boiler_entry *e),
                          void *ud) SL_MUST_USE;

/* Puts back an entry saved by sl_boiler_flush. */
sl_status sl_boiler_load(sl_boiler *b, const sl_boiler_entry *e) SL_MUST_USE;

/* Number of lines that are boilerplate now. */
size_t sl_boiler_count(const sl_boiler *b);

#endif
