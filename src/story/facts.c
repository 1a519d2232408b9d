/* storyline story: reads numeric statements from a sentence: a number, what
 * bounds it ("at least"), who it counts and what happened to them, or an
 * earthquake's magnitude. Anything less sure is left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "story/facts.h"
#include "story/dossier_int.h"
#include "text/token.h"

/* The words that name what happened to the counted, by frame. */
static const char *const killed[] = {"killed", "dead",     "died",
                                     "deaths", "perished", NULL};
static const char *const injured[] = {"injured", "wounded", "hurt", "injuries",
                                      NULL};
static const char *const missing[] = {"missing", NULL};
static const char *const arrested[] = {"arrested", "detained", NULL};
/* The same as verbs before the number: "killing at least 12". */
static const char *const verbs_killed[] = {"killed", "killing", "kills", "kill",
                                           NULL};
static const char *const verbs_injured[] = {"injured", "injuring", "wounded",
                                            "wounding", NULL};
static const char *const verbs_arrested[] = {"arrested", "arresting",
                                             "detained", "detaining", NULL};
/* Who is counted. */
static const char *const persons[] = {
    "people",    "persons",   "person",   "victims",    "civilians",
    "soldiers",  "troops",    "children", "students",   "militants",
    "officers",  "policemen", "workers",  "miners",     "passengers",
    "residents", "tourists",  "pilgrims", "protesters", "men",
    "women",     "police",    "fighters", "rebels",     "insurgents",
    "migrants",  "crew",      NULL};
/* Between the counted and what happened: "12 people have been killed". */
static const char *const aux[] = {
    "were",      "was",      "are",    "is",      "have",     "has",
    "had",       "been",     "be",     "being",   "reported", "reportedly",
    "confirmed", "believed", "feared", "already", "now",      "still",
    "also",      "later",    "all",    "left",    "found",    NULL};
/* Between a death toll and its number: "the death toll rose to 15". */
static const char *const toll_gap[] = {
    "to",      "of",    "at",     "rose",      "risen", "climbed",
    "reached", "stood", "stands", "is",        "was",   "has",
    "had",     "now",   "jumped", "increased", NULL};
/* A sentence about other times, totals or what might be. */
static const char *const elsewhere[] = {
    "since", "previous", "worst", "deadliest", "history", "total", "average",
    "annually", "record", "past", "could", "might", "can", "may", "would", "if",
    "ago", "aftershock", "aftershocks", "last", "earlier", "worldwide",
    "globally", "alone",
    /* a count that is only partly known is two counts */
    "confirmed", "suspected", "probable", "possible", "possibly", "probably",
    "likely", "linked", NULL};
/* What may follow "12 dead" when the dead are people: "12 dead in". */
static const char *const after_frame[] = {
    "in",        "on",    "at",        "and",    "or",     "after",
    "when",      "by",    "as",        "from",   "during", "including",
    "since",     "while", "with",      "so",     "but",    "were",
    "was",       "are",   "have",      "has",    "had",    "is",
    "yesterday", "today", "overnight", "across", "near",   "following",
    "among",     "so",    "far",       NULL};
static const char *const months[] = {
    "january",   "february", "march",    "april",    "june", "july", "august",
    "september", "october",  "november", "december", "jan.", "feb.", "aug.",
    "sept.",     "sep.",     "oct.",     "nov.",     "dec.", NULL};
static const char *const quakes[] = {"earthquake", "quake", "temblor", "tremor",
                                     NULL};
static const char *const numbers[] = {
    "two",       "three",    "four",     "five",    "six",
    "seven",     "eight",    "nine",     "ten",     "eleven",
    "twelve",    "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen", "twenty",  NULL};

typedef struct reader {
  const sl_dos *d;
  size_t art, sent, lo, hi; /* the sentence's token range */
} reader;

/* The index of token `t`'s word in `list`, -1 when not there. */
static int which(const reader *r, size_t t, const char *const *list) {
  if (t < r->lo || t >= r->hi)
    return -1;
  for (int i = 0; list[i]; i++)
    if (sl__dos_is(r->d, r->art, t, list[i]))
      return i;
  return -1;
}

