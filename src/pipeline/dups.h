/* storyline pipeline: duplicates as articles are stored. Each stored
 * article gets a fingerprint (kept in the store), is checked against the
 * index of the articles before it, and joins a duplicate group when a
 * relation holds. */
#ifndef SL_PIPELINE_DUPS_H
#define SL_PIPELINE_DUPS_H

#include "base/buf.h"
#include "dedup/dedup.h"
#include "store/store.h"

/* The duplicate state of one run. Owns everything but the store. */
typedef struct sl_dups {
  sl_store *store; /* borrowed */
  sl_dedup *index;
  sl_dedup_fp *fp;
  sl_buf blob;
  int64_t last_id;  /* the highest id indexed */
  int64_t replaced; /* the canonical the last article took over, or 0 */
  /* sl_dups_all stops with SL_ECANCELED once this is non-zero (NULL:
   * never); borrowed. */
  const volatile sig_atomic_t *cancel;
} sl_dups;

/* Opens the index with options `o` (NULL: defaults). Unless `fresh`, it is
 * restored from the fingerprints and groups kept in the store; when
 * `fresh`, those are forgotten (a rebuild finds them again). */
sl_status sl_dups_init(sl_dups *d, sl_store *store, const sl_dedup_opts *o,
                       bool fresh, sl_error *err) SL_MUST_USE;
void sl_dups_release(sl_dups *d);

/* Fingerprints the stored article `a` (a->id set), relates it to the
 * articles before it, and keeps both in the store; sets a->duplicate_of,
 * relation and dup_score; d->replaced names the group's old canonical when
 * `a` contains it and leads the group now. Articles with ids not above the
 * last one indexed (rewritten in place) keep only their new fingerprint. */
sl_status sl_dups_article(sl_dups *d, sl_article *a, sl_error *err) SL_MUST_USE;

/* Runs sl_dups_article over every stored article in id order (rebuild);
 * SL_ECANCELED when d->cancel is set on the way. */
sl_status sl_dups_all(sl_dups *d, sl_error *err) SL_MUST_USE;

#endif
