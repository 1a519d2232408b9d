/* storyline base: slice helpers (see str.h). */
#include "base/str.h"

static int lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}
static bool space(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

bool sl_str_eq_nocase(sl_str a, sl_str b) {
  if (a.len != b.len)
    return false;
  for (size_t i = 0; i < a.len; i++)
    if (lower((unsigned char)a.ptr[i]) != lower((unsigned char)b.ptr[i]))
      return false;
  return true;
}

sl_str sl_str_trim(sl_str s) {
  while (s.len && space((unsigned char)s.ptr[0]))
    s.ptr++, s.len--;
  while (s.len && space((unsigned char)s.ptr[s.len - 1]))
    s.len--;
  return s;
}

bool sl_str_starts_with(sl_str s, sl_str prefix) {
  return s.len >= prefix.len &&
         (prefix.len == 0 || memcmp(s.ptr, prefix.ptr, prefix.len) == 0);
}

bool sl_str_ends_with(sl_str s, sl_str suffix) {
  return s.len >= suffix.len &&
         (suffix.len == 0 ||
          memcmp(s.ptr + s.len - suffix.len, suffix.ptr, suffix.len) == 0);
}
