/* storyline text: the tokenizer (see token.h). One pass over code points;
 * ASCII is classified by table, the rest by utf8proc's categories. */
#include <string.h>

#include <utf8proc.h>

#include "base/utf8.h"
#include "text/token.h"

enum cls {
  C_SPACE,
  C_NL,
  C_UPPER,
  C_LOWER,
  C_LETTER,
  C_MARK,
  C_DIGIT,
  C_HAN,
  C_PUNCT,
  C_SYMBOL
};

typedef struct scan {
  const char *s;
  size_t len;
} scan;

/* Class of the code point at `i`; *n gets its byte length. */
/* Classes of the ASCII bytes: the tokenizer's hot path. */
#define R4(x) x, x, x, x
#define R8(x) R4(x), R4(x)
#define R16(x) R8(x), R8(x)
static const unsigned char ascii[128] = {
    /* 0x00 */ R8(C_PUNCT),
    C_PUNCT,
    C_SPACE,
    C_NL,
    C_SPACE,
    C_SPACE,
    C_SPACE,
    R16(C_PUNCT),
    C_PUNCT,
    C_PUNCT,
    /* 0x20 */ C_SPACE,
    C_PUNCT,
    C_PUNCT,
    C_PUNCT,
    C_SYMBOL,
    C_PUNCT,
    C_PUNCT,
    C_PUNCT,
    C_PUNCT,
    C_PUNCT,
    C_PUNCT,
    C_SYMBOL,
    C_PUNCT,
    C_PUNCT,
    C_PUNCT,
    C_PUNCT,
    /* 0x30 */ R8(C_DIGIT),
    C_DIGIT,
    C_DIGIT,
    C_PUNCT,
    C_PUNCT,
    C_SYMBOL,
    C_SYMBOL,
    C_SYMBOL,
    C_PUNCT,
    /* 0x40 */ C_PUNCT,
    R16(C_UPPER),
    R8(C_UPPER),
    C_UPPER,
    C_UPPER,
    /* 0x5B */ C_PUNCT,
    C_PUNCT,
    C_PUNCT,
    C_SYMBOL,
    C_PUNCT,
    /* 0x60 */ C_SYMBOL,
    R16(C_LOWER),
    R8(C_LOWER),
    C_LOWER,
    C_LOWER,
    /* 0x7B */ C_PUNCT,
    C_SYMBOL,
    C_PUNCT,
    C_SYMBOL,
    C_PUNCT};
#undef R4
#undef R8
#undef R16

static inline enum cls cls_at(const scan *sc, size_t i, int32_t *cpo, int *n) {
  unsigned char c = (unsigned char)sc->s[i];
  *n = 1;
  if (c < 0x80) {
    if (cpo)
      *cpo = c;
    return (enum cls)ascii[c];
  }
  int32_t cp;
  *n = sl_utf8_decode(sc->s + i, sc->len - i, &cp);
  if (*n < 0) {
    *n = 1;
    cp = 0xFFFD;
  }
  if (cpo)
    *cpo = cp;
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0x20000 && cp <= 0x2FFFF))
    return C_HAN;
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LT:
    return C_UPPER;
  case UTF8PROC_CATEGORY_LL:
    return C_LOWER;
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
    return C_LETTER;
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME:
  case UTF8PROC_CATEGORY_CF:
    return C_MARK;
  case UTF8PROC_CATEGORY_ND:
    return C_DIGIT;
  case UTF8PROC_CATEGORY_ZS:
  case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP:
  case UTF8PROC_CATEGORY_CC:
    return cp == 0x2028 || cp == 0x2029 ? C_NL : C_SPACE;
  case UTF8PROC_CATEGORY_SM:
  case UTF8PROC_CATEGORY_SC:
  case UTF8PROC_CATEGORY_SK:
  case UTF8PROC_CATEGORY_SO:
    return C_SYMBOL;
  default:
    return C_PUNCT;
  }
}

static bool is_letter(enum cls c) {
  return c == C_UPPER || c == C_LOWER || c == C_LETTER;
}
static bool is_wordish(enum cls c) {
  return is_letter(c) || c == C_MARK || c == C_DIGIT;
}

static enum cls cls_of(const scan *sc, size_t i) {
  int n;
  return i < sc->len ? cls_at(sc, i, NULL, &n) : C_SPACE;
}

