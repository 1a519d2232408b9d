/* storyline pipeline: ingest and rebuild. Every raw record is hashed (the
 * same bytes are stored once), kept compressed, parsed into an article,
 * analysed and stored, one transaction per batch (a rebuild: one in all),
 * under the database's writer lock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <xxhash.h>

#include "clean/clean.h"
#include "ingest/ingest.h"
#include "pipeline/analyze.h"
#include "pipeline/dups.h"
#include "pipeline/learn.h"
#include "pipeline/pipeline_int.h"
#include "pipeline/stories.h"
#include "store/lists.h"
#include "text/date.h"

enum { DEFAULT_BATCH = 1000 };

typedef struct run {
  sl_engine *eng;
  const sl_ingest_opts *opts;
  sl_ingest_stats stats;
  sl_analyzer *an;
  sl_buf terms;
  sl_date given_date;   /* from opts->date, year 0 when none */
  char *given_meta;     /* JSON of the given metadata, NULL when none */
  size_t in_batch;      /* records written in the open transaction */
  uint64_t batch_added; /* articles added in the open transaction */
  bool in_txn;
  bool one_txn;       /* rebuild: one transaction from start to end */
  sl_error *err;      /* the caller's, for the fatal error */
  const char *origin; /* record being handled, for warnings */
  uint64_t line;
  sl_cleaned cleaned;  /* debris of the article being stored */
  sl_vec removed;      /* sl_store_removed: the same, for the store */
  bool rebuilding;     /* articles may have removed lines stored already */
  const char *url;     /* rebuild: the address kept with the raw record */
  const char *charset; /* rebuild: the charset its HTTP header declared */
  sl_learner learn;    /* boilerplate per source */
  sl_dups dups;        /* duplicate groups */
  sl_stories stories;  /* the story of each article */
  sl_vec starts;       /* size_t: where each glued part begins */
  sl_article part;     /* scratch: one part of a glued text */
  int64_t tick_ns;     /* when progress was last reported */
} run;

static void diag(run *r, sl_severity sev, const char *origin, uint64_t line,
                 sl_status code, const char *msg) {
  if (sev == SL_WARNING)
    r->stats.warnings++;
  else if (sev == SL_REJECTED)
    r->stats.rejected++;
  if (r->opts->on_diag) {
    sl_diag d = {sev, origin, (size_t)line, code, msg};
    r->opts->on_diag(r->opts->ud, &d);
  }
}

static void on_warn(void *ud, sl_status code, const char *msg) {
  run *r = ud;
  diag(r, SL_WARNING, r->origin, r->line, code, msg);
}

static void on_reject(void *ud, const char *origin, uint64_t line,
                      const sl_error *e) {
  diag(ud, SL_REJECTED, origin, line, e->code, e->msg);
}

static void on_bytes(void *ud, uint64_t n) {
  ((run *)ud)->stats.bytes = n;
}

static void on_skip(void *ud, const char *origin, uint64_t count,
                    const char *what) {
  char msg[128];
  snprintf(msg, sizeof msg, "%llu records passed over (%s)",
           (unsigned long long)count, what);
  diag(ud, SL_WARNING, origin, 0, SL_OK, msg);
}

static bool cancelled(const run *r) {
  return r->opts->cancel && *r->opts->cancel;
}

/* Articles stored, when the open transaction is rolled back. */
static void undo_added(run *r) {
  r->stats.added = r->one_txn ? 0 : r->stats.added - r->batch_added;
  r->batch_added = 0;
}

/* Writes what the batch learned (boilerplate, stories) and commits it. A
 * rebuild, one transaction from start to end so that a crash or a
 * cancellation leaves the previous results, commits only when `last`. */
