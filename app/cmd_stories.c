/* storyline CLI: `stories`, `story ID` and `eval clusters`. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "storyline/dossier.h"

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

static const char *str_of(const json_t *o, const char *key) {
  const char *v = json_string_value(json_object_get(o, key));
  return v ? cli_esc(v) : "-";
}

/* " [id id ...]": the articles an item cites. */
static void print_cites(const json_t *sources) {
  size_t k;
  json_t *src;
  printf(" [");
  json_array_foreach(sources, k, src)
      printf("%s%lld", k ? " " : "",
             (long long)json_integer_value(json_object_get(src, "id")));
  puts("]");
}

/* "sources: N articles, M outlets: a (2), b (1); first: ID OUTLET DATE",
 * then one line per article, a copy saying of which. */
static void print_sources(const json_t *src) {
  json_t *outlets = json_object_get(src, "outlets");
  json_t *arts = json_object_get(src, "articles");
  size_t i;
  json_t *o;
  printf("sources: %zu article%s, %zu outlet%s", json_array_size(arts),
         json_array_size(arts) == 1 ? "" : "s", json_array_size(outlets),
         json_array_size(outlets) == 1 ? "" : "s");
  json_array_foreach(outlets, i, o)
      printf("%s%s (%lld)", i ? ", " : ": ", str_of(o, "outlet"),
             (long long)json_integer_value(json_object_get(o, "articles")));
  json_t *first = json_object_get(src, "first");
  if (json_is_object(first))
    printf("; first: %lld %s %s",
           (long long)json_integer_value(json_object_get(first, "id")),
           str_of(first, "outlet"), str_of(first, "date"));
  putchar('\n');
  json_array_foreach(arts, i, o) {
    printf("  %lld\t%s\t%s\t%s\t%s",
           (long long)json_integer_value(json_object_get(o, "id")),
           str_of(o, "date"), str_of(o, "outlet"), str_of(o, "ref"),
           str_of(o, "title"));
    json_t *copy = json_object_get(o, "copy_of");
    if (json_is_object(copy))
      printf("\t(%s copy of %lld)", str_of(copy, "relation"),
             (long long)json_integer_value(json_object_get(copy, "id")));
    putchar('\n');
  }
}

static void print_summary(const json_t *summary) {
  size_t i;
  json_t *s;
  if (json_array_size(summary))
    puts("summary:");
  json_array_foreach(summary, i, s) {
    printf("  %s", str_of(s, "text"));
    print_cites(json_object_get(s, "sources"));
  }
}

/* "  Name (TYPE, N mentions): form, form". */
static void print_entities(const json_t *arr) {
  size_t i;
  json_t *e;
  if (json_array_size(arr))
    puts("who:");
  json_array_foreach(arr, i, e) {
    long long m = (long long)json_integer_value(json_object_get(e, "mentions"));
    printf("  %s (%s, %lld mention%s)", str_of(e, "name"), str_of(e, "type"), m,
           m == 1 ? "" : "s");
    size_t k;
    json_t *f;
    json_array_foreach(json_object_get(e, "aliases"), k, f)
        printf("%s%s", k ? ", " : ": ", str_of(f, "form"));
    putchar('\n');
  }
}

/* "  speaker: "text" [ids]". */
static void print_quotes(const json_t *arr) {
  size_t i;
  json_t *q;
  if (json_array_size(arr))
    puts("quotes:");
  json_array_foreach(arr, i, q) {
    json_t *who = json_object_get(q, "speaker");
    printf("  %s: \"%s\"", json_is_string(who) ? cli_esc(json_string_value(who)) : "?",
           str_of(q, "text"));
    print_cites(json_object_get(q, "sources"));
  }
}

/* "  about: value [ids] / value [ids]". */
static void print_disagreements(const json_t *arr) {
  size_t i;
  json_t *g;
  if (json_array_size(arr))
    puts("disagreements:");
  json_array_foreach(arr, i, g) {
    printf("  %s:\n", str_of(g, "about"));
    size_t k;
    json_t *v;
    json_array_foreach(json_object_get(g, "variants"), k, v) {
      printf("    %s", str_of(v, "value"));
      print_cites(json_object_get(v, "sources"));
    }
  }
}

static void print_storyline(const json_t *arr) {
  size_t i;
  json_t *s;
  if (json_array_size(arr))
    puts("storyline:");
  json_array_foreach(arr, i, s) printf(
      "  %lld\t%s\t%s\t%s\n",
      (long long)json_integer_value(json_object_get(s, "id")),
      str_of(s, "first_date"), str_of(s, "last_date"), str_of(s, "title"));
}

/* The text view of a dossier: headline and dates, sources and articles,
 * summary, who, quotes, disagreements, storyline. */
static void print_dossier(const json_t *d) {
  printf("story %lld: %s\n",
         (long long)json_integer_value(json_object_get(d, "id")),
         str_of(d, "title"));
  printf("dates: %s .. %s\n", str_of(d, "first_date"), str_of(d, "last_date"));
  print_sources(json_object_get(d, "sources"));
  print_summary(json_object_get(d, "summary"));
  print_entities(json_object_get(d, "entities"));
  print_quotes(json_object_get(d, "quotes"));
  print_disagreements(json_object_get(d, "disagreements"));
  print_storyline(json_object_get(d, "storyline"));
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
  char *out = NULL;
  sl_status st = sl_engine_dossier(eng, id, &out, &err);
  json_t *d = st == SL_OK && !json ? json_loads(out, 0, NULL) : NULL;
  if (st == SL_OK && json)
    puts(out);
  else if (d)
    print_dossier(d);
  json_decref(d);
  free(out);
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
    "Shows the dossier of one story: headline and dates, sources (outlets\n"
    "with article counts, the first to report, the articles and which copy\n"
    "which), a summary of 3 to 5 sentences citing their articles, who is\n"
    "named and quoted, where sources disagree on a number, and the\n"
    "storyline (related stories in date order).\n\n"
    "  --json   the dossier as one JSON object, as docs/dossier.md "
    "describes\n"};

const command cmd_eval = {
    "eval", run_eval, "storyline eval clusters --gold FILE [--label KEY]",
    "Ingests a labelled JSON Lines corpus (an \"id\" and a story label in\n"
    "KEY, default \"story\", on each record) into a temporary database in\n"
    "file order and scores its stories against the labels: B-cubed and\n"
    "pairwise precision, recall and F1, stories found and in gold, and\n"
    "articles per second.\n"};
