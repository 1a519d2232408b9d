/* storyline CLI: `stories`, `story ID` and `eval clusters`. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

static int story_json(const sl_story *s) {
  char first[11], last[11];
  sl_date_format(s->first, first);
  sl_date_format(s->last, last);
  json_t *o = json_object(), *ids = json_array(), *refs = json_array();
  for (size_t i = 0; i < s->n_articles; i++) {
    json_array_append_new(ids, json_integer(s->articles[i]));
    json_array_append_new(refs, json_string(s->refs[i]));
  }
  json_t *related = s->related ? json_loads(s->related, 0, NULL) : NULL;
  json_object_set_new(o, "id", json_integer(s->id));
  json_object_set_new(o, "title",
                      s->title ? json_string(s->title) : json_null());
  json_object_set_new(o, "first_date",
                      first[0] ? json_string(first) : json_null());
  json_object_set_new(o, "last_date",
                      last[0] ? json_string(last) : json_null());
  json_object_set_new(o, "size", json_integer(s->size));
  json_object_set_new(o, "live", json_boolean(s->live));
  json_object_set_new(o, "articles", ids);
  json_object_set_new(o, "refs", refs);
  json_object_set_new(o, "related", related ? related : json_array());
  json_t *ents = s->entities ? json_loads(s->entities, 0, NULL) : NULL;
  json_t *quotes = s->quotes ? json_loads(s->quotes, 0, NULL) : NULL;
  if (ents)
    json_object_set_new(o, "entities", ents);
  if (quotes)
    json_object_set_new(o, "quotes", quotes);
  char *out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                JSON_REAL_PRECISION(3));
  json_decref(o);
  if (!out)
    return 1;
  puts(out);
  free(out);
  return 0;
}

static int print_story(void *ud, const sl_story *s) {
  if (*(bool *)ud)
    return story_json(s);
  char first[11], last[11];
  sl_date_format(s->first, first);
  sl_date_format(s->last, last);
  printf("%" PRId64 "\t%s\t%s\t%" PRId64 "\t%s\n", s->id,
         first[0] ? first : "-", last[0] ? last : "-", s->size,
         s->title ? cli_esc(s->title) : "-");
  return 0;
}

/* Parses the list filters, --sort recent|size, [--json] and --help. */
static int parse_list(int argc, char **argv, bool *json, sl_filter *f,
                      sl_story_sort *sort) {
  for (int i = 1; i < argc; i++) {
    int rc = cli_filter_opt(&cmd_stories, argc, argv, &i, f);
    if (rc >= 0 && rc != EXIT_OK)
      return rc;
    if (rc >= 0)
      continue;
    if (cli_is_help(argv[i])) {
      cli_help(&cmd_stories);
      return -1;
    }
    if (strcmp(argv[i], "--sort") == 0 && i + 1 < argc) {
      const char *v = argv[++i];
      if (strcmp(v, "recent") && strcmp(v, "size") && strcmp(v, "id"))
        return cli_usage_error(
            &cmd_stories, "invalid sort '%s' (expected recent or size)", v);
      *sort = v[0] == 'r'   ? SL_SORT_RECENT
              : v[0] == 's' ? SL_SORT_SIZE
                            : SL_SORT_ID;
    } else if (strcmp(argv[i], "--json") == 0) {
      *json = true;
    } else {
      return cli_usage_error(&cmd_stories, "%s '%s'",
                             argv[i][0] == '-' ? "invalid option"
                                               : "unexpected argument",
                             argv[i]);
    }
  }
  return EXIT_OK;
}

/* Parses [--json] and up to `npos` positional arguments. */
static int parse(const command *cmd, int argc, char **argv, bool *json,
                 char **pos, int npos) {
  int n = 0;
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      cli_help(cmd);
      return -1;
    }
    if (strcmp(argv[i], "--json") == 0)
      *json = true;
    else if (argv[i][0] == '-' && argv[i][1])
      return cli_usage_error(cmd, "invalid option '%s'", argv[i]);
    else if (n < npos)
      pos[n++] = argv[i];
    else
      return cli_usage_error(cmd, "unexpected argument '%s'", argv[i]);
  }
  return n < npos ? cli_usage_error(cmd, "missing argument") : EXIT_OK;
}

