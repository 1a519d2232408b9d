/* storyline story: numeric statements read from sentences, the material of
 * the disagreements: "at least 12 people were killed" is (killed, people,
 * >= 12). */
#ifndef SL_STORY_FACTS_H
#define SL_STORY_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "story/dossier.h"

/* How much two sentences must share (cosine) for their numbers to be
 * about the same thing. */
#define SL__FACT_CONTEXT 0.1

typedef enum sl__frame {
  SL__KILLED = 1,
  SL__INJURED,
  SL__MISSING,
  SL__ARRESTED,
  SL__MAGNITUDE
} sl__frame;

typedef enum sl__bound {
  SL__EXACT,
  SL__APPROX, /* about, around, some, an estimated */
  SL__LOWER,  /* at least, more than, over */
  SL__UPPER   /* up to, nearly, almost, fewer than */
} sl__bound;

typedef struct sl__fact {
  int frame;      /* sl__frame */
  char head[20];  /* who is counted, lower case ("people", "soldiers") */
  char about[48]; /* "people killed", "earthquake magnitude" */
  char text[48];  /* the value as written, "at least 12" */
  double value;
  int bound;  /* sl__bound */
  bool round; /* a round number (1,000): read as rounded */
  size_t art, sent;
  bool dropped;
} sl__fact;

/* Appends the statements of sentence `sent` to `out` (sl__fact). */
sl_status sl__facts_of(const sl_dos *d, size_t sent, sl_vec *out) SL_MUST_USE;

/* Whether two statements about one thing can both be true. */
bool sl__fact_compatible(const sl__fact *a, const sl__fact *b);

#endif
