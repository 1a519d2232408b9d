/* storyline bench: the story clusterer on gold corpora.
 *   bench_cluster eval [--model M] FILE...   B-cubed P/R/F1, pairwise F1,
 *        stories found vs gold and articles/s, for storyline, its
 *        ablations and a plain TF-IDF single-pass baseline
 *   bench_cluster learn OUT FILE...          learns a model from the files
 *   bench_cluster cv FILE...                 generalisation: learn on half
 *        of the stories, score the other half; leave one corpus out
 *   bench_cluster scale FILE...              us/article and bytes per live
 *        article at 10k, 100k, 1M articles (see cluster_scale.c) */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cluster_bench.h"

enum { MAXC = 16 };

typedef struct corpus_docs {
  cb_corpus c;
  sl_cluster_doc **d;
  double fz_secs;
} corpus_docs;

static void load_all(int n, char **paths, corpus_docs *out, uint64_t seed) {
  for (int i = 0; i < n; i++) {
    cb_load(paths[i], &out[i].c);
    out[i].d = cb_featurize(&out[i].c, seed, &out[i].fz_secs);
  }
}

static void free_all(int n, corpus_docs *cd) {
  for (int i = 0; i < n; i++) {
    cb_docs_free(cd[i].d, cd[i].c.n);
    cb_corpus_free(&cd[i].c);
  }
}

static void read_model(const char *path, sl_cluster_model *m) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "bench_cluster: cannot read '%s'\n", path);
    exit(1);
  }
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  sl_error err;
  if (sl_cluster_model_parse(m, buf, n, &err) != SL_OK) {
    fprintf(stderr, "bench_cluster: %s: %s\n", path, err.msg);
    exit(1);
  }
}

static void row(const char *name, const cb_score *s, size_t n) {
  printf("  %-30s %6.3f %6.3f %6.3f %7.3f %7zu %9.0f\n", name, s->p, s->r,
         s->f1, s->pair_f1, s->stories, (double)n / s->secs);
}

/* The plain TF-IDF single-pass baseline: sublinear TF-IDF over stemmed
 * title + text, cosine to the story centroid, join the best story when
 * the cosine reaches theta; no entities, numbers, time, merge. */
static void baseline(sl_cluster_opts *o, sl_cluster_model *m, double theta) {
  sl_cluster_opts_default(o);
  o->title_weight = 1.0;
  o->merge_every = 0;
  o->max_candidates = 4096;
  o->max_postings = UINT32_MAX;
  o->query_keys = 256;
  o->expire_seq = UINT32_MAX;
  o->expire_days = UINT32_MAX / 2;
  memset(m, 0, sizeof *m);
  m->w[SL_CF_BIAS] = -200.0 * theta;
  m->w[SL_CF_TERMS] = 200.0;
  m->join_min = 0.5;
  m->merge_min = 2.0;
  m->related_min = 2.0;
}

static double base_f1[MAXC][64];

static void eval_baseline(int n, corpus_docs *cd) {
  int best_t = 0;
  double best_mean = -1;
  for (int t = 0; t < 24; t++) {
    double mean = 0, theta = 0.05 + 0.025 * t;
    for (int i = 0; i < n; i++) {
      sl_cluster_opts o;
      sl_cluster_model m;
      baseline(&o, &m, theta);
      cb_score s;
      cb_run(cd[i].d, cd[i].c.gold, cd[i].c.n, &o, &m, &s);
      base_f1[i][t] = s.f1;
      mean += s.f1 / n;
    }
    if (mean > best_mean) {
      best_mean = mean;
      best_t = t;
    }
  }
  printf("baseline: one threshold for all corpora: %.3f (best mean F1)\n",
         0.05 + 0.025 * best_t);
  for (int i = 0; i < n; i++) {
    int bt = 0;
    for (int t = 1; t < 24; t++)
      if (base_f1[i][t] > base_f1[i][bt])
        bt = t;
    printf("  %-22s oracle theta %.3f F1 %.3f | shared theta F1 %.3f\n",
           cd[i].c.name, 0.05 + 0.025 * bt, base_f1[i][bt], base_f1[i][best_t]);
  }
  for (int i = 0; i < n; i++)
    base_f1[i][63] = 0.05 + 0.025 * best_t;
}