static int run_stories(const cli *c, int argc, char **argv) {
  bool json = false;
  sl_filter f = {0};
  sl_story_sort sort = SL_SORT_ID;
  int rc = parse_list(argc, argv, &json, &f, &sort);
  if (rc)
    return rc < 0 ? EXIT_OK : rc;
  sl_engine *eng = cli_open(c, true);
  if (!eng)
    return EXIT_SOME_FAILED;
  sl_error err;
  sl_error_clear(&err);
  if (!json)
    cli_header("id\tfirst\tlast\tsize\ttitle");
  return cli_finish(
      eng, sl_engine_stories_where(eng, &f, sort, print_story, &json, &err),
      &err);
}

/* The text view of the story's entities: "  Name (TYPE, N mentions): form,
 * form". */
static void print_entities(const char *json) {
  json_t *arr = json ? json_loads(json, 0, NULL) : NULL;
  size_t i;
  json_t *e;
  if (json_array_size(arr))
    puts("who:");
  json_array_foreach(arr, i, e) {
    long long m = (long long)json_integer_value(json_object_get(e, "mentions"));
    printf("  %s (%s, %lld mention%s)",
           cli_esc(json_string_value(json_object_get(e, "name"))),
           cli_esc(json_string_value(json_object_get(e, "type"))), m,
           m == 1 ? "" : "s");
    size_t k;
    json_t *f;
    json_array_foreach(json_object_get(e, "aliases"), k, f)
        printf("%s%s", k ? ", " : ": ",
               cli_esc(json_string_value(json_object_get(f, "form"))));
    putchar('\n');
  }
  json_decref(arr);
}

/* The text view of the story's quotes: "  speaker: "text" [ids]". */
static void print_quotes(const char *json) {
  json_t *arr = json ? json_loads(json, 0, NULL) : NULL;
  size_t i;
  json_t *q;
  if (json_array_size(arr))
    puts("quotes:");
  json_array_foreach(arr, i, q) {
    json_t *who = json_object_get(q, "speaker");
    printf("  %s: \"%s\" [",
           json_is_string(who) ? cli_esc(json_string_value(who)) : "?",
           cli_esc(json_string_value(json_object_get(q, "text"))));
    size_t k;
    json_t *src;
    json_array_foreach(json_object_get(q, "sources"), k, src)
        printf("%s%lld", k ? " " : "",
               (long long)json_integer_value(json_object_get(src, "id")));
    puts("]");
  }
  json_decref(arr);
}

/* The text view of one story: its line, then its articles, who and
 * quotes. */
static int print_members(void *ud, const sl_story *s) {
  sl_engine *eng = ud;
  print_story(&(bool){false}, s);
  for (size_t i = 0; i < s->n_articles; i++) {
    char id[24];
    snprintf(id, sizeof id, "%" PRId64, s->articles[i]);
    sl_article a;
    sl_article_init(&a);
    if (sl_engine_article(eng, id, &a, NULL) == SL_OK) {
      char date[11];
      sl_date_format(a.date, date);
      printf("  %" PRId64 "\t%s\t%s\t%s\t%s\n", a.id, date[0] ? date : "-",
             a.source ? cli_esc(a.source) : "-", cli_esc(a.ref),
             a.title ? cli_esc(a.title) : "-");
    }
    sl_article_release(&a);
  }
  print_entities(s->entities);
  print_quotes(s->quotes);
  return 0;
}

