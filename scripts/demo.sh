#!/bin/sh
# The demo: ingests the bundled sample corpus into a database and lists its
# articles, stories and most mentioned entities.
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
echo "== stories (id, first and last date, articles, title)"
"$bin" --db "$db" stories
echo "== who: the most mentioned entities, every alias joined (id, type, mentions, name, aliases)"
"$bin" --db "$db" who --limit 10
# the largest story, whatever id the merges left it
top=$("$bin" --db "$db" stories | sort -t '	' -k4,4nr | head -1 | cut -f1)
echo "== the largest story's dossier: sources, summary, who, quotes, disagreements, storyline"
"$bin" --db "$db" story "$top" || status=1
echo "== its timeline"
"$bin" --db "$db" timeline --story "$top" || status=1
echo "== more: 'search quake', 'timeline --storyline $top', 'who Okoro' (see --help)"
exit $status
