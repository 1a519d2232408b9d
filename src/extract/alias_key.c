/* storyline extract: the forms of a name the alias merger compares: the
 * mention cleaned of articles and titles, folded (case, accents, the al-
 * and de particles), and its transliteration skeleton, where Gaddafi,
 * Qadhafi and Kadhafi, or Muhammad and Mohamed, come out the same. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "extract/alias_int.h"

/* Leading words dropped from any name: articles, prepositions. */
static const char *const LEAD[] = {
    "the",    "a",    "an",   "in",     "at",     "on",   "from",    "to",
    "near",   "of",   "for",  "by",     "with",   "into", "outside", "inside",
    "former", "late", "then", "across", "around", "over"};
/* Titles dropped from the front of a person's name. */
static const char *const TITLE[] = {"the",
                                    "of",
                                    "for",
                                    "former",
                                    "late",
                                    "then",
                                    "president",
                                    "vice",
                                    "prime",
                                    "minister",
                                    "secretary",
                                    "foreign",
                                    "defence",
                                    "defense",
                                    "chancellor",
                                    "premier",
                                    "king",
                                    "queen",
                                    "prince",
                                    "princess",
                                    "crown",
                                    "emperor",
                                    "pope",
                                    "sheikh",
                                    "ayatollah",
                                    "leader",
                                    "supreme",
                                    "chairman",
                                    "chairwoman",
                                    "chair",
                                    "chief",
                                    "executive",
                                    "ceo",
                                    "director",
                                    "general",
                                    "gen",
                                    "col",
                                    "colonel",
                                    "lt",
                                    "lieutenant",
                                    "major",
                                    "maj",
                                    "capt",
                                    "captain",
                                    "sgt",
                                    "sergeant",
                                    "admiral",
                                    "adm",
                                    "commander",
                                    "mr",
                                    "mrs",
                                    "ms",
                                    "miss",
                                    "dr",
                                    "doctor",
                                    "prof",
                                    "professor",
                                    "sen",
                                    "senator",
                                    "rep",
                                    "representative",
                                    "congressman",
                                    "congresswoman",
                                    "gov",
                                    "governor",
                                    "mayor",
                                    "judge",
                                    "justice",
                                    "lord",
                                    "lady",
                                    "sir",
                                    "dame",
                                    "rev",
                                    "reverend",
                                    "father",
                                    "bishop",
                                    "archbishop",
                                    "cardinal",
                                    "imam",
                                    "rabbi",
                                    "speaker",
                                    "ambassador",
                                    "envoy",
                                    "spokesman",
                                    "spokeswoman",
                                    "spokesperson",
                                    "officer",
                                    "agent",
                                    "coach",
                                    "manager",
                                    "striker",
                                    "actor",
                                    "actress",
                                    "singer",
                                    "star",
                                    "state",
                                    "attorney",
                                    "deputy",
                                    "acting",
                                    "interior",
                                    "finance",
                                    "health",
                                    "house",
                                    "senate",
                                    "majority",
                                    "minority",
                                    "whip",
                                    "first",
                                    "national",
                                    "security",
                                    "adviser",
                                    "advisor",
                                    "head",
                                    "founder",
                                    "owner",
                                    "rebel",
                                    "militant",
                                    "opposition",
                                    "dictator",
                                    "strongman",
                                    "colonel's"};
/* Particles left out of the folded form. */
static const char *const PARTICLE[] = {
    "al", "el", "ul", "de", "van", "von", "der", "den", "da",
    "di", "du", "la", "le", "bin", "ibn", "the", "of",  "and"};
/* Endings left out of the folded form: "Jr.", "Corp.", "Inc.". */
static const char *const SUFFIX[] = {"jr",  "sr",  "ii",   "iii", "iv",
                                     "md",  "phd", "corp", "inc", "ltd",
                                     "llc", "plc", "co",   "esq"};

static bool in(const char *const *set, size_t n, const char *w, size_t len) {
  for (size_t i = 0; i < n; i++)
    if (strlen(set[i]) == len && strncmp(set[i], w, len) == 0)
      return true;
  return false;
}
#define IN(set, w, len) in((set), sizeof(set) / sizeof((set)[0]), (w), (len))

typedef struct word {
  uint32_t start, len;
} word;

/* Splits at white space; trailing , ; : ) and a final period of a lowercase
 * abbreviation stay with the word here and are judged by `lower_word`. */
static size_t split_words(const char *s, size_t len, word *w, size_t max) {
  size_t n = 0;
  for (size_t i = 0; i < len && n < max;) {
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
      i++;
    size_t b = i;
    while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
      i++;
    if (i > b)
      w[n++] = (word){(uint32_t)b, (uint32_t)(i - b)};
  }
  return n;
}

