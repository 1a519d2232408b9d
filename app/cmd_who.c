/* storyline CLI: `who`, the entities of the archive with every alias. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

static json_t *entity_json(const sl_archive_entity *e) {
  json_t *o = json_pack(
      "{s:I, s:s, s:s, s:I, s:I, s:I}", "id", (json_int_t)e->id, "name",
      e->name, "type", e->type, "mentions", (json_int_t)e->mentions, "articles",
      (json_int_t)e->articles, "story_count", (json_int_t)e->n_stories);
  json_t *aliases = json_loads(e->aliases, 0, NULL);
  json_t *stories = e->stories ? json_loads(e->stories, 0, NULL) : NULL;
  if (o && aliases)
    json_object_set_new(o, "aliases", aliases);
  if (o && stories)
    json_object_set_new(o, "stories", stories);
  return o;
}

static int print_json(void *ud, const sl_archive_entity *e) {
  (void)ud;
  json_t *o = entity_json(e);
  char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  json_decref(o);
  if (!s)
    return 1;
  puts(s);
  free(s);
  return 0;
}

/* "form (count), form (count)" from the aliases JSON. */
static void print_aliases(const char *aliases) {
  json_t *a = json_loads(aliases, 0, NULL), *v;
  size_t i;
  json_array_foreach(a, i, v) {
    printf("%s%s (%" JSON_INTEGER_FORMAT ")", i ? ", " : "",
           cli_esc(json_string_value(json_object_get(v, "form"))),
           json_integer_value(json_object_get(v, "count")));
  }
  json_decref(a);
}

static int print_line(void *ud, const sl_archive_entity *e) {
  (void)ud;
  printf("%" PRId64 "\t%s\t%" PRId64 "\t%s\t", e->id, e->type, e->mentions,
         cli_esc(e->name));
  print_aliases(e->aliases);
  putchar('\n');
  return 0;
}

static int print_one(void *ud, const sl_archive_entity *e) {
  (void)ud;
  printf("%s (%s), entity %" PRId64 "\n", cli_esc(e->name), e->type, e->id);
  printf("  %" PRId64 " mention%s in %" PRId64 " article%s and %" PRId64
         " stor%s\n  aliases: ",
         e->mentions, e->mentions == 1 ? "" : "s", e->articles,
         e->articles == 1 ? "" : "s", e->n_stories,
         e->n_stories == 1 ? "y" : "ies");
  print_aliases(e->aliases);
  printf("\n  stories:\n");
  json_t *a = json_loads(e->stories, 0, NULL), *v;
  size_t i;
  json_array_foreach(a, i, v) {
    const char *t = json_string_value(json_object_get(v, "title"));
    json_int_t m = json_integer_value(json_object_get(v, "mentions"));
    printf("    %" JSON_INTEGER_FORMAT "\t%" JSON_INTEGER_FORMAT
           " mention%s\t%s\n",
           json_integer_value(json_object_get(v, "id")), m, m == 1 ? "" : "s",
           t ? cli_esc(t) : "");
  }
  json_decref(a);
  return 0;
}

typedef struct args {
  bool json;
  long limit;
  const char *query;
} args;

enum { MAX_LIMIT = 1000000000 };

static int parse(int argc, char **argv, args *a) {
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i]))
      return -1;
    if (strcmp(argv[i], "--json") == 0) {
      a->json = true;
    } else if (strcmp(argv[i], "--limit") == 0) {
      uint64_t n;
      if (i + 1 == argc)
        return cli_missing_value(&cmd_who, "--limit");
      if (!cli_number(argv[++i], 0, MAX_LIMIT, &n))
        return cli_bad_number(&cmd_who, "--limit", argv[i], 0, MAX_LIMIT);
      a->limit = (long)n;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      return cli_usage_error(&cmd_who, "invalid option '%s'", argv[i]);
    } else if (a->query) {
      return cli_usage_error(&cmd_who, "unexpected argument '%s'", argv[i]);
    } else {
      a->query = argv[i];
    }
  }
  return EXIT_OK;
}

static int run_who(const cli *c, int argc, char **argv) {
  args a = {false, 20, NULL};
  int rc = parse(argc, argv, &a);
  if (rc < 0)
    return cli_help(&cmd_who);
  if (rc != EXIT_OK)
    return rc;
  sl_engine *eng = cli_open(c, true);
  if (!eng)
    return EXIT_SOME_FAILED;
  sl_error err;
  sl_error_clear(&err);
  sl_status st =
      a.query
          ? sl_engine_entity(eng, a.query, a.json ? print_json : print_one,
                             NULL, &err)
          : sl_engine_entities(eng, (size_t)a.limit,
                               a.json ? print_json : print_line, NULL, &err);
  return cli_finish(eng, st, &err);
}

const command cmd_who = {
    "who", run_who, "storyline who [NAME|ID] [--json] [--limit N]",
    "Lists the people, organisations, places and other names of the\n"
    "archive, each with every alias the articles give it, joined across\n"
    "all of them (\"Muammar Gaddafi\", \"Moammar al-Qadhafi\", \"Gaddafi\"\n"
    "are one). Without NAME: the N most mentioned (default 20; 0 for all),\n"
    "one a line: id, type, mentions, name, aliases with counts. With NAME\n"
    "(any of its names, or its id): that entity and the stories that name\n"
    "it.\n\n"
    "  --json      JSON Lines {id, name, type, mentions, articles,\n"
    "              story_count, aliases: [{form, count}]}; with NAME also\n"
    "              stories: [{id, title, mentions, articles}]\n"
    "  --limit N   how many to list (0: all)\n"};
