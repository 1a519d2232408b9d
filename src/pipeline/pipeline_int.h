/* storyline pipeline: state shared by the files of the pipeline module. */
#ifndef SL_PIPELINE_INT_H
#define SL_PIPELINE_INT_H

#include "store/store.h"
#include "storyline/engine.h"
#include "text/stem.h"

struct sl_engine {
  sl_store *store;   /* owned */
  sl_stemmers *stem; /* owned */
};

/* sl_extract_html for a page whose HTTP header declared `charset` (NULL:
 * none; the page's own declarations then decide). */
sl_status sl__extract_page(const char *bytes, size_t len, const char *charset,
                           sl_article *out, sl_error *err) SL_MUST_USE;

#endif
