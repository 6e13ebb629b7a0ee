// Koers serve: the caseworkers' page. Sends the case to POST /v1/report and shows the report in an
// iframe (srcdoc). `/?example=NAME` picks that example and asks for its advice at once (used for
// links and by the browser test).
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
    await loadExamples();
  } catch (error) {
    if (!(error instanceof AccessNeeded)) setStatus('De voorbeelden konden niet worden geladen.');
  }
}

function showErrors(title, diagnostics) {
  const box = el('fouten');
  box.replaceChildren();
  const heading = document.createElement('p');
  heading.textContent = title;
  box.append(heading);
  for (const d of diagnostics || []) {
    const pre = document.createElement('pre');
    pre.textContent = d.text || `${d.line}:${d.col}: ${d.code}: ${d.message}`;
    box.append(pre);
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
  const safety = part('#veiligheid strong') || part('#veiligheid');
  if (safety) bits.push(safety);
  const strategy = part('#besluit-strategy > div');
  if (strategy) bits.push(strategy + '.');
  if (doc.querySelector('svg')) bits.push('Met de OBVL-K-voortgangsgrafiek.');
  return bits.join(' ');
}

async function requestAdvice(event) {
  if (event) event.preventDefault();
  const text = el('casus').value;
  if (!text.trim()) {
    showErrors('Er is nog geen casus: plak een casus, open een bestand of kies een voorbeeld.', []);
    el('casus').focus();
    return;
  }
  const button = el('advies-knop');
  button.disabled = true;
  el('fouten').hidden = true;
  setStatus('Advies wordt gemaakt…');
  const asOf = el('peildatum').value;
  const url = '/v1/report' + (asOf ? '?as_of=' + encodeURIComponent(asOf) : '');
  try {
    const response = await apiFetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: text,
    });
    const body = await response.text();
    if (!response.ok) {
      let problem = { message: body };
      try { problem = JSON.parse(body); } catch (e) { /* not JSON: show the text */ }
      setStatus('Geen advies: de casus is niet in orde.');
      showErrors(problem.message || ('Fout ' + response.status), problem.diagnostics);
      el('rapport').hidden = true;
      el('acties').hidden = true;
      el('resultaat').focus();
      return;
    }
    const frame = el('rapport');
    frame.srcdoc = body;
    frame.hidden = false;
    if (reportUrl) URL.revokeObjectURL(reportUrl);
    reportUrl = URL.createObjectURL(new Blob([body], { type: 'text/html' }));
    el('opslaan').href = reportUrl;
    el('acties').hidden = false;
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

function pickExample() {
  const chosen = examples.find((e) => e.name === el('voorbeeld').value);
  if (chosen) el('casus').value = chosen.text;
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

document.addEventListener('DOMContentLoaded', async () => {
  el('invoer').addEventListener('submit', requestAdvice);
  el('toegang').addEventListener('submit', signIn);
  el('voorbeeld').addEventListener('change', pickExample);
  el('bestand').addEventListener('change', async () => {
    const file = el('bestand').files[0];
    if (file) el('casus').value = await file.text();
  });
  try {
    await loadExamples();
  } catch (error) {
    if (error instanceof AccessNeeded) return;  // the sign-in form is shown instead
    setStatus('De voorbeelden konden niet worden geladen.');
  }
  const wanted = new URLSearchParams(location.search).get('example');
  if (wanted) {
    el('voorbeeld').value = wanted;
    pickExample();
    el('advies-knop').click();
  }
});
