// Koers serve: the case form. Built from the rule set's schema (GET /v1/schema), never written field
// by field: every record becomes a group, every list repeatable rows, every enum a choice with its
// labels, every date a date picker. The form edits one object, the case, so fields the form
// does not show (OBVL-K items, say) survive a round trip between form and YAML untouched.
//
// Unknown is not "no": a yes/no can be left unknown, a list can be "not asked yet" (absent,
// unknown) or filled in, and a filled-in list with no rows means "none" ([]).
//
// Every word the page shows comes from the catalogue of the rule set's language, which the server
// writes into index.html (#woorden); the schema's own labels and questions come with the schema.
// This file is loaded first, so the words and `say` below serve app.js too.
'use strict';

// Every key of the catalogue with its text, plus `months` and `months_short` (12 names each).
const words = JSON.parse(document.getElementById('woorden').textContent);

// The text of `key` with its arguments, in pieces: `{}` takes the next argument, `{0}`, `{1}` the
// one by number (a language may reorder them), `{{` and `}}` are braces, as fmt reads the C++
// catalogue. Pieces, so that an argument may be an element (the <code> in a sentence). A key
// or argument that is missing throws: the page never shows a key instead of words.
function sayParts(key, ...args) {
  const text = words[key];
  if (typeof text !== 'string') throw new Error(`no words for "${key}" in the catalogue`);
  const parts = [];
  let literal = '';
  let next = 0;
  let at = 0;
  for (const m of text.matchAll(/\{\{|\}\}|\{(\d*)\}/g)) {
    literal += text.slice(at, m.index);
    at = m.index + m[0].length;
    if (m[1] === undefined) { literal += m[0][0]; continue; }  // {{ or }}
    const index = m[1] === '' ? next++ : Number(m[1]);
    if (index >= args.length) throw new Error(`"${key}" needs argument ${index}: ${text}`);
    if (literal) parts.push(literal);
    literal = '';
    parts.push(args[index]);
  }
  literal += text.slice(at);
  if (literal) parts.push(literal);
  return parts;
}

function say(key, ...args) {
  return sayParts(key, ...args).map(String).join('');
}

// A word of the reports ("ja", "onbekend") at the start of a label: "Ja", "Onbekend".
function capital(text) {
  return text.charAt(0).toLocaleUpperCase(document.documentElement.lang) + text.slice(1);
}

