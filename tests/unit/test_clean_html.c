/* Tests of main-content extraction: the body and metadata of a page with
 * every kind of boilerplate (marked by class or not), titles carrying the site
 * name, dates in the URL, JSON-LD or the text, charsets and entities, and
 * pathological pages (deep nesting, a large page, a lying charset, no text). */
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

/* Extracts a page that must succeed; the caller releases `p`. */
static void extract_ok(const char *html, sl_page *p) {
  sl_page_init(p);
  sl_error err;
  sl_status st = sl_html_extract(html, strlen(html), p, &err);
  if (st != SL_OK)
    fail_msg("extract failed: %s", err.msg);
}

static const char *const article_body =
    "<p>The ferry between Norvale and Tessaly will run twice a day from "
    "June, the harbour office said on Monday, after a winter of repairs to "
    "the pier.</p><p>Fares stay as they were, but season tickets, which "
    "were sold out by March last year, will be sold from the first of "
    "May.</p><p>The crew of the old ferry, retired since the storm, will "
    "train the new sailors during the first weeks of service.</p>";

static void test_boilerplate_dropped(void **state) {
  (void)state;
  sl_buf html = SL_BUF_INIT;
  assert_int_equal(
      sl_buf_printf(
          &html,
          "<html><body><div id=\"page\"><div class=\"postcontent\">%s"
          "<div class=\"newsletter-box\"><p>Sign up for our newsletter and "
          "get the best stories of the week in your inbox, every "
          "Friday.</p></div></div>"
          "<div class=\"related-posts\"><h3>Read more</h3><ul>"
          "<li><a href=\"/a\">Ferry fares rise in the north</a></li>"
          "<li><a href=\"/b\">Pier repairs start</a></li></ul></div>"
          "<section id=\"comments\"><h3>2 comments</h3><ol>"
          "<li><p>Great news, I have waited for this ferry all winter "
          "long and will take it in June.</p></li></ol></section>"
          "<div style=\"display: none\"><p>A hidden paragraph that the "
          "reader never sees on the page, long enough to be prose.</p>"
          "</div></div></body></html>",
          article_body),
      SL_OK);
  sl_page p;
  extract_ok(html.ptr, &p);
  assert_non_null(strstr(p.text.ptr, "The ferry between Norvale"));
  assert_non_null(strstr(p.text.ptr, "train the new sailors"));
  const char *absent[] = {"newsletter", "Ferry fares", "Pier repairs",
                          "Great news", "comments",    "hidden paragraph",
                          "Read more"};
  for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
    if (strstr(p.text.ptr, absent[i]))
      fail_msg("boilerplate '%s' in the body:\n%s", absent[i], p.text.ptr);
  sl_page_release(&p);
  sl_buf_release(&html);
}

/* Lines no class names: a call to follow and to subscribe after the
 * article's paragraphs go, its short last paragraph stays. */
static void test_unmarked_tail(void **state) {
  (void)state;
  const char *html =
      "<html><body><article><h1>Tram line approved</h1><p>The council of "
      "Norvale met on Monday and approved the new tram line to the lake, "
      "after three years of debate.</p><p>The line will run from the "
      "station to the harbour, with eleven stops, and should open in the "
      "spring of 2028.</p><p>Work starts in May.</p><p>Follow us on "
      "Twitter and Facebook for the latest news from Norvale.</p><p>"
      "Subscribe to our newsletter.</p></article></body></html>";
  sl_page p;
  extract_ok(html, &p);
  assert_non_null(strstr(p.text.ptr, "eleven stops"));
  assert_non_null(strstr(p.text.ptr, "Work starts in May."));
  if (strstr(p.text.ptr, "Follow us") || strstr(p.text.ptr, "Subscribe"))
    fail_msg("a call to action in the body:\n%s", p.text.ptr);
  sl_page_release(&p);
}

