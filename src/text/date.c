/* storyline text: absolute dates in metadata values and in the datelines,
 * date lines and photo captions of a text. One scanner recognises a date at
 * a position; parse and find decide what may surround it. */
#include <string.h>

#include "text/date.h"

/* Full names; the abbreviations are their first three letters. */
static const char *const months[12] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
static const char *const weekdays[7] = {"monday",   "tuesday", "wednesday",
                                        "thursday", "friday",  "saturday",
                                        "sunday"};

typedef struct cur {
  const char *s;
  size_t len, i;
} cur;

static int peek(const cur *c) {
  return c->i < c->len ? (unsigned char)c->s[c->i] : -1;
}
static bool is_digit(int ch) {
  return ch >= '0' && ch <= '9';
}
static bool is_alpha(int ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}
static int lower(int ch) {
  return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
}

void sl_date_format(sl_date date, char out[11]) {
  if (date.year <= 0) {
    out[0] = '\0';
    return;
  }
  unsigned y = (unsigned)date.year % 10000u, m = (unsigned)date.month % 100u,
           d = (unsigned)date.day % 100u;
  out[0] = (char)('0' + y / 1000);
  out[1] = (char)('0' + y / 100 % 10);
  out[2] = (char)('0' + y / 10 % 10);
  out[3] = (char)('0' + y % 10);
  out[4] = '-';
  out[5] = (char)('0' + m / 10);
  out[6] = (char)('0' + m % 10);
  out[7] = '-';
  out[8] = (char)('0' + d / 10);
  out[9] = (char)('0' + d % 10);
  out[10] = '\0';
}

bool sl_date_valid(sl_date d) {
  static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1)
    return false;
  if (d.day > mdays[d.month - 1])
    return false;
  bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  return !(d.month == 2 && d.day == 29 && !leap);
}

/* Reads 1..max digits; returns the count read (0: none). */
static int digits(cur *c, int max, int *value) {
  int n = 0, v = 0;
  while (n < max && is_digit(peek(c))) {
    v = v * 10 + (peek(c) - '0');
    c->i++;
    n++;
  }
  *value = v;
  return n;
}

static void spaces(cur *c) {
  while (peek(c) == ' ' || peek(c) == '\t' || peek(c) == '\n')
    c->i++;
}

/* Reads a word of letters; returns its length, lowercased into buf. */
static size_t word(cur *c, char *buf, size_t cap) {
  size_t n = 0;
  while (is_alpha(peek(c))) {
    if (n + 1 < cap)
      buf[n] = (char)lower(peek(c));
    n++;
    c->i++;
  }
  buf[n < cap ? n : cap - 1] = '\0';
  return n;
}

/* Whether `w` is `full` or its first three letters (every abbreviation in
 * the tables is); "sept" too when `sept`. */
static bool name_is(const char *w, size_t n, const char *full, bool sept) {
  if (n < 3 || w[0] != full[0] || w[1] != full[1] || w[2] != full[2])
    return false;
  return n == 3 || strcmp(w, full) == 0 || (sept && strcmp(w, "sept") == 0);
}

static int month_of(const char *w) {
  size_t n = strlen(w);
  for (int m = 0; m < 12; m++)
    if (name_is(w, n, months[m], m == 8))
      return m + 1;
  return 0;
}

static bool weekday_word(const char *w) {
  size_t n = strlen(w);
  for (int d = 0; d < 7; d++)
    if (name_is(w, n, weekdays[d], false))
      return true;
  return false;
}

/* Reads a month name (with an optional period); 0 when there is none. */
static int month(cur *c) {
  size_t at = c->i;
  char w[16];
  int m = word(c, w, sizeof w) < 16 ? month_of(w) : 0;
  if (!m) {
    c->i = at;
    return 0;
  }
  if (peek(c) == '.')
    c->i++;
  return m;
}

/* A day number with an optional ordinal suffix. */
static bool day(cur *c, int *d) {
  if (!digits(c, 2, d) || is_digit(peek(c)))
    return false;
  size_t at = c->i;
  char w[4];
  size_t n = word(c, w, sizeof w);
  if (n && !(n == 2 && (!strcmp(w, "st") || !strcmp(w, "nd") ||
                        !strcmp(w, "rd") || !strcmp(w, "th"))))
    c->i = at;
  return n == 0 || c->i != at;
}

