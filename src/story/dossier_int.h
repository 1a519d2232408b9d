/* storyline story: what the dossier's files share: the word hashes, the
 * stop words and the inverse document frequencies. */
#ifndef SL_DOSSIER_INT_H
#define SL_DOSSIER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "story/dossier.h"

/* A term's inverse document frequency over the story's articles. */
typedef struct sl__dos_idf {
  uint32_t hash;
  float idf;
  float df; /* articles that hold it */
} sl__dos_idf;

/* The hash of `len` bytes (FNV-1a: the story is small and trusted to be
 * the caller's; a collision only merges two words' weights). */
uint32_t sl__dos_hash(const char *s, size_t len);

/* Whether the lower-cased word is an English function word. */
bool sl__dos_stopword(const char *w, size_t len);

/* The idf of a term hash (0 when unknown). */
float sl__dos_idf_of(const sl_dos *d, uint32_t hash);

/* The number of articles that hold a term hash (0 when unknown). */
float sl__dos_df_of(const sl_dos *d, uint32_t hash);

/* Whether token `t` of article `art` is the lower-cased word `w`. */
bool sl__dos_is(const sl_dos *d, size_t art, size_t t, const char *w);

#endif
