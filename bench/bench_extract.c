/* storyline bench: main-text extraction on trafilatura's evaluation pages.
 *   bench_extract DIR    (DIR holds evaldata.json and html/)
 * Environment: SL_HALF=0|1 measures the even or odd pages only, SL_VERBOSE
 * lists each miss and extra, SL_DUMP=NAME prints the bodies of the pages
 * whose file name holds NAME.
 * Per snippet, as trafilatura's evaluation counts them: a "with" snippet in
 * the extracted body is a true positive (missing: a false negative), a
 * "without" snippet in it a false positive; white space is folded in both.
 * Prints precision, recall, F1, title and date accuracy, and pages/s of
 * extraction on one core (file reading not counted). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "clean/html.h"
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

static void one_page(tally *t, const char *dir, json_t *gold, sl_page *p) {
  char path[1024];
  snprintf(path, sizeof path, "%s/html/%s", dir,
           json_string_value(json_object_get(gold, "file")));
  size_t len;
  char *html = slurp(path, &len);
  if (!html)
    return;
  double t0 = now();
  sl_status st = sl_html_extract(html, len, p, NULL);
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

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: bench_extract DIR\n");
    return 2;
  }
  char path[1024];
  snprintf(path, sizeof path, "%s/evaldata.json", argv[1]);
  json_t *all = json_load_file(path, 0, NULL);
  if (!json_is_object(all)) {
    fprintf(stderr, "bench_extract: cannot read '%s'\n", path);
    return 1;
  }
  tally t = {0};
  sl_page p;
  sl_page_init(&p);
  const char *url;
  json_t *gold;
  /* SL_HALF=0 or 1: only the even or odd pages (in file order), to check
   * that a change helps on both halves of the set. */
  const char *half = getenv("SL_HALF");
  long k = 0;
  json_object_foreach(all, url, gold) {
    if (!half || *half - '0' == (int)(k % 2))
      one_page(&t, argv[1], gold, &p);
    k++;
  }
  sl_page_release(&p);
  json_decref(all);
  double prec = t.tp + t.fp ? (double)t.tp / (double)(t.tp + t.fp) : 0;
  double rec = t.tp + t.fn ? (double)t.tp / (double)(t.tp + t.fn) : 0;
  printf("pages=%ld failed=%ld precision=%.3f recall=%.3f f1=%.3f "
         "(tp=%ld fn=%ld fp=%ld tn=%ld)\n",
         t.pages, t.failed, prec, rec,
         prec + rec ? 2 * prec * rec / (prec + rec) : 0, t.tp, t.fn, t.fp,
         t.tn);
  printf("title accuracy=%.3f (%ld/%ld) date accuracy=%.3f (%ld/%ld) "
         "pages_per_s=%.0f\n",
         t.titles ? (double)t.titles_right / (double)t.titles : 0,
         t.titles_right, t.titles,
         t.dates ? (double)t.dates_right / (double)t.dates : 0, t.dates_right,
         t.dates, t.seconds > 0 ? (double)t.pages / t.seconds : 0);
  return 0;
}
