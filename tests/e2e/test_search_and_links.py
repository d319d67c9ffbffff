"""The search index of the example site (complete, reproducible, with its own build stage) and the
internal link checker (a broken link and a broken anchor fail the build at their positions)."""
import json
import os
import re
import shutil
import tempfile

from nk import ROOT, Checks, build, read, run, tree_digest

check = Checks()


def search_files(out):
    return sorted(os.listdir(os.path.join(out, "search")))


def index_and_reproducibility():
    result, out = build(ROOT, None, "--verbose")
    check(result.returncode == 0, "example site builds: " + result.stderr[-2000:])
    check(re.search(r"^  search index — \d+ ms \(cpu \d+ ms\), heap \d+ MB$", result.stdout, re.M) is not None,
          "the search index is its own timed stage in --verbose")
    manifest = json.loads(read(os.path.join(out, "search", "manifest.json")))
    practices = json.loads(read(os.path.join(out, "api", "practices.json")))
    check(manifest["count"] == len(practices), f"the index holds all {len(practices)} public practices")
    files = search_files(out)
    check(len([f for f in files if re.fullmatch(r"t\d+\.json", f)]) == len(manifest["terms"]),
          "one terms shard per manifest entry")
    check(len([f for f in files if re.fullmatch(r"d\d+\.json", f)]) == manifest["doc_shards"],
          "every document shard is written")
    urls = [d[0] for k in range(manifest["doc_shards"])
            for d in json.loads(read(os.path.join(out, "search", f"d{k}.json")))["docs"]]
    check(urls == ["/" + p["url"].split("/", 3)[3] for p in practices],
          "documents are the practices, newest first")
    check(all(os.path.isfile(os.path.join(out, u.strip("/"), "index.html")) for u in urls),
          "every document links to a page that exists")
    for kind, prefix in (("lexicon", "f"), ("reversed", "r")):
        check(len([f for f in files if re.fullmatch(prefix + r"\d+\.json", f)]) == len(manifest[kind]),
              f"one {kind} shard per manifest entry (typo tolerance)")
    lexicon = [s for k in range(len(manifest["lexicon"]))
               for s in json.loads(read(os.path.join(out, "search", f"f{k}.json")))["s"]]
    stems = [s for k in range(len(manifest["terms"]))
             for s in json.loads(read(os.path.join(out, "search", f"t{k}.json")))["s"]]
    check(lexicon == stems, "the typo lexicon holds the stems of the terms shards, in order")
    records = json.loads(read(os.path.join(out, "search", "records.json")))
    urls_by_kind = {}
    for r in records["r"]:
        urls_by_kind.setdefault(records["kinds"][r[0]][0], []).append(r[1])
    for kind in ("schools", "events", "mentorships", "plans", "associations", "competitions"):
        api = os.path.join(out, "api", kind + ".json")
        if os.path.isfile(api):
            expected = sorted("/" + x["url"].split("/", 3)[3] for x in json.loads(read(api)))
            check(sorted(urls_by_kind.get(kind, [])) == expected,
                  f"the site search holds every public record of {kind} ({len(expected)})")
        else:
            check(all(os.path.isfile(os.path.join(out, u.strip("/"), "index.html"))
                      for u in urls_by_kind.get(kind, [])), f"every {kind} record links to its page")
    check(os.path.isfile(os.path.join(out, "search", "index.html")), "the site search page is written")
    sitemap = read(os.path.join(out, "sitemap.xml"))
    check("/search/" not in sitemap, "index files are not listed in the sitemap")
    check("/practices/by-title/" in sitemap, "the by-title catalogue is in the sitemap")
    result2, out2 = build(ROOT, None, "--jobs", "1")
    check(result2.returncode == 0, "second build (one thread) succeeds")
    check(tree_digest(os.path.join(out, "search")) == tree_digest(os.path.join(out2, "search")),
          "two builds (all cores, one thread) give a byte-identical index")
    shutil.rmtree(out)
    shutil.rmtree(out2)


def copy_example():
    """The example site's sources (not its build directories) in a temp dir."""
    site = tempfile.mkdtemp(prefix="nk-site-")
    shutil.copy(os.path.join(ROOT, "config.toml"), site)
    for name in ("content", "data", "themes", "static"):
        if os.path.isdir(os.path.join(ROOT, name)):
            shutil.copytree(os.path.join(ROOT, name), os.path.join(site, name))
    return site


def broken_links():
    site = copy_example()
    try:
        path = os.path.join(site, "content", "practices", "roditelskiy-universitet.md")
        text = read(path)
        text += ("\nСм. [несуществующую практику](/practices/setevaya-para-rukovoditeley2/)"
                 " и [раздел](/practices/setevaya-para-rukovoditeley/#dogovorennosti-na-starte2).\n")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        line = text.count("\n")
        result = run("check", "--source", site)
        check(result.returncode == 1, "a broken internal link fails the check (exit 1)")
        prefix = f"content/practices/roditelskiy-universitet.md:{line}:"
        check(re.search(re.escape(prefix) + r"\d+: error: broken link '/practices/setevaya-para-rukovoditeley2/' "
                        r"\(did you mean '/practices/setevaya-para-rukovoditeley/'\?\)", result.stderr) is not None,
              "the broken link is reported at its line with a suggestion: " + result.stderr[:600])
        check("error: broken link '/practices/setevaya-para-rukovoditeley/#dogovorennosti-na-starte2': no heading "
              "with anchor 'dogovorennosti-na-starte2' on '/practices/setevaya-para-rukovoditeley/' "
              "(did you mean '#dogovorennosti-na-starte'?)" in result.stderr,
              "the broken anchor is reported with the closest heading")
        out = tempfile.mkdtemp(prefix="nk-out-")
        result = run("build", "--source", site, "--out", out)
        check(result.returncode == 1 and not os.listdir(out), "the build stops and writes nothing")
        shutil.rmtree(out)
    finally:
        shutil.rmtree(site)


index_and_reproducibility()
broken_links()
print(f"{check.count} checks passed")
