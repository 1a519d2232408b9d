/* storyline CLI: `extract`, the article in a web page, without a database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

enum { MAX_PAGE = 256 << 20 };

static void print_json(const sl_article *a) {
  char date[11];
  sl_date_format(a->date, date);
  json_t *o = json_object();
  const char *keys[] = {"title", "date",     "author", "site",
                        "url",   "language", "text"};
  const char *vals[] = {a->title, date[0] ? date : NULL, a->author, a->source,
                        a->url,   a->language,           a->text};
  for (size_t i = 0; o && i < sizeof keys / sizeof keys[0]; i++)
    json_object_set_new(o, keys[i],
                        vals[i] ? json_string(vals[i]) : json_null());
  char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  if (s)
    puts(s);
  free(s);
  json_decref(o);
}

static int run(const cli *c, int argc, char **argv) {
  (void)c;
  bool json = false;
  const char *path = NULL;
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i]))
      return cli_help(&cmd_extract);
    if (strcmp(argv[i], "--json") == 0)
      json = true;
    else if (!path && (argv[i][0] != '-' || !argv[i][1]))
      path = argv[i];
    else
      return cli_usage_error(&cmd_extract, "unexpected argument '%s'", argv[i]);
  }
  if (!path)
    return cli_usage_error(&cmd_extract, "no page given");
  size_t len;
  char *page = cli_read(path, MAX_PAGE, true, &len);
  if (!page) {
    cli_error("cannot read '%s'", path);
    return EXIT_SOME_FAILED;
  }
  sl_article a;
  sl_article_init(&a);
  sl_error err;
  sl_error_clear(&err);
  sl_status st = sl_extract_html(page, len, &a, &err);
  free(page);
  if (st == SL_OK && json)
    print_json(&a);
  else if (st == SL_OK) {
    cli_put_text(a.text, strlen(a.text));
    putchar('\n');
  } else
    cli_error("'%s': %s", path, err.msg[0] ? err.msg : sl_status_str(st));
  sl_article_release(&a);
  return st == SL_OK ? EXIT_OK : EXIT_SOME_FAILED;
}

const command cmd_extract = {
    "extract", run, "storyline extract FILE|- [--json]",
    "Prints the article body of an HTML page, without touching a database:\n"
    "navigation, comments, share bars and footers are left out. With --json\n"
    "prints one object: title, date, author, site, url, language, text.\n"};
