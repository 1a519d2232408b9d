/* storyline base: UTF-8 decoding, validation and sanitising (see utf8.h).
 * ASCII runs are skipped eight bytes at a time: ingest calls this on every
 * byte it reads. */
#include <string.h>

#include "base/utf8.h"

static const char replacement[3] = {'\xEF', '\xBF', '\xBD'};

int sl_utf8_decode(const char *s, size_t len, int32_t *cp) {
  const unsigned char *p = (const unsigned char *)s;
  unsigned char c = p[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  int n;
  int32_t v, min;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2, v = c & 0x1F, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF)
    n = 3, v = c & 0x0F, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4)
    n = 4, v = c & 0x07, min = 0x10000;
  else
    return -1;
  if ((size_t)n > len)
    return -1;
  for (int i = 1; i < n; i++) {
    if ((p[i] & 0xC0) != 0x80)
      return -1;
    v = (v << 6) | (p[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    return -1;
  *cp = v;
  return n;
}

int sl_utf8_encode(int32_t cp, char out[4]) {
  if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Length of the ASCII run at s (no byte >= 0x80). */
static size_t ascii_run(const char *s, size_t len) {
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & 0x8080808080808080ull)
      break;
  }
  while (i < len && !((unsigned char)s[i] & 0x80))
    i++;
  return i;
}

bool sl_utf8_valid(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    i += ascii_run(s + i, len - i);
    if (i == len)
      break;
    int32_t cp;
    int n = sl_utf8_decode(s + i, len - i, &cp);
    if (n < 0)
      return false;
    i += (size_t)n;
  }
  return true;
}

/* Length of the maximal invalid subsequence at s (at least 1): a lead byte
 * followed by the continuation bytes that could still belong to it. */
static size_t invalid_len(const unsigned char *p, size_t len) {
  unsigned char c = p[0];
  size_t want = 1;
  if (c >= 0xC2 && c <= 0xDF)
    want = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    want = 3;
  else if (c >= 0xF0 && c <= 0xF4)
    want = 4;
  size_t i = 1;
  while (i < want && i < len && (p[i] & 0xC0) == 0x80) {
    if (i == 1 && ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F) ||
                   (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F)))
      break;
    i++;
  }
  return i;
}

sl_status sl_utf8_sanitize(const char *s, size_t len, sl_buf *out,
                           sl_utf8_report *report, sl_error *err) {
  const void *nul = memchr(s, '\0', len);
  if (nul) {
    size_t at = (size_t)((const char *)nul - s);
    if (err)
      err->offset = at;
    return sl_error_set(err, SL_EUTF8, "NUL byte at offset %zu", at);
  }
  size_t start_len = out->len, i = 0, replaced = 0, first_bad = 0;
  if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  sl_status st = sl_buf_grow(out, len - i);
  while (st == SL_OK && i < len) {
    size_t run = ascii_run(s + i, len - i);
    int32_t cp;
    int n = 0;
    while (i + run < len &&
           (n = sl_utf8_decode(s + i + run, len - i - run, &cp)) > 0)
      run += (size_t)n + ascii_run(s + i + run + n, len - i - run - (size_t)n);
    st = sl_buf_append(out, s + i, run);
    i += run;
    if (st != SL_OK || i == len)
      break;
    if (!replaced++)
      first_bad = i;
    st = sl_buf_append(out, replacement, sizeof replacement);
    i += invalid_len((const unsigned char *)s + i, len - i);
  }
  if (st != SL_OK) {
    sl_buf_truncate(out, start_len);
    return sl_error_set(err, st, "%s", sl_status_str(st));
  }
  if (report) {
    report->replaced = replaced;
    report->first_bad = first_bad;
  }
  return SL_OK;
}
