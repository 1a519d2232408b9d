/* storyline bench: temporal expressions against TempEval-3's TimeBank and
 * AQUAINT (tbaq.jsonl.gz) and Giveme5W1H's "when" answers.
 *   bench_timex TBAQ.jsonl.gz [GIVEME5W1H.jsonl.gz]
 * TempEval-3 measures: strict span match (same bytes) and relaxed (any
 * overlap), precision over system spans, recall over gold spans; value and
 * type F1 as the official script computes attribute F1: the attribute is
 * correct when a relaxed match holds the gold value, P = correct / system,
 * R = correct / gold. Printed per corpus (TimeBank, AQUAINT), for each
 * corpus's documents in even and odd places of the file (one half to look
 * at while developing, the other held out), and for all.
 * Giveme5W1H: the answer phrase is found in the text and the expression
 * overlapping it must resolve to the gold day. Speed: MB/s of text through
 * sl_when_find on one core. SL_VERBOSE=1 lists every miss with its byte
 * span (MISS, SPAN, VALUE, EXTRA), SL_VERBOSE=2 the right values too (OK). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <zlib.h>

#include "storyline/when.h"
#include "text/date.h"

typedef struct score {
  long gold, sys, strict, rel_gold, rel_sys, value, type;
} score;

static bool verbose, verbose_ok;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads one line of a gzip file into a growing buffer; false at the end. */
static bool read_line(gzFile f, char **buf, size_t *cap) {
  size_t n = 0;
  for (;;) {
    if (*cap - n < 2) {
      char *p = realloc(*buf, *cap * 2);
      if (!p)
        return false;
      *buf = p, *cap *= 2;
    }
    if (!gzgets(f, *buf + n, (int)(*cap - n)))
      return n > 0;
    n += strlen(*buf + n);
    if (n && (*buf)[n - 1] == '\n')
      return true;
  }
}

static json_t **load(const char *path, size_t *count) {
  gzFile f = gzopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0, ncap = 64;
  char *line = malloc(cap);
  json_t **docs = malloc(ncap * sizeof *docs);
  while (line && docs && read_line(f, &line, &cap)) {
    json_t *d = json_loads(line, 0, NULL);
    if (!d)
      continue;
    if (n == ncap) {
      json_t **p = realloc(docs, ncap * 2 * sizeof *docs);
      if (!p)
        break;
      docs = p, ncap *= 2;
    }
    docs[n++] = d;
  }
  free(line);
  gzclose(f);
  *count = n;
  return docs;
}

static sl_date parse_day(const char *s) {
  sl_date d = {0, 0, 0};
  if (s && sl_date_parse(s, strlen(s), &d, NULL) != SL_OK)
    d = (sl_date){0, 0, 0};
  return d;
}

static bool overlap(size_t a, size_t b, size_t c, size_t d) {
  return a < d && c < b;
}

static void show(const char *what, const char *text, size_t s, size_t e,
                 const char *val, const char *want) {
  if (verbose)
    printf("  %s\t%.*s\t%s\t%s\t%zu\t%zu\n", what, (int)(e - s), text + s, val,
           want ? want : "", s, e);
}

