#!/usr/bin/env python3
"""Generates a synthetic «Школа-наставник» site of N practices for the benchmark.

    gen_site.py N OUT_DIR [--theme-dir DIR]

Writes two sites built from the same Markdown files:

    OUT_DIR/nastavnik/   config.toml, themes/ (a copy of the repository's theme), content/
                         practices, events and pages, data/ schools and mentorships
    OUT_DIR/hugo/        the same content/practices and content/events Markdown files, the school
                         and mentorship TOML files under data/, and layouts/ with templates that
                         show the same things (bench/hugo_site.py)

Practices carry Russian text with headings, lists, a table and links; TOML front matter with
schools, directions, forms, tags, a summary and [[results]]. Schools get four years of
indicators in municipalities of 25 schools; mentorships pair schools without breaking the rules.
The output is deterministic (fixed seed): the same N gives the same files.
"""

import argparse
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import hugo_site  # noqa: E402  (the Hugo layouts and config live beside this script)

DIRECTIONS = ["development", "operations", "quality", "innovation", "inclusive", "safety",
              "upbringing", "finance", "staff"]
FORMS = ["mentoring", "consulting", "brainstorm", "seminar", "master_class", "round_table",
         "webinar", "internship", "project_session", "case_analysis", "supervision", "training",
         "flash_meeting", "virtual_meeting", "team_swap", "document_work"]
EVENT_KINDS = ["seminar", "master_class", "round_table", "webinar", "conference",
               "video_conference"]

WORDS = ("школа наставник управленческая команда педагог ученик родители методический совет "
         "программа развития качество образования мониторинг результаты оценка анализ решение "
         "план работы семинар консультация стажировка проект сессия супервизия мотивация "
         "обучающиеся учебный год четверть урок занятие внеурочная деятельность профориентация "
         "воспитание безопасность финансы кадры компетентность квалификация сотрудничество сеть "
         "партнёр опыт практика модель инструмент показатель индекс динамика группа риск ресурс "
         "муниципальный центр координатор куратор заместитель директор коллектив").split()
TAG_STEMS = ["наставничество", "ШНОР", "родители", "мотивация", "ВСОКО", "кадровый резерв",
             "профориентация", "ГИА", "ВПР", "тьюторство", "инклюзия", "безопасность",
             "цифровая среда", "финансы", "методическая работа", "сетевое взаимодействие",
             "управленческая команда", "оценка качества", "воспитание", "малокомплектная школа"]
SECTIONS = ["Зачем", "Как устроено", "Роль администрации", "Опыт наставничества",
            "Рекомендации", "План первого года", "Как понять, что модель работает", "Ресурсы"]
MUNICIPALITIES = ["Кореновский район", "Тульский округ", "Калачёвский район", "Подольский округ",
                  "Выселковский район", "Тихорецкий район", "Усть-Лабинский район",
                  "Брюховецкий район"]


def sentence(rng, words=12):
    count = rng.randint(max(2, words - 4), words + 4)
    text = " ".join(rng.choice(WORDS) for _ in range(count))
    return text[0].upper() + text[1:] + "."


def paragraph(rng, sentences=4):
    return " ".join(sentence(rng) for _ in range(rng.randint(sentences - 1, sentences + 1)))


