/* storyline clean: a web page's metadata (see html.h): title, date, author,
 * site, URL and language, from meta tags, JSON-LD, <time>, headings and
 * elements whose class names a date, each source ranked. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clean/html_int.h"
#include "text/date.h"

/* Date sources, best first. */
enum {
  D_PUBLISHED, /* article:published_time, datePublished */
  D_META,      /* other date meta tags */
  D_TIME,      /* <time datetime> */
  D_ELEMENT,   /* the text of an element whose class names a date */
  D_NONE
};

enum {
  HEADINGS = 8,      /* headings kept as title candidates */
  MIN_TITLE = 3,     /* bytes for a heading to count */
  TEXT_MAX = 1000,   /* bytes read of an element's text */
  NEAR_TITLE = 1500, /* bytes read after the title for its date */
  BODY_DATE = 1000   /* bytes of the body searched for a date */
};

typedef struct meta {
  const sl_dom *d;
  sl_page *out;
  sl_buf og_title, doc_title, headline;
  sl_buf heads[HEADINGS]; /* <h1>s, and headings whose class names a title */
  uint32_t head_at[HEADINGS];
  int nheads;
  uint32_t title_at; /* the heading chosen as title, else 0 */
  sl_buf date;
  int date_rank;
  sl_buf scratch, norm;
} meta;

static void trimmed(const char *v, size_t n, const char **s, size_t *len) {
  while (n && (*v == ' ' || *v == '\n' || *v == '\t')) {
    v++;
    n--;
  }
  while (n && (v[n - 1] == ' ' || v[n - 1] == '\n' || v[n - 1] == '\t'))
    n--;
  *s = v;
  *len = n;
}

static void set_if_empty(sl_buf *b, const char *v) {
  if (b->len || !v)
    return;
  const char *s;
  size_t n;
  trimmed(v, strlen(v), &s, &n);
  if (n && sl_buf_append(b, s, n) != SL_OK)
    sl_buf_clear(b);
}

/* Keeps the date `v` when its source ranks better than the one held and
 * it parses (or, for element text, states a date). */
static void offer_date(meta *m, const char *v, size_t n, int rank) {
  if (rank >= m->date_rank || !v)
    return;
  const char *s;
  size_t len;
  trimmed(v, n, &s, &len);
  sl_date d;
  char iso[11];
  if (len == 0 || len > 64 || sl_date_parse(s, len, &d, NULL) != SL_OK) {
    if (len == 0 || len > 200 || !sl__html_find_date(s, len, iso))
      return;
    s = iso;
    len = 10;
  }
  sl_buf_clear(&m->date);
  if (sl_buf_append(&m->date, s, len) != SL_OK)
    sl_buf_clear(&m->date);
  else
    m->date_rank = rank;
}

static bool name_in(const char *v, const char *const *names) {
  for (; *names; names++)
    if (strcmp(v, *names) == 0)
      return true;
  return false;
}

static void meta_tag(meta *m, uint32_t n) {
  static const char *const published[] = {"article:published_time",
                                          "datepublished",
                                          "og:published_time",
                                          "published_time",
                                          "article.published",
                                          "parsely-pub-date",
                                          "sailthru.date",
                                          "dc.date.issued",
                                          "citation_publication_date",
                                          "citation_date",
                                          NULL};
  static const char *const dates[] = {"date",
                                      "pubdate",
                                      "publish-date",
                                      "publishdate",
                                      "dc.date",
                                      "dcterms.date",
                                      "dc.date.created",
                                      "dcterms.created",
                                      "created",
                                      "article:published",
                                      NULL};
  static const char *const authors[] = {
      "author",         "article:author",  "dc.creator", "byl",
      "parsely-author", "citation_author", NULL};
  const sl_dom *d = m->d;
  const char *key = sl__dom_attr(d, n, SL_A_PROPERTY, NULL);
  if (!key)
    key = sl__dom_attr(d, n, SL_A_NAME, NULL);
  if (!key)
    key = sl__dom_attr(d, n, SL_A_ITEMPROP, NULL);
  size_t vlen = 0;
  const char *v = sl__dom_attr(d, n, SL_A_CONTENT, &vlen);
  if (!key || !v)
    return;
  char k[48];
  size_t i = 0;
  for (; key[i] && i < sizeof k - 1; i++)
    k[i] = (char)(key[i] >= 'A' && key[i] <= 'Z' ? key[i] + 32 : key[i]);
  k[i] = '\0';
  sl_page *out = m->out;
  if (strcmp(k, "og:title") == 0)
    set_if_empty(&m->og_title, v);
  else if (strcmp(k, "og:site_name") == 0)
    set_if_empty(&out->site, v);
  else if (strcmp(k, "og:url") == 0)
    set_if_empty(&out->url, v);
  else if (name_in(k, published))
    offer_date(m, v, vlen, D_PUBLISHED);
  else if (name_in(k, dates))
    offer_date(m, v, vlen, D_META);
  else if (name_in(k, authors) && strncmp(v, "http", 4) != 0)
    set_if_empty(&out->author, v);
}

