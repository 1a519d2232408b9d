#!/bin/sh
# Real data: one plain-text article of some 20 MB (every text of the story
# and timeline corpora end to end, built here, never committed) is ingested
# with every stage under `ulimit -v` and stored whole: analysing all of it
# once took 2.5 GB; the stages that grow with the text read its first MiB.
# Then a page of 100,000 nested <div> around those texts keeps its body.
# The plain (non-ASan) binary runs: ASan reserves terabytes of address
# space, which no `ulimit -v` allows.
set -eu
data=${SL_SHARED_DATA:-}
if [ -z "$data" ] || [ ! -f "$data/timelines/t17-dev-articles.jsonl.gz" ]; then
  echo "skipped: ../shared/data not found"
  exit 77
fi
bin=${SL_PLAIN_BIN:-}
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "skipped: no plain storyline binary (SL_PLAIN_BIN)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The "text" of every record, JSON escapes undone (the corpora write UTF-8
# as is: only \n, \t, \", \\ and \/ occur), a blank line after each.
for f in "$data"/stories/*.jsonl.gz "$data/timelines/t17-dev-articles.jsonl.gz"; do
  gzip -dc "$f"
done | sed -n 's/.*"text": *"\(\([^"\\]\|\\.\)*\)".*/\1\\n/p' |
  sed -e 's/\\\\/\x01/g' -e 's/\\n/\n/g' -e 's/\\t/\t/g' -e 's/\\"/"/g' \
    -e 's/\\\//\//g' -e 's/\x01/\\/g' >"$tmp/long.txt"
size=$(wc -c <"$tmp/long.txt")
[ "$size" -gt 15000000 ] || fail "the long text has only $size bytes"

# The bound the README states: 16 times the record plus 256 MB of address
# space (measured: 375 MB for 20 MB of prose).
cap_kb=$(((16 * size + 256 * 1048576) / 1024))
run_capped() {
  (ulimit -v "$cap_kb" && "$bin" "$@")
}
out=$(run_capped --db "$tmp/l.db" ingest "$tmp/long.txt" 2>"$tmp/err") ||
  fail "ingest under ulimit -v ${cap_kb} KB: exit $? ($(head -3 "$tmp/err"))"
[ "$out" = "added 1, skipped 0 (already present), rejected 0" ] ||
  fail "ingest: $out"
echo "ok: a $size-byte article ingested within $((cap_kb / 1024)) MB of address space"

# Stored whole: the raw record and, its repeated lines taken out, a text
# ending with the last line of the file; anchors and entities come from the
# first MiB only.
"$bin" --db "$tmp/l.db" article 1 >"$tmp/a.txt"
last=$(grep . "$tmp/long.txt" | tail -1)
[ "$(tail -1 "$tmp/a.txt")" = "$last" ] || fail "the text is not stored whole"
"$bin" --db "$tmp/l.db" article 1 --dates >"$tmp/d.txt"
grep -q . "$tmp/d.txt" || fail "no sentence dates"
"$bin" --db "$tmp/l.db" who --limit 3 >"$tmp/w.txt"
[ "$(wc -l <"$tmp/w.txt")" -eq 3 ] || fail "no entities: $(cat "$tmp/w.txt")"

# 100,000 nested <div>, then every line in a <div> of its own, never
# closed before the end: the body must come out whole.
{
  printf '<html><head><title>Deeply nested page</title></head><body>'
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<div>" }'
  grep . "$tmp/long.txt" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' \
    -e 's/>/\&gt;/g' -e 's/^/<div class="c"><p>/' -e 's/$/<\/p>/'
  printf '</body></html>\n'
} >"$tmp/deep.html"
"$bin" extract "$tmp/deep.html" >"$tmp/deep.txt" || fail "extract failed"
n=$(grep -c . "$tmp/long.txt")
for k in 1 $((n / 2)) $n; do
  line=$(grep . "$tmp/long.txt" | sed -n "${k}p" | tr -s ' \t' '  ')
  grep -qF -- "$line" "$tmp/deep.txt" || fail "line $k of the body is lost"
done
page=$(wc -c <"$tmp/deep.html")
cap_kb=$(((16 * page + 256 * 1048576) / 1024))
out=$(run_capped --db "$tmp/p.db" ingest "$tmp/deep.html" 2>"$tmp/err") ||
  fail "page ingest under ulimit -v: exit $? ($(head -3 "$tmp/err"))"
"$bin" --db "$tmp/p.db" article 1 | tail -1 >"$tmp/p.txt"
[ -s "$tmp/p.txt" ] || fail "the page's body is not stored"
echo "ok: a $page-byte page of 100,000+ nested <div> keeps its body"
