/* storyline text: charset detection and conversion to UTF-8 (see charset.h).
 * UTF-8 and windows-1252, the bulk of the web, are decoded here; every other
 * charset goes through glibc's iconv, one converter per call. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "text/charset.h"

enum { PRESCAN = 4096 }; /* bytes searched for a <meta> charset */
static const char replacement[3] = {'\xEF', '\xBF', '\xBD'};

typedef enum kind {
  K_UTF8,   /* decoded by sl_utf8_sanitize */
  K_UTF16,  /* iconv, two bytes skipped per error */
  K_1252,   /* decoded here */
  K_SINGLE, /* another single-byte charset, through iconv */
  K_MULTI   /* a multi-byte or unknown-kind charset, through iconv */
} kind;

/* A charset as resolved from a label. */
typedef struct charset {
  char name[SL_CHARSET_MAX];
  char iconv[SL_CHARSET_MAX];
  kind kind;
} charset;

enum {
  CS_UTF8,
  CS_UTF16LE,
  CS_UTF16BE,
  CS_1252,
  CS_KOI8R,
  CS_KOI8U,
  CS_SJIS,
  CS_EUCJP,
  CS_ISO2022JP,
  CS_GB18030,
  CS_BIG5,
  CS_EUCKR,
  CS_874,
  CS_MAC,
  CS_MACCYR,
  CS_866
};

static const struct def {
  const char *name, *iconv;
  kind kind;
} defs[] = {
    [CS_UTF8] = {"UTF-8", "", K_UTF8},
    [CS_UTF16LE] = {"UTF-16LE", "UTF-16LE", K_UTF16},
    [CS_UTF16BE] = {"UTF-16BE", "UTF-16BE", K_UTF16},
    [CS_1252] = {"windows-1252", "", K_1252},
    [CS_KOI8R] = {"KOI8-R", "KOI8-R", K_SINGLE},
    [CS_KOI8U] = {"KOI8-U", "KOI8-U", K_SINGLE},
    /* the supersets browsers decode these labels with */
    [CS_SJIS] = {"Shift_JIS", "CP932", K_MULTI},
    [CS_EUCJP] = {"EUC-JP", "EUC-JP", K_MULTI},
    [CS_ISO2022JP] = {"ISO-2022-JP", "ISO-2022-JP", K_MULTI},
    [CS_GB18030] = {"GB18030", "GB18030", K_MULTI},
    [CS_BIG5] = {"Big5", "BIG5-HKSCS", K_MULTI},
    [CS_EUCKR] = {"EUC-KR", "CP949", K_MULTI},
    [CS_874] = {"windows-874", "CP874", K_SINGLE},
    [CS_MAC] = {"macintosh", "MACINTOSH", K_SINGLE},
    [CS_MACCYR] = {"x-mac-cyrillic", "MAC-CYRILLIC", K_SINGLE},
    [CS_866] = {"IBM866", "IBM866", K_SINGLE},
};

/* The WHATWG Encoding Standard's labels (lowercase), but for the
 * ISO-8859-N and windows-125N families, which label_family reads. */
