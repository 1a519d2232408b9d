/* Tests of the reader: folder walks, gzip, JSON Lines streaming, standard
 * input, format detection, progress, and every refusal (empty, missing,
 * loops, corrupt gzip, over-long lines and files). */
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "sl_test.h"

#include "base/buf.h"
#include "ingest/ingest.h"

typedef struct seen {
  sl_buf log; /* "in ORIGIN:LINE F LEN" or "rej ORIGIN:LINE STATUS: MSG" */
  char dir[64];
  uint64_t bytes_calls, last_bytes;
  int stop_after; /* on_input returns SL_ECANCELED at this call; 0: never */
  int inputs;
} seen;

static const char *rel(const seen *s, const char *origin) {
  size_t n = strlen(s->dir);
  return strncmp(origin, s->dir, n) == 0 && origin[n] == '/' ? origin + n + 1
                                                             : origin;
}

static sl_status on_input(void *ud, const sl_input *in) {
  seen *s = ud;
  assert_true(in->format == SL_FORMAT_JSONL || in->format == SL_FORMAT_TEXT);
  assert_true(in->len <= SL_INGEST_MAX_LINE);
  assert_int_equal(
      sl_buf_printf(&s->log, "in %s:%llu %c %zu\n", rel(s, in->origin),
                    (unsigned long long)in->line,
                    in->format == SL_FORMAT_JSONL ? 'J' : 'T', in->len),
      SL_OK);
  return ++s->inputs == s->stop_after ? SL_ECANCELED : SL_OK;
}

static const char *code_name(sl_status st) {
  switch (st) {
  case SL_ENOENT:
    return "ENOENT";
  case SL_ELOOP:
    return "ELOOP";
  case SL_EEMPTY:
    return "EEMPTY";
  case SL_ETOOBIG:
    return "ETOOBIG";
  case SL_EPARSE:
    return "EPARSE";
  case SL_EIO:
    return "EIO";
  case SL_EINVAL:
    return "EINVAL";
  default:
    return "OTHER";
  }
}

static void on_reject(void *ud, const char *origin, uint64_t line,
                      const sl_error *err) {
  seen *s = ud;
  assert_int_equal(sl_buf_printf(&s->log, "rej %s:%llu %s: %s\n",
                                 rel(s, origin), (unsigned long long)line,
                                 code_name(err->code), err->msg),
                   SL_OK);
}

static void on_bytes(void *ud, uint64_t n) {
  seen *s = ud;
  assert_true(n >= s->last_bytes); /* a running count */
  s->last_bytes = n;
  s->bytes_calls++;
}

static void path_of(const seen *s, const char *name, char path[512]) {
  snprintf(path, 512, "%s%s%s", s->dir, name[0] ? "/" : "", name);
}

static void put(seen *s, const char *name, const char *body, size_t len) {
  char path[512];
  path_of(s, name, path);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(body, 1, len, f), len);
  assert_int_equal(fclose(f), 0);
}

static void put_str(seen *s, const char *name, const char *body) {
  put(s, name, body, strlen(body));
}

static void make_dir(seen *s, const char *name) {
  char path[512];
  path_of(s, name, path);
  assert_int_equal(mkdir(path, 0755), 0);
}

static void make_link(seen *s, const char *target, const char *name) {
  char path[512];
  path_of(s, name, path);
  assert_int_equal(symlink(target, path), 0);
}

static void put_gz(seen *s, const char *name, const char *mode,
                   const char *body) {
  char path[512];
  path_of(s, name, path);
  gzFile gz = gzopen(path, mode);
  assert_non_null(gz);
  assert_int_equal(gzwrite(gz, body, (unsigned)strlen(body)),
                   (int)strlen(body));
  assert_int_equal(gzclose(gz), Z_OK);
}

/* Reads the named entries (relative to the test folder) and returns the
 * log of what the callbacks saw. */
