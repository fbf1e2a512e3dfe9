"""Cuts the fonts of the browser build per locale (called by web/build.sh, Debian's python3 with
python3-fonttools, hb-subset from libharfbuzz-bin).

    fonts.py ROOT WORK OUT HANZI3500_HEX

The first visit gets every font of the text engine's table (app/text/fonts.json, the one list
the engine itself is built with) cut to what
the language picker shows: ASCII and common punctuation, each locale's endonym, the picker's
title (zh-Hans and en) and the packs' untranslated strings (ids, dates, phone numbers).
Each locale then has its own folder fonts-TAG/ with the fonts that need more characters for
that locale: its catalog and pack text, with missing strings resolved along its fallback chain
as the app does. For the CJK collection that is an addition, NotoSansCJK-Regular.plus-locale.ttc,
only the characters the first-visit file lacks (the text engine opens it beside that file:
app/text/fonts.cpp; why only CJK: [SECTION] additions below). Any other font is the first-visit
text plus the locale's, so it replaces the first-visit file of the same name (web/index.html
does that when a learner picks the locale); only files that differ from the first-visit ones
are kept. zh-Hans also has search fonts, fonts-zh-Hans-3500/: an addition whose SC face has the
3,500 common Hanzi the first visit and zh-Hans's addition lack, so search input renders. The
text a learner reads is covered without it, so the page fetches it only when the learner first
types (web.cpp: qiaoTextInput), not with the language.

Writes OUT/fonts/, OUT/fonts-TAG/, OUT/fonts-zh-Hans-3500/ and WORK/fonts/stages.json
({"perLocale": {tag: [[file path, ...] per stage]}, "search": {tag: [file path, ...]}}, for
files.json).

    fonts.py --table ROOT

prints the files and faces it would cut, as JSON ({file: [face, ...]}): tests/text checks that
they are the engine's.
"""
import json
import pathlib
import subprocess
import sys


def font_table(root):
    """The engine's font table: {file name: {face index: role}} (app/text/fonts.json). Plain
    files have the one face 0; a collection (the CJK .ttc) lists the faces the engine opens."""
    rows = json.loads((root / "app/text/fonts.json").read_text(encoding="utf-8"))["fonts"]
    files = {}
    for row in rows:
        files.setdefault(row["file"], {})[row.get("face", 0)] = row["role"]
    return files


if sys.argv[1:2] == ["--table"]:
    print(json.dumps({name: sorted(faces) for name, faces in font_table(pathlib.Path(sys.argv[2])).items()}))
    sys.exit(0)

from fontTools.ttLib import TTCollection, TTFont  # noqa: E402 (not needed for --table)

ROOT, WORK, OUT = (pathlib.Path(a) for a in sys.argv[1:4])
HANZI3500 = pathlib.Path(sys.argv[4])
FONT_DIR = pathlib.Path("/usr/share/fonts")
FILES = font_table(ROOT)
# hb-subset's default layout features are those HarfBuzz's shapers apply (the engine asks for
# no others); '*' also kept CJK's vertical forms and alternates (first-visit CJK 35 -> 14 KB
# brotli). No hinting instructions (the atlas uses FreeType's light hinting, i.e. the
# auto-hinter for TrueType, and draws at exact sizes) and CFF without subroutines: both
# compress far better (CJK SC for the packs: 339 -> 260 KB brotli).
SUBSET_OPTIONS = ["--no-hinting", "--desubroutinize"]
PUNCTUATION = "…–—‘’“”«»·•×÷°%‰€¥，。、：；！？（）《》「」『』【】～ "
# Marks the widget layer draws itself in every language: radio buttons and PIN dots, the ticks
# and crosses of feedback, warnings.
WIDGET_MARKS = "●○✓✗⚠"


def find_font(name):
    found = next(FONT_DIR.rglob(name), None)
    if not found:
        sys.exit(f"qiao web: font {name} not found under {FONT_DIR} (fonts-noto-core, fonts-noto-cjk)")
    return found


def printable(chars):
    return "".join(sorted(c for c in chars if c.isprintable() or c == " "))


# [SECTION] text per locale

locales = json.loads((ROOT / "locales/locales.json").read_text(encoding="utf-8"))["locales"]
tags = [l["tag"] for l in locales]
chain = {l["tag"]: [l["tag"]] + l.get("fallback", []) for l in locales}
catalogs = {}
for tag in tags:
    path = ROOT / f"locales/{tag}.json"
    catalogs[tag] = json.loads(path.read_text(encoding="utf-8")).get("strings", {}) if path.exists() else {}
packs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "lessons").glob("*.pack.json"))]


