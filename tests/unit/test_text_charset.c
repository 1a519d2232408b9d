/* Tests of charset detection and conversion to UTF-8: byte order marks, the
 * HTTP header over <meta>, both <meta> forms, windows-1252, CJK and Cyrillic
 * charsets, lying declarations, unknown names, empty input. */
#include "sl_test.h"

#include "base/utf8.h"
#include "text/charset.h"

/* Converts and returns the UTF-8 (caller frees); checks it is valid UTF-8
 * without NUL bytes, as the header promises. */
static char *conv(const char *bytes, size_t len, const char *declared,
                  sl_charset_info *info) {
  sl_buf out = SL_BUF_INIT;
  sl_error err;
  assert_int_equal(sl_charset_to_utf8(bytes, len, declared, &out, info, &err),
                   SL_OK);
  assert_true(sl_utf8_valid(out.ptr, out.len));
  assert_null(memchr(out.ptr, '\0', out.len));
  return sl_buf_take(&out, NULL);
}

static void expect(const char *bytes, size_t len, const char *declared,
                   const char *want, const char *charset,
                   sl_charset_from from) {
  sl_charset_info info;
  char *got = conv(bytes, len, declared, &info);
  assert_string_equal(got, want);
  assert_string_equal(info.name, charset);
  assert_int_equal(info.from, from);
  free(got);
}

static void test_bom(void **state) {
  (void)state;
  expect("\xEF\xBB\xBFZ\xC3\xBCrich", 10, "iso-8859-1", "Z\xC3\xBCrich",
         "UTF-8", SL_CHARSET_BOM);
  expect("\xFF\xFEZ\0\xFC\0r\0", 8, NULL, "Z\xC3\xBCr", "UTF-16LE",
         SL_CHARSET_BOM);
  expect("\xFE\xFF\0Z\0\xFC\0r", 8, "utf-8", "Z\xC3\xBCr", "UTF-16BE",
         SL_CHARSET_BOM);
  /* a BOM beats <meta> too, and an odd trailing byte becomes U+FFFD */
  sl_charset_info info;
  char *got = conv("\xFF\xFE<\0p\0>\0x", 9, NULL, &info);
  assert_string_equal(got, "<p>\xEF\xBF\xBD");
  assert_int_equal(info.replaced, 1);
  assert_int_equal(info.bom_len, 2);
  free(got);
}

static void test_header_wins_over_meta(void **state) {
  (void)state;
  const char *page = "<html><head><meta charset=\"utf-8\"></head>"
                     "<body>caf\xE9 \x93quoted\x94</body></html>";
  expect(page, strlen(page), "windows-1252",
         "<html><head><meta charset=\"utf-8\"></head>"
         "<body>caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D</body></html>",
         "windows-1252", SL_CHARSET_HEADER);
  /* an unknown header name is passed over: the <meta> decides */
  sl_charset_info info;
  char *got = conv(page, strlen(page), "no-such-charset", &info);
  assert_string_equal(info.name, "UTF-8");
  assert_int_equal(info.from, SL_CHARSET_META);
  assert_int_equal(info.replaced, 3);
  free(got);
}

static void test_meta_charset(void **state) {
  (void)state;
  const char *forms[] = {
      "<html><head><META CharSet=KOI8-R></head>",
      "<html><head><meta charset='koi8-r' /></head>",
      "<head><meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=koi8-r\"></head>",
      "<head><meta content='text/html;charset=\"KOI8-R\"' "
      "HTTP-EQUIV=content-type></head>",
      "<?xml version=\"1.0\" encoding=\"koi8-r\"?><html>",
  };
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    char page[256];
    int n = snprintf(page, sizeof page, "%s<p>\xED\xCF\xD3\xCB\xD7\xC1</p>",
                     forms[i]);
    sl_charset_info info;
    char *got = conv(page, (size_t)n, NULL, &info);
    assert_string_equal(info.name, "KOI8-R");
    assert_int_equal(info.from, SL_CHARSET_META);
    assert_non_null(strstr(got, "<p>\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2"
                                "\xD0\xB0</p>")); /* Москва */
    free(got);
  }
}

