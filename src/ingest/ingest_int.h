/* storyline ingest: helpers shared by the parsers. */
#ifndef SL_INGEST_INT_H
#define SL_INGEST_INT_H

#include "base/buf.h"
#include "ingest/ingest.h"

/* Copies `len` bytes into `out` (cleared first) as valid UTF-8: NUL refused
 * (SL_EUTF8), invalid sequences replaced with a warning through `warn`. */
sl_status sl__sanitize(const char *bytes, size_t len, const sl_warn_cb *warn,
                       sl_buf *out, sl_error *err) SL_MUST_USE;

/* Makes `len` bytes into clean text in `out` (cleared first): NUL refused
 * (SL_EUTF8), invalid UTF-8 replaced with a warning through `warn` (may be
 * NULL), a leading BOM dropped, CRLF and CR made LF, trailing white space of
 * lines, and blank lines and white space at both ends removed. */
sl_status sl__clean_text(const char *bytes, size_t len, const sl_warn_cb *warn,
                         sl_buf *out, sl_error *err) SL_MUST_USE;

/* Reports a warning through `warn` (may be NULL). */
void sl__warn(const sl_warn_cb *warn, sl_status code, const char *fmt, ...)
    SL_PRINTF(3, 4);

#endif
