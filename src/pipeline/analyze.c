/* storyline pipeline: language, content hash and stemmed term vector of one
 * article. Keys live in one arena per article; the text is read a slice at
 * a time, so the memory it takes grows with its distinct words, not its
 * length. */
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "base/arena.h"
#include "base/str.h"
#include "base/varint.h"
#include "base/vec.h"
#include "pipeline/analyze.h"
#include "text/langid.h"
#include "text/norm.h"
#include "text/token.h"

struct sl_analyzer {
  sl_stemmers *stem; /* borrowed */
  sl_arena arena;    /* term keys of the current article */
  sl_vec keys;       /* struct term: the article's distinct words */
  sl_vec terms;      /* struct term: their distinct stems */
  uint32_t *slots;   /* hash table over keys: index + 1, 0 when empty */
  uint32_t *tslots;  /* the same over terms */
  size_t nslots;     /* a power of two, for both */
  sl_vec toks;       /* sl_token of the current slice of the text */

  sl_buf norm;        /* normalised words not yet hashed, space-separated */
  XXH3_state_t *hash; /* the content hash of the words hashed so far */
};

/* Bytes of text tokenised at a time, and of normalised words hashed at a
 * time: large enough that the calls cost nothing, small enough that a long
 * text costs no memory in proportion. */
enum { SLICE = 64 * 1024, HASH_EVERY = 64 * 1024 };

struct term {
  sl_str s; /* in the arena */
  uint64_t hash;
  unsigned text_count, title_count;
};

sl_analyzer *sl_analyzer_new(sl_stemmers *stem) {
  sl_analyzer *an = calloc(1, sizeof *an);
  if (!an)
    return NULL;
  an->stem = stem;
  sl_arena_init(&an->arena, 0);
  sl_vec_init(&an->toks, sizeof(sl_token));
  sl_vec_init(&an->keys, sizeof(struct term));
  sl_vec_init(&an->terms, sizeof(struct term));
  sl_buf_init(&an->norm, 0);
  if (!(an->hash = XXH3_createState())) {
    sl_analyzer_free(an);
    return NULL;
  }
  return an;
}

void sl_analyzer_free(sl_analyzer *an) {
  if (!an)
    return;
  sl_arena_release(&an->arena);
  sl_vec_release(&an->toks);
  sl_vec_release(&an->keys);
  sl_vec_release(&an->terms);
  free(an->slots);
  free(an->tslots);
  sl_buf_release(&an->norm);
  XXH3_freeState(an->hash);
  free(an);
}

/* Appends the matching key of a token and a space to an->norm, which so
 * collects the article's normalised words for the content hash, and points
 * `*out` at the key. ASCII, most tokens, is lowercased in one pass; the rest
 * goes through sl_norm_key. */
