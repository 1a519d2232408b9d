/* storyline clean: debris inside one text (see clean.h). Each line is
 * classified on its own, then against the lines before it; kept lines are
 * joined with their paragraph breaks. */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "clean/clean.h"

enum {
  CAPTION_MAX = 400,
  BYLINE_MAX = 80,
  CREDIT_MAX = 60,
  WIDGET_MAX = 24,
  MASTHEAD_MAX = 80
};

static const char *const names[] = {
    "",       "repeat", "caption",     "widget",
    "byline", "credit", "boilerplate", "masthead"};

const char *sl_debris_name(sl_debris reason) {
  return (unsigned)reason < sizeof names / sizeof names[0] ? names[reason] : "";
}

void sl_cleaned_init(sl_cleaned *c) {
  sl_buf_init(&c->text, 0);
  sl_vec_init(&c->removed, sizeof(sl_removed));
  sl_buf_init(&c->byline, 0);
  sl_buf_init(&c->credit, 0);
  sl_vec_init(&c->seen, sizeof(uint64_t));
}

void sl_cleaned_release(sl_cleaned *c) {
  sl_buf_release(&c->text);
  sl_vec_release(&c->removed);
  sl_buf_release(&c->byline);
  sl_buf_release(&c->credit);
  sl_vec_release(&c->seen);
}

static char lower(char c) {
  return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Whether `needle` (lowercase) occurs in the line, ignoring ASCII case. */
static bool contains_ci(const char *s, size_t len, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= len; i++) {
    size_t k = 0;
    while (k < n && lower(s[i + k]) == needle[k])
      k++;
    if (k == n)
      return true;
  }
  return false;
}

/* Whether the `n` bytes at `s` are `word` (lowercase) ignoring ASCII
 * case. */
static bool ci_at(const char *s, const char *word, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (lower(s[i]) != word[i])
      return false;
  return true;
}

/* Whether the line holds a word every caption mark holds: one pass, with
 * a comparison only at the letters that start one. */
static bool has_anchor(const char *s, size_t len) {
  for (size_t i = 0; i + 5 <= len; i++) {
    const char *p = s + i;
    size_t left = len - i;
    switch (lower(*p)) {
    case 'p':
      if (ci_at(p, "photo", 5) || (left >= 6 && ci_at(p, "pictur", 6)))
        return true;
      break;
    case 'i':
      if (ci_at(p, "image", 5))
        return true;
      break;
    case 'c':
      if (left >= 6 && ci_at(p, "credit", 6))
        return true;
      break;
    case 'g':
      if (ci_at(p, "getty", 5))
        return true;
      break;
    case 'r':
      if (left >= 7 && ci_at(p, "reuters", 7))
        return true;
      break;
    default:
      break;
    }
  }
  return false;
}

static bool is_caption(const char *s, size_t len) {
  static const char *const marks[] = {
      "(photo",    "photo:",    "photo by ",   "photograph:",  "photos:",
      "picture:",  "image:",    "credit:",     "getty images", "ap photo",
      "afp photo", "afp/getty", "/ reuters",   "reuters/",     "file photo",
      "(pictured", "(image",    "photo credit"};
  /* Every mark holds an anchor word; most lines hold none. */
  if (len > CAPTION_MAX || !has_anchor(s, len))
    return false;
  char low[CAPTION_MAX];
  for (size_t i = 0; i < len; i++)
    low[i] = lower(s[i]);
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
    if (memmem(low, len, marks[i], strlen(marks[i])))
      return true;
  return false;
}

static size_t count_words(const char *s, size_t len) {
  size_t words = 0;
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
      words++;
  return words;
}

/* "By Lena Hartwig", "BY MARA QUINN, Staff Writer": the name goes to
 * `name`. */
static bool is_byline(const char *s, size_t len, sl_buf *name) {
  if (len < 5 || len > BYLINE_MAX ||
      (memcmp(s, "By ", 3) != 0 && memcmp(s, "BY ", 3) != 0))
    return false;
  const char *p = s + 3, *end = s + len;
  if (!(*p >= 'A' && *p <= 'Z') || end[-1] == '.')
    return false;
  const char *stop = p;
  while (stop < end && *stop != ',' && *stop != '|')
    stop++;
  size_t words = count_words(p, (size_t)(stop - p));
  if (words == 0 || words > 6)
    return false;
  if (name->len == 0 && sl_buf_append(name, p, (size_t)(stop - p)) != SL_OK)
    return false;
  return true;
}

/* A whole line in brackets: "(Tessaly Wire Service)", "(Reuters)". */
static bool is_credit(const char *s, size_t len, sl_buf *agency) {
  if (len < 3 || len > CREDIT_MAX || s[0] != '(' || s[len - 1] != ')')
    return false;
  if (memchr(s + 1, '(', len - 2) || memchr(s + 1, ')', len - 2))
    return false;
  if (!(s[1] >= 'A' && s[1] <= 'Z'))
    return false;
  if (agency->len == 0 && sl_buf_append(agency, s + 1, len - 2) != SL_OK)
    return false;
  return true;
}

