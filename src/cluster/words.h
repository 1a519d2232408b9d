/* storyline cluster: word lists the featurizer needs: English function
 * words (not terms, not entity starts) and calendar words (not entities). */
#ifndef SL_CLUSTER_WORDS_H
#define SL_CLUSTER_WORDS_H

#include <stdbool.h>
#include <stddef.h>

/* Whether the lower-cased word is a function word ("the", "said"). */
bool sl__stopword(const char *w, size_t len);
/* Whether the lower-cased word names a weekday or a month. */
bool sl__calendar_word(const char *w, size_t len);
/* Whether the lower-cased word may join two capitalised words inside a
 * name ("Bank of America", "Charles de Gaulle"). */
bool sl__name_connector(const char *w, size_t len);

#endif