static const char *read_many(seen *s, const char *const *names, size_t n,
                             sl_format fmt, sl_status want) {
  char paths[4][512];
  const char *p[4];
  assert_true(n <= 4);
  for (size_t i = 0; i < n; i++) {
    if (strcmp(names[i], "-") == 0)
      snprintf(paths[i], 512, "-");
    else
      path_of(s, names[i], paths[i]);
    p[i] = paths[i];
  }
  sl_reader_cb cb = {on_input, on_reject, on_bytes, NULL, s};
  sl_buf_clear(&s->log);
  s->bytes_calls = s->last_bytes = 0;
  s->inputs = 0;
  sl_error err;
  sl_error_clear(&err);
  assert_int_equal(sl_read_paths(p, n, fmt, &cb, &err), want);
  return s->log.ptr;
}

static const char *read_all(seen *s, const char *name, sl_format fmt) {
  return read_many(s, &name, 1, fmt, SL_OK);
}

static int setup(void **state) {
  seen *s = calloc(1, sizeof *s);
  assert_non_null(s);
  sl_test_mkdtemp(s->dir, "reader");
  sl_buf_init(&s->log, 0);
  *state = s;
  return 0;
}

static int teardown(void **state) {
  seen *s = *state;
  sl_test_rmrf(s->dir);
  sl_buf_release(&s->log);
  free(s);
  return 0;
}

static void test_walk_order_and_hidden(void **state) {
  seen *s = *state;
  make_dir(s, "b");
  make_dir(s, "a");
  make_dir(s, "a/deep");
  make_dir(s, ".git");
  put_str(s, "b/2.txt", "two");
  put_str(s, "b/10.txt", "ten");
  put_str(s, "b/B.txt", "capital");
  put_str(s, "a/z.txt", "zed");
  put_str(s, "a/deep/y.txt", "why");
  put_str(s, ".hidden.txt", "no");
  put_str(s, ".git/config", "no");
  put_str(s, "c.jsonl", "{\"text\":\"x\"}\n\n{\"text\":\"y\"}");
  assert_string_equal(read_all(s, "", SL_FORMAT_AUTO), "in a/deep/y.txt:0 T 3\n"
                                                       "in a/z.txt:0 T 3\n"
                                                       "in b/10.txt:0 T 3\n"
                                                       "in b/2.txt:0 T 3\n"
                                                       "in b/B.txt:0 T 7\n"
                                                       "in c.jsonl:1 J 12\n"
                                                       "in c.jsonl:3 J 12\n");
  /* A trailing slash is not doubled; several paths are read in order. */
  const char *names[] = {"b/", "a/z.txt"};
  assert_string_equal(read_many(s, names, 2, SL_FORMAT_AUTO, SL_OK),
                      "in b/10.txt:0 T 3\n"
                      "in b/2.txt:0 T 3\n"
                      "in b/B.txt:0 T 7\n"
                      "in a/z.txt:0 T 3\n");
  /* A link to a folder that is not on the current path is followed. */
  make_link(s, "../b", "a/to-b");
  assert_non_null(
      strstr(read_all(s, "a", SL_FORMAT_AUTO), "in a/to-b/2.txt:0 T 3\n"));
}

