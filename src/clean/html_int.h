/* storyline clean: what the extractor's files share (html.c, html_meta.c):
 * node marks and text helpers over the parsed page. */
#ifndef SL_CLEAN_HTML_INT_H
#define SL_CLEAN_HTML_INT_H

#include "base/buf.h"
#include "clean/html.h"
#include "clean/html_dom.h"

/* Marks kept in sl_hnode.flags. */
enum {
  SL_HF_DROP = 1,    /* boilerplate: left out with its subtree */
  SL_HF_IN_A = 2,    /* inside a link */
  SL_HF_BAD = 4,     /* class or id names boilerplate (comment, share...) */
  SL_HF_GOOD = 8,    /* class or id names content (article, entry...) */
  SL_HF_DATE = 16,   /* class or id names a date or byline */
  SL_HF_TITLE = 32,  /* class or id names a title or headline */
  SL_HF_SCORED = 64, /* has a paragraph score (html.c) */
  SL_HF_ZONE = 128   /* in the zone of the body: its blocks are kept */
};

/* Sums over each node's subtree, dropped nodes left out: arrays of
 * d->count entries, owned by whoever fills them (html.c). */
typedef struct sl_html_stats {
  uint32_t *text;   /* bytes of text */
  uint32_t *links;  /* of which inside links */
  uint32_t *commas; /* commas in it */
  uint32_t *paras;  /* bytes of it in paragraphs of few links */
  double *score;    /* paragraph score, for SL_HF_SCORED nodes */
} sl_html_stats;

/* Whether tag `t` is one of `tags` (a list ending in 0). */
bool sl__html_tag_in(uint16_t t, const uint8_t *tags);

/* Whether tag `t` starts a line of the body (p, div, li, h1, br...). */
bool sl__html_block_tag(uint16_t t);

/* The share of node `n`'s text inside links (1 for no text). */
double sl__html_link_density(const sl_html_stats *s, uint32_t n);

/* What each line of a body is described by to decide whether to keep it
 * (html_body.c): a weighted sum of these features, kept when positive. */
enum { SL_HTML_FEATURES = 51 };

/* For learning the weights (bench_extract --learn): other weights to
 * decide with, and a function called on each line the body writer sees,
 * with its text, its features and whether it was kept. NULL fields: the
 * shipped weights, no calls. */
typedef struct sl_html_learn {
  const float *weights; /* 2 * SL_HTML_FEATURES: the two passes */
  void (*line)(void *ctx, const char *text, size_t len, const float *features,
               bool keep);
  void *ctx;
} sl_html_learn;

/* sl_html_extract with `learn` (NULL: as sl_html_extract). */
sl_status sl__html_extract_learn(const char *html, size_t len, sl_page *out,
                                 sl_error *err,
                                 const sl_html_learn *learn) SL_MUST_USE;

/* A line of a body being written (html_body.c): a block's text and what
 * the rules say of it. */
typedef struct sl_html_line {
  uint32_t node;  /* the block element, or the one the text runs in */
  uint32_t off;   /* its bytes in the text of the lines */
  uint32_t len;   /* > 0 */
  uint32_t links; /* bytes inside links */
  bool inside;    /* in the zone */
  bool heading;
  bool spanned; /* between the first and last kept, or in the main block */
  bool prose;   /* 100 bytes, few links, a full stop: a long paragraph */
  bool keep;    /* the decision */
  float score;  /* the model's: kept when positive */
} sl_html_line;

/* The lines of a page in document order, and what they are read in. */
typedef struct sl_html_lines {
  const sl_dom *d;
  const sl_html_stats *s;
  const char *text; /* the bytes of the lines */
  sl_html_line *at;
  size_t n;
  uint32_t main_lo, main_hi; /* the block that holds most paragraphs */
} sl_html_lines;

/* Decides each line again (html_line.c): a weighted sum of its features
 * (SL_HTML_FEATURES of them: its text, its node and ancestors, where it
 * stands among the long paragraphs, what the rules said), then again
 * with the first pass's odds of the lines around; kept when positive.
 * When no line would be kept (or out of memory), the rules' decisions
 * stand. `learn` may be NULL. */
void sl__html_weigh_lines(const sl_html_lines *ls, const sl_html_learn *learn);

/* Writes the body to `out` (html_body.c), one block per line: the blocks
 * of the SL_HF_ZONE nodes, and outside them running prose and, between
 * the first and last block kept or in the block [main, its end) that
 * holds most paragraphs (main 0: none), lines with few links. `all`:
 * every block counts as in the zone, lists of links left out (a page
 * whose paragraphs did not score). Out of memory: `out` stays shorter. */
void sl__html_write_body(const sl_dom *d, const sl_html_stats *s, uint32_t main,
                         bool all, sl_buf *out, const sl_html_learn *learn);

/* Whether a word of attribute `a` of element `n` (split at anything but
 * letters and digits, compared lowercased) is one of the NULL-terminated
 * `words`, one of them with a plural s, or (words of six letters or more)
 * contains one ("postcontent"). */
bool sl__html_attr_has(const sl_dom *d, uint32_t n, sl_hattr_name a,
                       const char *const *words);

/* A memo of the marks of class attributes already seen in a page. */
enum { SL_HTML_HINT_SLOTS = 512 };
typedef struct sl_html_hint_slot {
  const char *value; /* the attribute in the dom; NULL: empty slot */
  size_t len;
  uint8_t flags;
} sl_html_hint_slot;
typedef struct sl_html_hints {
  sl_html_hint_slot slots[SL_HTML_HINT_SLOTS];
} sl_html_hints;

/* The marks the class and id of element `n` give: SL_HF_BAD, SL_HF_GOOD,
 * SL_HF_DATE, SL_HF_TITLE. `cache` is zeroed before a page's first call
 * and lives no longer than `d`. */
uint8_t sl__html_class_flags(const sl_dom *d, uint32_t n, sl_html_hints *cache);

/* Appends the text of the subtree of `n` (its dropped nodes left out) to
 * `out`, runs of white space folded, stopping once `out` holds more than
 * `max` bytes or after max * 8 + 64 nodes (so that many calls on nested
 * elements stay linear). Out of memory: `out` stays shorter. */
void sl__html_text(const sl_dom *d, uint32_t n, sl_buf *out, size_t max);

/* Fills title, date, author, site, url and language from the head and the
 * marked nodes (before the body is chosen). */
void sl__html_meta(const sl_dom *d, sl_page *out);

/* Finds the first calendar date `s` states (2021-03-05, 5.3.2021,
 * 5. März 2021, March 5, 2021, 5 de marzo de 2021...) and writes it to
 * `iso` as YYYY-MM-DD. */
bool sl__html_find_date(const char *s, size_t len, char iso[11]);

/* When no date was found: a date in the URL, else one the body states. */
void sl__html_date_fallback(sl_page *out);

#endif
