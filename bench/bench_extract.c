/* storyline bench: main-text extraction on trafilatura's evaluation pages.
 *   bench_extract DIR          (DIR holds evaldata.json and html/)
 *   bench_extract --learn DIR  fits the line weights of html_line.c on the
 *                              even pages and measures them on the odd
 *                              ones, and the other way round, then prints
 *                              the table fitted on all pages
 * Environment: SL_HALF=0|1 measures the even or odd pages only, SL_VERBOSE
 * lists each miss and extra, SL_DUMP=NAME prints the bodies of the pages
 * whose file name holds NAME, SL_ERRORS (with --learn) the lines of the
 * other half that the weights fitted on one half get wrong.
 * Per snippet, as trafilatura's evaluation counts them: a "with" snippet in
 * the extracted body is a true positive (missing: a false negative), a
 * "without" snippet in it a false positive; white space is folded in both.
 * Prints precision, recall, F1, title and date accuracy, and pages/s of
 * extraction on one core (file reading not counted). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "clean/html_int.h"
#include "storyline/article.h"
#include "text/date.h"

typedef struct tally {
  long tp, fn, fp, tn, pages, failed;
  long titles, titles_right, dates, dates_right;
  double seconds;
} tally;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Folds runs of white space to one space, in place. */
static void fold(char *s) {
  size_t w = 0;
  for (size_t r = 0; s[r]; r++) {
    bool space = s[r] == ' ' || s[r] == '\n' || s[r] == '\t' || s[r] == '\r';
    if (space && (w == 0 || s[w - 1] == ' '))
      continue;
    s[w++] = space ? ' ' : s[r];
  }
  while (w && s[w - 1] == ' ')
    w--;
  s[w] = '\0';
}

static bool found(const char *body, const char *snippet) {
  char *s = strdup(snippet);
  fold(s);
  bool hit = *s && strstr(body, s) != NULL;
  free(s);
  return hit;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  if (buf)
    buf[n] = '\0';
  *len = (size_t)n;
  return buf;
}

static void check_meta(tally *t, json_t *gold, const sl_page *p) {
  const char *title = json_string_value(json_object_get(gold, "title"));
  if (title && *title) {
    char *a = strdup(title), *b = strdup(p->title.ptr);
    fold(a);
    fold(b);
    t->titles++;
    t->titles_right += strcmp(a, b) == 0;
    if (getenv("SL_VERBOSE") && strcmp(a, b) != 0)
      printf("TITLE want [%s] got [%s]\n", a, b);
    free(a);
    free(b);
  }
  const char *date = json_string_value(json_object_get(gold, "date"));
  if (date && *date) {
    sl_date d = {0, 0, 0};
    char got[11] = "";
    if (sl_date_parse(p->date.ptr, p->date.len, &d, NULL) == SL_OK)
      sl_date_format(d, got);
    t->dates++;
    t->dates_right += strncmp(date, got, 10) == 0;
    if (getenv("SL_VERBOSE") && strncmp(date, got, 10) != 0)
      printf("DATE want [%s] got [%s] from [%s]\n", date, got, p->date.ptr);
  }
}

