/* storyline base: the owning byte buffer (see buf.h). Growth is checked
 * against the cap and against size_t overflow before any allocation. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

char sl_buf__empty[1];

void sl_buf_init(sl_buf *b, size_t max) {
  b->ptr = sl_buf__empty;
  b->len = 0;
  b->cap = 0;
  b->max = max ? max : SL_BUF_NOMAX;
}

void sl_buf_release(sl_buf *b) {
  if (b->cap)
    free(b->ptr);
  sl_buf_init(b, b->max);
}

sl_status sl_buf_grow(sl_buf *b, size_t extra) {
  if (extra > b->max || b->len > b->max - extra)
    return SL_ETOOBIG;
  size_t need = b->len + extra + 1;
  if (need <= b->cap)
    return SL_OK;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  char *p = realloc(b->cap ? b->ptr : NULL, cap);
  if (!p)
    return SL_ENOMEM;
  if (!b->cap)
    p[0] = '\0';
  b->ptr = p;
  b->cap = cap;
  return SL_OK;
}

sl_status sl_buf_append(sl_buf *b, const void *data, size_t len) {
  if (len == 0)
    return SL_OK;
  sl_status st = sl_buf_grow(b, len);
  if (st != SL_OK)
    return st;
  memcpy(b->ptr + b->len, data, len);
  b->len += len;
  b->ptr[b->len] = '\0';
  return SL_OK;
}

sl_status sl_buf_puts(sl_buf *b, const char *s) {
  return sl_buf_append(b, s, strlen(s));
}

sl_status sl_buf__putc_slow(sl_buf *b, char c) {
  return sl_buf_append(b, &c, 1);
}

sl_status sl_buf_vprintf(sl_buf *b, const char *fmt, va_list ap) {
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  if (n < 0)
    return SL_EINVAL;
  sl_status st = sl_buf_grow(b, (size_t)n);
  if (st != SL_OK)
    return st;
  vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
  return SL_OK;
}

sl_status sl_buf_printf(sl_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sl_status st = sl_buf_vprintf(b, fmt, ap);
  va_end(ap);
  return st;
}

void sl_buf_clear(sl_buf *b) {
  sl_buf_truncate(b, 0);
}

void sl_buf_truncate(sl_buf *b, size_t len) {
  if (len >= b->len)
    return;
  b->len = len;
  if (b->cap)
    b->ptr[len] = '\0';
}

char *sl_buf_take(sl_buf *b, size_t *len) {
  char *p;
  if (b->cap) {
    p = b->ptr;
  } else {
    p = malloc(1);
    if (!p)
      return NULL;
    p[0] = '\0';
  }
  if (len)
    *len = b->len;
  sl_buf_init(b, b->max);
  return p;
}
