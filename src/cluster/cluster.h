/* storyline cluster: online story clustering. Articles are featurized into
 * compact docs (stemmed terms, title weighted; capitalised-phrase entities;
 * numbers; date; arrival number), then added one at a time, in date order
 * (arrival order when undated), to a clusterer that keeps the live stories
 * in an inverted index and joins each doc to the best candidate story when a
 * learned score says so, else opens a story. Quiet stories leave the index;
 * a periodic merge joins stories that have converged; stories that share
 * actors and subject without being the same event are linked as related.
 *
 * Wiring (the pipeline): one sl_cluster_fz per thread and one sl_cluster
 * per database, fed from one thread. For each new article, in date order
 * (arrival order when undated): featurize; keep the doc blob
 * (sl_cluster_doc_save) with the article; when sl_dedup says it repeats an
 * earlier article, sl_cluster_add_dup to that article's story, else
 * sl_cluster_add; record the result's story for the article; apply and
 * clear sl_cluster_merges (move the `from` story's articles to `into`);
 * store the stories sl_cluster_next shows, then sl_cluster_drop_expired;
 * keep sl_cluster_counters_get and the stories sl_cluster_changed with the
 * commit. On open, restore every stored article in arrival order: those
 * of live stories with sl_cluster_restore (or sl_cluster_add_dup), the
 * others with sl_cluster_restore_past; then sl_cluster_counters_set and
 * the changed marks. A run resumed so goes on as the interrupted one
 * would have, but for the summaries of live stories that merged (rebuilt
 * from their members, not from the merge).
 * Scores, ids and the model are deterministic for a given seed. */
#ifndef SL_CLUSTER_CLUSTER_H
#define SL_CLUSTER_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "storyline/article.h"
#include "storyline/status.h"

/* ---- The model: learned weights and thresholds --------------------------
 * The score of a (doc, story) pair is the logistic of a weighted sum of
 * features, each in [0, 1] or a small log range:
 *   BIAS   1
 *   TERMS  cosine of the doc's TF-IDF vector and the story centroid
 *   MAXSIM the best cosine of the doc with one of the story's recent
 *          members (their strongest terms): single-link evidence that a
 *          mixed centroid cannot fake
 *   TITLE  cosine of the doc's title (or lead line) vector and the centroid
 *   ENTS   cosine of the doc's entities and the story's entities (IDF)
 *   NUMS   share of the doc's numbers the story has seen (between two
 *          stories: shared numbers over the larger of their two sets)
 *   DAYS   TERMS * log(1 + days between the doc's date and the story's
 *          dates), 0 when either is undated (an undated article takes the
 *          date of a dateline in its text, for this feature only)
 *   SEQ    TERMS * log(1 + articles that arrived since the story's last
 *          member) / 10
 * (time scales the similarity: closeness in time alone joins nothing)
 *   SIZE   log(1 + members of the story)/5
 * A doc joins its best-scoring candidate when the probability reaches
 * `join_min` (at least 0.5: a wrong join cannot be undone, a split story
 * is joined by the merge step); stories merge when their pair score (the
 * same features between two stories) reaches `merge_min`;
 * related links need `related_min` on the same score and shared entities
 * (the same actors and subject, not the same event: a meeting in February
 * and a follow-up meeting in July). Links are made among live stories, at
 * add time and in the merge step; a story that has left the live index is
 * found again through the store's search. */
typedef enum sl_cluster_feat {
  SL_CF_BIAS,
  SL_CF_TERMS,
  SL_CF_MAXSIM,
  SL_CF_TITLE,
  SL_CF_ENTS,
  SL_CF_NUMS,
  SL_CF_DAYS,
  SL_CF_SEQ,
  SL_CF_SIZE,
  SL_CF_COUNT
} sl_cluster_feat;

/* The feature's name in model files ("bias", "terms", ...). */
const char *sl_cluster_feat_name(sl_cluster_feat f);

typedef struct sl_cluster_model {
  double w[SL_CF_COUNT]; /* logistic weights, w[SL_CF_BIAS] the intercept */
  double join_min;       /* probability needed to join a story */
  double merge_min;      /* story-story probability needed to merge */
  double related_min;    /* story-story probability for a related link */
} sl_cluster_model;

/* The compiled-in model (models/cluster.txt as shipped). */
void sl_cluster_model_default(sl_cluster_model *m);

/* Parses a model file held in memory (the caller reads it): lines
 * "name value", '#' comments and blank lines ignored; names are the feature
 * names plus "join_min", "merge_min", "related_min". Starts from the
 * defaults, so a file may set only some values. SL_EPARSE with the line in
 * `err` (may be NULL) for an unknown name or a bad number. */
