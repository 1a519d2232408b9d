/* storyline ingest: WARC records (ISO 28500) and the HTTP responses they
 * hold: headers stripped, chunked transfer and gzip or deflate content
 * encoding decoded. The gzip members of a .warc.gz are joined by zlib.
 * Damage is passed over: reading resumes at the next record header. */
#define ZLIB_CONST /* next_in points at const input */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "ingest/ingest_int.h"

enum { MAX_HEADER_LINE = 64 * 1024 };
static const size_t INFLATE_STEP = (size_t)64 * 1024;
static const char RECORD_START[] = "WARC/1."; /* what resync looks for */

typedef enum { LINE_OK, LINE_END, LINE_LONG } line_status;

/* Reads one line (without CR LF) into `line`. LINE_END at the end of the
 * stream before a line feed, LINE_LONG past MAX_HEADER_LINE (the rest of
 * the line unread). */
static line_status get_line(sl_gzin *in, sl_buf *line) {
  sl_buf_clear(line);
  for (int c; (c = sl__gzin_getc(in)) != -1;) {
    if (c == '\n') {
      if (line->len && line->ptr[line->len - 1] == '\r')
        sl_buf_truncate(line, line->len - 1);
      return LINE_OK;
    }
    if (line->len >= MAX_HEADER_LINE || sl_buf_putc(line, (char)c) != SL_OK)
      return LINE_LONG;
  }
  return LINE_END;
}

/* Whether the readable bytes start with `prefix` (filling as needed). */
static bool looking_at(sl_gzin *in, const char *prefix) {
  size_t n = strlen(prefix);
  return sl__gzin_fill(in, n) >= n && memcmp(in->buf + in->pos, prefix, n) == 0;
}

/* Passes over CR and LF bytes; returns how many line feeds there were. */
static size_t skip_newlines(sl_gzin *in) {
  size_t lf = 0;
  while (sl__gzin_fill(in, 1)) {
    char c = (char)in->buf[in->pos];
    if (c != '\r' && c != '\n')
      break;
    lf += c == '\n';
    sl__gzin_consume(in, 1);
  }
  return lf;
}

/* Skips to the next line that starts a record header (left unread), or to
 * the end. `line_start`: whether the stream is at the start of a line. */
static void resync(sl_gzin *in, bool line_start) {
  size_t n = sizeof RECORD_START - 1;
  for (size_t avail; (avail = sl__gzin_fill(in, n)) > 0;) {
    const unsigned char *p = in->buf + in->pos;
    if (line_start && avail >= n && memcmp(p, RECORD_START, n) == 0)
      return;
    const unsigned char *nl = memchr(p, '\n', avail);
    sl__gzin_consume(in, nl ? (size_t)(nl - p) + 1 : avail);
    line_start = nl != NULL;
  }
}

/* Reports damage at `head->offset` ("WHAT at byte N: PROBLEM"),
 * resynchronising first. */
static sl_status damaged(sl_gzin *in, const sl_warc_head *head, bool line_start,
                         sl_error *err, const char *what, const char *problem) {
  resync(in, line_start);
  if (in->err.code != SL_OK)
    return SL_ENOENT; /* the gzip stream broke: its error says why */
  bool found = looking_at(in, RECORD_START);
  return sl_error_set(err, SL_EPARSE,
                      "%s at byte %llu: %s; skipped %llu bytes to %s", what,
                      (unsigned long long)head->offset, problem,
                      (unsigned long long)(in->offset - head->offset),
                      found ? "the next record" : "the end of the archive");
}

/* The value of header `name` in a "Name: value" line, or NULL. */
static const char *header(const sl_buf *line, const char *name) {
  size_t n = strlen(name);
  if (line->len <= n || strncasecmp(line->ptr, name, n) != 0 ||
      line->ptr[n] != ':')
    return NULL;
  const char *v = line->ptr + n + 1;
  while (*v == ' ' || *v == '\t')
    v++;
  return v;
}

/* A Content-Length: digits only (trailing blanks allowed), no overflow. */
static bool parse_length(const char *v, uint64_t *out) {
  uint64_t n = 0;
  const char *p = v;
  for (; *p >= '0' && *p <= '9'; p++) {
    if (n > (UINT64_MAX - 9) / 10)
      return false;
    n = n * 10 + (uint64_t)(*p - '0');
  }
  bool digits = p > v;
  while (*p == ' ' || *p == '\t')
    p++;
  *out = n;
  return digits && !*p;
}

/* Reads the header lines (the version line first) into `head`. SL_OK, or
 * damage (resynchronised) and the end of the stream reported in `err`. */