static void test_meta_ignored(void **state) {
  (void)state;
  /* in a comment, without http-equiv, or past the first 4 KiB: no charset */
  const char *pages[] = {
      "<!-- <meta charset=koi8-r> --><p>caf\xE9</p>",
      "<meta name=x content=\"text/html; charset=koi8-r\"><p>caf\xE9</p>",
  };
  sl_charset_info info;
  for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
    sl_charset_detect(pages[i], strlen(pages[i]), NULL, &info);
    assert_string_equal(info.name, "windows-1252");
    assert_int_equal(info.from, SL_CHARSET_GUESS);
  }
  size_t len = 5000;
  char *page = malloc(len + 64);
  assert_non_null(page);
  memset(page, ' ', len);
  strcpy(page + len, "<meta charset=koi8-r><p>caf\xE9</p>");
  sl_charset_detect(page, strlen(page), NULL, &info);
  assert_string_equal(info.name, "windows-1252");
  free(page);
}

static void test_windows_1252(void **state) {
  (void)state;
  /* curly quotes, euro, an undefined byte (0x81), and a NUL byte */
  const char text[] = "\x93Prices\x94 rose 5\x80 \x81x\0y";
  sl_charset_info info;
  char *got = conv(text, sizeof text - 1, "ISO-8859-1", &info);
  assert_string_equal(got, "\xE2\x80\x9CPrices\xE2\x80\x9D rose 5\xE2\x82\xAC "
                           "\xEF\xBF\xBDx\xEF\xBF\xBDy");
  assert_string_equal(info.name, "windows-1252");
  assert_int_equal(info.replaced, 2);
  free(got);
  /* guessed without any declaration */
  expect("\x93Hi\x94", 4, NULL, "\xE2\x80\x9CHi\xE2\x80\x9D", "windows-1252",
         SL_CHARSET_GUESS);
}

static void test_cjk(void **state) {
  (void)state;
  const char *sjis = "\x93\xFA\x96\x7B\x8C\xEA\x82\xCC\x90\x56\x95\xB7";
  expect(sjis, strlen(sjis), "x-sjis",
         "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE6\x96\xB0"
         "\xE8\x81\x9E",
         "Shift_JIS", SL_CHARSET_HEADER); /* 日本語の新聞 */
  const char *gb = "<meta charset=gb2312><p>\xD6\xD0\xCE\xC4\xD0\xC2\xCE\xC5";
  expect(gb, strlen(gb), NULL,
         "<meta charset=gb2312><p>\xE4\xB8\xAD\xE6\x96\x87\xE6\x96\xB0\xE9\x97"
         "\xBB",
         "GB18030", SL_CHARSET_META); /* 中文新闻 */
  /* a truncated double-byte character at the end becomes U+FFFD */
  sl_charset_info info;
  char *got = conv("\x93\xFA\x96", 3, "shift_jis", &info);
  assert_string_equal(got, "\xE6\x97\xA5\xEF\xBF\xBD");
  assert_int_equal(info.replaced, 1);
  free(got);
}

static void test_cyrillic(void **state) {
  (void)state;
  const char *want = "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0: "
                     "\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8 "
                     "\xD0\xB4\xD0\xBD\xD1\x8F \xD0\xB8 "
                     "\xD0\xBF\xD1\x80\xD0\xBE\xD0\xB3\xD0\xBD\xD0\xBE\xD0\xB7 "
                     "\xD0\xBF\xD0\xBE\xD0\xB3\xD0\xBE\xD0\xB4\xD1\x8B";
  const char *cp1251 = "\xCC\xEE\xF1\xEA\xE2\xE0: \xED\xEE\xE2\xEE\xF1\xF2\xE8"
                       " \xE4\xED\xFF \xE8 \xEF\xF0\xEE\xE3\xED\xEE\xE7 "
                       "\xEF\xEE\xE3\xEE\xE4\xFB";
  const char *koi8 = "\xED\xCF\xD3\xCB\xD7\xC1: \xCE\xCF\xD7\xCF\xD3\xD4\xC9 "
                     "\xC4\xCE\xD1 \xC9 \xD0\xD2\xCF\xC7\xCE\xCF\xDA "
                     "\xD0\xCF\xC7\xCF\xC4\xD9";
  /* declared, then guessed from the letters */
  expect(cp1251, strlen(cp1251), "cp1251", want, "windows-1251",
         SL_CHARSET_HEADER);
  expect(koi8, strlen(koi8), "koi8-r", want, "KOI8-R", SL_CHARSET_HEADER);
  expect(cp1251, strlen(cp1251), NULL, want, "windows-1251", SL_CHARSET_GUESS);
  expect(koi8, strlen(koi8), NULL, want, "KOI8-R", SL_CHARSET_GUESS);
}

