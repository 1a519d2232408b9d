/* storyline extract: temporal expressions, the internals shared by the
 * timex*.c files: the scanner's tokens, the lexicon, calendar points and
 * the context the recognition rules read. */
#ifndef SL_EXTRACT_TIMEX_H
#define SL_EXTRACT_TIMEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/vec.h"
#include "storyline/when.h"

enum { TX_X = -1 }; /* a field the text leaves open */

/* Token kinds: letters, digits, one punctuation byte, anything else (a run
 * of non-ASCII bytes). Numbers keep their grouping: "1,200", "3.5". */
enum { TX_ALPHA = 1, TX_NUM, TX_PUNCT, TX_OTHER };
enum {
  TX_SP = 1,    /* white space before the token */
  TX_NL = 2,    /* a line break before it */
  TX_CAP = 4,   /* starts with an uppercase letter */
  TX_GROUP = 8, /* a number with thousands separators */
  TX_DEC = 16   /* a number with a decimal part */
};

/* Lexicon classes of words (tx_tok.cls) and what tx_tok.val holds. */
typedef enum tx_cls {
  TXC_NONE = 0,
  TXC_MONTH,  /* 1..12 */
  TXC_WDAY,   /* 1 Monday .. 7 Sunday */
  TXC_NUMW,   /* number word: its value (hundred 100, thousand 1000) */
  TXC_ORDW,   /* ordinal word: 1..31 */
  TXC_UNIT,   /* tx_unit, + TXU_PLURAL */
  TXC_SEASON, /* 1 spring, 2 summer, 3 fall, 4 winter */
  TXC_POD,    /* part of day: tx_pod */
  TXC_DEIC,   /* today 0, yesterday -1, tomorrow 1, tonight 10 */
  TXC_REF,    /* now-like words: tx_ref */
  TXC_SHIFT,  /* last -1, next 1, this 0 */
  TXC_AGO,    /* ago/earlier/before -1, later/after/hence 1 */
  TXC_EDGE,   /* early/late/mid: tx_mod */
  TXC_MODW,   /* about, nearly, over...: tx_mod */
  TXC_FREQ,   /* daily, weekly: tx_unit */
  TXC_EVERY,  /* every, each, per */
  TXC_FUZZ,   /* few, several, many, some, couple: -1 (X), couple 2 */
  TXC_FISCAL, /* fiscal, calendar, financial, model */
  TXC_HOLI,   /* holiday index */
  TXC_DECW,   /* twenties..nineties: 2..9 */
  TXC_KEY,    /* the, that, half, these: rules start at them */
  TXC_WORD    /* any other word */
} tx_cls;

typedef enum tx_unit {
  TXU_SEC = 1,
  TXU_MIN,
  TXU_HOUR,
  TXU_DAY,
  TXU_WEEK,
  TXU_WEEKEND,
  TXU_FORTNIGHT,
  TXU_MONTH,
  TXU_QUARTER,
  TXU_YEAR,
  TXU_DECADE,
  TXU_CENTURY,
  TXU_MILLENNIUM,
  TXU_PLURAL = 32
} tx_unit;

typedef enum tx_pod { TXP_MO = 1, TXP_AF, TXP_EV, TXP_NI, TXP_DT } tx_pod;
typedef enum tx_ref { TXR_PRESENT = 1, TXR_PAST, TXR_FUTURE } tx_ref;

typedef enum tx_mod {
  TXM_NONE = 0,
  TXM_START,
  TXM_MID,
  TXM_END,
  TXM_APPROX,
  TXM_LESS,
  TXM_MORE,
  TXM_EQ_LESS,
  TXM_EQ_MORE
} tx_mod;

typedef struct tx_tok {
  uint32_t start, end; /* byte span */
  uint8_t kind, flags;
  uint8_t cls;  /* tx_cls */
  uint8_t ndig; /* digits of a number, before any separator */
  int32_t val;  /* lexicon value, or a number's integer value (capped) */
} tx_tok;

/* Granularity of a calendar point, coarse to fine. */
typedef enum tx_gran {
  TXG_NONE = 0,
  TXG_CENT,
  TXG_DEC,
  TXG_YEAR,
  TXG_HALF,
  TXG_QUARTER,
  TXG_SEASON,
  TXG_MONTH,
  TXG_WEEK,
  TXG_WEEKEND,
  TXG_DAY,
  TXG_POD,
  TXG_MIN
} tx_gran;

