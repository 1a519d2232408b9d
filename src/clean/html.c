/* storyline clean: the article in a web page (see html.h): the page parsed
 * into a flat node array (html_dom.c), boilerplate marked by tag and class,
 * paragraphs scored by text and link density, and the body written one
 * block per line. Every pass is a loop over the array. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "clean/html_int.h"

enum {
  MIN_PARAGRAPH = 25,   /* bytes for a paragraph to score */
  PROSE_MIN = 1000,     /* a boilerplate-named block this long is kept */
  GOOD_PROSE_MIN = 100, /* ... or this long when it also names content */
};
#define PROMOTE 0.6

void sl_page_init(sl_page *p) {
  sl_buf *bufs[] = {&p->text, &p->title, &p->date,    &p->author,
                    &p->site, &p->url,   &p->language};
  for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
    sl_buf_init(bufs[i], 0);
}

void sl_page_release(sl_page *p) {
  sl_buf *bufs[] = {&p->text, &p->title, &p->date,    &p->author,
                    &p->site, &p->url,   &p->language};
  for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
    sl_buf_release(bufs[i]);
}

static const uint8_t dropped_tags[] = {
    SL_T_SCRIPT,   SL_T_STYLE,  SL_T_NOSCRIPT,   SL_T_IFRAME, SL_T_NAV,
    SL_T_FOOTER,   SL_T_ASIDE,  SL_T_BUTTON,     SL_T_SVG,    SL_T_SELECT,
    SL_T_TEXTAREA, SL_T_INPUT,  SL_T_FIGCAPTION, SL_T_MENU,   SL_T_OBJECT,
    SL_T_EMBED,    SL_T_CANVAS, SL_T_TEMPLATE,   SL_T_DIALOG, 0};
static const uint8_t para_tags[] = {SL_T_P,  SL_T_PRE, SL_T_BLOCKQUOTE, SL_T_H2,
                                    SL_T_H3, SL_T_H4,  SL_T_LI,         SL_T_TD,
                                    SL_T_DD, 0};

/* Whether the element is hidden: the hidden attribute, "display: none"
 * or "visibility: hidden" in its style. */
