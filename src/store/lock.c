/* storyline store: the writer lock, an flock on "DB-lock" beside the
 * database, so that one ingest or rebuild writes it at a time while
 * readers go on (see sl_store_writer_lock). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "store/store_int.h"

/* How often a waiting writer tries again: short enough that it starts
 * soon after the holder ends, long enough to cost nothing. */
enum { POLL_MS = 50 };

/* Opens (creating it) the lock file of the database. The database's real
 * path names it, so two paths to one database share one lock. */
static sl_status open_lock(sl_store *st, sl_error *err) {
  char real[PATH_MAX];
  const char *db = realpath(st->path, real) ? real : st->path;
  char path[PATH_MAX + 8];
  if (snprintf(path, sizeof path, "%s-lock", db) >= (int)sizeof path)
    return sl_error_set(err, SL_EINVAL, "cannot lock '%s': path too long",
                        st->path);
  st->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (st->lock_fd >= 0)
    return SL_OK;
  int e = errno;
  sl_status code =
      e == EACCES || e == EROFS || e == EPERM ? SL_EREADONLY : SL_EIO;
  return sl_error_set(err, code, "cannot lock '%s': cannot open '%s': %s",
                      st->path, path, strerror(e));
}

static bool cancelled(const sl_store_lock_opts *o) {
  return o->cancel && *o->cancel;
}

/* Polls the lock until it is free or the wait is cancelled. */
static sl_status wait_lock(sl_store *st, const sl_store_lock_opts *o,
                           sl_error *err) {
  if (o->on_wait)
    o->on_wait(o->ud, st->path);
  const struct timespec nap = {0, POLL_MS * 1000000L};
  for (;;) {
    if (cancelled(o))
      return sl_error_set(err, SL_ECANCELED,
                          "cancelled while waiting for the writer lock of "
                          "'%s'",
                          st->path);
    nanosleep(&nap, NULL); /* a signal cuts it short: checked above */
    if (flock(st->lock_fd, LOCK_EX | LOCK_NB) == 0)
      return SL_OK;
    if (errno != EWOULDBLOCK && errno != EINTR)
      return sl_error_set(err, SL_EIO, "cannot lock '%s': %s", st->path,
                          strerror(errno));
  }
}

sl_status sl_store_writer_lock(sl_store *st, const sl_store_lock_opts *opts,
                               sl_error *err) {
  static const sl_store_lock_opts none = {0};
  const sl_store_lock_opts *o = opts ? opts : &none;
  if (st->lock_depth > 0) {
    st->lock_depth++;
    return SL_OK;
  }
  sl_status s = st->lock_fd < 0 ? open_lock(st, err) : SL_OK;
  if (s != SL_OK)
    return s;
  int rc;
  do
    rc = flock(st->lock_fd, LOCK_EX | LOCK_NB);
  while (rc != 0 && errno == EINTR);
  if (rc != 0 && errno != EWOULDBLOCK)
    s = sl_error_set(err, SL_EIO, "cannot lock '%s': %s", st->path,
                     strerror(errno));
  else if (rc != 0 && !o->wait)
    s = sl_error_set(err, SL_EBUSY,
                     "'%s' is being written by another ingest or rebuild",
                     st->path);
  else if (rc != 0)
    s = wait_lock(st, o, err);
  if (s == SL_OK)
    st->lock_depth = 1;
  return s;
}

void sl_store_writer_unlock(sl_store *st) {
  if (st->lock_depth > 0 && --st->lock_depth == 0)
    flock(st->lock_fd, LOCK_UN);
}

void sl__store_lock_close(sl_store *st) {
  if (st->lock_fd >= 0)
    close(st->lock_fd); /* releases the flock with it */
  st->lock_fd = -1;
  st->lock_depth = 0;
}
