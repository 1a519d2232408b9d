/* Tests of the JSON document splitter: arrays of objects and objects one
 * after another, pretty-printed, fed whole or a byte at a time; the line
 * each record starts on; every problem reported with its line; JSON Lines
 * told from a document. */
#include "sl_test.h"

#include "base/buf.h"
#include "ingest/json_doc.h"

/* "rec LINE: BYTES" and "err LINE CODE: MSG" lines. */
static sl_status on_record(void *ud, const char *p, size_t n, uint64_t line) {
  assert_int_equal(sl_buf_printf(ud, "rec %llu: %.*s\n",
                                 (unsigned long long)line, (int)n, p),
                   SL_OK);
  return SL_OK;
}

static void on_error(void *ud, uint64_t line, sl_status code, const char *msg) {
  assert_int_equal(
      sl_buf_printf(ud, "err %llu %s: %s\n", (unsigned long long)line,
                    code == SL_ETOOBIG ? "ETOOBIG" : "EPARSE", msg),
      SL_OK);
}

/* Splits `in` fed in pieces of `step` bytes (0: whole). */
static const char *split_by(const char *in, size_t step, sl_buf *log) {
  sl_buf_clear(log);
  sl_json_doc_cb cb = {on_record, on_error, log};
  sl_json_doc d;
  sl__json_doc_init(&d, 1);
  size_t n = strlen(in);
  for (size_t at = 0; at < n; at += step ? step : n) {
    size_t len = step && n - at > step ? step : n - at;
    assert_int_equal(sl__json_doc_feed(&d, in + at, len, &cb), SL_OK);
  }
  assert_int_equal(sl__json_doc_end(&d, &cb), SL_OK);
  sl__json_doc_release(&d);
  return log->ptr;
}

/* The same log whole, by 7-byte pieces and a byte at a time. */
static const char *split(const char *in, sl_buf *log) {
  sl_buf other = SL_BUF_INIT;
  char *whole = strdup(split_by(in, 0, log));
  assert_string_equal(split_by(in, 7, &other), whole);
  assert_string_equal(split_by(in, 1, &other), whole);
  free(whole);
  sl_buf_release(&other);
  return log->ptr;
}

static void test_array_pretty(void **state) {
  (void)state;
  sl_buf log = SL_BUF_INIT;
  assert_string_equal(
      split("\n[\n  {\n    \"id\": \"a\",\n    \"text\": \"x ] "
            "} [ { \\\" \\\\\"\n  },\n  {\"id\": \"b\", "
            "\"tags\": [\"}\", {\"k\": []}]}\n]\n",
            &log),
      "rec 3: {\n    \"id\": \"a\",\n    \"text\": \"x ] } [ { "
      "\\\" \\\\\"\n  }\n"
      "rec 7: {\"id\": \"b\", \"tags\": [\"}\", {\"k\": []}]}\n");
  /* Compact, on one line; an empty array. */
  assert_string_equal(split("[{\"a\":1},{\"b\":2}]", &log),
                      "rec 1: {\"a\":1}\nrec 1: {\"b\":2}\n");
  assert_string_equal(split("[ ]", &log), "");
  sl_buf_release(&log);
}

static void test_objects_one_after_another(void **state) {
  (void)state;
  sl_buf log = SL_BUF_INIT;
  assert_string_equal(split("{\n  \"id\": 1,\n  \"text\": \"one\"\n}\n", &log),
                      "rec 1: {\n  \"id\": 1,\n  \"text\": \"one\"\n}\n");
  assert_string_equal(split("{\n \"a\": 1\n}{\"b\":\n2}\n\n  {\"c\":3}", &log),
                      "rec 1: {\n \"a\": 1\n}\nrec 3: {\"b\":\n2}\n"
                      "rec 6: {\"c\":3}\n");
  sl_buf_release(&log);
}

/* Elements that are not objects go to the parser, which refuses them;
 * each structural problem is reported with its line and reading goes on. */