static void one_page(tally *t, const char *dir, json_t *gold, sl_page *p,
                     const sl_html_learn *learn) {
  char path[1024];
  snprintf(path, sizeof path, "%s/html/%s", dir,
           json_string_value(json_object_get(gold, "file")));
  size_t len;
  char *html = slurp(path, &len);
  if (!html)
    return;
  double t0 = now();
  sl_status st = sl__html_extract_learn(html, len, p, NULL, learn);
  t->seconds += now() - t0;
  free(html);
  t->pages++;
  t->failed += st != SL_OK;
  const char *dump = getenv("SL_DUMP"); /* a file name part: its body */
  if (dump && strstr(path, dump))
    printf("== %s\ntitle: %s\ndate: %s\n%s\n==\n", path, p->title.ptr,
           p->date.ptr, p->text.ptr);
  char *body = strdup(p->text.ptr);
  fold(body);
  size_t i;
  json_t *v;
  json_array_foreach(json_object_get(gold, "with"), i, v) {
    if (found(body, json_string_value(v)))
      t->tp++;
    else
      t->fn++;
    if (getenv("SL_VERBOSE") && !found(body, json_string_value(v)))
      printf("MISS %s: %.80s\n", path, json_string_value(v));
  }
  json_array_foreach(json_object_get(gold, "without"), i, v) {
    if (found(body, json_string_value(v)))
      t->fp++;
    else
      t->tn++;
    if (getenv("SL_VERBOSE") && found(body, json_string_value(v)))
      printf("EXTRA %s: %.80s\n", path, json_string_value(v));
  }
  free(body);
  check_meta(t, gold, p);
}

/* Runs the pages of `half` (0, 1: the even or odd ones in file order;
 * -1: all) into `t`. */
static void run(tally *t, const char *dir, json_t *all, int half,
                const sl_html_learn *learn) {
  sl_page p;
  sl_page_init(&p);
  const char *url;
  json_t *gold;
  long k = 0;
  json_object_foreach(all, url, gold) {
    if (half < 0 || half == (int)(k % 2))
      one_page(t, dir, gold, &p, learn);
    k++;
  }
  sl_page_release(&p);
}

static double f1_of(const tally *t, double *prec, double *rec) {
  *prec = t->tp + t->fp ? (double)t->tp / (double)(t->tp + t->fp) : 0;
  *rec = t->tp + t->fn ? (double)t->tp / (double)(t->tp + t->fn) : 0;
  return *prec + *rec ? 2 * *prec * *rec / (*prec + *rec) : 0;
}

/* Learning the weights of the line features (--learn): every snippet of
 * the gold is looked for in the lines the body writer saw, and the first
 * line that holds it becomes a sample, kept for "with", left out for
 * "without". A logistic model is fitted by Newton's method on the even
 * pages and measured on the odd ones, then the other way round, then
 * fitted on all pages and printed as the table html_body.c ships. */
enum {
  NF = SL_HTML_FEATURES,
  CONTEXT = 3, /* the last features: the first pass's odds around a line */
  NEWTON_STEPS = 30
};
#define RIDGE 1.0

typedef struct sample {
  float f[NF];
  float y; /* 1: keep, 0: leave out */
  long page;
  char *text; /* the line, for SL_ERRORS */
} sample;

typedef struct seen {
  char **text; /* folded lines of the page */
  float *f;    /* their features */
  size_t n, cap;
} seen;

typedef struct samples {
  sample *s;
  size_t n, cap;
} samples;

static void on_line(void *ctx, const char *text, size_t len,
                    const float *features, bool keep) {
  (void)keep;
  seen *v = ctx;
  if (v->n == v->cap) {
    v->cap = v->cap ? v->cap * 2 : 64;
    v->text = realloc(v->text, v->cap * sizeof *v->text);
    v->f = realloc(v->f, v->cap * NF * sizeof *v->f);
    if (!v->text || !v->f)
      exit(1);
  }
  v->text[v->n] = strndup(text, len);
  fold(v->text[v->n]);
  memcpy(v->f + v->n * NF, features, NF * sizeof *v->f);
  v->n++;
}

static void add_samples(samples *out, const seen *v, json_t *snippets, float y,
                        long page) {
  size_t i;
  json_t *j;
  json_array_foreach(snippets, i, j) {
    char *sn = strdup(json_string_value(j));
    fold(sn);
    for (size_t k = 0; *sn && k < v->n; k++) {
      if (!strstr(v->text[k], sn))
        continue;
      if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 1024;
        out->s = realloc(out->s, out->cap * sizeof *out->s);
        if (!out->s)
          exit(1);
      }
      sample *s = &out->s[out->n++];
      memcpy(s->f, v->f + k * NF, sizeof s->f);
      s->y = y;
      s->page = page;
      s->text = strdup(v->text[k]);
      break;
    }
    free(sn);
  }
}

