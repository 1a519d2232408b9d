/* storyline text: the sentence splitter. It survives abbreviations (Dr.,
 * U.S., Jan.), initials (John F. Kennedy), decimals, quotes after the final
 * stop ('."'), and datelines ("PARIS (Reuters) -"), and treats headline
 * lines and paragraph breaks as boundaries. */
#ifndef SL_TEXT_SENTENCE_H
#define SL_TEXT_SENTENCE_H

#include <stddef.h>
#include <stdint.h>

#include "base/vec.h"
#include "text/token.h"

typedef struct sl_sentence {
  uint32_t start, end;         /* byte span in the text, end exclusive */
  uint32_t tok_begin, tok_end; /* token index range, end exclusive */
} sl_sentence;

/* Appends the sentences of `text`, given its tokens from sl_tokenize, to
 * `out` (a vector of sl_sentence). Every token belongs to one sentence. */
sl_status sl_sentences(const char *text, size_t len, const sl_token *toks,
                       size_t ntok, sl_vec *out) SL_MUST_USE;

#endif
