/* storyline extract: quotes: the text's tokens, sentences and mentions
 * indexed, then direct and reported speech found (quote_find.c), each with
 * its speaker (quote_speaker.c). */
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "extract/quote_int.h"

static sl_status index_text(qtext *q, sl_vec *tok, sl_vec *sent) {
  sl_status st = sl_tokenize(q->s, q->len, tok);
  if (st == SL_OK)
    st = sl_sentences(q->s, q->len, tok->data, tok->len, sent);
  if (st != SL_OK)
    return st;
  q->tok = tok->data;
  q->ntok = tok->len;
  q->sent = sent->data;
  q->nsent = sent->len;
  q->sent_of = malloc((q->ntok + 1) * sizeof *q->sent_of);
  q->mention_of = malloc((q->ntok + 1) * sizeof *q->mention_of);
  q->quoted = calloc(q->ntok + 1, 1);
  if (!q->sent_of || !q->mention_of || !q->quoted)
    return SL_ENOMEM;
  for (size_t s = 0; s < q->nsent; s++)
    for (size_t i = q->sent[s].tok_begin; i < q->sent[s].tok_end; i++)
      q->sent_of[i] = (uint32_t)s;
  size_t k = 0;
  for (size_t i = 0; i < q->ntok; i++) {
    while (k < q->nm && q->m[k].end <= q->tok[i].start)
      k++;
    q->mention_of[i] =
        k < q->nm && q->m[k].start <= q->tok[i].start ? (int32_t)k : -1;
  }
  return SL_OK;
}

static int by_start(const void *a, const void *b) {
  const sl_quote *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->kind < y->kind ? -1 : x->kind > y->kind;
}

sl_status sl_quotes_find(const char *text, size_t len, const sl_mention *m,
                         size_t n, sl_quote **out, size_t *nout) {
  *out = NULL;
  *nout = 0;
  if (!sl_utf8_valid(text, len) || memchr(text, 0, len))
    return SL_EUTF8;
  sl_vec tok = SL_VEC_INIT(sl_token), sent = SL_VEC_INIT(sl_sentence);
  sl_vec res = SL_VEC_INIT(sl_quote);
  qtext q = {text, len, NULL, 0, NULL, 0, NULL, NULL, m, n, NULL, &res};
  sl_status st = index_text(&q, &tok, &sent);
  if (st == SL_OK)
    st = quote_direct(&q);
  if (st == SL_OK)
    st = quote_reported(&q);
  free(q.sent_of);
  free(q.mention_of);
  free(q.quoted);
  sl_vec_release(&tok);
  sl_vec_release(&sent);
  if (st != SL_OK) {
    sl_vec_release(&res);
    return st;
  }
  if (res.len > 1)
    qsort(res.data, res.len, sizeof(sl_quote), by_start);
  *out = res.data;
  *nout = res.len;
  return SL_OK;
}
