/* storyline story: the summary: a few sentences across the sources, chosen
 * by centrality (cosine to the story's TF-IDF centroid), coverage (how many
 * groups of articles say it) and novelty (maximal marginal relevance). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "story/dossier_int.h"
#include "text/token.h"

enum { CANDIDATES = 40 };
#define SAME_SENTENCE 0.6 /* cosine at which two sentences say the same */
#define REDUNDANT 0.3     /* a pick this close to an earlier one adds nothing */
#define LAMBDA 0.7        /* MMR: centrality against novelty */
#define SAME_ARTICLE 0.15 /* MMR: a second pick from one article */

typedef struct cand {
  size_t sent;
  double score;
} cand;

/* Words that mark a line as the page's, not the story's. */
static const char *const boiler[] = {
    "click",  "subscribe", "newsletter", "copyright",     "rights",  "cookies",
    "follow", "sign",      "download",   "email",         "twitter", "facebook",
    "photo",  "video",     "comments",   "advertisement", "http",    "www"};

static bool has_word(const sl_dos *d, const sl_dos_sent *s, const char *w) {
  for (uint32_t t = s->tok; t < s->tok + s->ntok; t++)
    if (sl__dos_is(d, s->art, t, w))
      return true;
  return false;
}

static bool is_quote_char(const char *p, size_t len) {
  return (len == 1 && *p == '"') ||
         (len == 3 && memcmp(p, "\xe2\x80", 2) == 0 &&
          ((unsigned char)p[2] == 0x9c || (unsigned char)p[2] == 0x9d));
}

/* A quotation without its speaker cannot stand alone in a summary. */
static bool unattributed_quote(const sl_dos *d, const sl_dos_sent *s) {
  bool quote = false;
  const char *text = d->arts[s->art].text;
  for (uint32_t t = s->tok; t < s->tok + s->ntok && !quote; t++) {
    const sl_token *k = &SL_VEC_AT(&d->toks[s->art], sl_token, t);
    quote = is_quote_char(text + k->start, k->len);
  }
  return quote && !has_word(d, s, "said") && !has_word(d, s, "says") &&
         !has_word(d, s, "told") && !has_word(d, s, "according");
}

/* Whether the sentence can stand in a summary: a whole statement (capital
 * first, full stop last), of a reasonable length, not a question, not a
 * quotation without its speaker, not a page's boilerplate. */
static bool eligible(const sl_dos *d, const sl_dos_sent *s) {
  if (s->words < 8 || s->words > 50 || s->ntok < 2)
    return false;
  const sl_token *k = (const sl_token *)d->toks[s->art].data + s->tok;
  const char *text = d->arts[s->art].text;
  if (!(k[0].flags & (SL_TOKF_CAP | SL_TOKF_DIGIT)) &&
      !is_quote_char(text + k[0].start, k[0].len))
    return false;
  size_t last = s->ntok - 1;
  while (last > 0 && is_quote_char(text + k[last].start, k[last].len))
    last--;
  if (k[last].kind != SL_TOK_PUNCT || text[k[last].start] != '.')
    return false;
  for (size_t i = 0; i < sizeof boiler / sizeof *boiler; i++)
    if (has_word(d, s, boiler[i]))
      return false;
  return !unattributed_quote(d, s);
}

/* Cosine to the centroid: each term weighs idf times the number of
 * articles holding it, so the words most sources use pull hardest. */
static double centrality(const sl_dos *d, const sl_dos_sent *s,
                         double centroid_norm) {
  if (s->norm <= 0 || centroid_norm <= 0)
    return 0;
  double dot = 0;
  for (uint32_t k = 0; k < s->nterm; k++) {
    uint32_t h = SL_VEC_AT(&d->terms, uint32_t, s->term + k);
    double idf = sl__dos_idf_of(d, h);
    dot += idf * idf * sl__dos_df_of(d, h);
  }
  return dot / ((double)s->norm * centroid_norm);
}

static double centroid_norm(const sl_dos *d) {
  double sum = 0;
  for (size_t i = 0; i < d->idf.len; i++) {
    const sl__dos_idf *x = &SL_VEC_AT(&d->idf, sl__dos_idf, i);
    sum += (double)x->idf * x->idf * x->df * x->df;
  }
  return sqrt(sum);
}

static int cmp_cand(const void *a, const void *b) {
  const cand *x = a, *y = b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return (x->sent > y->sent) - (x->sent < y->sent);
}

/* The CANDIDATES most central eligible sentences, best first. A lead
 * sentence (the first two of an article) gets a small bonus: news puts
 * what matters first. */
static size_t candidates(const sl_dos *d, cand *out) {
  double cn = centroid_norm(d);
  size_t n = 0, pos = 0;
  for (size_t i = 0; i < d->sents.len; i++) {
    const sl_dos_sent *s = &SL_VEC_AT(&d->sents, sl_dos_sent, i);
    pos = i && SL_VEC_AT(&d->sents, sl_dos_sent, i - 1).art == s->art ? pos + 1
                                                                      : 0;
    if (d->group[s->art] != s->art || !eligible(d, s))
      continue; /* a copy's sentences are its canonical's */
    cand c = {i, centrality(d, s, cn) * (pos < 2 ? 1.1 : 1.0)};
    if (n == CANDIDATES && cmp_cand(&c, &out[n - 1]) >= 0)
      continue;
    size_t k = n < CANDIDATES ? n++ : n - 1; /* insert in order */
    for (; k > 0 && cmp_cand(&c, &out[k - 1]) < 0; k--)
      out[k] = out[k - 1];
    out[k] = c;
  }
  return n;
}

