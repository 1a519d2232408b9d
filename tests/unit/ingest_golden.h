/* storyline tests: the runner of the parsers' golden files
 * (tests/golden/ingest/), shared by the text and JSON Lines tests. Each
 * case is "=== name" followed by "key: value" lines: in, status, error,
 * prefix, warn, title, text, date, ref, source, url, language, extra. */
#ifndef SL_INGEST_GOLDEN_H
#define SL_INGEST_GOLDEN_H

#include "sl_test.h"

#include "base/buf.h"
#include "ingest/ingest.h"

/* One golden case: the lines after "=== name", unescaped where needed. */
typedef struct gcase {
  const char *name;
  char *in;
  size_t in_len;
  const char *status, *error, *prefix, *title, *text, *date;
  const char *ref, *source, *url, *language, *extra;
  sl_buf warns; /* expected warnings, one per line */
} gcase;

/* What a golden file is run against. */
typedef struct golden_opts {
  const char *path;        /* the golden file, from the repository root */
  const char *label;       /* "text", "JSON Lines" */
  int min_cases;           /* fewer cases fail the test */
  const char *default_ref; /* the ref expected when a case names none */
  sl_status (*parse)(const gcase *c, const sl_warn_cb *warn, sl_article *a,
                     sl_error *err);
} golden_opts;