static void score_doc(json_t *doc, score *sc) {
  const char *text = json_string_value(json_object_get(doc, "text"));
  sl_date dct = parse_day(json_string_value(json_object_get(doc, "dct")));
  json_t *gold = json_object_get(doc, "timex");
  size_t len = strlen(text);
  sl_timex_list l;
  if (sl_when_find(text, len, dct, &l) != SL_OK)
    return;
  sc->sys += (long)l.count;
  sc->gold += (long)json_array_size(gold);
  for (size_t i = 0; i < json_array_size(gold); i++) {
    json_t *g = json_array_get(gold, i);
    size_t gs = (size_t)json_integer_value(json_object_get(g, "start"));
    size_t ge = (size_t)json_integer_value(json_object_get(g, "end"));
    const char *gv = json_string_value(json_object_get(g, "value"));
    const char *gt = json_string_value(json_object_get(g, "type"));
    const sl_timex *hit = NULL;
    for (size_t k = 0; k < l.count && !hit; k++)
      if (overlap(gs, ge, l.items[k].start, l.items[k].end))
        hit = &l.items[k];
    if (!hit) {
      show("MISS", text, gs, ge, gv, gt);
      continue;
    }
    sc->rel_gold++;
    sc->strict += hit->start == gs && hit->end == ge;
    if (hit->start != gs || hit->end != ge)
      show("SPAN", text, hit->start, hit->end, "", "");
    sc->type += strcmp(sl_timex_type_str(hit->type), gt) == 0;
    if (strcmp(hit->value, gv) == 0) {
      sc->value++;
      if (verbose_ok)
        show("OK", text, gs, ge, hit->value, gv);
    } else
      show("VALUE", text, gs, ge, hit->value, gv);
  }
  for (size_t k = 0; k < l.count; k++) {
    bool any = false;
    for (size_t i = 0; i < json_array_size(gold) && !any; i++) {
      json_t *g = json_array_get(gold, i);
      any = overlap(l.items[k].start, l.items[k].end,
                    (size_t)json_integer_value(json_object_get(g, "start")),
                    (size_t)json_integer_value(json_object_get(g, "end")));
    }
    sc->rel_sys += any;
    if (!any)
      show("EXTRA", text, l.items[k].start, l.items[k].end, l.items[k].value,
           json_string_value(json_object_get(doc, "dct")));
  }
  sl_timex_list_release(&l);
}