static sl_status token_key(sl_analyzer *an, const char *s, size_t len,
                           sl_str *out) {
  size_t at = an->norm.len, i = 0;
  while (i < len && (unsigned char)s[i] < 0x80)
    i++;
  sl_status st;
  if (i < len) {
    st = sl_norm_key(s, len, &an->norm);
  } else {
    st = sl_buf_grow(&an->norm, len);
    for (i = 0; st == SL_OK && i < len; i++) {
      char c = s[i];
      an->norm.ptr[an->norm.len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
  }
  size_t end = an->norm.len;
  if (st == SL_OK)
    st = sl_buf_putc(&an->norm, ' '); /* may move the buffer: slice after */
  *out = sl_str_of(an->norm.ptr + at, end - at);
  return st;
}

/* A table of distinct strings with their counts: a vector of struct term
 * and its open-addressing index. */
typedef struct table {
  sl_vec *items;
  uint32_t *slots;
  size_t nslots;
} table;

/* Puts `i`, the index of an item hashed `h`, in the first free slot. */
static void place(uint32_t *slots, size_t n, uint64_t h, size_t i) {
  size_t at = h & (n - 1);
  while (slots[at])
    at = (at + 1) & (n - 1);
  slots[at] = (uint32_t)i + 1;
}

/* Doubles both tables (they hold at most as many terms as keys). */
static sl_status grow_slots(sl_analyzer *an) {
  size_t n = an->nslots ? an->nslots * 2 : 1024;
  uint32_t *slots = calloc(n, sizeof *slots);
  uint32_t *tslots = calloc(n, sizeof *tslots);
  if (!slots || !tslots) {
    free(slots);
    free(tslots);
    return SL_ENOMEM;
  }
  for (size_t i = 0; i < an->keys.len; i++)
    place(slots, n, SL_VEC_AT(&an->keys, struct term, i).hash, i);
  for (size_t i = 0; i < an->terms.len; i++)
    place(tslots, n, SL_VEC_AT(&an->terms, struct term, i).hash, i);
  free(an->slots);
  free(an->tslots);
  an->slots = slots;
  an->tslots = tslots;
  an->nslots = n;
  return SL_OK;
}

/* Adds the counts to string `s` in `t`; a new string is copied into the
 * arena (keys point into an->norm, which moves; stems into the stemmer). */
static sl_status add_to(sl_analyzer *an, table t, sl_str s, unsigned text,
                        unsigned title) {
  uint64_t h = XXH3_64bits(s.ptr, s.len);
  size_t at = h & (t.nslots - 1);
  for (; t.slots[at]; at = (at + 1) & (t.nslots - 1)) {
    struct term *e = &SL_VEC_AT(t.items, struct term, t.slots[at] - 1);
    if (e->hash == h && sl_str_eq(e->s, s)) {
      e->text_count += text;
      e->title_count += title;
      return SL_OK;
    }
  }
  char *copy = sl_arena_strndup(&an->arena, s.ptr, s.len);
  struct term *e = sl_vec_push_zero(t.items);
  if (!copy || !e)
    return SL_ENOMEM;
  *e = (struct term){sl_str_of(copy, s.len), h, text, title};
  t.slots[at] = (uint32_t)t.items->len;
  return SL_OK;
}

/* Counts one occurrence of the word key `s`. */
static sl_status count_key(sl_analyzer *an, sl_str s, unsigned in_title) {
  if ((an->keys.len + 1) * 2 > an->nslots && grow_slots(an) != SL_OK)
    return SL_ENOMEM;
  table t = {&an->keys, an->slots, an->nslots};
  return add_to(an, t, s, !in_title, in_title);
}

/* Feeds the normalised words gathered so far to the content hash (the
 * same hash as over all of them at once) and forgets them. */
static void hash_words(sl_analyzer *an) {
  XXH3_64bits_update(an->hash, an->norm.ptr, an->norm.len);
  sl_buf_clear(&an->norm);
}

/* Normalises one token and counts it. */
static sl_status add_key(sl_analyzer *an, const char *s, size_t len,
                         unsigned in_title) {
  sl_str key;
  sl_status st = token_key(an, s, len, &key);
  if (st == SL_OK && key.len)
    st = count_key(an, key, in_title); /* a new key is copied: no slice of
                                          an->norm outlives this call */
  if (an->norm.len >= HASH_EVERY)
    hash_words(an);
  return st;
}

/* Stems each distinct word once and sums the counts of words that share a
 * stem, in the order the words first occur. */
static sl_status stem_keys(sl_analyzer *an, const char *lang) {
  table t = {&an->terms, an->tslots, an->nslots};
  sl_status st = SL_OK;
  enum { AHEAD = 8 }; /* cache slots in flight */
  for (size_t i = 0; i < AHEAD && i < an->keys.len; i++) {
    const struct term *k = &SL_VEC_AT(&an->keys, struct term, i);
    sl_stem_prefetch(an->stem, lang, k->s.ptr, k->s.len);
  }
  for (size_t i = 0; st == SL_OK && i < an->keys.len; i++) {
    const struct term *k = &SL_VEC_AT(&an->keys, struct term, i);
    if (i + AHEAD < an->keys.len)
      sl_stem_prefetch(an->stem, lang, k[AHEAD].s.ptr, k[AHEAD].s.len);
    sl_str stemmed;
    st = sl_stem(an->stem, lang, k->s.ptr, k->s.len, &stemmed);
    if (st == SL_OK)
      st = add_to(an, t, stemmed, k->text_count, k->title_count);
  }
  return st;
}

/* Where a piece of `text` (`len` bytes of valid UTF-8) that starts at `at`
 * and holds at most `max` bytes ends: after the last line break of its
 * second half, else after its last space there (no token spans either),
 * else at a character boundary. */
static size_t cut(const char *text, size_t len, size_t at, size_t max) {
  if (len - at <= max)
    return len;
  size_t end = at + max;
  for (size_t i = end; i > at + max / 2; i--)
    if (text[i - 1] == '\n')
      return i;
  for (size_t i = end; i > at + max / 2; i--)
    if (text[i - 1] == ' ')
      return i;
  while (end > at + 1 && ((unsigned char)text[end] & 0xC0) == 0x80)
    end--; /* a continuation byte: its character starts before */
  return end;
}

static sl_status collect(sl_analyzer *an, const char *text, unsigned in_title) {
  size_t len = text ? strlen(text) : 0;
  sl_status st = SL_OK;
  for (size_t at = 0, end; st == SL_OK && at < len; at = end) {
    end = cut(text, len, at, SLICE);
    sl_vec_clear(&an->toks);
    st = sl_tokenize(text + at, end - at, &an->toks);
    for (size_t i = 0; st == SL_OK && i < an->toks.len; i++) {
      const sl_token *t = &SL_VEC_AT(&an->toks, sl_token, i);
      if (t->kind == SL_TOK_WORD || t->kind == SL_TOK_NUMBER ||
          t->kind == SL_TOK_ABBREV)
        st = add_key(an, text + at + t->start, t->len, in_title);
    }
  }
  return st;
}

/* Terms in the order they first occur: deterministic for a given text,
 * and no sort on the hot path. Room for all is made first. */
static sl_status encode_terms(sl_analyzer *an, sl_buf *out) {
  size_t room = 1;
  for (size_t i = 0; i < an->terms.len; i++)
    room += SL_VEC_AT(&an->terms, struct term, i).s.len + 30;
  sl_status st = sl_buf_grow(out, room);
  if (st != SL_OK)
    return st;
  uint8_t *p = (uint8_t *)out->ptr + out->len;
  *p++ = 1;
  for (size_t i = 0; i < an->terms.len; i++) {
    const struct term *t = &SL_VEC_AT(&an->terms, struct term, i);
    p = sl_varint_write(p, t->s.len);
    memcpy(p, t->s.ptr, t->s.len);
    p = sl_varint_write(p + t->s.len, t->text_count);
    p = sl_varint_write(p, t->title_count);
  }
  out->len = (size_t)((char *)p - out->ptr);
  out->ptr[out->len] = '\0';
  return SL_OK;
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
  sl_vec_clear(&an->terms);
  if (an->slots) {
    memset(an->slots, 0, an->nslots * sizeof *an->slots);
    memset(an->tslots, 0, an->nslots * sizeof *an->tslots);
  }
  sl_buf_clear(terms);
  sl_buf_clear(&an->norm);
  if (XXH3_64bits_reset(an->hash) != XXH_OK)
    return SL_EINVAL;
  sl_status st = set_language(a);
  if (st == SL_OK)
    st = collect(an, a->title, 1);
  if (st == SL_OK)
    st = sl_buf_putc(&an->norm, '\n');
  if (st == SL_OK)
    st = collect(an, a->text, 0);
  if (st == SL_OK)
    st = stem_keys(an, a->language);
  if (st == SL_OK) {
    hash_words(an);
    a->content_hash = XXH3_64bits_digest(an->hash);
  }
  if (st == SL_OK)
    st = encode_terms(an, terms);
  return st;
}

size_t sl_analysed_len(const char *text, size_t len) {
  return cut(text, len, 0, SL_ANALYSIS_MAX_BYTES);
}

bool sl_terms_next(const unsigned char *blob, size_t len, size_t *pos,
                   sl_term *out) {
  if (*pos >= len)
    return false;
  sl_varint_reader r = {blob + *pos, blob + len, false};
  uint64_t klen = sl_varint_get(&r);
  if (r.bad || klen > (uint64_t)(r.end - r.p))
    return false;
  out->key = (const char *)r.p;
  out->len = (size_t)klen;
  r.p += klen;
  uint64_t text_count = sl_varint_get(&r), title_count = sl_varint_get(&r);
  if (r.bad)
    return false;
  *pos = (size_t)(r.p - blob);
  out->text_count = (unsigned)text_count;
  out->title_count = (unsigned)title_count;
  return true;
}
