// Koers serve: the caseworkers' page. The case is entered in the form (form.js, built from the
// schema) or as YAML; both views edit the same case. It is sent to POST /v1/report and the report
// is shown in an iframe (srcdoc); "Verloop in de tijd" asks /v1/timeline, "Afdrukken" the print
// view. `/?example=NAME` picks that example and asks for its advice at once (links, browser test).
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
    askForKey(hadKey ? 'Deze toegangssleutel wordt niet (meer) aanvaard. Vul een geldige sleutel in.'
                     : 'Meld u eerst aan met uw toegangssleutel.');
    throw new AccessNeeded();
  }
  if (response.status === 403) {
    setStatus('U mag dit niet met uw toegangssleutel; vraag uw beheerder.');
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
  setStatus('Aangemeld.');
  try {
    await loadForm();
    await loadExamples();
  } catch (error) {
    if (!(error instanceof AccessNeeded)) setStatus('Het formulier of de voorbeelden konden niet worden geladen.');
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
    item.textContent = d.text_nl || d.message_nl || d.text || `regel ${d.line}, kolom ${d.col}: ${d.message}`;
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
    bits.push('Met de grafiek ' + (title ? title.textContent.trim() : '') + '.');
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
  const id = (formView ? KoersForm.data.case_id : (/^case_id:\s*(\S+)/m.exec(text) || [])[1]) || 'casus';
  link.download = String(id).replace(/[^A-Za-z0-9._-]/g, '_') + '.yaml';
}

// The server reads YAML into the object the form edits (nothing is stored).
async function yamlIntoForm(text) {
  const response = await apiFetch('/v1/case/read', {
    method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: text,
  });
  const body = await response.json();
  if (!response.ok) {
    showErrors('Dit casusbestand kan het formulier niet lezen' +
      (body.line ? ` (regel ${body.line}, kolom ${body.column})` : '') + ': ' + body.message, []);
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
    showErrors('Er is nog geen casus: vul het formulier in, open een bestand of kies een voorbeeld.', []);
    return;
  }
  const button = el('advies-knop');
  button.disabled = true;
  el('fouten').hidden = true;
  if (formView) KoersForm.clearErrors();
  setStatus('Advies wordt gemaakt…');
  try {
    const response = await post('/v1/report' + asOfQuery(), text);
    const body = await response.text();
    if (!response.ok) {
      let problem = { message: body };
      try { problem = JSON.parse(body); } catch (e) { /* not JSON: show the text */ }
      setStatus('Geen advies: de casus is niet in orde.');
      const unplaced = formView ? KoersForm.placeErrors(problem.diagnostics, lineMap) : problem.diagnostics;
      const placed = (problem.diagnostics || []).length - (unplaced || []).length;
      showErrors((problem.message_nl || problem.message || ('Fout ' + response.status)) +
        (placed ? ` De ${placed === 1 ? 'fout staat' : 'fouten staan'} bij ${placed === 1 ? 'het veld' : 'de velden'} in het formulier.` : ''),
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
    setStatus('Geen advies: de server is niet bereikbaar.');
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
  setStatus('Het verloop wordt berekend…');
  try {
    const response = await post('/v1/timeline' + asOfQuery(), lastBody);
    const body = await response.text();
    if (!response.ok) { setStatus('Het verloop kon niet worden berekend.'); return; }
    // The fragment is the server's own HTML with every value escaped.
    el('tijdlijn').innerHTML = body;
    showResultTab(true);
    const rows = el('tijdlijn').querySelectorAll('tr.veranderd').length;
    setStatus(`Verloop in de tijd: ${rows} ${rows === 1 ? 'maand' : 'maanden'} waarin het advies veranderde.`);
  } catch (error) {
    if (!(error instanceof AccessNeeded)) setStatus('Het verloop kon niet worden berekend.');
  }
}

async function printForTeam() {
  if (!lastBody) return;
  try {
    const response = await post('/v1/report' + asOfQuery({ view: 'print' }), lastBody);
    if (!response.ok) { setStatus('De afdrukversie kon niet worden gemaakt.'); return; }
    const frame = el('afdruk');
    frame.hidden = false;
    frame.onload = () => {
      setStatus('De afdrukversie staat klaar: een of twee A4-pagina’s voor de teambespreking.');
      try { frame.contentWindow.print(); } catch (e) { /* a browser without print: the view stays */ }
    };
    frame.srcdoc = await response.text();
  } catch (error) {
    if (!(error instanceof AccessNeeded)) setStatus('De afdrukversie kon niet worden gemaakt.');
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
    const reasonLabel = Object.assign(document.createElement('label'), { htmlFor: reasonId, textContent: 'Reden (nodig als u afwijkt)' });
    const result = Object.assign(document.createElement('p'), { className: 'hulp', role: 'status' });
    for (const [verdict, text] of [['accepted', 'Overnemen'], ['overridden', 'Afwijken']]) {
      const radio = Object.assign(document.createElement('input'), { type: 'radio', name, value: verdict, id: `${name}-${verdict}` });
      const l = Object.assign(document.createElement('label'), { className: 'optie' });
      l.append(radio, document.createTextNode(' ' + text));
      box.append(l);
    }
    const send = Object.assign(document.createElement('button'), { type: 'button', className: 'klein', textContent: 'Vastleggen' });
    send.addEventListener('click', async () => {
      const chosen = box.querySelector(`input[name="${name}"]:checked`);
      if (!chosen) { result.textContent = 'Kies eerst: overnemen of afwijken.'; return; }
      if (chosen.value === 'overridden' && !reason.value.trim()) {
        result.textContent = 'Geef een reden als u afwijkt.';
        reason.focus();
        return;
      }
      const response = await apiFetch('/v1/feedback', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ receipt, recommendation: id, verdict: chosen.value, reason: reason.value.trim() }),
      });
      const body = await response.json().catch(() => ({}));
      result.textContent = response.ok ? 'Vastgelegd in het auditlogboek.'
        : response.status === 503 ? 'Deze server houdt geen auditlogboek bij; uw besluit is niet vastgelegd.'
          : 'Niet vastgelegd: ' + (body.message || response.status);
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
  try {
    await loadForm();
    await loadExamples();
  } catch (error) {
    if (error instanceof AccessNeeded) return;  // the sign-in form is shown instead
    setStatus('Het formulier of de voorbeelden konden niet worden geladen.');
  }
  const wanted = new URLSearchParams(location.search).get('example');
  if (wanted) {
    el('voorbeeld').value = wanted;
    await pickExample();
    el('advies-knop').click();
  }
});
