// Koers serve: the caseworkers' page. The case is entered in the form (form.js, built from the
// schema) or as YAML; both views edit the same case. It is sent to POST /v1/report and the report
// is shown in an iframe (srcdoc); "over time" asks /v1/timeline, "print" the print view.
// `/?example=NAME` picks that example and asks for its advice at once (links, browser test).
// Every word comes from the catalogue through `say` (form.js); the reports bring their own.
'use strict';

const el = (id) => document.getElementById(id);
let examples = [];
let reportUrl = null;

function setStatus(text) { el('status').textContent = text; }

// A server started with --tokens asks every API request for a bearer token. The caseworker types
// it once per tab; it is kept in sessionStorage (gone when the tab closes), never in a cookie, so
// another site cannot make the browser send it.
const KEY_NAME = 'koers-toegangssleutel';

function withAccess(headers) {
  const key = sessionStorage.getItem(KEY_NAME);
  return key ? { ...headers, Authorization: 'Bearer ' + key } : headers;
}

function askForKey(message) {
  sessionStorage.removeItem(KEY_NAME);
  const form = el('toegang');
  form.hidden = false;
  setStatus(message);
  el('sleutel').focus();
}

class AccessNeeded extends Error {}

async function apiFetch(url, options = {}) {
  const response = await fetch(url, { ...options, headers: withAccess(options.headers || {}) });
  if (response.status === 401) {
    const hadKey = sessionStorage.getItem(KEY_NAME) !== null;
    askForKey(say(hadKey ? 'key_refused' : 'sign_in_first'));
    throw new AccessNeeded();
  }
  if (response.status === 403) {
    setStatus(say('not_allowed'));
    throw new AccessNeeded();
  }
  return response;
}

async function signIn(event) {
  event.preventDefault();
  const key = el('sleutel').value.trim();
  if (!key) { el('sleutel').focus(); return; }
  sessionStorage.setItem(KEY_NAME, key);
  el('sleutel').value = '';
  el('toegang').hidden = true;
  setStatus(say('signed_in'));
  try {
    await loadForm();
    await loadExamples();
  } catch (error) {
    if (!(error instanceof AccessNeeded)) setStatus(say('load_failed'));
  }
}

function showErrors(title, diagnostics) {
  const box = el('fouten');
  box.replaceChildren();
  const heading = document.createElement('p');
  heading.textContent = title;
  box.append(heading);
  for (const d of diagnostics || []) {
    const item = document.createElement('p');
    item.className = 'fout';
    item.textContent = d.text_nl || d.message_nl || d.text || say('diagnostic_at', d.line, d.col, d.message);
    box.append(item);
  }
  box.hidden = false;
}

// What the report says first, read back for the status line (and for screen readers).
function summarise(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const part = (selector) => {
    const node = doc.querySelector(selector);
    return node ? node.textContent.replace(/\s+/g, ' ').trim() : null;
  };
  const bits = [];
  const title = part('h1');
  if (title) bits.push(title + '.');
  // The alerts first (their banners), then every decision in the report's order, then the chart
  // by its own title: what the rules declare, so any rule set is summarised alike.
  for (const banner of doc.querySelectorAll('section.alarm')) {
    const strong = banner.querySelector('strong');
    bits.push((strong || banner).textContent.replace(/\s+/g, ' ').trim());
  }
  for (const decision of doc.querySelectorAll('#besluiten .besluit > div:first-child')) {
    // The value only: the questions behind an unknown stand in the report itself.
    bits.push(decision.textContent.replace(/\s+/g, ' ').trim().split(' (')[0] + '.');
  }
  const chart = doc.querySelector('svg[aria-labelledby]');
  if (chart) {
    const title = doc.getElementById(chart.getAttribute('aria-labelledby').split(' ')[0]);
    bits.push(say('with_chart', title ? title.textContent.trim() : ''));
  }
  return bits.join(' ');
}

// ---- the case: form or YAML ------------------------------------------------------------------------

let formView = true;
let lineMap = [];   // line of the YAML sent -> path in the form, for errors beside fields
let lastBody = '';  // the case the shown advice is of

function caseText() {
  if (!formView) return el('casus').value;
  lineMap = [];
  return KoersForm.toYaml(lineMap);
}

function refreshDownload() {
  const link = el('casus-opslaan');
  if (link.dataset.url) URL.revokeObjectURL(link.dataset.url);
  const text = formView ? KoersForm.toYaml() : el('casus').value;
  link.dataset.url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  link.href = link.dataset.url;
  const id = (formView ? KoersForm.data.case_id : (/^case_id:\s*(\S+)/m.exec(text) || [])[1]) || say('case_file_name');
  link.download = String(id).replace(/[^A-Za-z0-9._-]/g, '_') + '.yaml';
}

// The server reads YAML into the object the form edits (nothing is stored).
async function yamlIntoForm(text) {
  const response = await apiFetch('/v1/case/read', {
    method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: text,
  });
  const body = await response.json();
  if (!response.ok) {
    showErrors(body.line ? say('form_cannot_read_at', body.line, body.column, body.message)
      : say('form_cannot_read', body.message), []);
    return false;
  }
  KoersForm.load(body.case);
  return true;
}

