/* storyline bench (included by bench_dedup.c): realistic variants of real
 * articles, and the other articles of each story as negatives. */

enum {
  K_EXACT,
  K_DEBRIS,
  K_DROP,
  K_QUOTES,
  K_REORDER,
  K_HEADLINE,
  K_COMBO,
  K_APPEND,
  K_EMBED,
  K_EXCERPT,
  K_COUNT
};
static const char *const kind_name[K_COUNT] = {
    "exact (spacing, case)", "debris added",        "sentence dropped",
    "quotes, punctuation",   "sentences reordered", "headline changed",
    "combined edits",        "paragraphs appended", "embedded in longer",
    "excerpt (30-60%)"};
static const sl_dup_rel kind_rel[K_COUNT] = {
    SL_DUP_EXACT,     SL_DUP_NEAR,     SL_DUP_NEAR, SL_DUP_NEAR,
    SL_DUP_NEAR,      SL_DUP_NEAR,     SL_DUP_NEAR, SL_DUP_CONTAINED,
    SL_DUP_CONTAINED, SL_DUP_CONTAINED};

static const char *const debris[] = {
    "Advertisement",
    "Share this article",
    "Photo: AP",
    "Click here to subscribe to our newsletter",
    "Read more:",
    "Follow us on Twitter",
    "(Reuters)",
    "Continue reading below",
    "Image copyright Getty Images",
    "Related Coverage"};

typedef struct variant {
  sl_buf title, text;
} variant;

/* Sentences of random other articles, about `nwords` words in all. */
static void local_text(const docs *pool, size_t self, size_t nwords,
                       sents *out) {
  size_t got = 0;
  while (got < nwords) {
    size_t j = rndn(pool->n);
    if (j == self)
      continue;
    sents s = {0};
    split(pool->d[j].text, &s);
    const char *pick = s.n ? s.s[rndn(s.n)] : NULL;
    /* never most of an article: the variant would contain it */
    if (pick && words(pick) * 3 < words(pool->d[j].text)) {
      sents_push(out, pick, strlen(pick));
      got += words(pick) + 1;
    }
    sents_free(&s);
  }
}

static void curl_quotes(sl_buf *t) {
  sl_buf o = SL_BUF_INIT;
  bool open = true, changed = false;
  for (size_t i = 0; i < t->len; i++) {
    char c = t->ptr[i];
    sl_status st = SL_OK;
    if (c == '"') {
      st = sl_buf_puts(&o, open ? "\xE2\x80\x9C" : "\xE2\x80\x9D");
      open = !open;
    } else if (c == '\'') {
      st = sl_buf_puts(&o, "\xE2\x80\x99");
    } else if (c == ',' && (!changed || rndn(3) == 0)) {
      changed = true;
      continue; /* a dropped comma */
    } else if (c == '.' && i + 1 < t->len && t->ptr[i + 1] == ' ' &&
               (!changed || rndn(4) == 0)) {
      changed = true;
      st = sl_buf_puts(&o, ";"); /* a stop made a semicolon */
    } else {
      st = sl_buf_putc(&o, c);
    }
    if (st != SL_OK)
      die_oom();
  }
  if (!changed && sl_buf_puts(&o, " !") != SL_OK)
    die_oom();
  sl_buf_release(t);
  *t = o;
}

/* Builds variant `k` of article `i`; false when the article cannot have
 * one (too few sentences for it). */
