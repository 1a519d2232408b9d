/* storyline text: matching keys (see norm.h). ASCII is lowercased in a
 * single pass; each run of non-ASCII text goes through utf8proc (NFKC, case
 * fold, default ignorables dropped) and then the punctuation mapping. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/utf8.h"
#include "text/norm.h"

static bool ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

/* The code point that stands for `cp` in a key: 0 to drop it, ' ' for any
 * space, ' and " for quotes, - for dashes. */
static int32_t map_cp(int32_t cp) {
  switch (cp) {
  case 0x2018:
  case 0x2019:
  case 0x201A:
  case 0x201B:
  case 0x2032:
  case 0x2035:
  case 0x0060:
  case 0x00B4:
  case 0x02BC:
  case 0x02BB:
    return '\'';
  case 0x201C:
  case 0x201D:
  case 0x201E:
  case 0x201F:
  case 0x2033:
  case 0x00AB:
  case 0x00BB:
  case 0x2039:
  case 0x203A:
    return '"';
  case 0x2010:
  case 0x2011:
  case 0x2012:
  case 0x2013:
  case 0x2014:
  case 0x2015:
  case 0x2212:
  case 0xFE58:
  case 0xFE63:
  case 0xFF0D:
    return '-';
  case 0x0640:
  case 0x00AD:
  case 0x200B:
  case 0x200C:
  case 0x200D:
  case 0x2060:
  case 0xFEFF:
    return 0;
  default:
    break;
  }
  if (cp < 0x80)
    return ascii_space((unsigned char)cp) ? ' ' : cp;
  utf8proc_category_t cat = utf8proc_category(cp);
  if (cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
      cat == UTF8PROC_CATEGORY_ZP)
    return ' ';
  return cp;
}

static sl_status put_space(sl_buf *out, size_t start) {
  if (out->len == start || out->ptr[out->len - 1] == ' ')
    return SL_OK;
  return sl_buf_putc(out, ' ');
}

/* Appends the mapped code points of valid UTF-8 `s`. */
static sl_status append_mapped(const uint8_t *s, size_t len, sl_buf *out,
                               size_t start) {
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < len;) {
    int32_t cp;
    int n = sl_utf8_decode((const char *)s + i, len - i, &cp);
    if (n < 0)
      return SL_EUTF8;
    i += (size_t)n;
    cp = map_cp(cp);
    if (cp == ' ') {
      st = put_space(out, start);
    } else if (cp) {
      char enc[4];
      st = sl_buf_append(out, enc, (size_t)sl_utf8_encode(cp, enc));
    }
  }
  return st;
}

static sl_status append_unicode(const char *s, size_t len, sl_buf *out,
                                size_t start) {
  uint8_t *mapped = NULL;
  utf8proc_ssize_t n =
      utf8proc_map((const uint8_t *)s, (utf8proc_ssize_t)len, &mapped,
                   UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                       UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
  if (n < 0)
    return n == UTF8PROC_ERROR_NOMEM ? SL_ENOMEM : SL_EUTF8;
  sl_status st = append_mapped(mapped, (size_t)n, out, start);
  free(mapped);
  return st;
}

sl_status sl_norm_key(const char *s, size_t len, sl_buf *out) {
  size_t start = out->len;
  sl_status st = sl_buf_grow(out, len);
  for (size_t i = 0; st == SL_OK && i < len;) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80 && ascii_space(c)) {
      st = put_space(out, start);
      i++;
      continue;
    }
    if (c < 0x80) {
      /* A run of printable ASCII: lowercased straight into the buffer,
       * which never needs more room than the input. */
      size_t j = i;
      while (j < len && (unsigned char)s[j] < 0x80 &&
             !ascii_space((unsigned char)s[j]))
        j++;
      st = sl_buf_grow(out, j - i);
      if (st != SL_OK)
        break;
      for (; i < j; i++) {
        char ch = s[i];
        out->ptr[out->len++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
      }
      out->ptr[out->len] = '\0';
      continue;
    }
    /* A combining mark composes with the letter before it: hand that letter
     * to utf8proc together with the run. */
    size_t from = i;
    if (i > 0 && out->len > start && (unsigned char)s[i - 1] < 0x80 &&
        !ascii_space((unsigned char)s[i - 1])) {
      from = i - 1;
      sl_buf_truncate(out, out->len - 1);
    }
    size_t to = i;
    while (to < len && (unsigned char)s[to] >= 0x80)
      to++;
    st = append_unicode(s + from, to - from, out, start);
    i = to;
  }
  if (st == SL_OK && out->len > start && out->ptr[out->len - 1] == ' ')
    sl_buf_truncate(out, out->len - 1);
  if (st != SL_OK)
    sl_buf_truncate(out, start);
  return st;
}