static void test_sniff_and_forced_format(void **state) {
  seen *s = *state;
  put_str(s, "feed", "  \n{\"a\":1}\n{\"b\":2}\n");
  assert_string_equal(read_all(s, "feed", SL_FORMAT_AUTO),
                      "in feed:2 J 7\nin feed:3 J 7\n");
  assert_string_equal(read_all(s, "feed", SL_FORMAT_TEXT), "in feed:0 T 19\n");
  put_str(s, "notes.json", "plain");
  assert_string_equal(read_all(s, "notes.json", SL_FORMAT_TEXT),
                      "in notes.json:0 T 5\n");
  assert_string_equal(read_all(s, "notes.json", SL_FORMAT_AUTO),
                      "in notes.json:1 J 5\n");
  put_str(s, "x.ndjson", "a\nb");
  assert_string_equal(read_all(s, "x.ndjson", SL_FORMAT_AUTO),
                      "in x.ndjson:1 J 1\nin x.ndjson:2 J 1\n");
  /* .txt is text whatever it starts with; no extension: by content. */
  put_str(s, "brace.txt", "{not json}\nline");
  assert_string_equal(read_all(s, "brace.txt", SL_FORMAT_AUTO),
                      "in brace.txt:0 T 15\n");
  put_str(s, "story", "Headline\n\nBody.\n");
  assert_string_equal(read_all(s, "story", SL_FORMAT_AUTO),
                      "in story:0 T 16\n");
  /* CRLF lines: the CR stays in the record (JSON white space), blank
   * lines are skipped but counted. */
  put_str(s, "crlf.jsonl", "{\"a\":1}\r\n\r\n{\"b\":2}\r\n");
  assert_string_equal(read_all(s, "crlf.jsonl", SL_FORMAT_AUTO),
                      "in crlf.jsonl:1 J 8\nin crlf.jsonl:3 J 8\n");
}

/* JSON documents go through the same reader: an array or pretty-printed
 * objects, by name or by content, a record per object with the line it
 * starts on; a text that starts with '[' stays text. */
static void test_json_documents(void **state) {
  seen *s = *state;
  put_str(s, "a.json", "[\n {\"a\": 1},\n {\n  \"b\": 2\n }\n]\n");
  assert_string_equal(read_all(s, "a.json", SL_FORMAT_AUTO),
                      "in a.json:2 J 8\nin a.json:3 J 13\n");
  put_str(s, "export", "\n\n  [{\"a\":1}]");
  assert_string_equal(read_all(s, "export", SL_FORMAT_AUTO),
                      "in export:3 J 7\n");
  put_str(s, "pretty", "{\n \"a\": 1\n}\n{\n \"b\": 2\n}\n");
  assert_string_equal(read_all(s, "pretty", SL_FORMAT_AUTO),
                      "in pretty:1 J 11\nin pretty:4 J 11\n");
  put_str(s, "note", "[Updated] The bridge reopened.\n");
  assert_string_equal(read_all(s, "note", SL_FORMAT_AUTO), "in note:0 T 31\n");
  put_gz(s, "b.json.gz", "wb", "[{\"a\":1},\n{\"b\":2}]");
  assert_string_equal(read_all(s, "b.json.gz", SL_FORMAT_AUTO),
                      "in b.json.gz:1 J 7\nin b.json.gz:2 J 7\n");
}

/* A gzip bomb is refused as one, quickly, whatever the format: not as an
 * empty file, nor as an over-long line. */
static void test_gzip_bomb(void **state) {
  seen *s = *state;
  char path[512];
  path_of(s, "bomb.jsonl.gz", path);
  gzFile gz = gzopen(path, "wb9");
  assert_non_null(gz);
  static char zeros[1 << 16];
  for (size_t done = 0; done < ((size_t)200 << 20); done += sizeof zeros)
    assert_int_equal(gzwrite(gz, zeros, sizeof zeros), (int)sizeof zeros);
  assert_int_equal(gzclose(gz), Z_OK);
  const char *log = read_all(s, "bomb.jsonl.gz", SL_FORMAT_AUTO);
  const char *want = "rej bomb.jsonl.gz:0 ETOOBIG: gzip stream expands past "
                     "64 MiB at more than 400 times its size (a gzip bomb) "
                     "at byte ";
  assert_memory_equal(log, want, strlen(want));
  assert_string_equal(strchr(log, '\n'), "\n"); /* one refusal only */
  /* It stopped at the first window: about 64 MiB read, not 200. */
  assert_true(s->last_bytes <= ((uint64_t)64 << 20) + (1 << 20));
}

