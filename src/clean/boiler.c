/* storyline clean: boilerplate learned per source (see boiler.h). An open
 * addressing table of sl_boiler_entry keyed by (source, line); key 0 marks
 * an empty slot. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "clean/boiler.h"

enum { MIN_LINE = 16, MAX_LINE = 600, MIN_WORDS = 3, START_SLOTS = 1 << 10 };

struct sl_boiler {
  sl_boiler_entry *slots;
  size_t cap;  /* power of two */
  size_t used; /* slots holding an entry */
  size_t max;  /* cap never grows past this */
  size_t known;
  unsigned min_articles;
};

sl_boiler *sl_boiler_new(unsigned min_articles, size_t max_lines) {
  sl_boiler *b = calloc(1, sizeof *b);
  if (!b)
    return NULL;
  b->min_articles = min_articles < 2 ? 2 : min_articles;
  b->max = START_SLOTS;
  size_t want = max_lines ? max_lines : (size_t)1 << 19;
  while (b->max < want)
    b->max *= 2;
  b->cap = START_SLOTS;
  b->slots = calloc(b->cap, sizeof *b->slots);
  if (!b->slots) {
    free(b);
    return NULL;
  }
  return b;
}

void sl_boiler_free(sl_boiler *b) {
  if (!b)
    return;
  free(b->slots);
  free(b);
}

static uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h ? h : 1;
}

uint64_t sl_boiler_source(const char *name, size_t len) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)name[i]) * 0x100000001b3ull;
  return mix(h);
}

/* Each byte as the line hash sees it: ASCII letters folded, digits and
 * non-ASCII bytes as they are, the rest (blanks, punctuation) 0: left
 * out. */
static unsigned char hash_byte[256];

static void init_hash_bytes(void) {
  for (int c = 0; c < 256; c++) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    hash_byte[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32
                                   : keep               ? c
                                                        : 0);
  }
}

static pthread_once_t hash_once = PTHREAD_ONCE_INIT;

uint64_t sl_boiler_line_hash(const char *s, size_t len) {
  pthread_once(&hash_once, init_hash_bytes);
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = hash_byte[(unsigned char)s[i]];
    if (c)
      h = (h ^ c) * 0x100000001b3ull;
  }
  return h ? h : 1;
}

static uint64_t key_of(uint64_t source, uint64_t line) {
  return mix(line ^ (source * 0x9e3779b97f4a7c15ull));
}

bool sl_boiler_countable(const char *s, size_t len) {
  if (len < MIN_LINE || len > MAX_LINE)
    return false;
  size_t words = 0;
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
      words++;
  return words >= MIN_WORDS;
}

/* The slot of `key`: its entry, or the empty slot where it would go. */
static sl_boiler_entry *slot(const sl_boiler *b, uint64_t key) {
  size_t mask = b->cap - 1;
  for (size_t i = key & mask;; i = (i + 1) & mask)
    if (b->slots[i].key == key || b->slots[i].key == 0)
      return &b->slots[i];
}

bool sl_boiler_known(const sl_boiler *b, uint64_t source, uint64_t line) {
  if (!b || b->known == 0)
    return false;
  const sl_boiler_entry *e = slot(b, key_of(source, line));
  return e->key && e->articles >= b->min_articles;
}

/* Moves every entry with at least `min` articles into a table of `cap`
 * slots. */
static sl_status rehash(sl_boiler *b, size_t cap, uint32_t min) {
  sl_boiler_entry *old = b->slots;
  size_t old_cap = b->cap;
  b->slots = calloc(cap, sizeof *b->slots);
  if (!b->slots) {
    b->slots = old;
    return SL_ENOMEM;
  }
  b->cap = cap;
  b->used = 0;
  for (size_t i = 0; i < old_cap; i++) {
    if (old[i].key && old[i].articles >= min) {
      *slot(b, old[i].key) = old[i];
      b->used++;
    }
  }
  free(old);
  return SL_OK;
}

