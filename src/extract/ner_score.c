/* storyline extract: conlleval's entity-level scores: chunks of aligned
 * gold and predicted BILOU sequences counted per type, then precision,
 * recall and F1. */
#include <string.h>

#include "extract/ner_int.h"

static void prf(sl_ner_prf *p) {
  p->precision = p->found ? (double)p->correct / p->found : 0;
  p->recall = p->gold ? (double)p->correct / p->gold : 0;
  double s = p->precision + p->recall;
  p->f1 = s > 0 ? 2 * p->precision * p->recall / s : 0;
}

void ner_scores_finish(sl_ner_scores *o) {
  memset(&o->all, 0, sizeof o->all);
  for (int k = 0; k < SL_ENT__COUNT; k++) {
    prf(&o->type[k]);
    o->all.gold += o->type[k].gold;
    o->all.found += o->type[k].found;
    o->all.correct += o->type[k].correct;
  }
  prf(&o->all);
}

/* Adds the chunks of one aligned pair of valid BILOU sequences. */
void ner_count(const int *gold, const int *pred, size_t n, sl_ner_scores *o) {
  size_t gs = 0, ps = 0; /* start of the open chunk in each */
  for (size_t i = 0; i < n; i++) {
    int gp = ner_tag_pos(gold[i]), pp = ner_tag_pos(pred[i]);
    if (gp == NER_B || gp == NER_U)
      gs = i;
    if (pp == NER_B || pp == NER_U)
      ps = i;
    bool gend = gp == NER_L || gp == NER_U, pend = pp == NER_L || pp == NER_U;
    if (gend)
      o->type[ner_tag_type(gold[i])].gold++;
    if (pend)
      o->type[ner_tag_type(pred[i])].found++;
    if (gend && pend && gs == ps && gold[i] == pred[i] &&
        ner_tag_type(gold[i]) == ner_tag_type(pred[i]))
      o->type[ner_tag_type(gold[i])].correct++;
  }
  o->tokens += n;
}

void ner_score(const ner_corpus *c, const int *pred, sl_ner_scores *out) {
  memset(out, 0, sizeof *out);
  for (size_t s = 0; s < c->nsent; s++)
    ner_count(c->gold + c->sent[s], pred + c->sent[s],
              c->sent[s + 1] - c->sent[s], out);
  ner_scores_finish(out);
}
