/* The site-wide search page, /search/: practices (through the practice index of search.js) and
 * schools, events, mentorships, plans, associations and competitions (through
 * /search/records.json, generator/output/site_search.h), grouped by kind. The same folding, word
 * endings and typo tolerance as the catalogue; no server. Plain JavaScript, no build step; needs
 * search.js first. In Node (tests, benchmark) it exports the record index. */
(function () {
  'use strict';

  var lib = typeof module !== 'undefined' && module.exports ? require('./search.js') : window.NkSearch;
  var PRACTICES_SHOWN = 5;

  /** The other records: loaded whole (they are few beside the practices). */
  function Records(data, endings) {
    this.kinds = data.kinds;
    this.records = data.r;
    this.stems = data.s;
    this.lists = data.p;
    this.decoded = new Map();
    var all = new Set(endings || []);
    data.e.forEach(function (e) { all.add(e); });
    this.endings = Array.from(all);
  }

  Records.prototype.postings = function (k) {
    if (!this.decoded.has(k)) this.decoded.set(k, lib.decode(this.lists[k], true, true));
    return this.decoded.get(k);
  };

  /** The stems a query word stands for: its own (word or word minus a known ending), the stems it
   * begins when it is being typed, else the nearest within reach of a typo. */
  Records.prototype.resolve = function (word, isPrefix) {
    var self = this, stems = this.stems, out = [], exact = -1;
    lib.splits(word, this.endings).forEach(function (x) {
      var i = lib.lowerBound(stems, x.c);
      if (stems[i] === x.c && (exact < 0 || x.c.length > stems[exact].length)) exact = i;
    });
    if (exact >= 0) out.push({ k: exact, weight: 1 });
    if (isPrefix && word.length >= 3)
      for (var i = lib.lowerBound(stems, word); i < stems.length && stems[i].startsWith(word) && out.length < 40; i++)
        if (i !== exact) out.push({ k: i, weight: 0.7 });
    if (out.length || !lib.correctable(word)) return { found: out };
    // Few stems: every one is compared, with the endings (as the practices' correct() does: a
    // typo may fall in the ending as well as in the stem).
    var max = lib.allowedEdits(word), near = [], endings = this.endings;
    var longest = Math.max.apply(null, endings.map(function (e) { return e.length; }).concat([0]));
    stems.forEach(function (s, k) {
      if (s.length < 3 || s.length > word.length + max || word.length > s.length + longest + max) return;
      var d = lib.typoDistance(word, s, endings);
      if (d <= max) near.push({ stem: s, k: k, dist: d, e: '', f: self.postings(k).docs.length });
    });
    var best = lib.bestCorrections(word, near, this.endings);
    return {
      found: best.map(function (b, n) { return { k: lib.lowerBound(stems, b.stem), weight: n ? 0.35 : 0.5 }; }),
      correction: best.length ? best[0] : null,
    };
  };

  /** Records matching every word of `query` (or, when none holds them all, those holding the
   * most): {groups: [{kind, label, items: [{record, lacks}]}], stems, partial, shown}. */
  Records.prototype.search = function (query, stop) {
    var self = this, n = this.records.length;
    var ws = lib.words(query).filter(function (w) { return !stop || !stop.has(w); });
    var typing = !/[\s\p{P}]$/u.test(query), stems = [], corrections = [];
    var has = [], score = new Float64Array(n);
    ws.forEach(function (w, wi) {
      var r = self.resolve(w, typing && wi === ws.length - 1), mask = new Uint8Array(n), best = new Float64Array(n);
      r.found.forEach(function (f) {
        stems.push(self.stems[f.k]);
        var p = self.postings(f.k), idf = Math.log(1 + (n - p.docs.length + 0.5) / (p.docs.length + 0.5));
        for (var j = 0; j < p.docs.length; j++) {
          var d = p.docs[j], imp = p.impacts[j];
          var s = idf * f.weight * ((imp >> 5) ? 3 : 1) * (1 + Math.log(imp & 31));
          mask[d] = 1;
          if (s > best[d]) best[d] = s;
        }
      });
      for (var d = 0; d < n; d++) score[d] += best[d];
      has.push(mask);
      if (r.correction) corrections.push({ at: wi, typed: w, stem: r.correction.stem, shown: r.correction.shown });
    });
    var count = new Uint8Array(n), most = 0, d;
    has.forEach(function (mask) { for (d = 0; d < n; d++) count[d] += mask[d]; });
    for (d = 0; d < n; d++) if (count[d] > most) most = count[d];
    var hits = [];
    for (d = 0; d < n; d++) if (most && count[d] === most) hits.push(d);
    hits.sort(function (a, b) { return score[b] - score[a] || a - b; });
    var groups = this.kinds.map(function (k) { return { kind: k[0], label: k[1], items: [] }; });
    var texts = [];
    hits.forEach(function (d) {
      var rec = self.records[d];
      texts.push(rec[2], rec[3]);
      groups[rec[0]].items.push({ record: rec, lacks: ws.filter(function (w, i) { return !has[i][d]; }) });
    });
    return {
      words: ws, stems: stems.concat(ws), groups: groups.filter(function (g) { return g.items.length; }),
      partial: most > 0 && most < ws.length ? most : 0, corrections: corrections,
      shown: corrections.length ? lib.refineCorrections(ws, corrections, texts) : '',
    };
  };

  /* ---- The page ---- */

  function start() {
    var form = document.getElementById('site-search-form'), input = document.getElementById('sq');
    if (!form || !input || !window.fetch || !lib) return;
    var nojs = document.getElementById('site-search-nojs');
    if (nojs) nojs.hidden = true;
    var engine = new lib.Engine(form.getAttribute('data-index'), function (url) {
      return fetch(url).then(function (r) { if (!r.ok) throw new Error(url + ': ' + r.status); return r.json(); });
    });
    new Page(form, input, engine).init();
  }

  function Page(form, input, engine) {
    this.form = form;
    this.input = input;
    this.engine = engine;
    this.status = document.getElementById('site-search-status');
    this.results = document.getElementById('site-search-results');
    this.catalogue = form.getAttribute('data-catalogue');
    this.seq = 0;
  }

  Page.prototype.init = function () {
    var self = this, timer = 0;
    this.input.value = new URLSearchParams(location.search).get('q') || '';
    this.input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.update(); }, 120);
    });
    this.form.addEventListener('submit', function (ev) { ev.preventDefault(); clearTimeout(timer); self.update(); });
    this.input.addEventListener('keydown', function (ev) { self.onInputKey(ev); });
    this.results.addEventListener('keydown', function (ev) { self.onResultsKey(ev); });
    this.ready = this.engine.manifest().then(function (m) {
      return self.engine.load('records.json').then(function (data) { self.records = new Records(data, m.endings); });
    });
    this.ready.then(function () { self.update(); },
      function () { self.say('Поиск сейчас недоступен: не удалось загрузить индекс.'); });
  };

  Page.prototype.say = function (text) { this.status.textContent = text; };

  Page.prototype.update = function () {
    var self = this, seq = ++this.seq, query = this.input.value, q = query.trim();
    var params = new URLSearchParams();
    if (q) params.set('q', q);
    history.replaceState(null, '', location.pathname + (q ? '?' + params.toString() : '') + location.hash);
    if (!q) { this.results.textContent = ''; this.say(''); return Promise.resolve(); }
    // A query typed before the index has loaded waits for it.
    return this.ready.then(function () { return self.engine.search(query); }).then(function (p) {
      var others = self.records.search(query, self.engine.m.stopSet);
      if (!p.match) return { p: p, others: others, docs: new Int32Array(0) };
      return self.engine.order(p.match, p.match.mask, 'relevance').then(function (docs) {
        return self.engine.docs(Array.from(docs.subarray(0, PRACTICES_SHOWN))).then(function (shown) {
          return { p: p, others: others, docs: docs, shown: shown };
        });
      });
    }).then(function (r) {
      if (seq !== self.seq) return;
      self.render(r, q);
    }).catch(function () { if (seq === self.seq) self.say('Поиск сейчас недоступен: не удалось загрузить индекс.'); });
  };

  Page.prototype.render = function (r, q) {
    var self = this, el = lib.el, box = this.results, total = r.docs.length;
    box.textContent = '';
    var p = r.p;
    // A record of any kind holding every word hides those holding only some.
    var practicesFull = r.docs.length > 0 && !p.match.partial, othersFull = r.others.groups.length > 0 && !r.others.partial;
    if (practicesFull || othersFull) {
      if (!practicesFull) { r.docs = new Int32Array(0); r.shown = []; }
      if (!othersFull) r.others.groups = [];
    }
    var partial = !practicesFull && !othersFull;
    total = r.docs.length;
    var shown = r.others.shown;
    if (p.corrected) {
      var texts = [].concat.apply([], r.shown.map(function (d) { return [d[1], d[4], d[5]]; }));
      shown = lib.refineCorrections(p.words, p.corrections, texts);
    }
    if (r.docs.length) {
      var list = el('ol', { class: 'site-search-list' });
      r.shown.forEach(function (d, k) {
        list.appendChild(el('li', {}, [lib.practiceCard(d, p.stems.concat(p.words), p.words, p.match, r.docs[k])]));
      });
      var section = this.group('practices', 'Практики', total, list);
      if (total > PRACTICES_SHOWN) {
        var more = el('a', { href: this.catalogue + '?q=' + encodeURIComponent(q), class: 'site-search-all' });
        more.textContent = 'Все ' + lib.plural(total, 'практика', 'практики', 'практик') + ' в каталоге →';
        section.appendChild(el('p', {}, [more]));
      }
      box.appendChild(section);
    }
    r.others.groups.forEach(function (g) {
      total += g.items.length;
      var list = el('ul', { class: 'site-search-list' });
      g.items.forEach(function (it) {
        var rec = it.record, parts = [el('a', { href: rec[1] }, lib.marked(rec[2], r.others.stems))];
        if (rec[3]) parts.push(el('span', { class: 'meta' }, lib.marked(rec[3], r.others.stems)));
        if (it.lacks.length) parts.push(el('span', { class: 'partial-note', text: 'Совпадение неполное: нет ' + (it.lacks.length > 1 ? 'слов' : 'слова') + ' «' + it.lacks.join('», «') + '»' }));
        list.appendChild(el('li', { class: 'site-search-item' + (it.lacks.length ? ' partial' : '') }, parts));
      });
      box.appendChild(self.group(g.kind, g.label, g.items.length, list));
    });
    var about = ' по запросу «' + q + '»';
    if (!total) { this.say('Ничего не найдено' + about + '. Попробуйте другое слово или откройте каталог практик.'); return; }
    var text = partial ? 'Нет записей со всеми словами запроса «' + q + '». Показаны записи с частью слов: ' + lib.plural(total, 'запись', 'записи', 'записей') + '.'
      : 'Найдено: ' + lib.plural(total, 'запись', 'записи', 'записей') + about + '.';
    this.say(text + (shown ? ' Показаны результаты для «' + shown + '».' : ''));
  };

  Page.prototype.group = function (kind, label, count, list) {
    var id = 'found-' + kind, el = lib.el;
    var section = el('section', { class: 'site-search-group', 'aria-labelledby': id });
    section.appendChild(el('h2', { id: id, text: label + ' (' + count + ')' }));
    section.appendChild(list);
    return section;
  };

  Page.prototype.links = function () {
    return Array.prototype.slice.call(this.results.querySelectorAll('a'));
  };

  Page.prototype.onInputKey = function (ev) {
    if (ev.key === 'ArrowDown') {
      var links = this.links();
      if (links.length) { ev.preventDefault(); links[0].focus(); }
    } else if (ev.key === 'Escape' && this.input.value) {
      ev.preventDefault();
      this.input.value = '';
      this.update();
    }
  };

  Page.prototype.onResultsKey = function (ev) {
    var links = this.links(), i = links.indexOf(document.activeElement);
    if (i < 0) return;
    if (ev.key === 'ArrowDown' && i + 1 < links.length) links[i + 1].focus();
    else if (ev.key === 'ArrowUp') (i > 0 ? links[i - 1] : this.input).focus();
    else if (ev.key === 'Escape') this.input.focus();
    else return;
    ev.preventDefault();
  };

  var api = { Records: Records };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  }
})();
