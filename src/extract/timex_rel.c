/* storyline extract: timex rules for relative forms resolved against the
 * document creation time or the last date stated: today, yesterday,
 * Friday, last week, next March, this summer, three months ago, the
 * following day, the third quarter, Christmas. */
#include <stdio.h>
#include <string.h>

#include "extract/timex.h"

/* The reference day: the DCT, or for chains the last day stated. A
 * missing DCT gives a day of X. */
static tx_point ref_day(const tx_ctx *c, bool chain) {
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
  return ref_day(c, true);
}

/* Shifts the reference, keeping X when there is no reference. */
static tx_point shifted(const tx_ctx *c, bool chain, int unit, int n) {
  tx_point r = chain ? ref_chain(c, unit) : ref_day(c, false);
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

static void set(tx_match *m, size_t e, tx_point p) {
  m->e = e;
  m->type = p.gran >= TXG_POD ? SL_TIMEX_TIME : SL_TIMEX_DATE;
  m->p = p;
}

/* An 's glued to token j-1: "1988's", "Friday's". */
static bool possessive(const tx_ctx *c, size_t j) {
  return sl__tx_punct(c, j, '\'') && sl__tx_glued(c, j) && IS(j + 1, "s") &&
         sl__tx_glued(c, j + 1);
}

/* Takes in a part of day after a day ("Friday night"). The afternoon and
 * the evening are one part each and keep it ("Thursday evening":
 * 1998-02-12TEV, as the gold has every time); "night" is read as the
 * evening as often as the night, and a morning or a night is given the
 * day's value more often than not: they keep the day's. */
static size_t with_pod(const tx_ctx *c, size_t j, tx_point *p) {
  if (!sl__tx_cls(c, j, TXC_POD) || T(j)->val > TXP_DT || p->gran != TXG_DAY)
    return j;
  if (T(j)->val == TXP_AF || T(j)->val == TXP_EV)
    p->gran = TXG_POD, p->sub = (int8_t)T(j)->val;
  return j + 1;
}

/* ---- weekdays ------------------------------------------------------- */

/* The weekday `wd` nearest the reference: dir -1 strictly before, 1
 * strictly after, 0 by the tense (past: on or before, future: on or
 * after). */
static tx_point weekday(tx_ctx *c, size_t i, int wd, int dir, bool chain) {
  tx_point r = ref_day(c, chain);
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
static bool r_weekday(tx_ctx *c, size_t i, tx_match *m) {
  size_t e;
  if (!wday_word(c, i, &e))
    return false;
  int dir = e == i + 1 && possessive(c, e) ? -2 : 0;
  tx_point p = weekday(c, i, T(i)->val, dir, false);
  set(m, with_pod(c, e, &p), p);
  return true;
}

/* "the previous Friday", "the following Monday": the weekday before or
 * after the day stated last. */
static bool r_chain_weekday(tx_ctx *c, size_t i, tx_match *m) {
  size_t e;
  if (!IS(i, "the") || !sl__tx_cls(c, i + 1, TXC_SHIFT) ||
      !(T(i + 1)->val == 2 || T(i + 1)->val == -2) || !wday_word(c, i + 2, &e))
    return false;
  int dir = T(i + 1)->val > 0 ? 1 : -1;
  tx_point p = weekday(c, i + 2, T(i + 2)->val, dir, true);
  set(m, with_pod(c, e, &p), p);
  return true;
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
  tx_point p = shifted(c, false, TXU_DAY, n == 10 ? 0 : n + extra);
  if (n == 10) {
    set(m, j + 1, p);
    return true;
  }
  set(m, with_pod(c, j + 1, &p), p);
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
  tx_point p = ref_day(c, true);
  size_t e = i + 1;
  if (sl__tx_cls(c, e, TXC_DEIC) && r_deictic(c, e, &d) && d.p.gran == TXG_DAY)
    p = d.p, e = d.e;
  p.gran = TXG_POD, p.sub = (int8_t)T(i)->val;
  set(m, e, p);
  return true;
}

/* ---- shifted units, months, seasons, weekdays ----------------------- */

static int season_of(int month) {
  return month >= 3 && month <= 5    ? 1
         : month <= 8 && month >= 6  ? 2
         : month >= 9 && month <= 11 ? 3
                                     : 4;
}

/* Seasons on one line: winter belongs to the year of its December, so a
 * January DCT is in the winter of the year before. */
static tx_point season_point(const tx_ctx *c, int s, int shift) {
  tx_point r = ref_day(c, false);
  tx_point p = {r.y, TXG_SEASON, TX_X, TX_X, (int8_t)s, -1, -1, 0};
  if (r.y == TX_X)
    return p;
  int cur = season_of(r.m), cy = r.y - (r.m <= 2);
  long now = (long)cy * 4 + cur - 1, k = (long)cy * 4 + s - 1;
  if (shift < 0 && k >= now)
    k -= 4;
  else if (shift > 0 && k <= now)
    k += 4;
  p.y = (int16_t)(k / 4);
  return p;
}

static tx_point month_point(const tx_ctx *c, int mo, int shift) {
  tx_point r = ref_day(c, false);
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

/* A part of day on the day stated last: "that morning", "the same
 * night", and "in the morning" after a preposition. */
static bool chain_pod(tx_ctx *c, size_t j, tx_match *m) {
  if (!sl__tx_cls(c, j, TXC_POD) || T(j)->val > TXP_DT)
    return false;
  tx_point p = ref_day(c, true);
  p.gran = TXG_POD, p.sub = (int8_t)T(j)->val;
  set(m, j + 1, p);
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
  set(m, j + 1, ref_day(c, true));
  return true;
}

/* "That quarter", "the same quarter": the quarter stated last. */
static bool chain_quarter(tx_ctx *c, size_t j, tx_match *m) {
  if (sl__tx_unit_at(c, j, NULL) != TXU_QUARTER ||
      c->lastp.gran != TXG_QUARTER || c->lastp.sub <= 0)
    return false;
  set(m, j + 1, c->lastp);
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
  set(m, j + 1, shifted(c, true, u, n));
  return true;
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
  set(m, j + 1, shifted(c, s == 2, u, n));
  return true;
}

/* last week, this year, next month, last March, this summer, next Friday,
 * this morning, last night, the weekend */
static bool r_shift(tx_ctx *c, size_t i, tx_match *m) {
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
    set(m, shifted_day(c, e, &p), p);
    return true;
  }
  if (sl__tx_cls(c, j, TXC_SEASON)) {
    set(m, j + 1, season_point(c, T(j)->val, dir));
    return true;
  }
  if (wday_word(c, j, &e)) {
    tx_point p = weekday(c, j, T(j)->val, dir, false);
    set(m, with_pod(c, e, &p), p);
    return true;
  }
  if (sl__tx_cls(c, j, TXC_POD) && T(j)->val <= TXP_DT && dir <= 0) {
    tx_point p = shifted(c, false, TXU_DAY, dir);
    if (dir < 0 && T(j)->val != TXP_NI)
      return false;
    p.gran = TXG_POD, p.sub = (int8_t)T(j)->val;
    set(m, j + 1, p);
    return true;
  }
  return false;
}

/* ---- seasons -------------------------------------------------------- */

static bool year_tok(const tx_ctx *c, size_t i, int *y) {
  if (i >= c->ntok || T(i)->kind != TX_NUM || T(i)->ndig != 4 ||
      (T(i)->flags & (TX_GROUP | TX_DEC)) || T(i)->val < 1000 ||
      T(i)->val > 2199)
    return false;
  *y = T(i)->val;
  return true;
}

/* [the] summer [of] 1990, in the spring, this fall */
static bool r_season(tx_ctx *c, size_t i, tx_match *m) {
  size_t j = i;
  bool the = IS(j, "the");
  if (the)
    j++;
  if (!sl__tx_cls(c, j, TXC_SEASON))
    return false;
  int s = T(j)->val, y;
  size_t k = IS(j + 1, "of") ? j + 2 : j + 1;
  if (year_tok(c, k, &y)) {
    tx_point p = {(int16_t)y, TXG_SEASON, TX_X, TX_X, (int8_t)s, -1, -1, 0};
    set(m, k + 1, p);
    return true;
  }
  bool prep =
      j > 0 && (IS(j - 1, "in") || IS(j - 1, "this") || IS(j - 1, "during") ||
                IS(j - 1, "by") || IS(j - 1, "until") || IS(j - 1, "since") ||
                IS(j - 1, "early") || IS(j - 1, "late") || IS(j - 1, "mid") ||
                IS(j - 1, "the"));
  if (!the && !(prep && s != 3) && !(i > 0 && IS(i - 1, "in")))
    return false;
  if (s == 3 && !the)
    return false;
  int tense = sl__tx_tense(c, j);
  set(m, j + 1, season_point(c, s, tense == TXT_PRESENT ? 0 : tense));
  if (tense < 0 && c->dct.year > 0 && season_of(c->dct.month) == s)
    m->p.y = c->dct.year;
  return true;
}

/* ---- amounts of time ago -------------------------------------------- */

/* An amount: a number, "a few", "several", "a couple of". fuzzy is 1 for
 * an unknown amount, 2 for an approximate one. */
static bool amount(const tx_ctx *c, size_t i, double *v, int *fuzzy,
                   size_t *e) {
  size_t j = i;
  *fuzzy = 0;
  if ((IS(j, "a") || IS(j, "the")) && sl__tx_cls(c, j + 1, TXC_FUZZ))
    j++;
  if (sl__tx_cls(c, j, TXC_FUZZ) && !(IS(j, "some") && j > i)) {
    *fuzzy = T(j)->val == 2 ? 2 : 1;
    *v = T(j)->val == 2 ? 2 : 0;
    *e = IS(j + 1, "of") ? j + 2 : j + 1;
    if (IS(j, "some") && !sl__tx_cls(c, *e, TXC_UNIT))
      return false;
    return true;
  }
  if (IS(j, "a") && IS(j + 1, "number") && IS(j + 2, "of"))
    return *fuzzy = 1, *v = 0, *e = j + 3, true;
  return sl__tx_number(c, j, v, e) && *v > 0;
}

/* "A year ago" in a report on a quarter is that quarter a year before:
 * the quarter stated last, when it is near. */
static bool year_ago_quarter(const tx_ctx *c, size_t i, tx_point *p) {
  if (c->lastq.gran != TXG_QUARTER || c->lastq.y <= 0 || i > c->lastq_tok + 120)
    return false;
  *p = c->lastq;
  p->y--;
  return true;
}

/* three months ago, a year earlier, two days later, a week from now */
static bool r_ago(tx_ctx *c, size_t i, tx_match *m) {
  double v;
  int fuzzy;
  size_t e;
  bool plural;
  if (!amount(c, i, &v, &fuzzy, &e))
    return false;
  int u = sl__tx_unit_at(c, e, &plural);
  if (!u || u == TXU_WEEKEND || (T(e)->val & TXU_PLURAL && v == 1 && !fuzzy))
    return false;
  size_t k = e + 1;
  int dir;
  bool chain = false;
  if (IS(k, "ago"))
    dir = -1;
  else if ((IS(k, "earlier") || IS(k, "later")) && u > TXU_WEEK)
    dir = IS(k, "earlier") ? -1 : 1, chain = true;
  else if (IS(k, "hence"))
    dir = 1;
  else if (IS(k, "from") && IS(k + 1, "now"))
    dir = 1, k++;
  else
    return false;
  m->e = k + 1;
  m->type = SL_TIMEX_DATE;
  if (fuzzy == 1) {
    strcpy(m->value, dir < 0 ? "PAST_REF" : "FUTURE_REF");
    return true;
  }
  int n = (int)(v + 0.5);
  if (v != (int)v && u == TXU_YEAR)
    u = TXU_MONTH, n = (int)(v * 12 + 0.5);
  set(m, k + 1, shifted(c, chain && u <= TXU_WEEK, u, dir * n));
  if (u == TXU_YEAR && n == 1 && dir < 0 && year_ago_quarter(c, i, &m->p))
    m->type = SL_TIMEX_DATE;
  return true;
}

/* year-earlier, year-ago (adjectives), the year-ago quarter comes first */
static bool r_year_ago(tx_ctx *c, size_t i, tx_match *m) {
  if (!IS(i, "year") || !sl__tx_punct(c, i + 1, '-') ||
      !sl__tx_glued(c, i + 1) || !(IS(i + 2, "ago") || IS(i + 2, "earlier")))
    return false;
  set(m, i + 3, shifted(c, false, TXU_YEAR, -1));
  year_ago_quarter(c, i, &m->p);
  return true;
}

/* ---- quarters and halves -------------------------------------------- */

static bool ordinal(const tx_ctx *c, size_t i, int *n, size_t *e) {
  if (sl__tx_cls(c, i, TXC_ORDW) && T(i)->val <= 4) {
    *n = T(i)->val, *e = i + 1;
    return true;
  }
  if (i < c->ntok && T(i)->kind == TX_NUM && T(i)->val >= 1 && T(i)->val <= 4 &&
      T(i)->ndig == 1 && sl__tx_glued(c, i + 1) &&
      (IS(i + 1, "st") || IS(i + 1, "nd") || IS(i + 1, "rd") ||
       IS(i + 1, "th"))) {
    *n = T(i)->val, *e = i + 2;
    return true;
  }
  return false;
}

/* "year-ago", "year-earlier" before a quarter or period. */
static bool year_ago_adj(const tx_ctx *c, size_t j, size_t *e) {
  if (IS(j, "year") && sl__tx_punct(c, j + 1, '-') &&
      (IS(j + 2, "ago") || IS(j + 2, "earlier"))) {
    *e = j + 3;
    return true;
  }
  return false;
}

/* The year after a quarter: "of 1990", "1990", "of next year". */
static bool quarter_year(tx_ctx *c, size_t j, int *y, size_t *e) {
  size_t k = IS(j, "of") ? j + 1 : j;
  if (sl__tx_cls(c, k, TXC_FISCAL))
    k++;
  if (year_tok(c, k, y))
    return *e = k + 1, true;
  if (IS(j, "of") && sl__tx_cls(c, k, TXC_SHIFT) && IS(k + 1, "year") &&
      c->dct.year > 0 && T(k)->val >= -1 && T(k)->val <= 1) {
    *y = c->dct.year + T(k)->val;
    return *e = k + 2, true;
  }
  return false;
}

/* What stands before "quarter", "half" or "period": "the", "fiscal", a
 * year ("the 1988 quarter", "this year's third quarter"), "year-ago",
 * "last", an ordinal. */
typedef struct qhead {
  size_t j; /* the token after the head */
  bool the, hyphen, owner;
  int n, shift, y, ago;
} qhead;

/* A year that owns the quarter: "1988's", "this year's", "next year's". */
static bool owner_year(const tx_ctx *c, size_t j, int *y, size_t *e) {
  if (year_tok(c, j, y) && possessive(c, j + 1))
    return *e = j + 3, true;
  if (!sl__tx_cls(c, j, TXC_SHIFT) || T(j)->val < -1 || T(j)->val > 1 ||
      !IS(j + 1, "year") || !possessive(c, j + 2) || c->dct.year <= 0)
    return false;
  *y = c->dct.year + T(j)->val;
  return *e = j + 4, true;
}

static void quarter_head(const tx_ctx *c, size_t i, qhead *h) {
  size_t j = i, e;
  memset(h, 0, sizeof *h);
  h->shift = 9, h->y = TX_X;
  h->the = IS(j, "the");
  if (h->the)
    j++;
  if (h->the &&
      (IS(j, "same") || IS(j, "corresponding") || IS(j, "comparable")))
    j++;
  if (sl__tx_cls(c, j, TXC_FISCAL))
    j++;
  if (owner_year(c, j, &h->y, &e))
    h->owner = true, j = e;
  else if (year_tok(c, j, &h->y))
    j++;
  if (year_ago_adj(c, j, &e))
    h->ago = 1, j = e;
  if (sl__tx_cls(c, j, TXC_SHIFT) && T(j)->val != 2)
    h->shift = T(j)->val, j++;
  if (ordinal(c, j, &h->n, &e)) {
    h->hyphen = sl__tx_punct(c, e, '-') && sl__tx_glued(c, e);
    j = h->hyphen ? e + 1 : e;
  }
  h->j = j;
}

/* The quarter a report is about: the last one stated, when near, else
 * the one before the DCT's; 0 when neither is known. */
static int report_quarter(const tx_ctx *c, size_t i) {
  if (c->lastq.gran == TXG_QUARTER && c->lastq.sub > 0 &&
      i <= c->lastq_tok + 120)
    return c->lastq.sub;
  if (c->dct.year <= 0)
    return 0;
  return sl__tx_shift(ref_day(c, false), TXU_QUARTER, -1).sub;
}

/* The year of an ordinal quarter the text gives without one: the DCT's,
 * or the year before when a past-tense sentence (or one with no tense,
 * two quarters or more ahead) would put it after the DCT's quarter, or the
 * year after when a future one would put it before: "profits for the
 * fourth quarter" in January are last year's. */
static int quarter_year_of(tx_ctx *c, size_t i, int n) {
  int y = c->dct.year, cq = (c->dct.month - 1) / 3 + 1;
  int tense = sl__tx_tense(c, i);
  if (tense == TXT_FUTURE)
    return n < cq - 1 ? y + 1 : y; /* results come after the quarter */
  if (tense == TXT_PAST)
    return n > cq ? y - 1 : y;
  return n - cq >= 2 ? y - 1 : y;
}

static tx_point quarter_point(tx_ctx *c, size_t i, const qhead *h, bool half,
                              bool period) {
  tx_point p = {(int16_t)h->y, TXG_QUARTER, TX_X, TX_X,
                (int8_t)h->n,  -1,          -1,   0};
  if (half) {
    p.gran = TXG_HALF;
    p.sub = (int8_t)(h->n ? h->n : 2);
  } else if (h->y != TX_X && !h->n && !h->ago && h->shift == 9) {
    /* the 1988 quarter, last year's quarter: the report's quarter */
    int q = period && c->lastq.gran != TXG_QUARTER ? 0 : report_quarter(c, i);
    p.sub = (int8_t)q;
    if (!q)
      p.gran = TXG_YEAR;
  } else if (!h->n) {
    int s = h->shift;
    int k = s == 9 || s == -3 ? -1 : s < 0 ? -1 : s;
    p = shifted(c, false, TXU_QUARTER, h->ago ? -5 : k);
    if (h->ago)
      year_ago_quarter(c, i, &p);
  } else if (h->y == TX_X) {
    p.y = c->dct.year > 0 ? quarter_year_of(c, i, h->n) - h->ago : TX_X;
  }
  if (p.y == TX_X && half && c->dct.year > 0)
    p.y = c->dct.year;
  return p;
}

/* "a year ago", "a year earlier", "last year" after a quarter or period:
 * where it ends, 0 when none follows token j. */
static size_t year_back(const tx_ctx *c, size_t j) {
  if ((IS(j, "a") || IS(j, "one")) && IS(j + 1, "year") &&
      (IS(j + 2, "ago") || IS(j + 2, "earlier")))
    return j + 3;
  return IS(j, "last") && IS(j + 1, "year") ? j + 2 : 0;
}

/* the third quarter [of 1990], third-quarter, the latest quarter, the
 * year-ago quarter, fiscal 1990 first quarter, the first half of 1989,
 * this year's third quarter, the 1988 quarter */
static bool r_quarter(tx_ctx *c, size_t i, tx_match *m) {
  qhead h;
  quarter_head(c, i, &h);
  size_t j = h.j, e;
  if (h.hyphen && h.the && j == i + 3)
    return false; /* "the third-quarter loss": the adjective alone */
  size_t back = h.the && h.y == TX_X && !h.ago ? year_back(c, j + 1) : 0;
  if (back)
    h.ago = 1; /* the quarter a year ago: the year-ago quarter */
  bool half = IS(j, "half") && h.n <= 2 && (h.n || h.shift == -1);
  bool period = IS(j, "period") && (h.ago || h.shift == -3 || h.y != TX_X);
  if (!(sl__tx_unit_at(c, j, NULL) == TXU_QUARTER &&
        !(T(j)->val & TXU_PLURAL)) &&
      !half && !period)
    return false;
  if (!h.the && !h.owner && !h.n && h.shift == 9 && !h.ago && h.y == TX_X)
    return false;
  if (h.y != TX_X && !h.n && !half && !period && !h.the && !h.owner)
    return false;
  if (IS(j + 1, "of") && (IS(j + 2, "a") || IS(j + 2, "the")) && !half)
    return false; /* a quarter of the shares */
  e = back ? back : j + 1;
  if (period && h.ago && c->ytd_months > 0) {
    /* the year-earlier period of "the nine months": that stretch, as
     * "the year-earlier nine months" is (P9M) */
    m->e = e, m->type = SL_TIMEX_DURATION;
    snprintf(m->value, sizeof m->value, "P%dM", c->ytd_months);
    return true;
  }
  if (h.y == TX_X)
    quarter_year(c, e, &h.y, &e);
  set(m, e, quarter_point(c, i, &h, half, period));
  return true;
}

/* ---- holidays ------------------------------------------------------- */

static void easter(int y, int *mo, int *d) {
  int a = y % 19, b = y / 100, cc = y % 100, dd = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - dd - g + 15) % 30, i = cc / 4, k = cc % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7, mm = (a + 11 * h + 22 * l) / 451;
  *mo = (h + l - 7 * mm + 114) / 31;
  *d = (h + l - 7 * mm + 114) % 31 + 1;
}

/* The nth weekday of a month (n -1: the last). */
static int nth_weekday(int y, int mo, int wd, int n) {
  if (n < 0) {
    int last = sl__tx_mdays(y, mo);
    return last - (sl__tx_weekday(y, mo, last) - wd + 7) % 7;
  }
  return 1 + (wd - sl__tx_weekday(y, mo, 1) + 7) % 7 + 7 * (n - 1);
}

static void holiday_day(int h, int y, int *mo, int *d) {
  switch (h) {
  case 1:
    *mo = 12, *d = 25;
    break;
  case 2:
    easter(y, mo, d);
    break;
  case 3:
    *mo = 10, *d = 31;
    break;
  case 4:
    *mo = 11, *d = nth_weekday(y, 11, 4, 4);
    break;
  case 5:
    *mo = 1, *d = 1;
    break;
  case 6:
    *mo = 12, *d = 31;
    break;
  case 7:
    *mo = 7, *d = 4;
    break;
  case 8:
    *mo = 9, *d = nth_weekday(y, 9, 1, 1);
    break;
  case 9:
    *mo = 5, *d = nth_weekday(y, 5, 1, -1);
    break;
  case 10:
    *mo = 2, *d = 14;
    break;
  case 12:
    *mo = 12, *d = 24;
    break;
  default:
    *mo = 11, *d = nth_weekday(y, 11, 1, 1) + 1;
    break;
  }
}

typedef struct holiday_name {
  const char *word;
  int h;
} holiday_name;

/* Which holiday tokens i.. name, and where the name ends; 0 for none. */
static int holiday_at(const tx_ctx *c, size_t i, size_t *j) {
  static const holiday_name named[] = {{"Independence", 7},
                                       {"Labor", 8},
                                       {"Memorial", 9},
                                       {"Valentine", 10},
                                       {"Election", 11}};
  *j = i + 1;
  if (sl__tx_cls(c, i, TXC_HOLI) && (T(i)->flags & TX_CAP)) {
    int h = T(i)->val;
    if (h == 1 && IS(i + 1, "Eve"))
      return *j = i + 2, 12;
    if (h == 1 || h == 4)
      *j += IS(i + 1, "Day");
    return h;
  }
  if (IS(i, "New") && IS(i + 1, "Year") && sl__tx_punct(c, i + 2, '\'') &&
      IS(i + 3, "s") && (IS(i + 4, "Day") || IS(i + 4, "Eve"))) {
    *j = i + 5;
    return IS(i + 4, "Day") ? 5 : 6;
  }
  for (size_t k = 0; k < sizeof named / sizeof *named; k++) {
    size_t d = IS(i + 1, "Day") ? i + 1 : i + 3;
    if (IS(i, named[k].word) && IS(d, "Day") &&
        (d == i + 1 || (sl__tx_punct(c, i + 1, '\'') && IS(i + 2, "s")))) {
      *j = d + 1;
      return named[k].h;
    }
  }
  return 0;
}

/* Christmas [Day|Eve], Easter, Thanksgiving, New Year's Day, Election Day */
static bool r_holiday(tx_ctx *c, size_t i, tx_match *m) {
  size_t j;
  int h = holiday_at(c, i, &j), mo, d;
  if (!h)
    return false;
  int y = c->dct.year > 0 ? c->dct.year : 2000;
  holiday_day(h, y, &mo, &d);
  if (c->dct.year > 0) {
    int tense = sl__tx_tense(c, i);
    if (tense == TXT_PRESENT)
      tense = TXT_NONE;
    long z = sl__tx_days(y, mo, d);
    long ref = sl__tx_days(y, c->dct.month, c->dct.day);
    if (tense == 0 && (z - ref > 182 || ref - z > 182))
      tense = z > ref ? -1 : 1; /* the nearest one */
    if ((tense < 0 && z > ref) || (tense > 0 && z < ref - 1)) {
      y += tense < 0 ? -1 : 1;
      holiday_day(h, y, &mo, &d);
    }
  }
  set(m, j, sl__tx_day(c->dct.year > 0 ? y : TX_X, mo, d));
  return true;
}

/* ---- the year of the report ---------------------------------------- */

/* the year, the full year, the current fiscal year: the DCT's year;
 * "the year ended March 31" is a twelve-month period (P1Y); year-end,
 * year's end: the DCT's year, its end. */
static bool r_the_year(tx_ctx *c, size_t i, tx_match *m) {
  size_t j = i;
  bool the = IS(j, "the");
  if (the)
    j++;
  while (IS(j, "full") || IS(j, "current") || IS(j, "entire") ||
         IS(j, "fiscal"))
    j++;
  if (!IS(j, "year") || (sl__tx_punct(c, j + 1, '-') && !IS(j + 2, "end")))
    return false;
  size_t e = j + 1;
  bool end =
      sl__tx_punct(c, e, '-') || (sl__tx_punct(c, e, '\'') && IS(e + 1, "s"));
  if (end)
    e += sl__tx_punct(c, e, '-') ? 1 : 2;
  end = end || IS(e, "end");
  if (!the && !end)
    return false;
  if (end && IS(e, "end"))
    e++;
  else if (end)
    return false;
  if (!end && (IS(e, "ended") || IS(e, "ending"))) {
    m->e = e, m->type = SL_TIMEX_DURATION;
    strcpy(m->value, "P1Y");
    return true;
  }
  set(m, e, shifted(c, false, TXU_YEAR, 0));
  m->mod = end ? TXM_END : TXM_NONE;
  return true;
}

bool sl__tx_rule_rel(tx_ctx *c, size_t i, tx_match *m) {
  bool (*const rules[])(tx_ctx *, size_t, tx_match *) = {
      r_weekday,  r_deictic, r_chain,   r_shift,    r_season, r_ago,
      r_year_ago, r_quarter, r_holiday, r_the_year, r_pod,    r_chain_weekday};
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
