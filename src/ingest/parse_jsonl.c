/* storyline ingest: one JSON Lines record as an article, under the
 * news-please and common field names; unknown fields are kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ingest/ingest_int.h"
#include "text/date.h"

/* Field names, first present wins. */
static const char *const id_keys[] = {"id", "_id", "uuid", "guid", NULL};
static const char *const title_keys[] = {"title", "headline", NULL};
static const char *const text_keys[] = {"text",    "maintext", "body",
                                        "content", "article",  NULL};
static const char *const date_keys[] = {
    "date",         "date_publish", "published", "date_published",
    "publish_date", "pubDate",      "datetime",  NULL};
static const char *const source_keys[] = {
    "source", "source_domain", "outlet", "publisher", "site_name", NULL};
static const char *const url_keys[] = {"url", "link", "canonical_url", NULL};
static const char *const lang_keys[] = {"language", "lang", NULL};

typedef struct record {
  json_t *obj;
  const sl_warn_cb *warn;
  sl_buf scratch;
} record;

/* The first of `keys` with a non-null value: its string (numbers as their
 * decimal text), removed from the object so that only unknown fields
 * remain. NULL when absent or not a string (with a warning). */
static const char *take(record *r, const char *const *keys, char *num,
                        size_t numlen, json_t **keep) {
  for (; *keys; keys++) {
    json_t *v = json_object_get(r->obj, *keys);
    if (json_is_null(v))
      json_object_del(r->obj, *keys); /* a known field, empty: not extra */
    if (!v || json_is_null(v))
      continue;
    json_incref(v);
    json_object_del(r->obj, *keys);
    *keep = v;
    if (json_is_string(v))
      return json_string_value(v);
    if (json_is_integer(v) && num) {
      snprintf(num, numlen, "%lld", (long long)json_integer_value(v));
      return num;
    }
    sl__warn(r->warn, SL_EPARSE, "field '%s' is not a string; ignored", *keys);
    return NULL;
  }
  return NULL;
}

/* Sets `*field` from the first of `keys`, cleaned (UTF-8 is valid already:
 * jansson checked it). */
static sl_status set_field(record *r, const char *const *keys, char **field) {
  json_t *keep = NULL;
  char num[32];
  const char *v = take(r, keys, num, sizeof num, &keep);
  sl_status st = SL_OK;
  if (v) {
    st = sl__clean_text(v, strlen(v), NULL, &r->scratch, NULL);
    if (st == SL_OK && r->scratch.len)
      st = sl_article_set(field, r->scratch.ptr, r->scratch.len);
  }
  json_decref(keep);
  return st;
}

static sl_status set_date(record *r, sl_article *out) {
  json_t *keep = NULL;
  const char *v = take(r, date_keys, NULL, 0, &keep);
  if (v && *v) {
    if (sl_date_parse(v, strlen(v), &out->date, NULL) == SL_OK)
      strcpy(out->date_origin, "given");
    else
      sl__warn(r->warn, SL_EPARSE, "unparseable date '%.60s'; date left empty",
               v);
  }
  json_decref(keep);
  if (!out->date.year && out->text &&
      sl_date_find(out->text, strlen(out->text), &out->date, NULL, NULL))
    strcpy(out->date_origin, "text");
  return SL_OK;
}

/* "en-US", "EN", "eng"? Keep a lowercase two-letter code when there is one. */
static void normalise_language(sl_article *out) {
  char *l = out->language;
  if (!l)
    return;
  for (char *p = l; *p; p++)
    if (*p >= 'A' && *p <= 'Z')
      *p = (char)(*p + 32);
  if (strlen(l) > 2 && (l[2] == '-' || l[2] == '_'))
    l[2] = '\0';
  if (strlen(l) != 2 || l[0] < 'a' || l[0] > 'z' || l[1] < 'a' || l[1] > 'z') {
    free(out->language);
    out->language = NULL;
  }
}

static sl_status set_ref(record *r, const char *origin, uint64_t line,
                         sl_article *out) {
  sl_status st = set_field(r, id_keys, &out->ref);
  if (st != SL_OK || out->ref)
    return st;
  sl_buf_clear(&r->scratch);
  st = sl_buf_printf(&r->scratch, "%s:%llu", origin, (unsigned long long)line);
  if (st == SL_OK)
    st = sl_article_set(&out->ref, r->scratch.ptr, r->scratch.len);
  return st;
}

static sl_status fill(record *r, const char *origin, uint64_t line,
                      sl_article *out, sl_error *err) {
  sl_status st = set_field(r, text_keys, &out->text);
  if (st == SL_OK)
    st = set_field(r, title_keys, &out->title);
  if (st != SL_OK)
    return sl_error_set(err, st, "out of memory");
  if (!out->text && !out->title)
    return sl_error_set(err, SL_EEMPTY, "record has no text");
  if (!out->text) {
    sl__warn(r->warn, SL_EEMPTY, "record has a title but no text");
    st = sl_article_set(&out->text, "", 0);
  }
  if (st == SL_OK)
    st = set_ref(r, origin, line, out);
  if (st == SL_OK)
    st = set_field(r, source_keys, &out->source);
  if (st == SL_OK)
    st = set_field(r, url_keys, &out->url);
  if (st == SL_OK)
    st = set_field(r, lang_keys, &out->language);
  if (st == SL_OK)
    st = set_date(r, out);
  normalise_language(out);
  if (st == SL_OK && json_object_size(r->obj)) {
    char *extra = json_dumps(r->obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
    st = extra ? SL_OK : SL_ENOMEM;
    out->extra = extra;
  }
  return st == SL_OK ? SL_OK : sl_error_set(err, st, "out of memory");
}

static sl_status load(const sl_buf *clean, json_t **obj, sl_error *err) {
  json_error_t je;
  *obj = json_loadb(clean->ptr, clean->len, JSON_DECODE_ANY, &je);
  if (!*obj) {
    bool truncated = je.position >= (int)clean->len;
    return sl_error_set(err, SL_EPARSE, "%s JSON at column %d: %s",
                        truncated ? "truncated" : "malformed", je.column,
                        je.text);
  }
  if (!json_is_object(*obj)) {
    json_decref(*obj);
    *obj = NULL;
    return sl_error_set(err, SL_EPARSE, "record is not a JSON object");
  }
  return SL_OK;
}

sl_status sl_parse_jsonl(const char *bytes, size_t len, const char *origin,
                         uint64_t line, const sl_warn_cb *warn, sl_article *out,
                         sl_error *err) {
  record r = {NULL, warn, SL_BUF_INIT};
  sl_buf clean = SL_BUF_INIT;
  sl_status st = sl__sanitize(bytes, len, warn, &clean, err);
  if (st == SL_OK)
    st = load(&clean, &r.obj, err);
  if (st == SL_OK)
    st = fill(&r, origin, line, out, err);
  json_decref(r.obj);
  sl_buf_release(&r.scratch);
  sl_buf_release(&clean);
  return st;
}
