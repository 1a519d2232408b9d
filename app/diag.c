/* storyline CLI: ingest problems on stderr, capped per input file so one
 * broken feed cannot bury the rest of a batch's report. The library
 * reports every problem (and counts them in the stats); only the printing
 * stops. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { SHOWN_PER_FILE = 20 };

static struct {
  char *origin; /* the file the last problems were about */
  size_t shown, hidden;
} cur;

void cli_diag_flush(void) {
  if (cur.hidden && cur.origin)
    fprintf(stderr, "storyline: '%s': %zu more problem%s not shown\n",
            cli_esc(cur.origin), cur.hidden, cur.hidden == 1 ? "" : "s");
  free(cur.origin);
  memset(&cur, 0, sizeof cur);
}

void cli_print_diag(void *ud, const sl_diag *d) {
  (void)ud;
  if (!cur.origin || strcmp(cur.origin, d->origin) != 0) {
    cli_diag_flush();
    cur.origin = strdup(d->origin);
  }
  if (cur.shown++ >= SHOWN_PER_FILE) {
    cur.hidden++;
    return;
  }
  const char *kind = d->severity == SL_WARNING ? "warning" : "error";
  if (d->line)
    fprintf(stderr, "storyline: %s: '%s' line %zu: %s\n", kind,
            cli_esc(d->origin), d->line, cli_esc(d->msg));
  else
    fprintf(stderr, "storyline: %s: '%s': %s\n", kind, cli_esc(d->origin),
            cli_esc(d->msg));
}
