/* storyline ingest: the text every parser stores is valid UTF-8 with LF line
 * ends and no trailing white space. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "ingest/ingest_int.h"

void sl__warn(const sl_warn_cb *warn, sl_status code, const char *fmt, ...) {
  if (!warn || !warn->fn)
    return;
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  warn->fn(warn->ud, code, msg);
}

static bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* Rewrites the buffer in place, a byte at a time: CR/CRLF to LF, trailing
 * spaces of each line dropped, blank lines and white space at both ends
 * dropped. */
static void tidy_cr(sl_buf *b) {
  size_t w = 0, line_end = 0; /* line_end: w after the last non-space */
  for (size_t i = 0; i < b->len; i++) {
    char c = b->ptr[i];
    if (c == '\r') {
      c = '\n';
      if (i + 1 < b->len && b->ptr[i + 1] == '\n')
        i++;
    }
    if (c == '\n') {
      w = line_end;
      if (w > 0)
        b->ptr[w++] = '\n';
      line_end = w;
      continue;
    }
    if (w == 0 && is_space(c))
      continue; /* leading white space of the first line */
    b->ptr[w++] = c;
    if (!is_space(c))
      line_end = w;
  }
  w = line_end;
  while (w > 0 && (b->ptr[w - 1] == '\n' || is_space(b->ptr[w - 1])))
    w--;
  sl_buf_truncate(b, w);
}

/* tidy_cr for a text without CR, a line at a time: each line is moved
 * down whole, less its trailing spaces (and, before anything is kept, its
 * leading ones). */
static void tidy(sl_buf *b) {
  if (memchr(b->ptr, '\r', b->len)) {
    tidy_cr(b);
    return;
  }
  char *p = b->ptr;
  size_t w = 0, line_end = 0, len = b->len;
  for (size_t i = 0; i < len;) {
    const char *nl = memchr(p + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - p) : len, a = i;
    if (w == 0)
      while (a < end && is_space(p[a]))
        a++;
    size_t e = end;
    while (e > a && is_space(p[e - 1]))
      e--;
    if (e > a) {
      memmove(p + w, p + a, e - a);
      w += e - a;
      line_end = w;
    }
    if (nl) {
      w = line_end;
      if (w > 0)
        p[w++] = '\n';
      line_end = w;
    }
    i = end + 1;
  }
  w = line_end;
  while (w > 0 && (p[w - 1] == '\n' || is_space(p[w - 1])))
    w--;
  sl_buf_truncate(b, w);
}

sl_status sl__sanitize(const char *bytes, size_t len, const sl_warn_cb *warn,
                       sl_buf *out, sl_error *err) {
  sl_buf_clear(out);
  sl_utf8_report rep = {0, 0};
  sl_status st = sl_utf8_sanitize(bytes, len, out, &rep, err);
  if (st == SL_OK && rep.replaced)
    sl__warn(warn, SL_EUTF8,
             "invalid UTF-8 replaced at byte %zu (%zu sequence%s)",
             rep.first_bad, rep.replaced, rep.replaced == 1 ? "" : "s");
  return st;
}

sl_status sl__clean_text(const char *bytes, size_t len, const sl_warn_cb *warn,
                         sl_buf *out, sl_error *err) {
  sl_status st = sl__sanitize(bytes, len, warn, out, err);
  if (st == SL_OK)
    tidy(out);
  return st;
}
