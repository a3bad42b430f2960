// End-to-end flows of the investigator workspace in Debian's Chromium against a real `corroborate` API server
// on loopback (temp SQLite store, users for every role from the API test harness), serving the built
// web/dist. Run with `npm run test:e2e` (builds first). Each flow saves a screenshot in test-artifacts/e2e/
// and fails on any console error. Users and cases are fictional; the uploaded document is the reference
// article from ../shared/corpus/seed (read-only).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { PASSWORD, startTestServer, type TestServer } from '../api/harness.ts';
import { axeViolations, describeViolations } from './axe.ts';
import { launchChromium, type Browser } from './browser.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');
const REFERENCE = resolve(ROOT, '../shared/corpus/seed/mariupol-mobile-crematoria.txt');
const WEB_DIST = join(ROOT, 'web', 'dist');
// Fictional sample reports (see samples/sample-case/README.md), dropped together onto the inbox.
const SAMPLES = ['kestrava-council-statement.txt', 'lakeside-herald-brickworks.txt'].map((f) =>
  join(ROOT, 'samples', 'sample-case', f),
);

assert.ok(existsSync(join(WEB_DIST, 'index.html')), 'web/dist is missing: run npm run build:web');
mkdirSync(ARTIFACTS, { recursive: true });
// Started at file level: the harness registers its own clean-up with node:test's `after`.
const server: TestServer = await startTestServer({ config: { webRoot: WEB_DIST, logLevel: 'warn' } });
const browser: Browser = await launchChromium({ width: 1280, height: 800 });
after(() => browser.close());

/** A page that records console errors and failed requests; `assertClean` fails the flow on any. */
async function openPage(
  options: { readonly allow?: RegExp } = {},
): Promise<{ page: Page; assertClean: () => void }> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !(options.allow?.test(m.text()) ?? false))
      errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !(options.allow?.test(`status of ${r.status()}`) ?? false)) {
      errors.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
    }
  });
  return {
    page,
    assertClean: () => assert.deepEqual(errors, [], `console errors:\n${errors.join('\n')}`),
  };
}

/** Runs a flow; on failure saves what the page showed as `FAILED-<name>.png` before rethrowing. */
async function capturing(page: Page, name: string, flow: () => Promise<void>): Promise<void> {
  try {
    await flow();
  } catch (error) {
    await page.screenshot({ path: join(ARTIFACTS, `FAILED-${name}.png`) }).catch(() => undefined);
    throw error;
  }
}

async function signIn(page: Page, persona: 'viewer' | 'analyst' | 'lead' | 'admin'): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Name').fill(`${persona}-user`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Cases' }).waitFor();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** Uploads the reference article through the inbox and returns the reader URL of the new source. */
async function uploadReference(page: Page): Promise<string> {
  await page.goto(`${server.url}/cases/${server.ownCase}`);
  await page.getByTestId('file-input').setInputFiles(REFERENCE);
  const uploads = page.getByRole('list', { name: 'Uploads' });
  const open = uploads.getByRole('link', { name: 'open' });
  await Promise.race([
    open.waitFor({ timeout: 60_000 }),
    uploads.getByText('failed').waitFor({ timeout: 60_000 }),
  ]);
  assert.ok(await open.isVisible(), `upload failed: ${await uploads.innerText()}`);
  await open.click();
  await page.getByTestId('reader-text').waitFor();
  return page.url();
}

let readerUrl = '';

