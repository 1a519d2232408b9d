/* storyline bench: the clusterer at scale. A stream of N articles is built
 * from the real texts of the corpora given: copy k of article j has its
 * lines rotated by k and line k (mod lines) dropped, and is dated
 * 2020-01-01 + 40 * (position / corpus size) days, so each pass over the
 * corpus spans 40 days and stories of older passes go quiet and leave the
 * live index (expired stories are dropped, as the pipeline does once they
 * are stored). Featurizing is not timed; sl_cluster_add is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cluster/cluster_int.h"
#include "cluster_bench.h"

/* The text of article `a` varied for copy k into `out`. */
static void vary(const char *text, size_t k, sl_buf *out) {
  const char *lines[512];
  size_t lens[512], n = 0;
  for (const char *p = text; *p && n < 512;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    lines[n] = p;
    lens[n++] = len;
    p += len + (nl ? 1 : 0);
  }
  sl_buf_clear(out);
  for (size_t i = 0; i < n; i++) {
    size_t src = (i + k) % n;
    if (k && n > 2 && src == k % n)
      continue;
    if (sl_buf_append(out, lines[src], lens[src]) != SL_OK ||
        sl_buf_putc(out, '\n') != SL_OK)
      exit(1);
  }
}

typedef struct run {
  double secs, last_secs;
  sl_cluster_stats st;
  size_t peak_live_docs, peak_index;
} run;

static sl_date day_of(size_t i, size_t base) {
  sl_date d0 = {2020, 1, 1};
  long d = (long)(i / base) * 40 + (long)((i % base) * 40 / base);
  return sl__date_of_days(sl__days(d0) + (int32_t)d);
}

static void measure(const cb_corpus *c, size_t total, run *r) {
  sl_cluster_opts o;
  sl_cluster_opts_default(&o);
  sl_cluster_fz *fz = sl_cluster_fz_new(o.seed);
  sl_cluster *cl = sl_cluster_new(&o, NULL);
  sl_buf text = SL_BUF_INIT;
  if (!fz || !cl)
    exit(1);
  memset(r, 0, sizeof *r);
  enum { BATCH = 1000 }; /* featurized first, then added under the clock */
  static sl_cluster_doc *batch[BATCH];
  for (size_t i = 0; i < total; i += BATCH) {
    size_t n = total - i < BATCH ? total - i : BATCH;
    for (size_t b = 0; b < n; b++) {
      const cb_article *a = &c->a[(i + b) % c->n];
      vary(a->text, (i + b) / c->n, &text);
      sl_cluster_input in = {(int64_t)(i + b) + 1,
                             i + b + 1,
                             a->title,
                             text.ptr,
                             text.len,
                             a->lang,
                             day_of(i + b, c->n)};
      if (sl_cluster_featurize(fz, &in, &batch[b]) != SL_OK)
        exit(1);
    }
    double t0 = cb_now();
    for (size_t b = 0; b < n; b++) {
      sl_cluster_result res;
      if (sl_cluster_add(cl, batch[b], &res) != SL_OK)
        exit(1);
    }
    double dt = cb_now() - t0;
    r->secs += dt;
    if (i + 10000 >= total)
      r->last_secs += dt;
    for (size_t b = 0; b < n; b++)
      sl_cluster_doc_free(batch[b]);
    if ((i + n) % 10000 == 0) {
      sl_cluster_stats st;
      sl_cluster_stats_get(cl, &st);
      if (st.live_docs > r->peak_live_docs)
        r->peak_live_docs = st.live_docs;
      if (st.index_memory > r->peak_index)
        r->peak_index = st.index_memory;
      sl_cluster_drop_expired(cl);
    }
  }
  sl_cluster_stats_get(cl, &r->st);
  sl_buf_release(&text);
  sl_cluster_free(cl);
  sl_cluster_fz_free(fz);
}

int cb_scale(int argc, char **argv) {
  cb_corpus all;
  memset(&all, 0, sizeof all);
  for (int i = 0; i < argc; i++) { /* one base corpus from all files */
    cb_corpus c;
    cb_load(argv[i], &c);
    for (size_t j = 0; j < c.n; j++) {
      if (all.n == all.cap) {
        all.cap = all.cap ? all.cap * 2 : 4096;
        all.a = realloc(all.a, all.cap * sizeof *all.a);
        if (!all.a)
          exit(1);
      }
      all.a[all.n++] = c.a[j];
    }
    free(c.a);
    free(c.gold);
    free(c.group);
  }
  size_t sizes[] = {10000, 100000, 1000000};
  const char *only = getenv("BENCH_SCALE_MAX");
  size_t max = only ? (size_t)atol(only) : 1000000;
  printf("  %-9s %9s %12s %11s %11s %12s %10s\n", "articles", "us/art",
         "us/art(last", "live arts", "live stor", "bytes/live", "merges");
  printf("  %-9s %9s %12s %11s %11s %12s %10s\n", "", "", "10k)", "", "",
         "article", "");
  for (size_t k = 0; k < 3 && sizes[k] <= max; k++) {
    run r;
    measure(&all, sizes[k], &r);
    size_t last = sizes[k] < 10000 ? sizes[k] : 10000;
    printf("  %-9zu %9.2f %12.2f %11zu %11zu %12.0f %10zu\n", sizes[k],
           r.secs * 1e6 / (double)sizes[k], r.last_secs * 1e6 / (double)last,
           r.st.live_docs, r.st.live_stories,
           r.st.live_docs ? (double)r.st.index_memory / (double)r.st.live_docs
                          : 0,
           r.st.merges);
  }
  cb_corpus_free(&all);
  return 0;
}
