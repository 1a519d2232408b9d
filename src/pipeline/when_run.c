/* storyline pipeline: when. An undated article gets the publication date
 * its text states (with a confidence; metadata is never overridden), and
 * every sentence of every stored article (of its analysed part, see
 * SL_ANALYSIS_MAX_BYTES) its anchor date. */
#include <string.h>

#include "base/vec.h"
#include "pipeline/analyze.h"
#include "pipeline/pipeline_int.h"
#include "storyline/when.h"

void sl__when_pubdate(sl_article *a) {
  bool given = strcmp(a->date_origin, "given") == 0 ||
               strcmp(a->date_origin, "page") == 0;
  if (given && a->date.year) {
    a->date_confidence = 1.0;
    return;
  }
  sl_when_pubdate p;
  sl_date none = {0, 0, 0};
  size_t len = a->text ? sl_analysed_len(a->text, strlen(a->text)) : 0;
  if (a->text && sl_when_pubdate_infer(a->text, len, none, &p)) {
    a->date = p.date;
    a->date_confidence = p.confidence;
    memcpy(a->date_origin, p.origin, sizeof a->date_origin);
    a->date_origin[sizeof a->date_origin - 1] = '\0';
  } else {
    a->date = none;
    a->date_confidence = 0;
    a->date_origin[0] = '\0';
  }
}

sl_status sl__when_anchors(sl_store *store, const sl_article *a,
                           sl_error *err) {
  size_t len = sl_analysed_len(a->text, strlen(a->text));
  sl_timex_list found = {NULL, 0};
  sl_when_anchor_list anchors = {NULL, 0};
  sl_status st = sl_when_find(a->text, len, a->date, &found);
  if (st == SL_OK)
    st = sl_when_anchors(a->text, len, a->date, &found, &anchors);
  sl_vec rows;
  sl_vec_init(&rows, sizeof(sl_store_anchor));
  for (size_t i = 0; st == SL_OK && i < anchors.count; i++) {
    const sl_when_anchor *w = &anchors.items[i];
    sl_store_anchor row = {w->start, w->end, w->date, NULL, 0, NULL};
    if (w->timex >= 0 && (size_t)w->timex < found.count) {
      const sl_timex *t = &found.items[w->timex];
      row.expr = a->text + t->start;
      row.expr_len = t->end - t->start;
      row.value = t->value;
    }
    st = sl_vec_push(&rows, &row);
  }
  if (st == SL_OK)
    st = sl_store_anchors_put(store, a->id, rows.data, rows.len, err);
  else
    sl_error_set(err, st, "cannot date the sentences of article %lld: %s",
                 (long long)a->id, sl_status_str(st));
  sl_vec_release(&rows);
  sl_timex_list_release(&found);
  sl_when_anchor_list_release(&anchors);
  return st;
}
