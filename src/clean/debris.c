/* storyline clean: debris inside one text (see clean.h). Each line is
 * classified on its own, then against the lines before it; kept lines are
 * joined with their paragraph breaks. */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include <xxhash.h>

#include "clean/clean.h"

enum {
  CAPTION_MAX = 400,
  BYLINE_MAX = 80,
  CREDIT_MAX = 60,
  WIDGET_MAX = 24,
  MASTHEAD_MAX = 80,
  /* Removed lines listed one by one; past them, a removed line that follows
   * the last listed one (blank lines between) for the same reason joins
   * it. A real text removes at most 1,000 (Timeline17); a line repeated
   * for 64 MiB would otherwise cost 36 bytes a line here and in the store. */
  LISTED_MAX = 10000,
  SEEN_MIN = 1024 /* slots of the table of lines seen, at first */
};

static const char *const names[] = {
    "",       "repeat", "caption",     "widget",
    "byline", "credit", "boilerplate", "masthead"};

const char *sl_debris_name(sl_debris reason) {
  return (unsigned)reason < sizeof names / sizeof names[0] ? names[reason] : "";
}

void sl_cleaned_init(sl_cleaned *c) {
  sl_buf_init(&c->text, 0);
  sl_vec_init(&c->removed, sizeof(sl_removed));
  sl_buf_init(&c->byline, 0);
  sl_buf_init(&c->credit, 0);
  sl_vec_init(&c->seen, sizeof(uint64_t));
}

void sl_cleaned_release(sl_cleaned *c) {
  sl_buf_release(&c->text);
  sl_vec_release(&c->removed);
  sl_buf_release(&c->byline);
  sl_buf_release(&c->credit);
  sl_vec_release(&c->seen);
}

static char lower(char c) {
  return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Whether `needle` (lowercase) occurs in the line, ignoring ASCII case. */
static bool contains_ci(const char *s, size_t len, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= len; i++) {
    size_t k = 0;
    while (k < n && lower(s[i + k]) == needle[k])
      k++;
    if (k == n)
      return true;
  }
  return false;
}

/* Five bytes as the last five of line_scan's window hold them. */
#define W5(a, b, c, d, e)                                                      \
  (((uint64_t)(a) << 32) | ((uint64_t)(b) << 24) | ((uint64_t)(c) << 16) |     \
   ((uint64_t)(d) << 8) | (uint64_t)(e))

/* The anchor words every caption mark holds ("photo", "image", "getty",
 * "pictur", "credit", "reuters"), by their first five letters, in the
 * slots a multiplicative hash gives them (checked distinct), and the
 * letters that must follow. */
enum { ANCHOR_SHIFT = 61 };
static const uint64_t anchor_mul = 0xc2ce6f447ed4d57bull;
static const uint64_t anchor_gram[8] = {
    [4] = W5('p', 'h', 'o', 't', 'o'), [2] = W5('i', 'm', 'a', 'g', 'e'),
    [0] = W5('g', 'e', 't', 't', 'y'), [1] = W5('p', 'i', 'c', 't', 'u'),
    [7] = W5('c', 'r', 'e', 'd', 'i'), [6] = W5('r', 'e', 'u', 't', 'e')};
static const char *const anchor_rest[8] = {[1] = "r", [7] = "t", [6] = "rs"};

typedef struct line_facts {
  uint64_t hash; /* of the case-folded characters, blanks left out; never 0
                    (the empty slot) */
  bool anchor;   /* holds a word every caption mark holds */
} line_facts;

/* Whether the letters `rest` follow position `i` of the line. */
static bool rest_at(const char *s, size_t len, size_t i, const char *rest) {
  for (; *rest; rest++)
    if (++i >= len || lower(s[i]) != *rest)
      return false;
  return true;
}

/* One pass over a line. The folded non-blank bytes are gathered (a store
 * every byte, a step only for the kept ones) and hashed a chunk at a time;
 * a window of the last five folded bytes finds the anchor words with one
 * rarely taken branch a byte. */
static line_facts line_scan(const char *s, size_t len) {
  char folded[256];
  size_t k = 0;
  uint64_t h = 0, w = 0;
  bool hit = false;
  for (size_t i = 0; i < len; i++) {
    char c = lower(s[i]);
    folded[k] = c;
    k += c != ' ' && c != '\t';
    if (k == sizeof folded) {
      h = XXH3_64bits_withSeed(folded, k, h);
      k = 0;
    }
    w = ((w << 8) | (unsigned char)c) & 0xffffffffffull;
    size_t slot = (size_t)((w * anchor_mul) >> ANCHOR_SHIFT);
    if (anchor_gram[slot] == w && w && !hit)
      hit = !anchor_rest[slot] || rest_at(s, len, i, anchor_rest[slot]);
  }
  h = XXH3_64bits_withSeed(folded, k, h);
  return (line_facts){h ? h : 1, hit};
}

