/* storyline CLI: `articles` (a list) and `article` (one, whole). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

/* The field escaped for plain output, or "-" when it is empty. */
static const char *or_dash(const char *s) {
  return s && *s ? cli_esc(s) : "-";
}

static int print_row(void *ud, const sl_article *a) {
  bool json = *(bool *)ud;
  if (json) {
    char *s;
    if (sl_article_to_json(a, false, &s) != SL_OK)
      return 1;
    puts(s);
    free(s);
    return 0;
  }
  char date[11];
  sl_date_format(a->date, date);
  printf("%" PRId64 "\t%s\t%s\t%s\t%s\n", a->id, or_dash(date),
         or_dash(a->language), or_dash(a->source),
         or_dash(a->title && *a->title ? a->title : a->ref));
  return 0;
}

/* Parses [--json], [--removed] and [--dates] (when `removed` is not NULL)
 * and up to `npos` positional arguments. */
static int parse(const command *cmd, int argc, char **argv, bool *json,
                 bool *removed, bool *dates, char **pos, int npos) {
  int n = 0;
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      cli_help(cmd);
      return -1; /* done: the caller exits 0 */
    }
    if (strcmp(argv[i], "--json") == 0)
      *json = true;
    else if (removed && strcmp(argv[i], "--removed") == 0)
      *removed = true;
    else if (dates && strcmp(argv[i], "--dates") == 0)
      *dates = true;
    else if (argv[i][0] == '-' && argv[i][1])
      return cli_usage_error(cmd, "invalid option '%s'", argv[i]);
    else if (n < npos)
      pos[n++] = argv[i];
    else
      return cli_usage_error(cmd, "unexpected argument '%s'", argv[i]);
  }
  if (n < npos)
    return cli_usage_error(cmd, "missing argument");
  return EXIT_OK;
}

/* Parses the list filters (cli_filter_opt), [--json] and --help. */
static int parse_list(int argc, char **argv, bool *json, sl_filter *f) {
  for (int i = 1; i < argc; i++) {
    int rc = cli_filter_opt(&cmd_articles, argc, argv, &i, f);
    if (rc >= 0 && rc != EXIT_OK)
      return rc;
    if (rc >= 0)
      continue;
    if (cli_is_help(argv[i])) {
      cli_help(&cmd_articles);
      return -1;
    }
    if (strcmp(argv[i], "--json") != 0)
      return cli_usage_error(&cmd_articles, "%s '%s'",
                             argv[i][0] == '-' ? "invalid option"
                                               : "unexpected argument",
                             argv[i]);
    *json = true;
  }
  return EXIT_OK;
}

static int run_articles(const cli *c, int argc, char **argv) {
  bool json = false;
  sl_filter f = {0};
  int rc = parse_list(argc, argv, &json, &f);
  if (rc)
    return rc < 0 ? EXIT_OK : rc;
  sl_engine *eng = cli_open(c, true);
  if (!eng)
    return EXIT_SOME_FAILED;
  sl_error err;
  sl_error_clear(&err);
  if (!json)
    cli_header("id\tdate\tlang\tsource\ttitle");
  sl_status st = sl_engine_articles_where(eng, &f, print_row, &json, &err);
  return cli_finish(eng, st, &err);
}

static void print_article(const sl_article *a) {
  char date[11];
  sl_date_format(a->date, date);
  printf("id:       %" PRId64 "\n", a->id);
  printf("ref:      %s\n", or_dash(a->ref));
  printf("title:    %s\n", or_dash(a->title));
  printf("author:   %s\n", or_dash(a->author));
  if (date[0])
    printf("date:     %s (%s%s)\n", date, a->date_origin,
           a->date_confidence < 1 ? ", inferred" : "");
  else
    printf("date:     -\n");
  printf("source:   %s\n", or_dash(a->source));
  printf("url:      %s\n", or_dash(a->url));
  printf("language: %s\n\n", or_dash(a->language));
  if (a->text)
    cli_put_text(a->text, strlen(a->text));
  putchar('\n');
}

static int print_removed_line(void *ud, const char *reason, const char *text,
                              size_t len) {
  json_t *list = ud;
  if (!list) {
    printf("%s\t%s\n", reason, cli_escn(text, len));
    return 0;
  }
  json_t *o = json_pack("{s:s, s:s%}", "reason", reason, "text", text, len);
  return o ? json_array_append_new(list, o) : 1;
}

/* Prints one JSON object {id, ref, KEY: list} for an article's list
 * (`article ID --removed` or `--dates` with --json). */
static sl_status print_listed(const sl_article *a, const char *key,
                              json_t *list) {
  json_t *o = json_pack("{s:I, s:s, s:O}", "id", (json_int_t)a->id, "ref",
                        a->ref ? a->ref : "", key, list);
  char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  sl_status st = s ? SL_OK : SL_ENOMEM;
  if (s)
    puts(s);
  free(s);
  json_decref(o);
  return st;
}