static sl_status commit_batch(run *r, bool last) {
  if (!r->in_txn)
    return SL_OK;
  sl_status st = sl_learner_settle(&r->learn, r->eng, r->an, &r->terms,
                                   r->opts->skip, r->err);
  if (st == SL_OK)
    st = sl_stories_settle(&r->stories, r->err);
  if (st == SL_OK && r->one_txn && !last) {
    r->in_batch = 0;
    return SL_OK;
  }
  r->in_txn = false;
  if (st == SL_OK)
    st = sl_store_commit(r->eng->store, r->err);
  if (st != SL_OK) {
    sl_store_rollback(r->eng->store);
    undo_added(r);
  }
  r->in_batch = 0;
  r->batch_added = 0;
  if (st == SL_OK && r->opts->on_progress)
    r->opts->on_progress(r->opts->ud, &r->stats);
  return st;
}

/* A store failure stops the run: the open batch is rolled back, so the
 * database holds exactly the batches committed before. */
static sl_status fail_batch(run *r, sl_status st) {
  if (r->in_txn) {
    sl_store_rollback(r->eng->store);
    r->in_txn = false;
    undo_added(r);
  }
  return st;
}

/* Applies the metadata given on the command line: it fills what the record
 * does not state itself, and overrides a date merely found in the text. */
static sl_status apply_given(run *r, sl_article *a) {
  const char *src = r->opts->source;
  if (src && !a->source) {
    sl_status st = sl_article_set(&a->source, src, strlen(src));
    if (st != SL_OK)
      return st;
  }
  /* A date the record or the page states itself stands. */
  bool own = strcmp(a->date_origin, "given") == 0 ||
             strcmp(a->date_origin, "page") == 0;
  if (r->given_date.year && !own) {
    a->date = r->given_date;
    strcpy(a->date_origin, "given");
  }
  return SL_OK;
}

static sl_status parse_input(run *r, const sl_input *in, sl_article *a,
                             sl_error *perr) {
  sl_warn_cb warn = {on_warn, r};
  r->origin = in->origin;
  r->line = in->line;
  if (in->format == SL_FORMAT_JSONL)
    return sl_parse_jsonl(in->bytes, in->len, in->origin, in->line, &warn, a,
                          perr);
  if (in->format == SL_FORMAT_HTML) {
    /* A page from a crawl is known by its address. */
    const char *ref = in->url ? in->url : in->origin;
    sl_status st = sl__extract_page(in->bytes, in->len, in->charset, a, perr);
    if (st == SL_OK)
      st = sl_article_set(&a->ref, ref, strlen(ref));
    if (st == SL_OK && in->url && !a->url)
      st = sl_article_set(&a->url, in->url, strlen(in->url));
    return st;
  }
  return sl_parse_text(in->bytes, in->len, in->origin, &warn, a, perr);
}

static const char *format_name(sl_format f) {
  return f == SL_FORMAT_JSONL ? "jsonl" : f == SL_FORMAT_HTML ? "html" : "text";
}

static sl_format format_of(const char *name) {
  return strcmp(name, "jsonl") == 0  ? SL_FORMAT_JSONL
         : strcmp(name, "html") == 0 ? SL_FORMAT_HTML
                                     : SL_FORMAT_TEXT;
}

/* Takes the debris (and the boilerplate learned for its source) out of the
 * article's text. When anything goes, the text is replaced and `*orig` gets
 * the original (the caller frees it): the removed spans point into it. A
 * text that is all debris is kept whole. */
static sl_status take_debris(run *r, sl_article *a, char **orig) {
  *orig = NULL;
  sl_status st = sl_clean_debris_with(a->text, strlen(a->text), r->learn.boiler,
                                      sl_learner_source(a), &r->cleaned);
  if (st != SL_OK || r->cleaned.removed.len == 0 || r->cleaned.text.len == 0)
    return st;
  if (!a->author && r->cleaned.byline.len)
    st = sl_article_set(&a->author, r->cleaned.byline.ptr,
                        r->cleaned.byline.len);
  *orig = a->text;
  a->text = sl_buf_take(&r->cleaned.text, NULL);
  return st == SL_OK && a->text ? SL_OK : SL_ENOMEM;
}

/* Stores what take_debris removed (and, when rebuilding, forgets what an
 * earlier run removed). */
