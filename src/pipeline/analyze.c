/* storyline pipeline: language, content hash and stemmed term vector of one
 * article. Keys live in one arena per article; counting is a sort. */
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "base/arena.h"
#include "base/str.h"
#include "base/vec.h"
#include "pipeline/analyze.h"
#include "text/langid.h"
#include "text/norm.h"
#include "text/token.h"

struct sl_analyzer {
  sl_stemmers *stem; /* borrowed */
  sl_arena arena;    /* term keys of the current article */
  sl_vec toks;       /* sl_token */
  sl_vec keys;       /* struct key */
  sl_buf norm;       /* scratch for one normalised token or text */
};

struct key {
  sl_str s;
  unsigned in_title;
};

sl_analyzer *sl_analyzer_new(sl_stemmers *stem) {
  sl_analyzer *an = calloc(1, sizeof *an);
  if (!an)
    return NULL;
  an->stem = stem;
  sl_arena_init(&an->arena, 0);
  sl_vec_init(&an->toks, sizeof(sl_token));
  sl_vec_init(&an->keys, sizeof(struct key));
  sl_buf_init(&an->norm, 0);
  return an;
}

void sl_analyzer_free(sl_analyzer *an) {
  if (!an)
    return;
  sl_arena_release(&an->arena);
  sl_vec_release(&an->toks);
  sl_vec_release(&an->keys);
  sl_buf_release(&an->norm);
  free(an);
}

static sl_status hash_content(sl_analyzer *an, sl_article *a) {
  sl_buf_clear(&an->norm);
  sl_status st = SL_OK;
  if (a->title)
    st = sl_norm_key(a->title, strlen(a->title), &an->norm);
  if (st == SL_OK)
    st = sl_buf_putc(&an->norm, '\n');
  if (st == SL_OK && a->text)
    st = sl_norm_key(a->text, strlen(a->text), &an->norm);
  if (st == SL_OK)
    a->content_hash = XXH3_64bits(an->norm.ptr, an->norm.len);
  return st;
}

/* Normalises and stems one token, appending its key to an->keys. */
static sl_status add_key(sl_analyzer *an, const char *lang, const char *s,
                         size_t len, unsigned in_title) {
  sl_buf_clear(&an->norm);
  sl_status st = sl_norm_key(s, len, &an->norm);
  if (st != SL_OK || an->norm.len == 0)
    return st;
  sl_str stemmed;
  st = sl_stem(an->stem, lang, an->norm.ptr, an->norm.len, &stemmed);
  if (st != SL_OK)
    return st;
  char *copy = sl_arena_strndup(&an->arena, stemmed.ptr, stemmed.len);
  struct key *k = sl_vec_push_zero(&an->keys);
  if (!copy || !k)
    return SL_ENOMEM;
  k->s = sl_str_of(copy, stemmed.len);
  k->in_title = in_title;
  return SL_OK;
}

static sl_status collect(sl_analyzer *an, const char *lang, const char *text,
                         unsigned in_title) {
  if (!text)
    return SL_OK;
  size_t len = strlen(text);
  sl_vec_clear(&an->toks);
  sl_status st = sl_tokenize(text, len, &an->toks);
  for (size_t i = 0; st == SL_OK && i < an->toks.len; i++) {
    const sl_token *t = &SL_VEC_AT(&an->toks, sl_token, i);
    if (t->kind == SL_TOK_WORD || t->kind == SL_TOK_NUMBER ||
        t->kind == SL_TOK_ABBREV)
      st = add_key(an, lang, text + t->start, t->len, in_title);
  }
  return st;
}

static int key_cmp(const void *pa, const void *pb) {
  const struct key *a = pa, *b = pb;
  size_t n = a->s.len < b->s.len ? a->s.len : b->s.len;
  int c = memcmp(a->s.ptr, b->s.ptr, n);
  if (c)
    return c;
  return (a->s.len > b->s.len) - (a->s.len < b->s.len);
}

static sl_status put_varint(sl_buf *b, uint64_t v) {
  unsigned char tmp[10];
  size_t n = 0;
  do {
    tmp[n] = (unsigned char)(v & 0x7f);
    v >>= 7;
    if (v)
      tmp[n] |= 0x80;
    n++;
  } while (v);
  return sl_buf_append(b, tmp, n);
}

static sl_status encode_terms(sl_analyzer *an, sl_buf *out) {
  struct key *keys = an->keys.data;
  size_t n = an->keys.len;
  if (n)
    qsort(keys, n, sizeof *keys, key_cmp);
  sl_status st = sl_buf_putc(out, 1);
  for (size_t i = 0; st == SL_OK && i < n;) {
    size_t j = i;
    unsigned text_count = 0, title_count = 0;
    for (; j < n && sl_str_eq(keys[j].s, keys[i].s); j++) {
      if (keys[j].in_title)
        title_count++;
      else
        text_count++;
    }
    st = put_varint(out, keys[i].s.len);
    if (st == SL_OK)
      st = sl_buf_append(out, keys[i].s.ptr, keys[i].s.len);
    if (st == SL_OK)
      st = put_varint(out, text_count);
    if (st == SL_OK)
      st = put_varint(out, title_count);
    i = j;
  }
  return st;
}

static sl_status set_language(sl_article *a) {
  if (a->language || !a->text)
    return SL_OK;
  const char *lang = sl_langid(a->text, strlen(a->text), NULL);
  if (!lang && a->title)
    lang = sl_langid(a->title, strlen(a->title), NULL);
  return lang ? sl_article_set(&a->language, lang, strlen(lang)) : SL_OK;
}

sl_status sl_analyze(sl_analyzer *an, sl_article *a, sl_buf *terms) {
  sl_arena_reset(&an->arena);
  sl_vec_clear(&an->keys);
  sl_buf_clear(terms);
  sl_status st = set_language(a);
  if (st == SL_OK)
    st = hash_content(an, a);
  if (st == SL_OK)
    st = collect(an, a->language, a->title, 1);
  if (st == SL_OK)
    st = collect(an, a->language, a->text, 0);
  if (st == SL_OK)
    st = encode_terms(an, terms);
  return st;
}

static bool get_varint(const unsigned char *p, size_t len, size_t *pos,
                       uint64_t *out) {
  uint64_t v = 0;
  for (unsigned shift = 0; *pos < len && shift < 64; shift += 7) {
    unsigned char c = p[(*pos)++];
    v |= (uint64_t)(c & 0x7f) << shift;
    if (!(c & 0x80)) {
      *out = v;
      return true;
    }
  }
  return false;
}

bool sl_terms_next(const unsigned char *blob, size_t len, size_t *pos,
                   sl_term *out) {
  uint64_t klen, text_count, title_count;
  if (!get_varint(blob, len, pos, &klen) || klen > len - *pos)
    return false;
  out->key = (const char *)blob + *pos;
  out->len = (size_t)klen;
  *pos += (size_t)klen;
  if (!get_varint(blob, len, pos, &text_count) ||
      !get_varint(blob, len, pos, &title_count))
    return false;
  out->text_count = (unsigned)text_count;
  out->title_count = (unsigned)title_count;
  return true;
}
