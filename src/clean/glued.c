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

/* Reads the next content word of [s, s + len) from `*i` on: a word of
 * four letters or more, not in the stop list, known by its first PREFIX
 * bytes, whose key goes to `*key`. False when there is none left. */
static bool next_key(const char *s, size_t len, size_t *i, uint64_t *key) {
  char w[WORD_MAX];
  size_t n = 0;
  for (; *i <= len; (*i)++) {
    unsigned char c = *i < len ? (unsigned char)s[*i] : ' ';
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
      *key = k;
      (*i)++;
      return true;
    }
    n = 0;
  }
  return false;
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

/* The two sides of a candidate cut, kept as the cut moves down the text.
 * Words are known by their id, the rank of their key among the text's
 * distinct keys; each line is read once to count its words after the cut
 * and once when the cut passes it. So finding every cut of a text is
 * linear in its words whatever the number of candidates, and the memory is
 * per distinct word, whatever the number of lines. */
typedef struct sides {
  sl_vec vocab;    /* uint64_t: the text's distinct keys, sorted */
  uint32_t *after; /* per id: occurrences in the lines after the cut */
  uint8_t *before; /* per id: whether the part before the cut holds it */
  sl_vec held;     /* uint32_t: the ids set in `before`, to clear them */
  size_t na, nb;   /* distinct ids before and after the cut */
  size_t both;     /* ids on both sides */
  size_t pos;      /* where the cut is: the first byte after it */
} sides;

/* Merges the sorted distinct keys `k[0..n)` into s->vocab. */
static sl_status merge_vocab(sides *s, const uint64_t *k, size_t n) {
  const uint64_t *v = s->vocab.data;
  size_t nv = s->vocab.len, i = 0, j = 0, m = 0;
  sl_vec out = SL_VEC_INIT(uint64_t);
  sl_status st = sl_vec_reserve(&out, nv + n);
  if (st != SL_OK)
    return st;
  uint64_t *o = out.data;
  while (i < nv || j < n) {
    if (j == n || (i < nv && v[i] < k[j]))
      o[m++] = v[i++];
    else if (i == nv || k[j] < v[i])
      o[m++] = k[j++];
    else
      o[m++] = v[i++], j++;
  }
  out.len = m;
  sl_vec_release(&s->vocab);
  s->vocab = out;
  return SL_OK;
}

/* The sorted distinct keys of the text, gathered a block at a time (a
 * block as large as the keys so far: the merges cost n log n in all). */
static sl_status gather_vocab(sides *s, const char *text, size_t len) {
  enum { BLOCK = 1 << 16 };
  sl_vec block = SL_VEC_INIT(uint64_t);
  sl_status st = SL_OK;
  uint64_t k;
  for (size_t i = 0; st == SL_OK;) {
    bool more = next_key(text, len, &i, &k);
    if (more)
      st = sl_vec_push(&block, &k);
    if (st != SL_OK ||
        (more && (block.len < BLOCK || block.len < s->vocab.len)))
      continue;
    st = merge_vocab(s, block.data, distinct(block.data, block.len));
    sl_vec_clear(&block);
    if (!more)
      break;
  }
  sl_vec_release(&block);
  return st;
}

/* The id of a key of the text: its index in the vocabulary. */
static uint32_t id_of(const sides *s, uint64_t key) {
  const uint64_t *v = s->vocab.data;
  size_t lo = 0, hi = s->vocab.len;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return (uint32_t)lo;
}

/* Starts with the cut before the text: every word after it. */
static sl_status sides_init(sides *s, const char *text, size_t len) {
  sl_status st = gather_vocab(s, text, len);
  size_t n = s->vocab.len ? s->vocab.len : 1;
  if (st == SL_OK) {
    s->after = calloc(n, sizeof *s->after);
    s->before = calloc(n, 1);
  }
  if (st != SL_OK || !s->after || !s->before)
    return SL_ENOMEM;
  uint64_t k;
  for (size_t i = 0; next_key(text, len, &i, &k);)
    s->nb += s->after[id_of(s, k)]++ == 0;
  return SL_OK;
}

static void sides_release(sides *s) {
  sl_vec_release(&s->vocab);
  free(s->after);
  free(s->before);
  sl_vec_release(&s->held);
}

/* Moves the cut down to `to` (a line start), across the words between. */
static sl_status sides_move(sides *s, const char *text, size_t to) {
  sl_status st = SL_OK;
  uint64_t k;
  for (size_t i = s->pos; st == SL_OK && next_key(text, to, &i, &k);) {
    uint32_t id = id_of(s, k);
    if (--s->after[id] == 0) {
      s->nb--;
      s->both -= s->before[id];
    }
    if (s->before[id])
      continue;
    s->before[id] = 1;
    s->na++;
    s->both += s->after[id] > 0;
    st = sl_vec_push(&s->held, &id);
  }
  s->pos = to;
  return st;
}

