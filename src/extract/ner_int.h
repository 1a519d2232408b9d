/* storyline extract: what the named-entity tagger's files share. Tags are
 * BILOU over four types; features are 64-bit hashes; a table maps a feature
 * to a row of one weight per tag. */
#ifndef SL_EXTRACT_NER_INT_H
#define SL_EXTRACT_NER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "storyline/status.h"
#include "storyline/who.h"

enum {
  NER_NTAG = 1 + 4 * SL_ENT__COUNT, /* O, then B I L U of each type */
  NER_MAXFEAT = 48,                 /* features of one token, at most */
  NER_MAXGAZ = 6,                   /* tokens in a gazetteer entry */
  /* Tokens of a text tagged at once: a longer "sentence" (a list, a page
   * without full stops) is tagged in pieces, so that the scratch of one
   * sentence (some 520 bytes a token) stays small. The longest sentence
   * of the story and timeline corpora has 330. */
  NER_MAXSENT = 1024
};
enum { NER_B = 0, NER_I, NER_L, NER_U };

static inline int ner_tag(int type, int pos) {
  return 1 + type * 4 + pos;
}
static inline int ner_tag_type(int tag) {
  return tag ? (tag - 1) / 4 : -1;
}
static inline int ner_tag_pos(int tag) {
  return tag ? (tag - 1) % 4 : -1;
}
/* Whether tag `b` may follow tag `a` (-1: the sentence start). */
bool ner_allowed(int a, int b);

/* splitmix64's finaliser: the mixer behind every feature hash. */
static inline uint64_t ner_mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x | 1; /* never 0: 0 marks an empty table slot */
}
/* FNV-1a over bytes, lowercasing ASCII when `lower`. */
uint64_t ner_hash_bytes(const char *s, size_t n, bool lower);

/* An open-addressing map from a non-zero 64-bit key to a 32-bit value. */
typedef struct ner_table {
  uint64_t *keys; /* 0: empty */
  uint32_t *vals;
  size_t cap; /* a power of two, or 0 */
  size_t len;
} ner_table;

void ner_table_init(ner_table *t);
void ner_table_release(ner_table *t);
/* Makes room for `n` keys in all (false when out of memory). */
bool ner_table_reserve(ner_table *t, size_t n);
/* Empties the table, keeping its memory. */
void ner_table_clear(ner_table *t);
/* The value of `key`, or UINT32_MAX when absent. */
uint32_t ner_table_get(const ner_table *t, uint64_t key);
/* A pointer to the value of `key`, inserted with `init` when absent; NULL
 * when out of memory. Valid until the next insertion. */
uint32_t *ner_table_slot(ner_table *t, uint64_t key, uint32_t init);

/* One token of a sentence, as the tagger sees it. */
typedef struct ner_tok {
  const char *s;
  uint32_t len;
} ner_tok;

/* What the features need to know of a word, computed once per token. */
typedef struct ner_word {
  uint64_t hw, hl;         /* hash of the word, of its lowercase */
  uint64_t hshape, hshort; /* word shape (Xxxxx), short shape (Xx) */
  uint64_t pre[4], suf[4]; /* hashes of prefixes and suffixes, 1..4 bytes */
  uint8_t npre, nsuf;
  uint8_t cap, upper, lower, digit; /* starts uppercase, all upper, ... */
  uint8_t gaz[SL_GAZ__COUNT];       /* 0, or 1 + BILU position of a match */
} ner_word;

/* Fills `w` for the word `t` (gazetteer marks cleared). */
void ner_word_init(ner_word *w, ner_tok t);

/* A gazetteer: keys of lowercased token sequences -> list bits; bit 7
 * marks a prefix of a longer entry. */
typedef struct ner_gaz {
  ner_table t;
} ner_gaz;
/* Adds the names of one list (one a line). */
sl_status ner_gaz_add(ner_gaz *g, int kind, const char *list,
                      size_t len) SL_MUST_USE;
/* Marks the gazetteer matches of the `n` words of a sentence. */
void ner_gaz_mark(const ner_gaz *g, ner_word *w, size_t n);
/* The key of a token sequence, from its lowercase hashes. */
static inline uint64_t ner_gaz_step(uint64_t key, uint64_t hl) {
  return ner_mix(key * 0x9e3779b97f4a7c15ull ^ hl);
}

/* What the tagger remembers about words within one document. */
typedef struct ner_doc {
  ner_table seen; /* lowercase hash -> NER_SEEN_* bits | last type << 8 */
} ner_doc;
enum {
  NER_SEEN_LOWER = 1, /* written in lowercase somewhere */
  NER_SEEN_TITLE = 2, /* written Capitalised, not first in a sentence */
  NER_SEEN_UPPER = 4  /* written in capitals */
};
/* Notes how a sentence writes its words (before tagging the document). */
void ner_doc_scan(ner_doc *d, const ner_word *w, size_t n);
/* Remembers the types the tagger gave the words of a sentence. */
void ner_doc_learn(ner_doc *d, const ner_word *w, const int *tags, size_t n);

/* Writes the features of word `i` of a sentence of `n` words to `out`
 * (room for NER_MAXFEAT) and returns how many. */
