/* storyline CLI: `search QUERY`, the articles (or stories) whose words
 * match, best first, as a table or JSON Lines. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"

typedef struct search_args {
  sl_search_opts o;
  bool json, stories;
  char *query; /* the positional words joined, malloc'd */
} search_args;

/* Prints `s` for a table cell: tabs and line breaks as spaces, other
 * control characters as \xNN, so that one hit stays on one line. */
static void put_cell(const char *s) {
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '\t' || c == '\n' || c == '\r')
      putchar(' ');
    else if (c < 0x20 || c == 0x7f)
      printf("\\x%02x", c);
    else
      putchar(c);
  }
}

static json_t *str_or_null(const char *s) {
  return s && *s ? json_string(s) : json_null();
}

static int put_json(json_t *o) {
  char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                  JSON_REAL_PRECISION(6))
              : NULL;
  json_decref(o);
  if (!s)
    return 1;
  puts(s);
  free(s);
  return 0;
}

static int print_hit(void *ud, const sl_search_hit *h) {
  if (((search_args *)ud)->json)
    return put_json(json_pack("{s:I, s:s, s:o, s:o, s:o, s:f, s:s}", "id",
                              (json_int_t)h->id, "ref", h->ref ? h->ref : "",
                              "title", str_or_null(h->title), "story",
                              h->story ? json_integer(h->story) : json_null(),
                              "date", str_or_null(h->date), "score", h->score,
                              "snippet", h->snippet ? h->snippet : ""));
  printf("%" PRId64 "\t%s\t%.3f\t", h->id, h->date ? h->date : "-", h->score);
  if (h->story)
    printf("%" PRId64 "\t", h->story);
  else
    fputs("-\t", stdout);
  put_cell(h->title && *h->title ? h->title : h->ref);
  putchar('\t');
  put_cell(h->snippet);
  putchar('\n');
  return 0;
}

static int print_story(void *ud, const sl_search_story *s) {
  if (((search_args *)ud)->json)
    return put_json(
        json_pack("{s:I, s:o, s:I, s:f, s:o, s:o}", "story",
                  (json_int_t)s->story, "title", str_or_null(s->title), "hits",
                  (json_int_t)s->hits, "best", s->best, "first_date",
                  str_or_null(s->first), "last_date", str_or_null(s->last)));
  printf("%" PRId64 "\t%" PRId64 "\t%.3f\t%s\t%s\t", s->story, s->hits, s->best,
         s->first ? s->first : "-", s->last ? s->last : "-");
  put_cell(s->title && *s->title ? s->title : "-");
  putchar('\n');
  return 0;
}

/* Appends a positional word to the query (words are joined by spaces). */
static int add_word(search_args *a, const char *w) {
  size_t n = a->query ? strlen(a->query) : 0;
  char *q = realloc(a->query, n + strlen(w) + 2);
  if (!q)
    return cli_usage_error(&cmd_search, "out of memory");
  if (n)
    q[n++] = ' ';
  strcpy(q + n, w);
  a->query = q;
  return EXIT_OK;
}

static int parse(int argc, char **argv, search_args *a) {
  for (int i = 1; i < argc; i++) {
    int rc = cli_filter_opt(&cmd_search, argc, argv, &i, &a->o.filter);
    if (rc >= 0) {
      if (rc)
        return rc;
    } else if (cli_is_help(argv[i])) {
      cli_help(&cmd_search);
      return -1;
    } else if (strcmp(argv[i], "--json") == 0) {
      a->json = true;
    } else if (strcmp(argv[i], "--stories") == 0) {
      a->stories = true;
    } else if (strcmp(argv[i], "--entity") == 0 && i + 1 < argc) {
      a->o.entity = argv[++i];
    } else if (strcmp(argv[i], "--") == 0) {
      for (i++; i < argc; i++)
        if ((rc = add_word(a, argv[i])) != EXIT_OK)
          return rc;
    } else if (argv[i][0] == '-' && argv[i][1] == '-') {
      return cli_usage_error(&cmd_search, "invalid option '%s'", argv[i]);
    } else if ((rc = add_word(a, argv[i])) != EXIT_OK) {
      return rc;
    }
  }
  if (!a->query)
    return cli_usage_error(&cmd_search, "missing query");
  return EXIT_OK;
}

/* The database is written on first use when it can be (the search index
 * of a database made by an older storyline is built then), read otherwise. */
static bool read_only_db(const cli *c) {
  return access(c->db, W_OK) != 0;
}

static int run_search(const cli *c, int argc, char **argv) {
  search_args a = {.o.filter.limit = 20};
  int rc = parse(argc, argv, &a);
  if (rc) {
    free(a.query);
    return rc < 0 ? EXIT_OK : rc;
  }
  a.o.query = a.query;
  sl_engine *eng = cli_open(c, read_only_db(c));
  sl_error err;
  sl_error_clear(&err);
  sl_status st = SL_ENOENT;
  if (eng && !a.json)
    cli_header(a.stories ? "story\thits\tbest\tfirst\tlast\ttitle"
                         : "id\tdate\tscore\tstory\ttitle\tsnippet");
  if (eng && a.stories)
    st = sl_engine_search_stories(eng, &a.o, print_story, &a, &err);
  else if (eng)
    st = sl_engine_search(eng, &a.o, print_hit, &a, &err);
  free(a.query);
  if (!eng)
    return EXIT_SOME_FAILED;
  if (st == SL_EINVAL) {
    sl_engine_close(eng);
    return cli_usage_error(&cmd_search, "invalid query: %s", err.msg);
  }
  return cli_finish(eng, st, &err);
}

const command cmd_search = {
    "search", run_search,
    "storyline search QUERY... [--stories] [--entity NAME] [--source S] "
    "[--lang L] [--since D] [--until D] [--limit N] [--json]",
    "Finds the articles whose title or text match QUERY, best first (bm25;\n"
    "title words weigh more; past 10,000 matches, among the 10,000 most\n"
    "recently stored): id, date, score, story, title and a snippet with the\n"
    "matched words between \xc2\xab and \xc2\xbb.\n\n"
    "QUERY: words (all required), \"quoted phrases\", OR between\n"
    "alternatives, NOT word or -word to leave articles out, parentheses.\n"
    "Words match as the pipeline reads them: case and accents folded,\n"
    "stemmed (\"withdrawal\" finds \"withdrawing\"), in the --lang language,\n"
    "else English.\n\n"
    "  --stories      one line per story: story, hits, best score, first\n"
    "                 and last date, title\n"
    "  --entity NAME  articles that mention this entity (as `who NAME`)\n"
    "  --source S     articles from outlet S\n"
    "  --lang L       articles in language L (ISO 639-1)\n"
    "  --since D      articles published on or after D (YYYY-MM-DD)\n"
    "  --until D      articles published on or before D\n"
    "  --limit N      at most N hits or stories (default 20, 0: all)\n"
    "  --json         JSON Lines {id, ref, title, story, date, score,\n"
    "                 snippet} (with --stories: {story, title, hits, best,\n"
    "                 first_date, last_date})\n"};
