/* storyline ingest: a JSON document (an array of objects, or objects one
 * after another, pretty-printed or not) split into its records as its
 * bytes stream in, so a large .json file is read like JSON Lines, a record
 * at a time. Only strings and brackets are followed here; each record is
 * validated by the JSON Lines parser. */
#include <stdio.h>
#include <string.h>

#include "ingest/json_doc.h"

enum { TOP, ELEMENT, RECORD, SCALAR, JUNK };
enum { FIRST, VALUE, SEPARATOR }; /* what an array expects next */

void sl__json_doc_init(sl_json_doc *d, uint64_t first_line) {
  memset(d, 0, sizeof *d);
  sl_buf_init(&d->rec, SL_INGEST_MAX_LINE);
  d->line = first_line;
  d->state = TOP;
}

void sl__json_doc_release(sl_json_doc *d) {
  sl_buf_release(&d->rec);
}

static bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Bytes [from, to) belong to the current record. */
static void keep(sl_json_doc *d, const char *from, const char *to) {
  if (!d->too_big && to > from &&
      sl_buf_append(&d->rec, from, (size_t)(to - from)) != SL_OK) {
    d->too_big = true;
    sl_buf_release(&d->rec);
  }
}

static sl_status emit(sl_json_doc *d, const sl_json_doc_cb *cb) {
  sl_status st = SL_OK;
  if (d->too_big) {
    char msg[64];
    snprintf(msg, sizeof msg, "record longer than %zu MiB",
             SL_INGEST_MAX_LINE >> 20);
    cb->on_error(cb->ud, d->rec_line, SL_ETOOBIG, msg);
  } else {
    st = cb->on_record(cb->ud, d->rec.ptr, d->rec.len, d->rec_line);
  }
  d->records++;
  d->too_big = false;
  sl_buf_clear(&d->rec);
  d->state = d->in_array ? ELEMENT : TOP;
  d->expect = SEPARATOR;
  return st;
}

static void complain(sl_json_doc *d, const sl_json_doc_cb *cb,
                     const char *what) {
  cb->on_error(cb->ud, d->line, SL_EPARSE, what);
}

/* A byte between an array's elements: a separator, the closing bracket,
 * or the start of an element. */
static void in_array(sl_json_doc *d, char c, const sl_json_doc_cb *cb) {
  if (c == ',') {
    if (d->expect != SEPARATOR)
      complain(d, cb, "malformed JSON array: an empty element");
    d->expect = VALUE;
  } else if (c == ']') {
    if (d->expect == VALUE)
      complain(d, cb, "malformed JSON array: a ',' before ']'");
    d->in_array = false;
    d->closed = true;
    d->state = TOP;
  } else {
    if (d->expect == SEPARATOR)
      complain(d, cb, "malformed JSON array: a missing ','");
    d->state = c == '{' || c == '[' ? RECORD : SCALAR;
  }
}

/* A byte outside any record. */
static void between(sl_json_doc *d, char c, const sl_json_doc_cb *cb) {
  if (d->state == ELEMENT) {
    in_array(d, c, cb);
  } else if (c == '[' && !d->records && !d->closed) {
    d->in_array = true;
    d->expect = FIRST;
    d->state = ELEMENT;
  } else if (c == '{' && !d->closed) {
    d->state = RECORD;
  } else {
    complain(d, cb,
             d->closed ? "unexpected text after the JSON array"
                       : "unexpected text between JSON records");
    d->state = JUNK;
  }
  if (d->state == RECORD || d->state == SCALAR) {
    d->depth = 1;
    d->in_string = c == '"';
    d->escape = false;
    d->rec_line = d->line;
  }
}

/* One byte inside a record, after its first; returns whether the record
 * ended (for a scalar: before this byte). */
static bool inside(sl_json_doc *d, char c) {
  if (d->in_string) {
    if (d->escape)
      d->escape = false;
    else if (c == '\\')
      d->escape = true;
    else if (c == '"')
      d->in_string = false;
    return false;
  }
  if (d->state == SCALAR) /* a number, literal or string element */
    return c == ',' || c == ']' || is_space(c);
  if (c == '"')
    d->in_string = true;
  else if (c == '{' || c == '[')
    d->depth++;
  else if (c == '}' || c == ']')
    return --d->depth == 0;
  return false;
}

sl_status sl__json_doc_feed(sl_json_doc *d, const char *p, size_t n,
                            const sl_json_doc_cb *cb) {
  const char *end = p + n;
  const char *from = d->state == RECORD || d->state == SCALAR ? p : NULL;
  for (; p < end; p++) {
    char c = *p;
    if (from && inside(d, c)) {
      bool scalar = d->state == SCALAR;
      keep(d, from, scalar ? p : p + 1);
      from = NULL;
      sl_status st = emit(d, cb);
      if (st != SL_OK)
        return st;
      if (scalar) {
        p--; /* the byte after a scalar is read again */
        continue;
      }
    } else if (d->state == JUNK) {
      if (c == '\n')
        d->state = TOP;
    } else if (!from && !is_space(c)) {
      between(d, c, cb);
      if (d->state == RECORD || d->state == SCALAR)
        from = p;
    }
    d->line += c == '\n';
  }
  if (from)
    keep(d, from, end);
  return SL_OK;
}

sl_status sl__json_doc_end(sl_json_doc *d, const sl_json_doc_cb *cb) {
  sl_status st = SL_OK;
  if (d->state == SCALAR && !d->in_string) {
    st = emit(d, cb);
  } else if (d->state == RECORD || d->state == SCALAR) {
    cb->on_error(cb->ud, d->rec_line, SL_EPARSE,
                 "truncated JSON: the record is not closed");
    d->records++;
  }
  if (d->in_array)
    complain(d, cb, "truncated JSON array: no closing ']'");
  return st;
}

bool sl__json_doc_ahead(const char *p, size_t n) {
  size_t i = 0;
  while (i < n && is_space(p[i]))
    i++;
  if (i == n)
    return false;
  if (p[i] == '[')
    return true;
  if (p[i] != '{')
    return false;
  /* JSON Lines when the object closes on its first line. */
  sl_json_doc d;
  memset(&d, 0, sizeof d);
  d.state = RECORD;
  d.depth = 1;
  for (i++; i < n && p[i] != '\n'; i++)
    if (inside(&d, p[i]))
      return false;
  return i < n; /* a first line longer than what was read: JSON Lines */
}
