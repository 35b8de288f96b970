import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { ARTIFACTS, launchBrowser, serve } from '../helpers/browser';
import { PASSWORD } from '../helpers/staff';
import { buildWorld, worldStaff, type World } from '../helpers/world';

jest.setTimeout(120_000);

/**
 * Posters and invitation slips print on their own paper size: Chromium prints each page to
 * PDF with the page's CSS size (as its print dialog does by default), and the test reads the
 * size of every page from the PDF (MediaBox, in points: 1 mm = 72 / 25.4 pt).
 */
let browser: Browser | null;
let t: TestApp;
let w: World;
let server: { url: string; close: () => Promise<void> };
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  if (!browser) return;
  t = createTestApp({ seed: false, env: { PUBLIC_URL: 'http://sipas.example.vn' } });
  w = buildWorld(t.core);
  t.core.repos.points.insert({ code: 'quay-hai-in', unitId: w.unit('xa-a1'), label: 'Quầy 2', serviceId: w.service('ho-tich') });
  await worldStaff(t.db);
  server = await serve(t.app);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(`${server.url}/staff/login`);
  await page.fill('#f-username', 'w-counter');
  await page.fill('#f-password', PASSWORD);
  await Promise.all([page.waitForURL(`${server.url}/staff`), page.click('button[type=submit]')]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const mm = (x: number) => (x * 72) / 25.4;
/** The size of each page of a PDF, in millimetres, rounded to the nearest one. */
function pageSizes(pdf: Buffer): [number, number][] {
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
  return boxes.map((m) => [Math.round(((Number(m[3]) - Number(m[1])) * 25.4) / 72), Math.round(((Number(m[4]) - Number(m[2])) * 25.4) / 72)]);
}
async function printed(url: string, name: string) {
  await page.goto(server.url + url);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync(path.join(ARTIFACTS, `${name}.pdf`), pdf);
  await page.emulateMedia({ media: 'screen' });
  return pageSizes(pdf);
}

describe('print sizes read from the PDF that Chromium prints', () => {
  it.each([['A4', [210, 297]], ['A5', [148, 210]], ['A6', [105, 148]]] as const)('a %s poster: one page of that size', async (size, mmSize) => {
    if (!browser) return;
    expect(await printed(`/staff/points/${w.point('xa-a1')}/poster?size=${size}`, `poster-${size}`)).toEqual([mmSize]);
    expect(mm(mmSize[0])).toBeGreaterThan(200); // the unit of the check is really points
  });

  it('the posters of a unit: one page per counter, each A5', async () => {
    if (!browser) return;
    expect(await printed(`/staff/units/${w.unit('xa-a1')}/posters?size=A5`, 'posters-unit-A5')).toEqual([[148, 210], [148, 210]]);
  });

  it.each([['80mm', [80, 120]], ['A6', [105, 148]]] as const)('an invitation slip for %s paper', async (size, mmSize) => {
    if (!browser) return;
    await page.goto(`${server.url}/staff/invitations/new`);
    await page.selectOption('#f-service', 'dat-dai');
    await page.check(`input[name=size][value="${size}"]`);
    await Promise.all([page.waitForURL(/\/slip\?size=/), page.click('form.stack button[type=submit]')]);
    const url = new URL(page.url());
    expect(await printed(url.pathname + url.search, `slip-${size}`)).toEqual([mmSize]);
  });

  it('the “In” button shows with script and opens the print dialog', async () => {
    if (!browser) return;
    await page.goto(`${server.url}/staff/points/${w.point('xa-a1')}/poster?size=A4`);
    await page.evaluate(() => { (window as unknown as { printed: boolean }).printed = false; window.print = () => { (window as unknown as { printed: boolean }).printed = true; }; });
    await page.click('button[data-print]');
    expect(await page.evaluate(() => (window as unknown as { printed: boolean }).printed)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'poster-A4-screen.png'), fullPage: true });
  });
});
