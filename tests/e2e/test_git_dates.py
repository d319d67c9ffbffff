"""lastmod from the Git history: a temporary repository holds a copy of the example site in a
subfolder, committed in two commits with fixed dates. Each page's lastmod (sitemap and the
«Обновлено: …» line) is its record file's last commit; other pages take the newest commit of the
content; as_of defaults to the HEAD commit date; a file not yet committed keeps its own date. The
same site outside Git still builds, with the records' own dates and no «Обновлено» line.
"""
import os
import re
import shutil
import subprocess
import tempfile

from nk import Checks, copy_example_site, run

check = Checks()
PRACTICE = "content/practices/roditelskiy-universitet.md"
OTHER = "content/practices/setevaya-para-rukovoditeley.md"
SCHOOL = "data/schools/kalach-sh-1.toml"


def copy_site(dst):
    copy_example_site(dst)
    # as_of is left to Git: the HEAD commit date.
    config = os.path.join(dst, "config.toml")
    with open(config, encoding="utf-8") as f:
        text = f.read()
    with open(config, "w", encoding="utf-8") as f:
        f.write(re.sub(r"^as_of = .*\n", "", text, flags=re.M))


def git(repo, *args, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="Методист", GIT_AUTHOR_EMAIL="m@example.org",
               GIT_COMMITTER_NAME="Методист", GIT_COMMITTER_EMAIL="m@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def append(path, text):
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)


def sitemap(out):
    with open(os.path.join(out, "sitemap.xml"), encoding="utf-8") as f:
        text = f.read()
    return dict(re.findall(r"<loc>https://example\.org(/[^<]*)</loc><lastmod>([^<]+)</lastmod>", text))


def page(out, url):
    with open(os.path.join(out, url.strip("/"), "index.html"), encoding="utf-8") as f:
        return f.read()


def check_git_site(work):
    repo = os.path.join(work, "repo")
    site = os.path.join(repo, "portal")  # the site is a subfolder of the repository
    copy_site(site)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "site", date="2021-01-10T12:00:00+0000")
    append(os.path.join(site, PRACTICE), "\nДополнено по итогам года.\n")
    append(os.path.join(site, SCHOOL), "\n")
    git(repo, "commit", "-q", "-am", "update", date="2022-02-20T09:30:00+0000")
    shutil.copy(os.path.join(site, OTHER), os.path.join(site, "content/practices/novaya-praktika.md"))
    with open(os.path.join(site, "content/practices/novaya-praktika.md"), encoding="utf-8") as f:
        text = re.sub(r'^title = "', 'title = "Новая: ', f.read(), count=1, flags=re.M)
    with open(os.path.join(site, "content/practices/novaya-praktika.md"), "w", encoding="utf-8") as f:
        f.write(re.sub(r"^date = .*$", "date = 2021-05-17", text, count=1, flags=re.M))

    out = os.path.join(work, "out-git")
    result = run("build", "--source", site, "--out", out)
    check(result.returncode == 0, "the site in a Git repository builds: " + result.stderr[-400:])
    dates = sitemap(out)
    check(dates.get("/practices/roditelskiy-universitet/") == "2022-02-20",
          "a practice changed in the second commit has lastmod 2022-02-20")
    check(dates.get("/practices/setevaya-para-rukovoditeley/") == "2021-01-10",
          "a practice untouched since the first commit has lastmod 2021-01-10")
    check(dates.get("/schools/kalach-sh-1/") == "2022-02-20", "a school takes its data file's last commit")
    check(dates.get("/schools/kalach-sh-3/") == "2021-01-10", "another school keeps the first commit's date")
    check(dates.get("/practices/novaya-praktika/") == "2021-05-17",
          "a practice not yet committed keeps its own date")
    check(dates.get("/practices/") == "2022-02-20" and dates.get("/") == "2022-02-20",
          "list pages take the newest commit of the content")
    html = page(out, "/practices/roditelskiy-universitet/")
    check("Обновлено: 20 февраля 2022 г." in html, "the practice page shows «Обновлено: 20 февраля 2022 г.»")
    check("Обновлено: 10 января 2021 г." in page(out, "/practices/setevaya-para-rukovoditeley/"),
          "an older practice shows «Обновлено: 10 января 2021 г.»")
    check("по состоянию на 20 февраля 2022 г." in html, "as_of defaults to the HEAD commit date")

    # Rebuilds into the same output: the dates of the last build are kept while HEAD stays
    # (no history walk), and a new commit is read.
    def rebuild(what):
        result = run("build", "--source", site, "--out", out)
        check(result.returncode == 0, what + " succeeds: " + result.stderr[-400:])
        return sitemap(out)

    append(os.path.join(site, PRACTICE), "\nПравка, ещё не в Git.\n")
    dates = rebuild("an incremental rebuild")
    check(dates.get("/practices/roditelskiy-universitet/") == "2022-02-20"
          and dates.get("/practices/setevaya-para-rukovoditeley/") == "2021-01-10",
          "with HEAD unchanged a rebuild keeps the commit dates")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "new practice", date="2022-05-12T08:00:00+0000")
    dates = rebuild("a rebuild after a commit")
    check(dates.get("/practices/novaya-praktika/") == "2022-05-12"
          and dates.get("/practices/roditelskiy-universitet/") == "2022-05-12",
          "after a commit a rebuild takes the new commit's date for the files it touched")
    check(dates.get("/practices/setevaya-para-rukovoditeley/") == "2021-01-10",
          "after a commit an untouched practice keeps its date")
    full = os.path.join(work, "out-git-full")
    check(run("build", "--no-cache", "--source", site, "--out", full).returncode == 0
          and sitemap(full) == dates, "the rebuilt sitemap equals a clean build's")
    return site


def check_plain_site(work, git_site):
    site = os.path.join(work, "plain")
    shutil.copytree(git_site, site, ignore=shutil.ignore_patterns(".nastavnik-cache"))
    out = os.path.join(work, "out-plain")
    result = run("build", "--source", site, "--out", out)
    check(result.returncode == 0, "the same site outside Git builds: " + result.stderr[-400:])
    dates = sitemap(out)
    check(dates.get("/practices/roditelskiy-universitet/") == "2021-06-25",
          "outside Git a practice's lastmod is its own date")
    check("Обновлено:" not in page(out, "/practices/roditelskiy-universitet/"),
          "outside Git pages show no «Обновлено» line")


def main():
    work = tempfile.mkdtemp(prefix="nk-git-")
    try:
        site = check_git_site(work)
        check_plain_site(work, site)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{check.count} checks passed")


if __name__ == "__main__":
    main()
