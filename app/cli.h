/* storyline CLI: what the command files share. Only app/ prints or exits. */
#ifndef SL_APP_CLI_H
#define SL_APP_CLI_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "storyline/engine.h"
#include "storyline/search.h"

/* Exit codes of the contract; an ingest or rebuild ended by a signal
 * exits 128 + its number (130 SIGINT, 143 SIGTERM). */
enum { EXIT_OK = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2, EXIT_BUSY = 3 };

typedef struct cli {
  const char *db;        /* --db, else STORYLINE_DB, else ./storyline.db */
  uint64_t max_db_bytes; /* STORYLINE_MAX_DB_BYTES, 0 when not set */
} cli;

typedef struct command {
  const char *name;
  int (*run)(const cli *c, int argc, char **argv); /* argv[0] = name */
  const char *usage;                               /* one line */
  const char *help;                                /* the rest */
} command;

extern const command cmd_ingest, cmd_articles, cmd_article, cmd_rebuild,
    cmd_extract, cmd_duplicates, cmd_stories, cmd_story, cmd_eval, cmd_dates,
    cmd_entities, cmd_train_ner, cmd_who, cmd_search, cmd_timeline;

/* Prints "storyline: MSG" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the usage error and a hint, and returns EXIT_USAGE. */
int cli_usage_error(const command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Reads `s` as a whole number in [min, max] into `*out`: decimal digits
 * only (no sign, space or suffix), no overflow. False when it is not one;
 * every number the CLI takes goes through it. */
bool cli_number(const char *s, uint64_t min, uint64_t max, uint64_t *out);
/* Whether `s` is YYYY-MM-DD naming a real calendar day; sets `*out`. */
bool cli_day(const char *s, sl_date *out);
/* The usage error for a value that cli_number refused: "invalid WHAT
 * 'VALUE': expected a whole number from MIN to MAX"; returns EXIT_USAGE. */
int cli_bad_number(const command *cmd, const char *what, const char *value,
                   uint64_t min, uint64_t max);
/* The usage error "option OPTION needs a value"; returns EXIT_USAGE. */
int cli_missing_value(const command *cmd, const char *option);
/* `s` (`n` bytes; NUL-ended for cli_esc) with its control characters
 * escaped for plain output: tab, newline, CR and ESC as \t \n \r \e, the
 * other C0 controls and DEL as \xHH, C1 controls as \u0080..\u009f.
 * NULL for NULL. The result lives in one of 8 buffers the CLI owns: valid
 * until the 8th call after, enough for one printf. */
const char *cli_escn(const char *s, size_t n);
const char *cli_esc(const char *s);
/* Writes a body text to stdout: its newlines kept (it is the text), other
 * control characters escaped as cli_escn does. */
void cli_put_text(const char *s, size_t n);
/* Whether argv[i] is -h or --help. */
bool cli_is_help(const char *arg);
/* Prints the command's help to stdout and returns EXIT_OK. */
int cli_help(const command *cmd);
/* Prints an ingest problem: "storyline: error: 'FILE' line N: MSG",
 * escaped. Past 20 problems in a row about one file, it counts them
 * instead; the count is printed as "'FILE': N more problems not shown"
 * when a problem about another file comes, or at cli_diag_flush. Fits
 * sl_ingest_opts.on_diag (ud unused). */
void cli_print_diag(void *ud, const sl_diag *d);
/* Prints the count of the problems not shown, if any; call it when the
 * ingest or rebuild ends. */
void cli_diag_flush(void);
/* Reads the whole of `path` ("-" or NULL: standard input; gzip is
 * decompressed) into a malloc'd, NUL-ended buffer the caller frees, its
 * length in `*len`. Past `max` bytes the input is cut there when
 * `truncate`, else NULL is returned; NULL too when it cannot be opened or
 * memory runs out. */
char *cli_read(const char *path, size_t max, bool truncate, size_t *len);
/* Parses the list filter option at argv[*i] (--since D, --until D,
 * --source S, --lang L, --limit N, also as --opt=V) into `f`, moving *i
 * past its value: EXIT_OK, EXIT_USAGE (printed) for a bad value, or -1
 * when argv[*i] is none of them. */
int cli_filter_opt(const command *cmd, int argc, char **argv, int *i,
                   sl_filter *f);
/* Prints the header row `row` when standard output is a terminal (never
 * into a pipe or a file, whose readers want the rows only). */
void cli_header(const char *row);
/* A progress line on standard error, shown only when it is a terminal. */
typedef struct cli_progress {
  bool tty, shown;
  double start; /* seconds, monotonic */
} cli_progress;
void cli_progress_init(cli_progress *p);
/* Rewrites the line: `counts`, then, when `total` is known (not 0), the
 * share `done` of it is and the time left at the pace so far. */
void cli_progress_show(cli_progress *p, const char *counts, uint64_t done,
                       uint64_t total);
/* Erases the line (before a message, or at the end). */
void cli_progress_clear(cli_progress *p);
/* Opens the engine, printing the error; NULL on failure. */
sl_engine *cli_open(const cli *c, bool read_only);
/* Makes SIGINT and SIGTERM ask a running ingest or rebuild to stop: the
 * returned flag (for sl_ingest_opts.cancel) becomes the signal's number. A
 * second signal ends the process at once. */
const volatile sig_atomic_t *cli_catch_signals(void);
/* Prints "waiting for another writer on 'DB'"; fits sl_ingest_opts.on_wait. */
void cli_on_wait(void *ud, const char *db);
/* For an ingest or rebuild that stopped with SL_EBUSY (another writer, and
 * --no-wait) or SL_ECANCELED by a signal: prints why ("interrupted by
 * SIGINT: " then `on_cancel`) and returns the exit status, EXIT_BUSY or
 * 128 + the signal. Any other status: prints nothing and returns -1. */
int cli_writer_stop(sl_status st, const sl_error *err, const char *on_cancel);
/* Closes `eng` (NULL: none) and returns the exit status for `st`, printing
 * the error (its message, else the status's name) when it failed. */
int cli_finish(sl_engine *eng, sl_status st, const sl_error *err);

#endif