static void test_lying_latin1(void **state) {
  (void)state;
  /* declared Latin-1 (header or meta), the bytes are UTF-8 */
  const char *page = "<meta charset=iso-8859-1><p>Z\xC3\xBCrich</p>";
  sl_charset_info info;
  char *got = conv(page, strlen(page), NULL, &info);
  assert_string_equal(got, page);
  assert_string_equal(info.name, "UTF-8");
  assert_int_equal(info.from, SL_CHARSET_META);
  assert_true(info.overridden);
  free(got);
  got = conv("Z\xC3\xBCrich", 7, "latin1", &info);
  assert_string_equal(got, "Z\xC3\xBCrich");
  assert_int_equal(info.from, SL_CHARSET_HEADER);
  assert_true(info.overridden);
  free(got);
  /* real Latin-1 stays Latin-1; ASCII alone is no evidence */
  expect("Z\xFCrich", 6, "iso-8859-1", "Z\xC3\xBCrich", "windows-1252",
         SL_CHARSET_HEADER);
  expect("Zurich", 6, "iso-8859-1", "Zurich", "windows-1252",
         SL_CHARSET_HEADER);
}

static void test_lying_utf8(void **state) {
  (void)state;
  /* declared UTF-8, the bytes are not: each bad byte becomes U+FFFD */
  sl_charset_info info;
  char *got = conv("caf\xE9 ok \xC3\xA9", 10, "UTF-8", &info);
  assert_string_equal(got, "caf\xEF\xBF\xBD ok \xC3\xA9");
  assert_string_equal(info.name, "UTF-8");
  assert_int_equal(info.replaced, 1);
  assert_false(info.overridden);
  free(got);
  /* undeclared, mostly UTF-8 with one damaged sequence: still UTF-8 */
  const char *mostly = "\xC3\xA9t\xC3\xA9 \xC3\xA0 Z\xC3\xBCrich, \xC3"
                       " fin \xE2\x80\x94";
  got = conv(mostly, strlen(mostly), NULL, &info);
  assert_string_equal(info.name, "UTF-8");
  assert_int_equal(info.replaced, 1);
  free(got);
}

static void test_names(void **state) {
  (void)state;
  const char *pairs[][2] = {
      {"latin1", "windows-1252"},
      {" \"ISO-8859-1\" ", "windows-1252"},
      {"cp1252", "windows-1252"},
      {"US-ASCII", "windows-1252"},
      {"x-sjis", "Shift_JIS"},
      {"gb2312", "GB18030"},
      {"GBK", "GB18030"},
      {"utf8", "UTF-8"},
      {"iso-8859-15", "ISO-8859-15"},
      {"ISO_8859-2:1987", "ISO-8859-2"},
      {"latin5", "windows-1254"},
      {"cp1251", "windows-1251"},
      {"ks_c_5601-1987", "EUC-KR"},
      {"big5", "Big5"},
      {"utf-16", "UTF-16LE"},
      {"koi8_r", "KOI8-R"},
  };
  char out[SL_CHARSET_MAX];
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    assert_true(sl_charset_normalize(pairs[i][0], out));
    assert_string_equal(out, pairs[i][1]);
  }
  const char *unknown[] = {"",
                           "no-such-charset",
                           "utf-8//translit",
                           "windows-1259",
                           "iso-8859-99",
                           "a-name-much-longer-than-any-charset-name"};
  for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
    assert_false(sl_charset_normalize(unknown[i], out));
    assert_string_equal(out, "");
  }
}

