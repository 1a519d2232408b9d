/* storyline ingest: reading paths into raw records. Files go through zlib's
 * gz* functions (gzin.c), which decompress gzip (multi-member too) and pass
 * plain files through; JSON Lines are streamed a line at a time so memory
 * stays flat whatever the input size. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "base/buf.h"
#include "base/vec.h"
#include "ingest/ingest_int.h"
#include "ingest/json_doc.h"

/* Bytes are reported every chunk: the report only sets a counter, and the
 * percentage of a terminal's progress line moves with it. */
enum { CHUNK = 256 * 1024, PROGRESS_EVERY = 64 * 1024 };

typedef struct reader {
  const sl_reader_cb *cb;
  sl_format format;
  sl_vec dirs; /* struct dir_id of the folders on the current path */
  sl_buf line; /* the current record */
  unsigned char *chunk;
  uint64_t nbytes, reported;
  sl_status stop; /* status an on_input callback stopped with */
  bool stream;    /* a pipe or a terminal, not a file: it may never end */
} reader;

struct dir_id {
  dev_t dev;
  ino_t ino;
};

static void reject(reader *r, const char *origin, uint64_t line, sl_status code,
                   const char *msg) {
  sl_error e;
  sl_error_clear(&e);
  sl_error_set(&e, code, "%s", msg);
  if (e.msg[0] >= 'A' && e.msg[0] <= 'Z' && e.msg[1] >= 'a' && e.msg[1] <= 'z')
    e.msg[0] = (char)(e.msg[0] + 32); /* strerror's capital: house style */
  e.line = (size_t)line;
  if (r->cb->on_reject)
    r->cb->on_reject(r->cb->ud, origin, line, &e);
}

static void count_bytes(reader *r, size_t n, bool final) {
  r->nbytes += n;
  if (r->cb->on_bytes && (final || r->nbytes - r->reported >= PROGRESS_EVERY)) {
    r->reported = r->nbytes;
    r->cb->on_bytes(r->cb->ud, r->nbytes);
  }
}

