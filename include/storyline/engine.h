/* storyline: the engine, one open store plus every pipeline stage. This is
 * the whole public API the `storyline` binary uses. */
#ifndef STORYLINE_ENGINE_H
#define STORYLINE_ENGINE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "storyline/article.h"
#include "storyline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sl_engine sl_engine;

typedef struct sl_engine_opts {
  /* Largest database size in bytes; 0 means no limit. Writes past it fail
   * with SL_EFULL (the batch is rolled back). */
  uint64_t max_db_bytes;
  /* Open without writing (queries only). */
  bool read_only;
} sl_engine_opts;

/* Opens (creating and migrating when needed) the database at `path`.
 * On success `*out` is a new engine the caller frees with sl_engine_close.
 * Errors: SL_EREADONLY, SL_ESCHEMA, SL_ECORRUPT, SL_EDB, SL_ENOMEM; `err`
 * (may be NULL) names the file and the problem. `opts` may be NULL. */
sl_status sl_engine_open(const char *path, const sl_engine_opts *opts,
                         sl_engine **out, sl_error *err) SL_MUST_USE;

/* Closes the database and frees the engine. NULL is a no-op. */
void sl_engine_close(sl_engine *eng);

/* ---- ingest ---------------------------------------------------------- */

typedef enum sl_format {
  SL_FORMAT_AUTO = 0, /* by extension, then by content */
  SL_FORMAT_TEXT,     /* one file is one article */
  SL_FORMAT_JSONL,    /* one JSON object per line */
  SL_FORMAT_HTML,     /* one file is one web page */
  SL_FORMAT_WARC      /* a web crawl: its HTML responses are pages */
} sl_format;

/* Parses "auto", "text", "jsonl" (also "json", "ndjson"), "html", "warc". */
sl_status sl_format_parse(const char *name, sl_format *out) SL_MUST_USE;

typedef enum sl_severity { SL_WARNING, SL_REJECTED, SL_FATAL } sl_severity;

/* One problem met during an ingest: a warning (the record was kept, e.g.
 * invalid UTF-8 replaced), a rejection (the record or file was skipped, the
 * batch goes on) or a fatal error (the ingest stopped; committed batches are
 * kept). `origin` is the file path ("-" for standard input); `line` is the
 * 1-based line for JSON Lines, else 0. Valid during the callback only. */
typedef struct sl_diag {
  sl_severity severity;
  const char *origin;
  size_t line;
  sl_status code;
  const char *msg;
} sl_diag;

typedef struct sl_ingest_stats {
  uint64_t added;    /* articles stored */
  uint64_t skipped;  /* records already present (same bytes) */
  uint64_t rejected; /* records or files refused */
  uint64_t warnings; /* problems that did not stop a record */
  uint64_t bytes;    /* input bytes read */
  uint64_t records;  /* records seen */
  /* What the run will reach when known, else 0, for a percentage: ingest,
   * the size of its input when every input is a regular, uncompressed file
   * (compare with `bytes`); rebuild, the raw records to derive again
   * (compare with `records`). */
  uint64_t total_bytes, total_records;
} sl_ingest_stats;

/* The analysis stages of an ingest (bits of sl_ingest_opts.skip). Every
 * article is always parsed, cleaned, normalised, tokenised, stemmed and
 * stored; a bulk load may leave these stages for a later
 * sl_engine_rebuild, which runs them all. */
typedef enum sl_stage {
  SL_STAGE_DATES = 1u << 0,      /* each sentence's anchor date */
  SL_STAGE_ENTITIES = 1u << 1,   /* mentions, quotes, archive entities */
  SL_STAGE_DUPLICATES = 1u << 2, /* duplicate groups */
  SL_STAGE_STORIES = 1u << 3,    /* stories */
  SL_STAGE_ALL = 0xfu
} sl_stage;

typedef struct sl_ingest_opts {
  sl_format format;
  const char *date;   /* given publication date (any sl_date_parse form) */
  const char *source; /* given outlet */
  size_t batch_size;  /* records per transaction; 0 = default (1000) */
  /* Duplicate thresholds in (0, 1]; 0 = the default. near_min: shingle
   * resemblance of near copies (0.5); contain_min: share of the shorter
   * text inside the longer (0.8); rewrite_min: sentence alignment coverage
   * of rewrites and re-translations (0.6). */
  double near_min, contain_min, rewrite_min;
  unsigned skip; /* sl_stage bits of the stages not to run; 0 runs all */
  /* Called for every problem; may be NULL. */
  void (*on_diag)(void *ud, const sl_diag *diag);
  /* Called at least once a second while records go by, after each
   * committed batch and at the end; may be NULL. */
  void (*on_progress)(void *ud, const sl_ingest_stats *stats);
  void *ud;
  /* One writer at a time: an ingest or a rebuild holds the database's
   * writer lock from its start to its end (an flock on the file "DB-lock"
   * beside the database, dropped by the system however the process ends;
   * readers never take it and never wait). When another process holds it
   * the run fails at once with SL_EBUSY if `no_wait`, else it waits,
   * calling `on_wait` (may be NULL) once with the database path. */
  bool no_wait;
  void (*on_wait)(void *ud, const char *db);
  /* When non-NULL, the run stops soon after `*cancel` turns non-zero (a
   * signal handler may set it; it is read between records and while
   * waiting for the lock) and returns SL_ECANCELED: an ingest commits the
   * records it has done (stats count what is committed), a rebuild rolls
   * back and leaves the previous results in place. */
  const volatile sig_atomic_t *cancel;
} sl_ingest_opts;

