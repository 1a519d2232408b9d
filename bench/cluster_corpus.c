/* storyline bench: gold story corpora for bench_cluster: loading,
 * featurizing, streaming through the clusterer, B-cubed and pairwise F1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <zlib.h>

#include "base/hashmap.h"
#include "cluster_bench.h"
#include "text/date.h"

/* CPU time of this thread: the machine may be shared, and throughput on
 * one core is what the bench reports. */
double cb_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what) {
  fprintf(stderr, "bench_cluster: %s\n", what);
  exit(1);
}

static char *dup_str(json_t *r, const char *key) {
  const char *s = json_string_value(json_object_get(r, key));
  char *d = s ? strdup(s) : NULL;
  if (s && !d)
    die("out of memory");
  return d;
}

static int64_t number_of(sl_map *m, const char *s, int64_t *next) {
  bool ins;
  void **slot = sl_map_slot(m, s, strlen(s), &ins);
  if (!slot)
    die("out of memory");
  if (ins) {
    int64_t *v = malloc(sizeof *v);
    if (!v)
      die("out of memory");
    *v = ++*next;
    *slot = v;
  }
  return *(int64_t *)*slot;
}

static void add_record(cb_corpus *c, json_t *r, sl_map *labels, sl_map *groups,
                       int64_t *n_groups) {
  if (c->n == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 1024;
    c->a = realloc(c->a, c->cap * sizeof *c->a);
    c->gold = realloc(c->gold, c->cap * sizeof *c->gold);
    c->group = realloc(c->group, c->cap * sizeof *c->group);
    if (!c->a || !c->gold || !c->group)
      die("out of memory");
  }
  cb_article *a = &c->a[c->n];
  a->id = dup_str(r, "id");
  a->story = dup_str(r, "story");
  a->title = dup_str(r, "title");
  a->text = dup_str(r, "text");
  a->lang = dup_str(r, "language");
  if (!a->text)
    a->text = strdup("");
  if (!a->story)
    die("a record has no 'story'");
  const char *date = json_string_value(json_object_get(r, "date"));
  a->date = (sl_date){0, 0, 0};
  if (date && sl_date_parse(date, strlen(date), &a->date, NULL) != SL_OK)
    a->date = (sl_date){0, 0, 0};
  int64_t n_gold = (int64_t)c->n_gold;
  c->gold[c->n] = number_of(labels, a->story, &n_gold);
  c->n_gold = (size_t)n_gold;
  const char *topic = json_string_value(json_object_get(r, "topic"));
  c->group[c->n++] = number_of(groups, topic ? topic : a->story, n_groups);
}

void cb_load(const char *path, cb_corpus *out) {
  memset(out, 0, sizeof *out);
  const char *base = strrchr(path, '/');
  snprintf(out->name, sizeof out->name, "%s", base ? base + 1 : path);
  char *dot = strstr(out->name, ".jsonl");
  if (dot)
    *dot = '\0';
  gzFile in = gzopen(path, "rb");
  if (!in) {
    fprintf(stderr, "bench_cluster: cannot read '%s'\n", path);
    exit(1);
  }
  sl_map *labels = sl_map_new(1, free), *groups = sl_map_new(2, free);
  int64_t n_groups = 0;
  static char line[1 << 22];
  while (gzgets(in, line, sizeof line)) {
    json_t *r = json_loads(line, 0, NULL);
    if (r)
      add_record(out, r, labels, groups, &n_groups);
    json_decref(r);
  }
  gzclose(in);
  sl_map_free(labels);
  sl_map_free(groups);
}

void cb_corpus_free(cb_corpus *c) {
  for (size_t i = 0; i < c->n; i++) {
    free(c->a[i].id);
    free(c->a[i].story);
    free(c->a[i].title);
    free(c->a[i].text);
    free(c->a[i].lang);
  }
  free(c->a);
  free(c->gold);
  free(c->group);
}

