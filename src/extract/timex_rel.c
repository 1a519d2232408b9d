/* storyline extract: timex rules for relative forms resolved against the
 * document creation time or the last date stated: today, yesterday,
 * mid-afternoon, the following day, that morning, the day after March 3,
 * the week of March 6; and the list of all relative rules (weekdays and
 * last, this and next are in timex_shift.c, seasons and holidays in
 * timex_season.c, amounts ago, quarters and the year in timex_quarter.c). */
#include <string.h>

#include "extract/timex.h"

/* The reference day: the DCT, or for chains the last day stated. A
 * missing DCT gives a day of X. */
tx_point sl__tx_ref_day(const tx_ctx *c, bool chain) {
  tx_point p;
  if (chain && c->last.y > 0)
    return sl__tx_day(c->last.y, c->last.m, c->last.d);
  if (sl__tx_dct_point(c, &p))
    return p;
  return (tx_point){TX_X, TXG_DAY, TX_X, TX_X, 0, -1, -1, 0};
}

/* The reference of a chained month or year ("the following month", "that
 * year"): the last month or year stated, else the last day. */
static tx_point ref_chain(const tx_ctx *c, int unit) {
  const tx_point *p = &c->lastp;
  bool month = p->gran >= TXG_MONTH && p->m > 0;
  if (p->y > 0 && (unit == TXU_YEAR || (unit == TXU_MONTH && month)))
    return sl__tx_day(p->y, month ? p->m : 1, p->d > 0 ? p->d : 1);
  return sl__tx_ref_day(c, true);
}

/* Shifts the reference, keeping X when there is no reference. */
tx_point sl__tx_shifted(const tx_ctx *c, bool chain, int unit, int n) {
  tx_point r = chain ? ref_chain(c, unit) : sl__tx_ref_day(c, false);
  if (r.y == TX_X) {
    tx_point p = sl__tx_shift(sl__tx_day(2000, 1, 1), unit, 0);
    p.y = TX_X, p.m = p.m > 0 ? TX_X : p.m, p.d = p.d > 0 ? TX_X : p.d;
    p.sub = p.gran == TXG_WEEK || p.gran == TXG_WEEKEND || p.gran == TXG_QUARTER
                ? 0
                : p.sub;
    return p;
  }
  return sl__tx_shift(r, unit, n);
}

void sl__tx_set(tx_match *m, size_t e, tx_point p) {
  m->e = e;
  m->type = p.gran >= TXG_POD ? SL_TIMEX_TIME : SL_TIMEX_DATE;
  m->p = p;
}

/* An 's glued to token j-1: "1988's", "Friday's". */
bool sl__tx_possessive(const tx_ctx *c, size_t j) {
  return sl__tx_punct(c, j, '\'') && sl__tx_glued(c, j) && IS(j + 1, "s") &&
         sl__tx_glued(c, j + 1);
}

/* Takes in a part of day after a day ("Friday night"). The afternoon and
 * the evening are one part each and keep it ("Thursday evening":
 * 1998-02-12TEV, as the gold has every time); "night" is read as the
 * evening as often as the night, and a morning or a night is given the
 * day's value more often than not: they keep the day's. */
size_t sl__tx_with_pod(const tx_ctx *c, size_t j, tx_point *p) {
  if (!sl__tx_cls(c, j, TXC_POD) || T(j)->val > TXP_DT || p->gran != TXG_DAY)
    return j;
  if (T(j)->val == TXP_AF || T(j)->val == TXP_EV)
    p->gran = TXG_POD, p->sub = (int8_t)T(j)->val;
  return j + 1;
}

/* ---- deictic days --------------------------------------------------- */

/* A capitalised word right after another capitalised word, with no
 * punctuation between, is part of a name: "USA Today", "VOA Today". */
