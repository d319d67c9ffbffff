// The browser editor of `nastavnik serve`: a list of records, a form per record built from the
// field descriptions (api/fields), checked by the server as the editor types (api/render, then
// api/validate), saved as edits of the file (api/save) and committed (api/commit). Plain
// JavaScript, no build step; every text the editor reads is in Russian.
'use strict';

const token = new URLSearchParams(location.search).get('token') || '';
const $ = (id) => document.getElementById(id);

const state = {
  types: [],          // api/fields
  records: [],        // api/records
  current: null,      // {path, type, hash, text, values, body, original, originalBody, rendered}
  timer: 0,
  sequence: 0,        // the newest check; older answers are dropped
  errors: 0,          // ids of the messages shown beside fields
};

async function api(call, body) {
  const init = { headers: { 'X-Nastavnik-Token': token } };
  if (body !== undefined) {
    init.method = 'POST';
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch('api/' + call, init);
  } catch (e) {
    return { status: 0, data: { error: 'сервер не отвечает: запущен ли nastavnik serve?' } };
  }
  let data = {};
  try { data = await response.json(); } catch (e) { data = { error: 'ответ сервера не разобрать' }; }
  return { status: response.status, data };
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, '');
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
const typeOf = (name) => state.types.find((t) => t.type === name);
const idOf = (path) => path.map(String).join('-').replace(/[^a-zA-Z0-9_-]/g, '_');

function getAt(obj, path) {
  let v = obj;
  for (const k of path) { if (v === undefined || v === null) return undefined; v = v[k]; }
  return v;
}

function setAt(obj, path, value) {
  let v = obj;
  for (let i = 0; i < path.length - 1; i++) {
    if (v[path[i]] === undefined) v[path[i]] = typeof path[i + 1] === 'number' ? [] : {};
    v = v[path[i]];
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(v)) v.splice(last, 1); else delete v[last];
  } else {
    v[last] = value;
  }
}

// ---- The record list -------------------------------------------------------------------------

function titleOf(r) { return r.title || r.id; }

function renderList() {
  const q = $('search').value.trim().toLowerCase();
  const box = $('record-list');
  box.replaceChildren();
  let shown = 0;
  for (const t of state.types) {
    const items = state.records.filter((r) => r.type === t.type
      && (!q || titleOf(r).toLowerCase().includes(q) || r.id.includes(q)));
    if (!items.length) continue;
    shown += items.length;
    const ul = el('ul');
    for (const r of items) {
      const current = state.current && state.current.path === r.path;
      ul.append(el('li', {}, el('button', {
        type: 'button', 'aria-current': current ? 'true' : null, 'data-path': r.path,
        onclick: () => openRecord(r.path),
      }, titleOf(r), r.changed ? el('span', { class: 'badge', text: 'изменено' }) : null)));
    }
    box.append(el('h3', { text: `${t.label} (${items.length})` }), ul);
  }
  $('search-count').textContent = q ? `Найдено записей: ${shown}` : `Всего записей: ${shown}`;
}

async function loadRecords() {
  const { status, data } = await api('records');
  if (status === 200) state.records = data.records;
  // The pickers' suggestions are made again from the new list (a school created meanwhile).
  document.querySelectorAll('datalist[id^="choices-"]').forEach((list) => {
    list.replaceChildren(...refChoices(list.id.slice('choices-'.length))
      .map((c) => el('option', { value: `${c.name} (${c.id})` })));
  });
  renderList();
}

// ---- Building the form from the descriptions ---------------------------------------------------

/// The school and record names a picker offers: "Название (id)".
function refChoices(type) {
  return state.records.filter((r) => r.type === type).map((r) => ({ id: r.id, name: titleOf(r) }));
}

function refName(type, id) {
  const r = state.records.find((x) => x.type === type && x.id === id);
  return r ? `${titleOf(r)} (${id})` : id;
}

/// The id a typed name stands for: the exact name, "name (id)", or the id itself.
function resolveRef(type, typed) {
  const text = typed.trim();
  if (!text) return null;
  const choices = refChoices(type);
  const byLabel = choices.find((c) => `${c.name} (${c.id})` === text || c.id === text);
  if (byLabel) return byLabel.id;
  const byName = choices.filter((c) => c.name.toLowerCase() === text.toLowerCase());
  return byName.length === 1 ? byName[0].id : null;
}

