/* storyline dedup: the relation of two fingerprints: exact hashes, shingle
 * resemblance and containment by a merge of the sorted sets, and for
 * rewrites an in-order alignment of sentences by their content words. */
#include <stdlib.h>
#include <string.h>

#include "dedup/dedup_int.h"

#define MAX_ALIGN 256       /* sentences per side the alignment looks at */
#define REWRITE_MIN_SENTS 4 /* sentences each side of a rewrite has */

const char *sl_dup_rel_str(sl_dup_rel rel) {
  switch (rel) {
  case SL_DUP_EXACT:
    return "exact";
  case SL_DUP_NEAR:
    return "near";
  case SL_DUP_CONTAINED:
    return "contained";
  case SL_DUP_REWRITE:
    return "rewrite";
  default:
    return "none";
  }
}

void sl_dedup_opts_default(sl_dedup_opts *o) {
  o->near_min = 0.5;
  o->contain_min = 0.8;
  o->contain_ratio = 0.7;
  o->rewrite_min = 0.6;
  o->sent_min = 0.4;
  o->min_shingles = 8;
  o->max_postings = 64;
  o->max_verify = 8;
  o->seed = 0x243f6a8885a308d3ULL;
}

static size_t intersect(const uint32_t *a, size_t na, const uint32_t *b,
                        size_t nb) {
  size_t i = 0, j = 0, n = 0;
  while (i < na && j < nb) {
    if (a[i] < b[j])
      i++;
    else if (a[i] > b[j])
      j++;
    else
      n++, i++, j++;
  }
  return n;
}

static unsigned weight(uint32_t w) {
  return w & SL__DEDUP_SALIENT ? 2 : 1;
}

static unsigned sent_weight(const uint32_t *w, size_t n) {
  unsigned s = 0;
  for (size_t i = 0; i < n; i++)
    s += weight(w[i]);
  return s;
}

/* Weighted overlap of two sentences' sorted word sets. */
static unsigned overlap(const uint32_t *a, size_t na, const uint32_t *b,
                        size_t nb) {
  size_t i = 0, j = 0;
  unsigned s = 0;
  while (i < na && j < nb) {
    if (a[i] < b[j])
      i++;
    else if (a[i] > b[j])
      j++;
    else
      s += weight(a[i]), i++, j++;
  }
  return s;
}

typedef struct sents {
  const uint32_t *w, *end;
  size_t n;
  unsigned wt[MAX_ALIGN];
  unsigned total;
} sents;

static void sents_of(const sl_dedup_fp *fp, sents *s) {
  s->w = fp->words.data;
  s->end = fp->sent.data;
  s->n = fp->sent.len < MAX_ALIGN ? fp->sent.len : MAX_ALIGN;
  s->total = 0;
  for (size_t i = 0; i < s->n; i++) {
    size_t from = i ? s->end[i - 1] : 0;
    s->wt[i] = sent_weight(s->w + from, s->end[i] - from);
    s->total += s->wt[i];
  }
}

/* The gain of aligning sentence i of A with sentence j of B: its weight
 * times the sentences' weighted Dice similarity, 0 below `sent_min`. */
static double gain(const sents *a, size_t i, const sents *b, size_t j,
                   double sent_min) {
  size_t fa = i ? a->end[i - 1] : 0, fb = j ? b->end[j - 1] : 0;
  unsigned ov = overlap(a->w + fa, a->end[i] - fa, b->w + fb, b->end[j] - fb);
  unsigned sum = a->wt[i] + b->wt[j];
  double dice = sum ? 2.0 * ov / sum : 0;
  return dice >= sent_min ? dice * sum : 0;
}

double sl__dedup_align(const sl_dedup_fp *fa, const sl_dedup_fp *fb,
                       double sent_min) {
  sents sa, sb, *a = &sa, *b = &sb;
  double row[MAX_ALIGN + 1] = {0};
  sents_of(fa, a);
  sents_of(fb, b);
  if (a->total < 8 || b->total < 8)
    return 0;
  /* row[j]: the best alignment of A's sentences so far with B's first j */
  for (size_t i = 0; i < a->n; i++) {
    double diag = 0; /* row[j - 1] of the previous row */
    for (size_t j = 1; j <= b->n; j++) {
      double up = row[j], g = gain(a, i, b, j - 1, sent_min);
      double best = up > row[j - 1] ? up : row[j - 1];
      row[j] = diag + g > best ? diag + g : best;
      diag = up;
    }
  }
  return row[b->n] / (a->total + b->total);
}

static bool decide_lexical(const sl_dedup_fp *a, const sl_dedup_fp *b,
                           const sl_dedup_opts *o, sl_dup_match *m) {
  size_t na = a->sh.len, nb = b->sh.len;
  size_t in = intersect(a->sh.data, na, b->sh.data, nb);
  size_t small = na < nb ? na : nb, large = na < nb ? nb : na;
  m->resemblance = (double)in / (double)(na + nb - in);
  m->containment = (double)in / (double)small;
  m->new_is_longer = na > nb;
  if ((double)small <= o->contain_ratio * (double)large &&
      m->containment >= o->contain_min) {
    m->rel = SL_DUP_CONTAINED, m->score = m->containment;
    return true;
  }
  if (m->resemblance >= o->near_min) {
    m->rel = SL_DUP_NEAR, m->score = m->resemblance;
    return true;
  }
  return false;
}

sl_dup_rel sl__dedup_compare(const sl_dedup_fp *a, const sl_dedup_fp *b,
                             const sl_dedup_opts *o, bool rewrite,
                             sl_dup_match *m) {
  memset(m, 0, sizeof *m);
  size_t na = a->sh.len, nb = b->sh.len;
  if (na == 0 || nb == 0)
    return SL_DUP_NONE;
  if (a->exact == b->exact) {
    m->rel = SL_DUP_EXACT;
    m->score = m->resemblance = m->containment = 1.0;
    return m->rel;
  }
  if (na < o->min_shingles || nb < o->min_shingles)
    return SL_DUP_NONE;
  if (decide_lexical(a, b, o, m) || !rewrite)
    return m->rel;
  /* An alignment of one or two sentences tells the same event, not the
   * same article: a rewrite needs REWRITE_MIN_SENTS on both sides. */
  if (a->sent.len < REWRITE_MIN_SENTS || b->sent.len < REWRITE_MIN_SENTS)
    return m->rel;
  m->alignment = sl__dedup_align(a, b, o->sent_min);
  if (m->alignment >= o->rewrite_min)
    m->rel = SL_DUP_REWRITE, m->score = m->alignment;
  return m->rel;
}

sl_dup_rel sl_dedup_compare(const sl_dedup_fp *a, const sl_dedup_fp *b,
                            const sl_dedup_opts *o, sl_dup_match *m) {
  return sl__dedup_compare(a, b, o, true, m);
}