sl_cluster_doc **cb_featurize(const cb_corpus *c, uint64_t seed, double *secs) {
  sl_cluster_fz *fz = sl_cluster_fz_new(seed);
  sl_cluster_doc **d = calloc(c->n + 1, sizeof *d);
  if (!fz || !d)
    die("out of memory");
  double t0 = cb_now();
  for (size_t i = 0; i < c->n; i++) {
    const cb_article *a = &c->a[i];
    sl_cluster_input in = {(int64_t)i + 1,  i + 1,   a->title, a->text,
                           strlen(a->text), a->lang, a->date};
    if (sl_cluster_featurize(fz, &in, &d[i]) != SL_OK)
      die("cannot featurize");
  }
  *secs = cb_now() - t0;
  sl_cluster_fz_free(fz);
  return d;
}

void cb_docs_free(sl_cluster_doc **d, size_t n) {
  for (size_t i = 0; d && i < n; i++)
    sl_cluster_doc_free(d[i]);
  free(d);
}

typedef struct cell {
  int64_t a, b;
} cell;

static int by_cell(const void *x, const void *y) {
  const cell *p = x, *q = y;
  if (p->a != q->a)
    return p->a < q->a ? -1 : 1;
  return (p->b > q->b) - (p->b < q->b);
}

/* Sum over runs of equal (a) or (a, b) of n(n-1)/2. */
static double pairs(cell *v, size_t n, bool both) {
  double s = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && v[j].a == v[i].a && (!both || v[j].b == v[i].b))
      j++;
    s += (double)(j - i) * (double)(j - i - 1) / 2;
    i = j;
  }
  return s;
}

static double pair_f1(const int64_t *sys, const int64_t *gold, size_t n) {
  cell *v = malloc((n + 1) * sizeof *v);
  if (!v)
    die("out of memory");
  for (size_t i = 0; i < n; i++)
    v[i] = (cell){sys[i], gold[i]};
  qsort(v, n, sizeof *v, by_cell);
  double tp = pairs(v, n, true), sp = pairs(v, n, false);
  for (size_t i = 0; i < n; i++)
    v[i] = (cell){gold[i], sys[i]};
  qsort(v, n, sizeof *v, by_cell);
  double gp = pairs(v, n, false);
  free(v);
  double p = sp > 0 ? tp / sp : 0, r = gp > 0 ? tp / gp : 0;
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

void cb_run(sl_cluster_doc *const *docs, const int64_t *gold, size_t n,
            const sl_cluster_opts *o, const sl_cluster_model *m,
            cb_score *out) {
  sl_cluster *c = sl_cluster_new(o, m);
  int64_t *sys = malloc((n + 1) * sizeof *sys);
  if (!c || !sys)
    die("out of memory");
  double t0 = cb_now();
  for (size_t i = 0; i < n; i++) {
    sl_cluster_result r;
    if (sl_cluster_add(c, docs[i], &r) != SL_OK)
      die("cannot add a doc");
    sys[i] = r.story;
  }
  if (sl_cluster_merge(c, NULL) != SL_OK)
    die("cannot merge");
  out->secs = cb_now() - t0;
  for (size_t i = 0; i < n; i++)
    sys[i] = sl_cluster_resolve(c, sys[i]);
  if (getenv("BENCH_DUMP"))
    for (size_t i = 0; i < n; i++)
      fprintf(stderr, "dump %zu %lld %lld\n", i, (long long)sys[i],
              (long long)gold[i]);
  sl_cluster_bcubed b;
  if (sl_cluster_bcubed_score(sys, gold, n, &b) != SL_OK)
    die("out of memory");
  out->p = b.p;
  out->r = b.r;
  out->f1 = b.f1;
  out->pair_f1 = pair_f1(sys, gold, n);
  sl_cluster_stats st;
  sl_cluster_stats_get(c, &st);
  out->stories = st.stories - st.merges;
  free(sys);
  sl_cluster_free(c);
}
