/* storyline extract: timex rules for weekdays (Friday, Friday night, the
 * previous Friday) and for units, months, seasons, weekdays and parts of
 * day shifted by last, this or next (last week, next March, last Oct. 23,
 * this summer, next Friday, last night, the weekend). */
#include "extract/timex.h"

/* ---- weekdays ------------------------------------------------------- */

/* The weekday `wd` nearest the reference: dir -1 strictly before, 1
 * strictly after, 0 by the tense (past: on or before, future: on or
 * after). */
static tx_point weekday(tx_ctx *c, size_t i, int wd, int dir, bool chain) {
  tx_point r = sl__tx_ref_day(c, chain);
  if (r.y == TX_X) {
    tx_point p = {TX_X, TXG_WEEK, TX_X, TX_X, 0, -1, -1, (int8_t)wd};
    return p;
  }
  if (dir == 0)
    dir = sl__tx_tense(c, i) == TXT_FUTURE ? 2 : -2;
  long z = sl__tx_days(r.y, r.m, r.d);
  int cur = sl__tx_weekday(r.y, r.m, r.d);
  int back = (cur - wd + 7) % 7, fwd = (wd - cur + 7) % 7;
  if (dir == -1 && back == 0)
    back = 7;
  if (dir == 1 && fwd == 0)
    fwd = 7;
  return sl__tx_from_days(dir < 0 ? z - back : z + fwd);
}

static bool wday_word(const tx_ctx *c, size_t i, size_t *e) {
  if (!sl__tx_cls(c, i, TXC_WDAY) || T(i)->val > 7)
    return false;
  size_t n = T(i)->end - T(i)->start;
  *e = i + 1;
  if (n <= 4) { /* Fri., Sat. */
    if (!(T(i)->flags & TX_CAP) || !sl__tx_punct(c, i + 1, '.') ||
        !sl__tx_glued(c, i + 1))
      return false;
    *e = i + 2;
  }
  return true;
}

/* Friday, Friday night. A weekday that owns a noun ("Friday's close",
 * "Wednesday's ruling") names an event by its day, and news names events
 * that have happened: the last one on or before the reference. */
bool sl__tx_rule_weekday(tx_ctx *c, size_t i, tx_match *m) {
  size_t e;
  if (!wday_word(c, i, &e))
    return false;
  int dir = e == i + 1 && sl__tx_possessive(c, e) ? -2 : 0;
  tx_point p = weekday(c, i, T(i)->val, dir, false);
  sl__tx_set(m, sl__tx_with_pod(c, e, &p), p);
  return true;
}

/* "the previous Friday", "the following Monday": the weekday before or
 * after the day stated last. */
bool sl__tx_rule_chain_weekday(tx_ctx *c, size_t i, tx_match *m) {
  size_t e;
  if (!IS(i, "the") || !sl__tx_cls(c, i + 1, TXC_SHIFT) ||
      !(T(i + 1)->val == 2 || T(i + 1)->val == -2) || !wday_word(c, i + 2, &e))
    return false;
  int dir = T(i + 1)->val > 0 ? 1 : -1;
  tx_point p = weekday(c, i + 2, T(i + 2)->val, dir, true);
  sl__tx_set(m, sl__tx_with_pod(c, e, &p), p);
  return true;
}

/* ---- shifted units, months, seasons, weekdays ----------------------- */

static tx_point month_point(const tx_ctx *c, int mo, int shift) {
  tx_point r = sl__tx_ref_day(c, false);
  tx_point p = {r.y, TXG_MONTH, (int8_t)mo, TX_X, 0, -1, -1, 0};
  if (r.y == TX_X)
    return p;
  if (shift < 0 && mo >= r.m)
    p.y--;
  else if (shift > 0 && mo <= r.m)
    p.y++;
  return p;
}

/* The day after a shifted month: "last Oct. 23" is that day of the month
 * last October. Returns where the day ends, e when there is none. */
