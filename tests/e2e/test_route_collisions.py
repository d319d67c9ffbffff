"""Every output path has one source (SPEC §4a): two sources for one path stop the build.

Copies of the example site are built once into an output folder, then broken with one collision
each: a static file at a generated page's path, at /api/schools.json and at a file of the search
index (known only when it is planned), a practice whose slug is
a catalogue page's name, a static file at a record's page (two sources with a file each: both are
reported), a free page at a list page's path. Each build must exit 1, name both sources, and leave
the previous output as it was. A site static file that overrides a theme static file of the same
name is not a collision: that site builds.
"""
import glob
import os
import shutil
import tempfile

from nk import clean_diagnostics, Checks, build, copy_example_site, read, tree_digest

check = Checks()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def first(pattern):
    return sorted(glob.glob(pattern))[0]


def static_at_catalogue(site):
    write(os.path.join(site, "static", "practices", "index.html"), "<p>mine</p>")
    return ["static/practices/index.html: error: two sources for the output file "
            "'practices/index.html': the static file 'static/practices/index.html' and the "
            "practice catalogue (generated)"]


def static_at_api(site):
    write(os.path.join(site, "static", "api", "schools.json"), "[]")
    return ["static/api/schools.json: error: two sources for the output file 'api/schools.json': "
            "the static file 'static/api/schools.json' and the JSON API file 'schools.json' "
            "(generated)"]


def static_at_search_index(site):
    write(os.path.join(site, "static", "search", "manifest.json"), "{}")
    return ["static/search/manifest.json: error: two sources for the output file "
            "'search/manifest.json': the static file 'static/search/manifest.json' and the search "
            "index (generated)"]


def slug_at_catalogue_page(site):
    practice = first(os.path.join(site, "content", "practices", "*.md"))
    shutil.copy(practice, os.path.join(site, "content", "practices", "by-title.md"))
    return ["content/practices/by-title.md:1:1: error: two sources for the output file "
            "'practices/by-title/index.html': the practice 'by-title' and the practice catalogue "
            "by title (generated)"]


def static_at_record(site):
    school = os.path.splitext(os.path.basename(first(os.path.join(site, "data", "schools", "*.toml"))))[0]
    write(os.path.join(site, "static", "schools", school, "index.html"), "<p>mine</p>")
    path = f"schools/{school}/index.html"
    return [f"data/schools/{school}.toml:1:1: error: two sources for the output file '{path}': "
            f"the school '{school}' and the static file 'static/{path}'",
            f"static/{path}: error: two sources for the output file '{path}': the static file "
            f"'static/{path}' and the school '{school}' (data/schools/{school}.toml:1:1)"]


def page_at_list_page(site):
    write(os.path.join(site, "content", "pages", "mentors.md"), '+++\ntitle = "Наставники"\n+++\nТекст.\n')
    return ["content/pages/mentors.md:1:1: error: two sources for the output file "
            "'mentors/index.html': the page 'mentors' and the mentor schools page (generated)"]


def main():
    work = tempfile.mkdtemp(prefix="nk-routes-")
    try:
        for case in [static_at_catalogue, static_at_api, static_at_search_index,
                     slug_at_catalogue_page, static_at_record, page_at_list_page]:
            name = case.__name__
            site = copy_example_site(os.path.join(work, name))
            out = os.path.join(work, name + "-out")
            result, _ = build(site, out)
            check(result.returncode == 0, f"{name}: the intact site builds ({result.stderr[-300:]})")
            before = tree_digest(out)
            expected = case(site)
            result, _ = build(site, out)
            check(result.returncode == 1, f"{name}: the build exits 1 (got {result.returncode})")
            lines = result.stderr.splitlines()
            for line in expected:
                if line not in lines:
                    print("--- got:\n" + result.stderr)
                check(line in lines, f"{name}: reports {line!r}")
            check(tree_digest(out) == before, f"{name}: the previous output is untouched")

        site = copy_example_site(os.path.join(work, "override"))
        theme_css = read(os.path.join(site, "themes", "default", "static", "css", "style.css"))
        write(os.path.join(site, "static", "css", "style.css"), theme_css + "\n/* the site's own */\n")
        result, out = build(site, os.path.join(work, "override-out"))
        check(result.returncode == 0 and clean_diagnostics(result.stderr),
              f"a site static file overriding the theme's builds ({result.stderr[-300:]})")
        check(read(os.path.join(out, "css", "style.css")).endswith("/* the site's own */\n"),
              "the output has the site's file, not the theme's")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{check.count} checks passed")


if __name__ == "__main__":
    main()
