/* storyline CLI: `dates`, the temporal expressions of a text on standard
 * input, normalised against a creation date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "storyline/when.h"

enum { MAX_TEXT = 256 << 20 };

static void print_json(const char *text, const sl_timex *t) {
  json_t *o =
      json_pack("{s:I,s:I,s:s%,s:s,s:s,s:o}", "start", (json_int_t)t->start,
                "end", (json_int_t)t->end, "text", text + t->start,
                t->end - t->start, "type", sl_timex_type_str(t->type), "value",
                t->value, "mod", t->mod[0] ? json_string(t->mod) : json_null());
  char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  if (s)
    puts(s);
  free(s);
  json_decref(o);
}

/* One line per expression: start, end, type, value, mod (or -), text. */
static void print_plain(const char *text, const sl_timex *t) {
  printf("%zu\t%zu\t%s\t%s\t%s\t", t->start, t->end, sl_timex_type_str(t->type),
         t->value, t->mod[0] ? t->mod : "-");
  /* Line breaks and tabs read as spaces; other controls are escaped. */
  for (size_t i = t->start; i < t->end;) {
    size_t run = 0;
    while (i + run < t->end && text[i + run] != '\n' && text[i + run] != '\t')
      run++;
    fputs(cli_escn(text + i, run), stdout);
    i += run;
    if (i < t->end) {
      putchar(' ');
      i++;
    }
  }
  putchar('\n');
}

static int run(const cli *c, int argc, char **argv) {
  (void)c;
  bool json = false;
  sl_date dct = {0, 0, 0};
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i]))
      return cli_help(&cmd_dates);
    if (strcmp(argv[i], "--json") == 0)
      json = true;
    else if (strcmp(argv[i], "--dct") == 0 && i + 1 < argc) {
      if (!cli_day(argv[++i], &dct))
        return cli_usage_error(&cmd_dates, "bad --dct '%s': want YYYY-MM-DD",
                               argv[i]);
    } else if (strcmp(argv[i], "--dct") == 0)
      return cli_missing_value(&cmd_dates, "--dct");
    else
      return cli_usage_error(&cmd_dates, "unexpected argument '%s'", argv[i]);
  }
  size_t len;
  char *text = cli_read("-", MAX_TEXT, true, &len);
  if (!text) {
    cli_error("cannot read standard input");
    return EXIT_SOME_FAILED;
  }
  sl_timex_list l;
  sl_status st = sl_when_find(text, len, dct, &l);
  if (st != SL_OK) {
    cli_error("cannot find dates: %s", sl_status_str(st));
    free(text);
    return EXIT_SOME_FAILED;
  }
  for (size_t i = 0; i < l.count; i++)
    json ? print_json(text, &l.items[i]) : print_plain(text, &l.items[i]);
  sl_timex_list_release(&l);
  free(text);
  return EXIT_OK;
}

const command cmd_dates = {
    "dates", run, "storyline dates [--dct YYYY-MM-DD] [--json]",
    "Reads text on standard input and prints every temporal expression in\n"
    "it, one per line: byte offsets (start inclusive, end exclusive), type\n"
    "(DATE, TIME, DURATION, SET), TIMEX3 value, modifier (- for none) and\n"
    "the text. Relative expressions (\"on Friday\", \"three months ago\")\n"
    "resolve against --dct, the document creation date; without it they\n"
    "keep X (\"XXXX-XX-XX\"). With --json prints JSON Lines:\n"
    "{start, end, text, type, value, mod}.\n"};
