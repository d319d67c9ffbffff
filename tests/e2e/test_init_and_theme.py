"""`nastavnik init`, the built-in theme and finding the site from the current folder (SPEC §5).

- `init` in an empty folder makes a site that `check`, `build` and `serve` take at once, run in
  that folder without --source; `init` refuses a folder that is not empty (exit 2).
- A site with no themes/ folder builds on the built-in theme, byte for byte as the same site with
  a copy of this repository's themes/default/; a site overriding one template shows it and keeps
  the rest built in; a theme of another name may hold only the files it changes; a theme that
  is neither built in nor in themes/ is still an error.
- `theme export` writes files identical to themes/default/.
- Outside any site `new`, `check` and `build` exit 2 and write nothing; from a subfolder of a
  site they find it (and `build` writes <site>/site).
"""
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from nk import BIN, ROOT, Checks, copy_example_site, read, run, tree_digest

check = Checks()
THEME = os.path.join(ROOT, "themes", "default")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def wait_for(what, predicate, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if predicate():
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.3)
    raise AssertionError("timed out waiting for " + what)


def listing(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


def init_build_serve(work):
    site = os.path.join(work, "new-site")
    os.makedirs(site)
    result = run("init", site)
    check(result.returncode == 0, f"init in an empty folder succeeds ({result.stderr[-300:]})")
    files = listing(site)
    for name in ["config.toml", ".gitignore", ".github/workflows/pages.yml", ".gitlab-ci.yml"]:
        check(name in files, f"init writes {name}")
    check(not os.path.exists(os.path.join(site, "themes")), "init writes no copy of the theme")
    for folder in ["data/schools", "data/mentorships", "content/practices", "content/events"]:
        check(any(f.startswith(folder + "/") for f in files), f"init writes an example in {folder}/")
    ignore = read(os.path.join(site, ".gitignore")).split()
    for entry in ["/site/", "/site-internal/", "/.nastavnik-cache/", "/.site.nastavnik-*",
                  "/.site-internal.nastavnik-*"]:
        check(entry in ignore, f".gitignore lists {entry}")
    check(read(os.path.join(site, ".gitlab-ci.yml")) == read(os.path.join(ROOT, "docs/ci/gitlab-ci.yml")),
          "the CI recipe is that of docs/publishing.md")
    lines = read(os.path.join(site, "config.toml")).splitlines()
    keys = [i for i, line in enumerate(lines) if re.match(r"^[a-z_]+ = ", line)]
    explained = [i for i in keys if re.search("[а-яё]", lines[i - 1] + lines[i].partition(" #")[2], re.I)
                 and (lines[i - 1].startswith("#") or " #" in lines[i])]
    check(len(keys) >= 12 and explained == keys,
          "every key of config.toml has a comment in Russian: " + ", ".join(lines[i].split()[0] for i in keys))
    check(all("# " + k in "\n".join(lines) for k in ["as_of", "practices_per_page"]),
          "the keys left at their defaults are shown commented out")

    again = run("init", site)
    check(again.returncode == 2 and listing(site) == files, "init refuses a folder that is not empty (exit 2)")

    result = subprocess.run([BIN, "check"], cwd=site, capture_output=True, text=True, timeout=600)
    check(result.returncode == 0 and "warning" not in result.stderr,
          f"check in the new site finds no problem ({result.stderr[-500:]})")
    result = subprocess.run([BIN, "build"], cwd=site, capture_output=True, text=True, timeout=600)
    check(result.returncode == 0, f"build in the new site succeeds ({result.stderr[-500:]})")
    check(os.path.isfile(os.path.join(site, "site", "index.html")), "build writes site/index.html")
    check(os.path.isfile(os.path.join(site, "site", "css", "style.css")),
          "the built-in theme's stylesheet is copied")

    port = free_port()
    log = open(os.path.join(work, "serve.log"), "w")
    proc = subprocess.Popen([BIN, "serve", "--port", str(port), "--jobs", "2"], cwd=site,
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for("serve to answer /", lambda: get(port, "/")[0] == 200, timeout=300)
        status, page = get(port, "/")
        check(status == 200 and "<html" in page, "serve (run in the site, no --source) answers /")
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=30)
        log.close()
    check(code == 0, f"serve stops on SIGINT (exit {code})")
    return site


def build_into(site, out, *extra):
    result = run("build", "--source", site, "--out", out, "--no-cache", *extra)
    check(result.returncode == 0, f"build of {os.path.basename(site)} succeeds ({result.stderr[-500:]})")
    return out


def builtin_theme(work):
    with_copy = copy_example_site(os.path.join(work, "with-copy"))
    without = copy_example_site(os.path.join(work, "without"))
    shutil.rmtree(os.path.join(without, "themes"))
    a = build_into(with_copy, os.path.join(work, "out-with-copy"))
    b = build_into(without, os.path.join(work, "out-without"))
    check(tree_digest(a) == tree_digest(b),
          "a site without themes/ builds byte for byte as with a copy of themes/default/")

    marker = "<!-- nastavnik-test: the site's own index template -->"
    override = os.path.join(without, "themes", "default", "templates", "index.mustache")
    os.makedirs(os.path.dirname(override))
    with open(override, "w", encoding="utf-8") as f:
        f.write(read(os.path.join(THEME, "templates", "index.mustache")) + marker + "\n")
    c = build_into(without, os.path.join(work, "out-override"))
    check(marker in read(os.path.join(c, "index.html")), "the overriding template shows on its page")
    practice = os.path.join("practices", "roditelskiy-universitet", "index.html")
    check(read(os.path.join(c, practice)) == read(os.path.join(b, practice)) and marker not in read(os.path.join(c, practice)),
          "the other pages keep the built-in templates")
    check(read(os.path.join(c, "css", "style.css")) == read(os.path.join(THEME, "static", "css", "style.css")),
          "and the built-in static files")

    # A theme of another name holds only what it changes.
    shutil.rmtree(os.path.join(without, "themes"))
    css = os.path.join(without, "themes", "mine", "static", "css", "style.css")
    os.makedirs(os.path.dirname(css))
    with open(css, "w", encoding="utf-8") as f:
        f.write("body { color: #123456; }\n")
    config = os.path.join(without, "config.toml")
    text = read(config)
    with open(config, "w", encoding="utf-8") as f:
        f.write(text.replace('theme = "default"', 'theme = "mine"'))
    d = build_into(without, os.path.join(work, "out-mine"))
    check(read(os.path.join(d, "css", "style.css")) == "body { color: #123456; }\n",
          "a theme's own stylesheet replaces the built-in one")
    check(os.path.isfile(os.path.join(d, "js", "search.js")) and read(os.path.join(d, practice)) == read(os.path.join(b, practice)),
          "and the rest stays built in")
    with open(config, "w", encoding="utf-8") as f:
        f.write(text.replace('theme = "default"', 'theme = "nosuch"'))
    result = run("check", "--source", without)
    check(result.returncode == 1 and "error: theme 'nosuch' not found in themes/" in result.stderr,
          "a theme neither built in nor in themes/ is an error: " + result.stderr[:200])


def theme_export(work):
    out = os.path.join(work, "exported")
    result = run("theme", "export", out)
    check(result.returncode == 0, f"theme export succeeds ({result.stderr[-300:]})")
    check(listing(out) == listing(THEME) and tree_digest(out) == tree_digest(THEME),
          "theme export writes files identical to themes/default/")
    result = run("theme", "export", out)
    check(result.returncode == 2, "theme export refuses a folder that is not empty (exit 2)")


def outside_and_below(work, site):
    outside = os.path.join(work, "outside")
    os.makedirs(outside)
    for args in (["new", "practice", "Новая практика"], ["check"], ["build"]):
        result = subprocess.run([BIN, *args], cwd=outside, capture_output=True, text=True, timeout=60)
        check(result.returncode == 2 and "config.toml" in result.stderr and os.listdir(outside) == [],
              f"{args[0]} outside a site exits 2 and writes nothing ({result.stderr.strip()[:200]})")
    below = os.path.join(site, "content", "practices")
    result = subprocess.run([BIN, "check"], cwd=below, capture_output=True, text=True, timeout=600)
    check(result.returncode == 0 and "no errors" in result.stdout,
          f"check in a subfolder of the site finds the site ({result.stderr[-300:]})")
    result = subprocess.run([BIN, "new", "practice", "Практика из подпапки"], cwd=below,
                            capture_output=True, text=True, timeout=60)
    made = os.path.join(site, "content", "practices", "praktika-iz-podpapki.md")
    check(result.returncode == 0 and os.path.isfile(made) and not os.path.exists(os.path.join(below, "content")),
          f"new in a subfolder writes into the site ({result.stdout.strip()} {result.stderr.strip()})")
    os.remove(made)
    shutil.rmtree(os.path.join(site, "site"))
    result = subprocess.run([BIN, "build"], cwd=below, capture_output=True, text=True, timeout=600)
    check(result.returncode == 0 and os.path.isfile(os.path.join(site, "site", "index.html"))
          and not os.path.exists(os.path.join(below, "site")),
          "build in a subfolder writes <site>/site")


def main():
    work = tempfile.mkdtemp(prefix="nk-init-")
    try:
        site = init_build_serve(work)
        theme_export(work)
        outside_and_below(work, site)
        builtin_theme(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{check.count} checks passed")


main()
