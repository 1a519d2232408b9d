/* storyline pipeline: progress reports by the clock, and the size of an
 * ingest's input, so that a terminal can show a percentage and the time
 * left. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "pipeline/pipeline_int.h"

/* Twice a second: at least once a second on the screen, whatever the
 * scheduler does to one tick. */
enum { TICK_NS = 500 * 1000 * 1000 };

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void sl__progress_tick(const sl_ingest_opts *opts, const sl_ingest_stats *s,
                       int64_t *last_ns) {
  if (!opts || !opts->on_progress)
    return;
  int64_t now = now_ns();
  if (!*last_ns) {
    *last_ns = now; /* the first report comes after one tick */
    return;
  }
  if (now - *last_ns < TICK_NS)
    return;
  *last_ns = now;
  opts->on_progress(opts->ud, s);
}

static bool compressed(const char *path) {
  size_t n = strlen(path);
  return (n > 3 && strcmp(path + n - 3, ".gz") == 0) ||
         (n > 4 && strcmp(path + n - 4, ".tgz") == 0);
}

/* nftw keeps no user pointer: the walk's sum lives here, one walk at a
 * time (the engine is not shared across threads). */
static _Thread_local uint64_t walk_sum;
static _Thread_local bool walk_unknown;

static int add_file(const char *path, const struct stat *sb, int type,
                    struct FTW *ftw) {
  (void)ftw;
  if (type == FTW_F && S_ISREG(sb->st_mode)) {
    walk_unknown |= compressed(path);
    walk_sum += (uint64_t)sb->st_size;
  } else if (type == FTW_F || type == FTW_NS || type == FTW_SLN ||
             type == FTW_DNR) {
    walk_unknown = true;
  }
  return walk_unknown; /* stop at the first unknown size */
}

uint64_t sl__input_size(const char *const *paths, size_t n) {
  walk_sum = 0;
  walk_unknown = false;
  for (size_t i = 0; i < n && !walk_unknown; i++) {
    if (strcmp(paths[i], "-") == 0 || nftw(paths[i], add_file, 16, 0) != 0)
      walk_unknown = true;
  }
  return walk_unknown ? 0 : walk_sum;
}