static bool year(cur *c, int *y) {
  return digits(c, 4, y) == 4 && !is_digit(peek(c)) && *y >= 1000;
}

static bool done(cur *c, int y, int m, int d, sl_date *out) {
  sl_date r = {(int16_t)y, (int8_t)m, (int8_t)d};
  if (!sl_date_valid(r))
    return false;
  *out = r;
  return true;
}

/* "2021-03-03", "2021/3/3", "2021.03.03". */
static bool numeric_ymd(cur *c, sl_date *out) {
  int y, m, d;
  if (!year(c, &y))
    return false;
  int sep = peek(c);
  if (sep != '-' && sep != '/' && sep != '.')
    return false;
  c->i++;
  if (!digits(c, 2, &m) || peek(c) != sep)
    return false;
  c->i++;
  if (!digits(c, 2, &d) || is_digit(peek(c)))
    return false;
  return done(c, y, m, d, out);
}

/* "03/21/2021", "21.03.2021": only when day and month can be told apart
 * (or are equal); dots mean day first, as in German and Russian. */
static bool numeric_dmy(cur *c, sl_date *out) {
  int a, b, y;
  if (!digits(c, 2, &a))
    return false;
  int sep = peek(c);
  if (sep != '/' && sep != '.' && sep != '-')
    return false;
  c->i++;
  if (!digits(c, 2, &b) || peek(c) != sep)
    return false;
  c->i++;
  if (!year(c, &y))
    return false;
  if (sep == '.' || a > 12 || a == b)
    return done(c, y, b, a, out);
  if (b > 12)
    return done(c, y, a, b, out);
  return false;
}

/* "March 3, 2021", "Mar. 3 2021", "March 3rd, 2021". */
static bool month_day_year(cur *c, sl_date *out) {
  int m = month(c), d, y;
  if (!m)
    return false;
  spaces(c);
  if (!day(c, &d))
    return false;
  if (peek(c) == ',')
    c->i++;
  spaces(c);
  return year(c, &y) && done(c, y, m, d, out);
}

/* "3 March 2021", "3rd of March, 2021", "03 Mar 2021". */
static bool day_month_year(cur *c, sl_date *out) {
  int d, y;
  if (!day(c, &d))
    return false;
  spaces(c);
  size_t at = c->i;
  char w[4];
  if (word(c, w, sizeof w) != 2 || strcmp(w, "of") != 0)
    c->i = at;
  spaces(c);
  int m = month(c);
  if (!m)
    return false;
  if (peek(c) == ',')
    c->i++;
  spaces(c);
  return year(c, &y) && done(c, y, m, d, out);
}

/* A date starting exactly at c->i; on success c->i is just after it. */
static bool scan(cur *c, sl_date *out) {
  static bool (*const forms[])(cur *, sl_date *) = {
      numeric_ymd, numeric_dmy, month_day_year, day_month_year};
  size_t at = c->i;
  for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
    c->i = at;
    if (forms[k](c, out))
      return true;
  }
  c->i = at;
  return false;
}

/* Skips `w` (lowercase letters) when the input has it there, any case. */
static bool literal(cur *c, const char *w) {
  size_t n = strlen(w);
  for (size_t k = 0; k < n; k++)
    if (c->i + k >= c->len || lower((unsigned char)c->s[c->i + k]) != w[k])
      return false;
  c->i += n;
  return true;
}

/* "Z", "+05:30", "-0800", "+02", "GMT", "CEST", "GMT+1": an abbreviation
 * must be in capitals, so a trailing word ("later") is not taken for one. */
static void zone(cur *c) {
  if (peek(c) == 'Z' || peek(c) == 'z') {
    c->i++;
    return;
  }
  size_t at = c->i;
  while (peek(c) >= 'A' && peek(c) <= 'Z')
    c->i++;
  if (c->i - at > 5 || is_alpha(peek(c)))
    c->i = at;
  if (peek(c) != '+' && peek(c) != '-')
    return;
  at = c->i++;
  int v;
  if (!digits(c, 2, &v)) {
    c->i = at;
    return;
  }
  if (peek(c) == ':')
    c->i++;
  (void)digits(c, 2, &v);
}

