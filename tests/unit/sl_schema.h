/* storyline tests: a JSON Schema validator for the subset the project's
 * schemas use (type, required, properties, additionalProperties, items,
 * enum, minimum, minItems, maxItems, format "date", $ref to #/$defs/...),
 * so that tests check the CLI's and the API's JSON against docs/. */
#ifndef SL_SCHEMA_H
#define SL_SCHEMA_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

/* The first violation: its path in the document and what is wrong. */
typedef struct sl_schema_err {
  char path[256];
  char msg[256];
} sl_schema_err;

static bool sl__schema_check(const json_t *root, const json_t *s,
                             const json_t *v, char *path, size_t plen,
                             sl_schema_err *e);

static bool sl__schema_fail(sl_schema_err *e, const char *path, const char *msg,
                            const char *what) {
  snprintf(e->path, sizeof e->path, "%s", path[0] ? path : "/");
  snprintf(e->msg, sizeof e->msg, "%s%s", msg, what ? what : "");
  return false;
}

static bool sl__schema_type_is(const json_t *v, const char *t) {
  if (strcmp(t, "object") == 0)
    return json_is_object(v);
  if (strcmp(t, "array") == 0)
    return json_is_array(v);
  if (strcmp(t, "string") == 0)
    return json_is_string(v);
  if (strcmp(t, "integer") == 0)
    return json_is_integer(v);
  if (strcmp(t, "number") == 0)
    return json_is_number(v);
  if (strcmp(t, "boolean") == 0)
    return json_is_boolean(v);
  if (strcmp(t, "null") == 0)
    return json_is_null(v);
  return false;
}

static bool sl__schema_type(const json_t *t, const json_t *v) {
  if (json_is_string(t))
    return sl__schema_type_is(v, json_string_value(t));
  size_t i;
  json_t *x;
  json_array_foreach(
      t, i, x) if (sl__schema_type_is(v, json_string_value(x))) return true;
  return false;
}

/* "YYYY-MM-DD" with a real month and day. */
static bool sl__schema_date(const char *s) {
  int y, m, d;
  char end;
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
      sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3)
    return false;
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static bool sl__schema_object(const json_t *root, const json_t *s,
                              const json_t *v, char *path, size_t plen,
                              sl_schema_err *e) {
  size_t i;
  json_t *x;
  json_array_foreach(json_object_get(s, "required"), i, x) if (
      !json_object_get(
          v, json_string_value(
                 x))) return sl__schema_fail(e, path, "missing required field ",
                                             json_string_value(x));
  const json_t *props = json_object_get(s, "properties");
  bool closed = json_is_false(json_object_get(s, "additionalProperties"));
  const char *k;
  json_t *val;
  json_object_foreach((json_t *)v, k, val) {
    const json_t *ps = json_object_get(props, k);
    if (!ps && closed)
      return sl__schema_fail(e, path, "unexpected field ", k);
    size_t n = plen + (size_t)snprintf(path + plen, 256 - plen, "/%s", k);
    if (ps && !sl__schema_check(root, ps, val, path, n < 256 ? n : 255, e))
      return false;
    path[plen] = '\0';
  }
  return true;
}

static bool sl__schema_array(const json_t *root, const json_t *s,
                             const json_t *v, char *path, size_t plen,
                             sl_schema_err *e) {
  const json_t *mn = json_object_get(s, "minItems");
  const json_t *mx = json_object_get(s, "maxItems");
  if (mn && json_array_size(v) < (size_t)json_integer_value(mn))
    return sl__schema_fail(e, path, "too few items", NULL);
  if (mx && json_array_size(v) > (size_t)json_integer_value(mx))
    return sl__schema_fail(e, path, "too many items", NULL);
  const json_t *items = json_object_get(s, "items");
  size_t i;
  json_t *x;
  json_array_foreach(v, i, x) {
    size_t n = plen + (size_t)snprintf(path + plen, 256 - plen, "/%zu", i);
    if (items && !sl__schema_check(root, items, x, path, n < 256 ? n : 255, e))
      return false;
    path[plen] = '\0';
  }
  return true;
}

static bool sl__schema_scalar(const json_t *s, const json_t *v,
                              const char *path, sl_schema_err *e) {
  const json_t *en = json_object_get(s, "enum");
  if (en) {
    size_t i;
    json_t *x;
    bool found = false;
    json_array_foreach(en, i, x) found = found || json_equal(x, (json_t *)v);
    if (!found)
      return sl__schema_fail(e, path, "value not in enum", NULL);
  }
  const json_t *min = json_object_get(s, "minimum");
  if (min && json_is_number(v) && json_number_value(v) < json_number_value(min))
    return sl__schema_fail(e, path, "below minimum", NULL);
  const char *fmt = json_string_value(json_object_get(s, "format"));
  if (fmt && strcmp(fmt, "date") == 0 && json_is_string(v) &&
      !sl__schema_date(json_string_value(v)))
    return sl__schema_fail(e, path,
                           "not a YYYY-MM-DD date: ", json_string_value(v));
  return true;
}

static bool sl__schema_check(const json_t *root, const json_t *s,
                             const json_t *v, char *path, size_t plen,
                             sl_schema_err *e) {
  const char *ref = json_string_value(json_object_get(s, "$ref"));
  if (ref) {
    const char *pre = "#/$defs/";
    const json_t *to =
        strncmp(ref, pre, strlen(pre)) == 0
            ? json_object_get(json_object_get(root, "$defs"), ref + strlen(pre))
            : NULL;
    if (!to)
      return sl__schema_fail(e, path, "unresolved $ref ", ref);
    return sl__schema_check(root, to, v, path, plen, e);
  }
  const json_t *t = json_object_get(s, "type");
  if (t && !sl__schema_type(t, v))
    return sl__schema_fail(e, path, "wrong type", NULL);
  if (json_is_object(v))
    return sl__schema_object(root, s, v, path, plen, e);
  if (json_is_array(v))
    return sl__schema_array(root, s, v, path, plen, e);
  return sl__schema_scalar(s, v, path, e);
}

/* Whether `doc` is valid against `schema`; on failure `e` says where. */
static inline bool sl_schema_valid(const json_t *schema, const json_t *doc,
                                   sl_schema_err *e) {
  char path[256] = "";
  e->path[0] = e->msg[0] = '\0';
  return sl__schema_check(schema, schema, doc, path, 0, e);
}

#endif
