/* storyline ingest: one JSON Lines record as an article, under the
 * news-please and common field names; unknown fields are kept verbatim. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest_int.h"
#include "ingest/json_scan.h"
#include "text/date.h"

enum field { F_ID, F_TITLE, F_TEXT, F_DATE, F_SOURCE, F_URL, F_LANG, NFIELDS };

/* Field names by field, in order of preference (first present wins). */
static const char *const names[NFIELDS][8] = {
    [F_ID] = {"id", "_id", "uuid", "guid"},
    [F_TITLE] = {"title", "headline"},
    [F_TEXT] = {"text", "maintext", "body", "content", "article"},
    [F_DATE] = {"date", "date_publish", "published", "date_published",
                "publish_date", "pubDate", "datetime"},
    [F_SOURCE] = {"source", "source_domain", "outlet", "publisher",
                  "site_name"},
    [F_URL] = {"url", "link", "canonical_url"},
    [F_LANG] = {"language", "lang"},
};

enum { NONE = 99 }; /* rank of a field no member gave */

typedef struct record {
  const sl_warn_cb *warn;
  sl_buf value[NFIELDS]; /* the chosen value of each field */
  int rank[NFIELDS];     /* index in names[] of the chosen name, NONE */
  sl_str raw[NFIELDS];   /* the chosen value as it stands in the line */
  int bad_text;          /* rank of a text member that is not a string */
  char bad_text_name[16];
  sl_buf extra; /* unknown members, as a compact JSON object */
  sl_status st;
} record;

/* The field a key names and its rank, or -1. */
static int field_of(sl_str key, int *rank) {
  for (int f = 0; f < NFIELDS; f++)
    for (int r = 0; names[f][r]; r++)
      if (strlen(names[f][r]) == key.len &&
          memcmp(names[f][r], key.ptr, key.len) == 0) {
        *rank = r;
        return f;
      }
  return -1;
}

/* Whether a JSON number's text fits the 64-bit integer or the double
 * that JSON readers (jansson, for `article --json`) turn it into. */
static bool number_fits(const char *p, size_t n) {
  bool neg = n && p[0] == '-';
  size_t digits = n - neg;
  if (!memchr(p, '.', n) && !memchr(p, 'e', n) && !memchr(p, 'E', n)) {
    const char *max = neg ? "9223372036854775808" : "9223372036854775807";
    return digits < 19 || (digits == 19 && memcmp(p + neg, max, 19) <= 0);
  }
  char tmp[128];
  if (n >= sizeof tmp)
    return false; /* 128 digits: no double keeps them */
  memcpy(tmp, p, n);
  tmp[n] = '\0';
  double v = strtod(tmp, NULL);
  return v < HUGE_VAL && v > -HUGE_VAL;
}

/* Appends a string token, a \u0000 in it made \ufffd as the scanner reads
 * it; returns the bytes used. */
static size_t append_string(sl_buf *out, const char *p, size_t n,
                            sl_status *st) {
  size_t i = 1, from = 0;
  for (; i < n && p[i] != '"'; i++) {
    if (p[i] != '\\')
      continue;
    if (n - i >= 6 && memcmp(p + i, "\\u0000", 6) == 0) {
      if (*st == SL_OK)
        *st = sl_buf_append(out, p + from, i - from);
      if (*st == SL_OK)
        *st = sl_buf_puts(out, "\\ufffd");
      from = i + 6;
    }
    i++;
  }
  i += i < n; /* the closing quote */
  if (*st == SL_OK)
    *st = sl_buf_append(out, p + from, i - from);
  return i;
}

/* Appends a valid JSON value without the white space between its tokens,
 * so `extra` is compact whatever the line's layout. A number too large for
 * JSON readers becomes a string of its text, so `extra` stays readable
 * whole; a \u0000 becomes \ufffd. */
static sl_status append_compact(sl_buf *out, sl_str raw) {
  sl_status st = SL_OK;
  for (size_t i = 0; st == SL_OK && i < raw.len;) {
    const char *p = raw.ptr + i;
    size_t n = 1;
    if (*p == '"') {
      n = append_string(out, p, raw.len - i, &st);
    } else if (*p == '-' || (*p >= '0' && *p <= '9')) {
      while (i + n < raw.len && p[n] && strchr("+-.eE0123456789", p[n]))
        n++;
      bool fits = number_fits(p, n);
      if (!fits)
        st = sl_buf_putc(out, '"');
      if (st == SL_OK)
        st = sl_buf_append(out, p, n);
      if (st == SL_OK && !fits)
        st = sl_buf_putc(out, '"');
    } else if (!*p || !strchr(" \t\n\r", *p)) {
      st = sl_buf_putc(out, *p);
    }
    i += n;
  }
  return st;
}

