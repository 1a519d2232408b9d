/* storyline story: the timeline handed out. Entries in date order, each
 * sentence with every article that says it, strings copied into the
 * timeline's own memory. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "story/timeline_int.h"

void sl__tl_drafts_release(sl_vec *drafts) {
  for (size_t i = 0; i < drafts->len; i++) {
    draft *d = &SL_VEC_AT(drafts, draft, i);
    for (size_t k = 0; k < d->picks.len; k++)
      free(SL_VEC_AT(&d->picks, tl_pick, k).same);
    sl_vec_release(&d->picks);
  }
  sl_vec_release(drafts);
}

static int by_day(const void *a, const void *b) {
  const draft *x = a, *y = b;
  return (x->day > y->day) - (x->day < y->day);
}

/* A copy of the sentence with its runs of white space made one space. */
static char *flat_copy(sl_arena *a, const char *s, size_t len) {
  char *out = sl_arena_alloc(a, len + 1, 1);
  if (!out)
    return NULL;
  size_t k = 0;
  for (size_t i = 0; i < len; i++) {
    bool sp = isspace((unsigned char)s[i]);
    if (sp && (k == 0 || out[k - 1] == ' '))
      continue;
    out[k++] = sp ? ' ' : s[i];
  }
  while (k && out[k - 1] == ' ')
    k--;
  out[k] = '\0';
  return out;
}

static int by_article(const void *a, const void *b) {
  const sl_tl_source *x = a, *y = b;
  return (x->id > y->id) - (x->id < y->id);
}

/* The pick's sources: its own article first, then the others by id, each
 * article once. */
static sl_status sources(sl_arena *a, const sl_story_sent *s, const tl_pick *pk,
                         sl_tl_sentence *out) {
  sl_tl_source *src = sl_arena_alloc(a, (pk->n_same + 1) * sizeof *src, 8);
  if (!src)
    return SL_ENOMEM;
  size_t n = 0;
  for (uint32_t i = 0; i <= pk->n_same; i++) {
    const sl_story_sent *x = &s[i ? pk->same[i - 1] : pk->sent];
    bool seen = false;
    for (size_t k = 0; k < n && !seen; k++)
      seen = src[k].id == x->article;
    if (seen)
      continue;
    char *ref =
        sl_arena_strndup(a, x->ref ? x->ref : "", x->ref ? strlen(x->ref) : 0);
    char *outlet = sl_arena_strndup(a, x->outlet ? x->outlet : "",
                                    x->outlet ? strlen(x->outlet) : 0);
    if (!ref || !outlet)
      return SL_ENOMEM;
    src[n++] = (sl_tl_source){x->article, ref, outlet};
  }
  sl__tl_sort(src + 1, n - 1, sizeof *src, by_article);
  out->sources = src;
  out->n_sources = n;
  return SL_OK;
}

static sl_status entry(sl_arena *a, const sl_story_sent *s, const draft *d,
                       sl_tl_entry *e) {
  sl_tl_sentence *sents = sl_arena_alloc(a, d->picks.len * sizeof *sents, 8);
  if (!sents)
    return SL_ENOMEM;
  *e = (sl_tl_entry){sl__tl_date(d->day), false, NULL, sents, d->picks.len};
  if (d->period && !(e->period = sl_arena_strndup(a, d->period, d->period_len)))
    return SL_ENOMEM;
  for (size_t k = 0; k < d->picks.len; k++) {
    const tl_pick *pk = &SL_VEC_AT(&d->picks, tl_pick, k);
    e->stated |= pk->stated;
    sents[k].text = flat_copy(a, s[pk->sent].text, s[pk->sent].len);
    if (!sents[k].text || sources(a, s, pk, &sents[k]) != SL_OK)
      return SL_ENOMEM;
  }
  return SL_OK;
}

sl_status sl__tl_emit(const sl_story_sent *s, sl_vec *drafts, size_t n_bg,
                      sl_timeline *out) {
  size_t n = drafts->len;
  sl__tl_sort(drafts->data, n - n_bg, sizeof(draft), by_day);
  if (n_bg)
    sl__tl_sort(&SL_VEC_AT(drafts, draft, n - n_bg), n_bg, sizeof(draft),
                by_day);
  out->mem = malloc(sizeof(sl_arena));
  out->entries = calloc(n ? n : 1, sizeof *out->entries);
  if (!out->mem || !out->entries) {
    free(out->mem);
    out->mem = NULL;
    return SL_ENOMEM;
  }
  sl_arena_init(out->mem, 0);
  for (size_t i = 0; i < n; i++)
    if (entry(out->mem, s, &SL_VEC_AT(drafts, draft, i), &out->entries[i]) !=
        SL_OK)
      return SL_ENOMEM;
  out->n_entries = n;
  out->n_background = n_bg;
  return SL_OK;
}
