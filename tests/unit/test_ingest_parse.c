/* Tests of the parsers: plain text (title, date, binary, UTF-8) and JSON
 * Lines (field names, unknown fields, refusals, warnings). */
#include "sl_test.h"

#include "ingest/ingest.h"

typedef struct warns {
  int n;
  char last[256];
} warns;

static void on_warn(void *ud, sl_status code, const char *msg) {
  warns *w = ud;
  w->n++;
  snprintf(w->last, sizeof w->last, "%s", msg);
}

static sl_status text(const char *in, size_t len, sl_article *a, warns *w,
                      sl_error *err) {
  sl_warn_cb cb = {on_warn, w};
  sl_article_release(a);
  memset(w, 0, sizeof *w);
  return sl_parse_text(in, len, "dir/a.txt", &cb, a, err);
}

static sl_status jsonl(const char *in, sl_article *a, warns *w, sl_error *err) {
  sl_warn_cb cb = {on_warn, w};
  sl_article_release(a);
  memset(w, 0, sizeof *w);
  return sl_parse_jsonl(in, strlen(in), "feed.jsonl", 7, &cb, a, err);
}

static void test_text_title_and_date(void **state) {
  (void)state;
  sl_article a;
  sl_article_init(&a);
  warns w;
  sl_error err;
  const char *in = "Storm floods the harbour\r\n\r\nNORVALE, March 3, 2026 "
                   "(TWS) \xE2\x80\x94 Rain fell.  \r\nMore.\r\n\r\n";
  assert_int_equal(text(in, strlen(in), &a, &w, &err), SL_OK);
  assert_string_equal(a.title, "Storm floods the harbour");
  assert_string_equal(a.text, "NORVALE, March 3, 2026 (TWS) \xE2\x80\x94 "
                              "Rain fell.\nMore.");
  assert_string_equal(a.ref, "dir/a.txt");
  assert_string_equal(a.date_origin, ""); /* the pipeline reads the text */
  assert_int_equal(a.date.year, 0);
  assert_int_equal(w.n, 0);
  /* A first line that is a sentence is not a title. */
  in = "The council met today.\nIt agreed on the budget.";
  assert_int_equal(text(in, strlen(in), &a, &w, &err), SL_OK);
  assert_null(a.title);
  assert_string_equal(a.text, in);
  assert_string_equal(a.date_origin, "");
  /* A single line is the body, never a title alone. */
  assert_int_equal(text("Just one line", 13, &a, &w, &err), SL_OK);
  assert_null(a.title);
  /* Lowercase first line: not a headline. */
  in = "by the river\nsomething happened.";
  assert_int_equal(text(in, strlen(in), &a, &w, &err), SL_OK);
  assert_null(a.title);
  sl_article_release(&a);
}

static void test_text_refusals(void **state) {
  (void)state;
  sl_article a;
  sl_article_init(&a);
  warns w;
  sl_error err;
  assert_int_equal(text("ok\0\1\2binary", 11, &a, &w, &err), SL_EBINARY);
  assert_string_equal(err.msg, "binary file");
  assert_int_equal(text(" \n\t\n", 4, &a, &w, &err), SL_EEMPTY);
  /* Invalid UTF-8 is replaced, with one warning naming the byte. */
  assert_int_equal(text("Caf\xE9 news\n\nBody.", 16, &a, &w, &err), SL_OK);
  assert_string_equal(a.title, "Caf\xEF\xBF\xBD news");
  assert_int_equal(w.n, 1);
  assert_string_equal(w.last, "invalid UTF-8 replaced at byte 3 (1 sequence)");
  /* A NUL far from the start is not "binary" but is still refused. */
  char big[10000];
  memset(big, 'a', sizeof big);
  big[9000] = '\0';
  assert_int_equal(text(big, sizeof big, &a, &w, &err), SL_EUTF8);
  assert_string_equal(err.msg, "NUL byte at offset 9000");
  sl_article_release(&a);
}

static void test_jsonl_fields(void **state) {
  (void)state;
  sl_article a;
  sl_article_init(&a);
  warns w;
  sl_error err;
  assert_int_equal(
      jsonl("{\"id\":\"x1\",\"title\":\"T\",\"text\":\"Body\\r\\nline\","
            "\"date\":\"2026-03-09T08:00:00Z\",\"source\":\"Norvale Daily\","
            "\"url\":\"https://n.example/a\",\"language\":\"EN-us\","
            "\"story\":\"K\",\"n\":[1,2]}",
            &a, &w, &err),
      SL_OK);
  assert_string_equal(a.ref, "x1");
  assert_string_equal(a.title, "T");
  assert_string_equal(a.text, "Body\nline");
  assert_string_equal(a.source, "Norvale Daily");
  assert_string_equal(a.url, "https://n.example/a");
  assert_string_equal(a.language, "en");
  assert_string_equal(a.date_origin, "given");
  assert_int_equal(a.date.month, 3);
  assert_string_equal(a.extra, "{\"story\":\"K\",\"n\":[1,2]}");
  /* news-please names; no id: the ref is origin:line. */
  assert_int_equal(jsonl("{\"maintext\":\"M\",\"date_publish\":\"2026-03-09 "
                         "10:00:00\",\"source_domain\":\"x.example\","
                         "\"title\":null}",
                         &a, &w, &err),
                   SL_OK);
  assert_string_equal(a.ref, "feed.jsonl:7");
  assert_string_equal(a.text, "M");
  assert_string_equal(a.source, "x.example");
  assert_null(a.title);
  assert_null(a.extra); /* a null known field is not an unknown one */
  /* Numeric id, body, published in RFC 2822. */
  assert_int_equal(jsonl("{\"id\":42,\"body\":\"B\",\"published\":\"Tue, 10 "
                         "Mar 2026 07:00:00 GMT\"}",
                         &a, &w, &err),
                   SL_OK);
  assert_string_equal(a.ref, "42");
  assert_int_equal(a.date.day, 10);
  sl_article_release(&a);
}

