"""Figures shown on more than one page of the example site agree: each is read from every page that
shows it (the home page, lists, dashboards, the yearly report and its CSV) and compared."""
import csv
import glob
import html
import io
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from nk import Checks, build, read  # noqa: E402

check = Checks()
result, out = build()
check(result.returncode == 0, "the example site builds: " + result.stderr[-400:])


def page(url):
    return read(os.path.join(out, url.strip("/"), "index.html"))


def text(markup):
    """Visible text with tags removed and spaces (also non-breaking) collapsed."""
    markup = re.sub(r"<script.*?</script>", " ", markup, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)).replace("\u00a0", " "))


def tile(home, label_start):
    """The value of the home page's figure tile whose label starts with `label_start`."""
    for value, label in re.findall(
            r'<span class="figure-value">([^<]+)</span> <span class="figure-label">([^<]+)</span>', home):
        if html.unescape(label).startswith(label_start):
            return int(html.unescape(value).replace("\u00a0", ""))
    raise AssertionError("no tile " + label_start)


home = page("/")

# Mentor schools: the tile and the directory it links to.
mentors_page = page("/mentors/")
cards = len(re.findall(r'<article class="[^"]*mentor-card', mentors_page))
check(cards > 0, "the mentors' directory lists mentor schools")
mentor_tile = [int(html.unescape(v).replace("\u00a0", "")) for v, l in re.findall(
    r'<span class="figure-value">([^<]+)</span> <span class="figure-label">([^<]+)</span>', home)
    if "наставник" in l]
check(mentor_tile == [cards], f"home page mentor schools {mentor_tile} = cards on /mentors/ ({cards})")

# ШНОР of the latest year: the tile and the school finder's table.
schools_page = page("/schools/")
shnor_rows = len(re.findall(r'<tr data-shnor>', schools_page))
check(tile(home, "ШНОР") == shnor_rows, f"home page ШНОР {tile(home, 'ШНОР')} = ШНОР rows on /schools/ ({shnor_rows})")

# Active programmes: the tile and the mentorship list's status labels.
active = page("/mentorships/").count('class="status status-active"')
check(tile(home, "действу") == active, f"home page active programmes = {active} on /mentorships/")

# Events: the tile and the calendar's list.
events_total = len(glob.glob(os.path.join(out, "events", "*", "index.html")))
check(tile(home, "мероприят") == events_total, f"home page events = {events_total} event pages")

# Programme progress: the mentorship page, its card in the list and the schools' dashboards say the
# same; «Выполнено» is done of due, not of all.
summary_re = re.compile(r"(Выполнено \d+ из \d+ [^,]+, срок которых наступил \(\d+ %\)|"
                        r"Срок ещё не наступил ни для одного из мероприятий)")
checked = 0
for path in sorted(glob.glob(os.path.join(out, "mentorships", "*", "index.html"))):
    slug = os.path.basename(os.path.dirname(path))
    own = text(read(path))
    found = summary_re.search(own)
    check(found, f"/mentorships/{slug}/ states its progress in the shared wording")
    phrase = found.group(1)
    counts = re.search(r"\d+ проведено, \d+ отменено, \d+ просрочено, \d+ впереди", own).group(0)
    done, due = map(int, re.search(r"Выполнено (\d+) из (\d+)", phrase).groups()) if "из" in phrase else (0, 0)
    held, cancelled, overdue, ahead = map(int, re.findall(r"\d+", counts))
    check(done == held and due == held + overdue,
          f"/mentorships/{slug}/: done {done} of due {due} agrees with «{counts}»")
    if due:
        pct = int(re.search(r"\((\d+) %\)", phrase).group(1))
        check(pct == round(100 * done / due), f"/mentorships/{slug}/: {pct} % = {done}/{due}")
    check(phrase in text(page("/mentorships/")), f"the mentorship list shows «{phrase}» for {slug}")
    for school in re.findall(r'href="/schools/([^/"]+)/"', read(path)):
        dash = text(page(f"/schools/{school}/"))
        check(phrase in dash, f"the dashboard of {school} shows «{phrase}» for {slug}")
    checked += 1
check(checked >= 5, f"{checked} mentorships compared")

# The latest yearly report counts K1 the same way for programmes running at as_of.
years = sorted(int(os.path.basename(p)) for p in glob.glob(os.path.join(out, "reports", "2*")))
latest = years[-1]
with open(os.path.join(out, "reports", str(latest), "programmes.csv"), encoding="utf-8-sig") as f:
    programmes = list(csv.DictReader(f))
mentorship_list = text(page("/mentorships/"))
for row in programmes:
    pct = row["К1: мероприятия выполнены, %"]
    if not pct:
        continue
    title = row["Программа"]
    for path in glob.glob(os.path.join(out, "mentorships", "*", "index.html")):
        own = read(path)
        if html.escape(title, quote=False) in own or title in text(own):
            m = re.search(r"срок которых наступил \((\d+) %\)", text(own))
            status = re.search(r'class="status status-(\w+)"', own).group(1)
            if m and status == "active":
                check(m.group(1) == pct, f"«{title[:40]}…»: {m.group(1)} % on its page = {pct} % in the report")

# Schools leaving the lowest quartile: the overview and the report of the same year.
overview = text(schools_page)
left = re.search(r"поднялись выше 1-го квартиля: (\d+)", overview)
check(left, "the schools overview says how many schools left the lowest quartile")
effective = re.search(r"\(среди школ 1-го квартиля и ШНОР\): (\d+)", overview)
with open(os.path.join(out, "reports", str(latest), "effects.csv"), encoding="utf-8-sig") as f:
    effects = {r["Показатель"]: r["Значение"] for r in csv.DictReader(f)}
check(effects["Вышли из нижнего квартиля ИОР"] == left.group(1),
      f"left the lowest quartile: overview {left.group(1)} = report {effects['Вышли из нижнего квартиля ИОР']}")
check(effects["Перешли в категорию «Эффективная» или «Резильентная»"] == effective.group(1),
      "moved to effective or resilient: the overview and the report agree")
left_names = re.search(r"Школы, покинувшие 1-й квартиль ИОР.*?</ul>", schools_page, re.S)
check(left_names and len(re.findall(r"<li>", left_names.group(0))) == int(left.group(1)),
      "the overview names as many schools as it counts")

# Every figure on the home page has its definition one click away.
check('href="/figures/"' in home, "the home page links the definitions of its figures")
definitions = page("/figures/")
for anchor in ["mentor-schools", "shnor", "active-programmes", "events", "progress", "left-lowest"]:
    check(f'id="{anchor}"' in definitions, f"/figures/ defines #{anchor}")

print(f"{check.count} checks passed")
