# Writes a seeded synthetic news stream for the writer tests: a.jsonl (na
# records) and b.jsonl (nb records), articles about `topics` events, each
# told by several outlets over a few days; every 5th record of b.jsonl is a
# copy of an earlier a.jsonl text under a new id (a cross-file duplicate).
# usage: awk -v seed=S -v na=N -v nb=N -v topics=N -f news.awk
function word(j) {
  return syl[j % 10 + 1] syl[int(j / 10) % 10 + 1] syl[int(j / 100) % 10 + 1]
}
function pick(n) { return int(rand() * n) }
function story(t, day,    s, k, w) {
  s = "Officials in " place[t % 12 + 1] " said the " event[t % 10 + 1] \
      " of " word(t * 7 + 100) " reached day " day "."
  for (k = 0; k < 40; k++) {
    w = (rand() < 0.6) ? word(t * 11 + pick(9) + 300) : word(pick(400))
    s = s " " w
    if (k % 10 == 9)
      s = s "."
  }
  return s " Minister " toupper(substr(word(t + 500), 1, 1)) \
         substr(word(t + 500), 2) " spoke to reporters."
}
function record(file, id, t,    day, src, title) {
  day = 1 + pick(5)
  src = outlet[pick(4) + 1]
  title = place[t % 12 + 1] " " event[t % 10 + 1] ": " word(t * 7 + 100) \
          " day " day
  text[id] = story(t, day)
  printf "{\"id\":\"%s\",\"title\":\"%s\",\"text\":\"%s\"," \
         "\"date\":\"2026-04-%02d\",\"source\":\"%s\"}\n",
         id, title, text[id], (t % 20) + day, src > file
}
BEGIN {
  srand(seed)
  split("ka ro mi te lu sa no vi pe da", syl, " ")
  split("Norvale Kelm Ostrava Brinmoor Tallis Quarrow Dunmere Ashford " \
        "Calder Penrith Rowan Selby", place, " ")
  split("strike flood election fire merger trial summit drought outbreak " \
        "protest", event, " ")
  split("Harbor Ledger|Valley Post|Morning Wire|City Courier", outlet, "|")
  for (i = 0; i < na; i++)
    record("a.jsonl", "a" i, pick(topics))
  for (i = 0; i < nb; i++) {
    if (i % 5 == 4) {
      src = "a" pick(na)
      printf "{\"id\":\"b%d\",\"title\":null,\"text\":\"%s\"}\n", i,
             text[src] > "b.jsonl"
    } else {
      record("b.jsonl", "b" i, pick(topics))
    }
  }
}
