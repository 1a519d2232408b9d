/* storyline CLI: what the command files share. Only app/ prints or exits. */
#ifndef SL_APP_CLI_H
#define SL_APP_CLI_H

#include <stdbool.h>

#include "storyline/engine.h"

/* Exit codes of the contract. */
enum { EXIT_OK = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

typedef struct cli {
  const char *db; /* --db, else STORYLINE_DB, else ./storyline.db */
} cli;

typedef struct command {
  const char *name;
  int (*run)(const cli *c, int argc, char **argv); /* argv[0] = name */
  const char *usage;                               /* one line */
  const char *help;                                /* the rest */
} command;

extern const command cmd_ingest, cmd_articles, cmd_article, cmd_rebuild,
    cmd_extract, cmd_duplicates, cmd_stories, cmd_story, cmd_eval, cmd_dates,
    cmd_entities, cmd_train_ner, cmd_who, cmd_timeline;

/* Prints "storyline: MSG" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the usage error and a hint, and returns EXIT_USAGE. */
int cli_usage_error(const command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Whether argv[i] is -h or --help. */
bool cli_is_help(const char *arg);
/* Prints the command's help to stdout and returns EXIT_OK. */
int cli_help(const command *cmd);
/* Prints an ingest problem: "storyline: error: 'FILE' line N: MSG".
 * Fits sl_ingest_opts.on_diag (ud unused). */
void cli_print_diag(void *ud, const sl_diag *d);
/* Reads the whole of `path` ("-" or NULL: standard input; gzip is
 * decompressed) into a malloc'd, NUL-ended buffer the caller frees, its
 * length in `*len`. Past `max` bytes the input is cut there when
 * `truncate`, else NULL is returned; NULL too when it cannot be opened or
 * memory runs out. */
char *cli_read(const char *path, size_t max, bool truncate, size_t *len);
/* Opens the engine, printing the error; NULL on failure. */
sl_engine *cli_open(const cli *c, bool read_only);
/* Closes `eng` (NULL: none) and returns the exit status for `st`, printing
 * the error (its message, else the status's name) when it failed. */
int cli_finish(sl_engine *eng, sl_status st, const sl_error *err);

#endif
