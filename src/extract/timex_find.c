/* storyline extract: finding temporal expressions. Runs the rules at each
 * token that can start one, adds the modifiers around a match ("early",
 * "about", "more than", "the end of"), and keeps the last day stated for
 * chained expressions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/timex.h"

enum { MAX_TEXT = 1 << 30 };

const char *sl_timex_type_str(sl_timex_type type) {
  switch (type) {
  case SL_TIMEX_DATE:
    return "DATE";
  case SL_TIMEX_TIME:
    return "TIME";
  case SL_TIMEX_DURATION:
    return "DURATION";
  case SL_TIMEX_SET:
    return "SET";
  default:
    return "?";
  }
}

/* Whether a rule can start at token i. */
static bool candidate(const tx_ctx *c, size_t i) {
  const tx_tok *t = T(i);
  if (t->kind == TX_NUM)
    return true;
  if (t->kind == TX_ALPHA)
    return t->cls != TXC_WORD || (t->flags & TX_CAP);
  return t->kind == TX_PUNCT && t->val == '\'';
}

/* ---- modifiers ------------------------------------------------------ */

typedef struct prefix {
  size_t core; /* the token the expression proper starts at */
  int mod;
  bool edge; /* START/MID/END: only for calendar points */
} prefix;

static bool edge_prefix(const tx_ctx *c, size_t i, prefix *p) {
  size_t j = IS(i, "the") ? i + 1 : i;
  if (!sl__tx_cls(c, j, TXC_EDGE))
    return false;
  p->mod = T(j)->val;
  p->edge = true;
  if (IS(j, "early") || IS(j, "late") || IS(j, "mid")) {
    j++;
    if (j < c->ntok && T(j)->kind == TX_PUNCT && T(j)->val == '-')
      j++;
    p->core = j;
    return true;
  }
  if (!IS(j + 1, "of"))
    return false;
  p->core = j + 2;
  return true;
}

static bool amount_prefix(const tx_ctx *c, size_t i, prefix *p) {
  size_t j = IS(i, "just") || IS(i, "only") ? i + 1 : i;
  p->edge = false;
  if (sl__tx_cls(c, j, TXC_MODW) && !IS(j, "more") && !IS(j, "less")) {
    p->mod = T(j)->val, p->core = j + 1;
    return true;
  }
  if ((IS(j, "more") || IS(j, "less") || IS(j, "fewer")) && IS(j + 1, "than")) {
    p->mod = IS(j, "more") ? TXM_MORE : TXM_LESS, p->core = j + 2;
    return true;
  }
  if (IS(j, "at") && (IS(j + 1, "least") || IS(j + 1, "most"))) {
    p->mod = IS(j + 1, "least") ? TXM_EQ_MORE : TXM_EQ_LESS, p->core = j + 2;
    return true;
  }
  if ((IS(j, "up") && IS(j + 1, "to")) ||
      (IS(j, "no") && IS(j + 1, "more") && IS(j + 2, "than"))) {
    p->mod = TXM_EQ_LESS, p->core = j + (IS(j, "up") ? 2 : 3);
    return true;
  }
  if (IS(j, "some") && j + 1 < c->ntok &&
      (T(j + 1)->kind == TX_NUM || sl__tx_cls(c, j + 1, TXC_NUMW))) {
    p->mod = TXM_APPROX, p->core = j + 1;
    return true;
  }
  return false;
}

/* earlier this year, later this month, earlier that day */
static bool relative_prefix(const tx_ctx *c, size_t i, prefix *p) {
  if (!(IS(i, "earlier") || IS(i, "later")) ||
      !(sl__tx_cls(c, i + 1, TXC_SHIFT) || sl__tx_cls(c, i + 1, TXC_DEIC) ||
        IS(i + 1, "that")))
    return false;
  p->mod = IS(i + 1, "that") || sl__tx_cls(c, i + 1, TXC_DEIC) ? TXM_NONE
           : IS(i, "earlier")                                  ? TXM_START
                                                               : TXM_END;
  p->edge = true;
  p->core = i + 1;
  return true;
}

/* the early hours of Wednesday, the small hours of Thursday morning: the
 * start of the day that follows. */
static bool hours_prefix(const tx_ctx *c, size_t i, prefix *p) {
  size_t j = IS(i, "the") ? i + 1 : i;
  if (!(IS(j, "early") || IS(j, "small") || IS(j, "wee")) ||
      !IS(j + 1, "hours") || !IS(j + 2, "of"))
    return false;
  p->mod = TXM_START, p->edge = true, p->core = j + 3;
  return true;
}

/* "about", "over", "nearly" go with amounts and dates, not with "the",
 * weekdays or vague words ("over the past 20 years", "about recent"). */
static bool amount_start(const tx_ctx *c, size_t j) {
  return j < c->ntok && (T(j)->kind == TX_NUM || sl__tx_cls(c, j, TXC_NUMW) ||
                         sl__tx_cls(c, j, TXC_FUZZ) ||
                         sl__tx_cls(c, j, TXC_MONTH) || IS(j, "half"));
}

/* ---- matching ------------------------------------------------------- */

