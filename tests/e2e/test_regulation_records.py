"""The records of issue 21 end to end on the example site: transition programmes (their list and
pages, both schools' dashboards, the yearly report and the site search), the pages and facets of
the network pairs' and associations' own directions, and the privacy of an internal transition."""
import glob
import html
import json
import os
import re
import sys
import tempfile
import tomllib

sys.path.insert(0, os.path.dirname(__file__))
from nk import ROOT, Checks, build, clean_diagnostics, copy_example_site, read  # noqa: E402

check = Checks()


def text_of(fragment):
    text = html.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def load(pattern):
    out = {}
    for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
        with open(path, "rb") as f:
            out[os.path.splitext(os.path.basename(path))[0]] = tomllib.load(f)
    return out


TRANSITIONS = load("data/transitions/*.toml")
MENTORSHIPS = load("data/mentorships/*.toml")
ASSOCIATIONS = load("data/associations/*.toml")
SCHOOLS = load("data/schools/*.toml")
with open(os.path.join(ROOT, "config.toml"), "rb") as f:
    CONFIG = tomllib.load(f)

result, out = build()
check(result.returncode == 0 and clean_diagnostics(result.stderr), "the example site builds: " + result.stderr[-500:])

# ---- transitions ---------------------------------------------------------------------------------
check(len(TRANSITIONS) >= 2 and any(t.get("outcome") == "recommended" for t in TRANSITIONS.values()),
      "the example site has two or more transitions, one recommended")
listing = text_of(read(os.path.join(out, "transitions/index.html")))
for tid, t in TRANSITIONS.items():
    page = os.path.join(out, "transitions", tid, "index.html")
    check(os.path.isfile(page), f"/transitions/{tid}/ exists")
    body = text_of(read(page))
    school = SCHOOLS[t["school"]].get("short_name", SCHOOLS[t["school"]]["name"])
    check(t["title"] in listing and school in body, f"{tid}: listed, and its page names the school {school}")
    for code in t.get("deficits", []):
        label = CONFIG.get("vocabularies", {}).get("risk_factors", {}).get(code)
        if label:
            check(label in body, f"{tid}: the deficit «{label}» is shown by its label")
    for sid in [t["school"], *t["mentors"]]:
        dash = read(os.path.join(out, "schools", sid, "index.html"))
        check(f'href="/transitions/{tid}/"' in dash, f"{tid}: the dashboard of {sid} links it")
recommended = [t for t in TRANSITIONS.values() if t.get("outcome") == "recommended"][0]
kind_word = "рекомендован" if recommended["kind"] == "project" else "рекомендована"
check(kind_word in listing, f"the recommended one reads «{kind_word}…» (gender of its kind)")
revised = [t for t in TRANSITIONS.values() if t.get("outcome") == "revise"]
for t in revised:
    word = "направлен на доработку" if t["kind"] == "project" else "направлена на доработку"
    check(word in listing, f"«{t['title'][:30]}…» reads «{word}»")

records = json.loads(read(os.path.join(out, "search/records.json"))) \
    if os.path.isfile(os.path.join(out, "search/records.json")) else None
if records is not None:
    check(any(k[0] == "transitions" for k in records["kinds"]), "site search has a group of transitions")
    check(any(recommended["title"] in json.dumps(r, ensure_ascii=False) for r in records["r"]),
          "site search holds the recommended transition")

# ---- the directions of network pairs and associations -------------------------------------------
pairs = [m for m in MENTORSHIPS.values() if m["format"] == "pair"]
pair_codes = sorted({d for m in pairs for d in m.get("directions", [])})
check(pair_codes, "the example's network pairs use pair directions")
mentorships_page = read(os.path.join(out, "mentorships/index.html"))
for code in pair_codes:
    page = os.path.join(out, "pair-directions", code, "index.html")
    check(os.path.isfile(page), f"/pair-directions/{code}/ exists")
    body = read(page)
    expected = [m["title"] for m in pairs if code in m.get("directions", [])]
    titles = [html.unescape(t).replace("\u00a0", " ") for t in re.findall(r'<h3 class="card-title"><a href="[^"]*">([^<]*)</a>', body)]
    check(sorted(titles) == sorted(expected), f"/pair-directions/{code}/ lists its {len(expected)} pair(s)")
    check(f'href="/pair-directions/{code}/"' in mentorships_page and
          re.search(r'href="/pair-directions/%s/">[^<]*<span class="count">%d</span>' % (code, len(expected)),
                    mentorships_page), f"/mentorships/ facets {code} with its count {len(expected)}")
unused = set(CONFIG.get("vocabularies", {}).get("pair_directions", {})) - set(pair_codes)
for code in unused:
    check(not os.path.exists(os.path.join(out, "pair-directions", code)), f"no page for the unused {code}")
assoc_codes = sorted({d for a in ASSOCIATIONS.values() for d in a.get("directions", [])})
associations_page = read(os.path.join(out, "associations/index.html"))
for code in assoc_codes:
    body = read(os.path.join(out, "association-directions", code, "index.html"))
    expected = [a["name"] for a in ASSOCIATIONS.values() if code in a.get("directions", [])]
    check(all(n in text_of(body) for n in expected),
          f"/association-directions/{code}/ lists its {len(expected)} association(s)")
    check(f'href="/association-directions/{code}/"' in associations_page, f"/associations/ facets {code}")
some_pair = [k for k, m in MENTORSHIPS.items() if m["format"] == "pair" and m.get("directions")][0]
check('href="/pair-directions/' in read(os.path.join(out, "mentorships", some_pair, "index.html")),
      "a pair's page links its directions to their pages")

# ---- privacy: an internal transition is not published -------------------------------------------
site = copy_example_site(os.path.join(tempfile.mkdtemp(), "site"))
tid = sorted(TRANSITIONS)[0]
path = os.path.join(site, "data/transitions", tid + ".toml")
with open(path, encoding="utf-8") as f:
    text = f.read()
with open(path, "w", encoding="utf-8") as f:
    f.write('visibility = "internal"\n' + text)
result, public = build(site)
check(result.returncode == 0, "the site with an internal transition builds: " + result.stderr[-300:])
check(not os.path.exists(os.path.join(public, "transitions", tid)), "the internal transition has no public page")
leaked = [p for p in glob.glob(os.path.join(public, "**/*"), recursive=True)
          if os.path.isfile(p) and TRANSITIONS[tid]["title"] in open(p, encoding="utf-8", errors="replace").read()]
check(not leaked, f"its title is nowhere in the public output: {leaked[:3]}")
result, internal = build(site, None, "--audience", "internal")
check(result.returncode == 0 and os.path.isfile(os.path.join(internal, "transitions", tid, "index.html")),
      "the internal build has its page")

print(f"{check.count} checks passed")
