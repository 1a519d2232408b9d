/* storyline tests: cmocka includes and small helpers shared by unit tests. */
#ifndef SL_TEST_H
#define SL_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* The repository root (tests run from it; SL_SOURCE_DIR overrides). */
static inline const char *sl_test_source_dir(void) {
  const char *d = getenv("SL_SOURCE_DIR");
  return d && *d ? d : ".";
}

/* ../shared/data, or NULL when it is absent (the caller skips). */
static inline const char *sl_test_shared_data(void) {
  const char *d = getenv("SL_SHARED_DATA");
  return d && *d ? d : NULL;
}

/* A positive integer from the environment, 1 when unset or not one. */
static inline int sl_test_env_int(const char *name) {
  const char *s = getenv(name);
  int n = s && *s ? atoi(s) : 1;
  return n > 0 ? n : 1;
}

/* Loops over real data read one record in SL_TEST_SAMPLE (default 1: all
 * of them), the same records every run. `make check-memory` sets it, since
 * valgrind runs the full loops tens of times slower. */
static inline int sl_test_sample(void) {
  return sl_test_env_int("SL_TEST_SAMPLE");
}

/* A synthetic input of many megabytes is built SL_TEST_SHRINK times smaller
 * (default 1): `make check-memory` sets it, since valgrind reads a 50 MB
 * page for minutes and the errors it looks for show at any size. */
static inline size_t sl_test_big(size_t bytes) {
  return bytes / (size_t)sl_test_env_int("SL_TEST_SHRINK");
}

/* Makes a fresh folder /tmp/sl-NAME-XXXXXX into `dir` (64 bytes). */
static inline void sl_test_mkdtemp(char dir[64], const char *name) {
  snprintf(dir, 64, "/tmp/sl-%s-XXXXXX", name);
  if (!mkdtemp(dir))
    fail_msg("cannot make a temporary folder for %s", name);
}

/* Removes a folder made by sl_test_mkdtemp, with everything in it. */
static inline void sl_test_rmrf(const char *dir) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
}

/* Reads a golden file (path relative to the repository root) into a
 * malloc'd NUL-terminated string; fails the test when it cannot. */
static inline char *sl_test_read(const char *rel) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", sl_test_source_dir(), rel);
  FILE *f = fopen(path, "rb");
  if (!f)
    fail_msg("cannot read golden file '%s'", path);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  assert_non_null(buf);
  assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
  buf[n] = '\0';
  fclose(f);
  return buf;
}

/* Undoes the escapes golden files use inside one line: \n, \t, \\.
 * In place; returns the new length. */
static inline size_t sl_test_unescape(char *s) {
  size_t w = 0;
  for (size_t r = 0; s[r]; r++) {
    if (s[r] == '\\' &&
        (s[r + 1] == 'n' || s[r + 1] == 't' || s[r + 1] == '\\')) {
      r++;
      s[w++] = s[r] == 'n' ? '\n' : s[r] == 't' ? '\t' : '\\';
    } else {
      s[w++] = s[r];
    }
  }
  s[w] = '\0';
  return w;
}

/* Splits `buf` into lines in place: each call returns the next line (without
 * its newline) or NULL at the end. */
static inline char *sl_test_next_line(char **cursor) {
  char *s = *cursor;
  if (!s || !*s)
    return NULL;
  char *nl = strchr(s, '\n');
  if (nl) {
    *nl = '\0';
    *cursor = nl + 1;
  } else {
    *cursor = s + strlen(s);
  }
  return s;
}

#endif
