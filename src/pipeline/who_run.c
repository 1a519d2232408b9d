/* storyline pipeline: who. Every stored article's named-entity mentions
 * and quotes; a story's entities (aliases merged across its articles) and
 * who said what. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/vec.h"
#include "pipeline/analyze.h"
#include "pipeline/pipeline_int.h"

#ifndef SL_MODEL_DIR
#define SL_MODEL_DIR "models"
#endif

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *buf = NULL;
  if (fseek(f, 0, SEEK_END) == 0) {
    long n = ftell(f);
    if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)))
      *len = fread(buf, 1, (size_t)n, f);
    if (buf && *len != (size_t)n) {
      free(buf);
      buf = NULL;
    }
  }
  fclose(f);
  return buf;
}

const sl_ner_model *sl__who_model(sl_engine *eng, const char **why) {
  *why = NULL;
  if (eng->ner || eng->ner_tried) {
    *why = eng->ner ? NULL : eng->ner_path;
    return eng->ner;
  }
  eng->ner_tried = true;
  const char *env = getenv("STORYLINE_NER_MODEL");
  char path[400];
  snprintf(path, sizeof path, "%s",
           env && *env ? env : SL_MODEL_DIR "/ner.model");
  size_t len = 0;
  char *bytes = read_all(path, &len);
  sl_error err;
  sl_error_clear(&err);
  if (bytes && sl_ner_load(bytes, len, &eng->ner, &err) != SL_OK)
    eng->ner = NULL;
  free(bytes);
  if (!eng->ner)
    snprintf(eng->ner_path, sizeof eng->ner_path,
             "no named-entity model at '%s'%s%s: entities not found", path,
             err.msg[0] ? ": " : "", err.msg);
  *why = eng->ner ? NULL : eng->ner_path;
  return eng->ner;
}

sl_status sl__who_article(sl_engine *eng, const sl_article *a, sl_error *err) {
  const char *why;
  const sl_ner_model *m = sl__who_model(eng, &why);
  if (!m)
    return SL_OK;
  size_t len = sl_analysed_len(a->text, strlen(a->text)), nm = 0, nq = 0;
  sl_mention *men = NULL;
  sl_quote *quo = NULL;
  sl_status st = sl_ner_tag_text(m, a->text, len, &men, &nm);
  if (st == SL_OK)
    st = sl_quotes_find(a->text, len, men, nm, &quo, &nq);
  sl_store_mention *sm = nm ? malloc(nm * sizeof *sm) : NULL;
  sl_store_quote *sq = nq ? malloc(nq * sizeof *sq) : NULL;
  if (st == SL_OK && ((nm && !sm) || (nq && !sq)))
    st = SL_ENOMEM;
  for (size_t i = 0; st == SL_OK && i < nm; i++)
    sm[i] = (sl_store_mention){men[i].start, men[i].end, men[i].type,
                               men[i].sentence};
  for (size_t i = 0; st == SL_OK && i < nq; i++)
    sq[i] = (sl_store_quote){quo[i].start,     quo[i].end,     quo[i].speaker,
                             quo[i].who_start, quo[i].who_end, quo[i].kind};
  if (st == SL_OK)
    st = sl_store_who_put(eng->store, a->id, sm, nm, sq, nq, err);
  else
    sl_error_set(err, st, "cannot find the entities of article %lld: %s",
                 (long long)a->id, sl_status_str(st));
  if (st == SL_OK)
    st = sl__who_file(eng, a->id, a->text, len, men, nm, err);
  free(sm);
  free(sq);
  free(men);
  free(quo);
  return st;
}

/* ---- a story ----------------------------------------------------------- */

/* What one article of the story brings. */
typedef struct member {
  sl_article a;
  sl_vec mentions; /* sl_store_mention */
  sl_vec quotes;   /* sl_store_quote */
  sl_vec ments;    /* sl_mention, for the alias merge */
} member;

static void member_release(member *m) {
  sl_article_release(&m->a);
  sl_vec_release(&m->mentions);
  sl_vec_release(&m->quotes);
  sl_vec_release(&m->ments);
}

static sl_status load_member(sl_engine *eng, int64_t id, member *m,
                             sl_error *err) {
  sl_article_init(&m->a);
  sl_vec_init(&m->mentions, sizeof(sl_store_mention));
  sl_vec_init(&m->quotes, sizeof(sl_store_quote));
  sl_vec_init(&m->ments, sizeof(sl_mention));
  sl_status st = sl_store_article_get(eng->store, id, NULL, &m->a, err);
  if (st == SL_OK)
    st = sl_store_who_get(eng->store, id, &m->mentions, &m->quotes, err);
  size_t len = st == SL_OK ? strlen(m->a.text) : 0;
  for (size_t i = 0; st == SL_OK && i < m->mentions.len; i++) {
    const sl_store_mention *s = &SL_VEC_AT(&m->mentions, sl_store_mention, i);
    sl_mention x = {s->start, s->end, s->type, s->sentence};
    /* A mention in a line cleaned away later (boilerplate learned since)
     * is left out; quotes point at mentions by index, so keep the slot. */
    if (x.end > len || x.start >= x.end)
      x.start = x.end = 0;
    st = sl_vec_push(&m->ments, &x);
  }
  return st;
}

