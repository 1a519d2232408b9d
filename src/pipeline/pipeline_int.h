/* storyline pipeline: state shared by the files of the pipeline module. */
#ifndef SL_PIPELINE_INT_H
#define SL_PIPELINE_INT_H

#include "storyline/engine.h"
#include "store/store.h"
#include "text/stem.h"

struct sl_engine {
  sl_store *store;     /* owned */
  sl_stemmers *stem;   /* owned */
};

#endif
