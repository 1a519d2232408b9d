/* storyline pipeline: scoring the stories of a labelled corpus (`storyline
 * eval clusters`). The corpus is ingested into a temporary database; its
 * stories are compared with the gold labels by B-cubed and pairwise
 * precision, recall and F1. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <zlib.h>

#include "base/hashmap.h"
#include "base/vec.h"
#include "pipeline/pipeline_int.h"

/* One gold item: its record id and label number. */
typedef struct item {
  char *id;
  int64_t gold;
  int64_t sys;
} item;

typedef struct gold {
  sl_vec items; /* item */
  sl_map *labels;
} gold;

static void gold_release(gold *g) {
  for (size_t i = 0; i < g->items.len; i++)
    free(SL_VEC_AT(&g->items, item, i).id);
  sl_vec_release(&g->items);
  sl_map_free(g->labels);
}

/* A JSON string or integer as text into `out` (64 bytes); false if
 * neither. */
static bool scalar(json_t *v, char *out, size_t cap) {
  if (json_is_string(v)) {
    snprintf(out, cap, "%s", json_string_value(v));
    return true;
  }
  if (json_is_integer(v)) {
    snprintf(out, cap, "%lld", (long long)json_integer_value(v));
    return true;
  }
  return false;
}

/* A count or an id held as a map value. */
static void *as_value(uint64_t v) {
  return (void *)(uintptr_t)v; // NOLINT(performance-no-int-to-ptr): a number
}

static sl_status add_item(gold *g, const char *id, const char *label) {
  bool inserted;
  void **slot = sl_map_slot(g->labels, label, strlen(label), &inserted);
  if (!slot)
    return SL_ENOMEM;
  if (inserted)
    *slot = as_value(sl_map_len(g->labels));
  item it = {strdup(id), (int64_t)(uintptr_t)*slot, 0};
  if (!it.id || sl_vec_push(&g->items, &it) != SL_OK) {
    free(it.id);
    return SL_ENOMEM;
  }
  return SL_OK;
}

/* Reads every record's id and label (gzip or plain JSON Lines). */
static sl_status read_gold(const char *path, const char *label, gold *g,
                           sl_error *err) {
  gzFile f = gzopen(path, "rb");
  if (!f)
    return sl_error_set(err, SL_EIO, "cannot read '%s'", path);
  enum { LINE = 1 << 20 };
  char *line = malloc(LINE);
  sl_status st = line ? SL_OK : SL_ENOMEM;
  while (st == SL_OK && gzgets(f, line, LINE)) {
    json_t *o = json_loads(line, JSON_DISABLE_EOF_CHECK, NULL);
    char id[256], lab[256];
    if (o && scalar(json_object_get(o, "id"), id, sizeof id) &&
        scalar(json_object_get(o, label), lab, sizeof lab))
      st = add_item(g, id, lab);
    json_decref(o);
  }
  free(line);
  gzclose(f);
  return st == SL_OK ? SL_OK : sl_error_set(err, st, "out of memory");
}

static int note_story(void *ud, const sl_article *a) {
  sl_map *refs = ud;
  /* A glued part ("REF#2") scores as its record. */
  size_t len = strcspn(a->ref, "#");
  bool found;
  if (sl_map_get(refs, a->ref, len, &found) || found)
    return 0; /* the first part stands for the record */
  return sl_map_put(refs, a->ref, len, as_value((uint64_t)a->story)) != SL_OK;
}

/* Counts of the key (two int64 side by side, or one). */
static sl_status bump(sl_map *m, const int64_t *key, size_t n) {
  bool inserted;
  void **slot = sl_map_slot(m, key, n * sizeof *key, &inserted);
  if (!slot)
    return SL_ENOMEM;
  *slot = as_value((uintptr_t)*slot + 1);
  return SL_OK;
}

static double count_of(const sl_map *m, const int64_t *key, size_t n) {
  return (double)(uintptr_t)sl_map_get(m, key, n * sizeof *key, NULL);
}

static double pairs(const sl_map *m) {
  sl_map_iter it = SL_MAP_ITER_INIT;
  sl_str k;
  void *v;
  double sum = 0;
  while (sl_map_next(m, &it, &k, &v)) {
    double c = (double)(uintptr_t)v;
    sum += c * (c - 1) / 2;
  }
  return sum;
}

