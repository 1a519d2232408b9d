/* storyline CLI: `ingest`, with progress on a terminal and a summary. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void on_diag(void *ud, const sl_diag *d) {
  cli_progress_clear(ud);
  cli_print_diag(NULL, d);
}

static void on_progress(void *ud, const sl_ingest_stats *s) {
  char counts[128];
  snprintf(counts, sizeof counts,
           "%" PRIu64 " records, %.1f MB read, %" PRIu64 " added", s->records,
           (double)s->bytes / 1e6, s->added);
  cli_progress_show(ud, counts, s->bytes, s->total_bytes);
}

static const struct option long_opts[] = {
    {"format", required_argument, NULL, 'f'},
    {"date", required_argument, NULL, 'd'},
    {"source", required_argument, NULL, 's'},
    {"batch", required_argument, NULL, 'b'},
    {"near-min", required_argument, NULL, 'N'},
    {"contain-min", required_argument, NULL, 'C'},
    {"rewrite-min", required_argument, NULL, 'R'},
    {"stages", required_argument, NULL, 'S'},
    {"no-wait", no_argument, NULL, 'W'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* A threshold in (0, 1]; false when `s` is not one. */
static bool threshold(const char *s, double *out) {
  char *end;
  double v = strtod(s, &end);
  if (end == s || *end || !(v > 0 && v <= 1))
    return false;
  *out = v;
  return true;
}

/* "all", "none" or a comma list of stage names into the stages to skip;
 * false when a name is unknown. */
static bool stages(const char *s, unsigned *skip) {
  static const struct {
    const char *name;
    unsigned bit;
  } names[] = {{"dates", SL_STAGE_DATES},
               {"entities", SL_STAGE_ENTITIES},
               {"duplicates", SL_STAGE_DUPLICATES},
               {"stories", SL_STAGE_STORIES},
               {"all", SL_STAGE_ALL},
               {"none", 0}};
  unsigned run = 0;
  for (const char *p = s; *p;) {
    size_t n = strcspn(p, ",");
    bool known = false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
      if (strlen(names[i].name) == n && !strncmp(names[i].name, p, n)) {
        run |= names[i].bit;
        known = true;
      }
    if (!known)
      return false;
    p += n + (p[n] == ',');
  }
  *skip = SL_STAGE_ALL & ~run;
  return *s != '\0';
}

enum { MAX_BATCH = 10000000 };

static int parse_opts(int argc, char **argv, sl_ingest_opts *o) {
  optind = 1;
  opterr = 0;
  uint64_t batch;
  for (int c;
       (c = getopt_long(argc, argv, ":f:d:s:b:h", long_opts, NULL)) != -1;) {
    if (c == 'h') {
      cli_help(&cmd_ingest);
      return -1; /* done: the caller exits 0 */
    }
    if (c == 'f' && sl_format_parse(optarg, &o->format) != SL_OK)
      return cli_usage_error(&cmd_ingest, "unknown format '%s'", optarg);
    if (c == 'd')
      o->date = optarg;
    if (c == 's')
      o->source = optarg;
    if (c == 'W')
      o->no_wait = true;
    if (c == 'S' && !stages(optarg, &o->skip))
      return cli_usage_error(&cmd_ingest,
                             "unknown stages '%s' (all, none, or a list of "
                             "dates, entities, duplicates, stories)",
                             optarg);
    if (c == 'b' && !cli_number(optarg, 1, MAX_BATCH, &batch))
      return cli_bad_number(&cmd_ingest, "--batch", optarg, 1, MAX_BATCH);
    if (c == 'b')
      o->batch_size = (size_t)batch;
    double *t = c == 'N'   ? &o->near_min
                : c == 'C' ? &o->contain_min
                : c == 'R' ? &o->rewrite_min
                           : NULL;
    if (t && !threshold(optarg, t))
      return cli_usage_error(
          &cmd_ingest, "invalid threshold '%s' (a number in (0, 1])", optarg);
    if (c == ':')
      return cli_missing_value(&cmd_ingest, argv[optind - 1]);
    if (c == '?')
      return cli_usage_error(&cmd_ingest, "invalid option '%s'",
                             argv[optind - 1]);
  }
  if (optind == argc)
    return cli_usage_error(&cmd_ingest, "no input given");
  return EXIT_OK;
}

