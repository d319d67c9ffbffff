"""Yearly reports of the example site: /reports/YEAR/ pages with report.xlsx (read with Debian's
python3-openpyxl) and one CSV per table. Values are checked against figures computed here from the
TOML records, not only against each other; the internal audience adds the reserve registry, which
must not leak into the public output."""
import csv
import datetime
import glob
import hashlib
import io
import os
import re
import shutil
import sys
import tomllib
import zipfile

try:
    import openpyxl
except ImportError:  # the interpreter ctest found may not see Debian's packages
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise

sys.path.insert(0, os.path.dirname(__file__))
from nk import ROOT, Checks, build, read  # noqa: E402

check = Checks()

SHEETS = ["Сетевые пары", "Объединения", "Заседания", "Эффекты", "План центра", "ШНОР",
          "Программы перехода", "Мероприятия", "Оценка программ", "Конкурс"]
TABLES = ["pairs", "associations", "meetings", "effects", "plan", "shnor", "transitions", "events",
          "programmes", "competitions"]


def load_toml(pattern):
    out = {}
    for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
        with open(path, "rb") as f:
            out[os.path.splitext(os.path.basename(path))[0]] = tomllib.load(f)
    return out


def front_matter(path):
    with open(path, encoding="utf-8") as f:
        return tomllib.loads(f.read().split("+++")[1])


with open(os.path.join(ROOT, "config.toml"), "rb") as f:
    AS_OF = tomllib.load(f)["as_of"]
SCHOOLS = load_toml("data/schools/*.toml")
MENTORSHIPS = load_toml("data/mentorships/*.toml")
ASSOCIATIONS = load_toml("data/associations/*.toml")
PLANS = load_toml("data/plans/*.toml")
COMPETITIONS = load_toml("data/competitions/*.toml")
RESERVE = load_toml("data/reserve/*.toml")
TRANSITIONS = load_toml("data/transitions/*.toml")
EVENTS = {os.path.splitext(os.path.basename(p))[0]: front_matter(p)
          for p in glob.glob(os.path.join(ROOT, "content/events/*.md"))}


def short(school_id):
    s = SCHOOLS[school_id]
    return s.get("short_name", s["name"])


def day_of(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def school_year(year):
    return datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)


def report_as_of(year):
    return min(AS_OF, school_year(year)[1])


def rows_of(ws):
    """Header and data rows of a sheet as lists of values."""
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    return rows[0], rows[1:]


def by(header, rows, column):
    i = header.index(column)
    return {r[i]: dict(zip(header, r)) for r in rows}


# ---- the public build -------------------------------------------------------------------------
result, out = build()
check(result.returncode == 0, "example site builds: " + result.stderr[-1000:])
years = sorted(int(d) for d in os.listdir(os.path.join(out, "reports")) if re.fullmatch(r"\d{4}", d))
check(len(years) >= 2 and years[:2] == [2020, 2021], f"reports for at least two school years: {years}")
index = read(os.path.join(out, "reports/index.html"))
check(all(f'href="/reports/{y}/"' in index for y in years), "the reports index links every year")


def check_sheet_format(ws, header):
    check(ws.freeze_panes == "A2", f"{ws.title}: the header row is frozen")
    check(ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}{ws.max_row}",
          f"{ws.title}: an autofilter covers the table")
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(len(header))]
    check(all(w and w >= 5 for w in widths) and max(widths) >= 20, f"{ws.title}: column widths are set")
    check(all(c.font.b for c in ws[1]), f"{ws.title}: header cells are bold")
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, datetime.datetime):
                assert c.number_format == "dd.mm.yyyy", (ws.title, c.coordinate, c.number_format)
            elif isinstance(c.value, (int, float)):  # openpyxl reads 5.0 back as 5
                assert c.number_format == "0" or c.number_format.startswith(("0.0", "+0.0")), \
                    (ws.title, c.coordinate, c.number_format)
    check(True, f"{ws.title}: dates, integers and decimals carry their number formats")


