/* storyline dedup: duplicate detection. A fingerprint of each article's
 * text, a compact in-memory index of earlier articles, and the decision of
 * how a new article relates to them: exact, near, contained or rewrite. */
#ifndef SL_DEDUP_DEDUP_H
#define SL_DEDUP_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "storyline/status.h"

/* How an article relates to an earlier one, strongest first. */
typedef enum sl_dup_rel {
  SL_DUP_NONE = 0,  /* not a duplicate */
  SL_DUP_EXACT,     /* the same normalised title and text: words and
                       punctuation, with case, white space, quote and dash
                       forms folded (sl_norm_key) */
  SL_DUP_NEAR,      /* the same text with small edits */
  SL_DUP_CONTAINED, /* one text is (mostly) inside the other, longer one */
  SL_DUP_REWRITE    /* the same article in other words (a re-translation) */
} sl_dup_rel;

/* "none", "exact", "near", "contained", "rewrite"; never NULL. */
const char *sl_dup_rel_str(sl_dup_rel rel);

/* Thresholds; sl_dedup_opts_default gives the tested defaults. A pair is
 * checked in this order and takes the first relation that holds:
 *   exact:     equal exact hashes;
 *   contained: the shorter text has at most `contain_ratio` of the longer
 *              one's shingles and at least `contain_min` of its shingles
 *              are in the longer one (score: that share);
 *   near:      shingle resemblance (Jaccard) >= `near_min` (score: it);
 *   rewrite:   both texts have at least four sentences and an in-order
 *              sentence alignment covers >= `rewrite_min` of both texts
 *              (score: the coverage), sentences aligning when their
 *              content words, names and numbers agree >= `sent_min`. */
typedef struct sl_dedup_opts {
  double near_min;       /* 0.5 */
  double contain_min;    /* 0.8 */
  double contain_ratio;  /* 0.7 */
  double rewrite_min;    /* 0.6 */
  double sent_min;       /* 0.4 */
  uint32_t min_shingles; /* 8: shorter texts are matched only exactly */
  uint32_t max_postings; /* 64: a shingle sample or rewrite band key met
                            in more articles is boilerplate, not a copy
                            signal: the index forgets it (and would
                            otherwise slow every look-up); an exact hash
                            keeps its first 64 articles */
  uint32_t max_verify;   /* 8: candidates verified per signal and query */
  uint64_t seed;         /* seeds the index tables (inject; tests fix it) */
} sl_dedup_opts;

void sl_dedup_opts_default(sl_dedup_opts *o);

/* ---- Fingerprints -------------------------------------------------------
 * A fingerprint holds what verification needs: the exact hash, the sorted
 * set of 32-bit hashes of normalised word 3-shingles, and per sentence the
 * sorted hashes of its content words, names and numbers. It is a reusable
 * heap object: compute or load into it again and again. Not thread-safe;
 * use one per thread. */
typedef struct sl_dedup_fp sl_dedup_fp;

/* A new empty fingerprint; NULL when out of memory. */
sl_dedup_fp *sl_dedup_fp_new(void);
/* Frees `fp` and everything it owns; NULL is a no-op. */
void sl_dedup_fp_free(sl_dedup_fp *fp);

/* Computes the fingerprint of an article from its title (may be NULL) and
 * text (valid UTF-8, may be empty), replacing what `fp` held. The inputs
 * are only read. SL_ETOOBIG for texts over 4 GiB, SL_ENOMEM. */
sl_status sl_dedup_fp_compute(sl_dedup_fp *fp, const char *title,
                              size_t title_len, const char *text,
                              size_t len) SL_MUST_USE;

/* Appends the fingerprint as a blob (varint deltas; about the size of the
 * text itself) to `out`, for the store to keep. The format is versioned. */
sl_status sl_dedup_fp_save(const sl_dedup_fp *fp, sl_buf *out) SL_MUST_USE;

/* Replaces `fp` with the one in `blob` (written by sl_dedup_fp_save). A
 * damaged or foreign blob fails with SL_ECORRUPT and leaves `fp` empty. */
sl_status sl_dedup_fp_load(sl_dedup_fp *fp, const void *blob,
                           size_t len) SL_MUST_USE;

/* The exact hash (64 bits over the normalised words of title and text). */
uint64_t sl_dedup_fp_exact(const sl_dedup_fp *fp);
/* Number of distinct body shingles and of sentences. */
size_t sl_dedup_fp_shingles(const sl_dedup_fp *fp);
size_t sl_dedup_fp_sentences(const sl_dedup_fp *fp);

/* ---- Pairwise comparison ---------------------------------------------- */

