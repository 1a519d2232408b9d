/* Pathological pages through main-content extraction (after cmark's
 * pathological tests): 100,000 nested elements, closed and unclosed, whose
 * text is kept; a 50 MB page mostly made of scripts and link lists; a page
 * that lies about its charset; pages without text; an empty file. */
#include "sl_test.h"

#include "base/buf.h"
#include "base/utf8.h"
#include "clean/html.h"

enum { DEPTH = 100000 };

/* Appends or fails the test. */
static void put(sl_buf *b, const char *s) {
  assert_int_equal(sl_buf_puts(b, s), SL_OK);
}

/* Extracts `b`; a success must give valid UTF-8. */
static sl_status extract(const sl_buf *b, sl_page *p) {
  sl_page_init(p);
  sl_error err;
  sl_status st = sl_html_extract(b->ptr, b->len, p, &err);
  if (st == SL_OK)
    assert_true(sl_utf8_valid(p->text.ptr, p->text.len));
  else
    assert_int_equal(err.code, st);
  return st;
}

static void test_nested_closed(void **state) {
  (void)state;
  static const char *const open[] = {"<div>", "<section>", "<span>", "<b>"};
  static const char *const close[] = {"</div>", "</section>", "</span>",
                                      "</b>"};
  sl_buf b = SL_BUF_INIT;
  put(&b, "<html><body><p>A sentence before the deep part of the page, "
          "long enough to count as prose.</p>");
  for (size_t i = 0; i < DEPTH; i++)
    put(&b, open[i % 4]);
  put(&b, "<p>Deep inside the page there is one sentence of text.</p>");
  for (size_t i = DEPTH; i-- > 0;)
    put(&b, close[i % 4]);
  put(&b, "</body></html>");
  sl_page p;
  /* No crash, no overflow, and the text below the parser's depth limit is
   * kept: deeper elements hang from the deepest one it keeps open. */
  assert_int_equal(extract(&b, &p), SL_OK);
  assert_non_null(strstr(p.text.ptr, "Deep inside the page there is one "
                                     "sentence of text."));
  sl_page_release(&p);
  sl_buf_release(&b);
}

static void test_nested_unclosed(void **state) {
  (void)state;
  /* never closed, with text every 1,000 levels: the parser's depth limit or
   * the extractor's, not the stack, must stop it */
  sl_buf b = SL_BUF_INIT;
  put(&b, "<html><body>");
  for (size_t i = 0; i < DEPTH; i++) {
    put(&b, i % 2 ? "<div class=x>" : "<em>");
    if (i % 1000 == 0)
      put(&b, "Some words of text at this level of the page. ");
  }
  sl_page p;
  assert_int_equal(extract(&b, &p), SL_OK);
  size_t n = 0; /* every level's words are kept */
  for (const char *q = p.text.ptr; (q = strstr(q, "Some words of text")); q++)
    n++;
  assert_int_equal(n, DEPTH / 1000);
  sl_page_release(&p);
  sl_buf_release(&b);
}

/* Boilerplate of about `bytes`: a navigation list of links. */
static void put_links(sl_buf *b, size_t bytes) {
  put(b, "<aside class=\"related\"><ul>");
  for (size_t start = b->len, i = 0; b->len - start < bytes; i++)
    assert_int_equal(sl_buf_printf(b,
                                   "<li><a href=\"/news/item-%zu.html\">"
                                   "Related headline number %zu</a></li>\n",
                                   i, i),
                     SL_OK);
  put(b, "</ul></aside>");
}

/* An inline script of about `bytes` (one text node). */
static void put_script(sl_buf *b, size_t bytes) {
  put(b, "<script>window.__STATE__ = [");
  for (size_t start = b->len; b->len - start < bytes;)
    put(b, "{\"id\":12345,\"slot\":\"scriptblob\",\"v\":[1,2,3]},\n");
  put(b, "0];</script>\n");
}

