/* storyline extract: timex rules for dates with a month name, month first
 * (March 3, 2021; Wednesday, March 3; March 2021; March) or day first (3
 * March 2021; the fourth of June; the third of last March), and the year
 * of a month the text gives without one. */
#include <string.h>

#include "extract/timex.h"

/* ---- year inference ------------------------------------------------- */

/* The year of a month (and day) the text gives without one: the DCT's,
 * moved back when a past-tense sentence would put it after the DCT, and
 * forward when a future one would put it before; without a past or future
 * verb, the month nearest the DCT. */
static int infer_year(tx_ctx *c, size_t i, int m, int d) {
  if (c->dct.year <= 0)
    return TX_X;
  int y = c->dct.year, tense = sl__tx_tense(c, i);
  int cm = c->dct.month, cd = c->dct.day;
  if (tense == TXT_PRESENT || tense == TXT_NONE) /* the nearest one */
    return m - cm > 6 ? y - 1 : cm - m > 6 ? y + 1 : y;
  bool after = m > cm || (m == cm && d != TX_X && d > cd);
  bool before = m < cm || (m == cm && d != TX_X && d < cd);
  if (tense < 0 && after && (m - cm > 1 || m - cm < 0 || d == TX_X))
    y--;
  else if (tense > 0 && before && (cm - m > 1 || d == TX_X))
    y++;
  return y;
}

static void set_day(tx_match *m, int y, int mo, int d) {
  m->type = SL_TIMEX_DATE;
  m->p = sl__tx_day(y, mo, d);
}

/* ---- month-first and day-first dates -------------------------------- */

static bool month_word(const tx_ctx *c, size_t i, int *mo, size_t *e) {
  if (!sl__tx_cls(c, i, TXC_MONTH) || !(T(i)->flags & TX_CAP))
    return false;
  *mo = T(i)->val;
  *e = i + 1;
  if (T(i)->end - T(i)->start <= 4 && sl__tx_punct(c, i + 1, '.') &&
      sl__tx_glued(c, i + 1) && !IS(i, "may") && !IS(i, "june") &&
      !IS(i, "july"))
    *e = i + 2;
  return true;
}

/* A month name before a capitalised word that is not a date part is a
 * first name ("and Jan Kavan", "April Glaspie"), unless a preposition of
 * time stands before it ("in May Congress voted"). */
static bool name_follows(const tx_ctx *c, size_t i) {
  size_t j = i + 1;
  if (j >= c->ntok || T(j)->kind != TX_ALPHA || !(T(j)->flags & TX_CAP) ||
      (T(j)->flags & TX_NL) || T(j)->cls != TXC_WORD)
    return false;
  return !(i > 0 &&
           (IS(i - 1, "in") || IS(i - 1, "since") || IS(i - 1, "until") ||
            IS(i - 1, "by") || IS(i - 1, "during") || IS(i - 1, "from")));
}

/* "May" and "March" are also words, and "Jan" or "Dec" alone are rare:
 * they are months next to a date part or after a temporal preposition. */
static bool month_plausible(const tx_ctx *c, size_t i, bool part) {
  static const char *const preps[] = {
      "in",   "since", "until",  "by",    "of",      "early",   "late",
      "mid",  "last",  "next",   "this",  "from",    "through", "during",
      "till", "to",    "before", "after", "between", "and",     "or"};
  if (part)
    return true;
  if (name_follows(c, i))
    return false;
  for (size_t k = 0; i > 0 && k < sizeof preps / sizeof *preps; k++)
    if (IS(i - 1, preps[k]))
      return true;
  size_t n = T(i)->end - T(i)->start;
  bool full = IS(i, "june") || IS(i, "july"); /* not abbreviations */
  return !(IS(i, "may") || IS(i, "march") || (n <= 4 && !full));
}

/* A colon that makes the number before it an hour ("March 3:30"), not
 * one that ends a clause ("on Saturday, April 25: ..."). */
static bool clock_colon(const tx_ctx *c, size_t j) {
  return sl__tx_punct(c, j, ':') && sl__tx_glued(c, j + 1) &&
         sl__tx_num(c, j + 1);
}

/* An optional ", 2021" or " 2021" or " of 2021" (or " nineteen
 * ninety-seven", " last year") after a date. */
static bool trailing_year(const tx_ctx *c, size_t j, int *y, size_t *e) {
  size_t k = sl__tx_punct(c, j, ',') || IS(j, "of") ? j + 1 : j;
  if (sl__tx_year_at(c, k, y)) {
    *e = k + 1;
    return true;
  }
  if (k == j && sl__tx_spoken_year(c, k, y, e))
    return true; /* January nineteen ninety-seven */
  if (k == j && c->dct.year > 0 && IS(k + 1, "year") &&
      (IS(k, "last") || IS(k, "this") || IS(k, "next"))) {
    *y = c->dct.year + (IS(k, "last") ? -1 : IS(k, "next") ? 1 : 0);
    *e = k + 2;
    return true; /* July last year */
  }
  if (sl__tx_punct(c, k, '\'') && sl__tx_num(c, k + 1) && T(k + 1)->ndig == 2 &&
      sl__tx_glued(c, k + 1)) {
    *y = T(k + 1)->val + (T(k + 1)->val > 40 ? 1900 : 2000);
    *e = k + 2;
    return true;
  }
  return false;
}

