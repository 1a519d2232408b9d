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

/* Gives an article without a metadata date the publication date its text
 * states (dateline, caption, the latest date stated), with its confidence
 * and origin; a metadata date gets confidence 1. */
void sl__when_pubdate(sl_article *a);

/* Stores the anchor date of every sentence of the stored article `a`. */
sl_status sl__when_anchors(sl_store *store, const sl_article *a,
                           sl_error *err) SL_MUST_USE;

#endif
