/* storyline extract: what the timeline needs from the when stage: an anchor
 * date per sentence, and the publication date of an undated article. */
#include <stdlib.h>
#include <string.h>

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

/* Whether the text may state a whole calendar date: it has a year (a run
 * of four digits) or a numeric date (3/4/21, 03.04.2021). Without one, no
 * expression can resolve to a day with a year when there is no creation
 * time, so the full scan is skipped. */
static bool may_state_date(const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    size_t n = digits_at(s, len, i);
    if (!n) {
      i++;
      continue;
    }
    if (n == 4)
      return true;
    size_t j = i + n, m;
    if (n <= 2 && j + 1 < len && strchr("/.-", s[j]) &&
        (m = digits_at(s, len, j + 1)) >= 1 && m <= 2 && j + 1 + m < len &&
        s[j + 1 + m] == s[j] && digits_at(s, len, j + 2 + m) >= 2)
      return true;
    i = j;
  }
  return false;
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
  sl_timex_list l;
  if (!may_state_date(text, len) ||
      sl_when_find(text, len, (sl_date){0, 0, 0}, &l) != SL_OK)
    return false;
  for (size_t i = 0; i < l.count; i++) {
    const sl_timex *t = &l.items[i];
    if (t->gran != 1 || t->day.year <= 0 || t->type == SL_TIMEX_SET)
      continue;
    const sl_date *b = &out->date;
    if (b->year == 0 || t->day.year > b->year ||
        (t->day.year == b->year &&
         (t->day.month > b->month ||
          (t->day.month == b->month && t->day.day > b->day))))
      set_origin(out, t->day, 0.4, "latest");
  }
  sl_timex_list_release(&l);
  return out->date.year > 0;
}
