/* storyline: the dossier of a story, what `storyline story ID` shows:
 * headline and dates, sources, summary, timeline, storyline, who, quotes
 * and disagreements. Fields are documented in docs/dossier.md. */
#ifndef STORYLINE_DOSSIER_H
#define STORYLINE_DOSSIER_H

#include <stdint.h>

#include "storyline/engine.h"
#include "storyline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Builds the dossier of story `id` as one compact JSON object in a
 * malloc'd string the caller frees (`*json` is NULL on failure):
 * {id, title, first_date, last_date, sources, summary, timeline, storyline,
 * entities, quotes, disagreements}, as docs/dossier.schema.json describes.
 * SL_ENOENT when there is no such story. Not thread-safe (one engine per
 * thread). */
sl_status sl_engine_dossier(sl_engine *eng, int64_t id, char **json,
                            sl_error *err) SL_MUST_USE;

#ifdef __cplusplus
}
#endif
#endif
