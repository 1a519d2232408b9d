/* storyline clean: glued articles (see clean.h). A cut goes before a line
 * that reads as a headline (short, capitalised, no closing punctuation,
 * after a finished paragraph and before a prose paragraph) when the words
 * after it have little in common with the words before it: a subheading of
 * the same article shares its subject, a second article does not. */
#include <stdlib.h>
#include <string.h>

#include "clean/clean.h"

enum {
  HEAD_MIN_WORDS = 3,
  HEAD_MAX_WORDS = 16,
  HEAD_MAX_BYTES = 140,
  LEDE_MIN_BYTES = 30,
  META_MAX_BYTES = 80,
  MAX_META = 2,
  PART_MIN_BYTES = 150,
  PART_MIN_WORDS = 8, /* distinct content words on each side */
  PREFIX = 6,         /* bytes of a word that make its key (crude stem) */
  WORD_MAX = 16       /* longest stop word checked */
};

/* Shared content words over the smaller side's: below this, unrelated. */
#define MAX_OVERLAP 0.12
/* Share of the new headline's content words the text before may hold. */
#define MAX_HEADLINE_OLD 0.2

typedef struct span {
  size_t start, end;
} span;

static bool ends_sentence(const char *s, size_t len) {
  while (len && (s[len - 1] == ' ' || s[len - 1] == '"' || s[len - 1] == '\'' ||
                 s[len - 1] == ')'))
    len--;
  if (len >= 3 && (unsigned char)s[len - 3] == 0xe2 &&
      (unsigned char)s[len - 2] == 0x80 &&
      ((unsigned char)s[len - 1] == 0x9d || (unsigned char)s[len - 1] == 0x99))
    len -= 3; /* a closing curly quote */
  return len && strchr(".!?", s[len - 1]) != NULL;
}

static size_t words_in(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
      n++;
  return n;
}

static bool is_headline(const char *s, size_t len) {
  if (len == 0 || len > HEAD_MAX_BYTES)
    return false;
  unsigned char c = (unsigned char)s[len > 1 && (s[0] == '\'' || s[0] == '"')];
  if (!((c >= 'A' && c <= 'Z') || c >= 0xc0))
    return false;
  unsigned char last = (unsigned char)s[len - 1];
  if (strchr(".!?:;,\"')", last) || (last >= 0x80 && ends_sentence(s, len)))
    return false;
  size_t w = words_in(s, len);
  return w >= HEAD_MIN_WORDS && w <= HEAD_MAX_WORDS;
}

/* Frequent words of four letters or more that say nothing of a subject,
 * by length (index = length - 4), each list ending in NULL. */
static const char *const stop4[] = {
    "that", "with", "from", "have", "this", "will", "said", "were", "been",
    "they", "when", "also", "more", "than", "into", "over", "some", "what",
    "only", "year", "them", "very", "just", "like", "most", "many", "such",
    "last", "then", "here", "says", "told", "week", NULL};
static const char *const stop5[] = {"their", "which", "would", "about", "after",
                                    "there", "other", "years", "could", "while",
                                    "where", "being", "these", "those", "first",
                                    "month", "until", "since", "under", NULL};
static const char *const stop6[] = {"should", "before", "people", "during",
                                    NULL};
static const char *const stop7[] = {"against", "between", "because", NULL};
static const char *const stop9[] = {"according", NULL};
static const char *const *const stop[] = {stop4, stop5, stop6,
                                          stop7, NULL,  stop9};

static bool is_stop(const char *w, size_t len) {
  if (len < 4 || len > 9 || !stop[len - 4])
    return false;
  for (const char *const *s = stop[len - 4]; *s; s++)
    if (memcmp(*s, w, len) == 0)
      return true;
  return false;
}

/* Appends the keys of the content words of [s, s+len) to `keys`: words of
 * four letters or more, not in the stop list, known by their first PREFIX
 * bytes. */
