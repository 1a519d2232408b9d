/* storyline base: a non-owning slice of bytes (after cmark's chunk). */
#ifndef SL_BASE_STR_H
#define SL_BASE_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct sl_str {
  const char *ptr;
  size_t len;
} sl_str;

#define SL_STR(lit) ((sl_str){(lit), sizeof(lit) - 1})

static inline sl_str sl_str_of(const char *s, size_t len) {
  sl_str r = {s, len};
  return r;
}
static inline sl_str sl_str_cstr(const char *s) {
  sl_str r = {s ? s : "", s ? strlen(s) : 0};
  return r;
}
static inline bool sl_str_eq(sl_str a, sl_str b) {
  return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}
/* Equal ignoring ASCII case. */
bool sl_str_eq_nocase(sl_str a, sl_str b);
/* Strips ASCII white space at both ends. */
sl_str sl_str_trim(sl_str s);
bool sl_str_starts_with(sl_str s, sl_str prefix);
bool sl_str_ends_with(sl_str s, sl_str suffix);

#endif
