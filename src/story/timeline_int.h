/* storyline story: what the timeline's files share: days as numbers,
 * sentences as weighted term vectors, and the candidates of each day. */
#ifndef SL_TIMELINE_INT_H
#define SL_TIMELINE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/vec.h"
#include "story/story.h"

/* qsort that takes an empty array at a NULL pointer (qsort may not). */
static inline void sl__tl_sort(void *base, size_t n, size_t size,
                               int (*cmp)(const void *, const void *)) {
  if (n > 1)
    qsort(base, n, size, cmp);
}

/* Days since 1970-01-01 (proleptic Gregorian), and back. */
long sl__tl_days(sl_date d);
sl_date sl__tl_date(long days);

/* A TIMEX3 value read for the timeline: a full day ("2010-04-20",
 * "2010-04-20TEV"), a month or year ("2010-04", "2010"), else nothing. */
typedef enum tl_gran { TL_NONE = 0, TL_DAY, TL_MONTH, TL_YEAR } tl_gran;
tl_gran sl__tl_gran(const char *value, sl_date *first);

/* One term of a sentence and its weight. */
typedef struct tl_term {
  uint32_t id;
  float w;
} tl_term;

/* A sentence as the timeline sees it. */
typedef struct tl_sent {
  tl_term *terms; /* sorted by id, unit length once weighted */
  uint32_t n_terms;
  uint16_t words; /* word and number tokens */
  bool question;  /* ends with a question mark */
  bool personal;  /* says I, we or you: a comment or a quote, not a report */
  bool quoted;    /* holds a quotation mark */
  bool caption;   /* ends on a date with its year: a photo caption */
  bool usable;    /* within the word limits, not a question */
  float topic;    /* cosine with the centroid of every candidate */
} tl_sent;

/* Turns the sentences `which` (indices into `s`, `n` of them) into term
 * vectors `out[which[i]]` (raw counts; stop words out, stems in), giving
 * each term an id below `*n_terms`. Each vector's terms are malloc'd and
 * owned by `out` (free them with free). `df` (uint32_t per term id)
 * counts the sentences holding each. */
sl_status sl__tl_words(const sl_story_sent *s, const uint32_t *which, size_t n,
                       tl_sent *out, sl_vec *df, uint32_t *n_terms) SL_MUST_USE;

/* Weights every term of `v` by idf (from `df` over `n_docs` sentences)
 * and scales it to unit length. */
void sl__tl_weigh(tl_sent *v, const uint32_t *df, size_t n_docs);

/* Cosine of two unit vectors. */
float sl__tl_cos(const tl_sent *a, const tl_sent *b);

/* One candidate: sentence `sent` says what happened on `day`; `stated`
 * when it states the day, else it is a lead of an article published
 * that day. */
typedef struct tl_cand {
  long day;
  uint32_t sent;
  bool stated;
} tl_cand;

/* A day and its score. */
typedef struct tl_day {
  long day;
  double score;
  uint32_t first, count; /* its candidates: cands[first .. first+count) */
} tl_day;

/* One vote for a day: the article group that casts it (a sentence
 * stating the day, or an article published that day), its weight, and the
 * sentence it rests on. */
typedef struct tl_vote {
  long day;
  int64_t group;
  double w;
  uint32_t sent;
} tl_vote;

/* Collects the candidates of every day in [from, to] into `cands` and the
 * votes for the days into `votes`. */
sl_status sl__tl_candidates(const sl_story_sent *s, size_t n, long from,
                            long to, const sl_timeline_tuning *t, sl_vec *cands,
                            sl_vec *votes) SL_MUST_USE;

/* Scores the days from the votes (weighted by their sentences' topic
 * similarity in `v`, each group once a day) into `days` (sorted by day),
 * and points each day at its candidates (sorting `cands` by day). */
sl_status sl__tl_score_days(sl_vec *votes, const tl_sent *v,
                            const sl_timeline_tuning *t, sl_vec *cands,
                            sl_vec *days) SL_MUST_USE;

/* What the picker is given and keeps across the days of one timeline. */
typedef struct tl_picker {
  const sl_story_sent *s;
  tl_sent *v;
  const tl_cand *cands;
  const sl_timeline_tuning *t;
  size_t per_date;
  double keep;     /* a day's later sentences score at least keep * its best */
  float *centroid; /* dense, one per term id, zero between calls */
  sl_vec chosen;   /* uint32_t: sentences already in the timeline */
} tl_picker;

/* One chosen sentence and the candidates that say the same thing. */
typedef struct tl_pick {
  uint32_t sent;
  bool stated;
  uint32_t *same; /* sentences merged into it (malloc'd), n_same of them */
  uint32_t n_same;
} tl_pick;

/* Chooses up to per_date sentences for day `d` into `out` (tl_pick,
 * appended), best first, leaving out what the timeline already says. */
sl_status sl__tl_pick_day(tl_picker *p, const tl_day *d,
                          sl_vec *out) SL_MUST_USE;

/* The work of one call: its inputs and what it has built so far. */
typedef struct tl_run {
  const sl_story_sent *s;
  size_t n;
  sl_timeline_tuning t;
  long from, to;
  sl_vec cands; /* tl_cand */
  sl_vec votes; /* tl_vote */
  sl_vec days;  /* tl_day */
  tl_sent *v;   /* one per sentence; only candidates filled */
  sl_vec df;    /* uint32_t per term */
  uint32_t n_terms;
  sl_vec bg;    /* tl_cand of background periods, by period */
  sl_vec bgday; /* tl_day per period: score = articles stating it */
} tl_run;

/* An entry being built: its day or period and the sentences chosen. */
typedef struct draft {
  long day;
  const char *period; /* background: the value (period_len bytes) */
  size_t period_len;
  sl_vec picks; /* tl_pick */
} draft;

/* Frees every draft of `drafts` (draft) and empties it. */
void sl__tl_drafts_release(sl_vec *drafts);

/* Collects the background: sentences stating a month, a year or a day
 * that ends before `start`, each period a tl_day of r->bgday (its score
 * the duplicate groups stating it) over its candidates in r->bg. */
sl_status sl__tl_bg_collect(tl_run *r, long start) SL_MUST_USE;

/* Appends to `drafts` the best background periods, a sentence each. */
sl_status sl__tl_bg_pick(tl_run *r, tl_picker *p, sl_vec *drafts) SL_MUST_USE;

/* Writes the drafts (days, then the last `n_bg` background ones) into
 * `out` in date order, copying every string. */
sl_status sl__tl_emit(const sl_story_sent *s, sl_vec *drafts, size_t n_bg,
                      sl_timeline *out) SL_MUST_USE;

#endif
