/* storyline ingest: helpers shared by the parsers. */
#ifndef SL_INGEST_INT_H
#define SL_INGEST_INT_H

#include <zlib.h>

#include "base/buf.h"
#include "ingest/ingest.h"
#include "text/charset.h"

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

/* The headers of a WARC record storyline reads. */
typedef struct sl_warc_head {
  char type[32];          /* WARC-Type: "response", "request", ... */
  char uri[2048];         /* WARC-Target-URI */
  char content_type[128]; /* "application/http; msgtype=response" */
} sl_warc_head;

/* Reads the next WARC record: its headers into `head`, its block into
 * `block`. SL_ENOENT at the clean end of the archive, SL_EPARSE for damage
 * (a truncated record, a missing header), SL_ETOOBIG past 64 MiB. */
sl_status sl__warc_next(gzFile gz, sl_warc_head *head, sl_buf *block,
                        sl_error *err) SL_MUST_USE;

/* Takes the body out of an HTTP response (headers stripped, chunked and
 * gzip/deflate decoded) into `body`; `*html` tells whether its type is
 * HTML, `charset` gets the charset its Content-Type declares ("" when
 * none). SL_EPARSE for a response that is not HTTP or is damaged. */
sl_status sl__http_body(const sl_buf *block, sl_buf *body, bool *html,
                        char charset[SL_CHARSET_MAX],
                        sl_error *err) SL_MUST_USE;

#endif
