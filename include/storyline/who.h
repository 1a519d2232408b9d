/* storyline: who. Named entities (a statistical tagger for PER, ORG, LOC,
 * MISC), the aliases of one entity merged (article, story or archive), and
 * quotes attributed to the entity that said them. */
#ifndef STORYLINE_WHO_H
#define STORYLINE_WHO_H

#include <stddef.h>
#include <stdint.h>

#include "storyline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sl_ent_type {
  SL_ENT_PER = 0,
  SL_ENT_ORG,
  SL_ENT_LOC,
  SL_ENT_MISC,
  SL_ENT__COUNT
} sl_ent_type;

/* "PER", "ORG", "LOC", "MISC"; "?" for anything else. Never NULL. */
const char *sl_ent_type_str(int type);

/* ---- The tagger ------------------------------------------------------ */

/* A trained model: immutable once loaded, so one model may serve many
 * threads at once. */
typedef struct sl_ner_model sl_ner_model;

/* Loads a model from the bytes of a model file (models/ner.model), which
 * the caller read and still owns (they are copied). `*out` gets a model the
 * caller frees with sl_ner_free. SL_EPARSE (with err filled, err may be
 * NULL) when the bytes are not a model. */
sl_status sl_ner_load(const void *bytes, size_t len, sl_ner_model **out,
                      sl_error *err) SL_MUST_USE;
/* Frees a model (NULL is a no-op). */
void sl_ner_free(sl_ner_model *m);

/* One entity mention: a byte span of the text, end exclusive. */
typedef struct sl_mention {
  uint32_t start, end;
  uint8_t type;      /* sl_ent_type */
  uint32_t sentence; /* index of its sentence in the text */
} sl_mention;

/* Tags `len` bytes of valid UTF-8 (one article: words seen earlier in the
 * text inform later ones) and stores a malloc'd array of its mentions in
 * text order in `*out` (the caller frees it with free(); NULL when there is
 * none) and their number in `*n`. SL_EUTF8 when the text is not valid
 * UTF-8 or holds a NUL byte, SL_ETOOBIG past 4 GiB. */
sl_status sl_ner_tag_text(const sl_ner_model *m, const char *text, size_t len,
                          sl_mention **out, size_t *n) SL_MUST_USE;

/* Tags CoNLL-2003 columns (token first; -DOCSTART- lines are document
 * boundaries and blank lines sentence boundaries, both kept): appends the
 * predicted tag (IOB1, as CoNLL-2003 writes them) to every token line and
 * stores the result, a malloc'd NUL-terminated string the caller frees, in
 * `*out` (length in `*out_len`, may be NULL). */
sl_status sl_ner_tag_conll(const sl_ner_model *m, const char *in, size_t len,
                           char **out, size_t *out_len) SL_MUST_USE;

/* Entity-level scores as conlleval computes them. */
typedef struct sl_ner_prf {
  uint32_t gold, found, correct;
  double precision, recall, f1;
} sl_ner_prf;
typedef struct sl_ner_scores {
  sl_ner_prf type[SL_ENT__COUNT]; /* per sl_ent_type */
  sl_ner_prf all;
  uint64_t tokens;
} sl_ner_scores;

/* Scores CoNLL lines whose last two columns are the gold and the predicted
 * tag (what sl_ner_tag_conll writes for a file that has gold tags). */
sl_status sl_ner_eval_conll(const char *text, size_t len,
                            sl_ner_scores *out) SL_MUST_USE;

/* The gazetteer lists the tagger can use, one name a line (the derived
 * lists in models/gazetteer-*.txt). */
typedef enum sl_gaz_kind {
  SL_GAZ_COUNTRY = 0, /* countries (iso-codes) */
  SL_GAZ_PLACE,       /* subdivisions and cities (iso-codes, geonames) */
  SL_GAZ_MISC,        /* languages and currencies (iso-codes) */
  SL_GAZ_PROPER,      /* proper nouns of the wamerican word list */
  SL_GAZ_COMMON,      /* common words of the wamerican word list */
  SL_GAZ__COUNT
} sl_gaz_kind;

