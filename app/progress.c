/* storyline CLI: the progress line of long runs (ingest, rebuild) on a
 * terminal: counts, and a percentage with the time left when the run's
 * size is known. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_init(cli_progress *p) {
  p->tty = isatty(STDERR_FILENO) != 0;
  p->shown = false;
  p->start = now_s();
}

void cli_progress_show(cli_progress *p, const char *counts, uint64_t done,
                       uint64_t total) {
  if (!p->tty)
    return;
  fprintf(stderr, "\r\033[K%s", counts);
  if (total && done) {
    double frac = (double)done / (double)total;
    if (frac > 0.999)
      frac = 0.999; /* the total was an estimate: never claim the end */
    double left = (now_s() - p->start) * (1 - frac) / frac;
    unsigned s = (unsigned)(left + 0.5);
    if (s >= 3600)
      fprintf(stderr, " - %.1f%%, %uh%02um left", frac * 100, s / 3600,
              s / 60 % 60);
    else
      fprintf(stderr, " - %.1f%%, %um%02us left", frac * 100, s / 60, s % 60);
  }
  p->shown = true;
}

void cli_progress_clear(cli_progress *p) {
  if (p->shown)
    fputs("\r\033[K", stderr);
  p->shown = false;
}
