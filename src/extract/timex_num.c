/* storyline extract: the numbers the timex rules read ("three", "twenty
 * four", "2 1/2", "a dozen", "6.5", days of the month, years) and the
 * document creation time as a point: shared by the absolute, relative and
 * duration rules. */
#include "extract/timex.h"

bool sl__tx_dct_point(const tx_ctx *c, tx_point *p) {
  if (c->dct.year <= 0)
    return false;
  *p = sl__tx_day(c->dct.year, c->dct.month, c->dct.day);
  return true;
}

/* A number word run: "twenty four", "twenty-four", "one hundred", "a
 * dozen", "two and a half". */
bool sl__tx_word_number(const tx_ctx *c, size_t i, double *v, size_t *e) {
  if (!sl__tx_cls(c, i, TXC_NUMW))
    return false;
  double total = 0, cur = T(i)->val;
  size_t j = i + 1;
  if (cur >= 20 && cur < 100 && cur != 12) {
    size_t k = sl__tx_punct(c, j, '-') && sl__tx_glued(c, j) ? j + 1 : j;
    if (sl__tx_cls(c, k, TXC_NUMW) && T(k)->val < 10 && T(k)->val > 1 - 1 &&
        !IS(k, "a") && !IS(k, "an"))
      cur += T(k)->val, j = k + 1;
  }
  while (sl__tx_cls(c, j, TXC_NUMW) &&
         (T(j)->val == 100 || T(j)->val == 1000 || T(j)->val == 12)) {
    cur *= T(j)->val;
    j++;
    if (T(j - 1)->val == 1000)
      total += cur, cur = 0;
  }
  total += cur;
  if (IS(i, "a") || IS(i, "an")) {
    if (j == i + 1 && IS(j, "half"))
      return *v = 0.5, *e = j + 1, true;
    if (j == i + 1)
      total = 1;
  }
  if (IS(j, "and") && (IS(j + 1, "a") || IS(j + 1, "one")) && IS(j + 2, "half"))
    total += 0.5, j += 3;
  *v = total;
  *e = j;
  return true;
}

/* A simple fraction written with a slash at token i: 1/2, 3/4, 2/3. */
static bool fraction(const tx_ctx *c, size_t i, double *v) {
  if (!sl__tx_num(c, i) || !sl__tx_punct(c, i + 1, '/') ||
      !sl__tx_glued(c, i + 1) || !sl__tx_num(c, i + 2) ||
      !sl__tx_glued(c, i + 2))
    return false;
  int a = T(i)->val, b = T(i + 2)->val;
  if (b < 2 || b > 4 || a < 1 || a >= b || sl__tx_punct(c, i + 3, '/'))
    return false;
  *v = (double)a / b;
  return true;
}

bool sl__tx_number(const tx_ctx *c, size_t i, double *v, size_t *e) {
  if (i >= c->ntok)
    return false;
  const tx_tok *t = T(i);
  double part;
  if (i >= 2 && sl__tx_punct(c, i - 1, '/') && sl__tx_glued(c, i) &&
      sl__tx_glued(c, i - 1) && sl__tx_num(c, i - 2))
    return false; /* the 2 of "1/2": a fraction's denominator */
  if (fraction(c, i, &part))
    return *v = part, *e = i + 3, true;
  if (sl__tx_num(c, i) && fraction(c, i + 1, &part) && !sl__tx_glued(c, i + 1))
    return *v = t->val + part, *e = i + 4, true; /* 2 1/2 */
  if (t->kind == TX_NUM && !(t->flags & TX_GROUP) && t->ndig <= 6) {
    double x = t->val;
    if (t->flags & TX_DEC) {
      const char *s = c->text + t->start;
      size_t n = t->end - t->start, k = 0;
      while (k < n && s[k] != '.')
        k++;
      double f = 0.1;
      for (k++; k < n; k++, f /= 10)
        x += (s[k] - '0') * f;
    }
    *v = x;
    *e = i + 1;
    if (IS(i + 1, "and") && IS(i + 2, "a") && IS(i + 3, "half"))
      *v += 0.5, *e = i + 4;
    return true;
  }
  if (IS(i, "half") && !IS(i + 1, "of"))
    return *v = 0.5, *e = i + 1, true;
  return sl__tx_word_number(c, i, v, e);
}

