#!/usr/bin/env python3
"""storyline bench: timelines scored on Timeline17's dev topics with the
news-tls protocol (per gold timeline: the topic's articles published between
its first and last date, --dates = its number of dates, --per-date = its mean
sentences per date; scored by ../shared/score/tls.py: date F1, AR-1, AR-2).

  timeline_eval.py BUILD DATA SCORE CACHE eval [NAME=VALUE ...]
  timeline_eval.py BUILD DATA SCORE CACHE loo
  timeline_eval.py BUILD DATA SCORE CACHE time

eval: the scores with the default weights (or those given), per timeline,
per topic and over all, beside a plain TF-IDF centroid baseline.
loo: leave one topic out: each weight is chosen on three topics (the best
mean of date F1/0.65 + AR-1/0.13 + AR-2/0.04, the targets) and scored on
the fourth. time: the bpoil timeline (1,460 articles) through the CLI.
Each topic is ingested once (`ingest --stages dates`) into CACHE/TOPIC.db.
"""
import gzip, json, math, os, re, resource, subprocess, sys, time
from collections import Counter, defaultdict

BUILD, DATA, SCORE, CACHE, MODE = sys.argv[1:6]
EXTRA = sys.argv[6:]
TL = os.path.join(DATA, "timelines")
GOLD = os.path.join(TL, "t17-dev-timelines.jsonl.gz")
TOPICS = ["bpoil", "H1N1", "MJ", "Finan"]


def topic_dbs():
    arts = defaultdict(list)
    for line in gzip.open(os.path.join(TL, "t17-dev-articles.jsonl.gz"), "rt"):
        arts[json.loads(line)["topic"]].append(line)
    for t, lines in arts.items():
        db = os.path.join(CACHE, t + ".db")
        if os.path.exists(db):
            continue
        src = os.path.join(CACHE, t + ".jsonl")
        with open(src, "w") as f:
            f.writelines(lines)
        subprocess.run([os.path.join(BUILD, "storyline"), "--db", db, "ingest",
                        "--stages", "dates", src], check=True,
                       stdout=subprocess.DEVNULL)
    return arts


