/* storyline store: a user's search query into an FTS5 MATCH expression.
 * The user's words only ever reach FTS5 inside quoted strings, so that no
 * query, however odd, is read as FTS5 syntax or fails in SQLite. */
#include <string.h>

#include "store/fts.h"
#include "text/token.h"

/* Parentheses deeper than this are refused (the parser recurses). */
enum { MAX_DEPTH = 16 };

typedef struct parser {
  const char *q; /* the whole query */
  const char *p;
  const char *lang;
  int depth;
  sl_error *err;
} parser;

static bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

static void skip_space(parser *ps) {
  while (is_space(*ps->p))
    ps->p++;
}

/* Whether a word ends at `c`. */
static bool ends_word(char c) {
  return !c || is_space(c) || c == '(' || c == ')' || c == '"';
}

/* Whether the next word is the keyword `kw` (upper case, as FTS5's). */
static bool at_keyword(const parser *ps, const char *kw) {
  size_t n = strlen(kw);
  return strncmp(ps->p, kw, n) == 0 && ends_word(ps->p[n]);
}

/* Whether `len` bytes of text hold anything the index keeps. */
static sl_status has_terms(const char *s, size_t len, bool *yes) {
  sl_vec toks;
  sl_vec_init(&toks, sizeof(sl_token));
  sl_status st = sl_tokenize(s, len, &toks);
  *yes = false;
  for (size_t i = 0; st == SL_OK && i < toks.len; i++) {
    uint8_t k = SL_VEC_AT(&toks, sl_token, i).kind;
    *yes |= k == SL_TOK_WORD || k == SL_TOK_NUMBER || k == SL_TOK_ABBREV;
  }
  sl_vec_release(&toks);
  return st;
}

/* Appends `len` bytes of user text as one FTS5 string with the language
 * mark; nothing when it holds no term. */
static sl_status quote(parser *ps, const char *s, size_t len, sl_buf *out) {
  bool yes;
  sl_status st = has_terms(s, len, &yes);
  if (st != SL_OK || !yes)
    return st;
  st = sl_buf_printf(out, "\"%c%s%c", SL_FTS_MARK_OPEN, ps->lang,
                     SL_FTS_MARK_CLOSE);
  for (size_t i = 0; st == SL_OK && i < len; i++)
    st = s[i] == '"' ? sl_buf_puts(out, "\"\"") : sl_buf_putc(out, s[i]);
  return st == SL_OK ? sl_buf_putc(out, '"') : st;
}

static sl_status parse_or(parser *ps, sl_buf *out);

/* A word, a "phrase" or a (group) into `out` (left empty when it holds no
 * term). */
static sl_status parse_atom(parser *ps, sl_buf *out) {
  const char *s = ps->p;
  if (*s == '"') {
    const char *end = strchr(s + 1, '"');
    if (!end)
      return sl_error_set(ps->err, SL_EINVAL,
                          "unclosed quote in the query at byte %zu",
                          (size_t)(s - ps->q) + 1);
    ps->p = end + 1;
    return quote(ps, s + 1, (size_t)(end - s - 1), out);
  }
  if (*s == '(') {
    if (++ps->depth > MAX_DEPTH)
      return sl_error_set(ps->err, SL_EINVAL,
                          "the query nests parentheses too deep");
    ps->p++;
    size_t start = out->len;
    sl_status st = sl_buf_putc(out, '(');
    if (st == SL_OK)
      st = parse_or(ps, out);
    skip_space(ps);
    if (st == SL_OK && *ps->p != ')')
      return sl_error_set(ps->err, SL_EINVAL,
                          "unclosed parenthesis in the query");
    ps->p++;
    ps->depth--;
    if (st == SL_OK && out->len == start + 1)
      sl_buf_truncate(out, start); /* an empty group: nothing */
    return st == SL_OK && out->len > start ? sl_buf_putc(out, ')') : st;
  }
  while (!ends_word(*ps->p))
    ps->p++;
  return quote(ps, s, (size_t)(ps->p - s), out);
}

/* Joins the group's required parts with AND, then its negated ones with
 * NOT, in parentheses. */
