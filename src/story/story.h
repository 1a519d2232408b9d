/* storyline story: the dossier stage. The timeline algorithm over plain
 * in-memory sentences, so that it runs (and is tested) without a store. */
#ifndef SL_STORY_STORY_H
#define SL_STORY_STORY_H

#include <stddef.h>
#include <stdint.h>

#include "storyline/article.h"
#include "storyline/status.h"
#include "storyline/story.h"

/* One sentence of one article, with what the timeline needs to know of
 * it. Every pointer is borrowed: it must outlive the call. */
typedef struct sl_story_sent {
  const char *text; /* `len` bytes of UTF-8 */
  size_t len;
  int64_t article; /* the article's id */
  int64_t group;   /* its duplicate group's canonical id, else `article` */
  const char *ref, *outlet, *lang; /* may be NULL (lang: English) */
  sl_date published;               /* year 0 when unknown */
  /* The date the sentence states (its first dated expression), else the
   * publication date; `value` is that expression's TIMEX3 value, NULL when
   * the sentence states none. */
  sl_date anchor;
  const char *value;
  uint32_t seq; /* its position in the article, from 0 */
  /* The words of that expression as the text has them (`expr_len` bytes;
   * NULL with `value`): a sentence that ends on a date with its year is
   * a photo caption's. */
  const char *expr;
  size_t expr_len;
} sl_story_sent;

/* What sl_story_timeline is asked for: as sl_timeline_opts without the
 * selector. */
typedef struct sl_story_tl_opts {
  sl_date from, to; /* entries' days (year 0: open) */
  size_t dates, per_date;
  const sl_timeline_tuning *tuning; /* NULL: the defaults */
} sl_story_tl_opts;

/* Builds the timeline of the `n` sentences `s` (any order) into `*out`,
 * which is overwritten; the caller releases it with sl_timeline_release.
 * Every string in it is copied. Errors: SL_ENOMEM, SL_EINVAL (NULL `s`
 * with n > 0). Thread safe: no shared state. */
sl_status sl_story_timeline(const sl_story_sent *s, size_t n,
                            const sl_story_tl_opts *opts,
                            sl_timeline *out) SL_MUST_USE;

#endif