static bool has_suffix_n(const char *s, size_t n, const char *suffix) {
  size_t m = strlen(suffix);
  return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

static bool has_suffix(const char *s, const char *suffix) {
  return has_suffix_n(s, strlen(s), suffix);
}

/* JSON Lines by name, or unknown (SL_FORMAT_AUTO) when the name says
 * nothing. */
static sl_format format_by_name(const char *path) {
  static const char *const names[] = {".jsonl", ".ndjson", ".json"};
  size_t n = strlen(path);
  if (has_suffix_n(path, n, ".gz"))
    n -= 3;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (has_suffix_n(path, n, names[i]))
      return SL_FORMAT_JSONL;
  if (has_suffix_n(path, n, ".txt") || has_suffix_n(path, n, ".text"))
    return SL_FORMAT_TEXT;
  if (has_suffix_n(path, n, ".html") || has_suffix_n(path, n, ".htm"))
    return SL_FORMAT_HTML;
  if (has_suffix_n(path, n, ".warc") || has_suffix_n(path, n, ".arc"))
    return SL_FORMAT_WARC;
  return SL_FORMAT_AUTO;
}

static sl_status deliver(reader *r, const char *origin, uint64_t line,
                         sl_format f) {
  sl_input in = {origin, line, f, r->line.ptr, r->line.len, NULL, NULL};
  sl_status st = r->cb->on_input(r->cb->ud, &in);
  if (st != SL_OK)
    r->stop = st;
  return st;
}

static bool blank(const sl_buf *b) {
  for (size_t i = 0; i < b->len; i++)
    if (!b->ptr[i] || !strchr(" \t\r\n\f\v", b->ptr[i]))
      return false;
  return true;
}

/* Ends the current line: delivers it, or rejects it when it was too long. */
static sl_status end_line(reader *r, const char *origin, uint64_t line,
                          bool *too_long, size_t *records) {
  sl_status st = SL_OK;
  if (*too_long) {
    char msg[64];
    snprintf(msg, sizeof msg, "line longer than %zu MiB",
             SL_INGEST_MAX_LINE >> 20);
    reject(r, origin, line, SL_ETOOBIG, msg);
    (*records)++;
  } else if (!blank(&r->line)) {
    st = deliver(r, origin, line, SL_FORMAT_JSONL);
    (*records)++;
  }
  *too_long = false;
  sl_buf_clear(&r->line);
  return st;
}

/* Appends [p, p+n) to the current line unless it already overflowed. */
static void add_to_line(reader *r, const unsigned char *p, size_t n,
                        bool *too_long) {
  if (*too_long)
    return;
  if (sl_buf_append(&r->line, p, n) != SL_OK) {
    *too_long = true;
    sl_buf_release(&r->line);
  }
}

/* Refuses the rest of a stream whose over-long line has run on for
 * another SL_INGEST_MAX_LINE bytes: it may never end (/dev/zero), and
 * reading on would only look for a next line that may never come. A file
 * is read to its end. */
static bool endless(reader *r, const char *origin, uint64_t line,
                    uint64_t skipped, size_t *records) {
  if (!r->stream || skipped <= SL_INGEST_MAX_LINE)
    return false;
  char msg[160];
  snprintf(msg, sizeof msg,
           "line longer than %zu MiB and no line end in the %zu MiB after "
           "it: the rest of %s is not read",
           SL_INGEST_MAX_LINE >> 20, SL_INGEST_MAX_LINE >> 20,
           strcmp(origin, "-") == 0 ? "standard input" : "the stream");
  reject(r, origin, line, SL_ETOOBIG, msg);
  (*records)++;
  return true;
}

static sl_status read_jsonl(reader *r, sl_gzin *gz, const char *origin,
                            uint64_t line, size_t *records) {
  bool too_long = false;
  uint64_t skipped = 0; /* bytes of an over-long line past the cap */
  int n;
  sl_buf_clear(&r->line);
  r->line.max = SL_INGEST_MAX_LINE;
  while ((n = sl__gzin_read(gz, r->chunk, CHUNK)) > 0) {
    count_bytes(r, (size_t)n, false);
    const unsigned char *p = r->chunk, *end = p + n;
    while (p < end) {
      const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
      skipped += too_long ? (size_t)((nl ? nl : end) - p) : 0;
      add_to_line(r, p, (size_t)((nl ? nl : end) - p), &too_long);
      if (!nl)
        break;
      if (end_line(r, origin, line++, &too_long, records) != SL_OK)
        return r->stop;
      skipped = 0;
      p = nl + 1;
    }
    if (endless(r, origin, line, skipped, records))
      return SL_OK;
  }
  if (n == 0 && (r->line.len || too_long))
    return end_line(r, origin, line, &too_long, records);
  return SL_OK;
}

/* Reads the rest of the file after what r->line already holds. */
static sl_status read_whole(reader *r, sl_gzin *gz, const char *origin,
                            size_t *records, sl_format f) {
  int n = 0;
  bool too_long = false;
  r->line.max = SL_INGEST_MAX_FILE;
  /* Past the cap the record is refused: reading stops there, so an endless
   * stream (/dev/zero on standard input) is refused as soon as a long one. */
  while (!too_long && (n = sl__gzin_read(gz, r->chunk, CHUNK)) > 0) {
    count_bytes(r, (size_t)n, false);
    add_to_line(r, r->chunk, (size_t)n, &too_long);
  }
  if (!too_long && n < 0)
    return SL_OK; /* reported by the caller */
  if (too_long) {
    char msg[64];
    snprintf(msg, sizeof msg, "%s larger than %zu MiB",
             strcmp(origin, "-") == 0 ? "standard input" : "file",
             SL_INGEST_MAX_FILE >> 20);
    reject(r, origin, 0, SL_ETOOBIG, msg);
    *records = 1; /* refused already: not empty */
    return SL_OK;
  }
  if (blank(&r->line))
    return SL_OK; /* reported as empty by the caller */
  *records = 1;
  return deliver(r, origin, 0, f);
}

typedef struct doc_reader {
  reader *r;
  const char *origin;
  size_t problems;
} doc_reader;

static sl_status doc_record(void *ud, const char *p, size_t n, uint64_t line) {
  doc_reader *x = ud;
  sl_input in = {x->origin, line, SL_FORMAT_JSONL, p, n, NULL, NULL};
  sl_status st = x->r->cb->on_input(x->r->cb->ud, &in);
  if (st != SL_OK)
    x->r->stop = st;
  return st;
}

static void doc_error(void *ud, uint64_t line, sl_status code,
                      const char *msg) {
  doc_reader *x = ud;
  x->problems++;
  reject(x->r, x->origin, line, code, msg);
}

/* Whether a JSON input is a document (an array, a pretty-printed object)
 * rather than JSON Lines. Reads only as far as the first line of an
 * object, so a pipe's first records are not held back. */
static bool json_document(sl_gzin *gz) {
  size_t n, want = 1;
  const char *p;
  for (;;) {
    n = sl__gzin_fill(gz, want);
    p = (const char *)gz->buf + gz->pos;
    size_t i = 0;
    while (i < n && p[i] && strchr(" \t\r\n", p[i]))
      i++;
    if (i < n && (p[i] != '{' || memchr(p + i, '\n', n - i)))
      break;
    if (n < want || n >= SL_GZIN_BUF)
      break; /* the end of the input, or a full buffer */
    want = n + 1;
  }
  return sl__json_doc_ahead(p, n);
}

/* A JSON document, streamed: each object of the array, or each object of
 * the file, is a record, on the line where it starts. */
static sl_status read_json_doc(reader *r, sl_gzin *gz, const char *origin,
                               uint64_t line, size_t *records) {
  doc_reader x = {r, origin, 0};
  sl_json_doc_cb cb = {doc_record, doc_error, &x};
  sl_json_doc d;
  sl__json_doc_init(&d, line);
  sl_status st = SL_OK;
  int n;
  while (st == SL_OK && (n = sl__gzin_read(gz, r->chunk, CHUNK)) > 0) {
    count_bytes(r, (size_t)n, false);
    st = sl__json_doc_feed(&d, (const char *)r->chunk, (size_t)n, &cb);
  }
  if (st == SL_OK && gz->err.code == SL_OK)
    st = sl__json_doc_end(&d, &cb);
  *records += d.records + x.problems;
  sl__json_doc_release(&d);
  return st;
}

/* Whether the readable bytes after the '[' hold, after blanks,
 * the '{' or ']' of a JSON array of objects. */
static bool json_array_ahead(sl_gzin *gz) {
  size_t avail = sl__gzin_fill(gz, 4096);
  for (size_t i = 1; i < avail; i++) {
    char c = (char)gz->buf[gz->pos + i];
    if (!c || !strchr(" \t\r\n", c))
      return c == '{' || c == ']';
  }
  return false;
}

/* Peeks at the first non-blank byte to tell JSON from text: '{', or '['
 * opening an array of objects. The blank bytes it reads are kept in
 * r->line (a text file keeps them) and its newlines counted in
 * `*lines`. */
static sl_format sniff(reader *r, sl_gzin *gz, uint64_t *lines) {
  while (sl__gzin_fill(gz, 1)) {
    int c = gz->buf[gz->pos];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      *lines += c == '\n';
      sl__gzin_consume(gz, 1);
      if (sl_buf_putc(&r->line, (char)c) != SL_OK)
        return SL_FORMAT_TEXT;
      count_bytes(r, 1, false);
      continue;
    }
    return c == '{' || (c == '[' && json_array_ahead(gz)) ? SL_FORMAT_JSONL
           : c == '<'                                     ? SL_FORMAT_HTML
                                                          : SL_FORMAT_TEXT;
  }
  return SL_FORMAT_TEXT;
}

