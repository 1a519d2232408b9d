/* storyline extract: timex rules for durations (three years, the past two
 * months, a 10-year plan, half an hour), sets (daily, every Monday, $5 a
 * year) and references (now, recently, the future). */
#include <stdio.h>
#include <string.h>

#include "extract/timex.h"

/* ---- duration values ------------------------------------------------ */

typedef struct unit_info {
  char letter;
  bool time;          /* PT.. */
  int factor;         /* multiplies n: fortnight 2 weeks */
  int smaller, ratio; /* for fractions: 1.5 years = 18 months */
} unit_info;

static unit_info info(int u) {
  switch (u) {
  case TXU_SEC:
    return (unit_info){'S', true, 1, 0, 0};
  case TXU_MIN:
    return (unit_info){'M', true, 1, TXU_SEC, 60};
  case TXU_HOUR:
    return (unit_info){'H', true, 1, TXU_MIN, 60};
  case TXU_DAY:
    return (unit_info){'D', false, 1, TXU_HOUR, 24};
  case TXU_WEEK:
    return (unit_info){'W', false, 1, TXU_DAY, 7};
  case TXU_WEEKEND:
    return (unit_info){'D', false, 2, 0, 0};
  case TXU_FORTNIGHT:
    return (unit_info){'W', false, 2, TXU_DAY, 14};
  case TXU_MONTH:
    return (unit_info){'M', false, 1, TXU_DAY, 30};
  case TXU_QUARTER:
    return (unit_info){'Q', false, 1, TXU_MONTH, 3};
  case TXU_DECADE:
    return (unit_info){'E', false, 1, TXU_YEAR, 10};
  case TXU_CENTURY:
    return (unit_info){'C', false, 1, TXU_YEAR, 100};
  case TXU_MILLENNIUM:
    return (unit_info){'L', false, 1, TXU_YEAR, 1000};
  default:
    return (unit_info){'Y', false, 1, TXU_MONTH, 12};
  }
}

/* Writes P3M, PT2H, PXY, P1.5H -> PT90M. */
static void duration(char out[28], double v, int u, bool fuzzy) {
  unit_info f = info(u);
  if (fuzzy) {
    snprintf(out, 28, "P%sX%c", f.time ? "T" : "", f.letter);
    return;
  }
  v *= f.factor;
  if (u == TXU_DECADE && v != 1) /* TimeBank: two decades is P20Y */
    return duration(out, v * 10, TXU_YEAR, false);
  if ((u == TXU_WEEK || u == TXU_FORTNIGHT) && v != (long)v)
    return duration(out, v * 7, TXU_DAY, false); /* no weeks and days */
  long whole = (long)v;
  double rest = (v - (double)whole) * f.ratio;
  if (v != (double)whole && f.smaller && rest == (double)(long)rest) {
    unit_info g = info(f.smaller);
    if (whole == 0 || f.letter == 'Q' || f.letter == 'E' || f.letter == 'C' ||
        f.letter == 'L')
      return duration(out, v * f.ratio, f.smaller, false);
    /* 2 1/2 years is P2Y6M, a day and a half P1DT12H */
    snprintf(out, 28, "P%s%ld%c%s%ld%c", f.time ? "T" : "", whole, f.letter,
             g.time && !f.time ? "T" : "", (long)rest, g.letter);
    return;
  }
  if (v > 999999)
    v = 999999;
  if (v == (long)v)
    snprintf(out, 28, "P%s%ld%c", f.time ? "T" : "", (long)v, f.letter);
  else
    snprintf(out, 28, "P%s%.1f%c", f.time ? "T" : "", v, f.letter);
}

static void set_value(tx_match *m, size_t e, int type, const char *v) {
  m->e = e;
  m->type = (uint8_t)type;
  snprintf(m->value, sizeof m->value, "%s", v);
}

/* ---- durations ------------------------------------------------------ */

static bool amount(const tx_ctx *c, size_t i, double *v, int *fuzzy,
                   size_t *e) {
  size_t j = i;
  *fuzzy = 0;
  if ((IS(j, "a") || IS(j, "the")) && sl__tx_cls(c, j + 1, TXC_FUZZ))
    j++;
  if (sl__tx_cls(c, j, TXC_FUZZ)) {
    *fuzzy = T(j)->val == 2 ? 2 : 1;
    *v = T(j)->val == 2 ? 2 : 0;
    *e = IS(j + 1, "of") ? j + 2 : j + 1;
    return true;
  }
  if (IS(j, "a") && IS(j + 1, "number") && IS(j + 2, "of"))
    return *fuzzy = 1, *v = 0, *e = j + 3, true;
  return sl__tx_number(c, j, v, e) && *v > 0;
}

