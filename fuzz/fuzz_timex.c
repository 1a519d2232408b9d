/* Fuzz harness: temporal expressions, sentence anchors and the inferred
 * publication date on arbitrary bytes, with and without a DCT. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "storyline/when.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *text, size_t size, sl_date dct) {
  sl_timex_list l;
  if (sl_when_find(text, size, dct, &l) != SL_OK)
    return;
  for (size_t i = 0; i < l.count; i++) {
    const sl_timex *t = &l.items[i];
    if (t->start >= t->end || t->end > size || !t->value[0] ||
        memchr(t->value, '\0', sizeof t->value) == NULL ||
        (i > 0 && t->start < l.items[i - 1].end))
      __builtin_trap();
  }
  sl_when_anchor_list a;
  if (sl_when_anchors(text, size, dct, &l, &a) == SL_OK)
    sl_when_anchor_list_release(&a);
  sl_timex_list_release(&l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  check(text, size, (sl_date){0, 0, 0});
  check(text, size, (sl_date){2021, 3, 3});
  sl_when_pubdate p;
  if (sl_when_pubdate_infer(text, size, (sl_date){0, 0, 0}, &p) &&
      (p.date.year <= 0 || p.confidence <= 0 || p.confidence > 1))
    __builtin_trap();
  return 0;
}