/* The string value of `"key": "value"` after `p` in JSON source. */
static bool json_string(const char *p, const char *end, const char **v,
                        size_t *len) {
  while (p < end && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
    p++;
  if (p >= end || *p != ':')
    return false;
  for (p++; p < end && (*p == ' ' || *p == '\n' || *p == '\t'); p++)
    ;
  if (p >= end || *p != '"')
    return false;
  const char *e = memchr(p + 1, '"', (size_t)(end - p - 1));
  if (!e)
    return false;
  *v = p + 1;
  *len = (size_t)(e - p - 1);
  return true;
}

/* "datePublished" and "headline" in a JSON-LD block. */
static void json_ld(meta *m, const char *s, size_t n) {
  const char *end = s + n;
  for (const char *p = s; p < end;) {
    const char *q = memchr(p, '"', (size_t)(end - p));
    if (!q)
      break;
    const char *v;
    size_t len;
    if ((size_t)(end - q) > 15 && memcmp(q, "\"datePublished\"", 15) == 0 &&
        json_string(q + 15, end, &v, &len))
      offer_date(m, v, len, D_PUBLISHED);
    else if ((size_t)(end - q) > 10 && memcmp(q, "\"headline\"", 10) == 0 &&
             m->headline.len == 0 && json_string(q + 10, end, &v, &len) &&
             sl_buf_append(&m->headline, v, len) != SL_OK)
      sl_buf_clear(&m->headline);
    p = q + 1;
  }
}

/* The text of element `n`, enough of it for a title or a date line. */
static void text_of(const sl_dom *d, uint32_t n, sl_buf *out) {
  sl_buf_clear(out);
  sl__html_text(d, n, out, TEXT_MAX);
}

/* Whether a heading names the site rather than the page: boilerplate, or
 * a class or id (its own or its parent's) naming the site or a logo. */
static bool site_like(const sl_dom *d, uint32_t n) {
  static const char *const words[] = {"site", "logo", "brand", NULL};
  uint32_t up = d->nodes[n].parent;
  return (d->nodes[n].flags & SL_HF_BAD) ||
         sl__html_attr_has(d, n, SL_A_CLASS, words) ||
         sl__html_attr_has(d, n, SL_A_ID, words) ||
         sl__html_attr_has(d, up, SL_A_CLASS, words) ||
         sl__html_attr_has(d, up, SL_A_ID, words);
}

static void element(meta *m, uint32_t n) {
  const sl_dom *d = m->d;
  const sl_hnode *e = &d->nodes[n];
  const char *v;
  size_t len = 0;
  switch (e->tag) {
  case SL_T_META:
    meta_tag(m, n);
    break;
  case SL_T_TITLE:
    if (m->doc_title.len == 0)
      text_of(d, n, &m->doc_title);
    break;
  case SL_T_H1:
  case SL_T_H2:
  case SL_T_H3:
    if (m->nheads < HEADINGS && !site_like(d, n) &&
        (e->tag == SL_T_H1 || (e->flags & SL_HF_TITLE))) {
      text_of(d, n, &m->heads[m->nheads]);
      m->head_at[m->nheads] = n;
      m->nheads += m->heads[m->nheads].len >= MIN_TITLE;
    }
    break;
  case SL_T_LINK:
    v = sl__dom_attr(d, n, SL_A_REL, NULL);
    if (v && strcasecmp(v, "canonical") == 0)
      set_if_empty(&m->out->url, sl__dom_attr(d, n, SL_A_HREF, NULL));
    break;
  case SL_T_TIME:
    v = sl__dom_attr(d, n, SL_A_DATETIME, &len);
    if (!v && m->date_rank > D_TIME) {
      text_of(d, n, &m->scratch);
      v = m->scratch.ptr;
      len = m->scratch.len;
    }
    offer_date(m, v, len, D_TIME);
    break;
  case SL_T_SCRIPT:
    if (n + 1 < e->end && d->nodes[n + 1].kind == SL_HTEXT)
      json_ld(m, d->bytes + d->nodes[n + 1].off, d->nodes[n + 1].len);
    break;
  default:
    break;
  }
  v = sl__dom_attr(d, n, SL_A_ITEMPROP, NULL);
  if (v && strcasecmp(v, "datePublished") == 0 && e->tag != SL_T_META) {
    const char *dt = sl__dom_attr(d, n, SL_A_DATETIME, &len);
    if (!dt)
      dt = sl__dom_attr(d, n, SL_A_CONTENT, &len);
    if (dt)
      offer_date(m, dt, len, D_PUBLISHED);
  }
  if ((e->flags & SL_HF_DATE) && m->date_rank > D_ELEMENT) {
    text_of(d, n, &m->scratch);
    offer_date(m, m->scratch.ptr, m->scratch.len, D_ELEMENT);
  }
}

static const char *const title_seps[] =
    {/* strong: 0, 4, 5 */
     " | ",        " - ",        " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
     " \xC2\xBB ", " \xC2\xB7 ", " \xE2\x80\xBA ", " \xE2\x80\xA2 ", NULL};

/* Whether the part of a title names the site: og:site_name, or a word
 * run that (without spaces, lowercased) is in the host of the URL. */
static bool names_site(const char *p, size_t n, const sl_page *out) {
  if (out->site.len && n == out->site.len &&
      strncasecmp(p, out->site.ptr, n) == 0)
    return true;
  char flat[128];
  size_t k = 0;
  for (size_t i = 0; i < n && k < sizeof flat - 1; i++)
    if (p[i] != ' ')
      flat[k++] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
  flat[k] = '\0';
  const char *host = strstr(out->url.ptr, "//");
  const char *end = host ? strchr(host + 2, '/') : NULL;
  if (k < 4 || !host)
    return false;
  char *hit = strstr(host, flat);
  return hit && (!end || hit < end);
}

/* "Headline | Site" -> "Headline": at the first kind of separator found,
 * the part that names the site goes, else the shorter side of the first
 * separator. */
static void trim_site(sl_buf *t, const sl_page *out) {
  for (const char *const *sep = title_seps; *sep; sep++) {
    size_t sl = strlen(*sep);
    char *first = strstr(t->ptr, *sep), *last = first;
    if (!first)
      continue;
    for (char *at = first; (at = strstr(at + sl, *sep)) != NULL;)
      last = at;
    size_t head = (size_t)(first - t->ptr);
    const char *rest = first + sl, *tail = last + sl;
    if (names_site(tail, strlen(tail), out)) {
      sl_buf_truncate(t, (size_t)(last - t->ptr));
    } else if (names_site(t->ptr, head, out) || head < strlen(rest)) {
      memmove(t->ptr, rest, strlen(rest) + 1);
      t->len = strlen(t->ptr);
    } else {
      sl_buf_truncate(t, head);
    }
    return;
  }
}

static bool same(const sl_buf *a, const sl_buf *b) {
  return a->len && a->len == b->len && strcasecmp(a->ptr, b->ptr) == 0;
}

/* The first heading that one of the page's own titles contains (the clean
 * headline), not the site's name; NULL when none. */
/* `s` reduced to what tells titles apart: letters lowercased (ASCII and
 * Latin-1), digits and other non-ASCII letters; spaces, punctuation and
 * typographic quotes and dashes (U+2000..U+206F, guillemets) dropped. */
static void letters_only(const char *s, sl_buf *out) {
  sl_buf_clear(out);
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    if (p[0] == 0xE2 && p[1] == 0x80 && p[2]) {
      p += 3;
      continue;
    }
    if (p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB)) {
      p += 2;
      continue;
    }
    if (p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97) {
      /* Latin-1 capitals (Ä, É, Ö...) lowercased */
      if (sl_buf_putc(out, (char)0xC3) != SL_OK ||
          sl_buf_putc(out, (char)(p[1] + 0x20)) != SL_OK)
        return;
      p += 2;
      continue;
    }
    unsigned char c = *p++;
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (c >= 'A' && c <= 'Z') {
      c = (unsigned char)(c + 32);
      keep = true;
    }
    if (keep && sl_buf_putc(out, (char)c) != SL_OK)
      return;
  }
}

