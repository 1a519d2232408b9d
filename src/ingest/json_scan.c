/* storyline ingest: the JSON Lines scanner (see json_scan.h). Strings without
 * escapes are handed over in place; values the caller does not read are
 * validated and skipped. */
#include <string.h>

#include "base/utf8.h"
#include "ingest/json_scan.h"

enum { MAX_DEPTH = 256 };

typedef struct scanner {
  const char *s, *p, *end;
  sl_buf key, val; /* unescaped strings with escapes */
  sl_error *err;
  sl_status st;
} scanner;

static sl_status fail(scanner *sc, const char *what) {
  size_t col = (size_t)(sc->p - sc->s) + 1;
  if (sc->st != SL_OK)
    return sc->st;
  if (sc->p >= sc->end)
    sc->st =
        sl_error_set(sc->err, SL_EPARSE, "truncated JSON at column %zu", col);
  else
    sc->st = sl_error_set(sc->err, SL_EPARSE,
                          "malformed JSON at column %zu: %s", col, what);
  return sc->st;
}

static void skip_ws(scanner *sc) {
  while (sc->p < sc->end &&
         (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\n' || *sc->p == '\r'))
    sc->p++;
}

static int hex4(const char *p) {
  int v = 0;
  for (int i = 0; i < 4; i++) {
    char c = p[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0)
      return -1;
    v = v * 16 + d;
  }
  return v;
}

/* A \u escape at sc->p (after the backslash and 'u'), with a following low
 * surrogate when it is a high one. Returns the code point or -1. */
static int32_t unicode_escape(scanner *sc) {
  if (sc->end - sc->p < 4)
    return -1;
  int32_t cp = hex4(sc->p);
  sc->p += 4;
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    if (sc->end - sc->p < 6 || sc->p[0] != '\\' || sc->p[1] != 'u')
      return -1;
    int lo = hex4(sc->p + 2);
    if (lo < 0xDC00 || lo > 0xDFFF)
      return -1;
    sc->p += 6;
    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
  } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
    return -1;
  }
  /* \u0000 is valid JSON, but a NUL has no place in stored text (C
   * strings, SQLite, the terminal): it becomes U+FFFD, as invalid UTF-8
   * does. */
  return cp == 0 ? 0xFFFD : cp;
}

/* An escape after its backslash. On a bad one, returns SL_EPARSE with what
 * is wrong in `*what`; the caller reports it at the backslash. */
static sl_status escape(scanner *sc, sl_buf *out, const char **what) {
  char c = *sc->p++;
  static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
  const char *at = c ? strchr(from, c) : NULL;
  if (at)
    return sl_buf_putc(out, to[at - from]);
  *what = "invalid escape";
  if (c != 'u')
    return SL_EPARSE;
  int32_t cp = unicode_escape(sc);
  char enc[4];
  int n = cp >= 0 ? sl_utf8_encode(cp, enc) : 0;
  *what = "invalid \\u escape";
  return n ? sl_buf_append(out, enc, (size_t)n) : SL_EPARSE;
}

/* A string at sc->p (on its opening quote). `*out` points into the input
 * when there is no escape, else into `buf`. */
static sl_status string(scanner *sc, sl_buf *buf, sl_str *out) {
  const char *start = ++sc->p;
  bool copied = false;
  sl_buf_clear(buf);
  while (sc->p < sc->end) {
    unsigned char c = (unsigned char)*sc->p;
    if (c == '"') {
      *out = copied ? sl_str_of(buf->ptr, buf->len)
                    : sl_str_of(start, (size_t)(sc->p - start));
      sc->p++;
      return SL_OK;
    }
    if (c < 0x20)
      return fail(sc, "control character in string");
    if (c != '\\') {
      const char *run = sc->p;
      while (sc->p < sc->end && *sc->p != '"' && *sc->p != '\\' &&
             (unsigned char)*sc->p >= 0x20)
        sc->p++;
      if (copied && sl_buf_append(buf, run, (size_t)(sc->p - run)) != SL_OK)
        return fail(sc, "string too long");
      continue;
    }
    if (!copied && sl_buf_append(buf, start, (size_t)(sc->p - start)) != SL_OK)
      return fail(sc, "string too long");
    copied = true;
    const char *backslash = sc->p++;
    if (sc->p >= sc->end)
      break;
    const char *what = "string too long";
    if (escape(sc, buf, &what) != SL_OK) {
      sc->p = backslash;
      return fail(sc, what);
    }
  }
  return fail(sc, "unterminated string");
}

static sl_status number(scanner *sc) {
  const char *p = sc->p;
  if (p < sc->end && *p == '-')
    p++;
  if (p < sc->end && *p == '0') {
    p++;
  } else if (p < sc->end && *p >= '1' && *p <= '9') {
    while (p < sc->end && *p >= '0' && *p <= '9')
      p++;
  } else {
    sc->p = p;
    return fail(sc, "invalid number");
  }
  if (p < sc->end && *p == '.') {
    const char *d = ++p;
    while (p < sc->end && *p >= '0' && *p <= '9')
      p++;
    if (p == d)
      return sc->p = p, fail(sc, "invalid number");
  }
  if (p < sc->end && (*p == 'e' || *p == 'E')) {
    p++;
    if (p < sc->end && (*p == '+' || *p == '-'))
      p++;
    const char *d = p;
    while (p < sc->end && *p >= '0' && *p <= '9')
      p++;
    if (p == d)
      return sc->p = p, fail(sc, "invalid number");
  }
  sc->p = p;
  return SL_OK;
}

