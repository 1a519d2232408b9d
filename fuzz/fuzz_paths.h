/* What the harnesses that go through sl_read_paths share: the reader takes
 * paths, so each input is written to one temporary file per process
 * (removed at exit), and a refusal must always say why. Include once, from
 * a harness file. */
#ifndef SL_FUZZ_PATHS_H
#define SL_FUZZ_PATHS_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ingest/ingest.h"

static char fuzz_path[64];

static void fuzz_remove_file(void) {
  unlink(fuzz_path);
}

/* Names the file /tmp/sl-fuzz-NAME-PID.EXT and removes it at exit. */
static void fuzz_path_init(const char *name, const char *ext) {
  snprintf(fuzz_path, sizeof fuzz_path, "/tmp/sl-fuzz-%s-%ld.%s", name,
           (long)getpid(), ext);
  atexit(fuzz_remove_file);
}

static int fuzz_write_file(const uint8_t *data, size_t size) {
  int fd = open(fuzz_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return -1;
  for (size_t off = 0; off < size;) {
    ssize_t n = write(fd, data + off, size - off);
    if (n <= 0) {
      close(fd);
      return -1;
    }
    off += (size_t)n;
  }
  return close(fd);
}

static void fuzz_on_reject(void *ud, const char *origin, uint64_t line,
                           const sl_error *err) {
  (void)ud, (void)origin, (void)line;
  if (!err->msg[0])
    __builtin_trap(); /* a refusal always says why */
}

/* Writes the input and reads it as `format`, `on_input` seeing every
 * record; the callbacks never stop the reader. */
static void fuzz_read(const uint8_t *data, size_t size, sl_format format,
                      sl_status (*on_input)(void *ud, const sl_input *in)) {
  if (fuzz_write_file(data, size) != 0)
    return;
  unsigned sum = 0;
  sl_reader_cb cb = {on_input, fuzz_on_reject, NULL, NULL, &sum};
  const char *paths[] = {fuzz_path};
  sl_error err;
  sl_status st = sl_read_paths(paths, 1, format, &cb, &err);
  if (st != SL_OK && st != SL_ENOMEM)
    __builtin_trap();
}

#endif