/* One WARC record: an HTML response is delivered as a page with its URL;
 * other records are counted in `*passed`. */
static sl_status warc_record(reader *r, const char *origin, uint64_t n,
                             const sl_warc_head *head, const sl_buf *block,
                             uint64_t *passed) {
  bool html = false;
  sl_error err;
  sl_error_clear(&err);
  if (strcmp(head->type, "response") != 0 ||
      !strstr(head->content_type, "application/http")) {
    (*passed)++;
    return SL_OK;
  }
  char charset[SL_CHARSET_MAX];
  if (sl__http_body(block, &r->line, &html, charset, &err) != SL_OK) {
    reject(r, origin, n, err.code, err.msg);
    return SL_OK;
  }
  if (!html) {
    (*passed)++;
    return SL_OK;
  }
  sl_input in = {origin,
                 n,
                 SL_FORMAT_HTML,
                 r->line.ptr,
                 r->line.len,
                 head->uri,
                 charset[0] ? charset : NULL};
  sl_status st = r->cb->on_input(r->cb->ud, &in);
  if (st != SL_OK)
    r->stop = st;
  return st;
}

/* A WARC crawl, record by record. Damage is refused with its offset and
 * reading goes on at the next record; records over the cap are passed
 * over unread. */
static sl_status read_warc(reader *r, sl_gzin *gz, const char *origin,
                           size_t *records) {
  sl_warc_head head;
  sl_buf block = SL_BUF_INIT;
  sl_error err;
  uint64_t n = 0, passed = 0, big = 0, at = gz->offset;
  sl_status st = SL_OK;
  while (st == SL_OK) {
    sl_error_clear(&err);
    sl_status w = sl__warc_next(gz, &head, &block, &err);
    count_bytes(r, (size_t)(gz->offset - at), false);
    at = gz->offset;
    if (w == SL_ENOENT)
      break;
    (*records)++;
    if (w == SL_ENOMEM)
      st = SL_ENOMEM;
    else if (w != SL_OK)
      reject(r, origin, 0, w, err.msg);
    else if (head.oversize)
      big++;
    else
      st = warc_record(r, origin, ++n, &head, &block, &passed);
  }
  if (passed && r->cb->on_skip)
    r->cb->on_skip(r->cb->ud, origin, passed, "not HTML responses");
  if (big && r->cb->on_skip)
    r->cb->on_skip(r->cb->ud, origin, big, "larger than 64 MiB, not read");
  sl_buf_release(&block);
  return st;
}

