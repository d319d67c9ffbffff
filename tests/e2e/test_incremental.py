"""Incremental builds give exactly what a clean build gives.

A copy of the example site is built once; then a fixed sequence of random edits (seeded, so every
run is the same) adds, changes, deletes and renames practices, events and schools, changes
config.toml, a template and a static file, and breaks and repairs a file. After every edit the
site is rebuilt incrementally into the same output folder (using .nastavnik-cache/) and, with
--no-cache, into a fresh one: both trees must be byte-identical. A broken site must fail the same
way and leave the previous output untouched; a second build with nothing changed must report
that it is up to date.
"""
import os
import random
import re
import shutil
import tempfile

from nk import Checks, copy_example_site, run, tree_digest

check = Checks()
STEPS = 30
SEED = 20240607


def make_site(work):
    site = os.path.join(work, "src")
    copy_example_site(site)
    return site


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def files(site, folder):
    d = os.path.join(site, folder)
    return sorted(os.path.join(d, n) for n in os.listdir(d) if not n.startswith("."))


def unreferenced(site, folder, section):
    """Records of `folder` that no content links to (safe to delete or rename)."""
    texts = "\n".join(read(p) for p in files(site, "content/practices") + files(site, "content/events")
                      + files(site, "content/pages"))
    out = []
    for path in files(site, folder):
        slug = os.path.splitext(os.path.basename(path))[0]
        if f"/{section}/{slug}/" not in texts and f'"{slug}"' not in texts:
            out.append(path)
    return out


# Each edit returns a description; the rng picks which one runs at each step.
def change_practice_text(site, rng):
    path = rng.choice(files(site, "content/practices"))
    write(path, read(path) + f"\n\nДополнение {rng.randint(1, 10 ** 6)}: новые результаты наставничества.\n")
    return "appended a paragraph to " + os.path.basename(path)


def change_practice_title(site, rng):
    path = rng.choice(files(site, "content/practices"))
    text = re.sub(r'^title = "', f'title = "Обновлено {rng.randint(1, 999)}: ', read(path), count=1, flags=re.M)
    write(path, text)
    return "retitled " + os.path.basename(path)


def change_practice_tags(site, rng):
    """Tags change term pages and related practices elsewhere, not just the practice's page."""
    path = rng.choice(files(site, "content/practices"))
    tag = rng.choice(["сетевое взаимодействие", "наставничество", "новый тег", "ВПР"])
    text = re.sub(r'^tags = \[', f'tags = ["{tag}", ', read(path), count=1, flags=re.M)
    if text == read(path):
        text = re.sub(r'^(title = .*)$', f'\\1\ntags = ["{tag}"]', text, count=1, flags=re.M)
    write(path, text)
    return f"tagged {os.path.basename(path)} «{tag}»"


def add_practice(site, rng):
    src = rng.choice(files(site, "content/practices"))
    name = f"novaya-praktika-{rng.randint(1, 10 ** 6)}.md"
    text = re.sub(r'^title = "', 'title = "Новая практика: ', read(src), count=1, flags=re.M)
    text = re.sub(r"^date = .*$", f"date = 2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", text,
                  count=1, flags=re.M)
    write(os.path.join(site, "content/practices", name), text)
    return "added " + name


def delete_practice(site, rng):
    candidates = unreferenced(site, "content/practices", "practices")
    if not candidates:
        return add_practice(site, rng)
    path = rng.choice(candidates)
    os.remove(path)
    return "deleted " + os.path.basename(path)


def rename_practice(site, rng):
    candidates = unreferenced(site, "content/practices", "practices")
    if not candidates:
        return add_practice(site, rng)
    path = rng.choice(candidates)
    new = os.path.join(os.path.dirname(path), f"pereimenovana-{rng.randint(1, 10 ** 6)}.md")
    os.rename(path, new)
    return f"renamed {os.path.basename(path)} to {os.path.basename(new)}"


def change_event(site, rng):
    path = rng.choice(files(site, "content/events"))
    text = re.sub(r'^place = "', 'place = "Актовый зал, ', read(path), count=1, flags=re.M)
    write(path, text + "\nМатериалы мероприятия дополнены.\n")
    return "changed " + os.path.basename(path)


def rename_school(site, rng):
    path = rng.choice(files(site, "data/schools"))
    text = re.sub(r'^short_name = "', 'short_name = "Обн. ', read(path), count=1, flags=re.M)
    if text == read(path):
        text = re.sub(r'^name = "', 'name = "Обновлённая ', text, count=1, flags=re.M)
    write(path, text)
    return "renamed the school in " + os.path.basename(path)


