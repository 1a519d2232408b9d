/* storyline cluster: the featurizer: stemmed terms of the title (or lead
 * line) and body, capitalised-phrase entities, numbers. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/vec.h"
#include "cluster/cluster_int.h"
#include "cluster/entity.h"
#include "cluster/words.h"
#include "text/date.h"
#include "text/norm.h"
#include "text/stem.h"
#include "text/token.h"

enum { BAG_BODY, BAG_TITLE, BAG_ENT, BAG_NUM, BAG_COUNT };

struct sl_cluster_fz {
  uint64_t seed;
  sl_stemmers *stem;
  sl_vec toks;            /* sl_token */
  sl_buf word;            /* the normalised word */
  sl_buf phrase;          /* the normalised entity phrase */
  sl__ktab ix[BAG_COUNT]; /* key -> 1 + index in bag */
  sl_vec bag[BAG_COUNT];  /* sl__kv */
  /* per segment */
  const char *text;
  const char *lang;
  size_t lead_start, lead_end; /* tokens starting here count as title */
};

sl_cluster_fz *sl_cluster_fz_new(uint64_t seed) {
  sl_cluster_fz *fz = calloc(1, sizeof *fz);
  if (!fz)
    return NULL;
  fz->seed = seed;
  fz->stem = sl_stemmers_new();
  if (!fz->stem) {
    free(fz);
    return NULL;
  }
  sl_vec_init(&fz->toks, sizeof(sl_token));
  sl_buf_init(&fz->word, 0);
  sl_buf_init(&fz->phrase, 0);
  for (int b = 0; b < BAG_COUNT; b++) {
    sl__ktab_init(&fz->ix[b], (uint32_t)seed + (uint32_t)b);
    sl_vec_init(&fz->bag[b], sizeof(sl__kv));
  }
  return fz;
}

void sl_cluster_fz_free(sl_cluster_fz *fz) {
  if (!fz)
    return;
  sl_stemmers_free(fz->stem);
  sl_vec_release(&fz->toks);
  sl_buf_release(&fz->word);
  sl_buf_release(&fz->phrase);
  for (int b = 0; b < BAG_COUNT; b++) {
    sl__ktab_release(&fz->ix[b]);
    sl_vec_release(&fz->bag[b]);
  }
  free(fz);
}

static sl_status bag_add(sl_cluster_fz *fz, int b, uint32_t key, float w) {
  bool ins;
  uint32_t *slot = sl__ktab_slot(&fz->ix[b], key, &ins);
  if (!slot)
    return SL_ENOMEM;
  if (!ins) {
    SL_VEC_AT(&fz->bag[b], sl__kv, *slot - 1).w += w;
    return SL_OK;
  }
  sl__kv kv = {key, w};
  *slot = (uint32_t)fz->bag[b].len + 1;
  return sl_vec_push(&fz->bag[b], &kv);
}

/* The normalised form of a token into fz->word, "'s" dropped. ASCII, most
 * words, only needs lowercasing; the rest goes through sl_norm_key. */
