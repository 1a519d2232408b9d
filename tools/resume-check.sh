#!/bin/sh
# Crash-resume check: ingests CORPUS once uninterrupted, then again killed
# with -9 once K articles are stored (for each K given) and resumed, and
# compares the stories (`stories --json`) of each resumed run with the
# uninterrupted one. Slow on big corpora: run it by hand, not in `make test`.
# usage: tools/resume-check.sh STORYLINE CORPUS K...
set -u
bin=$1 corpus=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" --db "$work/ref.db" ingest "$corpus" > /dev/null 2>&1
"$bin" --db "$work/ref.db" stories --json > "$work/ref.stories"
echo "uninterrupted: $(wc -l < "$work/ref.stories") stories"
for k in "$@"; do
  db="$work/k$k.db"
  "$bin" --db "$db" ingest "$corpus" > /dev/null 2>&1 &
  pid=$!
  n=0
  while [ "$n" -lt "$k" ] && kill -0 $pid 2>/dev/null; do
    sleep 0.05
    n=$("$bin" --db "$db" articles 2>/dev/null | wc -l)
  done
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  "$bin" --db "$db" ingest "$corpus" > /dev/null 2>&1
  "$bin" --db "$db" stories --json > "$work/k$k.stories"
  differ=$(diff "$work/ref.stories" "$work/k$k.stories" | grep -c '^>')
  echo "killed at $n articles: $(wc -l < "$work/k$k.stories") stories," \
    "$differ story lines differ from the uninterrupted run"
done