function datalistFor(type) {
  const id = 'choices-' + type;
  if (!$(id)) {
    const list = el('datalist', { id });
    for (const c of refChoices(type)) list.append(el('option', { value: `${c.name} (${c.id})` }));
    document.body.append(list);
  }
  return id;
}

function changed() {
  clearTimeout(state.timer);
  $('record-status').textContent = 'Есть несохранённые правки.';
  state.timer = setTimeout(check, 300);
}

function update(path, value) {
  setAt(state.current.values, path, value);
  changed();
}

function fieldOptions(f) {
  if (f.pair_options && state.current.values.format === 'pair') return f.pair_options;
  return f.options || [];
}

function labelText(f) {
  return [f.label, f.required ? el('span', { class: 'required-mark', 'aria-hidden': 'true', text: ' *' }) : null];
}

function helpNode(f, id) {
  const parts = [];
  if (f.help) parts.push(f.help);
  if (f.required) parts.push('Обязательное поле.');
  // An empty text node rather than null: the DOM's append() would write "null".
  return parts.length ? el('p', { class: 'help', id, text: parts.join(' ') }) : document.createTextNode('');
}

function parseNumber(text, integer) {
  const t = text.trim().replace(',', '.');
  if (t === '') return undefined;
  const n = Number(t);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return t;  // the server says why
  return n;
}

