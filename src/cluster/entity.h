/* storyline cluster: capitalised-phrase entities, a heuristic until the
 * entity stage lands: runs of capitalised words on one line ("Lindsay
 * Lohan", "Bank of America", "U.S."), leading function words dropped, a
 * lone capitalised word at a sentence start ignored unless it is an
 * acronym, and lines written in title case (headlines) skipped. */
#ifndef SL_CLUSTER_ENTITY_H
#define SL_CLUSTER_ENTITY_H

#include <stddef.h>

#include "storyline/status.h"
#include "text/token.h"

/* Called with each phrase: tokens t[first .. last] (inclusive; connectors
 * such as "of" may be inside). A status other than SL_OK stops the scan. */
typedef sl_status (*sl__phrase_fn)(void *ud, size_t first, size_t last);

/* Scans `n` tokens of `text` for entity phrases. */
sl_status sl__phrases(const char *text, const sl_token *t, size_t n,
                      sl__phrase_fn fn, void *ud) SL_MUST_USE;

#endif