static void test_50mb_page(void **state) {
  (void)state;
  const size_t mb = sl_test_big((size_t)1 << 20);
  sl_buf b = SL_BUF_INIT;
  put(&b, "<!DOCTYPE html><html lang=\"en\"><head><title>Harbour report"
          "</title>");
  put_script(&b, 20 * mb); /* one 20 MB text node */
  put(&b, "</head><body><nav><a href=\"/\">Home</a></nav>");
  put_links(&b, 12 * mb);
  put(&b, "<article><h1>Harbour report</h1>");
  for (int i = 1; i <= 40; i++)
    assert_int_equal(
        sl_buf_printf(&b,
                      "<p>Paragraph %d of the harbour report: the port "
                      "authority of Fenwick said the cranes moved more "
                      "containers than in any year before.</p>\n",
                      i),
        SL_OK);
  put(&b, "</article>");
  put_links(&b, 10 * mb);
  for (int i = 0; i < 2; i++)
    put_script(&b, 5 * mb);
  put(&b, "<footer>Copyright</footer></body></html>");
  assert_true(b.len >= 50 * mb);
  sl_page p;
  assert_int_equal(extract(&b, &p), SL_OK);
  for (int i = 1; i <= 40; i++) {
    char want[64];
    snprintf(want, sizeof want, "Paragraph %d of the harbour report", i);
    if (!strstr(p.text.ptr, want))
      fail_msg("'%s' missing from the body", want);
  }
  assert_null(strstr(p.text.ptr, "scriptblob"));
  assert_true(p.text.len < mb); /* the article, not the link lists */
  sl_page_release(&p);
  sl_buf_release(&b);
}

static void test_lying_charset(void **state) {
  (void)state;
  /* Declares ISO-8859-1, holds UTF-8: the body must read "Zürich", not
   * "ZÃ¼rich" (src/text/charset.h sets such a declaration aside), in both
   * forms of the declaration. */
  const char *heads[] = {
      "<meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=ISO-8859-1\">",
      "<meta charset=\"iso-8859-1\">",
  };
  for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
    sl_buf b = SL_BUF_INIT;
    put(&b, "<html><head>");
    put(&b, heads[i]);
    put(&b, "</head><body><p>The city council of Z\xC3\xBCrich voted on "
            "Tuesday to widen the tram lines along the lake, a plan first "
            "drawn up in 1998.</p></body></html>");
    sl_page p;
    assert_int_equal(extract(&b, &p), SL_OK);
    if (!strstr(p.text.ptr, "council of Z\xC3\xBCrich voted"))
      fail_msg("head %zu: body '%s'", i, p.text.ptr);
    sl_page_release(&p);
    sl_buf_release(&b);
  }
}

static void test_no_text(void **state) {
  (void)state;
  const char *pages[] = {
      "<html><head><title></title></head><body></body></html>",
      "<html><head><style>p { color: red }</style><script>var a = "
      "'not text';</script></head><body><!-- only a comment -->"
      "<img src=\"a.jpg\" alt=\"\"> &nbsp; \n\t <br><hr></body></html>",
      "<html><body><div><span> </span><p>\n</p></div></body></html>",
      "   \n\n  ",
  };
  for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
    sl_buf b = SL_BUF_INIT;
    put(&b, pages[i]);
    sl_page p;
    sl_status st = extract(&b, &p);
    if (st != SL_EEMPTY)
      fail_msg("page %zu: %s, body '%s'", i, sl_status_str(st), p.text.ptr);
    sl_page_release(&p);
    sl_buf_release(&b);
  }
}

static void test_empty_file(void **state) {
  (void)state;
  sl_page p;
  sl_page_init(&p);
  sl_error err;
  sl_status st = sl_html_extract("", 0, &p, &err);
  assert_true(st == SL_EEMPTY || st == SL_EPARSE);
  assert_int_equal(err.code, st);
  assert_int_equal(p.text.len, 0);
  sl_page_release(&p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_nested_closed),
      cmocka_unit_test(test_nested_unclosed),
      cmocka_unit_test(test_50mb_page),
      cmocka_unit_test(test_lying_charset),
      cmocka_unit_test(test_no_text),
      cmocka_unit_test(test_empty_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
