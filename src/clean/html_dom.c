/* storyline clean: a small, forgiving HTML parser (see html_dom.h). One
 * pass over the bytes with an explicit stack of open elements; the
 * implied end tags of HTML (p, li, td, tr, dd, option) are applied, and
 * raw-text elements (script, style, svg...) are skipped whole. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "clean/html_dom.h"

enum { MAX_OPEN = 512, NAME_MAX = 32 };
enum { F_VOID = 1, F_RAW = 2, F_CLOSE_P = 4 };

typedef struct tag_info {
  const char *name;
  uint8_t tag;
  uint8_t flags;
} tag_info;

/* Sorted by name for the binary search. */
static const tag_info tags[] = {
    {"a", SL_T_A, 0},
    {"address", SL_T_ADDRESS, F_CLOSE_P},
    {"area", SL_T_OTHER, F_VOID},
    {"article", SL_T_ARTICLE, F_CLOSE_P},
    {"aside", SL_T_ASIDE, F_CLOSE_P},
    {"b", SL_T_B, 0},
    {"base", SL_T_OTHER, F_VOID},
    {"blockquote", SL_T_BLOCKQUOTE, F_CLOSE_P},
    {"body", SL_T_BODY, 0},
    {"br", SL_T_BR, F_VOID},
    {"button", SL_T_BUTTON, 0},
    {"canvas", SL_T_CANVAS, 0},
    {"caption", SL_T_CAPTION, 0},
    {"center", SL_T_CENTER, F_CLOSE_P},
    {"code", SL_T_CODE, 0},
    {"col", SL_T_OTHER, F_VOID},
    {"dd", SL_T_DD, F_CLOSE_P},
    {"details", SL_T_DETAILS, F_CLOSE_P},
    {"dialog", SL_T_DIALOG, F_CLOSE_P},
    {"div", SL_T_DIV, F_CLOSE_P},
    {"dl", SL_T_DL, F_CLOSE_P},
    {"dt", SL_T_DT, F_CLOSE_P},
    {"em", SL_T_EM, 0},
    {"embed", SL_T_EMBED, F_VOID},
    {"fieldset", SL_T_FIELDSET, F_CLOSE_P},
    {"figcaption", SL_T_FIGCAPTION, F_CLOSE_P},
    {"figure", SL_T_FIGURE, F_CLOSE_P},
    {"footer", SL_T_FOOTER, F_CLOSE_P},
    {"form", SL_T_FORM, F_CLOSE_P},
    {"h1", SL_T_H1, F_CLOSE_P},
    {"h2", SL_T_H2, F_CLOSE_P},
    {"h3", SL_T_H3, F_CLOSE_P},
    {"h4", SL_T_H4, F_CLOSE_P},
    {"h5", SL_T_H5, F_CLOSE_P},
    {"h6", SL_T_H6, F_CLOSE_P},
    {"head", SL_T_HEAD, 0},
    {"header", SL_T_HEADER, F_CLOSE_P},
    {"hgroup", SL_T_HGROUP, F_CLOSE_P},
    {"hr", SL_T_HR, F_VOID | F_CLOSE_P},
    {"html", SL_T_HTML, 0},
    {"i", SL_T_I, 0},
    {"iframe", SL_T_IFRAME, F_RAW},
    {"img", SL_T_IMG, F_VOID},
    {"input", SL_T_INPUT, F_VOID},
    {"label", SL_T_LABEL, 0},
    {"li", SL_T_LI, F_CLOSE_P},
    {"link", SL_T_LINK, F_VOID},
    {"main", SL_T_MAIN, F_CLOSE_P},
    {"math", SL_T_MATH, 0},
    {"menu", SL_T_MENU, F_CLOSE_P},
    {"meta", SL_T_META, F_VOID},
    {"nav", SL_T_NAV, F_CLOSE_P},
    {"noembed", SL_T_NOEMBED, F_RAW},
    {"noframes", SL_T_NOFRAMES, F_RAW},
    {"noscript", SL_T_NOSCRIPT, F_RAW},
    {"object", SL_T_OBJECT, 0},
    {"ol", SL_T_OL, F_CLOSE_P},
    {"optgroup", SL_T_OPTGROUP, 0},
    {"option", SL_T_OPTION, 0},
    {"p", SL_T_P, F_CLOSE_P},
    {"param", SL_T_OTHER, F_VOID},
    {"pre", SL_T_PRE, F_CLOSE_P},
    {"script", SL_T_SCRIPT, F_RAW},
    {"section", SL_T_SECTION, F_CLOSE_P},
    {"select", SL_T_SELECT, 0},
    {"source", SL_T_OTHER, F_VOID},
    {"span", SL_T_SPAN, 0},
    {"strong", SL_T_STRONG, 0},
    {"style", SL_T_STYLE, F_RAW},
    {"summary", SL_T_SUMMARY, 0},
    {"svg", SL_T_SVG, F_RAW},
    {"table", SL_T_TABLE, F_CLOSE_P},
    {"tbody", SL_T_TBODY, 0},
    {"td", SL_T_TD, 0},
    {"template", SL_T_TEMPLATE, F_RAW},
    {"textarea", SL_T_TEXTAREA, F_RAW},
    {"tfoot", SL_T_TFOOT, 0},
    {"th", SL_T_TH, 0},
    {"thead", SL_T_THEAD, 0},
    {"time", SL_T_TIME, 0},
    {"title", SL_T_TITLE, F_RAW},
    {"tr", SL_T_TR, 0},
    {"track", SL_T_OTHER, F_VOID},
    {"ul", SL_T_UL, F_CLOSE_P},
    {"wbr", SL_T_OTHER, F_VOID},
    {"xmp", SL_T_XMP, F_RAW},
};

