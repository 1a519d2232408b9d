/* storyline clean: debris inside one article's text. Lines that repeat
 * (a caption four times, the body pasted twice), photo captions and
 * credits, stray widget words ("Share", "Advertisement"), bylines and agency
 * credit lines are taken out of the body; every removed span is kept with
 * its reason, and bylines and credits are kept as metadata. */
#ifndef SL_CLEAN_CLEAN_H
#define SL_CLEAN_CLEAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/vec.h"
#include "clean/boiler.h"
#include "storyline/status.h"

typedef enum sl_debris {
  SL_DEBRIS_REPEAT = 1,  /* a line already seen in this text */
  SL_DEBRIS_CAPTION,     /* a photo caption or picture credit */
  SL_DEBRIS_WIDGET,      /* a lone short token: "Share", "Advertisement" */
  SL_DEBRIS_BYLINE,      /* "By Lena Hartwig" */
  SL_DEBRIS_CREDIT,      /* "(Tessaly Wire Service)", "(Reuters)" */
  SL_DEBRIS_BOILERPLATE, /* a line the source repeats in many articles */
  SL_DEBRIS_MASTHEAD     /* a line that is the source's own name */
} sl_debris;

/* The reason's name: "repeat", "caption", "widget", "byline", "credit",
 * "boilerplate", "masthead". */
const char *sl_debris_name(sl_debris reason);

/* One removed line: its byte span in the input text (end exclusive, the
 * line break not included) and why. */
typedef struct sl_removed {
  uint32_t start, end;
  uint8_t reason; /* sl_debris */
} sl_removed;

/* The result of cleaning. Owns its memory: init before use, release after. */
typedef struct sl_cleaned {
  sl_buf text;    /* the body without debris; paragraphs keep their breaks */
  sl_vec removed; /* sl_removed, in text order */
  sl_buf byline;  /* the first byline's name ("Lena Hartwig"), or empty */
  sl_buf credit;  /* the first credit line's agency, or empty */
  sl_vec seen;    /* scratch: hashes of the lines seen (uint64_t) */
} sl_cleaned;

void sl_cleaned_init(sl_cleaned *c);
void sl_cleaned_release(sl_cleaned *c);

/* Cleans `len` bytes of valid UTF-8 with LF line ends into `out` (whose
 * previous content is cleared). The first kept line is never taken for a
 * widget (it may be a one-word headline). Texts over 4 GiB fail with
 * SL_ETOOBIG. */
sl_status sl_clean_debris(const char *text, size_t len,
                          sl_cleaned *out) SL_MUST_USE;

/* The same, also taking out the lines `boiler` (borrowed; may be NULL)
 * knows as boilerplate of `source` (a key from sl_boiler_source, 0 for
 * none), and lines that are the source's name itself. */
sl_status sl_clean_debris_with(const char *text, size_t len,
                               const sl_boiler *boiler, uint64_t source,
                               sl_cleaned *out) SL_MUST_USE;

/* Glued articles: where `len` bytes of cleaned text (LF line ends) hold a
 * second, unrelated article after the first — a new headline and lede on
 * another subject — the text is cut before that headline. `starts` (of
 * size_t, cleared first) gets the byte offset where each part begins: {0}
 * alone when the text is one article. */
sl_status sl_split_glued(const char *text, size_t len,
                         sl_vec *starts) SL_MUST_USE;

#endif
