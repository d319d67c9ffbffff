"""The browser editor of `nastavnik serve` (issue 22), end to end through HTTP: every request
without this run's token, with a foreign Origin, Host or Sec-Fetch-Site, or naming a path outside
content/ and data/ (by "..", percent-encoding, an absolute path, a symbolic link) is refused with
403 and writes nothing; a good save changes only the edited value's bytes; a file changed on disk
since it was opened gives 409; validation returns Russian diagnostics with line, column and key;
a commit records the message and the author of config.toml [editor], and only record files.
"""
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from nk import BIN, ROOT, Checks

check = Checks()
SCHOOL = "data/schools/pub-school-a.toml"
AUTHOR = ("Методист Иванова", "metod@example.org")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def git(site, *args):
    return subprocess.run(["git", "-C", site, *args], capture_output=True, text=True, check=True).stdout


def make_site(work):
    site = os.path.join(work, "site")
    shutil.copytree(os.path.join(ROOT, "tests/sites/privacy"), site)
    with open(os.path.join(site, "config.toml"), "a", encoding="utf-8") as f:
        f.write('\n[editor]\nname = "%s"\nemail = "%s"\n' % AUTHOR)
    # A school file as people write them: comments, aligned values, a trailing comment.
    path = os.path.join(site, SCHOOL)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = "# Школа № 1: данные из отчёта за 2021 год\n" + text.replace(
        "ior = 0.73", "ior   = 0.73   # по отчёту")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    git(site, "init", "-q")
    git(site, "-c", "user.name=Fixture", "-c", "user.email=f@example.org", "add", "-A")
    git(site, "-c", "user.name=Fixture", "-c", "user.email=f@example.org", "commit", "-qm", "init")
    return site


def source_digest(site, outside):
    """Every source file of the site (not the serve cache, not .git) and of the folder outside
    it: path → hash of its bytes (a symbolic link: its target)."""
    out = {}
    for top in (site, outside):
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = [d for d in dirnames if d not in (".git", ".nastavnik-cache")]
            for name in dirnames + filenames:
                p = os.path.join(dirpath, name)
                key = ("" if top == site else "outside:") + os.path.relpath(p, top)
                if os.path.islink(p):
                    out[key] = "link:" + os.readlink(p)
                elif os.path.isfile(p):
                    out[key] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    return out