static const struct alias {
  const char *label;
  int cs;
} aliases[] = {
    {"utf-8", CS_UTF8},
    {"utf8", CS_UTF8},
    {"unicode-1-1-utf-8", CS_UTF8},
    {"unicode11utf8", CS_UTF8},
    {"unicode20utf8", CS_UTF8},
    {"x-unicode20utf8", CS_UTF8},
    {"utf-16", CS_UTF16LE},
    {"utf-16le", CS_UTF16LE},
    {"unicode", CS_UTF16LE},
    {"csunicode", CS_UTF16LE},
    {"ucs-2", CS_UTF16LE},
    {"iso-10646-ucs-2", CS_UTF16LE},
    {"unicodefeff", CS_UTF16LE},
    {"utf-16be", CS_UTF16BE},
    {"unicodefffe", CS_UTF16BE},
    {"latin1", CS_1252},
    {"l1", CS_1252},
    {"csisolatin1", CS_1252},
    {"iso-ir-100", CS_1252},
    {"ibm819", CS_1252},
    {"cp819", CS_1252},
    {"ascii", CS_1252},
    {"us-ascii", CS_1252},
    {"ansi_x3.4-1968", CS_1252},
    {"x-user-defined", CS_1252},
    {"koi8-r", CS_KOI8R},
    {"koi8_r", CS_KOI8R},
    {"koi8", CS_KOI8R},
    {"koi", CS_KOI8R},
    {"cskoi8r", CS_KOI8R},
    {"koi8-u", CS_KOI8U},
    {"koi8-ru", CS_KOI8U},
    {"shift_jis", CS_SJIS},
    {"shift-jis", CS_SJIS},
    {"sjis", CS_SJIS},
    {"x-sjis", CS_SJIS},
    {"ms_kanji", CS_SJIS},
    {"ms932", CS_SJIS},
    {"cp932", CS_SJIS},
    {"windows-31j", CS_SJIS},
    {"csshiftjis", CS_SJIS},
    {"euc-jp", CS_EUCJP},
    {"x-euc-jp", CS_EUCJP},
    {"cseucpkdfmtjapanese", CS_EUCJP},
    {"iso-2022-jp", CS_ISO2022JP},
    {"csiso2022jp", CS_ISO2022JP},
    {"gb18030", CS_GB18030},
    {"gbk", CS_GB18030},
    {"x-gbk", CS_GB18030},
    {"gb2312", CS_GB18030},
    {"gb_2312", CS_GB18030},
    {"gb_2312-80", CS_GB18030},
    {"csgb2312", CS_GB18030},
    {"chinese", CS_GB18030},
    {"iso-ir-58", CS_GB18030},
    {"csiso58gb231280", CS_GB18030},
    {"euc-cn", CS_GB18030},
    {"cp936", CS_GB18030},
    {"windows-936", CS_GB18030},
    {"big5", CS_BIG5},
    {"big5-hkscs", CS_BIG5},
    {"cn-big5", CS_BIG5},
    {"csbig5", CS_BIG5},
    {"x-x-big5", CS_BIG5},
    {"euc-kr", CS_EUCKR},
    {"cseuckr", CS_EUCKR},
    {"ks_c_5601-1987", CS_EUCKR},
    {"ks_c_5601-1989", CS_EUCKR},
    {"ksc5601", CS_EUCKR},
    {"ksc_5601", CS_EUCKR},
    {"korean", CS_EUCKR},
    {"iso-ir-149", CS_EUCKR},
    {"csksc56011987", CS_EUCKR},
    {"windows-949", CS_EUCKR},
    {"cp949", CS_EUCKR},
    {"windows-874", CS_874},
    {"tis-620", CS_874},
    {"dos-874", CS_874},
    {"macintosh", CS_MAC},
    {"mac", CS_MAC},
    {"x-mac-roman", CS_MAC},
    {"csmacintosh", CS_MAC},
    {"x-mac-cyrillic", CS_MACCYR},
    {"x-mac-ukrainian", CS_MACCYR},
    {"ibm866", CS_866},
    {"cp866", CS_866},
    {"866", CS_866},
    {"csibm866", CS_866},
};

