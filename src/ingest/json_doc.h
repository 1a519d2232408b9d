/* storyline ingest: a JSON document (an array of objects, or objects one
 * after another, pretty-printed or not) split into records as it streams
 * in, each then parsed as a JSON Lines record. */
#ifndef SL_INGEST_JSON_DOC_H
#define SL_INGEST_JSON_DOC_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "ingest/ingest.h"

typedef struct sl_json_doc_cb {
  /* A record's bytes (one JSON value, maybe not an object: the parser
   * says so), borrowed for the call, and the line it starts on. A status
   * other than SL_OK stops the feed, which returns it. */
  sl_status (*on_record)(void *ud, const char *bytes, size_t len,
                         uint64_t line);
  /* A problem at `line`: a record too long (SL_ETOOBIG), an unclosed
   * record, a malformed array or text between records (SL_EPARSE). */
  void (*on_error)(void *ud, uint64_t line, sl_status code, const char *msg);
  void *ud;
} sl_json_doc_cb;

/* The splitter's state; plain data, owned by the caller. */
typedef struct sl_json_doc {
  sl_buf rec;        /* the record so far, capped at SL_INGEST_MAX_LINE */
  bool too_big;      /* it went past the cap: refused when it ends */
  int state, expect; /* where in the document the splitter is */
  bool in_array, closed, in_string, escape;
  uint32_t depth;    /* brackets open in the record */
  uint64_t line;     /* the current line */
  uint64_t rec_line; /* the line the record starts on */
  uint64_t records;  /* records delivered or refused */
} sl_json_doc;

/* Starts a document whose first byte is on line `first_line`. */
void sl__json_doc_init(sl_json_doc *d, uint64_t first_line);
/* Frees the record buffer. */
void sl__json_doc_release(sl_json_doc *d);
/* Feeds the next `n` bytes, calling back for each record they end.
 * Returns SL_OK or the status on_record stopped with. */
sl_status sl__json_doc_feed(sl_json_doc *d, const char *p, size_t n,
                            const sl_json_doc_cb *cb) SL_MUST_USE;
/* Ends the document: a last bare value is delivered, an unclosed record or
 * array reported. Returns SL_OK or on_record's status. */
sl_status sl__json_doc_end(sl_json_doc *d,
                           const sl_json_doc_cb *cb) SL_MUST_USE;
/* Whether the first `n` bytes of a JSON input are a document rather than
 * JSON Lines: after blanks, a '[', or a '{' whose object does not close on
 * its first line (a pretty-printed object). */
bool sl__json_doc_ahead(const char *p, size_t n);

#endif