typedef struct sl_ner_train_opts {
  const char *train; /* CoNLL-2003 training text (tag in the last column) */
  size_t train_len;
  const char *dev; /* optional development text, scored after each epoch */
  size_t dev_len;
  const char *gaz[SL_GAZ__COUNT]; /* optional lists (NULL: none) */
  size_t gaz_len[SL_GAZ__COUNT];
  int epochs;    /* passes over the training text (0: the default, 12) */
  uint64_t seed; /* the document order of each pass derives from it */
  /* Called after each epoch with the development scores (NULL when there
   * is no dev text); may be NULL. */
  void (*on_epoch)(void *ud, int epoch, const sl_ner_scores *dev);
  void *ud;
} sl_ner_train_opts;

/* Trains an averaged structured perceptron (BILOU tags, Viterbi) and stores
 * the model file bytes (a malloc'd buffer the caller frees) in `*model`,
 * `*model_len`. The same options give the same bytes. SL_EPARSE (err filled,
 * may be NULL) when the training text has no token. Calls `on_epoch` from
 * the calling thread. */
sl_status sl_ner_train(const sl_ner_train_opts *opts, char **model,
                       size_t *model_len, sl_error *err) SL_MUST_USE;

/* ---- Aliases --------------------------------------------------------- */

/* One document given to the alias merger: its text and its mentions. */
typedef struct sl_alias_doc {
  const char *text;
  size_t len;
  const sl_mention *mentions;
  size_t n;
} sl_alias_doc;

typedef struct sl_entity_form {
  char *text;     /* a surface form as written (owned by the result) */
  uint32_t count; /* how many mentions were written so */
} sl_entity_form;

typedef struct sl_entity {
  char *name; /* canonical name: the most complete frequent form */
  uint8_t type;
  uint32_t count;        /* mentions */
  sl_entity_form *forms; /* every surface form, most frequent first */
  size_t nforms;
} sl_entity;

/* The merged entities of a set of documents. */
typedef struct sl_who {
  sl_entity *entities; /* most mentioned first */
  size_t n;
  /* For each input mention (documents in order, mentions in order), the
   * index of its entity in `entities`. */
  uint32_t *mention_entity;
  size_t nmentions;
} sl_who;

/* Merges the mentions of `docs` into entities: titles stripped ("US
 * Secretary of State Antony Blinken"), surnames and partial names joined to
 * the full name when only one full name fits, transliteration variants
 * joined (Gaddafi / Qadhafi / Kadhafi, Zelensky / Zelenskyy), acronyms
 * defined in the text joined to their long form ("the Islamic Revolutionary
 * Guard Corps (IRGC)"). One document is an article; several are a story or
 * the archive. `out` owns everything it points to; free with
 * sl_who_release. */
sl_status sl_alias_merge(const sl_alias_doc *docs, size_t ndocs,
                         sl_who *out) SL_MUST_USE;
/* Frees what `w` holds and zeroes it. */
void sl_who_release(sl_who *w);

/* The transliteration key of a person's name: titles and particles
 * dropped, case and accents folded, then consonant skeletons ("Moammar
 * al-Qadhafi" and "Muammar Gaddafi" -> "amr kdf"). Writes it, NUL-ended,
 * to `out` (at most `cap` bytes) and returns its length (0 when the name
 * has no key). Exposed for tests and tools. */
size_t sl_alias_key(const char *name, size_t len, char *out, size_t cap);

/* ---- The archive's entities ------------------------------------------ */

/* The index that joins aliases across the whole archive as articles
 * arrive: a table of name keys (NUL-ended strings) to archive entity ids,
 * each with the name that filed it, kept by the caller (the store in the
 * engine, a hash map in tests). Entity ids are positive. */
