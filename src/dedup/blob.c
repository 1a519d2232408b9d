/* storyline dedup: a fingerprint as a compact, versioned blob for the
 * store. Layout: version byte, varint counts (shingles, sentences, words),
 * the exact hash (8 bytes, little-endian), the shingles as varint deltas,
 * each sentence's word count, and each sentence's words as varint deltas. */
#include <string.h>

#include "base/varint.h"
#include "dedup/dedup_int.h"

#define BLOB_VERSION 1

/* Sorted distinct values as deltas: the first as is, then differences. */
static sl_status put_sorted(sl_buf *out, const uint32_t *a, size_t n) {
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < n; i++)
    st = sl_varint_put(out, i ? a[i] - a[i - 1] : a[i]);
  return st;
}

sl_status sl_dedup_fp_save(const sl_dedup_fp *fp, sl_buf *out) {
  size_t start = out->len;
  uint8_t ex[8];
  for (int i = 0; i < 8; i++)
    ex[i] = (uint8_t)(fp->exact >> (8 * i));
  sl_status st = sl_buf_putc(out, BLOB_VERSION);
  if (st == SL_OK)
    st = sl_varint_put(out, fp->sh.len);
  if (st == SL_OK)
    st = sl_varint_put(out, fp->sent.len);
  if (st == SL_OK)
    st = sl_varint_put(out, fp->words.len);
  if (st == SL_OK)
    st = sl_buf_append(out, ex, sizeof ex);
  if (st == SL_OK)
    st = put_sorted(out, fp->sh.data, fp->sh.len);
  const uint32_t *end = fp->sent.data, *w = fp->words.data;
  for (size_t i = 0; st == SL_OK && i < fp->sent.len; i++)
    st = sl_varint_put(out, end[i] - (i ? end[i - 1] : 0));
  for (size_t i = 0; st == SL_OK && i < fp->sent.len; i++) {
    size_t from = i ? end[i - 1] : 0;
    st = put_sorted(out, w + from, end[i] - from);
  }
  if (st != SL_OK)
    sl_buf_truncate(out, start);
  return st;
}

typedef sl_varint_reader reader;

/* Reads `n` strictly increasing 32-bit values into `a`. */
static void get_sorted(reader *r, uint32_t *a, size_t n) {
  uint64_t prev = 0;
  for (size_t i = 0; i < n && !r->bad; i++) {
    uint64_t d = sl_varint_get(r);
    uint64_t x = i ? prev + d : d;
    if ((i && d == 0) || x > UINT32_MAX)
      r->bad = true;
    a[i] = (uint32_t)x;
    prev = x;
  }
}

/* A count read from the blob, checked against the bytes left (every value
 * takes at least one byte) so that a damaged blob cannot ask for much. */
static size_t get_count(reader *r) {
  uint64_t n = sl_varint_get(r);
  if (n > (uint64_t)(r->end - r->p) || n > UINT32_MAX)
    r->bad = true;
  return r->bad ? 0 : (size_t)n;
}

static sl_status load_sentences(sl_dedup_fp *fp, reader *r) {
  uint32_t *end = fp->sent.data;
  uint64_t total = 0;
  for (size_t i = 0; i < fp->sent.len && !r->bad; i++) {
    uint64_t n = sl_varint_get(r);
    total += n;
    if (n == 0 || total > fp->words.len)
      r->bad = true;
    end[i] = (uint32_t)total;
  }
  if (!r->bad && total != fp->words.len)
    r->bad = true;
  for (size_t i = 0; i < fp->sent.len && !r->bad; i++) {
    size_t from = i ? end[i - 1] : 0;
    get_sorted(r, (uint32_t *)fp->words.data + from, end[i] - from);
  }
  return r->bad ? SL_ECORRUPT : SL_OK;
}

sl_status sl__dedup_blob_view(sl__blob_view *v, const void *blob, size_t len) {
  reader r = {blob, (const uint8_t *)blob + len, false};
  memset(v, 0, sizeof *v);
  if (len < 1 + 3 + 8 || *r.p++ != BLOB_VERSION)
    return SL_ECORRUPT;
  v->nsh = get_count(&r);
  v->nsent = get_count(&r);
  v->nwords = get_count(&r);
  if (r.bad || r.end - r.p < 8)
    return SL_ECORRUPT;
  for (int i = 0; i < 8; i++)
    v->exact |= (uint64_t)r.p[i] << (8 * i);
  v->sh = r.p + 8;
  v->end = r.end;
  return SL_OK;
}

/* Whether the shingles still to come could lift `in` to `need`. */
static bool reachable(size_t in, size_t need, size_t left_a, size_t left_b) {
  return in + (left_a < left_b ? left_a : left_b) >= need;
}

sl_status sl__dedup_blob_meet(const sl__blob_view *v, const uint32_t *a,
                              size_t na, size_t need, size_t *in) {
  reader r = {v->sh, v->end, false};
  size_t i = 0, n = 0;
  uint64_t x = 0;
  for (size_t j = 0; j < v->nsh && i < na; j++) {
    if (!reachable(n, need, na - i, v->nsh - j))
      break;
    uint64_t d = sl_varint_get(&r);
    x = j ? x + d : d;
    if (r.bad || (j && d == 0) || x > UINT32_MAX)
      return SL_ECORRUPT;
    while (i < na && a[i] < x)
      i++;
    if (i < na && a[i] == x)
      n++, i++;
  }
  *in = n;
  return SL_OK;
}

sl_status sl_dedup_fp_load(sl_dedup_fp *fp, const void *blob, size_t len) {
  reader r = {blob, (const uint8_t *)blob + len, false};
  sl_vec_clear(&fp->sh);
  sl_vec_clear(&fp->words);
  sl_vec_clear(&fp->sent);
  fp->exact = 0;
  if (len < 1 + 3 + 8 || *r.p++ != BLOB_VERSION)
    return SL_ECORRUPT;
  size_t nsh = get_count(&r), nsent = get_count(&r), nw = get_count(&r);
  if (r.bad || r.end - r.p < 8)
    return SL_ECORRUPT;
  for (int i = 0; i < 8; i++)
    fp->exact |= (uint64_t)r.p[i] << (8 * i);
  r.p += 8;
  if (sl_vec_reserve(&fp->sh, nsh) != SL_OK ||
      sl_vec_reserve(&fp->sent, nsent) != SL_OK ||
      sl_vec_reserve(&fp->words, nw) != SL_OK)
    return SL_ENOMEM;
  fp->sh.len = nsh, fp->sent.len = nsent, fp->words.len = nw;
  get_sorted(&r, fp->sh.data, nsh);
  sl_status st = r.bad ? SL_ECORRUPT : load_sentences(fp, &r);
  if (st == SL_OK && r.p != r.end)
    st = SL_ECORRUPT;
  if (st != SL_OK) {
    sl_vec_clear(&fp->sh);
    sl_vec_clear(&fp->words);
    sl_vec_clear(&fp->sent);
    fp->exact = 0;
  }
  return st;
}
