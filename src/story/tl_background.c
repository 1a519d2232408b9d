/* storyline story: background entries. A month, a year or a day that the
 * articles state and that ends before the material begins ("the coalition
 * formed in 2014") is listed after the days, when enough articles state it,
 * with the sentence that says it best. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "story/timeline_int.h"

typedef struct mention {
  const char *key; /* the value's period: "2014", "2014-03", "2014-03-03" */
  size_t len;
  long first;
  uint32_t sent;
  int64_t group;
} mention;

static int by_key(const void *a, const void *b) {
  const mention *x = a, *y = b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->key, y->key, n);
  if (c || x->len != y->len)
    return c ? c : (x->len < y->len ? -1 : 1);
  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  return (x->sent > y->sent) - (x->sent < y->sent);
}

/* The last day of the period that starts on `d`. */
static long period_end(sl_date d, tl_gran g) {
  if (g == TL_DAY)
    return sl__tl_days(d);
  sl_date next = d;
  if (g == TL_YEAR)
    next.year++;
  else if (++next.month > 12)
    next = (sl_date){(int16_t)(d.year + 1), 1, 1};
  return sl__tl_days(next) - 1;
}

static sl_status collect(tl_run *r, long start, sl_vec *ms) {
  for (size_t i = 0; i < r->n; i++) {
    sl_date d;
    tl_gran g = sl__tl_gran(r->s[i].value, &d);
    if (g == TL_NONE || period_end(d, g) >= start)
      continue;
    size_t len = g == TL_DAY ? 10 : g == TL_MONTH ? 7 : 4;
    mention m = {r->s[i].value, len, sl__tl_days(d), (uint32_t)i,
                 r->s[i].group};
    if (sl_vec_push(ms, &m) != SL_OK)
      return SL_ENOMEM;
  }
  sl__tl_sort(ms->data, ms->len, sizeof(mention), by_key);
  return SL_OK;
}

sl_status sl__tl_bg_collect(tl_run *r, long start) {
  if (start == LONG_MIN)
    return SL_OK;
  sl_vec ms = SL_VEC_INIT(mention);
  sl_status st = collect(r, start, &ms);
  for (size_t i = 0; st == SL_OK && i < ms.len; i++) {
    const mention *m = &SL_VEC_AT(&ms, mention, i);
    bool new_key =
        !i || m[-1].len != m->len || memcmp(m[-1].key, m->key, m->len) != 0;
    if (new_key) {
      tl_day *d = sl_vec_push_zero(&r->bgday);
      if (!d) {
        st = SL_ENOMEM;
        break;
      }
      *d = (tl_day){m->first, 0, (uint32_t)r->bg.len, 0};
    }
    tl_day *d = &SL_VEC_AT(&r->bgday, tl_day, r->bgday.len - 1);
    d->score += new_key || m[-1].group != m->group; /* once per group */
    d->count++;
    tl_cand c = {m->first, m->sent, true};
    st = sl_vec_push(&r->bg, &c);
  }
  sl_vec_release(&ms);
  return st;
}

static int by_score(const void *a, const void *b) {
  const tl_day *x = a, *y = b;
  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return (x->day > y->day) - (x->day < y->day);
}

sl_status sl__tl_bg_pick(tl_run *r, tl_picker *p, sl_vec *drafts) {
  sl__tl_sort(r->bgday.data, r->bgday.len, sizeof(tl_day), by_score);
  const tl_cand *saved = p->cands;
  size_t per = p->per_date, taken = 0;
  p->cands = r->bg.data;
  p->per_date = 1;
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < r->bgday.len && taken < r->t.background;
       i++) {
    const tl_day *d = &SL_VEC_AT(&r->bgday, tl_day, i);
    if (d->score < r->t.background_min)
      break;
    const sl_story_sent *rep = &r->s[p->cands[d->first].sent];
    draft dr = {d->day, rep->value, 0, SL_VEC_INIT(tl_pick)};
    dr.period_len = strlen(rep->value) >= 10 ? 10 : strlen(rep->value);
    st = sl__tl_pick_day(p, d, &dr.picks);
    if (st == SL_OK && dr.picks.len) {
      st = sl_vec_push(drafts, &dr);
      taken++;
    } else {
      sl_vec_release(&dr.picks);
    }
  }
  p->cands = saved;
  p->per_date = per;
  return st;
}