static sl_status read_header(sl_gzin *in, sl_warc_head *head, sl_buf *line,
                             sl_error *err) {
  char bad[48] = "";
  bool has_length = false;
  line_status ls;
  while ((ls = get_line(in, line)) == LINE_OK && line->len) {
    const char *v;
    if ((v = header(line, "WARC-Type")))
      snprintf(head->type, sizeof head->type, "%s", v);
    else if ((v = header(line, "WARC-Target-URI")))
      snprintf(head->uri, sizeof head->uri, "%s", v);
    else if ((v = header(line, "Content-Type")))
      snprintf(head->content_type, sizeof head->content_type, "%s", v);
    else if ((v = header(line, "Content-Length"))) {
      has_length = parse_length(v, &head->length);
      if (!has_length)
        snprintf(bad, sizeof bad, "%.40s", v);
    }
  }
  if (ls == LINE_END)
    return in->err.code != SL_OK
               ? SL_ENOENT
               : sl_error_set(err, SL_EPARSE,
                              "truncated WARC header at byte "
                              "%llu",
                              (unsigned long long)head->offset);
  if (ls == LINE_LONG)
    return damaged(in, head, false, err, "WARC record",
                   "a header line longer than 64 KiB");
  if (has_length)
    return SL_OK;
  char problem[96];
  snprintf(problem, sizeof problem,
           bad[0] ? "Content-Length '%s' is not a number"
                  : "no Content-Length%s",
           bad);
  return damaged(in, head, true, err, "WARC record", problem);
}

/* Reads or skips the block, then checks that the next record (or the end)
 * follows it: a wrong Content-Length shows there. */
static sl_status read_block(sl_gzin *in, sl_warc_head *head, sl_buf *block,
                            sl_error *err) {
  uint64_t got;
  head->oversize = head->length > SL_WARC_MAX_RECORD;
  if (head->oversize) {
    got = sl__gzin_skip(in, head->length);
  } else {
    /* Grown as the bytes come, not to the length the header claims. */
    got = 0;
    for (size_t avail; got < head->length && (avail = sl__gzin_fill(in, 1));) {
      if (in->resumed_at == in->offset && in->resumed_at > head->offset)
        return sl_error_set(err, SL_EPARSE,
                            "WARC record at byte %llu: cut short by corrupt "
                            "gzip data; read on from the next gzip member",
                            (unsigned long long)head->offset);
      size_t take = (size_t)(head->length - got) < avail
                        ? (size_t)(head->length - got)
                        : avail;
      if (in->resumed_at > in->offset && in->resumed_at - in->offset < take)
        take = (size_t)(in->resumed_at - in->offset); /* stop at the skip */
      if (sl_buf_append(block, in->buf + in->pos, take) != SL_OK)
        return sl_error_set(err, SL_ENOMEM, "out of memory");
      sl__gzin_consume(in, take);
      got += take;
    }
  }
  if (got < head->length)
    return in->err.code != SL_OK
               ? SL_ENOENT
               : sl_error_set(err, SL_EPARSE,
                              "truncated WARC record at byte %llu: its "
                              "Content-Length says %llu bytes, %llu remain",
                              (unsigned long long)head->offset,
                              (unsigned long long)head->length,
                              (unsigned long long)got);
  /* The block ends with two line breaks: what follows them, if not a
   * record, is junk after a good record (reported on the next call). */
  size_t lf = skip_newlines(in);
  if (lf >= 2 || !sl__gzin_fill(in, 1) || looking_at(in, "WARC/"))
    return SL_OK;
  char problem[96];
  snprintf(problem, sizeof problem,
           "its block does not end at its Content-Length (%llu)",
           (unsigned long long)head->length);
  sl_buf_clear(block);
  return damaged(in, head, lf > 0, err, "WARC record", problem);
}

sl_status sl__warc_next(sl_gzin *in, sl_warc_head *head, sl_buf *block,
                        sl_error *err) {
  memset(head, 0, sizeof *head);
  sl_buf_clear(block);
  skip_newlines(in); /* the blank lines between records */
  head->offset = in->offset;
  if (!sl__gzin_fill(in, 1))
    return SL_ENOENT;
  if (!looking_at(in, "WARC/"))
    return damaged(in, head, false, err, "junk", "not a WARC record header");
  sl_buf line = SL_BUF_INIT;
  sl_status st = read_header(in, head, &line, err);
  if (st == SL_OK)
    st = read_block(in, head, block, err);
  /* gzip checks a member's data at its end: a record in a corrupt member
   * may have come out garbled before the check failed. */
  if (st == SL_OK && in->resumed_at > head->offset &&
      in->damaged_from < in->offset)
    st = sl_error_set(err, SL_EPARSE,
                      "WARC record at byte %llu: in corrupt gzip data; read "
                      "on from the next gzip member",
                      (unsigned long long)head->offset);
  sl_buf_release(&line);
  return st;
}

