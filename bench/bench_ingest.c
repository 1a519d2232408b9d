/* storyline bench: ingest throughput and peak memory on one core.
 *   bench_ingest ingest [--store-only] DB FILE...
 *                                      time an ingest through the library
 *                                      (--store-only: parse, clean,
 *                                      normalise, tokenise, stem and store,
 *                                      no analysis stage)
 *   bench_ingest grow OUT MB FILE...   write a JSON Lines stream of about MB
 *                                      megabytes by varying real records */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <jansson.h>
#include <zlib.h>

#include "storyline/engine.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static void on_diag(void *ud, const sl_diag *d) {
  (void)ud;
  if (d->severity != SL_WARNING)
    fprintf(stderr, "bench: '%s' line %zu: %s\n", d->origin, d->line, d->msg);
}

static int cmd_ingest(const char *db, char **files, int nfiles,
                      bool store_only) {
  sl_engine *eng;
  sl_error err;
  if (sl_engine_open(db, NULL, &eng, &err) != SL_OK) {
    fprintf(stderr, "bench: %s\n", err.msg);
    return 1;
  }
  sl_ingest_opts o = {0};
  o.on_diag = on_diag;
  o.skip = store_only ? SL_STAGE_ALL : 0;
  sl_ingest_stats s;
  double t0 = now();
  sl_status st = sl_engine_ingest(eng, (const char *const *)files,
                                  (size_t)nfiles, &o, &s, &err);
  double dt = now() - t0;
  sl_engine_close(eng);
  if (st != SL_OK) {
    fprintf(stderr, "bench: %s\n", err.msg);
    return 1;
  }
  printf("articles=%" PRIu64 " seconds=%.3f articles_per_s=%.0f "
         "mb_per_s=%.1f input_mb=%.1f peak_rss_mb=%.1f\n",
         s.added, dt, (double)s.added / dt, (double)s.bytes / 1e6 / dt,
         (double)s.bytes / 1e6, (double)peak_rss_kb() / 1024.0);
  return 0;
}

/* Rotates the lines of `text` by `k` and drops line k % n, so that each copy
 * is a distinct, plausible article built from real sentences. */
static char *vary(const char *text, unsigned k) {
  size_t len = strlen(text), n = 1;
  for (size_t i = 0; i < len; i++)
    n += text[i] == '\n';
  const char **lines = malloc(n * sizeof *lines);
  size_t *lens = malloc(n * sizeof *lens);
  char *out = malloc(len + 32);
  size_t i = 0, o = 0;
  for (const char *p = text;; i++) {
    const char *nl = strchr(p, '\n');
    lines[i] = p;
    lens[i] = nl ? (size_t)(nl - p) : strlen(p);
    if (!nl)
      break;
    p = nl + 1;
  }
  for (size_t j = 0; j < n; j++) {
    size_t at = (j + k) % n;
    if (n > 2 && at == k % n)
      continue;
    memcpy(out + o, lines[at], lens[at]);
    o += lens[at];
    out[o++] = '\n';
  }
  o += (size_t)sprintf(out + o, "(%u)", k);
  out[o] = '\0';
  free(lines);
  free(lens);
  return out;
}

static int grow_from(FILE *out, const char *path, unsigned k, uint64_t *bytes,
                     uint64_t target) {
  gzFile in = gzopen(path, "rb");
  if (!in) {
    fprintf(stderr, "bench: cannot read '%s'\n", path);
    return 1;
  }
  static char line[1 << 20];
  while (*bytes < target && gzgets(in, line, sizeof line)) {
    json_t *rec = json_loads(line, 0, NULL);
    const char *text = json_string_value(json_object_get(rec, "text"));
    const char *id = json_string_value(json_object_get(rec, "id"));
    if (text && id) {
      char *v = vary(text, k), nid[256];
      snprintf(nid, sizeof nid, "%s~%u", id, k);
      json_object_set_new(rec, "text", json_string(v));
      json_object_set_new(rec, "id", json_string(nid));
      char *s = json_dumps(rec, JSON_COMPACT);
      *bytes += (uint64_t)fprintf(out, "%s\n", s);
      free(s);
      free(v);
    }
    json_decref(rec);
  }
  gzclose(in);
  return 0;
}

static int cmd_grow(const char *path, long mb, char **files, int nfiles) {
  FILE *out = fopen(path, "w");
  if (!out)
    return 1;
  uint64_t bytes = 0, target = (uint64_t)mb << 20;
  for (unsigned k = 0; bytes < target; k++)
    for (int f = 0; f < nfiles && bytes < target; f++)
      if (grow_from(out, files[f], k, &bytes, target))
        return fclose(out), 1;
  fclose(out);
  printf("wrote %.1f MB to %s\n", (double)bytes / 1e6, path);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 5 && strcmp(argv[1], "ingest") == 0 &&
      strcmp(argv[2], "--store-only") == 0)
    return cmd_ingest(argv[3], argv + 4, argc - 4, true);
  if (argc >= 4 && strcmp(argv[1], "ingest") == 0)
    return cmd_ingest(argv[2], argv + 3, argc - 3, false);
  if (argc >= 5 && strcmp(argv[1], "grow") == 0)
    return cmd_grow(argv[2], atol(argv[3]), argv + 4, argc - 4);
  fprintf(stderr, "usage: bench_ingest ingest [--store-only] DB FILE...\n"
                  "       bench_ingest grow OUT MB FILE...\n");
  return 2;
}
