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
      return found;
    });
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

  /** Matches of `query`: every word must match. Resolves to {words, stems, match}, where match is
   * null when the query has no words, else per-document arrays over all documents: mask (1 when
   * it matches), title (how many words match in the title) and score (BM25). */
  Engine.prototype.search = function (query) {
    var self = this;
    return this.manifest().then(function (m) {
      var ws = words(query).filter(function (w) { return !m.stopSet.has(w); });
      if (!ws.length) return { words: [], stems: [], match: null };
      var typing = !/[\s\p{P}]$/u.test(query);
      return Promise.all(ws.map(function (w, i) { return self.resolve(w, typing && i === ws.length - 1); }))
        .then(function (groups) { return self.rank(ws, groups); });
    });
  };

  // Typed arrays over all documents keep a query fast at 10,000 practices on a phone.
  Engine.prototype.rank = function (ws, groups) {
    var n = this.m.count, stems = [], match = null;
    groups.forEach(function (group) {
      var score = new Float64Array(n), title = new Uint8Array(n), mask = new Uint8Array(n);
      group.forEach(function (r) {
        stems.push(r.stem);
        var p = this.postings(r.t, r.i), df = p.docs.length;
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (r.exact ? 1 : 0.7) / 31;
        for (var j = 0; j < df; j++) {
          var d = p.docs[j], imp = p.impacts[j], s = idf * (imp & 31), t = imp >> 5;
          if (!mask[d] || t > title[d] || (t === title[d] && s > score[d])) { mask[d] = 1; title[d] = t; score[d] = s; }
        }
      }, this);
      if (!match) { match = { mask: mask, title: title, score: score }; return; }
      for (var d = 0; d < n; d++) {
        if (match.mask[d] && mask[d]) { match.score[d] += score[d]; match.title[d] += title[d]; }
        else match.mask[d] = 0;
      }
    }, this);
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

  /** About `size` characters of the summary or excerpt around the first matched word. */
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
        self.result = { docs: docs, stems: r.stems.concat(r.words), active: active, query: query };
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
      if (seq === self.seq) self.say(n ? 'Найдено: ' + plural(n, 'практика', 'практики', 'практик') + about
        : 'Ничего не найдено' + about + '. Попробуйте другое слово или сбросьте фильтры.');
    });
  };

  Catalogue.prototype.renderHits = function (from, to, replace) {
    var self = this, r = this.result, seq = this.seq;
    var numbers = Array.from(r.docs.subarray(from, to));
    return this.engine.docs(numbers).then(function (docs) {
      if (seq !== self.seq) return;
      if (replace) self.ui.results.textContent = '';
      docs.forEach(function (d) { self.ui.results.appendChild(self.item(d, r.stems)); });
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

  Catalogue.prototype.item = function (d, stems) {
    var date = d[2].split('-'), meta = +date[2] + ' ' + MONTHS[+date[1] - 1] + ' ' + date[0];
    var title = el('h3', { class: 'card-title' }, [el('a', { href: d[0] }, marked(d[1], stems))]);
    var parts = [title, el('p', { class: 'meta' }, [el('time', { datetime: d[2], text: meta }), d[3] ? ' · ' + d[3] : ''])];
    var text = snippet(d[4], d[5], stems, 220);
    if (text) parts.push(el('p', { class: 'snippet' }, marked(text, stems)));
    return el('li', {}, [el('article', { class: 'card practice-card' }, parts)]);
  };

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

  var api = { Engine: Engine, words: words, fold: fold, decode: decode, highlight: highlight, snippet: snippet };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window !== 'undefined') window.NkSearch = api;
  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { start(api); });
    else start(api);
  }
})();
