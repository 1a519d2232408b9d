#!/bin/sh
# Runs one CLI golden case: CASE/cmd (a shell script) runs in a fresh
# temporary folder holding a copy of CASE/files/, with `storyline` on PATH
# and $SRC the repository root; its stdout, stderr and exit status must equal
# CASE/stdout, CASE/stderr and CASE/exit (missing files mean empty / 0).
# SL_UPDATE_GOLDEN=1 rewrites the expected files instead.
set -u
case_dir=$(cd "$1" && pwd)
: "${SL_BIN:?SL_BIN must name the storyline binary}"
SRC=${SL_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
export SRC
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
mkdir "$work/bin" "$work/run"
ln -s "$SL_BIN" "$work/bin/storyline"
[ -d "$case_dir/files" ] && cp -R "$case_dir/files/." "$work/run/"
cd "$work/run"
PATH="$work/bin:$PATH" STORYLINE_DB= sh "$case_dir/cmd" >"$work/stdout" 2>"$work/stderr"
echo $? >"$work/exit"

if [ "${SL_UPDATE_GOLDEN:-}" = 1 ]; then
  for f in stdout stderr exit; do cp "$work/$f" "$case_dir/$f"; done
  exit 0
fi
fail=0
for f in stdout stderr exit; do
  expected="$case_dir/$f"
  if [ ! -f "$expected" ]; then
    expected="$work/expected.$f"
    if [ $f = exit ]; then echo 0 >"$expected"; else : >"$expected"; fi
  fi
  if ! diff -u "$expected" "$work/$f" >"$work/diff"; then
    echo "cli case $(basename "$case_dir"): $f differs:"
    cat "$work/diff"
    fail=1
  fi
done
exit $fail
