/* storyline bench (included by bench_dedup.c): relations of the SemEval
 * 2022 pairs against their human similarity scores, and re-translated
 * copies (pair ids given twice with different texts) as rewrites. */

typedef struct band {
  size_t n, rel[5];
  double res, align;
} band;

static int band_of(double score) {
  return score < 1.5 ? 0 : score < 2.5 ? 1 : score < 3.5 ? 2 : 3;
}

static void pair_fps(json_t *r, const char *side, sl_dedup_fp *fp) {
  char tk[8], xk[8];
  snprintf(tk, sizeof tk, "title%s", side);
  snprintf(xk, sizeof xk, "text%s", side);
  const char *title = json_string_value(json_object_get(r, tk));
  const char *text = json_string_value(json_object_get(r, xk));
  fp_of(fp, title, text ? text : "");
}

typedef struct seen_pair {
  char *pair;
  sl_buf blob[2];
  char *text[2];
} seen_pair;

/* A pair id met again with other texts: each side against its earlier
 * version. Identical texts are not counted (they are exact copies). */
static void rewrite_pairs(seen_pair *old, sl_dedup_fp *a[2], sl_dedup_fp *b,
                          json_t *r, size_t rel[5], size_t *n) {
  const sl_dedup_opts *o = NULL;
  sl_dedup_opts def;
  sl_dedup_opts_default(&def);
  o = &def;
  for (int s = 0; s < 2; s++) {
    const char *text =
        json_string_value(json_object_get(r, s ? "text2" : "text1"));
    if (!text || strcmp(text, old->text[s]) == 0)
      continue;
    if (sl_dedup_fp_load(b, old->blob[s].ptr, old->blob[s].len) != SL_OK)
      die_oom();
    sl_dup_match m;
    sl_dedup_compare(a[s], b, o, &m);
    if (getenv("BENCH_DEBUG"))
      printf("RW %.3f %.3f %.3f %.3f res %.3f\n", sl__dedup_align(a[s], b, 0.3),
             sl__dedup_align(a[s], b, 0.4), sl__dedup_align(a[s], b, 0.5),
             sl__dedup_align(a[s], b, 0.6), m.resemblance);
    rel[m.rel]++;
    (*n)++;
  }
}

static int cmd_semeval(const char *path) {
  gzFile in = gzopen(path, "rb");
  if (!in) {
    printf("bench_dedup: skipped: '%s' not found\n", path);
    return 1;
  }
  static char line[1 << 22];
  band bands[4] = {0};
  sl_dedup_opts o;
  sl_dedup_opts_default(&o);
  sl_dedup_fp *a[2] = {sl_dedup_fp_new(), sl_dedup_fp_new()},
              *b = sl_dedup_fp_new();
  seen_pair *seen = NULL;
  size_t nseen = 0, rw_rel[5] = {0}, rw_n = 0;
  while (gzgets(in, line, sizeof line)) {
    json_t *r = json_loads(line, 0, NULL);
    const char *pair = json_string_value(json_object_get(r, "pair"));
    double score = json_number_value(json_object_get(r, "overall"));
    pair_fps(r, "1", a[0]);
    pair_fps(r, "2", a[1]);
    sl_dup_match m;
    sl_dedup_compare(a[1], a[0], &o, &m);
    band *bd = &bands[band_of(score)];
    bd->n++, bd->rel[m.rel]++;
    bd->res += m.resemblance, bd->align += m.alignment;
    size_t k = 0;
    while (k < nseen && strcmp(seen[k].pair, pair) != 0)
      k++;
    if (k < nseen) {
      rewrite_pairs(&seen[k], a, b, r, rw_rel, &rw_n);
    } else {
      seen = realloc(seen, (nseen + 1) * sizeof *seen);
      seen_pair *sp = &seen[nseen++];
      sp->pair = strdup(pair);
      for (int s = 0; s < 2; s++) {
        sl_buf_init(&sp->blob[s], 0);
        if (sl_dedup_fp_save(a[s], &sp->blob[s]) != SL_OK)
          die_oom();
        const char *t =
            json_string_value(json_object_get(r, s ? "text2" : "text1"));
        sp->text[s] = strdup(t ? t : "");
      }
    }
    json_decref(r);
  }
  gzclose(in);
  static const char *const names[4] = {"1-1.5 very similar", "1.5-2.5",
                                       "2.5-3.5", "3.5-4 very dissimilar"};
  printf("== SemEval-2022 pairs: share marked duplicate per human score band"
         " (all %zu rows)\n",
         bands[0].n + bands[1].n + bands[2].n + bands[3].n);
  printf("%-22s %5s %7s %7s %9s %7s %7s %9s %9s\n", "overall score", "pairs",
         "exact", "near", "contained", "rewrite", "any", "mean res",
         "mean aln");
  for (int i = 0; i < 4; i++) {
    const band *bd = &bands[i];
    double n = bd->n ? (double)bd->n : 1;
    size_t any = bd->n - bd->rel[SL_DUP_NONE];
    printf("%-22s %5zu %7.3f %7.3f %9.3f %7.3f %7.3f %9.3f %9.3f\n", names[i],
           bd->n, bd->rel[SL_DUP_EXACT] / n, bd->rel[SL_DUP_NEAR] / n,
           bd->rel[SL_DUP_CONTAINED] / n, bd->rel[SL_DUP_REWRITE] / n, any / n,
           bd->res / n, bd->align / n);
  }
  printf("-- re-translated / paraphrased copies (a pair id given again with "
         "another text; each side vs its earlier version): %zu\n",
         rw_n);
  for (int rel = SL_DUP_NONE; rel <= SL_DUP_REWRITE; rel++)
    printf("   %-10s %5zu (%.3f)\n", sl_dup_rel_str(rel), rw_rel[rel],
           rw_n ? (double)rw_rel[rel] / rw_n : 0);
  for (size_t k = 0; k < nseen; k++) {
    free(seen[k].pair);
    for (int s = 0; s < 2; s++) {
      sl_buf_release(&seen[k].blob[s]);
      free(seen[k].text[s]);
    }
  }
  free(seen);
  sl_dedup_fp_free(a[0]);
  sl_dedup_fp_free(a[1]);
  sl_dedup_fp_free(b);
  return 0;
}

/* Calibration aid (BENCH_DEBUG): alignment scores of the re-translated
 * copies and of every same-story pair of ecbplus-dev, per sent_min. */
static int cmd_calibrate(const char *data, const char *pairs) {
  docs d = {0};
  char path[4096];
  snprintf(path, sizeof path, "%s/stories/ecbplus-dev.jsonl.gz", data);
  if (load_docs(path, &d))
    return 1;
  sl_dedup_fp **fps = xmalloc(d.n * sizeof *fps);
  for (size_t i = 0; i < d.n; i++) {
    fps[i] = sl_dedup_fp_new();
    fp_of(fps[i], d.d[i].title, d.d[i].text);
  }
  static const double mins[] = {0.3, 0.4, 0.5, 0.6};
  for (int k = 0; k < 4; k++) {
    size_t hist[11] = {0};
    for (size_t i = 0; i < d.n; i++)
      for (size_t j = 0; j < i; j++)
        if (strcmp(d.d[i].story, d.d[j].story) == 0) {
          double a = sl__dedup_align(fps[i], fps[j], mins[k]);
          hist[(int)(a * 10)]++;
        }
    printf("ecb same-story sent_min %.1f:", mins[k]);
    for (int b = 0; b < 11; b++)
      printf(" %zu", hist[b]);
    printf("\n");
  }
  (void)pairs;
  return 0;
}