static double f1(double p, double r) {
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void print_score(const char *name, const score *s) {
  double sys = s->sys ? (double)s->sys : 1,
         gold = s->gold ? (double)s->gold : 1;
  double sp = s->strict / sys, sr = s->strict / gold;
  double rp = s->rel_sys / sys, rr = s->rel_gold / gold;
  double vp = s->value / sys, vr = s->value / gold;
  double tp = s->type / sys, tr = s->type / gold;
  printf("%-9s gold %4ld sys %4ld | strict P %.3f R %.3f F1 %.3f | relaxed "
         "P %.3f R %.3f F1 %.3f | value F1 %.3f (acc %.3f) | type F1 %.3f\n",
         name, s->gold, s->sys, sp, sr, f1(sp, sr), rp, rr, f1(rp, rr),
         f1(vp, vr), s->rel_gold ? (double)s->value / s->rel_gold : 0,
         f1(tp, tr));
}

static void add(score *a, const score *b) {
  a->gold += b->gold, a->sys += b->sys, a->strict += b->strict;
  a->rel_gold += b->rel_gold, a->rel_sys += b->rel_sys;
  a->value += b->value, a->type += b->type;
}

static void speed(json_t **docs, size_t n) {
  size_t bytes = 0, found = 0;
  double t0 = now(), t;
  int rounds = 0;
  do {
    for (size_t i = 0; i < n; i++) {
      const char *text = json_string_value(json_object_get(docs[i], "text"));
      sl_date dct =
          parse_day(json_string_value(json_object_get(docs[i], "dct")));
      sl_timex_list l;
      if (sl_when_find(text, strlen(text), dct, &l) == SL_OK)
        found += l.count;
      sl_timex_list_release(&l);
      bytes += strlen(text);
    }
    rounds++;
  } while ((t = now() - t0) < 2.0 && rounds < 1000);
  printf("speed     %.1f MB/s (%zu bytes in %.2f s, %d rounds, %zu "
         "expressions)\n",
         bytes / t / 1e6, bytes, t, rounds, found);
}

static int tbaq(const char *path) {
  size_t n;
  json_t **docs = load(path, &n);
  if (!docs || !n) {
    fprintf(stderr, "bench_timex: cannot read '%s'\n", path);
    return 1;
  }
  score tb = {0}, aq = {0}, all = {0}, half[2] = {{0}, {0}};
  score tbh[2] = {{0}, {0}};
  size_t naq = 0, ntb = 0;
  for (size_t i = 0; i < n; i++) {
    const char *corpus = json_string_value(json_object_get(docs[i], "corpus"));
    if (verbose)
      printf("doc %s %s\n", json_string_value(json_object_get(docs[i], "id")),
             json_string_value(json_object_get(docs[i], "dct")));
    if (corpus && strcmp(corpus, "AQUAINT") == 0)
      score_doc(docs[i], &half[naq++ % 2]);
    else
      score_doc(docs[i], &tbh[ntb++ % 2]);
  }
  add(&tb, &tbh[0]);
  add(&tb, &tbh[1]);
  add(&aq, &half[0]);
  add(&aq, &half[1]);
  add(&all, &tb);
  add(&all, &aq);
  print_score("TimeBank", &tb);
  print_score(" TB even", &tbh[0]);
  print_score(" TB odd", &tbh[1]);
  print_score("AQUAINT", &aq);
  print_score(" AQ even", &half[0]);
  print_score(" AQ odd", &half[1]);
  print_score("all", &all);
  add(&tbh[0], &half[0]);
  add(&tbh[1], &half[1]);
  print_score(" all even", &tbh[0]);
  print_score(" all odd", &tbh[1]);
  speed(docs, n);
  for (size_t i = 0; i < n; i++)
    json_decref(docs[i]);
  free(docs);
  return 0;
}

/* One answer: the expression over the phrase resolves to the gold day. */
static int when_right(const char *text, const sl_timex_list *l,
                      const sl_when_anchor_list *a, const char *phrase,
                      const char *want, int *anchor_right) {
  const char *at = strstr(text, phrase);
  if (!at)
    return 0;
  size_t s = (size_t)(at - text), e = s + strlen(phrase);
  char day[11];
  for (size_t k = 0; k < a->count; k++)
    if (a->items[k].start <= s && s < a->items[k].end) {
      sl_date_format(a->items[k].date, day);
      *anchor_right += strcmp(day, want) == 0;
    }
  for (size_t k = 0; k < l->count; k++)
    if (overlap(s, e, l->items[k].start, l->items[k].end)) {
      bool ok = strncmp(l->items[k].value, want, 10) == 0;
      if (!ok && verbose)
        printf("  WHEN\t%s\t%s\t%s\n", phrase, l->items[k].value, want);
      return ok;
    }
  if (verbose)
    printf("  WHEN\t%s\t(none)\t%s\n", phrase, want);
  return 0;
}

static void giveme(const char *path) {
  size_t n;
  json_t **docs = load(path, &n);
  if (!docs)
    return;
  int total = 0, right = 0, anchor = 0;
  for (size_t i = 0; i < n; i++) {
    const char *text = json_string_value(json_object_get(docs[i], "text"));
    sl_date dct = parse_day(json_string_value(json_object_get(docs[i], "dct")));
    sl_timex_list l;
    sl_when_anchor_list a;
    if (sl_when_find(text, strlen(text), dct, &l) != SL_OK)
      continue;
    if (sl_when_anchors(text, strlen(text), dct, &l, &a) != SL_OK) {
      sl_timex_list_release(&l);
      continue;
    }
    json_t *when = json_object_get(docs[i], "when");
    for (size_t k = 0; k < json_array_size(when); k++) {
      json_t *w = json_array_get(when, k);
      const char *phrase = json_string_value(json_object_get(w, "text"));
      const char *want = json_string_value(json_object_get(w, "value"));
      if (!phrase || !want)
        continue;
      total++;
      right += when_right(text, &l, &a, phrase, want, &anchor);
    }
    sl_when_anchor_list_release(&a);
    sl_timex_list_release(&l);
  }
  printf("giveme5w1h %d answers with a phrase and a date: value accuracy "
         "%.3f (%d), sentence anchor accuracy %.3f (%d)\n",
         total, total ? (double)right / total : 0, right,
         total ? (double)anchor / total : 0, anchor);
  for (size_t i = 0; i < n; i++)
    json_decref(docs[i]);
  free(docs);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_timex TBAQ.jsonl.gz [GIVEME5W1H.jsonl.gz]\n");
    return 2;
  }
  const char *v = getenv("SL_VERBOSE");
  verbose = v && (*v == '1' || *v == '2');
  verbose_ok = v && *v == '2';
  int rc = tbaq(argv[1]);
  if (argc > 2)
    giveme(argv[2]);
  return rc;
}
