/* storyline: when. Temporal expressions found in a text and given their
 * calendar value (TIMEX3, as TempEval-3 annotates them), per-sentence anchor
 * dates, and the publication date of an undated text. */
#ifndef STORYLINE_WHEN_H
#define STORYLINE_WHEN_H

#include <stdbool.h>
#include <stddef.h>

#include "storyline/article.h"
#include "storyline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sl_timex_type {
  SL_TIMEX_DATE = 1, /* a calendar point or period: 2021-03-03, 2020-Q1 */
  SL_TIMEX_TIME,     /* a time of day: 2021-03-03T10:30, 2021-03-03TEV */
  SL_TIMEX_DURATION, /* a length of time: P3M, PT2H, PXY */
  SL_TIMEX_SET       /* a recurrence: P1D ("daily"), XXXX-WXX-5 */
} sl_timex_type;

/* One temporal expression. `value` is a TIMEX3 value: "2024-02-16",
 * "2024-02", "2024", "199" (the 1990s), "20" (the 21st century),
 * "2020-Q1", "2020-H2", "2020-SU", "2024-W07", "2024-W07-WE",
 * "2024-02-16TEV", "2024-02-16T14:30", "P3M", "PT2H", "PXY",
 * "PRESENT_REF", "PAST_REF", "FUTURE_REF", and X for what the text leaves
 * open ("XXXX-03-03", "XXXX-WXX-5"). `mod` is "" or one of START, MID, END,
 * APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE. `day` is the
 * first calendar day the value denotes when it has one (year 0 otherwise:
 * durations, sets, references, partial X values) and `gran` the value's
 * granularity in days, roughly (1 day, 7 week, 30 month, 365 year; 0 when
 * `day` is empty). */
typedef struct sl_timex {
  size_t start, end; /* byte span in the text, end exclusive */
  sl_timex_type type;
  char value[28];
  char mod[16];
  sl_date day;
  int gran;
} sl_timex;

/* A list of expressions in text order. `items` is malloc'd and owned by the
 * list (sl_timex_list_release frees it); NULL when `count` is 0. */
typedef struct sl_timex_list {
  sl_timex *items;
  size_t count;
} sl_timex_list;

/* "DATE", "TIME", "DURATION" or "SET"; "?" for anything else. */
const char *sl_timex_type_str(sl_timex_type type);

/* Finds every temporal expression in `len` bytes of UTF-8 `text` and
 * normalises it against `dct`, the document creation time (the article's
 * date): relative expressions ("on Friday", "three months ago", "last
 * March") resolve against it, with the tense around them choosing past or
 * future, and chained ones ("the following day") against the last date
 * stated. With an empty `dct` (year 0) relative expressions keep X
 * ("XXXX-XX-XX"). `*out` is overwritten; the caller releases it. Errors:
 * SL_ENOMEM, SL_ETOOBIG (text over 1 GiB), SL_EINVAL (NULL text with len
 * > 0, or NULL out). Thread safe: no shared state. */
sl_status sl_when_find(const char *text, size_t len, sl_date dct,
                       sl_timex_list *out) SL_MUST_USE;

/* Frees the items and empties the list. NULL is a no-op. */
void sl_timex_list_release(sl_timex_list *list);

/* The anchor date of one sentence: the date the sentence states (its first
 * DATE or TIME expression with a calendar day), else the article's date. */
typedef struct sl_when_anchor {
  size_t start, end; /* the sentence's byte span, end exclusive */
  sl_date date;      /* year 0 when the sentence states none and dct is empty */
  long timex;        /* index in the sl_when_find list, -1 for the dct */
} sl_when_anchor;

typedef struct sl_when_anchor_list {
  sl_when_anchor *items; /* malloc'd, owned by the list; NULL when empty */
  size_t count;
} sl_when_anchor_list;

/* Splits `text` into sentences and gives each its anchor date, using the
 * expressions `found` (from sl_when_find on the same text and dct; NULL
 * means: find them here). `*out` is overwritten; the caller releases it.
 * Errors as sl_when_find. */
sl_status sl_when_anchors(const char *text, size_t len, sl_date dct,
                          const sl_timex_list *found,
                          sl_when_anchor_list *out) SL_MUST_USE;

/* Frees the items and empties the list. NULL is a no-op. */
void sl_when_anchor_list_release(sl_when_anchor_list *list);

/* The publication date of an article. `origin` is "given" (the metadata
 * date, confidence 1), "dateline" (a dateline or date line near the top,
 * 0.9), "caption" (a photo caption date, 0.7), "latest" (the latest full
 * date the text states that is not in the future of the others, 0.4) or ""
 * (none found: date empty, confidence 0). */
typedef struct sl_when_pubdate {
  sl_date date;
  double confidence; /* 0..1 */
  char origin[12];
} sl_when_pubdate;

/* Fills `*out` with `given` when it is a date (metadata is never
 * overridden), else with the date the text states. Returns whether a date
 * was found. Never fails: out of memory only loses the "latest" fallback. */
bool sl_when_pubdate_infer(const char *text, size_t len, sl_date given,
                           sl_when_pubdate *out);

#ifdef __cplusplus
}
#endif
#endif