function buildField(f, path) {
  const id = 'f-' + idOf(path);
  const helpId = id + '-help';
  const value = getAt(state.current.values, path);
  const wrap = el('div', { class: 'field', id: id + '-field', 'data-key': path.join('.') });
  const describe = f.help || f.required ? helpId : null;
  const label = () => el('label', { for: id }, ...labelText(f));
  const common = { id, 'aria-describedby': describe, 'aria-required': f.required ? 'true' : null };

  switch (f.kind) {
    case 'text': case 'url': case 'datetime': {
      const input = el('input', {
        ...common, type: f.kind === 'url' ? 'url' : 'text', value: value ?? '',
        placeholder: f.kind === 'datetime' ? '2021-03-18 или 2021-03-18T14:00:00' : (f.kind === 'url' ? 'https://' : null),
        oninput: (e) => update(path, e.target.value === '' ? undefined : e.target.value),
      });
      wrap.append(label(), helpNode(f, helpId), input);
      break;
    }
    case 'textarea': case 'markdown_body': {
      const body = f.kind === 'markdown_body';
      const area = el('textarea', {
        ...common, rows: body ? 14 : 4, class: f.markdown ? 'markdown' : null,
        oninput: (e) => {
          if (body) { state.current.body = e.target.value; changed(); } else update(path, e.target.value === '' ? undefined : e.target.value);
        },
      });
      area.value = body ? (state.current.body ?? '') : (value ?? '');
      wrap.append(label(), helpNode(f, helpId), area);
      if (f.markdown) {
        const preview = el('div', { class: 'preview', id: id + '-preview', hidden: true, 'aria-live': 'polite' });
        wrap.append(el('button', {
          type: 'button', class: 'secondary', 'aria-controls': id + '-preview',
          onclick: async () => {
            const { status, data } = await api('preview', { markdown: area.value });
            preview.hidden = false;
            if (status === 200) preview.innerHTML = data.html;  // rendered safely by the generator
            else preview.textContent = data.error || 'Предпросмотр не удался.';
          },
        }, 'Предпросмотр'), preview);
      }
      break;
    }
    case 'integer': case 'number': {
      const input = el('input', {
        ...common, type: 'number', step: f.kind === 'integer' ? '1' : 'any', min: f.min, max: f.max,
        value: value ?? '', inputmode: f.kind === 'integer' ? 'numeric' : 'decimal',
        oninput: (e) => update(path, parseNumber(e.target.value, f.kind === 'integer')),
      });
      wrap.append(label(), helpNode(f, helpId), input);
      break;
    }
    case 'boolean': {
      const input = el('input', {
        ...common, type: 'checkbox', checked: value === true,
        onchange: (e) => {
          const was = getAt(state.current.original, path);
          update(path, e.target.checked ? true : (was === undefined ? undefined : false));
        },
      });
      wrap.append(el('label', { class: 'check', for: id }, input, ...labelText(f)), helpNode(f, helpId));
      break;
    }
    case 'date': {
      const input = el('input', {
        ...common, type: 'date', value: value ?? '',
        oninput: (e) => update(path, e.target.value === '' ? undefined : e.target.value),
      });
      wrap.append(label(), helpNode(f, helpId), input);
      break;
    }
    case 'vocab': {
      const select = el('select', {
        ...common,
        onchange: (e) => {
          update(path, e.target.value === '' ? undefined : e.target.value);
          if (f.key === 'format' && path.length === 1) renderForm();  // directions depend on it
        },
      });
      select.append(el('option', { value: '', text: '— не выбрано —' }));
      const options = fieldOptions(f);
      for (const o of options) select.append(el('option', { value: o.code, text: o.label }));
      if (value !== undefined && !options.some((o) => o.code === value))
        select.append(el('option', { value, text: `${value} (нет в справочнике)` }));
      select.value = value ?? '';
      wrap.append(label(), helpNode(f, helpId), select);
      break;
    }
    case 'vocab_list': {
      const chosen = Array.isArray(value) ? value : [];
      const set = el('fieldset', { id, 'aria-describedby': describe });
      set.append(el('legend', {}, ...labelText(f)), helpNode(f, helpId));
      const options = fieldOptions(f).slice();
      for (const code of chosen)
        if (!options.some((o) => o.code === code)) options.push({ code, label: `${code} (нет в справочнике)` });
      options.forEach((o, i) => {
        const box = el('input', {
          type: 'checkbox', id: `${id}-${i}`, value: o.code, checked: chosen.includes(o.code),
          onchange: () => {
            const now = [...set.querySelectorAll('input:checked')].map((x) => x.value);
            update(path, now.length || getAt(state.current.original, path) !== undefined ? now : undefined);
          },
        });
        set.append(el('label', { class: 'check', for: `${id}-${i}` }, box, o.label));
      });
      wrap.append(set);
      break;
    }
    case 'school_ref': case 'record_ref': {
      const type = f.kind === 'school_ref' ? 'school' : f.ref_type;
      const input = el('input', {
        ...common, type: 'text', list: datalistFor(type), autocomplete: 'off',
        value: value ? refName(type, value) : '',
        oninput: (e) => {
          if (e.target.value.trim() === '') return update(path, undefined);
          const ref = resolveRef(type, e.target.value);
          if (ref) update(path, ref);
        },
        onchange: (e) => {
          const ref = resolveRef(type, e.target.value);
          if (e.target.value.trim() !== '' && !ref) update(path, e.target.value.trim());
        },
      });
      wrap.append(label(), helpNode(f, helpId), input);
      break;
    }
    case 'school_refs': {
      const ids = Array.isArray(value) ? value : [];
      const set = el('fieldset', { id: id + '-set', 'aria-describedby': describe });
      set.append(el('legend', {}, ...labelText(f)), helpNode(f, helpId));
      const list = el('ul', { class: 'chips', id: id + '-list' });
      ids.forEach((ref, i) => {
        list.append(el('li', {}, el('span', { text: refName('school', ref) }), el('button', {
          type: 'button', class: 'secondary small', 'aria-label': `Убрать: ${refName('school', ref)}`,
          onclick: () => {
            const now = ids.slice(); now.splice(i, 1);
            update(path, now); renderForm(id);
          },
        }, 'Убрать')));
      });
      if (!ids.length) list.append(el('li', { class: 'muted', text: 'Пока ни одной школы.' }));
      const input = el('input', { id, type: 'text', list: datalistFor('school'), autocomplete: 'off' });
      const add = () => {
        const ref = resolveRef('school', input.value);
        const status = $(id + '-status');
        if (!ref) { status.textContent = 'Такой школы нет: начните вводить название и выберите из списка.'; return; }
        if (!ids.includes(ref)) { update(path, ids.concat([ref])); }
        renderForm(id);
      };
      input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } });
      set.append(list, el('label', { for: id, text: 'Добавить школу по названию' }),
        el('div', { class: 'picker' }, input, el('button', { type: 'button', onclick: add, id: id + '-add' }, 'Добавить')),
        el('p', { id: id + '-status', class: 'help', role: 'status' }));
      wrap.append(set);
      break;
    }
    case 'strings': case 'integers': {
      const list = Array.isArray(value) ? value : [];
      const area = el('textarea', {
        ...common, rows: Math.max(3, list.length + 1),
        oninput: (e) => {
          const lines = e.target.value.split('\n').map((s) => s.trim()).filter((s) => s !== '');
          const items = f.kind === 'integers' ? lines.map((s) => parseNumber(s, true)) : lines;
          update(path, items.length || getAt(state.current.original, path) !== undefined ? items : undefined);
        },
      });
      area.value = list.join('\n');
      const help = { ...f, help: [f.help, 'По одному значению в строке.'].filter(Boolean).join(' ') };
      wrap.append(label(), helpNode(help, helpId), area);
      break;
    }
    case 'group': {
      const rows = Array.isArray(value) ? value : [];
      const set = el('fieldset', { id, 'aria-describedby': describe });
      set.append(el('legend', {}, f.label), helpNode({ ...f, required: false }, helpId));
      rows.forEach((row, i) => {
        const rowSet = el('fieldset', { id: `${id}-${i}` });
        rowSet.append(el('legend', { text: `${f.label}: строка ${i + 1}` }));
        for (const sub of f.fields) rowSet.append(buildField(sub, path.concat([i, sub.key])));
        rowSet.append(el('button', {
          type: 'button', class: 'secondary',
          onclick: () => { const now = rows.slice(); now.splice(i, 1); update(path, now); renderForm(id + '-add'); },
        }, `Удалить строку ${i + 1}`));
        set.append(rowSet);
      });
      set.append(el('button', {
        type: 'button', id: id + '-add',
        onclick: () => {
          update(path, rows.concat([{}]));
          renderForm(`f-${idOf(path.concat([rows.length, f.fields[0].key]))}`);
        },
      }, `Добавить: ${f.label.toLowerCase()}`));
      wrap.append(set);
      break;
    }
    case 'internal': {
      // Text values are edited here; numbers, dates and lists stay as written (change them in
      // the file), so that no value changes its type.
      const table = value && typeof value === 'object' ? value : null;
      const set = el('fieldset', { id, 'aria-describedby': helpId });
      set.append(el('legend', { text: f.label }), helpNode(f, helpId));
      if (!table) set.append(el('p', { class: 'muted', text: 'Раздела [internal] в файле нет; его добавляют в файле.' }));
      Object.keys(table || {}).forEach((k, i) => {
        const v = table[k];
        const inputId = `${id}-${i}`;
        if (typeof v === 'string' && getAt(state.current.original, path.concat([k])) !== undefined) {
          set.append(el('label', { for: inputId, text: k }), el('input', {
            id: inputId, type: 'text', value: v,
            oninput: (e) => update(path.concat([k]), e.target.value),
          }));
        } else if (typeof v === 'string') {
          set.append(el('p', {}, el('strong', { text: k + ': ' }), v));
        } else {
          set.append(el('p', {}, el('strong', { text: k + ': ' }), JSON.stringify(v), ' (меняется в файле)'));
        }
      });
      if (table) {
        const name = el('input', { id: id + '-new-key', type: 'text', autocomplete: 'off' });
        const text = el('input', { id: id + '-new-value', type: 'text', autocomplete: 'off' });
        set.append(el('label', { for: id + '-new-key', text: 'Новое поле: название' }), name,
          el('label', { for: id + '-new-value', text: 'Новое поле: значение' }), text,
          el('button', {
            type: 'button', class: 'secondary',
            onclick: () => {
              const key = name.value.trim();
              if (!key || key in table) return;
              update(path.concat([key]), text.value);
              renderForm(id + '-new-key');
            },
          }, 'Добавить поле'));
      }
      wrap.append(set);
      break;
    }
    default:
      wrap.append(el('p', { class: 'muted', text: `${f.label}: поле вида «${f.kind}» меняется в файле.` }));
  }
  return wrap;
}