static size_t shifted_day(const tx_ctx *c, size_t e, tx_point *p) {
  if (e >= c->ntok || T(e)->kind != TX_NUM || T(e)->ndig > 2 ||
      (T(e)->flags & (TX_GROUP | TX_DEC)) || T(e)->val < 1 || T(e)->val > 31 ||
      sl__tx_punct(c, e + 1, ':') || sl__tx_punct(c, e + 1, '%') ||
      IS(e + 1, "percent"))
    return e;
  if (p->y != TX_X && T(e)->val > sl__tx_mdays(p->y, p->m))
    return e;
  p->gran = TXG_DAY, p->d = (int8_t)T(e)->val;
  return e + 1;
}

static bool shift_unit(tx_ctx *c, size_t j, int s, bool the, tx_match *m) {
  bool plural;
  int u = sl__tx_unit_at(c, j, &plural);
  if (!u || plural || u == TXU_QUARTER || (T(j)->flags & TX_CAP))
    return false; /* a capitalised unit is a title: "This Week" */
  if (s == -3 || (the && s > 0 && u != TXU_WEEKEND))
    return false; /* "the next year" is a chain */
  int n = s < 0 ? -1 : s > 0 ? 1 : 0;
  if (u == TXU_SEC || u == TXU_MIN || u == TXU_HOUR || u == TXU_FORTNIGHT)
    return false;
  if (u == TXU_WEEKEND && n == 0 && the) {
    int cur = c->dct.year > 0
                  ? sl__tx_weekday(c->dct.year, c->dct.month, c->dct.day)
                  : 1;
    n = cur >= 6 ? 0 : sl__tx_tense(c, j) == TXT_FUTURE ? 0 : -1;
  }
  sl__tx_set(m, j + 1, sl__tx_shifted(c, s == 2, u, n));
  return true;
}

/* last week, this year, next month, last March, this summer, next Friday,
 * this morning, last night, the weekend */
bool sl__tx_rule_shift(tx_ctx *c, size_t i, tx_match *m) {
  size_t j = i, e;
  bool the = IS(j, "the");
  if (the)
    j++;
  int s;
  if (sl__tx_cls(c, j, TXC_SHIFT))
    s = T(j)->val, j++;
  else if (the && sl__tx_cls(c, j, TXC_UNIT) && T(j)->val == TXU_WEEKEND)
    s = 0;
  else if (the && i > 1 && IS(i - 1, "of") && sl__tx_cls(c, i - 2, TXC_EDGE) &&
           sl__tx_cls(c, j, TXC_UNIT) && T(j)->val >= TXU_WEEK &&
           T(j)->val <= TXU_YEAR && T(j)->val != TXU_QUARTER)
    s = 0, the = false; /* the end of the year: this year */
  else
    return false;
  if (shift_unit(c, j, s, the, m))
    return true;
  if (the || s == 2 || s == -3)
    return false;
  int dir = s < 0 ? -1 : s > 0 ? 1 : 0;
  if (sl__tx_cls(c, j, TXC_MONTH) && (T(j)->flags & TX_CAP)) {
    e = j + 1 +
        (sl__tx_punct(c, j + 1, '.') && sl__tx_glued(c, j + 1) &&
         T(j)->end - T(j)->start <= 4 && !IS(j, "june") && !IS(j, "july") &&
         !IS(j, "may"));
    tx_point p = month_point(c, T(j)->val, dir);
    sl__tx_set(m, shifted_day(c, e, &p), p);
    return true;
  }
  if (sl__tx_cls(c, j, TXC_SEASON)) {
    sl__tx_set(m, j + 1, sl__tx_season_point(c, T(j)->val, dir));
    return true;
  }
  if (wday_word(c, j, &e)) {
    tx_point p = weekday(c, j, T(j)->val, dir, false);
    sl__tx_set(m, sl__tx_with_pod(c, e, &p), p);
    return true;
  }
  if (sl__tx_cls(c, j, TXC_POD) && T(j)->val <= TXP_DT && dir <= 0) {
    tx_point p = sl__tx_shifted(c, false, TXU_DAY, dir);
    if (dir < 0 && T(j)->val != TXP_NI)
      return false;
    p.gran = TXG_POD, p.sub = (int8_t)T(j)->val;
    sl__tx_set(m, j + 1, p);
    return true;
  }
  return false;
}
