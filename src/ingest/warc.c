/* storyline ingest: WARC records (ISO 28500) and the HTTP responses they
 * hold: headers stripped, chunked transfer and gzip or deflate content
 * encoding decoded. The gzip members of a .warc.gz are joined by zlib. */
#define ZLIB_CONST /* next_in points at const input */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "ingest/ingest_int.h"

enum { MAX_HEADER_LINE = 64 * 1024, MAX_RECORD = 64 << 20 };
static const size_t INFLATE_STEP = (size_t)64 * 1024;

/* Reads one line (without CR LF) into `line`; false at the end. */
static bool get_line(gzFile gz, sl_buf *line) {
  sl_buf_clear(line);
  for (int c; (c = gzgetc(gz)) != -1;) {
    if (c == '\n') {
      if (line->len && line->ptr[line->len - 1] == '\r')
        sl_buf_truncate(line, line->len - 1);
      return true;
    }
    if (line->len >= MAX_HEADER_LINE || sl_buf_putc(line, (char)c) != SL_OK)
      return false;
  }
  return line->len > 0;
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

static sl_status read_block(gzFile gz, size_t n, sl_buf *block, sl_error *err) {
  sl_buf_clear(block);
  if (n > MAX_RECORD)
    return sl_error_set(err, SL_ETOOBIG, "WARC record larger than 64 MiB");
  sl_status st = sl_buf_grow(block, n);
  if (st != SL_OK)
    return sl_error_set(err, st, "out of memory");
  int got = n ? gzread(gz, block->ptr, (unsigned)n) : 0;
  if (got < 0 || (size_t)got != n)
    return sl_error_set(err, SL_EPARSE, "truncated WARC record");
  block->len = n;
  block->ptr[n] = '\0';
  return SL_OK;
}

sl_status sl__warc_next(gzFile gz, sl_warc_head *head, sl_buf *block,
                        sl_error *err) {
  sl_buf line = SL_BUF_INIT;
  memset(head, 0, sizeof *head);
  bool started = false;
  long long length = -1;
  sl_status st = SL_OK;
  while (get_line(gz, &line)) {
    if (!started && line.len == 0)
      continue; /* the blank lines between records */
    if (!started && strncmp(line.ptr, "WARC/", 5) != 0) {
      st = sl_error_set(err, SL_EPARSE, "not a WARC record header");
      goto out;
    }
    started = true;
    if (line.len == 0)
      break;
    const char *v;
    if ((v = header(&line, "WARC-Type")))
      snprintf(head->type, sizeof head->type, "%s", v);
    else if ((v = header(&line, "WARC-Target-URI")))
      snprintf(head->uri, sizeof head->uri, "%s", v);
    else if ((v = header(&line, "Content-Type")))
      snprintf(head->content_type, sizeof head->content_type, "%s", v);
    else if ((v = header(&line, "Content-Length")))
      length = atoll(v);
  }
  if (!started) {
    st = SL_ENOENT; /* the end of the archive */
    goto out;
  }
  if (line.len != 0 || length < 0) {
    st = sl_error_set(err, SL_EPARSE, "truncated WARC header");
    goto out;
  }
  st = read_block(gz, (size_t)length, block, err);
out:
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
    if (out->len > (size_t)MAX_RECORD)
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