static void test_gzip(void **state) {
  seen *s = *state;
  put_gz(s, "f.jsonl.gz", "wb", "{\"text\":\"one\"}\n");
  put_gz(s, "f.jsonl.gz", "ab", "{\"text\":\"two\"}\n"); /* second member */
  assert_string_equal(read_all(s, "f.jsonl.gz", SL_FORMAT_AUTO),
                      "in f.jsonl.gz:1 J 14\nin f.jsonl.gz:2 J 14\n");
  assert_int_equal(s->last_bytes, 30); /* uncompressed bytes */
  put_gz(s, "story.txt.gz", "wb", "Headline\n\nBody of the story.\n");
  assert_string_equal(read_all(s, "story.txt.gz", SL_FORMAT_AUTO),
                      "in story.txt.gz:0 T 29\n");
  /* By content: a .gz without a telling name. */
  put_gz(s, "blob.gz", "wb", "\n{\"text\":\"x\"}\n");
  assert_string_equal(read_all(s, "blob.gz", SL_FORMAT_AUTO),
                      "in blob.gz:2 J 12\n");
}

static void test_truncated_gzip(void **state) {
  seen *s = *state;
  char body[4096] = "";
  for (int i = 0; i < 40; i++)
    snprintf(body + strlen(body), sizeof body - strlen(body),
             "{\"id\":%d,\"text\":\"record number %d\"}\n", i, i);
  put_gz(s, "t.jsonl.gz", "wb", body);
  char path[512];
  path_of(s, "t.jsonl.gz", path);
  struct stat sb;
  assert_int_equal(stat(path, &sb), 0);
  assert_int_equal(truncate(path, sb.st_size - 40), 0);
  const char *log = read_all(s, "t.jsonl.gz", SL_FORMAT_AUTO);
  /* Complete lines are delivered, the cut one is not, then a refusal. */
  assert_non_null(strstr(log, "in t.jsonl.gz:1 J "));
  const char *rej = strstr(log, "rej t.jsonl.gz:0 EPARSE: "
                                "truncated gzip data\n");
  assert_non_null(rej);
  assert_null(strstr(rej + 1, "rej ")); /* one refusal, not "empty" too */
  assert_null(strstr(log, "in t.jsonl.gz:40 "));
  /* Corrupt data after a valid header: refused with zlib's message. */
  assert_int_equal(truncate(path, 0), 0);
  put_gz(s, "t.jsonl.gz", "wb", body);
  int fd = open(path, O_WRONLY);
  assert_true(fd >= 0);
  assert_int_equal(pwrite(fd, "\xff\xff\xff\xff\xff\xff", 6, 12), 6);
  close(fd);
  log = read_all(s, "t.jsonl.gz", SL_FORMAT_AUTO);
  assert_non_null(strstr(log, "rej t.jsonl.gz:0 EPARSE: "));
}

static void test_empty_and_missing(void **state) {
  seen *s = *state;
  put(s, "empty.txt", "", 0);
  assert_string_equal(read_all(s, "empty.txt", SL_FORMAT_AUTO),
                      "rej empty.txt:0 EEMPTY: empty file\n");
  put_str(s, "white.txt", " \n\t\r\n\n");
  assert_string_equal(read_all(s, "white.txt", SL_FORMAT_AUTO),
                      "rej white.txt:0 EEMPTY: empty file\n");
  put_str(s, "blank.jsonl", "\n  \n");
  assert_string_equal(read_all(s, "blank.jsonl", SL_FORMAT_AUTO),
                      "rej blank.jsonl:0 EEMPTY: empty file\n");
  put(s, "empty.jsonl", "", 0);
  assert_string_equal(read_all(s, "empty.jsonl", SL_FORMAT_JSONL),
                      "rej empty.jsonl:0 EEMPTY: empty file\n");
  put_gz(s, "empty.gz", "wb", "");
  assert_string_equal(read_all(s, "empty.gz", SL_FORMAT_AUTO),
                      "rej empty.gz:0 EEMPTY: empty file\n");
  assert_string_equal(read_all(s, "missing.txt", SL_FORMAT_AUTO),
                      "rej missing.txt:0 ENOENT: no such file or directory\n");
  /* A path through a regular file is missing too. */
  put_str(s, "file", "x");
  assert_non_null(strstr(read_all(s, "file/below", SL_FORMAT_AUTO),
                         "rej file/below:0 ENOENT: not a directory\n"));
  /* Not a file: refused, reading goes on with the next path. */
  const char *names[] = {"missing", "file"};
  assert_string_equal(read_many(s, names, 2, SL_FORMAT_AUTO, SL_OK),
                      "rej missing:0 ENOENT: no such file or directory\n"
                      "in file:0 T 1\n");
  const char *devnull = "/dev/null";
  sl_reader_cb cb = {on_input, on_reject, NULL, NULL, s};
  sl_buf_clear(&s->log);
  assert_int_equal(sl_read_paths(&devnull, 1, SL_FORMAT_AUTO, &cb, NULL),
                   SL_OK);
  assert_non_null(
      strstr(s->log.ptr, "rej /dev/null:0 EINVAL: not a regular file\n"));
}

