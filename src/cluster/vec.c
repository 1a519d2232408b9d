/* storyline cluster: sparse vectors as key-sorted arrays of sl__kv. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/cluster_int.h"

int sl__kv_cmp_key(const void *a, const void *b) {
  uint32_t x = ((const sl__kv *)a)->key, y = ((const sl__kv *)b)->key;
  return (x > y) - (x < y);
}

/* The k-th largest of w[0..n) (1 <= k <= n), by quickselect with Lomuto
 * partitions (descending); w is reordered. */
static float kth_largest(float *w, uint32_t n, uint32_t k) {
  uint32_t lo = 0, hi = n - 1, want = k - 1;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    float t = w[mid];
    w[mid] = w[hi];
    w[hi] = t;
    float pivot = w[hi];
    uint32_t store = lo;
    for (uint32_t i = lo; i < hi; i++) {
      if (w[i] > pivot) {
        t = w[i];
        w[i] = w[store];
        w[store++] = t;
      }
    }
    w[hi] = w[store];
    w[store] = pivot;
    if (store == want)
      return pivot;
    if (store < want)
      lo = store + 1;
    else
      hi = store - 1;
  }
  return w[want];
}

/* Keeps the `keep` heaviest entries of v[0..n), in key order (ties: the
 * smaller keys); returns the new length. */
static uint32_t prune(sl__kv *v, uint32_t n, uint32_t keep, float *scratch) {
  for (uint32_t i = 0; i < n; i++)
    scratch[i] = v[i].w;
  float cut = kth_largest(scratch, n, keep);
  uint32_t above = 0;
  for (uint32_t i = 0; i < n; i++)
    above += v[i].w > cut;
  uint32_t ties = keep - above, len = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (v[i].w > cut || (v[i].w == cut && ties && ties--))
      v[len++] = v[i];
  }
  return len;
}

/* Merges two key-sorted arrays into `out`, adding src weights * scale. */
static uint32_t merge(const sl__kv *a, uint32_t na, const sl__kv *b,
                      uint32_t nb, float scale, sl__kv *out) {
  uint32_t i = 0, j = 0, n = 0;
  while (i < na || j < nb) {
    if (j == nb || (i < na && a[i].key < b[j].key)) {
      out[n++] = a[i++];
    } else if (i == na || b[j].key < a[i].key) {
      out[n].key = b[j].key;
      out[n++].w = b[j++].w * scale;
    } else {
      out[n].key = a[i].key;
      out[n++].w = a[i++].w + b[j++].w * scale;
    }
  }
  return n;
}

sl_status sl__kv_add_into(sl__kv **dst, uint32_t *n, const sl__kv *src,
                          uint32_t n_src, float scale, uint32_t keep) {
  sl__kv *out = malloc(((size_t)*n + n_src + 1) * sizeof *out);
  if (!out)
    return SL_ENOMEM;
  uint32_t len = merge(*dst, *n, src, n_src, scale, out);
  if (len > keep && keep > 0) {
    float *scratch = malloc(len * sizeof *scratch);
    if (!scratch) {
      free(out);
      return SL_ENOMEM;
    }
    len = prune(out, len, keep, scratch);
    free(scratch);
  } else if (keep == 0) {
    len = 0;
  }
  sl__kv *shrunk = realloc(out, (len ? len : 1) * sizeof *out);
  free(*dst);
  *dst = shrunk ? shrunk : out;
  *n = len;
  return SL_OK;
}

float sl__kv_norm(const sl__kv *v, uint32_t n) {
  double s = 0;
  for (uint32_t i = 0; i < n; i++)
    s += (double)v[i].w * v[i].w;
  return (float)sqrt(s);
}

float sl__kv_dot(const sl__kv *a, uint32_t na, const sl__kv *b, uint32_t nb) {
  double s = 0;
  uint32_t i = 0, j = 0;
  while (i < na && j < nb) {
    if (a[i].key < b[j].key)
      i++;
    else if (b[j].key < a[i].key)
      j++;
    else
      s += (double)a[i++].w * b[j++].w;
  }
  return (float)s;
}
