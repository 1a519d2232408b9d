/* storyline extract: the timex scanner. Splits a text into letter runs,
 * digit runs and single punctuation bytes ("mid-1990s" is mid - 1990 s),
 * and tags each word with its class in the temporal lexicon. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/timex.h"

typedef struct lex_entry {
  const char *word;
  uint8_t cls;
  int16_t val;
} lex_entry;

#define P TXU_PLURAL
/* Sorted by word (sl__tx_lex_sorted checks it). */
static const lex_entry lexicon[] = {
    {"a", TXC_NUMW, 1},
    {"about", TXC_MODW, TXM_APPROX},
    {"after", TXC_AGO, 1},
    {"afternoon", TXC_POD, TXP_AF},
    {"afternoons", TXC_POD, TXP_AF},
    {"ago", TXC_AGO, -1},
    {"almost", TXC_MODW, TXM_LESS},
    {"an", TXC_NUMW, 1},
    {"annual", TXC_FREQ, TXU_YEAR},
    {"annually", TXC_FREQ, TXU_YEAR},
    {"approximately", TXC_MODW, TXM_APPROX},
    {"apr", TXC_MONTH, 4},
    {"april", TXC_MONTH, 4},
    {"around", TXC_MODW, TXM_APPROX},
    {"at", TXC_KEY, 0},
    {"aug", TXC_MONTH, 8},
    {"august", TXC_MONTH, 8},
    {"autumn", TXC_SEASON, 3},
    {"before", TXC_AGO, -1},
    {"beginning", TXC_EDGE, TXM_START},
    {"biweekly", TXC_FREQ, TXU_FORTNIGHT},
    {"calendar", TXC_FISCAL, 0},
    {"centuries", TXC_UNIT, TXU_CENTURY | P},
    {"century", TXC_UNIT, TXU_CENTURY},
    {"christmas", TXC_HOLI, 1},
    {"close", TXC_EDGE, TXM_END},
    {"coming", TXC_SHIFT, 1},
    {"couple", TXC_FUZZ, 2},
    {"current", TXC_SHIFT, 0},
    {"currently", TXC_REF, TXR_PRESENT},
    {"daily", TXC_FREQ, TXU_DAY},
    {"dawn", TXC_POD, TXP_MO},
    {"day", TXC_UNIT, TXU_DAY},
    {"days", TXC_UNIT, TXU_DAY | P},
    {"daytime", TXC_POD, TXP_DT},
    {"dec", TXC_MONTH, 12},
    {"decade", TXC_UNIT, TXU_DECADE},
    {"decades", TXC_UNIT, TXU_DECADE | P},
    {"december", TXC_MONTH, 12},
    {"dozen", TXC_NUMW, 12},
    {"dozens", TXC_FUZZ, -1},
    {"each", TXC_EVERY, 0},
    {"earlier", TXC_AGO, -1},
    {"early", TXC_EDGE, TXM_START},
    {"easter", TXC_HOLI, 2},
    {"eight", TXC_NUMW, 8},
    {"eighteen", TXC_NUMW, 18},
    {"eighteenth", TXC_ORDW, 18},
    {"eighth", TXC_ORDW, 8},
    {"eighties", TXC_DECW, 8},
    {"eighty", TXC_NUMW, 80},
    {"election", TXC_KEY, 0},
    {"eleven", TXC_NUMW, 11},
    {"eleventh", TXC_ORDW, 11},
    {"end", TXC_EDGE, TXM_END},
    {"evening", TXC_POD, TXP_EV},
    {"evenings", TXC_POD, TXP_EV},
    {"every", TXC_EVERY, 0},
    {"fall", TXC_SEASON, 3},
    {"feb", TXC_MONTH, 2},
    {"february", TXC_MONTH, 2},
    {"few", TXC_FUZZ, -1},
    {"fewer", TXC_KEY, 0},
    {"fifteen", TXC_NUMW, 15},
    {"fifteenth", TXC_ORDW, 15},
    {"fifth", TXC_ORDW, 5},
    {"fifties", TXC_DECW, 5},
    {"fifty", TXC_NUMW, 50},
    {"financial", TXC_FISCAL, 0},
    {"first", TXC_ORDW, 1},
    {"fiscal", TXC_FISCAL, 0},
    {"five", TXC_NUMW, 5},
    {"following", TXC_SHIFT, 2},
    {"formerly", TXC_KEY, 0},
    {"fortnight", TXC_UNIT, TXU_FORTNIGHT},
    {"forty", TXC_NUMW, 40},
    {"four", TXC_NUMW, 4},
    {"fourteen", TXC_NUMW, 14},
    {"fourteenth", TXC_ORDW, 14},
    {"fourth", TXC_ORDW, 4},
    {"fri", TXC_WDAY, 5},
    {"friday", TXC_WDAY, 5},
    {"fridays", TXC_WDAY, 5 + 8},
    {"future", TXC_REF, TXR_FUTURE},
    {"half", TXC_KEY, 0},
    {"halloween", TXC_HOLI, 3},
    {"hence", TXC_AGO, 1},
    {"hour", TXC_UNIT, TXU_HOUR},
    {"hourly", TXC_FREQ, TXU_HOUR},
    {"hours", TXC_UNIT, TXU_HOUR | P},
    {"hrs", TXC_UNIT, TXU_HOUR | P},
    {"hundred", TXC_NUMW, 100},
    {"independence", TXC_KEY, 0},
    {"jan", TXC_MONTH, 1},
    {"january", TXC_MONTH, 1},
    {"jul", TXC_MONTH, 7},
    {"july", TXC_MONTH, 7},
    {"jun", TXC_MONTH, 6},
    {"june", TXC_MONTH, 6},
    {"just", TXC_KEY, 0},
    {"labor", TXC_KEY, 0},
    {"last", TXC_SHIFT, -1},
    {"late", TXC_EDGE, TXM_END},
    {"lately", TXC_REF, TXR_PAST},
    {"later", TXC_AGO, 1},
    {"latest", TXC_SHIFT, -3},
    {"less", TXC_MODW, TXM_LESS},
    {"mar", TXC_MONTH, 3},
    {"march", TXC_MONTH, 3},
    {"may", TXC_MONTH, 5},
    {"memorial", TXC_KEY, 0},
    {"mid", TXC_EDGE, TXM_MID},
    {"midday", TXC_POD, 12},
    {"middle", TXC_EDGE, TXM_MID},
    {"midnight", TXC_POD, 24},
    {"millennia", TXC_UNIT, TXU_MILLENNIUM | P},
    {"millennium", TXC_UNIT, TXU_MILLENNIUM},
    {"min", TXC_UNIT, TXU_MIN | P},
    {"mins", TXC_UNIT, TXU_MIN | P},
    {"minute", TXC_UNIT, TXU_MIN},
    {"minutes", TXC_UNIT, TXU_MIN | P},
    {"mon", TXC_WDAY, 1},
    {"monday", TXC_WDAY, 1},
    {"mondays", TXC_WDAY, 1 + 8},
    {"month", TXC_UNIT, TXU_MONTH},
    {"monthly", TXC_FREQ, TXU_MONTH},
    {"months", TXC_UNIT, TXU_MONTH | P},
    {"more", TXC_MODW, TXM_MORE},
    {"morning", TXC_POD, TXP_MO},
    {"mornings", TXC_POD, TXP_MO},
    {"nearly", TXC_MODW, TXM_EQ_LESS},
    {"new", TXC_KEY, 0},
    {"next", TXC_SHIFT, 1},
    {"night", TXC_POD, TXP_NI},
    {"nightly", TXC_FREQ, TXU_DAY},
    {"nights", TXC_POD, TXP_NI},
    {"nine", TXC_NUMW, 9},
    {"nineteen", TXC_NUMW, 19},
    {"nineteenth", TXC_ORDW, 19},
    {"nineties", TXC_DECW, 9},
    {"ninety", TXC_NUMW, 90},
    {"ninth", TXC_ORDW, 9},
    {"no", TXC_KEY, 0},
    {"noon", TXC_POD, 12},
    {"nov", TXC_MONTH, 11},
    {"november", TXC_MONTH, 11},
    {"now", TXC_REF, TXR_PRESENT},
    {"nowadays", TXC_REF, TXR_PRESENT},
    {"o", TXC_KEY, 0},
    {"oct", TXC_MONTH, 10},
    {"october", TXC_MONTH, 10},
    {"one", TXC_NUMW, 1},
    {"only", TXC_KEY, 0},
    {"over", TXC_MODW, TXM_MORE},
    {"overnight", TXC_POD, TXP_NI},
    {"past", TXC_SHIFT, -2},
    {"per", TXC_EVERY, 1},
    {"period", TXC_KEY, 0},
    {"presently", TXC_REF, TXR_PRESENT},
    {"previous", TXC_SHIFT, -2},
    {"previously", TXC_REF, TXR_PAST},
    {"prior", TXC_SHIFT, -2},
    {"quarter", TXC_UNIT, TXU_QUARTER},
    {"quarterly", TXC_FREQ, TXU_QUARTER},
    {"quarters", TXC_UNIT, TXU_QUARTER | P},
    {"recent", TXC_REF, TXR_PAST},
    {"recently", TXC_REF, TXR_PAST},
    {"roughly", TXC_MODW, TXM_APPROX},
    {"same", TXC_KEY, 0},
    {"sat", TXC_WDAY, 6},
    {"saturday", TXC_WDAY, 6},
    {"saturdays", TXC_WDAY, 6 + 8},
    {"second", TXC_ORDW, 2},
    {"seconds", TXC_UNIT, TXU_SEC | P},
    {"sep", TXC_MONTH, 9},
    {"sept", TXC_MONTH, 9},
    {"september", TXC_MONTH, 9},
    {"seven", TXC_NUMW, 7},
    {"seventeen", TXC_NUMW, 17},
    {"seventeenth", TXC_ORDW, 17},
    {"seventh", TXC_ORDW, 7},
    {"seventies", TXC_DECW, 7},
    {"seventy", TXC_NUMW, 70},
    {"several", TXC_FUZZ, -1},
    {"six", TXC_NUMW, 6},
    {"sixteen", TXC_NUMW, 16},
    {"sixteenth", TXC_ORDW, 16},
    {"sixth", TXC_ORDW, 6},
    {"sixties", TXC_DECW, 6},
    {"sixty", TXC_NUMW, 60},
    {"some", TXC_FUZZ, -2},
    {"soon", TXC_REF, TXR_FUTURE},
    {"spring", TXC_SEASON, 1},
    {"start", TXC_EDGE, TXM_START},
    {"summer", TXC_SEASON, 2},
    {"sun", TXC_WDAY, 7},
    {"sunday", TXC_WDAY, 7},
    {"sundays", TXC_WDAY, 7 + 8},
    {"ten", TXC_NUMW, 10},
    {"tenth", TXC_ORDW, 10},
    {"thanksgiving", TXC_HOLI, 4},
    {"that", TXC_KEY, 0},
    {"the", TXC_KEY, 0},
    {"these", TXC_KEY, 0},
    {"third", TXC_ORDW, 3},
    {"thirteen", TXC_NUMW, 13},
    {"thirteenth", TXC_ORDW, 13},
    {"thirtieth", TXC_ORDW, 30},
    {"thirty", TXC_NUMW, 30},
    {"this", TXC_SHIFT, 0},
    {"thousand", TXC_NUMW, 1000},
    {"three", TXC_NUMW, 3},
    {"thu", TXC_WDAY, 4},
    {"thur", TXC_WDAY, 4},
    {"thurs", TXC_WDAY, 4},
    {"thursday", TXC_WDAY, 4},
    {"thursdays", TXC_WDAY, 4 + 8},
    {"today", TXC_DEIC, 0},
    {"tomorrow", TXC_DEIC, 1},
    {"tonight", TXC_DEIC, 10},
    {"tue", TXC_WDAY, 2},
    {"tues", TXC_WDAY, 2},
    {"tuesday", TXC_WDAY, 2},
    {"tuesdays", TXC_WDAY, 2 + 8},
    {"twelfth", TXC_ORDW, 12},
    {"twelve", TXC_NUMW, 12},
    {"twenties", TXC_DECW, 2},
    {"twentieth", TXC_ORDW, 20},
    {"twenty", TXC_NUMW, 20},
    {"two", TXC_NUMW, 2},
    {"under", TXC_MODW, TXM_LESS},
    {"up", TXC_KEY, 0},
    {"valentine", TXC_KEY, 0},
    {"wed", TXC_WDAY, 3},
    {"wednesday", TXC_WDAY, 3},
    {"wednesdays", TXC_WDAY, 3 + 8},
    {"week", TXC_UNIT, TXU_WEEK},
    {"weekend", TXC_UNIT, TXU_WEEKEND},
    {"weekends", TXC_UNIT, TXU_WEEKEND | P},
    {"weekly", TXC_FREQ, TXU_WEEK},
    {"weeks", TXC_UNIT, TXU_WEEK | P},
    {"winter", TXC_SEASON, 4},
    {"year", TXC_UNIT, TXU_YEAR},
    {"yearly", TXC_FREQ, TXU_YEAR},
    {"years", TXC_UNIT, TXU_YEAR | P},
    {"yesterday", TXC_DEIC, -1},
    {"yrs", TXC_UNIT, TXU_YEAR | P},
};
#undef P

