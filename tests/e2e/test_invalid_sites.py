"""Broken sites give exactly the expected diagnostics, from `check` and from `build`.

Each tests/sites_invalid/<case>/ is a small site with:
  expected.txt   the exact diagnostic lines (`path:line:col: error: message`), no source excerpts,
                 in Russian (`--lang ru`)
  expected.en.txt  optional: the same in English (`--lang en`), for a few cases
  expected_exit  1 for errors, 0 when only warnings are expected
  symlinks.txt   optional: `link -> target` lines, made at run time (git keeps links poorly)
  absent.txt     optional: strings that must not appear in any file a successful build writes
The case is copied to a temporary folder with the default theme. `check` must write nothing;
`build` must report the same, and on errors leave no output folder behind.
"""
import os
import re
import shutil
import sys
import tempfile

from nk import ROOT, Checks, english_env, run, tree_digest

check = Checks()
CASES = os.path.join(ROOT, "tests", "sites_invalid")
META = {"expected.txt", "expected.en.txt", "expected_exit", "symlinks.txt", "absent.txt"}
DIAG = re.compile(r"^(?P<path>\S[^:]*?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<sev>error|warning): ")


def prepare(case_dir, work):
    """Copies the case into work/site with the default theme and its symlinks; returns the site."""
    site = os.path.join(work, "site")
    shutil.copytree(case_dir, site, symlinks=True,
                    ignore=lambda d, names: [n for n in names if d == case_dir and n in META])
    if not os.path.isdir(os.path.join(site, "themes", "default")):
        shutil.copytree(os.path.join(ROOT, "themes", "default"), os.path.join(site, "themes", "default"))
    links = os.path.join(case_dir, "symlinks.txt")
    if os.path.exists(links):
        for line in open(links, encoding="utf-8"):
            if "->" not in line or line.startswith("#"):
                continue
            link, target = (part.strip() for part in line.split("->"))
            os.makedirs(os.path.dirname(os.path.join(site, link)), exist_ok=True)
            os.symlink(target, os.path.join(site, link))
    return site


def diagnostics(stderr):
    return [line for line in stderr.splitlines() if DIAG.match(line)]


def check_excerpts(name, site, stderr):
    """The source line printed under a diagnostic is that line of the file, counted from the top."""
    lines = stderr.splitlines()
    for i, line in enumerate(lines):
        m = DIAG.match(line)
        if not m or not m["line"] or i + 1 >= len(lines) or not lines[i + 1].startswith("    "):
            continue
        path = os.path.join(site, m["path"])
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            text = f.read().replace("\r\n", "\n").lstrip("\ufeff").split("\n")
        number = int(m["line"])
        check(number <= len(text) and lines[i + 1] == "    " + text[number - 1],
              f"{name}: the excerpt under '{line[:60]}' is line {number} of {m['path']}")


def all_text(root):
    for dirpath, _, files in os.walk(root):
        for f in files:
            with open(os.path.join(dirpath, f), "rb") as fh:
                yield os.path.relpath(os.path.join(dirpath, f), root), fh.read()


def run_case(name):
    case_dir = os.path.join(CASES, name)
    expected = open(os.path.join(case_dir, "expected.txt"), encoding="utf-8").read().splitlines()
    expected_exit = int(open(os.path.join(case_dir, "expected_exit")).read().strip())
    work = tempfile.mkdtemp(prefix="nk-invalid-")
    try:
        site = prepare(case_dir, work)
        before, listing = tree_digest(site), sorted(os.listdir(work))
        result = run("check", "--source", site, "--lang", "ru", timeout=120)
        got = diagnostics(result.stderr)
        if got != expected:
            print("--- got:\n" + "\n".join(got) + "\n--- expected:\n" + "\n".join(expected))
        check(got == expected, f"{name}: check reports exactly expected.txt ({len(expected)} lines)")
        check(result.returncode == expected_exit, f"{name}: check exits {expected_exit} "
              f"(got {result.returncode})")
        check(tree_digest(site) == before and sorted(os.listdir(work)) == listing,
              f"{name}: check writes nothing")
        check_excerpts(name, site, result.stderr)
        english = os.path.join(case_dir, "expected.en.txt")
        if os.path.exists(english):
            want = open(english, encoding="utf-8").read().splitlines()
            got = diagnostics(run("--lang", "en", "check", "--source", site, timeout=120).stderr)
            if got != want:
                print("--- got:\n" + "\n".join(got) + "\n--- expected:\n" + "\n".join(want))
            check(got == want, f"{name}: check --lang en reports exactly expected.en.txt")

        out = os.path.join(work, "out")
        # The language from the environment: LANG=ru_RU.UTF-8 speaks Russian as --lang ru does.
        result = run("build", "--source", site, "--out", out, timeout=300,
                     env=english_env({"LANG": "ru_RU.UTF-8"}))
        check(diagnostics(result.stderr) == expected, f"{name}: build reports the same diagnostics")
        check(result.returncode == expected_exit, f"{name}: build exits {expected_exit}")
        check(os.path.isdir(out) == (expected_exit == 0),
              f"{name}: build {'writes' if expected_exit == 0 else 'writes no'} output")
        leftovers = [n for n in os.listdir(work) if "staging" in n]
        check(not leftovers, f"{name}: no staging folder is left behind ({leftovers})")
        absent = os.path.join(case_dir, "absent.txt")
        if expected_exit == 0 and os.path.exists(absent):
            for needle in open(absent, encoding="utf-8").read().splitlines():
                hits = [rel for rel, data in all_text(out) if needle.encode() in data]
                check(not hits, f"{name}: '{needle}' appears in no output file ({hits})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    names = sorted(n for n in os.listdir(CASES) if os.path.isdir(os.path.join(CASES, n)))
    only = sys.argv[1:]
    check(len(names) >= 25, f"at least 25 invalid-site fixtures ({len(names)})")
    for name in names:
        if not only or name in only:
            run_case(name)
    print(f"{check.count} checks passed over {len(names)} fixtures")


main()
