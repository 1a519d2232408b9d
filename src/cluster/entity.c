/* storyline cluster: capitalised-phrase entities (see entity.h). */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "cluster/entity.h"
#include "cluster/words.h"

static bool is_cap(const sl_token *t) {
  return (t->kind == SL_TOK_WORD || t->kind == SL_TOK_ABBREV) &&
         (t->flags & SL_TOKF_CAP) && !(t->flags & SL_TOKF_DIGIT);
}

/* ASCII lower case of a short token into `out` (32 bytes); 0 when it does
 * not fit or is not ASCII. */
static size_t lower(const char *text, const sl_token *t, char out[32]) {
  if (t->len >= 32)
    return 0;
  for (uint32_t i = 0; i < t->len; i++) {
    unsigned char ch = (unsigned char)text[t->start + i];
    if (ch >= 0x80)
      return 0;
    out[i] = (char)tolower(ch);
  }
  return t->len;
}

static bool is_stop(const char *text, const sl_token *t) {
  char w[32];
  size_t n = lower(text, t, w);
  return n && (sl__stopword(w, n) || sl__calendar_word(w, n));
}

static bool is_connector(const char *text, const sl_token *t) {
  char w[32];
  size_t n = lower(text, t, w);
  return t->kind == SL_TOK_WORD && !(t->flags & SL_TOKF_CAP) && n &&
         sl__name_connector(w, n);
}

static bool ends_sentence(const char *text, const sl_token *p) {
  if (p->kind != SL_TOK_PUNCT)
    return false;
  const unsigned char *s = (const unsigned char *)text + p->start;
  if (strchr(".!?:;\"'(", s[0]))
    return true;
  /* curly opening quotes */
  return p->len == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
         (s[2] == 0x9C || s[2] == 0x98);
}

static bool sentence_start(const char *text, const sl_token *t, size_t i) {
  return i == 0 || (t[i].flags & SL_TOKF_NEWLINE) ||
         ends_sentence(text, &t[i - 1]);
}

/* Whether the line t[from .. to) is a headline written in title case: no
 * final period, and most longer words capitalised. */
static bool title_case(const char *text, const sl_token *t, size_t from,
                       size_t to) {
  if (to > from && t[to - 1].kind == SL_TOK_PUNCT &&
      text[t[to - 1].start] == '.')
    return false;
  size_t words = 0, caps = 0;
  for (size_t i = from; i < to; i++) {
    if (t[i].kind != SL_TOK_WORD || t[i].len < 4)
      continue;
    words++;
    caps += (t[i].flags & SL_TOKF_CAP) != 0;
  }
  return words >= 3 && caps * 10 >= words * 7;
}

/* Extends a phrase that starts at t[i]; returns its last token. */
static size_t extend(const char *text, const sl_token *t, size_t i,
                     size_t end) {
  size_t last = i;
  for (size_t j = i + 1; j < end; j++) {
    if (!(t[j].flags & SL_TOKF_SPACE) || (t[j].flags & SL_TOKF_NEWLINE))
      break;
    if (is_cap(&t[j])) {
      last = j;
      continue;
    }
    if (is_connector(text, &t[j]) && j + 1 < end && is_cap(&t[j + 1]) &&
        !(t[j + 1].flags & SL_TOKF_NEWLINE))
      continue;
    break;
  }
  return last;
}

static sl_status scan_line(const char *text, const sl_token *t, size_t from,
                           size_t to, sl__phrase_fn fn, void *ud) {
  for (size_t i = from; i < to; i++) {
    if (!is_cap(&t[i]))
      continue;
    size_t start = i;
    bool initial = sentence_start(text, t, i);
    size_t last = extend(text, t, i, to);
    size_t first = i;
    while (first <= last &&
           (is_stop(text, &t[first]) || is_connector(text, &t[first])))
      first++;
    i = last;
    if (first > last)
      continue;
    bool lone = first == last;
    if (lone && initial && first == start && !(t[first].flags & SL_TOKF_UPPER))
      continue;
    if (lone && t[first].len < 2)
      continue;
    sl_status st = fn(ud, first, last);
    if (st != SL_OK)
      return st;
  }
  return SL_OK;
}

sl_status sl__phrases(const char *text, const sl_token *t, size_t n,
                      sl__phrase_fn fn, void *ud) {
  size_t from = 0;
  while (from < n) {
    size_t to = from + 1;
    while (to < n && !(t[to].flags & SL_TOKF_NEWLINE))
      to++;
    if (!title_case(text, t, from, to)) {
      sl_status st = scan_line(text, t, from, to, fn, ud);
      if (st != SL_OK)
        return st;
    }
    from = to;
  }
  return SL_OK;
}
