"""Nothing internal reaches the public site (SPEC §3); the internal site shows all of it.

tests/sites/privacy/ writes a marker `zq…x` into every value only the internal audience may
see: reserve entries (every field), mentorship feedback, records with visibility = "internal" of
every type (their ids too), internal rows of every array of tables, and [internal] tables on
every record type. Public records also refer to internal ones. The public build must hold none
of the markers in any file it writes (pages, JSON, feeds, sitemap, calendars, search index,
CSV, and the XML inside xlsx workbooks); the internal build must hold every one of them.
"""
import gzip
import io
import os
import re
import shutil
import tempfile
import zipfile

from nk import ROOT, Checks, copy_site, run

check = Checks()
FIXTURE = os.path.join(ROOT, "tests", "sites", "privacy")
MARKER = re.compile(rb"zq[a-z]+x")
# Values that cannot carry a marker: dates only the internal audience may see, as pages
# (ISO), calendars (basic format) and the Russian long form would write them.
INTERNAL_DATES = ["2003-03-03", "2003-04-04", "2019-11-13", "20191113", "2021-05-19", "20210519"]


def planted_markers():
    """Every marker written in the fixture's sources."""
    found = set()
    for dirpath, _, files in os.walk(FIXTURE):
        for name in files:
            if name == "README.md":
                continue
            with open(os.path.join(dirpath, name), "rb") as f:
                found.update(m.decode() for m in MARKER.findall(f.read()))
            found.update(m.decode() for m in MARKER.findall(name.encode()))
    return found


def contents(root):
    """(path, bytes) of every file under root; zip archives (xlsx) and gzip files are opened."""
    for dirpath, _, files in os.walk(root):
        for name in files:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            with open(path, "rb") as f:
                data = f.read()
            yield rel, data
            if data[:4] == b"PK\x03\x04":
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    for member in z.namelist():
                        yield rel + "!" + member, z.read(member)
            elif data[:2] == b"\x1f\x8b":
                yield rel + "!gunzip", gzip.decompress(data)


def occurrences(root, needles):
    """needle → files where it occurs (case-insensitive)."""
    hits = {n: [] for n in needles}
    for rel, data in contents(root):
        lower = data.lower()
        for n in needles:
            if n.lower().encode() in lower:
                hits[n].append(rel)
    return hits


def main():
    markers = planted_markers()
    check(len(markers) >= 80, f"the fixture plants {len(markers)} distinct markers")
    check(not [a for a in markers for b in markers if a != b and a in b],
          "no marker is part of another, so each is found only where it is written")

    site = copy_site(FIXTURE)
    work = tempfile.mkdtemp(prefix="nk-privacy-")
    try:
        public, internal = os.path.join(work, "public"), os.path.join(work, "internal")
        result = run("build", "--source", site, "--out", public)
        check(result.returncode == 0 and result.stderr == "",
              "the public build succeeds without diagnostics: " + result.stderr[-1500:])
        result = run("build", "--source", site, "--out", internal, "--audience", "internal")
        check(result.returncode == 0 and result.stderr == "",
              "the internal build succeeds without diagnostics: " + result.stderr[-1500:])

        files = [rel for rel, _ in contents(public)]
        for kind in [".html", ".json", ".xml", ".ics", ".csv", ".xlsx"]:
            check(any(f.endswith(kind) for f in files), f"the public build writes {kind} files")
        check(any("!xl/sharedStrings.xml" in f for f in files),
              "xlsx workbooks are opened and their XML scanned")
        print(f"   scanned {len(files)} public files and archive members")

        leaks = {n: where for n, where in occurrences(public, sorted(markers) + INTERNAL_DATES).items()
                 if where}
        check(not leaks, "no marker or internal date in any public file: " +
              "; ".join(f"{n} in {w[:4]}" for n, w in sorted(leaks.items())))

        # A reserve entry's id is its file name (often the person's name): no page shows it.
        shown = sorted(markers - {"zqidreservex"})
        seen = occurrences(internal, shown + ["2003-03-03", "2003-04-04"])
        missing = sorted(n for n, where in seen.items() if not where)
        check(not missing, f"every marker appears in the internal build (missing: {missing})")
        reserve = open(os.path.join(internal, "reserve", "index.html"), encoding="utf-8").read()
        for value in ["zqreservefullnamex", "zqreservepositionx", ">37<", "2003-03-03", "2003-04-04",
                      "zqreservecertificatex", "zqreserveeventx", "да", "zqreservecontactsx",
                      "zqvalreservex", "/schools/pub-school-a/"]:
            check(value in reserve, f"the reserve page lists '{value}'")
        check(os.path.isfile(os.path.join(internal, "reserve", "reserve.xlsx")),
              "the internal build exports reserve/reserve.xlsx")
        check(not os.path.exists(os.path.join(public, "reserve")), "the public build has no /reserve/")
        school = open(os.path.join(internal, "schools", "pub-school-a", "index.html"),
                      encoding="utf-8").read()
        check("Служебные сведения" in school and "zqvalschoolx" in school,
              "the internal school page shows [internal] values under «Служебные сведения»")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
    print(f"{check.count} checks passed")


main()
