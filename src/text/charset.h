/* storyline text: the charset of a document (BOM, HTTP header, HTML <meta>,
 * else a guess from the bytes) and its conversion to UTF-8 with glibc's
 * iconv. Web pages lie about their charset; the rules below are the ones
 * browsers follow, plus a check that declared single-byte text is not
 * really UTF-8. */
#ifndef SL_TEXT_CHARSET_H
#define SL_TEXT_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "storyline/status.h"

#define SL_CHARSET_MAX 32 /* a charset name with its NUL */

/* Where the charset used came from. */
typedef enum sl_charset_from {
  SL_CHARSET_BOM,    /* a UTF-8 or UTF-16 byte order mark */
  SL_CHARSET_HEADER, /* the `declared` argument (HTTP Content-Type) */
  SL_CHARSET_META,   /* <meta charset>, <meta http-equiv> or <?xml encoding> */
  SL_CHARSET_GUESS   /* nothing (usable) declared: guessed from the bytes */
} sl_charset_from;

/* What sl_charset_to_utf8 did. */
typedef struct sl_charset_info {
  char name[SL_CHARSET_MAX]; /* canonical name: "UTF-8", "windows-1252" */
  sl_charset_from from;
  bool overridden; /* a single-byte charset was declared, but the bytes are
                      UTF-8 with non-ASCII content: read as UTF-8 */
  size_t replaced; /* undecodable sequences (and NUL bytes) made U+FFFD */
  size_t bom_len;  /* bytes of byte order mark skipped (0, 2 or 3) */
} sl_charset_info;

/* Converts `len` bytes of a document (a web page or any text) to UTF-8,
 * appended to `out`. The charset is, in order: a byte order mark (UTF-8,
 * UTF-16LE, UTF-16BE; the mark is dropped); `declared` (a charset name such
 * as sl_charset_from_content_type gives, or NULL); a <meta charset=...>,
 * <meta http-equiv="Content-Type" content="...; charset=..."> or
 * <?xml ... encoding="..."?> in the first 4 KiB; else a guess: UTF-8 when
 * the bytes are (mostly) valid UTF-8, windows-1251 or KOI8-R for Cyrillic
 * text, windows-1252 otherwise. Names are matched as browsers do (WHATWG
 * labels: "latin1" and "ISO-8859-1" read as windows-1252, "gb2312" as
 * GB18030, "x-sjis" as Shift_JIS); an unknown name is skipped as if absent.
 * A declared single-byte charset is set aside when the bytes are valid UTF-8
 * holding multi-byte sequences (info->overridden). A declared UTF-16 in a
 * <meta> means UTF-8 (a page that can be read as ASCII is not UTF-16).
 *
 * Conversion never fails on the text: every undecodable sequence, and every
 * NUL byte, becomes U+FFFD, so `out` holds valid UTF-8 without NUL bytes.
 * Fails only with SL_ENOMEM, or SL_ETOOBIG past out->max; `out` is then left
 * as it was. `info` (may be NULL) tells what was done; `err` may be NULL.
 * `bytes` is borrowed; `out` stays the caller's. Thread-safe. */
sl_status sl_charset_to_utf8(const char *bytes, size_t len,
                             const char *declared, sl_buf *out,
                             sl_charset_info *info, sl_error *err) SL_MUST_USE;

/* Decides the charset as sl_charset_to_utf8 would, without converting:
 * fills `info` (replaced is 0). */
void sl_charset_detect(const char *bytes, size_t len, const char *declared,
                       sl_charset_info *info);

/* The canonical name of a charset label (case and surrounding white space
 * and quotes ignored) into `out`: "cp1252" gives "windows-1252". False, with
 * `out` empty, for a name neither the WHATWG labels nor iconv know. */
bool sl_charset_normalize(const char *label, char out[SL_CHARSET_MAX]);

/* The charset parameter of a Content-Type header value ("text/html;
 * charset=\"utf-8\"" gives "utf-8", unquoted, as written) into `out`. False,
 * with `out` empty, when there is none or it is longer than 31 bytes.
 * `value` need not be NUL-terminated. */
bool sl_charset_from_content_type(const char *value, size_t len,
                                  char out[SL_CHARSET_MAX]);

#endif
