/* storyline story: the analysed story every part of the dossier reads: each
 * article's tokens and sentences, the sentences' stemmed content words and
 * their weights, tokenised once. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "story/dossier_int.h"
#include "text/norm.h"
#include "text/sentence.h"
#include "text/token.h"

uint32_t sl__dos_hash(const char *s, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* Sorted, so that a binary search finds a word. */
static const char *const stops[] = {
    "a",     "about",  "after",  "again",   "against", "all",   "also",
    "am",    "an",     "and",    "any",     "are",     "as",    "at",
    "be",    "been",   "before", "being",   "between", "both",  "but",
    "by",    "can",    "could",  "did",     "do",      "does",  "doing",
    "down",  "during", "each",   "few",     "for",     "from",  "further",
    "had",   "has",    "have",   "having",  "he",      "her",   "here",
    "hers",  "him",    "his",    "how",     "i",       "if",    "in",
    "into",  "is",     "it",     "its",     "just",    "me",    "more",
    "most",  "my",     "no",     "nor",     "not",     "now",   "of",
    "off",   "on",     "once",   "one",     "only",    "or",    "other",
    "our",   "out",    "over",   "own",     "said",    "same",  "say",
    "says",  "she",    "should", "so",      "some",    "such",  "than",
    "that",  "the",    "their",  "them",    "then",    "there", "these",
    "they",  "this",   "those",  "through", "to",      "too",   "under",
    "until", "up",     "very",   "was",     "we",      "were",  "what",
    "when",  "where",  "which",  "while",   "who",     "whom",  "why",
    "will",  "with",   "would",  "you",     "your"};

static int cmp_word(const void *key, const void *elem) {
  return strcmp(key, *(const char *const *)elem);
}

bool sl__dos_stopword(const char *w, size_t len) {
  char buf[16];
  if (len >= sizeof buf)
    return false;
  memcpy(buf, w, len);
  buf[len] = '\0';
  return bsearch(buf, stops, sizeof stops / sizeof *stops, sizeof *stops,
                 cmp_word) != NULL;
}

bool sl__dos_is(const sl_dos *d, size_t art, size_t t, const char *w) {
  const sl_vec *tv = &d->toks[art];
  if (t >= tv->len)
    return false;
  const sl_token *k = &SL_VEC_AT(tv, sl_token, t);
  if (k->kind != SL_TOK_WORD && k->kind != SL_TOK_ABBREV)
    return false; /* the lists hold words only */
  const char *s = d->arts[art].text + k->start;
  /* the first letter first: most words of a list differ there */
  if ((s[0] >= 'A' && s[0] <= 'Z' ? s[0] + 32 : s[0]) != w[0])
    return false;
  size_t i = 1;
  for (; i < k->len && w[i]; i++)
    if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]) != w[i])
      return false;
  return i == k->len && !w[i];
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

/* The matching key of a token into `word`, "'s" dropped. */
static sl_status lower(const char *w, size_t len, sl_buf *word) {
  sl_buf_clear(word);
  sl_status st = sl_norm_key(w, len, word);
  if (st == SL_OK && word->len > 2 && word->ptr[word->len - 2] == '\'' &&
      word->ptr[word->len - 1] == 's')
    sl_buf_truncate(word, word->len - 2);
  return st;
}

/* Pushes the sorted unique content-word hashes of one sentence. */
static sl_status sentence_terms(sl_dos *d, size_t art, sl_dos_sent *s,
                                sl_stemmers *stem, sl_buf *word) {
  const sl_dos_article *a = &d->arts[art];
  const char *lang = a->lang ? a->lang : "en";
  s->term = (uint32_t)d->terms.len;
  sl_status st = SL_OK;
  for (uint32_t t = s->tok; st == SL_OK && t < s->tok + s->ntok; t++) {
    const sl_token *k = &SL_VEC_AT(&d->toks[art], sl_token, t);
    if (k->kind == SL_TOK_WORD)
      s->words++;
    if (k->kind != SL_TOK_WORD && k->kind != SL_TOK_NUMBER)
      continue;
    st = lower(a->text + k->start, k->len, word);
    if (st != SL_OK || word->len < 2 || sl__dos_stopword(word->ptr, word->len))
      continue;
    sl_str out = sl_str_of(word->ptr, word->len);
    if (k->kind == SL_TOK_WORD)
      st = sl_stem(stem, lang, word->ptr, word->len, &out);
    uint32_t h = sl__dos_hash(out.ptr, out.len);
    if (st == SL_OK)
      st = sl_vec_push(&d->terms, &h);
  }
  if (st != SL_OK)
    return st;
  uint32_t *h = (uint32_t *)d->terms.data + s->term;
  size_t n = d->terms.len - s->term, u = 0;
  for (size_t i = 1; i < n; i++) { /* insertion sort: a sentence is short */
    uint32_t x = h[i];
    size_t j = i;
    for (; j > 0 && h[j - 1] > x; j--)
      h[j] = h[j - 1];
    h[j] = x;
  }
  for (size_t i = 0; i < n; i++)
    if (!u || h[u - 1] != h[i])
      h[u++] = h[i];
  d->terms.len = s->term + u;
  s->nterm = (uint32_t)u;
  return SL_OK;
}

