/* storyline extract: tagging whole CoNLL corpora, and writing the tags
 * back as CoNLL-2003 writes them (IOB1). */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "extract/ner_int.h"

sl_status ner_corpus_tag(const ner_corpus *c, const ner_gaz *g,
                         const ner_scorer *sc, int *out) {
  ner_sent s;
  ner_sent_init(&s);
  ner_doc d = {0};
  size_t *rel = malloc((c->nsent + 1) * sizeof *rel);
  sl_status st = rel ? SL_OK : SL_ENOMEM;
  for (size_t k = 0; st == SL_OK && k < c->ndoc; k++) {
    size_t s0 = c->doc[k], s1 = c->doc[k + 1], t0 = c->sent[s0];
    for (size_t j = s0; j <= s1; j++)
      rel[j - s0] = c->sent[j] - t0;
    size_t n = c->sent[s1] - t0;
    st = ner_doc_tag(&s, &d, c->tok + t0, n, rel, s1 - s0, g, sc);
    if (st == SL_OK)
      memcpy(out + t0, s.tags, n * sizeof *out);
  }
  free(rel);
  ner_table_release(&d.seen);
  ner_sent_release(&s);
  return st;
}

static const char *const TYPE_NAMES[] = {"PER", "ORG", "LOC", "MISC"};

const char *sl_ent_type_str(int type) {
  return type >= 0 && type < SL_ENT__COUNT ? TYPE_NAMES[type] : "?";
}

/* Appends the IOB1 form of tag t (prev: the tag before it, -1 at a sentence
 * start). */
static sl_status put_iob1(sl_buf *b, int prev, int t) {
  if (!t)
    return sl_buf_puts(b, " O\n");
  int p = ner_tag_pos(t), type = ner_tag_type(t);
  bool b_tag =
      (p == NER_B || p == NER_U) && prev > 0 && ner_tag_type(prev) == type;
  return sl_buf_printf(b, " %c-%s\n", b_tag ? 'B' : 'I', TYPE_NAMES[type]);
}

static sl_status write_conll(const char *in, size_t len, const int *tags,
                             sl_buf *b) {
  size_t tok = 0;
  int prev = -1;
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < len;) {
    size_t e = i;
    while (e < len && in[e] != '\n')
      e++;
    size_t n = e - i;
    while (n && (in[i + n - 1] == '\r' || in[i + n - 1] == ' ' ||
                 in[i + n - 1] == '\t'))
      n--;
    st = sl_buf_append(b, in + i, n);
    bool token = n && !(n >= 10 && !memcmp(in + i, "-DOCSTART-", 10));
    if (st == SL_OK && token) {
      st = put_iob1(b, prev, tags[tok]);
      prev = tags[tok++];
    } else if (st == SL_OK) {
      st = sl_buf_putc(b, '\n');
      prev = -1;
    }
    i = e + 1;
  }
  return st;
}

sl_status sl_ner_tag_conll(const sl_ner_model *m, const char *in, size_t len,
                           char **out, size_t *out_len) {
  ner_corpus c;
  sl_status st = ner_corpus_read(&c, in, len, false);
  if (st != SL_OK)
    return st;
  int *tags = calloc(c.ntok + 1, sizeof *tags);
  ner_scorer sc = ner_model_scorer(m);
  st = tags ? ner_corpus_tag(&c, &m->gaz, &sc, tags) : SL_ENOMEM;
  sl_buf b = SL_BUF_INIT;
  if (st == SL_OK)
    st = write_conll(in, len, tags, &b);
  free(tags);
  ner_corpus_release(&c);
  if (st != SL_OK) {
    sl_buf_release(&b);
    return st;
  }
  *out = sl_buf_take(&b, out_len);
  return *out ? SL_OK : SL_ENOMEM;
}
