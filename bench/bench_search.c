/* storyline bench: full-text search latency over a large archive.
 *   bench_search DB N QUERIES FILE.jsonl.gz...
 * stores N articles made of the files' real sentences (recombined by a
 * seeded PRNG: a headline and 3 to 6 body sentences each) straight through
 * the store, then times QUERIES searches (words, word pairs and phrases
 * drawn from the same sentences, top 20 as `storyline search` shows them)
 * through the public API, and prints p50, p99 and the slowest. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <zlib.h>

#include "base/buf.h"
#include "base/vec.h"
#include "store/store.h"
#include "storyline/search.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* This thread's CPU time: the latency on an idle core, when other work
 * shares the machine's cores (the index is in the page cache by then). */
static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* xorshift64*: the same archive and queries on every run. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 0x2545F4914F6CDD1Dull;
}

/* Every sentence (line) of 20 to 400 bytes of the files' "text". */
static void load(const char *path, sl_vec *sentences) {
  gzFile gz = gzopen(path, "rb");
  if (!gz) {
    fprintf(stderr, "bench: cannot read '%s'\n", path);
    exit(1);
  }
  static char line[1 << 22];
  while (gzgets(gz, line, sizeof line)) {
    json_t *o = json_loads(line, 0, NULL);
    const char *text = json_string_value(json_object_get(o, "text"));
    for (const char *p = text; p && *p;) {
      const char *nl = strchr(p, '\n');
      size_t n = nl ? (size_t)(nl - p) : strlen(p);
      if (n >= 20 && n <= 400) {
        char *s = strndup(p, n);
        if (!s || sl_vec_push(sentences, &s) != SL_OK)
          exit(1);
      }
      p += n + (nl != NULL);
    }
    json_decref(o);
  }
  gzclose(gz);
}

static const char *pick(const sl_vec *v) {
  return SL_VEC_AT(v, char *, rnd() % v->len);
}

static void check(sl_status st, const sl_error *err) {
  if (st != SL_OK) {
    fprintf(stderr, "bench: %s\n", err->msg);
    exit(1);
  }
}

/* Stores article `i` (with its raw record: articles belong to one). */
static void put_one(sl_store *st, const sl_vec *sent, uint64_t i,
                    sl_buf *body) {
  sl_raw raw = {0};
  memcpy(raw.hash, &i, sizeof i);
  raw.format = "text";
  raw.origin = "bench";
  raw.bytes = "-";
  raw.len = 1;
  sl_error err;
  check(sl_store_raw_put(st, &raw, &err), &err);
  sl_buf_clear(body);
  for (uint64_t k = 3 + rnd() % 4; k; k--)
    if (sl_buf_puts(body, pick(sent)) != SL_OK ||
        sl_buf_putc(body, '\n') != SL_OK)
      exit(1);
  char ref[32];
  snprintf(ref, sizeof ref, "b%" PRIu64, i);
  sl_article a;
  sl_article_init(&a);
  a.raw_id = raw.id;
  a.title = (char *)pick(sent);
  a.text = body->ptr;
  a.ref = ref;
  a.language = (char *)"en";
  a.source = (char *)(i % 3 ? "wire" : "daily");
  a.date = (sl_date){(int16_t)(2000 + i % 20), (int8_t)(1 + i % 12),
                     (int8_t)(1 + i % 28)};
  check(sl_store_article_put(st, &a, NULL, 0, &err), &err);
}

static void build(const char *db, uint64_t n, const sl_vec *sent) {
  sl_store *st = NULL;
  sl_error err;
  check(sl_store_open(db, NULL, &st, &err), &err);
  sl_buf body;
  sl_buf_init(&body, 0);
  double t0 = now();
  for (uint64_t i = 0; i < n; i++) {
    if (i % 10000 == 0)
      check(sl_store_begin(st, &err), &err);
    put_one(st, sent, i, &body);
    if (i % 10000 == 9999 || i + 1 == n)
      check(sl_store_commit(st, &err), &err);
  }
  double t = now() - t0;
  printf("built      %" PRIu64 " articles in %.0f s (%.0f articles/s, "
         "index kept by the store's triggers)\n",
         n, t, (double)n / t);
  sl_buf_release(&body);
  sl_store_close(st);
}

