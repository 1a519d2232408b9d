/* storyline extract: timex rules for the periods of a report: amounts
 * of time ago (three months ago, a year earlier), the year-ago quarter,
 * quarters and halves (the third quarter, fiscal 1990 first quarter, the
 * first half of 1989) and the year (the full year, year-end). */
#include <stdio.h>
#include <string.h>

#include "extract/timex.h"

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

/* three months ago, a year earlier, two months later, a week or so ago, a
 * week from now */
bool sl__tx_rule_ago(tx_ctx *c, size_t i, tx_match *m) {
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
  bool so = IS(k, "or") && IS(k + 1, "so"); /* a week or so ago */
  if (so)
    k += 2;
  int dir;
  if (IS(k, "ago"))
    dir = -1;
  else if ((IS(k, "earlier") || IS(k, "later")) && u > TXU_WEEK)
    dir = IS(k, "earlier") ? -1 : 1; /* shorter ones are durations */
  else if (IS(k, "hence"))
    dir = 1;
  else if (IS(k, "from") && IS(k + 1, "now"))
    dir = 1, k++;
  else
    return false;
  m->e = k + 1;
  m->type = SL_TIMEX_DATE;
  m->mod = so ? TXM_APPROX : TXM_NONE;
  if (fuzzy == 1) {
    strcpy(m->value, dir < 0 ? "PAST_REF" : "FUTURE_REF");
    return true;
  }
  int n = (int)(v + 0.5);
  if (v != (int)v && u == TXU_YEAR)
    u = TXU_MONTH, n = (int)(v * 12 + 0.5);
  sl__tx_set(m, k + 1, sl__tx_shifted(c, false, u, dir * n));
  if (u == TXU_YEAR && n == 1 && dir < 0 && year_ago_quarter(c, i, &m->p))
    m->type = SL_TIMEX_DATE;
  return true;
}

/* year-earlier, year-ago (adjectives), the year-ago quarter comes first */
bool sl__tx_rule_year_ago(tx_ctx *c, size_t i, tx_match *m) {
  if (!IS(i, "year") || !sl__tx_punct(c, i + 1, '-') ||
      !sl__tx_glued(c, i + 1) || !(IS(i + 2, "ago") || IS(i + 2, "earlier")))
    return false;
  sl__tx_set(m, i + 3, sl__tx_shifted(c, false, TXU_YEAR, -1));
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
  if (sl__tx_year_tok(c, k, y))
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
  if (sl__tx_year_tok(c, j, y) && sl__tx_possessive(c, j + 1))
    return *e = j + 3, true;
  if (!sl__tx_cls(c, j, TXC_SHIFT) || T(j)->val < -1 || T(j)->val > 1 ||
      !IS(j + 1, "year") || !sl__tx_possessive(c, j + 2) || c->dct.year <= 0)
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
  else if (sl__tx_year_tok(c, j, &h->y))
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
  return sl__tx_shift(sl__tx_ref_day(c, false), TXU_QUARTER, -1).sub;
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
    p = sl__tx_shifted(c, false, TXU_QUARTER, h->ago ? -5 : k);
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
bool sl__tx_rule_quarter(tx_ctx *c, size_t i, tx_match *m) {
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
  sl__tx_set(m, e, quarter_point(c, i, &h, half, period));
  return true;
}

/* ---- the year of the report ---------------------------------------- */

/* the year, the full year, the current fiscal year: the DCT's year;
 * "the year ended March 31" is a twelve-month period (P1Y); year-end,
 * year's end: the DCT's year, its end. */
bool sl__tx_rule_the_year(tx_ctx *c, size_t i, tx_match *m) {
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
  sl__tx_set(m, e, sl__tx_shifted(c, false, TXU_YEAR, 0));
  m->mod = end ? TXM_END : TXM_NONE;
  return true;
}