static bool make_variant(const docs *pool, size_t i, int k, variant *v) {
  const doc *d = &pool->d[i];
  sents s = {0};
  split(d->text, &s);
  bool ok = true;
  sl_buf_clear(&v->title);
  if (d->title && sl_buf_puts(&v->title, d->title) != SL_OK)
    die_oom();
  switch (k) {
  case K_EXACT:
    join(&s, &v->text);
    for (size_t j = 0; j < v->text.len; j++)
      if (v->text.ptr[j] == '\n')
        v->text.ptr[j] = ' ';
    for (size_t j = 0; j < v->title.len; j++)
      if (v->title.ptr[j] >= 'a' && v->title.ptr[j] <= 'z')
        v->title.ptr[j] = (char)(v->title.ptr[j] - 32);
    break;
  case K_DEBRIS:
    for (size_t r = 1 + rndn(3); r > 0; r--) {
      const char *dl = debris[rndn(sizeof debris / sizeof *debris)];
      sents_push(&s, dl, strlen(dl));
      size_t at = rndn(s.n);
      char *t = s.s[s.n - 1];
      memmove(s.s + at + 1, s.s + at, (s.n - 1 - at) * sizeof *s.s);
      s.s[at] = t;
    }
    join(&s, &v->text);
    break;
  case K_DROP:
    ok = s.n >= 5;
    if (ok) { /* a sentence of at most a fifth of the text */
      size_t at = rndn(s.n), w = words(d->text);
      for (size_t tries = 0; tries < s.n && words(s.s[at]) * 5 > w; tries++)
        at = (at + 1) % s.n;
      free(s.s[at]);
      memmove(s.s + at, s.s + at + 1, (s.n - at - 1) * sizeof *s.s);
      s.n--;
    }
    join(&s, &v->text);
    break;
  case K_QUOTES:
    join(&s, &v->text);
    curl_quotes(&v->text);
    break;
  case K_REORDER:
    ok = s.n >= 3;
    if (ok) { /* two different sentences change places */
      size_t a = rndn(s.n - 1);
      for (size_t tries = 0; tries < s.n && strcmp(s.s[a], s.s[a + 1]) == 0;
           tries++)
        a = (a + 1) % (s.n - 1);
      char *t = s.s[a];
      s.s[a] = s.s[a + 1], s.s[a + 1] = t;
    }
    join(&s, &v->text);
    break;
  case K_HEADLINE: {
    const doc *o = &pool->d[(i + 1 + rndn(pool->n - 1)) % pool->n];
    if (d->title) {
      sl_buf_clear(&v->title);
      if (sl_buf_puts(&v->title, o->title ? o->title : "Breaking news") !=
          SL_OK)
        die_oom();
    } else {
      ok = s.n >= 5; /* the headline is the first line of the text */
      if (ok) {
        free(s.s[0]);
        s.s[0] = strdup("Breaking: the latest on this developing story");
      }
    }
    join(&s, &v->text);
    break;
  }
  case K_COMBO:
    ok = s.n >= 6;
    if (ok) {
      sents other = {0};
      local_text(pool, i, 1, &other);
      free(s.s[s.n / 2]);
      s.s[s.n / 2] = other.s[0];
      other.n = 0;
      sents_free(&other);
      const char *dl = debris[rndn(sizeof debris / sizeof *debris)];
      sents_push(&s, dl, strlen(dl));
    }
    join(&s, &v->text);
    curl_quotes(&v->text);
    break;
  case K_APPEND: {
    local_text(pool, i, words(d->text) * (8 + rndn(8)) / 10, &s);
    join(&s, &v->text);
    break;
  }
  case K_EMBED: {
    sents all = {0};
    size_t w = words(d->text);
    local_text(pool, i, w * (4 + rndn(4)) / 10, &all);
    for (size_t j = 0; j < s.n; j++)
      sents_push(&all, s.s[j], strlen(s.s[j]));
    local_text(pool, i, w * (4 + rndn(4)) / 10, &all);
    join(&all, &v->text);
    sents_free(&all);
    break;
  }
  case K_EXCERPT: { /* contiguous sentences, 30-60% of the words */
    size_t w = words(d->text), want = w * (3 + rndn(3)) / 10, got = 0;
    size_t from = s.n ? rndn(s.n) : 0;
    sents part = {0};
    for (size_t j = from; j < s.n && got < want; j++) {
      sents_push(&part, s.s[j], strlen(s.s[j]));
      got += words(s.s[j]);
    }
    ok = s.n >= 3 && got >= want && got * 10 <= w * 6;
    join(&part, &v->text);
    sents_free(&part);
    break;
  }
  default:
    ok = false;
  }
  sents_free(&s);
  return ok;
}

/* ---- the store stand-in: blobs by id ---- */

typedef struct blobs {
  sl_buf *b;
  size_t n;
} blobs;

static sl_status fetch_blob(void *ud, int64_t id, const void **blob,
                            size_t *len) {
  const blobs *bs = ud;
  if (id <= 0 || (size_t)id > bs->n)
    return SL_ENOENT;
  *blob = bs->b[id - 1].ptr;
  *len = bs->b[id - 1].len;
  return SL_OK;
}

typedef struct tally {
  size_t tp[5], fp[5], fn[5];
  size_t kind_n[K_COUNT], kind_ok[K_COUNT], kind_any[K_COUNT];
  size_t conf[K_COUNT][5]; /* predicted relation per variant kind */
} tally;

static void print_tally(const tally *t) {
  printf("%-22s %6s %6s %6s %9s %7s\n", "relation", "truth", "found", "right",
         "precision", "recall");
  for (int r = SL_DUP_EXACT; r <= SL_DUP_REWRITE; r++) {
    size_t found = t->tp[r] + t->fp[r], truth = t->tp[r] + t->fn[r];
    printf("%-22s %6zu %6zu %6zu %9.4f %7.4f\n", sl_dup_rel_str(r), truth,
           found, t->tp[r], found ? (double)t->tp[r] / found : 1.0,
           truth ? (double)t->tp[r] / truth : 1.0);
  }
  printf("\n%-22s %6s %9s %9s   found as: none exact near contained "
         "rewrite\n",
         "variant", "n", "expected", "any dup");
  for (int k = 0; k < K_COUNT; k++) {
    printf("%-22s %6zu %9.4f %9.4f  ", kind_name[k], t->kind_n[k],
           t->kind_n[k] ? (double)t->kind_ok[k] / t->kind_n[k] : 0,
           t->kind_n[k] ? (double)t->kind_any[k] / t->kind_n[k] : 0);
    for (int r = 0; r < 5; r++)
      printf(" %5zu", t->conf[k][r]);
    printf("\n");
  }
}

static void snippet(const char *s, char out[73]) {
  size_t n = 0;
  for (; *s && n < 72; s++)
    out[n++] = *s == '\n' ? ' ' : *s;
  out[n] = '\0';
}

