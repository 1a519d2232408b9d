/* storyline clean: each line of a body decided again by a logistic model
 * over what its text, its node and the lines around it show (see
 * sl__html_weigh_lines). The weights are learnt from trafilatura's
 * evaluation pages: `bench_extract --learn DIR` prints the table below. */
#define _GNU_SOURCE /* memmem */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clean/html_int.h"

enum { SHORT = 40 }; /* shorter lines in the zone may be links */

/* The features of a line (see features()), in the order of the weights. */
enum {
  F_BIAS,
  F_RULE,     /* keep_line says keep */
  F_INSIDE,   /* in the zone */
  F_SPANNED,  /* between the first and last line kept, or in the main block */
  F_LENGTH,   /* log2 of the bytes, / 10 */
  F_LINKS,    /* share of the bytes in links */
  F_END,      /* ends a sentence (. ! ? quote) */
  F_SENTENCE, /* holds a full stop followed by more */
  F_COMMAS,   /* commas per word, at most 1 */
  F_DIGITS,   /* share of the bytes that are digits */
  F_UPPER,    /* share of the ASCII letters in upper case */
  F_COLON,    /* ends with a colon */
  F_HEADING,
  F_ITEM,         /* li, td, dd */
  F_PARA,         /* p */
  F_BAD,          /* an ancestor's class names boilerplate */
  F_GOOD,         /* ... names content */
  F_DATE,         /* ... a date or byline */
  F_HEADER,       /* in header, form or address */
  F_AFTER,        /* after the last long paragraph kept */
  F_BEFORE,       /* before the first */
  F_REST,         /* share of the long paragraphs' bytes after the line */
  F_PREV,         /* the line before is kept */
  F_NEXT,         /* the line after is kept */
  F_PREV_LONG,    /* the line before is a long paragraph */
  F_NEXT_LONG,    /* the line after is a long paragraph */
  F_FEW_WORDS,    /* fewer than four words */
  F_CONTACT,      /* holds the copyright sign, @, http or www */
  F_PARENT_LINKS, /* share of the text of the block's parent in links */
  F_MAIN,         /* in the block that holds most paragraphs */
  F_PART,         /* share of the block's text the line holds */
  F_LONG,         /* a long paragraph: 100 bytes, few links, a full stop */
  F_BOILER,       /* names what pages around articles say (share, ...) */
  F_POSITION,     /* where the block starts in the page, 0 to 1 */
  F_OUT_LONG,     /* a long paragraph outside the zone */
  F_IN_SHORT,     /* a short line inside */
  F_IN_BODY,      /* under the element most long paragraphs are children of */
  F_SIBLING,      /* ... a child of it */
  F_ALL_LINK,     /* all of it a link */
  F_TITLE,        /* an ancestor's class names a title */
  F_SHORT_WORDS,  /* share of words of one to three bytes ("the", "und") */
  F_CAPITALS,     /* share of words that start with a capital */
  F_GAP_BEFORE,   /* log2 of the bytes since the last long paragraph, / 10 */
  F_GAP_AFTER,    /* ... until the next */
  F_HEADING_GAP,  /* a heading since the last long paragraph */
  F_NEW_PARENT,   /* not a sibling of the last long paragraph */
  F_DEPTH,        /* elements between the line's and the container, / 10 */
  F_REL_LENGTH,   /* bytes / the mean of the long paragraphs kept, at most 2 */
  F_CTX_PREV,     /* the first pass's odds of keeping the line before */
  F_CTX_NEXT,     /* ... the line after */
  F_CTX_NEAR      /* ... the three before and after, weighed by bytes */
};

/* Words of the boilerplate around articles, lowercase, in a few
 * languages: sharing, following, subscribing, reading on, legal. */
static const char *const boiler_words[] = {
    "follow us",       "share this",
    "share on",        "subscribe",
    "newsletter",      "sign up",
    "log in",          "read more",
    "related post",    "related article",
    "copyright",       "all rights reserved",
    "advertisement",   "sponsored",
    "leave a comment", "folgen sie",
    "folge uns",       "jetzt teilen",
    "abonnieren",      "weiterlesen",
    "lesen sie auch",  "mehr zum thema",
    "datenschutzerkl", "suivez-nous",
    "abonnez",         "lire aussi",
    "s\xC3\xADguenos", "suscr\303\255bete",
    "leer m\xC3\xA1s", "lea tambi\xC3\xA9n",
    "seguici",         "iscriviti"};

