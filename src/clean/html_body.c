/* storyline clean: the body of a page written from its marked nodes (see
 * sl__html_write_body): the blocks are gathered into lines first, each
 * line is then kept or left out by rules, then again by its features
 * knowing the whole page (html_line.c), and the kept lines are written
 * one per line. */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"
#include "clean/html_int.h"

enum {
  OUTSIDE_MIN = 100, /* prose kept outside the zone */
  LABEL_MAX = 20,    /* shorter lines without punctuation are labels */
  SHORT_LINE = 40,   /* shorter lines in the zone may be links */
  TAIL_MAX = 40,     /* a last line this short may go */
  MAX_STACK = 1024   /* open blocks while writing (the dom nests less) */
};

typedef sl_html_line line;

typedef struct writer {
  const sl_dom *d;
  const sl_html_stats *s;
  sl_buf text;               /* the text of every line, one after the other */
  size_t start;              /* where the line being gathered starts in text */
  uint32_t links;            /* bytes of it inside links */
  sl_vec lines;              /* line, owned */
  bool all;                  /* no zone: every block counts as inside */
  uint32_t main_lo, main_hi; /* the block that holds most paragraphs */
} writer;

static bool is_heading(uint16_t t) {
  return t >= SL_T_H1 && t <= SL_T_H6;
}

/* Ends the line being gathered. */
static void flush(writer *w, bool inside, bool heading, uint32_t node) {
  size_t len = w->text.len - w->start;
  const char *p = w->text.ptr + w->start;
  bool prose = len >= OUTSIDE_MIN && (size_t)w->links * 5 < len &&
               (memchr(p, '.', len) || memmem(p, len, "\xE3\x80\x82", 3));
  line l = {.node = node,
            .off = (uint32_t)w->start,
            .len = (uint32_t)len,
            .links = w->links,
            .inside = inside,
            .heading = heading,
            .prose = prose};
  if (len && sl_vec_push(&w->lines, &l) != SL_OK)
    sl_buf_truncate(&w->text, w->start);
  w->start = w->text.len;
  w->links = 0;
}

static void put_text(writer *w, const sl_hnode *t) {
  const char *s = w->d->bytes + t->off;
  size_t len = t->len;
  if (*s == ' ' &&
      (w->text.len == w->start || w->text.ptr[w->text.len - 1] == ' ')) {
    s++;
    len--;
  }
  if (sl_buf_append(&w->text, s, len) == SL_OK && (t->flags & SL_HF_IN_A))
    w->links += (uint32_t)len;
}

typedef struct open_block {
  uint32_t node;
  bool here;
} open_block;

/* Whether to skip the subtree of `i` when writing a page with no zone:
 * lists and tables that are mostly links (menus, tag clouds). */
static bool skip_all(const writer *w, const sl_hnode *n, uint32_t i) {
  return w->all &&
         (n->tag == SL_T_UL || n->tag == SL_T_OL || n->tag == SL_T_DIV ||
          n->tag == SL_T_TABLE) &&
         sl__html_link_density(w->s, i) > 0.5;
}

/* Gathers the blocks of the page into lines, in document order. */
static void gather(writer *w) {
  const sl_dom *d = w->d;
  open_block stack[MAX_STACK];
  size_t depth = 0;
  for (uint32_t i = 1; i <= d->count; i++) {
    while (depth &&
           (i == d->count || d->nodes[stack[depth - 1].node].end <= i)) {
      open_block b = stack[--depth];
      if (sl__html_block_tag(d->nodes[b.node].tag))
        flush(w, b.here, is_heading(d->nodes[b.node].tag), b.node);
    }
    if (i == d->count)
      break;
    const sl_hnode *n = &d->nodes[i];
    if ((n->flags & SL_HF_DROP) || skip_all(w, n, i)) {
      i = n->end - 1;
      continue;
    }
    if (n->kind == SL_HTEXT) {
      put_text(w, n);
      continue;
    }
    bool inside = w->all || (depth && stack[depth - 1].here);
    if (sl__html_block_tag(n->tag))
      flush(w, inside, false, depth ? stack[depth - 1].node : 0);
    if (depth < MAX_STACK)
      stack[depth++] = (open_block){i, inside || (n->flags & SL_HF_ZONE)};
  }
  flush(w, w->all, false, 0);
}

