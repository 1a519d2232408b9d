/* storyline base: varints (LEB128: 7 bits a byte, low bits first, the high
 * bit set on every byte but the last) for the blobs the store keeps. */
#ifndef SL_BASE_VARINT_H
#define SL_BASE_VARINT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"

/* Writes `v` at `p` (room for 10 bytes); returns the end. */
static inline uint8_t *sl_varint_write(uint8_t *p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = (uint8_t)(v | 0x80);
    v >>= 7;
  }
  *p++ = (uint8_t)v;
  return p;
}

/* Appends `v` to `out` (1 to 10 bytes). */
static inline sl_status sl_varint_put(sl_buf *out, uint64_t v) {
  if (out->len + 11 > out->cap) {
    sl_status st = sl_buf_grow(out, 10);
    if (st != SL_OK)
      return st;
  }
  uint8_t *p = (uint8_t *)out->ptr + out->len;
  out->len = (size_t)((char *)sl_varint_write(p, v) - out->ptr);
  out->ptr[out->len] = '\0';
  return SL_OK;
}

/* Reads varints from [p, end); `bad` is set (and stays set) when one runs
 * past the end or past 64 bits. */
typedef struct sl_varint_reader {
  const uint8_t *p, *end;
  bool bad;
} sl_varint_reader;

/* The next varint; 0 with r->bad set when there is none. */
static inline uint64_t sl_varint_get(sl_varint_reader *r) {
  uint64_t v = 0;
  for (unsigned shift = 0; shift < 64; shift += 7) {
    if (r->p >= r->end) {
      r->bad = true;
      return 0;
    }
    uint8_t b = *r->p++;
    v |= (uint64_t)(b & 0x7f) << shift;
    if (!(b & 0x80))
      return v;
  }
  r->bad = true;
  return 0;
}

#endif