static double f1(double p, double r) {
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void score(const gold *g, sl_map *sys, sl_map *gl, sl_map *both,
                  sl_cluster_eval *out) {
  size_t n = g->items.len;
  double p = 0, r = 0;
  for (size_t i = 0; i < n; i++) {
    const item *it = &SL_VEC_AT(&g->items, item, i);
    int64_t pair[2] = {it->sys, it->gold};
    double common = count_of(both, pair, 2);
    p += common / count_of(sys, &it->sys, 1);
    r += common / count_of(gl, &it->gold, 1);
  }
  out->p = n ? p / (double)n : 0;
  out->r = n ? r / (double)n : 0;
  out->f1 = f1(out->p, out->r);
  double tp = pairs(both), sp = pairs(sys), gp = pairs(gl);
  out->pair_p = sp > 0 ? tp / sp : 1;
  out->pair_r = gp > 0 ? tp / gp : 1;
  out->pair_f1 = f1(out->pair_p, out->pair_r);
  out->articles = n;
  out->stories = sl_map_len(sys);
  out->gold_stories = sl_map_len(gl);
}

/* Gives each item its story (records the ingest dropped get one of their
 * own) and scores. */
static sl_status compare(gold *g, sl_map *refs, sl_cluster_eval *out) {
  sl_map *sys = sl_map_new(1, NULL), *gl = sl_map_new(2, NULL),
         *both = sl_map_new(3, NULL);
  sl_status st = sys && gl && both ? SL_OK : SL_ENOMEM;
  int64_t lone = -1;
  for (size_t i = 0; st == SL_OK && i < g->items.len; i++) {
    item *it = &SL_VEC_AT(&g->items, item, i);
    int64_t story =
        (int64_t)(uintptr_t)sl_map_get(refs, it->id, strlen(it->id), NULL);
    it->sys = story ? story : lone--;
    int64_t pair[2] = {it->sys, it->gold};
    st = bump(sys, &it->sys, 1);
    if (st == SL_OK)
      st = bump(gl, &it->gold, 1);
    if (st == SL_OK)
      st = bump(both, pair, 2);
  }
  if (st == SL_OK)
    score(g, sys, gl, both, out);
  sl_map_free(sys);
  sl_map_free(gl);
  sl_map_free(both);
  return st;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Ingests `path` into a new database in `dir` and collects ref -> story. */
static sl_status run_corpus(const char *dir, const char *path, sl_map *refs,
                            double *seconds, sl_error *err) {
  char db[600];
  snprintf(db, sizeof db, "%s/eval.db", dir);
  sl_engine *eng = NULL;
  sl_status st = sl_engine_open(db, NULL, &eng, err);
  sl_ingest_opts o = {0};
  o.format = SL_FORMAT_JSONL;
  double t0 = now();
  if (st == SL_OK)
    st = sl_engine_ingest(eng, &path, 1, &o, NULL, err);
  *seconds = now() - t0;
  if (st == SL_OK)
    st = sl_engine_articles(eng, false, note_story, refs, err);
  if (st == SL_ECANCELED)
    st = sl_error_set(err, SL_ENOMEM, "out of memory");
  sl_engine_close(eng);
  static const char *const suffix[] = {"", "-wal", "-shm", "-lock"};
  for (size_t i = 0; i < 4; i++) {
    char f[620];
    snprintf(f, sizeof f, "%s%s", db, suffix[i]);
    unlink(f);
  }
  return st;
}

sl_status sl_eval_clusters(const char *path, const char *label,
                           sl_cluster_eval *out, sl_error *err) {
  memset(out, 0, sizeof *out);
  gold g;
  sl_vec_init(&g.items, sizeof(item));
  g.labels = sl_map_new(4, NULL);
  sl_map *refs = sl_map_new(5, NULL);
  if (!g.labels || !refs) {
    sl_map_free(refs);
    gold_release(&g);
    return sl_error_set(err, SL_ENOMEM, "out of memory");
  }
  const char *tmp = getenv("TMPDIR");
  char dir[512];
  snprintf(dir, sizeof dir, "%s/storyline-eval-XXXXXX", tmp ? tmp : "/tmp");
  sl_status st = read_gold(path, label, &g, err);
  if (st == SL_OK && g.items.len == 0)
    st = sl_error_set(err, SL_EEMPTY, "'%s': no record has an id and a '%s'",
                      path, label);
  if (st == SL_OK && !mkdtemp(dir))
    st = sl_error_set(err, SL_EIO, "cannot make a temporary folder in %s",
                      tmp ? tmp : "/tmp");
  if (st == SL_OK) {
    st = run_corpus(dir, path, refs, &out->seconds, err);
    rmdir(dir);
  }
  if (st == SL_OK)
    st = compare(&g, refs, out);
  if (st == SL_ENOMEM)
    sl_error_set(err, st, "out of memory");
  sl_map_free(refs);
  gold_release(&g);
  return st;
}