static bool is(const reader *r, size_t t, const char *const *list) {
  return which(r, t, list) >= 0;
}

static const sl_token *tok(const reader *r, size_t t) {
  return t >= r->lo && t < r->hi ? &SL_VEC_AT(&r->d->toks[r->art], sl_token, t)
                                 : NULL;
}

static bool punct(const reader *r, size_t t, char c) {
  const sl_token *k = tok(r, t);
  return k && (k->kind == SL_TOK_PUNCT || k->kind == SL_TOK_SYMBOL) &&
         r->d->arts[r->art].text[k->start] == c;
}

static bool word_is(const reader *r, size_t t, const char *w) {
  return t >= r->lo && t < r->hi && sl__dos_is(r->d, r->art, t, w);
}

/* A written number: digits with thousands commas and one decimal point,
 * or a number word. Years (1900-2100 without a comma) are dates, not
 * counts. A number glued to a word ("6.1-magnitude") gives the word in
 * `*suffix` (NULL otherwise). */
static bool number_of(const reader *r, size_t t, double *v, bool *decimal,
                      const char **suffix) {
  const sl_token *k = tok(r, t);
  *suffix = NULL;
  if (!k)
    return false;
  int w = which(r, t, numbers);
  if (w >= 0) {
    *v = w + 2, *decimal = false;
    return true;
  }
  bool glued = k->kind == SL_TOK_WORD && (k->flags & SL_TOKF_DIGIT) &&
               (k->flags & SL_TOKF_HYPHEN);
  if ((k->kind != SL_TOK_NUMBER && !glued) || k->len >= 24)
    return false;
  char buf[24];
  size_t n = 0, dots = 0;
  bool comma = false;
  const char *s = r->d->arts[r->art].text + k->start;
  for (size_t i = 0; i < k->len && !*suffix; i++) {
    if (s[i] == ',')
      comma = true;
    else if (s[i] == '.' || (s[i] >= '0' && s[i] <= '9'))
      buf[n++] = s[i], dots += s[i] == '.';
    else if (glued && s[i] == '-' && n)
      *suffix = s + i + 1;
    else
      return false;
  }
  buf[n] = '\0';
  if (dots > 1 || !n)
    return false;
  *v = strtod(buf, NULL);
  *decimal = dots == 1;
  return !(n == 4 && !comma && !dots && *v >= 1900 && *v <= 2100);
}

/* Whether the sentence speaks of another time, a total or a possibility,
 * or names a year or a month other than its article's ("hit by a 6.1
 * quake in September"). */
static bool elsewhere_sentence(const reader *r) {
  sl_date date = r->d->arts[r->art].date;
  int year = date.year;
  for (size_t t = r->lo; t < r->hi; t++) {
    int m = which(r, t, months);
    if (is(r, t, elsewhere) ||
        (m >= 0 && m < 11 && (!year || m + 1 + (m >= 4) != date.month)))
      return true;
    const sl_token *k = tok(r, t);
    if (k->kind == SL_TOK_NUMBER && k->len == 4) {
      int y = atoi(r->d->arts[r->art].text + k->start);
      if (y >= 1900 && y <= 2100 && y != year)
        return true;
    }
  }
  return false;
}

/* A number that is a date, a time, a share, an amount, an age or a range
 * end counts nobody. */
static bool not_a_count(const reader *r, size_t t) {
  const sl_token *p = tok(r, t - 1);
  return punct(r, t + 1, '%') || word_is(r, t + 1, "percent") ||
         word_is(r, t + 1, "per") || punct(r, t + 1, ':') ||
         punct(r, t - 1, '-') || punct(r, t + 1, '/') || punct(r, t - 1, '/') ||
         (p && p->kind == SL_TOK_SYMBOL) || punct(r, t - 1, '$') ||
         punct(r, t - 1, '#') || is(r, t - 1, months) || is(r, t + 1, months) ||
         word_is(r, t - 1, "no.");
}

