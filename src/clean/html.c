/* storyline clean: the article in a web page (see html.h): metadata from the
 * head, boilerplate dropped by tag and class, the body chosen by paragraph
 * scores, and its text written one block per line. */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "base/utf8.h"
#include "clean/html.h"
#include "text/date.h"

enum { MIN_PARAGRAPH = 25, MAX_DEPTH = 200 };
#define PROMOTE 0.6
#define PROSE_MIN 1000
#define OUTSIDE_MIN 100
#define LABEL_MAX 20

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

static bool is(const xmlNode *n, const char *tag) {
  return n && n->type == XML_ELEMENT_NODE &&
         xmlStrcasecmp(n->name, (const xmlChar *)tag) == 0;
}

static bool in_list(const xmlNode *n, const char *const *tags) {
  for (; *tags; tags++)
    if (is(n, *tags))
      return true;
  return false;
}

static const char *const dropped_tags[] = {
    "script", "style", "noscript", "iframe",   "nav",    "footer",     "aside",
    "button", "svg",   "select",   "textarea", "input",  "figcaption", "menu",
    "object", "embed", "canvas",   "template", "dialog", NULL};
static const char *const block_tags[] = {
    "p",       "div",        "h1",  "h2", "h3", "h4",    "h5",   "h6",
    "li",      "blockquote", "pre", "td", "th", "tr",    "dd",   "dt",
    "section", "article",    "ul",  "ol", "br", "table", "main", NULL};
static const char *const heading_tags[] = {"h1", "h2", "h3", "h4",
                                           "h5", "h6", NULL};
static const char *const para_tags[] = {"p",  "pre", "blockquote", "h2", "h3",
                                        "h4", "li",  "td",         "dd", NULL};

/* Class and id words that mark boilerplate, and those that mark content. */
static const char *const bad_words[] = {
    "comment",    "share",      "sharing",   "social",      "related",
    "footer",     "navbar",     "nav",       "menu",        "sidebar",
    "cookie",     "newsletter", "subscribe", "promo",       "advert",
    "ad",         "ads",        "banner",    "breadcrumb",  "breadcrumbs",
    "popup",      "modal",      "widget",    "sponsored",   "outbrain",
    "taboola",    "signup",     "paywall",   "consent",     "skip",
    "pagination", "masthead",   "disqus",    "recommended", "teaser",
    NULL};
static const char *const good_words[] = {"article", "content", "entry",
                                         "post",    "story",   "main",
                                         "body",    "text",    NULL};

/* Whether a word of the attribute (split at anything but letters and
 * digits, lowercased) is one of `words`, or that word with a plural s. */
static bool attr_has(const xmlNode *n, const char *attr,
                     const char *const *words) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
  bool hit = false;
  for (xmlChar *p = v; p && *p && !hit;) {
    while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                   (*p >= '0' && *p <= '9')))
      p++;
    xmlChar *w = p;
    for (; (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
           (*p >= '0' && *p <= '9');
         p++)
      if (*p >= 'A' && *p <= 'Z')
        *p = (xmlChar)(*p + 32);
    size_t len = (size_t)(p - w);
    for (const char *const *k = words; *k && !hit && len; k++) {
      size_t wl = strlen(*k);
      hit = (len == wl || (len == wl + 1 && w[wl] == 's')) &&
            memcmp(w, *k, wl) == 0;
    }
  }
  xmlFree(v);
  return hit;
}

static int class_weight(const xmlNode *n) {
  int w = 0;
  if (attr_has(n, "class", bad_words) || attr_has(n, "id", bad_words))
    w -= 25;
  if (attr_has(n, "class", good_words) || attr_has(n, "id", good_words))
    w += 25;
  return w;
}

/* Appends the element's text with white space folded. */
static void gather(const xmlNode *n, sl_buf *out, size_t *links, bool in_a,
                   int depth) {
  for (const xmlNode *c = n->children; c && depth < MAX_DEPTH; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content) {
      size_t before = out->len;
      for (const xmlChar *p = c->content; *p; p++) {
        bool space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
        if (space && (out->len == 0 || out->ptr[out->len - 1] == ' '))
          continue;
        if (sl_buf_putc(out, space ? ' ' : (char)*p) != SL_OK)
          return;
      }
      if (in_a && links)
        *links += out->len - before;
    } else if (c->type == XML_ELEMENT_NODE) {
      gather(c, out, links, in_a || is(c, "a"), depth + 1);
    }
  }
}

