/* storyline CLI: the list filters that `articles`, `stories` and `search`
 * share (--since, --until, --source, --lang, --limit), and the header row
 * a terminal gets. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* The value of option `name` at argv[*i] ("--name V" or "--name=V"), or
 * NULL when argv[*i] is not that option; *i moves past the value. */
static const char *value_of(const char *name, int argc, char **argv, int *i,
                            bool *missing) {
  size_t n = strlen(name);
  const char *a = argv[*i];
  if (strncmp(a, name, n) != 0)
    return NULL;
  if (a[n] == '=')
    return a + n + 1;
  if (a[n])
    return NULL;
  if (*i + 1 >= argc) {
    *missing = true;
    return NULL;
  }
  return argv[++*i];
}

static int parse_limit(const command *cmd, const char *v, size_t *out) {
  errno = 0;
  char *end;
  long long n = strtoll(v, &end, 10);
  if (errno || end == v || *end || n < 0)
    return cli_usage_error(cmd, "invalid limit '%s' (expected a count)", v);
  *out = (size_t)n;
  return EXIT_OK;
}

static int parse_date(const command *cmd, const char *v, sl_date *out) {
  sl_error err;
  sl_error_clear(&err);
  if (sl_filter_date(v, out, &err) != SL_OK)
    return cli_usage_error(cmd, "%s", err.msg);
  return EXIT_OK;
}

int cli_filter_opt(const command *cmd, int argc, char **argv, int *i,
                   sl_filter *f) {
  static const char *const names[] = {"--since", "--until", "--source",
                                      "--lang", "--limit"};
  for (int k = 0; k < 5; k++) {
    bool missing = false;
    const char *v = value_of(names[k], argc, argv, i, &missing);
    if (missing)
      return cli_usage_error(cmd, "option '%s' needs a value", names[k]);
    if (!v)
      continue;
    switch (k) {
    case 0:
      return parse_date(cmd, v, &f->since);
    case 1:
      return parse_date(cmd, v, &f->until);
    case 2:
      f->source = v;
      return EXIT_OK;
    case 3:
      f->lang = v;
      return EXIT_OK;
    default:
      return parse_limit(cmd, v, &f->limit);
    }
  }
  return -1;
}

void cli_header(const char *row) {
  if (isatty(STDOUT_FILENO))
    printf("%s\n", row);
}