/* A calendar point or period. y is the year (for TXG_CENT the century's
 * first year, 1900; for TXG_DEC the decade's, 1990), TX_X when unknown;
 * sub is the quarter, half, season (1..4 as TXC_SEASON), ISO week or
 * part of day (tx_pod) as `gran` says; wd a weekday for "XXXX-WXX-5". */
typedef struct tx_point {
  int16_t y;
  int8_t gran, m, d, sub, hh, mi, wd;
} tx_point;

/* What a rule recognised: tokens [b, e), and either a point or, for
 * durations, sets and references, the value text. */
typedef struct tx_match {
  size_t b, e;
  uint8_t type; /* sl_timex_type */
  uint8_t mod;  /* tx_mod */
  tx_point p;
  char value[28];
} tx_match;

/* What the rules read. `last` is the last day stated, for chains ("the
 * following day"), `lastp` the last year, quarter, month or day
 * ("the following month", "that year", "that quarter"), `lastq` the last
 * quarter a report is about, and `ytd_months` the stretch of the year to
 * date stated after it ("the nine months"); `pending` is a second
 * expression a rule read along with the first. */
typedef struct tx_ctx {
  const char *text;
  const tx_tok *tok;
  size_t ntok;
  sl_date dct;
  tx_point last;
  tx_point lastp; /* the last year, quarter, month or day stated */
  tx_point lastq; /* the last quarter stated, and its token */
  size_t lastq_tok;
  int ytd_months;   /* the year-to-date stretch stated since, 0 none */
  tx_match pending; /* a second day a rule found ("June 4 and 5"), e 0 none */
} tx_ctx;

/* timex_lex.c */
sl_status sl__tx_scan(const char *text, size_t len, sl_vec *toks) SL_MUST_USE;

static inline char sl__tx_lower(char ch) {
  return ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
}

/* Whether token i is `word` (ASCII, case ignored). Inline, and the first
 * letter settles most calls: the rules ask it at every token. */
static inline bool sl__tx_is(const tx_ctx *c, size_t i, const char *word) {
  if (i >= c->ntok)
    return false;
  const tx_tok *t = &c->tok[i];
  const char *s = c->text + t->start;
  size_t n = t->end - t->start;
  if (n == 0 || sl__tx_lower(s[0]) != sl__tx_lower(word[0]))
    return false;
  size_t k = 1;
  while (k < n && word[k] && sl__tx_lower(s[k]) == sl__tx_lower(word[k]))
    k++;
  return k == n && word[k] == '\0';
}

/* Token i exists and is of class k (txc). */
static inline bool sl__tx_cls(const tx_ctx *c, size_t i, int k) {
  return i < c->ntok && c->tok[i].cls == k;
}
/* Token i is the punctuation mark `ch`. */
static inline bool sl__tx_punct(const tx_ctx *c, size_t i, char ch) {
  return i < c->ntok && c->tok[i].kind == TX_PUNCT && c->tok[i].val == ch;
}
/* Token i is a plain number: digits without groups or decimals. */
static inline bool sl__tx_num(const tx_ctx *c, size_t i) {
  return i < c->ntok && c->tok[i].kind == TX_NUM &&
         !(c->tok[i].flags & (TX_GROUP | TX_DEC));
}
/* Token i follows token i-1 with no space between. */
static inline bool sl__tx_glued(const tx_ctx *c, size_t i) {
  return i < c->ntok && !(c->tok[i].flags & TX_SP);
}
/* The tx_unit of token i (0 when it is none); `*plural` (may be NULL)
 * says whether it was written in the plural. */
static inline int sl__tx_unit_at(const tx_ctx *c, size_t i, bool *plural) {
  if (plural)
    *plural = false;
  if (!sl__tx_cls(c, i, TXC_UNIT))
    return 0;
  if (plural)
    *plural = c->tok[i].val & TXU_PLURAL;
  return c->tok[i].val & ~TXU_PLURAL;
}

/* The rules' shorthand, with a `const tx_ctx *c` in scope. */
#define T(i) (&c->tok[i])
#define IS(i, w) sl__tx_is(c, (i), (w))

bool sl__tx_lex_sorted(void);

/* timex_cal.c */
long sl__tx_days(int y, int m, int d); /* days since 1970-01-01 */
void sl__tx_civil(long days, int *y, int *m, int *d);
int sl__tx_weekday(int y, int m, int d); /* 1 Monday .. 7 Sunday */
int sl__tx_mdays(int y, int m);
void sl__tx_isoweek(int y, int m, int d, int *wy, int *wk);
tx_point sl__tx_day(int y, int m, int d);
tx_point sl__tx_from_days(long days);
tx_point sl__tx_shift(tx_point ref, int unit, int n);
void sl__tx_format(const tx_point *p, char out[28]);
void sl__tx_first_day(const tx_point *p, sl_date *day, int *gran);
const char *sl__tx_mod_str(int mod);