static sl_status store_debris(run *r, int64_t article_id, const char *orig) {
  sl_vec_clear(&r->removed);
  size_t n = orig ? r->cleaned.removed.len : 0;
  for (size_t i = 0; i < n; i++) {
    const sl_removed *d = &SL_VEC_AT(&r->cleaned.removed, sl_removed, i);
    sl_store_removed line = {sl_debris_name((sl_debris)d->reason),
                             orig + d->start, d->end - d->start};
    if (sl_vec_push(&r->removed, &line) != SL_OK)
      return sl_error_set(r->err, SL_ENOMEM, "out of memory");
  }
  if (n == 0 && !r->rebuilding)
    return SL_OK;
  return sl_store_removed_put(r->eng->store, article_id, r->removed.data, n,
                              r->err);
}

/* Analyses and stores one article (a whole text or one glued part), and
 * counts its lines for the boilerplate of its source. */
static sl_status put_article(run *r, sl_article *a, int64_t raw_id) {
  sl_status st = sl_analyze(r->an, a, &r->terms);
  if (st != SL_OK)
    return sl_error_set(r->err, st, "cannot analyse article: %s",
                        sl_status_str(st));
  a->raw_id = raw_id;
  st = sl_store_article_put(r->eng->store, a, r->terms.ptr, r->terms.len,
                            r->err);
  unsigned skip = r->opts->skip;
  if (st == SL_OK && !(skip & SL_STAGE_DATES))
    st = sl__when_anchors(r->eng->store, a, r->err);
  if (st == SL_OK && !(skip & SL_STAGE_ENTITIES))
    st = sl__who_article(r->eng, a, r->err);
  return st == SL_OK ? sl_learner_observe(&r->learn, a, r->err) : st;
}

/* Finds the duplicates and the story of a stored article (its removed
 * lines stored). When its own lines made boilerplate of lines it holds (a
 * footer met for the third time), it is cleaned again first: a footer must
 * not make it a duplicate, or a member of a story, of the source's others. */
static sl_status place_article(run *r, sl_article *a) {
  unsigned skip = r->opts->skip;
  sl_status st = sl_learner_revisit_now(&r->learn, r->eng, r->an, &r->terms,
                                        skip, a, r->err);
  /* A rebuild finds the duplicates once every article is back. */
  if (st == SL_OK && !r->rebuilding && !(skip & SL_STAGE_DUPLICATES))
    st = sl_dups_article(&r->dups, a, r->err);
  if (st == SL_OK && !r->rebuilding && !(skip & SL_STAGE_STORIES))
    st = sl_stories_article(
        &r->stories, a, a->duplicate_of ? a->duplicate_of : r->dups.replaced,
        r->err);
  return st;
}

static sl_status copy_field(char **to, const char *from) {
  return sl_article_set(to, from, from ? strlen(from) : 0);
}

/* Makes r->part the `i`th (0-based) of `n` glued parts of `a`: the text
 * from starts[i] to the next start, its headline line as title (the first
 * part keeps the record's title), ref "REF#<i+1>", the record's metadata. */
static sl_status make_part(run *r, const sl_article *a, size_t i, size_t n) {
  sl_article *p = &r->part;
  sl_article_release(p);
  const size_t *starts = r->starts.data;
  size_t len = strlen(a->text);
  size_t from = starts[i], to = i + 1 < n ? starts[i + 1] : len;
  const char *body = a->text + from;
  size_t blen = to - from;
  sl_status st = SL_OK;
  if (i > 0) { /* the headline line */
    const char *nl = memchr(body, '\n', blen);
    size_t hlen = nl ? (size_t)(nl - body) : blen;
    st = sl_article_set(&p->title, body, hlen);
    body += hlen;
    blen -= hlen;
  } else {
    st = copy_field(&p->title, a->title);
  }
  while (blen && body[0] == '\n') {
    body++;
    blen--;
  }
  while (blen && body[blen - 1] == '\n')
    blen--;
  char num[32];
  snprintf(num, sizeof num, "#%zu", i + 1);
  sl_buf ref = SL_BUF_INIT;
  if (st == SL_OK)
    st = sl_buf_puts(&ref, a->ref);
  if (st == SL_OK)
    st = sl_buf_puts(&ref, num);
  if (st == SL_OK)
    st = sl_article_set(&p->ref, ref.ptr, ref.len);
  sl_buf_release(&ref);
  if (st == SL_OK)
    st = sl_article_set(&p->text, body, blen);
  if (st == SL_OK)
    st = copy_field(&p->source, a->source);
  if (st == SL_OK)
    st = copy_field(&p->url, a->url);
  if (st == SL_OK)
    st = copy_field(&p->author, i == 0 ? a->author : NULL);
  if (st == SL_OK)
    st = copy_field(&p->extra, a->extra);
  p->date = a->date;
  memcpy(p->date_origin, a->date_origin, sizeof p->date_origin);
  p->part = (int)i + 1;
  return st;
}

