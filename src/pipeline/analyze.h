/* storyline pipeline: the per-article analysis every stored article gets at
 * ingest: language, content hash, and the stemmed term vector. */
#ifndef SL_PIPELINE_ANALYZE_H
#define SL_PIPELINE_ANALYZE_H

#include "base/buf.h"
#include "storyline/article.h"
#include "text/stem.h"

/* How much of a long article the stages that keep something per word or
 * per sentence read: entities and quotes, sentence anchor dates, the date
 * inferred from the text, the story clusterer's features. Their memory grows
 * with what they read (the named-entity tagger's by some 130 bytes per byte
 * of text: 8 GB for a 60 MB text), so past this bound they read the text's
 * first part only. The whole text is still stored, cleaned, split into
 * glued articles, hashed, given its term vector and fingerprinted for
 * duplicates. 1 MiB leaves every real article whole: the longest text of
 * the evaluation corpora is 671 KB (a Timeline17 blog page with its
 * comments), the longest body extracted from trafilatura's 989 pages
 * 103 KB. */
#define SL_ANALYSIS_MAX_BYTES ((size_t)1 << 20)

/* The length of the part of `text` (`len` bytes of valid UTF-8) that those
 * stages read: all of it up to SL_ANALYSIS_MAX_BYTES, else the bytes before
 * the last line break (else space, else character boundary) of the first
 * SL_ANALYSIS_MAX_BYTES, so that no sentence or word is cut. */
size_t sl_analysed_len(const char *text, size_t len);

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
