/* storyline pipeline: the JSON form of public objects, shared by the CLI
 * and (later) the HTTP API. */
#include <inttypes.h>
#include <stdio.h>

#include <jansson.h>

#include "storyline/engine.h"

static json_t *str_or_null(const char *s) {
  return s ? json_string(s) : json_null();
}

static void add_full(json_t *o, const sl_article *a) {
  char hash[17];
  snprintf(hash, sizeof hash, "%016" PRIx64, a->content_hash);
  json_object_set_new(o, "date_origin",
                      a->date_origin[0] ? json_string(a->date_origin)
                                        : json_null());
  json_object_set_new(o, "hash", json_string(hash));
  json_object_set_new(o, "author", str_or_null(a->author));
  json_t *extra = a->extra ? json_loads(a->extra, 0, NULL) : NULL;
  json_object_set_new(o, "extra", extra ? extra : json_object());
  json_object_set_new(o, "text", str_or_null(a->text));
}

sl_status sl_article_to_json(const sl_article *a, bool full, char **out) {
  *out = NULL;
  json_t *o = json_object();
  if (!o)
    return SL_ENOMEM;
  char date[11];
  sl_date_format(a->date, date);
  json_object_set_new(o, "id", json_integer(a->id));
  json_object_set_new(o, "ref", str_or_null(a->ref));
  json_object_set_new(o, "title", str_or_null(a->title));
  json_object_set_new(o, "date", date[0] ? json_string(date) : json_null());
  json_object_set_new(o, "source", str_or_null(a->source));
  json_object_set_new(o, "url", str_or_null(a->url));
  json_object_set_new(o, "language", str_or_null(a->language));
  json_object_set_new(o, "duplicate_of",
                      a->duplicate_of ? json_integer(a->duplicate_of)
                                      : json_null());
  json_object_set_new(o, "relation",
                      a->relation[0] ? json_string(a->relation) : json_null());
  if (a->duplicate_of)
    json_object_set_new(o, "dup_score", json_real(a->dup_score));
  if (full)
    add_full(o, a);
  *out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
                           JSON_REAL_PRECISION(3));
  json_decref(o);
  return *out ? SL_OK : SL_ENOMEM;
}