/* Cleans, splits, analyses and stores the article(s) of one parsed record
 * of raw record `raw_id`; `*parts` gets how many were stored. What cleaning
 * removed is kept with the first. */
static sl_status store_article(run *r, sl_article *a, int64_t raw_id,
                               int *parts) {
  *parts = 0;
  char *orig;
  sl__when_pubdate(a); /* on the whole text: captions go with the debris */
  sl_status st = take_debris(r, a, &orig);
  if (st == SL_OK)
    st = sl_split_glued(a->text, strlen(a->text), &r->starts);
  if (st != SL_OK) {
    free(orig);
    return sl_error_set(r->err, st, "cannot clean article: %s",
                        sl_status_str(st));
  }
  size_t n = r->starts.len;
  if (n == 1) {
    st = put_article(r, a, raw_id);
    if (st == SL_OK)
      st = store_debris(r, a->id, orig);
    if (st == SL_OK)
      st = place_article(r, a);
  }
  for (size_t i = 0; n > 1 && st == SL_OK && i < n; i++) {
    st = make_part(r, a, i, n);
    if (st == SL_OK)
      st = put_article(r, &r->part, raw_id);
    if (st == SL_OK && i == 0)
      st = store_debris(r, r->part.id, orig);
    if (st == SL_OK)
      st = place_article(r, &r->part);
  }
  if (st == SL_ENOMEM)
    sl_error_set(r->err, st, "out of memory");
  free(orig);
  *parts = st == SL_OK ? (int)n : 0;
  return st;
}

static sl_status begin_if_needed(run *r) {
  if (r->in_txn)
    return SL_OK;
  sl_status st = sl_store_begin(r->eng->store, r->err);
  r->in_txn = st == SL_OK;
  return st;
}

static sl_status after_record(run *r) {
  size_t batch = r->opts->batch_size ? r->opts->batch_size : DEFAULT_BATCH;
  if (++r->in_batch < batch)
    return SL_OK;
  return commit_batch(r, false);
}

/* The metadata kept with a raw record so that rebuild sees what the ingest
 * saw: the given date and source, and a crawled page's address and
 * declared charset. A malloc'd JSON object (the caller frees it), NULL when
 * out of memory. */
static char *record_meta(const sl_ingest_opts *o, const sl_input *in) {
  json_t *obj = json_object();
  if (!obj)
    return NULL;
  if (o->date)
    json_object_set_new(obj, "date", json_string(o->date));
  if (o->source)
    json_object_set_new(obj, "source", json_string(o->source));
  if (in && in->url)
    json_object_set_new(obj, "url", json_string(in->url));
  if (in && in->charset)
    json_object_set_new(obj, "charset", json_string(in->charset));
  char *s = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
  json_decref(obj);
  return s;
}