def tags_pool(n_practices):
    """The stems and numbered variants: a real catalogue's few common tags and long tail."""
    pool = list(TAG_STEMS)
    for i in range(max(20, n_practices // 40)):
        pool.append(f"{TAG_STEMS[i % len(TAG_STEMS)]} {i // len(TAG_STEMS) + 1}")
    return pool


def practice_body(rng, slug, other_slugs):
    parts = []
    for title in rng.sample(SECTIONS, 5):
        parts.append(f"## {title}\n\n{paragraph(rng)}\n")
        shape = rng.random()
        if shape < 0.3:
            parts.append("\n".join(f"- **{rng.choice(WORDS)}.** {sentence(rng, 8)}"
                                   for _ in range(4)) + "\n")
        elif shape < 0.5:
            parts.append("\n".join(f"{i}. {sentence(rng, 9)}" for i in range(1, 5)) + "\n")
        elif shape < 0.7:
            rows = "\n".join(f"| {sentence(rng, 5)} | {rng.randint(10, 120)} | "
                             f"{rng.randint(30, 50) / 10:.1f} |" for _ in range(4))
            parts.append("| Тема | Участников | Оценка (из 5) |\n|---|---|---|\n" + rows + "\n")
    other = rng.choice(other_slugs) if other_slugs else slug
    parts.append(f"Смотрите также практику [«{rng.choice(WORDS)}»](/practices/{other}/) — "
                 f"{sentence(rng, 10)}\n")
    return "\n".join(parts)


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_list(values):
    return "[" + ", ".join(quote(v) for v in values) + "]"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def practice_file(rng, i, school_ids, tags, slugs):
    date = f"{2015 + i % 8}-{1 + i % 12:02d}-{1 + (i * 7) % 28:02d}"
    fm = [
        f"title = {quote('Практика ' + str(i + 1) + ': ' + sentence(rng, 6)[:-1])}",
        f"date = {date}",
        f"schools = {toml_list(rng.sample(school_ids, rng.randint(1, 2)))}",
        f"directions = {toml_list(rng.sample(DIRECTIONS, rng.randint(1, 2)))}",
        f"forms = {toml_list(rng.sample(FORMS, rng.randint(1, 3)))}",
        f"tags = {toml_list(rng.sample(tags, rng.randint(2, 4)))}",
        f"summary = {quote(sentence(rng, 18))}",
    ]
    for _ in range(rng.randint(1, 2)):
        before = rng.randint(10, 60)
        fm += ["", "[[results]]", f"indicator = {quote(sentence(rng, 6)[:-1])}", 'unit = "%"',
               f"before = {before}", f"after = {before + rng.randint(1, 35)}"]
    return "+++\n" + "\n".join(fm) + "\n+++\n\n" + practice_body(rng, slugs[i], slugs) + "\n"


def school_file(rng, i, municipality):
    lines = [f"name = {quote(f'Муниципальное бюджетное общеобразовательное учреждение СОШ № {i + 1}')}",
             f"short_name = {quote(f'СОШ № {i + 1}')}",
             f"municipality = {quote(municipality)}",
             'region = "Краснодарский край"',
             f"kind = {quote('urban' if i % 3 else 'rural')}",
             f"students = {rng.randint(80, 1400)}"]
    if i % 4 == 0:
        lines.append(f"offer = {quote(paragraph(rng, 2))}")
    for year in range(2018, 2022):
        ior = rng.randint(20, 90) / 100
        lines += ["", "[[years]]", f"year = {year}", f"ior = {ior}",
                  f"isbsh = {rng.randint(20, 90) / 100}", f"gia = {rng.randint(30, 48) / 10}",
                  f"vpr = {rng.randint(30, 48) / 10}", "evening_share = 0.0",
                  f"low_results = {'true' if ior < 0.35 else 'false'}"]
    return "\n".join(lines) + "\n"


def mentorship_file(rng, mentor, mentee):
    lines = [f"title = {quote(f'Шефство {mentor} над {mentee}')}", 'format = "patronage"',
             f"mentors = {toml_list([mentor])}", f"mentees = {toml_list([mentee])}",
             f"directions = {toml_list(rng.sample(DIRECTIONS, 2))}",
             f"forms = {toml_list(rng.sample(FORMS, 3))}",
             "start = 2021-09-01", "end = 2022-05-31"]
    lines += ["", "[[goals]]", 'indicator = "ИОР"', 'unit = "индекс"', "baseline = 0.3",
              "target = 0.4", "actual = 0.38"]
    for month in (10, 12, 2, 4):
        year = 2021 if month > 8 else 2022
        lines += ["", "[[events]]", f"date = {year}-{month:02d}-15",
                  f"title = {quote(sentence(rng, 6))}", 'form = "consulting"',
                  f"status = {quote('done' if year == 2021 else 'planned')}"]
    return "\n".join(lines) + "\n"


def event_file(rng, i, school_ids, mentorship_ids):
    lines = [f"title = {quote('Мероприятие ' + str(i + 1) + ': ' + sentence(rng, 5)[:-1])}",
             f"date = {2019 + i % 4}-{1 + i % 12:02d}-{1 + (i * 5) % 28:02d}T10:00:00",
             f"kind = {quote(rng.choice(EVENT_KINDS))}",
             f"organizer = {quote(rng.choice(school_ids))}",
             f"place = {quote(sentence(rng, 4)[:-1])}",
             f"participants = {toml_list(rng.sample(school_ids, 3))}"]
    if mentorship_ids and i % 5 == 0:
        lines.append(f"mentorship = {quote(rng.choice(mentorship_ids))}")
    return ("+++\n" + "\n".join(lines) + "\n+++\n\n" + paragraph(rng, 5) + "\n\n" +
            paragraph(rng, 3) + "\n")


def config_text():
    with open(os.path.join(HERE, "..", "config.toml"), encoding="utf-8") as f:
        text = f.read()
    return text.replace('title = "Школа-наставник — Кореновский район"',
                        'title = "Школа-наставник — синтетический сайт"', 1)


def generate(n, out, theme_dir):
    rng = random.Random(20240607 + n)
    n_schools = max(20, n // 20)
    n_events = max(10, n // 10)
    school_ids = [f"sosh-{i + 1}" for i in range(n_schools)]
    slugs = [f"praktika-{i + 1}" for i in range(n)]
    tags = tags_pool(n)
    nk = os.path.join(out, "nastavnik")
    hugo = os.path.join(out, "hugo")
    for d in (nk, hugo):
        shutil.rmtree(d, ignore_errors=True)
    write(os.path.join(nk, "config.toml"), config_text())
    shutil.copytree(theme_dir, os.path.join(nk, "themes", "default"))
    write(os.path.join(nk, "content", "pages", "about.md"),
          '+++\ntitle = "О проекте"\nweight = 1\n+++\n\n' + paragraph(rng, 6) + "\n")
    for i, sid in enumerate(school_ids):
        municipality = MUNICIPALITIES[(i // 25) % len(MUNICIPALITIES)] + f" {i // 200 + 1}"
        text = school_file(rng, i, municipality)
        for site in (nk, hugo):
            write(os.path.join(site, "data", "schools", sid + ".toml"), text)
    mentorship_ids = []
    for k in range(n_schools // 4):
        mentor, mentee = school_ids[4 * k], school_ids[4 * k + 1]
        mid = f"{mentor}-{mentee}"
        mentorship_ids.append(mid)
        text = mentorship_file(rng, mentor, mentee)
        for site in (nk, hugo):
            write(os.path.join(site, "data", "mentorships", mid + ".toml"), text)
    for i in range(n):
        text = practice_file(rng, i, school_ids, tags, slugs)
        for site in (nk, hugo):
            write(os.path.join(site, "content", "practices", slugs[i] + ".md"), text)
    for i in range(n_events):
        text = event_file(rng, i, school_ids, mentorship_ids)
        for site in (nk, hugo):
            write(os.path.join(site, "content", "events", f"meropriyatie-{i + 1}.md"), text)
    hugo_site.write_site(hugo, write)
    return {"practices": n, "schools": n_schools, "events": n_events,
            "mentorships": len(mentorship_ids)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of practices")
    parser.add_argument("out", help="output directory (nastavnik/ and hugo/ are created in it)")
    parser.add_argument("--theme-dir", default=os.path.join(HERE, "..", "themes", "default"))
    args = parser.parse_args()
    counts = generate(args.n, args.out, args.theme_dir)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