static const int abl[] = {SL_CF_MAXSIM, SL_CF_TITLE, SL_CF_ENTS, SL_CF_NUMS,
                          SL_CF_DAYS,   SL_CF_SEQ,   SL_CF_SIZE};
enum { NABL = sizeof abl / sizeof *abl };

static void learn_all(int n, corpus_docs *cd, int drop, sl_cluster_model *m);

static void eval_one(corpus_docs *cd, const sl_cluster_model *model,
                     const sl_cluster_model *ablated) {
  const cb_corpus *c = &cd->c;
  printf("%s: %zu articles, %zu gold stories; featurize %.0f articles/s\n",
         c->name, c->n, c->n_gold, (double)c->n / cd->fz_secs);
  printf("  %-30s %6s %6s %6s %7s %7s %9s\n", "configuration", "B3-P", "B3-R",
         "B3-F1", "pair-F1", "stories", "art/s");
  sl_cluster_opts o;
  cb_score s;
  sl_cluster_opts_default(&o);
  cb_run(cd->d, c->gold, c->n, &o, model, &s);
  row("storyline", &s, c->n);
  for (size_t k = 0; ablated && k < NABL; k++) {
    cb_run(cd->d, c->gold, c->n, &o, &ablated[k], &s);
    char name[64];
    snprintf(name, sizeof name, "  without %s (relearned)",
             sl_cluster_feat_name((sl_cluster_feat)abl[k]));
    row(name, &s, c->n);
  }
  o.merge_every = 0;
  cb_run(cd->d, c->gold, c->n, &o, model, &s);
  row("  without merge step", &s, c->n);
}

static int eval(int argc, char **argv) {
  sl_cluster_model model;
  sl_cluster_model_default(&model);
  if (argc >= 2 && strcmp(argv[0], "--model") == 0) {
    read_model(argv[1], &model);
    argc -= 2;
    argv += 2;
  }
  if (argc > MAXC)
    argc = MAXC;
  corpus_docs cd[MAXC];
  sl_cluster_opts o;
  sl_cluster_opts_default(&o);
  load_all(argc, argv, cd, o.seed);
  bool base = !getenv("BENCH_NO_BASELINE");
  if (base)
    eval_baseline(argc, cd);
  sl_cluster_model ablated[NABL];
  bool ablate = !getenv("BENCH_NO_ABLATION");
  for (size_t k = 0; ablate && k < NABL; k++)
    learn_all(argc, cd, abl[k], &ablated[k]);
  for (int i = 0; i < argc; i++) {
    eval_one(&cd[i], &model, ablate ? ablated : NULL);
    if (!base)
      continue;
    sl_cluster_model m;
    cb_score s;
    baseline(&o, &m, base_f1[i][63]);
    cb_run(cd[i].d, cd[i].c.gold, cd[i].c.n, &o, &m, &s);
    row("baseline tf-idf single pass", &s, cd[i].c.n);
  }
  free_all(argc, cd);
  return 0;
}

/* The half (0 or 1) article i falls in: by its group (the record's 'topic'
 * when it has one, so that ECB+'s two events of a topic, the hard
 * negatives, stay together; else its story). */
static int in_half(const cb_corpus *c, size_t i) {
  return (int)((uint64_t)c->group[i] * 2654435761u % 2);
}

/* Feeds the articles of `cd` in half `half` (-1: all) to the learner as
 * one stream. */
static void feed(sl_cluster_learner *l, const corpus_docs *cd, int half) {
  if (sl_cluster_learner_stream(l) != SL_OK)
    exit(1);
  for (size_t i = 0; i < cd->c.n; i++) {
    if (half >= 0 && in_half(&cd->c, i) != half)
      continue;
    if (sl_cluster_learner_add(l, cd->d[i], cd->c.a[i].story) != SL_OK) {
      fprintf(stderr, "bench_cluster: learner failed\n");
      exit(1);
    }
  }
}

static void fit(sl_cluster_learner *l, sl_cluster_model *m) {
  if (sl_cluster_learner_fit(l, m) != SL_OK) {
    fprintf(stderr, "bench_cluster: fit failed\n");
    exit(1);
  }
}

static void learn_all(int n, corpus_docs *cd, int drop, sl_cluster_model *m) {
  sl_cluster_opts o;
  sl_cluster_opts_default(&o);
  sl_cluster_learner *l = sl_cluster_learner_new(&o);
  if (!l)
    exit(1);
  if (drop > 0)
    sl_cluster_learner_drop(l, (sl_cluster_feat)drop);
  for (int i = 0; i < n; i++)
    feed(l, &cd[i], -1);
  fit(l, m);
  sl_cluster_learner_free(l);
}