sl_status sl_cluster_model_parse(sl_cluster_model *m, const char *bytes,
                                 size_t len, sl_error *err) SL_MUST_USE;

/* Appends the model in the file format parse reads. */
sl_status sl_cluster_model_format(const sl_cluster_model *m,
                                  sl_buf *out) SL_MUST_USE;

/* ---- Options ------------------------------------------------------------
 * Sizes and clocks that are not learned; sl_cluster_opts_default gives the
 * tested values, the same for every corpus. */
typedef struct sl_cluster_opts {
  uint32_t centroid_terms; /* 96: terms a story centroid keeps */
  uint32_t story_ents;     /* 48: entities a story keeps */
  uint32_t story_nums;     /* 24: numbers a story keeps */
  uint32_t sketch_terms;   /* 24: terms kept of each recent member */
  uint32_t sketches;       /* 8: recent members a story keeps (<= 64) */
  uint32_t index_terms;    /* 12: strongest centroid terms indexed */
  uint32_t index_ents;     /* 8: strongest entities indexed */
  uint32_t query_keys;     /* 16: strongest doc terms (and half as many
                              entities) looked up in the index */
  uint32_t max_postings;   /* 128: longer posting lists are not read */
  uint32_t max_candidates; /* 16: stories scored per doc */
  uint32_t expire_days;    /* 30: dated stories quiet this long leave */
  uint32_t expire_seq;     /* 20000: arrivals after which a quiet story
                              leaves (undated streams) */
  uint32_t expire_min_seq; /* 2000: arrivals a dated story stays live for
                              whatever the dates say (an archive ingested
                              out of date order keeps its first stories) */
  uint32_t merge_every;    /* 500: docs between merge steps, 0: never */
  uint32_t max_related;    /* 4: related links kept per story */
  double title_weight;     /* 2.0: weight of title terms against body */
  uint64_t seed;           /* seeds the hashes (inject; tests fix it) */
} sl_cluster_opts;

void sl_cluster_opts_default(sl_cluster_opts *o);

/* ---- Docs ---------------------------------------------------------------
 * A featurized article: term, entity and number keys with counts, the
 * headline, date and arrival number. About 1-3 KB for a full article; the
 * clusterer keeps only story-level summaries, not docs. */
typedef struct sl_cluster_doc sl_cluster_doc;

/* A featurizer holds the stemmers and scratch space; reuse it for every
 * article. Not thread-safe: one per thread. NULL when out of memory. */
typedef struct sl_cluster_fz sl_cluster_fz;
sl_cluster_fz *sl_cluster_fz_new(uint64_t seed);
void sl_cluster_fz_free(sl_cluster_fz *fz);

/* The article fields the featurizer reads. `title`, `lang` may be NULL;
 * `text` is valid UTF-8 (may be empty). A NULL title takes the first line
 * of the text when it reads as a headline. `date.year == 0`: undated.
 * `seq` numbers arrivals (strictly increasing, from 1); `id` is the
 * caller's article id (the store's), reported back in story members. */
typedef struct sl_cluster_input {
  int64_t id;
  uint64_t seq;
  const char *title;
  const char *text;
  size_t text_len;
  const char *lang;
  sl_date date;
} sl_cluster_input;

/* A new doc from `in`, owned by the caller (sl_cluster_doc_free). Inputs
 * are only read. The seed of `fz` must equal the clusterer's. SL_ENOMEM,
 * SL_ETOOBIG for texts over 4 GiB. */
sl_status sl_cluster_featurize(sl_cluster_fz *fz, const sl_cluster_input *in,
                               sl_cluster_doc **out) SL_MUST_USE;
void sl_cluster_doc_free(sl_cluster_doc *d);

/* Appends a compact versioned blob of the doc (for the store, so that a
 * rebuild need not featurize again), and reads one back (SL_ECORRUPT for a
 * damaged or foreign blob; `*out` owned by the caller). */
sl_status sl_cluster_doc_save(const sl_cluster_doc *d, sl_buf *out) SL_MUST_USE;
sl_status sl_cluster_doc_load(const void *blob, size_t len,
                              sl_cluster_doc **out) SL_MUST_USE;

int64_t sl_cluster_doc_id(const sl_cluster_doc *d);
uint64_t sl_cluster_doc_seq(const sl_cluster_doc *d);

