#!/usr/bin/env python3
"""Cuts a `qiao-pack bundle` into one bundle per locale for the browser (called by build.sh).

    bundles.py BUNDLE LOCALES_JSON OUT_DIR

The browser loads one language's bundle, not every pack text in ten languages: OUT_DIR/TAG/
bundle.qbundle keeps, of each pack text, only the languages the app can show a learner of TAG:
what LocalizedText::Resolve (app/content/pack.cpp) picks along TAG's chain (TAG, then its
fallbacks from locales.json, as Translator::ChainFor), along the Mandarin alternative's chain
(zh-Hans, en: Texts::Pack, MandarinAlt; only for a language without a voice, "speech":
"recorded", as App sets it) and, for screen labels marked shownInChinese, along {zh-Hans}
(widgets.cpp). "needsReview" and "readings" keep only those languages. Of the
index only TAG's entries stay: the search and sort keys `qiao-pack bundle` made with ICU, so
the browser needs neither collation nor transliteration. The translators' "sourceHashes"
(what `qiao-pack po export` compares; the app never reads them: most of a pack's bytes) are
left out. Everything else (ids, steps, translation status) is copied as it is, so the pack
loader checks the same things.
"""
import json
import os
import sys

META = ("needsReview", "readings")


def resolve(texts, review, chain):
    """The language LocalizedText::Resolve shows for `chain` (None if the text has none)."""
    for tag in chain:
        if texts.get(tag) and tag not in review:
            return tag
    for tag in sorted(texts):
        if texts[tag] and tag not in review:
            return tag
    for tag in sorted(texts):
        if texts[tag]:
            return tag
    return None


def is_text(v, tags):
    """A pack text: an object of locale tag -> string (plus needsReview / readings)."""
    if not isinstance(v, dict) or not v:
        return False
    langs = [k for k in v if k not in META]
    return bool(langs) and all(k in tags and isinstance(v[k], str) for k in langs)


def cut(v, tags, chains):
    if isinstance(v, list):
        return [cut(x, tags, chains) for x in v]
    if isinstance(v, dict) and v.get("shownInChinese") is True and "text" in v:
        return {**cut({k: x for k, x in v.items() if k != "text"}, tags, chains),
                "text": cut(v["text"], tags, chains + [["zh-Hans"]])}
    if not isinstance(v, dict):
        return v
    if is_text(v, tags):
        texts = {k: s for k, s in v.items() if k not in META}
        review = set(v.get("needsReview", []))
        keep = {resolve(texts, review, c) for c in chains} - {None}
        out = {k: s for k, s in v.items() if k in keep}
        if review & keep:
            out["needsReview"] = [t for t in v["needsReview"] if t in keep]
        readings = {k: s for k, s in v.get("readings", {}).items() if k in keep}
        if readings:
            out["readings"] = readings
        return out
    return {k: cut(x, tags, chains) for k, x in v.items() if k != "sourceHashes"}


def main():
    bundle_path, locales_path, out_dir = sys.argv[1:4]
    bundle = json.load(open(bundle_path, encoding="utf-8"))
    locales = json.load(open(locales_path, encoding="utf-8"))["locales"]
    tags = {l["tag"] for l in locales}
    for l in locales:
        tag = l["tag"]
        chain = [tag] + [f for f in l.get("fallback", []) if f != tag]
        chains = [chain] + ([["zh-Hans", "en"]] if l.get("speech") == "recorded" else [])
        one = {"bundleVersion": bundle["bundleVersion"],
               "packs": [cut(p, tags, chains) for p in bundle["packs"]],
               "index": {tag: bundle["index"].get(tag, [])}}
        os.makedirs(os.path.join(out_dir, tag), exist_ok=True)
        with open(os.path.join(out_dir, tag, "bundle.qbundle"), "w", encoding="utf-8") as f:
            json.dump(one, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")


if __name__ == "__main__":
    main()
