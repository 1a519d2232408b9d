/* storyline extract: the calendar behind timex values: day numbers, ISO
 * weeks, shifting a point by calendar units, and writing TIMEX3 values. */
#include <stdio.h>
#include <string.h>

#include "extract/timex.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
long sl__tx_days(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void sl__tx_civil(long z, int *y, int *m, int *d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}

int sl__tx_weekday(int y, int m, int d) {
  long z = sl__tx_days(y, m, d); /* 1970-01-01 was a Thursday */
  long w = (z % 7 + 7 + 3) % 7;  /* 0 Monday */
  return (int)w + 1;
}

int sl__tx_mdays(int y, int m) {
  static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12)
    return 31;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return n[m - 1] + (m == 2 && leap);
}

void sl__tx_isoweek(int y, int m, int d, int *wy, int *wk) {
  long z = sl__tx_days(y, m, d);
  long thu = z - (sl__tx_weekday(y, m, d) - 4); /* Thursday of the week */
  int ty, tm, td;
  sl__tx_civil(thu, &ty, &tm, &td);
  long jan1 = sl__tx_days(ty, 1, 1);
  *wy = ty;
  *wk = (int)((thu - jan1) / 7 + 1);
}

tx_point sl__tx_day(int y, int m, int d) {
  tx_point p = {(int16_t)y, TXG_DAY, (int8_t)m, (int8_t)d, 0, -1, -1, 0};
  return p;
}

tx_point sl__tx_from_days(long days) {
  int y, m, d;
  sl__tx_civil(days, &y, &m, &d);
  return sl__tx_day(y, m, d);
}

static tx_point month_point(int y, int m) {
  tx_point p = {(int16_t)y, TXG_MONTH, (int8_t)m, TX_X, 0, -1, -1, 0};
  return p;
}

/* Moves `ref` (a day) by n units and returns the point at that unit's
 * granularity: 2 months back from 2024-02-16 is 2023-12. */
tx_point sl__tx_shift(tx_point ref, int unit, int n) {
  int y = ref.y, m = ref.m > 0 ? ref.m : 1, d = ref.d > 0 ? ref.d : 1;
  long z = sl__tx_days(y, m, d);
  tx_point p = ref;
  p.hh = p.mi = -1;
  switch (unit) {
  case TXU_SEC:
  case TXU_MIN:
  case TXU_HOUR:
  case TXU_DAY:
    return sl__tx_from_days(z + n);
  case TXU_WEEK:
  case TXU_WEEKEND:
  case TXU_FORTNIGHT: {
    int wy, wk, yy, mm, dd;
    sl__tx_civil(z + 7L * n * (unit == TXU_FORTNIGHT ? 2 : 1), &yy, &mm, &dd);
    sl__tx_isoweek(yy, mm, dd, &wy, &wk);
    p = sl__tx_day(wy, 1, 1);
    p.gran = unit == TXU_WEEKEND ? TXG_WEEKEND : TXG_WEEK;
    p.sub = (int8_t)wk;
    return p;
  }
  case TXU_MONTH: {
    long k = (long)y * 12 + (m - 1) + n;
    return month_point((int)(k / 12), (int)(k % 12) + 1);
  }
  case TXU_QUARTER: {
    long k = (long)y * 4 + (m - 1) / 3 + n;
    p = month_point((int)(k / 4), TX_X);
    p.gran = TXG_QUARTER;
    p.sub = (int8_t)(k % 4 + 1);
    return p;
  }
  case TXU_DECADE:
    p = month_point(y / 10 * 10 + 10 * n, TX_X);
    p.gran = TXG_DEC;
    return p;
  case TXU_CENTURY:
  case TXU_MILLENNIUM:
    p = month_point(y / 100 * 100 + 100 * n, TX_X);
    p.gran = TXG_CENT;
    return p;
  default: /* TXU_YEAR */
    p = month_point(y + n, TX_X);
    p.gran = TXG_YEAR;
    return p;
  }
}

static void put_year(char *o, size_t cap, int y) {
  if (y == TX_X)
    snprintf(o, cap, "XXXX");
  else
    snprintf(o, cap, "%04d", y < 0 ? 0 : y > 9999 ? 9999 : y);
}

static void put_day(char *o, size_t cap, const tx_point *p) {
  char y[8];
  put_year(y, sizeof y, p->y);
  if (p->m == TX_X && p->d == TX_X)
    snprintf(o, cap, "%s-XX-XX", y);
  else if (p->m == TX_X)
    snprintf(o, cap, "%s-XX-%02d", y, p->d);
  else if (p->d == TX_X)
    snprintf(o, cap, "%s-%02d-XX", y, p->m);
  else
    snprintf(o, cap, "%s-%02d-%02d", y, p->m, p->d);
}