static int hex(char c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

/* Undoes \n \r \t \f \\ and \xHH in place; returns the new length. */
static size_t unescape(char *s) {
  size_t w = 0;
  for (size_t r = 0; s[r]; r++) {
    char c = s[r];
    if (c == '\\' && s[r + 1]) {
      char e = s[++r];
      if (e == 'x' && hex(s[r + 1]) >= 0 && hex(s[r + 2]) >= 0) {
        c = (char)(hex(s[r + 1]) * 16 + hex(s[r + 2]));
        r += 2;
      } else {
        c = e == 'n'   ? '\n'
            : e == 'r' ? '\r'
            : e == 't' ? '\t'
            : e == 'f' ? '\f'
                       : e;
      }
    }
    s[w++] = c;
  }
  s[w] = '\0';
  return w;
}

static void on_warn(void *ud, sl_status code, const char *msg) {
  sl_buf *log = ud;
  assert_true(code != SL_OK);
  assert_int_equal(sl_buf_printf(log, "%s\n", msg), SL_OK);
}

static sl_status status_of(const char *name) {
  static const struct {
    const char *name;
    sl_status st;
  } map[] = {{"ok", SL_OK},
             {"EBINARY", SL_EBINARY},
             {"EUTF8", SL_EUTF8},
             {"EEMPTY", SL_EEMPTY},
             {"EPARSE", SL_EPARSE}};
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (name && strcmp(name, map[i].name) == 0)
      return map[i].st;
  fail_msg("unknown status '%s'", name ? name : "(none)");
  return SL_EINVAL;
}

/* Compares one string field; prints and returns false on a mismatch. */
static bool same(const gcase *c, const char *field, const char *want,
                 const char *got) {
  if ((!want && !got) || (want && got && strcmp(want, got) == 0))
    return true;
  printf("case '%s': %s: expected [%s], got [%s]\n", c->name, field,
         want ? want : "NULL", got ? got : "NULL");
  return false;
}

static bool check_article(const golden_opts *o, const gcase *c,
                          const sl_article *a) {
  char date[64] = "";
  if (a->date.year) {
    sl_date_format(a->date, date);
    snprintf(date + 10, sizeof date - 10, " %s", a->date_origin);
  } else if (a->date_origin[0]) {
    snprintf(date, sizeof date, "origin '%s' without a date", a->date_origin);
  }
  bool ok = same(c, "title", c->title, a->title);
  ok &= same(c, "text", c->text, a->text);
  ok &= same(c, "date", c->date ? c->date : "", date);
  ok &= same(c, "ref", c->ref ? c->ref : o->default_ref, a->ref);
  ok &= same(c, "source", c->source, a->source);
  ok &= same(c, "url", c->url, a->url);
  ok &= same(c, "language", c->language, a->language);
  return ok & same(c, "extra", c->extra, a->extra);
}

static bool run_case(const golden_opts *o, gcase *c) {
  sl_article a;
  sl_article_init(&a);
  sl_buf got_warns = SL_BUF_INIT;
  sl_warn_cb warn = {on_warn, &got_warns};
  sl_error err;
  sl_error_clear(&err);
  sl_status want = status_of(c->status);
  sl_status st = o->parse(c, &warn, &a, &err);
  bool ok = true;
  if (st != want) {
    printf("case '%s': status %d (%s), expected %s\n", c->name, st, err.msg,
           c->status);
    ok = false;
  } else if (st != SL_OK) {
    if (!c->prefix)
      ok = same(c, "error", c->error, err.msg);
    else if (strncmp(err.msg, c->prefix, strlen(c->prefix)) != 0)
      ok = same(c, "error prefix", c->prefix, err.msg);
    assert_int_equal(err.code, st);
  } else {
    ok = check_article(o, c, &a);
  }
  ok &= same(c, "warnings", c->warns.ptr, got_warns.ptr);
  sl_buf_release(&got_warns);
  sl_article_release(&a);
  return ok;
}

/* Sets the case field a "key: value" line names. */
static void set_key(gcase *c, char *line) {
  char *colon = strchr(line, ':');
  if (!colon) {
    fail_msg("case '%s': malformed line '%s'", c->name, line);
    return;
  }
  *colon = '\0';
  char *v = colon[1] == ' ' ? colon + 2 : colon + 1;
  if (strcmp(line, "in") == 0) {
    c->in = v;
    c->in_len = unescape(v);
    return;
  }
  if (strcmp(line, "warn") == 0) {
    unescape(v);
    assert_int_equal(sl_buf_printf(&c->warns, "%s\n", v), SL_OK);
    return;
  }
  unescape(v);
  const char **slot = strcmp(line, "status") == 0     ? &c->status
                      : strcmp(line, "error") == 0    ? &c->error
                      : strcmp(line, "prefix") == 0   ? &c->prefix
                      : strcmp(line, "title") == 0    ? &c->title
                      : strcmp(line, "text") == 0     ? &c->text
                      : strcmp(line, "date") == 0     ? &c->date
                      : strcmp(line, "ref") == 0      ? &c->ref
                      : strcmp(line, "source") == 0   ? &c->source
                      : strcmp(line, "url") == 0      ? &c->url
                      : strcmp(line, "language") == 0 ? &c->language
                      : strcmp(line, "extra") == 0    ? &c->extra
                                                      : NULL;
  if (!slot) {
    fail_msg("case '%s': unknown key '%s'", c->name, line);
    return;
  }
  *slot = v;
}

/* Runs every case of a golden file ("=== name" then "key: value" lines). */
static void run_golden(const golden_opts *o) {
  char *file = sl_test_read(o->path), *cur = file;
  char *line;
  gcase c;
  memset(&c, 0, sizeof c);
  int cases = 0, failures = 0;
  for (bool more = true; more;) {
    line = sl_test_next_line(&cur);
    more = line != NULL;
    if (line && line[0] == '#')
      continue;
    if (!line || strncmp(line, "=== ", 4) == 0) {
      if (c.name) {
        if (!c.in)
          fail_msg("case '%s' has no input", c.name);
        failures += !run_case(o, &c);
        cases++;
        sl_buf_release(&c.warns);
      }
      memset(&c, 0, sizeof c);
      c.name = line ? line + 4 : NULL;
      sl_buf_init(&c.warns, 0);
    } else if (line[0] && c.name) {
      set_key(&c, line);
    }
  }
  sl_buf_release(&c.warns);
  free(file);
  printf("%d %s cases\n", cases, o->label);
  assert_true(cases >= o->min_cases);
  assert_int_equal(failures, 0);
}

#endif
