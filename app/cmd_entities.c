/* storyline CLI: `entities`, the named entities of a text on standard input
 * (with their aliases merged and the quotes they said), or CoNLL columns
 * tagged for evaluation. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "storyline/who.h"

enum { READ_CAP = 256 << 20 };

/* The model: --model, else $STORYLINE_NER_MODEL, else models/ner.model in
 * the working folder, else next to the binary's folder (build/../models). */
static sl_ner_model *load_model(const char *path) {
  char exe[4096], guess[4200];
  const char *env = getenv("STORYLINE_NER_MODEL");
  if (!path && env && *env)
    path = env;
  if (!path && access("models/ner.model", R_OK) != 0) {
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    snprintf(guess, sizeof guess, "%s/../models/ner.model", dirname(exe));
    path = guess;
  }
  if (!path)
    path = "models/ner.model";
  size_t len;
  char *bytes = cli_read(path, READ_CAP, false, &len);
  if (!bytes) {
    cli_error("cannot read the tagger model '%s' (--model PATH or "
              "STORYLINE_NER_MODEL)",
              path);
    return NULL;
  }
  sl_ner_model *m = NULL;
  sl_error err;
  sl_error_clear(&err);
  if (sl_ner_load(bytes, len, &m, &err) != SL_OK)
    cli_error("'%s': %s", path, err.msg[0] ? err.msg : "cannot load");
  free(bytes);
  return m;
}

static void print_plain(const char *text, const sl_mention *m, size_t n) {
  for (size_t i = 0; i < n; i++)
    printf("%u\t%u\t%s\t%s\n", m[i].start, m[i].end, sl_ent_type_str(m[i].type),
           cli_escn(text + m[i].start, m[i].end - m[i].start));
}

static json_t *span(const char *text, uint32_t a, uint32_t b) {
  return json_stringn(text + a, b - a);
}

static json_t *mentions_json(const char *text, const sl_mention *m, size_t n,
                             const sl_who *w) {
  json_t *arr = json_array();
  for (size_t i = 0; i < n; i++) {
    json_t *o = json_object();
    json_object_set_new(o, "start", json_integer(m[i].start));
    json_object_set_new(o, "end", json_integer(m[i].end));
    json_object_set_new(o, "type", json_string(sl_ent_type_str(m[i].type)));
    json_object_set_new(o, "text", span(text, m[i].start, m[i].end));
    json_object_set_new(o, "entity", json_integer(w->mention_entity[i]));
    json_array_append_new(arr, o);
  }
  return arr;
}

static json_t *entities_json(const sl_who *w) {
  json_t *arr = json_array();
  for (size_t i = 0; i < w->n; i++) {
    const sl_entity *e = &w->entities[i];
    json_t *o = json_object(), *forms = json_array();
    json_object_set_new(o, "name", json_string(e->name));
    json_object_set_new(o, "type", json_string(sl_ent_type_str(e->type)));
    json_object_set_new(o, "count", json_integer(e->count));
    for (size_t k = 0; k < e->nforms; k++) {
      json_t *f = json_object();
      json_object_set_new(f, "text", json_string(e->forms[k].text));
      json_object_set_new(f, "count", json_integer(e->forms[k].count));
      json_array_append_new(forms, f);
    }
    json_object_set_new(o, "forms", forms);
    json_array_append_new(arr, o);
  }
  return arr;
}

static json_t *quotes_json(const char *text, const sl_quote *q, size_t n,
                           const sl_mention *m, const sl_who *w) {
  json_t *arr = json_array();
  for (size_t i = 0; i < n; i++) {
    json_t *o = json_object();
    json_object_set_new(o, "kind",
                        json_string(q[i].kind ? "reported" : "direct"));
    json_object_set_new(o, "start", json_integer(q[i].start));
    json_object_set_new(o, "end", json_integer(q[i].end));
    json_object_set_new(o, "text", span(text, q[i].start, q[i].end));
    json_object_set_new(o, "cue", span(text, q[i].cue_start, q[i].cue_end));
    int32_t s = q[i].speaker;
    json_object_set_new(o, "speaker",
                        s < 0 ? json_null() : span(text, m[s].start, m[s].end));
    json_object_set_new(
        o, "entity",
        s < 0 ? json_null()
              : json_string(w->entities[w->mention_entity[s]].name));
    json_array_append_new(arr, o);
  }
  return arr;
}