async function showView(form) {
  if (form === formView) return;
  el('fouten').hidden = true;
  if (form) {
    if (el('casus').value.trim() && !(await yamlIntoForm(el('casus').value))) return;
  } else {
    el('casus').value = KoersForm.toYaml();
  }
  formView = form;
  el('formulier').hidden = !form;
  el('yaml-invoer').hidden = form;
  el('toon-formulier').setAttribute('aria-pressed', String(form));
  el('toon-yaml').setAttribute('aria-pressed', String(!form));
  refreshDownload();
}

// A file or example into the page. When the form cannot read it (a mistake in the YAML), the
// text is shown in the YAML view to be fixed there; the form never keeps the previous family.
async function putCase(text) {
  el('casus').value = text;
  if (formView && !(await yamlIntoForm(text))) {
    KoersForm.clear();
    formView = false;
    el('formulier').hidden = true;
    el('yaml-invoer').hidden = false;
    el('toon-formulier').setAttribute('aria-pressed', 'false');
    el('toon-yaml').setAttribute('aria-pressed', 'true');
    el('casus').focus();
  }
  refreshDownload();
}

// ---- advice, timeline, print -------------------------------------------------------------------------

function asOfQuery(extra) {
  const params = new URLSearchParams(extra || {});
  const asOf = el('peildatum').value;
  if (asOf) params.set('as_of', asOf);
  const text = params.toString();
  return text ? '?' + text : '';
}

async function post(url, body) {
  return apiFetch(url, { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body });
}

async function requestAdvice(event) {
  if (event) event.preventDefault();
  const text = caseText();
  if (!text.trim() || (formView && Object.keys(KoersForm.data).length === 0)) {
    showErrors(say('no_case_yet'), []);
    return;
  }
  const button = el('advies-knop');
  button.disabled = true;
  el('fouten').hidden = true;
  if (formView) KoersForm.clearErrors();
  setStatus(say('status_making_advice'));
  try {
    const response = await post('/v1/report' + asOfQuery(), text);
    const body = await response.text();
    if (!response.ok) {
      let problem = { message: body };
      try { problem = JSON.parse(body); } catch (e) { /* not JSON: show the text */ }
      setStatus(say('status_case_not_in_order'));
      const unplaced = formView ? KoersForm.placeErrors(problem.diagnostics, lineMap) : problem.diagnostics;
      const placed = (problem.diagnostics || []).length - (unplaced || []).length;
      showErrors((problem.message_nl || problem.message || say('error_status', response.status)) +
        (placed ? ' ' + say(placed === 1 ? 'errors_placed_one' : 'errors_placed_many') : ''),
        unplaced);
      el('rapport').hidden = true;
      el('acties').hidden = true;
      el('tijdlijn').hidden = true;
      el('terugkoppeling').hidden = true;
      if (!placed) el('resultaat').focus();
      return;
    }
    lastBody = text;
    showAdvice(body);
    setStatus(summarise(body));
    el('resultaat').focus();
  } catch (error) {
    if (error instanceof AccessNeeded) return;
    setStatus(say('status_server_unreachable'));
    showErrors(String(error), []);
  } finally {
    button.disabled = false;
  }
}

function showAdvice(html) {
  const frame = el('rapport');
  frame.srcdoc = html;
  if (reportUrl) URL.revokeObjectURL(reportUrl);
  reportUrl = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  el('opslaan').href = reportUrl;
  el('acties').hidden = false;
  showResultTab(false);
  feedbackFor(html);
}

function showResultTab(timeline) {
  el('rapport').hidden = timeline;
  el('tijdlijn').hidden = !timeline;
  el('toon-advies').setAttribute('aria-pressed', String(!timeline));
  el('toon-tijdlijn').setAttribute('aria-pressed', String(timeline));
}

async function showTimeline() {
  if (!lastBody) return;
  setStatus(say('status_timeline_computing'));
  try {
    const response = await post('/v1/timeline' + asOfQuery(), lastBody);
    const body = await response.text();
    if (!response.ok) { setStatus(say('status_timeline_failed')); return; }
    // The fragment is the server's own HTML with every value escaped.
    el('tijdlijn').innerHTML = body;
    showResultTab(true);
    const rows = el('tijdlijn').querySelectorAll('tr.veranderd').length;
    setStatus(say(rows === 1 ? 'status_timeline_one' : 'status_timeline_many', rows));
  } catch (error) {
    if (!(error instanceof AccessNeeded)) setStatus(say('status_timeline_failed'));
  }
}

async function printForTeam() {
  if (!lastBody) return;
  try {
    const response = await post('/v1/report' + asOfQuery({ view: 'print' }), lastBody);
    if (!response.ok) { setStatus(say('status_print_failed')); return; }
    const frame = el('afdruk');
    frame.hidden = false;
    frame.onload = () => {
      setStatus(say('status_print_ready'));
      try { frame.contentWindow.print(); } catch (e) { /* a browser without print: the view stays */ }
    };
    frame.srcdoc = await response.text();
  } catch (error) {
    if (!(error instanceof AccessNeeded)) setStatus(say('status_print_failed'));
  }
}

