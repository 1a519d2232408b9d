/* storyline extract: speech verbs, and who says what around one (a
 * mention, "he" resolved to the last person named, or a description such
 * as "the ministry"). */
#include <string.h>

#include "extract/quote_int.h"

static const char *const VERBS[] = {
    "said",       "says",     "say",       "told",      "tells",
    "added",      "adds",     "stated",    "states",    "asked",
    "explained",  "noted",    "wrote",     "writes",    "insisted",
    "warned",     "declared", "announced", "tweeted",   "argued",
    "claimed",    "replied",  "responded", "confirmed", "acknowledged",
    "stressed",   "urged",    "suggested", "recalled",  "admitted",
    "maintained", "conceded", "countered", "cautioned", "estimated"};
/* Words between a speaker and the verb: "Blinken also said". */
static const char *const BETWEEN[] = {
    "has",     "had",        "have",  "also", "then",      "later",
    "earlier", "previously", "again", "once", "reportedly"};

bool quote_is(const qtext *q, size_t i, const char *w) {
  if (i >= q->ntok || !q->tok[i].len)
    return false;
  const char *s = q->s + q->tok[i].start;
  char c0 = s[0] >= 'A' && s[0] <= 'Z' ? (char)(s[0] + 32) : s[0];
  if (c0 != w[0]) /* most words differ at once: no strlen for them */
    return false;
  size_t n = strlen(w);
  if (q->tok[i].len != n)
    return false;
  for (size_t k = 0; k < n; k++) {
    char c = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] + 32) : s[k];
    if (c != w[k])
      return false;
  }
  return true;
}

static bool is_any(const qtext *q, size_t i, const char *const *set, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (quote_is(q, i, set[k]))
      return true;
  return false;
}

bool quote_is_verb(const qtext *q, size_t i) {
  return is_any(q, i, VERBS, sizeof VERBS / sizeof VERBS[0]);
}

/* The last person named before token p outside quote marks, or -1. */
static int32_t last_person(const qtext *q, size_t p) {
  for (size_t t = p; t-- > 0;) {
    int32_t k = q->mention_of[t];
    if (k >= 0 && q->m[k].type == SL_ENT_PER && !q->quoted[t])
      return k;
  }
  return -1;
}

static bool set_mention(const qtext *q, size_t t, int32_t *sp, uint32_t *ws,
                        uint32_t *we) {
  int32_t m = q->mention_of[t];
  if (m < 0)
    return false;
  *sp = m;
  *ws = q->m[m].start;
  *we = q->m[m].end;
  return true;
}

/* A description ending at token p ("the ministry", "a spokesman"). */
static bool set_nominal(const qtext *q, size_t first, size_t last, uint32_t *ws,
                        uint32_t *we) {
  if (q->tok[first].kind != SL_TOK_WORD || q->tok[last].kind != SL_TOK_WORD)
    return false;
  *ws = q->tok[first].start;
  *we = q->tok[last].start + q->tok[last].len;
  return true;
}

static bool left_of(const qtext *q, size_t v, int32_t *sp, uint32_t *ws,
                    uint32_t *we) {
  size_t p = v;
  uint32_t s = q->sent_of[v];
  while (p > 0 && q->sent_of[p - 1] == s &&
         is_any(q, p - 1, BETWEEN, sizeof BETWEEN / sizeof BETWEEN[0]))
    p--;
  if (p == 0 || q->sent_of[p - 1] != s)
    return false;
  p--;
  if (set_mention(q, p, sp, ws, we))
    return true;
  if (quote_is(q, p, "he") || quote_is(q, p, "she")) {
    *sp = last_person(q, p);
    *ws = q->tok[p].start;
    *we = *ws + q->tok[p].len;
    return true;
  }
  for (size_t k = p; k + 4 > p && k > 0 && q->sent_of[k - 1] == s; k--)
    if (quote_is(q, k - 1, "the") || quote_is(q, k - 1, "a") ||
        quote_is(q, k - 1, "an"))
      return set_nominal(q, k - 1, p, ws, we);
  return false;
}

static bool right_of(const qtext *q, size_t v, int32_t *sp, uint32_t *ws,
                     uint32_t *we) {
  size_t p = v + 1;
  if (p >= q->ntok || q->sent_of[p] != q->sent_of[v])
    return false;
  if (set_mention(q, p, sp, ws, we))
    return true;
  if (!(quote_is(q, p, "the") || quote_is(q, p, "a") || quote_is(q, p, "an")))
    return false;
  size_t e = p + 1;
  while (e + 1 < q->ntok && e < p + 4 && q->tok[e + 1].kind == SL_TOK_WORD &&
         q->sent_of[e + 1] == q->sent_of[v])
    e++;
  for (size_t k = p; k <= e && k < q->ntok; k++)
    if (q->mention_of[k] >= 0)
      *sp = q->mention_of[k];
  return e < q->ntok && set_nominal(q, p, e, ws, we);
}

bool quote_speaker(const qtext *q, size_t v, int32_t *speaker,
                   uint32_t *who_start, uint32_t *who_end) {
  *speaker = -1;
  *who_start = *who_end = 0;
  return left_of(q, v, speaker, who_start, who_end) ||
         right_of(q, v, speaker, who_start, who_end);
}