/* "10:00", "9:05:59.123", "10:00 AM", "9:05 p.m." */
static bool clock_time(cur *c) {
  int v;
  if (!digits(c, 2, &v) || peek(c) != ':')
    return false;
  c->i++;
  if (digits(c, 2, &v) != 2)
    return false;
  if (peek(c) == ':') {
    c->i++;
    if (digits(c, 2, &v) != 2)
      return false;
    if ((peek(c) == '.' || peek(c) == ',') && c->i + 1 < c->len &&
        is_digit((unsigned char)c->s[c->i + 1])) {
      c->i++;
      while (is_digit(peek(c)))
        c->i++;
    }
  }
  size_t at = c->i;
  spaces(c);
  if (!(literal(c, "a.m.") || literal(c, "p.m.") || literal(c, "am") ||
        literal(c, "pm")) ||
      is_alpha(peek(c)))
    c->i = at;
  return true;
}

/* After a metadata date: nothing, or a time with an optional zone
 * ("T10:00:00Z", " 10:00 GMT", ", 10:00 AM", " at 10:00"). */
static bool time_tail(cur *c) {
  if (peek(c) == -1)
    return true;
  if (peek(c) == ',')
    c->i++;
  if (peek(c) == 'T' || peek(c) == 't') {
    c->i++;
  } else {
    spaces(c);
    size_t at = c->i;
    if (!(literal(c, "at") && peek(c) == ' '))
      c->i = at;
    spaces(c);
  }
  if (!clock_time(c))
    return false;
  spaces(c);
  zone(c);
  spaces(c);
  return peek(c) == -1;
}

static void skip_weekday(cur *c) {
  size_t at = c->i;
  char w[16];
  if (word(c, w, sizeof w) < 16 && weekday_word(w)) {
    if (peek(c) == '.')
      c->i++;
    if (peek(c) == ',')
      c->i++;
    spaces(c);
  } else {
    c->i = at;
  }
}

sl_status sl_date_parse(const char *s, size_t len, sl_date *out,
                        sl_error *err) {
  cur c = {s, len, 0};
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t'))
    c.len = --len;
  spaces(&c);
  skip_weekday(&c);
  int y, m, d;
  size_t at = c.i;
  if (c.len - at == 8 && digits(&c, 8, &y) == 8) {
    m = y / 100 % 100;
    d = y % 100;
    y /= 10000;
    if (done(&c, y, m, d, out))
      return SL_OK;
  }
  c.i = at;
  if (scan(&c, out) && time_tail(&c))
    return SL_OK;
  return sl_error_set(err, SL_EPARSE, "cannot read '%.*s' as a date",
                      (int)(len > 60 ? 60 : len), s);
}

/* ---- dates stated by a text ------------------------------------------ */

enum {
  TOP_LINES = 3,
  TOP_BYTES = 400,
  DATELINE_PREFIX = 160,
  CAPTION_MAX = 300,
  MIN_YEAR = 1900, /* a publication date outside these is a misreading */
  MAX_YEAR = 2100
};

static bool starts_word(const char *s, size_t i) {
  return i == 0 || !(is_alpha((unsigned char)s[i - 1]) ||
                     is_digit((unsigned char)s[i - 1]));
}

/* Whether [from, to) holds four digits in a row: every date form has a
 * year, and most lines have none, so this spares the scan. */
static bool has_year(const char *s, size_t from, size_t to) {
  for (size_t i = from, run = 0; i < to; i++) {
    run = is_digit((unsigned char)s[i]) ? run + 1 : 0;
    if (run == 4)
      return true;
  }
  return false;
}

/* The first date in [from, to) that starts a word and has a plausible
 * year, and its span. */
static bool next_date(const char *s, size_t from, size_t to, sl_date *out,
                      size_t *start, size_t *end) {
  if (!has_year(s, from, to))
    return false;
  for (size_t i = from; i < to; i++) {
    int ch = (unsigned char)s[i];
    if (!(is_digit(ch) || is_alpha(ch)) || !starts_word(s, i))
      continue;
    cur c = {s, to, i};
    if (scan(&c, out) && out->year >= MIN_YEAR && out->year <= MAX_YEAR) {
      *start = i;
      *end = c.i;
      return true;
    }
  }
  return false;
}