static sl_status literal(scanner *sc, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(sc->end - sc->p) < n || memcmp(sc->p, word, n) != 0) {
    if ((size_t)(sc->end - sc->p) < n &&
        memcmp(sc->p, word, (size_t)(sc->end - sc->p)) == 0)
      sc->p = sc->end;
    return fail(sc, "invalid literal");
  }
  sc->p += n;
  return SL_OK;
}

static sl_status value(scanner *sc, int depth, sl_json_kind *kind);

/* The members or elements of a container, after its opening bracket. */
static sl_status container(scanner *sc, int depth, bool object) {
  char close = object ? '}' : ']';
  skip_ws(sc);
  if (sc->p < sc->end && *sc->p == close) {
    sc->p++;
    return SL_OK;
  }
  for (;;) {
    sl_json_kind k;
    sl_str ignored;
    skip_ws(sc);
    if (object) {
      if (sc->p >= sc->end || *sc->p != '"')
        return fail(sc, "expected a string key");
      if (string(sc, &sc->key, &ignored) != SL_OK)
        return sc->st;
      skip_ws(sc);
      if (sc->p >= sc->end || *sc->p != ':')
        return fail(sc, "expected ':'");
      sc->p++;
    }
    if (value(sc, depth + 1, &k) != SL_OK)
      return sc->st;
    skip_ws(sc);
    if (sc->p < sc->end && *sc->p == ',') {
      sc->p++;
      continue;
    }
    if (sc->p < sc->end && *sc->p == close) {
      sc->p++;
      return SL_OK;
    }
    return fail(sc, object ? "expected ',' or '}'" : "expected ',' or ']'");
  }
}

static sl_status value(scanner *sc, int depth, sl_json_kind *kind) {
  if (depth > MAX_DEPTH)
    return fail(sc, "nesting too deep");
  skip_ws(sc);
  if (sc->p >= sc->end)
    return fail(sc, "expected a value");
  sl_str s;
  switch (*sc->p) {
  case '"':
    *kind = SL_JSON_STRING;
    return string(sc, &sc->val, &s);
  case '{':
  case '[':
    *kind = *sc->p == '{' ? SL_JSON_OBJECT : SL_JSON_ARRAY;
    sc->p++;
    return container(sc, depth, *kind == SL_JSON_OBJECT);
  case 't':
    *kind = SL_JSON_TRUE;
    return literal(sc, "true");
  case 'f':
    *kind = SL_JSON_FALSE;
    return literal(sc, "false");
  case 'n':
    *kind = SL_JSON_NULL;
    return literal(sc, "null");
  default:
    *kind = SL_JSON_NUMBER;
    return number(sc);
  }
}

/* One top-level member: key, colon, value, handed to the callback. */
static sl_status member(scanner *sc, int (*fn)(void *, const sl_json_member *),
                        void *ud) {
  sl_json_member m = {{NULL, 0}, SL_JSON_NULL, {NULL, 0}, {NULL, 0}};
  if (sc->p >= sc->end || *sc->p != '"')
    return fail(sc, "expected a string key");
  if (string(sc, &sc->key, &m.key) != SL_OK)
    return sc->st;
  /* A key with escapes lives in sc->key, which nested keys reuse: copy it
   * until the callback. */
  sl_buf key_copy = SL_BUF_INIT;
  if (m.key.ptr == sc->key.ptr) {
    if (sl_buf_append(&key_copy, m.key.ptr, m.key.len) != SL_OK)
      return fail(sc, "key too long");
    m.key = sl_str_of(key_copy.ptr, key_copy.len);
  }
  skip_ws(sc);
  sl_status st = SL_OK;
  if (sc->p >= sc->end || *sc->p != ':')
    st = fail(sc, "expected ':'");
  else
    sc->p++;
  skip_ws(sc);
  const char *raw = sc->p;
  if (st == SL_OK && *sc->p == '"') {
    m.kind = SL_JSON_STRING;
    st = string(sc, &sc->val, &m.value);
  } else if (st == SL_OK) {
    st = value(sc, 1, &m.kind);
    m.value = sl_str_of(raw, (size_t)(sc->p - raw));
  }
  m.raw = sl_str_of(raw, (size_t)(sc->p - raw));
  if (st == SL_OK && fn(ud, &m))
    st = sc->st = SL_ECANCELED;
  sl_buf_release(&key_copy);
  return st;
}

static sl_status object(scanner *sc, int (*fn)(void *, const sl_json_member *),
                        void *ud) {
  sc->p++;
  skip_ws(sc);
  if (sc->p < sc->end && *sc->p == '}') {
    sc->p++;
    return SL_OK;
  }
  for (;;) {
    skip_ws(sc);
    if (member(sc, fn, ud) != SL_OK)
      return sc->st;
    skip_ws(sc);
    if (sc->p < sc->end && *sc->p == ',') {
      sc->p++;
      continue;
    }
    if (sc->p < sc->end && *sc->p == '}') {
      sc->p++;
      return SL_OK;
    }
    return fail(sc, "expected ',' or '}'");
  }
}

sl_status sl_json_scan_object(const char *s, size_t len,
                              int (*fn)(void *ud, const sl_json_member *m),
                              void *ud, sl_error *err) {
  scanner sc = {s, s, s + len, SL_BUF_INIT, SL_BUF_INIT, err, SL_OK};
  skip_ws(&sc);
  bool is_object = sc.p < sc.end && *sc.p == '{';
  sl_json_kind kind;
  sl_status st = is_object ? object(&sc, fn, ud) : value(&sc, 0, &kind);
  if (st == SL_OK) {
    skip_ws(&sc);
    if (sc.p < sc.end)
      st = fail(&sc, "unexpected text after the value");
    else if (!is_object)
      st = sl_error_set(err, SL_EPARSE, "record is not a JSON object");
  }
  sl_buf_release(&sc.key);
  sl_buf_release(&sc.val);
  return st;
}
