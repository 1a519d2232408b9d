/* storyline extract: finding quotes: direct speech between quote marks
 * with a speech verb next to it, and reported speech ("X said that ...",
 * "..., according to X"). */
#include <string.h>

#include "extract/quote_int.h"

enum { MAX_QUOTE_TOKENS = 600, NEAR = 7 };

static bool tok_is(const qtext *q, size_t i, const char *s) {
  size_t n = strlen(s);
  return q->tok[i].len == n && !memcmp(q->s + q->tok[i].start, s, n);
}
static bool opens(const qtext *q, size_t i) {
  return tok_is(q, i, "\"") || tok_is(q, i, "\xe2\x80\x9c") ||
         tok_is(q, i, "\xc2\xab");
}
static bool closes(const qtext *q, size_t i) {
  return tok_is(q, i, "\"") || tok_is(q, i, "\xe2\x80\x9d") ||
         tok_is(q, i, "\xc2\xbb");
}

static sl_status push(qtext *q, uint32_t a, uint32_t b, int kind, size_t v) {
  sl_quote r = {
      a, b, -1,           q->tok[v].start, q->tok[v].start + q->tok[v].len,
      0, 0, (uint8_t)kind};
  if (!quote_speaker(q, v, &r.speaker, &r.who_start, &r.who_end))
    return SL_OK;
  return sl_vec_push(q->out, &r);
}

/* A speech verb near the quote (i .. j are its marks), or SIZE_MAX. */
static size_t cue_of(const qtext *q, size_t i, size_t j) {
  for (size_t t = j + 1; t < q->ntok && t <= j + NEAR; t++) {
    if (opens(q, t))
      break;
    if (quote_is_verb(q, t))
      return t;
  }
  for (size_t t = i; t > 0 && t + NEAR > i; t--) {
    if (closes(q, t - 1) || q->sent_of[t - 1] + 1 < q->sent_of[i])
      break;
    if (quote_is_verb(q, t - 1))
      return t - 1;
  }
  return SIZE_MAX;
}

sl_status quote_direct(qtext *q) {
  for (size_t i = 0; i < q->ntok; i++) {
    if (!opens(q, i))
      continue;
    size_t j = i + 1, words = 0;
    while (j < q->ntok && j < i + MAX_QUOTE_TOKENS && !closes(q, j) &&
           !(opens(q, j) && !tok_is(q, j, "\"")))
      words += q->tok[j++].kind == SL_TOK_WORD;
    if (j >= q->ntok || !closes(q, j) || j == i + 1)
      continue;
    memset(q->quoted + i, 1, j - i + 1);
    /* Scare quotes are short and end without punctuation: "peace plan". */
    bool said =
        words >= 3 || (words > 0 && strchr(",.?!", q->s[q->tok[j - 1].start]));
    size_t v = said ? cue_of(q, i, j) : SIZE_MAX;
    uint32_t a = q->tok[i + 1].start, b = q->tok[j - 1].start;
    b += q->tok[j - 1].len;
    while (b > a && strchr(",.", q->s[b - 1]))
      b--; /* the comma before the closing mark belongs to the frame */
    sl_status st = v == SIZE_MAX ? SL_OK : push(q, a, b, SL_QUOTE_DIRECT, v);
    if (st != SL_OK)
      return st;
    if (v != SIZE_MAX)
      q->quoted[v] = 2; /* the cue of a direct quote: not reported speech */
    i = j;
  }
  return SL_OK;
}

/* The end of sentence s without its final stop (exclusive byte offset). */
static uint32_t clause_end(const qtext *q, uint32_t s) {
  size_t e = q->sent[s].tok_end;
  while (e > q->sent[s].tok_begin && q->tok[e - 1].kind == SL_TOK_PUNCT)
    e--;
  return e > q->sent[s].tok_begin ? q->tok[e - 1].start + q->tok[e - 1].len
                                  : q->sent[s].start;
}

/* Words after "said" that start an adverbial, not what was said. */
static const char *const NOT_CLAUSE[] = {
    "by",        "in",      "on",        "of",       "at",      "to",
    "for",       "from",    "with",      "during",   "after",   "before",
    "when",      "while",   "as",        "because",  "if",      "since",
    "yesterday", "today",   "tonight",   "last",     "earlier", "later",
    "monday",    "tuesday", "wednesday", "thursday", "friday",  "saturday",
    "sunday",    "and",     "but",       "or",       "so",      "then",
    "through",   "via",     "about"};

