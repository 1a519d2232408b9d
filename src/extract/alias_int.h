/* storyline extract: what the alias merger's files share: the cleaned,
 * folded and skeleton forms of a name. */
#ifndef SL_EXTRACT_ALIAS_INT_H
#define SL_EXTRACT_ALIAS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "storyline/who.h"

enum { ALIAS_MAXTOK = 16, ALIAS_MAXLEN = 256 };

/* A name as the merger compares it. */
typedef struct alias_name {
  uint32_t start, len;       /* the cleaned name within the mention text */
  char folded[ALIAS_MAXLEN]; /* lowercase, marks stripped, particles out,
                                tokens joined by one space */
  char skel[ALIAS_MAXLEN];   /* the transliteration skeleton, same tokens */
  uint8_t ntok;
  uint8_t tok[ALIAS_MAXTOK];  /* start of each token in `folded` */
  uint8_t stok[ALIAS_MAXTOK]; /* start of each token in `skel` */
  bool acronym;               /* one token in capitals, 2..10 letters */
} alias_name;

/* Cleans a mention of type `type`: leading articles, prepositions and,
 * for a person, titles ("US Secretary of State"), a trailing possessive;
 * then folds it. Returns false when nothing is left. */
bool alias_name_of(const char *s, size_t len, int type, alias_name *out);
/* Token k of the folded (or skeleton) form, as a slice. */
const char *alias_tok(const alias_name *n, int k, bool skel, size_t *len);
/* Whether two folded strings are close enough to be spellings of one name
 * (edit distance at most 40% of the longer, which has 5+ bytes). */
bool alias_close(const char *a, size_t na, const char *b, size_t nb);
/* The initials of a long name's capitalised words, with and without its
 * short words (of, and, the...), into out1/out2 (16 bytes each). */
void alias_initials(const char *s, size_t len, char *with, char *without);

#endif
