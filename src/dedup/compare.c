/* storyline dedup: the relation of two fingerprints: exact hashes, shingle
 * resemblance and containment by a merge of the sorted sets, and for
 * rewrites an in-order alignment of sentences by their content words. */
#include <stdlib.h>
#include <string.h>

#include "dedup/dedup_int.h"

#define MAX_ALIGN 256 /* sentences per side the alignment looks at */

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

/* The bag of words of a text's first MAX_ALIGN sentences as a bitmap of
 * word hashes (a word may share its bit with others). */
#define BAG_BITS 8192

static size_t aligned_words(const sl_dedup_fp *fp) {
  size_t n = fp->sent.len < MAX_ALIGN ? fp->sent.len : MAX_ALIGN;
  return n ? SL_VEC_AT(&fp->sent, uint32_t, n - 1) : 0;
}

static unsigned bag_bit(uint32_t w) {
  return sl__fmix32(w) & (BAG_BITS - 1);
}

static void bag_of(const uint32_t *w, size_t n, uint64_t bag[BAG_BITS / 64]) {
  memset(bag, 0, BAG_BITS / 8);
  for (size_t i = 0; i < n; i++)
    bag[bag_bit(w[i]) / 64] |= 1ULL << (bag_bit(w[i]) % 64);
}

/* The weight of the words in `w` that may be in `bag`. */
static unsigned bag_shared(const uint32_t *w, size_t n,
                           const uint64_t bag[BAG_BITS / 64]) {
  unsigned s = 0;
  for (size_t i = 0; i < n; i++)
    if (bag[bag_bit(w[i]) / 64] >> (bag_bit(w[i]) % 64) & 1)
      s += weight(w[i]);
  return s;
}

/* sl__dedup_align is 2 * (the weight of the words aligned sentences share)
 * / (the weight of both texts); a word of one text is shared at most once
 * and only when the other text has it. */
double sl__dedup_align_bound(const sl_dedup_fp *fa, const sl_dedup_fp *fb) {
  uint64_t bag_a[BAG_BITS / 64], bag_b[BAG_BITS / 64];
  const uint32_t *wa = fa->words.data, *wb = fb->words.data;
  size_t na = aligned_words(fa), nb = aligned_words(fb);
  unsigned ta = sent_weight(wa, na), tb = sent_weight(wb, nb);
  if (ta < 8 || tb < 8)
    return 0;
  bag_of(wa, na, bag_a);
  bag_of(wb, nb, bag_b);
  unsigned xa = bag_shared(wa, na, bag_b), xb = bag_shared(wb, nb, bag_a);
  return 2.0 * (xa < xb ? xa : xb) / (ta + tb);
}

/* Fills the lexical scores of `m` for `in` shingles shared by texts of `na`
 * and `nb`; true when a relation holds, which it then sets. */
static bool decide_shared(size_t in, size_t na, size_t nb,
                          const sl_dedup_opts *o, sl_dup_match *m) {
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

static bool decide_lexical(const sl_dedup_fp *a, const sl_dedup_fp *b,
                           const sl_dedup_opts *o, sl_dup_match *m) {
  size_t in = intersect(a->sh.data, a->sh.len, b->sh.data, b->sh.len);
  return decide_shared(in, a->sh.len, b->sh.len, o, m);
}

/* The fewest shared shingles with which a lexical relation holds (both
 * relations only get likelier with more); the smaller size + 1 when none
 * can. */
static size_t need_shared(size_t na, size_t nb, const sl_dedup_opts *o) {
  size_t lo = 0, hi = (na < nb ? na : nb) + 1;
  sl_dup_match m;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (decide_shared(mid, na, nb, o, &m))
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

sl_status sl__dedup_compare_blob(const sl_dedup_fp *a, const sl__blob_view *b,
                                 const sl_dedup_opts *o, sl_dup_match *m) {
  memset(m, 0, sizeof *m);
  size_t na = a->sh.len, nb = b->nsh;
  if (na == 0 || nb == 0)
    return SL_OK;
  if (a->exact == b->exact) {
    m->rel = SL_DUP_EXACT;
    m->score = m->resemblance = m->containment = 1.0;
    return SL_OK;
  }
  if (na < o->min_shingles || nb < o->min_shingles)
    return SL_OK;
  size_t need = need_shared(na, nb, o), in = 0;
  if (need > (na < nb ? na : nb))
    return SL_OK;
  sl_status st = sl__dedup_blob_meet(b, a->sh.data, na, need, &in);
  if (st == SL_OK && in >= need)
    decide_shared(in, na, nb, o, m);
  return st;
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
   * same article: a rewrite needs SL__DEDUP_REWRITE_SENTS on both sides. */
  if (a->sent.len < SL__DEDUP_REWRITE_SENTS ||
      b->sent.len < SL__DEDUP_REWRITE_SENTS)
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
