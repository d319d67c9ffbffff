"""events.ics and the per-event .ics files of the example site, read with a real iCalendar parser
(Debian's python3-icalendar): RFC 5545 line format, values against the event sources, stability."""
import datetime
import glob
import os
import shutil
import sys
import tomllib

try:
    import icalendar
except ImportError:  # the interpreter ctest found may not see Debian's packages
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise

sys.path.insert(0, os.path.dirname(__file__))
from nk import ROOT, Checks, build  # noqa: E402

check = Checks()


def front_matter(path):
    """The TOML front matter of a content file."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head = text.split("+++")[1]
    return tomllib.loads(head)


def physical_lines(data):
    check(data.endswith(b"\r\n"), "the calendar ends with CRLF")
    check(data.count(b"\n") == data.count(b"\r\n"), "every line ends with CRLF, no bare LF")
    return data[:-2].split(b"\r\n")


def check_lines(data, name, folded=True):
    lines = physical_lines(data)
    longest = max(len(line) for line in lines)
    check(longest <= 75, f"{name}: no line longer than 75 octets (longest {longest})")
    for line in lines:
        line.decode("utf-8")  # folding never splits a UTF-8 sequence
    if folded:
        check(any(line.startswith(b" ") for line in lines), f"{name}: long lines are folded")


def as_datetime(value):
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    return value


result, out = build()
check(result.returncode == 0, "example site builds: " + result.stderr[-1000:])
with open(os.path.join(out, "events.ics"), "rb") as f:
    data = f.read()
check_lines(data, "events.ics")

cal = icalendar.Calendar.from_ical(data)
check(str(cal["VERSION"]) == "2.0" and "nastavnik" in str(cal["PRODID"]), "VCALENDAR 2.0 with a PRODID")
events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
sources = sorted(glob.glob(os.path.join(ROOT, "content/events/*.md")))
public = [p for p in sources if front_matter(p).get("visibility") != "internal"]
check(len(events) == len(public) == len(cal.walk("VEVENT")),
      f"one VEVENT per public event with a unique UID ({len(events)})")

for path in public:
    slug = os.path.splitext(os.path.basename(path))[0]
    fm = front_matter(path)
    uid = f"{slug}@example.org"
    check(uid in events, f"{slug}: UID {uid}")
    e = events[uid]
    check(str(e["SUMMARY"]) == fm["title"], f"{slug}: SUMMARY is the title")
    start = fm["date"]
    check(as_datetime(e["DTSTART"].dt) == start, f"{slug}: DTSTART {start}")
    day = start.date() if isinstance(start, datetime.datetime) else start
    stamp = e["DTSTAMP"].dt
    check(stamp == datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc),
          f"{slug}: DTSTAMP is 00:00 UTC of the event day, not the build time")
    if "place" in fm:
        check(str(e["LOCATION"]) == fm["place"], f"{slug}: LOCATION unescapes to the place")
    if "end" in fm:
        end = fm["end"]
        expected = end if isinstance(end, datetime.datetime) else end + datetime.timedelta(days=1)
        check(as_datetime(e["DTEND"].dt) == expected, f"{slug}: DTEND {expected}")
    check(str(e["URL"]) == f"https://example.org/events/{slug}/", f"{slug}: URL of the event page")

    with open(os.path.join(out, "events", slug, "event.ics"), "rb") as f:
        single = f.read()
    check_lines(single, f"{slug}/event.ics", folded=False)
    one = icalendar.Calendar.from_ical(single).walk("VEVENT")
    check(len(one) == 1 and str(one[0]["UID"]) == uid and one[0].to_ical() == e.to_ical(),
          f"{slug}/event.ics holds the same VEVENT as events.ics")

# Hand-checked values of three events.
seminar = events["ustanovochnyy-seminar-mnc@example.org"]
check(seminar["DTSTART"].dt == datetime.datetime(2021, 2, 10, 10, 0)
      and seminar["DTEND"].dt == datetime.datetime(2021, 2, 10, 13, 0), "seminar 10:00–13:00 on 10 Feb 2021")
vote = events["golosovanie-konkurs-shkola-nastavnik-2021@example.org"]
check(vote["DTSTART"].dt == datetime.date(2021, 3, 9) and vote["DTEND"].dt == datetime.date(2021, 3, 11),
      "an all-day event of 9–10 March ends (exclusively) on 11 March")
meeting = events["tula-mpo-2020-zasedanie-1@example.org"]
check(str(meeting["LOCATION"]) == "МБОУ «Лицей № 2», г. Тула, ул. Советская, 47, конференц-зал",
      "commas in a location survive escaping")
check(b"LOCATION:\xd0\x9c\xd0\x91\xd0\x9e\xd0\xa3 \xc2\xab\xd0\x9b\xd0\xb8\xd1\x86\xd0\xb5\xd0\xb9 \xe2\x84\x96 2\xc2\xbb\\, "
      in data, "commas are escaped as \\, in the file")
description = str(meeting["DESCRIPTION"])
check(description.startswith("Заседание\nОрганизатор: МБОУ «Лицей № 2»\nВопросов в повестке: 3"),
      "DESCRIPTION names the kind, the organizer and the agenda size on separate lines")
check([str(c) for c in meeting["CATEGORIES"].cats] == ["Заседание"], "CATEGORIES is the kind label")

# Stable: a second build gives the same bytes, hence the same UIDs and stamps.
result2, out2 = build()
with open(os.path.join(out2, "events.ics"), "rb") as f:
    check(result2.returncode == 0 and f.read() == data, "a second build gives a byte-identical events.ics")

for d in (out, out2):
    shutil.rmtree(d, ignore_errors=True)
print(f"{check.count} checks passed")