/* Words that may stand between "the" and an amount: the past two months,
 * the first nine months, the next few years. */
static bool span_word(const tx_ctx *c, size_t j) {
  static const char *const w[] = {
      "past",     "last",      "next",  "first",     "coming",
      "previous", "following", "final", "remaining", "prior",
      "latest",   "initial",   "same",  "entire",    "full"};
  for (size_t k = 0; k < sizeof w / sizeof *w; k++)
    if (IS(j, w[k]))
      return true;
  return false;
}

static bool year_ago(const tx_ctx *c, size_t j) {
  return IS(j, "year") && sl__tx_punct(c, j + 1, '-') &&
         sl__tx_glued(c, j + 1) && (IS(j + 2, "ago") || IS(j + 2, "earlier"));
}

/* "a 10-year plan", "two-year", "30-day", "several-year": a hyphenated
 * adjective. */
static bool adjective(tx_ctx *c, size_t i, tx_match *m) {
  double v = 0;
  size_t e = i + 1;
  bool plural, fuzzy = sl__tx_cls(c, i, TXC_FUZZ) && !IS(i, "couple");
  if (!fuzzy && !sl__tx_number(c, i, &v, &e))
    return false;
  if (!sl__tx_punct(c, e, '-') || !sl__tx_glued(c, e) ||
      !sl__tx_glued(c, e + 1))
    return false;
  int u = sl__tx_unit_at(c, e + 1, &plural);
  if (!u || plural || (sl__tx_punct(c, e + 2, '-') && IS(e + 3, "old")))
    return false;
  m->e = e + 2;
  m->type = SL_TIMEX_DURATION;
  duration(m->value, v, u, fuzzy);
  return true;
}

/* A singular unit after a number other than one is an adjective before
 * its noun when the text drops the hyphen: "a five year low", "a three
 * hour meeting". */
static bool compound(const tx_ctx *c, size_t e) {
  static const char *const not_noun[] = {
      "ago", "old", "olds", "earlier", "later",  "and",  "or",
      "of",  "to",  "from", "in",      "before", "after"};
  if (e >= c->ntok || T(e)->kind != TX_ALPHA || (T(e)->flags & TX_NL) ||
      sl__tx_cls(c, e, TXC_UNIT))
    return false;
  for (size_t k = 0; k < sizeof not_noun / sizeof *not_noun; k++)
    if (IS(e, not_noun[k]))
      return false;
  return true;
}

/* A capitalised unit inside a sentence is a title: "60 Minutes", "48
 * Hours". */
static bool title_unit(const tx_ctx *c, size_t j) {
  return (T(j)->flags & TX_CAP) && j > 0 && !(T(j)->flags & TX_NL) &&
         T(j - 1)->kind != TX_PUNCT;
}

/* An amount and its unit: "three years", "a few days", "two more years",
 * "an additional year", "half an hour"; *e is the token after the unit. */
static bool amount_unit(const tx_ctx *c, size_t j, double *v, int *fuzzy,
                        int *u, size_t *e) {
  bool plural;
  if (IS(j, "half") && (IS(j + 1, "an") || IS(j + 1, "a")) &&
      (*u = sl__tx_unit_at(c, j + 2, &plural)) && !plural) {
    *e = j + 3, *v = 0.5;
    return true;
  }
  if (!amount(c, j, v, fuzzy, e))
    return false;
  if (IS(*e, "more") || IS(*e, "additional") || IS(*e, "extra") ||
      IS(*e, "further") || IS(*e, "trading") || IS(*e, "business") ||
      IS(*e, "working"))
    ++*e;
  if (!(*u = sl__tx_unit_at(c, *e, &plural)) || title_unit(c, *e))
    return false;
  bool one = *v == 1 && !*fuzzy;
  if (!plural && !one && !*fuzzy && *u != TXU_WEEKEND &&
      !(*v == 0.5 && IS(j, "half")) && !compound(c, *e + 1))
    return false;
  if (plural && one && !IS(j, "one"))
    return false;
  ++*e;
  if (IS(*e, "and") && IS(*e + 1, "a") && IS(*e + 2, "half"))
    *v += 0.5, *e += 3;
  return true;
}

