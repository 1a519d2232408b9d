#!/bin/sh
# Runs every fuzz harness for a bounded time from its seed corpus.
# usage: fuzz/run.sh BUILD_DIR SECONDS_PER_HARNESS
set -eu
build=$1
secs=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
status=0
for bin in "$build"/fuzz_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  seeds="$here/corpus/${name#fuzz_}"
  work=$(mktemp -d)
  [ -d "$seeds" ] && cp "$seeds"/* "$work"/ 2>/dev/null || true
  echo "== $name (${secs}s)"
  if ! "$bin" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 \
       -print_final_stats=0 "$work" >"$work.log" 2>&1; then
    tail -40 "$work.log"
    echo "fuzz: $name found a failure (log above)" >&2
    status=1
  else
    grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs" "$work.log" | tail -1 || true
  fi
  rm -rf "$work" "$work.log"
done
exit $status
