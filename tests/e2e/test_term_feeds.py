"""An Atom feed per direction, per form and per tag, each linked from its term page with
<link rel="alternate"> and a visible link.

The example site is built; for every term page (/directions/CODE/, /forms/CODE/, /tags/SLUG/) its
feed must exist, parse as Atom, name itself (rel="self") and its page, and hold exactly the
newest practices (up to 30, newest first) whose front matter has that direction, form or tag, as
read here from content/practices/*.md; the term page must carry a <link rel="alternate"
type="application/atom+xml"> to that feed. A tag that only an internal practice has gets no page
and no feed on the public site, and both on the internal one.
"""
import glob
import os
import re
import shutil
import tempfile
import tomllib
import xml.etree.ElementTree as ET

from nk import ROOT, Checks, copy_example_site, read, run

check = Checks()
ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://example.org/"


def front_matter(path):
    text = read(path)
    block = text.split("+++", 2)[1]
    return tomllib.loads(block)


def practices(site):
    """id → front matter of every public practice, newest first (date, then id)."""
    found = []
    for path in glob.glob(os.path.join(site, "content", "practices", "*.md")):
        fm = front_matter(path)
        if fm.get("visibility") == "internal" or fm.get("draft"):
            continue
        found.append((os.path.splitext(os.path.basename(path))[0], fm))
    found.sort(key=lambda p: (-int(str(p[1]["date"]).replace("-", "")), p[0]))
    return found


def tag_slugs(out):
    """tag text → slug, from the tag chips of the built practice pages."""
    slugs = {}
    for page in glob.glob(os.path.join(out, "practices", "*", "index.html")):
        for slug, label in re.findall(r'href="/tags/([^/"]+)/">([^<]+)</a>', read(page)):
            slugs[label.replace("&quot;", '"').replace("&amp;", "&")] = slug
    return slugs


def check_feed(out, section, code, expected_ids, label):
    feed_path = os.path.join(out, section, code, "feed.xml")
    check(os.path.isfile(feed_path), f"{label}: /{section}/{code}/feed.xml exists")
    root = ET.parse(feed_path).getroot()
    check(root.tag == ATOM + "feed", f"{label}: the feed is Atom")
    links = {l.get("rel"): l.get("href") for l in root.findall(ATOM + "link")}
    check(links.get("self") == f"{BASE}{section}/{code}/feed.xml" and
          links.get(None) == f"{BASE}{section}/{code}/",
          f"{label}: the feed names itself and its term page: {links}")
    ids = [e.find(ATOM + "link").get("href").rstrip("/").rsplit("/", 1)[1]
           for e in root.findall(ATOM + "entry")]
    check(ids == expected_ids[:30],
          f"{label}: the feed holds its {min(30, len(expected_ids))} newest practices, newest first "
          f"({ids[:3]} … vs {expected_ids[:3]} …)")
    page = read(os.path.join(out, section, code, "index.html"))
    check(f'<link rel="alternate" type="application/atom+xml"' in page and
          f'href="/{section}/{code}/feed.xml">' in page,
          f"{label}: the term page links the feed with <link rel=\"alternate\">")
    check(f'<a href="/{section}/{code}/feed.xml">' in page, f"{label}: and with a visible link")


def main():
    work = tempfile.mkdtemp(prefix="nk-feeds-")
    try:
        site = copy_example_site(os.path.join(work, "site"))
        # A tag only an internal practice has: its feed is for the internal site only.
        with open(os.path.join(site, "content", "practices", "zz-internal.md"), "w", encoding="utf-8") as f:
            f.write('+++\ntitle = "Служебная практика"\ndate = 2021-01-10\nvisibility = "internal"\n'
                    'directions = ["quality"]\ntags = ["служебный тег"]\n+++\n\nТекст.\n')
        out = os.path.join(work, "out")
        r = run("build", "--source", site, "--out", out, "--base-url", BASE)
        check(r.returncode == 0, f"the example site builds: {r.stderr[-300:]}")
        listed = practices(site)
        slugs = tag_slugs(out)
        counted = {"directions": 0, "forms": 0, "tags": 0}
        for section, key in (("directions", "directions"), ("forms", "forms"), ("tags", "tags")):
            codes = sorted({c for _, fm in listed for c in fm.get(key, [])})
            for code in codes:
                term = slugs[code] if section == "tags" else code
                expected = [pid for pid, fm in listed if code in fm.get(key, [])]
                check_feed(out, section, term, expected, f"{section} '{code}'")
                counted[section] += 1
        check(all(n >= 3 for n in counted.values()),
              f"feeds were checked for several terms of each kind: {counted}")
        check(not os.path.exists(os.path.join(out, "tags", "sluzhebnyy-teg")),
              "a tag only an internal practice has has no page and no feed on the public site")
        internal = os.path.join(work, "internal")
        r = run("build", "--source", site, "--out", internal, "--audience", "internal", "--base-url", BASE)
        check(r.returncode == 0 and os.path.isfile(os.path.join(internal, "tags", "sluzhebnyy-teg", "feed.xml")),
              "the internal site has that tag's feed")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{check.count} checks passed")


if __name__ == "__main__":
    main()