static int learn(int argc, char **argv) {
  if (argc < 2)
    return 2;
  int n = argc - 1 > MAXC ? MAXC : argc - 1;
  corpus_docs cd[MAXC];
  sl_cluster_opts o;
  sl_cluster_opts_default(&o);
  load_all(n, argv + 1, cd, o.seed);
  sl_cluster_learner *l = sl_cluster_learner_new(&o);
  for (int i = 0; i < n; i++)
    feed(l, &cd[i], -1);
  sl_cluster_model m;
  fit(l, &m);
  sl_cluster_learner_free(l);
  sl_buf out = SL_BUF_INIT;
  if (sl_cluster_model_format(&m, &out) != SL_OK)
    return 1;
  FILE *f = fopen(argv[0], "wb");
  if (!f || fwrite(out.ptr, 1, out.len, f) != out.len) {
    fprintf(stderr, "bench_cluster: cannot write '%s'\n", argv[0]);
    return 1;
  }
  fclose(f);
  fputs(out.ptr, stdout);
  sl_buf_release(&out);
  free_all(n, cd);
  return 0;
}

/* Scores the half `half` of corpus `cd` (the stories of that parity). */
static void score_half(const corpus_docs *cd, int half,
                       const sl_cluster_model *m, cb_score *s) {
  sl_cluster_doc **d = malloc((cd->c.n + 1) * sizeof *d);
  int64_t *g = malloc((cd->c.n + 1) * sizeof *g);
  size_t k = 0;
  for (size_t i = 0; i < cd->c.n; i++) {
    if (half >= 0 && in_half(&cd->c, i) != half)
      continue;
    d[k] = cd->d[i];
    g[k++] = cd->c.gold[i];
  }
  sl_cluster_opts o;
  sl_cluster_opts_default(&o);
  cb_run(d, g, k, &o, m, s);
  free(d);
  free(g);
}

static int cv(int argc, char **argv) {
  int n = argc > MAXC ? MAXC : argc;
  corpus_docs cd[MAXC];
  sl_cluster_opts o;
  sl_cluster_opts_default(&o);
  load_all(n, argv, cd, o.seed);
  printf("learn on the stories of one half, score the other (B3-F1):\n");
  for (int half = 0; half < 2; half++) {
    sl_cluster_learner *l = sl_cluster_learner_new(&o);
    for (int i = 0; i < n; i++)
      feed(l, &cd[i], half);
    sl_cluster_model m;
    fit(l, &m);
    sl_cluster_learner_free(l);
    for (int i = 0; i < n; i++) {
      cb_score train, test;
      score_half(&cd[i], half, &m, &train);
      score_half(&cd[i], 1 - half, &m, &test);
      printf("  %-22s learn half %d: on it %.3f, held-out half %.3f\n",
             cd[i].c.name, half, train.f1, test.f1);
    }
  }
  printf("leave one corpus out (B3-F1 on the corpus left out):\n");
  for (int out = 0; out < n && n > 1; out++) {
    sl_cluster_learner *l = sl_cluster_learner_new(&o);
    for (int i = 0; i < n; i++)
      if (i != out)
        feed(l, &cd[i], -1);
    sl_cluster_model m;
    fit(l, &m);
    sl_cluster_learner_free(l);
    cb_score s;
    score_half(&cd[out], -1, &m, &s);
    printf("  %-22s %.3f (join_min %.2f)\n", cd[out].c.name, s.f1, m.join_min);
  }
  free_all(n, cd);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 3 && strcmp(argv[1], "eval") == 0)
    return eval(argc - 2, argv + 2);
  if (argc >= 4 && strcmp(argv[1], "learn") == 0)
    return learn(argc - 2, argv + 2);
  if (argc >= 3 && strcmp(argv[1], "cv") == 0)
    return cv(argc - 2, argv + 2);
  if (argc >= 3 && strcmp(argv[1], "scale") == 0)
    return cb_scale(argc - 2, argv + 2);
  fprintf(stderr, "usage: bench_cluster eval [--model M] FILE... | learn OUT "
                  "FILE... | cv FILE... | scale FILE...\n");
  return 2;
}
