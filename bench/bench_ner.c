/* storyline bench: the named-entity tagger (conlleval entity P/R/F1 per type
 * on CoNLL-2003, tagging tokens per second) and alias merging (B-cubed over
 * the named mentions of ECB+'s cross-document chains, against merging equal
 * strings only).
 * usage: bench_ner conll MODEL eng.testa.gz
 *        bench_ner alias ecbplus-dev.jsonl.gz ecbplus-dev-mentions.jsonl.gz */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <zlib.h>

#include "storyline/who.h"

static char *read_gz(const char *path, size_t *len) {
  gzFile f = gzopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 20, n = 0;
  char *buf = malloc(cap);
  for (int got; buf && (got = gzread(f, buf + n, (unsigned)(cap - n))) > 0;) {
    n += (size_t)got;
    if (n == cap) {
      char *p = realloc(buf, cap *= 2);
      if (!p)
        free(buf);
      buf = p;
    }
  }
  gzclose(f);
  *len = n;
  return buf;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_prf(const char *name, const sl_ner_prf *p) {
  printf("  %-8s precision %6.2f%%  recall %6.2f%%  F1 %6.2f  (gold %u, "
         "found %u, correct %u)\n",
         name, 100 * p->precision, 100 * p->recall, 100 * p->f1, p->gold,
         p->found, p->correct);
}

static int bench_conll(const char *model_path, const char *data) {
  size_t mlen, len;
  char *mb = read_gz(model_path, &mlen), *text = read_gz(data, &len);
  if (!mb || !text) {
    fprintf(stderr, "bench_ner: cannot read '%s' or '%s'\n", model_path, data);
    return 1;
  }
  sl_ner_model *m = NULL;
  double t0 = now();
  sl_status st = sl_ner_load(mb, mlen, &m, NULL);
  double load = now() - t0;
  free(mb);
  char *out = NULL;
  size_t olen = 0;
  double best = 1e9;
  for (int run = 0; st == SL_OK && run < 10; run++) {
    free(out);
    t0 = now();
    st = sl_ner_tag_conll(m, text, len, &out, &olen);
    best = now() - t0 < best ? now() - t0 : best;
  }
  sl_ner_scores sc;
  if (st != SL_OK || sl_ner_eval_conll(out, olen, &sc) != SL_OK) {
    fprintf(stderr, "bench_ner: tagging failed\n");
    return 1;
  }
  printf("  model %zu bytes, loaded in %.1f ms\n", mlen, 1000 * load);
  for (int k = 0; k < SL_ENT__COUNT; k++)
    print_prf(sl_ent_type_str(k), &sc.type[k]);
  print_prf("overall", &sc.all);
  printf("  tagging: %lu tokens in %.3f s = %.0f tokens/s (best of 10, one "
         "core, CoNLL in and out)\n",
         (unsigned long)sc.tokens, best, (double)sc.tokens / best);
  free(out);
  free(text);
  sl_ner_free(m);
  return 0;
}

/* ---- alias merging on ECB+ ------------------------------------------- */

typedef struct gold_mention {
  sl_mention m;
  uint32_t chain;
} gold_mention;

typedef struct corpus {
  size_t ndocs;
  char **text;
  size_t *len;
  uint32_t *story; /* story id of each doc */
  gold_mention **gm;
  size_t *nm, *cap;
  size_t total;
} corpus;

/* A mention names something when one of its words, past a leading article
 * or preposition, starts with a capital: "Lindsay Lohan", "the Betty Ford
 * Center in Malibu", "Obama"; not "the actress", "The company". */
static bool is_named(const char *s, size_t len) {
  static const char *skip[] = {"The",  "A",   "An",  "In",  "At",   "On",
                               "From", "To",  "Of",  "For", "By",   "With",
                               "Near", "Its", "His", "Her", "Their"};
  size_t i = 0;
  bool first = true;
  while (i < len) {
    size_t b = i;
    while (i < len && s[i] != ' ')
      i++;
    bool skipped = false;
    for (size_t k = 0; first && k < sizeof skip / sizeof skip[0]; k++)
      skipped |= i - b == strlen(skip[k]) && !memcmp(s + b, skip[k], i - b);
    unsigned char c = (unsigned char)s[b];
    if (!skipped && ((c >= 'A' && c <= 'Z') || c >= 0xc3))
      return true;
    first = false;
    i++;
  }
  return false;
}

static int ecb_type(const char *t) {
  if (!strcmp(t, "HUMAN_PART_PER"))
    return SL_ENT_PER;
  if (!strcmp(t, "HUMAN_PART_ORG"))
    return SL_ENT_ORG;
  if (!strncmp(t, "LOC_", 4) || !strcmp(t, "HUMAN_PART_GPE"))
    return SL_ENT_LOC;
  return SL_ENT_MISC;
}

static uint32_t intern(json_t *dict, const char *key) {
  json_t *v = json_object_get(dict, key);
  if (v)
    return (uint32_t)json_integer_value(v);
  uint32_t id = (uint32_t)json_object_size(dict);
  json_object_set_new(dict, key, json_integer(id));
  return id;
}

/* Calls fn on each JSON line of a gzip file. */
static bool each_line(const char *path, void (*fn)(json_t *, void *),
                      void *ud) {
  size_t len;
  char *buf = read_gz(path, &len);
  if (!buf)
    return false;
  for (size_t i = 0; i < len;) {
    size_t e = i;
    while (e < len && buf[e] != '\n')
      e++;
    json_t *o = json_loadb(buf + i, e - i, 0, NULL);
    if (o)
      fn(o, ud);
    json_decref(o);
    i = e + 1;
  }
  free(buf);
  return true;
}

typedef struct loader {
  corpus *c;
  json_t *docs, *stories, *chains;
} loader;

static void grow(corpus *c) {
  size_t n = c->ndocs + 1;
  c->text = realloc(c->text, n * sizeof *c->text);
  c->len = realloc(c->len, n * sizeof *c->len);
  c->story = realloc(c->story, n * sizeof *c->story);
  c->gm = realloc(c->gm, n * sizeof *c->gm);
  c->nm = realloc(c->nm, n * sizeof *c->nm);
  c->cap = realloc(c->cap, n * sizeof *c->cap);
  if (!c->text || !c->len || !c->story || !c->gm || !c->nm || !c->cap)
    abort(); /* a benchmark, not the library */
}

static void on_doc(json_t *o, void *ud) {
  loader *l = ud;
  corpus *c = l->c;
  const char *id = json_string_value(json_object_get(o, "id"));
  json_t *text = json_object_get(o, "text");
  if (!id || !json_is_string(text))
    return;
  grow(c);
  size_t d = c->ndocs++;
  intern(l->docs, id);
  c->len[d] = json_string_length(text);
  c->text[d] = malloc(c->len[d] + 1);
  memcpy(c->text[d], json_string_value(text), c->len[d] + 1);
  const char *story = json_string_value(json_object_get(o, "story"));
  c->story[d] = intern(l->stories, story ? story : "");
  c->gm[d] = NULL;
  c->nm[d] = c->cap[d] = 0;
}

static void on_mention(json_t *o, void *ud) {
  loader *l = ud;
  corpus *c = l->c;
  const char *doc = json_string_value(json_object_get(o, "doc"));
  json_t *d = doc ? json_object_get(l->docs, doc) : NULL;
  const char *type = json_string_value(json_object_get(o, "type"));
  const char *chain = json_string_value(json_object_get(o, "chain"));
  json_int_t s = json_integer_value(json_object_get(o, "start"));
  json_int_t e = json_integer_value(json_object_get(o, "end"));
  if (!d || !type || !chain)
    return;
  size_t k = (size_t)json_integer_value(d);
  if (s < 0 || e <= s || (size_t)e > c->len[k] ||
      !is_named(c->text[k] + s, (size_t)(e - s)))
    return;
  if (c->nm[k] == c->cap[k]) {
    c->cap[k] = c->cap[k] ? 2 * c->cap[k] : 8;
    c->gm[k] = realloc(c->gm[k], c->cap[k] * sizeof *c->gm[k]);
    if (!c->gm[k])
      abort();
  }
  gold_mention *g = &c->gm[k][c->nm[k]++];
  g->m = (sl_mention){(uint32_t)s, (uint32_t)e, (uint8_t)ecb_type(type), 0};
  g->chain = intern(l->chains, chain);
  c->total++;
}

static int by_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* B-cubed precision, recall, F1 of `sys` clusters against `gold`. */
static void bcubed(const uint32_t *sys, const uint32_t *gold, size_t n,
                   double out[3]) {
  uint64_t *cell = malloc((n + 1) * sizeof *cell);
  uint32_t max_s = 0, max_g = 0;
  for (size_t i = 0; i < n; i++) {
    cell[i] = (uint64_t)sys[i] << 32 | gold[i];
    max_s = sys[i] > max_s ? sys[i] : max_s;
    max_g = gold[i] > max_g ? gold[i] : max_g;
  }
  uint32_t *ns = calloc(max_s + 1, sizeof *ns), *ng = calloc(max_g + 1, 4);
  for (size_t i = 0; i < n; i++) {
    ns[sys[i]]++;
    ng[gold[i]]++;
  }
  qsort(cell, n, sizeof *cell, by_u64);
  double p = 0, r = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && cell[j] == cell[i])
      j++;
    double c = (double)(j - i);
    p += c * c / ns[cell[i] >> 32];
    r += c * c / ng[cell[i] & 0xffffffffu];
    i = j;
  }
  out[0] = n ? p / (double)n : 0;
  out[1] = n ? r / (double)n : 0;
  out[2] = out[0] + out[1] > 0 ? 2 * out[0] * out[1] / (out[0] + out[1]) : 0;
  free(cell);
  free(ns);
  free(ng);
}

