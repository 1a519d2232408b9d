/* storyline store: the SQLite database (WAL, foreign keys, versioned schema
 * with migrations), raw records kept compressed, articles and their terms.
 * One store per thread; every call reports failures as sl_status with a
 * message naming the database file. */
#ifndef SL_STORE_STORE_H
#define SL_STORE_STORE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/vec.h"
#include "storyline/article.h"
#include "storyline/status.h"

typedef struct sl_store sl_store;

/* The schema version this code writes; older databases are migrated. */
#define SL_STORE_SCHEMA_VERSION 11

typedef struct sl_store_opts {
  uint64_t max_bytes; /* database size cap, 0 = none (SL_EFULL past it) */
  bool read_only;
} sl_store_opts;

/* Opens or creates the database at `path` and migrates it. SL_EREADONLY
 * when it cannot be written (unless opts->read_only), SL_ESCHEMA when a
 * newer storyline wrote it, SL_ECORRUPT when it is not a database.
 * The caller frees `*out` with sl_store_close. `opts` may be NULL. */
sl_status sl_store_open(const char *path, const sl_store_opts *opts,
                        sl_store **out, sl_error *err) SL_MUST_USE;
void sl_store_close(sl_store *st);
const char *sl_store_path(const sl_store *st);

/* Transactions: one per batch. Rollback never fails visibly. */
sl_status sl_store_begin(sl_store *st, sl_error *err) SL_MUST_USE;
sl_status sl_store_commit(sl_store *st, sl_error *err) SL_MUST_USE;
void sl_store_rollback(sl_store *st);

/* The writer lock: one writer (an ingest or a rebuild) per database at a
 * time, across processes. It is an flock(2) on the file "DB-lock" beside
 * the database (DB its real path, symbolic links resolved): the system
 * drops it whenever the holder ends, even by kill -9, so it is never
 * stale, and it is not one of SQLite's fcntl locks, so readers, which do
 * not take it, are never blocked. Calls nest; the lock is released when
 * every lock has been matched by an unlock. */
typedef struct sl_store_lock_opts {
  bool wait; /* false: SL_EBUSY at once when another process holds it */
  /* Waiting: called once before the wait starts (may be NULL) with the
   * database path; the wait ends with SL_ECANCELED as soon as `*cancel`
   * (may be NULL; a signal handler may set it) is non-zero. */
  void (*on_wait)(void *ud, const char *db);
  void *ud;
  const volatile sig_atomic_t *cancel;
} sl_store_lock_opts;

/* Takes the writer lock. SL_EBUSY (not waiting), SL_ECANCELED, or
 * SL_EREADONLY / SL_EIO when the lock file cannot be opened; `err` names
 * the database. `opts` may be NULL (do not wait). */
sl_status sl_store_writer_lock(sl_store *st, const sl_store_lock_opts *opts,
                               sl_error *err) SL_MUST_USE;
/* Releases one hold of the writer lock; a no-op when not held. */
void sl_store_writer_unlock(sl_store *st);

/* A raw input record: the exact bytes one article (or several, when glued)
 * came from, with the metadata needed to derive it again. */
typedef struct sl_raw {
  int64_t id;         /* 0 before storing */
  uint8_t hash[16];   /* 128-bit hash of the bytes (XXH3-128) */
  const char *format; /* "text", "jsonl" */
  const char *origin; /* file path or "-" */
  uint64_t line;      /* 1-based line for JSON Lines, else 0 */
  const char *meta;   /* JSON object of given metadata ({"date":..}), or NULL */
  const char *bytes;  /* the raw bytes (borrowed) */
  size_t len;
} sl_raw;

/* Whether a raw record with this hash is stored. */
sl_status sl_store_raw_exists(sl_store *st, const uint8_t hash[16],
                              bool *exists, sl_error *err) SL_MUST_USE;
/* Stores the record (bytes compressed with zstd) and sets raw->id. */
sl_status sl_store_raw_put(sl_store *st, sl_raw *raw,
                           sl_error *err) SL_MUST_USE;

/* Calls `fn` for every raw record in id order with its bytes decompressed
 * (valid during the call). `fn` returns non-zero to stop (SL_ECANCELED). */