def change_config(site, rng):
    path = os.path.join(site, "config.toml")
    text = read(path)
    if rng.random() < 0.5:
        text = re.sub(r'^title = "', 'title = "Портал: ', text, count=1, flags=re.M)
        what = "the site title"
    else:
        text = re.sub(r'^quality = ".*"$', f'quality = "Качество образования ({rng.randint(1, 99)})"', text,
                      count=1, flags=re.M)
        what = "a direction's label"
    write(path, text)
    return "changed " + what + " in config.toml"


def change_template(site, rng):
    path = os.path.join(site, "themes/default/templates/_foot.mustache")
    write(path, read(path).replace("</footer>", f"<!-- версия {rng.randint(1, 999)} -->\n</footer>", 1))
    return "changed the footer template"


def change_static(site, rng):
    path = os.path.join(site, "static", "docs", f"polozhenie-{rng.randint(1, 3)}.txt")
    write(path, f"Положение о наставничестве, редакция {rng.randint(1, 999)}\n")
    return "wrote " + os.path.relpath(path, site)


EDITS = [change_practice_text, change_practice_title, change_practice_tags, add_practice, delete_practice, rename_practice,
         change_event, rename_school, change_config, change_template, change_static]


def build(site, out, *extra):
    return run("build", "--source", site, "--out", out, "--jobs", "2", *extra)


def compare(incremental, clean, step):
    """The two trees hold the same files with the same bytes."""
    def listing(root):
        found = {}
        for dirpath, _, names in os.walk(root):
            for n in names:
                p = os.path.join(dirpath, n)
                with open(p, "rb") as f:
                    found[os.path.relpath(p, root)] = f.read()
        return found
    a, b = listing(incremental), listing(clean)
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    differ = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    check(not only_a and not only_b and not differ,
          f"step {step}: incremental output equals a clean build ({len(b)} files)"
          + (f"; only incremental: {only_a[:5]}, only clean: {only_b[:5]}, differ: {differ[:5]}"
             if only_a or only_b or differ else ""))


def break_and_repair(site, out, step):
    """A broken file fails the build and leaves the output as it was; the fix builds again."""
    path = sorted(files(site, "content/practices"))[0]
    good = read(path)
    before = tree_digest(out)
    write(path, good.replace("date = ", "date = 2021-13-", 1))
    result = build(site, out)
    check(result.returncode == 1 and os.path.relpath(path, site) in result.stderr,
          f"step {step}: a broken date fails the incremental build, naming the file")
    check(tree_digest(out) == before, f"step {step}: the failed build left the output untouched")
    write(path, good)


def main():
    work = tempfile.mkdtemp(prefix="nk-incremental-")
    try:
        site = make_site(work)
        out = os.path.join(work, "out")
        first = build(site, out)
        check(first.returncode == 0, "the example site builds: " + first.stderr[-300:])
        again = build(site, out)
        check(again.returncode == 0 and "up to date" in again.stdout,
              "a second build with nothing changed is up to date: " + again.stdout.strip())
        rng = random.Random(SEED)
        for step in range(1, STEPS + 1):
            if step % 7 == 0:
                break_and_repair(site, out, step)
            edit = rng.choice(EDITS)
            print(f"step {step}: {edit(site, rng)}")
            result = build(site, out)
            check(result.returncode == 0, f"step {step}: the incremental build succeeds: {result.stderr[-400:]}")
            clean = os.path.join(work, f"clean-{step}")
            reference = build(site, clean, "--no-cache")
            check(reference.returncode == 0, f"step {step}: the clean build succeeds")
            compare(out, clean, step)
            shutil.rmtree(clean)
        unchanged = build(site, out)
        check("up to date" in unchanged.stdout, "after the last edit, a second build is up to date")
        # Unchanged practices are taken parsed from the cache, not read again.
        edited = change_practice_text(site, rng)
        verbose = build(site, out, "--verbose")
        cached = re.search(r"from the cache: (\d+) of (\d+) practices parsed", verbose.stdout)
        check(verbose.returncode == 0 and cached is not None
              and int(cached.group(1)) == int(cached.group(2)) - 1,
              f"after one edit ({edited}), every other practice comes parsed from the cache: "
              + (cached.group(0) if cached else verbose.stdout[-300:]))
        # ... and so are their search terms: only the edited practice is analysed again.
        searched = re.search(r"from the cache: (\d+) of (\d+) practices' search terms",
                             verbose.stdout)
        check(searched is not None and int(searched.group(1)) == int(searched.group(2)) - 1,
              f"after one edit ({edited}), every other practice's search terms come from the "
              "cache: " + (searched.group(0) if searched else verbose.stdout[-300:]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{check.count} checks passed")


if __name__ == "__main__":
    main()
