"""`draft = true` on any record or page: left out of the site, shown by `build --drafts` and by
`serve` (marked as a draft); a published record naming a draft one is an error.

The example site gets a draft of each kind that has a page of its own (practice, event, free page,
school, mentorship), each carrying the marker `zqdraft…x` in its title or name, and the draft
practice a tag and a date of its own. The public build of that site must be byte for byte the build
of the site without the draft files (so no list, count, feed, calendar, search index, JSON or export
changed), with no marker anywhere; `build --drafts` has every draft page, marked, and the draft
practice in the catalogue, its tag page and feed; `serve` shows them by default. A published
practice naming the draft school, and a published page linking to the draft practice, fail the
build (exit 1) with a message that says it is a draft; with --drafts the same site builds.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

from nk import clean_diagnostics, BIN, Checks, copy_example_site, read, run, tree_digest

check = Checks()

DRAFTS = {
    "content/practices/zqdraft-practice.md": """+++
title = "Практика zqdraftpracticex"
date = 2023-09-01
draft = true
schools = ["zqdraft-school"]
directions = ["quality"]
forms = ["consulting"]
tags = ["черновой тег zqdrafttagx"]
summary = "Описание zqdraftsummaryx."
+++

Текст практики zqdraftbodyx.
""",
    "content/events/zqdraft-event.md": """+++
title = "Мероприятие zqdrafteventx"
date = 2023-10-05T10:00:00
draft = true
kind = "round_table"
organizer = "zqdraft-school"
+++

Текст мероприятия.
""",
    "content/pages/zqdraft-page.md": """+++
title = "Страница zqdraftpagex"
draft = true
+++

Текст страницы.
""",
    "data/schools/zqdraft-school.toml": """name = "Школа zqdraftschoolx"
short_name = "СОШ zqdraftshortx"
municipality = "Кореновский район"
draft = true

[[years]]
year = 2021
ior = 0.5
isbsh = 0.5
""",
    "data/mentorships/zqdraft-mentorship.toml": """title = "Наставничество zqdraftmentorshipx"
format = "group"
draft = true
mentors = ["korenovsk-sosh-41"]
mentees = ["zqdraft-school"]
start = 2023-09-01
end = 2024-05-31
""",
}
MARKERS = ["zqdraft"]


def write_drafts(site):
    for rel, text in DRAFTS.items():
        path = os.path.join(site, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def files_with(root, needle):
    hits = []
    for dirpath, _, names in os.walk(root):
        for name in names:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                if needle.encode() in f.read() or needle in name:
                    hits.append(os.path.relpath(path, root))
    return hits


def left_out(work):
    plain = copy_example_site(os.path.join(work, "plain"))
    with_drafts = copy_example_site(os.path.join(work, "with-drafts"))
    write_drafts(with_drafts)
    out_plain, out_public = os.path.join(work, "out-plain"), os.path.join(work, "out-public")
    r = run("build", "--source", plain, "--out", out_plain, "--no-cache")
    check(r.returncode == 0, f"the example site builds: {r.stderr[-300:]}")
    r = run("build", "--source", with_drafts, "--out", out_public, "--no-cache")
    check(r.returncode == 0 and clean_diagnostics(r.stderr),
          f"the site with drafts of every kind builds without them: {r.stderr[-500:]}")
    check(files_with(out_public, "zqdraft") == [],
          "no draft's title, name, id, tag or text is in any file of the public site")
    check(tree_digest(out_public) == tree_digest(out_plain),
          "the public site is byte for byte that of the site without the draft files "
          "(lists, counts, feeds, search index, JSON, exports, sitemap, dates unchanged)")
    r = run("check", "--source", with_drafts)
    check(r.returncode == 0, "check (without --drafts) passes too")
    return with_drafts


def shown_with_flag(site, work):
    out = os.path.join(work, "out-drafts")
    r = run("build", "--source", site, "--out", out, "--drafts")
    check(r.returncode == 0, f"build --drafts succeeds: {r.stderr[-300:]}")
    badge = 'class="draft-badge"'
    for page in ["practices/zqdraft-practice", "events/zqdraft-event", "zqdraft-page",
                 "schools/zqdraft-school", "mentorships/zqdraft-mentorship"]:
        path = os.path.join(out, page, "index.html")
        check(os.path.isfile(path) and badge in read(path),
              f"build --drafts makes /{page}/, marked as a draft")
    catalogue = read(os.path.join(out, "practices", "index.html"))
    check("zqdraftpracticex" in catalogue and "черновик</span>" in catalogue,
          "the draft practice is in the catalogue, its card marked «черновик»")
    check("zqdraftpracticex" in read(os.path.join(out, "feed.xml")), "and in the feed")
    about = read(os.path.join(out, "about", "index.html"))
    check(badge not in about, "a published page carries no draft mark")
    # The incremental cache of a build without drafts is not reused for one with them.
    r = run("build", "--source", site, "--out", out)
    check(r.returncode == 0 and files_with(out, "zqdraft") == [],
          "building again without --drafts into the same folder leaves every draft out")


def references(work):
    site = copy_example_site(os.path.join(work, "refs"))
    write_drafts(site)
    practice = os.path.join(site, "content/practices/individualnye-obrazovatelnye-marshruty.md")
    text = read(practice).replace('schools = ["korenovsk-sosh-41"]',
                                  'schools = ["korenovsk-sosh-41", "zqdraft-school"]')
    with open(practice, "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(site, "content/pages/about.md"), "a", encoding="utf-8") as f:
        f.write("\nСм. [черновик](/practices/zqdraft-practice/).\n")
    out = os.path.join(work, "out-refs")
    r = run("build", "--source", site, "--out", out)
    check(r.returncode == 1, f"a published record naming a draft fails the build (exit {r.returncode})")
    check("individualnye-obrazovatelnye-marshruty.md:4:33:" in r.stderr and
          "school 'zqdraft-school' is a draft (draft = true) and is not published" in r.stderr,
          f"the error names the practice's line and says the school is a draft: {r.stderr[-600:]}")
    check("content/pages/about.md:" in r.stderr and
          "broken link '/practices/zqdraft-practice/': the page is a draft" in r.stderr,
          "a link from a published page to a draft practice is an error that says so")
    check(not os.path.exists(os.path.join(out, "index.html")), "nothing is published")
    r = run("build", "--source", site, "--out", out, "--drafts")
    check(r.returncode == 0, f"with --drafts the same site builds: {r.stderr[-300:]}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def served(site, work):
    port = free_port()
    log = open(os.path.join(work, "serve.log"), "w")
    proc = subprocess.Popen([BIN, "serve", "--source", site, "--port", str(port), "--jobs", "2"],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        page, deadline = None, time.time() + 120
        while time.time() < deadline and page is None:
            try:
                url = f"http://127.0.0.1:{port}/practices/zqdraft-practice/"
                with urllib.request.urlopen(url, timeout=5) as resp:
                    page = resp.read().decode()
            except OSError:
                time.sleep(0.3)
        check(page is not None and "zqdraftpracticex" in page and 'class="draft-badge"' in page,
              "serve shows a draft practice by default, marked as a draft")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        log.close()


def main():
    work = tempfile.mkdtemp(prefix="nk-drafts-")
    try:
        site = left_out(work)
        shown_with_flag(site, work)
        references(work)
        served(site, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{check.count} checks passed")


if __name__ == "__main__":
    main()
