/* storyline text: language identification (see langid.h). Scripts decide
 * most languages outright; Latin-script languages are told apart by their
 * most frequent function words and their distinctive letters. Only the
 * first 4 KiB are read; ASCII takes a path of its own. */
#include <pthread.h>
#include <string.h>

#include "base/utf8.h"
#include "text/langid.h"

enum { SAMPLE = 4096, TABLE = 2048, MAXWORD = 24 };

/* Latin-script languages and their function words (lowercase, UTF-8). */
static const struct {
  const char *code;
  const char *words;
} latin[] = {
    {"en", "the of and to in is that for it was on with as by at from his "
           "her he she they have has had been were are this which would will "
           "said but not an or its their who after about than we i you"},
    {"fr", "le la les des du de et est une un dans pour que qui sur au aux "
           "par pas avec ce cette il elle ont sont été mais plus ses son leur "
           "nous vous était selon lors ne se en où comme"},
    {"de", "der die das und ist nicht ein eine einen dem den des mit von zu "
           "im auf für sich dass wurde wird sind auch bei nach aus hat haben "
           "werden noch nur über es ich sie wie oder"},
    {"es", "el la los las de del y en que un una por con para es se su sus "
           "al fue como más pero ha lo este esta según entre también sobre "
           "desde le muy hay ya"},
    {"it", "il lo la gli le di del della che e è un una per con non sono nel "
           "nella alla dei delle anche ha come più ma dopo questo stato sia "
           "tra si ad degli dal"},
    {"pt", "o a os as de do da dos das e em no na um uma para com não que por "
           "ao se mais foi como mas seu sua pelo pela são também está nos à"},
    {"nl", "de het een en van is dat op te in voor met niet zijn er aan ook "
           "door als bij maar om nog wordt werd heeft naar dan deze ze"},
    {"tr", "ve bir bu da de için ile olarak gibi daha çok en ama ise değil "
           "olan sonra kadar ne var yok şu o onun ki göre"},
    {"pl", "i w z na się nie do to że jest o jak po co ale za od przez jego "
           "jej są był była było tak już przy oraz także dla"},
    {"sv", "och i att det som en på är av för med till den har inte om ett "
           "de var men från han hon så vid sig"},
    {"da", "og i at det som en på er af for med til den har ikke om et de "
           "var men fra han hun så ved jeg blev"},
    {"no", "og i at det som en på er av for med til den har ikke om et de "
           "var men fra han hun så ved jeg ble"},
    {"ro", "și în de la cu pe care nu este o un să din pentru sunt mai fost "
           "ce sau dar acest iar fi"},
    {"cs", "a v se na je že s z do to o jako ale by k pro za od po jsou bylo "
           "které který"},
    {"hu", "a az és hogy nem is egy meg de van volt csak ez már mint vagy el "
           "ki"},
    {"id", "dan yang di ke dari ini itu dengan untuk tidak dalam akan pada "
           "juga ada adalah oleh karena"},
    {"ca", "el la els les de i que a en un una per amb no és del al va seva "
           "hi"},
    {"fi", "ja on ei se että oli hän kun mutta ovat myös sen tai joka kuin "
           "ole"},
};
enum { NLATIN = sizeof latin / sizeof latin[0] };

/* Letters that only some Latin-script languages use, and who uses them. */
static const struct {
  int32_t cp;
  const char *langs;
} letters[] = {
    {0x015F, "tr ro"},    {0x011F, "tr"},
    {0x0131, "tr"},       {0x0105, "pl"},
    {0x0119, "pl"},       {0x0142, "pl"},
    {0x017C, "pl"},       {0x015B, "pl"},
    {0x0107, "pl"},       {0x0144, "pl"},
    {0x017A, "pl"},       {0x00DF, "de"},
    {0x00E4, "de sv fi"}, {0x00F6, "de sv fi hu tr"},
    {0x00FC, "de tr hu"}, {0x00F1, "es"},
    {0x00BF, "es"},       {0x00E7, "fr pt tr ca"},
    {0x00E8, "fr it ca"}, {0x00EA, "fr pt"},
    {0x0153, "fr"},       {0x00E3, "pt"},
    {0x00F5, "pt"},       {0x0219, "ro"},
    {0x021B, "ro"},       {0x0103, "ro"},
    {0x011B, "cs"},       {0x0159, "cs"},
    {0x016F, "cs"},       {0x0161, "cs"},
    {0x0151, "hu"},       {0x0171, "hu"},
    {0x00E5, "sv da no"}, {0x00E6, "da no"},
    {0x00F8, "da no"},    {0x00F2, "it ca"},
    {0x00EC, "it"},
};