#define SL_ALIAS_AMBIGUOUS ((int64_t)-1) /* a key that two entities share */
typedef struct sl_alias_index {
  /* The entity filed under `key` into `*entity` (0 when none) and the name
   * that filed it into `name` (at most `cap` bytes, NUL-ended). */
  sl_status (*get)(void *ud, const char *key, int64_t *entity, char *name,
                   size_t cap);
  /* Files `key` under `entity` (or SL_ALIAS_AMBIGUOUS) with `name`,
   * replacing what was there. */
  sl_status (*put)(void *ud, const char *key, int64_t entity, const char *name);
  /* A new entity id into `*entity`. */
  sl_status (*create)(void *ud, int64_t *entity);
  /* Moves everything filed under `gone` (keys, mentions) to `keep`: the
   * two are one entity from now on. */
  sl_status (*merge)(void *ud, int64_t keep, int64_t gone);
  void *ud;
} sl_alias_index;

/* Files one entity of an article (an element of the sl_alias_merge result
 * over that article) in the archive: finds the archive entity it is, by
 * the exact or transliterated form of any of its names, or, for a lone
 * surname or given name, the one full name of the archive it fits; joins
 * archive entities its names show to be one (keeping the older id); else
 * creates one. Files its names and stores the archive id in `*id`. Returns
 * the first error of the index's functions. */
sl_status sl_alias_file(const sl_alias_index *ix, const sl_entity *e,
                        int64_t *id) SL_MUST_USE;

/* Finds the archive entities that `name` (as a user types it: "Gaddafi",
 * "Moammar al-Qadhafi", "IRGC") may name, read as a person's, an
 * organisation's or place's, and another kind of name, without changing
 * the index: up to 3 different ids into `ids`, their number into `*n`. */
sl_status sl_alias_lookup(const sl_alias_index *ix, const char *name,
                          size_t len, int64_t ids[3], size_t *n) SL_MUST_USE;

/* An index kept in memory, for tools and tests: fills `*out` with an index
 * whose ids are 1, 2, ...; the caller frees it with sl_alias_mem_free.
 * SL_ENOMEM when out of memory. */
sl_status sl_alias_mem_new(sl_alias_index *out) SL_MUST_USE;
/* The id that entity `id` of a memory index has been merged into (itself
 * when it has not been). */
int64_t sl_alias_mem_resolve(const sl_alias_index *ix, int64_t id);
/* Frees a memory index and zeroes it (a zeroed one is a no-op). */
void sl_alias_mem_free(sl_alias_index *ix);

/* ---- Quotes ---------------------------------------------------------- */

typedef enum sl_quote_kind {
  SL_QUOTE_DIRECT = 0,
  SL_QUOTE_REPORTED
} sl_quote_kind;

typedef struct sl_quote {
  uint32_t start, end; /* the quoted words (without the quote marks) */
  int32_t speaker;     /* index of the speaker's mention, -1 if unknown */
  uint32_t cue_start, cue_end; /* the speech verb or "according to" */
  /* Who said it as the text puts it: the mention, a pronoun resolved to
   * the last person named ("he said"), or a description ("a statement
   * from the president's office"); empty (who_start == who_end) if none. */
  uint32_t who_start, who_end;
  uint8_t kind; /* sl_quote_kind */
} sl_quote;

/* Finds direct speech ("...," Blinken said) and reported speech (Blinken
 * said that ...; according to a statement from the president's office) in
 * `text` (valid UTF-8, else SL_EUTF8), attributing each to one of its `n`
 * mentions (in text order, not overlapping: those of sl_ner_tag_text) when
 * it can. Quotes come in text order. Stores a malloc'd array the caller frees
 * with free() in `*out` (NULL when none), its length in `*nout`. */
sl_status sl_quotes_find(const char *text, size_t len, const sl_mention *m,
                         size_t n, sl_quote **out, size_t *nout) SL_MUST_USE;

#ifdef __cplusplus
}
#endif
#endif
