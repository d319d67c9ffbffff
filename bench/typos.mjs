// Seeded typos of words from the practices' text, for the recall figures of
// bench/search_compare.mjs: each typo is a word of the text with `edits` letters changed (a
// letter replaced, dropped, added, or two neighbours swapped), never a word the text has.
// One-letter typos take words of six letters or more, edited at any position (the same typos as
// the tenth session's benchmark); two-letter typos
// take words of eight letters or more (those search.js corrects by two edits), edited at two
// positions at least two letters apart, so that each edit counts. Each typo is [word, typo,
// where]: where is 'ends' when a two-letter typo's edits fall in the word's first and last thirds.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function rng(seed) {  // mulberry32
  return () => {
    seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'абвгдежзийклмнопрстуфхцчшщъыьэюя';

/** One edit of `chars` at `at` (in place). A swap at the last letter changes nothing (that
 * one-letter typo is drawn again), or with `always`, replaces the letter. */
function edit(chars, at, op, letter, always) {
  if (op === 0) chars[at] = letter;
  else if (op === 1) chars.splice(at, 1);
  else if (op === 2) chars.splice(at, 0, letter);
  else if (at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1], chars[at]];
  else if (always) chars[at] = letter;
}

export function typos(sourceDir, count, edits = 1, seed = 20261202) {
  const dir = join(sourceDir, 'content', 'practices');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  const minLength = edits === 1 ? 6 : 8;
  const vocabulary = new Set(), byFile = [];
  for (const f of files) {
    const words = readFileSync(join(dir, f), 'utf8').split('+++').slice(2).join(' ').toLowerCase().replace(/ё/g, 'е')
      .match(/[а-я]+/g) || [];
    words.forEach((w) => vocabulary.add(w));
    byFile.push(words.filter((w) => w.length >= minLength));
  }
  const random = rng(seed + edits - 1), out = [], seen = new Set();
  while (out.length < count) {
    const words = byFile[Math.floor(random() * byFile.length)];
    if (!words.length) continue;
    const w = words[Math.floor(random() * words.length)], chars = Array.from(w), n = chars.length;
    const at = [];
    while (at.length < edits) {
      const p = Math.floor(random() * n);
      if (at.every((q) => Math.abs(q - p) >= 2)) at.push(p);
    }
    at.sort((a, b) => b - a);  // from the end, so an edit does not move the next one's place
    for (const p of at) edit(chars, p, Math.floor(random() * 4), LETTERS[Math.floor(random() * LETTERS.length)], edits > 1);
    const typo = chars.join('');
    if (typo === w || vocabulary.has(typo) || seen.has(typo)) continue;
    seen.add(typo);
    const third = Math.floor(n / 3);
    const ends = edits === 2 && at[1] < third && at[0] >= n - third;
    out.push([w, typo, ends ? 'ends' : '']);
  }
  return out;
}