const KoersForm = (() => {
  let schema = null;
  let data = {};
  let host = null;
  let onChange = () => {};
  let serial = 0;  // unique names for radio groups

  // The case format the form writes: 2 for a new case; a loaded file keeps its own until the
  // caseworker converts it (format 1 reads an absent list as "none", format 2 as unknown).
  let format = 2;

  // ---- paths into the case object ---------------------------------------------------------------

  const pathText = (path) => path.reduce(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key), '');
  const idFor = (path) => 'veld-' + pathText(path).replace(/[^A-Za-z0-9]+/g, '-');

  function getAt(path) {
    let node = data;
    for (const key of path) {
      if (node === null || node === undefined || typeof node !== 'object') return undefined;
      node = node[key];
    }
    return node;
  }

  function setAt(path, value) {
    let node = data;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i];
      if (node[key] === null || typeof node[key] !== 'object') {
        node[key] = typeof path[i + 1] === 'number' ? [] : {};
      }
      node = node[key];
    }
    node[path[path.length - 1]] = value;
  }

  // Removes the value; a record left empty by it is removed too (an empty record says nothing),
  // but a row of a list stays: the row itself was added on purpose.
  function deleteAt(path) {
    const parentPath = path.slice(0, -1);
    const parent = parentPath.length ? getAt(parentPath) : data;
    if (!parent || typeof parent !== 'object') return;
    if (Array.isArray(parent)) parent.splice(path[path.length - 1], 1);
    else delete parent[path[path.length - 1]];
    // A nullable record ({} = it exists, details unknown) stays, as does a row of a list.
    if (parentPath.length && !Array.isArray(parent) && Object.keys(parent).length === 0 &&
        typeof parentPath[parentPath.length - 1] !== 'number' && !fieldAt(parentPath)?.nullable) {
      deleteAt(parentPath);
    }
  }

  // The schema's field at a path of the case ("care", "family_plan"), or null.
  function fieldAt(path) {
    let record = schema.records[schema.root];
    let field = null;
    for (const key of path) {
      if (typeof key === 'number') continue;
      if (!record) return null;
      field = record.fields.find((f) => f.name === key) || null;
      if (!field) return null;
      const type = field.type.list || field.type;
      record = type.record ? schema.records[type.record] : null;
    }
    return field;
  }

  // ---- small DOM helpers -------------------------------------------------------------------------

  function make(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  const titleOf = (field) => field.title || field.name;
  const enumMembers = (name) => (schema.enums[name] || []);
  const labelOf = (enumName, value) => {
    const member = enumMembers(enumName).find((m) => m.value === value);
    return member ? member.label : String(value);
  };

  // A date as the reports write it ("5 augustus 2026"): the catalogue's month names and order.
  function longDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? say('date_format', Number(m[3]), words.months[Number(m[2]) - 1], m[1]) : iso;
  }

  // The help under a field: its question, and what leaving it empty means.
  function hint(field, path, extra) {
    const parts = [];
    if (field.question) parts.push(field.question);
    if (extra) parts.push(extra);
    if (!parts.length) return null;
    return make('p', { class: 'hulp', id: idFor(path) + '-hulp', text: parts.join(' ') });
  }

  function errorSlot(path) {
    return make('p', { class: 'veldfout', id: idFor(path) + '-fout', hidden: true });
  }

  function describedBy(path, field, extra) {
    const ids = [];
    if (field.question || extra) ids.push(idFor(path) + '-hulp');
    ids.push(idFor(path) + '-fout');
    return ids.join(' ');
  }

  function showFieldError(path, message) {
    const slot = document.getElementById(idFor(path) + '-fout');
    const input = document.getElementById(idFor(path));
    if (slot) {
      slot.textContent = message;
      slot.hidden = !message;
    }
    if (input) {
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    return Boolean(slot);
  }

  // After a change: tell the page; a change of structure (a row added or removed, a list or
  // record switched on or off) draws the form again, with the focus on `focusId` when given.
  function changed(structural, focusId) {
    if (focusId) focusTarget = focusId;
    onChange();
    if (structural) render();
  }

  // ---- one field ---------------------------------------------------------------------------------

  function scalarInput(type, field, path, labelText) {
    const value = getAt(path);
    const id = idFor(path);
    const wrap = make('div', { class: 'veld' });
    const shownLabel = field.required ? say('field_required', labelText) : labelText;
    if (type === 'bool') {
      const group = make('fieldset', { class: 'keuze', id, 'aria-describedby': describedBy(path, field) });
      group.append(make('legend', { text: shownLabel }));
      const name = `keuze-${serial++}`;
      const fallback = field.default !== undefined
        ? say('not_filled_in_default', say(field.default ? 'yes' : 'no')) : capital(say('unknown'));
      // The ids keep their Dutch ends in every language: they are names, not words.
      const choices = [[capital(say('yes')), true, 'ja'], [capital(say('no')), false, 'nee'],
        [fallback, undefined, 'onbekend']];
      for (const [word, v, suffix] of choices) {
        const radio = make('input', { type: 'radio', name, id: `${id}-${suffix}` });
        radio.checked = value === v;
        radio.addEventListener('change', () => {
          if (v === undefined) deleteAt(path); else setAt(path, v);
          changed(false);
        });
        group.append(make('label', { class: 'optie' }, radio, document.createTextNode(' ' + word)));
      }
      group.append(hint(field, path) || '', errorSlot(path));
      wrap.append(group);
      return wrap;
    }
    const label = make('label', { for: id, text: shownLabel });
    let input;
    if (type && type.enum) {
      input = make('select', { id, 'aria-describedby': describedBy(path, field) });
      input.append(make('option', { value: '', text: say(field.required ? 'choose_option' : 'unknown_option') }));
      for (const m of enumMembers(type.enum)) {
        const option = make('option', { value: m.value, text: m.label });
        option.selected = value === m.value;
        input.append(option);
      }
    } else {
      const kind = type === 'int' ? 'number' : type === 'date' ? 'date' : 'text';
      input = make('input', {
        id, type: kind, 'aria-describedby': describedBy(path, field),
        inputmode: type === 'int' ? 'numeric' : undefined,
        min: type === 'int' && field.range ? field.range[0] : undefined,
        max: type === 'int' && field.range ? field.range[1] : undefined,
        autocomplete: 'off', spellcheck: type === 'text' ? 'false' : undefined,
      });
      if (value !== undefined && value !== null) input.value = String(value);
    }
    if (field.required) input.setAttribute('aria-required', 'true');
    input.addEventListener('change', () => {
      const raw = input.value.trim();
      // A number field the browser cannot read ("3,5") reports an empty value: say so.
      const problem = input.validity && input.validity.badInput ? say('enter_whole_number')
        : validate(type, field, raw);
      showFieldError(path, problem);
      if (problem) return;
      if (raw === '') {
        if (typeof path[path.length - 1] === 'number') setAt(path, '');  // the row stays
        else deleteAt(path);
      } else {
        setAt(path, type === 'int' ? Number(raw) : raw);
      }
      changed(false);
    });
    wrap.append(label, input);
    if (field.nullable && type === 'date') {
      // A nullable date can be known not to exist ("geen volgende evaluatie gepland"): null.
      const none = make('input', { type: 'checkbox', id: id + '-geen' });
      none.checked = value === null;
      input.disabled = value === null;
      none.addEventListener('change', () => {
        if (none.checked) setAt(path, null); else deleteAt(path);
        changed(true, id + '-geen');
      });
      wrap.append(make('div', { class: 'optie' }, none,
        make('label', { for: id + '-geen', text: ' ' + say('does_not_exist') })));
    }
    wrap.append(hint(field, path) || '', errorSlot(path));
    return wrap;
  }

  // Checked in the page as soon as a field is left; the server checks everything again.
  function validate(type, field, raw) {
    if (raw === '') return field.required ? say('field_is_required') : '';
    if (type === 'int') {
      if (!/^-?\d+$/.test(raw)) return say('enter_whole_number');
      const n = Number(raw);
      if (field.range && (n < field.range[0] || n > field.range[1])) {
        return say('enter_number_between', field.range[0], field.range[1]);
      }
    }
    if (type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return say('choose_date');
    if (type === 'text' && field.pattern && !new RegExp(`^(?:${field.pattern})$`).test(raw)) {
      return say('pattern_mismatch');
    }
    return '';
  }

  // A list: not asked yet (absent: unknown) or filled in (rows; none is "none", []).
  function listField(field, path, element) {
    const list = getAt(path);
    const known = Array.isArray(list);
    const id = idFor(path);
    const group = make('fieldset', { class: 'lijst', id: id + '-lijst' });
    group.append(make('legend', { text: titleOf(field) }));
    const toggle = make('input', { type: 'checkbox', id: id + '-bekend' });
    toggle.checked = known;
    toggle.addEventListener('change', () => {
      if (toggle.checked) setAt(path, []); else deleteAt(path);
      changed(true, id + '-bekend');
    });
    group.append(make('div', { class: 'optie' }, toggle,
      make('label', { for: id + '-bekend', text: ' ' + say('list_asked') })));
    if (field.question) group.append(hint(field, path));
    if (!known) {
      group.append(make('p', { class: 'hulp', text: say('list_not_asked') }));
      return group;
    }
    const series = element.record ? seriesOf(path) : null;
    if (series) {
      group.append(seriesTable(field, path, element.record, series));
      return group;
    }
    list.forEach((_, index) => {
      const rowPath = [...path, index];
      const row = make('div', { class: 'rij' });
      const rowTitle = say('list_row', singular(field), index + 1);
      if (element.record) {
        const inner = make('fieldset', { class: 'record', id: idFor(rowPath) + '-rij' });
        inner.append(make('legend', { text: rowTitle }));
        for (const f of schema.records[element.record].fields) inner.append(fieldBlock(f, [...rowPath, f.name]));
        row.append(inner);
      } else {
        row.append(scalarInput(element, { name: field.name, range: field.range }, rowPath, rowTitle));
      }
      const remove = make('button', { type: 'button', class: 'klein', text: say('remove_row', rowTitle) });
      remove.addEventListener('click', () => {
        deleteAt(rowPath);
        if (!Array.isArray(getAt(path))) setAt(path, []);
        changed(true, id + '-toevoegen');
      });
      row.append(remove);
      group.append(row);
    });
    if (!list.length) group.append(make('p', { class: 'hulp', text: say('list_none') }));
    const add = make('button', { type: 'button', class: 'klein', id: id + '-toevoegen', text: say('add_row', singular(field)) });
    add.addEventListener('click', () => {
      const rows = getAt(path);
      // A new scalar row holds '' until it gets a value; the YAML leaves such rows out.
      rows.push(element.record ? {} : '');
      changed(true, idFor([...path, rows.length - 1]) + (element.record ? '-rij' : ''));
    });
    group.append(add);
    return group;
  }

  // The name of one entry of a list ("Ouder"), from the schema's `title "Ouders" "Ouder"`.
  function singular(field) {
    return field.item || titleOf(field);
  }

  let focusTarget = null;

  // ---- a series table: dates and values, paste from a spreadsheet, the chart as you type ---------

  // The series a chart of the rule set draws from this list (`chart ... { series list.value }`),
  // with the names of its date and value fields and its scale; null for any other list.
  function seriesOf(path) {
    const list = path.filter((key) => typeof key === 'string').join('.');
    return (schema.charts || []).find((c) => c.list === list) || null;
  }

  function seriesTable(field, path, recordName, series) {
    const record = schema.records[recordName];
    const D = series.date;
    const V = series.value;
    const total = record.fields.find((f) => f.name === V);
    const valueWords = titleOf(total);
    const rows = getAt(path);
    const box = make('div', { class: 'reeks' });
    const table = make('table', { class: 'metingen' });
    table.append(make('caption', { text: say('series_caption', titleOf(field), valueWords.toLowerCase()) }));
    table.append(make('tr', {}, make('th', { scope: 'col', text: say('series_date_column') }),
      make('th', { scope: 'col', text: say('series_value_column', valueWords, series.scale[0], series.scale[1]) }),
      make('th', { scope: 'col', text: say('series_action_column') })));
    rows.forEach((row, index) => {
      const rowPath = [...path, index];
      const date = make('input', { type: 'date', id: idFor([...rowPath, D]), 'aria-label': say('series_row_date', index + 1), value: row[D] || '' });
      const score = make('input', {
        type: 'number', inputmode: 'numeric', id: idFor([...rowPath, V]),
        'aria-label': say('series_row_value', valueWords, index + 1),
        min: total.range ? total.range[0] : undefined, max: total.range ? total.range[1] : undefined,
        value: row[V] !== undefined ? row[V] : '',
      });
      date.addEventListener('change', () => { if (date.value) row[D] = date.value; else delete row[D]; drawChart(); changed(false); });
      score.addEventListener('input', () => {
        const raw = score.value.trim();
        const problem = score.validity.badInput ? say('enter_whole_number') : validate('int', total, raw);
        showFieldError([...rowPath, V], problem);
        if (!problem) { if (raw === '') delete row[V]; else row[V] = Number(raw); }
        drawChart();
        changed(false);
      });
      const remove = make('button', { type: 'button', class: 'klein', text: say('remove'), 'aria-label': say('series_remove_row', index + 1) });
      remove.addEventListener('click', () => { rows.splice(index, 1); changed(true, idFor(path) + '-meting-toevoegen'); });
      table.append(make('tr', {}, make('td', {}, date),
        make('td', {}, score, errorSlot([...rowPath, V])), make('td', {}, remove)));
    });
    box.append(table);
    const add = make('button', { type: 'button', class: 'klein', id: idFor(path) + '-meting-toevoegen', text: say('add_measurement') });
    add.addEventListener('click', () => {
      rows.push({});
      changed(true, idFor([...path, rows.length - 1, D]));
    });
    box.append(add);
    const pasteId = idFor(path) + '-plakken';
    const paste = make('textarea', { id: pasteId, rows: 3, spellcheck: 'false', 'aria-describedby': pasteId + '-hulp' });
    const pasteButton = make('button', { type: 'button', class: 'klein', text: say('paste_take') });
    const pasteMessage = make('p', { class: 'hulp', id: pasteId + '-melding', role: 'status' });
    pasteButton.addEventListener('click', () => {
      const { taken, skipped } = takePasted(paste.value, rows, D, V);
      paste.value = '';
      changed(true, pasteId);
      const takenText = say(taken === 1 ? 'paste_taken_one' : 'paste_taken_many', taken);
      const message = skipped
        ? say('paste_result_skipped', takenText,
          say(skipped === 1 ? 'paste_skipped_one' : 'paste_skipped_many', skipped, valueWords.toLowerCase()))
        : say('paste_result', takenText);
      setTimeout(() => {
        const slot = document.getElementById(pasteId + '-melding');
        if (slot) slot.textContent = message;
      }, 0);
    });
    box.append(make('div', { class: 'veld' },
      make('label', { for: pasteId, text: say('paste_label') }), paste,
      make('p', { class: 'hulp', id: pasteId + '-hulp', text: say('paste_hint', valueWords.toLowerCase()) }),
      pasteButton, pasteMessage));
    const chartId = idFor(path) + '-grafiek';
    box.append(make('div', { id: chartId, class: 'grafiek' }));
    setTimeout(drawChart, 0);
    return box;

    function drawChart() {
      const slot = document.getElementById(chartId);
      const points = rows.filter((r) => r[D] && Number.isFinite(r[V])).map((r) => ({ date: r[D], value: r[V] }));
      if (slot) slot.replaceChildren(chart(points, series.scale, valueWords));
    }
  }

  // Lines of "date<TAB or ; or ,>value"; dates as dd-mm-yyyy, d-m-yyyy or yyyy-mm-dd. D and V are
  // the names of the entries' date and value fields.
  function takePasted(text, rows, D, V) {
    let taken = 0;
    let skipped = 0;
    for (const line of text.split(/\r?\n/)) {
      if (!line.trim()) continue;
      const cells = line.split(/\t|;|,(?=\s*\d+\s*$)/).map((c) => c.trim()).filter(Boolean);
      const date = cells.length >= 2 ? isoDate(cells[0]) : null;
      const total = cells.length >= 2 ? Number(cells[1]) : NaN;
      if (!date || !Number.isInteger(total)) { skipped++; continue; }
      const same = rows.find((r) => r[D] === date);
      if (same) same[V] = total; else rows.push({ [D]: date, [V]: total });
      taken++;
    }
    rows.sort((a, b) => String(a[D]).localeCompare(String(b[D])));
    return { taken, skipped };
  }

  function isoDate(text) {
    let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
    if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
    return null;
  }

  function chart(points, range, valueWords) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 320 140');
    svg.setAttribute('role', 'img');
    const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
    const title = document.createElementNS(ns, 'title');
    title.textContent = sorted.length
      ? say('chart_title', valueWords.toLowerCase(),
        sorted.map((p) => say('chart_point', longDate(p.date), p.value)).join('; '))
      : say('chart_empty');
    svg.append(title);
    if (sorted.length === 0) return svg;
    const t = (d) => Date.parse(d);
    const first = t(sorted[0].date);
    const span = Math.max(1, t(sorted[sorted.length - 1].date) - first);
    const x = (d) => 30 + 280 * (sorted.length === 1 ? 0.5 : (t(d) - first) / span);
    const y = (v) => 120 - 110 * (v - range[0]) / Math.max(1, range[1] - range[0]);
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', sorted.map((p) => `${x(p.date)},${y(p.value)}`).join(' '));
    line.setAttribute('fill', 'none');
    line.setAttribute('stroke', '#1f4e79');
    line.setAttribute('stroke-width', '2');
    svg.append(line);
    for (const p of sorted) {
      const dot = document.createElementNS(ns, 'circle');
      dot.setAttribute('cx', x(p.date));
      dot.setAttribute('cy', y(p.value));
      dot.setAttribute('r', 3.5);
      const tip = document.createElementNS(ns, 'title');
      tip.textContent = say('chart_point', longDate(p.date), p.value);
      dot.append(tip);
      svg.append(dot);
    }
    for (const [v, label] of [[range[0], String(range[0])], [range[1], String(range[1])]]) {
      const text = document.createElementNS(ns, 'text');
      text.setAttribute('x', 2);
      text.setAttribute('y', y(v) + 4);
      text.setAttribute('font-size', '10');
      text.textContent = label;
      svg.append(text);
    }
    return svg;
  }

  // ---- records -----------------------------------------------------------------------------------

  function recordBlock(field, path, recordName) {
    const record = schema.records[recordName];
    const group = make('fieldset', { class: 'record', id: idFor(path) + '-groep' });
    group.append(make('legend', { text: titleOf(field) }));
    if (field.question) group.append(make('p', { class: 'hulp', text: field.question }));
    if (field.nullable) {
      // A nullable record: unknown, known not to exist (null), or filled in.
      const value = getAt(path);
      const id = idFor(path) + '-bestaat';
      const select = make('select', { id });
      const state = value === null ? 'geen' : value === undefined ? '' : 'ja';
      for (const [v, text] of [['', capital(say('unknown'))], ['geen', say('does_not_exist')], ['ja', say('fill_in')]]) {
        const option = make('option', { value: v, text });
        option.selected = v === state;
        select.append(option);
      }
      select.addEventListener('change', () => {
        if (select.value === '') deleteAt(path);
        else if (select.value === 'geen') setAt(path, null);
        else setAt(path, {});
        changed(true, id);
      });
      group.append(make('div', { class: 'veld' }, make('label', { for: id, text: say('record_details', titleOf(field)) }), select));
      if (state !== 'ja') return group;
    }
    for (const f of record.fields) group.append(fieldBlock(f, [...path, f.name]));
    return group;
  }

  function fieldBlock(field, path) {
    const type = field.type;
    if (type && type.list) return listField(field, path, type.list);
    if (type && type.record) return recordBlock(field, path, type.record);
    return scalarInput(type, field, path, titleOf(field));
  }

  // ---- the whole form ----------------------------------------------------------------------------

  // Format 1 to 2 without changing what the file says: every list format 1 read as "none"
  // because it was absent becomes an explicit [].
  function convertToFormat2(value, recordName) {
    const record = schema.records[recordName];
    if (!record || !value || typeof value !== 'object') return;
    for (const f of record.fields) {
      const v = value[f.name];
      if (f.type.list) {
        if (v === undefined) value[f.name] = [];
        else if (f.type.list.record && Array.isArray(v)) v.forEach((item) => convertToFormat2(item, f.type.list.record));
      } else if (f.type.record && v && typeof v === 'object') {
        convertToFormat2(v, f.type.record);
      }
    }
  }

  function formatNotice() {
    if (format !== 1) return null;
    const box = make('div', { class: 'let-op', id: 'formaat-1' });
    box.append(make('p', { text: say('format_one_notice') }));
    const convert = make('button', { type: 'button', class: 'klein', id: 'naar-formaat-2', text: say('convert_to_format_two') });
    convert.addEventListener('click', () => {
      convertToFormat2(data, schema.root);
      format = 2;
      changed(true, 'veld-case-id');
    });
    box.append(convert);
    return box;
  }

  function render() {
    const active = document.activeElement && document.activeElement.id;
    const root = schema.records[schema.root];
    const form = make('div', { class: 'casusformulier' });
    const notice = formatNotice();
    if (notice) form.append(notice);
    for (const field of root.fields) {
      if (field.name === 'koers') continue;  // the format version: the form always writes 2
      form.append(fieldBlock(field, [field.name]));
    }
    host.replaceChildren(form);
    const target = focusTarget || active;
    focusTarget = null;
    let node = target ? document.getElementById(target) : null;
    if (node && node.tagName === 'FIELDSET') node = node.querySelector('input, select, textarea');
    if (node) node.focus();
  }

  // ---- YAML out ----------------------------------------------------------------------------------

  // The case as a YAML case file, one key per line, in the schema's order. `lines` gets, per line
  // number (1-based), the path it holds: errors from the server are put beside their field.
  function toYaml(lines = []) {
    const out = [];
    const push = (text, path) => { out.push(text); lines[out.length] = path; };
    // Plain when YAML reads it back as the same text; else quoted. Digits stay text ("0142").
    const scalar = (v) => {
      if (typeof v === 'boolean' || typeof v === 'number') return String(v);
      if (v === null) return 'null';
      const s = String(v);
      const plain = /^[A-Za-z][A-Za-z0-9 ._-]*$/.test(s) && !/ $/.test(s) &&
        !/^(true|false|null|yes|no|on|off|y|n)$/i.test(s);
      return plain ? s : quote(s);
    };
    // JSON's quoting, with the line and paragraph separators YAML would fold escaped too.
    const quote = (s) => JSON.stringify(s).replace(/[\u2028\u2029\u0085]/g,
      (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
    const keyText = (k) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : quote(k));
    const dateOrScalar = (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : scalar(v));
    // A value inside a list inside a list (no case field has one, but a file may): flow style.
    const flow = (v) => (Array.isArray(v) ? `[${v.map(flow).join(', ')}]`
      : v && typeof v === 'object' ? `{${Object.entries(v).map(([k, x]) => `${keyText(k)}: ${flow(x)}`).join(', ')}}`
        : dateOrScalar(v));
    const emit = (value, indent, path, recordName) => {
      const pad = ' '.repeat(indent);
      const record = recordName ? schema.records[recordName] : null;
      const keys = Object.keys(value);
      const ordered = record ? [...record.fields.map((f) => f.name).filter((k) => keys.includes(k)),
        ...keys.filter((k) => !record.fields.some((f) => f.name === k))] : keys;
      for (const key of ordered) {
        const v = value[key];
        const field = record && record.fields.find((f) => f.name === key);
        const p = [...path, key];
        const k = keyText(key);
        if (Array.isArray(v)) {
          const rows = v.filter((item) => item !== '');  // rows not filled in yet
          if (!rows.length) { push(`${pad}${k}: []`, p); continue; }
          push(`${pad}${k}:`, p);
          const element = field && field.type.list;
          v.forEach((item, i) => {
            if (item === '') return;
            if (Array.isArray(item)) {
              push(`${pad}  - ${flow(item)}`, [...p, i]);
            } else if (item && typeof item === 'object') {
              const inner = element && element.record;
              const start = out.length;
              emit(item, indent + 4, [...p, i], inner);
              if (out.length === start) { push(`${pad}  - {}`, [...p, i]); return; }
              out[start] = `${pad}  - ${out[start].trimStart()}`;
            } else {
              push(`${pad}  - ${dateOrScalar(item)}`, [...p, i]);
            }
          });
        } else if (v && typeof v === 'object') {
          if (!Object.keys(v).length) { push(`${pad}${k}: {}`, p); continue; }
          push(`${pad}${k}:`, p);
          emit(v, indent + 2, p, field && field.type.record);
        } else {
          push(`${pad}${k}: ${dateOrScalar(v)}`, p);
        }
      }
    };
    const doc = { koers: format, ...data };
    doc.koers = format;
    emit(doc, 0, [], schema.root);
    return out.join('\n') + '\n';
  }

  // ---- errors from the server, beside their fields -------------------------------------------------

  // Diagnostics of the YAML this form wrote: each goes beside the field on its line; those that
  // cannot be placed are returned for the summary above the form.
  function placeErrors(diagnostics, lines) {
    clearErrors();
    const unplaced = [];
    for (const d of diagnostics || []) {
      let path = lines[d.line];
      let placed = false;
      while (path && !placed) {
        placed = showFieldError(path, d.message_nl || d.message);
        if (!placed) path = path.length > 1 ? path.slice(0, -1) : null;
      }
      if (!placed) unplaced.push(d);
    }
    const first = host.querySelector('[aria-invalid="true"]');
    if (first) first.focus();
    return unplaced;
  }

  function clearErrors() {
    for (const slot of host.querySelectorAll('.veldfout')) { slot.textContent = ''; slot.hidden = true; }
    for (const input of host.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  }

  return {
    async init(container, schemaJson, changedCallback) {
      host = container;
      schema = schemaJson;
      onChange = changedCallback || (() => {});
      data = {};
      render();
    },
    // The case as a plain object (from the server's reading of a YAML file).
    load(caseObject) {
      data = JSON.parse(JSON.stringify(caseObject || {}));
      format = data.koers === 1 ? 1 : 2;
      delete data.koers;
      render();
    },
    clear() { data = {}; format = 2; render(); },
    toYaml,
    placeErrors,
    clearErrors,
    get data() { return data; },
    labelOf,
  };
})();
