// The rendered docs, opened in a real headless Chromium: the page lands on a sidebar that lists every
// operation, shows the operation, its body fields, every documented status and the seed's example,
// and makes no request to any host.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const onCi = process.env.CI === 'true';
const howToInstall = `${chromiumPath} not found: install Chromium (\`apt-get install chromium\` on Debian/Ubuntu) or set CHROMIUM_PATH`;
if (!haveChromium && !onCi) console.warn(`Skipping the docs browser test: ${howToInstall}.`);

const docsPage = resolve('dist/docs/index.html');
const screenshot = resolve('dist/docs/screenshot.png');
const landingUrl = pathToFileURL(docsPage).href;
const operationUrl = `${landingUrl}#/imports/updateimport`;
const documentedStatuses = ['200', '400', '401', '404', '406', '415', '422', '429', '500'];
const requestBodyFields = [
  'data/type',
  'data/id',
  'data/attributes',
  'data/attributes/reference',
  'data/attributes/reference_origin',
  'data/attributes/metadata',
  'data/attributes/_interrupt',
];
// Whatever a self-contained page may load: itself and what its own scripts create.
const localSchemes = new Set(['file:', 'data:', 'about:', 'blob:']);

/** Every operation of the bundled document (the global setup has just written it), in the document's order. */
const documentedOperations = Object.values(
  (JSON.parse(readFileSync(resolve('dist/openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { summary?: string }>> }).paths,
).flatMap((operations) => Object.entries(operations).filter(([method]) => /^(get|put|post|delete|patch|head|options|trace)$/.test(method)))
  .map(([, operation]) => operation.summary);

describe.skipIf(!haveChromium && !onCi)('the rendered docs in headless Chromium', () => {
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  // The page as a reader opens it: no fragment, so the overview, and nothing clicked.
  let landing: Page;
  // The document may describe other operations too: every check looks inside this one's section.
  let operation: Locator;
  const requested: string[] = [];
  const blocked: string[] = [];
  const scriptErrors: string[] = [];

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`CI=true and ${howToInstall}`);
    execFileSync(process.execPath, ['scripts/docs.js'], { stdio: 'pipe' });
    userDataDir = mkdtempSync(join(tmpdir(), 'docs-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
      viewport: { width: 1280, height: 800 },
    });
    // Fail on a missing element with Playwright's own message, well before vitest's test timeout.
    context.setDefaultTimeout(10_000);
    // Record every request; anything bound for a host is also stopped here, so a regression
    // fails the test without the page ever reaching the network.
    context.on('request', (request) => requested.push(request.url()));
    context.on('weberror', (error) => scriptErrors.push(error.error().message));
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (localSchemes.has(new URL(url).protocol)) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('websocket', (socket) => blocked.push(socket.url()));
    landing = await context.newPage();
    landing.on('websocket', (socket) => blocked.push(socket.url()));
    await landing.goto(landingUrl, { waitUntil: 'load' });
    await page.goto(operationUrl, { waitUntil: 'load' });
    operation = page.locator('[id="imports/updateimport"]');
    await operation.getByRole('heading', { name: 'Update an import' }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  test('lands on a sidebar that lists every operation, and on a page that gives their paths, without a click', async () => {
    expect(documentedOperations).toContain('Update an import');
    const sidebar = landing.locator('.menu-content');
    // Only what is on screen counts: open in the sidebar, and inside the window, not scrolled to.
    const viewport = landing.viewportSize()!;
    for (const summary of documentedOperations) {
      const item = sidebar.getByTestId('menu-item-label').filter({ has: landing.getByText(summary!, { exact: true }) });
      await item.waitFor({ state: 'visible' });
      const box = (await item.boundingBox())!;
      expect(box.y + box.height, summary).toBeLessThanOrEqual(viewport.height);
      expect(box.x + box.width, summary).toBeLessThanOrEqual(viewport.width);
    }
    const update = sidebar.getByTestId('menu-item-label').filter({ has: landing.getByText('Update an import', { exact: true }) });
    expect(await update.innerText()).toMatch(/^Update an import\s*PATCH$/i);

    // Further down the same page (scrolled to, as a reader would), the tag lists each operation's method and path.
    // Redoc mounts a section once it comes near the window.
    const tagSection = landing.locator('[data-section-id="/imports"]');
    await tagSection.scrollIntoViewIfNeeded();
    const operationsList = tagSection.getByTestId('items-navigation-list');
    await operationsList.scrollIntoViewIfNeeded();
    const updateEntry = operationsList.locator('a[href="#/imports/updateimport"]');
    await updateEntry.waitFor({ state: 'visible' });
    expect(await updateEntry.innerText()).toMatch(/^PATCH\s*\/api\/imports\/\{importId\}$/);
    expect(await landing.locator('body').innerText()).toContain('/api/imports/{importId}');

    // Still the page it landed on: nothing navigated anywhere.
    expect(landing.url()).toBe(landingUrl);
  });

  test('shows the operation title and path', async () => {
    expect(await operation.getByRole('heading', { name: 'Update an import' }).isVisible()).toBe(true);
    const pathLabel = operation.getByText('/api/imports/{importId}', { exact: true });
    expect(await pathLabel.isVisible()).toBe(true);
    expect(await pathLabel.locator('xpath=..').innerText()).toMatch(/^PATCH\s*\/api\/imports\/\{importId\}/);
    expect(await page.title()).toBe('Commerce Layer Imports API');
  });

  test('shows every request body field, nested attributes included', async () => {
    for (const path of requestBodyFields) {
      // Redoc renders nested fields lazily, once they scroll into view.
      const field = operation.locator(`[id="imports/updateimport/t=request&path=${path}"]`);
      await field.scrollIntoViewIfNeeded();
      await field.waitFor({ state: 'visible' });
      const name = path.split('/').at(-1)!;
      expect(await field.locator('span', { hasText: new RegExp(`^${name}$`) }).count(), path).toBeGreaterThan(0);
    }
  });

  test('shows every documented response status', async () => {
    const responseTabs = operation.locator('[id="imports/updateimport/responses"]').getByRole('tablist').getByRole('tab');
    expect(await responseTabs.allTextContents()).toEqual(documentedStatuses);
  });

  test("shows the seed's request and response examples", async () => {
    const samples = await operation.locator('[data-component-name="JsonViewer/JsonViewer"]').allInnerTexts();
    const compact = samples.map((text) => text.replace(/\s+/g, ''));
    const seedRequest = '{"data":{"type":"imports","id":"xYZkjABcde","attributes":{"reference":"ANY-EXTERNAL-REFEFERNCE"}}}';
    expect(compact).toContain(seedRequest);
    const seedResponse = compact.find((text) => text.includes('"self":"https://yourdomain.commercelayer.io/api/imports/xYZkjABcde"'));
    expect(seedResponse).toBeDefined();
    expect(seedResponse).toContain('"reference":"ANY-EXTERNAL-REFEFERNCE"');
    expect(seedResponse).toContain('"metadata":{"foo":"bar"}');
  });

  test('runs its scripts without errors', () => {
    expect(scriptErrors).toEqual([]);
  });

  test('makes no request to any host, and writes a screenshot', async () => {
    // The operation at the top of the view, with its request sample beside it.
    await operation.getByRole('heading', { name: 'Update an import' }).evaluate((heading) => {
      heading.ownerDocument.defaultView?.scrollBy(0, heading.getBoundingClientRect().top - 32);
    });
    await operation.locator('[data-component-name="JsonViewer/JsonViewer"]').first().waitFor({ state: 'visible' });
    // Cropped to the title, the description and the seed's sample: small enough for the README.
    await page.screenshot({ path: screenshot, clip: { x: 0, y: 0, width: 1280, height: 520 } });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !localSchemes.has(new URL(url).protocol))).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