/* The word in lowercase ASCII without its final punctuation, in `out`. */
static size_t lower_word(const char *s, word w, char *out, size_t cap) {
  size_t n = 0;
  for (size_t i = 0; i < w.len && n + 1 < cap; i++) {
    char c = s[w.start + i];
    out[n++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
  }
  while (n && strchr(".,;:)(\"'", out[n - 1]))
    n--;
  out[n] = '\0';
  return n;
}

static bool is_upper_start(const char *s, word w) {
  unsigned char c = (unsigned char)s[w.start];
  return (c >= 'A' && c <= 'Z') || c >= 0xc0;
}

/* How many leading words to drop: articles, titles, and the nationality
 * or office in front of a title ("US Secretary of State"). */
static size_t lead_words(const char *s, const word *w, size_t n, bool per) {
  size_t k = 0;
  char lw[64], nx[64];
  while (k + 1 < n) {
    size_t l = lower_word(s, w[k], lw, sizeof lw);
    lower_word(s, w[k + 1], nx, sizeof nx);
    bool title_next = per && IN(TITLE, nx, strlen(nx)) && k + 2 < n;
    bool particle = memchr(lw, '-', l) && l > 3 && lw[2] == '-';
    bool lower = !is_upper_start(s, w[k]) && !particle;
    if (IN(LEAD, lw, l) || (per && IN(TITLE, lw, l)) || lower ||
        (title_next && is_upper_start(s, w[k])))
      k++;
    else
      break;
  }
  return k;
}

/* The skeleton of one folded token: consonants, transliteration pairs
 * merged (q/k/g/c, z/s, w/v, dh/d, kh/k, ph/f...), doubles collapsed,
 * vowels (and j, y) out except a mark for an initial one. */
static size_t skeleton(const char *t, size_t n, char *out) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    char c = t[i], d = i + 1 < n ? t[i + 1] : 0, m;
    if (d == 'h' && strchr("dktgpsczj", c)) {
      m = c == 'g' ? 'k' : c == 'p' ? 'f' : c == 'c' || c == 'z' ? 's' : c;
      i++;
    } else if (strchr("aeiouyj", c)) {
      if (i == 0)
        out[k++] = 'a';
      continue;
    } else {
      m = strchr("qcgk", c) ? 'k' : c == 'z' ? 's' : c == 'w' ? 'v' : c;
    }
    if (k == 0 || out[k - 1] != m)
      out[k++] = m;
  }
  return k;
}

/* Lowercase, NFKC, accents stripped; NULL when out of memory. */
static char *fold(const char *s, size_t len) {
  utf8proc_uint8_t *dst = NULL;
  utf8proc_ssize_t n =
      utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &dst,
                   UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                       UTF8PROC_STRIPMARK | UTF8PROC_STABLE | UTF8PROC_IGNORE);
  if (n < 0) {
    free(dst);
    return NULL;
  }
  return (char *)dst;
}

static bool is_sep(unsigned char c) {
  return c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '/';
}
static bool is_drop(unsigned char c) {
  return c == '.' || c == '\'' || c == ',' || c == '"' || c == '(' ||
         c == ')' || c == ';' || c == ':';
}

/* Appends folded token t[0..n) and its skeleton to the name. */
static void add_token(alias_name *a, const char *t, size_t n, size_t *nf,
                      size_t *ns) {
  char clean[ALIAS_MAXLEN];
  size_t k = 0;
  for (size_t i = 0; i < n && k < sizeof clean; i++)
    if (!is_drop((unsigned char)t[i]))
      clean[k++] = t[i];
  if (!k || a->ntok == ALIAS_MAXTOK || *nf + k + 2 > ALIAS_MAXLEN)
    return;
  if (a->ntok) {
    a->folded[(*nf)++] = ' ';
    a->skel[(*ns)++] = ' ';
  }
  a->tok[a->ntok] = (uint8_t)*nf;
  a->stok[a->ntok++] = (uint8_t)*ns;
  memcpy(a->folded + *nf, clean, k);
  *nf += k;
  *ns += skeleton(clean, k, a->skel + *ns);
}

/* Whether folded token t (followed by `next`) is a particle to leave out. */
static bool particle(const char *t, size_t n, char next, bool last) {
  char w[8];
  size_t k = 0;
  for (size_t i = 0; i < n && k < sizeof w; i++)
    if (!is_drop((unsigned char)t[i]))
      w[k++] = t[i];
  if (last)
    return k < sizeof w && IN(SUFFIX, w, k);
  if (next == '-' && n <= 3 && n >= 2 && (t[0] == 'a' || t[0] == 'e'))
    return true; /* al-, el-, ad-, as-, ash-, ar- */
  return IN(PARTICLE, t, n);
}