def check_csv(path, header, rows, title):
    with open(path, "rb") as f:
        data = f.read()
    check(data.startswith(b"\xef\xbb\xbf"), f"{title}: UTF-8 with a BOM")
    check(data.endswith(b"\r\n") and data.count(b"\n") == data.count(b"\r\n"), f"{title}: records end with CRLF")
    parsed = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    check(parsed[0] == header, f"{title}: the CSV header equals the sheet's")
    check(len(parsed) - 1 == len(rows), f"{title}: as many CSV records as sheet rows ({len(rows)})")
    for csv_row, xl_row in zip(parsed[1:], rows):
        for text, value in zip(csv_row, xl_row):
            if value is None:
                assert text == "", (title, text)
            elif isinstance(value, datetime.datetime):
                assert text == value.date().isoformat(), (title, text, value)
            elif isinstance(value, (int, float)):
                assert abs(float(text) - value) < 0.006, (title, text, value)
            elif value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                # SPEC §4a: CSV text a spreadsheet would run as a formula gets a leading "'";
                # the xlsx keeps it as a plain string cell.
                assert text == "'" + value, (title, text, value)
            else:
                assert text == value, (title, text, value)
    check(True, f"{title}: every CSV value equals the sheet's (ISO dates, decimal points, "
                "formula-like text after an apostrophe)")
    return data


def check_year(year, site):
    xlsx = os.path.join(site, f"reports/{year}/report.xlsx")
    wb = openpyxl.load_workbook(xlsx)
    check(wb.sheetnames == SHEETS, f"{year}: report.xlsx has one sheet per table: {wb.sheetnames}")
    check(wb.properties.created == datetime.datetime.combine(AS_OF, datetime.time()),
          f"{year}: the workbook's creation date is as_of, not the build time")
    check(wb.properties.title == f"Отчёт о наставничестве за {year}/{str(year + 1)[2:]} учебный год",
          f"{year}: the workbook is titled with the school year")
    html = read(os.path.join(site, f"reports/{year}/index.html"))
    check('href="/reports/%d/report.xlsx"' % year in html, f"{year}: the report page links report.xlsx")
    sheets = {}
    for name, table in zip(SHEETS, TABLES):
        header, rows = rows_of(wb[name])
        check(len(rows) >= 1, f"{year}: table «{name}» is filled ({len(rows)} rows)")
        check_sheet_format(wb[name], header)
        check_csv(os.path.join(site, f"reports/{year}/{table}.csv"), header, rows, f"{year}/{table}.csv")
        check(f'href="/reports/{year}/{table}.csv"' in html, f"{year}: the report page links {table}.csv")
        sheets[name] = (header, rows)
    check_pairs(year, *sheets["Сетевые пары"])
    check_associations(year, *sheets["Объединения"])
    check_plan(year, *sheets["План центра"])
    check_events(year, *sheets["Мероприятия"])
    check_programmes(year, *sheets["Оценка программ"])
    check_shnor(year, *sheets["ШНОР"])
    check_transitions(year, *sheets["Программы перехода"], sheets["Эффекты"])
    check_competitions(year, *sheets["Конкурс"])
    return sheets


def runs_in(m, year):
    start, end = school_year(year)
    return m["start"] <= end and m.get("extended_until", m["end"]) >= start


def check_pairs(year, header, rows):
    start, end = school_year(year)
    pairs = {m["title"]: m for m in MENTORSHIPS.values() if m["format"] == "pair" and runs_in(m, year)}
    table = by(header, rows, "Сетевая пара")
    check(set(table) == set(pairs), f"{year}: the pairs are the network pairs running that year ({len(pairs)})")
    for title, m in pairs.items():
        events = [e for e in m.get("events", []) if start <= e["date"] <= end]
        row = table[title]
        done = sum(e["status"] == "done" for e in events)
        cancelled = sum(e["status"] == "cancelled" for e in events)
        overdue = sum(e["status"] == "planned" and e["date"] <= report_as_of(year) for e in events)
        check((row["Мероприятий в году"], row["Проведено"], row["Отменено"], row["Просрочено"]) ==
              (len(events), done, cancelled, overdue), f"{year}: {title}: events {len(events)}/{done}/{cancelled}/{overdue}")
        if done + overdue:
            check(row["Выполнено, %"] == round(100 * done / (done + overdue)), f"{year}: {title}: completion percent")
        check(row["ШНОР"] == ", ".join(short(s) for s in m["mentees"]) and row["Начало"].date() == m["start"],
              f"{year}: {title}: mentee school and start date")
        check("Оценка наставника" not in row, f"{year}: {title}: no feedback scores in the public report")


