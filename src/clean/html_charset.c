/* storyline clean: a web page's bytes as UTF-8 (see html_dom.h), through
 * the charset rules of text/charset.h: BOM, <meta> or <?xml?> in the first
 * 4 KiB, else a guess; a declaration the bytes contradict is set aside. */
#include <string.h>

#include "base/utf8.h"
#include "clean/html_dom.h"
#include "text/charset.h"

sl_status sl__html_to_utf8(const char *html, size_t len, char **owned,
                           size_t *out_len) {
  *owned = NULL;
  *out_len = len;
  sl_charset_info ci;
  sl_charset_detect(html, len, NULL, &ci);
  /* The common case: UTF-8 without a BOM is parsed in place. */
  if (strcmp(ci.name, "UTF-8") == 0 && ci.bom_len == 0 &&
      sl_utf8_valid(html, len))
    return SL_OK;
  sl_buf out = SL_BUF_INIT;
  sl_status st = sl_charset_to_utf8(html, len, NULL, &out, NULL, NULL);
  if (st != SL_OK) {
    sl_buf_release(&out);
    return st;
  }
  *owned = sl_buf_take(&out, out_len);
  return *owned ? SL_OK : SL_ENOMEM;
}