/* The longest match of any rule at token i; ties go to the earlier group. */
static bool core_at(tx_ctx *c, size_t i, tx_match *m) {
  tx_match cur;
  tx_match pend = {0};
  bool found = false;
  memset(m, 0, sizeof *m);
  c->pending.e = 0;
  if (sl__tx_rule_date(c, i, &cur)) {
    *m = cur, found = true;
    pend = c->pending;
  }
  if (sl__tx_rule_rel(c, i, &cur) && cur.e > m->e) {
    *m = cur, found = true;
    pend.e = 0;
  }
  if (sl__tx_rule_dur(c, i, &cur) && cur.e > m->e) {
    *m = cur, found = true;
    pend.e = 0;
  }
  c->pending = pend;
  return found;
}

static bool is_point(const tx_match *m) {
  return !m->value[0] && (m->type == SL_TIMEX_DATE || m->type == SL_TIMEX_TIME);
}

static bool match_at(tx_ctx *c, size_t i, tx_match *m) {
  prefix p;
  if (hours_prefix(c, i, &p) || edge_prefix(c, i, &p) ||
      amount_prefix(c, i, &p) || relative_prefix(c, i, &p)) {
    bool ok = p.core < c->ntok && core_at(c, p.core, m);
    bool fits = ok && (!p.edge || is_point(m));
    if (fits && !p.edge && !amount_start(c, p.core))
      fits = false;
    if (fits) {
      m->b = i;
      if (p.mod != TXM_NONE)
        m->mod = (uint8_t)p.mod;
      return true;
    }
  }
  return core_at(c, i, m);
}

/* A quarter a report can be about: of the DCT's year and not after the
 * DCT's quarter ("the third quarter of 1990" in 1989 is a forecast). */
static bool reported_quarter(const tx_ctx *c, const tx_point *p) {
  int cq = (c->dct.month - 1) / 3 + 1;
  return p->gran == TXG_QUARTER && p->sub > 0 && p->y == c->dct.year &&
         p->sub <= cq;
}

/* A stretch of six to twelve months ("the nine months", "the first six
 * months"): in a report it is the year to date, and "a year earlier" or
 * "the 1988 period" after it compare that stretch, not the quarter.
 * Returns its months, 0 for any other expression. */
static int year_to_date(const tx_match *m) {
  if (m->type != SL_TIMEX_DURATION || m->value[0] != 'P')
    return 0;
  int n = 0;
  const char *s = m->value + 1;
  while (*s >= '0' && *s <= '9' && n < 100)
    n = n * 10 + (*s++ - '0');
  return s[0] == 'M' && s[1] == '\0' && n >= 6 && n <= 12 ? n : 0;
}

static sl_status emit(tx_ctx *c, const tx_match *m, sl_vec *out) {
  sl_timex *t = sl_vec_push_zero(out);
  if (!t)
    return SL_ENOMEM;
  t->start = T(m->b)->start;
  t->end = T(m->e - 1)->end;
  t->type = (sl_timex_type)m->type;
  snprintf(t->mod, sizeof t->mod, "%s", sl__tx_mod_str(m->mod));
  if (m->value[0]) {
    memcpy(t->value, m->value, sizeof t->value);
    if (year_to_date(m))
      c->lastq.gran = TXG_NONE, c->ytd_months = year_to_date(m);
    return SL_OK;
  }
  sl__tx_format(&m->p, t->value);
  sl__tx_first_day(&m->p, &t->day, &t->gran);
  if (m->p.gran >= TXG_DAY && m->p.y > 0 && m->p.m > 0 && m->p.d > 0)
    c->last = m->p;
  if (m->p.y > 0 &&
      (m->p.gran == TXG_YEAR || m->p.gran == TXG_MONTH ||
       m->p.gran >= TXG_DAY || (m->p.gran == TXG_QUARTER && m->p.sub > 0)))
    c->lastp = m->p;
  if (reported_quarter(c, &m->p))
    c->lastq = m->p, c->lastq_tok = m->b, c->ytd_months = 0;
  return SL_OK;
}

static sl_status find_all(tx_ctx *c, sl_vec *out) {
  for (size_t i = 0; i < c->ntok;) {
    tx_match m;
    if (!candidate(c, i) || !match_at(c, i, &m)) {
      i++;
      continue;
    }
    tx_match pend = c->pending;
    sl_status st = emit(c, &m, out);
    if (st == SL_OK && pend.e > m.e && pend.b >= m.e)
      st = emit(c, &pend, out), m.e = pend.e;
    if (st != SL_OK)
      return st;
    i = m.e;
  }
  return SL_OK;
}

sl_status sl_when_find(const char *text, size_t len, sl_date dct,
                       sl_timex_list *out) {
  if (!out || (!text && len))
    return SL_EINVAL;
  out->items = NULL;
  out->count = 0;
  if (len > MAX_TEXT)
    return SL_ETOOBIG;
  sl_vec toks = SL_VEC_INIT(tx_tok), found = SL_VEC_INIT(sl_timex);
  sl_status st = sl__tx_scan(text, len, &toks);
  if (st == SL_OK) {
    tx_ctx c = {0};
    c.text = text;
    c.tok = toks.data;
    c.ntok = toks.len;
    c.dct = dct.year > 0 && dct.month >= 1 && dct.month <= 12 && dct.day >= 1 &&
                    dct.day <= 31
                ? dct
                : (sl_date){0, 0, 0};
    st = find_all(&c, &found);
  }
  sl_vec_release(&toks);
  if (st != SL_OK) {
    sl_vec_release(&found);
    return st;
  }
  out->items = found.data;
  out->count = found.len;
  return SL_OK;
}

void sl_timex_list_release(sl_timex_list *list) {
  if (!list)
    return;
  free(list->items);
  list->items = NULL;
  list->count = 0;
}