static void test_symlink_loops(void **state) {
  seen *s = *state;
  char path[512];
  path_of(s, "self", path);
  assert_int_equal(symlink(path, path), 0);
  assert_string_equal(read_all(s, "self", SL_FORMAT_AUTO),
                      "rej self:0 ELOOP: symbolic link loop\n");
  make_dir(s, "d");
  make_dir(s, "d/sub");
  put_str(s, "d/a.txt", "article");
  put_str(s, "d/sub/b.txt", "other");
  make_link(s, "..", "d/sub/up");
  make_link(s, ".", "d/here");
  assert_string_equal(read_all(s, "d", SL_FORMAT_AUTO),
                      "in d/a.txt:0 T 7\n"
                      "rej d/here:0 ELOOP: symbolic link loop\n"
                      "in d/sub/b.txt:0 T 5\n"
                      "rej d/sub/up:0 ELOOP: symbolic link loop\n");
}

/* A file the process may not read is refused with the system's words and
 * the next path is read. Root reads anything, so as root the reading runs
 * in a child that has become "nobody". */
static void test_unreadable(void **state) {
  seen *s = *state;
  put_str(s, "secret.txt", "Secret article.");
  put_str(s, "ok.txt", "Readable.");
  char path[512];
  path_of(s, "secret.txt", path);
  assert_int_equal(chmod(path, 0), 0);
  assert_int_equal(chmod(s->dir, 0755), 0);
  const char *names[] = {"secret.txt", "ok.txt"};
  const char *want = "rej secret.txt:0 EIO: permission denied\n"
                     "in ok.txt:0 T 9\n";
  if (geteuid() != 0) {
    assert_string_equal(read_many(s, names, 2, SL_FORMAT_AUTO, SL_OK), want);
    return;
  }
  fflush(stdout);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    if (setgid(65534) != 0 || setuid(65534) != 0)
      _exit(2);
    const char *log = read_many(s, names, 2, SL_FORMAT_AUTO, SL_OK);
    _exit(strcmp(log, want) == 0 ? 0 : 1);
  }
  int status;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);
}

/* Writes a JSON Lines file whose second line is `big` bytes long. */
static void put_huge_line(seen *s, const char *name, size_t big) {
  char path[512];
  path_of(s, name, path);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs("{\"id\":\"before\",\"text\":\"x\"}\n{\"text\":\"", f);
  char *chunk = malloc(1 << 20);
  assert_non_null(chunk);
  memset(chunk, 'a', 1 << 20);
  for (size_t left = big; left;) {
    size_t n = left < (1u << 20) ? left : (1u << 20);
    assert_int_equal(fwrite(chunk, 1, n, f), n);
    left -= n;
  }
  free(chunk);
  fputs("\"}\n{\"id\":\"after\",\"text\":\"y\"}\n", f);
  assert_int_equal(fclose(f), 0);
}