/* The bound words before the number; `*start` is the first of them. */
static int bound_of(const reader *r, size_t t, size_t *start) {
  *start = t;
  if (word_is(r, t - 2, "at") && word_is(r, t - 1, "least"))
    return *start = t - 2, SL__LOWER;
  if ((word_is(r, t - 2, "more") || word_is(r, t - 2, "greater")) &&
      word_is(r, t - 1, "than"))
    return *start = t - 2, SL__LOWER;
  if (word_is(r, t - 2, "up") && word_is(r, t - 1, "to"))
    return *start = t - 2, SL__UPPER;
  if ((word_is(r, t - 2, "fewer") || word_is(r, t - 2, "less")) &&
      word_is(r, t - 1, "than"))
    return *start = t - 2, SL__UPPER;
  if (word_is(r, t - 3, "as") && word_is(r, t - 2, "many") &&
      word_is(r, t - 1, "as"))
    return *start = t - 3, SL__UPPER;
  if (word_is(r, t - 1, "over"))
    return *start = t - 1, SL__LOWER;
  if (word_is(r, t - 1, "nearly") || word_is(r, t - 1, "almost"))
    return *start = t - 1, SL__UPPER;
  static const char *const approx[] = {
      "about", "around", "some", "approximately", "roughly", "estimated", NULL};
  if (is(r, t - 1, approx))
    return *start = t - 1, SL__APPROX;
  return SL__EXACT;
}

static bool magnitude_at(const reader *r, size_t t, bool decimal, double v) {
  if (v < 1 || v >= 10)
    return false;
  bool before = word_is(r, t - 1, "magnitude") ||
                ((punct(r, t - 1, '-') || word_is(r, t - 1, "of")) &&
                 word_is(r, t - 2, "magnitude"));
  bool after = word_is(r, t + 1, "magnitude") ||
               (punct(r, t + 1, '-') && word_is(r, t + 2, "magnitude")) ||
               (word_is(r, t + 1, "on") && word_is(r, t + 3, "richter"));
  bool quake =
      decimal && (is(r, t + 1, quakes) || word_is(r, t - 1, "measuring"));
  return before || after || quake;
}

/* What happened to the counted after them: "12 people were killed". */
static int frame_after(const reader *r, size_t j) {
  for (size_t k = j; k < j + 4; k++) {
    if (is(r, k, killed))
      return SL__KILLED;
    if (is(r, k, injured))
      return SL__INJURED;
    if (is(r, k, missing))
      return SL__MISSING;
    if (is(r, k, arrested))
      return SL__ARRESTED;
    if (!is(r, k, aux))
      return 0;
  }
  return 0;
}

/* What happened to them before the number: "killing at least 12", "the
 * death toll rose to 15". */
static int frame_before(const reader *r, size_t start) {
  if (is(r, start - 1, verbs_killed))
    return SL__KILLED;
  if (is(r, start - 1, verbs_injured))
    return SL__INJURED;
  if (is(r, start - 1, verbs_arrested))
    return SL__ARRESTED;
  for (size_t k = start - 1; k + 5 > start && k >= r->lo; k--) {
    if (word_is(r, k, "toll"))
      return SL__KILLED;
    if (!is(r, k, toll_gap))
      return 0;
  }
  return 0;
}

static const char *frame_word(int frame) {
  static const char *const w[] = {"",        "killed",   "injured",
                                  "missing", "arrested", "magnitude"};
  return w[frame];
}