static char lower(char c) {
  return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* Whether p[0..len) starts with the lowercase word `k` (ASCII letters
 * compared lowercased). */
static bool starts_with(const char *p, size_t len, const char *k) {
  size_t m = 0;
  while (k[m] && m < len && lower(p[m]) == k[m])
    m++;
  return k[m] == '\0';
}

/* Whether a word of the line starts with one of boiler_words. */
static bool boilerplate(const char *p, size_t len) {
  enum { WORDS = sizeof boiler_words / sizeof boiler_words[0] };
  for (size_t i = 0; i < len; i++) {
    if (i > 0 && p[i - 1] != ' ')
      continue;
    for (size_t k = 0; k < WORDS; k++)
      if (boiler_words[k][0] == lower(p[i]) &&
          starts_with(p + i, len - i, boiler_words[k]))
        return true;
  }
  return false;
}

/* Features of the characters of a line. */
static void text_features(const char *p, size_t len, float *f) {
  size_t digits = 0, upper = 0, letters = 0, commas = 0, words = 1;
  size_t shorts = 0, capitals = 0, at = 0; /* at: where the word starts */
  bool stop = false;
  for (size_t i = 0; i <= len; i++) {
    if (i == len || p[i] == ' ') {
      shorts += i > at && i - at <= 3;
      capitals += i > at && p[at] >= 'A' && p[at] <= 'Z';
      at = i + 1;
      if (i == len)
        break;
    }
    char c = p[i];
    digits += c >= '0' && c <= '9';
    upper += c >= 'A' && c <= 'Z';
    letters += (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    commas += c == ',';
    words += c == ' ';
    stop = stop || (c == '.' && i + 2 < len && p[i + 1] == ' ');
  }
  char last = p[len - 1];
  f[F_LENGTH] = (float)log2((double)len + 1) / 10.0F;
  f[F_END] = strchr(".!?\"\xBB\x9D", last) != NULL; /* also », ” */
  f[F_SENTENCE] = stop || memmem(p, len, "\xE3\x80\x82", 3);
  f[F_COMMAS] = commas >= words ? 1.0F : (float)commas / (float)words;
  f[F_DIGITS] = (float)digits / (float)len;
  f[F_UPPER] = letters ? (float)upper / (float)letters : 0;
  f[F_COLON] = last == ':';
  f[F_FEW_WORDS] = words < 4;
  f[F_SHORT_WORDS] = (float)shorts / (float)words;
  f[F_CAPITALS] = (float)capitals / (float)words;
  f[F_CONTACT] = memmem(p, len, "\xC2\xA9", 2) || memchr(p, '@', len) ||
                 memmem(p, len, "http", 4) || memmem(p, len, "www.", 4);
}

/* How many elements deep node `n` is. */
static uint32_t depth_of(const sl_dom *d, uint32_t n) {
  uint32_t depth = 0;
  for (; n; n = d->nodes[n].parent)
    depth++;
  return depth;
}

/* Features of the node of a line and its ancestors; `box_depth`: the
 * depth of the container of the long paragraphs. */
static void tree_features(const sl_html_lines *w, const sl_html_line *l,
                          uint32_t box_depth, float *f) {
  const sl_dom *d = w->d;
  uint16_t tg = d->nodes[l->node].tag;
  f[F_HEADING] = l->heading;
  f[F_ITEM] = tg == SL_T_LI || tg == SL_T_TD || tg == SL_T_DD;
  f[F_PARA] = tg == SL_T_P;
  uint8_t flags = 0;
  bool header = false;
  uint32_t depth = 0;
  for (uint32_t n = l->node; n; n = d->nodes[n].parent) {
    depth++;
    flags |= d->nodes[n].flags;
    uint16_t t = d->nodes[n].tag;
    header = header || t == SL_T_HEADER || t == SL_T_FORM || t == SL_T_ADDRESS;
  }
  f[F_BAD] = (flags & SL_HF_BAD) != 0;
  f[F_GOOD] = (flags & SL_HF_GOOD) != 0;
  f[F_DATE] = (flags & SL_HF_DATE) != 0;
  f[F_TITLE] = (flags & SL_HF_TITLE) != 0;
  f[F_POSITION] = (float)l->node / (float)d->count;
  f[F_ALL_LINK] = l->links >= l->len;
  f[F_HEADER] = header;
  uint32_t up = d->nodes[l->node].parent;
  f[F_PARENT_LINKS] = (float)sl__html_link_density(w->s, up);
  uint32_t all = w->s->text[l->node];
  f[F_PART] = all > l->len ? (float)l->len / (float)all : 1.0F;
  f[F_MAIN] = l->node >= w->main_lo && l->node < w->main_hi;
  uint32_t apart = depth > box_depth ? depth - box_depth : box_depth - depth;
  f[F_DEPTH] = apart > 10 ? 1.0F : (float)apart / 10.0F;
}

/* The element whose children hold the most bytes of long paragraphs
 * kept (0: none), among the first CONTAINERS such elements. */
static uint32_t container(const sl_html_lines *w) {
  enum { CONTAINERS = 32 };
  uint32_t node[CONTAINERS];
  size_t bytes[CONTAINERS], used = 0, top = 0;
  uint32_t best = 0;
  const sl_html_line *ls = w->at;
  for (size_t i = 0; i < w->n; i++) {
    if (!ls[i].keep || !ls[i].prose)
      continue;
    uint32_t up = w->d->nodes[ls[i].node].parent;
    size_t k = 0;
    while (k < used && node[k] != up)
      k++;
    if (k == used && used == CONTAINERS)
      continue;
    if (k == used) {
      node[used] = up;
      bytes[used++] = 0;
    }
    bytes[k] += ls[i].len;
    if (bytes[k] > top) {
      top = bytes[k];
      best = up;
    }
  }
  return best;
}

static float gap(size_t bytes) {
  return (float)log2((double)bytes + 1) / 10.0F;
}

/* The features of the lines between the long paragraphs kept. */
static void gap_features(const sl_html_lines *w, float *fs) {
  const sl_html_line *ls = w->at;
  size_t n = w->n, bytes = SIZE_MAX / 2;
  bool head = false;
  uint32_t parent = 0;
  for (size_t i = 0; i < n; i++) {
    float *f = fs + i * SL_HTML_FEATURES;
    uint32_t up = w->d->nodes[ls[i].node].parent;
    f[F_GAP_BEFORE] = bytes > SIZE_MAX / 4 ? 1.0F : gap(bytes);
    f[F_HEADING_GAP] = head;
    f[F_NEW_PARENT] = up != parent;
    bool lp = ls[i].keep && ls[i].prose;
    bytes = lp ? 0 : bytes + ls[i].len;
    head = !lp && (head || ls[i].heading);
    parent = lp ? up : parent;
  }
  bytes = SIZE_MAX / 2;
  for (size_t i = n; i-- > 0;) {
    fs[i * SL_HTML_FEATURES + F_GAP_AFTER] =
        bytes > SIZE_MAX / 4 ? 1.0F : gap(bytes);
    bytes = ls[i].keep && ls[i].prose ? 0 : bytes + ls[i].len;
  }
}

/* What the lines of a page are measured against: the long paragraphs
 * kept (by the rules) and the element most of them are children of. */
typedef struct page_view {
  size_t first, last; /* the first and last long paragraph (n: none) */
  double total;       /* their bytes */
  float mean;         /* bytes per long paragraph */
  uint32_t box, box_end, box_depth; /* the container and its children's depth */
} page_view;

static page_view view_of(const sl_html_lines *w) {
  const sl_html_line *ls = w->at;
  page_view v = {w->n, w->n, 0, 0, container(w), 0, 0};
  size_t longs = 0;
  for (size_t i = 0; i < w->n; i++)
    if (ls[i].keep && ls[i].prose) {
      v.first = v.first == w->n ? i : v.first;
      v.last = i;
      v.total += ls[i].len;
      longs++;
    }
  v.mean = longs ? (float)(v.total / (double)longs) : 0;
  v.box_end = v.box ? w->d->nodes[v.box].end : 0;
  v.box_depth = depth_of(w->d, v.box) + 1;
  return v;
}

/* The features of line `i` that tell where it stands among the others. */
static void place_features(const sl_html_lines *w, const page_view *v, size_t i,
                           float *f) {
  const sl_html_line *ls = w->at, *l = &ls[i];
  size_t n = w->n;
  f[F_REL_LENGTH] = v->mean > 0 && (float)l->len < 2 * v->mean
                        ? (float)l->len / v->mean
                        : 2.0F;
  f[F_AFTER] = v->last == n || i > v->last;
  f[F_BEFORE] = v->first == n || i < v->first;
  f[F_PREV] = i > 0 && ls[i - 1].keep;
  f[F_NEXT] = i + 1 < n && ls[i + 1].keep;
  f[F_PREV_LONG] = i > 0 && ls[i - 1].prose;
  f[F_NEXT_LONG] = i + 1 < n && ls[i + 1].prose;
  f[F_IN_BODY] = l->node > v->box && l->node < v->box_end;
  f[F_SIBLING] = v->box && w->d->nodes[l->node].parent == v->box;
}

/* The features of every line, into `fs` (SL_HTML_FEATURES per line). */
static void features(const sl_html_lines *w, float *fs) {
  page_view v = view_of(w);
  double after = v.total; /* bytes of long paragraphs from line i on */
  for (size_t i = 0; i < w->n; i++) {
    float *f = fs + i * SL_HTML_FEATURES;
    const sl_html_line *l = &w->at[i];
    f[F_BIAS] = 1;
    f[F_RULE] = l->keep;
    f[F_INSIDE] = l->inside;
    f[F_SPANNED] = l->spanned;
    f[F_LINKS] = (float)l->links / (float)l->len;
    f[F_LONG] = l->prose;
    f[F_OUT_LONG] = !l->inside && l->prose;
    f[F_IN_SHORT] = l->inside && l->len < SHORT;
    f[F_BOILER] = boilerplate(w->text + l->off, l->len);
    text_features(w->text + l->off, l->len, f);
    tree_features(w, l, v.box_depth, f);
    place_features(w, &v, i, f);
    if (l->keep && l->prose)
      after -= l->len;
    f[F_REST] = v.total > 0 ? (float)(after / v.total) : 0;
  }
  gap_features(w, fs);
}

/* The shipped weights: see bench_extract --learn. The first pass uses
 * the first row, without the F_CTX_ features; the second pass the second
 * row, with the first pass's odds of the lines around. */
static const float weights[2 * SL_HTML_FEATURES] = {
    -3.5083F, 0.4989F,  1.2138F,  0.8113F,  0.8514F,  -2.3879F, 0.0796F,
    -0.4376F, 0.5881F,  -1.2760F, -0.7934F, -0.2204F, 0.4536F,  2.5538F,
    0.6827F,  -0.0739F, 0.3168F,  0.2205F,  -0.5105F, -0.5833F, -0.1642F,
    1.3258F,  0.1033F,  0.4642F,  0.9694F,  0.5063F,  0.1930F,  -0.5757F,
    -0.9983F, 0.5562F,  -0.9446F, 0.4933F,  -2.6407F, -0.8680F, 0.3212F,
    -0.1204F, -0.1591F, 0.8913F,  0.0580F,  -0.4521F, 1.1777F,  -0.1606F,
    0.9614F,  0.5028F,  0.6683F,  -0.5528F, -0.0252F, 1.2752F,  0.0000F,
    0.0000F,  0.0000F,  -4.1227F, 0.4539F,  1.0221F,  0.6659F,  1.3466F,
    -2.4100F, 0.0975F,  -0.4330F, 0.3742F,  -1.2491F, -0.7931F, -0.2530F,
    0.3661F,  2.1720F,  0.6712F,  -0.0457F, 0.3013F,  0.0838F,  -0.3429F,
    -0.5693F, -0.1422F, 0.9912F,  -0.2637F, 0.1873F,  0.6018F,  0.4045F,
    0.1625F,  -0.6199F, -0.5730F, 0.4067F,  -0.9662F, 0.5026F,  -2.6242F,
    -0.7016F, 0.3199F,  -0.0597F, -0.2303F, 0.8853F,  0.1024F,  -0.3924F,
    1.1534F,  -0.1624F, 0.9665F,  0.6264F,  0.5726F,  -0.4297F, 0.0427F,
    1.0519F,  1.2915F,  0.8222F,  0.0157F,
};

static float dot(const float *w, const float *f) {
  float sum = 0;
  for (size_t k = 0; k < SL_HTML_FEATURES; k++)
    sum += w[k] * f[k];
  return sum;
}

static float odds(float score) {
  return 1.0F / (1.0F + expf(-score));
}

/* Fills the F_CTX_ features of each line from the first pass's scores. */
static void context(const sl_html_lines *w, float *fs) {
  const sl_html_line *ls = w->at;
  size_t n = w->n;
  for (size_t i = 0; i < n; i++) {
    float *f = fs + i * SL_HTML_FEATURES;
    f[F_CTX_PREV] = i > 0 ? odds(ls[i - 1].score) : 0;
    f[F_CTX_NEXT] = i + 1 < n ? odds(ls[i + 1].score) : 0;
    float sum = 0, bytes = 0;
    for (size_t k = i > 3 ? i - 3 : 0; k < n && k <= i + 3; k++)
      if (k != i) {
        sum += odds(ls[k].score) * (float)ls[k].len;
        bytes += (float)ls[k].len;
      }
    f[F_CTX_NEAR] = bytes > 0 ? sum / bytes : 0;
  }
}

void sl__html_weigh_lines(const sl_html_lines *w, const sl_html_learn *learn) {
  size_t n = w->n;
  float *fs = calloc(n * SL_HTML_FEATURES, sizeof *fs);
  if (!fs)
    return; /* the rules' decisions stand */
  features(w, fs);
  const float *wt = learn && learn->weights ? learn->weights : weights;
  sl_html_line *ls = w->at;
  for (size_t i = 0; i < n; i++)
    ls[i].score = dot(wt, fs + i * SL_HTML_FEATURES);
  context(w, fs);
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    const float *f = fs + i * SL_HTML_FEATURES;
    ls[i].score = dot(wt + SL_HTML_FEATURES, f);
    if (learn && learn->line)
      learn->line(learn->ctx, w->text + ls[i].off, ls[i].len, f,
                  ls[i].score > 0);
    kept += ls[i].score > 0;
  }
  for (size_t i = 0; i < n && kept; i++) /* else the rules' decisions */
    ls[i].keep = ls[i].score > 0;
  free(fs);
}
