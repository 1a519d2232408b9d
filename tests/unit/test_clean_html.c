/* Tests of main-content extraction: the body and metadata of a page with
 * every kind of boilerplate, and pathological pages (deep nesting, a large
 * page, a lying charset, no text). */
#include "sl_test.h"

#include "base/utf8.h"
#include "clean/html.h"

static void test_page(void **state) {
  (void)state;
  char *html = sl_test_read("tests/cli/extract/files/page.html");
  sl_page p;
  sl_page_init(&p);
  sl_error err;
  assert_int_equal(sl_html_extract(html, strlen(html), &p, &err), SL_OK);
  assert_non_null(strstr(p.text.ptr, "Two container cranes"));
  assert_non_null(strstr(p.text.ptr, "Jobs and traffic"));
  assert_non_null(strstr(p.text.ptr, "we are ready."));
  const char *absent[] = {"cookies",    "Share on",  "Related", "Ferry fares",
                          "Great news", "Copyright", "Home"};
  for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
    if (strstr(p.text.ptr, absent[i]))
      fail_msg("boilerplate '%s' in the body", absent[i]);
  assert_string_equal(p.title.ptr, "Harbour cranes return to Fenwick");
  assert_string_equal(p.date.ptr, "2026-03-21T08:30:00Z");
  assert_string_equal(p.author.ptr, "Ivo Santer");
  assert_string_equal(p.site.ptr, "The Fenwick Post");
  assert_string_equal(p.language.ptr, "en");
  sl_page_release(&p);
  free(html);
}

static void test_title_without_site(void **state) {
  (void)state;
  const char *html = "<html><head><title>Dockers vote to strike - Norvale "
                     "Daily</title></head><body><p>The dockers of Tessaly "
                     "voted on Monday to strike over night shifts.</p>"
                     "</body></html>";
  sl_page p;
  sl_page_init(&p);
  assert_int_equal(sl_html_extract(html, strlen(html), &p, NULL), SL_OK);
  assert_string_equal(p.title.ptr, "Dockers vote to strike");
  sl_page_release(&p);
}

static void test_deep_nesting(void **state) {
  (void)state;
  size_t depth = 100000, len = 0;
  char *html = malloc(depth * 11 + 200);
  len += (size_t)sprintf(html, "<html><body>");
  for (size_t i = 0; i < depth; i++)
    len += (size_t)sprintf(html + len, "<div>");
  len += (size_t)sprintf(html + len, "<p>Deep inside the page there is one "
                                     "sentence of text.</p>");
  for (size_t i = 0; i < depth; i++)
    len += (size_t)sprintf(html + len, "</div>");
  sl_page p;
  sl_page_init(&p);
  sl_status st = sl_html_extract(html, len, &p, NULL);
  assert_true(st == SL_OK || st == SL_EEMPTY); /* no crash, no overflow */
  sl_page_release(&p);
  free(html);
}

static void test_large_page(void **state) {
  (void)state;
  const char *para = "<p>The harbour of Fenwick handled more ships this year, "
                     "the port authority said, and more are expected.</p>\n";
  size_t n = strlen(para), count = (50u << 20) / n, len = 0;
  char *html = malloc(count * n + 64);
  len += (size_t)sprintf(html, "<html><body><article>");
  for (size_t i = 0; i < count; i++, len += n)
    memcpy(html + len, para, n);
  len += (size_t)sprintf(html + len, "</article></body></html>");
  sl_page p;
  sl_page_init(&p);
  assert_int_equal(sl_html_extract(html, len, &p, NULL), SL_OK);
  assert_true(p.text.len > (40u << 20));
  sl_page_release(&p);
  free(html);
}

static void test_lying_charset(void **state) {
  (void)state;
  /* Declares Latin-1, holds UTF-8 and a stray invalid byte: the body comes
   * out as valid UTF-8 whatever the parser made of it. */
  const char *html = "<html><head><meta charset=\"iso-8859-1\"></head><body>"
                     "<p>Caf\xC3\xA9 owners in S\xC3\xA3o Paulo protested on "
                     "Friday \xFF against the new rents.</p></body></html>";
  sl_page p;
  sl_page_init(&p);
  assert_int_equal(sl_html_extract(html, strlen(html), &p, NULL), SL_OK);
  assert_true(sl_utf8_valid(p.text.ptr, p.text.len));
  assert_non_null(strstr(p.text.ptr, "owners in S"));
  sl_page_release(&p);
}

static void test_no_text(void **state) {
  (void)state;
  const char *pages[] = {"", "<html></html>",
                         "<html><body><script>var x = 1;</script></body>"
                         "</html>",
                         "\x01\x02\x03"};
  for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
    sl_page p;
    sl_page_init(&p);
    sl_error err;
    sl_status st = sl_html_extract(pages[i], strlen(pages[i]), &p, &err);
    assert_true(st == SL_EEMPTY || st == SL_EPARSE);
    sl_page_release(&p);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_page),
      cmocka_unit_test(test_title_without_site),
      cmocka_unit_test(test_deep_nesting),
      cmocka_unit_test(test_large_page),
      cmocka_unit_test(test_lying_charset),
      cmocka_unit_test(test_no_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