/* A query drawn from a sentence: a word, two words, or a phrase of two
 * consecutive words (words of 4+ letters). */
static char *draw_query(const sl_vec *sent) {
  char words[64][32];
  int nw = 0;
  const char *s = pick(sent);
  while (*s && nw < 64) {
    while (*s && !((*s | 32) >= 'a' && (*s | 32) <= 'z'))
      s++;
    int n = 0;
    while (((*s | 32) >= 'a' && (*s | 32) <= 'z') && n < 31)
      words[nw][n++] = *s++;
    words[nw][n] = '\0';
    if (n >= 4)
      nw++;
  }
  if (nw < 2)
    return NULL;
  int i = (int)(rnd() % (uint64_t)(nw - 1)), kind = (int)(rnd() % 3);
  char q[80];
  if (kind == 0)
    snprintf(q, sizeof q, "%s", words[i]);
  else if (kind == 1)
    snprintf(q, sizeof q, "%s %s", words[i],
             words[(i + 1 + rnd() % (uint64_t)(nw - 1)) % nw]);
  else
    snprintf(q, sizeof q, "\"%s %s\"", words[i], words[i + 1]);
  return strdup(q);
}

static int count_hit(void *ud, const sl_search_hit *h) {
  (void)h;
  (*(size_t *)ud)++;
  return 0;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void run_queries(const char *db, size_t nq, const sl_vec *sent) {
  sl_engine *eng = NULL;
  sl_error err;
  sl_engine_opts o = {0, true};
  check(sl_engine_open(db, &o, &eng, &err), &err);
  char **qs = calloc(nq, sizeof *qs);
  for (size_t i = 0; i < nq;)
    if ((qs[i] = draw_query(sent)))
      i++;
  double *ms = calloc(nq, sizeof *ms), *cpu = calloc(nq, sizeof *cpu);
  size_t hits = 0;
  for (int pass = 0; pass < 2; pass++) /* the first pass warms the cache */
    for (size_t i = 0; i < nq; i++) {
      sl_search_opts so = {qs[i], NULL, {{0}, {0}, NULL, NULL, 20}};
      double t0 = now(), c0 = cpu_now();
      check(sl_engine_search(eng, &so, count_hit, &hits, &err), &err);
      ms[i] = (now() - t0) * 1e3;
      cpu[i] = (cpu_now() - c0) * 1e3;
    }
  size_t slowest = 0;
  for (size_t i = 1; i < nq; i++)
    if (ms[i] > ms[slowest])
      slowest = i;
  printf("slowest    %.1f ms: %s\n", ms[slowest], qs[slowest]);
  qsort(ms, nq, sizeof *ms, cmp_double);
  qsort(cpu, nq, sizeof *cpu, cmp_double);
  printf("search     %zu queries (words, pairs, phrases; top 20): "
         "p50 %.2f ms, p99 %.2f ms (target < 20 ms); CPU time p50 %.2f ms, "
         "p99 %.2f ms\n",
         nq, ms[nq / 2], ms[(nq * 99) / 100], cpu[nq / 2],
         cpu[(nq * 99) / 100]);
  free(cpu);
  for (size_t i = 0; i < nq; i++)
    free(qs[i]);
  free(qs);
  free(ms);
  sl_engine_close(eng);
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: bench_search DB N QUERIES FILE.jsonl.gz...\n");
    return 2;
  }
  sl_vec sent;
  sl_vec_init(&sent, sizeof(char *));
  for (int i = 4; i < argc; i++)
    load(argv[i], &sent);
  printf("sentences  %zu from %d files\n", sent.len, argc - 4);
  if (sent.len < 100)
    return 1;
  build(argv[1], strtoull(argv[2], NULL, 10), &sent);
  run_queries(argv[1], strtoull(argv[3], NULL, 10), &sent);
  for (size_t i = 0; i < sent.len; i++)
    free(SL_VEC_AT(&sent, char *, i));
  sl_vec_release(&sent);
  return 0;
}
