/* storyline pipeline: what an ingest learns across articles and applies back
 * to those stored before it knew (the boilerplate of each source). */
#ifndef SL_PIPELINE_LEARN_H
#define SL_PIPELINE_LEARN_H

#include "base/buf.h"
#include "base/vec.h"
#include "clean/boiler.h"
#include "clean/clean.h"
#include "pipeline/analyze.h"
#include "store/store.h"
#include "storyline/engine.h"

/* The learning state of one run. Init, then release; owns everything. */
typedef struct sl_learner {
  sl_boiler *boiler; /* loaded from the store, saved back by settle */
  sl_vec revisit;    /* int64_t: stored articles to clean again */
  sl_cleaned cleaned;
  sl_vec removed; /* sl_store_removed, scratch */
} sl_learner;

/* Loads the model kept in `store` (or, when `fresh`, forgets it: a rebuild
 * learns it again from the first record). */
sl_status sl_learner_init(sl_learner *l, sl_store *store, bool fresh,
                          sl_error *err) SL_MUST_USE;
void sl_learner_release(sl_learner *l);

/* The key of an article's source, 0 when it has none (nothing is learned
 * then). */
uint64_t sl_learner_source(const sl_article *a);

/* Counts the lines of a stored article (a->id set). */
sl_status sl_learner_observe(sl_learner *l, const sl_article *a,
                             sl_error *err) SL_MUST_USE;

/* Whether the stored article `a` held lines that its own observation made
 * boilerplate; if so, cleans it again now, as settle would (`a` gets the
 * new text and content hash, and the store the article, its sentence dates
 * and entities unless `skip` leaves them out, and its removed lines), so
 * that the stages after it see the article without them. Call after the
 * article's removed lines are stored. */
sl_status sl_learner_revisit_now(sl_learner *l, sl_engine *eng, sl_analyzer *an,
                                 sl_buf *terms, unsigned skip, sl_article *a,
                                 sl_error *err) SL_MUST_USE;

/* Cleans again the stored articles that held lines which have since become
 * boilerplate (re-analysed with `an`, their sentence dates and entities
 * found again unless `skip` (sl_stage bits) leaves them out, their removed
 * lines added), and saves the model. Call inside the open transaction,
 * before committing. */
sl_status sl_learner_settle(sl_learner *l, sl_engine *eng, sl_analyzer *an,
                            sl_buf *terms, unsigned skip,
                            sl_error *err) SL_MUST_USE;

#endif
