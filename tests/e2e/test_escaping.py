"""Every string is escaped for its context: a value full of markup and separators goes through
HTML (text and attributes), JSON, XML (feeds, sitemap, SVG), iCalendar, CSV and xlsx and comes
out as the same text, never as markup. The site is written inline, Hugo-style.
"""
import csv
import glob
import json
import os
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser

from nk import ROOT, Checks, run

check = Checks()
PAYLOAD = 'Ш <script>alert("x")</script> & \'q\' "dq" ; , \\ </title> <b>'
MULTILINE = PAYLOAD + "\nвторая строка"
MARKDOWN_SAFE = "Ш & 'q' \"dq\" ; , \\"  # Markdown fields: raw HTML there is removed with a warning


def s(text):
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def make_site(root):
    write(root, "config.toml", f'title = {s(PAYLOAD)}\ndescription = {s(PAYLOAD)}\n'
          'base_url = "https://example.org/"\nas_of = 2022-03-15\n')
    for i, (ior, isbsh) in enumerate([(0.8, 0.7), (0.5, 0.4), (0.6, 0.65)], 1):
        name = s(PAYLOAD + f" {i}")
        years = "".join(f"\n[[years]]\nyear = {y}\nior = {ior}\nisbsh = {isbsh}\ngia = 4.0\nvpr = 3.9\n"
                        for y in (2018, 2019, 2020, 2021))  # 2018: green zone for 2021
        write(root, f"data/schools/s-{i}.toml",
              f'name = {name}\nshort_name = {name}\nmunicipality = {s(PAYLOAD)}\n'
              f'address = {s(PAYLOAD)}\noffer = {s(MARKDOWN_SAFE)}\n{years}')
    write(root, "data/mentorships/m-1.toml",
          f'title = {s(PAYLOAD)}\ndescription = {s(PAYLOAD)}\nformat = "pair"\nmentors = ["s-1"]\n'
          'mentees = ["s-2"]\nstart = 2021-02-01\nend = 2021-12-31\n\n[[goals]]\n'
          f'indicator = {s(PAYLOAD)}\nunit = {s(PAYLOAD)}\nbaseline = 1\ntarget = 2\nactual = 3\n\n'
          f'[[events]]\ndate = 2021-03-01\ntitle = {s(PAYLOAD)}\nplace = {s(PAYLOAD)}\n'
          f'responsible = {s(PAYLOAD)}\nstatus = "done"\n')
    write(root, "data/associations/a-1.toml",
          f'name = {s(PAYLOAD)}\nhead = "s-1"\nmembers = ["s-1", "s-2"]\n')
    write(root, "data/plans/p-1.toml",
          f'title = {s(PAYLOAD)}\nowner = "s-1"\nyear = 2021\n\n[[items]]\nactivity = "research"\n'
          f'content = {s(PAYLOAD)}\nplace = {s(PAYLOAD)}\nresponsible = {s(PAYLOAD)}\n'
          'from = 2021-02-01\nto = 2021-03-01\nstatus = "done"\ndone_on = 2021-02-20\n')
    write(root, "data/competitions/c-1.toml",
          f'title = {s(PAYLOAD)}\nyear = 2021\ncriteria = [{", ".join([s(PAYLOAD)] * 5)}]\n\n'
          '[[applications]]\nschool = "s-1"\nvotes_for = 3\n\n[[applications.scores]]\n'
          f'expert = {s(PAYLOAD)}\npoints = [5, 4, 3, 2, 1]\n')
    write(root, "content/practices/pr-1.md",
          f'+++\ntitle = {s(PAYLOAD)}\ndate = 2021-05-01\nschools = ["s-1"]\n'
          f'directions = ["quality"]\ntags = [{s(PAYLOAD)}]\nsummary = {s(PAYLOAD)}\n\n'
          f'[[results]]\nindicator = {s(PAYLOAD)}\nunit = "%"\nbefore = 1\nafter = 2\n+++\n'
          '## Заголовок & <раздел>\n\nТекст с `<code>` и &amp; и "кавычками".\n')
    write(root, "content/events/e-1.md",
          f'+++\ntitle = {s(MULTILINE)}\ndate = 2021-04-01T10:00:00\nend = 2021-04-01T12:00:00\n'
          f'kind = "meeting"\norganizer = "s-1"\nplace = {s(MULTILINE)}\nassociation = "a-1"\n'
          f'participants = ["s-1", "s-2"]\n\n[[agenda]]\nissue = {s(PAYLOAD)}\n'
          f'decision = {s(PAYLOAD)}\nrecommendation = {s(PAYLOAD)}\n+++\nПротокол.\n')
    write(root, "content/pages/about.md", f'+++\ntitle = {s(PAYLOAD)}\nsummary = {s(PAYLOAD)}\nweight = 1\n+++\nТекст.\n')
    shutil.copytree(os.path.join(ROOT, "themes", "default"), os.path.join(root, "themes", "default"))


