#!/bin/sh
# Runs every fuzz harness for a bounded time from its committed corpus, then
# keeps what grew coverage: libFuzzer's -merge=1 adds to fuzz/corpus/NAME/
# only the inputs that reach code edges the corpus did not (capped in size
# and count so the repository stays small).
# usage: fuzz/run.sh BUILD_DIR [SECONDS_PER_HARNESS]
#   FUZZ_MERGE=0       fuzz without touching fuzz/corpus/
#   FUZZ_KEEP_LEN=N    longest input kept in the corpus (bytes, default 8192)
#   FUZZ_KEEP_MAX=N    most files kept per harness (default 300)
set -eu
build=$1
secs=${2:-45}
merge=${FUZZ_MERGE:-1}
keep_len=${FUZZ_KEEP_LEN:-8192}
keep_max=${FUZZ_KEEP_MAX:-300}
here=$(cd "$(dirname "$0")" && pwd)
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
status=0
summary=""

# Reads the libFuzzer log $1 and prints "execs N  cov N  ft N".
stats() {
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$1" | tail -1)
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$1" | tail -1 || true)
  cov=$(echo "$done_line" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$done_line" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  echo "execs ${execs:-?}  cov ${cov:-?}  ft ${ft:-?}"
}

# Merges the work corpus $3 of harness $1 into its committed corpus $2. On
# edges alone (-use_counters=0): merged on hit counts too, one 45 s run
# already brings some 300 files per harness, on edges about half as many for
# the same cov. Of the new files, the largest go first past keep_max.
keep() {
  k_bin=$1 k_dir=$2 k_work=$3
  mkdir -p "$k_dir"
  k_before=$(mktemp)
  ls "$k_dir" | sort >"$k_before"
  if ! "$k_bin" -merge=1 -use_counters=0 -max_len="$keep_len" \
       -rss_limit_mb=2048 "$k_dir" "$k_work" >"$k_work.merge.log" 2>&1; then
    tail -20 "$k_work.merge.log" >&2
    echo "fuzz: merging $(basename "$k_bin")'s corpus failed (log above)" >&2
    rm -f "$k_before"
    return 1
  fi
  k_added=$(ls "$k_dir" | sort | comm -13 "$k_before" -)
  k_n=$(ls "$k_dir" | wc -l)
  if [ -n "$k_added" ] && [ "$k_n" -gt "$keep_max" ]; then
    for f in $(cd "$k_dir" && ls -S $k_added); do
      [ "$k_n" -le "$keep_max" ] && break
      rm -f "$k_dir/$f"
      k_n=$((k_n - 1))
    done
  fi
  k_kept=$(ls "$k_dir" | sort | comm -13 "$k_before" - | wc -l)
  rm -f "$k_before"
  echo "corpus +$k_kept -> $k_n files"
}

for bin in "$build"/fuzz_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  corpus="$here/corpus/${name#fuzz_}"
  work=$(mktemp -d)
  [ -d "$corpus" ] && cp "$corpus"/* "$work"/ 2>/dev/null || true
  echo "== $name (${secs}s)"
  failed=0
  if ! "$bin" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$artifacts/$name-" \
       "$work" >"$work.log" 2>&1; then
    tail -40 "$work.log"
    echo "fuzz: $name found a failure (log above, input in $artifacts/)" >&2
    status=1 failed=1
  fi
  line="$name: $(stats "$work.log")"
  if [ "$merge" = 1 ] && [ $failed -eq 0 ]; then
    line="$line  $(keep "$bin" "$corpus" "$work")" || status=1
  fi
  echo "$line"
  summary="$summary$line
"
  rm -rf "$work" "$work.log" "$work.merge.log"
done
echo "== summary (${secs}s each)"
printf '%s' "$summary"
exit $status
