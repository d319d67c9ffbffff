#!/usr/bin/env python3
"""Generates a large site for the search benchmark: N practices (default 10,000) by a few hundred
schools, with Russian text drawn from a word-level Markov chain over the example site's own
Markdown, so word forms, sentence lengths and vocabulary look like real practice descriptions.
A small share of rare made-up words gives the vocabulary the long tail a real corpus has.

Usage: search_bench_site.py OUT_DIR [--practices N] [--schools N] [--seed N]
"""
import argparse
import datetime
import glob
import os
import random
import re
import shutil

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
TOKEN = re.compile(r"[\w«»\-–—№]+|[.,;:!?]", re.U)
MUNICIPALITIES = [
    "Кореновский район", "Калачёвский муниципальный район", "город Тула", "городской округ Подольск",
    "Выселковский район", "Тихорецкий район", "Усть-Лабинский район", "Динской район",
    "Брюховецкий район", "Тимашевский район", "Ленинский район", "Щёкинский район",
    "Алексинский район", "Новомосковский район", "Фроловский район", "Михайловский район",
    "городской округ Химки", "городской округ Клин", "Серпуховский район", "Кашира",
]
SYLLABLES = ["ба", "ве", "ги", "до", "жу", "зы", "ка", "ле", "ми", "но", "пу", "ры", "со", "ти",
             "фу", "ха", "це", "ча", "ше", "эр", "ют", "ян", "ов", "ин", "ск"]
ENDINGS = ["", "а", "ы", "ой", "ами", "ах", "ов", "ий", "ого", "ая", "ую", "ение", "ения", "ость"]


def front_matter_and_body(path):
    text = open(path, encoding="utf-8").read()
    parts = text.split("+++")
    return (parts[1], parts[2]) if len(parts) >= 3 else ("", text)


def corpus():
    """Body sentences, titles, summaries and tags of the example site."""
    bodies, titles, summaries, tags = [], [], [], set()
    for path in sorted(glob.glob(os.path.join(ROOT, "content", "*", "*.md"))):
        fm, body = front_matter_and_body(path)
        bodies.append(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body))
        for key, out in (("title", titles), ("summary", summaries)):
            m = re.search(r'^%s = "(.*)"$' % key, fm, re.M)
            if m:
                out.append(m.group(1))
        m = re.search(r"^tags = \[(.*)\]$", fm, re.M)
        if m:
            tags.update(re.findall(r'"([^"]+)"', m.group(1)))
    return bodies, titles, summaries, sorted(tags)


class Chain:
    """A word-level Markov chain of order 2 over sentences."""

    def __init__(self, texts):
        self.next = {}
        self.starts = []
        for text in texts:
            for line in text.splitlines():
                line = re.sub(r"^[#>\-\d.*\s|]+(\[[ x]\]\s*)?", "", line).replace("**", "").replace("*", "")
                words = TOKEN.findall(line)
                if len(words) < 4:
                    continue
                self.starts.append((words[0], words[1]))
                for a, b, c in zip(words, words[1:], words[2:] + ["\n"]):
                    self.next.setdefault((a, b), []).append(c)

    def sentence(self, rng, min_words, max_words, rare):
        a, b = rng.choice(self.starts)
        out = [a, b]
        while len(out) < max_words:
            c = rng.choice(self.next.get((a, b), ["\n"]))
            if c == "\n" or (c == "." and len(out) >= min_words):
                break
            out.append(rare(rng) if rng.random() < 0.02 and c.isalpha() else c)
            a, b = b, c
        text = " ".join(out)
        return re.sub(r" ([.,;:!?])", r"\1", text).rstrip(",;:. -–—")


def rare_word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + rng.choice(ENDINGS)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def schools(out, count, rng):
    ids = []
    for i in range(1, count + 1):
        sid = f"s-{i:04d}"
        municipality = MUNICIPALITIES[i % len(MUNICIPALITIES)]
        write(os.path.join(out, "data", "schools", sid + ".toml"),
              f'name = "Муниципальное бюджетное общеобразовательное учреждение средняя школа № {i}"\n'
              f'short_name = "МБОУ СОШ № {i}"\nmunicipality = "{municipality}"\n'
              f'region = "Краснодарский край"\nkind = "{rng.choice(["urban", "rural"])}"\n')
        ids.append(sid)
    return ids


def practice(i, rng, chains, tags, school_ids, directions, forms):
    body_chain, title_chain, summary_chain = chains
    start = datetime.date(2018, 1, 1)
    date = start + datetime.timedelta(days=rng.randint(0, 4 * 365 + 60))
    title = title_chain.sentence(rng, 4, 12, rare_word)
    sections = []
    for _ in range(rng.randint(4, 7)):
        heading = body_chain.sentence(rng, 2, 6, rare_word).rstrip(".")
        paragraphs = [" ".join(body_chain.sentence(rng, 8, 30, rare_word) + "." for _ in range(rng.randint(2, 4)))
                      for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.4:
            paragraphs.append("\n".join("- " + body_chain.sentence(rng, 3, 10, rare_word) + ";"
                                        for _ in range(rng.randint(2, 5))))
        sections.append(f"## {heading}\n\n" + "\n\n".join(paragraphs))
    chosen_tags = rng.sample(tags, rng.randint(1, 4))
    return (f"+++\ntitle = {toml_str(title)}\ndate = {date.isoformat()}\n"
            f"schools = [{', '.join(toml_str(s) for s in rng.sample(school_ids, rng.randint(1, 2)))}]\n"
            f"directions = [{', '.join(toml_str(d) for d in rng.sample(directions, rng.randint(1, 2)))}]\n"
            f"forms = [{', '.join(toml_str(f) for f in rng.sample(forms, rng.randint(1, 3)))}]\n"
            f"tags = [{', '.join(toml_str(t) for t in chosen_tags)}]\n"
            f"summary = {toml_str(summary_chain.sentence(rng, 15, 35, rare_word) + '.')}\n+++\n\n"
            + "\n\n".join(sections) + "\n")


def vocabulary(config, name):
    block = re.search(r"^\[vocabularies\.%s\]\n(.*?)(?:\n\n|\Z)" % name, config, re.S | re.M).group(1)
    return re.findall(r"^(\w+) =", block, re.M)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--practices", type=int, default=10000)
    parser.add_argument("--schools", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bodies, titles, summaries, base_tags = corpus()
    chains = (Chain(bodies), Chain(titles), Chain(summaries))
    tags = base_tags + [f"{a} {b}" for a, b in zip(rng.sample(base_tags, 40), rng.sample(base_tags, 40)) if a != b]
    os.makedirs(args.out, exist_ok=True)
    config = open(os.path.join(ROOT, "config.toml"), encoding="utf-8").read()
    write(os.path.join(args.out, "config.toml"), config)
    shutil.copytree(os.path.join(ROOT, "themes"), os.path.join(args.out, "themes"), dirs_exist_ok=True)
    school_ids = schools(args.out, args.schools, rng)
    directions, forms = vocabulary(config, "directions"), vocabulary(config, "forms")
    for i in range(1, args.practices + 1):
        write(os.path.join(args.out, "content", "practices", f"p-{i:05d}.md"),
              practice(i, rng, chains, tags, school_ids, directions, forms))
    print(f"{args.practices} practices, {args.schools} schools, {len(tags)} tags in {args.out}")


if __name__ == "__main__":
    main()
