#!/bin/sh
# Checks that includes follow the layers: base -> text, model -> stages ->
# pipeline -> app; stages never include each other. Exits 1 on a violation.
set -eu
cd "$(dirname "$0")/.."

# allowed[module] = modules it may include (besides itself and storyline/).
allowed() {
  case "$1" in
    base) echo "" ;;
    text | model) echo "base" ;;
    ingest | clean | dedup | cluster | extract | story | store)
      echo "base text model" ;;
    pipeline) echo "base text model ingest clean dedup cluster extract story store" ;;
    *) echo "?" ;;
  esac
}

bad=0
for dir in src/*/; do
  mod=$(basename "$dir")
  ok=$(allowed "$mod")
  if [ "$ok" = "?" ]; then
    echo "check-layers: src/$mod has no layer in tools/check-layers.sh" >&2
    bad=1
    continue
  fi
  for f in "$dir"*.c "$dir"*.h; do
    [ -e "$f" ] || continue
    for inc in $(sed -n 's/^#include "\([a-z_]*\)\/.*"/\1/p' "$f"); do
      [ "$inc" = "$mod" ] || [ "$inc" = storyline ] && continue
      case " $ok " in
        *" $inc "*) ;;
        *) echo "check-layers: $f includes $inc/, which $mod may not use" >&2; bad=1 ;;
      esac
    done
  done
done
# app/ sees the public API only.
if grep -n '#include "\(base\|text\|model\|ingest\|clean\|dedup\|cluster\|extract\|story\|store\|pipeline\)/' app/*.c app/*.h 2>/dev/null; then
  echo "check-layers: app/ must use include/storyline/ only" >&2
  bad=1
fi
exit $bad
