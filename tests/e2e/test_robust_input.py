"""Robust input: a BOM and CRLF change nothing; broken, huge, deeply nested, binary, oddly named
and special files give a clear error (or are handled) — never a crash, a hang or a silent skip.
Every run has a time limit; a crash would show as a negative exit status or a sanitizer report.
"""
import os
import shutil
import subprocess
import tempfile

from nk import clean_diagnostics, BIN, ROOT, Checks, tree_digest

check = Checks()
TIMEOUT = 120
CONFIG = 'title = "Проверка"\nas_of = 2022-03-15\n'
SCHOOL = 'name = "МБОУ СОШ № 1"\nmunicipality = "Кореновский район"\n'
PRACTICE = '+++\ntitle = "Практика"\ndate = 2021-02-01\nschools = ["sosh-1"]\n+++\n# Текст\n\nАбзац.\n'


def nastavnik(*args):
    try:
        return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=TIMEOUT,
                              errors="replace")
    except subprocess.TimeoutExpired:
        raise AssertionError(f"FAILED: nastavnik {' '.join(args)} hung for {TIMEOUT} s")


def small_site(work, name="site"):
    site = os.path.join(work, name)
    for rel, text in {"config.toml": CONFIG, "data/schools/sosh-1.toml": SCHOOL,
                      "content/practices/praktika.md": PRACTICE}.items():
        write(os.path.join(site, rel), text)
    shutil.copytree(os.path.join(ROOT, "themes", "default"), os.path.join(site, "themes", "default"))
    return site


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else "w", **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as f:
        f.write(data)


def clean_failure(result, what, expect_in_stderr):
    """Exit 1 with the expected diagnostic: no crash, no sanitizer report, no exception text."""
    crashed = result.returncode < 0 or any(s in result.stderr for s in
                                           ["AddressSanitizer", "runtime error:", "terminate called"])
    check(not crashed, f"{what}: no crash ({result.returncode})")
    check(result.returncode == 1, f"{what}: exit 1 (got {result.returncode})")
    check(expect_in_stderr in result.stderr,
          f"{what}: says '{expect_in_stderr}'" + ("" if expect_in_stderr in result.stderr else
                                                   "; stderr: " + result.stderr[:600]))


