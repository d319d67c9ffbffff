/* Search and filters of the practice catalogue, over the index the generator writes to /search/
 * (generator/output/search_index.h describes the files). No server and no stemmer: a typed word
 * is mapped to the index's stems through the endings the build recorded. Plain JavaScript, no
 * build step. In Node (the benchmark and tests) it exports the engine; in a page it wires up
 * #search-form on /practices/. */
(function () {
  'use strict';

  var ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var CODE = new Int8Array(128);
  for (var a = 0; a < 64; a++) CODE[ALPHABET.charCodeAt(a)] = a;
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;

  /** Lower case, ё → е: the folding the generator applies (nk::text::fold_case). */
  function fold(s) { return s.toLowerCase().replace(/ё/g, 'е'); }

  /** Folded words of at least two characters, as the generator splits text. */
  function words(s) {
    return (fold(s).match(WORD) || []).filter(function (w) { return Array.from(w).length >= 2; });
  }

  /** Decodes base-32 varints into an Int32Array; with `impacts`, every number is followed by one
   * impact digit, returned alongside in a Uint8Array. */
  function decode(str, gaps, impacts) {
    var n = str.length, docs = new Int32Array(impacts ? n >> 1 : n), imp = impacts ? new Uint8Array(n >> 1) : null;
    var prev = -1, i = 0, k = 0;
    while (i < n) {
      var v = 0, c;
      while ((c = CODE[str.charCodeAt(i++)]) >= 32) v = v * 32 + c - 32;
      v = v * 32 + c;
      prev = gaps ? prev + v + 1 : v;
      if (impacts) imp[k] = CODE[str.charCodeAt(i++)];
      docs[k++] = prev;
    }
    return impacts ? { docs: docs.subarray(0, k), impacts: imp.subarray(0, k) } : docs.subarray(0, k);
  }

  /** First index in sorted `list` whose value is >= `key`. */
  function lowerBound(list, key) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < key) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /** The engine: loads index files through `fetchJson(url)` and answers queries. */
  function Engine(base, fetchJson) {
    this.base = base;
    this.fetchJson = fetchJson;
    this.files = new Map();
  }

  Engine.prototype.load = function (name) {
    var self = this;
    if (!this.files.has(name)) {
      var p = name === 'manifest.json' ? this.fetchJson(this.base + name)
        : this.manifest().then(function (m) { return self.fetchJson(self.base + name + '?v=' + m.build); });
      p.catch(function () { self.files.delete(name); });
      this.files.set(name, p);
    }
    return this.files.get(name);
  };

  Engine.prototype.manifest = function () {
    var self = this;
    if (!this.manifestPromise) {
      this.manifestPromise = this.load('manifest.json').then(function (m) {
        m.stopSet = new Set(m.stop);
        self.m = m;
        return m;
      });
    }
    return this.manifestPromise;
  };

  Engine.prototype.shardOf = function (stem) {
    return Math.max(0, lowerBound(this.m.terms, stem + '\u0000') - 1);
  };

  Engine.prototype.terms = function (k) {
    return this.load('t' + k + '.json').then(function (t) { t.cache = t.cache || new Map(); return t; });
  };

  Engine.prototype.postings = function (shard, i) {
    if (!shard.cache.has(i)) shard.cache.set(i, decode(shard.p[i], true, true));
    return shard.cache.get(i);
  };

  /** The stems a query word stands for: its own stem (the longest stem it starts with, followed
   * by a recorded ending) and, for the word being typed, up to 40 stems it is a prefix of. */
  Engine.prototype.resolve = function (word, isPrefix) {
    var self = this, m = this.m;
    var candidates = [word];
    m.endings.forEach(function (e) {
      var rest = word.length - e.length;
      if (rest >= 2 && word.slice(rest) === e) candidates.push(word.slice(0, rest));
    });
    var shards = new Set(candidates.map(function (c) { return self.shardOf(c); }));
    var first = this.shardOf(word), last = this.shardOf(word + '\uffff');
    var prefix = isPrefix && Array.from(word).length >= m.min_prefix;
    if (prefix) for (var k = first; k <= Math.min(last, first + 1); k++) shards.add(k);
    var ks = Array.from(shards);
    return Promise.all(ks.map(function (k) { return self.terms(k); })).then(function (loaded) {
      var byShard = new Map(ks.map(function (k, i) { return [k, loaded[i]]; }));
      var found = [], exact = null;
      candidates.forEach(function (c) {
        var t = byShard.get(self.shardOf(c)), i = lowerBound(t.s, c);
        if (t.s[i] === c && (!exact || c.length > exact.stem.length)) exact = { stem: c, t: t, i: i, exact: true };
      });
      if (exact) found.push(exact);
      if (prefix) found = found.concat(self.expand(word, first, last, byShard, exact));
      if (found.length || !correctable(word)) return found;
      return self.correct(word);
    });
  };

  /** The ways a typed word splits into a stem-like part and an ending the build recorded:
   * [{c: part, e: ending}], the whole word first. */
  function splits(word, endings) {
    var out = [{ c: word, e: '' }];
    endings.forEach(function (e) {
      var rest = word.length - e.length;
      if (rest >= 2 && word.slice(rest) === e) out.push({ c: word.slice(0, rest), e: e });
    });
    return out;
  }

  /** The query as it was read: each corrected word replaced by its correction. */
  function shownQuery(ws, corrections) {
    var out = ws.slice();
    corrections.forEach(function (c) { out[c.at] = c.shown; });
    return out.join(' ');
  }

  /** Shows each correction as a word the found texts use: of the words there that start with the
   * corrected stem, the one closest to what was typed. Returns the query as read. */
  function refineCorrections(ws, corrections, texts) {
    corrections.forEach(function (c) {
      var best = null, bestD = 99;
      texts.forEach(function (t) {
        words(t || '').forEach(function (w) {
          if (!w.startsWith(c.stem)) return;
          var d = distance(c.typed, w, bestD - 1);
          if (d < bestD) { bestD = d; best = w; }
        });
      });
      if (best) c.shown = best;
    });
    return shownQuery(ws, corrections);
  }

  /** Words worth correcting: four letters or more, no digits. */
  function correctable(word) { return word.length >= 4 && !/\d/.test(word); }

  /** Edits allowed between a word and a term: 1, or 2 when the term has eight letters or more.
   * A typed word two letters short of such a term may be reached by 2, so: 2 from six letters. */
  function allowedEdits(word) { return word.length >= 6 ? 2 : 1; }

  /** The edit distance of `word` to the nearest form of `stem` (formDistance) within reach: two
   * edits only to a form of eight letters or more. Beyond reach: allowedEdits(word) + 1. */
  function typoDistance(word, stem, endings) {
    var max = allowedEdits(word), d = formDistance(word, stem, endings, max);
    if (d < 2 || word.length >= 8 || d > max) return d;
    var long = [''].concat(endings).some(function (e) {
      return stem.length + e.length >= 8 && distance(word, stem + e, 2) <= 2;
    });
    return long ? d : max + 1;
  }

  /** Edit distance of a and b (insertions, deletions, substitutions and swaps of two neighbours
   * each count 1), or max + 1 once it exceeds max. */
  function distance(a, b, max) {
    var n = a.length, m = b.length;
    if (Math.abs(n - m) > max) return max + 1;
    var prev2 = new Array(m + 1), prev = new Array(m + 1), cur = new Array(m + 1), i, j;
    for (j = 0; j <= m; j++) prev[j] = j;
    var lastBest = 0;
    for (i = 1; i <= n; i++) {
      cur[0] = i;
      var best = i;
      for (j = 1; j <= m; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
          v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < best) best = v;
      }
      // A swap reaches back two rows: stop once two rows in a row exceed max.
      if (best > max && lastBest > max) return max + 1;
      lastBest = best;
      var t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    return prev[m] > max ? max + 1 : prev[m];
  }

  /** The least edit distance between `word` and a form of `stem`: the stem alone or followed by
   * one of `endings` (a typo may fall in the ending as well as in the stem); max + 1 beyond max.
   * The columns of the stem are computed once and extended by each ending. */
  function formDistance(word, stem, endings, max) {
    var n = word.length, prev2 = null, prev = new Array(n + 1), i;
    for (i = 0; i <= n; i++) prev[i] = i;
    // One more column: b is stem + ending up to its j-th character (1-based), c its last.
    var step = function (p2, p, b, j) {
      var cur = new Array(n + 1), c = b.charCodeAt(j - 1), low = cur[0] = j;
      for (var k = 1; k <= n; k++) {
        var v = Math.min(p[k] + 1, cur[k - 1] + 1, p[k - 1] + (word.charCodeAt(k - 1) === c ? 0 : 1));
        if (p2 && k > 1 && word.charCodeAt(k - 1) === b.charCodeAt(j - 2) && word.charCodeAt(k - 2) === c) v = Math.min(v, p2[k - 2] + 1);
        cur[k] = v;
        if (v < low) low = v;
      }
      cur.low = low;
      return cur;
    };
    for (var j = 1; j <= stem.length; j++) {
      var next = step(prev2, prev, stem, j);
      prev2 = prev; prev = next;
      if (next.low > max && (!prev2.low || prev2.low > max) && j > 1) return max + 1;
    }
    var best = prev[n];
    endings.forEach(function (e) {
      if (Math.abs(n - stem.length - e.length) > max || !e) return;
      var b = stem + e, p2 = prev2, p = prev;
      for (var j = stem.length + 1; j <= b.length; j++) { var c = step(p2, p, b, j); p2 = p; p = c; }
      if (p[n] < best) best = p[n];
    });
    return best > max ? max + 1 : best;
  }

  function reverse(s) { return Array.from(s).reverse().join(''); }

  /** The best corrections of `word` among `stems` ([{stem, f}] candidates already gathered):
   * those at the smallest distance, commonest first, at most three; each with the word to show
   * (the stem with the ending closest to what was typed). */
  function bestCorrections(word, found, endings) {
    if (!found.length) return [];
    var least = Math.min.apply(null, found.map(function (x) { return x.dist; }));
    var best = found.filter(function (x) { return x.dist === least; });
    best.sort(function (x, y) { return y.f - x.f || (x.stem < y.stem ? -1 : 1); });
    return best.slice(0, 3).map(function (x) {
      var shown = x.stem + x.e, d = distance(word, shown, 9);
      [''].concat(endings).forEach(function (e) {
        var k = distance(word, x.stem + e, d);
        if (k < d) { d = k; shown = x.stem + e; }
      });
      return { stem: x.stem, shown: shown, dist: x.dist };
    });
  }

  /** Scans lexicon shards of `kind` ('f' or 'r') for keys starting with `prefix`, calling
   * visit(key, frequency) for each; at most three shards. */
  Engine.prototype.scan = function (kind, prefix, visit) {
    var self = this, firsts = kind === 'f' ? this.m.lexicon : this.m.reversed;
    var k = Math.max(0, lowerBound(firsts, prefix) - 1), ks = [];
    for (var j = k; j < firsts.length && j < k + 3 && (j === k || firsts[j] < prefix + '\uffff'); j++) ks.push(j);
    return Promise.all(ks.map(function (j) { return self.load(kind + j + '.json'); })).then(function (shards) {
      shards.forEach(function (sh) {
        for (var i = lowerBound(sh.s, prefix); i < sh.s.length && sh.s[i].startsWith(prefix); i++)
          visit(sh.s[i], CODE[sh.f.charCodeAt(i)]);
      });
    });
  };

  /** Calls visit(stem, frequency) for the stems of the middle lexicon (m shards) under one
   * trigram of the middle third of `word`: of its trigrams, the one whose entries span the fewest
   * shards (middle.json lists each shard's first trigram); at most three shards. */
  Engine.prototype.scanMiddle = function (word, visit) {
    var self = this, third = Math.floor(word.length / 3), mid = word.slice(third, word.length - third);
    if (mid.length < 3) return Promise.resolve();
    return this.load('middle.json').then(function (middle) {
      var firsts = middle.k, best = null;
      for (var i = 0; i + 3 <= mid.length; i++) {
        var t = mid.slice(i, i + 3), from = Math.max(0, lowerBound(firsts, t) - 1), to = lowerBound(firsts, t + '\u0000');
        if (!best || to - from < best.to - best.from) best = { t: t, from: from, to: to };
      }
      var ks = [];
      for (var j = best.from; j < Math.min(best.to, best.from + 3); j++) ks.push(j);
      return Promise.all(ks.map(function (j) { return self.load('m' + j + '.json'); })).then(function (shards) {
        shards.forEach(function (sh) {
          for (var g = 0, at = 0; g < sh.t.length; at += sh.n[g++]) {
            if (sh.t[g] !== best.t) continue;
            for (var k = at; k < at + sh.n[g]; k++) visit(sh.s[k], CODE[sh.f.charCodeAt(k)]);
          }
        });
      });
    });
  };

  /** Stems within reach of a word absent from the index (see allowedEdits), found through the
   * lexicon: a word with one typo keeps its first or its last half, so the stems starting with
   * that half (f shards) or ending with it (r shards) hold every candidate. Resolves to entries
   * like resolve()'s, marked typo, with the word to show. */
  Engine.prototype.correct = function (word) {
    var self = this, max = allowedEdits(word), m = this.m;
    if (!m.lexicon || !m.lexicon.length) return Promise.resolve([]);
    this.corrections = this.corrections || new Map();
    if (this.corrections.has(word)) return this.corrections.get(word);
    var parts = splits(word, m.endings).filter(function (x) { return x.c.length >= 3; });
    var seen = new Map();
    var consider = function (stem, f) {
      if (seen.has(stem)) return;
      var d = typoDistance(word, stem, m.endings);
      seen.set(stem, d <= max ? { stem: stem, f: f, dist: d, e: '' } : null);
    };
    // With one edit, half the word is intact; with two, a third of it at either end, or else (the
    // edits in both end thirds) its middle third, looked up by trigram (scanMiddle). Both ends
    // are looked up by the half and by the third: the half is a narrower range, the third may
    // span more shards than are scanned.
    var pieces = function (n) { return [Math.max(1, n >> 1), Math.max(1, Math.floor(n / (max + 1)))]; };
    var shortest = Math.min.apply(null, parts.map(function (x) { return x.c.length; }));
    var scans = [];
    new Set(pieces(shortest).map(function (k) { return word.slice(0, k); })).forEach(function (key) {
      scans.push(self.scan('f', key, consider));
    });
    // The stem's last half is intact when the typo is in its first: one scan per way the word
    // may split into stem and ending (most fall in the same shard).
    var keys = new Set();
    parts.forEach(function (x) {
      pieces(x.c.length).forEach(function (k) { keys.add(reverse(x.c).slice(0, k)); });
    });
    keys.forEach(function (key) {
      scans.push(self.scan('r', key, function (k, f) { consider(reverse(k), f); }));
    });
    // Two typos in the first and the last third leave the middle third intact.
    if (max >= 2) scans.push(this.scanMiddle(word, consider));
    var answer = Promise.all(scans).then(function () {
      var best = bestCorrections(word, Array.from(seen.values()).filter(Boolean), m.endings);
      return Promise.all(best.map(function (b) { return self.terms(self.shardOf(b.stem)); })).then(function (ts) {
        return best.map(function (b, n) {
          var t = ts[n], i = lowerBound(t.s, b.stem);
          return t.s[i] === b.stem ? { stem: b.stem, t: t, i: i, exact: false, typo: true, shown: b.shown, first: n === 0 } : null;
        }).filter(Boolean);
      });
    });
    this.corrections.set(word, answer);
    answer.catch(function () { self.corrections.delete(word); });
    return answer;
  };

  Engine.prototype.expand = function (word, first, last, byShard, exact) {
    var out = [];
    for (var k = first; k <= Math.min(last, first + 1); k++) {
      var t = byShard.get(k);
      for (var i = lowerBound(t.s, word); i < t.s.length && t.s[i].startsWith(word); i++)
        if (!exact || t.s[i] !== exact.stem) out.push({ stem: t.s[i], t: t, i: i, exact: false });
    }
    out.sort(function (x, y) { return y.t.d[y.i] - x.t.d[x.i]; });
    return out.slice(0, 40);
  };

  /** Matches of `query`: every word must match, or (partial) when no document holds them all,
   * as many as any document holds. Resolves to {words, stems, match, corrected, shown}, where
   * match is null when the query has no words, else per-document arrays over all documents:
   * mask (1 when it matches), title (how many words match in the title), score (BM25), has (the
   * words' masks) and partial (how many words the shown documents hold, or 0 when all).
   * corrected is true when a word absent from the index was read as a near one; shown is the
   * query as it was read. */
  Engine.prototype.search = function (query) {
    var self = this;
    return this.manifest().then(function (m) {
      var ws = words(query).filter(function (w) { return !m.stopSet.has(w); });
      if (!ws.length) return { words: [], stems: [], match: null };
      var typing = !/[\s\p{P}]$/u.test(query);
      return Promise.all(ws.map(function (w, i) { return self.resolve(w, typing && i === ws.length - 1); }))
        .then(function (groups) {
          var r = self.rank(ws, groups);
          r.corrections = [];
          groups.forEach(function (g, i) {
            var typo = g.find(function (x) { return x.typo && x.first; });
            if (typo) r.corrections.push({ at: i, typed: ws[i], stem: typo.stem, shown: typo.shown });
          });
          r.corrected = r.corrections.length > 0;
          r.shown = shownQuery(ws, r.corrections);
          return r;
        });
    });
  };

  // Typed arrays over all documents keep a query fast at 10,000 practices on a phone.
  Engine.prototype.rank = function (ws, groups) {
    var n = this.m.count, stems = [], match = null, has = [], perWord = [];
    groups.forEach(function (group) {
      var score = new Float64Array(n), title = new Uint8Array(n), mask = new Uint8Array(n);
      group.forEach(function (r) {
        stems.push(r.stem);
        var p = this.postings(r.t, r.i), df = p.docs.length;
        // Corrections rank below exact and prefix matches.
        var weight = r.exact ? 1 : r.typo ? (r.first ? 0.5 : 0.35) : 0.7;
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * weight / 31;
        for (var j = 0; j < df; j++) {
          var d = p.docs[j], imp = p.impacts[j], s = idf * (imp & 31), t = imp >> 5;
          if (!mask[d] || t > title[d] || (t === title[d] && s > score[d])) { mask[d] = 1; title[d] = t; score[d] = s; }
        }
      }, this);
      has.push(mask);
      perWord.push({ score: score, title: title });
    }, this);
    if (!groups.length) return { words: ws, stems: stems, match: match };
    // How many words each document holds; every word, or else the most any document holds.
    var count = new Uint8Array(n), most = 0, d, w;
    for (w = 0; w < has.length; w++) for (d = 0; d < n; d++) count[d] += has[w][d];
    for (d = 0; d < n; d++) if (count[d] > most) most = count[d];
    match = { mask: new Uint8Array(n), title: new Uint8Array(n), score: new Float64Array(n), has: has,
      partial: most > 0 && most < has.length ? most : 0 };
    for (d = 0; d < n; d++) {
      if (!most || count[d] !== most) continue;
      match.mask[d] = 1;
      for (w = 0; w < has.length; w++) if (has[w][d]) { match.score[d] += perWord[w].score[d]; match.title[d] += perWord[w].title[d]; }
    }
    return { words: ws, stems: stems, match: match };
  };

  /** Facets with decoded document lists: [{kind, param, label, any, values: [{c, l, u, docs}]}]. */
  Engine.prototype.facets = function () {
    var self = this;
    if (!this.facetsPromise) {
      this.facetsPromise = this.load('facets.json').then(function (f) {
        f.facets.forEach(function (k) {
          k.values.forEach(function (v) { v.docs = decode(v.p, true, false); });
        });
        return f.facets;
      });
      this.facetsPromise.catch(function () { self.facetsPromise = null; });
    }
    return this.facetsPromise;
  };

  function maskOf(docs, n) {
    var m = new Uint8Array(n);
    for (var j = 0; j < docs.length; j++) m[docs[j]] = 1;
    return m;
  }

  /** Applies filters ({param: code}) to a match (null = every document). Returns {mask, count,
   * counts}: counts[kind][value] is how many documents the value would leave, the other kinds'
   * filters applied. */
  Engine.prototype.filter = function (match, facets, selected) {
    var n = this.m.count, base = match ? match.mask : new Uint8Array(n).fill(1);
    var chosen = facets.map(function (k) {
      var v = k.values.find(function (x) { return x.c === selected[k.param]; });
      return v ? maskOf(v.docs, n) : null;
    });
    var except = function (skip) {
      var m = base.slice();
      chosen.forEach(function (c, ki) {
        if (c && ki !== skip) for (var d = 0; d < n; d++) m[d] &= c[d];
      });
      return m;
    };
    var mask = except(-1), count = 0;
    for (var d = 0; d < n; d++) count += mask[d];
    var counts = facets.map(function (k, ki) {
      var m = chosen[ki] ? except(ki) : mask;
      return k.values.map(function (v) {
        var c = 0;
        for (var j = 0; j < v.docs.length; j++) c += m[v.docs[j]];
        return c;
      });
    });
    return { mask: mask, count: count, counts: counts };
  };

  /** The documents of `mask` in order: 'relevance' (title matches first, then score), 'newest'
   * (document order) or 'title'. Resolves to an Int32Array. */
  Engine.prototype.order = function (match, mask, order) {
    var n = this.m.count, d;
    if (order === 'relevance' && match) return Promise.resolve(byRelevance(match, mask, n));
    if (order !== 'title') {
      var count = 0, k = 0;
      for (d = 0; d < n; d++) count += mask[d];
      var newest = new Int32Array(count);
      for (d = 0; d < n; d++) if (mask[d]) newest[k++] = d;
      return Promise.resolve(newest);
    }
    var self = this;
    return this.load('order-title.json').then(function (o) {
      self.titleOrder = self.titleOrder || decode(o.order, false, false);
      var titles = self.titleOrder, count = 0, k = 0, j;
      for (j = 0; j < titles.length; j++) count += mask[titles[j]];
      var sorted = new Int32Array(count);
      for (j = 0; j < titles.length; j++) if (mask[titles[j]]) sorted[k++] = titles[j];
      return sorted;
    });
  };

  // Sorts 32-bit integers, not objects: title matches (3 bits), the score scaled to the bits left
  // and the document number (as many bits as the index needs; ties go to the newer document).
  // Typed arrays throughout: they stay fast before the JIT has warmed up.
  function byRelevance(match, mask, n) {
    var docBits = Math.max(1, Math.ceil(Math.log2(n + 1))), scoreLevels = Math.pow(2, 29 - docBits) - 1;
    var count = 0, top = 0, d;
    for (d = 0; d < n; d++) if (mask[d]) { count++; if (match.score[d] > top) top = match.score[d]; }
    var scale = top > 0 ? scoreLevels / top : 0, docs = Math.pow(2, docBits), last = docs - 1;
    var keys = new Uint32Array(count), k = 0;
    for (d = 0; d < n; d++) {
      if (!mask[d]) continue;
      var rank = Math.min(7, match.title[d]) * (scoreLevels + 1) + Math.round(match.score[d] * scale);
      keys[k++] = rank * docs + (last - d);
    }
    keys.sort();
    var out = new Int32Array(count);
    for (var i = 0; i < count; i++) out[i] = last - (keys[count - 1 - i] & last);
    return out;
  }

  /** Documents [url, title, date, schools, summary, excerpt] for a list of document numbers. */
  Engine.prototype.docs = function (numbers) {
    var self = this, size = this.m.doc_shard;
    return Promise.all(numbers.map(function (d) {
      return self.load('d' + Math.floor(d / size) + '.json').then(function (s) { return s.docs[d % size]; });
    }));
  };

  /** Splits `text` into [text, marked] pieces: a word is marked when it starts with a stem. */
  function highlight(text, stems) {
    var out = [], last = 0, match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      var w = fold(match[0]);
      if (stems.some(function (s) { return s.length >= 2 && w.startsWith(s); })) {
        if (match.index > last) out.push([text.slice(last, match.index), false]);
        out.push([match[0], true]);
        last = match.index + match[0].length;
      }
    }
    if (last < text.length) out.push([text.slice(last), false]);
    return out;
  }

  /** About `size` characters of the summary or excerpt around the first matched word, or of the
   * summary (or excerpt) when neither holds one. */
  function snippet(summary, excerpt, stems, size) {
    var sources = [summary, excerpt];
    for (var s = 0; s < sources.length; s++) {
      var parts = highlight(sources[s], stems), pos = 0;
      for (var i = 0; i < parts.length; i++) {
        if (parts[i][1]) return cut(sources[s], pos, size);
        pos += parts[i][0].length;
      }
    }
    return cut(summary || excerpt, 0, size);
  }

  /** True when highlight() marks a word of `text`. */
  function hasMatch(text, stems) { return highlight(text, stems).some(function (p) { return p[1]; }); }

  function cut(text, at, size) {
    if (text.length <= size) return text;
    var start = Math.max(0, Math.min(at - 40, text.length - size));
    start = start > 0 ? text.indexOf(' ', start) + 1 : 0;
    var end = text.lastIndexOf(' ', start + size);
    if (end <= start) end = start + size;
    return (start > 0 ? '…' : '') + text.slice(start, end).replace(/[\s,.;:—-]+$/, '') + (end < text.length ? '…' : '');
  }

  /* ---- The page: /practices/ ---- */

  var MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября',
    'октября', 'ноября', 'декабря'];
  var PAGE = 10;

  function plural(n, one, few, many) {
    var m10 = n % 10, m100 = n % 100;
    var w = m100 >= 11 && m100 <= 14 ? many : m10 === 1 ? one : m10 >= 2 && m10 <= 4 ? few : many;
    return n + ' ' + w;
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }

  function marked(text, stems) {
    return highlight(text, stems).map(function (p) { return p[1] ? el('mark', { text: p[0] }) : p[0]; });
  }

  function start(lib) {
    var form = document.getElementById('search-form');
    var input = document.getElementById('q');
    if (!form || !input || !window.fetch) return;
    var ui = {
      form: form, input: input,
      status: document.getElementById('search-status'),
      results: document.getElementById('search-results'),
      list: document.getElementById('catalogue-list'),
      pagers: Array.prototype.slice.call(document.querySelectorAll('.pager, .sort-links')),
      statics: Array.prototype.slice.call(document.querySelectorAll('.facet'))
    };
    var engine = new lib.Engine(form.getAttribute('data-index'), function (url) {
      return fetch(url).then(function (r) { if (!r.ok) throw new Error(url + ': ' + r.status); return r.json(); });
    });
    var hint = document.getElementById('search-hint');
    if (hint) hint.hidden = false;
    new Catalogue(ui, engine, form.getAttribute('data-sort') || 'newest').init();
  }

  function Catalogue(ui, engine, defaultSort) {
    this.ui = ui;
    this.engine = engine;
    this.defaultSort = defaultSort;
    this.selected = {};
    this.sort = '';
    this.shown = PAGE;
    this.seq = 0;
  }

  Catalogue.prototype.init = function () {
    var self = this, params = new URLSearchParams(location.search);
    this.ui.input.value = params.get('q') || '';
    this.sort = params.get('sort') || '';
    this.more = el('button', { type: 'button', class: 'search-more', hidden: '' });
    this.more.textContent = 'Показать ещё';
    this.ui.results.parentNode.insertBefore(this.more, this.ui.results.nextSibling);
    this.more.addEventListener('click', function () { self.showMore(); });
    var timer = 0;
    this.ui.input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.shown = PAGE; self.update(); }, 120);
    });
    this.ui.form.addEventListener('submit', function (ev) { ev.preventDefault(); clearTimeout(timer); self.update(); });
    this.ui.input.addEventListener('keydown', function (ev) { self.onInputKey(ev); });
    this.ui.results.addEventListener('keydown', function (ev) { self.onResultsKey(ev); });
    this.engine.manifest().then(function () { return self.engine.facets(); }).then(function (facets) {
      self.facets = facets;
      facets.forEach(function (k) { var v = params.get(k.param); if (v) self.selected[k.param] = v; });
      self.buildFilters();
      self.update();
    }).catch(function () { self.say('Поиск сейчас недоступен: не удалось загрузить индекс.'); });
  };

  Catalogue.prototype.buildFilters = function () {
    // Collapsed on a phone, so the results are not pushed below seven lists; open on a wide
    // screen or when a filter is already set.
    var self = this, box = el('details', { class: 'search-filters', id: 'search-filters' });
    this.filtersSummary = el('summary', { text: 'Фильтры и порядок' });
    box.appendChild(this.filtersSummary);
    box.open = window.matchMedia('(min-width: 50rem)').matches || Object.keys(this.selected).length > 0 || !!this.sort;
    this.selects = this.facets.map(function (k) {
      var id = 'filter-' + k.param, select = el('select', { id: id, name: k.param });
      select.addEventListener('change', function () {
        if (select.value) self.selected[k.param] = select.value; else delete self.selected[k.param];
        self.shown = PAGE;
        self.update();
      });
      box.appendChild(el('div', { class: 'filter' }, [el('label', { for: id, text: k.label }), select]));
      return select;
    });
    this.sortSelect = el('select', { id: 'filter-sort', name: 'sort' });
    [['', 'По умолчанию'], ['relevance', 'По релевантности'], ['newest', 'Сначала новые'], ['title', 'По названию']]
      .forEach(function (o) { self.sortSelect.appendChild(el('option', { value: o[0], text: o[1] })); });
    this.sortSelect.value = this.sort;
    this.sortSelect.addEventListener('change', function () { self.sort = self.sortSelect.value; self.update(); });
    box.appendChild(el('div', { class: 'filter' }, [el('label', { for: 'filter-sort', text: 'Порядок' }), this.sortSelect]));
    var reset = el('button', { type: 'button', class: 'search-reset', text: 'Сбросить фильтры' });
    reset.addEventListener('click', function () { self.reset(); });
    box.appendChild(reset);
    this.ui.form.parentNode.insertBefore(box, this.ui.form.nextSibling);
    this.ui.statics.forEach(function (s) { s.hidden = true; });
  };

  Catalogue.prototype.reset = function () {
    this.selected = {};
    this.sort = '';
    this.sortSelect.value = '';
    this.ui.input.value = '';
    this.shown = PAGE;
    this.update();
    this.ui.input.focus();
  };

  Catalogue.prototype.say = function (text) { if (this.ui.status) this.ui.status.textContent = text; };

  Catalogue.prototype.update = function () {
    var self = this, seq = ++this.seq, query = this.ui.input.value;
    return this.engine.search(query).then(function (r) {
      if (seq !== self.seq) return null;
      var f = self.engine.filter(r.match, self.facets, self.selected);
      self.fillSelects(f.counts);
      var set = Object.keys(self.selected).length + (self.sort ? 1 : 0);
      self.filtersSummary.textContent = 'Фильтры и порядок' + (set ? ' · выбрано: ' + set : '');
      var active = r.match !== null || Object.keys(self.selected).length > 0 || (self.sort && self.sort !== self.defaultSort);
      var order = self.sort || (r.match ? 'relevance' : self.defaultSort);
      return self.engine.order(r.match, f.mask, order).then(function (docs) {
        if (seq !== self.seq) return;
        self.result = { docs: docs, stems: r.stems.concat(r.words), active: active, query: query,
          match: r.match, words: r.words, shown: r.corrected ? r.shown : '', corrections: r.corrections };
        self.writeUrl(query);
        return self.render();
      });
    }).catch(function () { if (seq === self.seq) self.say('Поиск сейчас недоступен: не удалось загрузить индекс.'); });
  };

  Catalogue.prototype.fillSelects = function (counts) {
    var self = this;
    this.facets.forEach(function (k, ki) {
      var select = self.selects[ki], current = self.selected[k.param] || '';
      select.textContent = '';
      select.appendChild(el('option', { value: '', text: k.any }));
      k.values.forEach(function (v, vi) {
        var n = counts[ki][vi];
        if (n === 0 && v.c !== current) return;
        select.appendChild(el('option', { value: v.c, text: v.l + ' (' + n + ')' }));
      });
      select.value = current;
    });
  };

  Catalogue.prototype.writeUrl = function (query) {
    var params = new URLSearchParams();
    if (query.trim()) params.set('q', query.trim());
    var self = this;
    this.facets.forEach(function (k) { if (self.selected[k.param]) params.set(k.param, self.selected[k.param]); });
    if (this.sort) params.set('sort', this.sort);
    var qs = params.toString();
    history.replaceState(null, '', location.pathname + (qs ? '?' + qs : '') + location.hash);
  };

  Catalogue.prototype.render = function () {
    var r = this.result, ui = this.ui;
    ui.results.hidden = !r.active;
    ui.list.hidden = r.active;
    ui.pagers.forEach(function (p) { p.hidden = r.active; });
    this.more.hidden = true;
    if (!r.active) { this.say(''); ui.results.textContent = ''; return Promise.resolve(); }
    var n = r.docs.length, self = this, seq = this.seq, about = r.query.trim() ? ' по запросу «' + r.query.trim() + '»' : '';
    // The status changes once the list is in place, so it announces what is on the screen.
    return this.renderHits(0, Math.min(n, this.shown), true).then(function () {
      if (seq === self.seq) self.say(statusText(r, n, about));
    });
  };

  /** What the status line says of a result: how many, what the query was read as, and whether
   * the practices hold only some of its words. */
  function statusText(r, n, about) {
    if (!n) return 'Ничего не найдено' + about + '. Попробуйте другое слово или сбросьте фильтры.';
    var partial = r.match && r.match.partial, out;
    if (partial) out = 'Нет практик со всеми словами запроса «' + r.query.trim() + '». Показаны практики, где есть ' +
      partial + ' из ' + r.words.length + ' слов: ' + plural(n, 'практика', 'практики', 'практик') + '.';
    else out = 'Найдено: ' + plural(n, 'практика', 'практики', 'практик') + about + '.';
    return out + (r.shown ? ' Показаны результаты для «' + r.shown + '».' : '');
  }

  /** The words of the query that document `d` lacks (in a partial result). */
  function missing(match, words, d) {
    if (!match || !match.partial) return [];
    return words.filter(function (w, i) { return !match.has[i][d]; });
  }

  /** The snippet of a result, with a highlighted match in it: around the first matched word of
   * the summary or excerpt, else the summary with the matched words the text holds further on. */
  function snippetParts(d, stems, words, match, doc) {
    var text = snippet(d[4], d[5], stems, 220), parts = text ? marked(text, stems) : [];
    if (!text || !hasMatch(text, stems)) {
      var found = words.filter(function (w, i) { return !match || !match.has || match.has[i][doc]; });
      if (found.length) {
        var more = [text ? ' Ещё в тексте: ' : 'В тексте практики: '];
        found.forEach(function (w, i) { if (i) more.push(', '); more.push(el('mark', { text: w })); });
        parts.push(el('span', { class: 'snippet-more' }, more));
      }
    }
    return parts;
  }

  Catalogue.prototype.renderHits = function (from, to, replace) {
    var self = this, r = this.result, seq = this.seq;
    var numbers = Array.from(r.docs.subarray(from, to));
    return this.engine.docs(numbers).then(function (docs) {
      if (seq !== self.seq) return;
      if (replace && r.corrections && r.corrections.length)
        r.shown = refineCorrections(r.words, r.corrections, [].concat.apply([], docs.map(function (d) { return [d[1], d[4], d[5]]; })));
      if (replace) self.ui.results.textContent = '';
      docs.forEach(function (d, k) { self.ui.results.appendChild(self.item(d, r, numbers[k])); });
      self.more.hidden = to >= r.docs.length;
    });
  };

  Catalogue.prototype.showMore = function () {
    var from = this.shown;
    this.shown += PAGE;
    var self = this;
    this.renderHits(from, Math.min(this.result.docs.length, this.shown), false).then(function () {
      var link = self.ui.results.children[from] && self.ui.results.children[from].querySelector('a');
      if (link) link.focus();
    });
  };

  Catalogue.prototype.item = function (d, r, doc) {
    return el('li', {}, [practiceCard(d, r.stems, r.words, r.match, doc)]);
  };

  /** A found practice as a card: title and snippet with the matches marked; in a partial result,
   * the words it lacks. */
  function practiceCard(d, stems, words, match, doc) {
    var date = d[2].split('-'), meta = +date[2] + ' ' + MONTHS[+date[1] - 1] + ' ' + date[0];
    var title = el('h3', { class: 'card-title' }, [el('a', { href: d[0] }, marked(d[1], stems))]);
    var parts = [title, el('p', { class: 'meta' }, [el('time', { datetime: d[2], text: meta }), d[3] ? ' · ' + d[3] : ''])];
    var lacks = missing(match, words || [], doc);
    if (lacks.length) parts.push(el('p', { class: 'partial-note', text: 'Совпадение неполное: нет ' + (lacks.length > 1 ? 'слов' : 'слова') + ' «' + lacks.join('», «') + '»' }));
    var text = snippetParts(d, stems, words || [], match, doc);
    if (text.length) parts.push(el('p', { class: 'snippet' }, text));
    return el('article', { class: 'card practice-card' + (lacks.length ? ' partial' : '') }, parts);
  }

  Catalogue.prototype.links = function () {
    return Array.prototype.slice.call(this.ui.results.querySelectorAll('.card-title a'));
  };

  Catalogue.prototype.onInputKey = function (ev) {
    if (ev.key === 'ArrowDown' && !this.ui.results.hidden) {
      var links = this.links();
      if (links.length) { ev.preventDefault(); links[0].focus(); }
    } else if (ev.key === 'Escape' && this.ui.input.value) {
      ev.preventDefault();
      this.ui.input.value = '';
      this.shown = PAGE;
      this.update();
    }
  };

  Catalogue.prototype.onResultsKey = function (ev) {
    var links = this.links(), i = links.indexOf(document.activeElement);
    if (i < 0) return;
    if (ev.key === 'ArrowDown' && i + 1 < links.length) links[i + 1].focus();
    else if (ev.key === 'ArrowUp') (i > 0 ? links[i - 1] : this.ui.input).focus();
    else if (ev.key === 'Escape') this.ui.input.focus();
    else return;
    ev.preventDefault();
  };

  var api = { Engine: Engine, words: words, fold: fold, decode: decode, highlight: highlight, snippet: snippet,
    distance: distance, formDistance: formDistance, typoDistance: typoDistance, splits: splits, correctable: correctable, allowedEdits: allowedEdits,
    bestCorrections: bestCorrections, refineCorrections: refineCorrections, lowerBound: lowerBound, statusText: statusText, practiceCard: practiceCard,
    el: el, marked: marked, plural: plural };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window !== 'undefined') window.NkSearch = api;
  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { start(api); });
    else start(api);
  }
})();