/* A line far past the cap is refused and skipped without being held: the
 * peak memory stays under what holding it would take, and the next record
 * still arrives. */
static void test_huge_line(void **state) {
  seen *s = *state;
  size_t big = (size_t)256 << 20;
  put_huge_line(s, "huge.jsonl", big);
  struct rusage before, after;
  assert_int_equal(getrusage(RUSAGE_SELF, &before), 0);
  const char *log = read_all(s, "huge.jsonl", SL_FORMAT_AUTO);
  assert_int_equal(getrusage(RUSAGE_SELF, &after), 0);
  assert_string_equal(log, "in huge.jsonl:1 J 26\n"
                           "rej huge.jsonl:2 ETOOBIG: line longer than 64 "
                           "MiB\n"
                           "in huge.jsonl:3 J 25\n");
  long grew_kib = after.ru_maxrss - before.ru_maxrss;
  if (grew_kib >= 200L << 10)
    fail_msg("peak memory grew by %ld KiB reading a %zu MiB line", grew_kib,
             big >> 20);
  /* Progress came every ~1 MB and the total is every byte of the file. */
  assert_true(s->bytes_calls >= 200);
  assert_int_equal(s->last_bytes, 26 + 1 + 9 + big + 3 + 26);
}

/* The brief's 100 MB case, read from a gzip file: same refusal. */
static void test_huge_line_gz(void **state) {
  seen *s = *state;
  char path[512];
  path_of(s, "huge.jsonl.gz", path);
  gzFile gz = gzopen(path, "wb1");
  assert_non_null(gz);
  gzputs(gz, "{\"text\":\"");
  static char chunk[1 << 16];
  memset(chunk, 'b', sizeof chunk);
  for (size_t done = 0; done < ((size_t)100 << 20); done += sizeof chunk)
    assert_int_equal(gzwrite(gz, chunk, sizeof chunk), (int)sizeof chunk);
  gzputs(gz, "\"}\n\n{\"text\":\"next\"}");
  assert_int_equal(gzclose(gz), Z_OK);
  assert_string_equal(read_all(s, "huge.jsonl.gz", SL_FORMAT_AUTO),
                      "rej huge.jsonl.gz:1 ETOOBIG: line longer than 64 MiB\n"
                      "in huge.jsonl.gz:3 J 15\n");
}

static void test_huge_text_file(void **state) {
  seen *s = *state;
  size_t n = SL_INGEST_MAX_FILE + 1;
  char *body = malloc(n);
  assert_non_null(body);
  memset(body, 'w', n);
  put(s, "big.txt", body, n);
  put(s, "fits.txt", body, 1000);
  free(body);
  const char *names[] = {"big.txt", "fits.txt"};
  assert_string_equal(
      read_many(s, names, 2, SL_FORMAT_AUTO, SL_OK),
      "rej big.txt:0 ETOOBIG: file larger than 64 MiB\nin fits.txt:0 T 1000\n");
}

static void test_stdin(void **state) {
  seen *s = *state;
  put_str(s, "in.jsonl", "{\"text\":\"from stdin\"}\n\n{\"text\":\"2\"}\n");
  char path[512];
  path_of(s, "in.jsonl", path);
  int saved = dup(0), fd = open(path, O_RDONLY);
  assert_true(saved >= 0 && fd >= 0);
  assert_int_equal(dup2(fd, 0), 0);
  close(fd);
  const char *dash = "-";
  const char *log = read_many(s, &dash, 1, SL_FORMAT_AUTO, SL_OK);
  assert_int_equal(dup2(saved, 0), 0);
  close(saved);
  assert_string_equal(log, "in -:1 J 21\nin -:3 J 12\n");
  /* Standard input is still open for the caller. */
  assert_true(fcntl(0, F_GETFD) != -1);
}

/* Reads standard input fed by a child that writes `byte` for ever (or
 * `limit` times, when not 0) into a pipe, as /dev/zero or `yes | tr -d
 * '\n'` would; returns the log. The child dies of the closed pipe. */
