/* storyline extract: what the timeline needs from the when stage: an anchor
 * date per sentence, and the publication date of an undated article. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/vec.h"
#include "storyline/when.h"
#include "text/date.h"
#include "text/sentence.h"
#include "text/token.h"

/* The first expression of [start, end) that names a calendar day or
 * period, from index *k on (the list is in text order); -1 for none. */
static long stated(const sl_timex_list *l, size_t *k, size_t start,
                   size_t end) {
  while (*k < l->count && l->items[*k].start < start)
    (*k)++;
  for (size_t j = *k; j < l->count && l->items[j].start < end; j++) {
    const sl_timex *t = &l->items[j];
    if ((t->type == SL_TIMEX_DATE || t->type == SL_TIMEX_TIME) &&
        t->day.year > 0)
      return (long)j;
  }
  return -1;
}

static sl_status fill(const sl_vec *sents, const sl_timex_list *l, sl_date dct,
                      sl_when_anchor_list *out) {
  if (sents->len == 0)
    return SL_OK;
  out->items = calloc(sents->len, sizeof *out->items);
  if (!out->items)
    return SL_ENOMEM;
  size_t k = 0;
  for (size_t i = 0; i < sents->len; i++) {
    const sl_sentence *s = &SL_VEC_AT(sents, sl_sentence, i);
    sl_when_anchor *a = &out->items[i];
    a->start = s->start;
    a->end = s->end;
    a->timex = stated(l, &k, s->start, s->end);
    a->date = a->timex >= 0 ? l->items[a->timex].day : dct;
  }
  out->count = sents->len;
  return SL_OK;
}

sl_status sl_when_anchors(const char *text, size_t len, sl_date dct,
                          const sl_timex_list *found,
                          sl_when_anchor_list *out) {
  if (!out || (!text && len))
    return SL_EINVAL;
  out->items = NULL;
  out->count = 0;
  sl_timex_list own = {NULL, 0};
  sl_vec toks = SL_VEC_INIT(sl_token), sents = SL_VEC_INIT(sl_sentence);
  sl_status st = SL_OK;
  if (!found) {
    st = sl_when_find(text, len, dct, &own);
    found = &own;
  }
  /* sl_tokenize may look one byte past the end (src/text/token.c
   * joiner_len): give it a NUL-terminated copy. */
  char *copy = st == SL_OK ? malloc(len + 1) : NULL;
  if (st == SL_OK && !copy)
    st = SL_ENOMEM;
  if (copy) {
    if (len)
      memcpy(copy, text, len);
    copy[len] = '\0';
  }
  if (st == SL_OK)
    st = sl_tokenize(copy, len, &toks);
  if (st == SL_OK)
    st = sl_sentences(copy, len, toks.data, toks.len, &sents);
  free(copy);
  if (st == SL_OK)
    st = fill(&sents, found, dct, out);
  sl_vec_release(&sents);
  sl_vec_release(&toks);
  sl_timex_list_release(&own);
  return st;
}

void sl_when_anchor_list_release(sl_when_anchor_list *list) {
  if (!list)
    return;
  free(list->items);
  list->items = NULL;
  list->count = 0;
}

static void set_origin(sl_when_pubdate *out, sl_date d, double conf,
                       const char *origin) {
  out->date = d;
  out->confidence = conf;
  strncpy(out->origin, origin, sizeof out->origin - 1);
  out->origin[sizeof out->origin - 1] = '\0';
}

/* Whether the byte offset is in the first three lines of the text. */
static bool near_top(const char *text, size_t off) {
  int lines = 0;
  for (size_t i = 0; i < off; i++)
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\n'))
      lines++;
  return lines < 3 && off < 600;
}

static size_t digits_at(const char *s, size_t len, size_t i) {
  size_t n = 0;
  while (i + n < len && s[i + n] >= '0' && s[i + n] <= '9')
    n++;
  return n;
}

/* Whether a year (a run of four digits) or a numeric date (3/4/21,
 * 03.04.2021) starts at s[i], which begins a run of `n` digits. */
static bool date_digits(const char *s, size_t len, size_t i, size_t n) {
  if (n == 4)
    return true;
  size_t j = i + n, m;
  return n <= 2 && j + 1 < len && strchr("/.-", s[j]) &&
         (m = digits_at(s, len, j + 1)) >= 1 && m <= 2 && j + 1 + m < len &&
         s[j + 1 + m] == s[j] && digits_at(s, len, j + 2 + m) >= 2;
}