def resolve(values, tag):
    """The string the app shows for tag: its own, else the first of its fallback chain."""
    for t in chain[tag]:
        if t in values:
            return values[t]
    return next(iter(values.values()), "")


base = set(chr(c) for c in range(0x20, 0x7F)) | set(PUNCTUATION) | set(WIDGET_MARKS)
# The engine measures each font's sample and letters when it loads it (size factor, centring):
# every cut keeps them, so the browser sizes scripts exactly as the kiosk does.
for row in json.loads((ROOT / "app/text/fonts.json").read_text(encoding="utf-8"))["fonts"]:
    base.update(row.get("sample", "") + row.get("letters", ""))
per_locale = {tag: set() for tag in tags}
for l in locales:
    base.update(l["endonym"])
for t in ("zh-Hans", "en"):
    base.update(catalogs[t].get("picker.title", ""))
keys = set().union(*(c.keys() for c in catalogs.values()))
for tag in tags:
    for key in keys:
        per_locale[tag].update(resolve({t: c[key] for t, c in catalogs.items() if key in c}, tag))


# A translated text (app/content: LocalizedText) is {tag: string, ...}, with perhaps
# "needsReview": [tag, ...], "readings" (spoken, not shown), "review" (per-language review) and
# "note" (for translators) beside the tags (lessons/README.md); not telling those apart put every
# language's strings of such a text into the first visit's fonts (+300 Hangul, +500 Hanzi).
LOCALIZED_TEXT_EXTRA = {"needsReview", "readings", "review", "note"}


def walk(v):
    if isinstance(v, dict):
        texts = {k: x for k, x in v.items() if k not in LOCALIZED_TEXT_EXTRA}
        if texts and set(texts) <= set(tags) and all(isinstance(x, str) for x in texts.values()):
            for tag in tags:  # a translated string
                per_locale[tag].update(resolve(texts, tag))
            return
        if v.get("shownInChinese") is True and isinstance(v.get("text"), dict):
            for tag in tags:  # the simulated phone shows this label in Chinese in every language
                per_locale[tag].update(v["text"].get("zh-Hans", ""))
        for k, x in v.items():
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
    elif isinstance(v, str):
        base.update(v)  # not translated: ids, dates, phone numbers, URLs


for p in packs:
    walk(p)

(WORK / "fonts").mkdir(parents=True, exist_ok=True)
text_files = {}
for name, chars in [("base", base)] + [(t, base | per_locale[t]) for t in tags]:
    f = WORK / "fonts" / f"text-{name}.txt"
    f.write_text(printable(chars), encoding="utf-8")
    text_files[name] = f
# The KR face of the CJK collection draws Hangul and the Han of Korean text only (the engine's
# fallback chains: app/text/fonts.cpp, FontSet::Chain): outside ko it needs the base text's
# Hangul, not every Hanzi of the language (it held a second copy of them: zh-Hans's .ttc 294 KB).
HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF))
def korean_face_text(tag):
    if tag in ("base", "ko"):
        return text_files[tag]
    chars = base | {c for c in per_locale[tag] if any(a <= ord(c) <= b for a, b in HANGUL)}
    f = WORK / "fonts" / f"text-{tag}-kr.txt"
    f.write_text(printable(chars), encoding="utf-8")
    return f

# [SECTION] subsetting


def subset(src, text_file, out, face=None, unicodes=None):
    cmd = ["hb-subset", f"--font-file={src}", f"--text-file={text_file}", f"--output-file={out}"] + SUBSET_OPTIONS
    if face is not None:
        cmd.append(f"--face-index={face}")
    if unicodes:
        cmd.append(f"--unicodes-file={unicodes}")
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"qiao web: hb-subset {src.name} failed: {r.stderr}")
    return out.read_bytes()


def collection(faces, out):
    """A collection with each face at the index the engine opens; an index the engine does not
    open (face 0 of the CJK .ttc, JP in the original) repeats the lowest face it does open (same
    tables, stored once)."""
    c = TTCollection()
    first = faces[min(faces)]
    # recalcTimestamp=False: fontTools would stamp the save time into each face's `head`, giving
    # the same cut a new content hash (a new file name) at every build, so an update would
    # download the CJK fonts again although nothing in them changed.
    c.fonts = [TTFont(faces.get(i, first), recalcTimestamp=False) for i in range(max(faces) + 1)]
    c.save(out, shareTables=True)
    return out.read_bytes()


