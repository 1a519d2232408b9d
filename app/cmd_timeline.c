/* storyline CLI: `timeline`, the dates of a story (or a storyline, a
 * query, every article) and what happened on each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "storyline/story.h"

typedef struct args {
  sl_timeline_opts o;
  bool json;
} args;

/* One option with its value; EXIT_OK, or the usage error's status. */
static int option(args *a, const char *name, const char *v) {
  uint64_t n;
  if (!v)
    return cli_usage_error(&cmd_timeline, "%s needs a value", name);
  if (!strcmp(name, "--query"))
    a->o.query = v;
  else if (!strcmp(name, "--from") || !strcmp(name, "--to")) {
    if (!cli_day(v, name[2] == 'f' ? &a->o.from : &a->o.to))
      return cli_usage_error(&cmd_timeline,
                             "invalid date '%s' for %s (expected YYYY-MM-DD)",
                             v, name);
  } else if (!cli_number(v, 1, INT64_MAX, &n))
    return cli_usage_error(
        &cmd_timeline, "invalid %s '%s' (expected a positive number)", name, v);
  else if (!strcmp(name, "--story"))
    a->o.story = (int64_t)n;
  else if (!strcmp(name, "--storyline"))
    a->o.storyline = (int64_t)n;
  else if (!strcmp(name, "--dates"))
    a->o.dates = (size_t)n;
  else
    a->o.per_date = (size_t)n;
  return EXIT_OK;
}

static int parse(int argc, char **argv, args *a) {
  static const char *const valued[] = {"--story",   "--storyline", "--query",
                                       "--from",    "--to",        "--dates",
                                       "--per-date"};
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i]))
      return cli_help(&cmd_timeline), -1;
    if (!strcmp(argv[i], "--json")) {
      a->json = true;
      continue;
    }
    size_t k = 0;
    while (k < sizeof valued / sizeof *valued &&
           strcmp(argv[i], valued[k]) != 0)
      k++;
    if (k == sizeof valued / sizeof *valued)
      return cli_usage_error(&cmd_timeline, "unexpected argument '%s'",
                             argv[i]);
    int rc = option(a, argv[i], i + 1 < argc ? argv[i + 1] : NULL);
    if (rc)
      return rc;
    i++;
  }
  if ((a->o.story != 0) + (a->o.storyline != 0) + (a->o.query != NULL) > 1)
    return cli_usage_error(&cmd_timeline,
                           "give one of --story, --storyline and --query");
  return EXIT_OK;
}

/* "(bbc, reuters)": each outlet once, the ref when there is no outlet. */
static void print_outlets(const sl_tl_sentence *s) {
  fputs(" (", stdout);
  for (size_t i = 0; i < s->n_sources; i++) {
    const sl_tl_source *x = &s->sources[i];
    const char *name = x->outlet[0] ? x->outlet : x->ref;
    bool seen = false;
    for (size_t k = 0; k < i && !seen; k++) {
      const sl_tl_source *y = &s->sources[k];
      seen = !strcmp(name, y->outlet[0] ? y->outlet : y->ref);
    }
    if (!seen)
      printf("%s%s", i ? ", " : "", name);
  }
  fputs(")\n", stdout);
}

static void print_plain(const sl_timeline *tl) {
  for (size_t i = 0; i < tl->n_entries; i++) {
    const sl_tl_entry *e = &tl->entries[i];
    char date[11];
    sl_date_format(e->date, date);
    if (i == tl->n_entries - tl->n_background)
      puts("background:");
    for (size_t k = 0; k < e->n_sentences; k++) {
      printf("%-10s  %s",
             k           ? ""
             : e->period ? e->period
                         : date,
             e->sentences[k].text);
      print_outlets(&e->sentences[k]);
    }
  }
}

static int run(const cli *c, int argc, char **argv) {
  args a = {{0}, false};
  int rc = parse(argc, argv, &a);
  if (rc)
    return rc < 0 ? EXIT_OK : rc;
  sl_engine *eng = cli_open(c, true);
  if (!eng)
    return EXIT_SOME_FAILED;
  sl_error err;
  sl_error_clear(&err);
  sl_timeline tl;
  sl_status st = sl_engine_timeline(eng, &a.o, &tl, &err);
  char *json = NULL;
  if (st == SL_OK && a.json && (st = sl_timeline_to_json(&tl, &json)) == SL_OK)
    puts(json);
  else if (st == SL_OK)
    print_plain(&tl);
  free(json);
  sl_timeline_release(&tl);
  return cli_finish(eng, st, &err);
}

const command cmd_timeline = {
    "timeline", run,
    "storyline timeline [--story ID | --storyline ID | --query Q] [--from D] "
    "[--to D] [--dates N] [--per-date K] [--json]",
    "Prints the dates of a story and what happened on each: sentences\n"
    "chosen across its articles, anchored to the day they state (\"on\n"
    "Tuesday\", \"March 3\"), else to their article's date. Sentences of\n"
    "different articles that say the same thing are one, with every outlet\n"
    "that says it. Days that many articles point to come first; months,\n"
    "years and days stated before the articles begin are listed after the\n"
    "timeline as background.\n\n"
    "  --story ID      the articles of one story\n"
    "  --storyline ID  a story and its related stories\n"
    "  --query Q       the articles whose title or text holds every word of Q\n"
    "                  (no selector: every article)\n"
    "  --from D, --to D  publication dates bounding the articles and the\n"
    "                  timeline (YYYY-MM-DD)\n"
    "  --dates N       N dates (default: chosen from the material)\n"
    "  --per-date K    at most K sentences a date (default 2)\n"
    "  --json          {\"entries\": [{\"date\", \"stated\", \"sentences\":\n"
    "                  [{\"text\", \"sources\": [{\"id\", \"ref\", "
    "\"outlet\"}]}]}]};\n"
    "                  background entries add \"background\": true, "
    "\"period\"\n"};
