/* storyline base: UTF-8 validation at the edge (after cmark's utf8.c). */
#ifndef SL_BASE_UTF8_H
#define SL_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "storyline/status.h"

/* Decodes one code point at `s` (at most `len` bytes). Returns the number of
 * bytes consumed (1..4) and stores the code point, or returns -1 for an
 * invalid, overlong, surrogate or truncated sequence. len must be > 0. */
int sl_utf8_decode(const char *s, size_t len, int32_t *cp);
/* Encodes `cp` into `out`; returns 1..4, or 0 for an invalid code point. */
int sl_utf8_encode(int32_t cp, char out[4]);
/* Whether the bytes are valid UTF-8 (NUL bytes count as valid here). */
bool sl_utf8_valid(const char *s, size_t len);

typedef struct sl_utf8_report {
  size_t replaced;  /* invalid sequences replaced by U+FFFD */
  size_t first_bad; /* byte offset of the first one (when replaced > 0) */
} sl_utf8_report;

/* Appends `s` to `out` as valid UTF-8: each invalid sequence becomes U+FFFD
 * (counted in `report`, may be NULL), a leading BOM is dropped. A NUL byte
 * fails with SL_EUTF8 and its offset in err->offset (err may be NULL);
 * nothing is appended then. */
sl_status sl_utf8_sanitize(const char *s, size_t len, sl_buf *out,
                           sl_utf8_report *report, sl_error *err) SL_MUST_USE;

#endif
