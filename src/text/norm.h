/* storyline text: matching keys. Display text keeps its original characters;
 * keys are NFKC + case fold with punctuation variants mapped, so that
 * "Al‐Qadhafi’s" and "al-qadhafi's" compare equal. */
#ifndef SL_TEXT_NORM_H
#define SL_TEXT_NORM_H

#include <stddef.h>

#include "base/buf.h"
#include "storyline/status.h"

/* Appends the matching key of `len` bytes of valid UTF-8 to `out`: NFKC,
 * case folded, curly quotes and primes to ', dashes and hyphens to -, the
 * Arabic tatweel and soft hyphens and zero-width characters removed, runs of
 * white space folded to one space. ASCII input takes a fast path. */
sl_status sl_norm_key(const char *s, size_t len, sl_buf *out) SL_MUST_USE;

#endif