sl_status sl_store_raw_each(sl_store *st,
                            int (*fn)(void *ud, const sl_raw *raw), void *ud,
                            sl_error *err) SL_MUST_USE;

/* Inserts the article with its term vector (an opaque blob owned by the
 * stage that writes it; may be NULL), or updates the one with the same
 * (raw_id, part) keeping its id; sets a->id. a->raw_id must be set. */
sl_status sl_store_article_put(sl_store *st, sl_article *a, const void *terms,
                               size_t terms_len, sl_error *err) SL_MUST_USE;
/* Deletes the articles of `raw_id` that are not among the `parts` it now
 * gives: one article is part 0, several are parts 1..n, none deletes all. */
sl_status sl_store_article_trim(sl_store *st, int64_t raw_id, int parts,
                                sl_error *err) SL_MUST_USE;

/* One line cleaning took out of an article, with its reason ("caption"). */
typedef struct sl_store_removed {
  const char *reason;
  const char *text;
  size_t len;
} sl_store_removed;

/* Replaces what was removed from article `article_id` by `n` lines. */
sl_status sl_store_removed_put(sl_store *st, int64_t article_id,
                               const sl_store_removed *lines, size_t n,
                               sl_error *err) SL_MUST_USE;

/* Adds `n` lines after what was removed from the article already. */
sl_status sl_store_removed_add(sl_store *st, int64_t article_id,
                               const sl_store_removed *lines, size_t n,
                               sl_error *err) SL_MUST_USE;

/* One line of the learned boilerplate model (an opaque key, the number of
 * articles of its source holding it, the first two of them). */
typedef struct sl_store_boiler {
  uint64_t key;
  uint32_t articles;
  int64_t first1, first2;
} sl_store_boiler;

/* Calls `fn` for every saved line; `fn` returns non-zero to stop. */
sl_status sl_store_boiler_each(sl_store *st,
                               int (*fn)(void *ud, const sl_store_boiler *b),
                               void *ud, sl_error *err) SL_MUST_USE;
/* Saves (or replaces) one line. */
sl_status sl_store_boiler_put(sl_store *st, const sl_store_boiler *b,
                              sl_error *err) SL_MUST_USE;
/* Forgets the whole model (rebuild learns it again). */
sl_status sl_store_boiler_clear(sl_store *st, sl_error *err) SL_MUST_USE;

/* ---- duplicates ----------------------------------------------------- */

/* Keeps (or replaces) the fingerprint blob of article `id`. */
sl_status sl_store_fp_put(sl_store *st, int64_t id, const void *blob,
                          size_t len, sl_error *err) SL_MUST_USE;
/* Points `*blob` at the fingerprint of article `id`, valid until the next
 * call (the store owns it). SL_ENOENT when there is none. */
sl_status sl_store_fp_get(sl_store *st, int64_t id, const void **blob,
                          size_t *len, sl_error *err) SL_MUST_USE;
/* Calls `fn` for every fingerprint in article id order with the article's
 * canonical (0 when it is one); `fn` returns non-zero to stop. */
sl_status sl_store_fp_each(sl_store *st,
                           int (*fn)(void *ud, int64_t id, int64_t dup_of,
                                     const void *blob, size_t len),
                           void *ud, sl_error *err) SL_MUST_USE;
/* Marks article `id` a duplicate of `canonical` with `relation` ("near")
 * and `score`; canonical 0 clears the mark. */
sl_status sl_store_dup_set(sl_store *st, int64_t id, int64_t canonical,
                           const char *relation, double score,
                           sl_error *err) SL_MUST_USE;
/* Moves every member of `from`'s group to `to` (a new canonical). */
sl_status sl_store_dup_move(sl_store *st, int64_t from, int64_t to,
                            sl_error *err) SL_MUST_USE;
/* Forgets every fingerprint and duplicate mark (rebuild finds them again). */
sl_status sl_store_dup_clear(sl_store *st, sl_error *err) SL_MUST_USE;

/* One member of a duplicate group, as sl_store_dup_each gives it. */
typedef struct sl_store_dup {
  int64_t canonical;
  const char *canonical_ref;
  int64_t id;
  const char *ref, *relation;
  double score;
} sl_store_dup;

