/* storyline extract: timex rules for seasons (the summer of 1990, last
 * spring, this fall) and holidays (Christmas, Easter, Thanksgiving, New
 * Year's Day), resolved against the document creation time. */
#include "extract/timex.h"

/* ---- seasons -------------------------------------------------------- */

static int season_of(int month) {
  return month >= 3 && month <= 5    ? 1
         : month <= 8 && month >= 6  ? 2
         : month >= 9 && month <= 11 ? 3
                                     : 4;
}

/* Seasons on one line: winter belongs to the year of its December, so a
 * January DCT is in the winter of the year before. */
tx_point sl__tx_season_point(const tx_ctx *c, int s, int shift) {
  tx_point r = sl__tx_ref_day(c, false);
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

/* [the] summer [of] 1990, the winter of nineteen ninety-four, in the
 * spring, this fall */
bool sl__tx_rule_season(tx_ctx *c, size_t i, tx_match *m) {
  size_t j = i;
  bool the = IS(j, "the");
  if (the)
    j++;
  if (!sl__tx_cls(c, j, TXC_SEASON))
    return false;
  int s = T(j)->val, y;
  size_t k = IS(j + 1, "of") ? j + 2 : j + 1;
  size_t e = k + 1;
  if (sl__tx_year_tok(c, k, &y) ||
      (k == j + 2 && sl__tx_spoken_year(c, k, &y, &e))) {
    tx_point p = {(int16_t)y, TXG_SEASON, TX_X, TX_X, (int8_t)s, -1, -1, 0};
    sl__tx_set(m, e, p);
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
  sl__tx_set(m, j + 1,
             sl__tx_season_point(c, s, tense == TXT_PRESENT ? 0 : tense));
  if (tense < 0 && c->dct.year > 0 && season_of(c->dct.month) == s)
    m->p.y = c->dct.year;
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
bool sl__tx_rule_holiday(tx_ctx *c, size_t i, tx_match *m) {
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
  sl__tx_set(m, j, sl__tx_day(c->dct.year > 0 ? y : TX_X, mo, d));
  return true;
}