static sl_status word_keys(const char *s, size_t len, sl_vec *keys) {
  char w[WORD_MAX];
  size_t n = 0;
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i <= len; i++) {
    unsigned char c = i < len ? (unsigned char)s[i] : ' ';
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    if (letter) {
      if (n < WORD_MAX)
        w[n] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
      n++;
      continue;
    }
    if (n >= 4 && !(n < WORD_MAX && is_stop(w, n))) {
      uint64_t k = 0xcbf29ce484222325ull;
      for (size_t j = 0; j < n && j < PREFIX; j++)
        k = (k ^ (unsigned char)w[j]) * 0x100000001b3ull;
      st = sl_vec_push(keys, &k);
    }
    n = 0;
  }
  return st;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Sorts and removes repeats; returns the distinct count. */
static size_t distinct(uint64_t *k, size_t n) {
  qsort(k, n, sizeof *k, cmp_u64);
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (m == 0 || k[m - 1] != k[i])
      k[m++] = k[i];
  return m;
}

static size_t shared(const uint64_t *a, size_t na, const uint64_t *b,
                     size_t nb) {
  size_t i = 0, j = 0, n = 0;
  while (i < na && j < nb) {
    if (a[i] == b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) {
      i++;
    } else {
      j++;
    }
  }
  return n;
}

/* A new article's headline names things the text before it never does; a
 * section heading of the same article names what the article is about.
 * Clears *out when more than a fifth of the content words of the headline
 * at `at` (a line ending before `end`) occur among the sorted keys `ka` of
 * the text before. */
static sl_status headline_new(const char *text, size_t at, size_t end,
                              const uint64_t *ka, size_t na, sl_vec *scratch,
                              bool *out) {
  const char *nl = memchr(text + at, '\n', end - at);
  size_t len = nl ? (size_t)(nl - text) - at : end - at;
  sl_vec_clear(scratch);
  sl_status st = word_keys(text + at, len, scratch);
  size_t n = st == SL_OK ? distinct(scratch->data, scratch->len) : 0, old = 0;
  const uint64_t *k = scratch->data;
  for (size_t i = 0; i < n; i++)
    old += bsearch(&k[i], ka, na, sizeof *ka, cmp_u64) != NULL;
  if ((double)old > MAX_HEADLINE_OLD * (double)n)
    *out = false;
  return st;
}

/* The content-word keys of every line, computed once per text when the
 * first headline candidate shows up: line i's keys are keys[at[i] ..
 * at[i + 1]). */
typedef struct line_keys {
  sl_vec keys; /* uint64_t */
  sl_vec at;   /* size_t, one per line plus the end */
} line_keys;

static sl_status index_lines(const char *text, const span *l, size_t n,
                             line_keys *lk) {
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i <= n; i++) {
    size_t at = lk->keys.len;
    st = sl_vec_push(&lk->at, &at);
    if (st == SL_OK && i < n)
      st = word_keys(text + l[i].start, l[i].end - l[i].start, &lk->keys);
  }
  return st;
}

/* Copies the keys of lines [from, to) into `out`. */
static sl_status keys_of(const line_keys *lk, size_t from, size_t to,
                         sl_vec *out) {
  const size_t *at = lk->at.data;
  sl_vec_clear(out);
  sl_status st = sl_vec_reserve(out, at[to] - at[from]);
  if (st == SL_OK) {
    memcpy(out->data, (const uint64_t *)lk->keys.data + at[from],
           (at[to] - at[from]) * sizeof(uint64_t));
    out->len = at[to] - at[from];
  }
  return st;
}

/* Whether lines [a0, a1) and [a1, n) tell different things. */
static sl_status unrelated(const char *text, size_t len, const span *l,
                           size_t n, size_t a0, size_t a1, const line_keys *lk,
                           sl_vec *ka, sl_vec *kb, bool *out) {
  *out = false;
  sl_status st = keys_of(lk, a0, a1, ka);
  if (st == SL_OK)
    st = keys_of(lk, a1, n, kb);
  if (st != SL_OK)
    return st;
  size_t na = distinct(ka->data, ka->len), nb = distinct(kb->data, kb->len);
  if (na < PART_MIN_WORDS || nb < PART_MIN_WORDS)
    return SL_OK;
  size_t both = shared(ka->data, na, kb->data, nb);
  *out = (double)both < MAX_OVERLAP * (double)(na < nb ? na : nb);
  return *out ? headline_new(text, l[a1].start, len, ka->data, na, kb, out)
              : SL_OK;
}

