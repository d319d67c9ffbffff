"""The example site's dashboards: the per-school page answers its three questions with charts
and data tables, the overview has a page per year, /compare/ explains itself without JavaScript,
/api/schools.json has the SPEC §6 fields, and the example data shows every category, status and
risk zone."""
import json
import os
import re
import shutil

from nk import Checks, build, read

check = Checks()
result, out = build()
check(result.returncode == 0, "example site builds: " + result.stderr[-2000:])


def page(rel):
    path = os.path.join(out, rel)
    check(os.path.isfile(path), "page exists: /" + rel)
    return read(path)


def svgs(html):
    return re.findall(r"<svg .*?</svg>", html, re.S)


# The per-school dashboard.
school = page("schools/korenovsk-sosh-2/index.html")
for question in ("Каковы результаты школы?", "В каких условиях работает школа?",
                 "Какая поддержка оказывается?"):
    check(question in school, f"school dashboard asks «{question}»")
charts = svgs(school)
check(len(charts) >= 3, f"school dashboard draws the ИОР, quadrant and goals charts ({len(charts)})")
for svg in charts:
    m = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', svg)
    check('role="img"' in svg and m and f'<title id="{m.group(1)}">' in svg
          and f'<desc id="{m.group(2)}">' in svg, "every chart is an image with <title> and <desc>")
check(school.count('class="chart-data"') == len(charts), "every chart has its data table")
check('<title id="ior-chart-title">' in school and "1-й квартиль" in charts[0],
      "ИОР over the years on the group's quartile bands")
check('class="highlight"' in charts[1] and "Несправляющиеся" in charts[1],
      "the group quadrant rings the school and names the categories")
check("Рисковый профиль школы по годам" in school and "Дефицит педагогических кадров" in school,
      "the «500+» risk profile by year")
check(school.count('<figcaption class="chart-caption">') == len(charts), "a sentence beside every chart")
ids = re.findall(r'\bid="([^"]+)"', school)
check(len(ids) == len(set(ids)), "element ids on the page are unique")

mentor = page("schools/podolsk-licey-1/index.html")
check("Оценка школы" in mentor and "criteria-" in mentor, "competition results as a criteria chart")

# The overview and its year pages.
overview = page("schools/index.html")
years = re.findall(r'href="(/schools/year/(\d{4})/)"', overview)
check(len(years) >= 2, f"the year switcher links earlier years ({len(years)})")
for url, year in years:
    earlier = page(f"schools/year/{year}/index.html")
    check('aria-current="page"' in earlier and len(svgs(earlier)) >= 4,
          f"the {year} page marks its year and draws its quadrants")
check('aria-current="page">2021/22</a>' in overview, "the overview shows the latest year by default")
for heading in ("Сколько школ в каждой категории?", "Что изменилось за год?",
                "Какие школы стабильно показывают низкие результаты?",
                "Не перегружены ли школы-наставники?"):
    check(heading in overview, f"overview section «{heading}»")
check("Школы, покинувшие 1-й квартиль" in overview, "schools that left the lowest quartile are named")
check('id="mentor-load-chart-title"' in overview and "Предел 2" in overview,
      "mentor load against the limit of config rules")

# /compare/ works without JavaScript by explaining itself.
compare = page("compare/index.html")
check('id="compare-nojs"' in compare and 'href="/schools/"' in compare,
      "the compare page explains itself and links to the school list without JavaScript")
check('<form class="compare-form" id="compare-form"' in compare and " hidden>" in compare,
      "the form appears only when the script runs")
check(os.path.isfile(os.path.join(out, "js/compare.js")), "compare.js is published")

# /api/schools.json: SPEC §6 fields for every year.
schools = json.loads(page("api/schools.json"))
fields = {"year", "ior", "isbsh", "quartile", "category", "stably_high", "stably_low", "risk_zones"}
missing = [s["id"] for s in schools
           if not {"id", "name", "municipality", "url", "years"} <= s.keys()
           or any(not fields <= y.keys() for y in s["years"])]
check(not missing, f"every school in schools.json has the SPEC §6 fields: missing in {missing}")
latest = max(y["year"] for s in schools for y in s["years"])
categories = {y["category"] for s in schools for y in s["years"] if y["year"] == latest}
check({"effective", "resilient", "inefficient", "not_coping"} <= categories,
      f"the example site has all four categories in {latest}")
check(any(y["stably_low"] for s in schools for y in s["years"]), "a stably low school")
check(any(y["stably_high"] for s in schools for y in s["years"]), "a stably high school")
zones = {z for s in schools for y in s["years"] for z in y["risk_zones"]}
check(zones == {"unstable", "gia_vpr_gap", "evening", "advanced_below"}, f"every risk zone: {zones}")

shutil.rmtree(out)
print(f"{check.count} checks passed")