static void test_problems(void **state) {
  (void)state;
  sl_buf log = SL_BUF_INIT;
  assert_string_equal(split("[1, \"s, ]\" ,true,\n{\"a\":1}]", &log),
                      "rec 1: 1\nrec 1: \"s, ]\"\nrec 1: true\n"
                      "rec 2: {\"a\":1}\n");
  assert_string_equal(split("[\n,{\"a\":1},,\n{\"b\":2} {\"c\":3},\n]", &log),
                      "err 2 EPARSE: malformed JSON array: an empty element\n"
                      "rec 2: {\"a\":1}\n"
                      "err 2 EPARSE: malformed JSON array: an empty element\n"
                      "rec 3: {\"b\":2}\n"
                      "err 3 EPARSE: malformed JSON array: a missing ','\n"
                      "rec 3: {\"c\":3}\n"
                      "err 4 EPARSE: malformed JSON array: a ',' before ']'\n");
  assert_string_equal(split("[{\"a\":1},\n{\"b\":\"cut", &log),
                      "rec 1: {\"a\":1}\n"
                      "err 2 EPARSE: truncated JSON: the record is not closed\n"
                      "err 2 EPARSE: truncated JSON array: no closing ']'\n");
  assert_string_equal(split("[{\"a\":1}]\n{\"b\":2}\n", &log),
                      "rec 1: {\"a\":1}\n"
                      "err 2 EPARSE: unexpected text after the JSON array\n");
  assert_string_equal(split("{\"a\":1}\nnot json\n{\"b\":\n2}", &log),
                      "rec 1: {\"a\":1}\n"
                      "err 2 EPARSE: unexpected text between JSON records\n"
                      "rec 3: {\"b\":\n2}\n");
  sl_buf_release(&log);
}

/* A record past the cap is refused without being kept whole; the next is
 * read. */
static void test_too_big(void **state) {
  (void)state;
  sl_buf log = SL_BUF_INIT;
  sl_json_doc_cb cb = {on_record, on_error, &log};
  sl_json_doc d;
  sl__json_doc_init(&d, 1);
  static char chunk[1 << 20];
  memset(chunk, 'x', sizeof chunk);
  assert_int_equal(sl__json_doc_feed(&d, "[{\"text\":\"", 10, &cb), SL_OK);
  for (size_t i = 0; i < (SL_INGEST_MAX_LINE >> 20) + 1; i++)
    assert_int_equal(sl__json_doc_feed(&d, chunk, sizeof chunk, &cb), SL_OK);
  assert_true(d.too_big);
  assert_true(d.rec.cap < SL_INGEST_MAX_LINE); /* released, not kept */
  const char *tail = "\"},\n{\"text\":\"next\"}]";
  assert_int_equal(sl__json_doc_feed(&d, tail, strlen(tail), &cb), SL_OK);
  assert_int_equal(sl__json_doc_end(&d, &cb), SL_OK);
  assert_string_equal(log.ptr, "err 1 ETOOBIG: record longer than 64 MiB\n"
                               "rec 2: {\"text\":\"next\"}\n");
  sl__json_doc_release(&d);
  sl_buf_release(&log);
}

static bool ahead(const char *s) {
  return sl__json_doc_ahead(s, strlen(s));
}

static void test_document_or_lines(void **state) {
  (void)state;
  assert_false(ahead("{\"a\":1}\n{\"b\":2}\n")); /* JSON Lines */
  assert_false(ahead("  {\"a\":\"{[\"} \n"));    /* closes on its line */
  assert_false(ahead("{\"a\":1"));               /* no line end read yet */
  assert_true(ahead("{\n  \"a\": 1\n}\n"));      /* pretty-printed */
  assert_true(ahead("{\"a\": \"}\"\n}"));        /* a brace in a string */
  assert_true(ahead("\n\n  [{\"a\":1}]"));       /* an array */
  assert_false(ahead("  \n"));
  assert_false(ahead("text"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_array_pretty),
      cmocka_unit_test(test_objects_one_after_another),
      cmocka_unit_test(test_problems),
      cmocka_unit_test(test_too_big),
      cmocka_unit_test(test_document_or_lines),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