typedef struct slot {
  char word[MAXWORD];
  uint8_t len;
  uint32_t langs; /* bit i: latin[i] */
} slot;

static slot table[TABLE];
static size_t longest; /* bytes of the longest function word */
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static uint32_t fnv(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static slot *lookup(const char *w, size_t n, bool insert) {
  for (uint32_t i = fnv(w, n) % TABLE;; i = (i + 1) % TABLE) {
    slot *s = &table[i];
    if (!s->len) {
      if (!insert)
        return NULL;
      memcpy(s->word, w, n);
      s->len = (uint8_t)n;
      longest = n > longest ? n : longest;
      return s;
    }
    if (s->len == n && memcmp(s->word, w, n) == 0)
      return s;
  }
}

static void build_table(void) {
  for (int l = 0; l < NLATIN; l++) {
    for (const char *p = latin[l].words; *p;) {
      const char *e = strchr(p, ' ');
      size_t n = e ? (size_t)(e - p) : strlen(p);
      lookup(p, n, true)->langs |= 1u << l;
      p += n + (e ? 1 : 0);
    }
  }
}

static int latin_index(const char *code) {
  for (int l = 0; l < NLATIN; l++)
    if (strncmp(latin[l].code, code, 2) == 0)
      return l;
  return -1;
}

typedef struct counts {
  size_t latin, arabic, persian, urdu, cyrillic, ukr, srb, bul_hard, rus_only,
      han, kana, hangul, greek, hebrew, devanagari, thai, armenian, georgian,
      tamil, bengali;
  double lat[NLATIN];
} counts;

static void count_letter(counts *c, int32_t cp) {
  for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++) {
    if (letters[i].cp != cp)
      continue;
    for (const char *p = letters[i].langs; *p; p += p[2] ? 3 : 2) {
      int l = latin_index(p);
      if (l >= 0)
        c->lat[l] += 0.5;
      if (!p[2])
        break;
    }
  }
}

#define IN(a, b) (cp >= (a) && cp <= (b))
static void count_script(counts *c, int32_t cp) {
  if (IN('a', 'z') || IN('A', 'Z') || IN(0xC0, 0x24F))
    c->latin++;
  else if (IN(0x600, 0x6FF) || IN(0x750, 0x77F) || IN(0xFB50, 0xFDFF) ||
           IN(0xFE70, 0xFEFF)) {
    c->arabic++;
    c->persian += cp == 0x67E || cp == 0x686 || cp == 0x698 || cp == 0x6AF ||
                  cp == 0x6CC || cp == 0x6A9;
    c->urdu +=
        cp == 0x679 || cp == 0x688 || cp == 0x691 || cp == 0x6BA || cp == 0x6D2;
  } else if (IN(0x400, 0x4FF)) {
    c->cyrillic++;
    c->ukr += cp == 0x456 || cp == 0x457 || cp == 0x454 || cp == 0x491;
    c->srb += cp == 0x452 || cp == 0x45B || cp == 0x45F || cp == 0x458 ||
              cp == 0x459 || cp == 0x45A;
    c->bul_hard += cp == 0x44A;
    c->rus_only += cp == 0x44B || cp == 0x44D || cp == 0x451;
  } else if (IN(0x4E00, 0x9FFF) || IN(0x3400, 0x4DBF))
    c->han++;
  else if (IN(0x3040, 0x30FF))
    c->kana++;
  else if (IN(0xAC00, 0xD7AF) || IN(0x1100, 0x11FF))
    c->hangul++;
  else if (IN(0x370, 0x3FF))
    c->greek++;
  else if (IN(0x590, 0x5FF))
    c->hebrew++;
  else if (IN(0x900, 0x97F))
    c->devanagari++;
  else if (IN(0xE00, 0xE7F))
    c->thai++;
  else if (IN(0x530, 0x58F))
    c->armenian++;
  else if (IN(0x10A0, 0x10FF))
    c->georgian++;
  else if (IN(0xB80, 0xBFF))
    c->tamil++;
  else if (IN(0x980, 0x9FF))
    c->bengali++;
}
#undef IN

