/* storyline ingest: a buffered input stream over a file, gzip or plain, so
 * the readers can look ahead (a WARC record header, a JSON document's first
 * line), know their offset, keep what came before damaged gzip data and
 * stop on a gzip bomb with a clear error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/ingest_int.h"

/* A window of output this many times larger than the compressed input it
 * came from is a gzip bomb. deflate's ceiling is about 1032:1, reached only
 * by long runs of one byte; real text compresses 2-10 times (the shared
 * corpora: 2-10), so 400 leaves ample room and still stops a bomb made
 * with gzip's default level after one window. */
enum { BOMB_RATIO = 400, PLAIN = 1, GZIP = 2 };
#define BOMB_WINDOW ((uint64_t)64 << 20)

sl_status sl__gzin_open(sl_gzin *in, int fd) {
  memset(in, 0, sizeof *in);
  sl_error_clear(&in->err);
  in->fd = fd;
  in->raw = malloc(SL_GZIN_BUF);
  in->buf = malloc(SL_GZIN_BUF);
  if (!in->raw || !in->buf) {
    sl__gzin_close(in);
    return SL_ENOMEM;
  }
  return SL_OK;
}

void sl__gzin_close(sl_gzin *in) {
  if (in->mode == GZIP)
    inflateEnd(&in->zs);
  if (in->fd >= 0)
    close(in->fd);
  free(in->raw);
  free(in->buf);
  in->fd = -1;
  in->raw = in->buf = NULL;
}

static void fail(sl_gzin *in, sl_status code, const char *msg) {
  if (in->err.code == SL_OK) {
    sl_error_set(&in->err, code, "%s", msg);
    in->err.offset = (size_t)in->raw_offset;
  }
  in->end = true;
}

/* Reads more of the file into `raw` (keeping the unused bytes); returns
 * how many unused bytes there are. */
static size_t read_raw(sl_gzin *in) {
  if (in->raw_pos) {
    memmove(in->raw, in->raw + in->raw_pos, in->raw_len - in->raw_pos);
    in->raw_len -= in->raw_pos;
    in->raw_pos = 0;
  }
  while (!in->raw_end && in->raw_len < SL_GZIN_BUF) {
    ssize_t n = read(in->fd, in->raw + in->raw_len, SL_GZIN_BUF - in->raw_len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      fail(in, SL_EIO, strerror(errno));
    if (n <= 0)
      in->raw_end = true;
    else
      in->raw_len += (size_t)n;
    break;
  }
  return in->raw_len - in->raw_pos;
}

/* Checks the window that just filled for a bomb. */
static void check_bomb(sl_gzin *in) {
  if (in->total - in->win_out < BOMB_WINDOW)
    return;
  uint64_t out = in->total - in->win_out, used = in->raw_offset - in->win_in;
  if (out / BOMB_RATIO > used) {
    sl_error_set(&in->err, SL_ETOOBIG,
                 "gzip stream expands past %llu MiB at more than %d times "
                 "its size (a gzip bomb) at byte %llu; the rest is skipped",
                 (unsigned long long)(BOMB_WINDOW >> 20), BOMB_RATIO,
                 (unsigned long long)in->raw_offset);
    in->end = true;
  }
  in->win_out = in->total;
  in->win_in = in->raw_offset;
}

/* After a gzip member: another one follows, or the input ends. Bytes that
 * are not a gzip header are ignored, as gzip(1) does with trailing
 * garbage. */
static void next_member(sl_gzin *in) {
  size_t avail = in->raw_len - in->raw_pos;
  if (avail < 2)
    avail = read_raw(in);
  const unsigned char *p = in->raw + in->raw_pos;
  if (avail >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
    inflateReset(&in->zs);
    in->member_from = in->offset + (in->len - in->pos);
  } else
    in->end = true;
}

/* Skips the file to the next gzip member header (1f 8b 08); returns
 * whether there is one. */
static bool find_member(sl_gzin *in) {
  for (;;) {
    const unsigned char *p = in->raw + in->raw_pos;
    size_t avail = in->raw_len - in->raw_pos, i = 0;
    for (; i + 3 <= avail; i++)
      if (p[i] == 0x1f && p[i + 1] == 0x8b && p[i + 2] == 8)
        break;
    if (i + 3 > avail && !in->raw_end)
      i = avail < 2 ? 0 : avail - 2; /* a header may start in them */
    in->raw_pos += i;
    in->raw_offset += i;
    if (i + 3 <= avail)
      return true;
    if (in->raw_end || !read_raw(in) || in->raw_len - in->raw_pos == avail - i)
      return false; /* no more bytes came */
  }
}

/* Corrupt data at in->raw_offset: skipped to the next member and reported
 * when the reader asked for that, else the end of the stream. */
static void corrupt(sl_gzin *in) {
  char msg[200], why[64];
  uint64_t at = in->raw_offset;
  snprintf(why, sizeof why, "%s", in->zs.msg ? in->zs.msg : "invalid data");
  snprintf(msg, sizeof msg, "corrupt gzip data at byte %llu (%s)",
           (unsigned long long)at, why);
  if (!in->on_damage || !find_member(in)) {
    fail(in, SL_EPARSE, msg);
    return;
  }
  inflateReset(&in->zs);
  in->damaged_from = in->member_from;
  in->resumed_at = in->member_from = in->offset + (in->len - in->pos);
  sl_error e;
  sl_error_clear(&e);
  sl_error_set(&e, SL_EPARSE, "%s; skipped %llu bytes to the next gzip member",
               msg, (unsigned long long)(in->raw_offset - at));
  e.offset = (size_t)at;
  in->on_damage(in->damage_ud, &e);
}

/* Inflates into buf[len, SL_GZIN_BUF) until some output or the end. */
static void inflate_some(sl_gzin *in) {
  size_t before = in->len;
  while (in->len == before && !in->end) {
    if (in->raw_pos == in->raw_len && !read_raw(in) && in->raw_end) {
      if (in->err.code == SL_OK)
        fail(in, SL_EPARSE, "truncated gzip data");
      return;
    }
    z_stream *zs = &in->zs;
    zs->next_in = in->raw + in->raw_pos;
    zs->avail_in = (uInt)(in->raw_len - in->raw_pos);
    zs->next_out = in->buf + in->len;
    zs->avail_out = (uInt)(SL_GZIN_BUF - in->len);
    int rc = inflate(zs, Z_NO_FLUSH);
    size_t used = (size_t)(zs->next_in - (in->raw + in->raw_pos));
    in->raw_pos += used;
    in->raw_offset += used;
    in->len = (size_t)(zs->next_out - in->buf);
    if (rc == Z_STREAM_END) {
      next_member(in);
    } else if (rc == Z_MEM_ERROR) {
      fail(in, SL_ENOMEM, "out of memory");
    } else if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) {
      corrupt(in);
    }
  }
}