describe('investigator workspace (Chromium, real API server)', () => {
  it('uploads the reference article and highlights its attributions', async () => {
    const { page, assertClean } = await openPage();
    await signIn(page, 'lead');
    readerUrl = await uploadReference(page);
    await page.locator('.m-cue').first().waitFor({ timeout: 60_000 });
    const cues = await page.locator('.m-cue').count();
    const listed = await page.getByRole('navigation', { name: 'Attributions' }).getByRole('listitem').count();
    assert.ok(listed >= 5, `expected several attributions, got ${listed}`);
    assert.ok(cues >= 5, `expected highlighted cues, got ${cues}`);
    assert.ok((await page.locator('.m-source').count()) > 0);
    assert.ok((await page.locator('.m-content').count()) > 0);
    await page.getByText('Boychenko', { exact: false }).first().waitFor();
    await shot(page, '01-reader-highlighted');
    await page.getByLabel('Places').check();
    await page.getByLabel('Dates').check();
    await page.getByLabel('Figures').check();
    assert.ok((await page.locator('.m-place').count()) > 0, 'expected places highlighted');
    await shot(page, '01d-reader-facts');
    await page.getByLabel('Places').uncheck();
    await page.getByLabel('Dates').uncheck();
    await page.getByLabel('Figures').uncheck();
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, '01b-reader-390px');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Show original' }).click();
    await page
      .frameLocator('iframe[title="Original (sanitised)"]')
      .getByText('mobile crematoriums', { exact: false })
      .first()
      .waitFor();
    await shot(page, '01c-original-page');
    assertClean();
    await page.close();
  });

  it('shows the custody view before any checkpoint without an error request', async () => {
    const { page, assertClean } = await openPage();
    await capturing(page, 'custody-no-checkpoint', async () => {
      await signIn(page, 'viewer');
      await page.goto(`${server.url}/cases/${server.ownCase}/custody`);
      await page.getByTestId('custody-table').waitFor();
      await page.getByText('No checkpoint signed yet.').waitFor();
      await shot(page, '01f-custody-before-checkpoint');
    });
    assertClean();
    await page.close();
  });

  it('drops several files onto the inbox and shows each upload', async () => {
    const { page, assertClean } = await openPage();
    await capturing(page, 'drop-files', async () => {
      await signIn(page, 'lead');
      await page.goto(`${server.url}/cases/${server.ownCase}`);
      const files = SAMPLES.map((path) => ({ name: basename(path), text: readFileSync(path, 'utf8') }));
      // A real drop event carrying a DataTransfer with the files, as a drag from the desktop delivers it.
      const transfer = await page.evaluateHandle((list) => {
        const dt = new DataTransfer();
        for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
        return dt;
      }, files);
      await page.getByTestId('dropzone').dispatchEvent('dragover', { dataTransfer: transfer });
      await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: transfer });
      const uploads = page.getByRole('list', { name: 'Uploads' });
      await uploads
        .getByRole('link', { name: 'open' })
        .nth(files.length - 1)
        .waitFor({ timeout: 60_000 });
      for (const f of files) assert.match(await uploads.innerText(), new RegExp(f.name.replace('.', '\\.')));
      await page
        .getByRole('table')
        .getByRole('row')
        .nth(files.length + 1)
        .waitFor();
      await shot(page, '01e-inbox-after-drop');
    });
    assertClean();
    await page.close();
  });

  it('accepts one attribution and edits the spans of another', async () => {
    const { page, assertClean } = await openPage();
    await capturing(page, 'accept-edit', async () => {
      await signIn(page, 'lead');
      await page.goto(readerUrl);
      const items = page.getByRole('navigation', { name: 'Attributions' }).getByRole('button');
      await items.first().click();
      const panel = page.getByTestId('attribution-panel');
      await panel.getByRole('button', { name: 'Accept' }).click();
      await panel.getByText('Accepted.').waitFor();
      await panel.getByRole('heading').getByText('Accepted').waitFor();

      await items.nth(1).click();
      await panel.getByRole('button', { name: 'Edit spans' }).click();
      const cueEnd = panel.locator('input[name="Cue-end"]');
      const end = Number(await cueEnd.inputValue());
      const cueStart = Number(await panel.locator('input[name="Cue-start"]').inputValue());
      assert.ok(end > cueStart);
      // Shorten the cue by one character: a real, visible edit.
      await cueEnd.fill(String(end - 1));
      await panel.getByLabel('Rationale (optional)').fill('Cue span trimmed in the end-to-end test.');
      await panel.getByRole('button', { name: 'Save spans' }).click();
      await panel.getByText('Edited.').waitFor();
      await shot(page, '02-accept-and-edit');
    });
    assertClean();
    await page.close();
  });

  it('opens the mobile-crematoria allegation and shows its origin groups and status reasons', async () => {
    const { page, assertClean } = await openPage();
    await signIn(page, 'lead');
    await page.goto(`${server.url}/cases/${server.ownCase}/allegations`);
    const card = page
      .getByTestId('allegation-card')
      .filter({ hasText: /cremat/i })
      .first();
    await card.waitFor({ timeout: 60_000 });
    await card.getByRole('link').click();
    await page.getByTestId('origin-groups').waitFor();
    const groups = await page.getByTestId('origin-group').count();
    assert.ok(groups >= 1, 'expected at least one origin group');
    const reasons = await page.getByTestId('reasons').getByRole('listitem').count();
    assert.ok(reasons >= 1, 'expected status reasons');
    await shot(page, '03-allegation-detail');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, '03b-allegation-detail-390px');
    assertClean();
    await page.close();
  });

  it('records an analyst decision as lead and shows it refused as viewer', async () => {
    // The viewer's refused POST answers 403, which Chromium logs as a failed resource load: that one is expected.
    const { page, assertClean } = await openPage({ allow: /status of 403/ });
    await signIn(page, 'lead');
    await page.goto(`${server.url}/cases/${server.ownCase}/allegations`);
    const card = page
      .getByTestId('allegation-card')
      .filter({ hasText: /cremat/i })
      .first();
    await card.waitFor({ timeout: 60_000 });
    await card.getByRole('link').click();
    const detailUrl = page.url();
    await page.locator('select[name="decision"]').selectOption('needs_more_evidence');
    await page.getByLabel('Rationale').fill('One origin only; US officials have not confirmed.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByTestId('decision-message').getByText('Decision recorded.').waitFor();
    await page.getByText('Current: Needs more evidence').waitFor();
    await shot(page, '04a-decision-as-lead');
    // Back on the board in the same page: it asks the server again (the first page fetched while the app
    // loaded is used by the first board only), so the card shows the decision just recorded.
    await page.getByRole('navigation', { name: 'Case' }).getByRole('link', { name: 'Allegations' }).click();
    await page
      .getByTestId('allegation-card')
      .filter({ hasText: /cremat/i })
      .first()
      .getByText('Decision: Needs more evidence')
      .waitFor();

    await signIn(page, 'viewer');
    await page.goto(detailUrl);
    await page.getByTestId('decision-role-note').waitFor();
    await page.getByLabel('Rationale').fill('A viewer tries to decide.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    const refusal = page.getByTestId('decision-message');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /not allowed/i);
    await shot(page, '04b-decision-refused-as-viewer');
    assertClean();
    await page.close();
  });

  it('searches sources and attributions with highlighted snippets', async () => {
    const { page, assertClean } = await openPage();
    await signIn(page, 'viewer');
    await page.goto(`${server.url}/cases/${server.ownCase}/search`);
    await page.getByLabel('Search sources and attributions').fill('crematoria');
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByTestId('search-results');
    await results.waitFor();
    assert.ok((await results.locator('mark').count()) >= 1, 'expected highlighted terms');
    await shot(page, '05-search');
    assertClean();
    await page.close();
  });

  it('filters the board from a map click', async () => {
    const { page, assertClean } = await openPage();
    await signIn(page, 'viewer');
    await page.goto(`${server.url}/cases/${server.ownCase}/map`);
    const point = page.locator('[data-testid="map"] a[data-place]').first();
    await point.waitFor({ timeout: 30_000 });
    const place = (await point.getAttribute('data-place')) ?? '';
    await shot(page, '06a-map');
    // Points overlap at world scale: activate by keyboard, which also checks the map is keyboard-usable.
    await point.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('active-filters').waitFor();
    assert.match(await page.getByTestId('active-filters').innerText(), new RegExp(place));
    assert.equal(new URL(page.url()).searchParams.get('place'), place);
    await page.getByTestId('allegation-card').first().waitFor();
    await shot(page, '06b-board-filtered-by-map');
    assertClean();
    await page.close();
  });

  it('shows the inbox, the case timeline and the custody log with a verified checkpoint', async () => {
    const signed = await server.request('admin', 'POST', '/api/custody/checkpoints');
    assert.equal(signed.status, 200, await signed.text());
    const { page, assertClean } = await openPage();
    await capturing(page, 'inbox-timeline-custody', async () => {
      await signIn(page, 'viewer');
      await page.goto(`${server.url}/cases/${server.ownCase}`);
      await page.getByRole('table').getByRole('link').first().waitFor();
      await shot(page, '07a-inbox');
      // Keyboard: on a fresh load the first Tab reaches the skip link, which moves focus to the main region.
      await page.reload();
      await page.getByRole('table').getByRole('link').first().waitFor();
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
      await shot(page, '07a2-skip-link-focus');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.closest('main') !== null), true);

      await page.getByRole('navigation', { name: 'Case' }).getByRole('link', { name: 'Timeline' }).click();
      const bar = page.locator('.bar:not([disabled])').first();
      await bar.waitFor();
      await shot(page, '07b-timeline');
      await bar.click();
      await page.getByTestId('active-filters').waitFor();
      assert.ok(new URL(page.url()).searchParams.get('from'));

      await page.getByRole('navigation', { name: 'Case' }).getByRole('link', { name: 'Custody' }).click();
      await page.getByTestId('custody-table').waitFor();
      await page.getByText('Root hash').waitFor();
      await page.getByRole('button', { name: 'Verify now' }).click();
      await page.getByTestId('verify-result').getByText('Verified').waitFor({ timeout: 60_000 });
      await shot(page, '07c-custody-verified');
    });
    assertClean();
    await page.close();
  });

  it('filters the board by an actor from the registry, sorts by figure spread, and shows reasons and counts on cards', async () => {
    const { page, assertClean } = await openPage();
    await capturing(page, 'board', async () => {
      await signIn(page, 'viewer');
      // Opened by URL, the board's first page is asked for once, by the entry while the app loads.
      const firstPages: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (/^\/api\/cases\/[^/]+\/allegations$/.test(url.pathname) && !url.searchParams.has('cursor')) {
          firstPages.push(url.search);
        }
      });
      await page.goto(`${server.url}/cases/${server.ownCase}/allegations`);
      const cards = page.getByTestId('allegation-card');
      await cards.first().waitFor();
      assert.deepEqual(firstPages, ['?limit=100']);
      const first = cards.first();
      assert.match(await first.getByTestId('top-reason').innerText(), /origin/i);
      assert.match(await first.getByTestId('card-counts').innerText(), /independent origins?[\s\S]*echo[\s\S]*denials?/);
      await shot(page, '08a-board-cards');

      // The actor filter offers the case's actor registry; pick a registry actor that a card names.
      const options = page.getByTestId('actor-options').locator('option');
      await options.first().waitFor({ state: 'attached' });
      const registry = new Set(await options.evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value)));
      const named = (await cards.allInnerTexts()).flatMap((t) => /Actors: ([^\n]+)/.exec(t)?.[1]?.replace(/ …$/, '').split(', ') ?? []);
      const actor = named.find((n) => registry.has(n));
      assert.ok(actor !== undefined, `no card names a registry actor: ${named.join(', ')}`);
      await page.getByLabel('Actor').fill(actor);
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByTestId('active-filters').getByText(`actor: ${actor}`).waitFor();
      assert.equal(new URL(page.url()).searchParams.get('actor'), actor);
      await cards.first().waitFor();
      for (const text of await cards.allInnerTexts()) assert.ok(text.includes(actor), `card without ${actor}: ${text}`);
      await shot(page, '08b-board-filtered-by-actor');

      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.getByLabel('Sort by').selectOption('spread');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL(/sort=spread/);
      await cards.first().waitFor();
      const spreads = (await cards.allInnerTexts()).map((t) => {
        const m = /Figures: ([\d,]+)(?:–([\d,]+))?/.exec(t);
        if (m === null) return -1;
        const lo = Number((m[1] ?? '0').replace(/,/g, ''));
        return Number((m[2] ?? m[1] ?? '0').replace(/,/g, '')) - lo;
      });
      assert.ok(spreads.some((x) => x >= 0), 'some card shows figures');
      for (let i = 1; i < spreads.length; i++) assert.ok((spreads[i - 1] ?? -1) >= (spreads[i] ?? -1), `spread order: ${spreads.join(' ')}`);
      await shot(page, '08c-board-sorted-by-spread');
    });
    assertClean();
    await page.close();
  });

  it('has no serious or critical axe violations on the main views at 1280×800 and 390 px wide', async () => {
    const { page, assertClean } = await openPage();
    await capturing(page, 'axe', async () => {
      const base = `${server.url}/cases/${server.ownCase}`;
      const found: string[] = [];
      const check = async (name: string, url: string, ready: () => Promise<unknown>) => {
        for (const [width, height] of [
          [1280, 800],
          [390, 844],
        ] as const) {
          await page.setViewportSize({ width, height });
          await page.goto(url);
          await ready();
          await page.waitForLoadState('networkidle');
          const violations = await axeViolations(page);
          if (violations.length > 0) found.push(describeViolations(`${name} at ${width}px`, violations));
        }
      };
      await page.context().clearCookies();
      await check('login', `${server.url}/login`, () => page.getByLabel('Password').waitFor());
      await signIn(page, 'lead');
      const allegation = await server.request('viewer', 'GET', `/api/cases/${server.ownCase}/allegations?limit=1`);
      const allegationId = ((await allegation.json()) as { items: { id: string }[] }).items[0]?.id ?? '';
      await check('cases', `${server.url}/`, () => page.getByRole('heading', { name: 'Cases' }).waitFor());
      await check('inbox', base, () => page.getByRole('table').getByRole('link').first().waitFor());
      await check('reader', readerUrl, () => page.locator('.m-cue').first().waitFor());
      await check('board', `${base}/allegations`, () => page.getByTestId('allegation-card').first().waitFor());
      await check('allegation', `${base}/allegations/${allegationId}`, () => page.getByTestId('origin-groups').waitFor());
      await check('map', `${base}/map`, () => page.getByTestId('map').waitFor());
      await check('timeline', `${base}/timeline`, () => page.locator('.bar').first().waitFor());
      await check('search', `${base}/search?q=crematoria`, () => page.getByTestId('search-results').waitFor());
      await check('custody', `${base}/custody`, () => page.getByTestId('custody-table').waitFor());
      await page.setViewportSize({ width: 1280, height: 800 });
      await shot(page, '09-axe-last-view');
      assert.equal(found.length, 0, `axe violations:\n${found.join('\n')}`);
    });
    assertClean();
    await page.close();
  });
});