def check_associations(year, header, rows):
    table = by(header, rows, "Объединение")
    mine = {k: a for k, a in ASSOCIATIONS.items() if a.get("school_year") == year}
    check(set(table) == {a["name"] for a in mine.values()}, f"{year}: associations of the school year")
    start, end = school_year(year)
    for key, a in mine.items():
        held = [e for e in EVENTS.values() if e.get("association") == key and e["kind"] == "meeting"
                and start <= day_of(e["date"]) <= min(end, AS_OF)]
        row = table[a["name"]]
        check(row["Заседаний проведено"] == len(held) and row["Требуется"] == 4,
              f"{year}: {a['name'][:40]}…: {len(held)} meetings of the required 4")
        check(row["Срок анализа"].date() == datetime.date(year + 1, 7, 15), f"{year}: analysis due on 15 July {year + 1}")
        if "analysis_submitted" in a:
            on_time = a["analysis_submitted"] <= datetime.date(year + 1, 7, 15)
            verdict = row["Анализ в срок"]
            check(row["Анализ представлен"].date() == a["analysis_submitted"]
                  and (verdict == "да" if on_time else verdict.startswith("нет, опоздание")),
                  f"{year}: analysis submitted {a['analysis_submitted']}, on time: {verdict}")
        else:
            check(row["Анализ представлен"] is None and row["Анализ в срок"] in ("срок не наступил", "не представлен"),
                  f"{year}: analysis not submitted: «{row['Анализ в срок']}»")


ACTIVITIES = {"research": "Исследовательская деятельность", "project": "Проектная деятельность",
              "consulting": "Консультационная деятельность", "information": "Информационная деятельность"}


def check_plan(year, header, rows):
    start, end = school_year(year)
    as_of = report_as_of(year)
    for plan in PLANS.values():
        items = [i for i in plan["items"] if start <= i.get("to", i.get("from")) <= end]
        mine = [r for r in rows if r[0] == plan["title"]]
        for code, label in ACTIVITIES.items():
            kind = [i for i in items if i["activity"] == code]
            row = next((dict(zip(header, r)) for r in mine if r[1] == label), None)
            if not kind:
                check(row is None, f"{year}: no row for an activity without items ({label})")
                continue
            done = sum(i["status"] == "done" for i in kind)
            overdue = sum(i["status"] == "planned" and i.get("to", i.get("from")) < as_of for i in kind)
            check((row["Пунктов"], row["Выполнено"], row["Из них просрочено"]) == (len(kind), done, overdue),
                  f"{year}: plan, {label}: {len(kind)} items, {done} done, {overdue} overdue")
        total = dict(zip(header, mine[-1]))
        done = sum(i["status"] == "done" for i in items)
        # «Выполнено» is done of what was due: done, or planned with its term past as_of.
        due = done + sum(i["status"] == "planned" and i.get("to", i.get("from")) < as_of for i in items)
        expected = int(100 * done / due + 0.5) if due else None
        check(total["Вид деятельности"] == "Итого по плану" and total["Пунктов"] == len(items)
              and total["Выполнено из наступивших по сроку, %"] == expected,
              f"{year}: plan total {len(items)} items, {expected} % of the due ones done")


def check_events(year, header, rows):
    start, end = school_year(year)
    held = [e for e in EVENTS.values() if start <= day_of(e["date"]) <= min(end, AS_OF)]
    check(len(rows) == len(held), f"{year}: every event held in the school year is listed ({len(held)})")
    dates = [r[0] for r in rows]
    check(dates == sorted(dates), f"{year}: events in date order")


def check_programmes(year, header, rows):
    running = [m for m in MENTORSHIPS.values() if runs_in(m, year)]
    check(len(rows) == len(running), f"{year}: every programme running in the year is evaluated ({len(running)})")
    check(not any(h.startswith("К2") for h in header), f"{year}: criterion 2 (feedback) stays out of the public report")
    table = by(header, rows, "Программа")
    for m in running:
        goals = [g for g in m.get("goals", []) if {"baseline", "target", "actual"} <= set(g) and g["target"] != g["baseline"]]
        achieved = sum((g["actual"] - g["baseline"]) / (g["target"] - g["baseline"]) >= 1 - 1e-9 for g in goals)
        check(table[m["title"]]["К1: цели достигнуты"] == f"{achieved} из {len(goals)}",
              f"{year}: {m['title'][:40]}…: goals achieved {achieved} of {len(goals)}")