/* Whether an element holds running text: a long run of it with few links.
 * A class name alone does not condemn such a block. */
static bool prose(const xmlNode *n) {
  sl_buf text = SL_BUF_INIT;
  size_t links = 0;
  gather(n, &text, &links, false, 0);
  bool yes = text.len >= PROSE_MIN && links * 3 < text.len;
  sl_buf_release(&text);
  return yes;
}

/* Drops boilerplate subtrees: by tag, by role, and by class or id unless
 * the element also names content. */
static void prune(xmlNode *n, int depth) {
  for (xmlNode *c = n->children, *next; c; c = next) {
    next = c->next;
    if (c->type == XML_COMMENT_NODE) {
      xmlUnlinkNode(c);
      xmlFreeNode(c);
      continue;
    }
    if (c->type != XML_ELEMENT_NODE)
      continue;
    bool structural =
        is(c, "body") || is(c, "html") || is(c, "article") || is(c, "main");
    if (depth > MAX_DEPTH || in_list(c, dropped_tags) ||
        (!structural && class_weight(c) < 0 && !prose(c))) {
      xmlUnlinkNode(c);
      xmlFreeNode(c);
      continue;
    }
    prune(c, depth + 1);
  }
}

typedef struct scored {
  xmlNode *node;
  double score;
} scored;

typedef struct scorer {
  scored *items;
  size_t len, cap;
  sl_buf text;
} scorer;

static scored *entry(scorer *s, xmlNode *n) {
  if (n->_private)
    return &s->items[(size_t)n->_private - 1];
  if (s->len == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 64;
    scored *p = realloc(s->items, cap * sizeof *p);
    if (!p)
      return NULL;
    s->items = p;
    s->cap = cap;
  }
  s->items[s->len] = (scored){n, class_weight(n)};
  /* libxml2's spare pointer per node holds the index of its score, plus 1 */
  n->_private = (void *)(s->len + 1); // NOLINT(performance-no-int-to-ptr)
  return &s->items[s->len++];
}

/* Scores each paragraph into its parent and, halved, its grandparent. */
static void score_paragraphs(scorer *s, xmlNode *n, int depth) {
  for (xmlNode *c = n->children; c && depth < MAX_DEPTH; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    if (in_list(c, para_tags) && c->parent) {
      size_t links = 0;
      sl_buf_clear(&s->text);
      gather(c, &s->text, &links, false, 0);
      size_t len = s->text.len;
      if (len >= MIN_PARAGRAPH && links * 2 < len) {
        double score = 1.0;
        for (size_t i = 0; i < len; i++)
          score += s->text.ptr[i] == ',';
        size_t hundreds = len / 100;
        score += hundreds < 3 ? (double)hundreds : 3.0;
        scored *p = entry(s, c->parent);
        if (p)
          p->score += score;
        if (c->parent->parent && c->parent->parent->type == XML_ELEMENT_NODE) {
          scored *g = entry(s, c->parent->parent);
          if (g)
            g->score += score / 2;
        }
      }
    }
    score_paragraphs(s, c, depth + 1);
  }
}

static double link_density(scorer *s, xmlNode *n) {
  size_t links = 0;
  sl_buf_clear(&s->text);
  gather(n, &s->text, &links, false, 0);
  return s->text.len ? (double)links / (double)s->text.len : 1.0;
}

static xmlNode *best_candidate(scorer *s) {
  xmlNode *best = NULL;
  double top = 0;
  for (size_t i = 0; i < s->len; i++) {
    double v = s->items[i].score * (1.0 - link_density(s, s->items[i].node));
    s->items[i].score = v;
    if (v > top) {
      top = v;
      best = s->items[i].node;
    }
  }
  return best;
}

