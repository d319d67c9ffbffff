"""`nastavnik schema` writes a JSON Schema per record type; the copies in the repository's
schemas/ folder (used by .taplo.toml) are exactly what the generator writes today."""
import json
import os
import shutil
import tempfile

from nk import ROOT, Checks, run

check = Checks()
NAMES = ["config", "school", "mentorship", "association", "plan", "competition", "reserve",
         "practice", "event", "page", "transition"]

out = tempfile.mkdtemp(prefix="nk-schemas-")
try:
    result = run("schema", "--source", ROOT, "--out", out)
    check(result.returncode == 0, "nastavnik schema succeeds: " + result.stderr)
    check(f"wrote {len(NAMES)} schemas" in result.stdout, "and says how many it wrote")
    for name in NAMES:
        path = os.path.join(out, name + ".schema.json")
        schema = json.load(open(path, encoding="utf-8"))
        check(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema",
              f"{name}: a draft 2020-12 schema titled '{schema['title']}'")
        with open(path, "rb") as a, open(os.path.join(ROOT, "schemas", name + ".schema.json"), "rb") as b:
            check(a.read() == b.read(), f"{name}: schemas/{name}.schema.json is up to date "
                  "(run `nastavnik schema` after changing a loader)")
    taplo = open(os.path.join(ROOT, ".taplo.toml"), encoding="utf-8").read()
    for name in NAMES[:7]:
        check(f"./schemas/{name}.schema.json" in taplo, f".taplo.toml maps files to {name}.schema.json")

    site = tempfile.mkdtemp(prefix="nk-schema-site-")
    with open(os.path.join(site, "config.toml"), "w", encoding="utf-8") as f:
        f.write('[vocabularies.directions]\nmath = "Математика"\n')
    result = run("schema", "--source", site)
    check(result.returncode == 0, "a site without --out gets SOURCE/schemas/")
    practice = json.load(open(os.path.join(site, "schemas", "practice.schema.json"), encoding="utf-8"))
    check(practice["properties"]["directions"]["items"]["enum"] == ["math"],
          "the site's own vocabularies become the enums")
    with open(os.path.join(site, "config.toml"), "w", encoding="utf-8") as f:
        f.write('titel = "x"\n')
    result = run("schema", "--source", site)
    check(result.returncode == 1 and "config.toml:1:1: error: unknown field 'titel'" in result.stderr,
          "an invalid config.toml is reported, exit 1")
    shutil.rmtree(site)
finally:
    shutil.rmtree(out, ignore_errors=True)
print(f"{check.count} checks passed")