/* [the] [past|next|first] (three|a few|several) years, half an hour,
 * years, the 1988 period */
static bool r_duration(tx_ctx *c, size_t i, tx_match *m) {
  size_t j = i, e;
  bool the = IS(j, "the"), plural;
  if (the)
    j++;
  if (span_word(c, j) && !sl__tx_cls(c, j + 1, TXC_UNIT))
    j++;
  else if (the && year_ago(c, j) && !sl__tx_cls(c, j + 3, TXC_UNIT))
    j += 3; /* the year-earlier nine months */
  if (!the && j == i && adjective(c, i, m))
    return true;
  double v = 1;
  int fuzzy = 0, u;
  if (amount_unit(c, j, &v, &fuzzy, &u, &e)) {
    /* e set */
  } else if ((u = sl__tx_unit_at(c, j, &plural)) && plural &&
             u != TXU_QUARTER && u != TXU_SEC &&
             !(j > 0 && IS(j - 1, "recent")) && !title_unit(c, j)) {
    fuzzy = 1, e = j + 1;
    if (the && j == i + 1)
      return false;
  } else {
    return false;
  }
  if (the && j == i + 1 && !fuzzy && v == 1 && IS(j, "a"))
    return false;
  bool later = IS(e, "earlier") || IS(e, "later");
  if (IS(e, "ago") || (later && u > TXU_WEEK) || IS(e, "old") ||
      (sl__tx_punct(c, e, '-') &&
       (IS(e + 1, "old") || IS(e + 1, "ago") || IS(e + 1, "earlier"))))
    return false; /* the ago rule's, or an age */
  m->e = e;
  m->type = SL_TIMEX_DURATION;
  m->mod = fuzzy == 2 ? TXM_APPROX : TXM_NONE;
  duration(m->value, v, u, fuzzy == 1);
  return true;
}

/* ---- sets ----------------------------------------------------------- */

/* daily, every week, each Thursday, every two years, per year, $5 a year,
 * on Fridays */
static bool r_set(tx_ctx *c, size_t i, tx_match *m) {
  bool plural;
  int u;
  char v[28];
  if (sl__tx_cls(c, i, TXC_FREQ) && !IS(i, "annual") && !IS(i, "quarterly")) {
    int f = T(i)->val;
    duration(v, f == TXU_QUARTER ? 3 : 1, f == TXU_QUARTER ? TXU_MONTH : f,
             false);
    set_value(m, i + 1, SL_TIMEX_SET, v);
    return true;
  }
  if (sl__tx_cls(c, i, TXC_WDAY) && T(i)->val > 8 && (T(i)->flags & TX_CAP)) {
    snprintf(v, sizeof v, "XXXX-WXX-%d", T(i)->val - 8);
    set_value(m, i + 1, SL_TIMEX_SET, v);
    return true;
  }
  if (sl__tx_cls(c, i, TXC_EVERY) && !IS(i, "per")) {
    size_t j = i + 1, e;
    double n = 1;
    if (IS(j, "other"))
      n = 2, j++;
    else if (sl__tx_number(c, j, &n, &e) && !IS(j, "a"))
      j = e;
    if ((u = sl__tx_unit_at(c, j, &plural))) {
      duration(v, n, u, false);
      set_value(m, j + 1, SL_TIMEX_SET, v);
      return true;
    }
    if (sl__tx_cls(c, j, TXC_WDAY) && T(j)->val <= 7) {
      snprintf(v, sizeof v, "XXXX-WXX-%d", T(j)->val);
      set_value(m, j + 1, SL_TIMEX_SET, v);
      return true;
    }
    if (sl__tx_cls(c, j, TXC_MONTH) && (T(j)->flags & TX_CAP)) {
      snprintf(v, sizeof v, "XXXX-%02d", T(j)->val);
      set_value(m, j + 1, SL_TIMEX_SET, v);
      return true;
    }
    if (sl__tx_cls(c, j, TXC_POD) && T(j)->val <= TXP_DT) {
      static const char *const pod[] = {"", "MO", "AF", "EV", "NI", "DT"};
      snprintf(v, sizeof v, "XXXX-XX-XXT%s", pod[T(j)->val]);
      set_value(m, j + 1, SL_TIMEX_SET, v);
      return true;
    }
    return false;
  }
  bool after_amount =
      i > 0 &&
      (T(i - 1)->kind == TX_NUM || sl__tx_punct(c, i - 1, '%') ||
       IS(i - 1, "percent") || IS(i - 1, "times") || IS(i - 1, "twice") ||
       IS(i - 1, "once") || IS(i - 1, "cents") || IS(i - 1, "dollars") ||
       IS(i - 1, "million") || IS(i - 1, "billion"));
  if ((IS(i, "per") || (IS(i, "a") && after_amount)) &&
      (u = sl__tx_unit_at(c, i + 1, &plural)) && !plural && u != TXU_WEEKEND) {
    duration(v, 1, u, false);
    set_value(m, i + 2, SL_TIMEX_SET, v);
    return true;
  }
  return false;
}