/// Builds the form again from the working values, focusing `focusId` when given.
function renderForm(focusId) {
  const c = state.current;
  const t = typeOf(c.type);
  const box = $('record-fields');
  box.replaceChildren();
  for (const f of t.fields) box.append(buildField(f, [f.key]));
  if (c.diagnostics) showDiagnostics(c.diagnostics);
  if (focusId && $(focusId)) $(focusId).focus();
}

// ---- Checking as the editor types --------------------------------------------------------------

async function check() {
  const c = state.current;
  if (!c) return;
  const mine = ++state.sequence;
  const rendered = await api('render', { path: c.path, values: c.values, body: c.body });
  if (mine !== state.sequence) return;
  if (rendered.status !== 200) {
    $('record-status').textContent = rendered.data.error || 'Не удалось подготовить текст файла.';
    return;
  }
  c.rendered = rendered.data.text;
  const checked = await api('validate', { path: c.path, text: c.rendered });
  if (mine !== state.sequence || checked.status !== 200) return;
  c.diagnostics = checked.data.diagnostics;
  showDiagnostics(c.diagnostics);
}

/// The field a diagnostic's key points to: the deepest part of "years.2.ior" the form has.
function fieldFor(key) {
  const parts = key.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  for (let n = parts.length; n > 0; n--) {
    const node = $(`f-${idOf(parts.slice(0, n))}-field`);
    if (node) return node;
  }
  return null;
}

