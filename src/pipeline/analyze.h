/* storyline pipeline: the per-article analysis every stored article gets at
 * ingest: language, content hash, and the stemmed term vector. */
#ifndef SL_PIPELINE_ANALYZE_H
#define SL_PIPELINE_ANALYZE_H

#include "base/buf.h"
#include "storyline/article.h"
#include "text/stem.h"

/* Reusable scratch memory for sl_analyze; one per thread. */
typedef struct sl_analyzer sl_analyzer;

/* A new analyzer stemming with `stem` (borrowed, must outlive it). */
sl_analyzer *sl_analyzer_new(sl_stemmers *stem);
void sl_analyzer_free(sl_analyzer *an);

/* Fills a->language when it is NULL (language identification) and
 * a->content_hash (XXH3 of the normalised words of the title and the text:
 * spacing, case and punctuation do not count), and writes the
 * term vector blob into `terms` (cleared first): version byte 1, then for
 * each distinct stemmed, normalised word or number, in the order of first
 * occurrence (title first), a varint length, the bytes, a varint count in
 * the text and a varint count in the title. */
sl_status sl_analyze(sl_analyzer *an, sl_article *a, sl_buf *terms) SL_MUST_USE;

/* One entry of a term vector blob. */
typedef struct sl_term {
  const char *key;
  size_t len;
  unsigned text_count, title_count;
} sl_term;

/* Reads the entry at `*pos` of a term blob and advances `*pos`. Returns false
 * at the end or on a malformed blob. Start with *pos = 1 (after the version
 * byte; the caller checks blob[0] == 1). */
bool sl_terms_next(const unsigned char *blob, size_t len, size_t *pos,
                   sl_term *out);

#endif