/* Ends the current line (out of memory: the text just stays shorter). */
static void end_line(sl_buf *out) {
  if (out->len && out->ptr[out->len - 1] != '\n' &&
      sl_buf_putc(out, '\n') != SL_OK)
    return;
}

/* Writes the text of `n`, a line per block element, skipping blocks that
 * are mostly links (menus, tag lists). */
static void write_blocks(scorer *s, const xmlNode *n, sl_buf *out, int depth) {
  for (const xmlNode *c = n->children; c && depth < MAX_DEPTH; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content) {
      for (const xmlChar *p = c->content; *p; p++) {
        bool space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
        bool at_start = out->len == 0 || out->ptr[out->len - 1] == '\n' ||
                        out->ptr[out->len - 1] == ' ';
        if (space && at_start)
          continue;
        if (sl_buf_putc(out, space ? ' ' : (char)*p) != SL_OK)
          return;
      }
      continue;
    }
    if (c->type != XML_ELEMENT_NODE)
      continue;
    bool block = in_list(c, block_tags);
    if (block &&
        (is(c, "ul") || is(c, "ol") || is(c, "div") || is(c, "table")) &&
        link_density(s, (xmlNode *)c) > 0.5)
      continue;
    if (block)
      end_line(out);
    write_blocks(s, c, out, depth + 1);
    if (block)
      end_line(out);
  }
}

typedef struct head {
  sl_page *out;
  sl_buf doc_title; /* <title> */
  sl_buf h1;        /* the first <h1> */
  int h1_count;
  sl_buf scratch;
} head;

static void set_if_empty(sl_buf *b, const char *v) {
  if (b->len == 0 && v && *v) {
    sl_buf tmp = SL_BUF_INIT;
    const char *p = v;
    while (*p == ' ' || *p == '\n' || *p == '\t')
      p++;
    size_t n = strlen(p);
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\n' || p[n - 1] == '\t'))
      n--;
    if (sl_buf_append(&tmp, p, n) == SL_OK) {
      sl_buf_release(b);
      *b = tmp;
    } else {
      sl_buf_release(&tmp);
    }
  }
}

static bool name_in(const char *v, const char *const *names) {
  for (; v && *names; names++)
    if (strcmp(v, *names) == 0)
      return true;
  return false;
}

static void meta(head *h, const xmlNode *n) {
  static const char *const dates[] = {"article:published_time",
                                      "datepublished",
                                      "date",
                                      "pubdate",
                                      "publish-date",
                                      "publishdate",
                                      "dc.date",
                                      "dc.date.issued",
                                      "sailthru.date",
                                      "parsely-pub-date",
                                      "og:published_time",
                                      "article.published",
                                      "published_time",
                                      NULL};
  static const char *const authors[] = {
      "author", "article:author", "dc.creator", "byl", "parsely-author", NULL};
  xmlChar *key = xmlGetProp(n, (const xmlChar *)"property");
  if (!key)
    key = xmlGetProp(n, (const xmlChar *)"name");
  if (!key)
    key = xmlGetProp(n, (const xmlChar *)"itemprop");
  xmlChar *content = xmlGetProp(n, (const xmlChar *)"content");
  if (key && content) {
    for (xmlChar *p = key; *p; p++)
      if (*p >= 'A' && *p <= 'Z')
        *p = (xmlChar)(*p + 32);
    const char *k = (const char *)key, *v = (const char *)content;
    if (strcmp(k, "og:title") == 0)
      set_if_empty(&h->out->title, v);
    else if (strcmp(k, "og:site_name") == 0)
      set_if_empty(&h->out->site, v);
    else if (strcmp(k, "og:url") == 0)
      set_if_empty(&h->out->url, v);
    else if (name_in(k, dates))
      set_if_empty(&h->out->date, v);
    else if (name_in(k, authors) && strncmp(v, "http", 4) != 0)
      set_if_empty(&h->out->author, v);
  }
  xmlFree(key);
  xmlFree(content);
}

