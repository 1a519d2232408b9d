/* storyline bench (included by bench_dedup.c): fingerprint speed, and
 * query time and memory with a large index. The large stream is made from
 * the real texts: each synthetic article takes the sentence count of a
 * random real article and fills it with sentences spliced from two random
 * real sentences (the first part of one, the rest of another), replacing
 * one word in eight by a random word of the corpus (drawn by frequency),
 * so that articles share phrases the way news does without being copies. */

typedef struct wordref {
  const char *s;
  size_t len;
} wordref;

typedef struct corpus {
  docs d;
  sents pool;     /* every sentence of every article */
  size_t *nsent;  /* sentences per article */
  wordref *vocab; /* every word occurrence */
  size_t nvocab;
} corpus;

static void build_corpus(corpus *c) {
  c->nsent = xmalloc(c->d.n * sizeof *c->nsent);
  for (size_t i = 0; i < c->d.n; i++) {
    size_t before = c->pool.n;
    split(c->d.d[i].text, &c->pool);
    c->nsent[i] = c->pool.n - before;
  }
  size_t cap = 1 << 20;
  c->vocab = xmalloc(cap * sizeof *c->vocab);
  for (size_t i = 0; i < c->pool.n; i++)
    for (const char *p = c->pool.s[i]; *p;) {
      while (*p == ' ')
        p++;
      const char *e = p;
      while (*e && *e != ' ')
        e++;
      if (e > p) {
        if (c->nvocab == cap) {
          cap *= 2;
          c->vocab = realloc(c->vocab, cap * sizeof *c->vocab);
          if (!c->vocab)
            die_oom();
        }
        c->vocab[c->nvocab++] = (wordref){p, (size_t)(e - p)};
      }
      p = e;
    }
}

/* Synthetic article `k` (the same text for the same k). */
static void synth(const corpus *c, uint64_t k, sl_buf *out) {
  rng_state = sl__fmix64(k + 1) | 1;
  size_t n = c->nsent[rndn(c->d.n)];
  n = n < 2 ? 2 : n > 40 ? 40 : n;
  sl_buf_clear(out);
  for (size_t i = 0; i < n; i++) {
    const char *p = c->pool.s[rndn(c->pool.n)];
    const char *q = c->pool.s[rndn(c->pool.n)];
    size_t cut = 1 + rndn(words(p)), done = 0;
    bool second = false;
    while (*p) {
      if (!second && done++ == cut) {
        second = true;
        p = q + strlen(q) / 2;
        while (*p && *p != ' ')
          p++;
        while (*p == ' ')
          p++;
        if (!*p)
          break;
      }
      const char *e = p;
      while (*e && *e != ' ')
        e++;
      sl_status st;
      if (rndn(8) == 0) {
        const wordref *w = &c->vocab[rndn(c->nvocab)];
        st = sl_buf_append(out, w->s, w->len);
      } else {
        st = sl_buf_append(out, p, (size_t)(e - p));
      }
      if (st == SL_OK)
        st = sl_buf_putc(out, *e ? ' ' : '\n');
      if (st != SL_OK)
        die_oom();
      p = *e ? e + 1 : e;
    }
  }
}

/* The blobs in memory, as the store would hand them over (without the
 * cost of a SQLite read, which the fetch count lets one add). */
typedef struct store {
  char *bytes;
  size_t len, cap;
  uint64_t *off; /* off[id - 1] .. off[id] */
  size_t n;
  size_t fetches; /* blobs handed over */
} store;

static void store_put(store *s, const sl_buf *blob) {
  if (s->len + blob->len > s->cap) {
    s->cap = (s->cap + blob->len) * 2;
    s->bytes = realloc(s->bytes, s->cap);
    if (!s->bytes)
      die_oom();
  }
  memcpy(s->bytes + s->len, blob->ptr, blob->len);
  s->len += blob->len;
  s->off[++s->n] = s->len;
}