/* Undoes chunked transfer coding in place. */
static sl_status dechunk(sl_buf *body, sl_error *err) {
  size_t r = 0, w = 0;
  for (;;) {
    char *end;
    unsigned long n = strtoul(body->ptr + r, &end, 16);
    const char *nl = memchr(end, '\n', body->len - (size_t)(end - body->ptr));
    if (!nl || end == body->ptr + r)
      return sl_error_set(err, SL_EPARSE, "malformed chunked body");
    r = (size_t)(nl - body->ptr) + 1;
    if (n == 0)
      break;
    if (n > body->len - r)
      return sl_error_set(err, SL_EPARSE, "truncated chunked body");
    memmove(body->ptr + w, body->ptr + r, n);
    w += n;
    r += n;
    while (r < body->len && (body->ptr[r] == '\r' || body->ptr[r] == '\n'))
      r++;
  }
  sl_buf_truncate(body, w);
  return SL_OK;
}

/* Inflates a gzip or zlib stream (auto-detected) into `out`. */
static sl_status inflate_body(const sl_buf *in, sl_buf *out, sl_error *err) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (inflateInit2(&zs, 15 + 32) != Z_OK)
    return sl_error_set(err, SL_ENOMEM, "out of memory");
  zs.next_in = (const Bytef *)in->ptr;
  zs.avail_in = (uInt)in->len;
  sl_buf_clear(out);
  int rc = Z_OK;
  sl_status st = SL_OK;
  while (rc == Z_OK && st == SL_OK) {
    st = sl_buf_grow(out, INFLATE_STEP);
    if (st != SL_OK)
      break;
    zs.next_out = (Bytef *)out->ptr + out->len;
    zs.avail_out = (uInt)INFLATE_STEP;
    rc = inflate(&zs, Z_NO_FLUSH);
    out->len += INFLATE_STEP - zs.avail_out;
    out->ptr[out->len] = '\0';
    if (out->len > (size_t)SL_WARC_MAX_RECORD)
      st = SL_ETOOBIG;
  }
  inflateEnd(&zs);
  if (st != SL_OK)
    return sl_error_set(err, st, "decoded body too large");
  if (rc != Z_STREAM_END)
    return sl_error_set(err, SL_EPARSE, "corrupt gzip content encoding");
  return SL_OK;
}

/* The charset parameter of the lowercased headers' Content-Type. */
static void header_charset(const char *headers, char charset[SL_CHARSET_MAX]) {
  charset[0] = '\0';
  const char *ct = strstr(headers, "content-type:");
  if (!ct)
    return;
  const char *end = strchr(ct, '\n');
  size_t len = end ? (size_t)(end - ct) : strlen(ct);
  if (!sl_charset_from_content_type(ct, len, charset))
    charset[0] = '\0';
}

sl_status sl__http_body(const sl_buf *block, sl_buf *body, bool *html,
                        char charset[SL_CHARSET_MAX], sl_error *err) {
  const char *sep = strstr(block->ptr, "\r\n\r\n");
  size_t skip = 4;
  if (!sep) {
    sep = strstr(block->ptr, "\n\n");
    skip = 2;
  }
  if (!sep || strncmp(block->ptr, "HTTP/", 5) != 0)
    return sl_error_set(err, SL_EPARSE, "not an HTTP response");
  size_t hlen = (size_t)(sep - block->ptr);
  char *headers = strndup(block->ptr, hlen);
  if (!headers)
    return sl_error_set(err, SL_ENOMEM, "out of memory");
  for (char *p = headers; *p; p++)
    if (*p >= 'A' && *p <= 'Z')
      *p = (char)(*p + 32);
  *html = strstr(headers, "content-type: text/html") ||
          strstr(headers, "content-type: application/xhtml");
  header_charset(headers, charset);
  bool chunked = strstr(headers, "transfer-encoding: chunked") != NULL;
  bool zipped = strstr(headers, "content-encoding: gzip") ||
                strstr(headers, "content-encoding: deflate");
  free(headers);
  sl_buf_clear(body);
  sl_status st = sl_buf_append(body, sep + skip, block->len - hlen - skip);
  if (st == SL_OK && chunked)
    st = dechunk(body, err);
  if (st == SL_OK && zipped) {
    sl_buf plain = SL_BUF_INIT;
    st = inflate_body(body, &plain, err);
    sl_buf_release(body);
    *body = plain;
  }
  return st;
}
