/* storyline extract: CoNLL-2003 columns: reading documents, sentences and
 * tags (IOB1 or IOB2 -> BILOU by conlleval's chunk rules), scoring chunks
 * as conlleval does, and writing predicted tags back. */
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"
#include "extract/ner_int.h"

typedef struct line {
  const char *s;
  size_t len;
} line;

static line next_line(const char *text, size_t len, size_t *pos) {
  size_t i = *pos, e = i;
  while (e < len && text[e] != '\n')
    e++;
  *pos = e < len ? e + 1 : e;
  size_t n = e - i;
  while (n && (text[i + n - 1] == '\r' || text[i + n - 1] == ' ' ||
               text[i + n - 1] == '\t'))
    n--;
  return (line){text + i, n};
}

static bool is_docstart(line l) {
  return l.len >= 10 && memcmp(l.s, "-DOCSTART-", 10) == 0;
}

/* The field `k` from the end (0: the last) of a line, or an empty slice. */
static line field_from_end(line l, int k) {
  size_t e = l.len;
  for (;;) {
    size_t b = e;
    while (b > 0 && l.s[b - 1] != ' ' && l.s[b - 1] != '\t')
      b--;
    if (k-- == 0 || b == 0)
      return k < 0 ? (line){l.s + b, e - b} : (line){l.s, 0};
    e = b - 1;
  }
}

static line first_field(line l) {
  size_t e = 0;
  while (e < l.len && l.s[e] != ' ' && l.s[e] != '\t')
    e++;
  return (line){l.s, e};
}

/* A CoNLL tag: prefix 'B', 'I' or 'O', and its type (-1 for O). */
static void parse_tag(line t, char *prefix, int *type) {
  static const char *names[] = {"PER", "ORG", "LOC", "MISC"};
  *prefix = 'O';
  *type = -1;
  if (t.len < 3 || t.s[1] != '-')
    return;
  for (int k = 0; k < SL_ENT__COUNT; k++)
    if (t.len - 2 == strlen(names[k]) && !memcmp(t.s + 2, names[k], t.len - 2))
      *type = k;
  if (*type >= 0)
    *prefix = t.s[0] == 'B' ? 'B' : 'I';
}

/* conlleval's chunk rules over one sentence of (prefix, type) -> BILOU. */
static void to_bilou(const char *pre, const int *type, size_t n, int *out) {
  for (size_t i = 0; i < n; i++) {
    if (type[i] < 0) {
      out[i] = 0;
      continue;
    }
    bool start = pre[i] == 'B' || i == 0 || type[i - 1] != type[i];
    bool end = i + 1 == n || pre[i + 1] == 'B' || type[i + 1] != type[i];
    int pos = start && end ? NER_U : start ? NER_B : end ? NER_L : NER_I;
    out[i] = ner_tag(type[i], pos);
  }
}

typedef struct reader {
  sl_vec tok, gold, sent, doc, pre, type;
} reader;

/* Closes the sentence in progress: converts its tags. */
static sl_status close_sent(reader *r, ner_corpus *c, bool gold) {
  size_t start = SL_VEC_AT(&r->sent, size_t, r->sent.len - 1);
  size_t n = r->tok.len - start;
  if (!n)
    return SL_OK;
  if (gold)
    to_bilou((char *)r->pre.data, (int *)r->type.data, n,
             (int *)r->gold.data + start);
  r->pre.len = r->type.len = 0;
  size_t end = r->tok.len;
  return sl_vec_push(&r->sent, &end);
}

static sl_status add_token(reader *r, line l, bool gold) {
  line w = first_field(l);
  ner_tok t = {w.s, (uint32_t)w.len};
  char pre = 'O';
  int type = -1, none = -1;
  if (gold)
    parse_tag(field_from_end(l, 0), &pre, &type);
  sl_status st = sl_vec_push(&r->tok, &t);
  if (st == SL_OK)
    st = sl_vec_push(&r->gold, &none);
  if (st == SL_OK)
    st = sl_vec_push(&r->pre, &pre);
  if (st == SL_OK)
    st = sl_vec_push(&r->type, &type);
  return st;
}

static sl_status close_doc(reader *r) {
  size_t ns = r->sent.len - 1;
  if (ns == SL_VEC_AT(&r->doc, size_t, r->doc.len - 1))
    return SL_OK;
  return sl_vec_push(&r->doc, &ns);
}