/* Whether `s` has the word `w` (lowercase), any case, or its plural:
 * "AP" and "Photos", not "April" or "filed". */
static bool has_word_ci(const char *s, size_t len, const char *w) {
  size_t n = strlen(w);
  for (size_t i = 0; i + n <= len; i++) {
    size_t k = 0;
    while (k < n && lower((unsigned char)s[i + k]) == w[k])
      k++;
    if (k < n || !starts_word(s, i))
      continue;
    if (k < len - i && lower((unsigned char)s[i + k]) == 's')
      k++;
    if (k == len - i || !is_alpha((unsigned char)s[i + k]))
      return true;
  }
  return false;
}

static bool label_word(const char *line, size_t start) {
  static const char *const labels[] = {
      "published", "updated", "posted",       "date",
      "modified",  "created", "last updated", "first published"};
  for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
    size_t n = strlen(labels[i]), k = 0;
    while (k < n && k < start && lower((unsigned char)line[k]) == labels[i][k])
      k++;
    if (k == n)
      return true;
  }
  return false;
}

/* The word of letters that ends at `e` (spaces, commas and periods
 * before `e` skipped), lowercased into `w`; returns where it starts. */
static size_t word_before(const char *line, size_t e, char w[16]) {
  while (e > 0 &&
         (line[e - 1] == ' ' || line[e - 1] == ',' || line[e - 1] == '.'))
    e--;
  size_t b = e;
  while (b > 0 && is_alpha((unsigned char)line[b - 1]))
    b--;
  w[0] = '\0';
  if (e - b < 16) {
    for (size_t k = b; k < e; k++)
      w[k - b] = (char)lower((unsigned char)line[k]);
    w[e - b] = '\0';
  }
  return b;
}

/* Where the words before a date end once its weekday and an "on" before
 * that are set aside: "Friday August 2, 2013", "on Tue, 16 Dec 2008". */
static size_t before_day(const char *line, size_t start) {
  char w[16];
  size_t b = word_before(line, start, w);
  if (weekday_word(w)) {
    start = b;
    b = word_before(line, start, w);
  }
  return strcmp(w, "on") == 0 ? b : start;
}

/* Before a dateline date, its weekday aside: nothing, a few words in
 * capitals ("PARIS,", "WASHINGTON (Reuters) --"), one capitalised word
 * ("Reuters Sep 18, 2013") or a few words with a label ("Published:",
 * "Article posted on"). */
static bool dateline_before(const char *line, size_t start) {
  start = before_day(line, start);
  size_t words = 0, lowers = 0, depth = 0;
  bool label = false;
  for (size_t i = 0; i < start; i++) {
    int ch = (unsigned char)line[i];
    if (ch != ' ' && (i == 0 || line[i - 1] == ' ')) {
      words++;
      label = label || label_word(line + i, start - i);
    }
    depth += ch == '(';
    depth -= ch == ')' && depth;
    if (ch >= 'a' && ch <= 'z' && !depth)
      lowers++;
    if (ch == ':' || ch == '|')
      label = true;
  }
  return words == 0 || (words <= 4 && (lowers == 0 || label)) ||
         (words == 1 && line[0] >= 'A' && line[0] <= 'Z');
}

/* After a dateline date: end of line, a dash, a bracket, an "@", a time
 * or a label ("21 July 2013 Last updated at 11:11 GMT"). */
static bool dateline_after(const char *line, size_t end, size_t len) {
  while (end < len && (line[end] == ' ' || line[end] == ','))
    end++;
  if (end == len || label_word(line + end, len - end))
    return true;
  int ch = (unsigned char)line[end];
  if (end + 3 < len && lower(ch) == 'a' && lower(line[end + 1]) == 't' &&
      line[end + 2] == ' ' && is_digit((unsigned char)line[end + 3]))
    return true; /* "Published on March 3, 2021 at 10:00" */
  return ch == '(' || ch == '-' || ch == '|' || ch == '/' || ch == '@' ||
         ch == 0xE2 || is_digit(ch);
}

