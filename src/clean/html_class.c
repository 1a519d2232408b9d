/* storyline clean: what the class and id of an element hint at
 * (boilerplate, content, a date, a title), each word matched once against
 * one table of hint words. */
#include <string.h>

#include "clean/html_int.h"

/* A word of at least this many letters also matches inside a longer word
 * ("postcontent", "commentlist"); shorter ones ("ad", "nav") only whole. */
enum { SUBSTRING_MIN = 6, WORD_MAX = 64 };

typedef struct hint {
  const char *word;
  uint8_t len;
  uint8_t flag;
  uint32_t letters; /* the letters of the word, as letters() makes them */
} hint;

/* A hint word, its length, its mark and its letters as letters() makes
 * them (bit i for 'a' + i): a word edited here needs its mask redone. */
#define BAD(w, m)                                                              \
  { w, sizeof(w) - 1, SL_HF_BAD, m }
#define GOOD(w, m)                                                             \
  { w, sizeof(w) - 1, SL_HF_GOOD, m }
#define DATE(w, m)                                                             \
  { w, sizeof(w) - 1, SL_HF_DATE, m }
#define TITLE(w, m)                                                            \
  { w, sizeof(w) - 1, SL_HF_TITLE, m }

static const hint hints[] = {
    BAD("comment", 0x0087014u),     BAD("share", 0x0060091u),
    BAD("sharing", 0x00621c1u),     BAD("social", 0x0044905u),
    BAD("related", 0x00a0819u),     BAD("footer", 0x00a4030u),
    BAD("navbar", 0x0222003u),      BAD("nav", 0x0202001u),
    BAD("menu", 0x0103010u),        BAD("sidebar", 0x006011bu),
    BAD("cookie", 0x0004514u),      BAD("newsletter", 0x04e2810u),
    BAD("subscribe", 0x0160116u),   BAD("promo", 0x002d000u),
    BAD("advert", 0x02a0019u),      BAD("ad", 0x0000009u),
    BAD("ads", 0x0040009u),         BAD("banner", 0x0022013u),
    BAD("breadcrumb", 0x012101fu),  BAD("popup", 0x010c000u),
    BAD("modal", 0x0005809u),       BAD("widget", 0x0480158u),
    BAD("sponsored", 0x006e018u),   BAD("outbrain", 0x01a6103u),
    BAD("taboola", 0x0084803u),     BAD("signup", 0x014a140u),
    BAD("paywall", 0x1408801u),     BAD("consent", 0x00c6014u),
    BAD("skip", 0x0048500u),        BAD("pagination", 0x008e141u),
    BAD("masthead", 0x00c1099u),    BAD("disqus", 0x0150108u),
    BAD("recommended", 0x002701cu), BAD("teaser", 0x00e0011u),
    BAD("author", 0x01a4081u),      BAD("bio", 0x0004102u),
    BAD("respond", 0x006e018u),     BAD("reply", 0x1028810u),
    BAD("replies", 0x0068910u),     BAD("tag", 0x0080041u),
    BAD("rating", 0x00a2141u),      BAD("print", 0x00aa100u),
    BAD("login", 0x0006940u),       BAD("search", 0x0060095u),
    BAD("caption", 0x008e105u),     BAD("credit", 0x00a011cu),
    BAD("hidden", 0x0002198u),      BAD("copyright", 0x10ac1c4u),
    BAD("toolbar", 0x00a4803u),     BAD("follow", 0x0404820u),
    BAD("profile", 0x002c930u),     BAD("avatar", 0x02a0001u),
    BAD("trending", 0x00a2158u),    BAD("popular", 0x012c801u),
    BAD("prevnext", 0x0aaa010u),    BAD("pager", 0x0028051u),
    BAD("postnav", 0x02ce001u),     BAD("discussion", 0x014610cu),
    BAD("legal", 0x0000851u),       BAD("imprint", 0x00ab100u),
    BAD("sitemap", 0x00c9111u),     BAD("overlay", 0x1224811u),
    GOOD("article", 0x00a0915u),    GOOD("content", 0x0086014u),
    GOOD("entry", 0x10a2010u),      GOOD("post", 0x00cc000u),
    GOOD("story", 0x10e4000u),      GOOD("main", 0x0003101u),
    GOOD("body", 0x100400au),       GOOD("text", 0x0880010u),
    DATE("date", 0x0080019u),       DATE("time", 0x0081110u),
    DATE("published", 0x014899au),  DATE("posted", 0x00cc018u),
    DATE("pubdate", 0x018801bu),    DATE("datum", 0x0181009u),
    DATE("meta", 0x0081011u),       DATE("byline", 0x1002912u),
    DATE("dateline", 0x0082919u),   TITLE("title", 0x0080910u),
    TITLE("headline", 0x0002999u)};

