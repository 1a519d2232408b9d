/* storyline dedup: what the index derives from a fingerprint (rewrite band
 * keys) and the sort the fingerprint uses for its hash sets. */
#include <string.h>

#include "dedup/dedup_int.h"

static void insertion_sort(uint32_t *a, size_t n) {
  for (size_t i = 1; i < n; i++) {
    uint32_t x = a[i];
    size_t j = i;
    for (; j > 0 && a[j - 1] > x; j--)
      a[j] = a[j - 1];
    a[j] = x;
  }
}

/* LSD radix sort, four passes of eight bits, through `tmp`. */
static void radix_sort(uint32_t *a, uint32_t *tmp, size_t n) {
  uint32_t *src = a, *dst = tmp;
  for (unsigned shift = 0; shift < 32; shift += 8) {
    size_t count[257] = {0};
    for (size_t i = 0; i < n; i++)
      count[((src[i] >> shift) & 0xFF) + 1]++;
    for (size_t b = 1; b < 257; b++)
      count[b] += count[b - 1];
    for (size_t i = 0; i < n; i++)
      dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
    uint32_t *t = src;
    src = dst, dst = t;
  }
  /* four passes: the sorted data is back in `a` */
}

size_t sl__dedup_sort_unique(uint32_t *a, size_t n, sl_vec *scratch) {
  if (n < 2)
    return n;
  if (n <= 48 || sl_vec_reserve(scratch, n) != SL_OK)
    insertion_sort(a, n); /* no scratch: slower but still correct */
  else
    radix_sort(a, scratch->data, n);
  size_t w = 1;
  for (size_t i = 1; i < n; i++)
    if (a[i] != a[w - 1])
      a[w++] = a[i];
  return w;
}

/* Per band and row, the minimum of the mixed hashes of the names and
 * numbers (which translations and rewrites keep). Fewer than four give no
 * bands: too little to go on. */
unsigned sl__dedup_bands(const sl_dedup_fp *fp,
                         uint32_t keys[SL__DEDUP_BANDS]) {
  enum { N = SL__DEDUP_BANDS * SL__DEDUP_ROWS };
  uint32_t mins[N];
  memset(mins, 0xFF, sizeof mins);
  const uint32_t *w = fp->words.data;
  size_t distinct = 0;
  for (size_t i = 0; i < fp->words.len; i++) {
    uint32_t x = w[i];
    if (!(x & SL__DEDUP_SALIENT))
      continue;
    distinct++;
    for (unsigned j = 0; j < N; j++) {
      uint32_t h = sl__fmix32(x ^ (0x9e3779b9u * (j + 1)));
      mins[j] = h < mins[j] ? h : mins[j];
    }
  }
  if (distinct < 4)
    return 0;
  for (unsigned b = 0; b < SL__DEDUP_BANDS; b++) {
    uint64_t k = b + 1;
    for (unsigned r = 0; r < SL__DEDUP_ROWS; r++)
      k = sl__fmix64(k * 0x9e3779b97f4a7c15ULL ^ mins[b * SL__DEDUP_ROWS + r]);
    keys[b] = (uint32_t)k;
  }
  return SL__DEDUP_BANDS;
}