static int print_json(const char *text, size_t len, const sl_mention *m,
                      size_t n) {
  sl_alias_doc doc = {text, len, m, n};
  sl_who w = {0};
  sl_quote *q = NULL;
  size_t nq = 0;
  if (sl_alias_merge(&doc, 1, &w) != SL_OK ||
      sl_quotes_find(text, len, m, n, &q, &nq) != SL_OK) {
    sl_who_release(&w);
    cli_error("out of memory");
    return EXIT_SOME_FAILED;
  }
  json_t *o = json_object();
  json_object_set_new(o, "mentions", mentions_json(text, m, n, &w));
  json_object_set_new(o, "entities", entities_json(&w));
  json_object_set_new(o, "quotes", quotes_json(text, q, nq, m, &w));
  char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
  if (s)
    puts(s);
  free(s);
  json_decref(o);
  free(q);
  sl_who_release(&w);
  return EXIT_OK;
}

static int tag(const sl_ner_model *m, const char *in, size_t len, bool json,
               bool conll) {
  if (conll) {
    char *out = NULL;
    size_t n = 0;
    if (sl_ner_tag_conll(m, in, len, &out, &n) != SL_OK) {
      cli_error("cannot tag the CoNLL input");
      return EXIT_SOME_FAILED;
    }
    fwrite(out, 1, n, stdout);
    free(out);
    return EXIT_OK;
  }
  sl_mention *ms = NULL;
  size_t n = 0;
  if (sl_ner_tag_text(m, in, len, &ms, &n) != SL_OK) {
    cli_error("cannot tag the text (is it UTF-8, under 4 GiB?)");
    return EXIT_SOME_FAILED;
  }
  int rc = EXIT_OK;
  if (json)
    rc = print_json(in, len, ms, n);
  else
    print_plain(in, ms, n);
  free(ms);
  return rc;
}

static int run(const cli *c, int argc, char **argv) {
  (void)c;
  bool json = false, conll = false;
  const char *model = NULL;
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i]))
      return cli_help(&cmd_entities);
    if (strcmp(argv[i], "--json") == 0)
      json = true;
    else if (strcmp(argv[i], "--conll") == 0)
      conll = true;
    else if (strcmp(argv[i], "--model") == 0 && i + 1 == argc)
      return cli_missing_value(&cmd_entities, "--model");
    else if (strcmp(argv[i], "--model") == 0)
      model = argv[++i];
    else
      return cli_usage_error(&cmd_entities, "unexpected argument '%s'",
                             argv[i]);
  }
  sl_ner_model *m = load_model(model);
  if (!m)
    return EXIT_SOME_FAILED;
  size_t len = 0;
  char *in = cli_read("-", READ_CAP, false, &len);
  int rc = in ? tag(m, in, len, json, conll) : EXIT_SOME_FAILED;
  if (!in)
    cli_error("cannot read standard input");
  free(in);
  sl_ner_free(m);
  return rc;
}

const command cmd_entities = {
    "entities", run, "storyline entities [--json] [--conll] [--model PATH]",
    "Reads a UTF-8 text on standard input and prints its named entities, a\n"
    "line each: start and end byte offsets, type (PER, ORG, LOC, MISC), and\n"
    "the words. --json prints one object: mentions (with the entity each\n"
    "belongs to), entities (canonical name, type, every surface form with\n"
    "its count) and quotes (text, cue, speaker). --conll reads CoNLL-2003\n"
    "columns instead (token first; -DOCSTART- and blank lines kept) and\n"
    "writes each line with the predicted tag appended. The model is --model,\n"
    "else $STORYLINE_NER_MODEL, else models/ner.model.\n"};
