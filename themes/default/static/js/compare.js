// /compare/: two to four schools side by side, built in the browser from /api/schools.json.
// Plain JavaScript, no build step. The selection lives in the address (?s=id&s=id&year=2021),
// so a comparison can be bookmarked and shared. Without JavaScript the page explains itself.
(function () {
  'use strict';

  var form = document.getElementById('compare-form');
  var labelsNode = document.getElementById('compare-labels');
  if (!form || !labelsNode || !window.fetch || !window.URLSearchParams) return;

  var labels = JSON.parse(labelsNode.textContent);
  var status = document.getElementById('compare-status');
  var result = document.getElementById('compare-result');
  var selects = Array.prototype.slice.call(form.querySelectorAll('select[name="s"]'));
  var yearSelect = document.getElementById('compare-year');
  var byId = {};

  function yearLabel(y) {
    return y + '/' + String(y + 1).slice(2);
  }

  function number(v) {
    return v === null || v === undefined ? '—' : v.toFixed(2).replace('.', ',');
  }

  function percent(v) {
    return v === null || v === undefined ? '—' : Math.round(v * 100) + ' %';
  }

  function yearOf(school, y) {
    for (var i = 0; i < school.years.length; i++) if (school.years[i].year === y) return school.years[i];
    return null;
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function fillSchools(schools) {
    var groups = {};
    schools.forEach(function (s) {
      (groups[s.municipality] = groups[s.municipality] || []).push(s);
    });
    var names = Object.keys(groups).sort(function (a, b) { return a.localeCompare(b, 'ru'); });
    selects.forEach(function (select) {
      names.forEach(function (name) {
        var group = document.createElement('optgroup');
        group.label = name;
        groups[name]
          .slice()
          .sort(function (a, b) { return (a.short_name || a.name).localeCompare(b.short_name || b.name, 'ru'); })
          .forEach(function (s) {
            var option = el('option', s.short_name || s.name);
            option.value = s.id;
            group.appendChild(option);
          });
        select.appendChild(group);
      });
    });
  }

  function fillYears(schools) {
    var seen = {};
    schools.forEach(function (s) { s.years.forEach(function (y) { seen[y.year] = true; }); });
    var years = Object.keys(seen).map(Number).sort(function (a, b) { return b - a; });
    years.forEach(function (y) {
      var option = el('option', yearLabel(y));
      option.value = String(y);
      yearSelect.appendChild(option);
    });
    return years;
  }

  // One row: a header and one cell per school, computed by `cell(school, yearEntry)`.
  function row(tbody, header, chosen, year, cell) {
    var tr = document.createElement('tr');
    var th = el('th', header);
    th.scope = 'row';
    tr.appendChild(th);
    chosen.forEach(function (s) {
      tr.appendChild(el('td', cell(s, yearOf(s, year))));
    });
    tbody.appendChild(tr);
  }

  function field(name, format) {
    return function (s, y) { return y ? format(y[name]) : 'нет данных'; };
  }

  function flag(name) {
    return function (s, y) { return y ? (y[name] ? 'да' : 'нет') : 'нет данных'; };
  }

  function listOf(name, dictionary) {
    return function (s, y) {
      if (!y) return 'нет данных';
      var items = (y[name] || []).map(function (code) { return dictionary[code] || code; });
      return items.length ? items.join('; ') : 'нет';
    };
  }

  function stability(s, y) {
    if (!y) return 'нет данных';
    if (y.stably_high) return 'стабильно высокие (4-й квартиль три года)';
    if (y.stably_low) return 'стабильно низкие (1-й квартиль три года)';
    return '—';
  }

  function headerRow(thead, chosen) {
    var tr = document.createElement('tr');
    var corner = el('th', 'Показатель');
    corner.scope = 'col';
    tr.appendChild(corner);
    chosen.forEach(function (s) {
      var th = document.createElement('th');
      th.scope = 'col';
      var link = el('a', s.short_name || s.name);
      link.href = labels.schools + s.id + '/';
      th.appendChild(link);
      tr.appendChild(th);
    });
    thead.appendChild(tr);
  }

  function buildTable(chosen, year, years) {
    var table = el('table', null, 'data compare-table');
    table.appendChild(el('caption', 'Показатели школ в ' + yearLabel(year) + ' учебном году'));
    var thead = document.createElement('thead');
    headerRow(thead, chosen);
    table.appendChild(thead);
    var tbody = document.createElement('tbody');
    row(tbody, 'Муниципалитет', chosen, year, function (s) { return s.municipality; });
    row(tbody, 'ИОР', chosen, year, field('ior', number));
    row(tbody, 'ИСБШ', chosen, year, field('isbsh', number));
    row(tbody, 'Квартиль ИОР в группе', chosen, year, field('quartile', function (q) { return q ? q + '-я' : '—'; }));
    row(tbody, 'Категория', chosen, year, field('category', function (c) { return c ? labels.categories[c] || c : '—'; }));
    row(tbody, 'Стабильность результатов', chosen, year, stability);
    row(tbody, 'Зоны риска', chosen, year, listOf('risk_zones', labels.zones));
    row(tbody, 'ГИА', chosen, year, field('gia', number));
    row(tbody, 'ВПР', chosen, year, field('vpr', number));
    row(tbody, 'Доля вечернего обучения', chosen, year, field('evening_share', percent));
    row(tbody, 'ШНОР', chosen, year, flag('low_results'));
    row(tbody, 'ШССУ', chosen, year, flag('difficult_conditions'));
    row(tbody, 'Факторы риска «500+»', chosen, year, listOf('risk_factors', labels.factors));
    years.slice().reverse().forEach(function (y) {
      row(tbody, 'ИОР в ' + yearLabel(y), chosen, y, field('ior', number));
    });
    table.appendChild(tbody);
    var wrap = el('div', null, 'table-scroll');
    wrap.appendChild(table);
    return wrap;
  }

  function chosenIds() {
    var ids = [];
    selects.forEach(function (select) {
      if (select.value && ids.indexOf(select.value) < 0) ids.push(select.value);
    });
    return ids;
  }

  function remember(ids, year) {
    var params = new URLSearchParams();
    ids.forEach(function (id) { params.append('s', id); });
    params.set('year', String(year));
    history.replaceState(null, '', '?' + params.toString());
  }

  function render(years) {
    var ids = chosenIds();
    var year = Number(yearSelect.value);
    var chosen = ids.map(function (id) { return byId[id]; }).filter(Boolean);
    result.textContent = '';
    remember(ids, year);
    if (chosen.length < 2) {
      status.textContent = chosen.length === 0
        ? 'Выберите две, три или четыре школы.'
        : 'Выберите ещё хотя бы одну школу.';
      return;
    }
    result.appendChild(buildTable(chosen, year, years));
    status.textContent = 'Сравниваются школы: ' + chosen.length + ', ' + yearLabel(year) + ' учебный год.';
  }

  function restore(years) {
    var params = new URLSearchParams(window.location.search);
    var ids = params.getAll('s').filter(function (id) { return byId[id]; }).slice(0, selects.length);
    ids.forEach(function (id, i) { selects[i].value = id; });
    var year = Number(params.get('year'));
    yearSelect.value = String(years.indexOf(year) >= 0 ? year : (labels.latest || years[0]));
  }

  function start(schools) {
    schools.forEach(function (s) { byId[s.id] = s; });
    fillSchools(schools);
    var years = fillYears(schools);
    restore(years);
    form.hidden = false;
    var note = document.getElementById('compare-nojs');
    if (note) note.hidden = true;
    form.addEventListener('change', function () { render(years); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      render(years);
    });
    render(years);
  }

  status.textContent = 'Загрузка данных о школах…';
  fetch(form.getAttribute('data-api'))
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then(start)
    .catch(function (error) {
      status.textContent = 'Не удалось загрузить данные о школах (' + error.message + '). ' +
        'Откройте страницы школ из списка школ.';
    });
})();