/* timex_rules.c, timex_rel.c, timex_dur.c: each rule tries to match at token i
 * and returns whether it did, filling `m` (m->b = i). */
bool sl__tx_rule_date(tx_ctx *c, size_t i, tx_match *m);
bool sl__tx_rule_rel(tx_ctx *c, size_t i, tx_match *m);
bool sl__tx_rule_dur(tx_ctx *c, size_t i, tx_match *m);
/* The parts of the date list: timex_month.c, timex_clock.c. */
bool sl__tx_rule_month_first(tx_ctx *c, size_t i, tx_match *m);
bool sl__tx_rule_day_first(tx_ctx *c, size_t i, tx_match *m);
bool sl__tx_rule_clock(tx_ctx *c, size_t i, tx_match *m);
/* The parts of the relative list: timex_shift.c, timex_season.c,
 * timex_quarter.c. */
bool sl__tx_rule_weekday(tx_ctx *c, size_t i, tx_match *m);
bool sl__tx_rule_chain_weekday(tx_ctx *c, size_t i, tx_match *m);
bool sl__tx_rule_shift(tx_ctx *c, size_t i, tx_match *m);
bool sl__tx_rule_season(tx_ctx *c, size_t i, tx_match *m);
bool sl__tx_rule_holiday(tx_ctx *c, size_t i, tx_match *m);
bool sl__tx_rule_ago(tx_ctx *c, size_t i, tx_match *m);
bool sl__tx_rule_year_ago(tx_ctx *c, size_t i, tx_match *m);
bool sl__tx_rule_quarter(tx_ctx *c, size_t i, tx_match *m);
bool sl__tx_rule_the_year(tx_ctx *c, size_t i, tx_match *m);

/* Shared by the relative rules (timex_rel.c): the reference day (the DCT,
 * or with `chain` the last day stated; X when neither is known), the
 * reference shifted by n units (chained months and years follow the last
 * month or year stated), a match ending before token e on point p (TIME
 * from a part of day on, else DATE), and an 's glued to token j-1. */
tx_point sl__tx_ref_day(const tx_ctx *c, bool chain);
tx_point sl__tx_shifted(const tx_ctx *c, bool chain, int unit, int n);
void sl__tx_set(tx_match *m, size_t e, tx_point p);
bool sl__tx_possessive(const tx_ctx *c, size_t j);
/* A part of day at token j after the day p ("Friday evening"): narrows p
 * and returns where it ends, j when there is none. */
size_t sl__tx_with_pod(const tx_ctx *c, size_t j, tx_point *p);
/* The season `s` (1 spring .. 4 winter) nearest the DCT: shift -1 the
 * last one before the DCT's, 1 the next after it, 0 this one. */
tx_point sl__tx_season_point(const tx_ctx *c, int s, int shift);

/* Shared helpers of the rules (timex_num.c). */
bool sl__tx_dct_point(const tx_ctx *c, tx_point *p);
bool sl__tx_number(const tx_ctx *c, size_t i, double *v, size_t *e);
/* Number words only ("twenty four", "a dozen", "two and a half"). */
bool sl__tx_word_number(const tx_ctx *c, size_t i, double *v, size_t *e);
/* A four-digit year token (1000..2199, no groups or decimals). */
bool sl__tx_year_tok(const tx_ctx *c, size_t i, int *y);
/* A four-digit year token that reads as a year: not money, a percentage,
 * a telephone number or an index level. */
bool sl__tx_year_at(const tx_ctx *c, size_t i, int *y);
/* A day of the month: 3, 3rd, third, twenty-first. */
bool sl__tx_day_of_month(const tx_ctx *c, size_t i, int *d, size_t *e);
/* A year said in words: "nineteen ninety-six", "twenty twenty". */
bool sl__tx_spoken_year(const tx_ctx *c, size_t i, int *y, size_t *e);

/* timex_tense.c: the tense of the sentence around token i. */
enum { TXT_PAST = -1, TXT_NONE = 0, TXT_FUTURE = 1, TXT_PRESENT = 2 };
int sl__tx_tense(tx_ctx *c, size_t i);

#endif
