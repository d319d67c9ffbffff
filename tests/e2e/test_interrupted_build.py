"""Nothing lost: a build killed half-way (SIGINT, SIGKILL) or failing leaves the previous output
byte for byte as it was, and `check` writes nothing.

The example site is built once into OUT. A large site (the example plus a few thousand generated
practices) is then built into the same OUT and killed while it is writing its staging folder.
"""
import os
import shutil
import signal
import subprocess
import tempfile
import time

from nk import BIN, ROOT, Checks, run, tree_digest

check = Checks()
GENERATED = 3000


def make_site(work):
    site = os.path.join(work, "site")
    os.makedirs(site)
    for name in ["config.toml", "content", "data", "themes"]:
        src = os.path.join(ROOT, name)
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(site, name))
    return site


def add_generated_practices(site):
    paragraph = ("Текст практики номер {i}, абзац {k}: управленческие решения, наставничество, "
                 "мониторинг качества образования, работа с родителями.")
    for i in range(GENERATED):
        body = "\n\n".join(f"## Раздел {k}\n\n" + paragraph.format(i=i, k=k) for k in range(6))
        with open(os.path.join(site, "content", "practices", f"generated-{i:05d}.md"), "w",
                  encoding="utf-8") as f:
            f.write(f'+++\ntitle = "Сгенерированная практика № {i}"\n'
                    f'date = 2021-{1 + i % 12:02d}-{1 + i % 28:02d}\n'
                    f'schools = ["korenovsk-sosh-5"]\ndirections = ["quality"]\n'
                    f'tags = ["тег-{i % 50}"]\nsummary = "Кратко о практике {i}"\n+++\n{body}\n')


def staging_dirs(out):
    """The staging folder beside the output (kept as the spare between builds)."""
    parent, name = os.path.split(out)
    return [os.path.join(parent, n) for n in os.listdir(parent) if n == "." + name + ".nastavnik-spare"]


def leftovers(out):
    """Staging folders of killed builds (older versions named them after a pid). The spare and
    its 'being changed' marker stay by design: the next build that writes reuses or sweeps it."""
    parent, name = os.path.split(out)
    return [n for n in os.listdir(parent) if n.startswith(name + ".nastavnik-staging-")]


def count_files(path):
    return sum(len(files) for _, _, files in os.walk(path))


def interrupt(site, out, sig, digest):
    """Starts a build into `out`, waits until its staging folder fills up, sends `sig`."""
    proc = subprocess.Popen([BIN, "build", "--source", site, "--out", out, "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    written, deadline = 0, time.time() + 300
    while proc.poll() is None and time.time() < deadline:
        staging = staging_dirs(out)
        written = count_files(staging[0]) if staging else 0
        if written >= 200:
            break
        time.sleep(0.02)
    still_running = proc.poll() is None
    check(still_running, f"{sig.name}: the build is still running after writing {written} files")
    proc.send_signal(sig)
    proc.communicate(timeout=120)
    # A handler may turn SIGINT into the shell's conventional exit status 130.
    stopped = proc.returncode == -sig or (sig == signal.SIGINT and proc.returncode == 130)
    check(stopped, f"{sig.name}: the build was stopped by the signal ({proc.returncode})")
    check(tree_digest(out) == digest, f"{sig.name} half-way: the previous output is byte-identical")
    return written


def main():
    work = tempfile.mkdtemp(prefix="nk-interrupt-")
    try:
        site = make_site(work)
        out = os.path.join(work, "out")
        result = run("build", "--source", site, "--out", out)
        check(result.returncode == 0, "the example site builds: " + result.stderr[-1000:])
        digest, files = tree_digest(out), count_files(out)
        print(f"   previous output: {files} files")

        add_generated_practices(site)
        for sig in [signal.SIGINT, signal.SIGKILL]:
            written = interrupt(site, out, sig, digest)
            print(f"   {sig.name} after {written} files of the new output were staged")

        check(count_files(out) == files, "the output folder still has exactly its files")
        before_check = (tree_digest(site), tree_digest(out), sorted(os.listdir(work)))
        result = run("check", "--source", site)
        check(result.returncode == 0, "check passes on the large site: " + result.stderr[-500:])
        check((tree_digest(site), tree_digest(out), sorted(os.listdir(work))) == before_check,
              "check writes nothing: the site, the output and their folder are unchanged")

        broken = os.path.join(site, "content", "practices", "broken.md")
        with open(broken, "w", encoding="utf-8") as f:
            f.write('+++\ntitle = "Сломанная"\ndate = 2021-02-30\n+++\n')
        result = run("build", "--source", site, "--out", out)
        check(result.returncode == 1 and "broken.md:3:" in result.stderr,
              "a build with a content error fails and says where")
        check(tree_digest(out) == digest, "after a failed build the previous output is byte-identical")
        os.remove(broken)

        # A broken theme template (an unclosed section in the site's override of the built-in
        # one) is as harmless.
        shutil.rmtree(os.path.join(site, "content", "practices"))
        shutil.copytree(os.path.join(ROOT, "content", "practices"), os.path.join(site, "content", "practices"))
        template = os.path.join(site, "themes", "default", "templates", "practice.mustache")
        with open(template, encoding="utf-8") as f:
            original = f.read()
        with open(template, "w", encoding="utf-8") as f:
            f.write(original + "{{#unclosed}}")
        result = run("build", "--source", site, "--out", out)
        check(result.returncode == 1 and "practice" in result.stderr,
              "a build whose theme has a broken template fails: " + result.stderr[-300:])
        check(tree_digest(out) == digest, "after a failed build the output is byte-identical")
        with open(template, "w", encoding="utf-8") as f:
            f.write(original)

        result = run("build", "--source", site, "--out", out)
        check(result.returncode == 0, "the next build succeeds")
        check(tree_digest(out) == digest, "and, from the same input, gives the same bytes as before")
        check(not leftovers(out), "and finishes or removes what the killed builds left")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{check.count} checks passed")


main()