/* Whether to keep line `l`: inside the zone, unless a list of links or a
 * short label; outside, running prose with few links (an article split
 * around an ad or a figure); `spanned` (between the first block kept and
 * the zone's last, or in the block that holds most paragraphs), lines
 * with few links too (short paragraphs, list items of the article). */
static bool keep_line(const writer *w, const line *l, bool spanned) {
  const char *p = w->text.ptr + l->off;
  size_t len = l->len, links = l->links;
  uint16_t tg = w->d->nodes[l->node].tag;
  /* A list item or table cell without links is content, however short
   * ("200 g sugar"). */
  bool item =
      l->links == 0 && (tg == SL_T_LI || tg == SL_T_TD || tg == SL_T_DD);
  bool label =
      !l->heading && !item && len < LABEL_MAX && !strchr(".!?\"", p[len - 1]);
  bool keep;
  if (l->inside) {
    keep = (links * 2 < len || len < SHORT_LINE) && !label;
  } else {
    keep = l->prose;
  }
  if (spanned && !keep)
    keep = len >= LABEL_MAX && links * 3 < len;
  return keep;
}

/* Decides every line; with `span`, the lines between the first and last
 * kept in the zone (`lo`, `hi`: nodes) count as spanned. */
static void decide(writer *w, bool span, uint32_t *lo, uint32_t *hi) {
  line *ls = w->lines.data;
  for (size_t i = 0; i < w->lines.len; i++) {
    line *l = &ls[i];
    bool spanned =
        !l->inside && ((span && l->node >= *lo && l->node <= *hi) ||
                       (l->node >= w->main_lo && l->node < w->main_hi));
    l->spanned = spanned;
    l->keep = keep_line(w, l, spanned);
    if (l->keep && !span) {
      *lo = l->node < *lo ? l->node : *lo;
      if (l->inside)
        *hi = l->node > *hi ? l->node : *hi;
    }
  }
}

/* Drops a short last line without final punctuation: a label or a
 * link to what follows the article ("Kommentare schreiben", "Tags"). */
static void trim_tail(sl_buf *out) {
  if (out->len < 2 || !out->ptr)
    return;
  size_t e = out->len - 1, b = e;
  while (b && out->ptr[b - 1] != '\n')
    b--;
  if (e - b < TAIL_MAX && !strchr(".!?\")", out->ptr[e - 1]))
    sl_buf_truncate(out, b);
}

/* Writes the kept lines, one per line. A heading that ends the body
 * introduces what follows it (links, comments), not the article. */
static void emit(const writer *w, sl_buf *out) {
  const line *ls = w->lines.data;
  size_t heading_at = SIZE_MAX;
  for (size_t i = 0; i < w->lines.len; i++) {
    if (!ls[i].keep)
      continue;
    heading_at = ls[i].heading ? out->len : SIZE_MAX;
    if (sl_buf_append(out, w->text.ptr + ls[i].off, ls[i].len) != SL_OK ||
        sl_buf_putc(out, '\n') != SL_OK)
      return;
  }
  if (heading_at != SIZE_MAX)
    sl_buf_truncate(out, heading_at);
  trim_tail(out);
}

void sl__html_write_body(const sl_dom *d, const sl_html_stats *s, uint32_t main,
                         bool all, sl_buf *out, const sl_html_learn *learn) {
  writer w = {d, s, SL_BUF_INIT, 0, 0, SL_VEC_INIT(line), all, 0, 0};
  if (main) {
    w.main_lo = main;
    w.main_hi = d->nodes[main].end;
  }
  gather(&w);
  uint32_t lo = UINT32_MAX, hi = 0;
  decide(&w, false, &lo, &hi);
  if (lo < hi) /* again, with the span known */
    decide(&w, true, &lo, &hi);
  sl_html_lines lines = {d,           s,         w.text.ptr, w.lines.data,
                         w.lines.len, w.main_lo, w.main_hi};
  sl__html_weigh_lines(&lines, learn);
  emit(&w, out);
  sl_vec_release(&w.lines);
  sl_buf_release(&w.text);
}