/* Reads the frame and head at token j, after the number; 0 when unsure. */
static int frame_at(const reader *r, size_t j, size_t start, char *head,
                    size_t cap) {
  int f = is(r, j, killed)     ? SL__KILLED
          : is(r, j, injured)  ? SL__INJURED
          : is(r, j, missing)  ? SL__MISSING
          : is(r, j, arrested) ? SL__ARRESTED
                               : 0;
  snprintf(head, cap, "people");
  const sl_token *k = tok(r, j), *next = tok(r, j + 1);
  if (f && next && next->kind == SL_TOK_WORD && !is(r, j + 1, after_frame)) {
    /* "11 missing workers" counts workers; "316 dead birds" no people */
    if (!is(r, j + 1, persons))
      return 0;
    j++, k = next;
    f = -f;
  }
  if (f > 0)
    return f;
  if (is(r, j, persons)) {
    if (which(r, j, persons) > 2)
      snprintf(head, cap, "%.*s", (int)k->len,
               r->d->arts[r->art].text + k->start);
    for (char *c = head; *c; c++)
      *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
    if (f < 0)
      return -f;
    f = frame_after(r, j + 1);
    return f ? f : frame_before(r, start);
  }
  if (k && k->kind != SL_TOK_PUNCT)
    return 0; /* counts something else: "12 houses", "two U.S. troops" */
  return frame_before(r, start);
}

static sl_status push(const reader *r, sl__fact *f, size_t start, size_t end,
                      sl_vec *out) {
  const char *text = r->d->arts[r->art].text;
  size_t a = tok(r, start)->start;
  const sl_token *e = tok(r, end);
  size_t len = e->start + e->len - a, n = 0;
  for (size_t i = 0; i < len && n + 1 < sizeof f->text; i++)
    if (!(text[a + i] == ' ' || text[a + i] == '\n') ||
        (n && f->text[n - 1] != ' '))
      f->text[n++] = text[a + i] == '\n' ? ' ' : text[a + i];
  f->text[n] = '\0';
  if (f->frame == SL__MAGNITUDE)
    snprintf(f->about, sizeof f->about, "earthquake magnitude");
  else
    snprintf(f->about, sizeof f->about, "%s %s", f->head, frame_word(f->frame));
  f->art = r->art;
  f->sent = r->sent;
  return sl_vec_push(out, f);
}

static sl_status read_at(const reader *r, size_t t, sl_vec *out) {
  double v;
  bool decimal;
  const char *suffix;
  if (!number_of(r, t, &v, &decimal, &suffix) || not_a_count(r, t))
    return SL_OK;
  if (suffix && (strncmp(suffix, "magnitude", 9) != 0 || v < 1 || v >= 10))
    return SL_OK; /* "13-year-old", "2-1" */
  sl__fact f = {0};
  size_t start, end = t;
  f.bound = bound_of(r, t, &start);
  if (word_is(r, start - 1, "of") || word_is(r, start - 1, "among"))
    return SL_OK; /* a part of a count: "families of two missing workers" */
  if (suffix || magnitude_at(r, t, decimal, v)) {
    f.frame = SL__MAGNITUDE;
    snprintf(f.head, sizeof f.head, "earthquake");
  } else {
    static const char *const scale[] = {"hundred", "thousand", "million",
                                        "billion", NULL};
    static const double mult[] = {1e2, 1e3, 1e6, 1e9};
    int s = which(r, t + 1, scale);
    if (s >= 0)
      v *= mult[s], end = t + 1, f.round = true;
    if (decimal || punct(r, end + 1, '-'))
      return SL_OK;
    f.frame = frame_at(r, end + 1, start, f.head, sizeof f.head);
    if (!f.frame)
      return SL_OK;
  }
  f.value = v;
  f.round = f.round || (v >= 100 && (long long)v % 100 == 0);
  return push(r, &f, start, end, out);
}

sl_status sl__facts_of(const sl_dos *d, size_t sent, sl_vec *out) {
  const sl_dos_sent *s = &SL_VEC_AT(&d->sents, sl_dos_sent, sent);
  reader r = {d, s->art, sent, s->tok, s->tok + s->ntok};
  bool numbers_in = false; /* most sentences have none: skip them first */
  for (size_t t = r.lo; t < r.hi && !numbers_in; t++)
    numbers_in = (tok(&r, t)->flags & SL_TOKF_DIGIT) || is(&r, t, numbers);
  if (!numbers_in || elsewhere_sentence(&r))
    return SL_OK;
  sl_status st = SL_OK;
  for (size_t t = r.lo; st == SL_OK && t < r.hi; t++)
    st = read_at(&r, t, out);
  return st;
}
