/* storyline cluster: internal structures shared by the module's files. */
#ifndef SL_CLUSTER_CLUSTER_INT_H
#define SL_CLUSTER_CLUSTER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cluster/cluster.h"
#include "cluster/ktab.h"

#define SL__NODAY INT32_MIN

/* A key with a weight: a term's count or weight, an entity's, a number's. */
typedef struct sl__kv {
  uint32_t key;
  float w;
} sl__kv;

/* Key namespaces, mixed into the hash so that they never collide in one
 * table: stemmed terms, entities (capitalised phrases), numbers. */
enum { SL__NS_TERM = 't', SL__NS_ENT = 'e', SL__NS_NUM = 'n' };

/* The featurized doc: counts only (weights need the IDF at add time). Each
 * array is sorted by key and holds distinct keys. One malloc'd block. */
struct sl_cluster_doc {
  int64_t id;
  uint64_t seq;
  int32_t day;    /* days since 1970-01-01, SL__NODAY when undated */
  int32_t fday;   /* the date features use: `day`, else a dateline found
                     in the text, else SL__NODAY */
  sl__kv *terms;  /* body + weighted title counts */
  sl__kv *title;  /* title (or lead line) counts */
  sl__kv *ents;   /* entity counts */
  uint32_t *nums; /* distinct numbers */
  char *headline; /* NUL-terminated, may be "" */
  uint32_t n_terms, n_title, n_ents, n_nums;
};

/* Allocates a doc with room for the given counts and a headline of `hlen`
 * bytes (copied from `headline`), fields zeroed otherwise. */
sl_cluster_doc *sl__doc_alloc(uint32_t n_terms, uint32_t n_title,
                              uint32_t n_ents, uint32_t n_nums,
                              const char *headline, size_t hlen);
sl_cluster_doc *sl__doc_clone(const sl_cluster_doc *d);

/* The 32-bit key of `len` bytes in namespace `ns`, never 0. */
uint32_t sl__key(uint64_t seed, int ns, const char *s, size_t len);

/* Days since 1970-01-01 of a valid date; SL__NODAY for year 0. */
int32_t sl__days(sl_date d);
sl_date sl__date_of_days(int32_t days);

/* ---- Stories ------------------------------------------------------------ */
enum { SL__ST_LIVE = 1, SL__ST_MERGED = 2 };

typedef struct sl__story {
  int64_t id;
  int64_t merged_into; /* when SL__ST_MERGED */
  uint32_t flags;
  uint32_t n_docs;   /* docs that added evidence (not duplicates) */
  sl__kv *cent;      /* sum of member unit TF-IDF vectors, top-K, by key */
  sl__kv *ents;      /* sum of member unit entity vectors, top-K, by key */
  sl__kv *nums;      /* number counts, top-K, by key */
  uint32_t *indexed; /* keys this story is posted under */
  uint32_t n_cent, n_ents, n_nums, n_indexed;
  float cent_norm, ent_norm;
  int64_t *members;
  size_t n_members, cap_members;
  int32_t first_day, last_day;   /* SL__NODAY when no member is dated */
  int32_t first_fday, last_fday; /* the same over the members' fday */
  sl__kv *sketch;    /* `sketches` slots of sketch_terms, by key in each */
  uint8_t *sk_len;   /* terms used in each slot */
  uint32_t n_sk;     /* members sketched; the next goes to n_sk % max */
  uint32_t sk_slots; /* slots allocated */
  uint64_t first_seq, last_seq;
  char *headline;
  float head_score;
  sl_cluster_link *related;
  uint32_t n_related;
  uint32_t live_pos; /* index in the clusterer's live list when live */
  bool dirty;        /* changed since the last merge step */
} sl__story;

/* ---- The doc as a query: unit vectors under the current IDF ------------- */
typedef struct sl__query {
  sl__ktab terms; /* key -> index in tw/titw */
  sl__ktab ents;  /* key -> index in ew */
  sl__ktab nums;  /* key -> 1 */
  sl__kv *tw;     /* unit TF-IDF vector (by the doc's term order) */
  float *titw;    /* unit title vector, aligned with tw (0 when absent) */
  sl__kv *ew;     /* unit entity vector */
  uint32_t n_t, n_e, n_n, cap_t, cap_e;
  int32_t day;
  int32_t fday;
  uint64_t seq;
} sl__query;

/* ---- Posting lists: key -> live story slots ----------------------------- */
typedef struct sl__posting {
  uint32_t *slots;
  uint32_t len, cap;
} sl__posting;

typedef struct sl__index {
  sl__ktab heads; /* key -> 1 + index in posts */
  sl__posting *posts;
  size_t n_posts, cap_posts;
  size_t entries;
} sl__index;

void sl__index_init(sl__index *x, uint32_t seed);
void sl__index_release(sl__index *x);
sl_status sl__index_add(sl__index *x, uint32_t key, uint32_t slot) SL_MUST_USE;
void sl__index_del(sl__index *x, uint32_t key, uint32_t slot);
const sl__posting *sl__index_get(const sl__index *x, uint32_t key);
size_t sl__index_memory(const sl__index *x);

/* A story reached by a query and the evidence it gathered. */
typedef struct sl__hit {
  uint32_t slot;
  float acc;
} sl__hit;

