"""nastavnik speaks Russian to editors: with --lang ru, or a Russian LANG, every message of a
command is Russian (the `error:` word and the `path:line:col` form stay for problem matchers);
--lang en or an English locale keeps English. `new` dates a record with the site's as_of.

The invalid-site fixtures (test_invalid_sites.py) check the diagnostics' exact texts; this test
checks the messages around them: the summary, "up to date", the output guard, `new`, `check`.
"""
import os
import re
import shutil
import tempfile

from nk import Checks, english_env, read, run

check = Checks()
work = tempfile.mkdtemp(prefix="nk-ru-")
try:
    site = os.path.join(work, "site")
    made = run("--lang", "ru", "init", site)
    check(made.returncode == 0 and "сайт создан в" in made.stdout,
          f"init says in Russian where the site is ({made.stdout.strip()})")

    # `check` on a site without problems, in Russian and in English.
    checked = run("check", "--source", site, "--lang", "ru")
    check(checked.returncode == 0 and checked.stdout.strip() == "ошибок нет",
          f"check --lang ru: «ошибок нет» ({checked.stdout.strip()})")
    checked = run("check", "--source", site, "--lang", "en")
    check(checked.stdout.strip() == "no errors", "check --lang en: 'no errors'")

    # A build, then one with nothing to do: both told in Russian, with agreeing plurals.
    out = os.path.join(work, "out")
    built = run("build", "--source", site, "--out", out, "--lang", "ru")
    m = re.search(r"сайт собран в (\S+): (\d+) (файлов|файла|файл)\b", built.stdout)
    check(built.returncode == 0 and m is not None, f"build tells in Russian ({built.stdout.strip()})")
    n = int(m[2])
    word = "файл" if n % 10 == 1 and n % 100 != 11 else \
        "файла" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "файлов"
    check(m[3] == word, f"«{n} {m[3]}»: the noun agrees with the number")
    again = run("build", "--source", site, "--out", out, "--lang", "ru")
    check(again.returncode == 0 and f"изменений нет: {n} {word} в" in again.stdout,
          f"an up-to-date build says so in Russian ({again.stdout.strip()})")
    again = run("build", "--source", site, "--out", out, "--lang", "en")
    check(again.returncode == 0 and re.search(r"(up to date|built \d+ files)", again.stdout),
          f"and in English with --lang en ({again.stdout.strip()})")

    # The output guard's refusal.
    refused = run("build", "--source", site, "--out", os.path.join(site, "content"), "--lang", "ru")
    check(refused.returncode == 2 and "error: --out" in refused.stderr and
          "находится внутри папки сайта content/" in refused.stderr,
          f"the output guard refuses in Russian ({refused.stderr.strip()})")

    # A broken record: the diagnostic and the summary, from the environment's language.
    school = os.path.join(site, "data", "schools", "broken.toml")
    with open(school, "w", encoding="utf-8") as f:
        f.write('name = "МБОУ СОШ № 7"\nmunicipality = "Кореновский район"\nstudents = "много"\n')
    ru = run("check", "--source", site, env=english_env({"LANG": "ru_RU.UTF-8"}))
    check(ru.returncode == 1 and
          "data/schools/broken.toml:3:12: error: поле 'students' должно быть целым числом, "
          "а не строкой" in ru.stderr, "LANG=ru_RU.UTF-8: the diagnostic is Russian")
    check("1 ошибка, 0 предупреждений" in ru.stderr, "the summary agrees: «1 ошибка, 0 предупреждений»")
    en = run("check", "--source", site, env=english_env({"LANG": "en_US.UTF-8"}))
    check("data/schools/broken.toml:3:12: error: 'students' must be an integer, not a string"
          in en.stderr and "1 error(s), 0 warning(s)" in en.stderr, "LANG=en_US.UTF-8: English")
    forced = run("--lang", "en", "check", "--source", site, env=english_env({"LC_ALL": "ru_RU.UTF-8"}))
    check("must be an integer" in forced.stderr, "--lang en wins over a Russian LC_ALL")
    os.remove(school)

    # `new` dates the record with as_of when config.toml sets it, and says so in Russian.
    config = os.path.join(site, "config.toml")
    text = read(config)
    with open(config, "w", encoding="utf-8") as f:
        f.write("as_of = 2021-05-20\n" + text)
    made = run("new", "event", "Семинар директоров", "--source", site, "--lang", "ru")
    path = os.path.join(site, "content", "events", "seminar-direktorov.md")
    check(made.returncode == 0 and made.stdout.strip() == "создан файл content/events/seminar-direktorov.md",
          f"new says in Russian what it made ({made.stdout.strip()})")
    check("date = 2021-05-20" in read(path), "the new event is dated with as_of")
    again = run("new", "event", "Семинар директоров", "--source", site, "--lang", "ru")
    check(again.returncode == 1 and "error: такой файл уже есть" in again.stderr,
          "new refuses to overwrite, in Russian")
    outside = os.path.join(work, "outside")
    os.makedirs(outside)
    lost = run("new", "practice", "Практика", "--lang", "ru", cwd=outside)
    check(lost.returncode == 2 and "error: здесь нет сайта nastavnik" in lost.stderr and
          not os.listdir(outside), "new outside a site: Russian message, nothing written")
finally:
    shutil.rmtree(work, ignore_errors=True)
print(f"{check.count} checks passed")