static void test_title_site_name(void **state) {
  (void)state;
  sl_buf html = SL_BUF_INIT;
  /* The first <h1> is the site's logo; the page's own title names the
   * site too. */
  assert_int_equal(
      sl_buf_printf(&html,
                    "<html><head><title>Ferry returns to Tessaly | Norvale "
                    "Daily</title><meta property=\"og:site_name\" "
                    "content=\"Norvale Daily\"></head><body><header><h1 "
                    "class=\"site-title\"><a href=\"/\">Norvale "
                    "Daily</a></h1></header><article><h1 "
                    "class=\"entry-title\">Ferry returns to Tessaly</h1>"
                    "%s</article></body></html>",
                    article_body),
      SL_OK);
  sl_page p;
  extract_ok(html.ptr, &p);
  assert_string_equal(p.title.ptr, "Ferry returns to Tessaly");
  assert_string_equal(p.site.ptr, "Norvale Daily");
  sl_page_release(&p);
  sl_buf_release(&html);
}

static void test_date_in_url(void **state) {
  (void)state;
  sl_buf html = SL_BUF_INIT;
  assert_int_equal(
      sl_buf_printf(&html,
                    "<html><head><link rel=\"canonical\" "
                    "href=\"https://norvale.example/2019/08/02/ferry\">"
                    "</head><body><article>%s</article></body></html>",
                    article_body),
      SL_OK);
  sl_page p;
  extract_ok(html.ptr, &p);
  assert_string_equal(p.date.ptr, "2019-08-02");
  assert_string_equal(p.url.ptr, "https://norvale.example/2019/08/02/ferry");
  sl_page_release(&p);
  sl_buf_release(&html);
}

static void test_date_json_ld(void **state) {
  (void)state;
  sl_buf html = SL_BUF_INIT;
  assert_int_equal(
      sl_buf_printf(
          &html,
          "<html><head><script type=\"application/ld+json\">{\"@type\": "
          "\"NewsArticle\", \"headline\": \"Ferry returns\", "
          "\"dateModified\": \"2021-04-01T09:00:00Z\", \"datePublished\" : "
          "\"2021-03-03T10:00:00Z\"}</script></head><body><article>%s"
          "</article><p class=\"date\">1 April 2021</p></body></html>",
          article_body),
      SL_OK);
  sl_page p;
  extract_ok(html.ptr, &p);
  assert_string_equal(p.date.ptr, "2021-03-03T10:00:00Z");
  assert_string_equal(p.title.ptr, "Ferry returns");
  sl_page_release(&p);
  sl_buf_release(&html);
}

static void test_date_near_title(void **state) {
  (void)state;
  sl_buf html = SL_BUF_INIT;
  /* No metadata: the date printed under the headline, in German. */
  assert_int_equal(
      sl_buf_printf(&html,
                    "<html><body><div class=\"sidebar\">Archiv: 3. Januar "
                    "2010</div><article><h1>Die F\xC3\xA4hre kehrt "
                    "zur\xC3\xBC"
                    "ck</h1><div class=\"byline\">Von Ada Morn, 31. "
                    "M\xC3\xA4rz 2012</div>%s</article></body></html>",
                    article_body),
      SL_OK);
  sl_page p;
  extract_ok(html.ptr, &p);
  assert_string_equal(p.date.ptr, "2012-03-31");
  assert_string_equal(p.title.ptr, "Die F\xC3\xA4hre kehrt zur\xC3\xBC"
                                   "ck");
  sl_page_release(&p);
  sl_buf_release(&html);
}

