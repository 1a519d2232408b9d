/* storyline bench: one timeline from a database, with the weights given on
 * the command line, for the evaluation script (bench/timeline_eval.sh).
 *   bench_timeline DB FROM TO DATES PER_DATE [NAME=VALUE ...] [--time N]
 * prints the timeline as `storyline timeline --json` does; NAME is a field
 * of sl_timeline_tuning. --time N builds it N times and prints the median
 * wall time in ms instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "storyline/story.h"

static bool set_weight(sl_timeline_tuning *t, const char *arg) {
  const char *eq = strchr(arg, '=');
  if (!eq)
    return false;
  double v = atof(eq + 1);
  size_t n = (size_t)(eq - arg);
#define W(f)                                                                   \
  if (n == strlen(#f) && !strncmp(arg, #f, n)) {                               \
    t->f = (__typeof__(t->f))v;                                                \
    return true;                                                               \
  }
  W(same_day);
  W(published);
  W(relevance);
  W(lead);
  W(min_words);
  W(max_words);
  W(topic);
  W(support);
  W(unstated);
  W(personal);
  W(quoted);
  W(caption);
  W(merge);
  W(redundant);
  W(background);
  W(background_min);
#undef W
  return false;
}

static bool parse_day(const char *s, sl_date *d) {
  int y, m, dd;
  if (sscanf(s, "%d-%d-%d", &y, &m, &dd) != 3)
    return false;
  *d = (sl_date){(int16_t)y, (int8_t)m, (int8_t)dd};
  return true;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 6) {
    fprintf(stderr, "usage: bench_timeline DB FROM TO DATES PER_DATE "
                    "[NAME=VALUE ...] [--time N]\n");
    return 2;
  }
  sl_timeline_tuning t = sl_timeline_tuning_default();
  sl_timeline_opts o = {0};
  o.tuning = &t;
  o.dates = (size_t)atol(argv[4]);
  o.per_date = (size_t)atol(argv[5]);
  int runs = 0;
  if (!parse_day(argv[2], &o.from) || !parse_day(argv[3], &o.to))
    return fprintf(stderr, "bench_timeline: bad date\n"), 2;
  for (int i = 6; i < argc; i++) {
    if (!strcmp(argv[i], "--time") && i + 1 < argc)
      runs = atoi(argv[++i]);
    else if (!set_weight(&t, argv[i]))
      return fprintf(stderr, "bench_timeline: bad weight '%s'\n", argv[i]), 2;
  }
  sl_engine *eng = NULL;
  sl_error err;
  sl_error_clear(&err);
  sl_engine_opts eo = {0, true};
  if (sl_engine_open(argv[1], &eo, &eng, &err) != SL_OK)
    return fprintf(stderr, "bench_timeline: %s\n", err.msg), 1;
  double ms[64];
  int n = runs < 1 ? 1 : runs > 64 ? 64 : runs;
  sl_status st = SL_OK;
  char *json = NULL;
  for (int r = 0; r < n && st == SL_OK; r++) {
    sl_timeline tl;
    double t0 = now_ms();
    st = sl_engine_timeline(eng, &o, &tl, &err);
    ms[r] = now_ms() - t0;
    if (st == SL_OK && r == n - 1 && !runs)
      st = sl_timeline_to_json(&tl, &json);
    sl_timeline_release(&tl);
  }
  sl_engine_close(eng);
  if (st != SL_OK)
    return fprintf(stderr, "bench_timeline: %s\n", err.msg), 1;
  if (runs) {
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    printf("%.1f\n", ms[n / 2]);
  } else {
    puts(json);
  }
  free(json);
  return 0;
}
