/* storyline story: sentences as term vectors (stems of the content words,
 * TF-IDF weighted, unit length) and their cosine. */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/hashmap.h"
#include "story/timeline_int.h"
#include "text/stem.h"
#include "text/token.h"

/* English function words and reporting verbs: they say nothing of what
 * happened, and ROUGE-style overlap ignores them too. Sorted. */
static const char *const stopwords[] = {
    "a",      "about",   "after",   "again",     "against",    "all",
    "also",   "am",      "an",      "and",       "any",        "are",
    "as",     "at",      "be",      "because",   "been",       "before",
    "being",  "between", "both",    "but",       "by",         "can",
    "could",  "did",     "do",      "does",      "doing",      "down",
    "during", "each",    "few",     "for",       "from",       "further",
    "had",    "has",     "have",    "having",    "he",         "her",
    "here",   "hers",    "herself", "him",       "himself",    "his",
    "how",    "i",       "if",      "in",        "into",       "is",
    "it",     "its",     "itself",  "just",      "may",        "me",
    "might",  "more",    "most",    "much",      "must",       "my",
    "myself", "no",      "nor",     "not",       "now",        "of",
    "off",    "on",      "once",    "one",       "only",       "or",
    "other",  "our",     "ours",    "ourselves", "out",        "over",
    "own",    "said",    "same",    "say",       "says",       "she",
    "should", "so",      "some",    "such",      "than",       "that",
    "the",    "their",   "theirs",  "them",      "themselves", "then",
    "there",  "these",   "they",    "this",      "those",      "through",
    "to",     "told",    "too",     "under",     "until",      "up",
    "us",     "very",    "was",     "we",        "were",       "what",
    "when",   "where",   "which",   "while",     "who",        "whom",
    "why",    "will",    "with",    "would",     "you",        "your",
    "yours"};

static int cmp_word(const void *a, const void *b) {
  return strcmp(a, *(const char *const *)b);
}

static bool is_stopword(const char *w) {
  return bsearch(w, stopwords, sizeof stopwords / sizeof stopwords[0],
                 sizeof stopwords[0], cmp_word) != NULL;
}

static int cmp_term(const void *a, const void *b) {
  uint32_t x = ((const tl_term *)a)->id, y = ((const tl_term *)b)->id;
  return (x > y) - (x < y);
}

/* Sorts the terms and sums the counts of repeated ids. */
static uint32_t fold_terms(tl_term *t, uint32_t n) {
  sl__tl_sort(t, n, sizeof *t, cmp_term);
  uint32_t k = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (k && t[k - 1].id == t[i].id)
      t[k - 1].w += t[i].w;
    else
      t[k++] = t[i];
  }
  return k;
}

typedef struct vocab {
  sl_stemmers *stem;
  sl_map *ids; /* stem -> id + 1 */
  sl_vec *df;
  sl_vec toks;   /* sl_token, reused */
  sl_vec terms;  /* tl_term, reused */
  bool personal; /* the sentence being read says I, we or you */
} vocab;

/* The id of `stem`, a new one when it is new. */
static sl_status term_id(vocab *vc, sl_str stem, uint32_t *id) {
  bool inserted;
  void **slot = sl_map_slot(vc->ids, stem.ptr, stem.len, &inserted);
  if (!slot)
    return SL_ENOMEM;
  if (inserted) {
    uint32_t zero = 0;
    if (sl_vec_push(vc->df, &zero) != SL_OK)
      return SL_ENOMEM;
    /* the id + 1, so that no id is NULL */
    *slot = (void *)(uintptr_t)vc->df->len; // NOLINT(performance-no-int-to-ptr)
  }
  *id = (uint32_t)(uintptr_t)*slot - 1;
  return SL_OK;
}

/* First and second person: "I", "we", "you" and theirs. Sorted. */
static const char *const persons[] = {
    "i", "me", "mine", "my", "our", "ours", "us", "we", "you", "your", "yours"};

static bool is_person(const char *w) {
  return bsearch(w, persons, sizeof persons / sizeof persons[0],
                 sizeof persons[0], cmp_word) != NULL;
}

/* Adds the stem of one word token to vc->terms. */
static sl_status add_word(vocab *vc, const sl_story_sent *s,
                          const sl_token *tk) {
  char low[64];
  if (tk->len >= sizeof low)
    return SL_OK; /* a URL or a run-on: no term */
  for (uint32_t i = 0; i < tk->len; i++)
    low[i] = (char)tolower((unsigned char)s->text[tk->start + i]);
  low[tk->len] = '\0';
  if (is_person(low))
    vc->personal = true;
  if (is_stopword(low))
    return SL_OK;
  sl_str stem = {low, tk->len};
  if (tk->kind == SL_TOK_WORD &&
      sl_stem(vc->stem, s->lang ? s->lang : "en", low, tk->len, &stem) != SL_OK)
    return SL_ENOMEM;
  tl_term t = {0, 1.0f};
  sl_status st = term_id(vc, stem, &t.id);
  return st == SL_OK ? sl_vec_push(&vc->terms, &t) : st;
}

