#!/bin/sh
# The demo: ingests the bundled sample corpus into a database and lists it.
# usage: scripts/demo.sh STORYLINE_BINARY [DB]   (run from the repository root)
set -eu
bin=$1
db=${2:-storyline.db}
status=0
while IFS='	' read -r folder outlet; do
  case "$folder" in '#'* | '') continue ;; esac
  "$bin" --db "$db" ingest --source "$outlet" "samples/text/$folder" || status=1
done <samples/outlets.tsv
"$bin" --db "$db" ingest samples/feed.jsonl || status=1
echo "== articles in $db"
"$bin" --db "$db" articles
exit $status
