"""The example site builds with no diagnostics into every page SPEC §6 names, reproducibly."""
import glob
import json
import os
import shutil
import tempfile
import xml.etree.ElementTree as ET

from nk import ROOT, Checks, build, read, run, tree_digest

check = Checks()


def ids(pattern):
    return sorted(os.path.splitext(os.path.basename(p))[0] for p in glob.glob(os.path.join(ROOT, pattern)))


result, out = build()
check(result.returncode == 0, "example site builds (exit 0): " + result.stderr[-2000:])
# The one warning the example site shows on purpose (seed 004, issue 21): a school outside the
# green zone applied to the 2022 competition, and config.toml lists the rule in `warn`.
warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
check(": error: " not in result.stderr, "no errors on the example site")
check(len(warnings) == 1 and warnings[0].startswith(
    "data/competitions/moskovskaya-oblast-2022.toml:36:10: warning: school 'podolsk-sosh-18' "
    "applies to a competition of 2022 but is outside the green zone in 2021/22")
    and warnings[0].endswith("[competition_green_zone]"),
    "the only warning: podolsk-sosh-18 outside the green zone in 2021/22: " + result.stderr[-2000:])

pages = ["index.html", "practices/index.html", "schools/index.html", "mentors/index.html",
         "mentorships/index.html", "events/index.html", "events.ics", "reports/index.html",
         "api/schools.json", "api/practices.json", "api/mentorships.json", "api/events.json",
         "feed.xml", "sitemap.xml", "404.html", "plans/index.html", "associations/index.html",
         "competitions/index.html", "css/style.css"]
for p in pages:
    check(os.path.isfile(os.path.join(out, p)), "page exists: /" + p)

sections = {"practices": "content/practices/*.md", "events": "content/events/*.md",
            "schools": "data/schools/*.toml", "mentorships": "data/mentorships/*.toml",
            "plans": "data/plans/*.toml", "associations": "data/associations/*.toml",
            "competitions": "data/competitions/*.toml"}
for section, pattern in sections.items():
    record_ids = ids(pattern)
    check(len(record_ids) > 0, f"example site has {section}")
    missing = [i for i in record_ids if not os.path.isfile(os.path.join(out, section, i, "index.html"))]
    check(not missing, f"a page for every {section[:-1]} record ({len(record_ids)}): missing {missing}")
for page in ids("content/pages/*.md"):
    check(os.path.isfile(os.path.join(out, page, "index.html")), f"free page /{page}/")

check(len(ids("data/schools/*.toml")) >= 22, "at least 22 schools")
check(len(ids("content/practices/*.md")) >= 12, "at least 12 practices")
check(len(ids("content/events/*.md")) >= 8, "at least 8 events")

schools = json.loads(read(os.path.join(out, "api/schools.json")))
check(isinstance(schools, list) and len(schools) >= 22, "api/schools.json is an array of schools")
for key in ["id", "name", "municipality", "url", "years"]:
    check(all(key in s for s in schools), f"every school in schools.json has '{key}'")
year_keys = ["year", "ior", "isbsh", "quartile", "category", "stably_high", "stably_low", "risk_zones"]
years = [y for s in schools for y in s["years"]]
check(all(all(k in y for k in year_keys) for y in years), "every school year has the SPEC §6 keys")
categories = {y["category"] for y in years if y["category"]}
check(categories == {"effective", "resilient", "inefficient", "not_coping"}, f"all four categories occur: {categories}")
zones = {z for y in years for z in y["risk_zones"]}
check(zones == {"unstable", "gia_vpr_gap", "evening", "advanced_below"}, f"all four risk zones occur: {zones}")
check(any(y["stably_low"] for y in years) and any(y["stably_high"] for y in years), "stably low and stably high schools occur")
for name in ["practices", "mentorships", "events"]:
    items = json.loads(read(os.path.join(out, f"api/{name}.json")))
    check(items and all("url" in i and "id" in i for i in items), f"api/{name}.json items carry id and url")

