/* storyline extract: the tense around a temporal expression, which picks
 * the direction of a weekday, a month or a holiday the text gives without a
 * year: the verb group nearest the expression in its sentence. */
#include "extract/timex.h"

#define ANY(c, i, list) any_of((c), (i), (list), sizeof(list) / sizeof *(list))

static const char *const future_words[] = {
    "will",     "shall",     "ll",       "going",     "expected", "expects",
    "expect",   "plans",     "plan",     "scheduled", "due",      "slated",
    "upcoming", "would",     "tomorrow", "next",      "until",    "intends",
    "set",      "planned",   "hopes",    "aims",      "coming",   "wo",
    "payable",  "effective", "planning", "soon"};
static const char *const past_words[] = {
    "said",      "was",     "were",   "had",    "did",     "ago",    "been",
    "came",      "went",    "took",   "made",   "gave",    "met",    "began",
    "won",       "lost",    "left",   "sold",   "paid",    "fell",   "rose",
    "saw",       "got",     "held",   "told",   "found",   "became", "last",
    "yesterday", "earlier", "knew",   "ran",    "led",     "hit",    "shot",
    "struck",    "broke",   "spoke",  "wrote",  "brought", "bought", "thought",
    "taught",    "caught",  "fought", "sought", "spent",   "sent",   "built",
    "lent",      "meant",   "kept",   "felt",   "dealt",   "chose",  "drew",
    "drove",     "flew",    "grew",   "heard",  "stood",   "threw",  "withdrew",
    "since",     "wore",    "forgot"};
/* A present-tense verb governs a date near the DCT: "it is calling for
 * the redemption on Dec. 7". */
static const char *const present_words[] = {"is",   "are", "am",
                                            "says", "say", "does"};
/* Before these a word is a noun or an adjective, not the verb: "the plan",
 * "its proposed sale", "a limited run". */
static const char *const determiners[] = {
    "the", "a",    "an",  "its",   "his",   "her",   "their", "our",
    "my",  "your", "new", "these", "those", "newly", "any",   "no"};
/* Future words that are also nouns. */
static const char *const nouns[] = {"plan", "plans", "set", "effective"};
/* Words in -ed that are mostly adjectives. */
static const char *const adjectives[] = {"based",    "related",  "limited",
                                         "united",   "combined", "registered",
                                         "detailed", "advanced", "interested"};
/* The past forms among the words in -eed: "succeed", "proceed", "exceed",
 * "speed" and "indeed" are not. */
static const char *const eed_past[] = {"agreed", "freed", "decreed",
                                       "guaranteed", "disagreed"};
/* After these a participle is passive or perfect; the auxiliary before it
 * decides ("will be named", "has been extended"). */
static const char *const be_words[] = {"be", "been", "being",
                                       "is", "are",  "am"};

/* Words that start another clause. */
static const char *const clause_words[] = {
    "and",   "but", "or",    "while",    "when",   "after", "before", "because",
    "which", "who", "where", "although", "though", "as",    "if",     "unless"};

static bool any_of(const tx_ctx *c, size_t i, const char *const *w, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (IS(i, w[k]))
      return true;
  return false;
}

/* A past form ending in -ed; not an adjective that looks like one
 * ("unspecified", "undisclosed", "based", "related"), nor a verb in -eed
 * ("will succeed"). */
static bool ends_ed(const tx_ctx *c, size_t i) {
  size_t n = T(i)->end - T(i)->start;
  const char *s = c->text + T(i)->start;
  if (n <= 4 || s[n - 2] != 'e' || s[n - 1] != 'd')
    return false;
  if (sl__tx_lower(s[0]) == 'u' && s[1] == 'n')
    return false;
  if (s[n - 3] == 'e' && !ANY(c, i, eed_past))
    return false;
  return !ANY(c, i, adjectives);
}

/* A future word after "had" or "had been" is a plan that is past: "had
 * been scheduled to expire Friday". */
static bool past_plan(const tx_ctx *c, size_t i) {
  return (i > 0 && IS(i - 1, "had")) ||
         (i > 1 && IS(i - 1, "been") && IS(i - 2, "had"));
}

/* Future words that are prepositions or a past verb here: "next to",
 * "due to" (because of), "set" without "to" or "for" ("set Friday as the
 * deadline"). */
static bool prepositional(const tx_ctx *c, size_t i) {
  if (IS(i, "next") || IS(i, "due"))
    return IS(i + 1, "to");
  if (IS(i, "set"))
    return !IS(i + 1, "to") && !IS(i + 1, "for");
  return false;
}

/* What token i says: -1 past, 1 future, 2 present, 0 nothing. */
static int marker(const tx_ctx *c, size_t i) {
  if (T(i)->kind != TX_ALPHA)
    return 0;
  bool noun = i > 0 && ANY(c, i - 1, determiners);
  if (ANY(c, i, future_words)) {
    if ((noun && ANY(c, i, nouns)) || prepositional(c, i))
      return 0;
    return past_plan(c, i) ? -1 : 1;
  }
  bool passive = i > 0 && ANY(c, i - 1, be_words);
  if (ANY(c, i, past_words))
    return passive && !IS(i, "been") ? 0 : -1;
  if (ANY(c, i, present_words))
    return IS(i + 1, "to") ? 1 : 2; /* "is to resume" */
  if (!ends_ed(c, i) || noun || passive)
    return 0;
  return -1;
}