static void print_b3(const char *name, const uint32_t *sys,
                     const uint32_t *gold, size_t n, size_t clusters) {
  double b[3];
  bcubed(sys, gold, n, b);
  printf("  %-34s B-cubed P %.4f R %.4f F1 %.4f  (%zu entities)\n", name, b[0],
         b[1], b[2], clusters);
}

/* Runs the merger over docs [b, e) and writes entity ids from `base`. */
static size_t merge_docs(const corpus *c, const size_t *idx, size_t n,
                         sl_mention *buf, uint32_t *sys, size_t *at,
                         uint32_t base) {
  sl_alias_doc *docs = calloc(n + 1, sizeof *docs);
  size_t used = 0;
  for (size_t k = 0; k < n; k++) {
    size_t d = idx[k];
    for (size_t i = 0; i < c->nm[d]; i++)
      buf[used + i] = c->gm[d][i].m;
    docs[k] = (sl_alias_doc){c->text[d], c->len[d], buf + used, c->nm[d]};
    used += c->nm[d];
  }
  sl_who w;
  if (sl_alias_merge(docs, n, &w) != SL_OK)
    abort();
  for (size_t i = 0; i < w.nmentions; i++)
    sys[(*at)++] = base + w.mention_entity[i];
  size_t ents = w.n;
  sl_who_release(&w);
  free(docs);
  return ents;
}