/* "and 5", "-5", "to 5", "through 5" after a day: a second day. */
static bool second_day(const tx_ctx *c, size_t j, int *d2, size_t *b2,
                       size_t *e2) {
  if (!(sl__tx_punct(c, j, '-') || IS(j, "and") || IS(j, "to") ||
        IS(j, "through") || IS(j, "or")))
    return false;
  return sl__tx_day_of_month(c, j + 1, d2, e2) && (*b2 = j + 1, true);
}

static void pend_day(tx_ctx *c, tx_match *pend, size_t b, size_t e, int y,
                     int mo, int d) {
  memset(pend, 0, sizeof *pend);
  pend->b = b, pend->e = e;
  pend->type = SL_TIMEX_DATE;
  pend->p = sl__tx_day(y, mo, d);
  (void)c;
}

static bool weekday_prefix(const tx_ctx *c, size_t i, size_t *j) {
  if (!sl__tx_cls(c, i, TXC_WDAY) || T(i)->val > 7 || !(T(i)->flags & TX_CAP))
    return false;
  size_t k = i + 1;
  if (sl__tx_punct(c, k, '.'))
    k++;
  if (sl__tx_punct(c, k, ','))
    k++;
  if (IS(k, "the"))
    k++;
  *j = k;
  return true;
}

/* [Wednesday,] March 3[rd][, 2021] | March 2021 | March of 2021 | March */
bool sl__tx_rule_month_first(tx_ctx *c, size_t i, tx_match *m) {
  size_t j = i, e;
  int mo, d, y = TX_X, d2;
  size_t w;
  if (weekday_prefix(c, i, &w) && sl__tx_cls(c, w, TXC_MONTH))
    j = w;
  if (!month_word(c, j, &mo, &e))
    return false;
  if (sl__tx_day_of_month(c, e, &d, &m->e) && !clock_colon(c, m->e) &&
      !IS(m->e, "percent") && !sl__tx_punct(c, m->e, '%') &&
      !(sl__tx_punct(c, m->e, '.') && sl__tx_num(c, m->e + 1) &&
        sl__tx_glued(c, m->e + 1)) &&
      month_plausible(c, j, true)) {
    size_t b2, e2, ye;
    bool two = second_day(c, m->e, &d2, &b2, &e2) && d2 > d;
    if (trailing_year(c, two ? e2 : m->e, &y, &ye)) {
      if (two)
        e2 = ye;
      else
        m->e = ye;
    }
    if (y == TX_X)
      y = infer_year(c, i, mo, d);
    set_day(m, y, mo, d);
    if (two)
      pend_day(c, &c->pending, b2, e2, y, mo, d2);
    return true;
  }
  if (j != i)
    return false;
  if (trailing_year(c, e, &y, &m->e)) {
    m->type = SL_TIMEX_DATE;
    m->p = sl__tx_shift(sl__tx_day(y, mo, 1), TXU_MONTH, 0);
    return true;
  }
  if (!month_plausible(c, j, false))
    return false;
  m->e = e;
  m->type = SL_TIMEX_DATE;
  y = infer_year(c, i, mo, TX_X);
  m->p = sl__tx_shift(sl__tx_day(y == TX_X ? 2000 : y, mo, 1), TXU_MONTH, 0);
  m->p.y = (int16_t)y;
  return true;
}

/* The month after "of" in "the third of last March": a month name,
 * possibly shifted, and its year. */
static bool of_month(tx_ctx *c, size_t j, int *mo, int *y, size_t *e) {
  int shift = 9;
  if (sl__tx_cls(c, j, TXC_SHIFT) && T(j)->val >= -1 && T(j)->val <= 1)
    shift = T(j)->val, j++;
  if (!month_word(c, j, mo, e))
    return false;
  if (trailing_year(c, *e, y, e))
    return true;
  if (shift == 9 || c->dct.year <= 0) {
    *y = TX_X;
    return true;
  }
  int cy = c->dct.year, cm = c->dct.month;
  *y = shift < 0   ? (*mo < cm ? cy : cy - 1)
       : shift > 0 ? (*mo > cm ? cy : cy + 1)
                   : cy;
  return true;
}

/* [Wednesday,] [the] 3[rd] [of] March [2021] | the fourth and fifth of June */
bool sl__tx_rule_day_first(tx_ctx *c, size_t i, tx_match *m) {
  size_t j = i, e, w;
  int d, mo, y = TX_X, d2 = 0;
  if (weekday_prefix(c, i, &w))
    j = w;
  if (IS(j, "the"))
    j++;
  if (!sl__tx_day_of_month(c, j, &d, &e))
    return false;
  bool ord = T(j)->kind != TX_NUM || e > j + 1;
  size_t b2 = 0, e2 = 0;
  bool two = second_day(c, e, &d2, &b2, &e2) && d2 > d;
  size_t k = two ? e2 : e;
  bool of = IS(k, "of");
  if (of)
    k++;
  if (!of && !ord && !sl__tx_cls(c, k, TXC_MONTH))
    return false;
  size_t me;
  if (!of_month(c, k, &mo, &y, &me))
    return false;
  if (!of && sl__tx_cls(c, k, TXC_SHIFT))
    return false;
  if (y == TX_X)
    y = infer_year(c, i, mo, d);
  if (two) {
    m->e = e;
    set_day(m, y, mo, d);
    pend_day(c, &c->pending, b2, me, y, mo, d2);
  } else {
    m->e = me;
    set_day(m, y, mo, d);
  }
  return true;
}