/* A cut was made where the cut is: the part before it starts empty. */
static void sides_cut(sides *s) {
  for (size_t k = 0; k < s->held.len; k++)
    s->before[SL_VEC_AT(&s->held, uint32_t, k)] = 0;
  sl_vec_clear(&s->held);
  s->na = s->both = 0;
}

/* A new article's headline names things the text before it never does; a
 * section heading of the same article names what the article is about.
 * Whether more than a fifth of the distinct content words of the headline
 * [at, end) (the first line after the cut) occur in the part before it. */
static bool headline_old(const sides *s, const char *text, size_t at,
                         size_t end) {
  uint32_t ids[HEAD_MAX_BYTES / 4 + 1]; /* a key takes 5 bytes at least */
  size_t n = 0, old = 0;
  uint64_t k;
  for (size_t i = at;
       n < sizeof ids / sizeof ids[0] && next_key(text, end, &i, &k);) {
    uint32_t id = id_of(s, k);
    size_t j = 0;
    while (j < n && ids[j] != id)
      j++;
    if (j < n)
      continue; /* a repeat */
    ids[n++] = id;
    old += s->before[id];
  }
  return (double)old > MAX_HEADLINE_OLD * (double)n;
}

/* Whether the parts before and after the cut, the headline [at, end) first
 * after it, tell different things. */
static bool unrelated(const sides *s, const char *text, size_t at, size_t end) {
  if (s->na < PART_MIN_WORDS || s->nb < PART_MIN_WORDS)
    return false;
  size_t least = s->na < s->nb ? s->na : s->nb;
  return (double)s->both < MAX_OVERLAP * (double)least &&
         !headline_old(s, text, at, end);
}

/* The end of the line that starts at `at`: its line break, or the end. */
static size_t line_end(const char *text, size_t len, size_t at) {
  const char *nl = memchr(text + at, '\n', len - at);
  return nl ? (size_t)(nl - text) : len;
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

/* The next non-blank line after the one that ends at `end`; its start is
 * `len` when there is none. */
static span next_line(const char *text, size_t len, size_t end) {
  size_t at = end + 1;
  while (at < len && text[at] == '\n')
    at++;
  return at < len ? (span){at, line_end(text, len, at)} : (span){len, len};
}

/* The last non-blank line before the line that starts at `at` (> 0);
 * empty when there is none. */
static span prev_line(const char *text, size_t at) {
  size_t end = at - 1; /* the line break that ends the line before */
  while (end > 0 && text[end - 1] == '\n')
    end--;
  size_t start = end;
  while (start > 0 && text[start - 1] != '\n')
    start--;
  return (span){start, end};
}

/* Whether the line l can open a new article: a finished paragraph before
 * it, a prose lede after it (past a date line or byline or two). */
static bool can_open(const char *text, size_t len, span l) {
  if (!is_headline(text + l.start, l.end - l.start))
    return false;
  span prev = prev_line(text, l.start);
  if (prev.end == 0 || !ends_sentence(text + prev.start, prev.end - prev.start))
    return false;
  span q = next_line(text, len, l.end);
  for (int meta = 0; q.start < len && meta < MAX_META; meta++) {
    if (!is_meta(text + q.start, q.end - q.start))
      break;
    q = next_line(text, len, q.end);
  }
  return q.start < len && q.end - q.start >= LEDE_MIN_BYTES &&
         ends_sentence(text + q.start, q.end - q.start);
}

sl_status sl_split_glued(const char *text, size_t len, sl_vec *starts) {
  sl_vec_clear(starts);
  size_t zero = 0, from = 0; /* where the current part starts */
  sides s = {
      SL_VEC_INIT(uint64_t), NULL, NULL, SL_VEC_INIT(uint32_t), 0, 0, 0, 0};
  bool ready = false; /* s is set up when the first candidate shows */
  sl_status st = sl_vec_push(starts, &zero);
  for (size_t at = line_end(text, len, 0) + 1; st == SL_OK && at < len;) {
    span l = {at, line_end(text, len, at)};
    at = l.end + 1;
    if (l.start - from < PART_MIN_BYTES || len - l.start < PART_MIN_BYTES ||
        !can_open(text, len, l))
      continue;
    if (!ready && (st = sides_init(&s, text, len)) == SL_OK)
      ready = true;
    if (st == SL_OK)
      st = sides_move(&s, text, l.start);
    if (st == SL_OK && unrelated(&s, text, l.start, l.end)) {
      st = sl_vec_push(starts, &l.start);
      sides_cut(&s);
      from = l.start;
    }
  }
  sides_release(&s);
  return st;
}
