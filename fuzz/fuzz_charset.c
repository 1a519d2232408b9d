/* Fuzz harness: charset detection and conversion to UTF-8. The first byte
 * picks the declared charset (none, one of a list, or the charset parameter
 * found in the input read as a Content-Type); the output must be valid UTF-8
 * without NUL bytes, and conversion must not fail. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/utf8.h"
#include "text/charset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const declared[] = {
    NULL,          "utf-8",       "iso-8859-1", "windows-1251", "koi8-r",
    "shift_jis",   "gb2312",      "big5",       "euc-kr",       "euc-jp",
    "iso-2022-jp", "utf-16",      "utf-16be",   "iso-8859-2",   "ibm866",
    "utf-7",       "no-such-one", "",           "UTF-32",       "macintosh"};
enum { NDECLARED = sizeof declared / sizeof declared[0] };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  const char *bytes = (const char *)data + 1;
  size_t len = size - 1;
  char label[SL_CHARSET_MAX], norm[SL_CHARSET_MAX];
  const char *decl = declared[data[0] % NDECLARED];
  if (data[0] >= 0x80 && sl_charset_from_content_type(bytes, len, label)) {
    decl = label;
    (void)sl_charset_normalize(label, norm);
  }
  sl_buf out;
  sl_buf_init(&out, len * 8 + 64);
  sl_charset_info info;
  sl_status st = sl_charset_to_utf8(bytes, len, decl, &out, &info, NULL);
  if (st != SL_OK && st != SL_ENOMEM)
    __builtin_trap();
  if (st == SL_OK && (!sl_utf8_valid(out.ptr, out.len) ||
                      memchr(out.ptr, '\0', out.len) || !info.name[0]))
    __builtin_trap();
  sl_buf_release(&out);
  return 0;
}