def check_shnor(year, header, rows):
    before, after = f"ИОР {year - 1}/{str(year)[2:]}", f"ИОР {year}/{str(year + 1)[2:]}"
    for r in rows:
        row = dict(zip(header, r))
        if row[before] is not None and row[after] is not None:
            assert abs(row["Изменение ИОР"] - (row[after] - row[before])) < 1e-6, row
        assert row[f"Квартиль {year - 1}/{str(year)[2:]}"] == 1 or row["Вышла из нижнего квартиля"] == "не была в нижнем квартиле", row
    left = sum(dict(zip(header, r))["Вышла из нижнего квартиля"] == "да" for r in rows)
    check(True, f"{year}: ИОР changes add up; {left} of {len(rows)} schools left the lowest quartile")


def check_transitions(year, header, rows, effects):
    start, end = school_year(year)
    closed = AS_OF > end

    def belongs(t):  # the school year of its defence; one not defended yet, the current year's
        if "defended" in t and t["defended"] <= AS_OF:
            return start <= t["defended"] <= end
        return start <= AS_OF <= end and not closed
    mine = [t for t in TRANSITIONS.values() if belongs(t)]
    table = by(header, rows, "Программа или проект")
    check(sorted(table) == sorted(t["title"] for t in mine),
          f"{year}: the transition programmes of the year are listed ({len(mine)})")
    for t in mine:
        row = table[t["title"]]
        outcome = t.get("outcome")
        check(("рекомендован" in row["Итог"]) == (outcome == "recommended")
              and ("внесен" in row["Итог"] or "внесён" in row["Итог"]) ==
              bool(t.get("included_in_development_programme")),
              f"{year}: {t['title'][:40]}…: outcome «{row['Итог']}» as written ({outcome})")
    recommended = sum(t.get("outcome") == "recommended" and t["defended"] <= AS_OF for t in mine)
    effect = by(*effects, "Показатель")
    label = "Рекомендовано программ (проектов) перехода ШНОР для внесения в программу развития"
    check(effect[label]["Значение"] == recommended,
          f"{year}: effects count {recommended} recommended transition programmes")


def check_competitions(year, header, rows):
    mine = [c for c in COMPETITIONS.values() if c["year"] == year + 1]
    expected = []
    for c in mine:
        for app in c["applications"]:
            means = [sum(s["points"][k] for s in app["scores"]) / len(app["scores"]) for k in range(5)]
            expected.append((short(app["school"]), round(sum(means), 6)))
    got = [(r[header.index("Школа")], round(r[header.index("Итог, баллов")], 6)) for r in rows]
    check(sorted(got) == sorted(expected), f"{year}: competition totals equal the mean points per criterion summed")
    totals = [t for _, t in got]
    check(totals == sorted(totals, reverse=True), f"{year}: ranked by total")
    winners = [r for r in rows if r[header.index("Результат")] == "«Школа-наставник»"]
    check(len(winners) == sum(c.get("winners", c.get("winners_count", 3)) for c in mine) and
          all(r[header.index("Место")] <= len(winners) for r in winners), f"{year}: the top {len(winners)} are winners")


public_sheets = {y: check_year(y, out) for y in years[:2]}
c2020 = by(*public_sheets[2020]["Конкурс"], "Школа")
check(c2020["МОУ «Лицей № 1»"]["Место"] == 1 and abs(c2020["МОУ «Лицей № 1»"]["Итог, баллов"] - 68 / 3) < 1e-9,
      "2020/21: МОУ «Лицей № 1» first with 22,67 points (hand-computed 68/3)")
check(c2020["МОУ «СОШ № 12»"]["Место"] == 3 and c2020["МОУ «СОШ № 8»"]["Место"] == 4,
      "2020/21: equal totals 19,00 ranked by the vote balance (СОШ № 12 +12 before СОШ № 8 +5)")
a2020 = by(*public_sheets[2020]["Объединения"], "Требуется")[4]
check(a2020["Заседаний проведено"] == 5 and a2020["Анализ в срок"] == "да", "2020/21: 5 meetings, analysis on time")
a2021 = by(*public_sheets[2021]["Объединения"], "Требуется")[4]
check(a2021["Заседаний проведено"] == 3 and a2021["Требование о заседаниях"].startswith("учебный год не завершён"),
      "2021/22: 3 meetings so far, the school year still runs")

html2020 = read(os.path.join(out, "reports/2020/index.html"))
check(html2020.count("<caption") == len(TABLES) and "Таблица 10. Итоги конкурса" in html2020,
      "the 2020/21 page shows every table with a numbered caption")
check("К2: оценка" not in html2020 and "Кадровый управленческий резерв" not in html2020,
      "the public report page has neither feedback scores nor the reserve registry")