static bool is_dash(const char *text, const sl_token *k) {
  const char *p = text + k->start;
  return (k->len == 1 && *p == '-' && (k->flags & SL_TOKF_SPACE)) ||
         (k->len == 3 && memcmp(p, "\xe2\x80", 2) == 0 &&
          ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94));
}

/* A dateline ("KELM, March 2 (TWS) -", "PARIS (Reuters) -") opens with a
 * word in capitals and ends at a dash: the sentence is shown after it. */
static uint32_t lead_of(const sl_dos *d, size_t art, const sl_dos_sent *s) {
  const sl_token *k = (const sl_token *)d->toks[art].data + s->tok;
  if (!s->ntok || !(k[0].flags & SL_TOKF_UPPER) || k[0].len < 2)
    return s->start;
  for (uint32_t i = 1; i < s->ntok && i < 16; i++)
    if (is_dash(d->arts[art].text, &k[i]) && i + 1 < s->ntok)
      return k[i + 1].start;
  return s->start;
}

static sl_status analyse(sl_dos *d, size_t art, sl_stemmers *stem, sl_buf *word,
                         sl_vec *spans) {
  const sl_dos_article *a = &d->arts[art];
  sl_vec_clear(spans);
  sl_status st = sl_tokenize(a->text, a->len, &d->toks[art]);
  if (st == SL_OK)
    st = sl_sentences(a->text, a->len, d->toks[art].data, d->toks[art].len,
                      spans);
  for (size_t i = 0; st == SL_OK && i < spans->len; i++) {
    const sl_sentence *x = &SL_VEC_AT(spans, sl_sentence, i);
    sl_dos_sent s = {(uint32_t)art,
                     x->start,
                     x->end,
                     x->tok_begin,
                     x->tok_end - x->tok_begin,
                     0,
                     0,
                     0,
                     0,
                     0};
    st = sentence_terms(d, art, &s, stem, word);
    s.lead = lead_of(d, art, &s);
    if (st == SL_OK)
      st = sl_vec_push(&d->sents, &s);
  }
  return st;
}

/* Inverse document frequencies over articles (a term counts once per
 * article) and each sentence's norm. */
static sl_status weigh(sl_dos *d) {
  sl_vec all;
  sl_vec_init(&all, sizeof(uint32_t));
  sl_status st = sl_vec_reserve(&all, d->terms.len);
  size_t start = 0;
  for (size_t i = 0; st == SL_OK && i <= d->sents.len; i++) {
    const sl_dos_sent *s =
        &SL_VEC_AT(&d->sents, sl_dos_sent, i < d->sents.len ? i : 0);
    if (i == d->sents.len ||
        (i && s->art != SL_VEC_AT(&d->sents, sl_dos_sent, i - 1).art)) {
      uint32_t *h = (uint32_t *)all.data + start;
      size_t n = all.len - start, u = 0;
      qsort(h, n, sizeof *h, cmp_u32);
      for (size_t k = 0; k < n; k++)
        if (!u || h[u - 1] != h[k])
          h[u++] = h[k];
      all.len = start + u;
      start = all.len;
    }
    for (uint32_t k = 0; i < d->sents.len && k < s->nterm; k++)
      SL_VEC_AT(&all, uint32_t, all.len++) =
          SL_VEC_AT(&d->terms, uint32_t, s->term + k);
  }
  qsort(all.data, all.len, sizeof(uint32_t), cmp_u32);
  for (size_t i = 0; st == SL_OK && i < all.len;) {
    size_t j = i;
    while (j < all.len &&
           SL_VEC_AT(&all, uint32_t, j) == SL_VEC_AT(&all, uint32_t, i))
      j++;
    sl__dos_idf x = {SL_VEC_AT(&all, uint32_t, i),
                     (float)log(1.0 + (double)d->n / (double)(j - i)),
                     (float)(j - i)};
    st = sl_vec_push(&d->idf, &x);
    i = j;
  }
  sl_vec_release(&all);
  for (size_t i = 0; st == SL_OK && i < d->sents.len; i++) {
    sl_dos_sent *s = &SL_VEC_AT(&d->sents, sl_dos_sent, i);
    double sum = 0;
    for (uint32_t k = 0; k < s->nterm; k++) {
      double w = sl__dos_idf_of(d, SL_VEC_AT(&d->terms, uint32_t, s->term + k));
      sum += w * w;
    }
    s->norm = (float)sqrt(sum);
  }
  return st;
}

