import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestApp } from '../helpers/test-app';
import { createUser, PASSWORD } from '../helpers/staff';
import { ARTIFACTS, axeViolations, launchBrowser, serve } from '../helpers/browser';

/**
 * The demo as it is since 1/7/2025, in a real browser: Xã Tây Sơn's dashboard over 2025 with
 * and without the units merged into it, the counts checked against the database; an old
 * poster of Thị trấn Phú Phong leads to Xã Tây Sơn's survey.
 */
describe('Xã Tây Sơn over 2025 in a real browser', () => {
  let browser: Browser | null = null;
  let server: { url: string; close: () => Promise<void> } | undefined;
  const t = createTestApp({ demoResponses: true, now: () => new Date('2026-12-02T03:00:00Z') });
  const responses = (codes: string[]) => t.db.prepare(`SELECT count(*) FROM responses r JOIN units u ON u.id = r.unit_id
    WHERE u.code IN (${codes.map(() => '?').join(',')}) AND r.local_date BETWEEN '2025-01-01' AND '2025-12-31'`).pluck().get(...codes) as number;

  beforeAll(async () => {
    browser = await launchBrowser();
    if (!browser) return;
    await createUser(t.db, 'so-noivu', 'oversight', 'tinh-gia-lai');
    server = await serve(t.app);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The responses of the headline, as the page prints them ("… từ 1.234 phiếu"). */
  const shown = async (page: Page) => Number(/từ ([\d.]+) phiếu/.exec((await page.textContent('.cards'))!)![1]!.replace(/\./g, ''));

  test('without merged units only its own responses since July; with them, Phú Phong\'s, Tây Xuân\'s and Bình Nghi\'s too, and the page says so', async () => {
    if (!browser || !server) return console.warn('\n*** E2E MERGED DASHBOARD TEST SKIPPED: no browser ***\n');
    const page = await browser.newPage({ viewport: { width: 1200, height: 1400 }, locale: 'vi-VN' });
    await page.goto(`${server.url}/staff/login`);
    await page.fill('#f-username', 'so-noivu');
    await page.fill('#f-password', PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/staff`), page.click('button[type=submit]')]);
    await page.goto(`${server.url}/staff/dashboard?period=2025&unit=xa-tay-son`);
    expect(await page.textContent('h1')).toBe('Số liệu hài lòng: Xã Tây Sơn');
    const own = responses(['xa-tay-son']);
    const merged = responses(['xa-tay-son', 'phu-phong', 'tay-xuan', 'binh-nghi']);
    expect(own).toBeGreaterThan(0);
    expect(merged).toBeGreaterThan(own);
    expect(await shown(page)).toBe(own);
    expect(await page.textContent('#merged-note')).toContain(`chưa gồm ${(merged - own).toLocaleString('vi-VN')} phiếu`);
    expect(await page.isChecked('#f-merged')).toBe(false);
    await page.check('#f-merged');
    await Promise.all([page.waitForURL(/includeMerged=true/), page.click('.filters button[type=submit]')]);
    expect(await shown(page)).toBe(merged);
    expect(await page.textContent('#merged-note')).toBe(`Số liệu gồm cả ${(merged - own).toLocaleString('vi-VN')} phiếu của các đơn vị đã sáp nhập vào đơn vị được chọn: Thị trấn Phú Phong, Xã Bình Nghi, Xã Tây Xuân.`);
    expect(await page.locator('#f-unit option[value="xa-tay-son"]').textContent()).toContain('Xã Tây Sơn · 21808');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-merged.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  test('an old poster of Thị trấn Phú Phong opens a page that leads to Xã Tây Sơn\'s survey', async () => {
    if (!browser || !server) return;
    const code = t.db.prepare("SELECT p.code FROM collection_points p JOIN units u ON u.id = p.unit_id WHERE u.code = 'phu-phong' ORDER BY p.id LIMIT 1").pluck().get() as string;
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, locale: 'vi-VN' });
    const res = await page.goto(`${server.url}/s/${code}`);
    expect(res!.status()).toBe(410);
    expect(await page.textContent('h1')).toBe('Đơn vị đã sáp nhập');
    expect(await page.textContent('main')).toContain('Từ ngày 01/07/2025, Thị trấn Phú Phong đã sáp nhập vào Xã Tây Sơn.');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'merged-poster.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/s\/[\w-]+$/), page.click('text=Xã Tây Sơn — Trung tâm Phục vụ hành chính công xã')]);
    expect(await page.textContent('.where')).toBe('Xã Tây Sơn — Trung tâm Phục vụ hành chính công xã');
    expect(await page.textContent('main')).toContain('Nhìn chung, Ông/Bà hài lòng như thế nào');
    await page.close();
  });
});