def lengths():
    out = subprocess.run(["python3", SCORE, GOLD, "--lengths"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def run_system(lens, weights):
    recs = []
    for g in lens:
        cmd = [os.path.join(BUILD, "bench_timeline"),
               os.path.join(CACHE, g["topic"] + ".db"), g["first"], g["last"],
               str(g["dates"]), str(g["sents_per_date"])] + weights
        tl = json.loads(subprocess.run(cmd, check=True, capture_output=True,
                                       text=True).stdout)
        entries = [{"date": e["date"],
                    "sentences": [s["text"] for s in e["sentences"]]}
                   for e in tl["entries"] if not e.get("background")]
        recs.append({"topic": g["topic"], "timeline": g["timeline"],
                     "entries": entries})
    return recs


def score(recs, tag):
    path = os.path.join(CACHE, "system-%s.jsonl" % tag)
    with open(path, "w") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")
    out = subprocess.run(["python3", SCORE, GOLD, path], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def words(text):
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2]


def baseline(arts, lens):
    """A plain TF-IDF centroid picker: dates by articles published, per date
    the sentences nearest the centroid of that day's articles' sentences."""
    recs = []
    for g in lens:
        sents = defaultdict(list)
        for line in arts[g["topic"]]:
            a = json.loads(line)
            if g["first"] <= a["date"] <= g["last"]:
                sents[a["date"]] += [s for s in a["text"].split("\n")
                                     if 8 <= len(s.split()) <= 60]
        df = Counter()
        for ss in sents.values():
            for s in ss:
                df.update(set(words(s)))
        n = sum(len(ss) for ss in sents.values()) + 1
        idf = {w: math.log(n / (1 + c)) for w, c in df.items()}
        days = sorted(sents, key=lambda d: (-len(sents[d]), d))[:g["dates"]]
        entries = []
        for d in sorted(days):
            vecs = []
            for s in sents[d]:
                v = Counter(words(s))
                v = {w: c * idf[w] for w, c in v.items()}
                nrm = math.sqrt(sum(x * x for x in v.values())) or 1
                vecs.append((s, {w: x / nrm for w, x in v.items()}))
            cen = Counter()
            for _, v in vecs:
                cen.update(v)
            best = sorted(vecs, key=lambda sv: -sum(x * cen[w] for w, x in
                                                     sv[1].items()))
            entries.append({"date": d, "sentences":
                            [s for s, _ in best[:g["sents_per_date"]]]})
        recs.append({"topic": g["topic"], "timeline": g["timeline"],
                     "entries": entries})
    return recs


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def by_topic(res):
    """news-tls averages per topic: F1 of mean precision and mean recall."""
    acc = defaultdict(lambda: defaultdict(list))
    for t in res["per_timeline"]:
        for key, m in (("date", t["date"]), ("ar1", t["align_m1"]["rouge_1"]),
                       ("ar2", t["align_m1"]["rouge_2"])):
            acc[t["topic"]][key + "p"].append(m["precision"])
            acc[t["topic"]][key + "r"].append(m["recall"])
    out = {}
    for topic, a in acc.items():
        out[topic] = {k: f1(sum(a[k + "p"]) / len(a[k + "p"]),
                            sum(a[k + "r"]) / len(a[k + "r"]))
                      for k in ("date", "ar1", "ar2")}
    return out


def show(res, label):
    print("%s" % label)
    for t in res["per_timeline"]:
        print("  %-62s date F1 %.3f  AR-1 %.3f  AR-2 %.3f" % (
            t["timeline"], t["date"]["f_score"],
            t["align_m1"]["rouge_1"]["f_score"],
            t["align_m1"]["rouge_2"]["f_score"]))
    for topic, s in by_topic(res).items():
        print("  topic %-56s date F1 %.3f  AR-1 %.3f  AR-2 %.3f" % (
            topic, s["date"], s["ar1"], s["ar2"]))
    s = res["summary"]
    print("  %-62s date F1 %.3f  AR-1 %.3f  AR-2 %.3f" % (
        "all (%d timelines)" % s["timelines"], s["date_f1"], s["ar1_f"],
        s["ar2_f"]))


def goal(s):
    return (s["date"] / 0.65 + s["ar1"] / 0.13 + s["ar2"] / 0.04) / 3


# The weights tried one at a time around the defaults (the first value
# listed is the default), leave-one-topic-out.
GRID = {
    "relevance": ["1", "0", "0.5"],
    "published": ["1", "0", "0.5"],
    "same_day": ["0", "0.5", "1"],
    "lead": ["10", "3"],
    "topic": ["0.5", "0.25", "0.75"],
    "unstated": ["0.8", "0.6", "1"],
    "support": ["0.5", "0"],
    "redundant": ["0.3", "0.5"],
    "min_words": ["6", "10"],
    "max_words": ["60", "45"],
    "quoted": ["1", "0.5"],
    "caption": ["0.5", "1"],
}


def loo(lens):
    tables = {}
    default = by_topic(score(run_system(lens, EXTRA), "loo"))
    for name, values in GRID.items():
        tables[(name, values[0])] = default
        for v in values[1:]:
            res = score(run_system(lens, ["%s=%s" % (name, v)] + EXTRA),
                        "loo")
            tables[(name, v)] = by_topic(res)
    for name, values in GRID.items():
        print("%s:" % name)
        for v in values:
            t = tables[(name, v)]
            print("   %-6s " % v + "  ".join(
                "%s %.3f/%.3f/%.3f" % (k, t[k]["date"], t[k]["ar1"],
                                       t[k]["ar2"]) for k in TOPICS))
        for held in TOPICS:
            rest = [k for k in TOPICS if k != held]
            best = max(values, key=lambda v: sum(goal(tables[(name, v)][k])
                                                 for k in rest))
            s = tables[(name, best)][held]
            print("   held out %-6s chosen on the others: %-5s -> date F1 "
                  "%.3f AR-1 %.3f AR-2 %.3f" % (held, best, s["date"],
                                                s["ar1"], s["ar2"]))


def main():
    os.makedirs(CACHE, exist_ok=True)
    arts = topic_dbs()
    lens = lengths()
    if MODE == "eval":
        show(score(run_system(lens, EXTRA), "storyline"), "storyline")
        show(score(baseline(arts, lens), "baseline"),
             "baseline: TF-IDF centroid, dates by articles published")
    elif MODE == "loo":
        loo(lens)
    elif MODE == "time":
        db = os.path.join(CACHE, "bpoil.db")
        best = cpu = None
        for _ in range(3):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.monotonic()
            subprocess.run([os.path.join(BUILD, "storyline"), "--db", db,
                            "timeline", "--json"], check=True,
                           stdout=subprocess.DEVNULL)
            dt = time.monotonic() - t0
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            dc = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
            best = dt if best is None else min(best, dt)
            cpu = dc if cpu is None else min(cpu, dc)
        print("  bpoil, 1,460 articles, whole store, default length: "
              "%.3f s wall, %.3f s CPU (best of 3, CLI process included)"
              % (best, cpu))
        ms = subprocess.run([os.path.join(BUILD, "bench_timeline"), db,
                             "2010-04-01", "2011-01-31", "102", "3",
                             "--time", "5"], check=True, capture_output=True,
                            text=True).stdout.strip()
        print("  bpoil, 1,460 articles, 102 dates x 3 sentences: %s ms "
              "(median of 5, library call)" % ms)


main()
