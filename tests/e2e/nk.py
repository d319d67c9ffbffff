"""Shared helpers for the end-to-end tests: run the real binary, build sites into temp dirs."""
import hashlib
import os
import shutil
import subprocess
import tempfile

BIN = os.environ.get("NASTAVNIK", os.path.join(os.path.dirname(__file__), "../../build/nastavnik"))
ROOT = os.environ.get("NASTAVNIK_ROOT", os.path.abspath(os.path.join(os.path.dirname(__file__), "../..")))


def english_env(extra=None):
    """The environment with an English locale: messages do not depend on the machine's LANG."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANG"] = "C.UTF-8"
    env.update(extra or {})
    return env


# Every test speaks English to nastavnik unless it asks otherwise (--lang ru, or env=), also
# where it starts the binary itself: what it reads must not depend on the machine's locale.
# (english_env() reads os.environ: take it before clearing, or PATH and the rest are lost.)
_english = english_env()
os.environ.clear()
os.environ.update(_english)


def run(*args, cwd=None, timeout=600, env=None):
    """Runs nastavnik with args (in English unless env or --lang says otherwise); returns
    CompletedProcess with text stdout/stderr."""
    return subprocess.run([BIN, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=env or english_env())


def build(source=ROOT, out=None, *extra):
    out = out or tempfile.mkdtemp(prefix="nk-out-")
    result = run("build", "--source", source, "--out", out, *extra)
    return result, out


def tree_digest(root):
    """A digest of every file's path and bytes under root."""
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in sorted(os.walk(root)):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            h.update(os.path.relpath(path, root).encode())
            with open(path, "rb") as f:
                h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()


def copy_site(src, with_theme=True):
    """Copies a fixture site into a temp dir, adding the default theme when it has none."""
    dst = tempfile.mkdtemp(prefix="nk-site-")
    shutil.copytree(src, dst, dirs_exist_ok=True)
    if with_theme and not os.path.isdir(os.path.join(dst, "themes")):
        shutil.copytree(os.path.join(ROOT, "themes"), os.path.join(dst, "themes"))
    return dst


def copy_example_site(dst):
    """Copies the example site's inputs (config, content, data, themes, static) into dst."""
    os.makedirs(dst)
    for name in ["config.toml", "content", "data", "themes", "static"]:
        src = os.path.join(ROOT, name)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(dst, name))
        elif os.path.isfile(src):
            shutil.copy(src, os.path.join(dst, name))
    return dst


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def clean_diagnostics(stderr):
    """True when stderr has no error and no warning but the example site's one intended warning:
    a school outside the green zone that applied to the competition ([rules] warn)."""
    lines = [l for l in stderr.splitlines() if ": error: " in l or ": warning: " in l]
    return all(l.endswith("[competition_green_zone]") for l in lines) and ": error: " not in stderr


class Checks:
    """Counts named checks and prints them, so a failure says what was expected."""

    def __init__(self):
        self.count = 0

    def __call__(self, condition, what):
        self.count += 1
        if not condition:
            raise AssertionError("FAILED: " + what)
        print("ok -", what)
