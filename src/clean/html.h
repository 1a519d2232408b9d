/* storyline clean: the article in a web page. The page is parsed by a
 * small forgiving HTML parser into a flat node array (html_dom.h), so
 * nesting costs no stack; boilerplate (navigation, comments, share bars,
 * cookie and newsletter boxes, author boxes, hidden elements) is dropped
 * by tag and by class or id words; paragraphs are scored by text, comma
 * and link density, and the block that holds the best-scoring paragraphs
 * is the body, with the prose around it. Metadata comes from OpenGraph and
 * article meta tags, JSON-LD, <time>, headings, <title> (less the site's
 * name), the date printed near the headline and the URL. */
#ifndef SL_CLEAN_HTML_H
#define SL_CLEAN_HTML_H

#include <stddef.h>

#include "base/buf.h"
#include "storyline/status.h"

/* What a page gives. Owns its buffers: init before use, release after.
 * Every field is UTF-8; an empty buffer means "not found". */
typedef struct sl_page {
  sl_buf text;     /* the body: headings and paragraphs, one per line */
  sl_buf title;    /* the headline: a heading the page's titles contain,
                    * else og:title, else <title> less the site's name */
  sl_buf date;     /* publication date as found (parse with sl_date_parse);
                    * from the text or the URL it is YYYY-MM-DD */
  sl_buf author;   /* article:author, meta author, JSON-LD author */
  sl_buf site;     /* og:site_name */
  sl_buf url;      /* og:url or <link rel=canonical> */
  sl_buf language; /* <html lang>, two letters */
} sl_page;

void sl_page_init(sl_page *p);
void sl_page_release(sl_page *p);

/* Extracts the article from `len` bytes of HTML in any charset the page
 * declares (BOM, meta charset, converted with iconv; UTF-8 assumed
 * otherwise and for pages that declare another charset but are valid
 * UTF-8; invalid bytes replaced). `out`'s previous content is cleared.
 * SL_ETOOBIG past 2 GiB, SL_ENOMEM, SL_EEMPTY when the page has no text.
 * Reentrant: no state outside `out`. */
sl_status sl_html_extract(const char *html, size_t len, sl_page *out,
                          sl_error *err) SL_MUST_USE;

#endif