static sl_status read_lines(reader *r, ner_corpus *c, const char *text,
                            size_t len, bool gold) {
  size_t zero = 0, pos = 0;
  sl_status st = sl_vec_push(&r->sent, &zero);
  if (st == SL_OK)
    st = sl_vec_push(&r->doc, &zero);
  while (st == SL_OK && pos < len) {
    line l = next_line(text, len, &pos);
    if (l.len && !is_docstart(l) && l.len < UINT32_MAX) {
      st = add_token(r, l, gold);
      continue;
    }
    st = close_sent(r, c, gold);
    if (st == SL_OK && l.len)
      st = close_doc(r);
  }
  if (st == SL_OK)
    st = close_sent(r, c, gold);
  if (st == SL_OK)
    st = close_doc(r);
  return st;
}

sl_status ner_corpus_read(ner_corpus *c, const char *text, size_t len,
                          bool gold) {
  memset(c, 0, sizeof *c);
  reader r = {SL_VEC_INIT(ner_tok), SL_VEC_INIT(int),  SL_VEC_INIT(size_t),
              SL_VEC_INIT(size_t),  SL_VEC_INIT(char), SL_VEC_INIT(int)};
  sl_status st = read_lines(&r, c, text, len, gold);
  sl_vec_release(&r.pre);
  sl_vec_release(&r.type);
  c->tok = r.tok.data;
  c->ntok = r.tok.len;
  c->gold = r.gold.data;
  c->sent = r.sent.data;
  c->nsent = r.sent.len ? r.sent.len - 1 : 0;
  c->doc = r.doc.data;
  c->ndoc = r.doc.len ? r.doc.len - 1 : 0;
  if (st != SL_OK)
    ner_corpus_release(c);
  return st;
}

void ner_corpus_release(ner_corpus *c) {
  free(c->tok);
  free(c->gold);
  free(c->sent);
  free(c->doc);
  memset(c, 0, sizeof *c);
}

/* Scores one sentence of gold and predicted (prefix, type) pairs. */
static void eval_sent(const char *gp, const int *gt, const char *pp,
                      const int *pt, size_t n, int *work, sl_ner_scores *out) {
  to_bilou(gp, gt, n, work);
  to_bilou(pp, pt, n, work + n);
  ner_count(work, work + n, n, out);
}

static sl_status eval_lines(const char *text, size_t len, reader *r,
                            sl_ner_scores *out) {
  sl_vec work = SL_VEC_INIT(int);
  sl_status st = SL_OK;
  for (size_t pos = 0; st == SL_OK && pos <= len;) {
    line l = pos < len ? next_line(text, len, &pos) : (line){NULL, 0};
    if (l.len && !is_docstart(l)) {
      char p[2];
      int t[2];
      parse_tag(field_from_end(l, 1), &p[0], &t[0]);
      parse_tag(field_from_end(l, 0), &p[1], &t[1]);
      if ((st = sl_vec_push(&r->pre, &p[0])) == SL_OK &&
          (st = sl_vec_push(&r->type, &t[0])) == SL_OK &&
          (st = sl_vec_push(&r->tok, &p[1])) == SL_OK)
        st = sl_vec_push(&r->gold, &t[1]);
      continue;
    }
    size_t n = r->pre.len;
    if (n && (st = sl_vec_reserve(&work, 2 * n)) == SL_OK)
      eval_sent(r->pre.data, r->type.data, r->tok.data, r->gold.data, n,
                work.data, out);
    r->pre.len = r->type.len = r->tok.len = r->gold.len = 0;
    if (pos >= len)
      break;
  }
  sl_vec_release(&work);
  return st;
}

sl_status sl_ner_eval_conll(const char *text, size_t len, sl_ner_scores *out) {
  memset(out, 0, sizeof *out);
  reader r = {SL_VEC_INIT(char),   SL_VEC_INIT(int),  SL_VEC_INIT(size_t),
              SL_VEC_INIT(size_t), SL_VEC_INIT(char), SL_VEC_INIT(int)};
  sl_status st = eval_lines(text, len, &r, out);
  sl_vec_release(&r.tok);
  sl_vec_release(&r.gold);
  sl_vec_release(&r.pre);
  sl_vec_release(&r.type);
  ner_scores_finish(out);
  return st;
}