/* Calls `fn` for every article marked a duplicate, grouped by canonical
 * (in id order), then by id; valid during the call. */
sl_status sl_store_dup_each(sl_store *st,
                            int (*fn)(void *ud, const sl_store_dup *d),
                            void *ud, sl_error *err) SL_MUST_USE;

/* ---- stories ------------------------------------------------------- */

/* Keeps (or replaces) the clustering features of article `id`. */
sl_status sl_store_cdoc_put(sl_store *st, int64_t id, const void *blob,
                            size_t len, sl_error *err) SL_MUST_USE;
/* Sets the story of article `id` (0: none). */
sl_status sl_store_story_set(sl_store *st, int64_t id, int64_t story,
                             sl_error *err) SL_MUST_USE;
/* The story of article `id` into *story (0 when none). */
sl_status sl_store_story_of(sl_store *st, int64_t id, int64_t *story,
                            sl_error *err) SL_MUST_USE;
/* Moves the articles of story `from` to story `to` and forgets `from`
 * (a merge). */
sl_status sl_store_story_merge(sl_store *st, int64_t from, int64_t to,
                               sl_error *err) SL_MUST_USE;

/* A story's summary. `related` is a JSON array [{id, score}] or NULL. */
typedef struct sl_store_story {
  int64_t id;
  const char *title;
  sl_date first, last;
  int64_t size;
  bool live;
  const char *related;
} sl_store_story;

/* Keeps (or replaces) a story's summary. */
sl_status sl_store_story_put(sl_store *st, const sl_store_story *s,
                             sl_error *err) SL_MUST_USE;
/* Calls `fn` for every story in id order (valid during the call); `fn`
 * returns non-zero to stop (SL_ECANCELED). */
sl_status sl_store_stories_each(sl_store *st,
                                int (*fn)(void *ud, const sl_store_story *s),
                                void *ud, sl_error *err) SL_MUST_USE;
/* Calls `fn` for story `id`; SL_ENOENT when there is none. */
sl_status sl_store_story_get(sl_store *st, int64_t id,
                             int (*fn)(void *ud, const sl_store_story *s),
                             void *ud, sl_error *err) SL_MUST_USE;
/* Appends the id of every article, in id order, to `ids` (int64_t). */
sl_status sl_store_article_ids(sl_store *st, sl_vec *ids,
                               sl_error *err) SL_MUST_USE;
/* Appends the ids of the live stories to `ids` (int64_t). */
sl_status sl_store_stories_live(sl_store *st, sl_vec *ids,
                                sl_error *err) SL_MUST_USE;
/* Calls `fn` with the id and ref of each of story `id`'s articles, in id
 * order; `fn` returns non-zero to stop (SL_ECANCELED). */
sl_status sl_store_story_members(sl_store *st, int64_t id,
                                 int (*fn)(void *ud, int64_t id,
                                           const char *ref),
                                 void *ud, sl_error *err) SL_MUST_USE;

/* One clustered article, in article id order, for restoring the
 * clusterer: its story, whether that story is live, and its features
 * (NULL for a duplicate, which has none). */
typedef struct sl_store_cmember {
  int64_t id, story;
  sl_date date;
  const void *doc;
  size_t len;
  bool live;
} sl_store_cmember;

sl_status sl_store_cluster_each(sl_store *st,
                                int (*fn)(void *ud, const sl_store_cmember *m),
                                void *ud, sl_error *err) SL_MUST_USE;
/* Forgets every story and assignment (rebuild clusters again), and the
 * state values whose key starts with "cluster.". */
sl_status sl_store_cluster_clear(sl_store *st, sl_error *err) SL_MUST_USE;

/* Small named integers a stage keeps between runs ("cluster.stories").
 * `*found` tells whether `key` is stored (`*value` 0 when not). */
sl_status sl_store_state_get(sl_store *st, const char *key, int64_t *value,
                             bool *found, sl_error *err) SL_MUST_USE;
sl_status sl_store_state_put(sl_store *st, const char *key, int64_t value,
                             sl_error *err) SL_MUST_USE;

/* The stories the clusterer's next merge step compares: cleared, one
 * added, or all appended to `ids` (int64_t) in id order. */