function showDiagnostics(list) {
  const c = state.current;
  // A message already shown stays as it is: a screen reader announces only new ones.
  const shown = new Map();
  document.querySelectorAll('.field-error').forEach((n) => shown.set(n.dataset.sig, n));
  document.querySelectorAll('.has-error').forEach((n) => n.classList.remove('has-error'));
  document.querySelectorAll('[data-error-ids]').forEach((n) => {
    const mine = n.getAttribute('data-error-ids').split(' ');
    const rest = (n.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !mine.includes(x));
    if (rest.length) n.setAttribute('aria-describedby', rest.join(' ')); else n.removeAttribute('aria-describedby');
    n.removeAttribute('data-error-ids');
    n.removeAttribute('aria-invalid');
  });
  const kept = new Set();
  const others = $('diagnostics-list');
  others.replaceChildren();
  for (const d of list) {
    const word = d.severity === 'warning' ? 'Предупреждение' : 'Ошибка';
    const field = d.path === c.path && d.key ? fieldFor(d.key) : null;
    if (field) {
      const text = `${word}: ${d.message}`;
      const sig = `${field.id}|${text}`;
      let msg = shown.get(sig);
      if (!msg || kept.has(msg)) {
        msg = el('p', { class: 'field-error' + (d.severity === 'warning' ? ' warning' : ''),
          id: `err-${++state.errors}`, role: 'alert', 'data-sig': sig }, text);
        field.append(msg);
      }
      kept.add(msg);
      const id = msg.id;
      field.classList.add('has-error');
      // The field's own controls (not those of the rows inside a group) are described by it.
      const controls = field.querySelectorAll(':scope > input, :scope > select, :scope > textarea, '
        + ':scope > fieldset, :scope > fieldset > .picker > input, :scope > label > input');
      for (const control of controls) {
        const ids = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
        control.setAttribute('aria-describedby', ids.concat([id]).join(' '));
        const mine = (control.getAttribute('data-error-ids') || '').split(' ').filter(Boolean);
        control.setAttribute('data-error-ids', mine.concat([id]).join(' '));
        if (d.severity !== 'warning' && control.tagName !== 'FIELDSET') control.setAttribute('aria-invalid', 'true');
      }
    } else {
      const where = d.path === c.path ? `строка ${d.line}` : `${d.path}:${d.line}`;
      others.append(el('li', {}, `${word} (${where}): ${d.message}`));
    }
  }
  shown.forEach((node) => { if (!kept.has(node)) node.remove(); });
  $('diagnostics').hidden = others.children.length === 0;
  const errors = list.filter((d) => d.severity !== 'warning').length;
  if (!list.length) $('record-status').textContent = 'Проверено: замечаний нет.';
  else $('record-status').textContent = `Проверено: ошибок — ${errors}, предупреждений — ${list.length - errors}.`;
}

// ---- Opening, saving, creating -----------------------------------------------------------------