static char lower(char c) {
  return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static char upper(char c) {
  return c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
}

static bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void set_def(charset *cs, int which) {
  snprintf(cs->name, sizeof cs->name, "%s", defs[which].name);
  snprintf(cs->iconv, sizeof cs->iconv, "%s", defs[which].iconv);
  cs->kind = defs[which].kind;
}

static void set_single(charset *cs, const char *name, const char *conv) {
  snprintf(cs->name, sizeof cs->name, "%s", name);
  snprintf(cs->iconv, sizeof cs->iconv, "%s", conv);
  cs->kind = K_SINGLE;
}

/* The decimal number `s` is, or -1 (an optional ":YYYY" year ignored). */
static int number(const char *s) {
  int n = 0;
  if (!*s)
    return -1;
  for (; *s && *s != ':'; s++) {
    if (*s < '0' || *s > '9' || n > 100)
      return -1;
    n = n * 10 + (*s - '0');
  }
  return n;
}

/* ISO-8859-N, as browsers read it: 1 is windows-1252, 9 windows-1254,
 * 11 windows-874. */
static bool iso_8859(int n, charset *cs) {
  char name[SL_CHARSET_MAX];
  if (n == 1)
    set_def(cs, CS_1252);
  else if (n == 9)
    set_single(cs, "windows-1254", "CP1254");
  else if (n == 11)
    set_def(cs, CS_874);
  else if (n >= 2 && n <= 16 && n != 12) {
    snprintf(name, sizeof name, "ISO-8859-%d", n);
    set_single(cs, name, name);
  } else
    return false;
  return true;
}

static bool has_prefix(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The ISO-8859-N, windows-125N and latinN families of labels. */
static bool label_family(const char *l, charset *cs) {
  static const char *const iso[] = {"iso-8859-", "iso8859-", "iso_8859-",
                                    "iso8859"};
  static const char *const win[] = {"windows-125", "cp125", "x-cp125"};
  static const int latin[] = {0, 1, 2, 3, 4, 9, 10, 0, 0, 15};
  for (size_t i = 0; i < sizeof iso / sizeof iso[0]; i++)
    if (has_prefix(l, iso[i]))
      return iso_8859(number(l + strlen(iso[i])), cs);
  for (size_t i = 0; i < sizeof win / sizeof win[0]; i++) {
    int n = has_prefix(l, win[i]) ? number(l + strlen(win[i])) : -1;
    if (n == 2)
      set_def(cs, CS_1252);
    else if (n >= 0 && n <= 8) {
      char name[SL_CHARSET_MAX], conv[SL_CHARSET_MAX];
      snprintf(name, sizeof name, "windows-125%d", n);
      snprintf(conv, sizeof conv, "CP125%d", n);
      set_single(cs, name, conv);
    }
    if (n >= 0)
      return n <= 8;
  }
  const char *d = has_prefix(l, "latin-")       ? l + 6
                  : has_prefix(l, "latin")      ? l + 5
                  : has_prefix(l, "csisolatin") ? l + 10
                  : l[0] == 'l'                 ? l + 1
                                                : NULL;
  int n = d && d[0] >= '1' && d[0] <= '9' && !d[1] ? d[0] - '0' : 0;
  return n && latin[n] && iso_8859(latin[n], cs);
}

/* A label no table knows, when iconv knows it: its name in capitals. */
static bool label_iconv(const char *l, charset *cs) {
  char name[SL_CHARSET_MAX];
  size_t n = 0;
  for (; l[n]; n++) {
    char c = l[n];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_' || c == '.' || c == ':'))
      return false; /* no '/': iconv reads "//" as options */
    name[n] = upper(c);
  }
  name[n] = '\0';
  iconv_t cd = iconv_open("UTF-8", name);
  if ((intptr_t)cd == -1)
    return false;
  iconv_close(cd);
  snprintf(cs->name, sizeof cs->name, "%s", name);
  snprintf(cs->iconv, sizeof cs->iconv, "%s", name);
  cs->kind = K_MULTI;
  return true;
}

/* Resolves a label (case, white space and quotes around it ignored). */
static bool resolve(const char *label, charset *cs) {
  char l[SL_CHARSET_MAX];
  size_t n = 0;
  while (is_space(*label) || *label == '"' || *label == '\'')
    label++;
  for (; *label && n < sizeof l - 1; label++)
    l[n++] = lower(*label);
  if (*label)
    return false; /* longer than any charset name */
  while (n && (is_space(l[n - 1]) || l[n - 1] == '"' || l[n - 1] == '\''))
    n--;
  l[n] = '\0';
  if (!n)
    return false;
  for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
    if (strcmp(l, aliases[i].label) == 0) {
      set_def(cs, aliases[i].cs);
      return true;
    }
  return label_family(l, cs) || label_iconv(l, cs);
}

bool sl_charset_normalize(const char *label, char out[SL_CHARSET_MAX]) {
  charset cs;
  out[0] = '\0';
  if (!label || !resolve(label, &cs))
    return false;
  snprintf(out, SL_CHARSET_MAX, "%s", cs.name);
  return true;
}

/* ---- finding a declared charset ---- */

/* Whether [p, end) starts with `lit` (lowercase), ignoring case. */
static bool starts_ci(const char *p, const char *end, const char *lit) {
  for (; *lit; p++, lit++)
    if (p >= end || lower(*p) != *lit)
      return false;
  return true;
}

static const char *skip_space(const char *p, const char *end) {
  while (p < end && is_space(*p))
    p++;
  return p;
}

/* Copies [s, e) into out (SL_CHARSET_MAX); false when empty or too long. */
static bool copy_label(const char *s, const char *e, char *out) {
  size_t n = (size_t)(e - s);
  if (n == 0 || n >= SL_CHARSET_MAX)
    return false;
  memcpy(out, s, n);
  out[n] = '\0';
  return true;
}

/* The value after "charset" at p (white space, '=', white space, then a
 * quoted or bare value), copied into out. */
static bool charset_value(const char *p, const char *end, char *out) {
  p = skip_space(p, end);
  if (p >= end || *p != '=')
    return false;
  p = skip_space(p + 1, end);
  if (p < end && (*p == '"' || *p == '\'')) {
    const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
    return q && copy_label(p + 1, q, out);
  }
  const char *e = p;
  while (e < end && !is_space(*e) && *e != ';' && *e != '"' && *e != '\'')
    e++;
  return copy_label(p, e, out);
}

bool sl_charset_from_content_type(const char *value, size_t len,
                                  char out[SL_CHARSET_MAX]) {
  out[0] = '\0';
  if (!value)
    return false;
  const char *end = value + len;
  for (const char *p = value; p + 7 <= end; p++) {
    if (!starts_ci(p, end, "charset"))
      continue;
    char before = p > value ? lower(p[-1]) : ' ';
    if ((before >= 'a' && before <= 'z') || (before >= '0' && before <= '9') ||
        before == '-' || before == '_')
      continue; /* "x-charset" is another parameter */
    if (charset_value(p + 7, end, out))
      return true;
    out[0] = '\0';
  }
  return false;
}

/* One attribute of a tag. */
typedef struct attr {
  const char *name, *value;
  size_t nlen, vlen;
} attr;

/* Reads the attribute at p into `a`; returns where the next one starts, or
 * NULL at the end of the tag. */
static const char *next_attr(const char *p, const char *end, attr *a) {
  while (p < end && (is_space(*p) || *p == '/'))
    p++;
  if (p >= end || *p == '>')
    return NULL;
  a->name = p;
  while (p < end && !is_space(*p) && *p != '=' && *p != '>' && *p != '/')
    p++;
  a->nlen = (size_t)(p - a->name);
  a->value = p;
  a->vlen = 0;
  const char *q = skip_space(p, end);
  if (q >= end || *q != '=')
    return p;
  q = skip_space(q + 1, end);
  if (q < end && (*q == '"' || *q == '\'')) {
    const char *close = memchr(q + 1, *q, (size_t)(end - q - 1));
    if (!close)
      return NULL;
    a->value = q + 1;
    a->vlen = (size_t)(close - q - 1);
    return close + 1;
  }
  a->value = q;
  while (q < end && !is_space(*q) && *q != '>')
    q++;
  a->vlen = (size_t)(q - a->value);
  return q;
}

static bool attr_is(const attr *a, const char *name) {
  return a->nlen == strlen(name) && starts_ci(a->name, a->name + a->nlen, name);
}

/* The charset a <meta> tag (its attributes at p) declares. */
static bool meta_tag(const char *p, const char *end, char *out) {
  attr a;
  bool pragma = false;
  const char *content = NULL;
  size_t clen = 0;
  while ((p = next_attr(p, end, &a))) {
    if (attr_is(&a, "charset"))
      return copy_label(a.value, a.value + a.vlen, out);
    if (attr_is(&a, "http-equiv"))
      pragma =
          a.vlen == 12 && starts_ci(a.value, a.value + a.vlen, "content-type");
    else if (attr_is(&a, "content")) {
      content = a.value;
      clen = a.vlen;
    }
  }
  return pragma && content && sl_charset_from_content_type(content, clen, out);
}

/* The encoding of an <?xml ...?> declaration at the start. */
static bool xml_decl(const char *b, const char *end, char *out) {
  if (!starts_ci(b, end, "<?xml"))
    return false;
  const char *close = NULL;
  for (const char *p = b; !close && p + 1 < end; p++)
    if (p[0] == '?' && p[1] == '>')
      close = p;
  for (const char *p = b + 5; close && p + 8 <= close; p++)
    if (starts_ci(p, close, "encoding"))
      return charset_value(p + 8, close, out);
  return false;
}

/* The charset the page declares in its first 4 KiB: <meta charset>,
 * <meta http-equiv=Content-Type content=...>, or an XML declaration.
 * Comments are skipped. */
static bool meta_label(const char *b, size_t len, char *out) {
  const char *end = b + (len < PRESCAN ? len : PRESCAN);
  if (len && xml_decl(b, end, out))
    return true;
  for (const char *p = b; len && (p = memchr(p, '<', (size_t)(end - p)));) {
    if (starts_ci(p, end, "<!--")) {
      const char *q = p + 4;
      while (q + 3 <= end && memcmp(q, "-->", 3) != 0)
        q++;
      p = q;
      continue;
    }
    if (starts_ci(p, end, "<meta") && p + 5 < end &&
        (is_space(p[5]) || p[5] == '/') && meta_tag(p + 5, end, out))
      return true;
    p++;
  }
  out[0] = '\0';
  return false;
}

/* ---- guessing from the bytes ---- */

typedef struct utf8_stats {
  size_t multi; /* valid multi-byte sequences */
  size_t bad;   /* bytes that start no valid sequence */
} utf8_stats;

static utf8_stats count_utf8(const char *s, size_t len) {
  utf8_stats st = {0, 0};
  for (size_t i = 0; i < len;) {
    if (!((unsigned char)s[i] & 0x80)) {
      i++;
      continue;
    }
    int32_t cp;
    int n = sl_utf8_decode(s + i, len - i, &cp);
    if (n > 0) {
      st.multi++;
      i += (size_t)n;
    } else {
      st.bad++;
      i++;
    }
  }
  return st;
}

/* UTF-8 with non-ASCII content, perhaps with a few damaged sequences: text
 * in a single-byte charset almost never forms valid multi-byte sequences. */
static bool looks_utf8(const char *s, size_t len) {
  utf8_stats st = count_utf8(s, len);
  return st.multi > 0 && st.bad <= st.multi / 4;
}

/* Bytes that are Cyrillic letters in windows-1251 or KOI8-R. */
static bool cyrillic_byte(unsigned char c) {
  return c >= 0xC0 || c == 0xA8 || c == 0xB8 || c == 0xA3 || c == 0xB3;
}

/* Whether the bytes read as Cyrillic words (runs of three or more letter
 * bytes make most of the non-ASCII bytes; Latin text has its accented
 * letters alone between ASCII ones), and then which charset: the seven most
 * frequent Russian letters (о е а и н т с) are counted in both. */
static bool guess_cyrillic(const unsigned char *p, size_t len, charset *cs) {
  static const unsigned char cp1251[] = {0xEE, 0xE5, 0xE0, 0xE8,
                                         0xED, 0xF2, 0xF1};
  static const unsigned char koi8[] = {0xCF, 0xC5, 0xC1, 0xC9,
                                       0xCE, 0xD4, 0xD3};
  size_t in_words = 0, alone = 0, run = 0, s1251 = 0, skoi = 0;
  for (size_t i = 0; i <= len; i++) {
    unsigned char c = i < len ? p[i] : 0;
    if (i < len && cyrillic_byte(c)) {
      run++;
      s1251 += memchr(cp1251, c, sizeof cp1251) != NULL;
      skoi += memchr(koi8, c, sizeof koi8) != NULL;
      continue;
    }
    *(run >= 3 ? &in_words : &alone) += run;
    alone += c >= 0x80;
    run = 0;
  }
  if (in_words < 8 || in_words < 2 * alone)
    return false;
  if (s1251 >= skoi)
    set_single(cs, "windows-1251", "CP1251");
  else
    set_def(cs, CS_KOI8R);
  return true;
}

static void guess(const char *b, size_t len, charset *cs) {
  utf8_stats st = count_utf8(b, len);
  if (st.bad == 0 || (st.multi > 0 && st.bad <= st.multi / 4))
    set_def(cs, CS_UTF8);
  else if (!guess_cyrillic((const unsigned char *)b, len, cs))
    set_def(cs, CS_1252);
}

static bool bom(const char *b, size_t len, charset *cs, size_t *bom_len) {
  if (len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) {
    set_def(cs, CS_UTF8);
    *bom_len = 3;
  } else if (len >= 2 && memcmp(b, "\xFF\xFE", 2) == 0) {
    set_def(cs, CS_UTF16LE);
    *bom_len = 2;
  } else if (len >= 2 && memcmp(b, "\xFE\xFF", 2) == 0) {
    set_def(cs, CS_UTF16BE);
    *bom_len = 2;
  }
  return *bom_len > 0;
}

/* A declared single-byte charset over bytes that are UTF-8. */
static void check_lie(const char *b, size_t len, charset *cs,
                      sl_charset_info *info) {
  if ((cs->kind == K_1252 || cs->kind == K_SINGLE) && looks_utf8(b, len)) {
    set_def(cs, CS_UTF8);
    info->overridden = true;
  }
}

static void detect(const char *b, size_t len, const char *declared, charset *cs,
                   sl_charset_info *info) {
  char label[SL_CHARSET_MAX];
  memset(info, 0, sizeof *info);
  if (bom(b, len, cs, &info->bom_len)) {
    info->from = SL_CHARSET_BOM;
  } else if (declared && resolve(declared, cs)) {
    info->from = SL_CHARSET_HEADER;
    check_lie(b, len, cs, info);
  } else if (meta_label(b, len, label) && resolve(label, cs)) {
    info->from = SL_CHARSET_META;
    if (cs->kind == K_UTF16) /* the <meta> itself was read as ASCII */
      set_def(cs, CS_UTF8);
    check_lie(b, len, cs, info);
  } else {
    info->from = SL_CHARSET_GUESS;
    guess(b, len, cs);
  }
  snprintf(info->name, sizeof info->name, "%s", cs->name);
}

void sl_charset_detect(const char *bytes, size_t len, const char *declared,
                       sl_charset_info *info) {
  charset cs;
  detect(bytes, len, declared, &cs, info);
}

/* ---- converting ---- */

/* UTF-8: invalid sequences and NUL bytes become U+FFFD. */
static sl_status from_utf8(const char *s, size_t len, sl_buf *out,
                           size_t *replaced) {
  for (;;) {
    const char *nul = len ? memchr(s, '\0', len) : NULL;
    size_t seg = nul ? (size_t)(nul - s) : len;
    sl_utf8_report rep = {0, 0};
    sl_status st = sl_utf8_sanitize(s, seg, out, &rep, NULL);
    if (st != SL_OK)
      return st;
    *replaced += rep.replaced;
    if (!nul)
      return SL_OK;
    if ((st = sl_buf_append(out, replacement, sizeof replacement)) != SL_OK)
      return st;
    ++*replaced;
    s += seg + 1;
    len -= seg + 1;
  }
}

/* windows-1252 at 0x80..0x9F (0: undefined, made U+FFFD); the rest of the
 * bytes are their own code points. */
static const uint16_t w1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static sl_status from_1252(const char *s, size_t len, sl_buf *out,
                           size_t *replaced) {
  sl_status st = sl_buf_grow(out, len);
  for (size_t i = 0; st == SL_OK && i < len;) {
    size_t run = 0;
    while (i + run < len && (unsigned char)s[i + run] - 1u < 0x7Fu)
      run++; /* ASCII but NUL */
    if (run) {
      st = sl_buf_append(out, s + i, run);
      i += run;
      continue;
    }
    unsigned char c = (unsigned char)s[i++];
    int32_t cp = c >= 0x80 && c < 0xA0 ? w1252[c - 0x80] : c;
    if (cp == 0) {
      cp = 0xFFFD;
      ++*replaced;
    }
    char u[4];
    st = sl_buf_append(out, u, (size_t)sl_utf8_encode(cp, u));
  }
  return st;
}

/* Replaces the NUL bytes iconv wrote after `from` with U+FFFD. */
static sl_status replace_nuls(sl_buf *out, size_t from, size_t *replaced) {
  if (out->len == from || !memchr(out->ptr + from, '\0', out->len - from))
    return SL_OK;
  sl_buf tail;
  sl_buf_init(&tail, out->max);
  sl_status st = from_utf8(out->ptr + from, out->len - from, &tail, replaced);
  if (st == SL_OK) {
    sl_buf_truncate(out, from);
    st = sl_buf_append(out, tail.ptr, tail.len);
  }
  sl_buf_release(&tail);
  return st;
}

/* Room iconv may write into at the end of `out`. */
static size_t room(const sl_buf *out) {
  size_t by_cap = out->cap ? out->cap - out->len - 1 : 0;
  size_t by_max = out->max - out->len;
  return by_cap < by_max ? by_cap : by_max;
}

/* Runs iconv over the input; an undecodable sequence becomes U+FFFD and
 * decoding goes on after it (two bytes later in UTF-16). */
static sl_status run_iconv(iconv_t cd, kind k, const char *s, size_t len,
                           sl_buf *out, size_t *replaced) {
  char *in = (char *)s; /* iconv's prototype; it does not write */
  size_t left = len;
  sl_status st = sl_buf_grow(out, len + 16);
  while (st == SL_OK && left) {
    char *op = out->ptr + out->len;
    size_t avail = room(out);
    size_t r = iconv(cd, &in, &left, &op, &avail);
    int e = errno;
    out->len = (size_t)(op - out->ptr);
    out->ptr[out->len] = '\0';
    if (r != (size_t)-1)
      break;
    if (e == E2BIG) {
      st = sl_buf_grow(out, left * 2 + 16);
      continue;
    }
    ++*replaced;
    st = sl_buf_append(out, replacement, sizeof replacement);
    size_t skip = e == EILSEQ ? (k == K_UTF16 ? 2 : 1) : left;
    skip = skip < left ? skip : left;
    in += skip;
    left -= skip;
  }
  return st;
}

static sl_status from_iconv(const charset *cs, const char *s, size_t len,
                            sl_buf *out, size_t *replaced) {
  iconv_t cd = iconv_open("UTF-8", cs->iconv);
  if ((intptr_t)cd == -1) /* no gconv module at run time */
    return from_1252(s, len, out, replaced);
  size_t from = out->len;
  sl_status st = run_iconv(cd, cs->kind, s, len, out, replaced);
  if (st == SL_OK && (st = sl_buf_grow(out, 16)) == SL_OK) {
    char *op = out->ptr + out->len; /* ends a stateful charset's shifts */
    size_t avail = room(out);
    iconv(cd, NULL, NULL, &op, &avail);
    out->len = (size_t)(op - out->ptr);
    out->ptr[out->len] = '\0';
  }
  iconv_close(cd);
  return st == SL_OK ? replace_nuls(out, from, replaced) : st;
}

sl_status sl_charset_to_utf8(const char *bytes, size_t len,
                             const char *declared, sl_buf *out,
                             sl_charset_info *info, sl_error *err) {
  sl_charset_info local;
  charset cs;
  if (!info)
    info = &local;
  if (!len)
    bytes = "";
  detect(bytes, len, declared, &cs, info);
  const char *s = bytes + info->bom_len;
  size_t n = len - info->bom_len, start = out->len;
  sl_status st;
  if (cs.kind == K_UTF8)
    st = from_utf8(s, n, out, &info->replaced);
  else if (cs.kind == K_1252)
    st = from_1252(s, n, out, &info->replaced);
  else
    st = from_iconv(&cs, s, n, out, &info->replaced);
  if (st != SL_OK) {
    sl_buf_truncate(out, start);
    return sl_error_set(err, st, "cannot convert %s text: %s", cs.name,
                        sl_status_str(st));
  }
  return SL_OK;
}