static void collect(samples *out, const char *dir, json_t *all,
                    const float *w) {
  sl_page p;
  sl_page_init(&p);
  const char *url;
  json_t *gold;
  long page = 0;
  json_object_foreach(all, url, gold) {
    seen v = {0};
    sl_html_learn hook = {w, on_line, &v};
    tally t = {0};
    one_page(&t, dir, gold, &p, &hook);
    add_samples(out, &v, json_object_get(gold, "with"), 1, page);
    add_samples(out, &v, json_object_get(gold, "without"), 0, page);
    for (size_t k = 0; k < v.n; k++)
      free(v.text[k]);
    free(v.text);
    free(v.f);
    page++;
  }
  sl_page_release(&p);
}

/* Solves a x = b (n x n, row-major) by Gaussian elimination in place. */
static void solve(double *a, double *b, int n) {
  for (int c = 0; c < n; c++) {
    int piv = c;
    for (int r = c + 1; r < n; r++)
      if (fabs(a[r * n + c]) > fabs(a[piv * n + c]))
        piv = r;
    for (int k = 0; k < n; k++) {
      double tmp = a[c * n + k];
      a[c * n + k] = a[piv * n + k];
      a[piv * n + k] = tmp;
    }
    double tb = b[c];
    b[c] = b[piv];
    b[piv] = tb;
    for (int r = c + 1; r < n; r++) {
      double m = a[r * n + c] / a[c * n + c];
      for (int k = c; k < n; k++)
        a[r * n + k] -= m * a[c * n + k];
      b[r] -= m * b[c];
    }
  }
  for (int r = n - 1; r >= 0; r--) {
    for (int k = r + 1; k < n; k++)
      b[r] -= a[r * n + k] * b[k];
    b[r] /= a[r * n + r];
  }
}

/* Fits the weights on the samples of `half` (-1: all) by Newton's
 * method on the log loss with a ridge (the bias left out of it). */
static void fit(const samples *ss, int half, int nf, float *w) {
  double wd[NF] = {0};
  for (int step = 0; step < NEWTON_STEPS; step++) {
    double h[NF * NF] = {0}, g[NF] = {0};
    for (int k = 1; k < nf; k++) {
      h[k * nf + k] = RIDGE;
      g[k] = RIDGE * wd[k];
    }
    h[0] = 1e-6;
    for (size_t i = 0; i < ss->n; i++) {
      const sample *s = &ss->s[i];
      if (half >= 0 && s->page % 2 != half)
        continue;
      double z = 0;
      for (int k = 0; k < nf; k++)
        z += wd[k] * s->f[k];
      double p = 1 / (1 + exp(-z)), r = p * (1 - p);
      for (int a = 0; a < nf; a++) {
        g[a] += (p - s->y) * s->f[a];
        for (int b = 0; b < nf; b++)
          h[a * nf + b] += r * s->f[a] * s->f[b];
      }
    }
    solve(h, g, nf);
    for (int k = 0; k < nf; k++)
      wd[k] -= g[k];
  }
  for (int k = 0; k < NF; k++)
    w[k] = (float)wd[k];
}

/* Prints the samples of `half` the weights get wrong. */
static void print_errors(const samples *ss, int half, const float *w) {
  for (size_t i = 0; i < ss->n; i++) {
    const sample *s = &ss->s[i];
    double z = 0;
    for (int k = 0; k < NF; k++)
      z += w[k] * s->f[k];
    if (s->page % 2 != half || (z > 0) == (s->y > 0))
      continue;
    printf("%s %6.2f |", s->y > 0 ? "MISS " : "EXTRA", z);
    for (int k = 1; k < NF; k++)
      printf(" %.2g", (double)s->f[k]);
    printf(" | %.100s\n", s->text);
  }
}

