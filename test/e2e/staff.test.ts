import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import type { Browser } from 'playwright-core';
import { createTestApp } from '../helpers/test-app';
import { createUser, PASSWORD, unitId } from '../helpers/staff';
import { ARTIFACTS, axeViolations, launchBrowser, serve } from '../helpers/browser';

/** In headless Chromium: log in, open the home and a poster page, decode the QR from a screenshot, run axe. */
describe('staff pages in a real browser', () => {
  let browser: Browser | null = null;
  let server: { url: string; close: () => Promise<void> } | undefined;
  const t = createTestApp({ env: { PUBLIC_URL: 'https://sipas.example.vn' } });

  beforeAll(async () => {
    browser = await launchBrowser();
    if (!browser) return;
    await createUser(t.db, 'ctv', 'counter', 'xa-binh-an');
    server = await serve(t.app);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('login, home, poster: the QR on screen decodes to the point URL; axe finds nothing', async () => {
    if (!browser || !server) {
      console.warn('\n*** E2E STAFF TEST SKIPPED: no browser ***\n');
      return;
    }
    // https PUBLIC_URL → Secure cookies, which Chromium accepts from 127.0.0.1 as a secure context.
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    await page.goto(`${server.url}/staff/login`);
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('#f-username', 'ctv');
    await page.fill('#f-password', PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/staff`), page.click('button[type=submit]')]);
    expect(await page.textContent('h1')).toBe('Xã Bình An');
    expect(await axeViolations(page)).toEqual([]);

    const point = t.db.prepare('SELECT id, code FROM collection_points WHERE unit_id = ? ORDER BY id LIMIT 1').get(unitId(t.db, 'xa-binh-an')) as { id: number; code: string };
    await page.goto(`${server.url}/staff/points/${point.id}/poster?size=A4`);
    expect(await page.textContent('.p-cta')).toBe('Quét mã QR để đánh giá sự phục vụ');
    expect(await axeViolations(page)).toEqual([]);
    const shot = await page.locator('.sheet').screenshot({ path: path.join(ARTIFACTS, 'poster-A4.png') });
    const png = PNG.sync.read(shot);
    const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    expect(code?.data).toBe(`https://sipas.example.vn/s/${point.code}`);

    // Print to PDF as A4 to check the sheet fits one page.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'poster-A4.pdf'), pdf);
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
    await page.close();
  });
});
