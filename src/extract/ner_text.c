/* storyline extract: tagging plain text: the text's tokens (a possessive
 * 's split off, as CoNLL-2003 writes it) and sentences, the whole text one
 * document, and the BILOU tags turned into mentions with byte spans. */
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/vec.h"
#include "extract/ner_int.h"
#include "text/sentence.h"
#include "text/token.h"

/* Length of a possessive ending ('s or ’s) of a word, or 0. */
static size_t possessive(const char *s, size_t len) {
  if (len > 2 && (s[len - 1] == 's' || s[len - 1] == 'S') && s[len - 2] == '\'')
    return 2;
  if (len > 4 && s[len - 1] == 's' && !memcmp(s + len - 4, "\xe2\x80\x99", 3))
    return 4;
  return 0;
}

typedef struct tokens {
  sl_vec tok;   /* ner_tok */
  sl_vec start; /* uint32_t byte offset of each */
  sl_vec sent;  /* size_t: first ner_tok of each sentence, then the end */
} tokens;

static sl_status push_tok(tokens *t, const char *text, uint32_t at,
                          uint32_t len) {
  ner_tok k = {text + at, len};
  sl_status st = sl_vec_push(&t->tok, &k);
  return st == SL_OK ? sl_vec_push(&t->start, &at) : st;
}

static sl_status split(tokens *t, const char *text, const sl_token *tk,
                       const sl_sentence *se, size_t ns) {
  sl_status st = SL_OK;
  for (size_t s = 0; st == SL_OK && s < ns; s++) {
    size_t first = t->tok.len;
    st = sl_vec_push(&t->sent, &first);
    for (uint32_t i = se[s].tok_begin; st == SL_OK && i < se[s].tok_end; i++) {
      size_t p = tk[i].kind == SL_TOK_WORD
                     ? possessive(text + tk[i].start, tk[i].len)
                     : 0;
      st = push_tok(t, text, tk[i].start, tk[i].len - (uint32_t)p);
      if (st == SL_OK && p)
        st = push_tok(t, text, tk[i].start + tk[i].len - (uint32_t)p,
                      (uint32_t)p);
    }
  }
  size_t end = t->tok.len;
  return st == SL_OK ? sl_vec_push(&t->sent, &end) : st;
}

static sl_status read_tokens(const char *text, size_t len, tokens *t) {
  sl_vec tk = SL_VEC_INIT(sl_token), se = SL_VEC_INIT(sl_sentence);
  sl_status st = sl_tokenize(text, len, &tk);
  if (st == SL_OK)
    st = sl_sentences(text, len, tk.data, tk.len, &se);
  if (st == SL_OK)
    st = split(t, text, tk.data, se.data, se.len);
  sl_vec_release(&tk);
  sl_vec_release(&se);
  return st;
}

/* Turns the tags of one document into mentions. */
static sl_status mentions(const tokens *t, const int *tags, sl_vec *out) {
  const ner_tok *tok = t->tok.data;
  const uint32_t *at = t->start.data;
  const size_t *sent = t->sent.data;
  size_t ns = t->sent.len - 1, begin = 0;
  for (size_t s = 0; s < ns; s++)
    for (size_t i = sent[s]; i < sent[s + 1]; i++) {
      int p = ner_tag_pos(tags[i]);
      if (p == NER_B || p == NER_U)
        begin = i;
      if (p != NER_L && p != NER_U)
        continue;
      sl_mention m = {at[begin], at[i] + tok[i].len,
                      (uint8_t)ner_tag_type(tags[i]), (uint32_t)s};
      if (sl_vec_push(out, &m) != SL_OK)
        return SL_ENOMEM;
    }
  return SL_OK;
}

sl_status sl_ner_tag_text(const sl_ner_model *m, const char *text, size_t len,
                          sl_mention **out, size_t *n) {
  *out = NULL;
  *n = 0;
  if (!sl_utf8_valid(text, len) || memchr(text, 0, len))
    return SL_EUTF8;
  tokens t = {SL_VEC_INIT(ner_tok), SL_VEC_INIT(uint32_t), SL_VEC_INIT(size_t)};
  sl_vec res = SL_VEC_INIT(sl_mention);
  ner_sent s;
  ner_sent_init(&s);
  ner_doc d = {0};
  ner_scorer sc = ner_model_scorer(m);
  sl_status st = read_tokens(text, len, &t);
  if (st == SL_OK)
    st = ner_doc_tag(&s, &d, t.tok.data, t.tok.len, t.sent.data, t.sent.len - 1,
                     &m->gaz, &sc);
  if (st == SL_OK)
    st = mentions(&t, s.tags, &res);
  sl_vec_release(&t.tok);
  sl_vec_release(&t.start);
  sl_vec_release(&t.sent);
  ner_sent_release(&s);
  ner_table_release(&d.seen);
  if (st != SL_OK) {
    sl_vec_release(&res);
    return st;
  }
  *out = res.data;
  *n = res.len;
  return SL_OK;
}