/* "datePublished": "2021-03-03T10:00:00Z" in a JSON-LD block. */
static void json_ld(head *h, const char *s) {
  const char *p = s ? strstr(s, "\"datePublished\"") : NULL;
  if (!p || h->out->date.len)
    return;
  p = strchr(p + 15, '"');
  const char *e = p ? strchr(p + 1, '"') : NULL;
  if (p && e && e - p < 64 &&
      sl_buf_append(&h->out->date, p + 1, (size_t)(e - p - 1)) != SL_OK)
    sl_buf_clear(&h->out->date);
}

static void text_of(const xmlNode *n, sl_buf *out) {
  sl_buf_clear(out);
  gather(n, out, NULL, false, 0);
}

/* An element whose class or id names a date ("post-date", "published"):
 * its short text may state the date ("Posted on March 3, 2021"). */
static void date_element(head *h, const xmlNode *n) {
  static const char *const words[] = {
      "date",  "time", "published", "posted",   "pubdate",
      "datum", "meta", "byline",    "dateline", NULL};
  if (h->out->date.len ||
      !(attr_has(n, "class", words) || attr_has(n, "id", words)))
    return;
  text_of(n, &h->scratch);
  sl_date d;
  size_t s = 0, e = 0;
  if (h->scratch.len <= 200 &&
      sl_date_find(h->scratch.ptr, h->scratch.len, &d, &s, &e) &&
      sl_buf_append(&h->out->date, h->scratch.ptr + s, e - s) != SL_OK)
    sl_buf_clear(&h->out->date);
}

static void head_element(head *h, const xmlNode *n) {
  date_element(h, n);
  if (is(n, "meta")) {
    meta(h, n);
  } else if (is(n, "title") && h->doc_title.len == 0) {
    text_of(n, &h->doc_title);
  } else if (is(n, "h1")) {
    if (h->h1_count++ == 0)
      text_of(n, &h->h1);
  } else if (is(n, "link")) {
    xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel");
    xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
    if (rel && href && xmlStrcasecmp(rel, (const xmlChar *)"canonical") == 0)
      set_if_empty(&h->out->url, (const char *)href);
    xmlFree(rel);
    xmlFree(href);
  } else if (is(n, "time")) {
    xmlChar *dt = xmlGetProp(n, (const xmlChar *)"datetime");
    set_if_empty(&h->out->date, (const char *)dt);
    xmlFree(dt);
  } else if (is(n, "script")) {
    xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
    if (type && strstr((const char *)type, "ld+json") && n->children)
      json_ld(h, (const char *)n->children->content);
    xmlFree(type);
  }
}

static void walk_head(head *h, const xmlNode *n, int depth) {
  for (const xmlNode *c = n->children; c && depth < MAX_DEPTH; c = c->next)
    if (c->type == XML_ELEMENT_NODE) {
      head_element(h, c);
      walk_head(h, c, depth + 1);
    }
}

/* "Headline | Site" -> "Headline": the longest part between separators. */
static void trim_site(sl_buf *t) {
  static const char *const seps[] = {
      " | ",        " - ",        " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
      " \xC2\xBB ", " \xC2\xB7 ", " \xE2\x80\xBA ", " \xE2\x80\xA2 ", NULL};
  for (const char *const *s = seps; *s; s++) {
    char *at = strstr(t->ptr, *s);
    if (!at)
      continue;
    size_t first = (size_t)(at - t->ptr);
    const char *rest = at + strlen(*s);
    if (first >= strlen(rest)) {
      sl_buf_truncate(t, first);
    } else {
      memmove(t->ptr, rest, strlen(rest) + 1);
      t->len = strlen(t->ptr);
    }
    return;
  }
}

