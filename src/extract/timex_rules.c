/* storyline extract: timex rules for numeric dates (2021-03-03,
 * 03/21/2021, 2021-03), years (1998; fiscal 1998; the 1990s; the
 * nineties) and centuries (the 21st century), and the list of all
 * absolute rules (dates with a month name are in timex_month.c, clock
 * times in timex_clock.c, the numbers they read in timex_num.c). */
#include <string.h>

#include "extract/timex.h"

static void set_day(tx_match *m, int y, int mo, int d) {
  m->type = SL_TIMEX_DATE;
  m->p = sl__tx_day(y, mo, d);
}

/* ---- numeric dates -------------------------------------------------- */

static bool valid_ymd(int y, int mo, int d) {
  return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= sl__tx_mdays(y, mo);
}

/* T10:30[:00][Z] after an ISO date. */
static size_t iso_time(const tx_ctx *c, size_t j, tx_point *p) {
  if (!(IS(j, "T") && sl__tx_glued(c, j) && sl__tx_num(c, j + 1) &&
        sl__tx_glued(c, j + 1) && sl__tx_punct(c, j + 2, ':') &&
        sl__tx_num(c, j + 3) && T(j + 3)->ndig == 2))
    return j;
  int hh = T(j + 1)->val, mi = T(j + 3)->val;
  if (hh > 24 || mi > 59)
    return j;
  p->gran = TXG_MIN, p->hh = (int8_t)hh, p->mi = (int8_t)mi;
  j += 4;
  if (sl__tx_punct(c, j, ':') && sl__tx_num(c, j + 1) && sl__tx_glued(c, j + 1))
    j += 2;
  if (IS(j, "Z") && sl__tx_glued(c, j))
    j++;
  return j;
}

/* 2021-03-03, 2021/03/03, 2021-03, 03/21/2021, 21/03/2021, 21.03.2021 */
static bool r_numeric(tx_ctx *c, size_t i, tx_match *m) {
  if (!sl__tx_num(c, i) ||
      (!sl__tx_punct(c, i + 1, '-') && !sl__tx_punct(c, i + 1, '/') &&
       !sl__tx_punct(c, i + 1, '.')))
    return false;
  char sep = (char)T(i + 1)->val;
  if (!sl__tx_glued(c, i + 1) || !sl__tx_num(c, i + 2) ||
      !sl__tx_glued(c, i + 2))
    return false;
  int a = T(i)->val, b = T(i + 2)->val;
  bool three = sl__tx_punct(c, i + 3, sep) && sl__tx_glued(c, i + 3) &&
               sl__tx_num(c, i + 4) && sl__tx_glued(c, i + 4);
  int x = three ? T(i + 4)->val : 0;
  if (T(i)->ndig == 4 && three && valid_ymd(a, b, x)) {
    set_day(m, a, b, x);
    m->e = iso_time(c, i + 5, &m->p);
    if (m->p.gran == TXG_MIN)
      m->type = SL_TIMEX_TIME;
    return true;
  }
  if (three && T(i + 4)->ndig == 4 && sep != '-' && T(i)->ndig <= 2) {
    bool us = sep == '/' && a <= 12, eu = b <= 12;
    int mo = us ? a : b, d = us ? b : a;
    if ((us || eu) && valid_ymd(x, mo, d)) {
      set_day(m, x, mo, d);
      m->e = i + 5;
      return true;
    }
  }
  if (!three && sep == '-' && T(i)->ndig == 4 && T(i + 2)->ndig == 2 &&
      b >= 1 && b <= 12 && a >= 1800 && c->text[T(i + 2)->start] == '0' &&
      !(sl__tx_glued(c, i + 3) && T(i + 3)->kind != TX_PUNCT)) {
    m->type = SL_TIMEX_DATE;
    m->p = sl__tx_shift(sl__tx_day(a, b, 1), TXU_MONTH, 0);
    m->e = i + 3;
    return true;
  }
  return false;
}

/* ---- years, decades, centuries -------------------------------------- */

static void set_year(tx_match *m, int y, int gran) {
  m->type = SL_TIMEX_DATE;
  m->p = sl__tx_shift(sl__tx_day(y, 1, 1), TXU_YEAR, 0);
  m->p.gran = (int8_t)gran;
}

/* 1998, fiscal 1998, the year 2000, the 1990s, the '90s, the nineties */
static bool r_year(tx_ctx *c, size_t i, tx_match *m) {
  size_t j = i;
  int y;
  bool the = IS(j, "the");
  if (the)
    j++;
  bool fiscal = sl__tx_cls(c, j, TXC_FISCAL) || (the && IS(j, "year"));
  if (fiscal)
    j++;
  if (sl__tx_year_at(c, j, &y)) {
    if (IS(j + 1, "s") && sl__tx_glued(c, j + 1)) {
      set_year(m, y, y % 100 == 0 && y != 2000 ? TXG_CENT : TXG_DEC);
      m->e = j + 2;
      return true;
    }
    if (the && !fiscal)
      return false; /* "the 1988 period" is the duration rule's */
    set_year(m, y, TXG_YEAR);
    m->e = j + 1;
    return true;
  }
  if (fiscal && sl__tx_spoken_year(c, j, &y, &m->e)) {
    set_year(m, y, TXG_YEAR);
    return true;
  }
  if (fiscal && IS(j, "two") && IS(j + 1, "thousand")) {
    set_year(m, 2000, TXG_YEAR);
    m->e = j + 2;
    return true;
  }
  if (sl__tx_punct(c, j, '\'') && sl__tx_num(c, j + 1) && T(j + 1)->ndig == 2 &&
      IS(j + 2, "s") && sl__tx_glued(c, j + 2)) {
    int v = T(j + 1)->val;
    set_year(m, v + (v > 20 ? 1900 : 2000), TXG_DEC);
    m->e = j + 3;
    return true;
  }
  if (sl__tx_cls(c, j, TXC_DECW) && (the || j > 0)) {
    set_year(m, 1900 + 10 * T(j)->val, TXG_DEC);
    m->e = j + 1;
    return true;
  }
  if (!the && sl__tx_spoken_year(c, j, &y, &m->e)) {
    set_year(m, y, TXG_YEAR);
    return true;
  }
  return false;
}

/* the 21st century, the twentieth century */
static bool r_century(tx_ctx *c, size_t i, tx_match *m) {
  size_t j = IS(i, "the") ? i + 1 : i, e;
  int n;
  if (!sl__tx_day_of_month(c, j, &n, &e) || !IS(e, "century"))
    return false;
  if (T(j)->kind == TX_NUM && e == j + 1)
    return false;
  set_year(m, (n - 1) * 100, TXG_CENT);
  m->e = e + 1;
  return true;
}

bool sl__tx_rule_date(tx_ctx *c, size_t i, tx_match *m) {
  bool (*const rules[])(tx_ctx *, size_t,
                        tx_match *) = {sl__tx_rule_month_first,
                                       sl__tx_rule_day_first,
                                       r_numeric,
                                       r_year,
                                       r_century,
                                       sl__tx_rule_clock};
  tx_match best = {0}, cur, pend = {0};
  for (size_t k = 0; k < sizeof rules / sizeof *rules; k++) {
    memset(&cur, 0, sizeof cur);
    cur.b = i;
    c->pending.e = 0;
    if (rules[k](c, i, &cur) && cur.e > best.e) {
      best = cur;
      pend = c->pending;
    }
  }
  c->pending = pend;
  if (!best.e)
    return false;
  *m = best;
  return true;
}