static bool is_caption(const char *s, size_t len, bool anchor) {
  static const char *const marks[] = {
      "(photo",    "photo:",    "photo by ",   "photograph:",  "photos:",
      "picture:",  "image:",    "credit:",     "getty images", "ap photo",
      "afp photo", "afp/getty", "/ reuters",   "reuters/",     "file photo",
      "(pictured", "(image",    "photo credit"};
  /* Every mark holds an anchor word; most lines hold none. */
  if (len > CAPTION_MAX || !anchor)
    return false;
  char low[CAPTION_MAX];
  for (size_t i = 0; i < len; i++)
    low[i] = lower(s[i]);
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
    if (memmem(low, len, marks[i], strlen(marks[i])))
      return true;
  return false;
}

static size_t count_words(const char *s, size_t len) {
  size_t words = 0;
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
      words++;
  return words;
}

/* "By Lena Hartwig", "BY MARA QUINN, Staff Writer": the name goes to
 * `name`. */
static bool is_byline(const char *s, size_t len, sl_buf *name) {
  if (len < 5 || len > BYLINE_MAX ||
      (memcmp(s, "By ", 3) != 0 && memcmp(s, "BY ", 3) != 0))
    return false;
  const char *p = s + 3, *end = s + len;
  if (!(*p >= 'A' && *p <= 'Z') || end[-1] == '.')
    return false;
  const char *stop = p;
  while (stop < end && *stop != ',' && *stop != '|')
    stop++;
  size_t words = count_words(p, (size_t)(stop - p));
  if (words == 0 || words > 6)
    return false;
  if (name->len == 0 && sl_buf_append(name, p, (size_t)(stop - p)) != SL_OK)
    return false;
  return true;
}

/* A whole line in brackets: "(Tessaly Wire Service)", "(Reuters)". */
static bool is_credit(const char *s, size_t len, sl_buf *agency) {
  if (len < 3 || len > CREDIT_MAX || s[0] != '(' || s[len - 1] != ')')
    return false;
  if (memchr(s + 1, '(', len - 2) || memchr(s + 1, ')', len - 2))
    return false;
  if (!(s[1] >= 'A' && s[1] <= 'Z'))
    return false;
  if (agency->len == 0 && sl_buf_append(agency, s + 1, len - 2) != SL_OK)
    return false;
  return true;
}

/* A lone word ("Share", "Advertisement") or a known widget phrase. */
static bool is_widget(const char *s, size_t len) {
  static const char *const phrases[] = {
      "read more",   "sign up",    "show comments", "skip advertisement",
      "watch video", "share this", "view comments", "continue reading"};
  if (len == 0 || len > WIDGET_MAX)
    return false;
  char last = s[len - 1];
  if (strchr(".!?:;,\"", last))
    return false;
  if (count_words(s, len) == 1) {
    for (size_t i = 0; i < len; i++)
      if (s[i] >= '0' && s[i] <= '9')
        return false;
    return true;
  }
  for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
    if (strlen(phrases[i]) == len && contains_ci(s, len, phrases[i]))
      return true;
  return false;
}

typedef struct cleaner {
  const char *text;
  sl_cleaned *out;
  const sl_boiler *boiler; /* may be NULL */
  uint64_t source;
  size_t nseen;    /* distinct lines in out->seen */
  bool first;      /* the next kept line is the first */
  bool para_break; /* a blank line since the last kept line */
  bool kept;       /* a line kept since the last removed one */
} cleaner;

/* Puts hash `h` in the first free slot of the table. */
static void place(uint64_t *slots, size_t mask, uint64_t h) {
  size_t i = h & mask;
  while (slots[i])
    i = (i + 1) & mask;
  slots[i] = h;
}

/* Doubles the table of lines seen (it grows with the distinct lines, not
 * with the text: a line repeated a million times takes one slot). */
static sl_status grow_seen(sl_vec *seen) {
  size_t n = seen->len * 2;
  sl_vec bigger = SL_VEC_INIT(uint64_t);
  sl_status st = sl_vec_reserve(&bigger, n);
  if (st != SL_OK)
    return st;
  uint64_t *to = bigger.data;
  memset(to, 0, n * sizeof *to);
  const uint64_t *from = seen->data;
  for (size_t i = 0; i < seen->len; i++)
    if (from[i])
      place(to, n - 1, from[i]);
  bigger.len = n;
  sl_vec_release(seen);
  *seen = bigger;
  return SL_OK;
}

/* Whether the line was seen before in this text; remembers it. The table
 * (a power of two, at most half full) holds hashes only: two different
 * lines with one 64-bit hash would be a crafted collision, and even then
 * the line is kept among the removed ones. */
