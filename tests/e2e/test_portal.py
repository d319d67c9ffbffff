"""The portal's public face (issue 18): meta description and OpenGraph tags on every kind of page,
the favicon, robots.txt (with base_url absolute, a path only, the internal audience, a site's own
file), the reports list (years newest first, each year's key figures equal to those of its report
page and of the report's own tables, links to its exports) and the mentors' directory (free places
on as_of from mentor_max_mentees, directions, filters) on a fixture whose loads are known."""
import glob
import html
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from nk import ROOT, Checks, build, copy_example_site, read  # noqa: E402

check = Checks()


def meta(page, attr, name):
    """The content of <meta attr="name">, unescaped, or None."""
    m = re.search(r'<meta %s="%s" content="([^"]*)">' % (attr, re.escape(name)), page)
    return html.unescape(m.group(1)) if m else None


def text_of(fragment):
    """Visible text on one line; non-breaking spaces (Russian typography) read as spaces."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def front_matter(path):
    import tomllib
    return tomllib.loads(read(path).split("+++")[1])


# ---- The example site, public audience ---------------------------------------------------------
result, out = build()
check(result.returncode == 0, "the example site builds: " + result.stderr[-500:])
import tomllib  # noqa: E402
with open(os.path.join(ROOT, "config.toml"), "rb") as f:
    CONFIG = tomllib.load(f)
SITE_TITLE = CONFIG["title"]
SITE_DESCRIPTION = CONFIG.get("description", "")
check(SITE_DESCRIPTION != "", "the example config has a site description")

practice_md = sorted(glob.glob(os.path.join(ROOT, "content/practices/*.md")))[0]
practice_slug = os.path.splitext(os.path.basename(practice_md))[0]
school_id = os.path.splitext(os.path.basename(sorted(glob.glob(os.path.join(ROOT, "data/schools/*.toml")))[0]))[0]
report_year = sorted(os.path.basename(d) for d in glob.glob(os.path.join(out, "reports/2*")))[0]

PAGES = {  # output path → (url path, og:type, expected description or None for the site's)
    "index.html": ("", "website", None),
    f"practices/{practice_slug}/index.html":
        (f"practices/{practice_slug}/", "article", front_matter(practice_md).get("summary")),
    f"schools/{school_id}/index.html": (f"schools/{school_id}/", "website", None),
    "mentors/index.html": ("mentors/", "website", "Школы-наставники"),
    "reports/index.html": ("reports/", "website", "Ежегодные отчёты"),
    f"reports/{report_year}/index.html": (f"reports/{report_year}/", "website", "Сетевые пары"),
    "events/index.html": ("events/", "website", None),
}
for path, (url, og_type, description) in PAGES.items():
    page = read(os.path.join(out, path))
    title = text_of(re.search(r"<title>(.*?)</title>", page).group(1))
    desc = meta(page, "name", "description")
    check(desc and "\n" not in desc and len(desc) <= 201, f"{path}: one-line meta description ({desc!r})")
    if description is None:
        check(desc == SITE_DESCRIPTION, f"{path}: no summary of its own, so the site's description")
    else:
        check(desc.startswith(description[:60]), f"{path}: the page's own description ({desc[:40]}…)")
    check(meta(page, "property", "og:description") == desc, f"{path}: og:description = meta description")
    check(meta(page, "property", "og:title") and meta(page, "property", "og:title") in title,
          f"{path}: og:title is the page title ({meta(page, 'property', 'og:title')})")
    check(meta(page, "property", "og:type") == og_type, f"{path}: og:type {og_type}")
    check(meta(page, "property", "og:url") == "https://example.org/" + url,
          f"{path}: og:url absolute from base_url")
    check(f'<link rel="canonical" href="https://example.org/{url}">' in page, f"{path}: og:url = canonical")
    check(meta(page, "property", "og:site_name") == SITE_TITLE, f"{path}: og:site_name")
    check(meta(page, "property", "og:locale") == "ru_RU", f"{path}: og:locale ru_RU")
    check('<link rel="icon" href="/favicon.svg" type="image/svg+xml">' in page, f"{path}: favicon linked")

favicon = read(os.path.join(out, "favicon.svg"))
check(favicon.startswith("<svg") and "viewBox" in favicon and "<script" not in favicon,
      "favicon.svg is a plain SVG at the site root")

# A long description is cut at a word, with an ellipsis.
long_site = copy_example_site(os.path.join(tempfile.mkdtemp(prefix="nk-portal-"), "site"))
config_path = os.path.join(long_site, "config.toml")
long_text = "Очень длинное описание сайта " * 20
with open(config_path, encoding="utf-8") as f:
    config_text = f.read()
config_text = re.sub(r'(?m)^description = .*$', f'description = "{long_text.strip()}"', config_text)
with open(config_path, "w", encoding="utf-8") as f:
    f.write(config_text)
result, long_out = build(long_site)
check(result.returncode == 0, "a site with a long description builds")
desc = meta(read(os.path.join(long_out, "index.html")), "name", "description")
check(desc.endswith("…") and len(desc) <= 201 and long_text.startswith(desc[:-1]),
      f"a long description is cut at a word with «…» ({len(desc)} characters)")

# ---- robots.txt --------------------------------------------------------------------------------
robots = read(os.path.join(out, "robots.txt"))
check(robots.startswith("User-agent: *\nAllow: /\n"), "robots.txt allows every crawler")
check("Sitemap: https://example.org/sitemap.xml" in robots.splitlines(),
      "robots.txt names the sitemap by its absolute address")
check(os.path.isfile(os.path.join(out, "sitemap.xml")), "the sitemap it names exists")

result, path_out = build(ROOT, None, "--base-url", "/sub/")
check(result.returncode == 0, "the example site builds with a base_url that is only a path")
robots = read(os.path.join(path_out, "robots.txt"))
check("Sitemap" not in robots and "Allow: /" in robots,
      "with a path-only base_url robots.txt has no Sitemap line (it must be absolute)")
home = read(os.path.join(path_out, "index.html"))
check(meta(home, "property", "og:url") is None, "with a path-only base_url there is no og:url")
check('href="/sub/favicon.svg"' in home, "the favicon link follows the base path")

result, internal_out = build(ROOT, None, "--audience", "internal")
check(result.returncode == 0, "the internal version builds")
check("Disallow: /" in read(os.path.join(internal_out, "robots.txt")).splitlines(),
      "the internal version's robots.txt keeps crawlers out")

own = copy_example_site(os.path.join(tempfile.mkdtemp(prefix="nk-portal-"), "site"))
os.makedirs(os.path.join(own, "static"), exist_ok=True)
with open(os.path.join(own, "static", "robots.txt"), "w") as f:
    f.write("User-agent: *\nDisallow: /drafts/\n")
result, own_out = build(own)
check(result.returncode == 0 and "robots" not in result.stderr,
      "a site's own static/robots.txt is no conflict: " + result.stderr[-300:])
check(read(os.path.join(own_out, "robots.txt")) == "User-agent: *\nDisallow: /drafts/\n",
      "a site's own static/robots.txt replaces the generated one")

# ---- The reports list --------------------------------------------------------------------------
reports = read(os.path.join(out, "reports/index.html"))
listed = re.findall(r'<section class="report-year" id="year-(\d{4})"', reports)
on_disk = sorted({os.path.basename(os.path.dirname(p)) for p in glob.glob(os.path.join(out, "reports/2*/index.html"))})
check(len(listed) >= 2, f"the reports list shows several years ({listed})")
check(listed == sorted(on_disk, reverse=True), "years are listed newest first, one per report page")


def key_figures(fragment):
    """[(label, value, detail)] of a key-figures block."""
    block = re.search(r'<dl class="key-figures">(.*?)</dl>', fragment, re.S).group(1)
    out = []
    for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block, re.S):
        detail = re.search(r'<span class="key-detail">(.*?)</span>', dd)
        value = re.sub(r'\s*<span class="key-detail">.*?</span>', "", dd)
        out.append((text_of(dt), text_of(value), text_of(detail.group(1)) if detail else ""))
    return out


def table_rows(page, table_id):
    body = re.search(r'<table class="data report-table" id="table-%s">.*?<tbody>(.*?)</tbody>' % table_id,
                     page, re.S).group(1)
    return [[text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


for year in listed:
    section = re.search(r'<section class="report-year" id="year-%s".*?</section>' % year, reports, re.S).group(0)
    on_list = key_figures(section)
    page = read(os.path.join(out, f"reports/{year}/index.html"))
    on_page = key_figures(page)
    check(len(on_list) >= 5 and on_list == on_page,
          f"{year}: the list's {len(on_list)} key figures are the report page's")
    figures = {label: value for label, value, _ in on_list}
    # The same figures as the report's own tables give them.
    effects = {row[0]: row[1] for row in table_rows(page, "effects")}
    for label, row_label in [("Действовало программ наставничества", "Действовало программ наставничества"),
                             ("Проведено мероприятий", "Проведено мероприятий (методические события)"),
                             ("Описано лучших практик", "Описано лучших практик (методические продукты)"),
                             ("Вышли из нижнего квартиля ИОР", "Вышли из нижнего квартиля ИОР")]:
        check(figures[label].split(" ")[0] == effects[row_label],
              f"{year}: «{label}» {figures[label]} as in the effects table ({effects[row_label]})")
    lowest = next(v for k, v in effects.items() if k.startswith("Школ нижнего квартиля"))
    check(figures["Вышли из нижнего квартиля ИОР"].split(" ")[2] == lowest,
          f"{year}: «из N школ» is the effects table's count of the lowest quartile ({lowest})")
    pairs = [r for r in table_rows(page, "pairs") if len(r) > 1]
    check(figures["Работало сетевых пар руководителей"] == str(len(pairs)),
          f"{year}: pairs figure = rows of the pairs table ({len(pairs)})")
    plan = [r for r in table_rows(page, "plan") if r and r[0] == "Итого по плану"]
    if "Выполнен план работы" in figures:
        check(plan and figures["Выполнен план работы"] == plan[0][-1] + " %",
              f"{year}: plan completion as in the plan table's total ({figures['Выполнен план работы']})")
    xlsx = re.search(r'<a href="(/reports/%s/report\.xlsx)" download>' % year, section)
    check(xlsx and os.path.isfile(os.path.join(out, xlsx.group(1).lstrip("/"))),
          f"{year}: the list links the year's report.xlsx, which exists")
    csvs = re.findall(r'<a href="(/reports/%s/[a-z_]+\.csv)" download>' % year, section)
    check(len(csvs) >= 9 and all(os.path.isfile(os.path.join(out, c.lstrip("/"))) for c in csvs),
          f"{year}: the list links {len(csvs)} CSV tables, all present")
    check(f'<a href="/reports/{year}/">' in section, f"{year}: the list links the report page")

# ---- The mentors' directory on a fixture with known loads --------------------------------------
site = tempfile.mkdtemp(prefix="nk-mentors-")
shutil.copytree(os.path.join(ROOT, "themes"), os.path.join(site, "themes"))


def write(rel, text):
    path = os.path.join(site, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


write("config.toml", 'title = "Наставники"\ndescription = "Проверка наставников"\n'
      'base_url = "https://mentors.example.org/"\nas_of = 2022-03-15\n\n[rules]\nmentor_max_mentees = 2\n')
SCHOOLS = {  # id → municipality; mentors get an offer
    "m-full": "Район А", "m-one": "Район Б", "m-idle": "Район А",
    "s1": "Район А", "s2": "Район А", "s3": "Район Б", "s4": "Район Б", "s5": "Район Б"}
for sid, municipality in SCHOOLS.items():
    offer = f'offer = "Предложение школы {sid}"\n' if sid.startswith("m-") else ""
    write(f"data/schools/{sid}.toml",
          f'name = "Школа {sid}"\nmunicipality = "{municipality}"\nregion = "Край"\nkind = "urban"\n{offer}')


def mentorship(mid, mentor, mentees, start, end, directions):
    write(f"data/mentorships/{mid}.toml",
          f'title = "Программа {mid}"\nformat = "patronage"\nmentors = ["{mentor}"]\n'
          f'mentees = [{", ".join(chr(34) + m + chr(34) for m in mentees)}]\n'
          f'directions = [{", ".join(chr(34) + d + chr(34) for d in directions)}]\n'
          f'forms = ["consulting"]\nstart = {start}\nend = {end}\n')


# m-full: two mentee schools on as_of (two programmes), one earlier programme that ended.
mentorship("full-a", "m-full", ["s1"], "2021-09-01", "2022-05-31", ["quality"])
mentorship("full-b", "m-full", ["s2"], "2021-10-01", "2022-06-30", ["quality"])
mentorship("full-old", "m-full", ["s3"], "2020-09-01", "2021-05-31", ["safety"])
# m-one: one mentee on as_of, another only from September.
mentorship("one-a", "m-one", ["s4"], "2021-09-01", "2022-05-31", ["upbringing"])
mentorship("one-next", "m-one", ["s5"], "2022-09-01", "2023-05-31", ["upbringing"])
# m-idle mentors no one; its direction comes from a practice it describes.
write("content/practices/idle-practice.md",
      '+++\ntitle = "Практика m-idle"\ndate = 2021-11-10\nschools = ["m-idle"]\ndirections = ["staff"]\n'
      'forms = ["consulting"]\nsummary = "Практика."\n+++\nТекст.\n')
result, mentors_out = build(site)
check(result.returncode == 0, "the mentors fixture builds: " + result.stderr[-800:])
page = read(os.path.join(mentors_out, "mentors/index.html"))
cards = {}
for card in re.findall(r'<article class="card mentor-card".*?</article>', page, re.S):
    name = text_of(re.search(r'<h2 class="card-title">(.*?)</h2>', card, re.S).group(1))
    cards[name] = card
check(sorted(cards) == ["Школа m-full", "Школа m-idle", "Школа m-one"], f"three mentor cards ({sorted(cards)})")


def places(name):
    return text_of(re.search(r'<p class="mentor-places[^"]*">(.*?)</p>', cards[name], re.S).group(1))


check(places("Школа m-full") == "Свободных мест нет: занято 2 из 2 мест",
      "two running programmes with two schools fill both places (" + places("Школа m-full") + ")")
check(places("Школа m-one") == "1 из 2 мест свободно",
      "a school mentored only from September does not count on as_of (" + places("Школа m-one") + ")")
check(places("Школа m-idle") == "2 из 2 мест свободно", "a mentor with no programme has both places free")
check('data-free="0"' in cards["Школа m-full"] and 'data-free="1"' in cards["Школа m-one"],
      "cards carry the free places for the filter")
check('data-municipality="Район Б"' in cards["Школа m-one"], "cards carry the municipality for the filter")
check('data-directions="quality safety"' in cards["Школа m-full"],
      "directions of every programme the school leads, ended ones too, in vocabulary order")
check('data-directions="staff"' in cards["Школа m-idle"], "directions of the practices a school describes")
check("Направления: Кадровая политика" in text_of(cards["Школа m-idle"]), "directions are shown by their labels")
lead = text_of(re.search(r'<p class="lead">(.*?)</p>', page, re.S).group(1))
check("не более 2 школ одновременно" in lead and "3 школы, свободные места есть у 2 школ" in lead,
      f"the lead says the limit and the counts in correct Russian ({lead[-70:]})")
check('<label for="mentor-municipality">' in page and '<select id="mentor-municipality"' in page
      and '<label for="mentor-direction">' in page and '<input type="checkbox" id="mentor-free"' in page,
      "filters are labelled form controls")
check(re.search(r'<form class="mentor-filters" id="mentor-filters" hidden', page) is not None,
      "without JavaScript the filters stay hidden and every card shows")
check('<p class="mentor-count" id="mentor-count" aria-live="polite">Показано школ: 3 из 3.</p>' in page,
      "the count sits in an aria-live region")
options = re.findall(r'<option value="([^"]*)">', re.search(r'<select id="mentor-municipality".*?</select>', page, re.S).group(0))
check(options == ["", "Район А", "Район Б"], f"municipality options: all, then each once ({options})")
check(os.path.isfile(os.path.join(mentors_out, "js/mentors.js")), "mentors.js is published")

# The limit comes from the config.
with open(os.path.join(site, "config.toml"), encoding="utf-8") as f:
    config_text = f.read()
with open(os.path.join(site, "config.toml"), "w", encoding="utf-8") as f:
    f.write(config_text.replace("mentor_max_mentees = 2", "mentor_max_mentees = 5"))
result, mentors_out = build(site)
page = text_of(read(os.path.join(mentors_out, "mentors/index.html")))
check(result.returncode == 0 and "3 из 5 мест свободно" in page and "4 из 5 мест свободно" in page
      and "5 из 5 мест свободно" in page, "with mentor_max_mentees = 5: 3, 4 and 5 of 5 places free")

print(f"{check.count} checks passed")
