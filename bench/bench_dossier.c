/* storyline bench: the dossier of a story (`story ID`), on Timeline17's
 * swine-flu articles (t17-dev-articles.jsonl.gz, topic H1N1).
 *   bench_dossier T17_ARTICLES.jsonl.gz
 * Two measures, median of 7 runs each, one core:
 *  - library: the first 200 articles of the topic taken as one story:
 *    analysis (tokens, sentences, stems), sources, summary, disagreements;
 *  - engine: the whole `story ID --json` (store reads, who, storyline,
 *    JSON) for the largest story the clusterer made of the topic.
 *   bench_dossier list KEY FILE.jsonl.gz...   (dossier_list.c) lists the
 *    disagreements found in labelled corpora, for reading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <zlib.h>

#include "story/dossier.h"
#include "storyline/dossier.h"
#include "storyline/engine.h"

enum { RUNS = 7, STORY = 200 };

/* CPU time of the process: on a machine shared with other jobs the wall
 * clock measures the queue; the wall time is printed beside it. */
static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *t, size_t n) {
  qsort(t, n, sizeof *t, cmp_double);
  return t[n / 2];
}

/* Reads the topic's records into `recs` and writes them to `out` as JSON
 * Lines for the ingest. Returns the number read. */
static size_t read_topic(const char *path, json_t **recs, size_t max,
                         FILE *out) {
  gzFile f = gzopen(path, "rb");
  if (!f)
    return 0;
  size_t cap = 1 << 20, n = 0;
  char *line = malloc(cap);
  while (line && gzgets(f, line, (int)cap)) {
    size_t len = strlen(line);
    while (len == cap - 1 && line[len - 1] != '\n') {
      char *p = realloc(line, cap * 2);
      if (!p)
        break;
      line = p, cap *= 2;
      if (!gzgets(f, line + len, (int)(cap - len)))
        break;
      len += strlen(line + len);
    }
    json_t *r = json_loads(line, 0, NULL);
    const char *topic = json_string_value(json_object_get(r, "topic"));
    if (topic && strcmp(topic, "H1N1") == 0) {
      fputs(line, out);
      if (n < max)
        recs[n++] = json_incref(r);
    }
    json_decref(r);
  }
  free(line);
  gzclose(f);
  return n;
}

static void bench_library(json_t **recs, size_t n) {
  sl_dos_article *a = calloc(n, sizeof *a);
  for (size_t i = 0; i < n; i++) {
    const char *date = json_string_value(json_object_get(recs[i], "date"));
    a[i].id = (int64_t)i + 1;
    a[i].ref = json_string_value(json_object_get(recs[i], "id"));
    a[i].outlet = json_string_value(json_object_get(recs[i], "source"));
    a[i].text = json_string_value(json_object_get(recs[i], "text"));
    a[i].len = strlen(a[i].text);
    a[i].date = (sl_date){(int16_t)atoi(date), (int8_t)atoi(date + 5),
                          (int8_t)atoi(date + 8)};
  }
  sl_stemmers *stem = sl_stemmers_new();
  double t[RUNS], w[RUNS], parts[3][RUNS];
  size_t picks_n = 0, dis_n = 0, sents = 0;
  for (int r = 0; r < RUNS; r++) {
    double t0 = now(), w0 = wall();
    sl_dos d;
    sl_dos_sources src;
    sl_vec picks, dis;
    sl_vec_init(&picks, sizeof(sl_dos_pick));
    sl_vec_init(&dis, sizeof(sl_dos_disagree));
    bool ok = sl_dos_init(&d, a, n, stem) == SL_OK;
    double t1 = now();
    ok = ok && sl_dos_sources_find(a, n, &src) == SL_OK &&
         sl_dos_summary(&d, 5, &picks) == SL_OK;
    double t2 = now();
    ok = ok && sl_dos_disagreements(&d, &dis) == SL_OK;
    if (!ok) {
      fprintf(stderr, "bench_dossier: the analysis failed\n");
      exit(1);
    }
    t[r] = now() - t0;
    w[r] = wall() - w0;
    parts[0][r] = t1 - t0, parts[1][r] = t2 - t1, parts[2][r] = now() - t2;
    picks_n = picks.len, dis_n = dis.len, sents = d.sents.len;
    sl_dos_picks_clear(&picks);
    sl_vec_release(&picks);
    sl_dos_disagree_clear(&dis);
    sl_vec_release(&dis);
    sl_dos_sources_release(&src);
    sl_dos_release(&d);
  }
  printf("library  %zu articles, %zu sentences: %.1f ms CPU, %.1f ms wall "
         "(CPU: analysis %.1f, sources and summary %.1f, disagreements %.1f; "
         "summary %zu sentences, %zu disagreements)\n",
         n, sents, median(t, RUNS) * 1e3, median(w, RUNS) * 1e3,
         median(parts[0], RUNS) * 1e3, median(parts[1], RUNS) * 1e3,
         median(parts[2], RUNS) * 1e3, picks_n, dis_n);
  sl_stemmers_free(stem);
  free(a);
}

