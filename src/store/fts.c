/* storyline store: the full-text search tokenizer ("storyline"), registered
 * on every connection, so that the index and its queries see the words the
 * pipeline sees: its tokens, matching keys and Snowball stems. */
#include <stdlib.h>
#include <string.h>

#include "store/fts.h"
#include "store/store_int.h"
#include "text/norm.h"
#include "text/stem.h"
#include "text/token.h"

/* One tokenizer instance (FTS5 makes one per table and connection). */
typedef struct fts_tok {
  sl_stemmers *stem;
  sl_vec toks; /* sl_token */
  sl_buf key;
} fts_tok;

static int tok_create(void *ctx, const char **argv, int argc,
                      Fts5Tokenizer **out) {
  fts_tok *t = calloc(1, sizeof *t);
  if (!t || !(t->stem = sl_stemmers_new())) {
    free(t);
    return SQLITE_NOMEM;
  }
  sl_vec_init(&t->toks, sizeof(sl_token));
  sl_buf_init(&t->key, 0);
  *out = (Fts5Tokenizer *)t;
  return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p) {
  fts_tok *t = (fts_tok *)p;
  if (!t)
    return;
  sl_stemmers_free(t->stem);
  sl_vec_release(&t->toks);
  sl_buf_release(&t->key);
  free(t);
}

size_t sl__fts_lang(const char *text, size_t len, char *lang, size_t cap) {
  if (len < 2 || text[0] != SL_FTS_MARK_OPEN)
    return 0;
  const char *end = memchr(text + 1, SL_FTS_MARK_CLOSE, len - 1);
  if (!end)
    return 0;
  size_t n = (size_t)(end - text - 1);
  if (n && n < cap) {
    memcpy(lang, text + 1, n);
    lang[n] = '\0';
  }
  return n + 2;
}

/* The matching key of one token into t->key, as the pipeline's analysis
 * makes it: ASCII lowercased in place, the rest through sl_norm_key. */
static sl_status token_key(fts_tok *t, const char *s, size_t len) {
  sl_buf_clear(&t->key);
  size_t i = 0;
  while (i < len && (unsigned char)s[i] < 0x80)
    i++;
  if (i < len)
    return sl_norm_key(s, len, &t->key);
  sl_status st = sl_buf_grow(&t->key, len);
  for (i = 0; st == SL_OK && i < len; i++) {
    char c = s[i];
    t->key.ptr[t->key.len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  if (st == SL_OK)
    t->key.ptr[t->key.len] = '\0';
  return st;
}

/* Calls `fn` with the stem of each word, number and abbreviation of the
 * text; a leading language mark chooses the stemmer (English without). */
static sl_status fts_each(fts_tok *t, const char *text, size_t len,
                          int (*fn)(void *ud, const char *term, size_t tlen,
                                    size_t start, size_t end),
                          void *ud) {
  char lang[16] = "en";
  size_t skip = sl__fts_lang(text, len, lang, sizeof lang);
  sl_vec_clear(&t->toks);
  sl_status st = sl_tokenize(text + skip, len - skip, &t->toks);
  for (size_t i = 0; st == SL_OK && i < t->toks.len; i++) {
    const sl_token *k = &SL_VEC_AT(&t->toks, sl_token, i);
    if ((k->kind != SL_TOK_WORD && k->kind != SL_TOK_NUMBER &&
         k->kind != SL_TOK_ABBREV) ||
        k->len > SL_FTS_MAX_WORD)
      continue;
    const char *w = text + skip + k->start;
    sl_str stem;
    st = token_key(t, w, k->len);
    if (st == SL_OK && t->key.len)
      st = sl_stem(t->stem, lang, t->key.ptr, t->key.len, &stem);
    if (st == SL_OK && t->key.len &&
        fn(ud, stem.ptr, stem.len, skip + k->start, skip + k->start + k->len))
      st = SL_ECANCELED;
  }
  return st;
}

typedef struct tok_call {
  void *ctx;
  int (*x)(void *, int, const char *, int, int, int);
  int rc;
} tok_call;

static int give(void *ud, const char *term, size_t tlen, size_t start,
                size_t end) {
  tok_call *c = ud;
  c->rc = c->x(c->ctx, 0, term, (int)tlen, (int)start, (int)end);
  return c->rc != SQLITE_OK;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags,
                        const char *text, int len,
                        int (*x)(void *, int, const char *, int, int, int)) {
  tok_call c = {ctx, x, SQLITE_OK};
  sl_status st = fts_each((fts_tok *)p, text ? text : "",
                          len > 0 ? (size_t)len : 0, give, &c);
  if (st == SL_ECANCELED)
    return c.rc;
  return st == SL_OK       ? SQLITE_OK
         : st == SL_ENOMEM ? SQLITE_NOMEM
                           : SQLITE_ERROR;
}

sl_status sl__fts_register(sl_store *st, sl_error *err) {
  fts5_api *api = NULL;
  sqlite3_stmt *s = NULL;
  int rc = sqlite3_prepare_v2(st->db, "SELECT fts5(?1)", -1, &s, NULL);
  if (rc == SQLITE_OK) {
    sqlite3_bind_pointer(s, 1, &api, "fts5_api_ptr", NULL);
    sqlite3_step(s);
  }
  sqlite3_finalize(s);
  if (!api || api->iVersion < 2)
    return sl_error_set(err, SL_EDB,
                        "cannot open '%s': this SQLite has no full-text "
                        "search (FTS5)",
                        st->path);
  static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
  rc = api->xCreateTokenizer(api, "storyline", NULL, &tok, NULL);
  return rc == SQLITE_OK ? SL_OK
                         : sl__store_fail(st, rc, "set up search for", err);
}

/* For the tests and the query translation: a standalone tokenizer. */
sl_status sl__fts_terms(const char *text, size_t len,
                        int (*fn)(void *ud, const char *term, size_t tlen,
                                  size_t start, size_t end),
                        void *ud) {
  Fts5Tokenizer *t = NULL;
  if (tok_create(NULL, NULL, 0, &t) != SQLITE_OK)
    return SL_ENOMEM;
  sl_status st = fts_each((fts_tok *)t, text, len, fn, ud);
  tok_delete(t);
  return st;
}
