/* storyline story: the dossier of one story, from plain in-memory input (its
 * articles' texts, outlets, dates and duplicate relations): its sources, a
 * summary across them and where they disagree. Includes no other stage. */
#ifndef SL_STORY_DOSSIER_H
#define SL_STORY_DOSSIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/vec.h"
#include "storyline/article.h"
#include "storyline/status.h"
#include "text/stem.h"

/* One article of the story as the caller gives it; the dossier borrows
 * every pointer for its whole life. */
typedef struct sl_dos_article {
  int64_t id;
  const char *ref;
  const char *outlet; /* NULL when unknown */
  const char *title;  /* NULL when none */
  const char *lang;   /* ISO 639-1, NULL: English */
  sl_date date;       /* year 0 when unknown */
  const char *text;   /* valid UTF-8, `len` bytes */
  size_t len;
  int64_t copy_of;      /* the canonical article of its duplicate group, 0 */
  const char *relation; /* to it: "exact", "near", "contained", "rewrite" */
} sl_dos_article;

/* One sentence: its article (index into the articles), byte span, tokens
 * (into that article's token vector) and stemmed content words (sorted
 * unique hashes in sl_dos.terms) with the norm of its TF-IDF vector. */
typedef struct sl_dos_sent {
  uint32_t art, start, end;
  uint32_t tok, ntok;
  uint32_t term, nterm;
  float norm;
  uint32_t words; /* word tokens */
  uint32_t lead;  /* where its text starts once a dateline is cut off */
} sl_dos_sent;

/* The analysed story: built once by sl_dos_init, read by every part. */
typedef struct sl_dos {
  const sl_dos_article *arts;
  size_t n;
  sl_vec *toks;  /* n vectors of sl_token, owned */
  sl_vec sents;  /* sl_dos_sent */
  sl_vec terms;  /* uint32_t */
  sl_vec idf;    /* sl__dos_idf, sorted by hash */
  size_t *group; /* n: the index of each article's duplicate-group root */
} sl_dos;

/* Tokenises, splits and stems the `n` articles (borrowed until
 * sl_dos_release). `stem` is the caller's and used during the call only. */
sl_status sl_dos_init(sl_dos *d, const sl_dos_article *arts, size_t n,
                      sl_stemmers *stem) SL_MUST_USE;
void sl_dos_release(sl_dos *d);

/* The cosine of two sentences' TF-IDF vectors, in [0, 1]. */
double sl_dos_cosine(const sl_dos *d, size_t a, size_t b);

/* ---- sources ---------------------------------------------------------- */

typedef struct sl_dos_outlet {
  const char *name; /* borrowed from the articles; NULL: unknown */
  size_t articles;
} sl_dos_outlet;

/* The outlets, most articles first (then by name), and the first article
 * to report (earliest date, then lowest id; undated articles come last):
 * an index into the articles, SIZE_MAX when there are none. */
typedef struct sl_dos_sources {
  sl_dos_outlet *outlets; /* owned */
  size_t n_outlets;
  size_t first;
} sl_dos_sources;

sl_status sl_dos_sources_find(const sl_dos_article *arts, size_t n,
                              sl_dos_sources *out) SL_MUST_USE;
void sl_dos_sources_release(sl_dos_sources *s);

/* ---- summary ---------------------------------------------------------- */

/* One summary sentence: a sentence index and the articles (indices,
 * ascending, owned) that carry it or nearly the same sentence. */
typedef struct sl_dos_pick {
  size_t sent;
  size_t *arts;
  size_t n_arts;
} sl_dos_pick;

/* Appends up to `max` (at most 5) sentences to `picks` (sl_dos_pick), in
 * the order of the story: the most central sentences that say something
 * the others do not. Fewer when the story has fewer good sentences. */
sl_status sl_dos_summary(const sl_dos *d, size_t max,
                         sl_vec *picks) SL_MUST_USE;
/* Frees the picks' articles and empties the vector. */
void sl_dos_picks_clear(sl_vec *picks);

/* ---- disagreements ---------------------------------------------------- */

/* One value stated about a thing, and the articles (indices, ascending)
 * that state it. `value` is the words as written ("at least 12"). */
typedef struct sl_dos_variant {
  char *value;  /* owned */
  size_t *arts; /* owned */
  size_t n_arts;
} sl_dos_variant;

/* What the variants are about ("people killed") and the variants, two or
 * more, that cannot all be true at once. */
typedef struct sl_dos_disagree {
  char *about;       /* owned */
  sl_dos_variant *v; /* owned */
  size_t n;
} sl_dos_disagree;

/* Appends to `out` (sl_dos_disagree) the things the story's sources state
 * different numbers for on the same day: casualty and other counts, an
 * earthquake's magnitude. Compatible statements ("at least 10" and "12",
 * "about 1,000" and "1,012") and later updates do not disagree. */
sl_status sl_dos_disagreements(const sl_dos *d, sl_vec *out) SL_MUST_USE;
/* Frees every disagreement and empties the vector. */
void sl_dos_disagree_clear(sl_vec *out);

#endif
