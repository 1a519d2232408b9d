/* storyline CLI: `rebuild`, every article derived again from its raw bytes. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

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
  sl_ingest_opts o = {0};
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i]))
      return cli_help(&cmd_rebuild);
    if (strcmp(argv[i], "--no-wait") != 0)
      return cli_usage_error(&cmd_rebuild, "unexpected argument '%s'", argv[i]);
    o.no_wait = true;
  }
  sl_engine *eng = cli_open(c, false);
  if (!eng)
    return EXIT_SOME_FAILED;
  cli_progress p;
  cli_progress_init(&p);
  o.on_diag = on_diag;
  o.on_progress = on_progress;
  o.ud = &p;
  o.on_wait = cli_on_wait;
  o.cancel = cli_catch_signals();
  sl_ingest_stats s;
  sl_error err;
  sl_error_clear(&err);
  sl_status st = sl_engine_rebuild(eng, &o, &s, &err);
  sl_engine_close(eng);
  cli_progress_clear(&p);
  cli_diag_flush();
  int rc = cli_writer_stop(st, &err,
                           "nothing changed, the previous results "
                           "are kept");
  if (rc == EXIT_BUSY)
    return rc;
  if (rc < 0 && st != SL_OK) {
    cli_error("rebuild stopped: %s; nothing changed",
              err.msg[0] ? err.msg : sl_status_str(st));
    return EXIT_SOME_FAILED;
  }
  printf("rebuilt %" PRIu64 " articles from %" PRIu64 " raw records, "
         "rejected %" PRIu64 "\n",
         s.added, s.records, s.rejected);
  if (rc > 0)
    return rc;
  return s.rejected ? EXIT_SOME_FAILED : EXIT_OK;
}

const command cmd_rebuild = {
    "rebuild", run, "storyline rebuild [--no-wait]",
    "Derives every article again from the raw bytes kept in the database,\n"
    "with the current code, keeping article ids. It is one transaction:\n"
    "until it ends, readers see the previous results, and a crash, an error\n"
    "or SIGINT / SIGTERM (exit 130 / 143) leaves them in place.\n\n"
    "options:\n"
    "  --no-wait    fail at once (exit 3) when another ingest or rebuild is\n"
    "               writing the database, instead of waiting for it\n"};
