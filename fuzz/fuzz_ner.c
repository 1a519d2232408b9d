/* Fuzz harness: the named-entity tagger on text (then alias merging and
 * quotes over its mentions), on CoNLL columns (then scoring the output), and
 * the model loader on raw bytes. The first byte picks the entry point. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "storyline/who.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char TRAIN[] =
    "John I-PER\nSmith I-PER\nsaid O\nin O\nParis I-LOC\n. O\n\n"
    "Reuters I-ORG\nreported O\nfrom O\nBerlin I-LOC\n. O\n\n"
    "-DOCSTART- -X- O\n\nMary I-PER\nJones I-PER\njoined O\nGoogle I-ORG\n"
    "and O\nthe O\nEuropean I-MISC\nCup I-MISC\n. O\n";

/* A tiny model trained once, so the harness needs no file. */
static sl_ner_model *model(void) {
  static sl_ner_model *m;
  if (m)
    return m;
  sl_ner_train_opts o = {0};
  o.train = TRAIN;
  o.train_len = sizeof TRAIN - 1;
  o.gaz[SL_GAZ_PLACE] = "Paris\nNew York\n";
  o.gaz_len[SL_GAZ_PLACE] = strlen(o.gaz[SL_GAZ_PLACE]);
  o.epochs = 3;
  char *bytes;
  size_t len;
  if (sl_ner_train(&o, &bytes, &len, NULL) != SL_OK ||
      sl_ner_load(bytes, len, &m, NULL) != SL_OK)
    __builtin_trap();
  free(bytes);
  return m;
}

static void text(const char *s, size_t len) {
  sl_mention *m = NULL;
  size_t n = 0;
  if (sl_ner_tag_text(model(), s, len, &m, &n) != SL_OK)
    return;
  for (size_t i = 0; i < n; i++)
    if (m[i].start >= m[i].end || m[i].end > len ||
        (i && m[i - 1].end > m[i].start) || m[i].type >= SL_ENT__COUNT)
      __builtin_trap();
  sl_alias_doc d = {s, len, m, n};
  sl_who w;
  if (sl_alias_merge(&d, 1, &w) == SL_OK) {
    for (size_t i = 0; i < w.nmentions; i++)
      if (w.mention_entity[i] >= w.n)
        __builtin_trap();
    sl_who_release(&w);
  }
  sl_quote *q = NULL;
  size_t nq = 0;
  if (sl_quotes_find(s, len, m, n, &q, &nq) == SL_OK)
    for (size_t i = 0; i < nq; i++)
      if (q[i].start > q[i].end || q[i].end > len || q[i].speaker >= (int32_t)n)
        __builtin_trap();
  free(q);
  free(m);
}

static void conll(const char *s, size_t len) {
  char *out = NULL;
  size_t n = 0;
  if (sl_ner_tag_conll(model(), s, len, &out, &n) == SL_OK) {
    sl_ner_scores sc;
    if (sl_ner_eval_conll(out, n, &sc) != SL_OK || sc.all.f1 > 1.0)
      __builtin_trap();
  }
  free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  int mode = data[0] % 3;
  const char *s = (const char *)data + 1;
  size--;
  if (mode == 2) {
    sl_ner_model *m = NULL;
    if (sl_ner_load(s, size, &m, NULL) == SL_OK) {
      sl_mention *ms = NULL;
      size_t n;
      if (sl_ner_tag_text(m, "John Smith met Reuters in Paris.", 32, &ms, &n) ==
          SL_OK)
        free(ms);
      sl_ner_free(m);
    }
    return 0;
  }
  sl_buf b = SL_BUF_INIT;
  if (sl_utf8_sanitize(s, size, &b, NULL, NULL) == SL_OK) {
    if (mode == 0)
      text(b.ptr, b.len);
    else
      conll(b.ptr, b.len);
  }
  sl_buf_release(&b);
  return 0;
}
