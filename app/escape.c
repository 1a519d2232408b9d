/* storyline CLI: control characters escaped in plain output, so a crafted
 * article cannot drive the terminal (ESC sequences, BEL) or break the
 * tab-separated columns (tab, newline). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { SLOTS = 8 };

/* The escape of byte `c` at `s` (a C0 control, DEL, or the lead byte of a
 * UTF-8 C1 control) into `out` (8 bytes); returns how many bytes of `s`
 * it stands for, 0 when `c` needs none. */
static size_t escape_one(const unsigned char *s, size_t left, char out[8]) {
  unsigned char c = s[0];
  if (c == 0xC2 && left > 1 && s[1] >= 0x80 && s[1] <= 0x9F) {
    snprintf(out, 8, "\\u%04x", s[1]);
    return 2;
  }
  if (c >= 0x20 && c != 0x7F)
    return 0;
  const char *named = c == '\t'   ? "\\t"
                      : c == '\n' ? "\\n"
                      : c == '\r' ? "\\r"
                      : c == 0x1B ? "\\e"
                                  : NULL;
  if (named)
    snprintf(out, 8, "%s", named);
  else
    snprintf(out, 8, "\\x%02x", c);
  return 1;
}

const char *cli_escn(const char *s, size_t n) {
  static char *slot[SLOTS];
  static size_t cap[SLOTS];
  static unsigned next;
  if (!s)
    return NULL;
  unsigned k = next++ % SLOTS;
  size_t need = n * 6 + 1; /* "\\u0080" for 2 bytes, "\\x07" for 1 */
  if (cap[k] < need) {
    char *p = realloc(slot[k], need);
    if (!p)
      return "(out of memory)";
    slot[k] = p;
    cap[k] = need;
  }
  char *w = slot[k], esc[8];
  for (size_t i = 0; i < n;) {
    size_t used = escape_one((const unsigned char *)s + i, n - i, esc);
    if (used) {
      size_t len = strlen(esc);
      memcpy(w, esc, len);
      w += len;
      i += used;
    } else {
      *w++ = s[i++];
    }
  }
  *w = '\0';
  return slot[k];
}

const char *cli_esc(const char *s) {
  return s ? cli_escn(s, strlen(s)) : NULL;
}

void cli_put_text(const char *s, size_t n) {
  size_t from = 0;
  char esc[8];
  for (size_t i = 0; i < n;) {
    size_t used =
        s[i] == '\n' ? 0 : escape_one((const unsigned char *)s + i, n - i, esc);
    if (!used) {
      i++;
      continue;
    }
    fwrite(s + from, 1, i - from, stdout);
    fputs(esc, stdout);
    i += used;
    from = i;
  }
  fwrite(s + from, 1, n - from, stdout);
}