static int run_story(const cli *c, int argc, char **argv) {
  bool json = false;
  char *pos[1] = {NULL};
  int rc = parse(&cmd_story, argc, argv, &json, pos, 1);
  if (rc)
    return rc < 0 ? EXIT_OK : rc;
  if (!pos[0]) /* parse returns an error when it is missing */
    return EXIT_USAGE;
  uint64_t id;
  if (!cli_number(pos[0], 1, INT64_MAX, &id))
    return cli_bad_number(&cmd_story, "story id", pos[0], 1, INT64_MAX);
  sl_engine *eng = cli_open(c, true);
  if (!eng)
    return EXIT_SOME_FAILED;
  sl_error err;
  sl_error_clear(&err);
  sl_status st =
      json ? sl_engine_story(eng, (int64_t)id, print_story, &json, &err)
           : sl_engine_story(eng, (int64_t)id, print_members, eng, &err);
  return cli_finish(eng, st, &err);
}

static int run_eval(const cli *c, int argc, char **argv) {
  (void)c;
  const char *gold = NULL, *label = "story";
  if (argc < 2 || strcmp(argv[1], "clusters") != 0)
    return cli_usage_error(&cmd_eval, "expected 'clusters'");
  for (int i = 2; i < argc; i++) {
    if (cli_is_help(argv[i]))
      return cli_help(&cmd_eval);
    bool takes = !strcmp(argv[i], "--gold") || !strcmp(argv[i], "--label");
    if (takes && i + 1 == argc)
      return cli_missing_value(&cmd_eval, argv[i]);
    if (strcmp(argv[i], "--gold") == 0)
      gold = argv[++i];
    else if (strcmp(argv[i], "--label") == 0)
      label = argv[++i];
    else
      return cli_usage_error(&cmd_eval, "invalid argument '%s'", argv[i]);
  }
  if (!gold)
    return cli_usage_error(&cmd_eval, "missing --gold FILE");
  sl_cluster_eval e;
  sl_error err;
  sl_error_clear(&err);
  sl_status st = sl_eval_clusters(gold, label, &e, &err);
  if (st != SL_OK)
    return cli_finish(NULL, st, &err);
  printf("articles      %zu\n", e.articles);
  printf("stories       %zu found, %zu in gold\n", e.stories, e.gold_stories);
  printf("B-cubed       P %.4f  R %.4f  F1 %.4f\n", e.p, e.r, e.f1);
  printf("pairwise      P %.4f  R %.4f  F1 %.4f\n", e.pair_p, e.pair_r,
         e.pair_f1);
  printf("speed         %.0f articles/s (ingest: parse, clean, dedup, "
         "cluster, store)\n",
         e.seconds > 0 ? (double)e.articles / e.seconds : 0);
  return EXIT_OK;
}

const command cmd_stories = {
    "stories", run_stories,
    "storyline stories [--since D] [--until D] [--source S] [--lang L] "
    "[--limit N] [--sort recent|size] [--json]",
    "Lists the stories: id, first and last date, size and title (the most\n"
    "representative headline), with a header row on a terminal.\n\n"
    "  --since D      stories still running on or after D (last date)\n"
    "  --until D      stories begun on or before D (first date)\n"
    "  --source S     stories with an article from outlet S\n"
    "  --lang L       stories with an article in language L\n"
    "  --limit N      the first N stories only\n"
    "  --sort recent  most recent last date first (size: most articles\n"
    "                 first; default: by id)\n"
    "  --json   JSON Lines {id, title, first_date, last_date, size, live,\n"
    "           articles: [ids], refs: [refs], related: [{id, score}]}\n"};

const command cmd_story = {
    "story", run_story, "storyline story ID [--json]",
    "Shows one story and its articles (id, date, source, ref, title).\n\n"
    "  --json   the story as one JSON object (as `stories --json`)\n"};

const command cmd_eval = {
    "eval", run_eval, "storyline eval clusters --gold FILE [--label KEY]",
    "Ingests a labelled JSON Lines corpus (an \"id\" and a story label in\n"
    "KEY, default \"story\", on each record) into a temporary database in\n"
    "file order and scores its stories against the labels: B-cubed and\n"
    "pairwise precision, recall and F1, stories found and in gold, and\n"
    "articles per second.\n"};