/* ---- references ----------------------------------------------------- */

static const char *ref_name(int r) {
  return r == TXR_PRESENT ? "PRESENT_REF"
         : r == TXR_PAST  ? "PAST_REF"
                          : "FUTURE_REF";
}

/* now, currently, recently, recent years, soon, the past, the (near)
 * future, these days, current (conditions) */
static bool r_ref(tx_ctx *c, size_t i, tx_match *m) {
  size_t j = i;
  bool the = IS(j, "the");
  if (the)
    j++;
  if (the &&
      (IS(j, "near") || IS(j, "distant") || IS(j, "foreseeable") ||
       IS(j, "immediate")) &&
      IS(j + 1, "future"))
    j++;
  bool plural;
  if (sl__tx_cls(c, j, TXC_REF)) {
    int r = T(j)->val;
    if (the && r != TXR_FUTURE)
      return false;
    size_t e = j + 1;
    if ((IS(j, "recent") || IS(j, "future")) && sl__tx_unit_at(c, e, &plural) &&
        plural)
      e++; /* recent years, future quarters */
    /* TimeBank leaves these vague words out when they stand alone */
    if (e == j + 1 && (IS(j, "recent") || IS(j, "previously") ||
                       IS(j, "soon") || (IS(j, "future") && !the)))
      return false;
    set_value(m, e, SL_TIMEX_DATE, ref_name(r));
    return true;
  }
  if (the && (IS(j, "past") || IS(j, "present")) &&
      !sl__tx_cls(c, j + 1, TXC_UNIT) && !sl__tx_cls(c, j + 1, TXC_NUMW) &&
      !sl__tx_cls(c, j + 1, TXC_FUZZ) &&
      !(j + 1 < c->ntok && T(j + 1)->kind == TX_NUM)) {
    set_value(m, j + 1, SL_TIMEX_DATE,
              IS(j, "past") ? "PAST_REF" : "PRESENT_REF");
    return true;
  }
  if (!the && IS(j, "current")) { /* "current" before a unit is a shift */
    size_t k = j > 1 && sl__tx_punct(c, j - 1, '-') ? j - 2 : j - 1;
    bool then = j > 0 && IS(k, "then"); /* "the then current price" */
    set_value(m, j + 1, SL_TIMEX_DATE, then ? "PAST_REF" : "PRESENT_REF");
    return true;
  }
  if (!the && IS(j, "these") && IS(j + 1, "days")) {
    set_value(m, j + 2, SL_TIMEX_DATE, "PRESENT_REF");
    return true;
  }
  return false;
}

/* the near term, the short term, the long term, a later date: the
 * future. */
static bool r_term(tx_ctx *c, size_t i, tx_match *m) {
  if (IS(i, "the") &&
      (IS(i + 1, "near") || IS(i + 1, "short") || IS(i + 1, "long")) &&
      IS(i + 2, "term")) {
    set_value(m, i + 3, SL_TIMEX_DATE, "FUTURE_REF");
    return true;
  }
  if ((IS(i, "a") || IS(i, "some")) && IS(i + 1, "later") &&
      IS(i + 2, "date")) {
    set_value(m, i + 3, SL_TIMEX_DATE, "FUTURE_REF");
    return true;
  }
  return false;
}

bool sl__tx_rule_dur(tx_ctx *c, size_t i, tx_match *m) {
  bool (*const rules[])(tx_ctx *, size_t, tx_match *) = {r_set, r_duration,
                                                         r_ref, r_term};
  tx_match best = {0}, cur;
  for (size_t k = 0; k < sizeof rules / sizeof *rules; k++) {
    memset(&cur, 0, sizeof cur);
    cur.b = i;
    if (rules[k](c, i, &cur) && cur.e > best.e)
      best = cur;
  }
  if (!best.e)
    return false;
  *m = best;
  return true;
}
