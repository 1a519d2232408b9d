/* storyline CLI: `rebuild`, every article derived again from its raw bytes. */
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"

static void on_diag(void *ud, const sl_diag *d) {
  cli_progress_clear(ud);
  cli_print_diag(NULL, d);
}

static void on_progress(void *ud, const sl_ingest_stats *s) {
  char counts[128];
  snprintf(counts, sizeof counts, "%" PRIu64 " of %" PRIu64 " raw records",
           s->records, s->total_records);
  cli_progress_show(ud, counts, s->records, s->total_records);
}

static int run(const cli *c, int argc, char **argv) {
  if (argc > 1 && cli_is_help(argv[1]))
    return cli_help(&cmd_rebuild);
  if (argc > 1)
    return cli_usage_error(&cmd_rebuild, "unexpected argument '%s'", argv[1]);
  sl_engine *eng = cli_open(c, false);
  if (!eng)
    return EXIT_SOME_FAILED;
  cli_progress p;
  cli_progress_init(&p);
  sl_ingest_opts o = {0};
  o.on_diag = on_diag;
  o.on_progress = on_progress;
  o.ud = &p;
  sl_ingest_stats s;
  sl_error err;
  sl_error_clear(&err);
  sl_status st = sl_engine_rebuild(eng, &o, &s, &err);
  sl_engine_close(eng);
  cli_progress_clear(&p);
  if (st != SL_OK) {
    cli_error("rebuild stopped: %s", err.msg[0] ? err.msg : sl_status_str(st));
    return EXIT_SOME_FAILED;
  }
  printf("rebuilt %" PRIu64 " articles from %" PRIu64 " raw records, "
         "rejected %" PRIu64 "\n",
         s.added, s.records, s.rejected);
  return s.rejected ? EXIT_SOME_FAILED : EXIT_OK;
}

const command cmd_rebuild = {
    "rebuild", run, "storyline rebuild",
    "Derives every article again from the raw bytes kept in the database,\n"
    "with the current code, keeping article ids.\n"};