/* The lines of the text, blank ones included. */
static sl_status lines_of(const char *text, size_t len, sl_vec *lines) {
  sl_status st = SL_OK;
  for (size_t at = 0; st == SL_OK && at < len;) {
    const char *nl = memchr(text + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - text) : len;
    span l = {at, end};
    st = sl_vec_push(lines, &l);
    at = end + 1;
  }
  return st;
}

/* A short line between a headline and its lede: a date or time line
 * ("Published March 8, 2013", "Jan 5, 2011 – 4:35 PM") or a byline. */
static bool is_meta(const char *s, size_t len) {
  if (len == 0 || len > META_MAX_BYTES || ends_sentence(s, len))
    return false;
  if (len > 3 && memcmp(s, "By ", 3) == 0)
    return true;
  for (size_t i = 0; i < len; i++)
    if (s[i] >= '0' && s[i] <= '9')
      return true;
  return false;
}

/* The next non-blank line after line i, n when none. */
static size_t next_line(const span *l, size_t n, size_t i) {
  for (i++; i < n && l[i].end == l[i].start;)
    i++;
  return i;
}

/* Whether line i can open a new article: a finished paragraph before it, a
 * prose lede after it (past a date line or byline or two). */
static bool can_open(const char *text, const span *l, size_t n, size_t i) {
  if (!is_headline(text + l[i].start, l[i].end - l[i].start))
    return false;
  size_t p = i;
  while (p > 0 && l[p - 1].end == l[p - 1].start)
    p--;
  if (p == 0)
    return false;
  const span *prev = &l[p - 1];
  if (!ends_sentence(text + prev->start, prev->end - prev->start))
    return false;
  size_t q = next_line(l, n, i);
  for (int meta = 0; q < n && meta < MAX_META; meta++) {
    if (!is_meta(text + l[q].start, l[q].end - l[q].start))
      break;
    q = next_line(l, n, q);
  }
  return q < n && l[q].end - l[q].start >= LEDE_MIN_BYTES &&
         ends_sentence(text + l[q].start, l[q].end - l[q].start);
}

sl_status sl_split_glued(const char *text, size_t len, sl_vec *starts) {
  sl_vec_clear(starts);
  size_t zero = 0;
  sl_vec lines, ka, kb;
  line_keys lk;
  sl_vec_init(&lines, sizeof(span));
  sl_vec_init(&ka, sizeof(uint64_t));
  sl_vec_init(&kb, sizeof(uint64_t));
  sl_vec_init(&lk.keys, sizeof(uint64_t));
  sl_vec_init(&lk.at, sizeof(size_t));
  sl_status st = sl_vec_push(starts, &zero);
  if (st == SL_OK)
    st = lines_of(text, len, &lines);
  const span *l = lines.data;
  size_t from = 0, n = lines.len;
  for (size_t i = 1; st == SL_OK && i < n; i++) {
    size_t at = l[i].start;
    if (at - l[from].start < PART_MIN_BYTES || len - at < PART_MIN_BYTES ||
        !can_open(text, l, n, i))
      continue;
    if (lk.at.len == 0)
      st = index_lines(text, l, n, &lk);
    bool cut = false;
    if (st == SL_OK)
      st = unrelated(text, len, l, n, from, i, &lk, &ka, &kb, &cut);
    if (st == SL_OK && cut) {
      st = sl_vec_push(starts, &at);
      from = i;
    }
  }
  sl_vec_release(&lines);
  sl_vec_release(&ka);
  sl_vec_release(&kb);
  sl_vec_release(&lk.keys);
  sl_vec_release(&lk.at);
  return st;
}