static sl_status on_input(void *ud, const sl_input *in) {
  run *r = ud;
  if (cancelled(r))
    return sl_error_set(r->err, SL_ECANCELED, "interrupted");
  r->stats.records++;
  sl__progress_tick(r->opts, &r->stats, &r->tick_ns);
  XXH128_canonical_t canon;
  XXH128_canonicalFromHash(&canon, XXH3_128bits(in->bytes, in->len));
  sl_status st = begin_if_needed(r);
  bool exists = false;
  if (st == SL_OK)
    st = sl_store_raw_exists(r->eng->store, canon.digest, &exists, r->err);
  if (st != SL_OK)
    return fail_batch(r, st);
  if (exists) {
    r->stats.skipped++;
    return SL_OK;
  }
  sl_article a;
  sl_article_init(&a);
  sl_error perr;
  sl_error_clear(&perr);
  st = parse_input(r, in, &a, &perr);
  if (st == SL_OK)
    st = apply_given(r, &a);
  if (st != SL_OK) {
    diag(r, SL_REJECTED, in->origin, in->line, st,
         perr.msg[0] ? perr.msg : sl_status_str(st));
    sl_article_release(&a);
    return st == SL_ENOMEM ? sl_error_set(r->err, st, "out of memory") : SL_OK;
  }
  sl_raw raw = {0};
  memcpy(raw.hash, canon.digest, sizeof raw.hash);
  raw.format = format_name(in->format);
  raw.origin = in->origin;
  raw.line = in->line;
  char *own_meta = in->url || in->charset ? record_meta(r->opts, in) : NULL;
  raw.meta = own_meta ? own_meta : r->given_meta;
  raw.bytes = in->bytes;
  raw.len = in->len;
  st = sl_store_raw_put(r->eng->store, &raw, r->err);
  free(own_meta);
  int parts = 0;
  if (st == SL_OK)
    st = store_article(r, &a, raw.id, &parts);
  sl_article_release(&a);
  if (st != SL_OK)
    return fail_batch(r, st);
  r->stats.added += (uint64_t)parts;
  r->batch_added += (uint64_t)parts;
  st = after_record(r);
  return st == SL_OK ? SL_OK : fail_batch(r, st);
}

/* Builds the JSON kept with each raw record so rebuild sees the same
 * metadata the ingest was given. */
static sl_status given_meta(run *r) {
  if (!r->opts->date && !r->opts->source)
    return SL_OK;
  r->given_meta = record_meta(r->opts, NULL);
  return r->given_meta ? SL_OK : SL_ENOMEM;
}

/* Sets up a run. A rebuild (`fresh`) forgets what was derived before and
 * derives it again inside the one transaction opened here. */
static sl_status run_init(run *r, sl_engine *eng, const sl_ingest_opts *opts,
                          bool fresh, sl_error *err) {
  memset(r, 0, sizeof *r);
  r->eng = eng;
  r->opts = opts;
  r->err = err;
  r->rebuilding = r->one_txn = fresh;
  sl_buf_init(&r->terms, 0);
  sl_cleaned_init(&r->cleaned);
  sl_vec_init(&r->removed, sizeof(sl_store_removed));
  sl_vec_init(&r->starts, sizeof(size_t));
  sl_article_init(&r->part);
  sl_status st = fresh ? begin_if_needed(r) : SL_OK;
  if (st == SL_OK)
    st = sl_learner_init(&r->learn, eng->store, fresh, err);
  sl_dedup_opts dopts;
  sl_dedup_opts_default(&dopts);
  if (opts->near_min > 0)
    dopts.near_min = opts->near_min;
  if (opts->contain_min > 0)
    dopts.contain_min = opts->contain_min;
  if (opts->rewrite_min > 0)
    dopts.rewrite_min = opts->rewrite_min;
  if (st == SL_OK)
    st = sl_dups_init(&r->dups, eng->store, &dopts, fresh, err);
  if (st == SL_OK)
    st = sl_stories_init(&r->stories, eng->store, fresh, err);
  r->dups.cancel = r->stories.cancel = opts->cancel;
  if (st == SL_OK && fresh)
    st = sl_store_entities_clear(eng->store, err);
  if (st != SL_OK)
    return st;
  if (opts->date) {
    sl_error derr;
    if (sl_date_parse(opts->date, strlen(opts->date), &r->given_date, &derr) !=
        SL_OK)
      return sl_error_set(err, SL_EINVAL,
                          "invalid date '%s' (expected YYYY-MM-DD)",
                          opts->date);
  }
  if (opts->source && !opts->source[0])
    return sl_error_set(err, SL_EINVAL, "empty source name");
  r->an = sl_analyzer_new(eng->stem);
  if (!r->an || given_meta(r) != SL_OK)
    return sl_error_set(err, SL_ENOMEM, "out of memory");
  return SL_OK;
}

