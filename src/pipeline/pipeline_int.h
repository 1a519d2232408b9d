/* storyline pipeline: state shared by the files of the pipeline module. */
#ifndef SL_PIPELINE_INT_H
#define SL_PIPELINE_INT_H

#include "store/store.h"
#include "storyline/engine.h"
#include "text/stem.h"

struct sl_engine {
  sl_store *store;   /* owned */
  sl_stemmers *stem; /* owned */
};

#endif