static sl_status join_and(const sl_buf *pos, const sl_buf *neg, size_t npos,
                          sl_buf *out) {
  if (!npos)
    return SL_OK;
  sl_status st = sl_buf_putc(out, '(');
  if (st == SL_OK)
    st = sl_buf_append(out, pos->ptr, pos->len);
  if (st == SL_OK)
    st = sl_buf_append(out, neg->ptr, neg->len);
  return st == SL_OK ? sl_buf_putc(out, ')') : st;
}

/* One term of an AND group: [NOT | -] atom, into `pos` or `neg`. */
static sl_status parse_term(parser *ps, sl_buf *pos, sl_buf *neg, size_t *npos,
                            size_t *nneg, sl_buf *tmp) {
  bool negated = false;
  if (at_keyword(ps, "NOT")) {
    ps->p += 3;
    skip_space(ps);
    negated = true;
  } else if (*ps->p == '-' && !ends_word(ps->p[1])) {
    ps->p++;
    negated = true;
  }
  sl_buf_clear(tmp);
  sl_status st = parse_atom(ps, tmp);
  if (st != SL_OK || !tmp->len)
    return st;
  sl_buf *to = negated ? neg : pos;
  if (negated)
    st = sl_buf_puts(to, " NOT ");
  else if ((*npos)++)
    st = sl_buf_puts(to, " AND ");
  *nneg += negated;
  return st == SL_OK ? sl_buf_append(to, tmp->ptr, tmp->len) : st;
}

/* Terms up to an OR, a closing parenthesis or the end. */
static sl_status parse_and(parser *ps, sl_buf *out) {
  sl_buf pos, neg, tmp;
  sl_buf_init(&pos, 0);
  sl_buf_init(&neg, 0);
  sl_buf_init(&tmp, 0);
  size_t npos = 0, nneg = 0;
  sl_status st = SL_OK;
  for (;;) {
    skip_space(ps);
    if (!*ps->p || *ps->p == ')' || at_keyword(ps, "OR"))
      break;
    if (at_keyword(ps, "AND")) {
      ps->p += 3;
      continue;
    }
    st = parse_term(ps, &pos, &neg, &npos, &nneg, &tmp);
    if (st != SL_OK)
      break;
  }
  if (st == SL_OK && nneg && !npos)
    st = sl_error_set(ps->err, SL_EINVAL,
                      "NOT and -word leave out articles: the query needs a "
                      "word to look for beside them");
  if (st == SL_OK)
    st = join_and(&pos, &neg, npos, out);
  sl_buf_release(&pos);
  sl_buf_release(&neg);
  sl_buf_release(&tmp);
  return st;
}

static sl_status parse_or(parser *ps, sl_buf *out) {
  size_t start = out->len;
  sl_status st = parse_and(ps, out);
  while (st == SL_OK && at_keyword(ps, "OR")) {
    bool left = out->len > start;
    ps->p += 2;
    st = left ? sl_buf_puts(out, " OR ") : SL_OK;
    size_t mid = out->len;
    if (st == SL_OK)
      st = parse_and(ps, out);
    if (st == SL_OK && (!left || out->len == mid))
      return sl_error_set(ps->err, SL_EINVAL,
                          "OR needs words to look for on both sides");
  }
  return st;
}

sl_status sl_fts_query(const char *query, const char *lang, sl_buf *out,
                       sl_error *err) {
  const char *q = query ? query : "";
  parser ps = {q, q, lang && *lang ? lang : "en", 0, err};
  if (strlen(ps.lang) > 8 || strchr(ps.lang, '"'))
    return sl_error_set(err, SL_EINVAL, "invalid language '%s'", ps.lang);
  size_t start = out->len;
  sl_status st = parse_or(&ps, out);
  skip_space(&ps);
  if (st == SL_OK && *ps.p == ')')
    st = sl_error_set(err, SL_EINVAL, "unbalanced ')' in the query at byte %zu",
                      (size_t)(ps.p - q) + 1);
  if (st == SL_OK && out->len == start)
    st = sl_error_set(err, SL_EINVAL, "the query has no word to look for");
  if (st != SL_OK)
    sl_buf_truncate(out, start);
  return st;
}