class Elements(HTMLParser):
    """Collects script texts and attribute names, as a browser's tokenizer would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts, self.attributes, self.in_script = [], set(), False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        self.attributes.update(name for name, _ in attrs)

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script:
            self.scripts.append(data)


def files(out, pattern):
    return sorted(glob.glob(os.path.join(out, "**", pattern), recursive=True))


def main():
    work = tempfile.mkdtemp(prefix="nk-escape-")
    try:
        site, out = os.path.join(work, "site"), os.path.join(work, "out")
        make_site(site)
        result = run("build", "--source", site, "--out", out)
        check(result.returncode == 0 and result.stderr == "",
              "the site with markup in every value builds without diagnostics: " + result.stderr[-1500:])
        for audience_out in [out]:
            html_pages(audience_out)
            data_files(audience_out)
        result = run("build", "--source", site, "--out", out + "-internal", "--audience", "internal")
        check(result.returncode == 0, "and so does its internal version")
        html_pages(out + "-internal")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{check.count} checks passed")


def html_pages(out):
    pages = files(out, "*.html")
    bad_scripts, bad_attributes, raw = [], set(), []
    for page in pages:
        text = open(page, encoding="utf-8").read()
        if "<script>alert(" in text or "<b>" in text.replace("<b>Ш", ""):
            raw.append(os.path.relpath(page, out))
        parser = Elements()
        parser.feed(text)
        bad_scripts += [x for x in parser.scripts if 'alert("x")' in x and "\\u003c" not in x and "<\\/" not in x]
        bad_attributes |= {a for a in parser.attributes if a.startswith("on") or '"' in a or "'" in a or a == "dq"}
    check(len(pages) > 20, f"{len(pages)} pages in {os.path.basename(out)}")
    check(not raw, f"no page carries the value's markup unescaped: {raw[:5]}")
    check(not bad_scripts, "no script element holds the value as code")
    check(not bad_attributes, f"no attribute was broken open by a quote: {sorted(bad_attributes)}")


def data_files(out):
    for path in files(out, "*.json"):
        with open(path, encoding="utf-8") as f:
            json.load(f)
    schools = json.load(open(os.path.join(out, "api", "schools.json"), encoding="utf-8"))
    check(PAYLOAD + " 1" in [x["name"] for x in schools], "JSON: every file parses; names round-trip")

    for path in files(out, "*.xml") + files(out, "*.svg"):
        ET.parse(path)
    titles = [e.text for e in ET.parse(os.path.join(out, "feed.xml")).iter() if e.tag.endswith("title")]
    check(PAYLOAD in titles, "XML: feeds and sitemap parse; the feed's titles round-trip")
    charts, texts = 0, []
    for page in files(out, "*.html"):
        for svg in re.findall(r"<svg\b.*?</svg>", open(page, encoding="utf-8").read(), re.S):
            texts += ["".join(e.itertext()) for e in ET.fromstring(svg).iter() if e.tag.endswith("text")]
            charts += 1
    check(charts > 0 and any(PAYLOAD[:20] in t for t in texts),
          f"SVG: {charts} inline charts are well-formed XML; labels round-trip")

    ics = open(os.path.join(out, "events.ics"), encoding="utf-8", newline="").read()
    unfolded = re.sub(r"\r\n[ \t]", "", ics)
    summary = next(line for line in unfolded.split("\r\n") if line.startswith("SUMMARY"))
    value = summary.split(":", 1)[1]
    unescaped = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)
    check(unescaped == MULTILINE, "iCalendar: SUMMARY escapes \\ ; , and the newline, and round-trips")
    check(all(len(line.encode()) <= 75 for line in ics.split("\r\n")), "iCalendar: lines are folded at 75 octets")
    try:
        import icalendar
        cal = icalendar.Calendar.from_ical(ics)
        events = [c for c in cal.walk("VEVENT")]
        check(str(events[0]["SUMMARY"]) == MULTILINE and str(events[0]["LOCATION"]) == MULTILINE,
              "iCalendar: python3-icalendar reads SUMMARY and LOCATION back")
    except ImportError:
        print("   (python3-icalendar not installed: parsed by hand only)")

    cells = []
    for path in files(out, "*.csv"):
        with open(path, encoding="utf-8-sig", newline="") as f:
            cells += [c for row in csv.reader(f) for c in row]
    check(cells and any(c.startswith(PAYLOAD) for c in cells), "CSV: every export parses; values round-trip")

    strings = []
    for path in files(out, "*.xlsx"):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith(".xml"):
                    ET.fromstring(z.read(name))
            if "xl/sharedStrings.xml" in z.namelist():
                strings += [t.text for t in ET.fromstring(z.read("xl/sharedStrings.xml")).iter()
                            if t.tag.endswith("}t")]
    check(any(x and x.startswith(PAYLOAD) for x in strings), "xlsx: the workbook XML parses; values round-trip")


main()