/* `article ID --removed`: what cleaning took out, as lines or one JSON
 * object {id, ref, removed: [{reason, text}]}. */
static sl_status print_removed(sl_engine *eng, const sl_article *a, bool json,
                               sl_error *err) {
  json_t *list = json ? json_array() : NULL;
  if (json && !list)
    return SL_ENOMEM;
  sl_status st = sl_engine_removed(eng, a->id, print_removed_line, list, err);
  if (st == SL_OK && json)
    st = print_listed(a, "removed", list);
  json_decref(list);
  return st;
}

typedef struct dates_out {
  const sl_article *a;
  json_t *list; /* NULL: text lines */
} dates_out;

static int print_anchor(void *ud, const sl_anchor *x) {
  dates_out *d = ud;
  char date[11];
  sl_date_format(x->date, date);
  const char *sentence = d->a->text + x->start;
  int slen = (int)(x->end - x->start);
  if (!d->list) {
    printf("%s\t%s\t%s\t%s\n", date[0] ? date : "-",
           x->value ? cli_esc(x->value) : "-",
           x->expr ? cli_escn(x->expr, x->expr_len) : "-",
           cli_escn(sentence, (size_t)slen));
    return 0;
  }
  json_t *o = json_pack(
      "{s:I, s:I, s:o, s:o, s:o}", "start", (json_int_t)x->start, "end",
      (json_int_t)x->end, "date", date[0] ? json_string(date) : json_null(),
      "expr", x->expr ? json_stringn(x->expr, x->expr_len) : json_null(),
      "value", x->value ? json_string(x->value) : json_null());
  return o ? json_array_append_new(d->list, o) : 1;
}

/* `article ID --dates`: each sentence's anchor date, as lines (date,
 * value, expression, sentence) or one JSON object {id, ref, anchors}. */
static sl_status print_dates(sl_engine *eng, const sl_article *a, bool json,
                             sl_error *err) {
  dates_out d = {a, json ? json_array() : NULL};
  sl_status st = sl_engine_anchors(eng, a->id, print_anchor, &d, err);
  if (st == SL_OK && json)
    st = print_listed(a, "anchors", d.list);
  json_decref(d.list);
  return st;
}

static sl_status print_whole(const sl_article *a, bool json) {
  if (!json) {
    print_article(a);
    return SL_OK;
  }
  char *s = NULL;
  sl_status st = sl_article_to_json(a, true, &s);
  if (st == SL_OK)
    puts(s);
  free(s);
  return st;
}

static int run_article(const cli *c, int argc, char **argv) {
  bool json = false, removed = false, dates = false;
  char *which = NULL;
  int rc = parse(&cmd_article, argc, argv, &json, &removed, &dates, &which, 1);
  if (rc)
    return rc < 0 ? EXIT_OK : rc;
  sl_engine *eng = cli_open(c, true);
  if (!eng)
    return EXIT_SOME_FAILED;
  sl_article a;
  sl_article_init(&a);
  sl_error err;
  sl_error_clear(&err);
  sl_status st = sl_engine_article(eng, which, &a, &err);
  if (st == SL_OK)
    st = removed ? print_removed(eng, &a, json, &err)
         : dates ? print_dates(eng, &a, json, &err)
                 : print_whole(&a, json);
  sl_article_release(&a);
  return cli_finish(eng, st, &err);
}

const command cmd_articles = {
    "articles", run_articles,
    "storyline articles [--since D] [--until D] [--source S] [--lang L] "
    "[--limit N] [--json]",
    "Lists the stored articles in id order: id, date, language, source and\n"
    "title (tab-separated, with a header row on a terminal), or with --json\n"
    "one JSON object per line.\n\n"
    "  --since D   articles published on or after D (YYYY-MM-DD)\n"
    "  --until D   articles published on or before D\n"
    "  --source S  articles from outlet S\n"
    "  --lang L    articles in language L (ISO 639-1)\n"
    "  --limit N   the first N articles only\n"};

const command cmd_article = {
    "article", run_article,
    "storyline article ID|REF [--json] [--removed] [--dates]",
    "Shows one article, by numeric id or by ref (the record's id, else its\n"
    "file path), with its text. --json prints one JSON object. --removed\n"
    "shows instead what cleaning took out of the text (captions, repeated\n"
    "paragraphs, widget leftovers, bylines, credits, boilerplate), one line\n"
    "each with its reason. --dates shows each sentence's anchor date: the\n"
    "date it states (with the expression and its TIMEX3 value), else the\n"
    "article's date.\n"};
