"""The CI recipes in docs/ci/ work: their shell commands, run locally in order, install nastavnik
(from the package NASTAVNIK_DEB names, or else from the source code in the repository), check and
build the site, and they keep what publishing relies on (the whole Git history for lastmod,
publishing only from the main branch, the folder that gets published).

From docs/ci/github-pages.yml the `run:` lines of the build job are run with their step `env:`
(the Pages address that actions/configure-pages would give is set by hand; `uses:` steps are done
by GitHub itself and are skipped). From docs/ci/gitlab-ci.yml the `script:` lines of the `check`
and `pages` jobs are run with the job's variables and a CI_PAGES_URL. Each recipe runs twice: with
NASTAVNIK_DEB naming a .deb CPack makes of this build, and without it in a repository holding the
source code. The system is not touched: `apt-get` and `cmake` on PATH are stand-ins that log their
arguments; `apt-get install FILE.deb` unpacks the package (dpkg-deb -x) into a fake root on PATH,
`cmake --install` copies the already built programs into it (the packages themselves are those this
machine built nastavnik with; the real install into a clean Debian is tests/package/deb_install.sh).
Everything runs in a copy of the repository's site (a fresh Git repository) with HOME pointing at a
temporary folder, so `git config --global` does not touch this machine's settings.
"""
import os
import re
import shutil
import subprocess
import tempfile

from nk import BIN, ROOT, Checks, copy_example_site

check = Checks()
GITHUB = os.path.join(ROOT, "docs", "ci", "github-pages.yml")
GITLAB = os.path.join(ROOT, "docs", "ci", "gitlab-ci.yml")


def parse_yaml(path):
    """PyYAML (python3-yaml) when present, else a parser for the subset these files use."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        import yaml
        return yaml.safe_load(text)
    except ImportError:
        return SubsetYaml(text).parse()


class SubsetYaml:
    """Block mappings and sequences of plain, quoted or flow-free scalars, with comments."""

    def __init__(self, text):
        self.lines = []
        for raw in text.splitlines():
            stripped = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
            if stripped.strip():
                self.lines.append((len(stripped) - len(stripped.lstrip()), stripped.strip()))
        self.pos = 0

    @staticmethod
    def scalar(s):
        if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"":
            return s[1:-1]
        return {"true": True, "false": False}.get(s, s)

    def parse(self):
        if self.pos >= len(self.lines):
            return None
        if self.lines[self.pos][1].startswith("- "):
            return self.sequence(self.lines[self.pos][0])
        return self.mapping(self.lines[self.pos][0])

    def block(self, indent):
        """A literal block scalar: the more indented lines that follow, joined."""
        lines = []
        while self.pos < len(self.lines) and self.lines[self.pos][0] > indent:
            lines.append(self.lines[self.pos])
            self.pos += 1
        base = min((i for i, _ in lines), default=0)
        return "".join(" " * (i - base) + text + "\n" for i, text in lines)

    def sequence(self, indent):
        out = []
        while self.pos < len(self.lines) and self.lines[self.pos][0] == indent and self.lines[self.pos][1].startswith("- "):
            item = self.lines[self.pos][1][2:]
            if item == "|":
                self.pos += 1
                out.append(self.block(indent))
            elif re.match(r"^[\w$-]+:( |$)", item):  # "- key: value" starts a mapping
                self.lines[self.pos] = (indent + 2, item)
                out.append(self.mapping(indent + 2))
            else:
                self.pos += 1
                out.append(self.scalar(item))
        return out

    def mapping(self, indent):
        out = {}
        while self.pos < len(self.lines) and self.lines[self.pos][0] == indent:
            key, _, value = self.lines[self.pos][1].partition(":")
            self.pos += 1
            value = value.strip()
            if value == "|":
                out[key] = self.block(indent)
            elif value:
                out[key] = self.scalar(value)
            elif self.pos < len(self.lines) and self.lines[self.pos][0] > indent:
                out[key] = self.parse()
            elif self.pos < len(self.lines) and self.lines[self.pos][1].startswith("- "):
                out[key] = self.sequence(self.lines[self.pos][0])
            else:
                out[key] = None
        return out


APT_GET = """#!/bin/sh
echo "apt-get $*" >>"$NK_FAKE_LOG"
for arg in "$@"; do
  case "$arg" in *.deb) dpkg-deb -x "$arg" "$NK_FAKE_ROOT" ;; esac
