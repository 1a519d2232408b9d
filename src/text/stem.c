/* storyline text: Snowball stemmers by ISO 639-1 code, created on first use
 * (see stem.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "text/stem.h"

static const char *const codes[][2] = {
    {"ar", "arabic"},    {"hy", "armenian"},   {"eu", "basque"},
    {"ca", "catalan"},   {"da", "danish"},     {"nl", "dutch"},
    {"en", "english"},   {"fi", "finnish"},    {"fr", "french"},
    {"de", "german"},    {"el", "greek"},      {"hi", "hindi"},
    {"hu", "hungarian"}, {"id", "indonesian"}, {"ga", "irish"},
    {"it", "italian"},   {"lt", "lithuanian"}, {"ne", "nepali"},
    {"no", "norwegian"}, {"nb", "norwegian"},  {"pt", "portuguese"},
    {"ro", "romanian"},  {"ru", "russian"},    {"sr", "serbian"},
    {"es", "spanish"},   {"sv", "swedish"},    {"ta", "tamil"},
    {"tr", "turkish"},   {"yi", "yiddish"}};
enum { NCODES = sizeof codes / sizeof codes[0] };

/* Words repeat across texts, and a stemmer call costs more than a look-up:
 * stems of short words are kept in a direct-mapped table, where a
 * collision only costs a call. */
enum { CACHE_SLOTS = 1 << 15, CACHE_KEY_MAX = 22 };
typedef struct cache_slot {
  uint8_t code;       /* 1 + the language's index; 0: empty */
  uint8_t klen, slen; /* the word's and the stem's lengths */
  char key[CACHE_KEY_MAX], stem[CACHE_KEY_MAX];
} cache_slot;

struct sl_stemmers {
  cache_slot *cache;                  /* CACHE_SLOTS, NULL until first use */
  struct sb_stemmer *by_code[NCODES]; /* NULL until first use */
  bool failed[NCODES];                /* not in this libstemmer build */
  char last[8];                       /* the last code looked up */
  int last_index;                     /* its index, -1 for none */
};

static int code_index(const char *lang) {
  if (!lang)
    return -1;
  for (int i = 0; i < NCODES; i++)
    if (strcmp(codes[i][0], lang) == 0)
      return i;
  return -1;
}

static bool in_library(const char *name) {
  for (const char **l = sb_stemmer_list(); *l; l++)
    if (strcmp(*l, name) == 0)
      return true;
  return false;
}

bool sl_stem_supported(const char *lang) {
  int i = code_index(lang);
  return i >= 0 && in_library(codes[i][1]);
}

sl_stemmers *sl_stemmers_new(void) {
  sl_stemmers *s = calloc(1, sizeof(sl_stemmers));
  if (s)
    s->last_index = -1;
  return s;
}

/* code_index, remembered: a text asks for one language per token. */
static int cached_index(sl_stemmers *s, const char *lang) {
  if (!lang)
    return -1;
  if (s->last[0] == lang[0] && lang[0] && s->last[1] == lang[1] && lang[1] &&
      s->last[2] == lang[2] && !lang[2])
    return s->last_index; /* a two-letter code, the usual one, inline */
  if (strncmp(s->last, lang, sizeof s->last) != 0) {
    snprintf(s->last, sizeof s->last, "%s", lang);
    s->last_index = code_index(lang);
  }
  return s->last_index;
}

void sl_stemmers_free(sl_stemmers *s) {
  if (!s)
    return;
  for (int i = 0; i < NCODES; i++)
    if (s->by_code[i])
      sb_stemmer_delete(s->by_code[i]);
  free(s->cache);
  free(s);
}

static size_t slot_index(int i, const char *word, size_t len) {
  uint32_t h = 2166136261u ^ (uint32_t)i;
  for (size_t k = 0; k < len; k++)
    h = (h ^ (unsigned char)word[k]) * 16777619u;
  return h & (CACHE_SLOTS - 1);
}

/* The cache slot of `word` in language `i` (the cache allocated first),
 * or NULL when the word is too long to keep or memory runs out. */
static cache_slot *slot_of(sl_stemmers *s, int i, const char *word,
                           size_t len) {
  if (len > CACHE_KEY_MAX ||
      (!s->cache && !(s->cache = calloc(CACHE_SLOTS, sizeof *s->cache))))
    return NULL;
  return &s->cache[slot_index(i, word, len)];
}

void sl_stem_prefetch(const sl_stemmers *s, const char *lang, const char *word,
                      size_t len) {
  if (!s->cache || len > CACHE_KEY_MAX || !lang)
    return;
  int i = lang[0] && s->last[0] == lang[0] && lang[1] &&
                  s->last[1] == lang[1] && !lang[2] && !s->last[2]
              ? s->last_index
              : -1;
  if (i >= 0)
    __builtin_prefetch(&s->cache[slot_index(i, word, len)]);
}

sl_status sl_stem(sl_stemmers *s, const char *lang, const char *word,
                  size_t len, sl_str *out) {
  *out = sl_str_of(word, len);
  int i = cached_index(s, lang);
  if (i < 0 || s->failed[i] || len == 0 || len > 256)
    return SL_OK;
  if (!s->by_code[i]) {
    s->by_code[i] = sb_stemmer_new(codes[i][1], "UTF_8");
    if (!s->by_code[i]) {
      s->failed[i] = true;
      return SL_OK;
    }
  }
  cache_slot *slot = slot_of(s, i, word, len);
  if (slot && slot->code == i + 1 && slot->klen == len &&
      memcmp(slot->key, word, len) == 0) {
    *out = sl_str_of(slot->stem, slot->slen);
    return SL_OK;
  }
  const sb_symbol *r =
      sb_stemmer_stem(s->by_code[i], (const sb_symbol *)word, (int)len);
  if (!r)
    return SL_ENOMEM;
  *out = sl_str_of((const char *)r, (size_t)sb_stemmer_length(s->by_code[i]));
  if (slot && out->len <= CACHE_KEY_MAX) {
    slot->code = (uint8_t)(i + 1);
    slot->klen = (uint8_t)len;
    memcpy(slot->key, word, len);
    slot->slen = (uint8_t)out->len;
    memcpy(slot->stem, out->ptr, out->len);
  }
  return SL_OK;
}