/* Files every document's entities in an archive index, document by
 * document as the engine does on ingest; writes each mention's archive
 * entity to sys and returns the number of archive entities. */
static size_t file_docs(const corpus *c, sl_mention *buf, uint32_t *sys) {
  sl_alias_index ix;
  if (sl_alias_mem_new(&ix) != SL_OK)
    abort();
  int64_t *arch = NULL;
  size_t at = 0;
  for (size_t d = 0; d < c->ndocs; d++) {
    for (size_t i = 0; i < c->nm[d]; i++)
      buf[i] = c->gm[d][i].m;
    sl_alias_doc doc = {c->text[d], c->len[d], buf, c->nm[d]};
    sl_who w;
    if (sl_alias_merge(&doc, 1, &w) != SL_OK ||
        !(arch = realloc(arch, (w.n + 1) * sizeof *arch)))
      abort();
    for (size_t e = 0; e < w.n; e++)
      if (sl_alias_file(&ix, &w.entities[e], &arch[e]) != SL_OK)
        abort();
    for (size_t i = 0; i < w.nmentions; i++)
      sys[at++] = (uint32_t)arch[w.mention_entity[i]];
    sl_who_release(&w);
  }
  json_t *seen = json_object();
  for (size_t i = 0; i < at; i++) {
    char k[32];
    sys[i] = (uint32_t)sl_alias_mem_resolve(&ix, sys[i]);
    snprintf(k, sizeof k, "%u", sys[i]);
    intern(seen, k);
  }
  size_t n = json_object_size(seen);
  json_decref(seen);
  free(arch);
  sl_alias_mem_free(&ix);
  return n;
}