feed = ET.fromstring(read(os.path.join(out, "feed.xml")))
check(feed.tag.endswith("feed") and len(feed.findall("{http://www.w3.org/2005/Atom}entry")) >= 12, "feed.xml is Atom with entries")
sitemap = ET.fromstring(read(os.path.join(out, "sitemap.xml")))
locs = [u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in sitemap]
check(any(l.endswith("/practices/") for l in locs) and all(l.startswith("https://example.org/") for l in locs), "sitemap lists absolute URLs")

school = read(os.path.join(out, "schools/korenovsk-sosh-2/index.html"))
check("Каковы результаты школы?" in school and "<main" in school, "school page shows its profile and indicators")
mentors = read(os.path.join(out, "mentors/index.html"))
check("Школа-наставник" in mentors and "видеоприглашение" in mentors.lower(), "mentor page lists offers and video invitations")
home = read(os.path.join(out, "index.html"))
check('lang="ru"' in home and "Новые практики" in home and "Ближайшие мероприятия" in home, "home page in Russian with latest practices and upcoming events")
check("<script" not in home or "src=\"http" not in home, "no scripts from other hosts")

# Reproducible: a second build gives a byte-identical tree.
result2, out2 = build()
check(result2.returncode == 0 and tree_digest(out) == tree_digest(out2), "two builds give byte-identical trees")

# --base-url is respected everywhere: links carry the path prefix, absolute URLs the host.
result3, out3 = build(ROOT, None, "--base-url", "https://schools.example.net/mentoring/")
check(result3.returncode == 0, "build with --base-url")
html = read(os.path.join(out3, "practices/index.html"))
check('href="/mentoring/practices/' in html and 'href="/practices/' not in html, "site links use the base path")
check("https://schools.example.net/mentoring/" in read(os.path.join(out3, "sitemap.xml")), "sitemap uses --base-url")

# Exit codes and check.
check(run("frobnicate").returncode == 2, "unknown command exits 2")
check(run("build", "--audience", "nobody").returncode == 2, "bad option value exits 2")
check(run("check", "--source", ROOT).returncode == 0, "check passes on the example site")
check(run("version").stdout.startswith("nastavnik "), "version prints the version")

# An output folder on another file system than the site (a tmpfs, a mounted volume) gets the
# same tree: static files are copied, never hard-linked or moved across devices.
if os.path.isdir("/dev/shm") and os.stat("/dev/shm").st_dev != os.stat(ROOT).st_dev:
    other = tempfile.mkdtemp(prefix="nk-other-fs-", dir="/dev/shm")
    result4, out4 = build(ROOT, os.path.join(other, "site"))
    check(result4.returncode == 0 and tree_digest(out4) == tree_digest(out),
          "an output folder on another file system gets the same tree: " + result4.stderr[-500:])
    shutil.rmtree(other, ignore_errors=True)

for d in (out, out2, out3):
    shutil.rmtree(d, ignore_errors=True)

# `new` scaffolds a record that builds as it is.
site = tempfile.mkdtemp(prefix="nk-new-")
shutil.copytree(ROOT, site, dirs_exist_ok=True, ignore=shutil.ignore_patterns("build*", "site*", ".git", "node_modules", ".nastavnik-cache", "bench"))
made = run("new", "practice", "Школьная служба примирения", "--source", site)
check(made.returncode == 0 and os.path.isfile(os.path.join(site, "content/practices/shkolnaya-sluzhba-primireniya.md")), "new practice scaffolds a transliterated file")
check(run("new", "practice", "Школьная служба примирения", "--source", site).returncode == 1, "new refuses to overwrite")
for kind, title in [("school", "МОБУ СОШ № 50"), ("event", "Семинар директоров"), ("mentorship", "Шефство над СОШ № 50"), ("transition", "Программа перехода СОШ № 50")]:
    check(run("new", kind, title, "--source", site).returncode == 0, f"new {kind}")
checked = run("check", "--source", site)
check(checked.returncode in (0, 1) and "error: missing" not in checked.stderr, "scaffolded records have every required field")
shutil.rmtree(site, ignore_errors=True)
print(f"{check.count} checks passed")