static int run(const cli *c, int argc, char **argv) {
  cli_progress p;
  cli_progress_init(&p);
  sl_ingest_opts o = {0};
  o.on_diag = on_diag;
  o.on_progress = on_progress;
  o.ud = &p;
  int rc = parse_opts(argc, argv, &o);
  if (rc)
    return rc < 0 ? EXIT_OK : rc;
  sl_engine *eng = cli_open(c, false);
  if (!eng)
    return EXIT_SOME_FAILED;
  o.on_wait = cli_on_wait;
  o.cancel = cli_catch_signals();
  sl_ingest_stats s;
  sl_error err;
  sl_error_clear(&err);
  sl_status st = sl_engine_ingest(eng, (const char *const *)argv + optind,
                                  (size_t)(argc - optind), &o, &s, &err);
  sl_engine_close(eng);
  cli_progress_clear(&p);
  cli_diag_flush();
  if (st == SL_EINVAL)
    return cli_usage_error(&cmd_ingest, "%s", err.msg);
  rc = cli_writer_stop(st, &err, "the records read so far are committed");
  if (st == SL_EBUSY)
    return rc;
  if (rc < 0 && st != SL_OK)
    cli_error("ingest stopped: %s; batches committed before are kept",
              err.msg[0] ? err.msg : sl_status_str(st));
  printf("added %" PRIu64 ", skipped %" PRIu64 " (already present), "
         "rejected %" PRIu64 "\n",
         s.added, s.skipped, s.rejected);
  if (rc > 0)
    return rc;
  return st != SL_OK || s.rejected ? EXIT_SOME_FAILED : EXIT_OK;
}

const command cmd_ingest = {
    "ingest", run,
    "storyline ingest [--format auto|text|jsonl|html|warc] [--date D] "
    "[--source S] "
    "[--batch N] [--near-min X] [--contain-min X] [--rewrite-min X] "
    "[--stages LIST] [--no-wait] PATH...|-",
    "Stores articles from plain-text files (one file, one article), JSON "
    "Lines\n"
    "files (one record per line; news-please field names accepted) and JSON\n"
    "files holding an array of objects or pretty-printed objects, folders\n"
    "(walked recursively in name order) and standard input ('-'). gzip input "
    "is\n"
    "read transparently. Input already stored (the same bytes) adds "
    "nothing.\n"
    "Each article is cleaned (debris, boilerplate learned per source, glued\n"
    "articles split) and checked against the articles before it for\n"
    "duplicates (see `storyline duplicates`).\n\n"
    "options:\n"
    "  --format F   auto (default: by name, then by content), text, jsonl or\n"
    "               html (a web page: its article body and metadata) or warc\n"
    "               (a crawl: each HTML response, known by its URL)\n"
    "  --date D     publication date for records that state none (YYYY-MM-DD)\n"
    "  --source S   outlet for records that name none\n"
    "  --batch N    records per transaction (default 1000)\n"
    "  --near-min X, --contain-min X, --rewrite-min X\n"
    "               duplicate thresholds in (0, 1]: shingle resemblance of a\n"
    "               near copy (0.5), share of a shorter text inside a longer\n"
    "               one (0.8), sentence alignment of a rewrite (0.6)\n"
    "  --no-wait    fail at once (exit 3) when another ingest or rebuild is\n"
    "               writing the database, instead of waiting for it\n"
    "  --stages LIST  the analysis stages to run: all (default), none, or a\n"
    "               comma list of dates, entities, duplicates, stories. A\n"
    "               bulk load can store first and run `storyline rebuild`\n"
    "               later, which runs every stage.\n\n"
    "Bad inputs are reported on stderr and skipped; the rest is ingested.\n"
    "SIGINT or SIGTERM stops it after the record in hand, committing what\n"
    "is done (exit 130 / 143). Exit status 1 when some inputs were "
    "rejected.\n"};