/* The stream has ended: stories that converged since the last periodic
 * merge step are joined in the last batch. */
static sl_status finish_stories(run *r) {
  if (r->rebuilding || r->stats.added == 0)
    return SL_OK;
  sl_status st = begin_if_needed(r);
  if (st == SL_OK)
    st = sl_stories_finish(&r->stories, r->err);
  return st;
}

/* Commits the last batch (or rolls it back after a failure), reports the
 * counts and frees the run. Returns the run's final status. */
static sl_status run_finish(run *r, sl_status st, sl_ingest_stats *stats) {
  /* An interrupted ingest keeps the records it has done: each is whole. */
  bool keep = st == SL_ECANCELED && cancelled(r) && !r->one_txn;
  if (st == SL_OK)
    st = finish_stories(r);
  if (st == SL_OK || keep) {
    sl_status c = commit_batch(r, true);
    st = c == SL_OK ? st : c;
  } else {
    fail_batch(r, st);
  }
  if (stats)
    *stats = r->stats;
  sl_analyzer_free(r->an);
  sl_buf_release(&r->terms);
  sl_cleaned_release(&r->cleaned);
  sl_vec_release(&r->removed);
  sl_vec_release(&r->starts);
  sl_article_release(&r->part);
  sl_learner_release(&r->learn);
  sl_dups_release(&r->dups);
  sl_stories_release(&r->stories);
  free(r->given_meta);
  return st;
}

/* Takes the writer lock for a run, as `o` says (see sl_ingest_opts). */
static sl_status lock_writer(sl_engine *eng, const sl_ingest_opts *o,
                             sl_ingest_stats *stats, sl_error *err) {
  sl_store_lock_opts lo = {!o->no_wait, o->on_wait, o->ud, o->cancel};
  if (stats)
    memset(stats, 0, sizeof *stats);
  return sl_store_writer_lock(eng->store, &lo, err);
}

/* The run, under the writer lock (taken for it). */
static sl_status ingest_locked(sl_engine *eng, const char *const *paths,
                               size_t npaths, const sl_ingest_opts *opts,
                               sl_ingest_stats *stats, sl_error *err) {
  run r;
  sl_status st = run_init(&r, eng, opts, false, err);
  const char *why;
  if (st == SL_OK && !(r.opts->skip & SL_STAGE_ENTITIES) &&
      !sl__who_model(eng, &why))
    diag(&r, SL_WARNING, "models", 0, SL_ENOENT, why);
  r.stats.total_bytes = sl__input_size(paths, npaths);
  if (st == SL_OK) {
    sl_reader_cb cb = {on_input, on_reject, on_bytes, on_skip, &r};
    st = sl_read_paths(paths, npaths, r.opts->format, &cb, err);
  }
  return run_finish(&r, st, stats);
}

sl_status sl_engine_ingest(sl_engine *eng, const char *const *paths,
                           size_t npaths, const sl_ingest_opts *opts,
                           sl_ingest_stats *stats, sl_error *err) {
  sl_ingest_opts none = {0};
  const sl_ingest_opts *o = opts ? opts : &none;
  sl_status st = lock_writer(eng, o, stats, err);
  if (st != SL_OK)
    return st;
  st = ingest_locked(eng, paths, npaths, o, stats, err);
  sl_store_writer_unlock(eng->store);
  return st;
}

/* ---- rebuild ------------------------------------------------------- */

