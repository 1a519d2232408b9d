#!/bin/sh
# Real data: every article belongs to a stored story after the clusterer's
# merges (in one ingest, and over two ingests that restore the live
# stories), and the stories of ecbplus-dev keep their accuracy through the
# whole pipeline (`eval clusters`, B-cubed F1 at least 0.85).
set -eu
data=${SL_SHARED_DATA:-}
f="$data/stories/ecbplus-dev.jsonl.gz"
if [ -z "$data" ] || [ ! -f "$f" ]; then
  echo "skipped: ../shared/data not found"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

total=$(gzip -dc "$f" | grep -c .)

# The articles the stored stories list (read from each article's story in
# the store) add up to the articles stored: none points at a story that
# was merged away.
members() {
  "$SL_BIN" --db "$1" stories --json |
    sed -n 's/.*"articles":\[\([0-9,]*\)\].*/\1/p' | tr ',' '\n' | grep -c .
}

"$SL_BIN" --db "$tmp/one.db" ingest "$f" >/dev/null 2>&1 || fail "ingest"
n=$(members "$tmp/one.db")
[ "$n" -eq "$total" ] || fail "one ingest: stories hold $n of $total articles"

half=$((total / 2))
gzip -dc "$f" | head -n "$half" >"$tmp/a.jsonl"
gzip -dc "$f" | tail -n +"$((half + 1))" >"$tmp/b.jsonl"
"$SL_BIN" --db "$tmp/two.db" ingest "$tmp/a.jsonl" >/dev/null 2>&1 ||
  fail "ingest of the first half"
"$SL_BIN" --db "$tmp/two.db" ingest "$tmp/b.jsonl" >/dev/null 2>&1 ||
  fail "ingest of the second half"
n=$(members "$tmp/two.db")
[ "$n" -eq "$total" ] || fail "two ingests: stories hold $n of $total articles"

out=$("$SL_BIN" eval clusters --gold "$f") || fail "eval clusters"
echo "$out" | grep -v speed
f1=$(echo "$out" | sed -n 's/^B-cubed .*F1 \([0-9.]*\).*/\1/p')
awk -v f="$f1" 'BEGIN { exit !(f >= 0.85) }' ||
  fail "ecbplus-dev B-cubed F1 $f1 below 0.85"
echo "ok: $total articles in stories, B-cubed F1 $f1"
