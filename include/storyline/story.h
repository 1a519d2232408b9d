/* storyline: the dossier of a story. The timeline: the dates of a set of
 * articles (a story, a storyline, a query, a date range, or everything)
 * and what happened on each, in sentences chosen across the articles. */
#ifndef STORYLINE_STORY_H
#define STORYLINE_STORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "storyline/article.h"
#include "storyline/engine.h"
#include "storyline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An article a timeline sentence comes from: its id, ref and outlet
 * ("" when the article names none). */
typedef struct sl_tl_source {
  int64_t id;
  const char *ref, *outlet;
} sl_tl_source;

/* One sentence of an entry and every article that says it: sentences of
 * different articles that say the same thing are merged into one, the
 * text being the one that says it best. */
typedef struct sl_tl_sentence {
  const char *text;
  const sl_tl_source *sources;
  size_t n_sources;
} sl_tl_sentence;

/* One entry: a date and what happened that day. `stated` is true when
 * a sentence of the entry states the date ("on Tuesday", "March 3"),
 * false when the entry rests on the articles' publication date only.
 * `period` is NULL for a day; for a background entry (a month or year
 * the articles state, or a day before the timeline's span: "the
 * coalition formed in 2014") it is the TIMEX3 value ("2014", "2014-03",
 * "2014-03-03") and `date` its first day. */
typedef struct sl_tl_entry {
  sl_date date;
  bool stated;
  const char *period;
  const sl_tl_sentence *sentences;
  size_t n_sentences;
} sl_tl_entry;

/* A timeline: day entries in date order, then background entries in
 * date order. Every pointer in it is owned by the timeline and freed by
 * sl_timeline_release. */
typedef struct sl_timeline {
  sl_tl_entry *entries;
  size_t n_entries;
  size_t n_background; /* the last n_background entries */
  void *mem;           /* private: the memory the strings live in */
} sl_timeline;

/* Sets every field to empty (a released timeline is empty too). */
void sl_timeline_init(sl_timeline *tl);
/* Frees everything the timeline holds and empties it. NULL is a no-op. */
void sl_timeline_release(sl_timeline *tl);

/* The algorithm's weights. The defaults (sl_timeline_tuning_default)
 * were chosen on the Timeline17 development topics, each choice checked
 * on a topic it was not chosen on (see bench/timeline_eval.sh); they are
 * public so that the evaluation can vary them, not to be set per topic. */
typedef struct sl_timeline_tuning {
  /* Date score: articles stating the day, counted once per duplicate
   * group; an article published that day counts `same_day` (it may only
   * say "today"), one published on another day 1; plus `published` per
   * article published that day. Each vote is scaled by
   * (1 - relevance) + relevance * min(1, sim / mean sim), sim being its
   * sentence's similarity to what the whole material says. */
  double same_day, published, relevance;
  /* Per-date candidates: the first `lead` sentences of the articles
   * published that day that state no other day, and every sentence that
   * states the day. Candidates have `min_words`..`max_words` words. */
  unsigned lead, min_words, max_words;
  /* Sentence score: similarity to the day's centroid, mixed with
   * `topic` of its similarity to all the candidates' centroid (what the
   * whole material is about), times (1 + support * log(sources)), times
   * `unstated` for a sentence that does not state the day, times
   * `personal` for one that says I, we or you (a comment, an opinion),
   * times `quoted` for one holding a quotation mark, times `caption`
   * for one that ends on a date with its year (a photo caption). */
  double topic, support, unstated, personal, quoted, caption;
  /* Two sentences of one day whose cosine reaches `merge` are one
   * sentence with both sources; a sentence whose cosine with one already
   * in the timeline reaches `redundant` is left out. */
  double merge, redundant;
  /* Background entries: at most `background` (0: none), each a period
   * stated by at least `background_min` articles. */
  unsigned background, background_min;
} sl_timeline_tuning;

/* The default weights. */
sl_timeline_tuning sl_timeline_tuning_default(void);

/* What a timeline covers and how long it is. At most one of `story`,
 * `storyline` and `query` selects the articles; none selects all. */
typedef struct sl_timeline_opts {
  int64_t story;     /* this story's articles (0: no story) */
  int64_t storyline; /* this story's and its related stories' (0: none) */
  const char *query; /* articles whose title or text holds every word */
  /* Publication dates bound the articles and entries (year 0: open).
   * Stated days outside them become background. */
  sl_date from, to;
  size_t dates;    /* number of day entries; 0 picks it from the material */
  size_t per_date; /* sentences per entry at most; 0 picks it */
  const sl_timeline_tuning *tuning; /* NULL: the defaults */
} sl_timeline_opts;

/* Builds the timeline of the articles `opts` selects into `*out`, which
 * is overwritten (the caller releases it). The articles need their
 * sentence dates (the dates stage of an ingest). An empty selection gives
 * an empty timeline. Errors: SL_ENOENT (no such story), SL_EINVAL (two
 * selectors, `from` after `to`), SL_ENOMEM, store errors; `err` says
 * which. */
sl_status sl_engine_timeline(sl_engine *eng, const sl_timeline_opts *opts,
                             sl_timeline *out, sl_error *err) SL_MUST_USE;

/* The timeline as one compact JSON object in a malloc'd string the caller
 * frees: {"entries": [{"date": "YYYY-MM-DD", "stated": bool,
 * "sentences": [{"text", "sources": [{"id", "ref", "outlet"}]}]}]};
 * background entries carry "background": true and "period". */
sl_status sl_timeline_to_json(const sl_timeline *tl, char **out) SL_MUST_USE;

#ifdef __cplusplus
}
#endif
#endif