typedef struct damage_ctx {
  reader *r;
  const char *origin;
} damage_ctx;

/* Corrupt gzip data the stream skipped (to the next member). */
static void on_damage(void *ud, const sl_error *err) {
  damage_ctx *x = ud;
  reject(x->r, x->origin, 0, err->code, err->msg);
}

/* Refuses the file when its stream ended on an error; returns whether it
 * did. */
static bool report_gz_error(reader *r, sl_gzin *gz, const char *origin) {
  if (gz->err.code == SL_OK)
    return false;
  reject(r, origin, 0, gz->err.code, gz->err.msg);
  return true;
}

static sl_status read_fd(reader *r, int fd, const char *origin,
                         sl_format by_name) {
  sl_gzin stream, *gz = &stream;
  if (sl__gzin_open(gz, fd) != SL_OK) {
    reject(r, origin, 0, SL_ENOMEM, "out of memory");
    return SL_OK;
  }
  struct stat sb;
  r->stream = fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode);
  sl_format f = r->format != SL_FORMAT_AUTO ? r->format : by_name;
  uint64_t skipped = 0;
  sl_buf_clear(&r->line);
  if (f == SL_FORMAT_AUTO)
    f = sniff(r, gz, &skipped);
  size_t records = 0; /* records delivered or refused */
  sl_status st;
  damage_ctx damage = {r, origin};
  if (f == SL_FORMAT_JSONL || f == SL_FORMAT_WARC) {
    gz->on_damage = on_damage; /* records after the damage can be read */
    gz->damage_ud = &damage;
  }
  if (f == SL_FORMAT_JSONL && json_document(gz))
    st = read_json_doc(r, gz, origin, 1 + skipped, &records);
  else if (f == SL_FORMAT_JSONL)
    st = read_jsonl(r, gz, origin, 1 + skipped, &records);
  else if (f == SL_FORMAT_WARC)
    st = read_warc(r, gz, origin, &records);
  else
    st = read_whole(r, gz, origin, &records, f);
  if (st == SL_OK && !report_gz_error(r, gz, origin) && records == 0)
    reject(r, origin, 0, SL_EEMPTY, "empty file");
  sl__gzin_close(gz);
  count_bytes(r, 0, true);
  return st;
}

/* Refuses `path` for an errno from stat, open or opendir. */
static void reject_errno(reader *r, const char *path, int e) {
  if (e == ELOOP)
    reject(r, path, 0, SL_ELOOP, "symbolic link loop");
  else if (e == ENOENT || e == ENOTDIR)
    reject(r, path, 0, SL_ENOENT, strerror(e));
  else if (e == ENOMEM)
    reject(r, path, 0, SL_ENOMEM, "out of memory");
  else
    reject(r, path, 0, SL_EIO, strerror(e)); /* "permission denied" */
}

static sl_status read_path(reader *r, const char *path);

static int name_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(names[i]);
  free(names);
}