sl_status sl_store_dirty_clear(sl_store *st, sl_error *err) SL_MUST_USE;
sl_status sl_store_dirty_put(sl_store *st, int64_t story,
                             sl_error *err) SL_MUST_USE;
sl_status sl_store_dirty_get(sl_store *st, sl_vec *ids,
                             sl_error *err) SL_MUST_USE;

/* ---- anchors: each sentence's date --------------------------------- */

/* One sentence's anchor: its byte span, its date (year 0: none), and the
 * expression that states it (NULL when it is the article's date). */
typedef struct sl_store_anchor {
  size_t start, end;
  sl_date date;
  const char *expr; /* the expression's text, len `expr_len` */
  size_t expr_len;
  const char *value; /* its TIMEX3 value */
} sl_store_anchor;

/* Replaces article `id`'s anchors with `n` of them. */
sl_status sl_store_anchors_put(sl_store *st, int64_t id,
                               const sl_store_anchor *a, size_t n,
                               sl_error *err) SL_MUST_USE;
/* Calls `fn` for each anchor of article `id` in text order; `fn` returns
 * non-zero to stop (SL_ECANCELED). */
sl_status sl_store_anchors_each(sl_store *st, int64_t id,
                                int (*fn)(void *ud, const sl_store_anchor *a),
                                void *ud, sl_error *err) SL_MUST_USE;

/* ---- who: mentions and quotes ------------------------------------- */

/* A named-entity mention: byte span, type (0 PER, 1 ORG, 2 LOC, 3 MISC)
 * and sentence number. */
typedef struct sl_store_mention {
  uint32_t start, end;
  uint8_t type;
  uint32_t sentence;
} sl_store_mention;

/* A quote: the quoted words, the index of the speaker's mention (-1 when
 * unknown), the span naming who said it, direct (0) or reported (1). */
typedef struct sl_store_quote {
  uint32_t start, end;
  int32_t speaker;
  uint32_t who_start, who_end;
  uint8_t kind;
} sl_store_quote;

/* Replaces article `id`'s mentions and quotes. */
sl_status sl_store_who_put(sl_store *st, int64_t id, const sl_store_mention *m,
                           size_t nm, const sl_store_quote *q, size_t nq,
                           sl_error *err) SL_MUST_USE;
/* Appends article `id`'s mentions (sl_store_mention) and quotes
 * (sl_store_quote) to the vectors, in text order. */
sl_status sl_store_who_get(sl_store *st, int64_t id, sl_vec *mentions,
                           sl_vec *quotes, sl_error *err) SL_MUST_USE;

/* ---- The archive's entities (the index of storyline/who.h's
 * sl_alias_index, and each article's share of every entity) ---------- */

/* The entity filed under `key` (0 when none) and the name that filed it
 * (at most `cap` bytes, NUL-ended). */
sl_status sl_store_entity_key_get(sl_store *st, const char *key,
                                  int64_t *entity, char *name, size_t cap,
                                  sl_error *err) SL_MUST_USE;
/* Files `key` under `entity` with `name`, replacing what was there. */
sl_status sl_store_entity_key_put(sl_store *st, const char *key, int64_t entity,
                                  const char *name, sl_error *err) SL_MUST_USE;
/* A new entity id. */
sl_status sl_store_entity_new(sl_store *st, int64_t *entity,
                              sl_error *err) SL_MUST_USE;
/* Moves the keys and article forms of entity `gone` to `keep`, and drops
 * `gone`. */
sl_status sl_store_entity_merge(sl_store *st, int64_t keep, int64_t gone,
                                sl_error *err) SL_MUST_USE;

/* How an article writes an entity: `form` as written `count` times; the
 * article's canonical name of the entity and its type. */
typedef struct sl_store_eform {
  int64_t entity;
  const char *form, *name;
  uint8_t type;
  uint32_t count;
} sl_store_eform;

/* Replaces article `id`'s entity forms. */
sl_status sl_store_eforms_put(sl_store *st, int64_t id, const sl_store_eform *f,
                              size_t n, sl_error *err) SL_MUST_USE;
/* Forgets every entity (keys and forms), for a rebuild. */
sl_status sl_store_entities_clear(sl_store *st, sl_error *err) SL_MUST_USE;

