#!/usr/bin/env python3
"""Generates a benchmark site: N schools (default 40,000, the whole country) with five years of
indicators each, spread over regions and municipalities, plus a few mentorships.

    bench/gen_schools.py OUT_DIR [--schools N] [--years 5] [--group municipality|region]

OUT_DIR receives config.toml, data/schools/*.toml, data/mentorships/*.toml and a copy of the
default theme. The values are pseudo-random with a fixed seed, so every run writes the same site.
"""

import argparse
import os
import random
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FACTORS = ["equipment", "staff_shortage", "teacher_competence", "adaptivity",
           "no_inschool_training", "language_barriers", "environment", "learning_failure",
           "parents", "motivation"]


def school_toml(i, region, municipality, years, rng):
    advanced = rng.random() < 0.1
    base_ior = rng.uniform(0.15, 0.9)
    isbsh = rng.uniform(0.2, 0.85)
    lines = [
        f'name = "Муниципальное общеобразовательное учреждение средняя школа № {i}"',
        f'short_name = "Школа № {i}"',
        f'municipality = "{municipality}"',
        f'region = "{region}"',
        f'kind = "{"urban" if rng.random() < 0.6 else "rural"}"',
        f"advanced = {'true' if advanced else 'false'}",
        f"students = {rng.randint(40, 1500)}",
    ]
    for year in years:
        ior = min(0.99, max(0.01, base_ior + rng.uniform(-0.06, 0.06)))
        gia = round(rng.uniform(2.8, 4.6), 2)
        vpr = round(gia * rng.uniform(0.6, 1.1), 2)
        factors = rng.sample(FACTORS, rng.randint(0, 4))
        lines += [
            "",
            "[[years]]",
            f"year = {year}",
            f"ior = {ior:.3f}",
            f"isbsh = {min(0.99, max(0.01, isbsh + rng.uniform(-0.03, 0.03))):.3f}",
            f"gia = {gia}",
            f"vpr = {vpr}",
            f"evening_share = {rng.choice([0.0, 0.0, 0.0, rng.uniform(0.01, 0.2)]):.3f}",
            f"low_results = {'true' if ior < 0.3 else 'false'}",
            "difficult_conditions = " + ("true" if isbsh < 0.35 else "false"),
            "risk_factors = [" + ", ".join(f'"{f}"' for f in factors) + "]",
        ]
    return "\n".join(lines) + "\n"


def mentorship_toml(k, mentor, mentees, year):
    mentee_list = ", ".join(f'"{m}"' for m in mentees)
    return (f'title = "Программа наставничества № {k}"\nformat = "patronage"\n'
            f'mentors = ["{mentor}"]\nmentees = [{mentee_list}]\n'
            f"start = {year}-09-01\nend = {year + 1}-05-31\nstatus = \"active\"\n\n"
            '[[goals]]\nindicator = "ИОР"\nunit = "индекс"\nbaseline = 0.25\ntarget = 0.35\n'
            "actual = 0.31\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--schools", type=int, default=40000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--group", default="municipality", choices=["municipality", "region"])
    args = parser.parse_args()

    rng = random.Random(20220315)
    years = list(range(2021 - args.years + 1, 2022))
    schools_dir = os.path.join(args.out, "data", "schools")
    mentorships_dir = os.path.join(args.out, "data", "mentorships")
    os.makedirs(schools_dir, exist_ok=True)
    os.makedirs(mentorships_dir, exist_ok=True)
    with open(os.path.join(args.out, "config.toml"), "w", encoding="utf-8") as f:
        f.write('title = "Школа-наставник — бенчмарк"\nbase_url = "https://example.org/"\n'
                f'as_of = 2022-03-15\n\n[analytics]\ngroup = "{args.group}"\n')
    # About 85 regions of 30 municipalities of 15–16 schools, as in the country.
    per_municipality = 16
    ids = []
    for i in range(args.schools):
        m = i // per_municipality
        region = f"Регион {m // 30 + 1}"
        municipality = f"Муниципалитет {m + 1}"
        sid = f"school-{i + 1}"
        ids.append(sid)
        with open(os.path.join(schools_dir, sid + ".toml"), "w", encoding="utf-8") as f:
            f.write(school_toml(i + 1, region, municipality, years, rng))
    # One mentorship per 40 schools: the first of each pair of municipalities mentors two others.
    for k in range(args.schools // 40):
        mentor, mentees = ids[k * 40], [ids[k * 40 + 1], ids[k * 40 + 2]]
        with open(os.path.join(mentorships_dir, f"m-{k + 1}.toml"), "w", encoding="utf-8") as f:
            f.write(mentorship_toml(k + 1, mentor, mentees, 2021))
    theme = os.path.join(args.out, "themes", "default")
    shutil.rmtree(theme, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "themes", "default"), theme)
    print(f"wrote {args.schools} schools × {len(years)} years, "
          f"{args.schools // 40} mentorships into {args.out}")


if __name__ == "__main__":
    main()