static void test_unknown_falls_back(void **state) {
  (void)state;
  expect("Z\xC3\xBCrich", 7, "klingon-8", "Z\xC3\xBCrich", "UTF-8",
         SL_CHARSET_GUESS);
  expect("<meta charset=klingon-8>Z\xFC", 26, NULL,
         "<meta charset=klingon-8>Z\xC3\xBC", "windows-1252", SL_CHARSET_GUESS);
}

static void test_content_type(void **state) {
  (void)state;
  char out[SL_CHARSET_MAX];
  const char *ok[][2] = {
      {"text/html; charset=UTF-8", "UTF-8"},
      {"text/html;charset=\"iso-8859-1\"", "iso-8859-1"},
      {"text/html; Charset = 'koi8-r' ; q=1", "koi8-r"},
      {"text/html; x-charset=foo; charset=gbk", "gbk"},
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    assert_true(sl_charset_from_content_type(ok[i][0], strlen(ok[i][0]), out));
    assert_string_equal(out, ok[i][1]);
  }
  const char *none[] = {"text/html", "text/html; charset=", "charset",
                        "text/html; x-charset=utf-8", "text/html; charset=\"x"};
  for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
    assert_false(sl_charset_from_content_type(none[i], strlen(none[i]), out));
    assert_string_equal(out, "");
  }
  /* not NUL-terminated: only `len` bytes are read */
  assert_true(
      sl_charset_from_content_type("text/html; charset=utf-8XYZ", 24, out));
  assert_string_equal(out, "utf-8");
}

static void test_empty_and_append(void **state) {
  (void)state;
  sl_buf out = SL_BUF_INIT;
  sl_charset_info info;
  assert_int_equal(sl_charset_to_utf8(NULL, 0, NULL, &out, &info, NULL), SL_OK);
  assert_int_equal(out.len, 0);
  assert_string_equal(info.name, "UTF-8");
  assert_int_equal(sl_charset_to_utf8("", 0, "koi8-r", &out, NULL, NULL),
                   SL_OK);
  assert_int_equal(out.len, 0);
  /* appends to what `out` holds */
  assert_int_equal(sl_buf_puts(&out, "a:"), SL_OK);
  assert_int_equal(sl_charset_to_utf8("\xE9", 1, NULL, &out, NULL, NULL),
                   SL_OK);
  assert_string_equal(out.ptr, "a:\xC3\xA9");
  sl_buf_release(&out);
}

static void test_cap(void **state) {
  (void)state;
  /* past out->max: SL_ETOOBIG, and `out` is left as it was */
  sl_buf out;
  sl_buf_init(&out, 8);
  assert_int_equal(sl_buf_puts(&out, "ab"), SL_OK);
  sl_error err;
  const char *charsets[] = {"utf-8", "windows-1252", "koi8-r", "shift_jis"};
  for (size_t i = 0; i < sizeof charsets / sizeof charsets[0]; i++) {
    assert_int_equal(
        sl_charset_to_utf8("0123456789", 10, charsets[i], &out, NULL, &err),
        SL_ETOOBIG);
    assert_string_equal(out.ptr, "ab");
  }
  sl_buf_release(&out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bom),
      cmocka_unit_test(test_header_wins_over_meta),
      cmocka_unit_test(test_meta_charset),
      cmocka_unit_test(test_meta_ignored),
      cmocka_unit_test(test_windows_1252),
      cmocka_unit_test(test_cjk),
      cmocka_unit_test(test_cyrillic),
      cmocka_unit_test(test_lying_latin1),
      cmocka_unit_test(test_lying_utf8),
      cmocka_unit_test(test_names),
      cmocka_unit_test(test_unknown_falls_back),
      cmocka_unit_test(test_content_type),
      cmocka_unit_test(test_empty_and_append),
      cmocka_unit_test(test_cap),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
