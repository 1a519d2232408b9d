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

/* A buffered input stream over a file: gzip (one member or many, each
 * inflated here so the bytes before damage are kept) or plain bytes alike.
 * It looks ahead, counts the decompressed offset, and ends with an error
 * in `err` on corrupt or truncated gzip data, a read error, and a gzip
 * bomb (a 64 MiB window of output more than 400 times the compressed
 * input it came from). */
enum { SL_GZIN_BUF = 256 * 1024 };
typedef struct sl_gzin {
  int fd;
  z_stream zs;
  int mode;           /* 0 not yet known, 1 plain, 2 gzip */
  unsigned char *raw; /* SL_GZIN_BUF bytes of file, owned */
  size_t raw_pos, raw_len;
  uint64_t raw_offset;      /* file offset of raw[raw_pos] */
  bool raw_end;             /* the file has no more bytes */
  unsigned char *buf;       /* SL_GZIN_BUF bytes of output, owned */
  size_t pos, len;          /* the unread bytes are buf[pos, len) */
  uint64_t offset;          /* the decompressed offset of buf[pos] */
  uint64_t total;           /* decompressed bytes made */
  uint64_t win_out, win_in; /* total and raw_offset at the window start */
  bool end;                 /* nothing more will come */
  sl_error err;             /* why it ended early; code SL_OK otherwise */
  /* When set, corrupt gzip data does not end the stream: the bytes up to
   * the next gzip member are skipped and reported here (the readers of
   * records set it: a .warc.gz holds a member per record). */
  void (*on_damage)(void *ud, const sl_error *err);
  void *damage_ud;
  /* Decompressed offsets: where the current member's output began, and
   * the bytes [damaged_from, resumed_at) of the last corrupt member (its
   * data may be garbled: gzip checks it at the member's end). */
  uint64_t member_from, damaged_from, resumed_at;
} sl_gzin;

/* Opens a stream on `fd`, which it takes over (closed on failure too).
 * SL_ENOMEM when memory runs out. */
sl_status sl__gzin_open(sl_gzin *in, int fd) SL_MUST_USE;
/* Closes the file and frees the buffer. */
void sl__gzin_close(sl_gzin *in);
/* Makes at least `want` bytes (at most SL_GZIN_BUF) readable at
 * in->buf + in->pos unless the stream ends first; returns how many are. */
size_t sl__gzin_fill(sl_gzin *in, size_t want);
/* Passes over `n` readable bytes. */
void sl__gzin_consume(sl_gzin *in, size_t n);
/* Copies up to `n` bytes into `dst`: how many, 0 at the end, -1 when the
 * stream failed (see in->err), as gzread does. */
int sl__gzin_read(sl_gzin *in, void *dst, size_t n);
/* The next byte, or -1 at the end. */
int sl__gzin_getc(sl_gzin *in);
/* Passes over `n` bytes without keeping them; returns how many there were. */
uint64_t sl__gzin_skip(sl_gzin *in, uint64_t n);

/* The record cap: a WARC block larger than this is passed over unread. */
#define SL_WARC_MAX_RECORD ((uint64_t)64 << 20)

/* The headers of a WARC record storyline reads. */
typedef struct sl_warc_head {
  char type[32];          /* WARC-Type: "response", "request", ... */
  char uri[2048];         /* WARC-Target-URI */
  char content_type[128]; /* "application/http; msgtype=response" */
  uint64_t offset;        /* where its header starts in the stream */
  uint64_t length;        /* its Content-Length */
  bool oversize; /* the block is over SL_WARC_MAX_RECORD: passed over */
} sl_warc_head;

/* Reads the next WARC record: its headers into `head`, its block into
 * `block` (left empty for an oversize one, which is skipped by streaming
 * past it). SL_ENOENT at the end of the archive (or of what the gzip
 * stream gave: see in->err). SL_EPARSE for damage, with a message naming
 * the byte offset and the bytes skipped: junk where a record should
 * start, a missing, non-numeric or wrong Content-Length (the block is not
 * followed by the next record), an over-long header line. The stream is
 * then at the next line starting "WARC/1.", so reading goes on; a
 * truncated header or block ends the archive. SL_ENOMEM. */
sl_status sl__warc_next(sl_gzin *in, sl_warc_head *head, sl_buf *block,
                        sl_error *err) SL_MUST_USE;

/* Takes the body out of an HTTP response (headers stripped, chunked and
 * gzip/deflate decoded) into `body`; `*html` tells whether its type is
 * HTML, `charset` gets the charset its Content-Type declares ("" when
 * none). SL_EPARSE for a response that is not HTTP or is damaged. */
sl_status sl__http_body(const sl_buf *block, sl_buf *body, bool *html,
                        char charset[SL_CHARSET_MAX],
                        sl_error *err) SL_MUST_USE;

#endif
