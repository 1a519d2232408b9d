/* storyline text: Snowball stemming for every language libstemmer has,
 * chosen by ISO 639-1 code. */
#ifndef SL_TEXT_STEM_H
#define SL_TEXT_STEM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/str.h"
#include "storyline/status.h"

/* A set of stemmers created on first use, one per language. Owned by the
 * caller; not thread-safe (use one set per thread). */
typedef struct sl_stemmers sl_stemmers;

sl_stemmers *sl_stemmers_new(void);
void sl_stemmers_free(sl_stemmers *s);

/* Whether a Snowball stemmer exists for the ISO 639-1 code ("en", "ar"). */
bool sl_stem_supported(const char *lang);

/* Stems one lower-cased word. `*out` points into the stemmers' memory and
 * stays valid until the next call on `s`. For an unsupported language (or
 * NULL), `*out` is the word itself. Stems of short words are cached: words
 * repeat across texts. */
sl_status sl_stem(sl_stemmers *s, const char *lang, const char *word,
                  size_t len, sl_str *out) SL_MUST_USE;

/* Fetches the cache slot of `word` into the CPU cache ahead of its
 * sl_stem: a caller with a list of words hides the memory latency of the
 * (large) cache by asking a few words ahead. No effect on results. */
void sl_stem_prefetch(const sl_stemmers *s, const char *lang, const char *word,
                      size_t len);

#endif
