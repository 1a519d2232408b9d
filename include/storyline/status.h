/* storyline: the one status enum every fallible function returns, and the
 * optional error struct that parsers and the store fill in. */
#ifndef STORYLINE_STATUS_H
#define STORYLINE_STATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define SL_MUST_USE __attribute__((warn_unused_result))
#define SL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SL_MUST_USE
#define SL_PRINTF(f, a)
#endif

typedef enum sl_status {
  SL_OK = 0,
  SL_ENOMEM,    /* an allocation failed */
  SL_EINVAL,    /* an argument or option is invalid */
  SL_EIO,       /* reading or writing a file failed */
  SL_ENOENT,    /* the file, article or record does not exist */
  SL_ELOOP,     /* a symbolic link loop */
  SL_EPARSE,    /* the input is malformed (JSON, date, ...) */
  SL_EUTF8,     /* the text holds a NUL byte or cannot be made UTF-8 */
  SL_EBINARY,   /* the input is binary, not text */
  SL_ETOOBIG,   /* the input exceeds a size cap */
  SL_EEMPTY,    /* the input holds no text */
  SL_EDB,       /* the database failed (see the message) */
  SL_EREADONLY, /* the database cannot be written */
  SL_EFULL,     /* the disk or the database is full */
  SL_EBUSY,     /* the database is locked by another process (writer) */
  SL_ECORRUPT,  /* the database is damaged */
  SL_ESCHEMA,   /* the database was written by a newer storyline */
  SL_EXISTS,    /* already present (not a failure for ingest) */
  SL_ECANCELED, /* a callback or the caller's cancel flag asked to stop */
  SL__STATUS_COUNT
} sl_status;

/* A short lowercase description ("invalid UTF-8"); never NULL. */
const char *sl_status_str(sl_status status);

/* Details of a failure. `offset` is a byte offset into the input and `line`
 * a 1-based line number, both 0 when unknown. `msg` is lowercase, without a
 * trailing period, and names the problem ("truncated JSON at byte 12"). */
typedef struct sl_error {
  sl_status code;
  size_t offset;
  size_t line;
  char msg[256];
} sl_error;

/* Fills `err` (which may be NULL) and returns `code`, so callers can write
 * `return sl_error_set(err, SL_EPARSE, "bad %s", x);`. */
sl_status sl_error_set(sl_error *err, sl_status code, const char *fmt, ...)
    SL_PRINTF(3, 4);

/* Resets `err` (may be NULL) to SL_OK with an empty message. */
void sl_error_clear(sl_error *err);

#ifdef __cplusplus
}
#endif
#endif
