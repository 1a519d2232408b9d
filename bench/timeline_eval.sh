#!/bin/sh
# storyline bench: timelines on Timeline17's dev topics (../shared/data/
# timelines), scored by ../shared/score/tls.py, and the speed of one
# timeline over 1,460 articles. Skipped with one line when the data is
# absent. usage: bench/timeline_eval.sh BUILD_DIR [eval|loo|time] [NAME=VALUE...]
# TL_CACHE=DIR keeps the per-topic databases between runs.
set -eu
build=$1
shift
mode=${1:-eval}
[ $# -gt 0 ] && shift
here=$(cd "$(dirname "$0")" && pwd)
data=${SL_SHARED_DATA:-$here/../../shared/data}
score=$(dirname "$data")/score/tls.py
if [ ! -f "$data/timelines/t17-dev-timelines.jsonl.gz" ] || [ ! -f "$score" ]; then
  echo "bench: timelines skipped: $data/timelines/t17-dev-timelines.jsonl.gz or the scorer not found"
  exit 0
fi
cache=${TL_CACHE:-}
if [ -z "$cache" ]; then
  cache=$(mktemp -d)
  trap 'rm -rf "$cache"' EXIT INT TERM
fi
python3 "$here/timeline_eval.py" "$build" "$data" "$score" "$cache" "$mode" "$@"