static int bench_alias(const char *stories, const char *mentions) {
  corpus c = {0};
  loader l = {&c, json_object(), json_object(), json_object()};
  if (!each_line(stories, on_doc, &l) || !each_line(mentions, on_mention, &l)) {
    fprintf(stderr, "bench_ner: cannot read '%s' or '%s'\n", stories, mentions);
    return 1;
  }
  size_t n = c.total, at = 0;
  uint32_t *gold = malloc((n + 1) * 4), *sys = malloc((n + 1) * 4);
  uint32_t *exact = malloc((n + 1) * 4);
  sl_mention *buf = malloc((n + 1) * sizeof *buf);
  size_t *idx = malloc((c.ndocs + 1) * sizeof *idx);
  json_t *strings = json_object();
  for (size_t d = 0; d < c.ndocs; d++)
    for (size_t i = 0; i < c.nm[d]; i++, at++) {
      gold[at] = c.gm[d][i].chain;
      char *s = strndup(c.text[d] + c.gm[d][i].m.start,
                        c.gm[d][i].m.end - c.gm[d][i].m.start);
      exact[at] = intern(strings, s);
      free(s);
    }
  printf("  %zu named mentions (a word past a leading article or preposition"
         " is capitalised) of %zu chains, in %zu documents\n",
         n, json_object_size(l.chains), c.ndocs);
  print_b3("exact-string baseline (archive)", exact, gold, n,
           json_object_size(strings));
  for (size_t d = 0; d < c.ndocs; d++)
    idx[d] = d;
  at = 0;
  double t0 = now();
  size_t ents = merge_docs(&c, idx, c.ndocs, buf, sys, &at, 0);
  double dt = now() - t0;
  print_b3("alias merging (archive)", sys, gold, n, ents);
  t0 = now();
  ents = file_docs(&c, buf, sys);
  double dt_file = now() - t0;
  print_b3("archive index, filed per article", sys, gold, n, ents);
  if (getenv("BENCH_NER_DUMP")) /* mention, entity, chain: for analysis */
    for (size_t d = 0, k = 0; d < c.ndocs; d++)
      for (size_t i = 0; i < c.nm[d]; i++, k++)
        fprintf(stderr, "%zu\t%u\t%u\t%.*s\n", d, sys[k], gold[k],
                (int)(c.gm[d][i].m.end - c.gm[d][i].m.start),
                c.text[d] + c.gm[d][i].m.start);
  at = 0;
  ents = 0;
  for (uint32_t s = 0; s < json_object_size(l.stories); s++) {
    size_t k = 0;
    for (size_t d = 0; d < c.ndocs; d++)
      if (c.story[d] == s)
        idx[k++] = d;
    ents += merge_docs(&c, idx, k, buf + at, sys, &at, (uint32_t)ents);
  }
  /* sys is in story order now: align gold the same way */
  size_t g = 0;
  for (uint32_t s = 0; s < json_object_size(l.stories); s++)
    for (size_t d = 0; d < c.ndocs; d++)
      if (c.story[d] == s)
        for (size_t i = 0; i < c.nm[d]; i++)
          exact[g++] = c.gm[d][i].chain;
  print_b3("alias merging (per story)", sys, exact, n, ents);
  printf("  merging the archive took %.1f ms; filing it article by article"
         " %.1f ms\n",
         1000 * dt, 1000 * dt_file);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 4 && !strcmp(argv[1], "conll"))
    return bench_conll(argv[2], argv[3]);
  if (argc == 4 && !strcmp(argv[1], "alias"))
    return bench_alias(argv[2], argv[3]);
  fprintf(stderr,
          "usage: bench_ner conll MODEL eng.testa.gz\n"
          "       bench_ner alias STORIES.jsonl.gz MENTIONS.jsonl.gz\n");
  return 2;
}
