/* storyline text: language identification, by script and then by the
 * frequency of each language's function words and letters. */
#ifndef SL_TEXT_LANGID_H
#define SL_TEXT_LANGID_H

#include <stddef.h>

/* Returns the ISO 639-1 code of the language of `len` bytes of valid UTF-8
 * ("en", "ar", "zh", ...), or NULL when the text is too short or unclear.
 * `confidence` (may be NULL) gets a value in [0, 1]. The string is static.
 * Knows at least en ar fr de es it ru tr zh, and more. */
const char *sl_langid(const char *text, size_t len, double *confidence);

#endif