/* Tells gzip from plain bytes at the first read. */
static void start(sl_gzin *in) {
  size_t avail = read_raw(in);
  while (avail < 2 && !in->raw_end)
    avail = read_raw(in);
  bool gz = avail >= 2 && in->raw[0] == 0x1f && in->raw[1] == 0x8b;
  in->mode = PLAIN;
  if (gz && inflateInit2(&in->zs, 15 + 16) != Z_OK)
    fail(in, SL_ENOMEM, "out of memory");
  else if (gz)
    in->mode = GZIP;
}

/* Adds output after buf[len]: inflated, or the file's bytes as they are. */
static void produce(sl_gzin *in) {
  size_t before = in->len;
  if (!in->mode)
    start(in);
  if (in->mode == GZIP) {
    inflate_some(in);
  } else if (!in->end) {
    size_t avail = in->raw_len - in->raw_pos;
    if (!avail)
      avail = read_raw(in);
    size_t n = avail < SL_GZIN_BUF - in->len ? avail : SL_GZIN_BUF - in->len;
    memcpy(in->buf + in->len, in->raw + in->raw_pos, n);
    in->len += n;
    in->raw_pos += n;
    in->raw_offset += n;
    if (!n && in->raw_end)
      in->end = true;
  }
  in->total += in->len - before;
  check_bomb(in);
}

size_t sl__gzin_fill(sl_gzin *in, size_t want) {
  if (want > SL_GZIN_BUF)
    want = SL_GZIN_BUF;
  if (in->len - in->pos >= want || in->end)
    return in->len - in->pos;
  if (in->pos) {
    memmove(in->buf, in->buf + in->pos, in->len - in->pos);
    in->len -= in->pos;
    in->pos = 0;
  }
  while (in->len < want && !in->end)
    produce(in);
  return in->len - in->pos;
}

void sl__gzin_consume(sl_gzin *in, size_t n) {
  in->pos += n;
  in->offset += n;
}

int sl__gzin_read(sl_gzin *in, void *dst, size_t n) {
  size_t avail = sl__gzin_fill(in, 1);
  if (!avail)
    return in->err.code != SL_OK ? -1 : 0;
  if (n > avail)
    n = avail;
  memcpy(dst, in->buf + in->pos, n);
  sl__gzin_consume(in, n);
  return (int)n;
}

int sl__gzin_getc(sl_gzin *in) {
  if (!sl__gzin_fill(in, 1))
    return -1;
  int c = in->buf[in->pos];
  sl__gzin_consume(in, 1);
  return c;
}

uint64_t sl__gzin_skip(sl_gzin *in, uint64_t n) {
  uint64_t done = 0;
  while (done < n) {
    size_t avail = sl__gzin_fill(in, 1);
    if (!avail)
      break;
    size_t step = n - done < avail ? (size_t)(n - done) : avail;
    sl__gzin_consume(in, step);
    done += step;
  }
  return done;
}
