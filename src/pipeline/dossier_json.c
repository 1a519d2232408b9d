/* storyline pipeline: the dossier as JSON, with the field names that
 * docs/dossier.schema.json fixes. */
#include <stdlib.h>
#include <string.h>

#include "pipeline/dossier_int.h"

static json_t *date_or_null(sl_date d) {
  char s[11];
  sl_date_format(d, s);
  return s[0] ? json_string(s) : json_null();
}

static json_t *str_or_null(const char *s) {
  return s ? json_string(s) : json_null();
}

json_t *sl__dos_source(const sl__dos_input *x, size_t i) {
  const sl_dos_article *a = &x->in[i];
  return json_pack("{s:I, s:s, s:o}", "id", (json_int_t)a->id, "ref",
                   a->ref ? a->ref : "", "outlet", str_or_null(a->outlet));
}

static json_t *sources_of(const sl__dos_input *x, const size_t *arts,
                          size_t n) {
  json_t *arr = json_array();
  for (size_t i = 0; i < n; i++)
    json_array_append_new(arr, sl__dos_source(x, arts[i]));
  return arr;
}

/* The article an article copies: {id, ref, relation}, else null. */
static json_t *copy_of(const sl__dos_input *x, size_t i) {
  const sl_dos_article *a = &x->in[i];
  if (!a->copy_of)
    return json_null();
  const char *ref = NULL;
  for (size_t k = 0; k < x->n; k++)
    if (x->in[k].id == a->copy_of)
      ref = x->in[k].ref;
  return json_pack("{s:I, s:o, s:s}", "id", (json_int_t)a->copy_of, "ref",
                   str_or_null(ref), "relation",
                   a->relation ? a->relation : "near");
}

static json_t *sources_json(const sl__dos_input *x, const sl_dos_sources *s) {
  json_t *outlets = json_array(), *arts = json_array();
  for (size_t i = 0; i < s->n_outlets; i++)
    json_array_append_new(outlets,
                          json_pack("{s:o, s:I}", "outlet",
                                    str_or_null(s->outlets[i].name), "articles",
                                    (json_int_t)s->outlets[i].articles));
  for (size_t i = 0; i < x->n; i++) {
    json_t *o = sl__dos_source(x, i);
    json_object_set_new(o, "date", date_or_null(x->in[i].date));
    json_object_set_new(o, "title", str_or_null(x->in[i].title));
    json_object_set_new(o, "copy_of", copy_of(x, i));
    json_array_append_new(arts, o);
  }
  json_t *first = json_null();
  if (s->first != SIZE_MAX) {
    first = sl__dos_source(x, s->first);
    json_object_set_new(first, "date", date_or_null(x->in[s->first].date));
  }
  return json_pack("{s:o, s:o, s:o}", "outlets", outlets, "first", first,
                   "articles", arts);
}

/* A sentence's text on one line: runs of white space become one space. */
static json_t *sentence_text(const sl_dos *d, size_t sent) {
  const sl_dos_sent *s = &SL_VEC_AT(&d->sents, sl_dos_sent, sent);
  const char *t = d->arts[s->art].text + s->lead;
  size_t len = s->end - s->lead, n = 0;
  char *buf = malloc(len + 1);
  if (!buf)
    return NULL;
  for (size_t i = 0; i < len; i++) {
    bool space = t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r';
    if (!space)
      buf[n++] = t[i];
    else if (n && buf[n - 1] != ' ')
      buf[n++] = ' ';
  }
  while (n && buf[n - 1] == ' ')
    n--;
  json_t *out = json_stringn(buf, n);
  free(buf);
  return out;
}

static json_t *summary_json(const sl__dos_input *x, const sl_dos *d,
                            const sl_vec *picks) {
  json_t *arr = json_array();
  for (size_t i = 0; i < picks->len; i++) {
    const sl_dos_pick *p = &SL_VEC_AT(picks, sl_dos_pick, i);
    json_array_append_new(arr, json_pack("{s:o, s:o}", "text",
                                         sentence_text(d, p->sent), "sources",
                                         sources_of(x, p->arts, p->n_arts)));
  }
  return arr;
}

static json_t *disagreements_json(const sl__dos_input *x, const sl_vec *dis) {
  json_t *arr = json_array();
  for (size_t i = 0; i < dis->len; i++) {
    const sl_dos_disagree *g = &SL_VEC_AT(dis, sl_dos_disagree, i);
    json_t *vs = json_array();
    for (size_t k = 0; k < g->n; k++)
      json_array_append_new(
          vs, json_pack("{s:s, s:o}", "value", g->v[k].value, "sources",
                        sources_of(x, g->v[k].arts, g->v[k].n_arts)));
    json_array_append_new(
        arr, json_pack("{s:s, s:o}", "about", g->about, "variants", vs));
  }
  return arr;
}

static json_t *storyline_json(const sl__dos_input *x) {
  json_t *arr = json_array();
  for (size_t i = 0; i < x->n_line; i++) {
    const sl__dos_story *s = &x->line[i];
    json_array_append_new(arr, json_pack("{s:I, s:o, s:o, s:o}", "id",
                                         (json_int_t)s->id, "title",
                                         str_or_null(s->title), "first_date",
                                         date_or_null(s->first), "last_date",
                                         date_or_null(s->last)));
  }
  return arr;
}

/* The story's timeline entries, as `storyline timeline --story ID` gives
 * them (gathered by dossier_run.c). */
static json_t *timeline_json(const sl__dos_input *x, const sl_dos *d) {
  (void)d;
  return x->timeline ? json_incref(x->timeline) : json_array();
}

json_t *sl__dos_json(const sl__dos_input *x, const sl_dos *d,
                     const sl_dos_sources *src, const sl_vec *picks,
                     const sl_vec *disagreements) {
  json_t *o = json_object();
  json_object_set_new(o, "id", json_integer(x->story.id));
  json_object_set_new(o, "title", str_or_null(x->story.title));
  json_object_set_new(o, "first_date", date_or_null(x->story.first));
  json_object_set_new(o, "last_date", date_or_null(x->story.last));
  json_object_set_new(o, "sources", sources_json(x, src));
  json_object_set_new(o, "summary", summary_json(x, d, picks));
  json_object_set_new(o, "timeline", timeline_json(x, d));
  json_object_set_new(o, "storyline", storyline_json(x));
  json_object_set_new(o, "entities",
                      x->entities ? json_incref(x->entities) : json_array());
  json_object_set_new(o, "quotes",
                      x->quotes ? json_incref(x->quotes) : json_array());
  json_object_set_new(o, "disagreements", disagreements_json(x, disagreements));
  return o;
}
