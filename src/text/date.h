/* storyline text: absolute calendar dates, in metadata fields and in the
 * datelines and photo captions of a text. Relative dates ("on Friday") are
 * the temporal-expression stage's work. */
#ifndef SL_TEXT_DATE_H
#define SL_TEXT_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include "storyline/article.h"
#include "storyline/status.h"

/* Whether the date exists in the proleptic Gregorian calendar. */
bool sl_date_valid(sl_date d);

/* Parses a whole metadata value: "2021-03-03", "2021-03-03T10:00:00Z",
 * "2021-03-03 10:00", "2021/03/03", "20210303", "March 3, 2021",
 * "3 March 2021", "Mar. 3, 2021", "Wed, 03 Mar 2021 10:00:00 GMT".
 * Surrounding white space is ignored. SL_EPARSE (with a message in `err`)
 * for anything else or an impossible date. */
sl_status sl_date_parse(const char *s, size_t len, sl_date *out,
                        sl_error *err) SL_MUST_USE;

/* Finds the publication date a text states: a dateline ("PARIS, March 3,
 * 2021 (AP) -", "March 3, 2021 -") or a date line near the top, else a
 * photo caption date ("..., March 3, 2021."). Returns false when there is
 * none. `start`/`end` (may be NULL) get the byte span of the date. */
bool sl_date_find(const char *text, size_t len, sl_date *out, size_t *start,
                  size_t *end);

#endif