/* Adds the sources in order, each checked against those before it: every
 * duplicate found among them is a false positive unless it is real, so
 * each is listed for inspection. */
static void index_sources(const docs *pool, sl_dedup *ix, blobs *bs,
                          sl_dedup_fp *fp, tally *t) {
  size_t flagged = 0;
  for (size_t i = 0; i < pool->n; i++) {
    const doc *d = &pool->d[i];
    fp_of(fp, d->title, d->text);
    sl_dup_match m;
    if (sl_dedup_check(ix, fp, fetch_blob, bs, &m) != SL_OK ||
        sl_dedup_fp_save(fp, &bs->b[i]) != SL_OK)
      die_oom();
    bs->n = i + 1;
    if (m.rel != SL_DUP_NONE) {
      const doc *o = &pool->d[m.id - 1];
      char a[73], b[73];
      snippet(d->text, a);
      snippet(o->text, b);
      printf("  %-9s %.3f %s %s (%s)\n      new: %s\n      old: %s\n",
             sl_dup_rel_str(m.rel), m.score, d->id, o->id,
             strcmp(d->story, o->story) == 0 ? "same story" : "other story", a,
             b);
      t->fp[m.rel]++;
      flagged++;
    }
    if (sl_dedup_add(ix, (int64_t)i + 1, fp, &m) != SL_OK)
      die_oom();
  }
  printf("  %zu of %zu source articles flagged as duplicates of an earlier "
         "one (listed above; each counts as a false positive)\n",
         flagged, pool->n);
}

static void run_variants(const docs *pool, sl_dedup *ix, blobs *bs,
                         sl_dedup_fp *fp, tally *t) {
  variant v = {SL_BUF_INIT, SL_BUF_INIT};
  for (size_t i = 0; i < pool->n; i++) {
    for (int k = 0; k < K_COUNT; k++) {
      if (!make_variant(pool, i, k, &v))
        continue;
      fp_of(fp, v.title.len ? v.title.ptr : NULL, v.text.ptr);
      sl_dup_match m;
      if (sl_dedup_check(ix, fp, fetch_blob, bs, &m) != SL_OK)
        die_oom();
      sl_dup_rel want = kind_rel[k];
      bool target =
          m.rel != SL_DUP_NONE && sl_dedup_canonical(ix, m.id) ==
                                      sl_dedup_canonical(ix, (int64_t)i + 1);
      t->kind_n[k]++;
      t->kind_any[k] += target;
      t->conf[k][target ? m.rel : SL_DUP_NONE]++;
      if (getenv("BENCH_DEBUG") && !(m.rel == kind_rel[k] && target))
        fprintf(stderr,
                "miss %s %s: got %s %.3f res %.3f con %.3f aln %.3f id %lld\n",
                kind_name[k], pool->d[i].id, sl_dup_rel_str(m.rel), m.score,
                m.resemblance, m.containment, m.alignment, (long long)m.id);
      if (m.rel == want && target) {
        t->tp[want]++;
        t->kind_ok[k]++;
        continue;
      }
      t->fn[want]++;
      if (m.rel != SL_DUP_NONE)
        t->fp[m.rel]++;
    }
  }
  sl_buf_release(&v.title);
  sl_buf_release(&v.text);
}

static int cmd_variants(const char *data) {
  static const char *const files[] = {"ecbplus-dev", "allsides-headline11"};
  docs all = {0}, pool = {0};
  char path[4096];
  for (size_t f = 0; f < 2; f++) {
    snprintf(path, sizeof path, "%s/stories/%s.jsonl.gz", data, files[f]);
    if (load_docs(path, &all))
      return 1;
  }
  /* articles of at least 30 words (allsides-neus is left out: its
   * excerpts are the same articles as allsides-headline11's) */
  pool.d = xmalloc(all.n * sizeof *pool.d);
  for (size_t i = 0; i < all.n; i++)
    if (words(all.d[i].text) >= 30)
      pool.d[pool.n++] = all.d[i];
  printf("== duplicates: %zu source articles (ecbplus-dev, "
         "allsides-headline11; >= 30 words)\n",
         pool.n);
  sl_dedup *ix = sl_dedup_new(NULL);
  sl_dedup_fp *fp = sl_dedup_fp_new();
  blobs bs = {calloc(pool.n, sizeof(sl_buf)), 0};
  if (!ix || !fp || !bs.b)
    die_oom();
  for (size_t i = 0; i < pool.n; i++)
    sl_buf_init(&bs.b[i], 0);
  tally t = {0};
  printf("-- source articles flagged against the earlier ones:\n");
  index_sources(&pool, ix, &bs, fp, &t);
  run_variants(&pool, ix, &bs, fp, &t);
  printf("-- variants checked against the sources (right = right relation "
         "and right article group):\n");
  print_tally(&t);
  for (size_t i = 0; i < pool.n; i++)
    sl_buf_release(&bs.b[i]);
  free(bs.b);
  sl_dedup_fp_free(fp);
  sl_dedup_free(ix);
  free(pool.d);
  return 0;
}