static bool title_word(const tx_ctx *c, size_t j) {
  return j > 0 && (T(j)->flags & TX_CAP) && !(T(j)->flags & TX_NL) &&
         T(j - 1)->kind == TX_ALPHA && (T(j - 1)->flags & TX_CAP) &&
         T(j - 1)->cls == TXC_WORD;
}

/* today, yesterday, tomorrow [morning], tonight, the day before yesterday */
static bool r_deictic(tx_ctx *c, size_t i, tx_match *m) {
  size_t j = i;
  int extra = 0;
  if (IS(i, "the") && IS(i + 1, "day") &&
      (IS(i + 2, "before") || IS(i + 2, "after")) &&
      sl__tx_cls(c, i + 3, TXC_DEIC))
    extra = IS(i + 2, "before") ? -1 : 1, j = i + 3;
  if (!sl__tx_cls(c, j, TXC_DEIC) || title_word(c, j))
    return false;
  int n = T(j)->val;
  tx_point p = sl__tx_shifted(c, false, TXU_DAY, n == 10 ? 0 : n + extra);
  if (n == 10) {
    sl__tx_set(m, j + 1, p);
    return true;
  }
  sl__tx_set(m, sl__tx_with_pod(c, j + 1, &p), p);
  return true;
}

/* ---- parts of day -------------------------------------------------- */

/* A part of day after "mid", "early" or "late" ("mid-afternoon", "late
 * evening"), on the day that follows it ("mid-afternoon yesterday") or
 * else the day stated last. */
static bool r_pod(tx_ctx *c, size_t i, tx_match *m) {
  if (!sl__tx_cls(c, i, TXC_POD) || T(i)->val > TXP_DT || i == 0)
    return false;
  size_t k = sl__tx_punct(c, i - 1, '-') && i > 1 ? i - 2 : i - 1;
  if (!(IS(k, "mid") || IS(k, "early") || IS(k, "late")))
    return false;
  tx_match d = {0};
  tx_point p = sl__tx_ref_day(c, true);
  size_t e = i + 1;
  if (sl__tx_cls(c, e, TXC_DEIC) && r_deictic(c, e, &d) && d.p.gran == TXG_DAY)
    p = d.p, e = d.e;
  p.gran = TXG_POD, p.sub = (int8_t)T(i)->val;
  sl__tx_set(m, e, p);
  return true;
}

/* ---- chains ---------------------------------------------------------- */

/* A part of day on the day stated last: "that morning", "the same
 * night", and "in the morning" after a preposition. */
static bool chain_pod(tx_ctx *c, size_t j, tx_match *m) {
  if (!sl__tx_cls(c, j, TXC_POD) || T(j)->val > TXP_DT)
    return false;
  tx_point p = sl__tx_ref_day(c, true);
  p.gran = TXG_POD, p.sub = (int8_t)T(j)->val;
  sl__tx_set(m, j + 1, p);
  return true;
}

static bool pod_preposition(const tx_ctx *c, size_t i) {
  return i > 0 && (IS(i - 1, "in") || IS(i - 1, "during") || IS(i - 1, "by") ||
                   IS(i - 1, "until"));
}

/* "earlier in the day", "late in the day": the day stated last. */
static bool chain_day(tx_ctx *c, size_t i, size_t j, tx_match *m) {
  if (sl__tx_unit_at(c, j, NULL) != TXU_DAY || i < 2 || !IS(i - 1, "in") ||
      !(IS(i - 2, "earlier") || IS(i - 2, "later") || IS(i - 2, "late") ||
        IS(i - 2, "early")))
    return false;
  sl__tx_set(m, j + 1, sl__tx_ref_day(c, true));
  return true;
}

/* "That quarter", "the same quarter": the quarter stated last. */
static bool chain_quarter(tx_ctx *c, size_t j, tx_match *m) {
  if (sl__tx_unit_at(c, j, NULL) != TXU_QUARTER ||
      c->lastp.gran != TXG_QUARTER || c->lastp.sub <= 0)
    return false;
  sl__tx_set(m, j + 1, c->lastp);
  return true;
}