/* Reads the metadata an ingest was given back from the raw record. */
static void load_meta(run *r, const char *meta, sl_ingest_opts *o,
                      json_t **keep) {
  *keep = NULL;
  r->given_date.year = 0;
  r->url = r->charset = NULL;
  o->date = o->source = NULL;
  if (!meta)
    return;
  json_t *obj = json_loads(meta, 0, NULL);
  if (!json_is_object(obj)) {
    json_decref(obj);
    return;
  }
  *keep = obj;
  o->date = json_string_value(json_object_get(obj, "date"));
  o->source = json_string_value(json_object_get(obj, "source"));
  r->url = json_string_value(json_object_get(obj, "url"));
  r->charset = json_string_value(json_object_get(obj, "charset"));
  if (o->date &&
      sl_date_parse(o->date, strlen(o->date), &r->given_date, NULL) != SL_OK)
    r->given_date.year = 0;
}

/* Derives the article of one raw record again, replacing the stored one,
 * or deleting it when the record no longer parses. */
static sl_status rebuild_one(run *r, const sl_raw *raw) {
  sl_input in = {raw->origin, raw->line, format_of(raw->format),
                 raw->bytes,  raw->len,  r->url,
                 r->charset};
  sl_article a;
  sl_article_init(&a);
  sl_error perr;
  sl_error_clear(&perr);
  r->stats.records++;
  sl__progress_tick(r->opts, &r->stats, &r->tick_ns);
  sl_status st = parse_input(r, &in, &a, &perr);
  if (st == SL_OK)
    st = apply_given(r, &a);
  bool parsed = st == SL_OK;
  if (!parsed)
    diag(r, SL_REJECTED, raw->origin, raw->line, st, perr.msg);
  st = begin_if_needed(r);
  int parts = 0;
  if (st == SL_OK && parsed)
    st = store_article(r, &a, raw->id, &parts);
  if (st == SL_OK) {
    r->stats.added += (uint64_t)parts;
    r->batch_added += (uint64_t)parts;
  }
  if (st == SL_OK)
    st = sl_store_article_trim(r->eng->store, raw->id, parts, r->err);
  if (st == SL_OK)
    st = after_record(r);
  sl_article_release(&a);
  return st;
}

static int on_raw(void *ud, const sl_raw *raw) {
  run *r = ud;
  const sl_ingest_opts *saved = r->opts;
  sl_ingest_opts o = *saved;
  json_t *meta;
  load_meta(r, raw->meta, &o, &meta);
  r->opts = &o;
  sl_status st = rebuild_one(r, raw);
  r->opts = saved;
  json_decref(meta);
  if (st == SL_OK && cancelled(r))
    st = sl_error_set(r->err, SL_ECANCELED, "interrupted");
  if (st == SL_OK)
    return 0;
  fail_batch(r, st);
  return 1;
}

/* The rebuild, under the writer lock: one transaction from the first
 * clear to the last story. */
static sl_status rebuild_locked(sl_engine *eng, const sl_ingest_opts *base,
                                sl_ingest_stats *stats, sl_error *err) {
  run r;
  sl_status st = run_init(&r, eng, base, true, err);
  if (st == SL_OK)
    st = sl_store_raw_count(eng->store, &r.stats.total_records, err);
  if (st == SL_OK)
    st = sl_store_raw_each(eng->store, on_raw, &r, err);
  if (st == SL_ECANCELED && r.err && r.err->code != SL_OK)
    st = r.err->code;
  /* Every article is back (and cleaned of the boilerplate learned): find
   * the duplicate groups again, in id order. */
  if (st == SL_OK)
    st = commit_batch(&r, false);
  if (st == SL_OK && !(base->skip & SL_STAGE_DUPLICATES))
    st = sl_dups_all(&r.dups, err);
  if (st == SL_OK && !(base->skip & SL_STAGE_STORIES))
    st = sl_stories_all(&r.stories, err);
  return run_finish(&r, st, stats);
}

sl_status sl_engine_rebuild(sl_engine *eng, const sl_ingest_opts *opts,
                            sl_ingest_stats *stats, sl_error *err) {
  sl_ingest_opts none = {0};
  sl_ingest_opts base = opts ? *opts : none;
  base.date = base.source = NULL;
  sl_status st = lock_writer(eng, &base, stats, err);
  if (st != SL_OK)
    return st;
  st = rebuild_locked(eng, &base, stats, err);
  sl_store_writer_unlock(eng->store);
  return st;
}