/* Makes room for one more entry: grow while allowed, else forget the lines
 * seen once (then those not yet boilerplate). */
static sl_status make_room(sl_boiler *b) {
  if ((b->used + 1) * 4 < b->cap * 3)
    return SL_OK;
  if (b->cap < b->max)
    return rehash(b, b->cap * 2, 0);
  sl_status st = rehash(b, b->cap, 2);
  if (st == SL_OK && b->used * 2 > b->cap)
    st = rehash(b, b->cap, b->min_articles);
  return st;
}

static sl_status put(sl_boiler *b, uint64_t key, const sl_boiler_entry *from) {
  sl_status st = make_room(b);
  if (st != SL_OK)
    return st;
  sl_boiler_entry *e = slot(b, key);
  if (e->key == 0)
    b->used++;
  *e = *from;
  e->key = key;
  return SL_OK;
}

static sl_status count_line(sl_boiler *b, uint64_t key, int64_t id,
                            sl_vec *revisit) {
  sl_boiler_entry *e = slot(b, key);
  if (e->key == 0) {
    sl_boiler_entry fresh = {key, 1, 1, {id, 0}};
    return put(b, key, &fresh);
  }
  if (e->articles >= b->min_articles)
    return SL_OK;
  if (e->articles < SL_BOILER_KEEP_IDS)
    e->first[e->articles] = id;
  e->changed = 1;
  if (++e->articles < b->min_articles)
    return SL_OK;
  b->known++;
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < SL_BOILER_KEEP_IDS; i++)
    if (e->first[i] && e->first[i] != id)
      st = sl_vec_push(revisit, &e->first[i]);
  return st == SL_OK ? sl_vec_push(revisit, &id) : st;
}

/* sl_boiler_countable and sl_boiler_line_hash in one pass: the line's
 * hash, or 0 when it is not countable. */
static uint64_t countable_hash(const char *s, size_t len) {
  if (len < MIN_LINE || len > MAX_LINE)
    return 0;
  uint64_t h = 0xcbf29ce484222325ull;
  size_t words = 0;
  bool blank = true; /* the byte before is a space (or the line starts) */
  for (size_t i = 0; i < len; i++) {
    unsigned char c = hash_byte[(unsigned char)s[i]];
    words += s[i] != ' ' && blank;
    blank = s[i] == ' ';
    if (c)
      h = (h ^ c) * 0x100000001b3ull;
  }
  return words < MIN_WORDS ? 0 : h ? h : 1;
}

sl_status sl_boiler_observe(sl_boiler *b, uint64_t source, const char *text,
                            size_t len, int64_t id, sl_vec *revisit) {
  pthread_once(&hash_once, init_hash_bytes);
  sl_status st = SL_OK;
  for (size_t at = 0; st == SL_OK && at < len;) {
    const char *nl = memchr(text + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - text) : len;
    uint64_t h = countable_hash(text + at, end - at);
    if (h)
      st = count_line(b, key_of(source, h), id, revisit);
    at = end + 1;
  }
  return st;
}

sl_status sl_boiler_flush(sl_boiler *b,
                          sl_status (*fn)(void *ud, const sl_boiler_entry *e),
                          void *ud) {
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < b->cap; i++) {
    sl_boiler_entry *e = &b->slots[i];
    if (e->key && e->changed && e->articles >= 2)
      st = fn(ud, e);
    if (st == SL_OK)
      e->changed = 0;
  }
  return st;
}

sl_status sl_boiler_load(sl_boiler *b, const sl_boiler_entry *e) {
  if (e->key == 0 || e->articles == 0)
    return SL_EINVAL;
  sl_boiler_entry *have = slot(b, e->key);
  bool was_known = have->key && have->articles >= b->min_articles;
  sl_boiler_entry copy = *e;
  copy.changed = 0;
  sl_status st = put(b, e->key, &copy);
  if (st == SL_OK && !was_known && e->articles >= b->min_articles)
    b->known++;
  return st;
}

size_t sl_boiler_count(const sl_boiler *b) {
  return b->known;
}
