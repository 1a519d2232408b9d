/* Fuzz harness: arbitrary bytes read as a WARC crawl, so the damage paths
 * run (wrong Content-Length, junk between records, resynchronising on the
 * next "WARC/1." line, oversize records), plain or gzip-wrapped: the first
 * byte's low bit gzips the rest, its next bit cuts it into one gzip member
 * per record as crawlers write. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "ingest/ingest.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The reader takes paths: each input goes to one file per process. */
static char fuzz_path[64];

static void remove_file(void) {
  unlink(fuzz_path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  snprintf(fuzz_path, sizeof fuzz_path, "/tmp/sl-fuzz-warc-resync-%ld.warc",
           (long)getpid());
  atexit(remove_file);
  return 0;
}

static int write_file(const uint8_t *data, size_t size) {
  FILE *f = fopen(fuzz_path, "wb");
  if (!f)
    return -1;
  size_t n = fwrite(data, 1, size, f);
  return fclose(f) == 0 && n == size ? 0 : -1;
}

static sl_status on_input(void *ud, const sl_input *in) {
  unsigned *sum = ud;
  if (in->format != SL_FORMAT_HTML || !in->url)
    __builtin_trap();
  for (size_t i = 0; i < in->len; i++)
    *sum += (unsigned char)in->bytes[i];
  return SL_OK;
}

/* A refusal says why, and never leaks zlib's "<fd:N>" name. */
static void on_reject(void *ud, const char *origin, uint64_t line,
                      const sl_error *err) {
  (void)ud, (void)origin, (void)line;
  if (!err->msg[0] || strstr(err->msg, "<fd:"))
    __builtin_trap();
}

/* Appends `n` bytes gzipped as one member to `out` (room for n + 1024). */
static size_t gzip_member(const uint8_t *p, size_t n, uint8_t *out) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return 0;
  zs.next_in = (Bytef *)p;
  zs.avail_in = (uInt)n;
  zs.next_out = out;
  zs.avail_out = (uInt)(n + 1024);
  deflate(&zs, Z_FINISH);
  size_t made = zs.total_out;
  deflateEnd(&zs);
  return made;
}

/* The input gzipped, whole or a member per "WARC/1." line. */
static size_t gzip_all(const uint8_t *p, size_t n, bool members, uint8_t *out) {
  size_t w = 0, from = 0;
  for (size_t i = 1; members && i + 7 <= n; i++)
    if (p[i - 1] == '\n' && memcmp(p + i, "WARC/1.", 7) == 0) {
      w += gzip_member(p + from, i - from, out + w);
      from = i;
    }
  return w + gzip_member(p + from, n - from, out + w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  uint8_t flags = data[0];
  data++, size--;
  static uint8_t packed[65536 * 4 + 65536];
  if (flags & 1) {
    if (size > 65536)
      return 0;
    size = gzip_all(data, size, flags & 2, packed);
    data = packed;
  }
  if (write_file(data, size) != 0)
    return 0;
  unsigned sum = 0;
  sl_reader_cb cb = {on_input, on_reject, NULL, NULL, &sum};
  const char *paths[] = {fuzz_path};
  sl_error err;
  sl_status st = sl_read_paths(paths, 1, SL_FORMAT_WARC, &cb, &err);
  if (st != SL_OK && st != SL_ENOMEM)
    __builtin_trap();
  return 0;
}
