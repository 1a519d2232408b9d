/* storyline dedup: the fingerprint of an article (see dedup.h). Word
 * tokens are normalised (ASCII lowercased in place, the rest through
 * sl_norm_key) and hashed once; shingles, the exact hash and the per-sentence
 * content words all derive from those hashes. */
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "dedup/dedup_int.h"
#include "text/norm.h"
#include "text/token.h"

/* Normalised bytes of one word token, for hashing: ASCII lowercased, the
 * periods of abbreviations and the group commas of numbers dropped. */
typedef struct word {
  const char *s;
  size_t len;
  bool ascii;
  char tmp[64];
} word;

static bool skip_char(const sl_token *t, char c) {
  return (t->kind == SL_TOK_ABBREV && c == '.') ||
         (t->kind == SL_TOK_NUMBER && c == ',');
}

static sl_status norm_word(sl_dedup_fp *fp, const char *text, const sl_token *t,
                           word *w) {
  const char *s = text + t->start;
  size_t n = 0;
  w->ascii = true;
  for (size_t i = 0; i < t->len && w->ascii; i++)
    w->ascii = (unsigned char)s[i] < 0x80;
  if (w->ascii && t->len <= sizeof w->tmp) {
    for (size_t i = 0; i < t->len; i++) {
      char c = s[i];
      if (!skip_char(t, c))
        w->tmp[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    w->s = w->tmp, w->len = n;
    return SL_OK;
  }
  sl_buf_clear(&fp->key);
  sl_status st = sl_norm_key(s, t->len, &fp->key);
  if (st != SL_OK)
    return st;
  for (size_t i = 0; i < fp->key.len; i++)
    if (!skip_char(t, fp->key.ptr[i]))
      fp->key.ptr[n++] = fp->key.ptr[i];
  w->s = fp->key.ptr, w->len = n;
  return SL_OK;
}

/* The hash of a punctuation or symbol token for the exact hash: its
 * matching key, so that curly and straight quotes agree. */
static sl_status punct_hash(sl_dedup_fp *fp, const char *text,
                            const sl_token *t, uint64_t *h) {
  unsigned char c = (unsigned char)text[t->start];
  if (t->len == 1 && c < 0x80) {
    *h = sl__fmix64(0x100u | (c == '`' ? '\'' : c));
    return SL_OK;
  }
  sl_buf_clear(&fp->key);
  sl_status st = sl_norm_key(text + t->start, t->len, &fp->key);
  if (st == SL_OK)
    *h = fp->key.len == 1 ? sl__fmix64(0x100u | (unsigned char)fp->key.ptr[0])
                          : XXH3_64bits(fp->key.ptr, fp->key.len);
  return st;
}

static uint64_t fold(uint64_t acc, uint64_t h) {
  return sl__fmix64(acc * 0x9e3779b97f4a7c15ULL ^ h);
}

static bool is_word(const sl_token *t) {
  return t->kind == SL_TOK_WORD || t->kind == SL_TOK_NUMBER ||
         t->kind == SL_TOK_ABBREV;
}

static bool ends_sentence(const char *text, const sl_token *t) {
  if (t->kind != SL_TOK_PUNCT)
    return false;
  char c = text[t->start];
  return t->len == 1 ? c == '.' || c == '!' || c == '?'
                     : t->len == 3 && memcmp(text + t->start, "\xE3\x80\x82",
                                             3) == 0; /* 。 */
}

/* Function words of four letters or more that carry no content. */
static bool stopword(const char *w, size_t n) {
  static const char *const list[] = {
      "about",   "after", "again", "also",  "because", "been",  "before",
      "being",   "could", "does",  "from",  "have",    "into",  "just",
      "more",    "most",  "only",  "other", "over",    "said",  "says",
      "should",  "since", "some",  "such",  "than",    "that",  "their",
      "them",    "then",  "there", "these", "they",    "this",  "those",
      "through", "under", "very",  "were",  "what",    "when",  "where",
      "which",   "while", "will",  "with",  "would",   "your",  "dass",
      "eine",    "einer", "nicht", "sich",  "und",     "para",  "como",
      "pero",    "dans",  "pour",  "avec",  "sont",    "della", "sono",
      NULL};
  if (n < 4 || n > 7)
    return false;
  for (const char *const *p = list; *p; p++)
    if ((*p)[0] == w[0] && strlen(*p) == n && memcmp(*p, w, n) == 0)
      return true;
  return false;
}

/* The content-word hash of a word, or 0 when it is not a content word.
 * Names and numbers keep their whole form; other words their first six
 * bytes, a crude stem that lets inflected forms agree. */
static uint32_t content_hash(const sl_token *t, const word *w, bool first) {
  bool name = (t->flags & SL_TOKF_UPPER && w->len > 1) ||
              (t->flags & SL_TOKF_CAP && !first);
  if (t->kind == SL_TOK_NUMBER || name) {
    uint32_t h = (uint32_t)XXH3_64bits(w->s, w->len);
    return h | SL__DEDUP_SALIENT;
  }
  if (w->len < (w->ascii ? 4u : 3u) || stopword(w->s, w->len))
    return 0;
  uint32_t h = (uint32_t)XXH3_64bits(w->s, w->len < 6 ? w->len : 6);
  return (h & ~SL__DEDUP_SALIENT) | 1u;
}

static void fp_clear(sl_dedup_fp *fp) {
  fp->exact = 0;
  sl_vec_clear(&fp->sh);
  sl_vec_clear(&fp->words);
  sl_vec_clear(&fp->sent);
  sl_vec_clear(&fp->th);
}

sl_dedup_fp *sl_dedup_fp_new(void) {
  sl_dedup_fp *fp = calloc(1, sizeof *fp);
  if (!fp)
    return NULL;
  sl_vec_init(&fp->sh, sizeof(uint32_t));
  sl_vec_init(&fp->words, sizeof(uint32_t));
  sl_vec_init(&fp->sent, sizeof(uint32_t));
  sl_vec_init(&fp->toks, sizeof(sl_token));
  sl_vec_init(&fp->th, sizeof(uint64_t));
  sl_vec_init(&fp->tmp, sizeof(uint32_t));
  sl_buf_init(&fp->key, 0);
  return fp;
}

void sl_dedup_fp_free(sl_dedup_fp *fp) {
  if (!fp)
    return;
  sl_vec_release(&fp->sh);
  sl_vec_release(&fp->words);
  sl_vec_release(&fp->sent);
  sl_vec_release(&fp->toks);
  sl_vec_release(&fp->th);
  sl_vec_release(&fp->tmp);
  sl_buf_release(&fp->key);
  free(fp);
}

static sl_status push_u32(sl_vec *v, uint32_t x) {
  if (v->len == v->cap) {
    sl_status st = sl_vec_reserve(v, v->len + 1);
    if (st != SL_OK)
      return st;
  }
  SL_VEC_AT(v, uint32_t, v->len++) = x;
  return SL_OK;
}

/* Closes the sentence whose words start at `from`: sorts them. */
static sl_status close_sentence(sl_dedup_fp *fp, size_t from) {
  if (fp->words.len == from)
    return SL_OK;
  uint32_t *w = &SL_VEC_AT(&fp->words, uint32_t, from);
  size_t n = sl__dedup_sort_unique(w, fp->words.len - from, &fp->tmp);
  fp->words.len = from + n;
  return push_u32(&fp->sent, (uint32_t)fp->words.len);
}

/* Hashes the words of the body into fp->th and the content words of each
 * sentence into fp->words / fp->sent. */
static sl_status scan_body(sl_dedup_fp *fp, const char *text) {
  size_t ntok = fp->toks.len, from = 0;
  sl_status st = sl_vec_reserve(&fp->th, ntok);
  bool first = true;
  for (size_t i = 0; st == SL_OK && i < ntok; i++) {
    const sl_token *t = &SL_VEC_AT(&fp->toks, sl_token, i);
    if (t->flags & SL_TOKF_NEWLINE && !first) {
      st = close_sentence(fp, from);
      from = fp->words.len, first = true;
    }
    if (st != SL_OK || !is_word(t)) {
      uint64_t ph = 0;
      if (st == SL_OK && (st = punct_hash(fp, text, t, &ph)) == SL_OK)
        fp->exact = fold(fp->exact, ph);
      if (st == SL_OK && ends_sentence(text, t) && !first) {
        st = close_sentence(fp, from);
        from = fp->words.len, first = true;
      }
      continue;
    }
    word w;
    st = norm_word(fp, text, t, &w);
    if (st != SL_OK || w.len == 0)
      continue;
    uint64_t wh = XXH3_64bits(w.s, w.len);
    SL_VEC_AT(&fp->th, uint64_t, fp->th.len++) = wh;
    fp->exact = fold(fp->exact, wh);
    if (t->kind == SL_TOK_ABBREV) /* "Dr." and "DR." agree: a word and '.' */
      fp->exact = fold(fp->exact, sl__fmix64(0x100u | '.'));
    uint32_t ch = content_hash(t, &w, first);
    first = false;
    if (ch)
      st = push_u32(&fp->words, ch);
  }
  return st == SL_OK ? close_sentence(fp, from) : st;
}

static uint32_t shingle(const uint64_t *h, size_t k) {
  uint64_t x = h[0];
  for (size_t i = 1; i < k; i++)
    x = (x << 23 | x >> 41) * 0x9e3779b97f4a7c15ULL ^ h[i];
  return (uint32_t)(sl__fmix64(x) >> 32);
}

/* Word 3-shingles of the body (word 1- or 2-grams for shorter texts). */
static sl_status make_shingles(sl_dedup_fp *fp) {
  size_t n = fp->th.len, k = n < 3 ? n : 3;
  if (n == 0)
    return SL_OK;
  size_t count = n - k + 1;
  sl_status st = sl_vec_reserve(&fp->sh, count);
  if (st != SL_OK)
    return st;
  const uint64_t *h = fp->th.data;
  uint32_t *out = fp->sh.data;
  for (size_t i = 0; i < count; i++)
    out[i] = shingle(h + i, k);
  fp->sh.len = sl__dedup_sort_unique(out, count, &fp->tmp);
  return SL_OK;
}

/* The start of the exact hash: the title's tokens, punctuation included;
 * the body's tokens are folded in by scan_body. */
static sl_status title_hash(sl_dedup_fp *fp, const char *title, size_t len,
                            uint64_t *out) {
  uint64_t acc = 0x5eed;
  sl_vec_clear(&fp->toks);
  if (!title) {
    *out = fold(acc, 0x7469746c65);
    return SL_OK;
  }
  sl_status st = sl_tokenize(title, len, &fp->toks);
  for (size_t i = 0; st == SL_OK && i < fp->toks.len; i++) {
    const sl_token *t = &SL_VEC_AT(&fp->toks, sl_token, i);
    uint64_t h = 0;
    word w;
    if (!is_word(t))
      st = punct_hash(fp, title, t, &h);
    else if ((st = norm_word(fp, title, t, &w)) == SL_OK)
      h = XXH3_64bits(w.s, w.len);
    acc = fold(acc, h);
    if (t->kind == SL_TOK_ABBREV)
      acc = fold(acc, sl__fmix64(0x100u | '.'));
  }
  *out = fold(acc, 0x7469746c65); /* ends the title */
  return st;
}

sl_status sl_dedup_fp_compute(sl_dedup_fp *fp, const char *title,
                              size_t title_len, const char *text, size_t len) {
  fp_clear(fp);
  sl_status st = title_hash(fp, title, title_len, &fp->exact);
  const char *body = text ? text : "";
  sl_vec_clear(&fp->toks);
  if (st == SL_OK)
    st = sl_tokenize(body, text ? len : 0, &fp->toks);
  if (st == SL_OK)
    st = scan_body(fp, body);
  if (st == SL_OK)
    st = make_shingles(fp);
  if (st != SL_OK)
    fp_clear(fp);
  return st;
}

uint64_t sl_dedup_fp_exact(const sl_dedup_fp *fp) {
  return fp->exact;
}
size_t sl_dedup_fp_shingles(const sl_dedup_fp *fp) {
  return fp->sh.len;
}
size_t sl_dedup_fp_sentences(const sl_dedup_fp *fp) {
  return fp->sent.len;
}