typedef struct largest {
  int64_t id, size;
} largest;

static int biggest(void *ud, const sl_story *s) {
  largest *l = ud;
  if (s->size > l->size)
    l->id = s->id, l->size = s->size;
  return 0;
}

static void bench_engine(const char *jsonl, const char *db) {
  sl_engine *eng;
  sl_error err;
  const char *paths[] = {jsonl};
  if (sl_engine_open(db, NULL, &eng, &err) != SL_OK ||
      sl_engine_ingest(eng, paths, 1, NULL, NULL, &err) != SL_OK) {
    fprintf(stderr, "bench_dossier: %s\n", err.msg);
    exit(1);
  }
  largest l = {0, 0};
  if (sl_engine_stories(eng, biggest, &l, &err) != SL_OK)
    exit(1);
  double t[RUNS], w[RUNS];
  size_t bytes = 0;
  for (int r = 0; r < RUNS; r++) {
    char *json = NULL;
    double t0 = now(), w0 = wall();
    if (sl_engine_dossier(eng, l.id, &json, &err) != SL_OK) {
      fprintf(stderr, "bench_dossier: %s\n", err.msg);
      exit(1);
    }
    t[r] = now() - t0;
    w[r] = wall() - w0;
    bytes = strlen(json);
    free(json);
  }
  printf("engine   story %lld, %lld articles: %.1f ms CPU, %.1f ms wall "
         "(`story ID --json`, %zu bytes)\n",
         (long long)l.id, (long long)l.size, median(t, RUNS) * 1e3,
         median(w, RUNS) * 1e3, bytes);
  sl_engine_close(eng);
}

int sl_bench_dossier_list(const char *key, char **files, int n);

int main(int argc, char **argv) {
  if (argc >= 4 && strcmp(argv[1], "list") == 0)
    return sl_bench_dossier_list(argv[2], argv + 3, argc - 3);
  if (argc != 2) {
    fprintf(stderr, "usage: bench_dossier T17_ARTICLES.jsonl.gz\n"
                    "       bench_dossier list KEY FILE.jsonl.gz...\n");
    return 2;
  }
  char dir[] = "/tmp/sl-bench-dossier-XXXXXX";
  if (!mkdtemp(dir))
    return 1;
  char jsonl[64], db[64];
  snprintf(jsonl, sizeof jsonl, "%s/h1n1.jsonl", dir);
  snprintf(db, sizeof db, "%s/t.db", dir);
  FILE *out = fopen(jsonl, "w");
  json_t *recs[STORY];
  size_t n = out ? read_topic(argv[1], recs, STORY, out) : 0;
  if (out)
    fclose(out);
  if (n < STORY) {
    fprintf(stderr, "bench_dossier: fewer than %d H1N1 articles\n", STORY);
    return 1;
  }
  bench_library(recs, n);
  if (!getenv("BENCH_DOSSIER_LIBRARY_ONLY")) /* for a profiler */
    bench_engine(jsonl, db);
  for (size_t i = 0; i < n; i++)
    json_decref(recs[i]);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : 1;
}
