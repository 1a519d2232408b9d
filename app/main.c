/* storyline CLI: global options and command dispatch. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const command *const commands[] = {
    &cmd_ingest,     &cmd_articles, &cmd_article, &cmd_rebuild,  &cmd_extract,
    &cmd_duplicates, &cmd_stories,  &cmd_story,   &cmd_timeline, &cmd_eval,
    &cmd_dates,      &cmd_entities, &cmd_who,     &cmd_train_ner, &cmd_search};
enum { NCOMMANDS = sizeof commands / sizeof commands[0] };

static void vsay(const char *fmt, va_list ap) {
  fputs("storyline: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

void cli_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsay(fmt, ap);
  va_end(ap);
}

int cli_usage_error(const command *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsay(fmt, ap);
  va_end(ap);
  if (cmd)
    fprintf(stderr, "usage: %s\n", cmd->usage);
  fprintf(stderr, "Try 'storyline %s%s--help' for more information.\n",
          cmd ? cmd->name : "", cmd ? " " : "");
  return EXIT_USAGE;
}

bool cli_is_help(const char *arg) {
  return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int cli_help(const command *cmd) {
  printf("usage: %s\n\n%s", cmd->usage, cmd->help);
  return EXIT_OK;
}

sl_engine *cli_open(const cli *c, bool read_only) {
  sl_engine_opts opts = {0};
  opts.read_only = read_only;
  opts.max_db_bytes = c->max_db_bytes;
  sl_engine *eng = NULL;
  sl_error err;
  sl_error_clear(&err);
  if (sl_engine_open(c->db, &opts, &eng, &err) != SL_OK) {
    cli_error("%s", err.msg);
    return NULL;
  }
  return eng;
}

int cli_finish(sl_engine *eng, sl_status st, const sl_error *err) {
  if (eng)
    sl_engine_close(eng);
  if (st == SL_OK)
    return EXIT_OK;
  cli_error("%s", err->msg[0] ? err->msg : sl_status_str(st));
  return EXIT_SOME_FAILED;
}

static volatile sig_atomic_t caught;

static void on_signal(int sig) {
  caught = sig;
}

const volatile sig_atomic_t *cli_catch_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  /* Reads restart (a file is not cut short by a signal); the second
   * signal finds the default action back and ends the process. */
  sa.sa_flags = SA_RESTART | SA_RESETHAND;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  return &caught;
}

void cli_on_wait(void *ud, const char *db) {
  (void)ud;
  cli_error("waiting for another writer on '%s'", db);
}

int cli_writer_stop(sl_status st, const sl_error *err, const char *on_cancel) {
  if (st == SL_ECANCELED && caught) {
    cli_error("interrupted by %s: %s", caught == SIGINT ? "SIGINT" : "SIGTERM",
              on_cancel);
    return 128 + caught;
  }
  if (st != SL_EBUSY)
    return -1;
  cli_error("%s (--no-wait)", err->msg[0] ? err->msg : sl_status_str(st));
  return EXIT_BUSY;
}

static void print_main_help(void) {
  printf("usage: storyline [--db PATH] COMMAND [ARGS]\n"
         "       storyline --help | --version | COMMAND --help\n\n"
         "storyline turns a stream of news articles into stories.\n\n"
         "commands:\n");
  for (size_t i = 0; i < NCOMMANDS; i++)
    printf("  %s\n", commands[i]->usage + strlen("storyline "));
  printf("\noptions:\n"
         "  --db PATH   the database (default: $STORYLINE_DB, else "
         "./storyline.db)\n"
         "  --help      this help\n"
         "  --version   the version\n\n"
         "environment:\n"
         "  STORYLINE_DB            the database, when --db is not given\n"
         "  STORYLINE_MAX_DB_BYTES  a cap on the database size\n\n"
         "exit status: 0 success, 1 some inputs rejected or a command "
         "failed, 2 usage error,\n"
         "3 another ingest or rebuild is writing the database (--no-wait),\n"
         "130 / 143 an ingest or rebuild ended by SIGINT / SIGTERM\n");
}

static const command *find_command(const char *name) {
  for (size_t i = 0; i < NCOMMANDS; i++)
    if (strcmp(commands[i]->name, name) == 0)
      return commands[i];
  return NULL;
}

int main(int argc, char **argv) {
  cli c = {getenv("STORYLINE_DB"), 0};
  if (!c.db || !*c.db)
    c.db = "storyline.db";
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (cli_is_help(argv[i])) {
      print_main_help();
      return EXIT_OK;
    } else if (strcmp(argv[i], "--version") == 0) {
      printf("storyline %s\n", sl_version());
      return EXIT_OK;
    } else if (strcmp(argv[i], "--db") == 0) {
      if (i + 1 == argc)
        return cli_missing_value(NULL, "--db");
      c.db = argv[++i];
    } else if (strncmp(argv[i], "--db=", 5) == 0) {
      c.db = argv[i] + 5;
    } else {
      return cli_usage_error(NULL, "unknown option '%s'", argv[i]);
    }
  }
  if (i == argc)
    return cli_usage_error(NULL, "no command given");
  const command *cmd = find_command(argv[i]);
  if (!cmd)
    return cli_usage_error(NULL, "unknown command '%s'", argv[i]);
  if (!*c.db)
    return cli_usage_error(NULL, "empty database path");
  const char *max = getenv("STORYLINE_MAX_DB_BYTES");
  if (max && *max && !cli_number(max, 0, UINT64_MAX, &c.max_db_bytes))
    return cli_bad_number(NULL, "STORYLINE_MAX_DB_BYTES", max, 0, UINT64_MAX);
  return cmd->run(&c, argc - i, argv + i);
}
