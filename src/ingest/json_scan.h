/* storyline ingest: a validating, single-pass scanner for one JSON object
 * per line. It hands each top-level member to a callback with its string
 * value unescaped, or the raw text of any other value, without building a
 * tree: the ingest hot path reads millions of records. */
#ifndef SL_INGEST_JSON_SCAN_H
#define SL_INGEST_JSON_SCAN_H

#include <stddef.h>

#include "base/buf.h"
#include "base/str.h"
#include "storyline/status.h"

typedef enum sl_json_kind {
  SL_JSON_STRING,
  SL_JSON_NUMBER,
  SL_JSON_TRUE,
  SL_JSON_FALSE,
  SL_JSON_NULL,
  SL_JSON_ARRAY,
  SL_JSON_OBJECT
} sl_json_kind;

/* One top-level member. `key` is unescaped; `value` is the unescaped string
 * for SL_JSON_STRING, else the value's raw text; `raw` is always the raw
 * text of the value as it stands in the line. `raw` points into the scanned
 * bytes (valid as long as they are); `key` and `value` are valid during the
 * call only. */
typedef struct sl_json_member {
  sl_str key;
  sl_json_kind kind;
  sl_str value;
  sl_str raw;
} sl_json_member;

/* Scans `len` bytes of valid UTF-8 holding one JSON value, calling `fn` for
 * each member when it is an object. A return of non-zero from `fn` stops
 * the scan with SL_ECANCELED. Errors (SL_EPARSE, message in `err`):
 * "truncated JSON at column N", "malformed JSON at column N: WHAT", and
 * "record is not a JSON object" for a valid value of another kind. A
 * lone surrogate and nesting deeper than 256 are malformed; a \u0000
 * escape is read as U+FFFD (stored text holds no NUL). */
sl_status sl_json_scan_object(const char *s, size_t len,
                              int (*fn)(void *ud, const sl_json_member *m),
                              void *ud, sl_error *err) SL_MUST_USE;

#endif
