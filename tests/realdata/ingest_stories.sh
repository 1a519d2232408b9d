#!/bin/sh
# Real data: every record of the three story corpora is ingested (news
# records, gzip read directly), counts match the files, a second ingest adds
# nothing, rebuild re-derives the same articles, and refs find articles.
set -eu
data=${SL_SHARED_DATA:-}
if [ -z "$data" ] || [ ! -f "$data/stories/ecbplus-dev.jsonl.gz" ]; then
  echo "skipped: ../shared/data not found"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/s.db"
fail() { echo "FAIL: $*"; exit 1; }

for name in ecbplus-dev allsides-neus allsides-headline11; do
  f="$data/stories/$name.jsonl.gz"
  expected=$(gzip -dc "$f" | grep -c .)
  out=$("$SL_BIN" --db "$db" ingest "$f" 2>"$tmp/err") || fail "$name: exit $? ($(head -3 "$tmp/err"))"
  echo "$name: $out"
  case "$out" in
    "added $expected, skipped 0 (already present), rejected 0") ;;
    *) fail "$name: expected $expected added" ;;
  esac
  again=$("$SL_BIN" --db "$db" ingest "$f" 2>/dev/null)
  [ "$again" = "added 0, skipped $expected (already present), rejected 0" ] ||
    fail "$name: re-ingest: $again"
done

total=$("$SL_BIN" --db "$db" articles | wc -l)
[ "$total" -eq $((772 + 9198 + 1479)) ] || fail "articles lists $total"

# Metadata survives: a known ecbplus record by ref, with its unknown fields.
ref=$(gzip -dc "$data/stories/ecbplus-dev.jsonl.gz" | head -1 |
      sed 's/.*"id": *"\([^"]*\)".*/\1/')
"$SL_BIN" --db "$db" article "$ref" --json >"$tmp/a.json"
grep -q "\"ref\":\"$ref\"" "$tmp/a.json" || fail "article $ref not found by ref"
grep -q '"story":' "$tmp/a.json" || fail "unknown field 'story' not kept"
grep -q '"language":"en"' "$tmp/a.json" || fail "language of $ref not en"

# allsides-headline11 has dates and outlets: they must be stored.
dated=$("$SL_BIN" --db "$db" articles --json | grep -c '"date":"2021-')
[ "$dated" -ge 1479 ] || fail "only $dated dated articles"

"$SL_BIN" --db "$db" articles --json >"$tmp/before"
"$SL_BIN" --db "$db" rebuild >"$tmp/rebuild" || fail "rebuild failed"
"$SL_BIN" --db "$db" articles --json >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || fail "rebuild changed the articles"
echo "ok: $total articles, rebuild stable"