/* Whether the sentence ends on its date expression, a day with its year
 * ("... on the Gulf coast, Thursday, June 17, 2010."): photo captions do,
 * reports put the date by the verb. */
static bool ends_on_dated_year(const sl_story_sent *s) {
  if (!s->expr || s->expr_len > s->len || sl__tl_gran(s->value, NULL) != TL_DAY)
    return false;
  size_t end = s->len;
  while (end && strchr(" \t\n.)\"", s->text[end - 1]))
    end--;
  if (end < s->expr_len ||
      memcmp(s->text + end - s->expr_len, s->expr, s->expr_len) != 0)
    return false;
  int run = 0;
  for (size_t i = 0; i < s->expr_len && run < 4; i++)
    run = isdigit((unsigned char)s->expr[i]) ? run + 1 : 0;
  return run >= 4;
}

static sl_status one_sentence(vocab *vc, const sl_story_sent *s, tl_sent *out) {
  sl_vec_clear(&vc->toks);
  sl_vec_clear(&vc->terms);
  vc->personal = false;
  sl_status st = sl_tokenize(s->text, s->len, &vc->toks);
  unsigned words = 0;
  for (size_t i = 0; st == SL_OK && i < vc->toks.len; i++) {
    const sl_token *tk = &SL_VEC_AT(&vc->toks, sl_token, i);
    if (tk->kind != SL_TOK_WORD && tk->kind != SL_TOK_NUMBER &&
        tk->kind != SL_TOK_ABBREV)
      continue;
    words++;
    st = add_word(vc, s, tk);
  }
  if (st != SL_OK)
    return st;
  size_t end = s->len;
  while (end && isspace((unsigned char)s->text[end - 1]))
    end--;
  out->question = end && s->text[end - 1] == '?';
  out->personal = vc->personal;
  out->caption = ends_on_dated_year(s);
  out->quoted = memchr(s->text, '"', s->len) ||
                memmem(s->text, s->len, "\xe2\x80\x9c", 3) ||
                memmem(s->text, s->len, "\xe2\x80\x9d", 3);
  out->words = words > UINT16_MAX ? UINT16_MAX : (uint16_t)words;
  out->n_terms = fold_terms(vc->terms.data, (uint32_t)vc->terms.len);
  out->terms = malloc((out->n_terms ? out->n_terms : 1) * sizeof(tl_term));
  if (!out->terms)
    return SL_ENOMEM;
  memcpy(out->terms, vc->terms.data, out->n_terms * sizeof(tl_term));
  for (uint32_t i = 0; i < out->n_terms; i++)
    SL_VEC_AT(vc->df, uint32_t, out->terms[i].id)++;
  return SL_OK;
}

sl_status sl__tl_words(const sl_story_sent *s, const uint32_t *which, size_t n,
                       tl_sent *out, sl_vec *df, uint32_t *n_terms) {
  vocab vc = {sl_stemmers_new(),
              sl_map_new(0x74696d656c696e65u, NULL),
              df,
              SL_VEC_INIT(sl_token),
              SL_VEC_INIT(tl_term),
              false};
  sl_status st = vc.stem && vc.ids ? SL_OK : SL_ENOMEM;
  for (size_t i = 0; st == SL_OK && i < n; i++)
    st = one_sentence(&vc, &s[which[i]], &out[which[i]]);
  sl_vec_release(&vc.toks);
  sl_vec_release(&vc.terms);
  sl_map_free(vc.ids);
  *n_terms = (uint32_t)df->len;
  sl_stemmers_free(vc.stem);
  return st;
}

void sl__tl_weigh(tl_sent *v, const uint32_t *df, size_t n_docs) {
  double norm = 0;
  for (uint32_t i = 0; i < v->n_terms; i++) {
    double idf = log((1.0 + (double)n_docs) / (1.0 + df[v->terms[i].id])) + 1;
    v->terms[i].w = (float)(v->terms[i].w * idf);
    norm += (double)v->terms[i].w * v->terms[i].w;
  }
  norm = sqrt(norm);
  for (uint32_t i = 0; norm > 0 && i < v->n_terms; i++)
    v->terms[i].w = (float)(v->terms[i].w / norm);
}

float sl__tl_cos(const tl_sent *a, const tl_sent *b) {
  float dot = 0;
  uint32_t i = 0, j = 0;
  while (i < a->n_terms && j < b->n_terms) {
    if (a->terms[i].id < b->terms[j].id)
      i++;
    else if (a->terms[i].id > b->terms[j].id)
      j++;
    else
      dot += a->terms[i++].w * b->terms[j++].w;
  }
  return dot;
}
