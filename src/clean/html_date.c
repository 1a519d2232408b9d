/* storyline clean: a calendar date stated in a page's text, in the forms
 * web pages print them: ISO, day.month.year, and day month year or month
 * day, year with month names in the common European languages. */
#include <string.h>

#include "clean/html_int.h"
#include "text/date.h"

typedef struct month_name {
  const char *name; /* lowercase UTF-8 */
  int month;
} month_name;

/* Full names and the abbreviations sites print (matched as whole words,
 * an abbreviation may end in a dot). */
static const month_name months[] = {
    {"january", 1},    {"february", 2},  {"march", 3},     {"april", 4},
    {"may", 5},        {"june", 6},      {"july", 7},      {"august", 8},
    {"september", 9},  {"october", 10},  {"november", 11}, {"december", 12},
    {"januar", 1},     {"jänner", 1},    {"februar", 2},   {"märz", 3},
    {"mai", 5},        {"juni", 6},      {"juli", 7},      {"oktober", 10},
    {"dezember", 12},  {"janvier", 1},   {"février", 2},   {"mars", 3},
    {"avril", 4},      {"juin", 6},      {"juillet", 7},   {"août", 8},
    {"septembre", 9},  {"octobre", 10},  {"novembre", 11}, {"décembre", 12},
    {"enero", 1},      {"febrero", 2},   {"marzo", 3},     {"abril", 4},
    {"mayo", 5},       {"junio", 6},     {"julio", 7},     {"agosto", 8},
    {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},  {"noviembre", 11},
    {"diciembre", 12}, {"gennaio", 1},   {"febbraio", 2},  {"aprile", 4},
    {"maggio", 5},     {"giugno", 6},    {"luglio", 7},    {"settembre", 9},
    {"ottobre", 10},   {"dicembre", 12}, {"janeiro", 1},   {"fevereiro", 2},
    {"março", 3},      {"maio", 5},      {"junho", 6},     {"julho", 7},
    {"setembro", 9},   {"outubro", 10},  {"novembro", 11}, {"dezembro", 12},
    {"januari", 1},    {"februari", 2},  {"maart", 3},     {"mei", 5},
    {"augustus", 8},   {"jan", 1},       {"feb", 2},       {"mar", 3},
    {"apr", 4},        {"jun", 6},       {"jul", 7},       {"aug", 8},
    {"sep", 9},        {"sept", 9},      {"oct", 10},      {"okt", 10},
    {"nov", 11},       {"dec", 12},      {"dez", 12},      {"mär", 3},
    {NULL, 0}};

static bool digit(char c) {
  return c >= '0' && c <= '9';
}

static bool letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Reads 1..max digits at s[*i]; -1 when there are none or more. */
static int number(const char *s, size_t len, size_t *i, int max) {
  int v = 0, n = 0;
  while (*i < len && digit(s[*i]) && n <= max) {
    v = v * 10 + (s[*i] - '0');
    (*i)++;
    n++;
  }
  return n == 0 || n > max ? -1 : v;
}

/* The month named at s[*i] (a whole word), or 0. */
static int month_at(const char *s, size_t len, size_t *i) {
  size_t end = *i;
  while (end < len && letter((unsigned char)s[end]))
    end++;
  size_t n = end - *i;
  char w[16];
  if (n == 0 || n >= sizeof w)
    return 0;
  for (size_t k = 0; k < n; k++)
    w[k] = (char)(s[*i + k] >= 'A' && s[*i + k] <= 'Z' ? s[*i + k] + 32
                                                       : s[*i + k]);
  /* Uppercase non-ASCII first letters (März, Décembre) are rare in the
   * middle of a name; "MÄRZ" stays unmatched. */
  for (const month_name *m = months; m->name; m++)
    if (strlen(m->name) == n && memcmp(w, m->name, n) == 0) {
      *i = end + (end < len && s[end] == '.');
      return m->month;
    }
  return 0;
}

static void skip_sep(const char *s, size_t len, size_t *i) {
  while (*i < len && (s[*i] == ' ' || s[*i] == ',' || s[*i] == '.'))
    (*i)++;
  if (*i + 3 <= len && (memcmp(s + *i, "de ", 3) == 0))
    *i += 3;
}

static bool emit(int y, int m, int d, char iso[11]) {
  if (y < 100)
    y += 2000;
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31)
    return false;
  sl_date date = {(int16_t)y, (int8_t)m, (int8_t)d};
  if (!sl_date_valid(date))
    return false;
  sl_date_format(date, iso);
  return true;
}

/* A date starting with digits at s[i]: 2021-03-05, 5.3.2021, 5. März 2021,
 * 5 March 2021. */
static bool numeric_at(const char *s, size_t len, size_t i, char iso[11]) {
  size_t j = i;
  int a = number(s, len, &j, 4);
  if (a < 0)
    return false;
  if (j - i == 4 && j + 1 < len && (s[j] == '-' || s[j] == '/')) {
    char sep = s[j++];
    int m = number(s, len, &j, 2);
    if (m < 0 || j >= len || s[j++] != sep)
      return false;
    int d = number(s, len, &j, 2);
    return d >= 0 && emit(a, m, d, iso);
  }
  if (j - i > 2)
    return false;
  if (j + 1 < len && s[j] == '.' && digit(s[j + 1])) {
    j++;
    int m = number(s, len, &j, 2);
    if (m < 0 || j >= len || s[j++] != '.')
      return false;
    size_t y0 = j;
    int y = number(s, len, &j, 4);
    return y >= 0 && (j - y0 == 4 || j - y0 == 2) && emit(y, m, a, iso);
  }
  skip_sep(s, len, &j);
  int m = month_at(s, len, &j);
  if (!m)
    return false;
  skip_sep(s, len, &j);
  size_t y0 = j;
  int y = number(s, len, &j, 4);
  return y >= 0 && j - y0 == 4 && emit(y, m, a, iso);
}

/* "March 5, 2021" at s[i]. */
static bool month_first_at(const char *s, size_t len, size_t i, char iso[11]) {
  size_t j = i;
  int m = month_at(s, len, &j);
  if (!m)
    return false;
  skip_sep(s, len, &j);
  int d = number(s, len, &j, 2);
  if (d < 0)
    return false;
  if (j + 1 < len && s[j] == 't' && s[j + 1] == 'h')
    j += 2;
  skip_sep(s, len, &j);
  size_t y0 = j;
  int y = number(s, len, &j, 4);
  return y >= 0 && j - y0 == 4 && emit(y, m, d, iso);
}

bool sl__html_find_date(const char *s, size_t len, char iso[11]) {
  for (size_t i = 0; i < len; i++) {
    bool start =
        i == 0 || !(digit(s[i - 1]) || letter((unsigned char)s[i - 1]));
    if (!start)
      continue;
    if (digit(s[i])
            ? numeric_at(s, len, i, iso)
            : letter((unsigned char)s[i]) && month_first_at(s, len, i, iso))
      return true;
  }
  return false;
}