typedef struct entity {
  const char *name;
  int32_t cp;
} entity;

/* HTML 4's named character references, sorted by name. */
static const entity entities[] = {
    {"AElig", 198},    {"Aacute", 193},  {"Acirc", 194},    {"Agrave", 192},
    {"Alpha", 913},    {"Aring", 197},   {"Atilde", 195},   {"Auml", 196},
    {"Beta", 914},     {"Ccedil", 199},  {"Chi", 935},      {"Dagger", 8225},
    {"Delta", 916},    {"ETH", 208},     {"Eacute", 201},   {"Ecirc", 202},
    {"Egrave", 200},   {"Epsilon", 917}, {"Eta", 919},      {"Euml", 203},
    {"Gamma", 915},    {"Iacute", 205},  {"Icirc", 206},    {"Igrave", 204},
    {"Iota", 921},     {"Iuml", 207},    {"Kappa", 922},    {"Lambda", 923},
    {"Mu", 924},       {"Ntilde", 209},  {"Nu", 925},       {"OElig", 338},
    {"Oacute", 211},   {"Ocirc", 212},   {"Ograve", 210},   {"Omega", 937},
    {"Omicron", 927},  {"Oslash", 216},  {"Otilde", 213},   {"Ouml", 214},
    {"Phi", 934},      {"Pi", 928},      {"Prime", 8243},   {"Psi", 936},
    {"Rho", 929},      {"Scaron", 352},  {"Sigma", 931},    {"THORN", 222},
    {"Tau", 932},      {"Theta", 920},   {"Uacute", 218},   {"Ucirc", 219},
    {"Ugrave", 217},   {"Upsilon", 933}, {"Uuml", 220},     {"Xi", 926},
    {"Yacute", 221},   {"Yuml", 376},    {"Zeta", 918},     {"aacute", 225},
    {"acirc", 226},    {"acute", 180},   {"aelig", 230},    {"agrave", 224},
    {"alefsym", 8501}, {"alpha", 945},   {"amp", 38},       {"and", 8743},
    {"ang", 8736},     {"apos", 39},     {"aring", 229},    {"asymp", 8776},
    {"atilde", 227},   {"auml", 228},    {"bdquo", 8222},   {"beta", 946},
    {"brvbar", 166},   {"bull", 8226},   {"cap", 8745},     {"ccedil", 231},
    {"cedil", 184},    {"cent", 162},    {"chi", 967},      {"circ", 710},
    {"clubs", 9827},   {"cong", 8773},   {"copy", 169},     {"crarr", 8629},
    {"cup", 8746},     {"curren", 164},  {"dArr", 8659},    {"dagger", 8224},
    {"darr", 8595},    {"deg", 176},     {"delta", 948},    {"diams", 9830},
    {"divide", 247},   {"eacute", 233},  {"ecirc", 234},    {"egrave", 232},
    {"empty", 8709},   {"emsp", 8195},   {"ensp", 8194},    {"epsilon", 949},
    {"equiv", 8801},   {"eta", 951},     {"eth", 240},      {"euml", 235},
    {"euro", 8364},    {"exist", 8707},  {"fnof", 402},     {"forall", 8704},
    {"frac12", 189},   {"frac14", 188},  {"frac34", 190},   {"frasl", 8260},
    {"gamma", 947},    {"ge", 8805},     {"gt", 62},        {"hArr", 8660},
    {"harr", 8596},    {"hearts", 9829}, {"hellip", 8230},  {"iacute", 237},
    {"icirc", 238},    {"iexcl", 161},   {"igrave", 236},   {"image", 8465},
    {"infin", 8734},   {"int", 8747},    {"iota", 953},     {"iquest", 191},
    {"isin", 8712},    {"iuml", 239},    {"kappa", 954},    {"lArr", 8656},
    {"lambda", 955},   {"lang", 9001},   {"laquo", 171},    {"larr", 8592},
    {"lceil", 8968},   {"ldquo", 8220},  {"le", 8804},      {"lfloor", 8970},
    {"lowast", 8727},  {"loz", 9674},    {"lrm", 8206},     {"lsaquo", 8249},
    {"lsquo", 8216},   {"lt", 60},       {"macr", 175},     {"mdash", 8212},
    {"micro", 181},    {"middot", 183},  {"minus", 8722},   {"mu", 956},
    {"nabla", 8711},   {"nbsp", 160},    {"ndash", 8211},   {"ne", 8800},
    {"ni", 8715},      {"not", 172},     {"notin", 8713},   {"nsub", 8836},
    {"ntilde", 241},   {"nu", 957},      {"oacute", 243},   {"ocirc", 244},
    {"oelig", 339},    {"ograve", 242},  {"oline", 8254},   {"omega", 969},
    {"omicron", 959},  {"oplus", 8853},  {"or", 8744},      {"ordf", 170},
    {"ordm", 186},     {"oslash", 248},  {"otilde", 245},   {"otimes", 8855},
    {"ouml", 246},     {"para", 182},    {"part", 8706},    {"permil", 8240},
    {"perp", 8869},    {"phi", 966},     {"pi", 960},       {"piv", 982},
    {"plusmn", 177},   {"pound", 163},   {"prime", 8242},   {"prod", 8719},
    {"prop", 8733},    {"psi", 968},     {"quot", 34},      {"rArr", 8658},
    {"radic", 8730},   {"rang", 9002},   {"raquo", 187},    {"rarr", 8594},
    {"rceil", 8969},   {"rdquo", 8221},  {"real", 8476},    {"reg", 174},
    {"rfloor", 8971},  {"rho", 961},     {"rlm", 8207},     {"rsaquo", 8250},
    {"rsquo", 8217},   {"sbquo", 8218},  {"scaron", 353},   {"sdot", 8901},
    {"sect", 167},     {"shy", 173},     {"sigma", 963},    {"sigmaf", 962},
    {"sim", 8764},     {"spades", 9824}, {"sub", 8834},     {"sube", 8838},
    {"sum", 8721},     {"sup", 8835},    {"sup1", 185},     {"sup2", 178},
    {"sup3", 179},     {"supe", 8839},   {"szlig", 223},    {"tau", 964},
    {"there4", 8756},  {"theta", 952},   {"thetasym", 977}, {"thinsp", 8201},
    {"thorn", 254},    {"tilde", 732},   {"times", 215},    {"trade", 8482},
    {"uArr", 8657},    {"uacute", 250},  {"uarr", 8593},    {"ucirc", 251},
    {"ugrave", 249},   {"uml", 168},     {"upsih", 978},    {"upsilon", 965},
    {"uuml", 252},     {"weierp", 8472}, {"xi", 958},       {"yacute", 253},
    {"yen", 165},      {"yuml", 255},    {"zeta", 950},     {"zwj", 8205},
    {"zwnj", 8204}};