/* The sorted, visible entry names of a folder into `*out` (caller frees
 * each and the array; NULL when there are none). Returns 0 or an errno. */
static int list_dir(const char *path, char ***out, size_t *n) {
  *out = NULL;
  *n = 0;
  DIR *d = opendir(path);
  if (!d)
    return errno;
  char **names = NULL;
  size_t cap = 0;
  int error = 0;
  errno = 0;
  for (struct dirent *e; !error && (e = readdir(d)); errno = 0) {
    if (e->d_name[0] == '.')
      continue; /* hidden, and "." and ".." */
    if (*n == cap) {
      cap = cap ? cap * 2 : 32;
      char **p = realloc(names, cap * sizeof *names);
      if (!p) {
        error = ENOMEM;
        break;
      }
      names = p;
    }
    if (!(names[*n] = strdup(e->d_name)))
      error = ENOMEM;
    else
      (*n)++;
  }
  if (!error)
    error = errno; /* readdir's own failure */
  closedir(d);
  if (error) {
    free_names(names, *n);
    *n = 0;
    return error;
  }
  if (*n)
    qsort(names, *n, sizeof *names, name_cmp);
  *out = names;
  return 0;
}

static bool on_path(const reader *r, const struct stat *sb) {
  for (size_t i = 0; i < r->dirs.len; i++) {
    const struct dir_id *d = &SL_VEC_AT(&r->dirs, struct dir_id, i);
    if (d->dev == sb->st_dev && d->ino == sb->st_ino)
      return true;
  }
  return false;
}

/* Reads `name` inside the folder `dir`. */
static sl_status read_child(reader *r, const char *dir, const char *name) {
  size_t len = strlen(dir) + strlen(name) + 2;
  char *child = malloc(len);
  if (!child)
    return SL_ENOMEM;
  snprintf(child, len, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/", name);
  sl_status st = read_path(r, child);
  free(child);
  return st;
}

static sl_status read_dir(reader *r, const char *path, const struct stat *sb) {
  if (on_path(r, sb)) {
    reject(r, path, 0, SL_ELOOP, "symbolic link loop");
    return SL_OK;
  }
  char **names;
  size_t n;
  int error = list_dir(path, &names, &n);
  if (error == ENOMEM)
    return SL_ENOMEM;
  if (error) {
    reject_errno(r, path, error);
    return SL_OK;
  }
  struct dir_id id = {sb->st_dev, sb->st_ino};
  sl_status st = sl_vec_push(&r->dirs, &id);
  if (st == SL_OK) {
    for (size_t i = 0; st == SL_OK && i < n; i++)
      st = read_child(r, path, names[i]);
    r->dirs.len--;
  }
  free_names(names, n);
  return st;
}

static sl_status read_path(reader *r, const char *path) {
  if (strcmp(path, "-") == 0) {
    int fd = dup(0);
    if (fd < 0) {
      reject_errno(r, path, errno);
      return SL_OK;
    }
    return read_fd(r, fd, "-", SL_FORMAT_AUTO);
  }
  struct stat sb;
  if (stat(path, &sb) != 0) {
    reject_errno(r, path, errno);
    return SL_OK;
  }
  if (S_ISDIR(sb.st_mode))
    return read_dir(r, path, &sb);
  if (!S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode)) {
    reject(r, path, 0, SL_EINVAL, "not a regular file");
    return SL_OK;
  }
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    reject_errno(r, path, errno);
    return SL_OK;
  }
  return read_fd(r, fd, path, format_by_name(path));
}
sl_status sl_read_paths(const char *const *paths, size_t npaths,
                        sl_format format, const sl_reader_cb *cb,
                        sl_error *err) {
  reader r = {0};
  r.cb = cb;
  r.format = format;
  sl_vec_init(&r.dirs, sizeof(struct dir_id));
  sl_buf_init(&r.line, SL_INGEST_MAX_LINE);
  r.chunk = malloc(CHUNK);
  sl_status st = r.chunk ? SL_OK : SL_ENOMEM;
  for (size_t i = 0; st == SL_OK && i < npaths; i++)
    st = read_path(&r, paths[i]);
  if (st == SL_ENOMEM)
    sl_error_set(err, st, "out of memory");
  free(r.chunk);
  sl_buf_release(&r.line);
  sl_vec_release(&r.dirs);
  return st;
}
