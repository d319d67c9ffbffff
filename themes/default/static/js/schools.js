// The school finder on /schools/: filters the table by name, municipality, category, quartile
// and ШНОР, and sorts it by any column. Without JavaScript the whole table stays as built.
(function () {
  'use strict';
  var form = document.getElementById('school-finder');
  var table = document.getElementById('school-table');
  var status = document.getElementById('finder-status');
  if (!form || !table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });

  function fold(s) { return s.toLowerCase().replace(/ё/g, 'е'); }
  function plural(n, one, few, many) {
    var m10 = n % 10, m100 = n % 100;
    if (m100 >= 11 && m100 <= 14) return many;
    if (m10 === 1) return one;
    return m10 >= 2 && m10 <= 4 ? few : many;
  }

  // Cells: 0 name, 1 municipality, 2 ИОР, 3 ИСБШ, 4 quartile, 5 category, 6 status.
  var cell = function (r, i) { return r.cells[i].textContent.trim(); };
  var search = rows.map(function (r) { return fold(cell(r, 0) + ' ' + cell(r, 1)); });

  function apply() {
    var words = fold(form.q.value).split(/\s+/).filter(Boolean);
    var m = form.municipality.value, c = form.category.value, q = form.quartile.value;
    var shnor = form.shnor.checked, shown = 0;
    rows.forEach(function (r, i) {
      var ok = words.every(function (w) { return search[i].indexOf(w) >= 0; }) &&
        (!m || cell(r, 1) === m) && (!c || !!r.cells[5].querySelector('.cat-' + c)) && (!q || cell(r, 4) === q) &&
        (!shnor || r.hasAttribute('data-shnor'));
      r.hidden = !ok;
      if (ok) shown++;
    });
    status.textContent = shown === rows.length
      ? 'Показаны все школы: ' + rows.length
      : 'Найдено: ' + shown + ' ' + plural(shown, 'школа', 'школы', 'школ') + ' из ' + rows.length;
  }

  // Sorting: each sortable column head becomes a button; aria-sort tells the current order.
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function value(row, key, index) {
    var t = cell(row, index);
    if (row.parentNode && table.tHead.rows[0].cells[index].dataset.type === 'number') {
      var v = parseFloat(t.replace(',', '.'));
      return isNaN(v) ? null : v;
    }
    return t;
  }
  function sortBy(index, key, descending) {
    var sorted = rows.slice().sort(function (a, b) {
      var x = value(a, key, index), y = value(b, key, index);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;  // blanks last
      var d = typeof x === 'number' ? x - y : collator.compare(x, y);
      return descending ? -d : d;
    });
    sorted.forEach(function (r) { body.appendChild(r); });
    heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
    heads[index].setAttribute('aria-sort', descending ? 'descending' : 'ascending');
  }
  heads.forEach(function (h, index) {
    var key = h.dataset.sort;
    if (!key) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort-button';
    button.textContent = h.textContent;
    h.textContent = '';
    h.appendChild(button);
    button.addEventListener('click', function () {
      sortBy(index, key, h.getAttribute('aria-sort') === 'ascending');
    });
  });

  form.hidden = false;
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  var params = new URLSearchParams(location.search);
  ['q', 'municipality', 'category', 'quartile'].forEach(function (k) {
    if (params.get(k)) form[k].value = params.get(k);
  });
  if (params.get('shnor')) form.shnor.checked = true;
  apply();
})();