static void test_charset_and_entities(void **state) {
  (void)state;
  /* windows-1252 bytes (0xE9, 0x92), named and numeric references, a
   * no-break space, implied end tags of <p> and <li>. */
  const char *html =
      "<html><head><meta charset=\"windows-1252\"></head><body><article>"
      "<p>Caf\xE9 owners in the old town said the rent rise was "
      "\x93unfair\x94 &amp; too fast&#8230; It&#x2019;s due in&nbsp;May."
      "<p>Ana&iuml;s Morn, who runs the caf\xE9 by the pier, said she "
      "would close &lt;for good&gt; in the autumn if nothing changed."
      "<ul><li>The first point of the list, on rents.<li>The second "
      "point, on the hours.</ul>"
      "</article></body></html>";
  sl_page p;
  extract_ok(html, &p);
  assert_non_null(strstr(p.text.ptr, "Caf\xC3\xA9 owners"));
  assert_non_null(strstr(p.text.ptr,
                         "\xE2\x80\x9Cunfair\xE2\x80\x9D & too fast\xE2\x80\xA6"
                         " It\xE2\x80\x99s due in May."));
  assert_non_null(strstr(p.text.ptr, "\nAna\xC3\xAFs Morn"));
  assert_non_null(strstr(p.text.ptr, "<for good>"));
  assert_non_null(strstr(p.text.ptr, "on rents.\nThe second point"));
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

static void test_nested_hints(void **state) {
  (void)state;
  /* 100,000 nested elements whose class names a date and a title: each is
   * read for metadata, which must stay linear. */
  size_t depth = 100000;
  sl_buf html = SL_BUF_INIT;
  assert_int_equal(sl_buf_puts(&html, "<html><body>"), SL_OK);
  for (size_t i = 0; i < depth; i++)
    assert_int_equal(sl_buf_puts(&html, "<h2 class=\"date title\">"), SL_OK);
  assert_int_equal(sl_buf_puts(&html, "<p>Posted on 3 March 2021, a long "
                                      "sentence of text at the bottom.</p>"),
                   SL_OK);
  sl_page p;
  sl_page_init(&p);
  sl_status st = sl_html_extract(html.ptr, html.len, &p, NULL);
  assert_true(st == SL_OK || st == SL_EEMPTY);
  sl_page_release(&p);
  sl_buf_release(&html);
}

static void test_large_page(void **state) {
  (void)state;
  const char *para = "<p>The harbour of Fenwick handled more ships this year, "
                     "the port authority said, and more are expected.</p>\n";
  size_t total = sl_test_big(50u << 20); /* 50 MB */
  size_t n = strlen(para), count = total / n, len = 0;
  char *html = malloc(count * n + 64);
  assert_non_null(html);
  len += (size_t)sprintf(html, "<html><body><article>");
  for (size_t i = 0; i < count; i++, len += n)
    memcpy(html + len, para, n);
  len += (size_t)sprintf(html + len, "</article></body></html>");
  sl_page p;
  sl_page_init(&p);
  assert_int_equal(sl_html_extract(html, len, &p, NULL), SL_OK);
  assert_true(p.text.len > total / 5 * 4);
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

static void test_nul_bytes(void **state) {
  (void)state;
  /* NUL bytes and invalid UTF-8 together: the body stays valid UTF-8 (the
   * bytes are read as windows-1252, the NUL made U+FFFD). */
  static const char html[] =
      "<html><body><p>Dockers in Tessaly\0 voted \xFF on Monday to strike "
      "over night shifts, the union said.</p></body></html>";
  sl_page p;
  sl_page_init(&p);
  assert_int_equal(sl_html_extract(html, sizeof html - 1, &p, NULL), SL_OK);
  assert_true(sl_utf8_valid(p.text.ptr, p.text.len));
  assert_null(memchr(p.text.ptr, '\0', p.text.len));
  assert_non_null(strstr(p.text.ptr, "Dockers in Tessaly\xEF\xBF\xBD voted "
                                     "\xC3\xBF on Monday"));
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
      cmocka_unit_test(test_boilerplate_dropped),
      cmocka_unit_test(test_unmarked_tail),
      cmocka_unit_test(test_title_site_name),
      cmocka_unit_test(test_date_in_url),
      cmocka_unit_test(test_date_json_ld),
      cmocka_unit_test(test_date_near_title),
      cmocka_unit_test(test_charset_and_entities),
      cmocka_unit_test(test_deep_nesting),
      cmocka_unit_test(test_nested_hints),
      cmocka_unit_test(test_large_page),
      cmocka_unit_test(test_lying_charset),
      cmocka_unit_test(test_nul_bytes),
      cmocka_unit_test(test_no_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