/* Chained units: "the following day", "the next week", "the previous
 * year", "that day", "the same day", "that quarter", "that morning". */
static bool r_chain(tx_ctx *c, size_t i, tx_match *m) {
  size_t j = i;
  int n;
  if (IS(j, "that") || (IS(j, "the") && IS(j + 1, "same")))
    n = 0, j += IS(j, "that") ? 1 : 2;
  else if (IS(j, "the") && sl__tx_cls(c, j + 1, TXC_SHIFT) &&
           (T(j + 1)->val == 2 || T(j + 1)->val == 1 || IS(j + 1, "previous") ||
            IS(j + 1, "prior") || IS(j + 1, "preceding")))
    n = T(j + 1)->val > 0 ? 1 : -1, j += 2;
  else if (IS(j, "the") && pod_preposition(c, i))
    return chain_pod(c, j + 1, m) || chain_day(c, i, j + 1, m);
  else
    return false;
  bool plural;
  int u = sl__tx_unit_at(c, j, &plural);
  if (plural ||
      !(u == TXU_DAY || u == TXU_WEEK || u == TXU_MONTH || u == TXU_YEAR)) {
    if (n != 0)
      return false;
    return chain_pod(c, j, m) || chain_quarter(c, j, m);
  }
  if (IS(i, "that") && u != TXU_DAY && u != TXU_YEAR)
    return false;
  sl__tx_set(m, j + 1, sl__tx_shifted(c, true, u, n));
  return true;
}

/* "the day before last Tuesday", "the day after March 3": the day next to
 * a day stated. */
static bool r_day_around(tx_ctx *c, size_t i, tx_match *m) {
  if (!IS(i, "the") || !IS(i + 1, "day") ||
      !(IS(i + 2, "before") || IS(i + 2, "after")))
    return false;
  tx_match d = {0}, pend = c->pending;
  size_t j = i + 3;
  bool ok = j < c->ntok &&
            (sl__tx_rule_weekday(c, j, &d) || sl__tx_rule_shift(c, j, &d) ||
             sl__tx_rule_month_first(c, j, &d));
  c->pending = pend;
  if (!ok || d.value[0] || d.p.gran != TXG_DAY || d.p.y <= 0)
    return false;
  sl__tx_set(m, d.e, sl__tx_shift(d.p, TXU_DAY, IS(i + 2, "before") ? -1 : 1));
  return true;
}

/* "the week of March 6": the week the day falls in. */
static bool r_week_of(tx_ctx *c, size_t i, tx_match *m) {
  if (!IS(i, "the") || !IS(i + 1, "week") || !IS(i + 2, "of") ||
      i + 3 >= c->ntok || !sl__tx_cls(c, i + 3, TXC_MONTH))
    return false;
  tx_match d = {0}, pend = c->pending;
  bool ok = sl__tx_rule_month_first(c, i + 3, &d);
  c->pending = pend;
  if (!ok || d.value[0] || d.p.gran != TXG_DAY || d.p.y <= 0 || d.p.d <= 0)
    return false;
  sl__tx_set(m, d.e, sl__tx_shift(d.p, TXU_WEEK, 0));
  return true;
}

bool sl__tx_rule_rel(tx_ctx *c, size_t i, tx_match *m) {
  typedef bool (*rule)(tx_ctx *, size_t, tx_match *);
  static const rule rules[] = {sl__tx_rule_weekday,
                               r_deictic,
                               r_chain,
                               sl__tx_rule_shift,
                               sl__tx_rule_season,
                               sl__tx_rule_ago,
                               sl__tx_rule_year_ago,
                               sl__tx_rule_quarter,
                               sl__tx_rule_holiday,
                               sl__tx_rule_the_year,
                               r_pod,
                               sl__tx_rule_chain_weekday,
                               r_week_of,
                               r_day_around};
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