/* A lone word ("Share", "Advertisement") or a known widget phrase. */
static bool is_widget(const char *s, size_t len) {
  static const char *const phrases[] = {
      "read more",   "sign up",    "show comments", "skip advertisement",
      "watch video", "share this", "view comments", "continue reading"};
  if (len == 0 || len > WIDGET_MAX)
    return false;
  char last = s[len - 1];
  if (strchr(".!?:;,\"", last))
    return false;
  if (count_words(s, len) == 1) {
    for (size_t i = 0; i < len; i++)
      if (s[i] >= '0' && s[i] <= '9')
        return false;
    return true;
  }
  for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
    if (strlen(phrases[i]) == len && contains_ci(s, len, phrases[i]))
      return true;
  return false;
}

/* A 64-bit FNV-1a hash of the line's characters, case folded, white space
 * left out; never 0 (the empty slot). */
static uint64_t line_hash(const char *s, size_t len) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t')
      h = (h ^ (unsigned char)lower(s[i])) * 0x100000001b3ull;
  return h ? h : 1;
}

/* Whether the line was seen before in this text; remembers it. The table
 * (a power of two, at least twice the lines) holds hashes only: two
 * different lines with one 64-bit hash would be a crafted collision, and
 * even then the line is kept among the removed ones. */
static bool seen_before(sl_vec *seen, const char *s, size_t len) {
  uint64_t h = line_hash(s, len), *slots = seen->data;
  size_t mask = seen->len - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    if (slots[i] == h)
      return true;
    if (!slots[i]) {
      slots[i] = h;
      return false;
    }
  }
}

typedef struct cleaner {
  const char *text;
  sl_cleaned *out;
  const sl_boiler *boiler; /* may be NULL */
  uint64_t source;
  bool first;      /* the next kept line is the first */
  bool para_break; /* a blank line since the last kept line */
} cleaner;

static sl_debris classify(cleaner *c, const char *s, size_t len, bool top) {
  if (c->source && len <= MASTHEAD_MAX && sl_boiler_source(s, len) == c->source)
    return SL_DEBRIS_MASTHEAD;
  if (c->boiler && sl_boiler_count(c->boiler) && sl_boiler_countable(s, len) &&
      sl_boiler_known(c->boiler, c->source, sl_boiler_line_hash(s, len)))
    return SL_DEBRIS_BOILERPLATE;
  if (is_caption(s, len))
    return SL_DEBRIS_CAPTION;
  if (is_byline(s, len, &c->out->byline))
    return SL_DEBRIS_BYLINE;
  if (is_credit(s, len, &c->out->credit))
    return SL_DEBRIS_CREDIT;
  if (!top && is_widget(s, len))
    return SL_DEBRIS_WIDGET;
  return seen_before(&c->out->seen, s, len) ? SL_DEBRIS_REPEAT : 0;
}

static sl_status keep(cleaner *c, const char *s, size_t len) {
  sl_status st = SL_OK;
  if (!c->first)
    st = sl_buf_puts(&c->out->text, c->para_break ? "\n\n" : "\n");
  c->first = false;
  c->para_break = false;
  return st == SL_OK ? sl_buf_append(&c->out->text, s, len) : st;
}

static sl_status line(cleaner *c, size_t start, size_t end) {
  const char *s = c->text + start;
  size_t len = end - start;
  if (len == 0) {
    c->para_break = true;
    return SL_OK;
  }
  sl_debris why = classify(c, s, len, c->first);
  if (!why)
    return keep(c, s, len);
  sl_removed r = {(uint32_t)start, (uint32_t)end, (uint8_t)why};
  return sl_vec_push(&c->out->removed, &r);
}

sl_status sl_clean_debris(const char *text, size_t len, sl_cleaned *out) {
  return sl_clean_debris_with(text, len, NULL, 0, out);
}

sl_status sl_clean_debris_with(const char *text, size_t len,
                               const sl_boiler *boiler, uint64_t source,
                               sl_cleaned *out) {
  if (len >= UINT32_MAX)
    return SL_ETOOBIG;
  sl_buf_clear(&out->text);
  sl_vec_clear(&out->removed);
  sl_buf_clear(&out->byline);
  sl_buf_clear(&out->credit);
  size_t lines = 1, slots = 16;
  for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text)));
       p++)
    lines++;
  while (slots < 2 * lines)
    slots *= 2;
  sl_status st = sl_vec_reserve(&out->seen, slots);
  if (st != SL_OK)
    return st;
  memset(out->seen.data, 0, slots * sizeof(uint64_t));
  out->seen.len = slots;
  cleaner c = {text, out, boiler, source, true, false};
  for (size_t at = 0; st == SL_OK && at < len;) {
    const char *nl = memchr(text + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - text) : len;
    st = line(&c, at, end);
    at = end + 1;
  }
  return st;
}
