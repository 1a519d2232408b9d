/* storyline text: the tokenizer. Tokens are byte spans into the original
 * text: words (with inner hyphens and apostrophes: al-Qadhafi, O'Brien,
 * don't), numbers (1,200.50, 3.5, 1.000.000), abbreviations (U.S., e.g.,
 * Dr.), and punctuation, one character each. */
#ifndef SL_TEXT_TOKEN_H
#define SL_TEXT_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "base/vec.h"
#include "storyline/status.h"

typedef enum sl_tok_kind {
  SL_TOK_WORD = 1,
  SL_TOK_NUMBER,
  SL_TOK_ABBREV, /* ends with its own period: "U.S.", "Dr.", "Jan." */
  SL_TOK_PUNCT,  /* one punctuation character: . , ; : ! ? " ' ( ) - ... */
  SL_TOK_SYMBOL  /* anything else that is not a letter, digit or space */
} sl_tok_kind;

enum {
  SL_TOKF_CAP = 1u << 0,     /* starts with an uppercase letter */
  SL_TOKF_UPPER = 1u << 1,   /* every letter is uppercase (and >= 1 letter) */
  SL_TOKF_HYPHEN = 1u << 2,  /* holds an inner hyphen */
  SL_TOKF_APOS = 1u << 3,    /* holds an inner apostrophe */
  SL_TOKF_SPACE = 1u << 4,   /* white space before it */
  SL_TOKF_NEWLINE = 1u << 5, /* a line break before it */
  SL_TOKF_PARA = 1u << 6,    /* a blank line before it */
  SL_TOKF_DIGIT = 1u << 7    /* holds a digit */
};

typedef struct sl_token {
  uint32_t start; /* byte offset in the text */
  uint32_t len;   /* byte length */
  uint8_t kind;   /* sl_tok_kind */
  uint8_t flags;  /* SL_TOKF_* */
} sl_token;

/* Appends the tokens of `len` bytes of valid UTF-8 to `out` (a vector of
 * sl_token). Texts over 4 GiB fail with SL_ETOOBIG. */
sl_status sl_tokenize(const char *text, size_t len, sl_vec *out) SL_MUST_USE;

#endif