def cut(text, tmp, unicodes=None, kr_text=None, names=None):
    """{file name: bytes} of every font in the table cut to text (tmp: a folder for the faces).
    unicodes: code points the cjk-sc face keeps besides text (zh-Hans's search fonts); kr_text:
    the cjk-kr face's text, if not text; names: only these files."""
    tmp.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, faces in FILES.items():
        if names is not None and name not in names:
            continue
        src = find_font(name)
        if list(faces) == [0] and not name.endswith((".ttc", ".otc")):
            out[name] = subset(src, text, tmp / name)
            continue
        cut_faces = {}
        for i, role in faces.items():
            cut_faces[i] = tmp / f"{pathlib.Path(name).stem}-{i}.otf"
            subset(src, kr_text if role == "cjk-kr" and kr_text else text, cut_faces[i], face=i,
                   unicodes=unicodes if role == "cjk-sc" else None)
        out[name] = collection(cut_faces, tmp / name)
    return out


def write(folder, files):
    (OUT / folder).mkdir(parents=True, exist_ok=True)
    for n, data in files.items():
        (OUT / folder / n).write_bytes(data)
    return [f"{folder}/{n}" for n in sorted(files)]


# [SECTION] additions
# A locale's CJK glyphs ADD to the first visit's instead of replacing its file: the stage holds
# "NotoSansCJK-Regular.plus-locale.ttc", each face cut to the characters of the locale's text the
# first-visit face lacks, and the text engine opens it as another font right after the
# first-visit one in the same role's chains, with its metrics and size factor (app/text/fonts.cpp:
# additions). So a learner who picks zh-Hans on the picker does not download the picker's CJK
# glyphs a second time. Han, kana, Hangul and CJK punctuation are shaped per character (a
# cluster is one character here; the engine never splits a cluster across two files: it picks
# the first font of the chain that has all of a cluster's characters) and the CJK faces are CFF
# (FreeType's CFF hinter works per glyph, on the face's private dictionaries, which every cut
# keeps), so a glyph draws the same from either file.
# The other fonts keep replacing: Arabic, Tibetan and Mongolian are shaped in context (joining,
# stacking: a word must come from one file), Noto Sans kerns pairs across letters and digits,
# and all of them are TrueType, drawn with FreeType's auto-hinter, which measures each face's
# own letters (a glyph may land on other pixels in a file without the picker's letters).
ADDITIVE_ROLES = {"cjk-sc", "cjk-kr"}
ADDITIVE = {name for name, faces in FILES.items() if set(faces.values()) <= ADDITIVE_ROLES}


def addition_name(name, what):
    """The engine's name for an addition to the table's file name: STEM.plus-WHAT.EXT."""
    p = pathlib.Path(name)
    return f"{p.stem}.plus-{what}{p.suffix}"


def text_file(name, chars):
    f = WORK / "fonts" / f"text-{name}.txt"
    # A space in every cut: a face with no character at all would have an empty cmap.
    f.write_text(printable(set(chars) | {" "}), encoding="utf-8")
    return f


first = cut(text_files["base"], WORK / "fonts/base")
write("fonts", first)
stages = {}
added = {}  # tag -> the characters its CJK addition has (the search addition leaves them out)
for tag in tags:
    mine = cut(text_files[tag], WORK / f"fonts/{tag}", kr_text=korean_face_text(tag),
               names=set(FILES) - ADDITIVE)
    changed = {n: d for n, d in mine.items() if d != first[n]}
    # The CJK addition: what the locale's text has beyond the picker's (both faces).
    added[tag] = per_locale[tag] - base
    kr = (per_locale[tag] if tag == "ko" else
          {c for c in per_locale[tag] if any(a <= ord(c) <= b for a, b in HANGUL)}) - base
    if added[tag] | kr:
        adds = cut(text_file(f"{tag}-add", added[tag]), WORK / f"fonts/{tag}-add",
                   kr_text=text_file(f"{tag}-add-kr", kr), names=ADDITIVE)
        changed.update({addition_name(n, "locale"): d for n, d in adds.items()})
    stages[tag] = [write(f"fonts-{tag}", changed)] if changed else []
# zh-Hans's search fonts: an addition whose SC face has the 3,500 common Hanzi that neither the
# first visit nor zh-Hans's own addition has (its KR face: nothing).
CJK = next(name for name, faces in FILES.items() if "cjk-sc" in faces.values())
have = base | added["zh-Hans"]
need = "".join(sorted(c for c in (chr(int(h, 16)) for h in HANZI3500.read_text().split()) if c not in have))
zh = cut(text_file("zh-Hans-3500", need), WORK / "fonts/zh-Hans-3500", kr_text=text_file("zh-Hans-3500-kr", ""),
         names={CJK})
search = {"zh-Hans": write("fonts-zh-Hans-3500", {addition_name(CJK, "search"): zh[CJK]})}
(WORK / "fonts/stages.json").write_text(json.dumps({"perLocale": stages, "search": search}, indent=1))
