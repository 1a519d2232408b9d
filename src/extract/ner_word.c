/* storyline extract: what the tagger computes once per word: hashes of the
 * word, its lowercase, its shape and its affixes. */
#include <string.h>

#include <utf8proc.h>

#include "base/utf8.h"
#include "extract/ner_int.h"

enum { SHAPE_MAX = 24 };

/* The shape class of the code point at s[i]: 'X', 'x', 'd' or itself. */
static char shape_class(const char *s, size_t len, size_t *i) {
  unsigned char c = (unsigned char)s[*i];
  if (c < 0x80) {
    (*i)++;
    if (c >= 'A' && c <= 'Z')
      return 'X';
    if (c >= 'a' && c <= 'z')
      return 'x';
    if (c >= '0' && c <= '9')
      return 'd';
    return (char)c;
  }
  int32_t cp;
  int n = sl_utf8_decode(s + *i, len - *i, &cp);
  *i += n > 0 ? (size_t)n : 1;
  if (n <= 0)
    return '?';
  utf8proc_category_t cat = utf8proc_category(cp);
  if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
    return 'X';
  if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_MN)
    return 'x';
  if (cat == UTF8PROC_CATEGORY_ND)
    return 'd';
  return '*';
}

/* Fills the shapes and the case flags. */
static void shapes(ner_word *w, ner_tok t) {
  char full[SHAPE_MAX], brief[SHAPE_MAX];
  size_t nf = 0, nb = 0, letters = 0, uppers = 0;
  for (size_t i = 0; i < t.len;) {
    char c = shape_class(t.s, t.len, &i);
    if (c == 'X' || c == 'x')
      letters++;
    uppers += c == 'X';
    w->digit |= c == 'd';
    if (nf < SHAPE_MAX)
      full[nf++] = c;
    if ((nb == 0 || brief[nb - 1] != c) && nb < SHAPE_MAX)
      brief[nb++] = c;
  }
  w->cap = nf > 0 && full[0] == 'X';
  w->lower = nf > 0 && full[0] == 'x';
  w->upper = letters > 0 && uppers == letters;
  w->hshape = ner_hash_bytes(full, nf, false);
  w->hshort = ner_hash_bytes(brief, nb, false);
}

void ner_word_init(ner_word *w, ner_tok t) {
  memset(w, 0, sizeof *w);
  w->hw = ner_hash_bytes(t.s, t.len, false);
  w->hl = ner_hash_bytes(t.s, t.len, true);
  shapes(w, t);
  if (t.len < 3)
    return; /* affixes of short words say nothing their identity does not */
  uint64_t h = 0xcbf29ce484222325ull, g = h;
  for (size_t k = 0; k < 4 && k + 1 < t.len; k++) {
    unsigned char a = (unsigned char)t.s[k];
    unsigned char b = (unsigned char)t.s[t.len - 1 - k];
    h = (h ^ (a >= 'A' && a <= 'Z' ? a + 32u : a)) * 0x100000001b3ull;
    g = (g ^ (b >= 'A' && b <= 'Z' ? b + 32u : b)) * 0x100000001b3ull;
    w->pre[k] = h;
    w->suf[k] = g;
    w->npre = w->nsuf = (uint8_t)(k + 1);
  }
}