static sl_status store_fetch(void *ud, int64_t id, const void **blob,
                             size_t *len) {
  store *s = ud;
  if (id <= 0 || (size_t)id > s->n)
    return SL_ENOENT;
  s->fetches++;
  *blob = s->bytes + s->off[id - 1];
  *len = s->off[id] - s->off[id - 1];
  return SL_OK;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void fp_speed(const corpus *c, sl_dedup_fp *fp) {
  size_t count = 0, bytes = 0;
  double t0 = now(), dt;
  do {
    for (size_t i = 0; i < c->d.n; i++) {
      const doc *d = &c->d.d[i];
      fp_of(fp, d->title, d->text);
      count++;
      bytes += strlen(d->text) + (d->title ? strlen(d->title) : 0);
    }
  } while ((dt = now() - t0) < 2.0);
  printf("fingerprints (real texts, %.0f bytes each): %.0f articles/s, "
         "%.1f MB/s\n",
         (double)bytes / count, count / dt, bytes / dt / 1e6);
}

static void report_times(const char *what, double *t, size_t n, size_t found,
                         size_t fetches) {
  qsort(t, n, sizeof *t, cmp_double);
  printf("query %-34s n=%zu p50=%.1f us p99=%.1f us max=%.1f us; "
         "%.1f blobs verified/query; duplicates found=%zu\n",
         what, n, t[n / 2] * 1e6, t[n * 99 / 100] * 1e6, t[n - 1] * 1e6,
         (double)fetches / n, found);
}

/* Times checks of `nq` articles: fresh ones (k >= n) or near copies of
 * indexed ones (a random indexed article with one word in 40 dropped). */
static void time_queries(const corpus *c, sl_dedup *ix, store *st,
                         sl_dedup_fp *fp, size_t n, bool variants) {
  enum { NQ = 10000 };
  double *t = xmalloc(NQ * sizeof *t);
  sl_buf text = SL_BUF_INIT;
  size_t found = 0, fetches = 0;
  for (size_t q = 0; q < NQ; q++) {
    uint64_t k = variants ? sl__fmix64(q) % n : n + q;
    synth(c, k, &text);
    if (variants) { /* a near copy: one word in 40 dropped */
      size_t w = 0, o = 0;
      for (size_t i = 0; i < text.len; i++) {
        bool drop = w % 40 == 39;
        if (text.ptr[i] == ' ')
          w++;
        if (!drop)
          text.ptr[o++] = text.ptr[i];
      }
      text.ptr[o] = '\0', text.len = o;
    }
    fp_of(fp, NULL, text.ptr);
    sl_dup_match m;
    size_t before = st->fetches;
    double t0 = now();
    if (sl_dedup_check(ix, fp, store_fetch, st, &m) != SL_OK)
      die_oom();
    t[q] = now() - t0;
    fetches += st->fetches - before;
    found += m.rel != SL_DUP_NONE;
  }
  report_times(variants ? "(near copies of indexed articles)"
                        : "(new articles)",
               t, NQ, found, fetches);
  sl_buf_release(&text);
  free(t);
}

static int cmd_speed(const char *data, size_t n) {
  static const char *const files[] = {"ecbplus-dev", "allsides-headline11",
                                      "allsides-neus"};
  corpus c = {0};
  char path[4096];
  for (size_t f = 0; f < 3; f++) {
    snprintf(path, sizeof path, "%s/stories/%s.jsonl.gz", data, files[f]);
    if (load_docs(path, &c.d))
      return 1;
  }
  build_corpus(&c);
  sl_dedup_fp *fp = sl_dedup_fp_new();
  sl_dedup *ix = sl_dedup_new(NULL);
  store st = {0};
  st.off = calloc(n + 1, sizeof *st.off);
  if (!fp || !ix || !st.off)
    die_oom();
  fp_speed(&c, fp);
  sl_buf text = SL_BUF_INIT, blob = SL_BUF_INIT;
  double t_fp = 0, t_add = 0;
  size_t bytes = 0, dups = 0;
  for (size_t k = 0; k < n; k++) {
    synth(&c, k, &text);
    bytes += text.len;
    double t0 = now();
    fp_of(fp, NULL, text.ptr);
    double t1 = now();
    sl_dup_match m;
    sl_buf_clear(&blob);
    if (sl_dedup_check(ix, fp, store_fetch, &st, &m) != SL_OK ||
        sl_dedup_add(ix, (int64_t)k + 1, fp, &m) != SL_OK ||
        sl_dedup_fp_save(fp, &blob) != SL_OK)
      die_oom();
    t_add += now() - t1;
    t_fp += t1 - t0;
    dups += m.rel != SL_DUP_NONE;
    store_put(&st, &blob);
  }
  printf("stream: %zu synthetic articles (%.0f bytes each): fingerprints "
         "%.0f articles/s; check+add %.1f us/article; %zu marked "
         "duplicate; blobs %.0f bytes/article\n",
         n, (double)bytes / n, n / t_fp, t_add / n * 1e6, dups,
         (double)st.len / n);
  printf("index memory: %.1f bytes/article (%zu articles, %.1f MB)\n",
         (double)sl_dedup_memory(ix) / n, sl_dedup_count(ix),
         sl_dedup_memory(ix) / 1e6);
  printf("query time: sl_dedup_check alone, one article at a time, %zu "
         "indexed: the exact, sample and band look-ups\n"
         "  and the verification of candidates on their blobs (held in "
         "memory: no store read); the fingerprint is made before timing\n",
         sl_dedup_count(ix));
  time_queries(&c, ix, &st, fp, n, false);
  time_queries(&c, ix, &st, fp, n, true);
  sl_buf_release(&text);
  sl_buf_release(&blob);
  free(st.bytes);
  free(st.off);
  sl_dedup_free(ix);
  sl_dedup_fp_free(fp);
  return 0;
}
