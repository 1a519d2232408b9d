/* storyline ingest: a plain-text file as one article: binary refused, the
 * first line taken as the title when it reads as a headline, the date taken
 * from a dateline or caption. */
#include <string.h>

#include "ingest/ingest_int.h"
#include "text/date.h"

enum { SNIFF = 8192, MAX_TITLE_BYTES = 200, MAX_TITLE_WORDS = 25 };

/* Binary: a NUL, or many control bytes, in the first 8 KiB. */
static bool looks_binary(const char *s, size_t len) {
  size_t n = len < SNIFF ? len : SNIFF, ctrl = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0)
      return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
      ctrl++;
  }
  return n > 0 && ctrl * 10 > n;
}

static bool is_lower_start(const char *s) {
  unsigned char c = (unsigned char)s[0];
  return (c >= 'a' && c <= 'z');
}

/* Whether the first line (of `len` bytes, followed by more text) reads as a
 * headline: short, no sentence punctuation at its end, not starting in
 * lowercase, and not merely a date. */
static bool headline(const char *line, size_t len) {
  if (len == 0 || len > MAX_TITLE_BYTES || is_lower_start(line))
    return false;
  char last = line[len - 1];
  if (last == '.' || last == ',' || last == ';' || last == ':')
    return false;
  size_t words = 1;
  for (size_t i = 0; i < len; i++)
    words += line[i] == ' ';
  if (words > MAX_TITLE_WORDS)
    return false;
  sl_date d;
  size_t ds, de;
  if (sl_date_find(line, len, &d, &ds, &de) && de - ds + 8 >= len)
    return false;
  return true;
}

static sl_status split_title(const sl_buf *text, sl_article *out) {
  const char *s = text->ptr, *nl = memchr(s, '\n', text->len);
  const char *body = s;
  if (nl && headline(s, (size_t)(nl - s))) {
    sl_status st = sl_article_set(&out->title, s, (size_t)(nl - s));
    if (st != SL_OK)
      return st;
    body = nl;
    while (*body == '\n')
      body++;
  }
  return sl_article_set(&out->text, body, text->len - (size_t)(body - s));
}

sl_status sl_parse_text(const char *bytes, size_t len, const char *origin,
                        const sl_warn_cb *warn, sl_article *out,
                        sl_error *err) {
  if (looks_binary(bytes, len))
    return sl_error_set(err, SL_EBINARY, "binary file");
  sl_buf text = SL_BUF_INIT;
  sl_status st = sl__clean_text(bytes, len, warn, &text, err);
  if (st == SL_OK && text.len == 0)
    st = sl_error_set(err, SL_EEMPTY, "no text");
  if (st == SL_OK)
    st = split_title(&text, out);
  if (st == SL_OK)
    st = sl_article_set(&out->ref, origin, strlen(origin));
  if (st == SL_OK &&
      sl_date_find(out->text, strlen(out->text), &out->date, NULL, NULL))
    strcpy(out->date_origin, "text");
  if (st == SL_ENOMEM)
    sl_error_set(err, st, "out of memory");
  sl_buf_release(&text);
  return st;
}