static bool not_a_clause(const qtext *q, size_t t) {
  for (size_t k = 0; k < sizeof NOT_CLAUSE / sizeof NOT_CLAUSE[0]; k++)
    if (quote_is(q, t, NOT_CLAUSE[k]))
      return true;
  return false;
}

/* "X said (on Monday) that ...": the first token of the clause, or 0. */
static size_t clause_after(const qtext *q, size_t v) {
  uint32_t s = q->sent_of[v];
  for (size_t t = v + 1; t < q->ntok && t <= v + 5; t++) {
    if (q->sent_of[t] != s || q->quoted[t] || q->tok[t].kind == SL_TOK_PUNCT)
      break;
    if (quote_is(q, t, "that"))
      return t + 1;
  }
  bool plain = quote_is(q, v, "said") || quote_is(q, v, "says");
  if (plain && v + 1 < q->ntok && q->sent_of[v + 1] == s &&
      q->tok[v + 1].kind == SL_TOK_WORD && !not_a_clause(q, v + 1))
    return v + 1;
  return 0;
}

static sl_status said_that(qtext *q, size_t v) {
  size_t c = clause_after(q, v);
  uint32_t s = q->sent_of[v];
  if (!c || c >= q->sent[s].tok_end || q->sent[s].tok_end - c < 3)
    return SL_OK;
  for (size_t t = c; t < q->sent[s].tok_end; t++)
    if (q->quoted[t])
      return SL_OK;
  int32_t sp;
  uint32_t ws, we;
  if (!quote_speaker(q, v, &sp, &ws, &we) || ws > q->tok[v].start)
    return SL_OK; /* reported speech names its speaker first */
  sl_quote r = {q->tok[c].start,
                clause_end(q, s),
                sp,
                q->tok[v].start,
                q->tok[v].start + q->tok[v].len,
                ws,
                we,
                SL_QUOTE_REPORTED};
  return r.end > r.start ? sl_vec_push(q->out, &r) : SL_OK;
}

/* "..., according to X." or "According to X, ...". */
static sl_status according(qtext *q, size_t a) {
  uint32_t s = q->sent_of[a];
  size_t e = a + 2, end = q->sent[s].tok_end;
  while (e < end && !tok_is(q, e, ",") && q->tok[e].kind != SL_TOK_PUNCT)
    e++;
  if (e == a + 2)
    return SL_OK;
  sl_quote r = {0,
                0,
                -1,
                q->tok[a].start,
                q->tok[a + 1].start + 2,
                q->tok[a + 2].start,
                q->tok[e - 1].start + q->tok[e - 1].len,
                SL_QUOTE_REPORTED};
  for (size_t t = a + 2; t < e && r.speaker < 0; t++)
    r.speaker = q->mention_of[t];
  if (r.speaker < 0 && e + 1 < end && tok_is(q, e, ",") &&
      q->mention_of[e + 1] >= 0) { /* "her publicist, Jack Ketsoyan" */
    r.speaker = q->mention_of[e + 1];
    r.who_end = q->m[r.speaker].end;
    size_t t = e + 1;
    while (t < end && q->mention_of[t] == r.speaker)
      t++;
    if (t < end && !tok_is(q, t, ",") && q->tok[t].kind != SL_TOK_PUNCT) {
      r.speaker = -1; /* "According to X, Kadhafi will...": the claim */
      r.who_end = q->tok[e - 1].start + q->tok[e - 1].len;
    } else {
      e = t; /* the claim, if it follows, starts after the name */
    }
  }
  bool claim_after = e < end && tok_is(q, e, ",") && a == q->sent[s].tok_begin;
  if (claim_after) {
    r.start = q->tok[e + 1 < end ? e + 1 : e].start;
    r.end = clause_end(q, s);
  } else {
    r.start = q->sent[s].start;
    size_t k = a;
    while (k > q->sent[s].tok_begin && q->tok[k - 1].kind == SL_TOK_PUNCT)
      k--;
    r.end = k > q->sent[s].tok_begin ? q->tok[k - 1].start + q->tok[k - 1].len
                                     : r.start;
  }
  return r.end > r.start ? sl_vec_push(q->out, &r) : SL_OK;
}

sl_status quote_reported(qtext *q) {
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < q->ntok; i++) {
    if (q->quoted[i])
      continue;
    if (quote_is_verb(q, i))
      st = said_that(q, i);
    else if (quote_is(q, i, "according") && i + 2 < q->ntok &&
             quote_is(q, i + 1, "to") && q->sent_of[i + 2] == q->sent_of[i])
      st = according(q, i);
  }
  return st;
}
