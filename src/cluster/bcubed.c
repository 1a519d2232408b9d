/* storyline cluster: B-cubed precision, recall and F1 (Bagga & Baldwin):
 * per item, the share of its system cluster that is in its gold cluster
 * and the reverse, averaged over items. */
#include <stdlib.h>

#include "cluster/cluster.h"

typedef struct item {
  int64_t sys, gold;
} item;

static int by_sys(const void *a, const void *b) {
  const item *x = a, *y = b;
  if (x->sys != y->sys)
    return x->sys < y->sys ? -1 : 1;
  return (x->gold > y->gold) - (x->gold < y->gold);
}

static int by_gold(const void *a, const void *b) {
  const item *x = a, *y = b;
  return (x->gold > y->gold) - (x->gold < y->gold);
}

/* Sum over items of |own ∩ other| / |own| where runs of equal `own` are
 * contiguous in v (sorted by own, then other). */
static double share_sum(const item *v, size_t n, bool sys_own) {
  double sum = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    int64_t own = sys_own ? v[i].sys : v[i].gold;
    while (j < n && (sys_own ? v[j].sys : v[j].gold) == own)
      j++;
    double size = (double)(j - i);
    for (size_t k = i; k < j;) { /* runs of the other label inside */
      size_t e = k;
      int64_t other = sys_own ? v[k].gold : v[k].sys;
      while (e < j && (sys_own ? v[e].gold : v[e].sys) == other)
        e++;
      double inter = (double)(e - k);
      sum += inter * inter / size;
      k = e;
    }
    i = j;
  }
  return sum;
}

static int by_gold_sys(const void *a, const void *b) {
  const item *x = a, *y = b;
  int g = by_gold(a, b);
  if (g)
    return g;
  return (x->sys > y->sys) - (x->sys < y->sys);
}

sl_status sl_cluster_bcubed_score(const int64_t *sys, const int64_t *gold,
                                  size_t n, sl_cluster_bcubed *out) {
  out->p = out->r = out->f1 = 0;
  if (!n)
    return SL_OK;
  item *v = malloc(n * sizeof *v);
  if (!v)
    return SL_ENOMEM;
  for (size_t i = 0; i < n; i++)
    v[i] = (item){sys[i], gold[i]};
  qsort(v, n, sizeof *v, by_sys);
  out->p = share_sum(v, n, true) / (double)n;
  qsort(v, n, sizeof *v, by_gold_sys);
  out->r = share_sum(v, n, false) / (double)n;
  free(v);
  double s = out->p + out->r;
  out->f1 = s > 0 ? 2 * out->p * out->r / s : 0;
  return SL_OK;
}
