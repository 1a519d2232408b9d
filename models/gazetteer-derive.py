#!/usr/bin/env python3
"""Derives the NER gazetteer lists in models/ from Debian data packages.

usage: python3 models/gazetteer-derive.py [OUT_DIR]   (default: models/)
Needs: iso-codes, wamerican, libgeonames-common (read once; the derived lists
are committed, so neither the build nor the tests need the packages).
Deterministic: every list is sorted and de-duplicated.
"""
import gettext
import json
import os
import sys

ISO = "/usr/share/iso-codes/json"
WORDS = "/usr/share/dict/american-english"
GEONAMES = "/usr/share/locale/en/LC_MESSAGES/geonames.mo"


def iso(name, key):
    with open(os.path.join(ISO, name), encoding="utf-8") as f:
        return json.load(f)[key]


def names(entries, fields):
    out = set()
    for e in entries:
        for k in fields:
            v = e.get(k)
            if v:
                out.add(v.strip())
    return out


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__)
    fields = ("name", "common_name", "official_name")
    countries = names(iso("iso_3166-1.json", "3166-1"), fields)
    countries |= names(iso("iso_3166-3.json", "3166-3"), fields)
    subdiv = names(iso("iso_3166-2.json", "3166-2"), ("name",))
    with open(GEONAMES, "rb") as f:
        cat = gettext.GNUTranslations(f)._catalog
    cities = {v.strip() for k, v in cat.items() if k and v.strip()}
    langs = names(iso("iso_639-2.json", "639-2"), ("name",))
    langs = {n for n in langs if ";" not in n and "(" not in n}
    currencies = names(iso("iso_4217.json", "4217"), ("name",))
    proper, common = set(), set()
    with open(WORDS, encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if not w or w.endswith("'s"):
                continue
            (proper if w[0].isupper() else common).add(w)
    lists = {
        "gazetteer-country.txt": countries,
        "gazetteer-place.txt": (subdiv | cities) - countries,
        "gazetteer-misc.txt": langs | currencies,
        "gazetteer-proper.txt": proper,
        "gazetteer-common.txt": common,
    }
    for fname, items in lists.items():
        with open(os.path.join(out, fname), "w", encoding="utf-8") as f:
            for item in sorted(items):
                f.write(item + "\n")


if __name__ == "__main__":
    main()
