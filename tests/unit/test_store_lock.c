/* Tests of the store's writer lock: one holder at a time across open
 * stores (another process's is the same flock), nesting, waiting with a
 * cancel flag, two paths to one database, a holder that dies, and readers
 * that never take it. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sl_test.h"

#include "store/store.h"

typedef struct fx {
  char dir[64];
  char db[128];
} fx;

static int setup(void **state) {
  fx *f = calloc(1, sizeof *f);
  sl_test_mkdtemp(f->dir, "lock");
  snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fx *f = *state;
  sl_test_rmrf(f->dir);
  free(f);
  return 0;
}

static sl_store *open_ok(const char *path) {
  sl_store *st = NULL;
  sl_error err;
  if (sl_store_open(path, NULL, &st, &err) != SL_OK)
    fail_msg("open: %s", err.msg);
  return st;
}

static sl_status try_lock(sl_store *st, sl_error *err) {
  sl_store_lock_opts o = {0};
  return sl_store_writer_lock(st, &o, err);
}

static void test_one_holder(void **state) {
  fx *f = *state;
  sl_store *a = open_ok(f->db), *b = open_ok(f->db);
  sl_error err;
  assert_int_equal(try_lock(a, &err), SL_OK);
  assert_int_equal(try_lock(b, &err), SL_EBUSY);
  assert_non_null(strstr(err.msg, f->db)); /* the message names it */
  /* Nested holds: released with the last unlock only. */
  assert_int_equal(try_lock(a, &err), SL_OK);
  sl_store_writer_unlock(a);
  assert_int_equal(try_lock(b, &err), SL_EBUSY);
  sl_store_writer_unlock(a);
  assert_int_equal(try_lock(b, &err), SL_OK);
  sl_store_writer_unlock(b);
  sl_store_writer_unlock(b); /* one too many: a no-op */
  assert_int_equal(try_lock(a, &err), SL_OK);
  sl_store_close(a); /* closing releases it */
  assert_int_equal(try_lock(b, &err), SL_OK);
  sl_store_close(b);
  char lock[160];
  snprintf(lock, sizeof lock, "%s-lock", f->db);
  assert_int_equal(access(lock, F_OK), 0);
}

static void test_readers_not_blocked(void **state) {
  fx *f = *state;
  sl_store *w = open_ok(f->db);
  sl_error err;
  assert_int_equal(try_lock(w, &err), SL_OK);
  assert_int_equal(sl_store_begin(w, &err), SL_OK);
  sl_store_opts ro = {0, true};
  sl_store *r = NULL;
  assert_int_equal(sl_store_open(f->db, &ro, &r, &err), SL_OK);
  int64_t n = -1;
  assert_int_equal(sl_store_article_count(r, &n, &err), SL_OK);
  assert_int_equal(n, 0);
  sl_store_close(r);
  assert_int_equal(sl_store_commit(w, &err), SL_OK);
  sl_store_close(w);
}

typedef struct waiter {
  int calls;
  volatile sig_atomic_t *cancel;
} waiter;

/* Asks the wait to stop as soon as it starts. */
static void on_wait(void *ud, const char *db) {
  waiter *w = ud;
  assert_non_null(db);
  w->calls++;
  *w->cancel = 1;
}

static void test_wait_cancelled(void **state) {
  fx *f = *state;
  sl_store *a = open_ok(f->db), *b = open_ok(f->db);
  sl_error err;
  assert_int_equal(try_lock(a, &err), SL_OK);
  volatile sig_atomic_t cancel = 0;
  waiter w = {0, &cancel};
  sl_store_lock_opts o = {true, on_wait, &w, &cancel};
  assert_int_equal(sl_store_writer_lock(b, &o, &err), SL_ECANCELED);
  assert_int_equal(w.calls, 1);
  /* Free: no wait, no callback. */
  sl_store_writer_unlock(a);
  cancel = 0;
  assert_int_equal(sl_store_writer_lock(b, &o, &err), SL_OK);
  assert_int_equal(w.calls, 1);
  sl_store_close(a);
  sl_store_close(b);
}

/* A child holds the lock and dies without unlocking: the waiting parent
 * gets it, so a killed writer leaves no stale lock. */
static void test_dead_holder(void **state) {
  fx *f = *state;
  sl_store_close(open_ok(f->db));
  int ready[2];
  assert_int_equal(pipe(ready), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    sl_store *c = open_ok(f->db);
    sl_error e;
    char ok = try_lock(c, &e) == SL_OK ? 'y' : 'n';
    (void)!write(ready[1], &ok, 1);
    pause(); /* killed here, lock held */
    _exit(0);
  }
  char ok = 0;
  assert_int_equal(read(ready[0], &ok, 1), 1);
  assert_int_equal(ok, 'y');
  sl_store *p = open_ok(f->db);
  sl_error err;
  assert_int_equal(try_lock(p, &err), SL_EBUSY);
  kill(pid, SIGKILL);
  int status;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  sl_store_lock_opts o = {true, NULL, NULL, NULL};
  assert_int_equal(sl_store_writer_lock(p, &o, &err), SL_OK);
  sl_store_close(p);
  close(ready[0]);
  close(ready[1]);
}

/* Two paths to one database (a symbolic link) share its lock. */
static void test_symlink_shares(void **state) {
  fx *f = *state;
  sl_store *a = open_ok(f->db);
  char link[160];
  snprintf(link, sizeof link, "%s/alias.db", f->dir);
  assert_int_equal(symlink(f->db, link), 0);
  sl_store *b = open_ok(link);
  sl_error err;
  assert_int_equal(try_lock(a, &err), SL_OK);
  assert_int_equal(try_lock(b, &err), SL_EBUSY);
  sl_store_close(a);
  sl_store_close(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_one_holder, setup, teardown),
      cmocka_unit_test_setup_teardown(test_readers_not_blocked, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_wait_cancelled, setup, teardown),
      cmocka_unit_test_setup_teardown(test_dead_holder, setup, teardown),
      cmocka_unit_test_setup_teardown(test_symlink_shares, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