static const char *const pods[] = {"", "MO", "AF", "EV", "NI", "DT"};
static const char *const seasons[] = {"", "SP", "SU", "FA", "WI"};

void sl__tx_format(const tx_point *p, char out[28]) {
  char y[8], day[20];
  put_year(y, sizeof y, p->y);
  int sub = p->sub;
  switch (p->gran) {
  case TXG_CENT:
    snprintf(out, 28, p->y == TX_X ? "XX" : "%02d", p->y / 100);
    return;
  case TXG_DEC:
    snprintf(out, 28, p->y == TX_X ? "XXX" : "%03d", p->y / 10);
    return;
  case TXG_YEAR:
    snprintf(out, 28, "%s", y);
    return;
  case TXG_HALF:
    snprintf(out, 28, "%s-H%d", y, sub);
    return;
  case TXG_QUARTER:
    snprintf(out, 28, sub > 0 ? "%s-Q%d" : "%s-QX", y, sub);
    return;
  case TXG_SEASON:
    snprintf(out, 28, "%s-%s", y, seasons[sub >= 1 && sub <= 4 ? sub : 0]);
    return;
  case TXG_MONTH:
    snprintf(out, 28, p->m == TX_X ? "%s-XX" : "%s-%02d", y, p->m);
    return;
  case TXG_WEEK:
  case TXG_WEEKEND:
    if (p->wd)
      snprintf(out, 28, "%s-WXX-%d", y, p->wd);
    else if (sub > 0)
      snprintf(out, 28, "%s-W%02d%s", y, sub,
               p->gran == TXG_WEEKEND ? "-WE" : "");
    else
      snprintf(out, 28, "%s-WXX%s", y, p->gran == TXG_WEEKEND ? "-WE" : "");
    return;
  default:
    break;
  }
  char full[64];
  put_day(day, sizeof day, p);
  if (p->gran == TXG_POD)
    snprintf(full, sizeof full, "%sT%s", day,
             pods[sub >= 1 && sub <= 5 ? sub : 0]);
  else if (p->gran == TXG_MIN)
    snprintf(full, sizeof full, "%sT%02d:%02d", day, p->hh,
             p->mi < 0 ? 0 : p->mi);
  else
    snprintf(full, sizeof full, "%s", day);
  snprintf(out, 28, "%.27s", full);
}

/* The first day of a point, and its length in days, for anchors. */
void sl__tx_first_day(const tx_point *p, sl_date *day, int *gran) {
  *day = (sl_date){0, 0, 0};
  *gran = 0;
  if (p->y <= 0 || p->y > 9999 || p->wd) /* TX_X (-1) included */
    return;
  int m = 1, d = 1, g = 365;
  switch (p->gran) {
  case TXG_CENT:
    g = 36500;
    break;
  case TXG_DEC:
    g = 3650;
    break;
  case TXG_YEAR:
    break;
  case TXG_HALF:
    m = p->sub == 2 ? 7 : 1, g = 182;
    break;
  case TXG_QUARTER:
    m = p->sub > 0 ? (p->sub - 1) * 3 + 1 : 1, g = p->sub > 0 ? 91 : 365;
    break;
  case TXG_SEASON:
    m = p->sub * 3, g = 91;
    break;
  case TXG_MONTH:
    m = p->m == TX_X ? 1 : p->m, g = p->m == TX_X ? 365 : 30;
    break;
  case TXG_WEEK:
  case TXG_WEEKEND: {
    if (p->sub <= 0)
      return;
    long jan4 = sl__tx_days(p->y, 1, 4);
    long mon = jan4 - (sl__tx_weekday(p->y, 1, 4) - 1) + 7L * (p->sub - 1);
    int yy, mm, dd;
    sl__tx_civil(mon + (p->gran == TXG_WEEKEND ? 5 : 0), &yy, &mm, &dd);
    *day = (sl_date){(int16_t)yy, (int8_t)mm, (int8_t)dd};
    *gran = p->gran == TXG_WEEKEND ? 2 : 7;
    return;
  }
  default:
    if (p->m == TX_X || p->d == TX_X)
      return;
    m = p->m, d = p->d, g = 1;
  }
  *day = (sl_date){p->y, (int8_t)m, (int8_t)d};
  *gran = g;
}

const char *sl__tx_mod_str(int mod) {
  static const char *const s[] = {
      "",          "START",     "MID",           "END",          "APPROX",
      "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"};
  return mod >= 0 && mod <= TXM_EQ_MORE ? s[mod] : "";
}