static void read_head(xmlDoc *doc, sl_page *out) {
  head h = {out, SL_BUF_INIT, SL_BUF_INIT, 0, SL_BUF_INIT};
  xmlNode *root = xmlDocGetRootElement(doc);
  if (root) {
    xmlChar *lang = xmlGetProp(root, (const xmlChar *)"lang");
    if (lang && strlen((const char *)lang) >= 2 && out->language.len == 0)
      if (sl_buf_append(&out->language, lang, 2) != SL_OK)
        sl_buf_clear(&out->language);
    xmlFree(lang);
    head_element(&h, root);
    walk_head(&h, root, 0);
  }
  /* The first <h1> when the page's own titles contain it (the clean
   * headline), else og:title or <title> without the site name. */
  bool h1_named =
      h.h1.len >= 3 && ((out->title.len && strstr(out->title.ptr, h.h1.ptr)) ||
                        (h.doc_title.len && strstr(h.doc_title.ptr, h.h1.ptr)));
  if (h1_named)
    sl_buf_clear(&out->title);
  if (h1_named || (out->title.len == 0 && h.h1_count == 1))
    set_if_empty(&out->title, h.h1.ptr);
  if (out->title.len == 0 && h.doc_title.len)
    set_if_empty(&out->title, h.doc_title.ptr);
  if (!h1_named)
    trim_site(&out->title);
  for (size_t i = 0; i < out->language.len; i++)
    if (out->language.ptr[i] >= 'A' && out->language.ptr[i] <= 'Z')
      out->language.ptr[i] = (char)(out->language.ptr[i] + 32);
  sl_buf_release(&h.doc_title);
  sl_buf_release(&h.h1);
  sl_buf_release(&h.scratch);
}

/* Climbs from the best candidate to an ancestor that scores nearly as well:
 * an article split into several blocks is scored in each of them, and
 * their common parent holds it all. */
static xmlNode *promote(scorer *s, xmlNode *best) {
  while (best && best->parent && best->parent->type == XML_ELEMENT_NODE &&
         !is(best->parent, "body") && !is(best->parent, "html") &&
         best->parent->_private &&
         entry(s, best->parent)->score >= PROMOTE * entry(s, best)->score)
    best = best->parent;
  return best;
}

/* The zone of the body: the best candidate and its siblings that score
 * well too (or are long paragraphs). */
static size_t choose_zone(scorer *s, xmlNode *best, xmlNode **zone,
                          size_t cap) {
  double top = entry(s, best) ? entry(s, best)->score : 0;
  double bar = top * 0.2 > 10 ? top * 0.2 : 10;
  xmlNode *parent = best->parent;
  size_t n = 0;
  for (xmlNode *c = parent ? parent->children : best; c && n < cap;
       c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    bool take = c == best || (c->_private && entry(s, c)->score >= bar);
    if (!take && is(c, "p")) {
      size_t links = 0;
      sl_buf_clear(&s->text);
      gather(c, &s->text, &links, false, 0);
      take = s->text.len > 80 && links * 4 < s->text.len;
    }
    if (take)
      zone[n++] = c;
    if (!parent)
      break;
  }
  return n;
}

typedef struct page_writer {
  xmlNode **zone;
  size_t nzone;
  sl_buf line; /* the block being gathered */
  size_t links;
  sl_buf *out;
} page_writer;

/* Ends a block: inside the zone it is kept; outside, only running prose
 * with few links (an article split around an ad or a figure). */
static void flush(page_writer *w, bool inside, bool heading) {
  size_t len = w->line.len;
  bool prose =
      len >= OUTSIDE_MIN && w->links * 5 < len && memchr(w->line.ptr, '.', len);
  /* Inside: not a list of links, not a short label ("Tagged:", "19:49",
   * "Related posts") unless it is a heading. */
  bool label = !heading && len < LABEL_MAX &&
               !strchr(".!?\"", w->line.ptr[len ? len - 1 : 0]);
  if (len && (inside ? (w->links * 2 < len || len < 40) && !label : prose) &&
      (sl_buf_append(w->out, w->line.ptr, len) != SL_OK ||
       sl_buf_putc(w->out, '\n') != SL_OK))
    return;
  sl_buf_clear(&w->line);
  w->links = 0;
}

static bool in_zone(const page_writer *w, const xmlNode *n) {
  for (size_t i = 0; i < w->nzone; i++)
    if (w->zone[i] == n)
      return true;
  return false;
}

