/* Tests of the JSON Lines scanner: members and kinds, escapes, validation
 * of everything it skips, and the messages of its refusals. */
#include "sl_test.h"

#include "base/buf.h"
#include "ingest/json_scan.h"

static const char kind_names[] = "sntfnao"; /* by sl_json_kind */

/* Renders members as "key=K:value;" into the buffer. */
static int collect(void *ud, const sl_json_member *m) {
  sl_buf *b = ud;
  assert_int_equal(sl_buf_printf(b, "%.*s=%c:%.*s;", (int)m->key.len,
                                 m->key.ptr, kind_names[m->kind],
                                 (int)m->value.len, m->value.ptr),
                   SL_OK);
  return 0;
}

static const char *scan(const char *in, sl_buf *out, sl_status want) {
  sl_error err;
  sl_error_clear(&err);
  sl_buf_clear(out);
  sl_status st = sl_json_scan_object(in, strlen(in), collect, out, &err);
  if (st != want)
    fail_msg("'%s': status %d (%s), expected %d", in, st, err.msg, want);
  if (st != SL_OK) {
    sl_buf_clear(out);
    assert_int_equal(sl_buf_puts(out, err.msg), SL_OK);
  }
  return out->ptr;
}

static void test_members(void **state) {
  (void)state;
  sl_buf b = SL_BUF_INIT;
  assert_string_equal(scan("{}", &b, SL_OK), "");
  assert_string_equal(
      scan(" {\"a\":\"x\", \"n\": -1.5e3 ,\"t\":true,\"f\":false,\"z\":null,"
           "\"arr\":[1,[2,{\"k\":\"v\"}]],\"o\":{\"p\":{}}} ",
           &b, SL_OK),
      "a=s:x;n=n:-1.5e3;t=t:true;f=f:false;z=n:null;arr=a:[1,[2,{\"k\":\"v\"}]]"
      ";"
      "o=o:{\"p\":{}};");
  sl_buf_release(&b);
}

static void test_escapes(void **state) {
  (void)state;
  sl_buf b = SL_BUF_INIT;
  assert_string_equal(
      scan("{\"q\":\"say \\\"hi\\\"\\n\\t\\\\ \\/\"}", &b, SL_OK),
      "q=s:say \"hi\"\n\t\\ /;");
  assert_string_equal(scan("{\"u\":\"caf\\u00e9 \\u20ac\"}", &b, SL_OK),
                      "u=s:caf\xC3\xA9 \xE2\x82\xAC;");
  assert_string_equal(scan("{\"e\":\"\\ud83d\\ude00\"}", &b, SL_OK),
                      "e=s:\xF0\x9F\x98\x80;");
  assert_string_equal(scan("{\"k\\u0065y\":\"v\"}", &b, SL_OK), "key=s:v;");
  /* \u0000 is valid JSON: read as U+FFFD, never as a NUL. */
  assert_string_equal(scan("{\"n\":\"a\\u0000b\",\"k\\u0000\":1}", &b, SL_OK),
                      "n=s:a\xEF\xBF\xBD"
                      "b;k\xEF\xBF\xBD=n:1;");
  sl_buf_release(&b);
}

static void test_refusals(void **state) {
  (void)state;
  sl_buf b = SL_BUF_INIT;
  assert_string_equal(scan("{\"a\":\"cut", &b, SL_EPARSE),
                      "truncated JSON at column 10");
  assert_string_equal(scan("{\"a\":1", &b, SL_EPARSE),
                      "truncated JSON at column 7");
  assert_string_equal(scan("{\"a\":tru", &b, SL_EPARSE),
                      "truncated JSON at column 9");
  assert_string_equal(scan("{\"a\":x}", &b, SL_EPARSE),
                      "malformed JSON at column 6: invalid number");
  assert_string_equal(scan("{\"a\":1}}", &b, SL_EPARSE),
                      "malformed JSON at column 8: unexpected text after the "
                      "value");
  assert_string_equal(scan("{a:1}", &b, SL_EPARSE),
                      "malformed JSON at column 2: expected a string key");
  assert_string_equal(scan("{\"a\" 1}", &b, SL_EPARSE),
                      "malformed JSON at column 6: expected ':'");
  assert_string_equal(scan("{\"a\":01}", &b, SL_EPARSE),
                      "malformed JSON at column 7: expected ',' or '}'");
  assert_string_equal(scan("{\"a\":[1,]}", &b, SL_EPARSE),
                      "malformed JSON at column 9: invalid number");
  assert_string_equal(scan("{\"a\":\"\\ud800x\"}", &b, SL_EPARSE),
                      "malformed JSON at column 7: invalid \\u escape");
  assert_string_equal(scan("{\"a\":\"\\q\"}", &b, SL_EPARSE),
                      "malformed JSON at column 7: invalid escape");
  assert_string_equal(scan("{\"a\":\"tab\there\"}", &b, SL_EPARSE),
                      "malformed JSON at column 10: control character in "
                      "string");
  assert_string_equal(scan("[1,2]", &b, SL_EPARSE),
                      "record is not a JSON object");
  assert_string_equal(scan("\"s\"", &b, SL_EPARSE),
                      "record is not a JSON object");
  assert_string_equal(scan("", &b, SL_EPARSE), "truncated JSON at column 1");
  sl_buf_release(&b);
}

static void test_depth_limit(void **state) {
  (void)state;
  char deep[1200];
  size_t n = 0;
  n += (size_t)snprintf(deep, sizeof deep, "{\"a\":");
  for (int i = 0; i < 300; i++)
    deep[n++] = '[';
  deep[n] = '\0';
  sl_buf b = SL_BUF_INIT;
  assert_non_null(strstr(scan(deep, &b, SL_EPARSE), "nesting too deep"));
  sl_buf_release(&b);
}

static int stop_at_second(void *ud, const sl_json_member *m) {
  (void)m;
  return ++*(int *)ud == 2;
}

static void test_callback_stops(void **state) {
  (void)state;
  int calls = 0;
  const char *in = "{\"a\":1,\"b\":2,\"c\":3}";
  assert_int_equal(
      sl_json_scan_object(in, strlen(in), stop_at_second, &calls, NULL),
      SL_ECANCELED);
  assert_int_equal(calls, 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_members),        cmocka_unit_test(test_escapes),
      cmocka_unit_test(test_refusals),       cmocka_unit_test(test_depth_limit),
      cmocka_unit_test(test_callback_stops),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