/* A four-digit year token: 1000..2199, no groups or decimals. */
bool sl__tx_year_tok(const tx_ctx *c, size_t i, int *y) {
  if (i >= c->ntok || T(i)->kind != TX_NUM || T(i)->ndig != 4 ||
      (T(i)->flags & (TX_GROUP | TX_DEC)) || T(i)->val < 1000 ||
      T(i)->val > 2199)
    return false;
  *y = T(i)->val;
  return true;
}

/* nineteen ninety-six, nineteen eighty, twenty twenty */
bool sl__tx_spoken_year(const tx_ctx *c, size_t i, int *y, size_t *e) {
  if (!sl__tx_cls(c, i, TXC_NUMW) || (T(i)->val != 19 && T(i)->val != 20))
    return false;
  double v;
  size_t k;
  if (!sl__tx_word_number(c, i + 1, &v, &k) || v < 10 || v > 99 ||
      IS(i + 1, "a"))
    return false;
  *y = T(i)->val * 100 + (int)v;
  *e = k;
  return true;
}

/* A day of the month: 3, 3rd, third, twenty-first. */
bool sl__tx_day_of_month(const tx_ctx *c, size_t i, int *d, size_t *e) {
  if (i >= c->ntok)
    return false;
  const tx_tok *t = T(i);
  if (sl__tx_num(c, i) && t->ndig <= 2 && t->val >= 1 && t->val <= 31) {
    *d = t->val;
    *e = i + 1;
    if (sl__tx_glued(c, i + 1) && (IS(i + 1, "st") || IS(i + 1, "nd") ||
                                   IS(i + 1, "rd") || IS(i + 1, "th")))
      *e = i + 2;
    return true;
  }
  if (t->cls == TXC_ORDW && t->val <= 31) {
    *d = t->val, *e = i + 1;
    return true;
  }
  if (t->cls == TXC_NUMW && (t->val == 20 || t->val == 30)) {
    size_t k = sl__tx_punct(c, i + 1, '-') ? i + 2 : i + 1;
    if (sl__tx_cls(c, k, TXC_ORDW) && T(k)->val < 10 &&
        t->val + T(k)->val <= 31) {
      *d = t->val + T(k)->val, *e = k + 1;
      return true;
    }
  }
  return false;
}

/* A four-digit year that reads as one: not money, not a percentage. */
bool sl__tx_year_at(const tx_ctx *c, size_t i, int *y) {
  if (!sl__tx_num(c, i) || T(i)->ndig != 4)
    return false;
  int v = T(i)->val;
  if (v < 1000 || v > 2199)
    return false;
  if (v < 1500 && !(i > 0 && (IS(i - 1, "in") || IS(i - 1, "since") ||
                              IS(i - 1, "year") || IS(i - 1, "of"))))
    return false;
  if (i > 1 && sl__tx_punct(c, i - 1, '-') && sl__tx_glued(c, i) &&
      sl__tx_glued(c, i - 1) && T(i - 2)->kind == TX_NUM && T(i - 2)->ndig == 3)
    return false; /* a telephone number */
  if (i > 0 && (sl__tx_punct(c, i - 1, '$') || sl__tx_punct(c, i - 1, '#')) &&
      sl__tx_glued(c, i))
    return false;
  if (i > 0 && T(i - 1)->kind == TX_OTHER && sl__tx_glued(c, i))
    return false; /* a currency sign such as the euro */
  if (sl__tx_punct(c, i + 1, '%') || IS(i + 1, "percent") ||
      (sl__tx_glued(c, i + 1) && T(i + 1)->kind == TX_NUM))
    return false;
  if (sl__tx_punct(c, i + 1, '.') && sl__tx_glued(c, i + 1) &&
      sl__tx_num(c, i + 2) && sl__tx_glued(c, i + 2))
    return false; /* an index level: "close at 2082.1" */
  if (sl__tx_glued(c, i + 1) && T(i + 1)->kind == TX_ALPHA && !IS(i + 1, "s"))
    return false;
  *y = v;
  return true;
}
