/* storyline clean: the article in a web page. The page is parsed with
 * libxml2's HTML parser; boilerplate containers (navigation, comments,
 * share bars, cookie and newsletter boxes, footers) are dropped by tag and
 * class; paragraphs are scored by text and link density, and the block that
 * holds the best-scoring paragraphs is the body. Metadata comes from
 * OpenGraph and article meta tags, JSON-LD, <time>, <title> and <h1>. */
#ifndef SL_CLEAN_HTML_H
#define SL_CLEAN_HTML_H

#include <stddef.h>

#include "base/buf.h"
#include "storyline/status.h"

/* What a page gives. Owns its buffers: init before use, release after.
 * Every field is UTF-8; an empty buffer means "not found". */
typedef struct sl_page {
  sl_buf text;     /* the body: headings and paragraphs, one per line */
  sl_buf title;    /* og:title, else <h1>, else <title>, site name trimmed */
  sl_buf date;     /* publication date as found (parse with sl_date_parse) */
  sl_buf author;   /* article:author, meta author, JSON-LD author */
  sl_buf site;     /* og:site_name */
  sl_buf url;      /* og:url or <link rel=canonical> */
  sl_buf language; /* <html lang>, two letters */
} sl_page;

void sl_page_init(sl_page *p);
void sl_page_release(sl_page *p);

/* Extracts the article from `len` bytes of HTML in any charset the page
 * declares (BOM, meta charset; UTF-8 assumed otherwise, invalid bytes
 * replaced). `out`'s previous content is cleared. SL_EPARSE when libxml2
 * cannot build a document, SL_EEMPTY when the page has no text. */
sl_status sl_html_extract(const char *html, size_t len, sl_page *out,
                          sl_error *err) SL_MUST_USE;

#endif
