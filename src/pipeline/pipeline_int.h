/* storyline pipeline: state shared by the files of the pipeline module. */
#ifndef SL_PIPELINE_INT_H
#define SL_PIPELINE_INT_H

#include "store/store.h"
#include "storyline/engine.h"
#include "storyline/who.h"
#include "text/stem.h"

struct sl_engine {
  sl_store *store;   /* owned */
  sl_stemmers *stem; /* owned */
  sl_ner_model *ner; /* owned; loaded at first use */
  bool ner_tried;    /* whether loading it was tried */
  char ner_path[768];
};

/* sl_extract_html for a page whose HTTP header declared `charset` (NULL:
 * none; the page's own declarations then decide). */
sl_status sl__extract_page(const char *bytes, size_t len, const char *charset,
                           sl_article *out, sl_error *err) SL_MUST_USE;

/* Gives an article without a metadata date the publication date its text
 * states (dateline, caption, the latest date stated in its analysed part,
 * sl_analysed_len), with its confidence and origin; a metadata date gets
 * confidence 1. */
void sl__when_pubdate(sl_article *a);

/* Stores the anchor date of every sentence of the analysed part
 * (sl_analysed_len) of the stored article `a`. */
sl_status sl__when_anchors(sl_store *store, const sl_article *a,
                           sl_error *err) SL_MUST_USE;

/* The named-entity model: $STORYLINE_NER_MODEL, else the repository's
 * models/ner.model. NULL when it cannot be loaded (entities are then not
 * found; `*why` says why, with the path). */
const sl_ner_model *sl__who_model(sl_engine *eng, const char **why);

/* Finds and stores the entity mentions and quotes of the analysed part
 * (sl_analysed_len) of the stored article `a` (nothing when there is no
 * model). */
sl_status sl__who_article(sl_engine *eng, const sl_article *a,
                          sl_error *err) SL_MUST_USE;

/* Files the entities of article `id` (its `n` mentions `m` in `len`
 * bytes of `text`) in the archive's alias index, and stores how the article
 * writes each. */
sl_status sl__who_file(sl_engine *eng, int64_t id, const char *text, size_t len,
                       const sl_mention *m, size_t n,
                       sl_error *err) SL_MUST_USE;

/* The archive entity that `name` names (0 when none) into `*id`. */
sl_status sl__who_lookup(sl_engine *eng, const char *name, int64_t *id,
                         sl_error *err) SL_MUST_USE;

/* The entities (aliases merged across the articles) and quotes of a story
 * as malloc'd JSON arrays the caller frees:
 * [{name, type, aliases: [{form, count}], mentions}] and
 * [{speaker, text, sources: [{id, source}]}]. */
sl_status sl__who_story(sl_engine *eng, const int64_t *ids, size_t n,
                        char **entities, char **quotes,
                        sl_error *err) SL_MUST_USE;

/* Calls opts->on_progress with `s` when half a second has gone by since
 * `*last_ns` (0: never), so that a terminal sees progress at least once
 * a second however long a batch takes. */
void sl__progress_tick(const sl_ingest_opts *opts, const sl_ingest_stats *s,
                       int64_t *last_ns);

/* The bytes an ingest of `paths` will read (folders walked), or 0 when
 * that is not known: standard input, a pipe, a compressed file. */
uint64_t sl__input_size(const char *const *paths, size_t n);

#endif