// ---- feedback: take over or depart from each recommendation ------------------------------------------

function feedbackFor(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const receipt = ((doc.querySelector('#ontvangstbewijs code') || {}).textContent || '').trim();
  const list = el('terugkoppeling-lijst');
  list.replaceChildren();
  const items = doc.querySelectorAll('.advies[id^="advies-"]');
  el('terugkoppeling').hidden = !items.length || !receipt;
  items.forEach((item, index) => {
    const id = item.id.slice('advies-'.length);
    const label = (item.querySelector('.label') || item).textContent.trim();
    const box = document.createElement('fieldset');
    box.className = 'terugkoppeling';
    const legend = document.createElement('legend');
    legend.textContent = label;
    box.append(legend);
    const name = `besluit-${index}`;
    const reasonId = `reden-${index}`;
    const reason = Object.assign(document.createElement('textarea'), { id: reasonId, rows: 2, maxLength: 2000 });
    const reasonLabel = Object.assign(document.createElement('label'), { htmlFor: reasonId, textContent: say('feedback_reason') });
    const result = Object.assign(document.createElement('p'), { className: 'hulp', role: 'status' });
    for (const [verdict, text] of [['accepted', say('feedback_accept')], ['overridden', say('feedback_override')]]) {
      const radio = Object.assign(document.createElement('input'), { type: 'radio', name, value: verdict, id: `${name}-${verdict}` });
      const l = Object.assign(document.createElement('label'), { className: 'optie' });
      l.append(radio, document.createTextNode(' ' + text));
      box.append(l);
    }
    const send = Object.assign(document.createElement('button'), { type: 'button', className: 'klein', textContent: say('feedback_record') });
    send.addEventListener('click', async () => {
      const chosen = box.querySelector(`input[name="${name}"]:checked`);
      if (!chosen) { result.textContent = say('feedback_choose_first'); return; }
      if (chosen.value === 'overridden' && !reason.value.trim()) {
        result.textContent = say('feedback_reason_needed');
        reason.focus();
        return;
      }
      const response = await apiFetch('/v1/feedback', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ receipt, recommendation: id, verdict: chosen.value, reason: reason.value.trim() }),
      });
      const body = await response.json().catch(() => ({}));
      result.textContent = response.ok ? say('feedback_recorded')
        : response.status === 503 ? say('feedback_no_audit_log')
          : say('feedback_not_recorded', body.message || response.status);
    });
    box.append(reasonLabel, reason, send, result);
    list.append(box);
  });
}

// ---- examples and start ------------------------------------------------------------------------------

async function pickExample() {
  const chosen = examples.find((e) => e.name === el('voorbeeld').value);
  if (chosen) await putCase(chosen.text);
}

async function loadExamples() {
  const response = await apiFetch('/v1/examples');
  examples = await response.json();
  const select = el('voorbeeld');
  select.querySelectorAll('option[value]:not([value=""])').forEach((o) => o.remove());
  for (const e of examples) {
    const option = document.createElement('option');
    option.value = e.name;
    option.textContent = e.name;
    select.append(option);
  }
}

async function loadForm() {
  const response = await apiFetch('/v1/schema');
  await KoersForm.init(el('formulier'), await response.json(), refreshDownload);
  refreshDownload();
}

// The sentences of index.html with code in them (`data-zin`): the server writes only text into the
// page, so such a paragraph holds its <code> elements and the key of its words; the code goes
// where the words have `{}`, in order, so a language may put it anywhere in the sentence.
function fillSentences() {
  for (const node of document.querySelectorAll('[data-zin]')) {
    // One sentence that does not fit its words stays as it is; the page must keep working.
    try {
      node.replaceChildren(...sayParts(node.dataset.zin, ...node.children));
    } catch (error) {
      console.error(error);
    }
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  el('invoer').addEventListener('submit', requestAdvice);
  el('toegang').addEventListener('submit', signIn);
  el('voorbeeld').addEventListener('change', pickExample);
  el('toon-formulier').addEventListener('click', () => showView(true));
  el('toon-yaml').addEventListener('click', () => showView(false));
  el('casus').addEventListener('input', refreshDownload);
  el('nieuwe-casus').addEventListener('click', () => {
    KoersForm.clear();
    el('casus').value = '';
    el('voorbeeld').value = '';
    refreshDownload();
  });
  el('toon-advies').addEventListener('click', () => showResultTab(false));
  el('toon-tijdlijn').addEventListener('click', showTimeline);
  el('afdrukken').addEventListener('click', printForTeam);
  el('bestand').addEventListener('change', async () => {
    const file = el('bestand').files[0];
    if (file) await putCase(await file.text());
  });
  fillSentences();
  try {
    await loadForm();
    await loadExamples();
  } catch (error) {
    if (error instanceof AccessNeeded) return;  // the sign-in form is shown instead
    setStatus(say('load_failed'));
  }
  const wanted = new URLSearchParams(location.search).get('example');
  if (wanted) {
    el('voorbeeld').value = wanted;
    await pickExample();
    el('advies-knop').click();
  }
});