size_t ner_features(const ner_word *w, size_t n, size_t i, const ner_doc *d,
                    unsigned sflags, uint64_t *out);
enum { NER_SENT_CAPS = 1 }; /* sflags: the sentence is written in capitals */
/* The sflags of a sentence. */
unsigned ner_sent_flags(const ner_word *w, size_t n);

/* Scores of one sentence: emission per token and tag, then transitions. */
typedef struct ner_scorer {
  /* Adds the weights of `nf` features to `out[NER_NTAG]`. */
  void (*emit)(const void *self, const uint64_t *f, size_t nf, float *out);
  const void *self;
  const float *trans;       /* [NER_NTAG * NER_NTAG], from row to column */
  const float *start, *end; /* [NER_NTAG] */
} ner_scorer;

/* Work buffers for the words of one document, reused from one to the next;
 * sentences are slices [off, off + n). The features, scores and back
 * pointers are those of the sentence being tagged only. */
typedef struct ner_sent {
  size_t n, cap; /* words of the document, and room for them */
  ner_word *w;
  int *tags;
  size_t scap;    /* room for the words of one sentence */
  uint64_t *feat; /* the sentence's features: word i's at i * NER_MAXFEAT */
  uint8_t *nfeat;
  float *emit; /* the sentence's scores, NER_NTAG a word */
  int *back;   /* Viterbi back pointers, NER_NTAG a word */
  /* the tags allowed before each tag (O, L, U before O, B, U; B, I of the
   * same type before I, L) */
  int npred[NER_NTAG];
  uint8_t pred[NER_NTAG][NER_NTAG];
} ner_sent;

void ner_sent_init(ner_sent *s);
void ner_sent_release(ner_sent *s);
/* Reads the `n` tokens of a document into words (gazetteer marks are the
 * caller's, per sentence, with ner_gaz_mark). */
sl_status ner_sent_load(ner_sent *s, const ner_tok *t, size_t n) SL_MUST_USE;
/* Computes the features of the sentence [off, off + n) (into s->feat and
 * s->nfeat from 0) and its best tags (into s->tags + off). SL_ENOMEM. */
sl_status ner_sent_tag(ner_sent *s, size_t off, size_t n, const ner_doc *d,
                       const ner_scorer *sc) SL_MUST_USE;
/* Tags one document of `n` tokens whose sentences start at `sent[0..ns)`
 * (sent[ns] == n): scan, then tag sentence after sentence (in pieces of
 * NER_MAXSENT tokens), remembering. On return s->tags holds the tags. */
sl_status ner_doc_tag(ner_sent *s, ner_doc *d, const ner_tok *t, size_t n,
                      const size_t *sent, size_t ns, const ner_gaz *g,
                      const ner_scorer *sc) SL_MUST_USE;

/* A slot of the loaded model's feature table: key and row side by side,
 * so that a lookup costs one cache miss (and one more for the row). */
typedef struct ner_slot {
  uint64_t key; /* 0: empty */
  uint32_t row;
} ner_slot;

/* The loaded model behind sl_ner_model. */
struct sl_ner_model {
  ner_slot *slots; /* open addressing, linear probing, mask + 1 slots */
  size_t mask;
  int16_t *rows; /* NER_NTAG weights a row, times `scale` */
  float scale;
  float trans[NER_NTAG * NER_NTAG], start[NER_NTAG], end[NER_NTAG];
  ner_gaz gaz;
};
/* A scorer over a loaded model. */
ner_scorer ner_model_scorer(const sl_ner_model *m);

/* A document in CoNLL columns: sentences of tokens, gold tags (BILOU, -1
 * when the line has none). */
typedef struct ner_corpus {
  ner_tok *tok;
  int *gold;
  size_t ntok;
  size_t *sent; /* token index where each sentence starts; nsent + 1 */
  size_t nsent;
  size_t *doc; /* sentence index where each document starts; ndoc + 1 */
  size_t ndoc;
} ner_corpus;

/* Reads CoNLL text (which must outlive the corpus); gold tags from the last
 * column when `gold` (IOB1/IOB2 -> BILOU). */
sl_status ner_corpus_read(ner_corpus *c, const char *text, size_t len,
                          bool gold) SL_MUST_USE;
void ner_corpus_release(ner_corpus *c);
/* Tags a whole corpus with a scorer into `out` (ntok tags). */
sl_status ner_corpus_tag(const ner_corpus *c, const ner_gaz *g,
                         const ner_scorer *sc, int *out) SL_MUST_USE;
/* Adds the entity counts of one sentence of valid BILOU tags. */
void ner_count(const int *gold, const int *pred, size_t n, sl_ner_scores *o);
/* Fills precision, recall and F1 (and the totals) from the counts. */
void ner_scores_finish(sl_ner_scores *o);
/* Scores predicted against gold BILOU tags, entity level. */
void ner_score(const ner_corpus *c, const int *pred, sl_ner_scores *out);

/* Serialises a model: quantised rows of the features in `feat`/`w`. */
sl_status ner_model_write(const ner_table *feat, const float *w,
                          const float *trans, const float *start,
                          const float *end, const ner_gaz *gaz, char **out,
                          size_t *out_len) SL_MUST_USE;

#endif
