/* storyline extract: what the quote finder's files share: the text's
 * tokens, its sentences, and which mention covers each token. */
#ifndef SL_EXTRACT_QUOTE_INT_H
#define SL_EXTRACT_QUOTE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/vec.h"
#include "storyline/who.h"
#include "text/sentence.h"
#include "text/token.h"

typedef struct qtext {
  const char *s;
  size_t len;
  const sl_token *tok;
  size_t ntok;
  const sl_sentence *sent;
  size_t nsent;
  uint32_t *sent_of;   /* token -> sentence */
  int32_t *mention_of; /* token -> mention covering it, or -1 */
  const sl_mention *m;
  size_t nm;
  uint8_t *quoted; /* token inside a direct quote */
  sl_vec *out;     /* sl_quote */
} qtext;

/* Whether token i is the word `w` (ASCII, case-insensitive). */
bool quote_is(const qtext *q, size_t i, const char *w);
/* Whether token i is a speech verb (said, told, added, ...). */
bool quote_is_verb(const qtext *q, size_t i);
/* Who says it around a speech verb at token v: fills the speaker
 * (mention index or -1) and the who span; false when nobody is named. */
bool quote_speaker(const qtext *q, size_t v, int32_t *speaker,
                   uint32_t *who_start, uint32_t *who_end);
/* Direct speech: quoted words with a speech verb next to them. */
sl_status quote_direct(qtext *q) SL_MUST_USE;
/* Reported speech: "X said (that) ...", "according to X, ...". */
sl_status quote_reported(qtext *q) SL_MUST_USE;

#endif