static json_t *entities_json(const sl_who *w) {
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < w->n; i++) {
    const sl_entity *e = &w->entities[i];
    json_t *forms = json_array();
    for (size_t f = 0; f < e->nforms; f++)
      json_array_append_new(forms,
                            json_pack("{s:s, s:i}", "form", e->forms[f].text,
                                      "count", (int)e->forms[f].count));
    json_array_append_new(arr,
                          json_pack("{s:s, s:s, s:o, s:i}", "name", e->name,
                                    "type", sl_ent_type_str(e->type), "aliases",
                                    forms, "mentions", (int)e->count));
  }
  return arr;
}

/* The speaker of a quote: the canonical name of its mention's entity, else
 * the words that name who said it, else null. */
static json_t *speaker(const member *m, const sl_store_quote *q,
                       const sl_who *w, size_t first_mention) {
  if (q->speaker >= 0 && (size_t)q->speaker < m->ments.len &&
      first_mention + (size_t)q->speaker < w->nmentions)
    return json_string(
        w->entities[w->mention_entity[first_mention + (size_t)q->speaker]]
            .name);
  if (q->who_end > q->who_start && q->who_end <= strlen(m->a.text))
    return json_stringn(m->a.text + q->who_start, q->who_end - q->who_start);
  return json_null();
}

/* Adds the article to the quote's sources, or the quote when it is new. */
static void add_quote(json_t *arr, json_t *who, json_t *text,
                      const sl_article *a) {
  json_t *src = json_pack("{s:I, s:o}", "id", (json_int_t)a->id, "source",
                          a->source ? json_string(a->source) : json_null());
  size_t i;
  json_t *q;
  json_array_foreach(arr, i, q) {
    if (json_equal(json_object_get(q, "text"), text) &&
        json_equal(json_object_get(q, "speaker"), who)) {
      json_array_append_new(json_object_get(q, "sources"), src);
      json_decref(who);
      json_decref(text);
      return;
    }
  }
  json_t *sources = json_array();
  json_array_append_new(sources, src);
  json_array_append_new(arr, json_pack("{s:o, s:o, s:o}", "speaker", who,
                                       "text", text, "sources", sources));
}

static json_t *quotes_json(const member *ms, size_t n, const sl_who *w) {
  json_t *arr = json_array();
  size_t first = 0;
  for (size_t k = 0; arr && k < n; k++) {
    const member *m = &ms[k];
    size_t tlen = strlen(m->a.text);
    for (size_t i = 0; i < m->quotes.len; i++) {
      const sl_store_quote *q = &SL_VEC_AT(&m->quotes, sl_store_quote, i);
      if (q->end > tlen || q->start >= q->end)
        continue;
      add_quote(arr, speaker(m, q, w, first),
                json_stringn(m->a.text + q->start, q->end - q->start), &m->a);
    }
    first += m->ments.len;
  }
  return arr;
}

static char *dump(json_t *v) {
  char *s = v ? json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  json_decref(v);
  return s;
}

sl_status sl__who_story(sl_engine *eng, const int64_t *ids, size_t n,
                        char **entities, char **quotes, sl_error *err) {
  *entities = *quotes = NULL;
  member *ms = calloc(n ? n : 1, sizeof *ms);
  sl_alias_doc *docs = calloc(n ? n : 1, sizeof *docs);
  sl_status st = ms && docs ? SL_OK : SL_ENOMEM;
  size_t loaded = 0;
  for (; st == SL_OK && loaded < n; loaded++) {
    st = load_member(eng, ids[loaded], &ms[loaded], err);
    docs[loaded] = (sl_alias_doc){
        ms[loaded].a.text, ms[loaded].a.text ? strlen(ms[loaded].a.text) : 0,
        ms[loaded].ments.data, ms[loaded].ments.len};
  }
  sl_who w = {0};
  if (st == SL_OK)
    st = sl_alias_merge(docs, n, &w);
  if (st == SL_OK) {
    *entities = dump(entities_json(&w));
    *quotes = dump(quotes_json(ms, n, &w));
    if (!*entities || !*quotes)
      st = SL_ENOMEM;
  }
  if (st == SL_ENOMEM)
    sl_error_set(err, st, "out of memory");
  sl_who_release(&w);
  for (size_t i = 0; ms && i < loaded; i++)
    member_release(&ms[i]);
  free(ms);
  free(docs);
  return st;
}
