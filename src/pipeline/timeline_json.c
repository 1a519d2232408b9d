/* storyline pipeline: a timeline as JSON, the shape `storyline timeline
 * --json` prints and the evaluation reads. */
#include <stdlib.h>

#include <jansson.h>

#include "storyline/story.h"

static json_t *sentence_json(const sl_tl_sentence *s) {
  json_t *o = json_object(), *src = json_array();
  json_object_set_new(o, "text", json_string(s->text));
  for (size_t i = 0; i < s->n_sources; i++) {
    json_t *x = json_object();
    json_object_set_new(x, "id", json_integer(s->sources[i].id));
    json_object_set_new(x, "ref", json_string(s->sources[i].ref));
    json_object_set_new(x, "outlet", json_string(s->sources[i].outlet));
    json_array_append_new(src, x);
  }
  json_object_set_new(o, "sources", src);
  return o;
}

static json_t *entry_json(const sl_tl_entry *e) {
  char date[11];
  sl_date_format(e->date, date);
  json_t *o = json_object(), *sents = json_array();
  json_object_set_new(o, "date", json_string(date));
  json_object_set_new(o, "stated", json_boolean(e->stated));
  if (e->period) {
    json_object_set_new(o, "background", json_true());
    json_object_set_new(o, "period", json_string(e->period));
  }
  for (size_t i = 0; i < e->n_sentences; i++)
    json_array_append_new(sents, sentence_json(&e->sentences[i]));
  json_object_set_new(o, "sentences", sents);
  return o;
}

sl_status sl_timeline_to_json(const sl_timeline *tl, char **out) {
  *out = NULL;
  json_t *root = json_object(), *entries = json_array();
  if (!root || !entries) {
    json_decref(root);
    json_decref(entries);
    return SL_ENOMEM;
  }
  for (size_t i = 0; i < tl->n_entries; i++)
    json_array_append_new(entries, entry_json(&tl->entries[i]));
  json_object_set_new(root, "entries", entries);
  *out = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(root);
  return *out ? SL_OK : SL_ENOMEM;
}