/* ---- The clusterer ------------------------------------------------------
 * Owns its stories, index and IDF counts (about 850 bytes per live article
 * on news streams, see bench_cluster scale). Not thread-safe. */
typedef struct sl_cluster sl_cluster;

/* A new clusterer with options `o` and model `m` (NULL: defaults), both
 * copied. NULL when out of memory or the options are invalid. */
sl_cluster *sl_cluster_new(const sl_cluster_opts *o, const sl_cluster_model *m);
void sl_cluster_free(sl_cluster *c);

/* What sl_cluster_add decided. Story ids count from 1 in creation order,
 * so re-adding the same docs in the same order gives the same ids. */
typedef struct sl_cluster_result {
  int64_t story;       /* the story the doc joined (or opened) */
  bool is_new;         /* whether it opened the story */
  double score;        /* the join probability (best candidate's when new) */
  int64_t best;        /* the best candidate, 0 when there was none */
  uint32_t candidates; /* stories scored */
} sl_cluster_result;

/* Adds `doc` (only read; the caller keeps it) in arrival order: scores the
 * candidate stories the index returns, joins the best when the model says
 * so, else opens a story; then expires quiet stories and, every
 * merge_every docs, runs the merge step. SL_EINVAL when seq does not
 * increase, SL_ENOMEM. */
sl_status sl_cluster_add(sl_cluster *c, const sl_cluster_doc *doc,
                         sl_cluster_result *res) SL_MUST_USE;

/* Adds a duplicate (sl_dedup found it repeats an earlier article of story
 * `story`): it becomes a member and moves the story's dates, but adds no
 * evidence, so a duplicate group counts once. SL_ENOENT when `story` is
 * unknown or dropped. */
sl_status sl_cluster_add_dup(sl_cluster *c, int64_t id, uint64_t seq,
                             sl_date date, int64_t story) SL_MUST_USE;

/* Rebuild: adds `doc` to the story the store recorded for it (its story
 * after merges), without scoring, opening the story when it is new and
 * bringing it back to the live index when it had gone quiet. Call in the
 * original arrival order. Ids skipped (merged away) stay empty. Merges are
 * not re-run. SL_EINVAL when seq does not increase or `story` < 1. */
sl_status sl_cluster_restore(sl_cluster *c, const sl_cluster_doc *doc,
                             int64_t story) SL_MUST_USE;

/* Rebuild: makes the next story opened get an id above `last` (the
 * highest story id the store holds, live or not). */
sl_status sl_cluster_skip_ids(sl_cluster *c, int64_t last) SL_MUST_USE;

/* Restore: a doc (or, `doc` NULL, a duplicate with arrival number `seq`
 * and `date`) whose story has left the live index. It joins no story but
 * moves the clock and counts in the IDF, as when it was added: restoring
 * every stored article in arrival order, live or not, gives the IDF an
 * uninterrupted run has. SL_EINVAL when seq does not increase. */
sl_status sl_cluster_restore_past(sl_cluster *c, const sl_cluster_doc *doc,
                                  uint64_t seq, sl_date date) SL_MUST_USE;

/* The counters a restore cannot find in the docs: the stories opened
 * (merged away ones too) and the arrivals since the last expiry and merge
 * step. Keep them with each commit and set them after restoring, so that
 * a resumed run numbers stories and runs its housekeeping where an
 * uninterrupted one does. Set fails with SL_EINVAL for impossible values. */
typedef struct sl_cluster_counters {
  int64_t stories;
  uint64_t since_expire, since_merge;
} sl_cluster_counters;
void sl_cluster_counters_get(const sl_cluster *c, sl_cluster_counters *out);
sl_status sl_cluster_counters_set(sl_cluster *c,
                                  const sl_cluster_counters *in) SL_MUST_USE;

/* Whether live story `id` changed since the last merge step (the next
 * step compares it with the others); false when it is not live. Restore:
 * every restored story is marked changed, so after restoring, mark them
 * all unchanged (`id` 0) and then mark again each that was changed when
 * the interrupted run last committed. */
bool sl_cluster_changed(const sl_cluster *c, int64_t id);
void sl_cluster_mark_changed(sl_cluster *c, int64_t id, bool changed);

/* Runs the merge step now (sl_cluster_add runs it periodically). Adds the
 * number of stories merged away to `*merged` (may be NULL). */
sl_status sl_cluster_merge(sl_cluster *c, size_t *merged) SL_MUST_USE;

/* The story `id` was merged into, following chains; `id` itself when it was
 * not merged; 0 when unknown. */
int64_t sl_cluster_resolve(const sl_cluster *c, int64_t id);

