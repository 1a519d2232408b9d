/* storyline CLI: `duplicates`, the duplicate groups. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

/* The group being printed (JSON Lines: one line per group). */
typedef struct printer {
  bool json;
  int64_t canonical;
  json_t *group;
  json_t *members;
} printer;

static int flush_group(printer *p) {
  if (!p->group)
    return 0;
  char *s = json_dumps(p->group, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                     JSON_REAL_PRECISION(3));
  json_decref(p->group);
  p->group = p->members = NULL;
  if (!s)
    return 1;
  puts(s);
  free(s);
  return 0;
}

static int json_member(printer *p, const sl_dup_member *m) {
  if (m->canonical != p->canonical) {
    if (flush_group(p))
      return 1;
    p->canonical = m->canonical;
    p->group = json_object();
    p->members = json_array();
    json_object_set_new(p->group, "canonical", json_integer(m->canonical));
    json_object_set_new(p->group, "canonical_ref",
                        json_string(m->canonical_ref));
    json_object_set(p->group, "members", p->members);
    json_decref(p->members);
  }
  json_t *o = json_object();
  json_object_set_new(o, "id", json_integer(m->id));
  json_object_set_new(o, "ref", json_string(m->ref));
  json_object_set_new(o, "relation", json_string(m->relation));
  json_object_set_new(o, "score", json_real(m->score));
  return json_array_append_new(p->members, o) != 0;
}

static int print_member(void *ud, const sl_dup_member *m) {
  printer *p = ud;
  if (p->json)
    return json_member(p, m);
  if (m->canonical != p->canonical) {
    p->canonical = m->canonical;
    printf("%" PRId64 "\t%s\n", m->canonical, cli_esc(m->canonical_ref));
  }
  printf("  %" PRId64 "\t%s\t%.3f\t%s\n", m->id, m->relation, m->score,
         cli_esc(m->ref));
  return 0;
}

static int run_duplicates(const cli *c, int argc, char **argv) {
  printer p = {false, 0, NULL, NULL};
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i]))
      return cli_help(&cmd_duplicates);
    if (strcmp(argv[i], "--json") == 0)
      p.json = true;
    else if (argv[i][0] == '-' && argv[i][1])
      return cli_usage_error(&cmd_duplicates, "invalid option '%s'", argv[i]);
    else
      return cli_usage_error(&cmd_duplicates, "unexpected argument '%s'",
                             argv[i]);
  }
  sl_engine *eng = cli_open(c, true);
  if (!eng)
    return EXIT_SOME_FAILED;
  sl_error err;
  sl_error_clear(&err);
  sl_status st = sl_engine_duplicates(eng, print_member, &p, &err);
  if (st == SL_OK && flush_group(&p))
    st = SL_ENOMEM;
  json_decref(p.group);
  return cli_finish(eng, st, &err);
}

const command cmd_duplicates = {
    "duplicates", run_duplicates, "storyline duplicates [--json]",
    "Lists the duplicate groups: each group's canonical article (the\n"
    "earliest complete one), then its members with their relation to it\n"
    "(exact, near, contained, rewrite) and a score in [0, 1].\n\n"
    "  --json   one JSON object per group: {canonical, canonical_ref,\n"
    "           members: [{id, ref, relation, score}]}\n"};