/* Appends one member to extra: the key escaped, the value compact. */
static sl_status keep_extra(record *r, sl_str key, sl_str raw) {
  sl_status st = sl_buf_putc(&r->extra, r->extra.len ? ',' : '{');
  if (st == SL_OK)
    st = sl_buf_putc(&r->extra, '"');
  for (size_t i = 0; st == SL_OK && i < key.len; i++) {
    char c = key.ptr[i];
    if (c == '"' || c == '\\')
      st = sl_buf_putc(&r->extra, '\\');
    if (st == SL_OK)
      st = (unsigned char)c < 0x20 ? sl_buf_printf(&r->extra, "\\u%04x", c)
                                   : sl_buf_putc(&r->extra, c);
  }
  if (st == SL_OK)
    st = sl_buf_puts(&r->extra, "\":");
  if (st == SL_OK)
    st = append_compact(&r->extra, raw);
  return st;
}

/* A number used as an id: an integer as written, another number in plain
 * decimal when it is whole ("1.5e3" -> "1500"), else as written. */
static sl_status number_text(sl_buf *out, sl_str raw) {
  char tmp[64];
  size_t plain = 0; /* leading bytes of an integer */
  while (plain < raw.len && strchr("-0123456789", raw.ptr[plain]))
    plain++;
  if (plain < raw.len && raw.len < sizeof tmp) {
    memcpy(tmp, raw.ptr, raw.len);
    tmp[raw.len] = '\0';
    double v = strtod(tmp, NULL);
    if (v > -1e15 && v < 1e15 && (double)(long long)v == v)
      return sl_buf_printf(out, "%lld", (long long)v);
  }
  return sl_buf_append(out, raw.ptr, raw.len);
}

/* A member of a known field that is not a string (nor an id number):
 * refused later for the text when it is the preferred one, else ignored
 * with a warning. */
static void not_a_string(record *r, enum field f, int rank) {
  if (f != F_TEXT) {
    sl__warn(r->warn, SL_EPARSE, "field '%s' is not a string; ignored",
             names[f][rank]);
  } else if (rank < r->bad_text) {
    r->bad_text = rank;
    snprintf(r->bad_text_name, sizeof r->bad_text_name, "%s",
             names[F_TEXT][rank]);
  }
}

/* Chooses the member as the value of field `f`; the value chosen before
 * under a less preferred name is kept in extra. */
static sl_status choose(record *r, enum field f, int rank,
                        const sl_json_member *m) {
  sl_status st = SL_OK;
  if (r->rank[f] != NONE)
    st = keep_extra(r, sl_str_cstr(names[f][r->rank[f]]), r->raw[f]);
  r->rank[f] = rank;
  r->raw[f] = m->raw; /* points into the line, which outlives the scan */
  sl_buf_clear(&r->value[f]);
  if (st == SL_OK)
    st = m->kind == SL_JSON_NUMBER
             ? number_text(&r->value[f], m->value)
             : sl_buf_append(&r->value[f], m->value.ptr, m->value.len);
  return st;
}

static int on_member(void *ud, const sl_json_member *m) {
  record *r = ud;
  int rank;
  int f = field_of(m->key, &rank);
  if (f < 0 || (rank > r->rank[f] && m->kind != SL_JSON_NULL)) {
    r->st = keep_extra(r, m->key, m->raw); /* unknown, or a less preferred
                                              name of a field already set */
    return r->st != SL_OK;
  }
  if (m->kind == SL_JSON_NULL || rank == r->rank[f])
    return 0; /* absent, or a repeated key */
  if (m->kind != SL_JSON_STRING && !(f == F_ID && m->kind == SL_JSON_NUMBER)) {
    not_a_string(r, (enum field)f, rank);
    return 0;
  }
  r->st = choose(r, (enum field)f, rank, m);
  return r->st != SL_OK;
}

