/* Fuzz harness: a gzip file through the reader (members, truncation,
 * corruption), then format sniffing of what it holds. The reader takes
 * paths, so each input is written to /tmp/sl-fuzz-gzip-PID.gz first. */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/ingest.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void remove_file(void) {
  unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  snprintf(path, sizeof path, "/tmp/sl-fuzz-gzip-%ld.gz", (long)getpid());
  atexit(remove_file);
  return 0;
}

static int write_file(const uint8_t *data, size_t size) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
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

/* Every record's bytes are readable (ASan checks the sum's reads) and a
 * whole-file record is not empty. */
static sl_status on_input(void *ud, const sl_input *in) {
  unsigned *sum = ud;
  if (in->len == 0 || in->format == SL_FORMAT_AUTO ||
      in->format == SL_FORMAT_WARC)
    __builtin_trap();
  for (size_t i = 0; i < in->len; i++)
    *sum += (unsigned char)in->bytes[i];
  return SL_OK;
}

static void on_reject(void *ud, const char *origin, uint64_t line,
                      const sl_error *err) {
  if (!err->msg[0])
    __builtin_trap(); /* a refusal always says why */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (write_file(data, size) != 0)
    return 0;
  unsigned sum = 0;
  sl_reader_cb cb = {on_input, on_reject, NULL, NULL, &sum};
  const char *paths[] = {path};
  sl_error err;
  sl_status st = sl_read_paths(paths, 1, SL_FORMAT_AUTO, &cb, &err);
  if (st != SL_OK && st != SL_ENOMEM)
    __builtin_trap(); /* the callbacks never stop the reader */
  return 0;
}