static bool find_dateline(const char *text, size_t len, sl_date *out,
                          size_t *start, size_t *end) {
  size_t pos = 0;
  for (int n = 0; n < TOP_LINES && pos < len && pos < TOP_BYTES; pos++) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t line_len = (nl ? (size_t)(nl - text) : len) - pos;
    if (line_len == 0)
      continue;
    size_t lim = line_len < DATELINE_PREFIX ? line_len : DATELINE_PREFIX;
    size_t s, e;
    sl_date d;
    if (next_date(text + pos, 0, lim, &d, &s, &e) &&
        dateline_before(text + pos, s) &&
        dateline_after(text + pos, e, line_len)) {
      *out = d;
      *start = pos + s;
      *end = pos + e;
      return true;
    }
    n++;
    pos += line_len;
  }
  return false;
}

static const char *const credits[] = {
    "photo", "photograph", "picture", "image", "credit", "getty",
    "afp",   "reuters",    "ap",      "epa",   "file",   "courtesy"};

static bool has_credit(const char *s, size_t len) {
  for (size_t i = 0; i < sizeof credits / sizeof credits[0]; i++)
    if (has_word_ci(s, len, credits[i]))
      return true;
  return false;
}

/* A caption line: short, and its date ends it, after a comma ("..., March
 * 2, 2026." maybe followed by a credit: "(AP Photo/X)", "REUTERS/X") or
 * after a credit ("Photo: X 4 March 2026"). A date followed by more words
 * is a body sentence. */
static bool caption_line(const char *line, size_t len, size_t s, size_t e) {
  size_t k = s;
  while (k > 0 && line[k - 1] == ' ')
    k--;
  bool after_comma = k > 0 && line[k - 1] == ',';
  size_t j = e;
  if (j < len && (line[j] == '.' || line[j] == ')' || line[j] == ']'))
    j++;
  while (j < len && line[j] == ' ')
    j++;
  if (!after_comma)
    return j == len && has_credit(line, len);
  return j == len || line[j] == '(' || line[j] == '[' ||
         has_credit(line + j, len - j);
}

/* A bracketed credit inside a longer line: "(Photo by X/Getty Images,
 * March 3, 2021)" or "[AP Photo/X, March 3, 2021]". */
static bool bracket_caption(const char *line, size_t len, sl_date *out,
                            size_t *start, size_t *end) {
  for (size_t i = 0; i < len; i++) {
    if (line[i] != '(' && line[i] != '[')
      continue;
    char close = line[i] == '(' ? ')' : ']';
    size_t lim = len - i - 1 < CAPTION_MAX ? len - i - 1 : CAPTION_MAX;
    const char *c = memchr(line + i + 1, close, lim);
    if (!c)
      continue;
    size_t to = (size_t)(c - line);
    if (has_year(line, i + 1, to) && has_credit(line + i + 1, to - i - 1) &&
        next_date(line, i + 1, to, out, start, end))
      return true;
  }
  return false;
}

/* The caption date of one line, if any. */
static bool line_caption(const char *line, size_t len, sl_date *out,
                         size_t *start, size_t *end) {
  if (!has_year(line, 0, len)) /* most lines: no date can be there */
    return false;
  if (len > CAPTION_MAX)
    return bracket_caption(line, len, out, start, end);
  for (size_t from = 0; next_date(line, from, len, out, start, end);
       from = *end)
    if (caption_line(line, len, *start, *end))
      return true;
  return bracket_caption(line, len, out, start, end);
}

static bool find_caption(const char *text, size_t len, sl_date *out,
                         size_t *start, size_t *end) {
  for (size_t pos = 0; pos < len;) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t line_len = (nl ? (size_t)(nl - text) : len) - pos;
    if (line_caption(text + pos, line_len, out, start, end)) {
      *start += pos;
      *end += pos;
      return true;
    }
    pos += line_len + 1;
  }
  return false;
}

bool sl_date_find(const char *text, size_t len, sl_date *out, size_t *start,
                  size_t *end) {
  size_t s = 0, e = 0;
  sl_date d;
  if (!find_dateline(text, len, &d, &s, &e) &&
      !find_caption(text, len, &d, &s, &e))
    return false;
  *out = d;
  if (start)
    *start = s;
  if (end)
    *end = e;
  return true;
}