/* Abbreviations that take a period and are not sentence ends by nature. */
static const char *const abbrevs[] = {
    "Mr",   "Mrs",  "Ms",   "Dr",     "Prof",  "Sen",  "Rep",  "Gov",   "Gen",
    "Col",  "Lt",   "Sgt",  "Capt",   "Cpl",   "Maj",  "Adm",  "Rev",   "St",
    "Mt",   "Jr",   "Sr",   "Inc",    "Corp",  "Ltd",  "Co",   "Bros",  "Jan",
    "Feb",  "Mar",  "Apr",  "Jun",    "Jul",   "Aug",  "Sep",  "Sept",  "Oct",
    "Nov",  "Dec",  "Mon",  "Tue",    "Tues",  "Wed",  "Thu",  "Thurs", "Fri",
    "Sat",  "Sun",  "vs",   "etc",    "No",    "Nos",  "Vol",  "pp",    "Fig",
    "Ave",  "Blvd", "Rd",   "approx", "est",   "Dept", "Univ", "Gens",  "Msgr",
    "Supt", "Det",  "Insp", "Pres",   "Gov't", "Mme",  "Mlle", "Ph",    "cf",
    NULL};

static bool known_abbrev(const char *s, size_t len) {
  if (len < 2 || len > 6) /* the lengths in the list */
    return false;
  for (const char *const *a = abbrevs; *a; a++)
    if ((*a)[0] == s[0] && strlen(*a) == len && memcmp(*a, s, len) == 0)
      return true;
  return false;
}

/* Inner joiners: a hyphen or apostrophe between word characters. A hyphen
 * may also join digits to a word ("COVID-19") when `digits` is set. */
static size_t joiner_len(const scan *sc, size_t i, uint8_t *flag, bool digits) {
  const char *p = sc->s + i;
  size_t left = sc->len - i, n = 0;
  uint8_t f = SL_TOKF_HYPHEN;
  if (*p != '-' && *p != '\'' && (unsigned char)*p != 0xE2)
    return 0; /* most words end at a blank or a point */
  if (*p == '-') {
    n = 1;
  } else if (*p == '\'') {
    n = 1, f = SL_TOKF_APOS;
  } else if (left >= 3 && memcmp(p, "\xE2\x80\x99", 3) == 0) {
    n = 3, f = SL_TOKF_APOS;
  } else if (left >= 3 && (memcmp(p, "\xE2\x80\x90", 3) == 0 ||
                           memcmp(p, "\xE2\x80\x91", 3) == 0)) {
    n = 3;
  }
  if (!n)
    return 0;
  enum cls next = cls_of(sc, i + n);
  if (!is_letter(next) && !(digits && f == SL_TOKF_HYPHEN && next == C_DIGIT))
    return 0;
  *flag |= f;
  return n;
}

/* Dotted abbreviation "U.S." / "e.g." starting at a single letter. */
static size_t dotted(const scan *sc, size_t i) {
  if ((unsigned char)sc->s[i] < 0x80 &&
      (i + 1 >= sc->len || sc->s[i + 1] != '.'))
    return 0; /* most words: an ASCII letter not followed by a point */
  size_t j = i, pairs = 0;
  while (j < sc->len) {
    int n;
    if (!is_letter(cls_at(sc, j, NULL, &n)))
      break;
    size_t dot = j + (size_t)n;
    if (dot >= sc->len || sc->s[dot] != '.')
      break;
    j = dot + 1;
    pairs++;
  }
  return pairs >= 2 ? j - i : 0;
}

static size_t number_len(const scan *sc, size_t i) {
  size_t j = i;
  while (j < sc->len && sc->s[j] >= '0' && sc->s[j] <= '9')
    j++;
  for (;;) {
    char sep = j < sc->len ? sc->s[j] : 0;
    size_t k = j + 1, d = 0;
    while (k < sc->len && sc->s[k] >= '0' && sc->s[k] <= '9')
      k++, d++;
    if ((sep == ',' || sep == '.') && d == 3)
      j = k; /* thousands group, or a decimal of three digits */
    else if ((sep == '.' || sep == ':') && d > 0 && (sep == '.' || d == 2))
      return k; /* decimal part or a time; ends the number */
    else
      return j;
  }
}

/* The classes the bytes [start, end) hold, one bit each. */
static unsigned class_mask(const scan *sc, size_t start, size_t end) {
  unsigned seen = 0;
  for (size_t i = start; i < end;) {
    int n;
    seen |= 1u << cls_at(sc, i, NULL, &n);
    i += (size_t)n;
  }
  return seen;
}

