"""`nastavnik serve` end to end: serve a copy of the example site on a free port, fetch a page,
edit its file and see the page change, break the file and see the error overlay (in the page and
at /__nastavnik/errors, with file:line and the source line) while the last good page stays, fix it
and see the page back; the event stream announces each new build; path traversal, encoded
traversal and symbolic links get 403/404; SIGINT stops the server cleanly.
"""
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

from nk import BIN, Checks, copy_example_site

check = Checks()
PRACTICE = "content/practices/roditelskiy-universitet.md"
URL = "/practices/roditelskiy-universitet/"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_site(work):
    site = os.path.join(work, "src")
    copy_example_site(site)
    return site


def get(port, path, timeout=10):
    """(status, body) of a GET sent with the path exactly as given (no normalisation)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def raw_request(port, line):
    """Sends one raw request line; returns the status code."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(line.encode() + b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head = data.split(b"\r\n", 1)[0].decode()
    return int(head.split()[1]), data.decode("utf-8", "replace")


def wait_for(what, predicate, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if predicate():
                return True
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.3)
    raise AssertionError("timed out waiting for " + what)


class EventStream(threading.Thread):
    """Collects the `data:` lines of /__nastavnik/events."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port, self.events = port, []

    def run(self):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
            conn.request("GET", "/__nastavnik/events")
            resp = conn.getresponse()
            while line := resp.readline():
                if line.startswith(b"data: "):
                    self.events.append(json.loads(line[6:]))
        except (OSError, http.client.HTTPException, ValueError):
            pass


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def edit_and_break(site, port, stream):
    path = os.path.join(site, PRACTICE)
    good = read(path)
    edited = good.replace("## Зачем", "## Зачем это нужно школе", 1)
    write(path, edited)
    wait_for("the edited page", lambda: "Зачем это нужно школе" in get(port, URL)[1])
    check(True, "after an edit the served page shows the new text")
    wait_for("a build event", lambda: len(stream.events) >= 2 and stream.events[-1]["generation"] > stream.events[0]["generation"])
    check(True, f"the event stream announced the new build: {stream.events[-1]}")

    broken = edited.replace("date = 2021-06-25", "date = 2021-06-", 1)
    check(broken != edited, "the practice has the date line the test breaks")
    write(path, broken)
    wait_for("the error report", lambda: not json.loads(get(port, "/__nastavnik/errors")[1])["ok"])
    report = json.loads(get(port, "/__nastavnik/errors")[1])
    first = report["errors"][0]
    check(first["path"] == PRACTICE and first["line"] == 3 and first["source"] == "date = 2021-06-",
          f"/__nastavnik/errors names {PRACTICE}:3 and its source line: {first}")
    status, page = get(port, URL)
    check(status == 200 and 'id="nastavnik-errors"' in page and f"{PRACTICE}:3:" in page
          and "date = 2021-06-" in page, "the served page carries the overlay with file:line and the source line")
    check("Зачем это нужно школе" in page, "the last good page stays served while the content has errors")

    write(path, good)
    wait_for("the repaired site", lambda: json.loads(get(port, "/__nastavnik/errors")[1])["ok"])
    status, page = get(port, URL)
    check(status == 200 and 'id="nastavnik-errors"' not in page and "## Зачем" not in page
          and "Зачем это нужно школе" not in page and ">Зачем<" in page,
          "after the fix the page is back, without the overlay")


def traversal(site, port, out):
    attempts = ["/../config.toml", "/%2e%2e/config.toml", "/practices/..%2f..%2fconfig.toml",
                "/..%2fconfig.toml", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/..%5cconfig.toml",
                "/css/../../config.toml", "/./config.toml", "//etc/passwd", "/practices/%00/index.html"]
    for path in attempts:
        status, body = raw_request(port, f"GET {path} HTTP/1.1")
        check(status in (400, 403, 404) and "base_url" not in body and "root:" not in body,
              f"GET {path} is refused ({status})")
    os.symlink("/etc/passwd", os.path.join(out, "leak.txt"))
    os.symlink(site, os.path.join(out, "source"))
    for path in ["/leak.txt", "/source/config.toml"]:
        status, body = get(port, path)
        check(status in (403, 404) and "base_url" not in body and "root:" not in body,
              f"GET {path} through a symbolic link is refused ({status})")


def main():
    work = tempfile.mkdtemp(prefix="nk-serve-")
    site = make_site(work)
    port = free_port()
    log_path = os.path.join(work, "serve.log")
    log = open(log_path, "w")
    proc = subprocess.Popen([BIN, "serve", "--source", site, "--port", str(port), "--jobs", "2"],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for("the first build", lambda: get(port, "/")[0] == 200, timeout=300)
        status, page = get(port, URL)
        check(status == 200 and "Родительский университет" in page, f"GET {URL} serves the practice page")
        check('src="/__nastavnik/live.js"' in page, "served HTML pages get the live-reload script")
        out = os.path.join(site, ".nastavnik-cache", "serve", "site")
        built = read(os.path.join(out, "practices", "roditelskiy-universitet", "index.html"))
        check("__nastavnik" not in built and "http://127.0.0.1:%d/" % port in built,
              "the built file has no dev-server script and links with the local base URL")
        check(get(port, "/__nastavnik/live.js")[0] == 200, "the live-reload script is served")
        check(get(port, "/no/such/page/")[0] == 404, "a missing page is 404")
        stream = EventStream(port)
        stream.start()
        wait_for("the first event", lambda: stream.events)
        edit_and_break(site, port, stream)
        traversal(site, port, out)
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=30)
        check(code == 0, f"SIGINT stops the server cleanly (exit {code})")
        check("stopped" in read(log_path), "the server says it stopped")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{check.count} checks passed")


if __name__ == "__main__":
    main()
