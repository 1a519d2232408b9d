/* storyline ingest: a plain-text file as one article: binary refused, the
 * first line taken as the title when it reads as a headline, the date taken
 * from a dateline or caption. */
#include <string.h>

#include <utf8proc.h>

#include "base/utf8.h"
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

/* Whether the line starts with a lowercase letter, in any script. */
static bool is_lower_start(const char *s, size_t len) {
  int32_t cp;
  return sl_utf8_decode(s, len, &cp) > 0 &&
         utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* A word that may follow a dateline's date: a time's "at", "am", "pm"
 * and zone or credit abbreviations in capitals ("GMT", "AP"). */
static bool dateline_word(const char *w, size_t n) {
  bool caps = true;
  for (size_t k = 0; k < n; k++)
    caps = caps && w[k] >= 'A' && w[k] <= 'Z';
  return caps ||
         (n == 2 && (!memcmp(w, "at", 2) || !memcmp(w, "am", 2) ||
                     !memcmp(w, "pm", 2))) ||
         (n == 1 && (w[0] == 'a' || w[0] == 'p' || w[0] == 'm'));
}

static bool is_ascii_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether the line is only a dateline or date line: its date is found (so
 * what precedes it is a place or a label) and only a time, dashes, bars and
 * bracketed credits ("(AP)") follow it. */
static bool dateline_only(const char *line, size_t len) {
  sl_date d;
  size_t start, i;
  if (!sl_date_find(line, len, &d, &start, &i))
    return false;
  for (int depth = 0; i < len;) {
    unsigned char c = (unsigned char)line[i];
    if (c == '(' || c == '[' || ((c == ')' || c == ']') && depth)) {
      depth += c == '(' || c == '[' ? 1 : -1;
    } else if (depth) {
      /* inside a credit: anything */
    } else if (is_ascii_alpha(c)) {
      size_t w = i;
      while (i < len && is_ascii_alpha((unsigned char)line[i]))
        i++;
      if (!dateline_word(line + w, i - w))
        return false;
      continue;
    } else if (c == 0xE2 && i + 2 < len && (unsigned char)line[i + 1] == 0x80 &&
               (unsigned char)line[i + 2] >= 0x90 &&
               (unsigned char)line[i + 2] <= 0x95) {
      i += 3; /* a Unicode dash */
      continue;
    } else if (!(c >= '0' && c <= '9') && !(c && strchr(" ,.:-|/+", c))) {
      return false;
    }
    i++;
  }
  return true;
}

/* Whether the first line (of `len` bytes, followed by more text) reads as a
 * headline: short, no sentence punctuation at its end, not starting in
 * lowercase, and not merely a dateline. */
static bool headline(const char *line, size_t len) {
  if (len == 0 || len > MAX_TITLE_BYTES || is_lower_start(line, len))
    return false;
  char last = line[len - 1];
  if (last == '.' || last == ',' || last == ';' || last == ':')
    return false;
  size_t words = 1;
  for (size_t i = 0; i < len; i++)
    words += line[i] == ' ' && i + 1 < len && line[i + 1] != ' ';
  return words <= MAX_TITLE_WORDS && !dateline_only(line, len);
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
  if (st == SL_ENOMEM)
    sl_error_set(err, st, "out of memory");
  sl_buf_release(&text);
  return st;
}