done
"""
CMAKE = """#!/bin/sh
echo "cmake $*" >>"$NK_FAKE_LOG"
case " $* " in *" --install "*)
  mkdir -p "$NK_FAKE_ROOT/usr/local/bin"
  cp "$NK_BUILT/nastavnik" "$NK_BUILT/nastavnik-generator" "$NK_FAKE_ROOT/usr/local/bin/" ;;
esac
"""


class FakeSystem:
    """Stand-ins for apt-get and cmake, and the fake root they install into (see the docstring)."""

    def __init__(self, work):
        self.root = os.path.join(work, "fakeroot")
        self.bin = os.path.join(work, "fakebin")
        self.log = os.path.join(work, "fake.log")
        os.makedirs(self.bin)
        os.makedirs(self.root)
        for name, text in (("apt-get", APT_GET), ("cmake", CMAKE)):
            with open(os.path.join(self.bin, name), "w") as f:
                f.write(text)
            os.chmod(os.path.join(self.bin, name), 0o755)
        open(self.log, "w").close()

    def env(self):
        path = os.pathsep.join([self.bin, os.path.join(self.root, "usr/local/bin"),
                                os.path.join(self.root, "usr/bin"), os.environ["PATH"]])
        return {"PATH": path, "NK_FAKE_LOG": self.log, "NK_FAKE_ROOT": self.root,
                "NK_BUILT": os.path.dirname(os.path.abspath(BIN))}

    def calls(self):
        with open(self.log) as f:
            return f.read()


def make_deb(work):
    """The .deb CPack makes of this build (the tests' build folder holds its CPackConfig)."""
    build_dir = os.path.dirname(os.path.abspath(BIN))
    out = os.path.join(work, "deb")
    # The cpack of the cmake that configured the build: found on PATH it may be /bin/cpack (a
    # merged-/usr link), from which CMake cannot find its modules ("Could not find CMAKE_ROOT").
    cpack = "cpack"
    with open(os.path.join(build_dir, "CMakeCache.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("CMAKE_CPACK_COMMAND:INTERNAL="):
                cpack = line.split("=", 1)[1].strip()
    subprocess.run([cpack, "-G", "DEB", "-B", out, "--config", os.path.join(build_dir, "CPackConfig.cmake")],
                   cwd=work, check=True, capture_output=True)
    return next(os.path.join(out, n) for n in os.listdir(out) if n.endswith(".deb"))


def make_repo(work, deb=None):
    """A copy of the repository's site as a fresh Git repository (as a site repo would be): with
    the package in it, or with the generator's source code (here only its CMakeLists.txt, which
    is all the recipe looks for before it calls cmake)."""
    repo = os.path.join(work, "repo")
    copy_example_site(repo)
    if deb:
        shutil.copy(deb, os.path.join(repo, "nastavnik.deb"))
    else:
        shutil.copy(os.path.join(ROOT, "CMakeLists.txt"), os.path.join(repo, "CMakeLists.txt"))
    env = dict(os.environ, HOME=work, GIT_AUTHOR_NAME="CI", GIT_AUTHOR_EMAIL="ci@example.org",
               GIT_COMMITTER_NAME="CI", GIT_COMMITTER_EMAIL="ci@example.org",
               GIT_AUTHOR_DATE="2022-03-01T10:00:00+0000", GIT_COMMITTER_DATE="2022-03-01T10:00:00+0000")
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "site"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    return repo


def run_commands(repo, home, commands, env, label, fake):
    """Runs each command with bash -e in `repo`, as the CI runner would; returns the output."""
    output = ""
    for command in commands:
        full_env = dict(os.environ, HOME=home, TMPDIR=home, **fake.env(), **env)
        result = subprocess.run(["bash", "-e", "-c", command], cwd=repo, env=full_env,
                                capture_output=True, text=True, timeout=600)
        check(result.returncode == 0, f"{label}: `{command[:80]}` succeeds: {result.stderr[-500:]}")
        output += result.stdout + result.stderr
    return output


def check_install(fake, deb, label):
    """The package was installed when one was given, else the source code built and installed."""
    calls = fake.calls()
    if deb:
        check(re.search(r"^apt-get install -y \S+nastavnik\.deb$", calls, re.M) is not None,
              f"{label}: the package NASTAVNIK_DEB names is installed with apt-get")
        check("cmake" not in calls and os.path.isfile(os.path.join(fake.root, "usr/bin/nastavnik")),
              f"{label}: nothing is built from source; nastavnik comes from the package")
    else:
        check("cmake --install build --prefix /usr/local" in calls and "libmimalloc-dev" in calls,
              f"{label}: without a package the generator is built (with every build dependency) and installed")


def check_site(folder, url, label):
    check(os.path.isfile(os.path.join(folder, "index.html")), f"{label}: {os.path.basename(folder)}/index.html is built")
    with open(os.path.join(folder, "sitemap.xml"), encoding="utf-8") as f:
        sitemap = f.read()
    check(f"<loc>{url}practices/" in sitemap, f"{label}: the sitemap uses the publishing address {url}")


def github(work, deb):
    workflow = parse_yaml(GITHUB)
    jobs = workflow["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    checkout = [s for s in build["steps"] if str(s.get("uses", "")).startswith("actions/checkout")]
    check(checkout and str(checkout[0].get("with", {}).get("fetch-depth")) == "0",
          "GitHub: checkout fetches the whole history (lastmod comes from it)")
    check(deploy.get("if") == "github.ref == 'refs/heads/main'" and deploy.get("needs") == "build",
          "GitHub: only main is deployed, after the build job")
    upload = [s for s in build["steps"] if str(s.get("uses", "")).startswith("actions/upload-pages-artifact")]
    check(upload and upload[0]["with"]["path"].rstrip("/") == "site", "GitHub: site/ is what gets published")

    repo = make_repo(work, deb)
    fake = FakeSystem(work)
    pages_url = "https://mnc.github.io/nastavnik"  # what actions/configure-pages gives (no slash)
    variables = {"${{ steps.pages.outputs.base_url }}": pages_url,
                 "${{ vars.NASTAVNIK_DEB }}": "nastavnik.deb" if deb else ""}
    commands = []
    for step in build["steps"]:
        if "run" not in step:
            continue
        env = {}
        for k, v in (step.get("env") or {}).items():
            for name, value in variables.items():
                v = str(v).replace(name, value)
            env[k] = v
        run_commands(repo, work, [step["run"]], env, "GitHub " + step.get("name", ""), fake)
        commands.append(step["run"])
    check_install(fake, deb, "GitHub")
    check(any("nastavnik check" in c for c in commands) and any("nastavnik build" in c for c in commands),
          "GitHub: the recipe checks and builds the site")
    check_site(os.path.join(repo, "site"), pages_url + "/", "GitHub")


def gitlab(work, deb):
    config = parse_yaml(GITLAB)
    check(str(config["variables"].get("GIT_DEPTH")) == "0", "GitLab: the whole history is cloned (lastmod)")
    pages = config["pages"]
    check("public" in pages["artifacts"]["paths"], "GitLab: the pages job publishes public/")
    check(any("CI_DEFAULT_BRANCH" in r["if"] and "==" in r["if"] for r in pages["rules"]),
          "GitLab: the pages job runs on the default branch only")

    os.makedirs(os.path.join(work, "gitlab-check"))
    repo = make_repo(os.path.join(work, "gitlab-check"), deb)
    fake = FakeSystem(os.path.join(work, "gitlab-check"))
    variables = {k: str(v) for k, v in (config["check"].get("variables") or {}).items()}
    variables["NASTAVNIK_DEB"] = "nastavnik.deb" if deb else ""
    output = run_commands(repo, work, config["check"]["script"], variables, "GitLab check", fake)
    check_install(fake, deb, "GitLab check")
    check("no errors" in output, "GitLab check: `nastavnik check` reports no errors")
    check_site(os.path.join(repo, "site"), variables["URL"], "GitLab check")

    os.makedirs(os.path.join(work, "gitlab-pages"))
    repo = make_repo(os.path.join(work, "gitlab-pages"), deb)
    fake = FakeSystem(os.path.join(work, "gitlab-pages"))
    pages_url = "https://mnc.gitlab.io/nastavnik"
    # GitLab runs a job's lines in one shell, so the URL one line sets reaches the next.
    script = "\n".join(pages["script"])
    run_commands(repo, work, [script], {"CI_PAGES_URL": pages_url,
                                        "NASTAVNIK_DEB": "nastavnik.deb" if deb else ""}, "GitLab pages", fake)
    check_install(fake, deb, "GitLab pages")
    check_site(os.path.join(repo, "public"), pages_url + "/", "GitLab pages")


def main():
    work = tempfile.mkdtemp(prefix="nk-ci-")
    try:
        deb = make_deb(work)
        for name, package in (("source", None), ("package", deb)):
            print(f"nastavnik from {name}")
            os.makedirs(os.path.join(work, name, "github"))
            github(os.path.join(work, name, "github"), package)
            gitlab(os.path.join(work, name), package)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{check.count} checks passed")


if __name__ == "__main__":
    main()