enum { NLEX = sizeof lexicon / sizeof lexicon[0], MAX_WORD = 16 };

static int lex_cmp(const void *key, const void *ent) {
  return strcmp(key, ((const lex_entry *)ent)->word);
}

bool sl__tx_lex_sorted(void) {
  for (size_t i = 1; i < NLEX; i++)
    if (strcmp(lexicon[i - 1].word, lexicon[i].word) >= 0)
      return false;
  return true;
}

/* Tags a letter token with its lexicon class. */
static void tag(const char *s, tx_tok *t) {
  size_t n = t->end - t->start;
  if (n >= MAX_WORD)
    return;
  char low[MAX_WORD];
  for (size_t i = 0; i < n; i++)
    low[i] = (char)(s[i] | 0x20);
  low[n] = '\0';
  const lex_entry *e = bsearch(low, lexicon, NLEX, sizeof *lexicon, lex_cmp);
  if (e) {
    t->cls = e->cls;
    t->val = e->val;
  } else {
    t->cls = TXC_WORD;
  }
}

static bool is_alpha(unsigned char ch) {
  return (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
}
static bool is_digit(unsigned char ch) {
  return ch >= '0' && ch <= '9';
}

/* Whether "am", "a.m.", " pm" or " p.m." starts at s[k]: "6.15am" and
 * "6.15 a.m." are clock times, not decimals. */
static bool meridiem(const char *s, size_t len, size_t k) {
  if (k < len && s[k] == ' ')
    k++;
  if (k >= len || ((s[k] | 0x20) != 'a' && (s[k] | 0x20) != 'p'))
    return false;
  k++;
  if (k < len && s[k] == '.')
    k++;
  return k < len && (s[k] | 0x20) == 'm' &&
         (k + 1 >= len || !is_alpha((unsigned char)s[k + 1]));
}

/* Extends a digit run over "1,200,000" groups and one ".5" decimal part;
 * "3.3.2021" and "10.30" stay split where a date or time reads better. */
static size_t scan_number(const char *s, size_t len, size_t i, tx_tok *t) {
  size_t j = i;
  long v = 0;
  while (j < len && is_digit((unsigned char)s[j])) {
    v = v < 100000000 ? v * 10 + (s[j] - '0') : v;
    j++;
  }
  t->ndig = (uint8_t)(j - i < 255 ? j - i : 255);
  while (t->ndig <= 3 && j + 3 < len && s[j] == ',' &&
         is_digit((unsigned char)s[j + 1]) &&
         is_digit((unsigned char)s[j + 2]) &&
         is_digit((unsigned char)s[j + 3]) &&
         (j + 4 >= len || !is_digit((unsigned char)s[j + 4]))) {
    for (int k = 1; k <= 3; k++)
      v = v < 100000000 ? v * 10 + (s[j + k] - '0') : v;
    j += 4;
    t->flags |= TX_GROUP;
  }
  if (t->ndig <= 2 && j + 1 < len && s[j] == '.' &&
      is_digit((unsigned char)s[j + 1])) {
    size_t k = j + 1;
    while (k < len && is_digit((unsigned char)s[k]))
      k++;
    /* a decimal only when it is not "d.m.y" and not "6.15am" */
    bool date = k < len && s[k] == '.' && k + 1 < len &&
                is_digit((unsigned char)s[k + 1]);
    bool clock = k - j == 3 && meridiem(s, len, k);
    if (!date && !clock && k - j <= 3) {
      j = k;
      t->flags |= TX_DEC;
    }
  }
  t->val = (int32_t)v;
  return j;
}

static size_t scan_one(const char *s, size_t len, size_t i, tx_tok *t) {
  unsigned char ch = (unsigned char)s[i];
  size_t j = i + 1;
  if (is_alpha(ch)) {
    t->kind = TX_ALPHA;
    while (j < len && is_alpha((unsigned char)s[j]))
      j++;
    if (ch >= 'A' && ch <= 'Z')
      t->flags |= TX_CAP;
  } else if (is_digit(ch)) {
    t->kind = TX_NUM;
    j = scan_number(s, len, i, t);
  } else if (ch < 0x80) {
    t->kind = TX_PUNCT;
    t->val = ch;
  } else {
    t->kind = TX_OTHER;
    while (j < len && (unsigned char)s[j] >= 0x80)
      j++;
  }
  return j;
}

sl_status sl__tx_scan(const char *text, size_t len, sl_vec *toks) {
  uint8_t pending = 0;
  for (size_t i = 0; i < len;) {
    unsigned char ch = (unsigned char)text[i];
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' ||
        ch == '\v' || ch == 0) {
      pending |= ch == '\n' ? TX_SP | TX_NL : TX_SP;
      i++;
      continue;
    }
    tx_tok *t = sl_vec_push_zero(toks);
    if (!t)
      return SL_ENOMEM;
    t->start = (uint32_t)i;
    t->flags = pending;
    pending = 0;
    i = scan_one(text, len, i, t);
    t->end = (uint32_t)i;
    if (t->kind == TX_ALPHA)
      tag(text + t->start, t);
  }
  return SL_OK;
}
