/* storyline clean: a small, forgiving HTML parser for the extractor. The
 * page becomes a flat array of nodes in document order, so every pass over
 * it is a loop, never a recursion: deep nesting cannot overflow the stack. */
#ifndef SL_CLEAN_HTML_DOM_H
#define SL_CLEAN_HTML_DOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "storyline/status.h"

/* The elements the extractor tells apart; any other is SL_T_OTHER. */
typedef enum sl_htag {
  SL_T_OTHER,
  SL_T_ROOT, /* the document node, index 0 */
  SL_T_A,
  SL_T_ADDRESS,
  SL_T_ARTICLE,
  SL_T_ASIDE,
  SL_T_B,
  SL_T_BLOCKQUOTE,
  SL_T_BODY,
  SL_T_BR,
  SL_T_BUTTON,
  SL_T_CANVAS,
  SL_T_CAPTION,
  SL_T_CENTER,
  SL_T_CODE,
  SL_T_DD,
  SL_T_DETAILS,
  SL_T_DIALOG,
  SL_T_DIV,
  SL_T_DL,
  SL_T_DT,
  SL_T_EM,
  SL_T_EMBED,
  SL_T_FIELDSET,
  SL_T_FIGCAPTION,
  SL_T_FIGURE,
  SL_T_FORM,
  SL_T_FOOTER,
  SL_T_H1,
  SL_T_H2,
  SL_T_H3,
  SL_T_H4,
  SL_T_H5,
  SL_T_H6,
  SL_T_HEAD,
  SL_T_HEADER,
  SL_T_HGROUP,
  SL_T_HR,
  SL_T_HTML,
  SL_T_I,
  SL_T_IFRAME,
  SL_T_IMG,
  SL_T_INPUT,
  SL_T_LABEL,
  SL_T_LI,
  SL_T_LINK,
  SL_T_MAIN,
  SL_T_MATH,
  SL_T_MENU,
  SL_T_META,
  SL_T_NAV,
  SL_T_NOEMBED,
  SL_T_NOFRAMES,
  SL_T_NOSCRIPT,
  SL_T_OBJECT,
  SL_T_OL,
  SL_T_OPTGROUP,
  SL_T_OPTION,
  SL_T_P,
  SL_T_PRE,
  SL_T_SCRIPT,
  SL_T_SECTION,
  SL_T_SELECT,
  SL_T_SPAN,
  SL_T_STRONG,
  SL_T_STYLE,
  SL_T_SUMMARY,
  SL_T_SVG,
  SL_T_TABLE,
  SL_T_TBODY,
  SL_T_TD,
  SL_T_TEMPLATE,
  SL_T_TEXTAREA,
  SL_T_TFOOT,
  SL_T_TH,
  SL_T_THEAD,
  SL_T_TIME,
  SL_T_TITLE,
  SL_T_TR,
  SL_T_UL,
  SL_T_XMP,
  SL_T_COUNT
} sl_htag;

/* The attributes kept; the others are skipped while parsing. */
typedef enum sl_hattr_name {
  SL_A_CLASS,
  SL_A_ID,
  SL_A_ROLE,
  SL_A_ITEMPROP,
  SL_A_PROPERTY,
  SL_A_NAME,
  SL_A_CONTENT,
  SL_A_REL,
  SL_A_HREF,
  SL_A_DATETIME,
  SL_A_TYPE,
  SL_A_LANG,
  SL_A_HIDDEN,
  SL_A_STYLE,
  SL_A_ITEMTYPE,
  SL_A_COUNT
} sl_hattr_name;

enum { SL_HTEXT = 0, SL_HELEM = 1 };

/* A node. Its descendants are the nodes parent+1 .. end-1, so the first
 * child of `i` is i+1 (when i+1 < end) and the next sibling of child `c`
 * is nodes[c].end (when it is below the parent's end). */
typedef struct sl_hnode {
  uint32_t parent; /* the root is its own parent */
  uint32_t end;    /* one past the last descendant */
  uint32_t off;    /* text: first byte in dom->bytes; element: first attr */
  uint32_t len;    /* text: byte count; element: attribute count */
  uint16_t tag;    /* sl_htag; SL_T_OTHER for text nodes too */
  uint8_t kind;    /* SL_HTEXT or SL_HELEM */
  uint8_t flags;   /* free for the extractor's marks */
  uint16_t hash;   /* for SL_T_OTHER elements, to match their end tag */
} sl_hnode;

typedef struct sl_hattr {
  uint32_t name; /* sl_hattr_name */
  uint32_t off;  /* the value in dom->bytes, NUL-terminated */
  uint32_t len;
} sl_hattr;

/* A parsed page. Owns its arrays: release with sl__dom_release. Text is
 * UTF-8 as given (the caller converts first), entities decoded, NUL bytes
 * dropped, runs of white space folded to one space. */
typedef struct sl_dom {
  sl_hnode *nodes;
  uint32_t count, cap;
  sl_hattr *attrs;
  uint32_t nattrs, acap;
  char *bytes;
  size_t blen, bcap;
} sl_dom;

/* Parses `len` bytes of UTF-8 HTML into `d` (which it initialises).
 * Never fails on malformed markup; SL_ENOMEM, or SL_ETOOBIG past 4 GiB of
 * nodes or text. On error `d` is released. */
sl_status sl__dom_parse(sl_dom *d, const char *html, size_t len) SL_MUST_USE;
void sl__dom_release(sl_dom *d);

/* The value of attribute `a` on element `n` (NUL-terminated, owned by the
 * dom), or NULL when absent. `len` may be NULL. */
const char *sl__dom_attr(const sl_dom *d, uint32_t n, sl_hattr_name a,
                         size_t *len);

/* Converts a page to UTF-8 as sl_charset_to_utf8 decides (BOM, then a
 * <meta> charset, else a guess; a declaration the bytes contradict is set
 * aside). `*owned` gets NULL when `html` can be parsed as it is (valid
 * UTF-8), else a malloc'd buffer the caller frees, whose length goes to
 * `*out_len`. Undecodable bytes become U+FFFD. SL_ENOMEM. */
sl_status sl__html_to_utf8(const char *html, size_t len, char **owned,
                           size_t *out_len) SL_MUST_USE;

#endif