static const char *read_endless(seen *s, char byte, size_t limit,
                                sl_format fmt) {
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  pid_t child = fork();
  assert_true(child >= 0);
  if (child == 0) {
    close(fds[0]);
    char chunk[1 << 16];
    memset(chunk, byte, sizeof chunk);
    for (size_t done = 0; !limit || done < limit;) {
      size_t n =
          limit && limit - done < sizeof chunk ? limit - done : sizeof chunk;
      if (write(fds[1], chunk, n) != (ssize_t)n)
        _exit(0);
      done += n;
    }
    _exit(0);
  }
  close(fds[1]);
  int saved = dup(0);
  assert_true(saved >= 0);
  assert_int_equal(dup2(fds[0], 0), 0);
  close(fds[0]);
  const char *dash = "-";
  const char *log = read_many(s, &dash, 1, fmt, SL_OK);
  assert_int_equal(dup2(saved, 0), 0); /* closes the pipe: the child ends */
  close(saved);
  int status;
  assert_int_equal(waitpid(child, &status, 0), child);
  return log;
}

/* An endless stream is refused once it passes the record limit, as a long
 * file is: its reader stops there rather than read for ever. */
static void test_stdin_endless(void **state) {
  seen *s = *state;
  assert_string_equal(read_endless(s, '\0', 0, SL_FORMAT_AUTO),
                      "rej -:0 ETOOBIG: standard input larger than 64 MiB\n");
  assert_true(s->last_bytes <= SL_INGEST_MAX_FILE + (1 << 20));
  assert_string_equal(read_endless(s, 'a', 0, SL_FORMAT_TEXT),
                      "rej -:0 ETOOBIG: standard input larger than 64 MiB\n");
  /* A JSON line without end: a file is read to its end to find the next
   * line, a stream that may never end gives up after one more limit. */
  assert_string_equal(read_endless(s, 'a', 0, SL_FORMAT_JSONL),
                      "rej -:1 ETOOBIG: line longer than 64 MiB and no line "
                      "end in the 64 MiB after it: the rest of standard "
                      "input is not read\n");
  assert_true(s->last_bytes <= 2 * SL_INGEST_MAX_LINE + (1 << 20));
  /* NUL bytes are not blank: the text is delivered (the parser refuses
   * it as binary), not reported empty. */
  assert_string_equal(read_endless(s, '\0', 1000, SL_FORMAT_AUTO),
                      "in -:0 T 1000\n");
}

static void test_callback_stops(void **state) {
  seen *s = *state;
  put_str(s, "a.jsonl", "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n");
  put_str(s, "b.txt", "later");
  s->stop_after = 2;
  const char *names[] = {"a.jsonl", "b.txt"};
  sl_reader_cb cb = {on_input, on_reject, NULL, NULL, s};
  char pa[512], pb[512];
  path_of(s, names[0], pa);
  path_of(s, names[1], pb);
  const char *p[] = {pa, pb};
  sl_buf_clear(&s->log);
  s->inputs = 0;
  assert_int_equal(sl_read_paths(p, 2, SL_FORMAT_AUTO, &cb, NULL),
                   SL_ECANCELED);
  assert_string_equal(s->log.ptr, "in a.jsonl:1 J 7\nin a.jsonl:2 J 7\n");
  s->stop_after = 0;
}

int main(void) {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
  const struct CMUnitTest tests[] = {
      T(test_walk_order_and_hidden),
      T(test_sniff_and_forced_format),
      T(test_gzip),
      T(test_json_documents),
      T(test_gzip_bomb),
      T(test_truncated_gzip),
      T(test_empty_and_missing),
      T(test_symlink_loops),
      T(test_unreadable),
      T(test_huge_line),
      T(test_huge_line_gz),
      T(test_huge_text_file),
      T(test_stdin),
      T(test_stdin_endless),
      T(test_callback_stops),
  };
#undef T
  return cmocka_run_group_tests(tests, NULL, NULL);
}