/* A period after a single letter glued to it ends an abbreviation ("a.m.
 * Tuesday", "U.S. officials"), not a sentence. */
static bool abbreviation(const tx_ctx *c, size_t i) {
  return i > 0 && !(T(i)->flags & TX_SP) && T(i - 1)->kind == TX_ALPHA &&
         T(i - 1)->end - T(i - 1)->start == 1;
}

/* A sentence end: ! ? ; or a period before a space and a capital ("N.J.,"
 * "a.m. Tuesday" and "Dec. 15" go on), or a line break. */
static bool stop(const tx_ctx *c, size_t i) {
  const tx_tok *t = T(i);
  if (t->flags & TX_NL)
    return true;
  if (t->kind != TX_PUNCT)
    return false;
  if (t->val == '!' || t->val == '?' || t->val == ';')
    return true;
  if (t->val != '.' || abbreviation(c, i))
    return false;
  return i + 1 >= c->ntok ||
         ((T(i + 1)->flags & TX_SP) && (T(i + 1)->flags & TX_CAP));
}

/* The nearest marker before token i in its sentence, within 12 words
 * (punctuation does not count: "4 a.m. EDT Thursday"); `*dist` is how far
 * back it is, `*same` whether no comma lies between. */
static int look_back(const tx_ctx *c, size_t i, size_t *dist, bool *same) {
  *same = true;
  for (size_t k = i, n = 0; k > 0 && n < 12;) {
    if (stop(c, k) && k != i)
      return 0;
    k--;
    n += T(k)->kind != TX_PUNCT;
    if (sl__tx_punct(c, k, ','))
      *same = false;
    int m = marker(c, k);
    if (m != 0)
      return *dist = n, m;
  }
  return 0;
}

/* A closing parenthesis or quotation mark (one glued to the word before
 * it) ends what the expression's verb can be: the verb after it is the
 * sentence's, not the aside's or the quotation's ("will leave at 4 (4 a.m.
 * Thursday),'' Castro said"). */
static bool closing(const tx_ctx *c, size_t k) {
  return sl__tx_punct(c, k, ')') ||
         ((sl__tx_punct(c, k, '\'') || sl__tx_punct(c, k, '"')) &&
          sl__tx_glued(c, k));
}

/* A conjunction between two capitalised words is part of a name: "the
 * National Abortion and Reproductive Rights Action League". */
static bool in_name(const tx_ctx *c, size_t k) {
  return k > 0 && k + 1 < c->ntok && !(T(k)->flags & TX_CAP) &&
         (T(k - 1)->flags & TX_CAP) && (T(k + 1)->flags & TX_CAP) &&
         T(k - 1)->kind == TX_ALPHA && T(k + 1)->kind == TX_ALPHA;
}

/* The nearest marker after token i in its clause, within `limit` words: a
 * conjunction starts another clause ("on Saturday and were planning") and
 * so does the end of a parenthesis or a quotation; with `comma`, a comma
 * ends the clause too. */
static int look_ahead(const tx_ctx *c, size_t i, size_t limit, bool comma,
                      size_t *dist) {
  for (size_t k = i + 1, n = 0; k < c->ntok && n < limit; k++) {
    if (stop(c, k) || (ANY(c, k, clause_words) && !in_name(c, k)) ||
        closing(c, k) || (comma && sl__tx_punct(c, k, ',')))
      return 0;
    n += T(k)->kind != TX_PUNCT;
    int m = marker(c, k);
    if (m != 0)
      return *dist = n, m;
  }
  return 0;
}

/* Whether token i starts its sentence but for a word or two and a comma
 * follows it ("On Tuesday, ...", "Also Sunday night, ..."): a fronted
 * adverbial, which the main verb after the subject governs. */
static bool fronted(const tx_ctx *c, size_t i) {
  if (!sl__tx_punct(c, i + 1, ',') && !sl__tx_punct(c, i + 2, ','))
    return false;
  for (size_t k = i, n = 0; n <= 3; n++, k--)
    if (k == 0 || (k == i ? (T(k)->flags & TX_NL) != 0 : stop(c, k)))
      return true;
  return false;
}

/* The tense around token i: the nearest marker in the sentence, looking
 * back 12 words and ahead 8 (punctuation does not count), the nearer one
 * winning; after a fronted adverbial the main verb, up to 16 words on past
 * the subject, wins over the preposition before the day. -1 past, 1
 * future, 2 present, 0 none. When the day's own clause has a verb before
 * it, a comma after the day ends that clause: "the talks that are supposed
 * to conclude by May, invited" is not in the past. */
int sl__tx_tense(tx_ctx *c, size_t i) {
  if (i >= 3 && IS(i - 1, "as") && (IS(i - 2, "early") || IS(i - 2, "soon")) &&
      IS(i - 3, "as"))
    return TXT_FUTURE; /* "as early as Tuesday": the earliest time to come */
  size_t db = 99, da = 99;
  bool front = fronted(c, i);
  bool same;
  int back = look_back(c, i, &db, &same);
  int ahead =
      look_ahead(c, i, front ? 16 : 8, !front && back != 0 && same, &da);
  if (front && ahead != 0)
    return ahead; /* "Until Thursday, they had not called" */
  return db <= da ? back : ahead;
}
