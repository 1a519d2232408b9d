/* storyline base: status strings and the error struct. */
#include <stdarg.h>
#include <stdio.h>

#include "storyline/status.h"

static const char *const status_names[SL__STATUS_COUNT] = {
    [SL_OK] = "ok",
    [SL_ENOMEM] = "out of memory",
    [SL_EINVAL] = "invalid argument",
    [SL_EIO] = "input/output error",
    [SL_ENOENT] = "not found",
    [SL_ELOOP] = "symbolic link loop",
    [SL_EPARSE] = "malformed input",
    [SL_EUTF8] = "invalid text encoding",
    [SL_EBINARY] = "binary data",
    [SL_ETOOBIG] = "too large",
    [SL_EEMPTY] = "no text",
    [SL_EDB] = "database error",
    [SL_EREADONLY] = "read-only database",
    [SL_EFULL] = "database or disk is full",
    [SL_EBUSY] = "database is locked",
    [SL_ECORRUPT] = "database is damaged",
    [SL_ESCHEMA] = "database written by a newer storyline",
    [SL_EXISTS] = "already present",
    [SL_ECANCELED] = "canceled",
};

const char *sl_status_str(sl_status status) {
  if ((unsigned)status >= SL__STATUS_COUNT || !status_names[status])
    return "unknown status";
  return status_names[status];
}

sl_status sl_error_set(sl_error *err, sl_status code, const char *fmt, ...) {
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    err->code = code;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
  }
  return code;
}

void sl_error_clear(sl_error *err) {
  if (err) {
    err->code = SL_OK;
    err->offset = 0;
    err->line = 0;
    err->msg[0] = '\0';
  }
}