enum { WINDOW_BEFORE = 64, WINDOW_AFTER = 16 };

/* The next stretch of text, from `*at` on, around a year or a numeric
 * date (overlapping stretches joined), starting and ending between words:
 * a whole calendar date needs one, and is written within a few words of
 * it ("Tuesday, the fourth of March 2021"). False when there is none. */
static bool next_window(const char *s, size_t len, size_t *at, size_t *b,
                        size_t *e) {
  bool found = false;
  size_t first = 0;
  for (size_t i = *at; i < len;) {
    while (i < len && (unsigned char)(s[i] - '0') > 9)
      i++; /* most of a text: no digit */
    size_t n = digits_at(s, len, i);
    if (!n || !date_digits(s, len, i, n)) {
      i += n ? n : 1;
      continue;
    }
    size_t wb = i > WINDOW_BEFORE ? i - WINDOW_BEFORE : 0;
    size_t we = i + n + WINDOW_AFTER < len ? i + n + WINDOW_AFTER : len;
    if (found && wb > *e)
      break;
    if (!found) {
      *b = wb;
      first = i;
    }
    *e = we;
    found = true;
    i += n;
  }
  if (!found)
    return false;
  while (*b > 0 && *b < first && s[*b - 1] != ' ' && s[*b - 1] != '\n')
    (*b)++; /* forward to a word start, never past the date */
  while (*e < len && s[*e] != ' ' && s[*e] != '\n')
    (*e)++;
  *at = *e;
  return true;
}

static bool letter(char ch) {
  return (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
}

/* Whether the date at `at` in `s` is a birth date, which is never the day
 * an article was written: "born" is one of the 12 words before it in its
 * sentence, with no number or closing parenthesis between ("born April
 * 22, 1923", "was born Betty Mae Page in Nashville, Tennessee on April 22,
 * 1923"). */
static bool birth_date(const char *s, size_t at) {
  size_t e = at;
  for (int words = 0; words < 12; words++) {
    while (e > 0 && !letter(s[e - 1]) && !strchr(".!?;)\n", s[e - 1])) {
      if (s[e - 1] >= '0' && s[e - 1] <= '9')
        return false; /* "born in 1961, re-elected on March 4" */
      e--;
    }
    size_t b = e;
    while (b > 0 && letter(s[b - 1]))
      b--;
    if (b == e)
      return false; /* the start of the sentence or of the text */
    if (e - b == 4 && strncasecmp(s + b, "born", 4) == 0)
      return true;
    e = b;
  }
  return false;
}

/* Keeps in `out` the latest whole calendar date of the list, birth dates
 * aside; `s` is the text the list was found in. */
static void keep_latest(const char *s, const sl_timex_list *l,
                        sl_when_pubdate *out) {
  for (size_t i = 0; i < l->count; i++) {
    const sl_timex *t = &l->items[i];
    if (t->gran != 1 || t->day.year <= 0 || t->type == SL_TIMEX_SET ||
        birth_date(s, t->start))
      continue;
    const sl_date *b = &out->date;
    if (b->year == 0 || t->day.year > b->year ||
        (t->day.year == b->year &&
         (t->day.month > b->month ||
          (t->day.month == b->month && t->day.day > b->day))))
      set_origin(out, t->day, 0.4, "latest");
  }
}

bool sl_when_pubdate_infer(const char *text, size_t len, sl_date given,
                           sl_when_pubdate *out) {
  memset(out, 0, sizeof *out);
  if (given.year > 0) {
    set_origin(out, given, 1.0, "given");
    return true;
  }
  if (!text || !len)
    return false;
  sl_date d;
  size_t start, end;
  if (sl_date_find(text, len, &d, &start, &end)) {
    bool top = near_top(text, start);
    set_origin(out, d, top ? 0.9 : 0.7, top ? "dateline" : "caption");
    return true;
  }
  /* Without a creation time only a stated year or numeric date resolves
   * to a calendar day: the expressions around each are enough. */
  size_t at = 0, b = 0, e = 0;
  while (next_window(text, len, &at, &b, &e)) {
    sl_timex_list l;
    if (sl_when_find(text + b, e - b, (sl_date){0, 0, 0}, &l) != SL_OK)
      return false;
    keep_latest(text + b, &l, out);
    sl_timex_list_release(&l);
  }
  return out->date.year > 0;
}
