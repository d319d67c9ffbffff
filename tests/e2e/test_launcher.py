"""`build/nastavnik` is a launcher: it starts `nastavnik-generator` from its own folder, with the
allocator's options in the environment for `build` and `check` only, and passes the command line
through unchanged. Seen from outside: a stand-in generator (a script) prints what it was given; the
real generator, run by itself, builds the same tree as the launcher does.
"""
import os
import shutil
import subprocess
import tempfile

from nk import BIN, ROOT, Checks, build, tree_digest

check = Checks()
HEAP_OPTIONS = ["MIMALLOC_LARGE_OS_PAGES", "MIMALLOC_RESERVE_OS_MEMORY", "MIMALLOC_EAGER_COMMIT_DELAY",
                "MIMALLOC_ALLOW_DECOMMIT"]

work = tempfile.mkdtemp(prefix="nk-launcher-")
launcher = os.path.join(work, "nastavnik")
shutil.copy(BIN, launcher)

# Without the generator beside it, the launcher says so and fails.
alone = subprocess.run([launcher, "build"], capture_output=True, text=True)
check(alone.returncode == 127, f"the launcher alone exits 127 (got {alone.returncode})")
check("nastavnik-generator" in alone.stderr and "error" in alone.stderr,
      "and names the generator it could not run: " + alone.stderr)

# A stand-in generator that prints its arguments and the options it was given.
with open(os.path.join(work, "nastavnik-generator"), "w") as f:
    f.write("#!/bin/sh\nprintf '%s\\n' \"$0\" \"$@\"\nenv | grep -E '^(MIMALLOC_|NASTAVNIK_HEAP)' | sort\n")
os.chmod(os.path.join(work, "nastavnik-generator"), 0o755)
clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("MIMALLOC_", "NASTAVNIK_HEAP"))}


def launch(*args, env=None):
    result = subprocess.run([launcher, *args], capture_output=True, text=True, env=env or clean_env)
    check(result.returncode == 0, f"the launcher starts the generator for {args}: {result.stderr}")
    return result.stdout.splitlines()


lines = launch("build", "--source", "a site", "--out", "сайт")
check(lines[0].endswith("/nastavnik-generator"), "the generator beside the launcher is started")
check(lines[1:6] == ["build", "--source", "a site", "--out", "сайт"],
      "arguments pass unchanged, spaces and Cyrillic included: " + repr(lines[1:6]))
for name in HEAP_OPTIONS:
    check(any(l.startswith(name + "=") for l in lines), f"build runs with {name}")
check("NASTAVNIK_HEAP_OPTIONS=1" in lines, "and tells the generator not to restart itself")
check(any(l.startswith("MIMALLOC_") for l in launch("check")), "check runs with the options too")
for command in (["serve"], ["version"], ["new", "practice", "x"], []):
    check(not any(l.startswith("MIMALLOC_") for l in launch(*command)),
          f"{command or 'no command'} runs with the allocator's defaults")
user = launch("build", env=dict(clean_env, MIMALLOC_RESERVE_OS_MEMORY="64m"))
check("MIMALLOC_RESERVE_OS_MEMORY=64m" in user, "an option the user set is kept")

# The real generator run by itself (it sets the options and restarts) builds the same tree.
generator = os.path.join(os.path.dirname(os.path.abspath(BIN)), "nastavnik-generator")
by_launcher, out1 = build(ROOT)
out2 = tempfile.mkdtemp(prefix="nk-out-")
by_generator = subprocess.run([generator, "build", "--source", ROOT, "--out", out2],
                              capture_output=True, text=True, env=clean_env)
check(by_launcher.returncode == 0 and by_generator.returncode == 0,
      "the example site builds through the launcher and with the generator alone: " + by_generator.stderr[-500:])
check(tree_digest(out1) == tree_digest(out2), "both give byte-identical trees")

for d in (work, out1, out2):
    shutil.rmtree(d, ignore_errors=True)
print(f"{check.count} checks passed")
