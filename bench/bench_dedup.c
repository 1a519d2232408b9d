/* storyline bench: the duplicate detector on real texts.
 *   bench_dedup variants DATA   precision/recall per relation on variants of
 *                               the story corpora; same-story negatives
 *   bench_dedup semeval FILE    relations against human similarity scores
 *   bench_dedup speed DATA [N]  fingerprints/s, query p50/p99 and memory
 *                               with N (default 1,000,000) articles indexed */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <jansson.h>
#include <zlib.h>

#include "base/buf.h"
#include "dedup/dedup.h"
#include "dedup/dedup_int.h"

typedef struct doc {
  char *id, *story, *title, *text;
} doc;

typedef struct docs {
  doc *d;
  size_t n, cap;
} docs;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *dup_or_null(const char *s) {
  return s ? strdup(s) : NULL;
}

static void die_oom(void) {
  fprintf(stderr, "bench: out of memory\n");
  exit(1);
}

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    die_oom();
  return p;
}

/* Appends the records of a gzip JSON Lines story file. */
static int load_docs(const char *path, docs *out) {
  gzFile in = gzopen(path, "rb");
  if (!in) {
    printf("bench_dedup: skipped: '%s' not found (the real data lives in "
           "../shared/data)\n",
           path);
    return 1;
  }
  static char line[1 << 22];
  while (gzgets(in, line, sizeof line)) {
    json_t *r = json_loads(line, 0, NULL);
    const char *text = json_string_value(json_object_get(r, "text"));
    if (text) {
      if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 1024;
        out->d = realloc(out->d, out->cap * sizeof *out->d);
        if (!out->d)
          die_oom();
      }
      doc *d = &out->d[out->n++];
      d->id = dup_or_null(json_string_value(json_object_get(r, "id")));
      d->story = dup_or_null(json_string_value(json_object_get(r, "story")));
      d->title = dup_or_null(json_string_value(json_object_get(r, "title")));
      d->text = strdup(text);
    }
    json_decref(r);
  }
  gzclose(in);
  return 0;
}

/* ---- a deterministic generator ---- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rnd(void) {
  uint64_t x = rng_state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return rng_state = x;
}
static size_t rndn(size_t n) {
  return n ? (size_t)(rnd() % n) : 0;
}

/* ---- texts as lists of sentences ---- */

typedef struct sents {
  char **s;
  size_t n, cap;
} sents;

static void sents_push(sents *v, const char *s, size_t len) {
  if (v->n == v->cap) {
    v->cap = v->cap ? v->cap * 2 : 16;
    v->s = realloc(v->s, v->cap * sizeof *v->s);
    if (!v->s)
      die_oom();
  }
  char *c = xmalloc(len + 1);
  memcpy(c, s, len);
  c[len] = '\0';
  v->s[v->n++] = c;
}

static void sents_free(sents *v) {
  for (size_t i = 0; i < v->n; i++)
    free(v->s[i]);
  free(v->s);
  memset(v, 0, sizeof *v);
}

/* Splits at line breaks and after ". " / "? " / "! " (good enough to make
 * variants; the detector has its own splitter). */
static void split(const char *t, sents *out) {
  const char *start = t;
  for (const char *p = t;; p++) {
    bool end = !*p || *p == '\n' ||
               ((*p == '.' || *p == '?' || *p == '!') && p[1] == ' ' &&
                p[2] >= 'A' && p[2] <= 'Z');
    if (!end)
      continue;
    const char *e = (*p == '\n' || !*p) ? p : p + 1;
    while (start < e && *start == ' ')
      start++;
    if (e > start)
      sents_push(out, start, (size_t)(e - start));
    if (!*p)
      break;
    start = p + 1;
  }
}

static void join(const sents *v, sl_buf *out) {
  sl_buf_clear(out);
  for (size_t i = 0; i < v->n; i++)
    if (sl_buf_puts(out, v->s[i]) != SL_OK || sl_buf_putc(out, '\n') != SL_OK)
      die_oom();
}

static size_t words(const char *t) {
  size_t n = 0;
  for (const char *p = t; *p; p++)
    n += (p == t || p[-1] == ' ' || p[-1] == '\n') && *p != ' ' && *p != '\n';
  return n;
}

/* The fingerprint of a text, every part of the bench uses it. */
static void fp_of(sl_dedup_fp *fp, const char *title, const char *text) {
  if (sl_dedup_fp_compute(fp, title, title ? strlen(title) : 0, text,
                          strlen(text)) != SL_OK)
    die_oom();
}

#include "dedup_semeval.c"
#include "dedup_speed.c"
#include "dedup_variants.c"

int main(int argc, char **argv) {
  /* a missing data file prints one skip line and is not a failure */
  if (argc >= 3 && strcmp(argv[1], "variants") == 0)
    return (void)cmd_variants(argv[2]), 0;
  if (argc >= 3 && strcmp(argv[1], "semeval") == 0)
    return (void)cmd_semeval(argv[2]), 0;
  if (argc >= 4 && strcmp(argv[1], "calibrate") == 0)
    return cmd_calibrate(argv[2], argv[3]);
  if (argc >= 3 && strcmp(argv[1], "speed") == 0)
    return (void)cmd_speed(argv[2], argc > 3 ? (size_t)atol(argv[3]) : 1000000),
           0;
  fprintf(stderr, "usage: bench_dedup variants DATA | semeval FILE | "
                  "speed DATA [N]\n");
  return 2;
}