static const sl__dos_idf *find_term(const sl_dos *d, uint32_t hash) {
  size_t lo = 0, hi = d->idf.len;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const sl__dos_idf *x = &SL_VEC_AT(&d->idf, sl__dos_idf, mid);
    if (x->hash == hash)
      return x;
    if (x->hash < hash)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

float sl__dos_idf_of(const sl_dos *d, uint32_t hash) {
  const sl__dos_idf *x = find_term(d, hash);
  return x ? x->idf : 0;
}

float sl__dos_df_of(const sl_dos *d, uint32_t hash) {
  const sl__dos_idf *x = find_term(d, hash);
  return x ? x->df : 0;
}

/* Each article's duplicate-group root: the canonical article when it is in
 * the story, else the article itself. */
static void find_groups(sl_dos *d) {
  for (size_t i = 0; i < d->n; i++) {
    d->group[i] = i;
    for (size_t j = 0; d->arts[i].copy_of && j < d->n; j++)
      if (d->arts[j].id == d->arts[i].copy_of) {
        d->group[i] = j;
        break;
      }
  }
}

sl_status sl_dos_init(sl_dos *d, const sl_dos_article *arts, size_t n,
                      sl_stemmers *stem) {
  memset(d, 0, sizeof *d);
  d->arts = arts;
  d->n = n;
  sl_vec_init(&d->sents, sizeof(sl_dos_sent));
  sl_vec_init(&d->terms, sizeof(uint32_t));
  sl_vec_init(&d->idf, sizeof(sl__dos_idf));
  d->toks = calloc(n ? n : 1, sizeof *d->toks);
  d->group = calloc(n ? n : 1, sizeof *d->group);
  if (!d->toks || !d->group) {
    sl_dos_release(d);
    return SL_ENOMEM;
  }
  for (size_t i = 0; i < n; i++)
    sl_vec_init(&d->toks[i], sizeof(sl_token));
  find_groups(d);
  sl_buf word;
  sl_buf_init(&word, SL_BUF_NOMAX);
  sl_vec spans;
  sl_vec_init(&spans, sizeof(sl_sentence));
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < n; i++)
    st = analyse(d, i, stem, &word, &spans);
  if (st == SL_OK)
    st = weigh(d);
  sl_buf_release(&word);
  sl_vec_release(&spans);
  if (st != SL_OK)
    sl_dos_release(d);
  return st;
}

void sl_dos_release(sl_dos *d) {
  for (size_t i = 0; d->toks && i < d->n; i++)
    sl_vec_release(&d->toks[i]);
  free(d->toks);
  free(d->group);
  sl_vec_release(&d->sents);
  sl_vec_release(&d->terms);
  sl_vec_release(&d->idf);
  memset(d, 0, sizeof *d);
}

double sl_dos_cosine(const sl_dos *d, size_t a, size_t b) {
  const sl_dos_sent *x = &SL_VEC_AT(&d->sents, sl_dos_sent, a);
  const sl_dos_sent *y = &SL_VEC_AT(&d->sents, sl_dos_sent, b);
  if (x->norm <= 0 || y->norm <= 0)
    return 0;
  const uint32_t *p = (const uint32_t *)d->terms.data + x->term;
  const uint32_t *q = (const uint32_t *)d->terms.data + y->term;
  size_t i = 0, j = 0;
  double dot = 0;
  while (i < x->nterm && j < y->nterm) {
    if (p[i] == q[j]) {
      double w = sl__dos_idf_of(d, p[i]);
      dot += w * w;
      i++, j++;
    } else if (p[i] < q[j]) {
      i++;
    } else {
      j++;
    }
  }
  return dot / ((double)x->norm * (double)y->norm);
}