/* An entity's totals: mentions, articles, stories. */
typedef struct sl_store_entity_sum {
  int64_t entity, mentions, articles, stories;
} sl_store_entity_sum;

/* Calls `fn` for the `limit` most mentioned entities (all when 0), most
 * mentioned first; `fn` returns non-zero to stop (SL_ECANCELED). */
sl_status sl_store_entities_top(sl_store *st, size_t limit,
                                int (*fn)(void *ud,
                                          const sl_store_entity_sum *e),
                                void *ud, sl_error *err) SL_MUST_USE;
/* The totals of one entity; SL_ENOENT when no article names it. */
sl_status sl_store_entity_sum_get(sl_store *st, int64_t entity,
                                  sl_store_entity_sum *out,
                                  sl_error *err) SL_MUST_USE;

/* One row of an entity's forms (kind 0: a surface form, `count` mentions,
 * most first), types (kind 3: `type`, `count` mentions), names (kind 1: an
 * article's canonical name, `count` articles), or stories (kind 2: `text`
 * the story's title, `id` the story, `count` mentions, `articles`). Valid
 * during the call. */
typedef struct sl_store_entity_row {
  int kind;
  const char *text;
  uint8_t type;
  int64_t id, count, articles;
} sl_store_entity_row;

/* Calls `fn` for each of the entity's forms (most frequent first), then
 * its types, its names, and, when `stories`, its stories (most mentions
 * first). */
sl_status sl_store_entity_rows(sl_store *st, int64_t entity, bool stories,
                               int (*fn)(void *ud,
                                         const sl_store_entity_row *r),
                               void *ud, sl_error *err) SL_MUST_USE;

/* Calls `fn` for each removed line of the article, in text order (valid
 * during the call); `fn` returns non-zero to stop (SL_ECANCELED). */
sl_status sl_store_removed_each(sl_store *st, int64_t article_id,
                                int (*fn)(void *ud,
                                          const sl_store_removed *line),
                                void *ud, sl_error *err) SL_MUST_USE;

/* Reads an article's term vector back into a malloc'd buffer the caller frees;
 * SL_ENOENT when absent. */
sl_status sl_store_terms_get(sl_store *st, int64_t article_id, void **blob,
                             size_t *len, sl_error *err) SL_MUST_USE;

/* Fills `out` (released by the caller) with the article `id`, or the newest
 * article whose ref is `ref` when id is 0. SL_ENOENT when there is none. */
sl_status sl_store_article_get(sl_store *st, int64_t id, const char *ref,
                               sl_article *out, sl_error *err) SL_MUST_USE;

/* Calls `fn` for every article in id order (text filled only when
 * `with_text`). `fn` returns non-zero to stop (SL_ECANCELED). */
sl_status sl_store_articles_each(sl_store *st, bool with_text,
                                 int (*fn)(void *ud, const sl_article *a),
                                 void *ud, sl_error *err) SL_MUST_USE;

/* Number of articles stored. */
sl_status sl_store_article_count(sl_store *st, int64_t *count,
                                 sl_error *err) SL_MUST_USE;

/* ---- the articles of a timeline (see story/) --------------------------- */

/* Which articles: those of `stories` (n_stories ids; none: any story),
 * published from `from` to `to` (year 0: open; an undated article only
 * when both are open), whose title or text holds every one of `terms`
 * (ASCII case ignored; none: all). */
typedef struct sl_store_tl_filter {
  const int64_t *stories;
  size_t n_stories;
  sl_date from, to;
  const char *const *terms;
  size_t n_terms;
} sl_store_tl_filter;

/* One selected article, valid during the callback: its duplicate group's
 * canonical (0: none), its language (NULL: unknown). */
typedef struct sl_store_tl_article {
  int64_t id, dup_of;
  const char *ref, *source, *language, *text;
  size_t text_len;
  sl_date date;
} sl_store_tl_article;

/* Calls `fn` for every article `f` selects, in id order; `fn` returns
 * non-zero to stop (SL_ECANCELED). */
sl_status sl_store_tl_articles(sl_store *st, const sl_store_tl_filter *f,
                               int (*fn)(void *ud,
                                         const sl_store_tl_article *a),
                               void *ud, sl_error *err) SL_MUST_USE;

#endif