typedef struct parser {
  sl_dom *d;
  const char *s, *end; /* the input not yet read */
  uint32_t stack[MAX_OPEN];
  uint32_t depth;            /* stack[0] is the root */
  uint32_t open[SL_T_COUNT]; /* open elements per tag */
  sl_status st;
} parser;

static bool is_space(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

static bool is_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

static unsigned char lower(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Room for `extra` more bytes of text. */
static bool reserve_bytes(parser *p, size_t extra) {
  sl_dom *d = p->d;
  if (d->blen + extra + 1 <= d->bcap)
    return true;
  if (d->blen + extra + 1 > UINT32_MAX) {
    p->st = SL_ETOOBIG;
    return false;
  }
  size_t cap = d->bcap ? d->bcap : 4096;
  while (cap < d->blen + extra + 1)
    cap *= 2;
  char *b = realloc(d->bytes, cap);
  if (!b) {
    p->st = SL_ENOMEM;
    return false;
  }
  d->bytes = b;
  d->bcap = cap;
  return true;
}

static sl_hnode *new_node(parser *p, uint8_t kind, uint16_t tag) {
  sl_dom *d = p->d;
  if (d->count == d->cap) {
    uint32_t cap = d->cap ? d->cap * 2 : 256;
    sl_hnode *n = cap > d->cap ? realloc(d->nodes, cap * sizeof *n) : NULL;
    if (!n) {
      p->st = SL_ENOMEM;
      return NULL;
    }
    d->nodes = n;
    d->cap = cap;
  }
  sl_hnode *n = &d->nodes[d->count];
  *n = (sl_hnode){p->stack[p->depth - 1], d->count + 1, 0, 0, tag, kind, 0, 0};
  d->count++;
  return n;
}

static void push(parser *p, uint32_t idx) {
  p->stack[p->depth++] = idx;
  p->open[p->d->nodes[idx].tag]++;
}

static void pop(parser *p) {
  sl_hnode *n = &p->d->nodes[p->stack[--p->depth]];
  n->end = p->d->count;
  p->open[n->tag]--;
}

/* Decodes the character reference at `s` ('&'); writes its UTF-8 to `o`
 * and returns the bytes written (0: not a reference, take '&' as is).
 * `*used` gets the input bytes it took. */
static int decode_ref(const char *s, const char *end, bool attr, char *o,
                      size_t *used) {
  const char *q = s + 1;
  int32_t cp = -1;
  if (q < end && *q == '#') {
    bool hex = q + 1 < end && (q[1] == 'x' || q[1] == 'X');
    q += hex ? 2 : 1;
    const char *digits = q;
    uint32_t v = 0;
    for (; q < end && q - digits < 8; q++) {
      unsigned char c = lower((unsigned char)*q);
      uint32_t dv = c >= '0' && c <= '9'          ? c - (uint32_t)'0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10u
                                                  : 99u;
      if (dv == 99u)
        break;
      v = v * (hex ? 16u : 10u) + dv;
    }
    if (q == digits)
      return 0;
    static const uint16_t cp1252[32] = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    cp = v >= 0x80 && v < 0xA0 ? cp1252[v - 0x80]
         : v == 0 || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000) ? 0xFFFD
                                                                 : (int32_t)v;
  } else {
    char name[NAME_MAX];
    size_t n = 0;
    for (; q < end && is_alnum((unsigned char)*q) && n < NAME_MAX - 1; q++)
      name[n++] = *q;
    name[n] = '\0';
    if (n == 0 || (attr && (q >= end || *q != ';')))
      return 0;
    size_t lo = 0, hi = sizeof entities / sizeof entities[0];
    while (lo < hi && cp < 0) {
      size_t mid = (lo + hi) / 2;
      int c = strcmp(name, entities[mid].name);
      if (c == 0)
        cp = entities[mid].cp;
      else if (c < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
    if (cp < 0)
      return 0;
  }
  if (q < end && *q == ';')
    q++;
  *used = (size_t)(q - s);
  if (cp == 0xA0)
    cp = ' ';
  return sl_utf8_encode(cp, o);
}

/* Appends text with references decoded, white space folded (a no-break
 * space counts as white space) and NUL bytes dropped; returns the bytes
 * written. */

static size_t put_text(parser *p, const char *s, const char *end, bool attr) {
  if (!reserve_bytes(p, (size_t)(end - s)))
    return 0;
  char *start = p->d->bytes + p->d->blen, *o = start;
  bool space = false;
  while (s < end) {
    unsigned char c = (unsigned char)*s;
    if (is_space(c) ||
        (c == 0xC2 && s + 1 < end && (unsigned char)s[1] == 0xA0)) {
      if (!space)
        *o++ = ' ';
      space = true;
      s += c == 0xC2 ? 2 : 1;
      continue;
    }
    if (c == 0) { /* NUL bytes are dropped, as browsers do */
      s++;
      continue;
    }
    size_t used = 0;
    int w = c == '&' ? decode_ref(s, end, attr, o, &used) : 0;
    if (w > 0 && o[0] == ' ' && w == 1) {
      if (!space)
        o++;
      space = true;
      s += used;
      continue;
    }
    space = false;
    if (w > 0) {
      o += w;
      s += used;
    } else {
      *o++ = (char)c;
      s++;
    }
  }
  size_t n = (size_t)(o - start);
  p->d->blen += n;
  return n;
}

/* A text node under the current element, merged with the previous one
 * when they touch. */
static void add_text(parser *p, const char *s, const char *end, bool raw) {
  sl_dom *d = p->d;
  uint32_t at = (uint32_t)d->blen;
  size_t n = 0;
  if (raw) {
    n = (size_t)(end - s);
    if (!reserve_bytes(p, n))
      return;
    memcpy(d->bytes + d->blen, s, n);
    d->blen += n;
  } else {
    n = put_text(p, s, end, false);
  }
  if (n == 0)
    return;
  uint32_t top = p->stack[p->depth - 1];
  sl_hnode *last = d->count > 1 ? &d->nodes[d->count - 1] : NULL;
  if (last && last->kind == SL_HTEXT && last->parent == top &&
      last->off + last->len == at) {
    last->len += (uint32_t)n;
    return;
  }
  sl_hnode *t = new_node(p, SL_HTEXT, SL_T_OTHER);
  if (t) {
    t->off = at;
    t->len = (uint32_t)n;
  }
}

static const tag_info *find_tag(const char *name) {
  size_t lo = 0, hi = sizeof tags / sizeof tags[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(name, tags[mid].name);
    if (c == 0)
      return &tags[mid];
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}

/* Reads a tag name at p->s, lowercased into `name`; returns its hash. */
static uint16_t read_name(parser *p, char name[NAME_MAX]) {
  size_t n = 0;
  uint32_t h = 5381;
  for (; p->s < p->end; p->s++) {
    unsigned char c = (unsigned char)*p->s;
    if (is_space(c) || c == '/' || c == '>')
      break;
    c = lower(c);
    h = h * 33 + c;
    if (n < NAME_MAX - 1)
      name[n++] = (char)c;
  }
  name[n] = '\0';
  return (uint16_t)(h ^ (h >> 16));
}

static int attr_id(const char *n, size_t len) {
  static const char *const names[SL_A_COUNT] = {
      "class", "id",      "role",   "itemprop", "property",
      "name",  "content", "rel",    "href",     "datetime",
      "type",  "lang",    "hidden", "style",    "itemtype"};
  for (int i = 0; i < SL_A_COUNT; i++) {
    size_t k = 0;
    for (; k < len && names[i][k] &&
           lower((unsigned char)n[k]) == (unsigned char)names[i][k];
         k++)
      ;
    if (k == len && names[i][k] == '\0')
      return i;
  }
  return -1;
}

static void add_attr(parser *p, int id, const char *v, const char *vend,
                     uint32_t first) {
  sl_dom *d = p->d;
  for (uint32_t i = first; i < d->nattrs; i++)
    if (d->attrs[i].name == (uint32_t)id)
      return; /* the first of two wins */
  if (d->nattrs == d->acap) {
    uint32_t cap = d->acap ? d->acap * 2 : 256;
    sl_hattr *a = cap > d->acap ? realloc(d->attrs, cap * sizeof *a) : NULL;
    if (!a) {
      p->st = SL_ENOMEM;
      return;
    }
    d->attrs = a;
    d->acap = cap;
  }
  uint32_t at = (uint32_t)d->blen;
  size_t n = put_text(p, v, vend, true);
  if (p->st != SL_OK)
    return;
  if (n && d->bytes[at] == ' ') /* folded leading and trailing space */
    memmove(d->bytes + at, d->bytes + at + 1, --n);
  if (n && d->bytes[at + n - 1] == ' ')
    n--;
  d->bytes[at + n] = '\0';
  d->blen = at + n + 1;
  d->attrs[d->nattrs++] = (sl_hattr){(uint32_t)id, at, (uint32_t)n};
}

/* Reads the attributes up to '>'; returns whether the tag ended in "/>". */
static bool read_attrs(parser *p) {
  uint32_t first = p->d->nattrs;
  bool self = false;
  while (p->s < p->end && p->st == SL_OK) {
    unsigned char c = (unsigned char)*p->s;
    if (c == '>') {
      p->s++;
      return self;
    }
    self = c == '/';
    if (is_space(c) || c == '/') {
      p->s++;
      continue;
    }
    const char *name = p->s;
    while (p->s < p->end && !is_space((unsigned char)*p->s) && *p->s != '=' &&
           *p->s != '>' && (*p->s != '/' || p->s == name))
      p->s++;
    size_t nlen = (size_t)(p->s - name);
    while (p->s < p->end && is_space((unsigned char)*p->s))
      p->s++;
    const char *v = p->s, *vend = p->s;
    if (p->s < p->end && *p->s == '=') {
      p->s++;
      while (p->s < p->end && is_space((unsigned char)*p->s))
        p->s++;
      char q = p->s < p->end ? *p->s : 0;
      if (q == '"' || q == '\'') {
        v = ++p->s;
        const char *e = memchr(v, q, (size_t)(p->end - v));
        vend = e ? e : p->end;
        p->s = e ? e + 1 : p->end;
      } else {
        v = p->s;
        while (p->s < p->end && !is_space((unsigned char)*p->s) && *p->s != '>')
          p->s++;
        vend = p->s;
      }
    }
    int id = attr_id(name, nlen);
    if (id >= 0)
      add_attr(p, id, v, vend, first);
  }
  return self;
}

/* Pops open elements down to and including the nearest one `want`
 * accepts, unless an element `stop` accepts comes first. */
static void close_through(parser *p, bool (*want)(uint16_t),
                          bool (*stop)(uint16_t)) {
  for (uint32_t i = p->depth - 1; i > 0; i--) {
    uint16_t t = p->d->nodes[p->stack[i]].tag;
    if (want(t)) {
      while (p->depth > i)
        pop(p);
      return;
    }
    if (stop(t))
      return;
  }
}

static bool scope(uint16_t t) {
  return t == SL_T_HTML || t == SL_T_TABLE || t == SL_T_TD || t == SL_T_TH ||
         t == SL_T_CAPTION || t == SL_T_BUTTON || t == SL_T_OBJECT ||
         t == SL_T_TEMPLATE;
}
static bool is_p(uint16_t t) {
  return t == SL_T_P;
}
static bool is_a(uint16_t t) {
  return t == SL_T_A;
}
static bool is_li(uint16_t t) {
  return t == SL_T_LI;
}
static bool is_dx(uint16_t t) {
  return t == SL_T_DD || t == SL_T_DT;
}
static bool is_cell(uint16_t t) {
  return t == SL_T_TD || t == SL_T_TH;
}
static bool is_row(uint16_t t) {
  return t == SL_T_TR || is_cell(t);
}
static bool is_section(uint16_t t) {
  return t == SL_T_THEAD || t == SL_T_TBODY || t == SL_T_TFOOT || is_row(t);
}
static bool is_option(uint16_t t) {
  return t == SL_T_OPTION;
}
static bool is_optgroup(uint16_t t) {
  return t == SL_T_OPTION || t == SL_T_OPTGROUP;
}
static bool list_stop(uint16_t t) {
  return t == SL_T_UL || t == SL_T_OL || t == SL_T_MENU || scope(t);
}
static bool dl_stop(uint16_t t) {
  return t == SL_T_DL || scope(t);
}
static bool row_stop(uint16_t t) {
  return t == SL_T_TABLE || t == SL_T_THEAD || t == SL_T_TBODY ||
         t == SL_T_TFOOT || t == SL_T_HTML || t == SL_T_TEMPLATE;
}
static bool cell_stop(uint16_t t) {
  return t == SL_T_TR || row_stop(t);
}
static bool table_stop(uint16_t t) {
  return t == SL_T_TABLE || t == SL_T_HTML || t == SL_T_TEMPLATE;
}
static bool select_stop(uint16_t t) {
  return t == SL_T_SELECT || scope(t);
}
static bool is_heading(uint16_t t) {
  return t >= SL_T_H1 && t <= SL_T_H6;
}

/* The end tags a start tag implies. */
static void implied_ends(parser *p, const tag_info *ti) {
  uint16_t t = ti->tag;
  const uint32_t *o = p->open;
  if ((ti->flags & F_CLOSE_P) && o[SL_T_P])
    close_through(p, is_p, scope);
  if (t == SL_T_LI && o[SL_T_LI])
    close_through(p, is_li, list_stop);
  else if ((t == SL_T_DD || t == SL_T_DT) && (o[SL_T_DD] || o[SL_T_DT]))
    close_through(p, is_dx, dl_stop);
  else if (t == SL_T_TR && (o[SL_T_TR] || o[SL_T_TD] || o[SL_T_TH]))
    close_through(p, is_row, row_stop);
  else if ((t == SL_T_TD || t == SL_T_TH) && (o[SL_T_TD] || o[SL_T_TH]))
    close_through(p, is_cell, cell_stop);
  else if ((t == SL_T_THEAD || t == SL_T_TBODY || t == SL_T_TFOOT))
    close_through(p, is_section, table_stop);
  else if (t == SL_T_OPTION && o[SL_T_OPTION])
    close_through(p, is_option, select_stop);
  else if (t == SL_T_OPTGROUP && (o[SL_T_OPTION] || o[SL_T_OPTGROUP]))
    close_through(p, is_optgroup, select_stop);
  else if (t == SL_T_A && o[SL_T_A])
    close_through(p, is_a, scope);
  if (is_heading(t) && is_heading(p->d->nodes[p->stack[p->depth - 1]].tag))
    pop(p);
}

/* Where the raw text of element `name` ends: its end tag, or the end. */
static const char *raw_end(parser *p, const char *name) {
  size_t n = strlen(name);
  for (const char *s = p->s; s < p->end;) {
    const char *lt = memchr(s, '<', (size_t)(p->end - s));
    if (!lt)
      break;
    if (lt + 2 + n <= p->end && lt[1] == '/' &&
        strncasecmp(lt + 2, name, n) == 0 &&
        (lt + 2 + n == p->end || !is_alnum((unsigned char)lt[2 + n])))
      return lt;
    s = lt + 1;
  }
  return p->end;
}

/* A raw-text element: the title keeps its text, a JSON script its
 * source; the others (scripts, styles, svg) are skipped. */
static void raw_element(parser *p, const tag_info *ti, uint32_t idx) {
  const char *start = p->s, *stop = raw_end(p, ti->name);
  bool json = false;
  if (ti->tag == SL_T_SCRIPT) {
    const char *type = sl__dom_attr(p->d, idx, SL_A_TYPE, NULL);
    json = type && strstr(type, "json");
  }
  p->s = stop;
  if ((ti->tag != SL_T_TITLE && !json) || p->depth >= MAX_OPEN)
    return;
  push(p, idx);
  add_text(p, start, stop, json);
  pop(p);
}

/* Whether a script holds markup for the page to show (a client-side
 * template): type "text/template", "text/html", "text/x-template". */
static bool markup_script(const sl_dom *d, uint32_t first) {
  for (uint32_t i = first; i < d->nattrs; i++)
    if (d->attrs[i].name == SL_A_TYPE) {
      const char *t = d->bytes + d->attrs[i].off;
      return strstr(t, "template") || strstr(t, "text/html");
    }
  return false;
}

static void start_tag(parser *p) {
  char name[NAME_MAX];
  uint16_t hash = read_name(p, name);
  const tag_info *ti = find_tag(name);
  static const tag_info other = {"", SL_T_OTHER, 0};
  if (!ti)
    ti = &other;
  implied_ends(p, ti);
  uint32_t first = p->d->nattrs;
  bool self = read_attrs(p);
  if (ti->tag == SL_T_SCRIPT && markup_script(p->d, first)) {
    p->d->nattrs = first; /* its markup is parsed as the page's own */
    return;
  }
  sl_hnode *n = p->st == SL_OK ? new_node(p, SL_HELEM, ti->tag) : NULL;
  if (!n)
    return;
  n->off = first;
  n->len = p->d->nattrs - first;
  n->hash = hash;
  uint32_t idx = p->d->count - 1;
  if (ti->flags & F_RAW)
    raw_element(p, ti, idx);
  else if (!(ti->flags & F_VOID) && !(self && ti->tag == SL_T_OTHER) &&
           p->depth < MAX_OPEN)
    push(p, idx);
}

static void end_tag(parser *p) {
  char name[NAME_MAX];
  uint16_t hash = read_name(p, name);
  const char *gt = memchr(p->s, '>', (size_t)(p->end - p->s));
  p->s = gt ? gt + 1 : p->end;
  const tag_info *ti = find_tag(name);
  uint16_t t = ti ? ti->tag : SL_T_OTHER;
  if (t == SL_T_BR) {
    if (new_node(p, SL_HELEM, SL_T_BR))
      p->d->nodes[p->d->count - 1].off = p->d->nattrs;
    return;
  }
  if (t == SL_T_BODY || t == SL_T_HTML || !p->open[t])
    return;
  bool cellish = is_section(t) || t == SL_T_TABLE || t == SL_T_CAPTION;
  for (uint32_t i = p->depth - 1; i > 0; i--) {
    const sl_hnode *n = &p->d->nodes[p->stack[i]];
    if (n->tag == t && (t != SL_T_OTHER || n->hash == hash)) {
      while (p->depth > i)
        pop(p);
      return;
    }
    if (!cellish &&
        (is_cell(n->tag) || n->tag == SL_T_TABLE || n->tag == SL_T_CAPTION))
      return;
  }
}

/* Skips "<!-- ... -->", "<!DOCTYPE ...>", "<?...>" and "</ ...>". */
static void skip_markup(parser *p) {
  if (p->end - p->s >= 4 && memcmp(p->s, "<!--", 4) == 0) {
    const char *s = p->s + 4;
    for (;;) {
      const char *e = memchr(s, '-', (size_t)(p->end - s));
      if (!e || p->end - e < 3) {
        p->s = p->end;
        return;
      }
      if (e[1] == '-' && e[2] == '>') {
        p->s = e + 3;
        return;
      }
      s = e + 1;
    }
  }
  const char *gt = memchr(p->s, '>', (size_t)(p->end - p->s));
  p->s = gt ? gt + 1 : p->end;
}

static void parse(parser *p) {
  while (p->s < p->end && p->st == SL_OK) {
    const char *lt = memchr(p->s, '<', (size_t)(p->end - p->s));
    const char *stop = lt ? lt : p->end;
    if (stop > p->s)
      add_text(p, p->s, stop, false);
    p->s = stop;
    if (!lt || p->st != SL_OK)
      break;
    unsigned char c = lt + 1 < p->end ? (unsigned char)lt[1] : 0;
    unsigned char c2 = lt + 2 < p->end ? (unsigned char)lt[2] : 0;
    if ((c | 32) >= 'a' && (c | 32) <= 'z') {
      p->s = lt + 1;
      start_tag(p);
    } else if (c == '/' && (c2 | 32) >= 'a' && (c2 | 32) <= 'z') {
      p->s = lt + 2;
      end_tag(p);
    } else if (c == '!' || c == '?' || c == '/') {
      skip_markup(p);
    } else {
      add_text(p, lt, lt + 1, false);
      p->s = lt + 1;
    }
  }
  while (p->depth > 1)
    pop(p);
}

sl_status sl__dom_parse(sl_dom *d, const char *html, size_t len) {
  memset(d, 0, sizeof *d);
  parser *p = calloc(1, sizeof *p);
  if (!p)
    return SL_ENOMEM;
  p->d = d;
  p->s = html;
  p->end = html + len;
  if (len >= 3 && memcmp(html, "\xEF\xBB\xBF", 3) == 0)
    p->s += 3;
  p->depth = 1;
  sl_hnode *root = new_node(p, SL_HELEM, SL_T_ROOT);
  if (root) {
    root->parent = 0;
    parse(p);
    d->nodes[0].end = d->count;
  }
  sl_status st = p->st;
  free(p);
  if (st != SL_OK)
    sl__dom_release(d);
  return st;
}

void sl__dom_release(sl_dom *d) {
  free(d->nodes);
  free(d->attrs);
  free(d->bytes);
  memset(d, 0, sizeof *d);
}

const char *sl__dom_attr(const sl_dom *d, uint32_t n, sl_hattr_name a,
                         size_t *len) {
  const sl_hnode *e = &d->nodes[n];
  if (e->kind != SL_HELEM)
    return NULL;
  for (uint32_t i = e->off; i < e->off + e->len; i++)
    if (d->attrs[i].name == (uint32_t)a) {
      if (len)
        *len = d->attrs[i].len;
      return d->bytes + d->attrs[i].off;
    }
  return NULL;
}