/* Valid JSON that JSON readers choke on is kept: \u0000 as U+FFFD, in the
 * text and in `extra`; a number too large for an int64 or a double stays
 * in `extra` as a string of its text, at any depth; the others as they
 * are. */
static void test_jsonl_nul_and_big_numbers(void **state) {
  (void)state;
  sl_article a;
  sl_article_init(&a);
  warns w;
  sl_error err;
  assert_int_equal(
      jsonl("{\"text\":\"a\\u0000b\",\"big\":123456789012345678901234567890,"
            "\"huge\": 1e400, \"neg\":-9223372036854775809,\"max\":"
            "9223372036854775807,\"min\":-9223372036854775808,\"real\":-1.5E3,"
            "\"tiny\":1e-400,\"nul\":\"x\\u0000y\\\\u0000\",\"deep\":[1e400, "
            "{\"n\":18446744073709551616,\"s\":\"1e400\"}],\"t\":true}",
            &a, &w, &err),
      SL_OK);
  assert_string_equal(a.text, "a\xEF\xBF\xBD"
                              "b");
  assert_string_equal(
      a.extra, "{\"big\":\"123456789012345678901234567890\",\"huge\":\"1e400\","
               "\"neg\":\"-9223372036854775809\",\"max\":9223372036854775807,"
               "\"min\":-9223372036854775808,\"real\":-1.5E3,\"tiny\":1e-400,"
               "\"nul\":\"x\\ufffdy\\\\u0000\",\"deep\":[\"1e400\",{\"n\":"
               "\"18446744073709551616\",\"s\":\"1e400\"}],\"t\":true}");
  assert_int_equal(w.n, 0);
  sl_article_release(&a);
}

static void test_jsonl_refusals_and_warnings(void **state) {
  (void)state;
  sl_article a;
  sl_article_init(&a);
  warns w;
  sl_error err;
  assert_int_equal(jsonl("{\"text\": \"cut", &a, &w, &err), SL_EPARSE);
  assert_non_null(strstr(err.msg, "truncated JSON"));
  assert_int_equal(jsonl("{\"text\": x}", &a, &w, &err), SL_EPARSE);
  assert_non_null(strstr(err.msg, "malformed JSON"));
  assert_int_equal(jsonl("[1,2]", &a, &w, &err), SL_EPARSE);
  assert_string_equal(err.msg, "record is not a JSON object");
  assert_int_equal(jsonl("\"s\"", &a, &w, &err), SL_EPARSE);
  assert_int_equal(jsonl("{\"id\":\"n\"}", &a, &w, &err), SL_EEMPTY);
  assert_string_equal(err.msg, "record has no text");
  /* Kept with a warning: bad date, non-string title, title only. */
  assert_int_equal(jsonl("{\"text\":\"T\",\"date\":\"soon\"}", &a, &w, &err),
                   SL_OK);
  assert_int_equal(w.n, 1);
  assert_string_equal(w.last, "unparseable date 'soon'; date left empty");
  assert_int_equal(a.date.year, 0);
  assert_int_equal(jsonl("{\"text\":\"T\",\"title\":7.5}", &a, &w, &err),
                   SL_OK);
  assert_int_equal(w.n, 1);
  assert_null(a.title);
  assert_int_equal(
      jsonl("{\"title\":\"Headline only\",\"text\":\"\"}", &a, &w, &err),
      SL_OK);
  assert_string_equal(a.text, "");
  assert_string_equal(w.last, "record has a title but no text");
  /* Invalid UTF-8 inside the line is replaced, not refused. */
  assert_int_equal(jsonl("{\"text\":\"Caf\xE9\"}", &a, &w, &err), SL_OK);
  assert_string_equal(a.text, "Caf\xEF\xBF\xBD");
  sl_article_release(&a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_text_title_and_date),
      cmocka_unit_test(test_text_refusals),
      cmocka_unit_test(test_jsonl_fields),
      cmocka_unit_test(test_jsonl_refusals_and_warnings),
      cmocka_unit_test(test_jsonl_nul_and_big_numbers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