static void score_word(counts *c, const char *w, size_t n) {
  if (n == 0 || n > longest) /* most words: longer than any in the lists */
    return;
  const slot *s = lookup(w, n, false);
  if (!s)
    return;
  int k = __builtin_popcount(s->langs);
  for (int l = 0; l < NLATIN; l++)
    if (s->langs & (1u << l))
      c->lat[l] += 1.0 / k;
}

static void scan(const char *text, size_t len, counts *c) {
  char w[MAXWORD];
  size_t wn = 0;
  for (size_t i = 0; i < len;) {
    unsigned char b = (unsigned char)text[i];
    if (b < 0x80) { /* most text: the counts of the general case below */
      bool upper = (unsigned)(b - 'A') < 26, lower = (unsigned)(b - 'a') < 26;
      c->latin += upper || lower;
      if ((upper || lower) && wn + 1 < MAXWORD) {
        w[wn++] = (char)(b | 0x20);
      } else if (!upper && !lower) {
        score_word(c, w, wn);
        wn = 0;
      }
      i++;
      continue;
    }
    int32_t cp;
    int n = sl_utf8_decode(text + i, len - i, &cp);
    if (n < 0) {
      i++;
      continue;
    }
    count_script(c, cp);
    if (cp >= 0xBF)
      count_letter(c, cp);
    bool letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
                  (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
    if (letter && wn + (size_t)n < MAXWORD) {
      for (int k = 0; k < n; k++)
        w[wn++] =
            (char)(n == 1 && cp >= 'A' && cp <= 'Z' ? cp + 32 : text[i + k]);
    } else if (!letter) {
      score_word(c, w, wn);
      wn = 0;
    }
    i += (size_t)n;
  }
  score_word(c, w, wn);
}

static const char *by_script(const counts *c, double *conf) {
  struct {
    size_t n;
    const char *code;
  } s[] = {{c->han + c->kana, c->kana * 10 > c->han ? "ja" : "zh"},
           {c->hangul, "ko"},
           {c->greek, "el"},
           {c->hebrew, "he"},
           {c->devanagari, "hi"},
           {c->thai, "th"},
           {c->armenian, "hy"},
           {c->georgian, "ka"},
           {c->tamil, "ta"},
           {c->bengali, "bn"}};
  size_t best = 0;
  for (size_t i = 1; i < sizeof s / sizeof s[0]; i++)
    if (s[i].n > s[best].n)
      best = i;
  size_t arabic = c->arabic, cyr = c->cyrillic;
  if (arabic > s[best].n && arabic > cyr && arabic > c->latin) {
    *conf = 0.9;
    return c->urdu * 50 > arabic      ? "ur"
           : c->persian * 40 > arabic ? "fa"
                                      : "ar";
  }
  if (cyr > s[best].n && cyr > c->latin) {
    *conf = 0.8;
    if (c->ukr * 100 > cyr)
      return "uk";
    if (c->srb * 100 > cyr)
      return "sr";
    return c->bul_hard * 30 > cyr && !c->rus_only ? "bg" : "ru";
  }
  if (s[best].n > c->latin && s[best].n >= 2) {
    *conf = 0.95;
    return s[best].code;
  }
  return NULL;
}

const char *sl_langid(const char *text, size_t len, double *confidence) {
  pthread_once(&table_once, build_table);
  counts c;
  memset(&c, 0, sizeof c);
  size_t n = len < SAMPLE ? len : SAMPLE;
  while (n < len && n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
    n--; /* do not cut a character */
  scan(text, n, &c);
  double conf = 0;
  const char *code = by_script(&c, &conf);
  if (!code) {
    int best = 0, second = -1;
    for (int l = 1; l < NLATIN; l++) {
      if (c.lat[l] > c.lat[best]) {
        second = best;
        best = l;
      } else if (second < 0 || c.lat[l] > c.lat[second]) {
        second = l;
      }
    }
    double runner = second >= 0 ? c.lat[second] : 0;
    if (c.lat[best] >= 2.0 ||
        (c.lat[best] >= 1.0 && runner * 2 < c.lat[best])) {
      code = latin[best].code;
      conf = 1.0 - runner / c.lat[best];
    }
  }
  if (confidence)
    *confidence = code ? conf : 0;
  return code;
}
