/* storyline cluster: the model file: feature weights and thresholds, one
 * "name value" per line. The defaults below are models/cluster.txt as
 * learned by `bench_cluster learn` on the dev corpora. The learner reads
 * the pairs a stream offers, and which pairs it offers depends on the
 * model the stream runs with (these defaults): the shipped model is the
 * learner's fixed point, which learning again gives back exactly. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/cluster_int.h"

static const char *const names[SL_CF_COUNT] = {
    "bias", "terms", "maxsim", "title", "ents", "nums", "days", "seq", "size"};

const char *sl_cluster_feat_name(sl_cluster_feat f) {
  return f < SL_CF_COUNT ? names[f] : "?";
}

void sl_cluster_model_default(sl_cluster_model *m) {
  /* bias terms maxsim title ents nums days seq size */
  static const double w[SL_CF_COUNT] = {-2.35126, 12.9516,  3.86965,
                                        0.519447, 2.43966,  2.36452,
                                        -1.23233, -32.8777, -11.4379};
  memcpy(m->w, w, sizeof w);
  m->join_min = 0.5;
  m->merge_min = 0.5;
  m->related_min = 0.3;
}

static double *field(sl_cluster_model *m, const char *name, size_t len) {
  for (int i = 0; i < SL_CF_COUNT; i++)
    if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
      return &m->w[i];
  if (len == 8 && memcmp(name, "join_min", 8) == 0)
    return &m->join_min;
  if (len == 9 && memcmp(name, "merge_min", 9) == 0)
    return &m->merge_min;
  if (len == 11 && memcmp(name, "related_min", 11) == 0)
    return &m->related_min;
  return NULL;
}

static sl_status parse_line(sl_cluster_model *m, const char *s, size_t len,
                            size_t lineno, sl_error *err) {
  size_t i = 0;
  while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
    i++;
  if (i == len || s[i] == '#')
    return SL_OK;
  size_t start = i;
  while (i < len && s[i] != ' ' && s[i] != '\t')
    i++;
  double *dst = field(m, s + start, i - start);
  if (!dst)
    return sl_error_set(err, SL_EPARSE,
                        "unknown model field '%.*s' on line %zu",
                        (int)(i - start), s + start, lineno);
  char num[64];
  size_t n = len - i < sizeof num - 1 ? len - i : sizeof num - 1;
  memcpy(num, s + i, n);
  num[n] = '\0';
  char *end;
  errno = 0;
  double v = strtod(num, &end);
  while (*end == ' ' || *end == '\t' || *end == '\r')
    end++;
  if (end == num || *end || errno || !isfinite(v))
    return sl_error_set(err, SL_EPARSE, "bad number on line %zu", lineno);
  *dst = v;
  return SL_OK;
}

sl_status sl_cluster_model_parse(sl_cluster_model *m, const char *bytes,
                                 size_t len, sl_error *err) {
  sl_cluster_model tmp;
  sl_cluster_model_default(&tmp);
  size_t lineno = 1;
  for (size_t pos = 0; pos < len; lineno++) {
    const char *nl = memchr(bytes + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - bytes) : len;
    sl_status st = parse_line(&tmp, bytes + pos, end - pos, lineno, err);
    if (st != SL_OK) {
      if (err)
        err->line = lineno;
      return st;
    }
    pos = end + 1;
  }
  *m = tmp;
  return SL_OK;
}

sl_status sl_cluster_model_format(const sl_cluster_model *m, sl_buf *out) {
  sl_status st = sl_buf_puts(
      out, "# storyline story clustering model: logistic weights of the\n"
           "# (doc, story) features and the decision thresholds.\n");
  for (int i = 0; i < SL_CF_COUNT && st == SL_OK; i++)
    st = sl_buf_printf(out, "%-11s %.6g\n", names[i], m->w[i]);
  if (st == SL_OK)
    st = sl_buf_printf(out,
                       "join_min    %.6g\nmerge_min   %.6g\n"
                       "related_min %.6g\n",
                       m->join_min, m->merge_min, m->related_min);
  return st;
}