static void fold_tokens(alias_name *a, const char *f) {
  size_t nf = 0, ns = 0, len = strlen(f);
  for (size_t i = 0; i < len;) {
    while (i < len && is_sep((unsigned char)f[i]))
      i++;
    size_t b = i;
    while (i < len && !is_sep((unsigned char)f[i]))
      i++;
    if (i == b)
      continue;
    size_t j = i;
    while (j < len && is_sep((unsigned char)f[j]))
      j++;
    if (!particle(f + b, i - b, i < len ? f[i] : 0, j >= len))
      add_token(a, f + b, i - b, &nf, &ns);
  }
  a->folded[nf] = '\0';
  a->skel[ns] = '\0';
}

static bool acronym_word(const char *s, size_t len) {
  size_t letters = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] >= 'A' && s[i] <= 'Z')
      letters++;
    else if (s[i] != '.' && s[i] != '&')
      return false;
  }
  return letters >= 2 && letters <= 6;
}

bool alias_name_of(const char *s, size_t len, int type, alias_name *out) {
  memset(out, 0, sizeof *out);
  word w[64];
  size_t n = split_words(s, len, w, 64);
  if (!n)
    return false;
  size_t k = lead_words(s, w, n, type == SL_ENT_PER);
  size_t b = w[k].start, e = w[n - 1].start + w[n - 1].len;
  while (e > b && strchr(",;:)\"'", s[e - 1]))
    e--;
  if (e - b > 2 && s[e - 1] == 's' && s[e - 2] == '\'')
    e -= 2;
  else if (e - b > 4 && s[e - 1] == 's' &&
           !memcmp(s + e - 4, "\xe2\x80\x99", 3))
    e -= 4;
  if (e <= b)
    return false;
  out->start = (uint32_t)b;
  out->len = (uint32_t)(e - b);
  out->acronym = k + 1 == n && type != SL_ENT_PER && acronym_word(s + b, e - b);
  char *f = fold(s + b, e - b);
  if (!f)
    return false;
  fold_tokens(out, f);
  free(f);
  return out->ntok > 0;
}

const char *alias_tok(const alias_name *a, int k, bool skel, size_t *len) {
  const char *base = skel ? a->skel : a->folded;
  size_t at = skel ? a->stok[k] : a->tok[k];
  size_t end = at;
  while (base[end] && base[end] != ' ')
    end++;
  *len = end - at;
  return base + at;
}

bool alias_close(const char *a, size_t na, const char *b, size_t nb) {
  size_t max = na > nb ? na : nb;
  if (max < 5 || max > 64)
    return max > 64 && na == nb && memcmp(a, b, na) == 0;
  unsigned row[65];
  for (size_t j = 0; j <= nb; j++)
    row[j] = (unsigned)j;
  for (size_t i = 1; i <= na; i++) {
    unsigned diag = row[0];
    row[0] = (unsigned)i;
    for (size_t j = 1; j <= nb; j++) {
      unsigned up = row[j];
      unsigned sub = diag + (a[i - 1] != b[j - 1]);
      unsigned del = row[j] + 1, ins = row[j - 1] + 1;
      row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
      diag = up;
    }
  }
  return (size_t)row[nb] * 5 <= max * 2;
}

void alias_initials(const char *s, size_t len, char *with, char *without) {
  word w[32];
  size_t n = split_words(s, len, w, 32), a = 0, b = 0;
  char lw[64];
  for (size_t i = 0; i < n && a < 15; i++) {
    size_t l = lower_word(s, w[i], lw, sizeof lw);
    if (!l)
      continue;
    char c = lw[0] >= 'a' && lw[0] <= 'z' ? (char)(lw[0] - 32) : lw[0];
    bool small = IN(PARTICLE, lw, l) || !is_upper_start(s, w[i]);
    with[a++] = c;
    if (!small && b < 15)
      without[b++] = c;
  }
  with[a] = without[b] = '\0';
}

size_t sl_alias_key(const char *name, size_t len, char *out, size_t cap) {
  alias_name a;
  if (!cap)
    return 0;
  out[0] = '\0';
  if (!alias_name_of(name, len, SL_ENT_PER, &a))
    return 0;
  size_t n = strlen(a.skel);
  if (n + 1 > cap)
    n = cap - 1;
  memcpy(out, a.skel, n);
  out[n] = '\0';
  return n;
}
