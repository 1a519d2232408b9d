/* storyline base: varints (LEB128: 7 bits a byte, low bits first, the high
 * bit set on every byte but the last) for the blobs the store keeps. */
#ifndef SL_BASE_VARINT_H
#define SL_BASE_VARINT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"

/* Appends `v` to `out` (1 to 10 bytes). */
static inline sl_status sl_varint_put(sl_buf *out, uint64_t v) {
  uint8_t b[10];
  size_t n = 0;
  do {
    b[n++] = (uint8_t)((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
    v >>= 7;
  } while (v);
  return sl_buf_append(out, b, n);
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