/* Whether the lowercased word w[0..len) is `k` (of `kl` letters), its
 * plural, or contains it when `k` is long enough. */
static bool word_is(const char *w, size_t len, const char *k, size_t kl) {
  if (len == kl || (len == kl + 1 && w[kl] == 's'))
    return memcmp(w, k, kl) == 0;
  if (kl < SUBSTRING_MIN || len <= kl)
    return false;
  for (size_t at = 0; at + kl <= len; at++)
    if (w[at] == k[0] && memcmp(w + at, k, kl) == 0)
      return true;
  return false;
}

static bool word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

/* Calls `fn` on each word of `v`, lowercased (at most WORD_MAX letters),
 * until it returns true; returns whether one did. */
static bool each_word(const char *v, bool (*fn)(const char *, size_t, void *),
                      void *ctx) {
  char w[WORD_MAX];
  for (const char *p = v; p && *p;) {
    while (*p && !word_char((unsigned char)*p))
      p++;
    size_t n = 0;
    for (; word_char((unsigned char)*p); p++)
      if (n < WORD_MAX)
        w[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    if (n && fn(w, n, ctx))
      return true;
  }
  return false;
}

/* The letters a word holds, a bit each: a hint can only match a word
 * that holds all of its letters. */
static uint32_t letters(const char *w, size_t len) {
  uint32_t m = 0;
  for (size_t i = 0; i < len; i++)
    m |= w[i] >= 'a' && w[i] <= 'z' ? 1u << (w[i] - 'a') : 1u << 26;
  return m;
}

static bool add_flags(const char *w, size_t len, void *ctx) {
  uint8_t *flags = ctx;
  uint32_t have = letters(w, len);
  for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
    const hint *h = &hints[i];
    if (!(*flags & h->flag) && (h->letters & ~have) == 0 &&
        word_is(w, len, h->word, h->len))
      *flags |= h->flag;
  }
  return false;
}

static uint8_t flags_of(const char *v) {
  uint8_t flags = 0;
  each_word(v, add_flags, &flags);
  return flags;
}

/* Class attributes repeat across a page: their marks are remembered. */
static uint8_t class_flags(sl_html_hints *cache, const char *v, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)v[i]) * 16777619u;
  sl_html_hint_slot *slot = &cache->slots[h % SL_HTML_HINT_SLOTS];
  if (slot->value && slot->len == len && memcmp(slot->value, v, len) == 0)
    return slot->flags;
  *slot = (sl_html_hint_slot){v, len, flags_of(v)};
  return slot->flags;
}

uint8_t sl__html_class_flags(const sl_dom *d, uint32_t n,
                             sl_html_hints *cache) {
  size_t len = 0;
  const char *cls = sl__dom_attr(d, n, SL_A_CLASS, &len);
  uint8_t flags = cls ? class_flags(cache, cls, len) : 0;
  return flags | flags_of(sl__dom_attr(d, n, SL_A_ID, NULL));
}

static bool in_words(const char *w, size_t len, void *ctx) {
  for (const char *const *k = ctx; *k; k++)
    if (word_is(w, len, *k, strlen(*k)))
      return true;
  return false;
}

bool sl__html_attr_has(const sl_dom *d, uint32_t n, sl_hattr_name a,
                       const char *const *words) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-cstyle-cast)
  return each_word(sl__dom_attr(d, n, a, NULL), in_words, (void *)words);
}