static bool hidden(const sl_dom *d, uint32_t n) {
  if (sl__dom_attr(d, n, SL_A_HIDDEN, NULL))
    return true;
  const char *style = sl__dom_attr(d, n, SL_A_STYLE, NULL);
  if (!style)
    return false;
  char flat[64];
  size_t k = 0;
  for (const char *p = style; *p && k < sizeof flat - 1; p++)
    if (*p != ' ')
      flat[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
  flat[k] = '\0';
  return strstr(flat, "display:none") || strstr(flat, "visibility:hidden");
}

/* Sets the marks of every node, parents first. */
static void classify(sl_dom *d, sl_html_hints *cache) {
  for (uint32_t i = 1; i < d->count; i++) {
    sl_hnode *n = &d->nodes[i];
    const sl_hnode *up = &d->nodes[n->parent];
    n->flags = up->flags & (SL_HF_DROP | SL_HF_IN_A);
    if (n->kind != SL_HELEM)
      continue;
    if (n->tag == SL_T_A)
      n->flags |= SL_HF_IN_A;
    if (sl__html_tag_in(n->tag, dropped_tags))
      n->flags |= SL_HF_DROP;
    if (n->len == 0)
      continue; /* no attributes */
    if (hidden(d, i))
      n->flags |= SL_HF_DROP;
    n->flags |= sl__html_class_flags(d, i, cache);
  }
}

typedef sl_html_stats stats;

/* Commas in text: ',' and the CJK ones (U+FF0C, U+3001). */
static uint32_t commas(const char *p, size_t len) {
  uint32_t n = 0;
  for (const char *e = p + len; p < e; p++)
    n += *p == ',' || (e - p >= 3 && ((memcmp(p, "\xEF\xBC\x8C", 3) == 0) ||
                                      memcmp(p, "\xE3\x80\x81", 3) == 0));
  return n;
}

/* Sums text, links and commas bottom-up, leaving dropped nodes out. */
static void sum_text(const sl_dom *d, stats *s) {
  memset(s->text, 0, d->count * sizeof *s->text);
  memset(s->links, 0, d->count * sizeof *s->links);
  memset(s->commas, 0, d->count * sizeof *s->commas);
  memset(s->paras, 0, d->count * sizeof *s->paras);
  for (uint32_t i = d->count; i-- > 1;) {
    const sl_hnode *n = &d->nodes[i];
    if (n->flags & SL_HF_DROP)
      continue;
    if (n->kind == SL_HTEXT) {
      s->text[i] = n->len;
      s->links[i] = n->flags & SL_HF_IN_A ? n->len : 0;
      s->commas[i] = commas(d->bytes + n->off, n->len);
    }
    if (n->kind == SL_HELEM && sl__html_tag_in(n->tag, para_tags) &&
        s->text[i] >= MIN_PARAGRAPH && s->links[i] * 2 < s->text[i])
      s->paras[i] = s->text[i]; /* not counting paragraphs inside twice */
    s->text[n->parent] += s->text[i];
    s->links[n->parent] += s->links[i];
    s->commas[n->parent] += s->commas[i];
    s->paras[n->parent] += s->paras[i];
  }
}

static bool structural(uint16_t t) {
  return t == SL_T_BODY || t == SL_T_HTML || t == SL_T_ARTICLE ||
         t == SL_T_MAIN;
}

/* Drops elements whose class or id names boilerplate, unless they also
 * name content or hold a long run of text with few links. */
static void drop_by_class(sl_dom *d, const stats *s) {
  for (uint32_t i = 1; i < d->count; i++) {
    sl_hnode *n = &d->nodes[i];
    n->flags |= d->nodes[n->parent].flags & SL_HF_DROP;
    if ((n->flags & (SL_HF_DROP | SL_HF_BAD)) != SL_HF_BAD ||
        structural(n->tag))
      continue;
    uint32_t min = n->flags & SL_HF_GOOD ? GOOD_PROSE_MIN : PROSE_MIN;
    bool prose = s->text[i] >= min && s->links[i] * 3 < s->text[i];
    /* A wrapper whose class says "sidebar" or "social" may still hold
     * most of the page's paragraphs: the article. */
    bool holds = s->paras[i] * 3 > s->paras[0] * 2;
    if (!prose && !holds)
      n->flags |= SL_HF_DROP;
  }
}

static void add_score(sl_dom *d, stats *s, uint32_t n, double v) {
  sl_hnode *e = &d->nodes[n];
  if (!(e->flags & SL_HF_SCORED)) {
    e->flags |= SL_HF_SCORED;
    s->score[n] =
        (e->flags & SL_HF_BAD ? -25 : 0) + (e->flags & SL_HF_GOOD ? 25 : 0);
  }
  s->score[n] += v;
}

/* Scores each paragraph into its parent and, halved, its grandparent. */
static void score_paragraphs(sl_dom *d, stats *s) {
  for (uint32_t i = 1; i < d->count; i++) {
    const sl_hnode *n = &d->nodes[i];
    if (n->flags & SL_HF_DROP) {
      i = n->end - 1;
      continue;
    }
    if (n->kind != SL_HELEM || !sl__html_tag_in(n->tag, para_tags) ||
        n->parent == 0)
      continue;
    uint32_t len = s->text[i];
    if (len < MIN_PARAGRAPH || s->links[i] * 2 >= len)
      continue;
    uint32_t hundreds = len / 100;
    double v = 1.0 + s->commas[i] + (hundreds < 3 ? hundreds : 3);
    add_score(d, s, n->parent, v);
    uint32_t g = d->nodes[n->parent].parent;
    if (g != 0)
      add_score(d, s, g, v / 2);
  }
}

static uint32_t best_candidate(const sl_dom *d, stats *s) {
  uint32_t best = 0;
  double top = 0;
  for (uint32_t i = 1; i < d->count; i++) {
    if (!(d->nodes[i].flags & SL_HF_SCORED))
      continue;
    s->score[i] *= 1.0 - sl__html_link_density(s, i);
    if (s->score[i] > top) {
      top = s->score[i];
      best = i;
    }
  }
  return best;
}

/* Climbs from the best candidate to an ancestor that scores nearly as well:
 * an article split into several blocks is scored in each of them, and
 * their common parent holds it all. */
static uint32_t promote(const sl_dom *d, const stats *s, uint32_t best) {
  while (best) {
    uint32_t up = d->nodes[best].parent;
    uint16_t t = d->nodes[up].tag;
    if (up == 0 || t == SL_T_BODY || t == SL_T_HTML ||
        !(d->nodes[up].flags & SL_HF_SCORED) ||
        s->score[up] < PROMOTE * s->score[best])
      break;
    best = up;
  }
  return best;
}

/* The smallest element that holds most of the page's paragraph text (0:
 * none below the root): the article, whatever the scores say. */
static uint32_t main_block(const sl_dom *d, const stats *s) {
  uint32_t c = 0;
  for (bool down = true; down;) {
    down = false;
    for (uint32_t k = c + 1; k < d->nodes[c].end; k = d->nodes[k].end)
      if (d->nodes[k].kind == SL_HELEM && !(d->nodes[k].flags & SL_HF_DROP) &&
          s->paras[k] * 2 >= s->paras[0] && s->paras[k]) {
        c = k;
        down = true;
        break;
      }
  }
  return c;
}

/* Marks the zone of the body: the best candidate and its siblings that
 * score well too (or are long paragraphs). */
static void mark_zone(sl_dom *d, const stats *s, uint32_t best) {
  double top = s->score[best];
  double bar = top * 0.2 > 10 ? top * 0.2 : 10;
  uint32_t parent = d->nodes[best].parent;
  for (uint32_t c = parent + 1; c < d->nodes[parent].end; c = d->nodes[c].end) {
    sl_hnode *n = &d->nodes[c];
    if (n->kind != SL_HELEM || (n->flags & SL_HF_DROP))
      continue;
    bool take = c == best || ((n->flags & SL_HF_SCORED) && s->score[c] >= bar);
    if (!take && n->tag == SL_T_P)
      take = s->text[c] > 80 && s->links[c] * 4 < s->text[c];
    if (take)
      n->flags |= SL_HF_ZONE;
  }
}

/* Trims each line and drops the empty ones. */
static void tidy_lines(sl_buf *b) {
  size_t w = 0;
  for (size_t r = 0; r < b->len;) {
    const char *nl = memchr(b->ptr + r, '\n', b->len - r);
    size_t end = nl ? (size_t)(nl - b->ptr) : b->len, s = r, e = end;
    while (s < e && b->ptr[s] == ' ')
      s++;
    while (e > s && b->ptr[e - 1] == ' ')
      e--;
    if (e > s) {
      if (w)
        b->ptr[w++] = '\n';
      memmove(b->ptr + w, b->ptr + s, e - s);
      w += e - s;
    }
    r = end + 1;
  }
  sl_buf_truncate(b, w);
}

static void body(sl_dom *d, stats *s, sl_buf *out, const sl_html_learn *learn) {
  sum_text(d, s);
  drop_by_class(d, s);
  sum_text(d, s);
  score_paragraphs(d, s);
  uint32_t best = promote(d, s, best_candidate(d, s));
  uint32_t main = main_block(d, s);
  if (best) {
    mark_zone(d, s, best);
    sl__html_write_body(d, s, main, false, out, learn);
  }
  if (out->len == 0) /* no paragraph scored: the whole page */
    sl__html_write_body(d, s, main, true, out, learn);
  tidy_lines(out);
}

static sl_status extract(sl_dom *d, sl_page *out, const sl_html_learn *learn) {
  sl_html_hints *cache = calloc(1, sizeof *cache);
  if (!cache)
    return SL_ENOMEM;
  classify(d, cache);
  free(cache);
  sl__html_meta(d, out);
  stats s = {
      calloc(d->count, sizeof(uint32_t)), calloc(d->count, sizeof(uint32_t)),
      calloc(d->count, sizeof(uint32_t)), calloc(d->count, sizeof(uint32_t)),
      calloc(d->count, sizeof(double))};
  sl_status st = SL_ENOMEM;
  if (s.text && s.links && s.commas && s.paras && s.score) {
    body(d, &s, &out->text, learn);
    st = SL_OK;
  }
  free(s.text);
  free(s.links);
  free(s.commas);
  free(s.paras);
  free(s.score);
  return st;
}

/* Replaces invalid UTF-8 in every field (a page may lie about its bytes). */
static void sanitize(sl_page *p) {
  sl_buf *bufs[] = {&p->text, &p->title, &p->date,    &p->author,
                    &p->site, &p->url,   &p->language};
  for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++) {
    if (sl_utf8_valid(bufs[i]->ptr, bufs[i]->len))
      continue;
    sl_buf clean = SL_BUF_INIT;
    if (sl_utf8_sanitize(bufs[i]->ptr, bufs[i]->len, &clean, NULL, NULL) ==
        SL_OK) {
      sl_buf_release(bufs[i]);
      *bufs[i] = clean;
    } else {
      sl_buf_release(&clean);
    }
  }
}

sl_status sl_html_extract(const char *html, size_t len, sl_page *out,
                          sl_error *err) {
  return sl__html_extract_learn(html, len, out, err, NULL);
}

sl_status sl__html_extract_learn(const char *html, size_t len, sl_page *out,
                                 sl_error *err, const sl_html_learn *learn) {
  sl_page_release(out);
  sl_page_init(out);
  if (len > (size_t)INT32_MAX)
    return sl_error_set(err, SL_ETOOBIG, "page larger than 2 GiB");
  char *conv = NULL;
  size_t clen = len;
  sl_status st = sl__html_to_utf8(html, len, &conv, &clen);
  sl_dom d;
  if (st == SL_OK)
    st = sl__dom_parse(&d, conv ? conv : html, clen);
  free(conv);
  if (st != SL_OK)
    return sl_error_set(err, st, "cannot parse the page: %s",
                        sl_status_str(st));
  st = extract(&d, out, learn);
  sl__dom_release(&d);
  if (st != SL_OK)
    return sl_error_set(err, st, "cannot extract the page: out of memory");
  sl__html_date_fallback(out);
  sanitize(out);
  return out->text.len ? SL_OK
                       : sl_error_set(err, SL_EEMPTY, "no article text found");
}
