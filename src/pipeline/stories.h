/* storyline pipeline: stories as articles are stored. Each stored article
 * is featurized and added to the online clusterer (a duplicate joins the
 * story of its group's canonical article without adding evidence); at the
 * end of every batch the stories it touched, merged or retired are written
 * to the store. */
#ifndef SL_PIPELINE_STORIES_H
#define SL_PIPELINE_STORIES_H

#include "base/buf.h"
#include "base/vec.h"
#include "cluster/cluster.h"
#include "store/store.h"

/* The clustering state of one run. Owns everything but the store. */
typedef struct sl_stories {
  sl_store *store; /* borrowed */
  sl_cluster *cl;
  sl_cluster_fz *fz;
  sl_buf blob;
  sl_vec touched;  /* int64_t: stories changed since the last settle */
  int64_t last_id; /* the highest article id clustered */
  /* sl_stories_all stops with SL_ECANCELED once this is non-zero (NULL:
   * never); borrowed. */
  const volatile sig_atomic_t *cancel;
} sl_stories;

/* Opens the clusterer (default options and model). Unless `fresh`, it is
 * restored from the store as the last commit left it (the live stories,
 * every earlier article in the term weights, the counters and the stories
 * the next merge step compares), so that a run resumed after a crash goes
 * on as the interrupted one would have; when `fresh`, every story is
 * forgotten (a rebuild clusters again). */
sl_status sl_stories_init(sl_stories *s, sl_store *store, bool fresh,
                          sl_error *err) SL_MUST_USE;
void sl_stories_release(sl_stories *s);

/* Adds the stored article `a` (a->id set) to its story. `same_as` is the
 * earlier article it duplicates (its canonical, or the canonical it
 * contains and replaces), 0 for none: it then joins that article's story
 * without adding evidence, so a duplicate group counts once. Articles not
 * above the last one clustered (rewritten in place) keep their story. */
sl_status sl_stories_article(sl_stories *s, const sl_article *a,
                             int64_t same_as, sl_error *err) SL_MUST_USE;

/* Writes the stories changed since the last call (merges, new members,
 * retirement from the live index) and the clusterer's counters to the
 * store. Call inside the open transaction, before committing. */
sl_status sl_stories_settle(sl_stories *s, sl_error *err) SL_MUST_USE;

/* The end of a run: runs the clusterer's merge step over the stories
 * changed since the last one (the stream has ended, so stories that
 * converged since the last periodic step are joined now), then settles.
 * Call inside the open transaction. */
sl_status sl_stories_finish(sl_stories *s, sl_error *err) SL_MUST_USE;

/* Runs sl_stories_article over every stored article in id order (the
 * duplicates joining their canonical's story), then finishes (rebuild);
 * SL_ECANCELED when s->cancel is set on the way. */
sl_status sl_stories_all(sl_stories *s, sl_error *err) SL_MUST_USE;

#endif
