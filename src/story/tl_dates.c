/* storyline story: the days of a timeline. Each sentence says what
 * happened on the day it states, or, a lead sentence stating no other day,
 * on its article's day; a day scores by how many articles point to it. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "story/timeline_int.h"

long sl__tl_days(sl_date d) {
  /* Howard Hinnant's days_from_civil. */
  long y = d.year - (d.month <= 2);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (d.month + 9) % 12;
  long doy = (153 * mp + 2) / 5 + d.day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

sl_date sl__tl_date(long days) {
  days += 719468;
  long era = (days >= 0 ? days : days - 146096) / 146097;
  long doe = days - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long m = mp < 10 ? mp + 3 : mp - 9;
  sl_date d = {(int16_t)(yoe + era * 400 + (m <= 2)), (int8_t)m,
               (int8_t)(doy - (153 * mp + 2) / 5 + 1)};
  return d;
}

static bool digits(const char *s, int n) {
  for (int i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return true;
}

tl_gran sl__tl_gran(const char *v, sl_date *first) {
  if (!v || !digits(v, 4))
    return TL_NONE;
  sl_date d = {(int16_t)atoi(v), 1, 1};
  tl_gran g = TL_YEAR;
  if (v[4] == '-' && digits(v + 5, 2)) {
    d.month = (int8_t)atoi(v + 5);
    g = TL_MONTH;
    if (v[7] == '-' && digits(v + 8, 2) && (v[10] == '\0' || v[10] == 'T')) {
      d.day = (int8_t)atoi(v + 8);
      g = TL_DAY;
    } else if (v[7] != '\0') {
      return TL_NONE; /* a week, a season in a month: not a point we list */
    }
  } else if (v[4] != '\0') {
    return TL_NONE; /* a quarter, a half, a season */
  }
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31)
    return TL_NONE;
  if (first)
    *first = d;
  return g;
}

static int cmp_vote(const void *a, const void *b) {
  const tl_vote *x = a, *y = b;
  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  return (x->w < y->w) - (x->w > y->w); /* the heaviest first */
}

static int cmp_cand(const void *a, const void *b) {
  const tl_cand *x = a, *y = b;
  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  return (x->sent > y->sent) - (x->sent < y->sent);
}

/* The candidate and votes one sentence gives. */
static sl_status one_sentence(const sl_story_sent *s, uint32_t i, long from,
                              long to, const sl_timeline_tuning *t,
                              sl_vec *cands, sl_vec *votes) {
  sl_date day;
  long pub = s->published.year ? sl__tl_days(s->published) : LONG_MIN;
  sl_status st = SL_OK;
  if (sl__tl_gran(s->value, &day) == TL_DAY) {
    long d = sl__tl_days(day);
    if (d < from || d > to)
      return SL_OK;
    tl_cand c = {d, i, true};
    tl_vote v = {d, s->group, d == pub ? t->same_day : 1.0, i};
    st = sl_vec_push(cands, &c);
    return st == SL_OK ? sl_vec_push(votes, &v) : st;
  }
  if (pub == LONG_MIN || pub < from || pub > to)
    return SL_OK;
  if (s->seq < t->lead) {
    tl_cand c = {pub, i, false};
    st = sl_vec_push(cands, &c);
  }
  if (st == SL_OK && s->seq == 0 && t->published > 0) {
    tl_vote v = {pub, -1 - s->group, t->published, i};
    st = sl_vec_push(votes, &v); /* a negative group: one per article */
  }
  return st;
}

/* Sums each day's votes, one per group, into `days`. */
static sl_status tally(sl_vec *votes, sl_vec *days) {
  sl__tl_sort(votes->data, votes->len, sizeof(tl_vote), cmp_vote);
  for (size_t i = 0; i < votes->len; i++) {
    const tl_vote *v = &SL_VEC_AT(votes, tl_vote, i);
    if (i && v[-1].day == v->day && v[-1].group == v->group)
      continue;
    tl_day *last = days->len ? &SL_VEC_AT(days, tl_day, days->len - 1) : NULL;
    if (!last || last->day != v->day) {
      last = sl_vec_push_zero(days);
      if (!last)
        return SL_ENOMEM;
      last->day = v->day;
    }
    last->score += v->w;
  }
  return SL_OK;
}

/* Points each day at its candidates (both sorted by day); a day without
 * candidates keeps count 0. */
static void link_days(sl_vec *cands, sl_vec *days) {
  sl__tl_sort(cands->data, cands->len, sizeof(tl_cand), cmp_cand);
  size_t c = 0;
  for (size_t i = 0; i < days->len; i++) {
    tl_day *d = &SL_VEC_AT(days, tl_day, i);
    while (c < cands->len && SL_VEC_AT(cands, tl_cand, c).day < d->day)
      c++;
    d->first = (uint32_t)c;
    while (c < cands->len && SL_VEC_AT(cands, tl_cand, c).day == d->day)
      c++;
    d->count = (uint32_t)(c - d->first);
  }
}

sl_status sl__tl_candidates(const sl_story_sent *s, size_t n, long from,
                            long to, const sl_timeline_tuning *t, sl_vec *cands,
                            sl_vec *votes) {
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < n; i++)
    st = one_sentence(&s[i], (uint32_t)i, from, to, t, cands, votes);
  return st;
}

/* Scales each vote by how much its sentence is about what the material
 * is about: an aside (a radio schedule on a news page) points weakly. */
static void weigh_votes(sl_vec *votes, const tl_sent *v, double relevance) {
  double sum = 0;
  size_t n = 0;
  for (size_t i = 0; i < votes->len; i++) {
    const tl_sent *x = &v[SL_VEC_AT(votes, tl_vote, i).sent];
    sum += x->usable ? x->topic : 0;
    n += x->usable;
  }
  double mean = n ? sum / (double)n : 0;
  for (size_t i = 0; mean > 0 && i < votes->len; i++) {
    tl_vote *vt = &SL_VEC_AT(votes, tl_vote, i);
    double r = v[vt->sent].topic / mean;
    vt->w *= (1 - relevance) + relevance * (r < 1 ? r : 1);
  }
}

sl_status sl__tl_score_days(sl_vec *votes, const tl_sent *v,
                            const sl_timeline_tuning *t, sl_vec *cands,
                            sl_vec *days) {
  weigh_votes(votes, v, t->relevance);
  sl_status st = tally(votes, days);
  if (st == SL_OK)
    link_days(cands, days);
  return st;
}