/* Ingests every path ("-" is standard input; folders are walked
 * recursively in name order). Bad inputs are reported through on_diag and
 * skipped; the rest goes on. Returns SL_OK when the ingest ran to the end
 * (even with rejections: see stats->rejected), SL_EBUSY or SL_ECANCELED
 * (see sl_ingest_opts), or the fatal status that stopped it (a full or
 * read-only database), in which case every batch committed before it is
 * intact. `stats` and `err` may be NULL. */
sl_status sl_engine_ingest(sl_engine *eng, const char *const *paths,
                           size_t npaths, const sl_ingest_opts *opts,
                           sl_ingest_stats *stats, sl_error *err) SL_MUST_USE;

/* Re-derives every article from the raw records kept in the store, with the
 * current code, keeping article ids. `stats->added` counts articles
 * re-derived. Atomic: everything is derived in one transaction, so until
 * it commits readers see the previous results, and a failure, a
 * cancellation (SL_ECANCELED, stats->added 0) or a crash leaves them in
 * place. Takes the writer lock as sl_engine_ingest does. */
sl_status sl_engine_rebuild(sl_engine *eng, const sl_ingest_opts *opts,
                            sl_ingest_stats *stats, sl_error *err) SL_MUST_USE;

/* ---- queries --------------------------------------------------------- */

/* Calls `fn` for every article in id order; `fn` returns non-zero to stop
 * (then SL_ECANCELED is returned). The article is valid during the call
 * only; `text` is NULL unless `with_text`. */
sl_status sl_engine_articles(sl_engine *eng, bool with_text,
                             int (*fn)(void *ud, const sl_article *a), void *ud,
                             sl_error *err) SL_MUST_USE;

/* Looks an article up by numeric id, else by ref (the newest article with
 * that ref). Fills `out`, which the caller releases with sl_article_release.
 * SL_ENOENT when there is none. */
sl_status sl_engine_article(sl_engine *eng, const char *id_or_ref,
                            sl_article *out, sl_error *err) SL_MUST_USE;

/* Calls `fn` for each line that cleaning took out of article `id` (a
 * caption, a repeated paragraph, a byline...), in text order, with its
 * reason ("caption", "repeat", "widget", "byline", "credit") and its text
 * (`len` bytes, valid during the call). `fn` returns non-zero to stop
 * (SL_ECANCELED). An article with nothing removed calls `fn` never. */
sl_status sl_engine_removed(sl_engine *eng, int64_t id,
                            int (*fn)(void *ud, const char *reason,
                                      const char *text, size_t len),
                            void *ud, sl_error *err) SL_MUST_USE;

/* One sentence of a stored article and its anchor date: the date it states
 * (its first dated expression, `expr` with TIMEX3 `value`), else the
 * article's date (expr NULL). `date` has year 0 when neither exists. */
typedef struct sl_anchor {
  size_t start, end; /* the sentence's byte span in the article's text */
  sl_date date;
  const char *expr; /* `expr_len` bytes, or NULL */
  size_t expr_len;
  const char *value;
} sl_anchor;

/* Calls `fn` for each sentence of article `id` in text order (valid during
 * the call); `fn` returns non-zero to stop (SL_ECANCELED). */
sl_status sl_engine_anchors(sl_engine *eng, int64_t id,
                            int (*fn)(void *ud, const sl_anchor *a), void *ud,
                            sl_error *err) SL_MUST_USE;

/* One member of a duplicate group: the group's canonical article (the
 * earliest complete one), the member, its relation to the group ("exact",
 * "near", "contained", "rewrite") and the relation's score in [0, 1]. */
typedef struct sl_dup_member {
  int64_t canonical;
  const char *canonical_ref;
  int64_t id;
  const char *ref;
  const char *relation;
  double score;
} sl_dup_member;

/* Calls `fn` for every article that duplicates another, grouped by
 * canonical article (groups in canonical id order, members in id order);
 * valid during the call. `fn` returns non-zero to stop (SL_ECANCELED). */