check("--print-header: \"Отчёт о наставничестве за 2020/21 учебный год" in html2020,
      "the page sets the running header for printing")
competitions_csv = read(os.path.join(out, "reports/2020/competitions.csv"))
check('"Конкурс выбора общеобразовательной организации — наставника для школ с низкими результатами обучения и школ, '
      'функционирующих в сложных социальных условиях (Московская область, 2021)",1,' in competitions_csv,
      "a field with commas is quoted (RFC 4180)")
check(",22.67," in competitions_csv, "decimals are written with a point and the column's decimals")

# Byte-identical exports across builds.
result2, out2 = build()
same = all(hashlib.sha256(open(os.path.join(out, f"reports/{y}/report.xlsx"), "rb").read()).digest() ==
           hashlib.sha256(open(os.path.join(out2, f"reports/{y}/report.xlsx"), "rb").read()).digest() for y in years)
check(result2.returncode == 0 and same, "two builds give byte-identical report.xlsx files")
check(not os.path.exists(os.path.join(out, "reserve")), "no reserve registry in the public site")


def all_text(site):
    """Every file of a site as text; xlsx members unzipped."""
    for path in glob.glob(os.path.join(site, "**/*"), recursive=True):
        if not os.path.isfile(path):
            continue
        if path.endswith(".xlsx"):
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    yield path + ":" + name, z.read(name).decode("utf-8", "replace")
        else:
            with open(path, "rb") as f:
                yield path, f.read().decode("utf-8", "replace")


names = [r["full_name"] for r in RESERVE.values()]
leaks = [p for p, text in all_text(out) if any(n in text for n in names)]
check(not leaks, f"no reserve entry's name anywhere in the public output, xlsx included: {leaks[:3]}")

# ---- the internal build -----------------------------------------------------------------------
result3, internal = build(ROOT, None, "--audience", "internal")
check(result3.returncode == 0, "internal build succeeds")
wb = openpyxl.load_workbook(os.path.join(internal, "reports/2021/report.xlsx"))
check(wb.sheetnames == SHEETS + ["Кадровый резерв"], "the internal report adds the reserve registry sheet")
header, rows = rows_of(wb["Кадровый резерв"])
check(header == ["ФИО", "Место работы", "Должность", "Стаж, лет", "Обучение с", "Обучение по",
                 "Сертификаты курсовой подготовки", "Мероприятия", "Согласие на переезд", "Контакты"],
      "the registry has the fields of seed 002 §5.6")
in_registry = [r for r in RESERVE.values() if r.get("training_from", datetime.date.min) <= datetime.date(2022, 8, 31)]
check(sorted(r[0] for r in rows) == sorted(r["full_name"] for r in in_registry), f"registry rows: {len(rows)}")
entry = by(header, rows, "ФИО")["Примерова Анна Тестовна"]
check(entry["Стаж, лет"] == 14 and entry["Обучение с"].date() == datetime.date(2021, 3, 15)
      and entry["Согласие на переезд"] == "да" and entry["Место работы"] == SCHOOLS["korenovsk-sosh-5"]["name"],
      "a registry row: experience, training dates, relocation consent, full school name")
check_csv(os.path.join(internal, "reports/2021/reserve.csv"), header, rows, "2021/reserve.csv")
pheader, prows = rows_of(wb["Оценка программ"])
check("К2: оценка наставника" in pheader and "К2: оценка наставляемого" in pheader,
      "the internal evaluation adds criterion 2 from the feedback")
scores = by(pheader, prows, "Программа")["Шефство МОАНУ СОШ № 17 им. К.В. Навальневой над МОБУ СОШ № 6"]
check(scores["К2: оценка наставника"] == 5 and scores["К2: оценка наставляемого"] == 5,
      "feedback means of the school year (mentor 5, mentee 5)")
internal_html = read(os.path.join(internal, "reports/2021/index.html"))
check("К2: оценка наставника" in internal_html and 'href="/reports/2021/reserve.csv"' in internal_html,
      "the internal report page shows criterion 2 and links the registry CSV")
reserve_wb = openpyxl.load_workbook(os.path.join(internal, "reserve/reserve.xlsx"))
check(reserve_wb.sheetnames == ["Кадровый резерв"] and reserve_wb.active.max_row == len(RESERVE) + 1,
      f"/reserve/reserve.xlsx lists all {len(RESERVE)} entries")

for d in (out, out2, internal):
    shutil.rmtree(d, ignore_errors=True)
print(f"{check.count} checks passed")
