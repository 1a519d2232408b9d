/* storyline extract: timex rules for clock times: 10 p.m., 10:30 a.m.
 * EST, 6.15am, 22:05, noon, midnight, 9 o'clock, 4 in the morning, and the
 * day after them ("10 p.m. Wednesday", "5 p.m. EST, Nov. 6"). */
#include <string.h>

#include "extract/timex.h"

/* "in the morning", "in the evening", "at night" after an hour: its half
 * of the day ("4 in the morning" is 04:00, "8 in the evening" 20:00, "2
 * at night" 02:00); *pm is 0 morning, 1 afternoon or evening, 2 night. */
static size_t part_of_day(const tx_ctx *c, size_t j, int *pm) {
  size_t k = IS(j, "in") && IS(j + 1, "the") ? j + 2 : j + 1;
  if (!(IS(j, "in") || IS(j, "at")) || !sl__tx_cls(c, k, TXC_POD) ||
      (IS(j, "at") && !IS(k, "night")))
    return j;
  int pod = T(k)->val;
  if (pod != TXP_MO && pod != TXP_AF && pod != TXP_EV && pod != TXP_NI)
    return j;
  *pm = pod == TXP_MO ? 0 : pod == TXP_NI ? 2 : 1;
  return k + 1;
}

/* A preposition of time before token i: "at 4 in the morning". */
static bool clock_preposition(const tx_ctx *c, size_t i) {
  static const char *const w[] = {"at",     "by",    "until",  "till",
                                  "around", "about", "before", "after",
                                  "from",   "since", "to",     "past"};
  for (size_t k = 0; i > 0 && k < sizeof w / sizeof *w; k++)
    if (IS(i - 1, w[k]))
      return true;
  return false;
}

static size_t ampm(const tx_ctx *c, size_t j, int *pm) {
  if ((IS(j, "a") || IS(j, "p")) && sl__tx_punct(c, j + 1, '.') &&
      IS(j + 2, "m")) {
    *pm = IS(j, "p");
    return sl__tx_punct(c, j + 3, '.') ? j + 4 : j + 3;
  }
  if (IS(j, "am") || IS(j, "pm")) {
    *pm = IS(j, "pm");
    return sl__tx_punct(c, j + 1, '.') && sl__tx_glued(c, j + 1) &&
                   j + 2 >= c->ntok
               ? j + 2
               : j + 1;
  }
  if (IS(j, "o") && sl__tx_punct(c, j + 1, '\'') && IS(j + 2, "clock")) {
    *pm = -1;
    return j + 3;
  }
  return part_of_day(c, j, pm);
}

static size_t zone(const tx_ctx *c, size_t j) {
  static const char *const z[] = {"EST", "EDT", "CST", "CDT", "MST",
                                  "MDT", "PST", "PDT", "GMT", "UTC",
                                  "BST", "CET", "ET",  "PT",  "CT"};
  for (size_t k = 0; k < sizeof z / sizeof *z; k++)
    if (j < c->ntok && T(j)->end - T(j)->start == strlen(z[k]) &&
        strncmp(c->text + T(j)->start, z[k], strlen(z[k])) == 0)
      return j + 1;
  return j;
}

/* Whether token i can start a day: a capitalised word (a weekday, a
 * month, a holiday) or a deictic word (tomorrow). */
static bool candidate_day(const tx_ctx *c, size_t i) {
  return (T(i)->kind == TX_ALPHA && (T(i)->flags & TX_CAP)) ||
         sl__tx_cls(c, i, TXC_DEIC) || sl__tx_cls(c, i, TXC_SHIFT);
}

static void set_clock(tx_ctx *c, tx_match *m, int hh, int mi) {
  tx_point ref = c->last;
  if (ref.y == 0 && !sl__tx_dct_point(c, &ref))
    ref = (tx_point){TX_X, TXG_DAY, TX_X, TX_X, 0, -1, -1, 0};
  if (ref.gran != TXG_DAY && ref.gran != TXG_POD && ref.gran != TXG_MIN)
    sl__tx_dct_point(c, &ref);
  m->type = SL_TIMEX_TIME;
  m->p = ref;
  m->p.gran = TXG_MIN;
  m->p.hh = (int8_t)hh;
  m->p.mi = (int8_t)mi;
}

/* A day right after a clock time is the time's day: "10 p.m. Wednesday",
 * "5 p.m. EST, Nov. 6", "noon tomorrow". Returns where the day ends, j
 * when there is none. */
static size_t clock_day(tx_ctx *c, size_t j, tx_point *p) {
  size_t k = sl__tx_punct(c, j, ',') ? j + 1 : j;
  if (IS(k, "on"))
    k++;
  if (k >= c->ntok || !candidate_day(c, k))
    return j;
  tx_match d = {0}, pend = c->pending;
  bool ok = sl__tx_rule_month_first(c, k, &d) || sl__tx_rule_rel(c, k, &d);
  c->pending = pend;
  if (!ok || d.value[0] || d.p.gran != TXG_DAY || d.p.m <= 0 || d.p.d <= 0)
    return j;
  p->y = d.p.y, p->m = d.p.m, p->d = d.p.d;
  return d.e;
}

/* 10 p.m., 10:30 a.m. EST, 6.15am, 22:05, noon, midnight, 9 o'clock, and
 * a day after them */
bool sl__tx_rule_clock(tx_ctx *c, size_t i, tx_match *m) {
  if (sl__tx_cls(c, i, TXC_POD) && (T(i)->val == 12 || T(i)->val == 24)) {
    set_clock(c, m, T(i)->val, 0);
    m->e = clock_day(c, i + 1, &m->p);
    return true;
  }
  if (!sl__tx_num(c, i) || T(i)->ndig > 2 || T(i)->val > 24)
    return false;
  int hh = T(i)->val, mi = 0, pm = -2;
  size_t j = i + 1;
  bool colon = (sl__tx_punct(c, j, ':') || sl__tx_punct(c, j, '.')) &&
               sl__tx_glued(c, j) && sl__tx_num(c, j + 1) &&
               sl__tx_glued(c, j + 1) && T(j + 1)->ndig == 2 &&
               T(j + 1)->val < 60;
  if (colon)
    mi = T(j + 1)->val, j += 2;
  if (colon && sl__tx_punct(c, j, ':') && sl__tx_num(c, j + 1) &&
      sl__tx_glued(c, j + 1))
    j += 2;
  size_t k = ampm(c, j, &pm);
  if (k == j && !(colon && sl__tx_punct(c, i + 1, ':')))
    return false;
  if (k == j && (hh > 23 || sl__tx_punct(c, j, ':') ||
                 (i > 0 && sl__tx_punct(c, i - 1, ':'))))
    return false;
  if (pm >= 0 && (hh > 12 || (hh == 0 && !colon)))
    return false;
  if (k > j && (IS(j, "in") || IS(j, "at")) && !clock_preposition(c, i))
    return false; /* "up 4 in the morning": not an hour */
  if (pm == 2)    /* at night: 10 is 22:00, 2 is 02:00, 12 is midnight */
    hh = hh == 12 ? 24 : hh >= 6 ? hh + 12 : hh, pm = -1;
  if (pm == 1 && hh < 12)
    hh += 12;
  if (pm == 0 && hh == 12)
    hh = 0;
  set_clock(c, m, hh, mi);
  m->e = clock_day(c, zone(c, k), &m->p);
  return true;
}
