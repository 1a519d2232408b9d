/* storyline base: an owning, growable byte buffer that is never NULL, always
 * NUL-terminated, and refuses to grow past its cap (after git's strbuf). */
#ifndef SL_BASE_BUF_H
#define SL_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "storyline/status.h"

typedef struct sl_buf {
  char *ptr;  /* never NULL; points at a static "" until the first growth */
  size_t len; /* bytes used, not counting the NUL */
  size_t cap; /* bytes allocated, 0 while ptr is the static "" */
  size_t max; /* the cap on len; growth past it fails with SL_ETOOBIG */
} sl_buf;

extern char sl_buf__empty[1];
#define SL_BUF_NOMAX ((size_t)1 << 40)
#define SL_BUF_INIT                                                            \
  { sl_buf__empty, 0, 0, SL_BUF_NOMAX }

/* Initialises an empty buffer that may hold up to `max` bytes (0: no cap). */
void sl_buf_init(sl_buf *b, size_t max);
/* Frees the memory and leaves an empty buffer with the same cap. */
void sl_buf_release(sl_buf *b);
/* Makes room for `extra` more bytes. SL_ETOOBIG past the cap, SL_ENOMEM. */
sl_status sl_buf_grow(sl_buf *b, size_t extra) SL_MUST_USE;
sl_status sl_buf_append(sl_buf *b, const void *data, size_t len) SL_MUST_USE;
sl_status sl_buf_puts(sl_buf *b, const char *s) SL_MUST_USE;
sl_status sl_buf__putc_slow(sl_buf *b, char c) SL_MUST_USE;
/* Appends one byte; inline because text loops call it per character. */
SL_MUST_USE static inline sl_status sl_buf_putc(sl_buf *b, char c) {
  if (b->len + 1 < b->cap && b->len < b->max) {
    b->ptr[b->len++] = c;
    b->ptr[b->len] = '\0';
    return SL_OK;
  }
  return sl_buf__putc_slow(b, c);
}
sl_status sl_buf_printf(sl_buf *b, const char *fmt, ...)
    SL_PRINTF(2, 3) SL_MUST_USE;
sl_status sl_buf_vprintf(sl_buf *b, const char *fmt, va_list ap) SL_MUST_USE;
/* Sets len to 0, keeping the memory. */
void sl_buf_clear(sl_buf *b);
/* Shortens to `len` bytes (no-op when len >= b->len). */
void sl_buf_truncate(sl_buf *b, size_t len);
/* Hands the bytes over: returns a malloc'd NUL-terminated string the caller
 * frees (never NULL unless out of memory), stores its length in `*len` when
 * `len` is not NULL, and leaves `b` empty. */
char *sl_buf_take(sl_buf *b, size_t *len);

#endif