/* One verified relation of a new article to an earlier one. */
typedef struct sl_dup_match {
  int64_t id;            /* the earlier article (0 when rel is NONE) */
  sl_dup_rel rel;        /* the relation, SL_DUP_NONE when none holds */
  double score;          /* the relation's score in [0, 1] (see opts) */
  double resemblance;    /* Jaccard of the shingle sets */
  double containment;    /* share of the shorter's shingles in the longer */
  double alignment;      /* sentence alignment coverage (0 when not run) */
  int new_is_longer;     /* for CONTAINED: 1 when the new article contains */
  int64_t canonical;     /* group canonical after the add (see sl_dedup_add) */
  int64_t old_canonical; /* the group's canonical before, when it changed */
} sl_dup_match;

/* Compares `a` (the new article) with `b` (an earlier one) and fills `m`
 * (id 0, canonical fields 0). Pure; returns m->rel. */
sl_dup_rel sl_dedup_compare(const sl_dedup_fp *a, const sl_dedup_fp *b,
                            const sl_dedup_opts *o, sl_dup_match *m);

/* ---- The index ---------------------------------------------------------
 * The in-memory index of earlier articles keeps only what candidate
 * generation needs (130 to 200 bytes per article): the exact hashes, a
 * consistent sample of shingle hashes per article (at most 24, taken with
 * nested hash-mod levels so that a contained text's samples are a subset of
 * its container's), MinHash band keys of each article's names, numbers and
 * content words (rewrite candidates), and per article its sample level and
 * its group. Sample and band keys met in more than max_postings articles
 * of different groups are forgotten (see sl_dedup_opts); the index is a
 * function of the articles and their groups in id order, so that
 * sl_dedup_restore rebuilds it. Fingerprints stay with the caller (the store):
 * verification asks for them through a callback. Ids are the store's
 * article ids, 1 .. 2^32-2, added in increasing order of arrival. Not
 * thread-safe. */
typedef struct sl_dedup sl_dedup;

/* Supplies the blob (sl_dedup_fp_save) of the earlier article `id`. The
 * blob must stay valid until the next call. SL_ENOENT makes the detector
 * skip that candidate; any other error stops the check and is returned. */
typedef sl_status (*sl_dedup_fetch_fn)(void *ud, int64_t id, const void **blob,
                                       size_t *len);

/* A new empty index with options `o` (NULL: defaults), copied. NULL when
 * out of memory or when `o` is invalid. */
sl_dedup *sl_dedup_new(const sl_dedup_opts *o);
void sl_dedup_free(sl_dedup *d);

/* Presizes the tables for `n` articles (optional; avoids regrowth). */
sl_status sl_dedup_reserve(sl_dedup *d, size_t n) SL_MUST_USE;

/* Finds the strongest relation of the article with fingerprint `fp` to the
 * articles in the index, verifying candidates through `fetch`, and fills
 * `best` (rel SL_DUP_NONE when there is none). Does not change the index.
 * Ties go to the higher score, then to the earlier article. A candidate's
 * blob is read only as far as its verification needs (shingles until no
 * relation can hold; sentences only for a rewrite): damage in the part
 * read fails the check with SL_ECORRUPT. */
sl_status sl_dedup_check(sl_dedup *d, const sl_dedup_fp *fp,
                         sl_dedup_fetch_fn fetch, void *ud,
                         sl_dup_match *best) SL_MUST_USE;

/* Adds article `id` to the index. `match` (may be NULL or rel NONE: a new
 * group) is the result of sl_dedup_check for it; it is updated with the
 * group's canonical: the earliest article not contained in another member.
 * When the new article contains the group's canonical, it becomes the
 * canonical, and `old_canonical` names the one it replaced (the caller
 * moves the group in the store). SL_EINVAL when `id` is out of range or not
 * above every id added before, SL_ENOMEM. */
sl_status sl_dedup_add(sl_dedup *d, int64_t id, const sl_dedup_fp *fp,
                       sl_dup_match *match) SL_MUST_USE;

/* Rebuild from the store: adds `id` as a member of the group whose current
 * canonical is `canonical` (== id for a canonical article), without any
 * matching. Call in increasing id order. */
sl_status sl_dedup_restore(sl_dedup *d, int64_t id, const sl_dedup_fp *fp,
                           int64_t canonical) SL_MUST_USE;

/* The canonical article of `id`'s group (`id` itself when alone), 0 when
 * `id` is not in the index. */
int64_t sl_dedup_canonical(const sl_dedup *d, int64_t id);

/* Articles indexed, and bytes of memory the index holds. */
size_t sl_dedup_count(const sl_dedup *d);
size_t sl_dedup_memory(const sl_dedup *d);

#endif