async function openRecord(path, note) {
  const { status, data } = await api('record?path=' + encodeURIComponent(path));
  if (status !== 200) { $('record-status').textContent = data.error || 'Запись не открыть.'; return; }
  if (data.values === null || data.values === undefined) {
    // A file TOML cannot read: a form would not know what is in it, so nothing is offered.
    state.current = null;
    $('record-form').hidden = true;
    $('conflict').hidden = true;
    $('placeholder').hidden = false;
    $('placeholder').textContent = `В файле ${data.path} ошибка TOML: форма его не открывает, чтобы ничего не потерять. `
      + 'Исправьте файл в текстовом редакторе (nastavnik check покажет, где ошибка).';
    $('placeholder').focus();
    return;
  }
  state.current = {
    path: data.path, type: data.type, hash: data.hash, text: data.text,
    values: clone(data.values) || {}, original: clone(data.values) || {},
    body: data.body, originalBody: data.body, diagnostics: null,
  };
  $('placeholder').hidden = true;
  $('conflict').hidden = true;
  $('record-form').hidden = false;
  const entry = state.records.find((r) => r.path === path);
  const t = typeOf(data.type);
  $('record-title').textContent = `${t ? t.label + ': ' : ''}${entry ? titleOf(entry) : path}`;
  $('record-path').textContent = data.path;
  const link = pageAddress(data);
  $('page-link').hidden = !link;
  if (link) $('page-link').href = link;
  renderForm();
  renderList();
  $('record-status').textContent = note || '';
  $('record-title').focus();
  check();
}