/* A word's case flags from the classes it holds and its first one. */
static uint8_t case_flags(unsigned seen, enum cls first) {
  const unsigned letters = 1u << C_UPPER | 1u << C_LOWER | 1u << C_LETTER;
  uint8_t f = first == C_UPPER ? SL_TOKF_CAP : 0;
  if (seen & 1u << C_DIGIT)
    f |= SL_TOKF_DIGIT;
  if ((seen & letters) && !(seen & 1u << C_LOWER))
    f |= SL_TOKF_UPPER;
  return f;
}

/* Scans a word starting at i (a letter or digit): its end, kind, flags,
 * and in `*seen` the classes it holds (for its case flags). */
static size_t word_end(const scan *sc, size_t i, uint8_t *kind, uint8_t *flags,
                       unsigned *seen) {
  size_t j = i;
  *seen = 0;
  if (sc->s[i] >= '0' && sc->s[i] <= '9') {
    j = number_len(sc, i);
    *kind = SL_TOK_NUMBER;
    *seen = 1u << C_DIGIT; /* and separators, which count for nothing */
    if (!is_letter(cls_of(sc, j)) &&
        (j >= sc->len || !joiner_len(sc, j, flags, false)))
      return j;
  }
  *kind = SL_TOK_WORD;
  size_t d = j == i ? dotted(sc, i) : 0;
  if (d) {
    *kind = SL_TOK_ABBREV;
    *seen = class_mask(sc, i, i + d);
    return i + d;
  }
  for (;;) {
    while (j < sc->len) {
      unsigned char c = (unsigned char)sc->s[j];
      if (c < 0x80) { /* the common case, without a call */
        enum cls k = (enum cls)ascii[c];
        if (!is_wordish(k))
          break;
        *seen |= 1u << k;
        j++;
        continue;
      }
      int n;
      enum cls k = cls_at(sc, j, NULL, &n);
      if (!is_wordish(k) || k == C_HAN)
        break;
      *seen |= 1u << k;
      j += (size_t)n;
    }
    size_t jl = j < sc->len ? joiner_len(sc, j, flags, true) : 0;
    if (!jl)
      break;
    j += jl; /* a joiner is punctuation: no class that counts */
  }
  if (j < sc->len && sc->s[j] == '.' && !is_wordish(cls_of(sc, j + 1))) {
    bool initial = j - i == 1 && sc->s[i] >= 'A' && sc->s[i] <= 'Z';
    if (initial || known_abbrev(sc->s + i, j - i)) {
      *kind = SL_TOK_ABBREV;
      return j + 1;
    }
  }
  return j;
}

static inline sl_status push(sl_vec *out, size_t start, size_t end,
                             uint8_t kind, uint8_t flags) {
  if (out->len == out->cap &&
      sl_vec_reserve(out, out->cap ? out->cap * 2 : 256) != SL_OK)
    return SL_ENOMEM;
  ((sl_token *)out->data)[out->len++] =
      (sl_token){(uint32_t)start, (uint32_t)(end - start), kind, flags};
  return SL_OK;
}

sl_status sl_tokenize(const char *text, size_t len, sl_vec *out) {
  if (len >= UINT32_MAX)
    return SL_ETOOBIG;
  scan sc = {text, len};
  uint8_t ws = 0;
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < len;) {
    int n;
    enum cls c = cls_at(&sc, i, NULL, &n);
    if (c == C_SPACE || c == C_NL) {
      ws |= SL_TOKF_SPACE;
      if (c == C_NL)
        ws |= (ws & SL_TOKF_NEWLINE) ? SL_TOKF_PARA : SL_TOKF_NEWLINE;
      i += (size_t)n;
      continue;
    }
    size_t end = i + (size_t)n;
    uint8_t kind = c == C_SYMBOL ? SL_TOK_SYMBOL : SL_TOK_PUNCT, flags = ws;
    if (c == C_HAN) {
      kind = SL_TOK_WORD;
    } else if (is_letter(c) || c == C_DIGIT) {
      unsigned seen;
      end = word_end(&sc, i, &kind, &flags, &seen);
      flags |= case_flags(seen, c);
    } else if (c == C_MARK) {
      kind = SL_TOK_SYMBOL;
    }
    st = push(out, i, end, kind, flags);
    ws = 0;
    i = end;
  }
  return st;
}
