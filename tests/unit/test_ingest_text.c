/* Tests of the plain-text parser: the golden cases of
 * tests/golden/ingest/text.txt (titles, dates, line ends, BOM, invalid UTF-8,
 * binary and empty input) and the cases too large for a golden file. */
#include "sl_test.h"

#include "base/buf.h"
#include "ingest/ingest.h"

/* One golden case: the lines after "=== name", unescaped where needed. */
typedef struct gcase {
  const char *name;
  char *in;
  size_t in_len;
  const char *status, *error, *prefix, *title, *text, *date;
  sl_buf warns; /* expected warnings, one per line */
} gcase;

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

static bool check_article(const gcase *c, const sl_article *a) {
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
  ok &= same(c, "ref", "dir/a.txt", a->ref);
  ok &= same(c, "source", NULL, a->source);
  ok &= same(c, "url", NULL, a->url);
  ok &= same(c, "language", NULL, a->language);
  return ok & same(c, "extra", NULL, a->extra);
}

static bool run_case(gcase *c) {
  sl_article a;
  sl_article_init(&a);
  sl_buf got_warns = SL_BUF_INIT;
  sl_warn_cb warn = {on_warn, &got_warns};
  sl_error err;
  sl_error_clear(&err);
  sl_status want = status_of(c->status);
  sl_status st = sl_parse_text(c->in, c->in_len, "dir/a.txt", &warn, &a, &err);
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
    ok = check_article(c, &a);
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
  const char **slot = strcmp(line, "status") == 0   ? &c->status
                      : strcmp(line, "error") == 0  ? &c->error
                      : strcmp(line, "prefix") == 0 ? &c->prefix
                      : strcmp(line, "title") == 0  ? &c->title
                      : strcmp(line, "text") == 0   ? &c->text
                      : strcmp(line, "date") == 0   ? &c->date
                                                    : NULL;
  if (!slot) {
    fail_msg("case '%s': unknown key '%s'", c->name, line);
    return;
  }
  *slot = v;
}

static void test_golden(void **state) {
  (void)state;
  char *file = sl_test_read("tests/golden/ingest/text.txt"), *cur = file;
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
        failures += !run_case(&c);
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
  printf("%d text cases\n", cases);
  assert_true(cases >= 35);
  assert_int_equal(failures, 0);
}

/* A NUL past the first 8 KiB is not "binary" but is still refused, with its
 * offset. */
static void test_late_nul(void **state) {
  (void)state;
  char big[10000];
  memset(big, 'a', sizeof big);
  big[9000] = '\0';
  sl_article a;
  sl_article_init(&a);
  sl_error err;
  assert_int_equal(sl_parse_text(big, sizeof big, "x", NULL, &a, &err),
                   SL_EUTF8);
  assert_int_equal(err.code, SL_EUTF8);
  assert_string_equal(err.msg, "NUL byte at offset 9000");
  assert_null(a.text);
  /* Control bytes past the first 8 KiB do not make a file binary. */
  memset(big, 'a', sizeof big);
  memset(big + 8192, '\x01', 1800);
  assert_int_equal(sl_parse_text(big, sizeof big, "x", NULL, &a, &err), SL_OK);
  assert_int_equal(strlen(a.text), sizeof big);
  sl_article_release(&a);
}

/* Binary detection is by share: just over 10% control bytes is binary,
 * 10% is not. */
static void test_control_share(void **state) {
  (void)state;
  char s[100];
  memset(s, 'x', sizeof s);
  memset(s, '\x02', 10);
  sl_article a;
  sl_article_init(&a);
  assert_int_equal(sl_parse_text(s, sizeof s, "x", NULL, &a, NULL), SL_OK);
  sl_article_release(&a);
  s[10] = '\x03';
  assert_int_equal(sl_parse_text(s, sizeof s, "x", NULL, &a, NULL), SL_EBINARY);
  assert_null(a.text);
}

/* A long article with a long title line boundary: 25 words is a title, and
 * the parser copes with a large body (no warn callback, no error struct). */
static void test_large_body(void **state) {
  (void)state;
  sl_buf in = SL_BUF_INIT;
  for (int i = 1; i <= 25; i++)
    assert_int_equal(sl_buf_printf(&in, "%sW%d", i > 1 ? " " : "", i), SL_OK);
  assert_int_equal(sl_buf_puts(&in, "\n\n"), SL_OK);
  for (int i = 0; i < 100000; i++)
    assert_int_equal(sl_buf_puts(&in, "Body sentence number one.\r\n"), SL_OK);
  sl_article a;
  sl_article_init(&a);
  assert_int_equal(sl_parse_text(in.ptr, in.len, "big", NULL, &a, NULL), SL_OK);
  assert_non_null(a.title);
  assert_true(strncmp(a.title, "W1 W2 ", 6) == 0);
  assert_int_equal(strlen(a.text), 100000 * 26 - 1);
  assert_null(strchr(a.text, '\r'));
  sl_article_release(&a);
  sl_buf_release(&in);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden),
      cmocka_unit_test(test_late_nul),
      cmocka_unit_test(test_control_share),
      cmocka_unit_test(test_large_body),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
