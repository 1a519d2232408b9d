/* storyline CLI: reading a whole input (a file, gzip or not, or standard
 * input) into memory, for the commands that take one text. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "cli.h"

char *cli_read(const char *path, size_t max, bool truncate, size_t *len) {
  bool in = !path || strcmp(path, "-") == 0;
  int fd = in ? dup(STDIN_FILENO) : -1;
  gzFile f = in ? (fd >= 0 ? gzdopen(fd, "rb") : NULL) : gzopen(path, "rb");
  if (!f) {
    if (fd >= 0)
      close(fd);
    return NULL;
  }
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap + 1);
  for (int got; buf && (got = gzread(f, buf + n, (unsigned)(cap - n))) > 0;) {
    n += (size_t)got;
    if (n < cap)
      continue;
    char *p = cap < max ? realloc(buf, cap * 2 + 1) : NULL;
    if (!p) {
      if (cap >= max && truncate)
        break; /* at the cap: the input is read up to it */
      free(buf);
      buf = NULL;
      break;
    }
    buf = p;
    cap *= 2;
  }
  gzclose(f);
  if (buf)
    buf[n] = '\0';
  *len = n;
  return buf;
}