/* Whether `hay` contains `needle`, as letters_only() sees them. */
static bool contains(const sl_buf *hay, const sl_buf *needle, sl_buf *a,
                     sl_buf *b) {
  letters_only(hay->ptr, a);
  letters_only(needle->ptr, b);
  return b->len >= MIN_TITLE && strstr(a->ptr, b->ptr);
}

static const sl_buf *named_heading(meta *m) {
  const sl_buf *refs[] = {&m->og_title, &m->headline, &m->doc_title};
  for (int i = 0; i < m->nheads; i++) {
    const sl_buf *h = &m->heads[i];
    if (same(h, &m->out->site))
      continue;
    for (size_t r = 0; r < sizeof refs / sizeof refs[0]; r++)
      if (refs[r]->len && !same(refs[r], &m->out->site) &&
          contains(refs[r], h, &m->scratch, &m->norm))
        return h;
  }
  return NULL;
}

static void choose_title(meta *m) {
  sl_page *out = m->out;
  const sl_buf *h = named_heading(m);
  if (h) {
    set_if_empty(&out->title, h->ptr);
    m->title_at = m->head_at[h - m->heads];
    return;
  }
  if (m->nheads)
    m->title_at = m->head_at[0];
  const sl_buf *site = &out->site;
  if (m->og_title.len && !same(&m->og_title, site))
    set_if_empty(&out->title, m->og_title.ptr);
  else if (m->headline.len && !same(&m->headline, site))
    set_if_empty(&out->title, m->headline.ptr);
  else if (m->nheads == 1 && !same(&m->heads[0], site))
    set_if_empty(&out->title, m->heads[0].ptr);
  else
    set_if_empty(&out->title, m->doc_title.ptr);
  trim_site(&out->title, out);
}