sl_status sl_engine_duplicates(sl_engine *eng,
                               int (*fn)(void *ud, const sl_dup_member *m),
                               void *ud, sl_error *err) SL_MUST_USE;

/* One story: its most representative headline, the dates of its articles
 * (year 0 when all are undated), how many articles it has, whether it is
 * still live (open to new articles), its related stories as a JSON array
 * [{id, score}] (NULL when none), and its articles' ids and refs in id
 * order. Valid during the callback. */
typedef struct sl_story {
  int64_t id;
  /* sl_engine_story only (NULL otherwise): JSON arrays of the story's
   * entities [{name, type, aliases: [{form, count}], mentions}] (aliases
   * merged across its articles) and quotes [{speaker, text, sources:
   * [{id, source}]}]. */
  const char *entities, *quotes;
  const char *title;
  sl_date first, last;
  int64_t size;
  bool live;
  const char *related;
  const int64_t *articles;
  const char *const *refs;
  size_t n_articles;
} sl_story;

/* Calls `fn` for every story in id order; `fn` returns non-zero to stop
 * (SL_ECANCELED). */
sl_status sl_engine_stories(sl_engine *eng,
                            int (*fn)(void *ud, const sl_story *s), void *ud,
                            sl_error *err) SL_MUST_USE;

/* Calls `fn` for story `id`. SL_ENOENT when there is none. */
sl_status sl_engine_story(sl_engine *eng, int64_t id,
                          int (*fn)(void *ud, const sl_story *s), void *ud,
                          sl_error *err) SL_MUST_USE;

/* One entity of the archive: the aliases of one person, organisation,
 * place or other name, joined across every article as they were stored.
 * `name` is the most complete name the articles give it, then the most
 * frequent; `type` its most frequent type ("PER", "ORG", "LOC", "MISC");
 * `aliases` a JSON array of every surface form [{form, count}], most
 * frequent first. `stories` (sl_engine_entity only, else NULL) is a JSON
 * array of the stories that name it, [{id, title, mentions, articles}],
 * most mentions first. Valid during the callback. */
typedef struct sl_archive_entity {
  int64_t id;
  const char *name, *type, *aliases, *stories;
  int64_t mentions, articles, n_stories;
} sl_archive_entity;

/* Calls `fn` for the `limit` most mentioned entities of the archive (all
 * when 0), most mentioned first; `fn` returns non-zero to stop
 * (SL_ECANCELED). */
sl_status sl_engine_entities(sl_engine *eng, size_t limit,
                             int (*fn)(void *ud, const sl_archive_entity *e),
                             void *ud, sl_error *err) SL_MUST_USE;

/* Calls `fn` for the entity that `query` names: its id, or any of its
 * names as a user would type one ("Gaddafi", "Moammar al-Qadhafi",
 * "IRGC"). SL_ENOENT when none does. */
sl_status sl_engine_entity(sl_engine *eng, const char *query,
                           int (*fn)(void *ud, const sl_archive_entity *e),
                           void *ud, sl_error *err) SL_MUST_USE;

/* What `storyline eval clusters` measures: B-cubed and pairwise precision,
 * recall and F1 of the stories found against the gold labels, the number
 * of stories found and in gold, and the ingest speed. */
typedef struct sl_cluster_eval {
  double p, r, f1; /* B-cubed */
  double pair_p, pair_r, pair_f1;
  size_t articles, stories, gold_stories;
  double seconds; /* ingest (parse, clean, dedup, cluster, store) */
} sl_cluster_eval;

/* Ingests the labelled JSON Lines corpus at `path` (fields as in the
 * storyline evaluation data: "id" and the label field `label`, e.g.
 * "story") into a temporary database in file order, and scores its
 * stories. Records without the label are left out of the scores; records
 * the ingest rejects count as stories of their own. */
sl_status sl_eval_clusters(const char *path, const char *label,
                           sl_cluster_eval *out, sl_error *err) SL_MUST_USE;

/* Extracts the article from `len` bytes of an HTML page (any declared
 * charset) without a database: out->text is the body, and title, date
 * (date_origin "page"), author, source (the site name), url and language
 * are filled when the page states them. `out` is released first. SL_EEMPTY
 * when the page has no text, SL_EPARSE when it is not HTML. */
sl_status sl_extract_html(const char *bytes, size_t len, sl_article *out,
                          sl_error *err) SL_MUST_USE;

/* Writes the article as one compact JSON object (no newline) into a
 * malloc'd string the caller frees: id, ref, title, date (YYYY-MM-DD or
 * null), source, url, language, and when `full` also date_origin, hash,
 * text and extra (the record's unknown fields). NULL fields become null. */
sl_status sl_article_to_json(const sl_article *a, bool full,
                             char **out) SL_MUST_USE;

/* The library version, "MAJOR.MINOR.PATCH". */
const char *sl_version(void);

#ifdef __cplusplus
}
#endif
#endif