/* Sets `*field` from the chosen value, cleaned (CRLF, trailing blanks). */
static sl_status set_field(record *r, enum field f, char **field) {
  if (r->rank[f] == NONE)
    return SL_OK;
  sl_buf clean = SL_BUF_INIT;
  sl_status st =
      sl__clean_text(r->value[f].ptr, r->value[f].len, NULL, &clean, NULL);
  if (st == SL_OK && clean.len)
    st = sl_article_set(field, clean.ptr, clean.len);
  else if (st == SL_EUTF8)
    st = SL_OK; /* cannot happen: the scanner reads \u0000 as U+FFFD */
  sl_buf_release(&clean);
  return st;
}

/* The given date. One that cannot be read is dropped with a warning; the
 * pipeline then infers one from the text, as for a record without one. */
static void set_date(record *r, sl_article *out) {
  const sl_buf *v = &r->value[F_DATE];
  sl_str given = sl_str_trim(sl_str_of(v->ptr, v->len));
  if (r->rank[F_DATE] != NONE && given.len) {
    if (sl_date_parse(given.ptr, given.len, &out->date, NULL) == SL_OK)
      strcpy(out->date_origin, "given");
    else
      sl__warn(r->warn, SL_EPARSE, "unparseable date '%.*s'; date left empty",
               (int)(given.len > 60 ? 60 : given.len), given.ptr);
  }
}

/* "en-US", "EN": a lowercase two-letter code when there is one. */
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
  sl_status st = set_field(r, F_ID, &out->ref);
  if (st != SL_OK || out->ref)
    return st;
  size_t n = strlen(origin) + 24;
  char *joined = malloc(n);
  if (!joined)
    return SL_ENOMEM;
  snprintf(joined, n, "%s:%llu", origin, (unsigned long long)line);
  free(out->ref);
  out->ref = joined;
  return SL_OK;
}

static sl_status fill(record *r, const char *origin, uint64_t line,
                      sl_article *out, sl_error *err) {
  sl_status st = set_field(r, F_TEXT, &out->text);
  if (st == SL_OK)
    st = set_field(r, F_TITLE, &out->title);
  if (st != SL_OK)
    return sl_error_set(err, st, "out of memory");
  if (r->bad_text < r->rank[F_TEXT])
    return sl_error_set(err, SL_EPARSE, "field '%s' is not a string",
                        r->bad_text_name);
  if (!out->text && !out->title)
    return sl_error_set(err, SL_EEMPTY, "record has no text");
  if (!out->text) { /* headline corpora: the title is the whole record */
    sl__warn(r->warn, SL_EEMPTY, "record has a title but no text");
    st = sl_article_set(&out->text, "", 0);
  }
  if (st == SL_OK)
    st = set_ref(r, origin, line, out);
  if (st == SL_OK)
    st = set_field(r, F_SOURCE, &out->source);
  if (st == SL_OK)
    st = set_field(r, F_URL, &out->url);
  if (st == SL_OK)
    st = set_field(r, F_LANG, &out->language);
  if (st == SL_OK && r->extra.len)
    st = sl_buf_putc(&r->extra, '}');
  if (st == SL_OK && r->extra.len)
    st = sl_article_set(&out->extra, r->extra.ptr, r->extra.len);
  if (st != SL_OK)
    return sl_error_set(err, st, "out of memory");
  set_date(r, out);
  normalise_language(out);
  return SL_OK;
}

sl_status sl_parse_jsonl(const char *bytes, size_t len, const char *origin,
                         uint64_t line, const sl_warn_cb *warn, sl_article *out,
                         sl_error *err) {
  record r;
  memset(&r, 0, sizeof r);
  r.warn = warn;
  for (int f = 0; f < NFIELDS; f++) {
    sl_buf_init(&r.value[f], 0);
    r.rank[f] = NONE;
  }
  r.bad_text = NONE;
  sl_buf_init(&r.extra, 0);
  sl_buf clean = SL_BUF_INIT;
  sl_status st = sl__sanitize(bytes, len, warn, &clean, err);
  if (st == SL_OK)
    st = sl_json_scan_object(clean.ptr, clean.len, on_member, &r, err);
  if (st == SL_ECANCELED)
    st = sl_error_set(err, r.st, "out of memory");
  if (st == SL_OK)
    st = fill(&r, origin, line, out, err);
  for (int f = 0; f < NFIELDS; f++)
    sl_buf_release(&r.value[f]);
  sl_buf_release(&r.extra);
  sl_buf_release(&clean);
  return st;
}