static void free_samples(samples *ss) {
  for (size_t i = 0; i < ss->n; i++)
    free(ss->s[i].text);
  free(ss->s);
  *ss = (samples){0};
}

/* Fits both passes' weights `w` (2 * NF) on the pages of `half` (-1:
 * all): the first without the context features, then the second on the
 * lines as the first pass leaves them. */
static void fit_passes(const char *dir, json_t *all, int half, float *w) {
  samples ss = {0};
  memset(w, 0, (size_t)2 * NF * sizeof *w);
  collect(&ss, dir, all, w);
  if (half < 0) {
    size_t pos = 0;
    for (size_t i = 0; i < ss.n; i++)
      pos += ss.s[i].y > 0;
    printf("samples=%zu (keep %zu, leave out %zu)\n", ss.n, pos, ss.n - pos);
  }
  fit(&ss, half, NF - CONTEXT, w);
  free_samples(&ss);
  collect(&ss, dir, all, w);
  fit(&ss, half, NF, w + NF);
  if (getenv("SL_ERRORS") && half >= 0)
    print_errors(&ss, 1 - half, w + NF);
  free_samples(&ss);
}

static void learn(const char *dir, json_t *all) {
  float w[2 * NF];
  for (int half = 0; half < 2; half++) {
    fit_passes(dir, all, half, w);
    for (int on = 0; on < 2; on++) {
      tally t = {0};
      sl_html_learn hook = {w, NULL, NULL};
      run(&t, dir, all, on, &hook);
      double prec, rec, f1 = f1_of(&t, &prec, &rec);
      printf("fit on half %d, measured on half %d: precision=%.3f "
             "recall=%.3f f1=%.3f%s\n",
             half, on, prec, rec, f1, on == half ? " (seen)" : "");
    }
  }
  fit_passes(dir, all, -1, w);
  printf("static const float weights[2 * SL_HTML_FEATURES] = {\n");
  for (int k = 0; k < 2 * NF; k++)
    printf("%.4fF,%s", (double)w[k], k % 6 == 5 ? "\n" : " ");
  printf("};\n");
}

static void report(const tally *t) {
  double prec, rec, f1 = f1_of(t, &prec, &rec);
  printf("pages=%ld failed=%ld precision=%.3f recall=%.3f f1=%.3f "
         "(tp=%ld fn=%ld fp=%ld tn=%ld)\n",
         t->pages, t->failed, prec, rec, f1, t->tp, t->fn, t->fp, t->tn);
  printf("title accuracy=%.3f (%ld/%ld) date accuracy=%.3f (%ld/%ld) "
         "pages_per_s=%.0f\n",
         t->titles ? (double)t->titles_right / (double)t->titles : 0,
         t->titles_right, t->titles,
         t->dates ? (double)t->dates_right / (double)t->dates : 0,
         t->dates_right, t->dates,
         t->seconds > 0 ? (double)t->pages / t->seconds : 0);
}

int main(int argc, char **argv) {
  bool learning = argc == 3 && strcmp(argv[1], "--learn") == 0;
  if (argc != 2 && !learning) {
    fprintf(stderr, "usage: bench_extract [--learn] DIR\n");
    return 2;
  }
  const char *dir = argv[argc - 1];
  char path[1024];
  snprintf(path, sizeof path, "%s/evaldata.json", dir);
  json_t *all = json_load_file(path, 0, NULL);
  if (!json_is_object(all)) {
    fprintf(stderr, "bench_extract: cannot read '%s'\n", path);
    return 1;
  }
  if (learning) {
    learn(dir, all);
  } else {
    /* SL_HALF=0 or 1: only the even or odd pages (in file order), to
     * check that a change helps on both halves of the set. */
    const char *half = getenv("SL_HALF");
    tally t = {0};
    run(&t, dir, all, half ? *half - '0' : -1, NULL);
    report(&t);
  }
  json_decref(all);
  return 0;
}
