/* storyline ingest: readers that turn paths into raw records (files, JSON
 * Lines lines, standard input; gzip is read transparently) and parsers that
 * turn one raw record into an article. Readers never parse; parsers never
 * read files. */
#ifndef SL_INGEST_INGEST_H
#define SL_INGEST_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "storyline/article.h"
#include "storyline/engine.h"
#include "storyline/status.h"

/* Size caps. A text file or JSON line past them is rejected. */
#define SL_INGEST_MAX_FILE ((size_t)64 << 20) /* one text article */
#define SL_INGEST_MAX_LINE ((size_t)64 << 20) /* one JSON Lines record */

/* One raw record as read: borrowed bytes, valid during the callback. */
typedef struct sl_input {
  const char *origin; /* the path as given (joined for folder entries), "-" */
  uint64_t line;      /* 1-based line for JSON Lines, 0 for a whole file */
  sl_format format;   /* TEXT, JSONL or HTML, never AUTO or WARC */
  const char *bytes;
  size_t len;
  const char *url;     /* the page's address (a WARC record's), or NULL */
  const char *charset; /* the charset its HTTP header declares, or NULL */
} sl_input;

typedef struct sl_reader_cb {
  /* A record was read. Return SL_OK to go on; any other status stops the
   * reader, which then returns it. */
  sl_status (*on_input)(void *ud, const sl_input *in);
  /* A file or line was refused: `err` names the problem (not the file, which
   * is `origin`); reading goes on. */
  void (*on_reject)(void *ud, const char *origin, uint64_t line,
                    const sl_error *err);
  /* Bytes read so far, for progress; may be NULL. */
  void (*on_bytes)(void *ud, uint64_t nbytes);
  /* Records of an archive passed over (`count` of them, `what` they were:
   * "not HTML responses"); may be NULL. */
  void (*on_skip)(void *ud, const char *origin, uint64_t count,
                  const char *what);
  void *ud;
} sl_reader_cb;

/* Reads every path in order: "-" is standard input, a folder is walked
 * recursively in byte order of names (hidden entries skipped, symbolic-link
 * loops refused), a .gz file is decompressed. With SL_FORMAT_AUTO a file is
 * JSON when its name ends in .jsonl/.ndjson/.json (before any .gz) or its
 * first non-blank byte is '{' (or a '[' before a '{'): JSON Lines, or a
 * document (an array of objects, objects over several lines) whose objects
 * are delivered one by one with the line each starts on; a web page when it
 * ends in .html/.htm or starts with '<', a WARC crawl when it ends in .warc (or
 * .warc.gz): each of its HTML responses is delivered as a page with its URL;
 * damage (a wrong Content-Length, junk between records) is refused with its
 * byte offset and reading goes on at the next record; records over 64 MiB are
 * passed over unread (on_skip). Else text. Empty files, unreadable files,
 * corrupt or truncated gzip data, gzip bombs, over-long lines and files are
 * refused through on_reject. Returns SL_OK, or the status an on_input callback
 * stopped with. */
sl_status sl_read_paths(const char *const *paths, size_t npaths,
                        sl_format format, const sl_reader_cb *cb,
                        sl_error *err) SL_MUST_USE;

/* A warning from a parser: the record is kept (e.g. invalid UTF-8 replaced,
 * an unparseable date dropped). */
typedef struct sl_warn_cb {
  void (*fn)(void *ud, sl_status code, const char *msg);
  void *ud;
} sl_warn_cb;

/* Parses a plain-text article: bytes checked for binary content
 * (SL_EBINARY), NUL bytes refused (SL_EUTF8), invalid UTF-8 replaced by
 * U+FFFD with a warning, CRLF made LF. The first line is the title when it
 * reads as a headline. The date stays empty: the pipeline infers one from
 * the text (a dateline, a caption), as for every undated record.
 * `origin` becomes the ref. Fills `out` (initialised by the caller).
 * SL_EEMPTY when there is no text. */
sl_status sl_parse_text(const char *bytes, size_t len, const char *origin,
                        const sl_warn_cb *warn, sl_article *out,
                        sl_error *err) SL_MUST_USE;

/* Parses one JSON Lines record (news-please and common field names: id;
 * title; text, maintext or body; date, date_publish or published; source or
 * source_domain; url; language). Unknown fields are kept in out->extra. When
 * there is no id, the ref is "origin:line". SL_EPARSE for malformed or
 * truncated JSON or a value that is not an object, SL_EEMPTY for a record
 * without text; an unparseable date is a warning. */
sl_status sl_parse_jsonl(const char *bytes, size_t len, const char *origin,
                         uint64_t line, const sl_warn_cb *warn, sl_article *out,
                         sl_error *err) SL_MUST_USE;

#endif