static sl_status seen_before(cleaner *c, uint64_t h, bool *seen) {
  sl_vec *t = &c->out->seen;
  if (2 * (c->nseen + 1) > t->len) {
    sl_status st = grow_seen(t);
    if (st != SL_OK)
      return st;
  }
  uint64_t *slots = t->data;
  size_t mask = t->len - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    if (slots[i] == h) {
      *seen = true;
      return SL_OK;
    }
    if (!slots[i]) {
      slots[i] = h;
      c->nseen++;
      *seen = false;
      return SL_OK;
    }
  }
}

/* The reason to remove the line, 0 to keep it, into `*why`. */
static sl_status classify(cleaner *c, const char *s, size_t len, bool top,
                          sl_debris *why) {
  *why = 0;
  if (c->source && len <= MASTHEAD_MAX && sl_boiler_source(s, len) == c->source)
    *why = SL_DEBRIS_MASTHEAD;
  else if (c->boiler && sl_boiler_count(c->boiler) &&
           sl_boiler_countable(s, len) &&
           sl_boiler_known(c->boiler, c->source, sl_boiler_line_hash(s, len)))
    *why = SL_DEBRIS_BOILERPLATE;
  if (*why)
    return SL_OK;
  line_facts f = line_scan(s, len);
  if (is_caption(s, len, f.anchor))
    *why = SL_DEBRIS_CAPTION;
  else if (is_byline(s, len, &c->out->byline))
    *why = SL_DEBRIS_BYLINE;
  else if (is_credit(s, len, &c->out->credit))
    *why = SL_DEBRIS_CREDIT;
  else if (!top && is_widget(s, len))
    *why = SL_DEBRIS_WIDGET;
  if (*why)
    return SL_OK;
  bool seen;
  sl_status st = seen_before(c, f.hash, &seen);
  *why = seen ? SL_DEBRIS_REPEAT : 0;
  return st;
}

static sl_status keep(cleaner *c, const char *s, size_t len) {
  sl_status st = SL_OK;
  if (!c->first)
    st = sl_buf_puts(&c->out->text, c->para_break ? "\n\n" : "\n");
  c->first = false;
  c->para_break = false;
  c->kept = true;
  return st == SL_OK ? sl_buf_append(&c->out->text, s, len) : st;
}

/* Lists the removed line [start, end), or, past LISTED_MAX, joins it to
 * the last one listed when nothing was kept between and the reason is the
 * same. */
static sl_status list_removed(cleaner *c, size_t start, size_t end,
                              sl_debris why) {
  sl_vec *v = &c->out->removed;
  sl_removed *last = v->len ? &SL_VEC_AT(v, sl_removed, v->len - 1) : NULL;
  bool kept = c->kept;
  c->kept = false;
  if (v->len >= LISTED_MAX && !kept && last->reason == why) {
    last->end = (uint32_t)end;
    return SL_OK;
  }
  sl_removed r = {(uint32_t)start, (uint32_t)end, (uint8_t)why};
  return sl_vec_push(v, &r);
}

static sl_status line(cleaner *c, size_t start, size_t end) {
  const char *s = c->text + start;
  size_t len = end - start;
  if (len == 0) {
    c->para_break = true;
    return SL_OK;
  }
  sl_debris why;
  sl_status st = classify(c, s, len, c->first, &why);
  if (st != SL_OK)
    return st;
  return why ? list_removed(c, start, end, why) : keep(c, s, len);
}

sl_status sl_clean_debris(const char *text, size_t len, sl_cleaned *out) {
  return sl_clean_debris_with(text, len, NULL, 0, out);
}

sl_status sl_clean_debris_with(const char *text, size_t len,
                               const sl_boiler *boiler, uint64_t source,
                               sl_cleaned *out) {
  if (len >= UINT32_MAX)
    return SL_ETOOBIG;
  sl_buf_clear(&out->text);
  sl_vec_clear(&out->removed);
  sl_buf_clear(&out->byline);
  sl_buf_clear(&out->credit);
  if (out->seen.cap > (size_t)64 * SEEN_MIN)
    sl_vec_release(&out->seen); /* a long text's table is not kept */
  sl_status st = sl_vec_reserve(&out->seen, SEEN_MIN);
  if (st != SL_OK)
    return st;
  memset(out->seen.data, 0, SEEN_MIN * sizeof(uint64_t));
  out->seen.len = SEEN_MIN;
  cleaner c = {text, out, boiler, source, 0, true, false, false};
  for (size_t at = 0; st == SL_OK && at < len;) {
    const char *nl = memchr(text + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - text) : len;
    st = line(&c, at, end);
    at = end + 1;
  }
  return st;
}
