/* storyline bench: shared pieces of bench_cluster: gold story corpora,
 * featurizing them, scoring a clustering, the scale stream. */
#ifndef SL_BENCH_CLUSTER_BENCH_H
#define SL_BENCH_CLUSTER_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "cluster/cluster.h"

typedef struct cb_article {
  char *id, *story, *title, *text, *lang;
  sl_date date;
} cb_article;

typedef struct cb_corpus {
  char name[64];
  cb_article *a;
  int64_t *gold;  /* gold story number per article */
  int64_t *group; /* split unit: the 'topic' field's number when given,
                     else the gold story */
  size_t n, cap, n_gold;
} cb_corpus;

typedef struct cb_score {
  double p, r, f1, pair_f1;
  size_t stories;
  double secs;
} cb_score;

double cb_now(void);
/* Loads a gzip JSON Lines gold corpus; exits on failure (bench only). */
void cb_load(const char *path, cb_corpus *out);
void cb_corpus_free(cb_corpus *c);
/* Featurizes every article (id and seq = position + 1). */
sl_cluster_doc **cb_featurize(const cb_corpus *c, uint64_t seed, double *secs);
void cb_docs_free(sl_cluster_doc **d, size_t n);
/* Streams docs through a clusterer and scores it against gold. */
void cb_run(sl_cluster_doc *const *docs, const int64_t *gold, size_t n,
            const sl_cluster_opts *o, const sl_cluster_model *m, cb_score *out);
/* The scale mode: see cluster_scale.c. */
int cb_scale(int argc, char **argv);

#endif
