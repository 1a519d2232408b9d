/* storyline clean: what a node of a page holds: whether its tag starts a
 * line, its text, the share of it in links. The leaf the other html files
 * read nodes through. */
#include <stdint.h>

#include "clean/html_int.h"

bool sl__html_tag_in(uint16_t t, const uint8_t *tags) {
  for (; *tags; tags++)
    if (*tags == t)
      return true;
  return false;
}

static const uint8_t block_tags[] = {
    SL_T_P,  SL_T_DIV, SL_T_H1, SL_T_H2,         SL_T_H3,      SL_T_H4,
    SL_T_H5, SL_T_H6,  SL_T_LI, SL_T_BLOCKQUOTE, SL_T_PRE,     SL_T_TD,
    SL_T_TH, SL_T_TR,  SL_T_DD, SL_T_DT,         SL_T_SECTION, SL_T_ARTICLE,
    SL_T_UL, SL_T_OL,  SL_T_BR, SL_T_TABLE,      SL_T_MAIN,    0};

bool sl__html_block_tag(uint16_t t) {
  return sl__html_tag_in(t, block_tags);
}

void sl__html_text(const sl_dom *d, uint32_t n, sl_buf *out, size_t max) {
  uint32_t end = d->nodes[n].end;
  if (end - n > max * 8 + 64) /* a bound on nodes, for text-less subtrees */
    end = n + (uint32_t)(max * 8 + 64);
  for (uint32_t i = n + 1; i < end && out->len <= max; i++) {
    const sl_hnode *t = &d->nodes[i];
    if (t->flags & SL_HF_DROP) {
      i = t->end - 1;
      continue;
    }
    if (t->kind != SL_HTEXT) {
      if ((t->tag == SL_T_BR || sl__html_tag_in(t->tag, block_tags)) &&
          out->len && out->ptr[out->len - 1] != ' ' &&
          sl_buf_putc(out, ' ') != SL_OK)
        return;
      continue;
    }
    const char *s = d->bytes + t->off;
    size_t len = t->len;
    if (*s == ' ' && (out->len == 0 || out->ptr[out->len - 1] == ' ')) {
      s++;
      len--;
    }
    if (sl_buf_append(out, s, len) != SL_OK)
      return;
  }
}

double sl__html_link_density(const sl_html_stats *s, uint32_t n) {
  return s->text[n] ? (double)s->links[n] / (double)s->text[n] : 1.0;
}
