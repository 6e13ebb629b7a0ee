// The caseworkers' page as a caseworker uses it, in Debian's Chromium (playwright-core drives it,
// axe-core checks accessibility): enter a family in the Dutch form with the keyboard, switch to
// YAML and back without losing anything, paste OBVL-K scores, see errors beside the fields, get
// the advice, the timeline and the print view (one or two A4 pages as PDF), record a decision on a
// recommendation, all at 360 px wide too. Screenshots go to $KOERS_ARTIFACTS.
//
// Run by CTest (tests/CMakeLists.txt) with KOERS_BINARY, KOERS_SOURCE_DIR and KOERS_ARTIFACTS set.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, after, before } from 'node:test';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const koers = process.env.KOERS_BINARY;
const source = process.env.KOERS_SOURCE_DIR;
const artifacts = process.env.KOERS_ARTIFACTS || join(tmpdir(), 'koers-browser-artifacts');
mkdirSync(artifacts, { recursive: true });
const AS_OF = '2026-11-01';

let server;
let base;
let browser;
let work;

before(async () => {
  assert.ok(koers && source, 'KOERS_BINARY and KOERS_SOURCE_DIR must be set (CTest sets them)');
  work = mkdtempSync(join(tmpdir(), 'koers-browser-'));
  server = spawn(koers, ['serve', '--listen', '127.0.0.1:0', '--audit', join(work, 'audit.jsonl')],
    { cwd: source, stdio: ['ignore', 'pipe', 'pipe'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('koers serve did not start: ' + out)), 30000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => reject(new Error(`koers serve exited (${code}): ${out}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openPage(width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'nl-NL', bypassCSP: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(base + '/');
  await page.waitForSelector('#formulier .casusformulier');
  page.problems = problems;
  return page;
}

async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  });
  return result;
}

async function pickExample(page, name) {
  await page.selectOption('#voorbeeld', name);
  await page.waitForFunction(() => (document.querySelector('#veld-case-id') || {}).value, null, { timeout: 10000 });
}

async function advise(page) {
  await page.fill('#peildatum', AS_OF);
  await page.click('#advies-knop');
  await page.waitForFunction(() => !document.getElementById('rapport').hidden &&
    document.getElementById('rapport').srcdoc.includes('Besluiten'), null, { timeout: 20000 });
  return page.$eval('#rapport', (f) => f.srcdoc);
}

// The case the form holds, read back by the server as the form would read a file.
async function formCase(page) {
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const yaml = KoersForm.toYaml();
    const r = await fetch('/v1/case/read', { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: yaml });
    return (await r.json()).case;
  });
}

test('a caseworker enters an intake family in the form with the keyboard alone', async () => {
  const page = await openPage();
  // Before any advice there is nothing to print or save.
  assert.equal(await page.isVisible('#acties'), false);
  // Every label is Dutch and comes from the schema.
  const legends = await page.$$eval('#formulier legend', (ls) => ls.map((l) => l.textContent));
  for (const word of ['Gezin', 'Ouders', 'Kinderen', 'Problemen', 'Veiligheid', 'Huidige hulp']) {
    assert.ok(legends.includes(word), `legend ${word} in ${legends.join(', ')}`);
  }
  assert.equal(await page.locator('#formulier').getByText('explicit_help_request').count(), 0);

  const key = page.keyboard;
  await page.focus('#veld-case-id');
  await key.type('gezin-3001');
  await key.press('Tab');
  // Lists start "nog niet uitgevraagd": the parents are known, so tick the box with Space.
  await page.focus('#veld-family-parents-bekend');
  await key.press('Space');
  await page.waitForSelector('#veld-family-parents-toevoegen');
  await page.focus('#veld-family-parents-toevoegen');
  await key.press('Enter');
  await page.waitForSelector('#veld-family-parents-0-id');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'veld-family-parents-0-id',
    'after adding a parent the focus is in the new row');
  await key.type('ouder1');
  await key.press('Tab');
  await page.focus('#veld-family-children-bekend');
  await key.press('Space');
  await page.focus('#veld-family-children-toevoegen');
  await key.press('Enter');
  await page.waitForSelector('#veld-family-children-0-id');
  await key.type('kind1');
  await page.focus('#veld-family-children-0-age');
  await key.type('7');
  await key.press('Tab');
  for (const field of ['acute', 'structural', 'suspicion']) {
    await page.focus(`#veld-safety-${field}-nee`);
    await key.press('Space');
  }
  const entered = await formCase(page);
  assert.deepEqual(entered.family, { parents: [{ id: 'ouder1' }], children: [{ id: 'kind1', age: 7 }] });
  assert.deepEqual(entered.safety, { acute: false, structural: false, suspicion: false });
  assert.equal(entered.koers, 2);
  assert.equal(entered.problems, undefined, 'problems not asked yet: absent, so unknown');

  await page.focus('#peildatum');
  await key.type('01112026');
  await page.focus('#advies-knop');
  await key.press('Enter');
  await page.waitForFunction(() => document.getElementById('rapport').srcdoc.includes('Besluiten'));
  const report = await page.$eval('#rapport', (f) => f.srcdoc);
  assert.match(report, /Multiprobleemgezin: <span class="status">onbekend/);
  assert.match(report, /Wat we nog niet weten/);
  await page.screenshot({ path: join(artifacts, 'formulier-nieuw-gezin.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.problems, []);
});

test('form and YAML are two views of one case: nothing is lost switching between them', async () => {
  const page = await openPage();
  await pickExample(page, 'gezin-0142');
  const text = readFileSync(join(source, 'examples/gezin-0142.yaml'), 'utf8');
  const original = await page.evaluate(async (body) => {
    const r = await fetch('/v1/case/read', { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body });
    return (await r.json()).case;
  }, text);
  // The OBVL-K table has every measurement of the file.
  assert.equal(await page.locator('table.metingen tr').count(), 1 + original.measurements.obvlk.length);
  await page.click('#toon-yaml');
  const yaml = await page.inputValue('#casus');
  assert.match(yaml, /^koers: 1$/m, 'a format 1 file stays format 1 until converted');
  assert.match(yaml, /case_id: gezin-0142/);
  // Edit in YAML, back to the form: the edit is there, and everything else as it was.
  await page.fill('#casus', yaml.replace('caseload: 11', 'caseload: 6'));
  await page.click('#toon-formulier');
  // The server reads the YAML back for the form: wait for the form to show it.
  await page.waitForSelector('#formulier:not([hidden])');
  await page.waitForFunction(() => document.getElementById('veld-caseworker-caseload').value === '6',
    null, { timeout: 10000 });
  const back = await formCase(page);
  const expected = { ...original, caseworker: { ...original.caseworker, caseload: 6 } };
  assert.deepEqual(back, expected);
  // Converting to format 2 keeps the meaning: the absent lists format 1 read as none become [].
  await page.click('#naar-formaat-2');
  const converted = await formCase(page);
  assert.equal(converted.koers, 2);
  assert.deepEqual(converted.safety.signals, original.safety.signals || []);
  assert.deepEqual(converted.care.explanatory_talks, original.care.explanatory_talks || []);
  // A nullable date can be recorded as not existing (null), and back to unknown.
  await page.check('#veld-care-closed-geen');
  assert.equal((await formCase(page)).care.closed, null);
  await page.uncheck('#veld-care-closed-geen');
  assert.equal((await formCase(page)).care.closed, undefined);
  // Saving gives the same case as a file.
  const href = await page.getAttribute('#casus-opslaan', 'download');
  assert.equal(href, 'gezin-0142.yaml');
});

test('OBVL-K scores pasted from a spreadsheet fill the table and the chart', async () => {
  const page = await openPage();
  // Measurements are unknown until chosen; then the list is asked.
  await page.selectOption('#veld-measurements-bestaat', 'ja');
  await page.check('#veld-measurements-obvlk-bekend');
  await page.fill('#veld-measurements-obvlk-plakken', '03-06-2026\t31\n1-7-2026\t30\n2026-08-05;29\nkop\tregel\n');
  await page.click('text=Geplakte metingen overnemen');
  await page.waitForFunction(() => document.querySelectorAll('table.metingen tr').length === 4);
  assert.equal(await page.locator('#veld-measurements-obvlk-grafiek circle').count(), 3);
  assert.match(await page.textContent('#veld-measurements-obvlk-plakken-melding'), /3 metingen overgenomen; 1 regel niet gelezen/);
  const c = await formCase(page);
  assert.deepEqual(c.measurements.obvlk, [
    { date: '2026-06-03', total: 31 }, { date: '2026-07-01', total: 30 }, { date: '2026-08-05', total: 29 }]);
  // Typing a score redraws the chart at once.
  await page.fill('#veld-measurements-obvlk-2-total', '35');
  const title = await page.textContent('#veld-measurements-obvlk-grafiek svg title');
  assert.match(title, /5 augustus 2026: 35/);
});

test('mistakes are shown beside their field, in Dutch', async () => {
  const page = await openPage();
  await page.fill('#veld-case-id', 'Jan Jansen');
  await page.press('#veld-case-id', 'Tab');
  assert.match(await page.textContent('#veld-case-id-fout'), /geen namen/);
  assert.equal(await page.getAttribute('#veld-case-id', 'aria-invalid'), 'true');
  // A mistake only the server sees (a child with neither birth date nor age) lands in that row.
  await page.fill('#veld-case-id', 'gezin-3002');
  await page.press('#veld-case-id', 'Tab');
  await page.check('#veld-family-children-bekend');
  await page.click('#veld-family-children-toevoegen');
  await page.fill('#veld-family-children-0-id', 'kind1');
  await page.press('#veld-family-children-0-id', 'Tab');
  await page.fill('#peildatum', AS_OF);
  await page.click('#advies-knop');
  await page.waitForSelector('#formulier [aria-invalid="true"]');
  const invalid = await page.$$eval('#formulier [aria-invalid="true"]', (ns) => ns.map((n) => n.id));
  assert.ok(invalid.some((id) => id.startsWith('veld-family-children-0')), invalid.join(', '));
  assert.match(await page.textContent('#fouten'), /bij het veld|bij de velden/);
  // No advice: nothing to print, save or follow over time is offered.
  assert.equal(await page.isVisible('#acties'), false);
  assert.equal(await page.isVisible('#afdrukken'), false);
  await page.screenshot({ path: join(artifacts, 'formulier-fout.png'), fullPage: true });
});

for (const [name, file] of [['gezin-0142', 'langlopend'], ['gezin-0219-gemeld', 'acuut-gemeld'], ['gezin-0451-onvolledig', 'aanmelding']]) {
  test(`advice, timeline and print view for ${name}`, async () => {
    const page = await openPage();
    await pickExample(page, name);
    const report = await advise(page);
    await page.screenshot({ path: join(artifacts, `formulier-${file}.png`), fullPage: true });
    // The report as its own page: screenshot and accessibility.
    const reportPage = await browser.newPage({ viewport: { width: 1000, height: 1200 }, bypassCSP: true });
    await reportPage.setContent(report);
    await reportPage.screenshot({ path: join(artifacts, `advies-${file}.png`), fullPage: true });
    assert.deepEqual(await axeViolations(reportPage), [], `report of ${name}`);
    await reportPage.close();

    await page.click('#toon-tijdlijn');
    await page.waitForSelector('#tijdlijn table.tijdlijn');
    assert.ok(await page.locator('#tijdlijn tr').count() >= 2);

    await page.click('#afdrukken');
    await page.waitForFunction(() => (document.getElementById('afdruk').srcdoc || '').includes('Besluit van het team'));
    const print = await page.$eval('#afdruk', (f) => f.srcdoc);
    // Sources are listed when the advice cites any (an intake family's unknowns cite none).
    const sections = ['id="alarm-safety"', 'id="besluiten"', 'id="bronnen"', 'id="teambesluit"']
      .filter((s) => s !== 'id="bronnen"' || print.includes('[1]'));
    const order = sections.map((s) => print.indexOf(s));
    assert.ok(order.every((at) => at >= 0), `sections of the print view: ${order}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'safety, decisions, sources, team');
    assert.doesNotMatch(print, /sha256|koers: |case_id/);
    if (print.includes('[1]')) assert.match(print, /<li>[^<]*: https:\/\//, 'sources with their addresses written out');
    const printPage = await browser.newPage({ bypassCSP: true });
    await printPage.setContent(print);
    const pdf = await printPage.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(artifacts, `afdruk-${file}.pdf`), pdf);
    const pages = Number((/\/Type\s*\/Pages[^>]*\/Count\s+(\d+)/.exec(pdf.toString('latin1')) || [])[1]);
    assert.ok(pages >= 1 && pages <= 2, `${name}: the print view is ${pages} A4 pages`);
    await printPage.setViewportSize({ width: 794, height: 1123 });
    await printPage.emulateMedia({ media: 'print' });
    await printPage.screenshot({ path: join(artifacts, `afdruk-${file}.png`), fullPage: true });
    await printPage.close();
    assert.deepEqual(await axeViolations(page), [], `page of ${name}`);
    assert.deepEqual(page.problems, []);
  });
}

test('a decision on a recommendation is recorded in the audit log', async () => {
  const page = await openPage();
  await pickExample(page, 'gezin-0142');
  await advise(page);
  await page.waitForSelector('#terugkoppeling-lijst fieldset');
  const first = page.locator('#terugkoppeling-lijst fieldset').first();
  await first.locator('input[value="overridden"]').check();
  await first.locator('button').click();
  await first.getByText('Geef een reden als u afwijkt.').waitFor();
  await first.locator('textarea').fill('Het gezin heeft net een nieuwe hulpverlener; eerst kennismaken.');
  await first.locator('button').click();
  await page.waitForFunction(() => {
    const p = document.querySelector('#terugkoppeling-lijst fieldset p[role="status"]');
    return p && p.textContent && p.textContent !== 'Geef een reden als u afwijkt.';
  });
  assert.equal(await first.locator('p[role="status"]').textContent(), 'Vastgelegd in het auditlogboek.');
  const lines = readFileSync(join(work, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const feedback = lines.filter((l) => l.type === 'feedback');
  assert.equal(feedback.length, 1);
  assert.equal(feedback[0].verdict, 'overridden');
  assert.ok(feedback[0].recommendation, 'names the recommendation');
});

test('the page works at 360 px wide and links to the Dutch guides', async () => {
  const page = await openPage(360);
  await pickExample(page, 'gezin-0219-gemeld');
  await advise(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: join(artifacts, 'smal-360.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);
  for (const doc of ['handleiding-hulpverlener', 'casusformaat']) {
    const href = await page.getAttribute(`a[href="/docs/${doc}.html"]`, 'href');
    const response = await page.request.get(base + href);
    assert.equal(response.status(), 200);
    assert.match(await response.text(), /<html lang="nl">[\s\S]*<h1>/);
  }
});

test('the page works under its own Content-Security-Policy', async () => {
  // The other tests let the test harness evaluate scripts in the page; here the served policy
  // applies as it does for a caseworker, and nothing it refuses may be needed.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  const response = await page.goto(base + '/');
  assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
  await page.waitForSelector('#formulier .casusformulier');
  await page.selectOption('#voorbeeld', 'gezin-0219-gemeld');
  // Polled from the test (no script is evaluated in the page): the example is in the form.
  for (let i = 0; i < 100 && (await page.inputValue('#veld-case-id')) !== 'gezin-0219'; i++) {
    await page.waitForTimeout(100);
  }
  assert.equal(await page.inputValue('#veld-case-id'), 'gezin-0219');
  await page.fill('#peildatum', AS_OF);
  await page.click('#advies-knop');
  await page.waitForSelector('#rapport:not([hidden])');
  assert.match(await page.getAttribute('#rapport', 'srcdoc'), /Afstemmen met Veilig Thuis/);
  await page.click('#toon-tijdlijn');
  await page.waitForSelector('#tijdlijn table.tijdlijn');
  await page.click('#afdrukken');
  await page.waitForSelector('#afdruk:not([hidden])');
  assert.deepEqual(problems, []);
  await context.close();
});