/* The articles that carry sentence `sent` or nearly the same one. */
static sl_status cite(const sl_dos *d, size_t sent, sl_dos_pick *p) {
  p->sent = sent;
  p->arts = calloc(d->n ? d->n : 1, sizeof *p->arts);
  if (!p->arts)
    return SL_ENOMEM;
  bool *on = calloc(d->n ? d->n : 1, sizeof *on);
  if (!on)
    return SL_ENOMEM;
  for (size_t i = 0; i < d->sents.len; i++) {
    size_t art = SL_VEC_AT(&d->sents, sl_dos_sent, i).art;
    if (!on[art] && (i == sent || sl_dos_cosine(d, sent, i) >= SAME_SENTENCE))
      on[art] = true;
  }
  for (size_t a = 0; a < d->n; a++) /* copies carry what their root says */
    if (on[d->group[a]])
      on[a] = true;
  for (size_t a = 0; a < d->n; a++)
    if (on[a])
      p->arts[p->n_arts++] = a;
  free(on);
  return SL_OK;
}

static int date_key(sl_date x) {
  return x.year ? x.year * 372 + x.month * 31 + x.day : 1 << 30;
}

/* Orders picks as the story ran: article date, then text position. */
static int cmp_pick(const void *a, const void *b, void *ud) {
  const sl_dos *d = ud;
  const sl_dos_sent *x =
      &SL_VEC_AT(&d->sents, sl_dos_sent, ((const sl_dos_pick *)a)->sent);
  const sl_dos_sent *y =
      &SL_VEC_AT(&d->sents, sl_dos_sent, ((const sl_dos_pick *)b)->sent);
  int dx = date_key(d->arts[x->art].date), dy = date_key(d->arts[y->art].date);
  if (dx != dy)
    return dx < dy ? -1 : 1;
  if (x->art != y->art)
    return x->art < y->art ? -1 : 1;
  return (x->start > y->start) - (x->start < y->start);
}

static void sort_picks(const sl_dos *d, sl_vec *picks, size_t from) {
  sl_dos_pick *p = (sl_dos_pick *)picks->data + from;
  size_t n = picks->len - from;
  for (size_t i = 1; i < n; i++) /* insertion sort: five items */
    for (size_t j = i; j > 0 && cmp_pick(&p[j - 1], &p[j], (void *)d) > 0;
         j--) {
      sl_dos_pick t = p[j];
      p[j] = p[j - 1];
      p[j - 1] = t;
    }
}

/* The plain cosine of two sentences' word sets: within one story the words
 * of its main event weigh little by idf, yet two sentences made of them
 * say the same thing. */
static double overlap(const sl_dos *d, size_t a, size_t b) {
  const sl_dos_sent *x = &SL_VEC_AT(&d->sents, sl_dos_sent, a);
  const sl_dos_sent *y = &SL_VEC_AT(&d->sents, sl_dos_sent, b);
  if (!x->nterm || !y->nterm)
    return 0;
  const uint32_t *p = (const uint32_t *)d->terms.data + x->term;
  const uint32_t *q = (const uint32_t *)d->terms.data + y->term;
  size_t i = 0, j = 0, both = 0;
  while (i < x->nterm && j < y->nterm) {
    if (p[i] == q[j])
      both++, i++, j++;
    else if (p[i] < q[j])
      i++;
    else
      j++;
  }
  return (double)both / sqrt((double)x->nterm * y->nterm);
}

static size_t sent_group(const sl_dos *d, size_t sent) {
  return d->group[SL_VEC_AT(&d->sents, sl_dos_sent, sent).art];
}

/* Maximal marginal relevance over the candidates: the next pick is the
 * most central one least like the picks so far; near repeats never go. */
static size_t select_mmr(const sl_dos *d, cand *c, size_t n, size_t max,
                         size_t *chosen) {
  size_t k = 0;
  double top = n ? c[0].score : 1;
  while (k < max) {
    double best = -1e9;
    size_t at = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
      if (c[i].score < 0)
        continue; /* taken or redundant */
      double sim = 0, same = 0;
      for (size_t j = 0; j < k; j++) {
        sim = fmax(sim, fmax(sl_dos_cosine(d, c[i].sent, chosen[j]),
                             overlap(d, c[i].sent, chosen[j])));
        same += sent_group(d, c[i].sent) == sent_group(d, chosen[j]);
      }
      if (sim >= REDUNDANT) {
        c[i].score = -1;
        continue;
      }
      /* coverage: each pick already taken from the same article costs */
      double mmr =
          LAMBDA * c[i].score / top - (1 - LAMBDA) * sim - SAME_ARTICLE * same;
      if (mmr > best)
        best = mmr, at = i;
    }
    if (at == SIZE_MAX)
      break;
    chosen[k++] = c[at].sent;
    c[at].score = -1;
  }
  return k;
}

sl_status sl_dos_summary(const sl_dos *d, size_t max, sl_vec *picks) {
  if (max > 5)
    max = 5;
  cand c[CANDIDATES];
  size_t chosen[5];
  size_t n = candidates(d, c);
  size_t k = select_mmr(d, c, n, max, chosen);
  size_t from = picks->len;
  for (size_t i = 0; i < k; i++) {
    sl_dos_pick p = {0};
    sl_status st = cite(d, chosen[i], &p);
    if (st == SL_OK)
      st = sl_vec_push(picks, &p);
    if (st != SL_OK) {
      free(p.arts);
      return st;
    }
  }
  sort_picks(d, picks, from);
  return SL_OK;
}

void sl_dos_picks_clear(sl_vec *picks) {
  for (size_t i = 0; i < picks->len; i++)
    free(SL_VEC_AT(picks, sl_dos_pick, i).arts);
  sl_vec_clear(picks);
}
