"""The CI recipes in docs/ci/ work: their shell commands, run locally in order, check and build the
site, and they keep what publishing relies on (the whole Git history for lastmod, publishing only
from the main branch, the folder that gets published).

From docs/ci/github-pages.yml the `run:` lines of the build job are run with their step `env:`
(the Pages address that actions/configure-pages would give is set by hand; `uses:` steps are done
by GitHub itself and are skipped). From docs/ci/gitlab-ci.yml the `script:` lines of the `check`
and `pages` jobs are run with the job's variables and a CI_PAGES_URL. `apt-get` lines are skipped:
the packages are those this machine built nastavnik with. Building the generator takes minutes,
so the recipe's `cmake …` line is replaced by putting the already built binary ($NASTAVNIK) at
./build/nastavnik, where the recipe's next commands expect it. Everything runs in a copy of the
repository's site (a fresh Git repository) with HOME pointing at a temporary folder, so `git config
--global` does not touch this machine's settings.
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

    def sequence(self, indent):
        out = []
        while self.pos < len(self.lines) and self.lines[self.pos][0] == indent and self.lines[self.pos][1].startswith("- "):
            item = self.lines[self.pos][1][2:]
            if re.match(r"^[\w$-]+:( |$)", item):  # "- key: value" starts a mapping
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
            if value:
                out[key] = self.scalar(value)
            elif self.pos < len(self.lines) and self.lines[self.pos][0] > indent:
                out[key] = self.parse()
            elif self.pos < len(self.lines) and self.lines[self.pos][1].startswith("- "):
                out[key] = self.sequence(self.lines[self.pos][0])
            else:
                out[key] = None
        return out


def is_install(command):
    return re.match(r"^(sudo\s+)?apt(-get)?\s", command) is not None


def is_generator_build(command):
    return command.startswith("cmake ")


def make_repo(work):
    """A copy of the repository's site as a fresh Git repository (as a site repo would be)."""
    repo = os.path.join(work, "repo")
    copy_example_site(repo)
    env = dict(os.environ, HOME=work, GIT_AUTHOR_NAME="CI", GIT_AUTHOR_EMAIL="ci@example.org",
               GIT_COMMITTER_NAME="CI", GIT_COMMITTER_EMAIL="ci@example.org",
               GIT_AUTHOR_DATE="2022-03-01T10:00:00+0000", GIT_COMMITTER_DATE="2022-03-01T10:00:00+0000")
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "site"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    return repo


def run_commands(repo, home, commands, env, label):
    """Runs each command with bash -e in `repo`, as the CI runner would; returns the output."""
    output = ""
    for command in commands:
        if is_install(command):
            print(f"  {label}: skipped (packages are installed here): {command[:60]}")
            continue
        if is_generator_build(command):
            # The generator is already built: put it where the recipe's next commands expect it.
            os.makedirs(os.path.join(repo, "build"), exist_ok=True)
            # The launcher and the generator it starts, which must lie beside it.
            for name in ("nastavnik", "nastavnik-generator"):
                shutil.copy(os.path.join(os.path.dirname(BIN), name), os.path.join(repo, "build", name))
            print(f"  {label}: replaced by the built binary: {command}")
            continue
        full_env = dict(os.environ, HOME=home, **env)
        result = subprocess.run(["bash", "-e", "-c", command], cwd=repo, env=full_env,
                                capture_output=True, text=True, timeout=600)
        check(result.returncode == 0, f"{label}: `{command}` succeeds: {result.stderr[-500:]}")
        output += result.stdout + result.stderr
    return output


def check_site(folder, url, label):
    check(os.path.isfile(os.path.join(folder, "index.html")), f"{label}: {os.path.basename(folder)}/index.html is built")
    with open(os.path.join(folder, "sitemap.xml"), encoding="utf-8") as f:
        sitemap = f.read()
    check(f"<loc>{url}practices/" in sitemap, f"{label}: the sitemap uses the publishing address {url}")


def github(work):
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

    repo = make_repo(work)
    pages_url = "https://mnc.github.io/nastavnik"  # what actions/configure-pages gives (no slash)
    commands = []
    for step in build["steps"]:
        if "run" not in step:
            continue
        env = {k: str(v).replace("${{ steps.pages.outputs.base_url }}", pages_url)
               for k, v in (step.get("env") or {}).items()}
        run_commands(repo, work, [step["run"]], env, "GitHub " + step.get("name", ""))
        commands.append(step["run"])
    check(any("nastavnik check" in c for c in commands) and any("nastavnik build" in c for c in commands),
          "GitHub: the recipe checks and builds the site")
    check_site(os.path.join(repo, "site"), pages_url + "/", "GitHub")


def gitlab(work):
    config = parse_yaml(GITLAB)
    check(str(config["variables"].get("GIT_DEPTH")) == "0", "GitLab: the whole history is cloned (lastmod)")
    pages = config["pages"]
    check("public" in pages["artifacts"]["paths"], "GitLab: the pages job publishes public/")
    check(any("CI_DEFAULT_BRANCH" in r["if"] and "==" in r["if"] for r in pages["rules"]),
          "GitLab: the pages job runs on the default branch only")

    repo = make_repo(os.path.join(work, "gitlab-check"))
    variables = {k: str(v) for k, v in (config["check"].get("variables") or {}).items()}
    output = run_commands(repo, work, config["check"]["script"], variables, "GitLab check")
    check("no errors" in output, "GitLab check: `nastavnik check` reports no errors")
    check_site(os.path.join(repo, "site"), variables["URL"], "GitLab check")

    repo = make_repo(os.path.join(work, "gitlab-pages"))
    pages_url = "https://mnc.gitlab.io/nastavnik"
    # GitLab runs a job's lines in one shell, so the URL one line sets reaches the next: the
    # lines after the skipped and replaced ones run as one script.
    lines = pages["script"]
    run_commands(repo, work, [c for c in lines if is_install(c) or is_generator_build(c)], {}, "GitLab pages")
    script = "\n".join(c for c in lines if not is_install(c) and not is_generator_build(c))
    run_commands(repo, work, [script], {"CI_PAGES_URL": pages_url}, "GitLab pages")
    check_site(os.path.join(repo, "public"), pages_url + "/", "GitLab pages")


def main():
    work = tempfile.mkdtemp(prefix="nk-ci-")
    try:
        os.makedirs(os.path.join(work, "github"))
        github(os.path.join(work, "github"))
        gitlab(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{check.count} checks passed")


if __name__ == "__main__":
    main()
