/* storyline pipeline: opening the engine and the article queries. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "clean/html.h"
#include "pipeline/pipeline_int.h"
#include "text/charset.h"
#include "text/date.h"

const char *sl_version(void) {
  return SL_VERSION_STRING;
}

sl_status sl_format_parse(const char *name, sl_format *out) {
  static const struct {
    const char *name;
    sl_format format;
  } names[] = {{"auto", SL_FORMAT_AUTO},  {"text", SL_FORMAT_TEXT},
               {"txt", SL_FORMAT_TEXT},   {"jsonl", SL_FORMAT_JSONL},
               {"json", SL_FORMAT_JSONL}, {"ndjson", SL_FORMAT_JSONL},
               {"html", SL_FORMAT_HTML},  {"htm", SL_FORMAT_HTML},
               {"warc", SL_FORMAT_WARC}};
  for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++) {
    if (strcmp(name, names[i].name) == 0) {
      *out = names[i].format;
      return SL_OK;
    }
  }
  return SL_EINVAL;
}

sl_status sl_engine_open(const char *path, const sl_engine_opts *opts,
                         sl_engine **out, sl_error *err) {
  *out = NULL;
  sl_engine *eng = calloc(1, sizeof *eng);
  if (!eng)
    return sl_error_set(err, SL_ENOMEM, "out of memory");
  sl_store_opts so = {0};
  if (opts) {
    so.max_bytes = opts->max_db_bytes;
    so.read_only = opts->read_only;
  }
  sl_status st = sl_store_open(path, &so, &eng->store, err);
  if (st != SL_OK)
    goto fail;
  eng->stem = sl_stemmers_new();
  if (!eng->stem) {
    st = sl_error_set(err, SL_ENOMEM, "out of memory");
    goto fail;
  }
  *out = eng;
  return SL_OK;
fail:
  sl_engine_close(eng);
  return st;
}

void sl_engine_close(sl_engine *eng) {
  if (!eng)
    return;
  sl_stemmers_free(eng->stem);
  sl_ner_free(eng->ner);
  sl_store_close(eng->store);
  free(eng);
}

sl_status sl_engine_articles(sl_engine *eng, bool with_text,
                             int (*fn)(void *ud, const sl_article *a), void *ud,
                             sl_error *err) {
  return sl_store_articles_each(eng->store, with_text, fn, ud, err);
}

/* A decimal id with nothing after it. */
static bool parse_id(const char *s, int64_t *id) {
  if (!s || *s < '1' || *s > '9')
    return false;
  errno = 0;
  char *end;
  long long v = strtoll(s, &end, 10);
  if (errno || *end)
    return false;
  *id = v;
  return true;
}

sl_status sl_engine_article(sl_engine *eng, const char *id_or_ref,
                            sl_article *out, sl_error *err) {
  int64_t id;
  if (parse_id(id_or_ref, &id)) {
    sl_status st = sl_store_article_get(eng->store, id, NULL, out, err);
    if (st != SL_ENOENT)
      return st;
  }
  sl_status st = sl_store_article_get(eng->store, 0, id_or_ref, out, err);
  if (st == SL_ENOENT)
    sl_error_set(err, st, "no article with id or ref '%s'", id_or_ref);
  return st;
}

typedef struct removed_cb {
  int (*fn)(void *ud, const char *reason, const char *text, size_t len);
  void *ud;
} removed_cb;

static int on_removed(void *ud, const sl_store_removed *line) {
  removed_cb *cb = ud;
  return cb->fn(cb->ud, line->reason, line->text, line->len);
}

sl_status sl_engine_removed(sl_engine *eng, int64_t id,
                            int (*fn)(void *ud, const char *reason,
                                      const char *text, size_t len),
                            void *ud, sl_error *err) {
  removed_cb cb = {fn, ud};
  return sl_store_removed_each(eng->store, id, on_removed, &cb, err);
}

typedef struct anchor_cb {
  int (*fn)(void *ud, const sl_anchor *a);
  void *ud;
} anchor_cb;

static int on_anchor(void *ud, const sl_store_anchor *s) {
  anchor_cb *cb = ud;
  sl_anchor a = {s->start, s->end, s->date, s->expr, s->expr_len, s->value};
  return cb->fn(cb->ud, &a);
}

sl_status sl_engine_anchors(sl_engine *eng, int64_t id,
                            int (*fn)(void *ud, const sl_anchor *a), void *ud,
                            sl_error *err) {
  anchor_cb cb = {fn, ud};
  return sl_store_anchors_each(eng->store, id, on_anchor, &cb, err);
}

typedef struct dup_cb {
  int (*fn)(void *ud, const sl_dup_member *m);
  void *ud;
} dup_cb;

static int on_dup(void *ud, const sl_store_dup *d) {
  dup_cb *cb = ud;
  sl_dup_member m = {d->canonical, d->canonical_ref, d->id,
                     d->ref,       d->relation,      d->score};
  return cb->fn(cb->ud, &m);
}

sl_status sl_engine_duplicates(sl_engine *eng,
                               int (*fn)(void *ud, const sl_dup_member *m),
                               void *ud, sl_error *err) {
  dup_cb cb = {fn, ud};
  return sl_store_dup_each(eng->store, on_dup, &cb, err);
}

static sl_status set_from(char **field, const sl_buf *b) {
  return b->len ? sl_article_set(field, b->ptr, b->len) : SL_OK;
}

sl_status sl__extract_page(const char *bytes, size_t len, const char *charset,
                           sl_article *out, sl_error *err) {
  if (!charset)
    return sl_extract_html(bytes, len, out, err);
  sl_buf utf8 = SL_BUF_INIT;
  sl_status st = sl_charset_to_utf8(bytes, len, charset, &utf8, NULL, err);
  if (st == SL_OK)
    st = sl_extract_html(utf8.ptr, utf8.len, out, err);
  sl_buf_release(&utf8);
  return st;
}

sl_status sl_extract_html(const char *bytes, size_t len, sl_article *out,
                          sl_error *err) {
  sl_article_release(out);
  sl_page page;
  sl_page_init(&page);
  sl_status st = sl_html_extract(bytes, len, &page, err);
  if (st == SL_OK)
    st = set_from(&out->text, &page.text);
  if (st == SL_OK)
    st = set_from(&out->title, &page.title);
  if (st == SL_OK)
    st = set_from(&out->author, &page.author);
  if (st == SL_OK)
    st = set_from(&out->source, &page.site);
  if (st == SL_OK)
    st = set_from(&out->url, &page.url);
  if (st == SL_OK)
    st = set_from(&out->language, &page.language);
  if (st == SL_OK && page.date.len &&
      sl_date_parse(page.date.ptr, page.date.len, &out->date, NULL) == SL_OK)
    strcpy(out->date_origin, "page");
  if (st == SL_ENOMEM)
    sl_error_set(err, st, "out of memory");
  sl_page_release(&page);
  return st;
}
