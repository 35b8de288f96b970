import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createTestApp } from '../helpers/test-app';
import { createUser, PASSWORD } from '../helpers/staff';
import { storeResponse } from '../helpers/figures-fixtures';
import { ARTIFACTS, axeViolations, launchBrowser, serve } from '../helpers/browser';

/** An oversight user in a real browser: dashboard, comments and API keys pages; screenshots; axe finds nothing. */
describe('dashboard in a real browser', () => {
  let browser: Browser | null = null;
  let server: { url: string; close: () => Promise<void> } | undefined;
  const t = createTestApp({ env: { PUBLIC_URL: 'https://sipas.example.vn' }, demoResponses: true, now: () => new Date('2026-05-15T03:00:00Z') });

  beforeAll(async () => {
    browser = await launchBrowser();
    if (!browser) return;
    await createUser(t.db, 'ov', 'oversight', 'tinh-gia-lai');
    await createUser(t.db, 'ad', 'admin', 'tinh-gia-lai');
    storeResponse(t.db, { unit: 'xa-binh-an', service: 'ho-tich', date: '2026-05-02', answers: { overall: '2' }, texts: { comment: 'Chờ lâu quá, cần thêm ghế ngồi.' } });
    server = await serve(t.app);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const loginAs = async (username: string) => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 1400 }, locale: 'vi-VN' });
    await page.goto(`${server!.url}/staff/login`);
    await page.fill('#f-username', username);
    await page.fill('#f-password', PASSWORD);
    await Promise.all([page.waitForURL(`${server!.url}/staff`), page.click('button[type=submit]')]);
    return page;
  };

  test('oversight: dashboard, comments; admin: API keys', async () => {
    if (!browser || !server) {
      console.warn('\n*** E2E DASHBOARD TEST SKIPPED: no browser ***\n');
      return;
    }
    const page = await loginAs('ov');
    await page.click('a[href="/staff/dashboard"] >> nth=0');
    await page.waitForURL(/\/staff\/dashboard/);
    expect(await page.textContent('h1')).toBe('Số liệu hài lòng: Tỉnh Gia Lai');
    expect(await page.textContent('.lead')).toContain('Quý II/2026: 01/04/2026 – 30/06/2026');
    expect(await page.locator('#ch-units line.target').count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'dashboard.pdf'), pdf);
    // The print view: unit, period and print date on top; no filters, no navigation.
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.print-head')).toBe(true);
    expect(await page.textContent('.print-head')).toContain('Tỉnh Gia Lai · Quý II/2026: 01/04/2026 – 30/06/2026 · In ngày 15/05/2026');
    expect(await page.isVisible('.filters')).toBe(false);
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await page.click('text=Xem tất cả ý kiến trong kỳ');
    await page.waitForURL(/\/staff\/comments/);
    expect(await page.textContent('.comments')).toContain('Chờ lâu quá');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'comments.png'), fullPage: true });
    await page.close();

    const admin = await loginAs('ad');
    await admin.goto(`${server.url}/staff/api-keys`);
    await admin.selectOption('#f-unit', 'tinh-gia-lai');
    await admin.fill('#f-label', 'Báo cáo tỉnh');
    await admin.click('form[action="/staff/api-keys"] button[type=submit]');
    expect(await admin.inputValue('#new-key')).toMatch(/^sipas_/);
    expect(await axeViolations(admin)).toEqual([]);
    await admin.screenshot({ path: path.join(ARTIFACTS, 'api-keys.png'), fullPage: true });
    await admin.close();
  });
});