static sl_status norm_token(sl_cluster_fz *fz, const sl_token *t) {
  sl_buf_clear(&fz->word);
  const char *w = fz->text + t->start;
  size_t i = 0;
  while (i < t->len && (unsigned char)w[i] < 0x80)
    i++;
  sl_status st;
  if (i < t->len) {
    st = sl_norm_key(w, t->len, &fz->word);
  } else {
    st = sl_buf_grow(&fz->word, t->len);
    for (i = 0; st == SL_OK && i < t->len; i++)
      fz->word.ptr[fz->word.len++] =
          (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
  }
  if (st != SL_OK)
    return st;
  if (fz->word.len > 2 && fz->word.ptr[fz->word.len - 2] == '\'' &&
      fz->word.ptr[fz->word.len - 1] == 's')
    sl_buf_truncate(&fz->word, fz->word.len - 2);
  return SL_OK;
}

static sl_status add_word(sl_cluster_fz *fz, const sl_token *t, bool title) {
  sl_status st = norm_token(fz, t);
  if (st != SL_OK || fz->word.len < 2 ||
      sl__stopword(fz->word.ptr, fz->word.len))
    return st;
  sl_str stem;
  st = sl_stem(fz->stem, fz->lang, fz->word.ptr, fz->word.len, &stem);
  if (st != SL_OK)
    return st;
  uint32_t key = sl__key(fz->seed, SL__NS_TERM, stem.ptr, stem.len);
  return bag_add(fz, title ? BAG_TITLE : BAG_BODY, key, 1.0f);
}

/* Numbers of two digits or more, separators dropped ("120,000"). */
static sl_status add_number(sl_cluster_fz *fz, const sl_token *t) {
  char digits[32];
  size_t n = 0;
  for (uint32_t i = 0; i < t->len && n < sizeof digits; i++) {
    char ch = fz->text[t->start + i];
    if (ch != ',')
      digits[n++] = ch;
  }
  if (n < 2)
    return SL_OK;
  return bag_add(fz, BAG_NUM, sl__key(fz->seed, SL__NS_NUM, digits, n), 1.0f);
}

static sl_status add_entity_word(sl_cluster_fz *fz, const sl_token *t) {
  sl_status st = norm_token(fz, t);
  if (st != SL_OK || fz->word.len < 2 ||
      sl__stopword(fz->word.ptr, fz->word.len) ||
      sl__calendar_word(fz->word.ptr, fz->word.len))
    return st;
  if (fz->phrase.len && (st = sl_buf_putc(&fz->phrase, ' ')) != SL_OK)
    return st;
  if ((st = sl_buf_append(&fz->phrase, fz->word.ptr, fz->word.len)) != SL_OK)
    return st;
  return bag_add(fz, BAG_ENT,
                 sl__key(fz->seed, SL__NS_ENT, fz->word.ptr, fz->word.len),
                 1.0f);
}

/* An entity phrase: each of its words, and the whole phrase when it has
 * more than one (so "Lohan" matches "Lindsay Lohan" and the full name
 * adds its own evidence). */
static sl_status on_phrase(void *ud, size_t first, size_t last) {
  sl_cluster_fz *fz = ud;
  const sl_token *t = fz->toks.data;
  sl_buf_clear(&fz->phrase);
  size_t words = 0;
  for (size_t i = first; i <= last; i++) {
    if (!(t[i].flags & SL_TOKF_CAP))
      continue;
    size_t before = fz->phrase.len;
    sl_status st = add_entity_word(fz, &t[i]);
    if (st != SL_OK)
      return st;
    words += fz->phrase.len != before;
  }
  if (words < 2)
    return SL_OK;
  return bag_add(fz, BAG_ENT,
                 sl__key(fz->seed, SL__NS_ENT, fz->phrase.ptr, fz->phrase.len),
                 1.0f);
}

/* Tokenizes and adds one segment (the title or the text). */
static sl_status add_segment(sl_cluster_fz *fz, const char *s, size_t len,
                             bool all_title) {
  sl_vec_clear(&fz->toks);
  fz->text = s;
  sl_status st = sl_tokenize(s, len, &fz->toks);
  const sl_token *t = fz->toks.data;
  for (size_t i = 0; st == SL_OK && i < fz->toks.len; i++) {
    bool title = all_title ||
                 (t[i].start >= fz->lead_start && t[i].start < fz->lead_end);
    if (t[i].kind == SL_TOK_WORD)
      st = add_word(fz, &t[i], title);
    else if (t[i].kind == SL_TOK_NUMBER)
      st = add_number(fz, &t[i]);
  }
  if (st == SL_OK)
    st = sl__phrases(s, t, fz->toks.len, on_phrase, fz);
  return st;
}

/* Whether a line is a date or time stamp ("Updated: November 11, 2011
 * 20:09 IST", "May 2, 2013, 1:12 PM"): it holds a date and few words. */
static bool stamp_line(const char *s, size_t n) {
  sl_date d;
  if (!sl_date_find(s, n, &d, NULL, NULL))
    return false;
  size_t spaces = 0;
  for (size_t i = 0; i < n; i++)
    spaces += s[i] == ' ';
  return spaces <= 7;
}

/* The first line of the text that reads as a headline (date stamps above
 * it skipped): short, at least three words, not ending like a sentence.
 * Returns its offset in *start and its length, or 0. */
static size_t lead_line(const char *text, size_t len, size_t *start) {
  size_t pos = 0;
  for (int line = 0; line < 3 && pos < len; line++) {
    size_t rest = len - pos < 300 ? len - pos : 300;
    const char *nl = memchr(text + pos, '\n', rest);
    if (!nl)
      return 0;
    size_t n = (size_t)(nl - text) - pos;
    while (n && (text[pos + n - 1] == ' ' || text[pos + n - 1] == '\r'))
      n--;
    if (!stamp_line(text + pos, n)) {
      if (n < 12 || n > 200 || strchr(".!?", text[pos + n - 1]))
        return 0;
      size_t spaces = 0;
      for (size_t i = 0; i < n; i++)
        spaces += text[pos + i] == ' ';
      *start = pos;
      return spaces >= 2 ? n : 0;
    }
    pos = (size_t)(nl - text) + 1;
  }
  return 0;
}

static int by_key(const void *a, const void *b) {
  return sl__kv_cmp_key(a, b);
}

static int by_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static sl_cluster_doc *build(sl_cluster_fz *fz, const char *head, size_t hlen) {
  if (hlen > 160)
    hlen = 160;
  while (hlen && ((unsigned char)head[hlen] & 0xC0) == 0x80)
    hlen--; /* do not cut a character */
  sl_vec *b = fz->bag;
  sl_cluster_doc *d = sl__doc_alloc(
      (uint32_t)b[BAG_BODY].len, (uint32_t)b[BAG_TITLE].len,
      (uint32_t)b[BAG_ENT].len, (uint32_t)b[BAG_NUM].len, head, hlen);
  if (!d)
    return NULL;
  if (d->n_terms) /* an empty vector's data may be NULL */
    memcpy(d->terms, b[BAG_BODY].data, d->n_terms * sizeof(sl__kv));
  if (d->n_title)
    memcpy(d->title, b[BAG_TITLE].data, d->n_title * sizeof(sl__kv));
  if (d->n_ents)
    memcpy(d->ents, b[BAG_ENT].data, d->n_ents * sizeof(sl__kv));
  for (uint32_t i = 0; i < d->n_nums; i++)
    d->nums[i] = SL_VEC_AT(&b[BAG_NUM], sl__kv, i).key;
  qsort(d->terms, d->n_terms, sizeof(sl__kv), by_key);
  qsort(d->title, d->n_title, sizeof(sl__kv), by_key);
  qsort(d->ents, d->n_ents, sizeof(sl__kv), by_key);
  qsort(d->nums, d->n_nums, sizeof(uint32_t), by_u32);
  return d;
}

sl_status sl_cluster_featurize(sl_cluster_fz *fz, const sl_cluster_input *in,
                               sl_cluster_doc **out) {
  *out = NULL;
  for (int b = 0; b < BAG_COUNT; b++) {
    sl__ktab_clear(&fz->ix[b]);
    sl_vec_clear(&fz->bag[b]);
  }
  fz->lang = in->lang;
  const char *text = in->text ? in->text : "";
  size_t tlen = in->text ? in->text_len : 0;
  bool has_title = in->title && in->title[0];
  size_t lead = 0;
  size_t hlen = has_title ? strlen(in->title) : lead_line(text, tlen, &lead);
  const char *head = has_title ? in->title : text + lead;
  sl_status st = SL_OK;
  fz->lead_start = fz->lead_end = 0;
  if (has_title)
    st = add_segment(fz, in->title, hlen, true);
  else if (hlen) {
    fz->lead_start = lead;
    fz->lead_end = lead + hlen;
  }
  if (!hlen) /* no headline: show the start of the first line */
    for (head = text; hlen < tlen && hlen < 160 && text[hlen] != '\n'; hlen++)
      ;
  if (st == SL_OK)
    st = add_segment(fz, text, tlen, false);
  if (st != SL_OK)
    return st;
  sl_cluster_doc *d = build(fz, head, hlen);
  if (!d)
    return SL_ENOMEM;
  d->id = in->id;
  d->seq = in->seq;
  d->day = d->fday = sl__days(in->date);
  sl_date found;
  if (d->day == SL__NODAY && sl_date_find(text, tlen, &found, NULL, NULL))
    d->fday = sl__days(found);
  *out = d;
  return SL_OK;
}
