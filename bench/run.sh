#!/bin/sh
# storyline benchmarks on real data from ../shared/data (skipped when absent).
# usage: bench/run.sh BUILD_DIR      BENCH_QUICK=1 skips the 1 GB stream.
set -eu
build=$1
bench="$build/bench_ingest"
data=${SL_SHARED_DATA:-$(cd "$(dirname "$0")/../.." && pwd)/shared/data}
if [ ! -d "$data/stories" ]; then
  echo "bench: skipped: $data not found (the real data lives in ../shared/data)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pin="taskset -c 0"
$pin true 2>/dev/null || pin=""
# The median of 3 runs into a new database each.
median() {
  for run in 1 2 3; do
    rm -f "$tmp/db"*
    $pin "$bench" ingest $1 "$tmp/db" "$2"
  done | sort -t= -k4 -n | sed -n 2p | sed "s/^/$(printf '%-22s ' "$3")/"
}
echo "== ingest, storing (JSON Lines: parse, clean, normalise, tokenise, stem, infer dates, store; one core)"
echo "   (the median of 3 runs into a new database each; this machine's timings vary by +-20%)"
for name in allsides-neus ecbplus-dev allsides-headline11; do
  gzip -dc "$data/stories/$name.jsonl.gz" >"$tmp/$name.jsonl"
  median --store-only "$tmp/$name.jsonl" "$name"
done
echo "== ingest, the whole pipeline (storing, then sentence dates, entities, duplicates, stories; one core)"
for name in allsides-neus ecbplus-dev allsides-headline11; do
  median "" "$tmp/$name.jsonl" "$name"
done
if [ -f "$data/extract/trafilatura-eval.tar.gz" ]; then
  echo "== main-text extraction on trafilatura's evaluation pages (snippets: P/R/F1; one core)"
  mkdir "$tmp/extract"
  tar xzf "$data/extract/trafilatura-eval.tar.gz" -C "$tmp/extract"
  "$build/bench_extract" "$tmp/extract"
fi
if [ "${BENCH_QUICK:-0}" != 1 ]; then
  echo "== ingest of a 1 GB stream (real texts varied: lines rotated, one dropped, new id)"
  "$bench" grow "$tmp/big.jsonl" 1024 "$data/stories/ecbplus-dev.jsonl.gz" \
    "$data/stories/allsides-neus.jsonl.gz" >/dev/null
  rm -f "$tmp/db"*
  printf '%-22s ' "1GB stream"
  "$bench" ingest "$tmp/db" "$tmp/big.jsonl"
fi
echo "== duplicates (variants of real articles, same-story negatives; SemEval pairs; one core)"
"$build/bench_dedup" variants "$data"
if [ -f "$data/pairs/semeval2022-sample.jsonl.gz" ]; then
  "$build/bench_dedup" semeval "$data/pairs/semeval2022-sample.jsonl.gz"
fi
if [ "${BENCH_QUICK:-0}" != 1 ]; then
  echo "== duplicate index with 1,000,000 articles (synthetic stream from the real texts)"
  $pin "$build/bench_dedup" speed "$data" 1000000
else
  $pin "$build/bench_dedup" speed "$data" 100000
fi
echo "== temporal expressions (TempEval-3 TimeBank/AQUAINT: span and value F1; Giveme5W1H when; one core)"
if [ -f "$data/time/tbaq.jsonl.gz" ]; then
  $pin "$build/bench_timex" "$data/time/tbaq.jsonl.gz" "$data/time/giveme5w1h-when.jsonl.gz"
else
  echo "bench: timex skipped: $data/time/tbaq.jsonl.gz not found"
fi
echo "== named entities (CoNLL-2003 eng.testa: conlleval entity P/R/F1, tagging speed; one core)"
if [ -f "$data/ner/eng.testa.gz" ] && [ -f "$(dirname "$0")/../models/ner.model" ]; then
  $pin "$build/bench_ner" conll "$(dirname "$0")/../models/ner.model" "$data/ner/eng.testa.gz"
else
  echo "bench: ner skipped: $data/ner/eng.testa.gz or models/ner.model not found"
fi
echo "== alias merging (ECB+ cross-document chains over the named mentions: B-cubed)"
if [ -f "$data/entities/ecbplus-dev-mentions.jsonl.gz" ]; then
  "$build/bench_ner" alias "$data/stories/ecbplus-dev.jsonl.gz" \
    "$data/entities/ecbplus-dev-mentions.jsonl.gz"
else
  echo "bench: alias skipped: $data/entities/ecbplus-dev-mentions.jsonl.gz not found"
fi
echo "== story clustering (streaming, file order; B-cubed P/R/F1, pairwise F1, stories, articles/s; one core)"
echo "   storyline with models/cluster.txt, its ablations (one weight set to 0), and a plain TF-IDF"
echo "   single-pass baseline (one threshold for all corpora; oracle per-file thresholds listed)"
stories="$data/stories/ecbplus-dev.jsonl.gz $data/stories/allsides-neus.jsonl.gz"
stories="$stories $data/stories/allsides-headline11.jsonl.gz"
if [ -f "$data/stories/allsides-headline11.jsonl.gz" ]; then
  # shellcheck disable=SC2086
  $pin "$build/bench_cluster" eval --model "$(dirname "$0")/../models/cluster.txt" $stories
  echo "== story clustering: generalisation (learn on half of the stories, score the other; leave one corpus out)"
  # shellcheck disable=SC2086
  $pin "$build/bench_cluster" cv $stories
  echo "== story clustering at scale (real texts varied, dates shifted 40 days per pass; us/article, memory)"
  if [ "${BENCH_QUICK:-0}" = 1 ]; then
    export BENCH_SCALE_MAX=100000
  fi
  # shellcheck disable=SC2086
  $pin "$build/bench_cluster" scale $stories
else
  echo "bench: cluster skipped: $data/stories not found"
fi
echo "== search (1,000,000 articles recombined from the real sentences: build, then p50/p99 of 300 queries, top 20)"
search_n=1000000
[ "${BENCH_QUICK:-0}" = 1 ] && search_n=100000
if [ -f "$data/timelines/t17-dev-articles.jsonl.gz" ]; then
  rm -f "$tmp/search.db"*
  $pin "$build/bench_search" "$tmp/search.db" $search_n 300 \
    "$data/timelines/t17-dev-articles.jsonl.gz" \
    "$data/stories/ecbplus-dev.jsonl.gz" "$data/stories/allsides-neus.jsonl.gz"
  rm -f "$tmp/search.db"*
else
  echo "bench: search skipped: $data/timelines/t17-dev-articles.jsonl.gz not found"
fi
echo "== dossier of a story (200 Timeline17 swine-flu articles as one story; the largest story the clusterer made of them; one core)"
echo "   (target: under 50 ms for a 200-article story)"
if [ -f "$data/timelines/t17-dev-articles.jsonl.gz" ]; then
  $pin "$build/bench_dossier" "$data/timelines/t17-dev-articles.jsonl.gz"
else
  echo "bench: dossier skipped: $data/timelines/t17-dev-articles.jsonl.gz not found"
fi
echo "== timelines (Timeline17 dev topics, news-tls protocol: date F1, AR-1, AR-2 by ../shared/score/tls.py)"
echo "   per gold timeline: the topic's articles between its first and last date, --dates and --per-date its length"
export TL_CACHE="$tmp/timelines"
sh "$(dirname "$0")/timeline_eval.sh" "$build" eval
echo "== timeline speed (one core)"
$pin sh "$(dirname "$0")/timeline_eval.sh" "$build" time