/* ---- The clusterer ------------------------------------------------------ */
struct sl_cluster {
  sl_cluster_opts o;
  sl_cluster_model m;
  sl__ktab df;         /* key -> documents seen with it */
  uint64_t n_df_docs;  /* documents counted in df */
  sl__story **stories; /* by slot = id - 1; NULL once dropped */
  size_t n_stories, cap_stories;
  uint32_t *live; /* slots of live stories */
  size_t n_live, cap_live;
  sl__index index;
  sl__query q;
  sl__ktab hit_ix; /* slot + 1 -> index in hits, for one query */
  sl__hit *hits;   /* stories reached by the query, with their evidence */
  size_t n_hits, cap_hits;
  int32_t now_day;
  uint64_t now_seq;
  size_t docs, merges, since_merge, since_expire;
  sl_cluster_merge_ev *log; /* merges since sl_cluster_merges_clear */
  size_t n_log, cap_log;
  bool gold; /* learner replay: joins are dictated */
};

/* Moves the clock to a doc's day and arrival number; counts the doc. */
void sl__tick(sl_cluster *c, int32_t day, uint64_t seq);

/* IDF of a key under the current counts. */
float sl__idf(const sl_cluster *c, uint32_t key);
/* Counts the doc's distinct terms and entities into the IDF table. */
sl_status sl__df_add(sl_cluster *c, const sl_cluster_doc *d) SL_MUST_USE;
/* Builds the query of `d` under the current IDF. */
sl_status sl__query_build(sl_cluster *c, const sl_cluster_doc *d) SL_MUST_USE;

/* Features of the current query against story `s` into f[SL_CF_COUNT]. */
void sl__features(const sl_cluster *c, const sl__story *s, double *f);
/* The same, but returns false (f incomplete) as soon as the probability
 * is sure to stay below `floor` (<= 0: never). */
bool sl__features_bound(const sl_cluster *c, const sl__story *s, double *f,
                        double floor);
/* Features of story `a` against story `b` (merge step); false (f
 * incomplete) when the probability is sure to stay below `floor`. */
bool sl__story_features(const sl_cluster *c, const sl__story *a,
                        const sl__story *b, double *f, double floor);
double sl__prob(const sl_cluster_model *m, const double *f);

/* Candidate stories for the current query: up to max_candidates slots into
 * `out` (room for max_candidates), strongest evidence first. */
size_t sl__candidates(sl_cluster *c, uint32_t *out);
/* Indices of the `k` heaviest entries of v[0..n) into top, heaviest first
 * (ties: earlier entry); returns how many. */
uint32_t sl__heaviest(const sl__kv *v, uint32_t n, uint32_t k, uint32_t *top);
/* The `max` live stories sharing most indexed keys with story `a`. */
size_t sl__neighbours(sl_cluster *c, const sl__story *a, uint32_t *out,
                      size_t max);

/* Story life cycle (story.c). */
sl__story *sl__story_open(sl_cluster *c);
/* Opens story `id` in an empty slot (a rebuild fills ids in any order);
 * NULL when the slot is taken or out of range, or out of memory. */
sl__story *sl__story_open_at(sl_cluster *c, int64_t id);
/* Puts a closed story back in the live list (a rebuild adds to it). */
sl_status sl__story_reopen(sl_cluster *c, sl__story *s) SL_MUST_USE;
sl_status sl__story_absorb(sl_cluster *c, sl__story *s, const sl_cluster_doc *d,
                           float fit) SL_MUST_USE;
sl_status sl__story_member(sl__story *s, int64_t id, int32_t day,
                           uint64_t seq) SL_MUST_USE;
/* Notes a member's feature date (its fday). */
void sl__story_fday(sl__story *s, int32_t fday);
sl_status sl__story_reindex(sl_cluster *c, sl__story *s) SL_MUST_USE;
void sl__story_unindex(sl_cluster *c, sl__story *s);
sl_status sl__story_fold(sl_cluster *c, sl__story *into,
                         sl__story *from) SL_MUST_USE;
void sl__story_free(sl__story *s);
/* Takes a live story out of the live list and the index, and frees its
 * evidence (centroid, entities, numbers): it stays readable. */
void sl__story_close(sl_cluster *c, sl__story *s);
void sl__story_link(sl__story *s, int64_t other, float score, uint32_t max);
size_t sl__story_memory(const sl_cluster *c, const sl__story *s);

/* Sparse vector helpers (vec.c). */
sl_status sl__kv_add_into(sl__kv **dst, uint32_t *n, const sl__kv *src,
                          uint32_t n_src, float scale,
                          uint32_t keep) SL_MUST_USE;
float sl__kv_norm(const sl__kv *v, uint32_t n);
float sl__kv_dot(const sl__kv *a, uint32_t na, const sl__kv *b, uint32_t nb);
int sl__kv_cmp_key(const void *a, const void *b);

/* Expiry and merge (merge.c). Whether the story has been quiet longer
 * than the expiry allows (by days when dated, else by arrivals). */
bool sl__quiet(const sl_cluster *c, const sl__story *s);
void sl__expire(sl_cluster *c);
sl_status sl__merge_step(sl_cluster *c, size_t *merged) SL_MUST_USE;

#endif
