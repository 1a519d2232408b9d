/* storyline dedup: internals shared by the module's files: the fingerprint
 * layout, the hash mixers, and the features the index derives from it. */
#ifndef SL_DEDUP_DEDUP_INT_H
#define SL_DEDUP_DEDUP_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/vec.h"
#include "dedup/dedup.h"

/* Content-word hashes with this bit set are names or numbers. */
#define SL__DEDUP_SALIENT 0x80000000u
/* Samples: level l keeps a shingle when the low (l + 2) bits of its mixed
 * hash are zero (1 in 4 at level 0, halving per level). */
#define SL__DEDUP_LEVELS 8
#define SL__DEDUP_MAX_SAMPLES 16
/* Rewrite candidates: MinHash bands over the names and numbers, BANDS
 * bands of ROWS rows; a candidate shares at least BAND_HITS bands. */
#define SL__DEDUP_BANDS 6
#define SL__DEDUP_ROWS 2
#define SL__DEDUP_BAND_HITS 2
/* Sentences each side of a rewrite has. */
#define SL__DEDUP_REWRITE_SENTS 4

struct sl_dedup_fp {
  uint64_t exact;
  sl_vec sh;    /* uint32: sorted distinct shingle hashes of the body */
  sl_vec words; /* uint32: content-word hashes, sorted within a sentence */
  sl_vec sent;  /* uint32: end offset in `words` of each sentence */
  /* scratch for sl_dedup_fp_compute */
  sl_vec toks; /* sl_token */
  sl_vec th;   /* uint64: hash of each word token */
  sl_vec tmp;  /* uint32: sort scratch */
  sl_buf key;  /* a non-ASCII word's matching key */
};

static inline uint64_t sl__fmix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

static inline uint32_t sl__fmix32(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

/* The number of sample levels shingle `h` belongs to (0: none). A shingle
 * of level l is a sample at every level below l as well. */
static inline unsigned sl__dedup_sample_levels(uint32_t h) {
  uint32_t m = sl__fmix32(h ^ 0x9e3779b9u);
  unsigned tz = m ? (unsigned)__builtin_ctz(m) : 32;
  if (tz < 2)
    return 0;
  tz -= 1;
  return tz > SL__DEDUP_LEVELS ? SL__DEDUP_LEVELS : tz;
}

/* A fingerprint blob read in place: its header, and where its shingles
 * (varint deltas) start. Points into the blob, which must outlive it. */
typedef struct sl__blob_view {
  uint64_t exact;
  size_t nsh, nsent, nwords;
  const uint8_t *sh, *end;
} sl__blob_view;

/* Reads the header of `blob`; SL_ECORRUPT when it is not a blob. */
sl_status sl__dedup_blob_view(sl__blob_view *v, const void *blob,
                              size_t len) SL_MUST_USE;

/* Sets `*in` to the number of shingles the blob in `v` shares with the
 * sorted set `a`, decoding them one by one, or to something below `need`
 * as soon as `need` is out of reach. SL_ECORRUPT when the part read is
 * damaged. */
sl_status sl__dedup_blob_meet(const sl__blob_view *v, const uint32_t *a,
                              size_t na, size_t need, size_t *in) SL_MUST_USE;

/* The lexical relation (exact, contained, near) of `a` to the article
 * whose blob is in `b`, filling `m` as sl__dedup_compare does when it
 * finds one; NONE, with only `m->rel` meaningful, when none holds. Reads
 * the blob only as far as a relation can still hold. */
sl_status sl__dedup_compare_blob(const sl_dedup_fp *a, const sl__blob_view *b,
                                 const sl_dedup_opts *o,
                                 sl_dup_match *m) SL_MUST_USE;

/* An upper bound of sl__dedup_align(a, b, any sent_min), cheap to compute:
 * the alignment cannot share more weight than the two texts' word bags. */
double sl__dedup_align_bound(const sl_dedup_fp *a, const sl_dedup_fp *b);

/* Fills `keys` with the rewrite band keys of `fp`; returns how many (0 when
 * the article has too few content words). */
unsigned sl__dedup_bands(const sl_dedup_fp *fp, uint32_t keys[SL__DEDUP_BANDS]);

/* Sorts `n` uint32 and drops repeats; returns the new count. */
size_t sl__dedup_sort_unique(uint32_t *a, size_t n, sl_vec *scratch);

/* sl_dedup_compare, with the rewrite alignment only when `rewrite`. */
sl_dup_rel sl__dedup_compare(const sl_dedup_fp *a, const sl_dedup_fp *b,
                             const sl_dedup_opts *o, bool rewrite,
                             sl_dup_match *m);

/* Sentence alignment score of two fingerprints (see compare.c). */
double sl__dedup_align(const sl_dedup_fp *a, const sl_dedup_fp *b,
                       double sent_min);

#endif