class Editor:
    def __init__(self, port, token):
        self.port, self.token = port, token

    def request(self, method, path, body=None, token=True, host=None, origin=None, extra=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", host or "127.0.0.1:%d" % self.port)
            if origin:
                conn.putheader("Origin", origin)
            if token is True:
                conn.putheader("X-Nastavnik-Token", self.token)
            elif token:
                conn.putheader("X-Nastavnik-Token", token)
            for k, v in (extra or {}).items():
                conn.putheader(k, v)
            data = json.dumps(body).encode() if body is not None else b""
            if body is not None:
                conn.putheader("Content-Type", "application/json")
            conn.putheader("Content-Length", str(len(data)))
            conn.endheaders(data)
            resp = conn.getresponse()
            raw = resp.read().decode("utf-8", "replace")
            try:
                return resp.status, json.loads(raw)
            except ValueError:
                return resp.status, raw
        finally:
            conn.close()

    def api(self, method, call, body=None, **kw):
        return self.request(method, "/__nastavnik/edit/api/" + call, body, **kw)


def start(site, port):
    log = open(os.path.join(os.path.dirname(site), "serve.log"), "w+")
    proc = subprocess.Popen([BIN, "serve", "--source", site, "--port", str(port), "--jobs", "2"],
                            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 180
    while time.time() < deadline:
        log.seek(0)
        m = re.search(r"http://127\.0\.0\.1:%d/__nastavnik/edit/\?token=([0-9a-f]{32})" % port,
                      log.read())
        if m:
            return proc, m.group(1)
        if proc.poll() is not None:
            break
        time.sleep(0.3)
    log.seek(0)
    raise AssertionError("serve did not print the editor's address:\n" + log.read())


def check_records_and_pages(ed, site):
    """api/records, api/create (the layout of `nastavnik new`), api/render, api/preview."""
    status, body = ed.api("GET", "records")
    types = [r["type"] for r in body["records"]]
    check(status == 200 and types == sorted(types, key=["school", "practice", "event", "mentorship",
                                                       "association", "plan", "competition",
                                                       "reserve", "transition", "page"].index),
          "api/records lists every record, by type")
    titles = [r["title"] for r in body["records"] if r["type"] == "school"]
    check(titles == ["СОШ № 1", "СОШ № 2", "zqschoolshortx"],
          "…with their titles, in Russian order (%s)" % titles)
    check([r["changed"] for r in body["records"] if r["path"] == SCHOOL] == [False],
          "…the committed school is not marked changed")
    status, body = ed.api("POST", "create", {
        "type": "practice", "title": "Наставник в каждой школе",
        "edits": [{"op": "set", "key": ["schools"], "value": ["pub-school-a"]},
                  {"op": "set", "key": ["summary"], "value": "Кратко"}],
        "body": "## Проблема\n\nТекст.\n"})
    path = "content/practices/nastavnik-v-kazhdoy-shkole.md"
    check(status == 200 and body["path"] == path, "api/create writes a practice at new's path (%s)" % body)
    text = open(os.path.join(site, path), encoding="utf-8").read()
    check(text.startswith('+++\ntitle = "Наставник в каждой школе"\ndate = 2022-03-15\n'
                          'schools = ["pub-school-a"]          # id школ')
          and 'summary = "Кратко"\n+++\n## Проблема' in text,
          "…in the layout of `nastavnik new` (its comments kept), dated as_of, with the edits")
    status, doc = ed.api("GET", "record?path=" + path)
    check(status == 200 and doc["body"] == "## Проблема\n\nТекст.\n" and
          doc["values"]["schools"] == ["pub-school-a"], "api/record splits a page into values and body")
    status, body = ed.api("POST", "save", {"path": path, "base_hash": doc["hash"],
                                           "body": "\nСм. [ссылку](javascript:alert(1)).\n"})
    bad = [d for d in body.get("diagnostics", []) if d["path"] == path and d["severity"] == "error"]
    check(status == 200 and open(os.path.join(site, path), encoding="utf-8").read().endswith(
        'summary = "Кратко"\n+++\n\nСм. [ссылку](javascript:alert(1)).\n'),
        "a page's body is saved after its front matter, which stays")
    check(len(bad) == 1 and bad[0]["key"] == "body" and bad[0]["line"] == 11,
          "a problem in the body is reported at its line with key 'body' (%s)" % bad)
    status, body = ed.api("POST", "save", {"path": SCHOOL,
                                           "base_hash": ed.api("GET", "record?path=" + SCHOOL)[1]["hash"],
                                           "body": "text"})
    check(status == 400 and "body" in body["error"], "a body for a .toml file is refused, not ignored")
    status, again = ed.api("POST", "create", {"type": "practice", "title": "Наставник в каждой школе"})
    check(status == 409, "creating it again → 409")
    status, body = ed.api("POST", "create", {"type": "reserve", "title": "Петров Пётр"})
    check(status == 200 and open(os.path.join(site, body["path"]), encoding="utf-8").read()
          == 'full_name = "Петров Пётр"\n', "a type `new` does not know gets a minimal layout")
    status, body = ed.api("POST", "create", {"type": "mentorship", "title": "Шефство над школой Б"})
    mpath = body.get("path", "")
    status, doc = ed.api("GET", "record?path=" + mpath)
    status, body = ed.api("POST", "save", {"path": mpath, "base_hash": doc["hash"], "edits": [
        {"op": "append", "key": ["events"], "value": {"date": "2022-03-10", "title": "2022-03-11"}}]})
    written = open(os.path.join(site, mpath), encoding="utf-8").read()
    check(status == 200 and "\n[[events]]\ndate = 2022-03-10\ntitle = \"2022-03-11\"\n" in written,
          "an appended row's date is written as a TOML date, its text as text (%s)" % ((status, body, written),))
    os.remove(os.path.join(site, mpath))
    status, body = ed.api("POST", "render", {"path": SCHOOL, "values": dict(
        ed.api("GET", "record?path=" + SCHOOL)[1]["values"], students=900)})
    check(status == 200 and "students = 900" in body["text"]
          and body["text"].startswith("# Школа № 1"), "api/render: the text a save would write")
    check("students = 900" not in open(os.path.join(site, SCHOOL), encoding="utf-8").read(),
          "…not written")
    status, body = ed.api("POST", "preview", {"markdown": "**Жирный** <script>alert(1)</script>"
                                                           " [x](javascript:alert(1))"})
    check(status == 200 and "<strong>Жирный</strong>" in body["html"]
          and "<script" not in body["html"] and "javascript:" not in body["html"],
          "api/preview renders Markdown safely, as the site does")


def main():
    work = tempfile.mkdtemp(prefix="nk-editor-")
    proc = None
    try:
        site = make_site(work)
        outside = os.path.join(work, "outside")
        os.makedirs(os.path.join(outside, "plans"))
        with open(os.path.join(outside, "secret.toml"), "w") as f:
            f.write('name = "outside"\n')
        port = free_port()
        proc, token = start(site, port)
        ed = Editor(port, token)
        check(len(token) == 32, "serve prints the editor's address with a 32-hex token")

        status, school = ed.api("GET", "record?path=" + SCHOOL)
        check(status == 200 and school["path"] == SCHOOL and school["type"] == "school",
              "api/record opens a school with the token")
        good_save = {"path": SCHOOL, "base_hash": school["hash"],
                     "edits": [{"op": "set", "key": ["name"], "value": "ВЗЛОМ"}]}

        # Symbolic links set up inside the site after the commit: a file and a folder out.
        os.symlink(os.path.join(outside, "secret.toml"), os.path.join(site, "data/schools/link.toml"))
        shutil.rmtree(os.path.join(site, "data/plans"))
        os.symlink(os.path.join(outside, "plans"), os.path.join(site, "data/plans"))
        before = source_digest(site, outside)

        def refused(what, status_body):
            status, body = status_body
            check(status == 403, what + " → 403 (got %s)" % status)
            check(source_digest(site, outside) == before, what + ": nothing written")
            return body

        refused("the page without a token", ed.request("GET", "/__nastavnik/edit/", token=False))
        refused("the page with a wrong token",
                ed.request("GET", "/__nastavnik/edit/?token=" + "0" * 32, token=False))
        refused("an asset without a token", ed.request("GET", "/__nastavnik/edit/ui/edit.js", token=False))
        body = refused("save without a token", ed.api("POST", "save", good_save, token=False))
        check(isinstance(body, dict) and "нет доступа" in body.get("error", ""),
              "the refusal is explained in Russian")
        refused("save with a wrong token", ed.api("POST", "save", good_save, token="f" * 32))
        refused("save with the token in the query only",
                ed.request("POST", "/__nastavnik/edit/api/save?token=" + token, good_save, token=False))
        refused("save from a foreign Origin",
                ed.api("POST", "save", good_save, origin="http://evil.example"))
        refused("save from another local port's Origin",
                ed.api("POST", "save", good_save, origin="http://127.0.0.1:%d" % (port + 1)))
        refused("save with a foreign Host (DNS rebinding)",
                ed.api("POST", "save", good_save, host="evil.example:%d" % port))
        refused("the page with a foreign Host",
                ed.request("GET", "/__nastavnik/edit/?token=" + token, token=False,
                           host="evil.example:%d" % port))
        refused("save marked cross-site by the browser",
                ed.api("POST", "save", good_save, extra={"Sec-Fetch-Site": "cross-site"}))
        for path in ["../config.toml", "config.toml", "%2e%2e/config.toml",
                     "data/%2e%2e/config.toml", "data/schools/..%2f..%2fconfig.toml",
                     os.path.join(site, "config.toml"), "/etc/passwd",
                     "data\\schools\\pub-school-a.toml", "data/schools/link.toml",
                     "data/plans/new-plan.toml", "themes/x.toml", ".git/config"]:
            refused("save of %r" % path, ed.api("POST", "save", dict(good_save, path=path)))
            refused("reading %r" % path, ed.api("GET", "record?path=" + path.replace("%", "%25")))
        refused("create through a symlinked folder",
                ed.api("POST", "create", {"type": "plan", "title": "New plan"}))
        body = refused("validate of ../config.toml",
                       ed.api("POST", "validate", {"path": "../config.toml", "text": "x = 1"}))
        check("content/" in body.get("error", ""), "the path refusal names content/ and data/")

        # The public site is served as before.
        status, page = ed.request("GET", "/", token=False)
        check(status == 200 and "__nastavnik/edit" not in page, "the public site is unchanged")
        status, page = ed.request("GET", "/__nastavnik/edit/?token=" + token, token=False)
        check(status == 200 and "<html" in page and token in page, "the editor page opens with the token")

        # A good save: only the value's bytes change.
        os.unlink(os.path.join(site, "data/schools/link.toml"))
        path = os.path.join(site, SCHOOL)
        original = open(path, "rb").read()
        digest_before = source_digest(site, outside)
        status, saved = ed.api("POST", "save", {"path": SCHOOL, "base_hash": school["hash"],
                                                "edits": [{"op": "set", "key": ["years", 1, "ior"],
                                                           "value": 0.75}]})
        check(status == 200, "save with the token and the current hash → 200 (%s)" % saved)
        now = open(path, "rb").read()
        check(now == original.replace(b"ior   = 0.73   #", b"ior   = 0.75   #"),
              "the save changed only the value's bytes (comments and spacing stay)")
        check(saved["text"].encode() == now and saved["hash"] != school["hash"],
              "the answer has the written text and its new hash")
        after = source_digest(site, outside)
        check([k for k in after if after[k] != digest_before.get(k)] == [SCHOOL] and
              after.keys() == digest_before.keys(), "no other file changed")
        check(not [n for n in os.listdir(os.path.dirname(path)) if ".nk-" in n],
              "no temporary file is left beside it")

        # A concurrent edit on disk: the old hash no longer matches.
        with open(path, "ab") as f:
            f.write(b"# edited in another editor\n")
        on_disk = open(path, "rb").read()
        status, body = ed.api("POST", "save", {"path": SCHOOL, "base_hash": saved["hash"],
                                               "edits": [{"op": "set", "key": ["years", 1, "ior"],
                                                          "value": 0.5}]})
        check(status == 409 and body.get("conflict") is True, "a file changed on disk → 409")
        check(body["disk_text"].encode() == on_disk and open(path, "rb").read() == on_disk,
              "409 returns the disk's text and writes nothing")

        # Validation with an overlay: Russian diagnostics at line, column and key; nothing written.
        bad = on_disk.decode().replace("ior   = 0.75", "ior   = 1.5")
        line = bad.splitlines().index("ior   = 1.5   # по отчёту") + 1
        digest = source_digest(site, outside)
        status, body = ed.api("POST", "validate", {"path": SCHOOL, "text": bad})
        mine = [d for d in body.get("diagnostics", []) if d["path"] == SCHOOL]
        check(status == 200 and len(mine) == 1, "validate reports the one problem of the edit (%s)" % body)
        d = mine[0]
        check(d["line"] == line and d["col"] == 9 and d["key"] == "years.1.ior"
              and d["severity"] == "error", "…at its line, column and key years.1.ior")
        check("диапазона" in d["message"], "…in Russian: " + d["message"])
        check(source_digest(site, outside) == digest, "validate writes nothing")
        status, body = ed.api("POST", "validate",
                              {"path": "data/mentorships/new-pair.toml",
                               "text": 'title = "Новая пара"\nformat = "pair"\nmentors = ["nobody"]\n'})
        new = [d for d in body.get("diagnostics", []) if d["path"] == "data/mentorships/new-pair.toml"]
        check(any(d["key"] == "mentors.0" and "nobody" in d["message"] for d in new),
              "a new file is validated in the whole site's context (unknown school at mentors.0)")
        check(not os.path.exists(os.path.join(site, "data/mentorships/new-pair.toml")),
              "…and not written")

        # Git: the changed file is listed; a commit records it with [editor]'s author (the
        # symlinked folder is put back first).
        os.unlink(os.path.join(site, "data/plans"))
        git(site, "checkout", "--", "data/plans")
        status, state = ed.api("GET", "git")
        check(state["repository"] and {"path": SCHOOL, "status": "modified"} in state["changed"],
              "api/git lists the changed school file")
        status, records = ed.api("GET", "records")
        check([r["changed"] for r in records["records"] if r["path"] == SCHOOL] == [True],
              "api/records marks it changed")
        check(state["author"] == {"name": AUTHOR[0], "email": AUTHOR[1]},
              "the author comes from config.toml [editor]")
        with open(os.path.join(site, "notes.txt"), "w") as f:
            f.write("not a record\n")
        git(site, "add", "notes.txt")
        status, body = ed.api("POST", "commit", {"message": "  "})
        check(status == 400 and "описан" in body.get("error", ""), "an empty message → 400 in Russian")
        status, body = ed.api("POST", "commit", {"message": "ИОР школы № 1 за 2021 год"})
        check(status == 200 and len(body.get("commit", "")) == 40, "commit → 200 with the new id")
        log = git(site, "log", "-1", "--format=%H|%s|%an|%ae")
        check(log.strip() == "|".join([body["commit"], "ИОР школы № 1 за 2021 год", *AUTHOR]),
              "git log shows the message and the author")
        files = git(site, "show", "--name-only", "--format=", "HEAD").split()
        check(files == [SCHOOL], "only the record file is in the commit (%s)" % files)
        check(git(site, "status", "--porcelain", "--", "data").strip() == "",
              "the record file is clean after the commit")
        check("A  notes.txt" in git(site, "status", "--porcelain"), "other staged files stay staged")
        status, body = ed.api("POST", "commit", {"message": "ещё"})
        check(status == 400 and "нет изменений" in body.get("error", ""), "nothing to commit → 400")
        check_records_and_pages(ed, site)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        proc = None

        # A site that is not a Git repository still edits and saves.
        plain = os.path.join(work, "plain")
        shutil.copytree(os.path.join(ROOT, "tests/sites/privacy"), plain)
        port = free_port()
        proc, token = start(plain, port)
        ed = Editor(port, token)
        status, state = ed.api("GET", "git")
        check(status == 200 and state["repository"] is False and state["changed"] == [],
              "api/git of a site outside Git: repository false")
        status, doc = ed.api("GET", "record?path=" + SCHOOL)
        status, saved = ed.api("POST", "save", {"path": SCHOOL, "base_hash": doc["hash"], "edits": [
            {"op": "set", "key": ["students"], "value": 500}]})
        check(status == 200 and "students = 500" in open(os.path.join(plain, SCHOOL)).read(),
              "…saves")
        status, body = ed.api("POST", "commit", {"message": "x"})
        check(status == 400 and "Git" in body.get("error", ""), "…and refuses a commit in Russian")
        status, records = ed.api("GET", "records")
        check(status == 200 and not any(r["changed"] for r in records["records"]),
              "…and lists records, none marked changed")
    finally:
        if proc and proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(work, ignore_errors=True)
    print("%d checks passed" % check.count)


if __name__ == "__main__":
    main()