/* The merges done since the last sl_cluster_merges_clear, in order (the
 * store moves story `from`'s articles to `into`). The array belongs to the
 * clusterer and stays valid until the next call that changes it. */
typedef struct sl_cluster_merge_ev {
  int64_t from, into;
} sl_cluster_merge_ev;
const sl_cluster_merge_ev *sl_cluster_merges(const sl_cluster *c, size_t *n);
void sl_cluster_merges_clear(sl_cluster *c);

/* ---- Stories ------------------------------------------------------------ */
typedef struct sl_cluster_link {
  int64_t story; /* the related story (resolve it: it may have merged) */
  float score;   /* the pair probability, below merge_min */
} sl_cluster_link;

/* A story as the iterator shows it. Pointers stay valid until the next
 * call that changes the clusterer. */
typedef struct sl_cluster_story {
  int64_t id;
  bool live;              /* still in the live index */
  const int64_t *members; /* article ids, in arrival order of joining */
  size_t n_members;
  sl_date first, last; /* member dates (year 0 when all undated) */
  uint64_t first_seq, last_seq;
  const char *headline; /* the member headline nearest the centroid */
  const sl_cluster_link *related;
  size_t n_related;
} sl_cluster_story;

/* Fills `out` with story `id` (not resolved); SL_ENOENT when it does not
 * exist, was merged away or dropped. */
sl_status sl_cluster_story_get(const sl_cluster *c, int64_t id,
                               sl_cluster_story *out) SL_MUST_USE;

/* Iterates the stories that exist (live and expired, not merged away or
 * dropped) in id order: start with *pos = 0; false at the end. */
bool sl_cluster_next(const sl_cluster *c, size_t *pos, sl_cluster_story *out);

/* Frees the expired stories (after the caller has stored them): they can
 * no longer be read or joined. Returns how many were dropped. */
size_t sl_cluster_drop_expired(sl_cluster *c);

/* Counts, for monitoring and the memory bound. */
typedef struct sl_cluster_stats {
  size_t docs;         /* docs added (with dups and restores) */
  size_t stories;      /* stories opened */
  size_t live_stories; /* stories in the live index */
  size_t live_docs;    /* members of live stories */
  size_t merges;       /* stories merged away */
  size_t memory;       /* bytes held (stories, index, IDF table) */
  size_t index_memory; /* of which the live index and stories */
} sl_cluster_stats;

void sl_cluster_stats_get(const sl_cluster *c, sl_cluster_stats *out);

/* ---- Learning -----------------------------------------------------------
 * Learns the model from gold-labelled streams: each stream is replayed
 * with the gold assignment (a doc joins its gold story), every candidate
 * the index returns gives a (features, same-story?) pair, and a logistic
 * regression is fitted (each stream's pairs weighted 1/sqrt of its share);
 * join_min (from 0.5 up: precision first) and merge_min are then chosen
 * on the same streams to maximise the mean B-cubed F1 of the online
 * clusterer. The learner keeps copies of the docs for that. */
typedef struct sl_cluster_learner sl_cluster_learner;

sl_cluster_learner *sl_cluster_learner_new(const sl_cluster_opts *o);
void sl_cluster_learner_free(sl_cluster_learner *l);

/* Leaves feature `f` out of the model (its weight stays 0): for
 * ablations. Call before adding docs. The bias cannot be dropped. */
void sl_cluster_learner_drop(sl_cluster_learner *l, sl_cluster_feat f);

/* Starts a new stream (corpus): the replay state is reset. */
sl_status sl_cluster_learner_stream(sl_cluster_learner *l) SL_MUST_USE;

/* Adds the next doc of the current stream with its gold story label (any
 * string; equal labels mean the same story). The doc is copied. */
sl_status sl_cluster_learner_add(sl_cluster_learner *l,
                                 const sl_cluster_doc *doc,
                                 const char *label) SL_MUST_USE;

/* Fits the model (starting from the defaults for what is not learned). */
sl_status sl_cluster_learner_fit(sl_cluster_learner *l,
                                 sl_cluster_model *out) SL_MUST_USE;

/* B-cubed precision, recall and F1 of a clustering against gold labels:
 * `sys[i]` and `gold[i]` are the ids of item i's clusters. */
typedef struct sl_cluster_bcubed {
  double p, r, f1;
} sl_cluster_bcubed;

sl_status sl_cluster_bcubed_score(const int64_t *sys, const int64_t *gold,
                                  size_t n, sl_cluster_bcubed *out) SL_MUST_USE;

#endif