def bom_and_crlf(work):
    """The example site with every text file saved as UTF-8 with a BOM and CRLF line ends."""
    plain, converted = os.path.join(work, "plain"), os.path.join(work, "bom-crlf")
    for site in (plain, converted):
        os.makedirs(site)
        for name in ["config.toml", "content", "data", "themes"]:
            src = os.path.join(ROOT, name)
            (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(site, name))
    count = 0
    for dirpath, _, files in os.walk(converted):
        for name in files:
            if name.endswith((".toml", ".md")):
                path = os.path.join(dirpath, name)
                data = open(path, "rb").read()
                write(path, b"\xef\xbb\xbf" + data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
                count += 1
    outs = []
    for site in (plain, converted):
        out = site + "-out"
        result = nastavnik("build", "--source", site, "--out", out)
        check(result.returncode == 0 and clean_diagnostics(result.stderr),
              f"{os.path.basename(site)}: builds without diagnostics: {result.stderr[:500]}")
        outs.append(tree_digest(out))
    check(outs[0] == outs[1], f"{count} files with BOM + CRLF give byte-identical output to LF")


def broken_files(work):
    n = 10000
    cases = [
        ("invalid UTF-8 (Windows-1251)", "data/schools/sosh-2.toml",
         'name = "Школа"\nmunicipality = "Район"\n'.encode("cp1251"), "invalid UTF-8"),
        ("missing closing +++", "content/practices/open.md", '+++\ntitle = "x"\ndate = 2021-01-01\n',
         "front matter is not closed"),
        ("empty file", "content/practices/empty.md", b"", "file is empty"),
        ("BOM-only file", "data/schools/bom.toml", b"\xef\xbb\xbf", "missing required field 'name'"),
        ("binary file", "data/schools/photo.toml", bytes(range(256)) * 4, "binary file"),
        ("deeply nested arrays", "data/schools/deep-a.toml",
         SCHOOL + "deep = " + "[" * n + "]" * n + "\n", "maximum nested value depth"),
        ("deeply nested inline tables", "data/schools/deep-t.toml",
         SCHOOL + "deep = " + "{a = " * n + "1" + "}" * n + "\n", "maximum nested value depth"),
        ("10,000 dotted keys", "data/schools/deep-k.toml", SCHOOL + ".".join(["a"] * n) + " = 1\n",
         "unknown field 'a'"),
        ("10,000-level table header", "data/schools/deep-h.toml",
         SCHOOL + "[" + ".".join(["a"] * n) + "]\nx = 1\n", "unknown field 'a'"),
        ("deep nesting in front matter", "content/practices/deep.md",
         '+++\ntitle = "x"\ndate = 2021-01-01\n[internal]\nk = ' + "[" * n + "]" * n + "\n+++\n",
         "deep.md:5:"),
    ]
    for what, rel, data, expected in cases:
        site = small_site(work, "broken")
        write(os.path.join(site, rel), data)
        clean_failure(nastavnik("check", "--source", site), what, expected)
        shutil.rmtree(site)


def huge_files(work):
    site = small_site(work, "huge")
    for rel in ["data/schools/huge.toml", "content/practices/huge.md"]:
        with open(os.path.join(site, rel), "wb") as f:
            f.truncate(100 * 1024 * 1024)  # sparse: 100 MB without using the disk
    result = nastavnik("check", "--source", site)
    clean_failure(result, "two 100 MB files", "huge.md: error: file is too large (100 MB")
    check("huge.toml: error: file is too large" in result.stderr, "both are reported")
    shutil.rmtree(site)


def pathological_markdown(work):
    site = small_site(work, "markdown")
    n = 10000
    body = (">" * n + " цитата\n\n" + "".join("  " * i + "- пункт\n" for i in range(2000)) +
            "[" * n + "\n\n" + "*" * n + "текст" + "*" * n + "\n\n" + "`" * n + "\n")
    write(os.path.join(site, "content/practices/deep.md"),
          '+++\ntitle = "Глубокая вложенность"\ndate = 2021-01-01\n+++\n' + body)
    result = nastavnik("build", "--source", site, "--out", site + "-out")
    check(result.returncode == 0, f"10,000-deep Markdown builds: {result.stderr[:300]}")
    check(os.path.getsize(os.path.join(site + "-out", "practices", "deep", "index.html")) > 10000,
          "and its page is written")
    shutil.rmtree(site)


def names_with_cyrillic_and_spaces(work):
    site = small_site(work, "Мой сайт с пробелами")
    out = os.path.join(work, "Готовый сайт", "для публикации")
    result = nastavnik("build", "--source", site, "--out", out)
    check(result.returncode == 0 and os.path.isfile(os.path.join(out, "practices", "praktika", "index.html")),
          f"a site and an output folder with Cyrillic names and spaces build: {result.stderr[:300]}")
    write(os.path.join(site, "data/schools/школа 2.toml"), SCHOOL)
    write(os.path.join(site, "content/practices/Архив 2020/старая практика.md"), PRACTICE)
    result = nastavnik("check", "--source", site)
    clean_failure(result, "a file named 'школа 2.toml'",
                  "data/schools/школа 2.toml:1:1: error: file name 'школа 2' is not a valid id")
    check("(for example 'shkola-2')" in result.stderr, "the error suggests a valid id")
    check("content/practices/Архив 2020: warning: folder ignored" in result.stderr,
          "a sub-folder of practices is reported, not skipped silently")
    shutil.rmtree(site)


def special_files(work):
    site = small_site(work, "special")
    practices = os.path.join(site, "content", "practices")
    os.mkfifo(os.path.join(practices, "pipe.md"))
    os.symlink("loop.md", os.path.join(practices, "loop.md"))
    os.symlink("missing.md", os.path.join(practices, "dangling.md"))
    os.symlink("/dev/zero", os.path.join(practices, "zero.md"))
    result = nastavnik("check", "--source", site)
    clean_failure(result, "a named pipe", "pipe.md: error: not a regular file")
    for name, text in [("loop.md", "loops back on itself"),
                       ("dangling.md", "points to a file that does not exist: missing.md"),
                       ("zero.md", "points outside the site")]:
        check(f"{name}: error: symbolic link {text}" in result.stderr, f"{name}: '{text}'")
    shutil.rmtree(site)


def main():
    work = tempfile.mkdtemp(prefix="nk-robust-")
    try:
        bom_and_crlf(work)
        broken_files(work)
        huge_files(work)
        pathological_markdown(work)
        names_with_cyrillic_and_spaces(work)
        special_files(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{check.count} checks passed")


main()
