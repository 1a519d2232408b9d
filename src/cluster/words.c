/* storyline cluster: word lists (see words.h), searched by binary search
 * over sorted tables. */
#include <stdlib.h>
#include <string.h>

#include "cluster/words.h"

static const char *const stop[] = {
    "a",     "about",   "above",  "after",   "again",   "against", "all",
    "also",  "am",      "an",     "and",     "another", "any",     "are",
    "as",    "at",      "be",     "because", "been",    "before",  "being",
    "below", "between", "both",   "but",     "by",      "can",     "could",
    "did",   "do",      "does",   "doing",   "down",    "during",  "each",
    "even",  "few",     "for",    "from",    "further", "had",     "has",
    "have",  "having",  "he",     "her",     "here",    "hers",    "herself",
    "him",   "himself", "his",    "how",     "however", "i",       "if",
    "in",    "into",    "is",     "it",      "its",     "itself",  "just",
    "last",  "like",    "many",   "may",     "me",      "might",   "more",
    "most",  "much",    "must",   "my",      "myself",  "new",     "no",
    "nor",   "not",     "now",    "of",      "off",     "on",      "once",
    "one",   "only",    "or",     "other",   "our",     "ours",    "out",
    "over",  "own",     "said",   "same",    "says",    "she",     "should",
    "since", "so",      "some",   "still",   "such",    "than",    "that",
    "the",   "their",   "theirs", "them",    "then",    "there",   "these",
    "they",  "this",    "those",  "though",  "through", "to",      "too",
    "two",   "under",   "until",  "up",      "us",      "very",    "was",
    "way",   "we",      "were",   "what",    "when",    "where",   "whether",
    "which", "while",   "who",    "whom",    "why",     "will",    "with",
    "would", "year",    "years",  "yet",     "you",     "your",    "yours"};

static const char *const calendar[] = {
    "apr",     "april",    "aug",      "august",   "dec",      "december",
    "feb",     "february", "fri",      "friday",   "jan",      "january",
    "jul",     "july",     "jun",      "june",     "mar",      "march",
    "may",     "mon",      "monday",   "nov",      "november", "oct",
    "october", "sat",      "saturday", "sep",      "sept",     "september",
    "sun",     "sunday",   "thu",      "thursday", "tue",      "tuesday",
    "wed",     "wednesday"};

static const char *const connector[] = {"al",  "bin", "da", "de", "del",
                                        "der", "di",  "du", "la", "le",
                                        "of",  "van", "von"};

static bool in_list(const char *const *list, size_t n, const char *w,
                    size_t len) {
  char key[24];
  if (len == 0 || len >= sizeof key)
    return false;
  memcpy(key, w, len);
  key[len] = '\0';
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(list[mid], key);
    if (c == 0)
      return true;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

bool sl__stopword(const char *w, size_t len) {
  return in_list(stop, N(stop), w, len);
}

bool sl__calendar_word(const char *w, size_t len) {
  return in_list(calendar, N(calendar), w, len);
}

bool sl__name_connector(const char *w, size_t len) {
  return in_list(connector, N(connector), w, len);
}