static void write_page(page_writer *w, const xmlNode *n, bool inside, bool in_a,
                       int depth) {
  for (const xmlNode *c = n->children; c && depth < MAX_DEPTH; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content) {
      size_t before = w->line.len;
      for (const xmlChar *p = c->content; *p; p++) {
        bool space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
        if (space && (w->line.len == 0 || w->line.ptr[w->line.len - 1] == ' '))
          continue;
        if (sl_buf_putc(&w->line, space ? ' ' : (char)*p) != SL_OK)
          return;
      }
      if (in_a)
        w->links += w->line.len - before;
      continue;
    }
    if (c->type != XML_ELEMENT_NODE)
      continue;
    bool block = in_list(c, block_tags), here = inside || in_zone(w, c);
    if (block)
      flush(w, inside, false);
    write_page(w, c, here, in_a || is(c, "a"), depth + 1);
    if (block)
      flush(w, here, in_list(c, heading_tags));
  }
}

static void write_body(scorer *s, xmlNode *root, xmlNode *best, sl_buf *out) {
  xmlNode *zone[256];
  page_writer w = {zone, choose_zone(s, best, zone, 256), SL_BUF_INIT, 0, out};
  write_page(&w, root, false, false, 0);
  flush(&w, false, false);
  sl_buf_release(&w.line);
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

/* "/2019/08/02/" or "/2019-08-02" in the URL, else a dateline or caption
 * in the body. */
static void date_fallback(sl_page *out) {
  const char *u = out->url.ptr;
  for (size_t i = 0; out->url.len >= 11 && i + 11 <= out->url.len; i++) {
    const char *p = u + i;
    bool digits = true;
    for (int k = 1; k <= 4; k++)
      digits = digits && p[k] >= '0' && p[k] <= '9';
    if (p[0] != '/' || !digits || (p[5] != '/' && p[5] != '-'))
      continue;
    char iso[11] = {p[1], p[2], p[3], p[4],  '-', p[6],
                    p[7], '-',  p[9], p[10], '\0'};
    sl_date d;
    if (p[8] == p[5] && sl_date_parse(iso, 10, &d, NULL) == SL_OK) {
      if (sl_buf_append(&out->date, iso, 10) != SL_OK)
        sl_buf_clear(&out->date);
      return;
    }
  }
  sl_date d;
  size_t s = 0, e = 0;
  if (sl_date_find(out->text.ptr, out->text.len, &d, &s, &e) &&
      sl_buf_append(&out->date, out->text.ptr + s, e - s) != SL_OK)
    sl_buf_clear(&out->date);
}

sl_status sl_html_extract(const char *html, size_t len, sl_page *out,
                          sl_error *err) {
  sl_page_release(out);
  sl_page_init(out);
  if (len > (size_t)INT32_MAX)
    return sl_error_set(err, SL_ETOOBIG, "page larger than 2 GiB");
  xmlDoc *doc = htmlReadMemory(html, (int)len, NULL, NULL,
                               HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                   HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                   HTML_PARSE_COMPACT);
  if (!doc)
    return sl_error_set(err, SL_EPARSE, "not an HTML document");
  read_head(doc, out);
  xmlNode *root = xmlDocGetRootElement(doc);
  scorer s = {NULL, 0, 0, SL_BUF_INIT};
  if (root) {
    prune(root, 0);
    score_paragraphs(&s, root, 0);
    xmlNode *best = promote(&s, best_candidate(&s));
    if (best)
      write_body(&s, root, best, &out->text);
    if (out->text.len == 0) /* no paragraph scored: the whole page */
      write_blocks(&s, root, &out->text, 0);
  }
  free(s.items);
  sl_buf_release(&s.text);
  xmlFreeDoc(doc);
  tidy_lines(&out->text);
  if (out->date.len == 0)
    date_fallback(out);
  if (!sl_utf8_valid(out->text.ptr, out->text.len)) {
    sl_buf clean = SL_BUF_INIT;
    if (sl_utf8_sanitize(out->text.ptr, out->text.len, &clean, NULL, NULL) ==
        SL_OK) {
      sl_buf_release(&out->text);
      out->text = clean;
    }
  }
  return out->text.len ? SL_OK
                       : sl_error_set(err, SL_EEMPTY, "no article text found");
}