/// The public page of a record, for the link beside «Сохранить».
function pageAddress(doc) {
  const id = doc.path.replace(/^.*\//, '').replace(/\.(toml|md)$/, '');
  const folders = { practice: 'practices', event: 'events', school: 'schools', mentorship: 'mentorships', page: '' };
  if (!(doc.type in folders)) return null;
  return folders[doc.type] ? `/${folders[doc.type]}/${id}/` : `/${id}/`;
}

const isRows = (v) => Array.isArray(v) && v.length > 0 && v.every((x) => x && typeof x === 'object' && !Array.isArray(x));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/// The edits that turn `before` into `after` (as the server's api/render computes them).
function diff(before, after, path, out) {
  for (const [k, bv] of Object.entries(after)) {
    const p = path.concat([k]);
    if (!(k in before)) { out.push({ op: 'set', key: p, value: bv }); continue; }
    const av = before[k];
    if (same(av, bv)) continue;
    if (av && bv && typeof av === 'object' && typeof bv === 'object' && !Array.isArray(av) && !Array.isArray(bv)) {
      diff(av, bv, p, out);
    } else if (isRows(av) && (isRows(bv) || (Array.isArray(bv) && bv.length === 0))) {
      const common = Math.min(av.length, bv.length);
      for (let i = 0; i < common; i++) diff(av[i], bv[i], p.concat([i]), out);
      for (let i = common; i < bv.length; i++) out.push({ op: 'append', key: p, value: bv[i] });
      for (let i = av.length - 1; i >= bv.length; i--) out.push({ op: 'remove', key: p.concat([i]) });
    } else {
      out.push({ op: 'set', key: p, value: bv });
    }
  }
  for (const k of Object.keys(before)) if (!(k in after)) out.push({ op: 'remove', key: path.concat([k]) });
  return out;
}

async function save(event) {
  event.preventDefault();
  const c = state.current;
  if (!c) return;
  clearTimeout(state.timer);
  const request = { path: c.path, base_hash: c.hash, edits: diff(c.original, c.values, [], []) };
  if (c.body !== undefined && c.body !== c.originalBody) request.body = c.body;
  $('record-status').textContent = 'Сохраняю…';
  // The rebuild this save causes is the first generation after the one the site has now.
  state.awaitingRebuild = true;
  state.generationAtSave = state.generation;
  const { status, data } = await api('save', request);
  if (status !== 200) state.awaitingRebuild = false;
  if (status === 409) return showConflict(data);
  if (status !== 200) { $('record-status').textContent = data.error || 'Не удалось сохранить.'; return; }
  const errors = (data.diagnostics || []).filter((d) => d.severity !== 'warning' && d.path === c.path).length;
  if (state.awaitingRebuild) $('rebuild-status').textContent = 'Сайт пересобирается…';
  await loadRecords();
  await loadGit();
  await openRecord(c.path, errors ? `Сохранено, но в записи есть ошибки: ${errors}. Сайт пересобирается.`
    : 'Сохранено.');
}

async function showConflict(data) {
  const c = state.current;
  // What saving would have written: the form's values over the file as it is now.
  const mine = await api('render', { path: c.path, values: c.values, body: c.body });
  $('conflict-mine').textContent = mine.status === 200 ? mine.data.text : (c.rendered || '');
  $('conflict-disk').textContent = data.disk_text || '';
  $('conflict').hidden = false;
  $('record-status').textContent = 'Не сохранено: файл изменился на диске.';
  $('conflict').focus();
}

async function create(event) {
  event.preventDefault();
  const type = $('create-type').value;
  const title = $('create-title').value.trim();
  const status = $('create-status');
  if (!title) { status.textContent = 'Напишите название новой записи.'; $('create-title').focus(); return; }
  const t = typeOf(type);
  const edits = [];
  const result = await api('create', { type, title, edits });
  if (result.status !== 200) { status.textContent = result.data.error || 'Не удалось создать запись.'; return; }
  status.textContent = `Создано: ${result.data.path}`;
  $('create-title').value = '';
  await loadRecords();
  await loadGit();
  await openRecord(result.data.path, `Создана запись «${title}» (${t ? t.label : type}). Заполните поля и сохраните.`);
}

// ---- Git -------------------------------------------------------------------------------------

const STATUS = { new: 'новый', modified: 'изменён', deleted: 'удалён' };

async function loadGit() {
  const { status, data } = await api('git');
  const list = $('git-list');
  list.replaceChildren();
  if (status !== 200) { $('git-summary').textContent = data.error || 'Сведения Git недоступны.'; return; }
  if (!data.repository) {
    $('git-summary').textContent = 'Сайт не в репозитории Git: правки сохраняются в файлы, история не ведётся.';
    $('commit-form').hidden = true;
    return;
  }
  $('commit-form').hidden = false;
  const author = data.author && data.author.name ? ` Автор: ${data.author.name}${data.author.email ? ' <' + data.author.email + '>' : ''}.` : '';
  $('git-summary').textContent = (data.changed.length
    ? `Не сохранено в истории файлов: ${data.changed.length}.` : 'Все правки сохранены в истории.') + author;
  for (const ch of data.changed) list.append(el('li', {}, el('code', { text: ch.path }), ` — ${STATUS[ch.status] || ch.status}`));
}

async function commit(event) {
  event.preventDefault();
  const message = $('commit-message').value.trim();
  const status = $('commit-status');
  if (!message) { status.textContent = 'Напишите, что изменено.'; $('commit-message').focus(); return; }
  const { status: code, data } = await api('commit', { message });
  if (code !== 200) { status.textContent = data.error || 'Не удалось сохранить в истории.'; return; }
  status.textContent = `Сохранено в истории (${String(data.commit).slice(0, 8)}).`;
  $('commit-message').value = '';
  await loadRecords();
  await loadGit();
}

// ---- Rebuilds: the dev server says when the site was built again after a save ------------------

function watchRebuilds() {
  if (!window.EventSource) return;
  const events = new EventSource('/__nastavnik/events');
  events.onmessage = (e) => {
    let site;
    try { site = JSON.parse(e.data); } catch (err) { return; }
    if (state.awaitingRebuild && site.generation !== state.generationAtSave) {
      state.awaitingRebuild = false;
      $('rebuild-status').textContent = site.ok ? 'Сайт пересобран: на нём уже новая версия.'
        : 'Сайт не собран: в записях есть ошибки (их показывают замечания проверки).';
    }
    state.generation = site.generation;
  };
}

// ---- Start ------------------------------------------------------------------------------------

async function start() {
  const fields = await api('fields');
  if (fields.status !== 200) {
    $('placeholder').textContent = fields.data.error || 'Редактор недоступен: откройте адрес, который напечатал nastavnik serve.';
    return;
  }
  state.types = fields.data.types;
  for (const t of state.types) $('create-type').append(el('option', { value: t.type, text: t.label }));
  $('search').addEventListener('input', renderList);
  $('record-form').addEventListener('submit', save);
  $('create-form').addEventListener('submit', create);
  $('commit-form').addEventListener('submit', commit);
  $('conflict-reload').addEventListener('click', () => openRecord(state.current.path, 'Открыта версия с диска.'));
  watchRebuilds();
  await loadRecords();
  await loadGit();
}

start();
