/* storyline cluster: doc allocation, keys and day numbers. */
#include <stdlib.h>
#include <string.h>

#include "base/hashmap.h"
#include "cluster/cluster_int.h"

sl_cluster_doc *sl__doc_alloc(uint32_t n_terms, uint32_t n_title,
                              uint32_t n_ents, uint32_t n_nums,
                              const char *headline, size_t hlen) {
  size_t kv = sizeof(sl__kv);
  size_t size = sizeof(sl_cluster_doc) +
                ((size_t)n_terms + n_title + n_ents) * kv +
                (size_t)n_nums * sizeof(uint32_t) + hlen + 1;
  sl_cluster_doc *d = calloc(1, size);
  if (!d)
    return NULL;
  sl__kv *p = (sl__kv *)(d + 1);
  d->terms = p;
  d->title = p + n_terms;
  d->ents = p + n_terms + n_title;
  d->nums = (uint32_t *)(p + n_terms + n_title + n_ents);
  d->headline = (char *)(d->nums + n_nums);
  if (hlen)
    memcpy(d->headline, headline, hlen);
  d->headline[hlen] = '\0';
  d->n_terms = n_terms;
  d->n_title = n_title;
  d->n_ents = n_ents;
  d->n_nums = n_nums;
  d->day = d->fday = SL__NODAY;
  return d;
}

sl_cluster_doc *sl__doc_clone(const sl_cluster_doc *s) {
  sl_cluster_doc *d =
      sl__doc_alloc(s->n_terms, s->n_title, s->n_ents, s->n_nums, s->headline,
                    strlen(s->headline));
  if (!d)
    return NULL;
  memcpy(d->terms, s->terms, s->n_terms * sizeof *d->terms);
  memcpy(d->title, s->title, s->n_title * sizeof *d->title);
  memcpy(d->ents, s->ents, s->n_ents * sizeof *d->ents);
  memcpy(d->nums, s->nums, s->n_nums * sizeof *d->nums);
  d->id = s->id;
  d->seq = s->seq;
  d->day = s->day;
  d->fday = s->fday;
  return d;
}

void sl_cluster_doc_free(sl_cluster_doc *d) {
  free(d);
}
int64_t sl_cluster_doc_id(const sl_cluster_doc *d) {
  return d->id;
}
uint64_t sl_cluster_doc_seq(const sl_cluster_doc *d) {
  return d->seq;
}

uint32_t sl__key(uint64_t seed, int ns, const char *s, size_t len) {
  uint8_t k[16];
  for (int i = 0; i < 8; i++)
    k[i] = (uint8_t)(seed >> (8 * i));
  memset(k + 8, ns, 8);
  uint64_t h = sl_siphash(s, len, k);
  uint32_t key = (uint32_t)(h ^ (h >> 32));
  return key ? key : 1;
}

/* Howard Hinnant's days_from_civil. */
int32_t sl__days(sl_date d) {
  if (d.year == 0)
    return SL__NODAY;
  int y = d.year - (d.month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned mp = (unsigned)(d.month + (d.month > 2 ? -3 : 9));
  unsigned doy = (153 * mp + 2) / 5 + (unsigned)d.day - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int32_t)doe - 719468;
}

sl_date sl__date_of_days(int32_t z) {
  sl_date out = {0, 0, 0};
  if (z == SL__NODAY)
    return out;
  z += 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned)(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = (int)yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned dd = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  out.year = (int16_t)(y + (m <= 2));
  out.month = (int8_t)m;
  out.day = (int8_t)dd;
  return out;
}
