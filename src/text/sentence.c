/* storyline text: the sentence splitter (see sentence.h). A boundary is
 * decided between two tokens from the tokens around it; the rules are the
 * punctuation ones below, the line rules, and two short word lists. */
#include <string.h>

#include <utf8proc.h>

#include "base/utf8.h"
#include "text/sentence.h"

typedef struct ctx {
  const char *s;
  const sl_token *t;
  size_t n;
} ctx;

static bool tok_is(const ctx *c, size_t i, const char *lit) {
  size_t len = strlen(lit);
  return i < c->n && c->t[i].len == len &&
         memcmp(c->s + c->t[i].start, lit, len) == 0;
}

static bool any_of(const ctx *c, size_t i, const char *const *lits) {
  for (; *lits; lits++)
    if (tok_is(c, i, *lits))
      return true;
  return false;
}

static const char *const terminals[] = {".",
                                        "!",
                                        "?",
                                        "\xE2\x80\xA6",
                                        "\xE3\x80\x82",
                                        "\xEF\xBC\x81",
                                        "\xEF\xBC\x9F",
                                        NULL};
static const char *const closers[] = {
    "\"", "'", ")", "]", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB", NULL};
static const char *const openers[] = {
    "\"", "'", "(", "[", "\xE2\x80\x9C", "\xE2\x80\x98", "\xC2\xAB", NULL};
static const char *const continuers[] = {
    ",", ";", ":", "-", "\xE2\x80\x94", "\xE2\x80\x93", NULL};
/* Abbreviations that never end a sentence: titles, months, "No.". */
static const char *const never_final[] = {
    "Mr.",   "Mrs.",  "Ms.",  "Dr.",   "Prof.", "Sen.", "Rep.",  "Gov.", "Gen.",
    "Col.",  "Lt.",   "Sgt.", "Capt.", "Cpl.",  "Maj.", "Adm.",  "Rev.", "St.",
    "Mt.",   "Jan.",  "Feb.", "Mar.",  "Apr.",  "Jun.", "Jul.",  "Aug.", "Sep.",
    "Sept.", "Oct.",  "Nov.", "Dec.",  "No.",   "Nos.", "Vol.",  "Fig.", "vs.",
    "Pres.", "Supt.", "Det.", "Insp.", "Msgr.", "Mme.", "Mlle.", "cf.",  NULL};
/* Words that start sentences often and follow "U.S." or "Inc." mid-sentence
 * rarely: after such an abbreviation they mark a boundary. */
static const char *const starters[] = {
    "The",   "A",     "An",        "He",     "She",  "It",      "They",
    "We",    "I",     "In",        "But",    "And",  "This",    "That",
    "These", "Those", "There",     "His",    "Her",  "Its",     "Their",
    "On",    "At",    "After",     "As",     "For",  "However", "Meanwhile",
    "If",    "When",  "Officials", "Police", "Some", "Many",    NULL};
/* Words a headline rarely ends with but a wrapped line often does. */
static const char *const function_words[] = {
    "the", "a",   "an",   "of",  "on",    "in",   "to",   "and",
    "or",  "for", "with", "at",  "by",    "from", "said", "that",
    "was", "is",  "his",  "her", "their", NULL};

static bool starts_lower(const ctx *c, size_t i) {
  const char *p = c->s + c->t[i].start;
  unsigned char ch = (unsigned char)*p;
  if (ch < 0x80)
    return ch >= 'a' && ch <= 'z';
  int32_t cp;
  return sl_utf8_decode(p, c->t[i].len, &cp) > 0 &&
         utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static bool starts_sentence(const ctx *c, size_t i) {
  if (i >= c->n)
    return true;
  if (any_of(c, i, openers) && i + 1 < c->n)
    i++;
  const sl_token *t = &c->t[i];
  return (t->flags & (SL_TOKF_CAP | SL_TOKF_DIGIT)) != 0 || !starts_lower(c, i);
}

/* Line rule: a break between tok i-1 and tok i at a single newline. */
static bool line_boundary(const ctx *c, size_t i) {
  if (starts_lower(c, i) || any_of(c, i - 1, continuers))
    return false;
  if (any_of(c, i - 1, terminals) || any_of(c, i - 1, closers))
    return true;
  /* No final punctuation: a headline or a label line unless the line ends
   * in a word that continues on the next line. */
  const sl_token *p = &c->t[i - 1];
  for (const char *const *w = function_words; *w; w++)
    if (p->len == strlen(*w) && memcmp(c->s + p->start, *w, p->len) == 0)
      return false;
  return true;
}

/* Punctuation rule: where does the sentence ending at token i end? Returns
 * the index after the last token of the sentence, or 0 for no boundary. */
static size_t punct_boundary(const ctx *c, size_t i) {
  const sl_token *t = &c->t[i];
  bool term = any_of(c, i, terminals);
  bool abbrev = t->kind == SL_TOK_ABBREV;
  if (!term && !abbrev)
    return 0;
  size_t j = i + 1;
  while (j < c->n && any_of(c, j, closers) && !(c->t[j].flags & SL_TOKF_SPACE))
    j++;
  while (j < c->n && any_of(c, j, terminals) &&
         !(c->t[j].flags & SL_TOKF_SPACE))
    j++;
  if (j >= c->n)
    return j;
  /* Full-width stops (CJK) need no space after them. */
  bool wide = term && t->len == 3 && (unsigned char)c->s[t->start] >= 0xE3;
  if (!(c->t[j].flags & SL_TOKF_SPACE) && !wide)
    return 0;
  if (c->t[j].flags & SL_TOKF_NEWLINE)
    return j;
  if (term)
    return starts_sentence(c, j) ? j : 0;
  if (any_of(c, i, never_final) || t->len == 2)
    return 0; /* titles, months and initials ("F.") */
  return any_of(c, j, starters) ? j : 0;
}

static sl_status emit(const ctx *c, size_t b, size_t e, sl_vec *out) {
  sl_sentence s = {c->t[b].start, c->t[e - 1].start + c->t[e - 1].len,
                   (uint32_t)b, (uint32_t)e};
  return sl_vec_push(out, &s);
}

sl_status sl_sentences(const char *text, size_t len, const sl_token *toks,
                       size_t ntok, sl_vec *out) {
  (void)len;
  ctx c = {text, toks, ntok};
  size_t begin = 0;
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < ntok; i++) {
    bool para = i > begin && (toks[i].flags & SL_TOKF_PARA);
    bool line =
        i > begin && (toks[i].flags & SL_TOKF_NEWLINE) && line_boundary(&c, i);
    if (para || line) {
      st = emit(&c, begin, i, out);
      begin = i;
    }
    if (st != SL_OK)
      break;
    size_t end = punct_boundary(&c, i);
    if (end && end < ntok) {
      st = emit(&c, begin, end, out);
      begin = end;
      i = end - 1;
    }
  }
  if (st == SL_OK && begin < ntok)
    st = emit(&c, begin, ntok, out);
  return st;
}