static void language(meta *m) {
  const sl_dom *d = m->d;
  for (uint32_t i = 1; i < d->count; i++) {
    if (d->nodes[i].tag != SL_T_HTML)
      continue;
    size_t len = 0;
    const char *lang = sl__dom_attr(d, i, SL_A_LANG, &len);
    if (lang && len >= 2 && sl_buf_append(&m->out->language, lang, 2) != SL_OK)
      sl_buf_clear(&m->out->language);
    break;
  }
  for (size_t i = 0; i < m->out->language.len; i++)
    if (m->out->language.ptr[i] >= 'A' && m->out->language.ptr[i] <= 'Z')
      m->out->language.ptr[i] = (char)(m->out->language.ptr[i] + 32);
}

/* "/2019/08/02/" or "/2019-08-02" in the URL. */
static bool url_date(sl_page *out) {
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
      return true;
    }
  }
  return false;
}

/* A date stated near the title: in the text that starts with the
 * title's parent (bylines sit just above or below a headline). */
static void near_title_date(meta *m) {
  const sl_dom *d = m->d;
  if (!m->title_at)
    return;
  sl_buf *t = &m->scratch;
  sl_buf_clear(t);
  for (uint32_t i = d->nodes[m->title_at].parent + 1;
       i < d->count && t->len < NEAR_TITLE; i++) {
    const sl_hnode *n = &d->nodes[i];
    if (n->flags & SL_HF_DROP) {
      i = n->end - 1;
      continue;
    }
    if (n->kind == SL_HTEXT &&
        (sl_buf_append(t, d->bytes + n->off, n->len) != SL_OK ||
         sl_buf_putc(t, ' ') != SL_OK))
      return;
  }
  char iso[11];
  if (sl__html_find_date(t->ptr, t->len, iso) &&
      sl_buf_append(&m->out->date, iso, 10) != SL_OK)
    sl_buf_clear(&m->out->date);
}

void sl__html_meta(const sl_dom *d, sl_page *out) {
  meta m;
  memset(&m, 0, sizeof m);
  m.d = d;
  m.out = out;
  m.date_rank = D_NONE;
  sl_buf *all[] = {&m.og_title, &m.doc_title, &m.headline,
                   &m.date,     &m.scratch,   &m.norm};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    sl_buf_init(all[i], 0);
  for (int i = 0; i < HEADINGS; i++)
    sl_buf_init(&m.heads[i], 0);
  for (uint32_t i = 1; i < d->count; i++)
    if (d->nodes[i].kind == SL_HELEM)
      element(&m, i);
  language(&m);
  choose_title(&m);
  /* The published time the metadata states, else a date printed near the
   * title (what readers see), else other dates in the metadata, else the
   * URL's. */
  if (m.date_rank > D_PUBLISHED)
    near_title_date(&m);
  if (out->date.len == 0 && m.date.len) {
    sl_buf_release(&out->date);
    out->date = m.date;
    sl_buf_init(&m.date, 0);
  }
  if (out->date.len == 0)
    (void)url_date(out);
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    sl_buf_release(all[i]);
  for (int i = 0; i < HEADINGS; i++)
    sl_buf_release(&m.heads[i]);
}

void sl__html_date_fallback(sl_page *out) {
  if (out->date.len)
    return;
  sl_date d;
  size_t s = 0, e = 0;
  char iso[11];
  if (sl_date_find(out->text.ptr, out->text.len, &d, &s, &e)) {
    if (sl_buf_append(&out->date, out->text.ptr + s, e - s) != SL_OK)
      sl_buf_clear(&out->date);
  } else if (sl__html_find_date(
                 out->text.ptr,
                 out->text.len < BODY_DATE ? out->text.len : BODY_DATE, iso) &&
             sl_buf_append(&out->date, iso, 10) != SL_OK) {
    sl_buf_clear(&out->date);
  }
}
