import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, pointCode, type TestApp } from '../helpers/test-app';
import { ARTIFACTS, axeViolations, launchBrowser, serve } from '../helpers/browser';
import { createUser, PASSWORD } from '../helpers/staff';
import { apiKeyFor } from '../helpers/figures-fixtures';

jest.setTimeout(90000);

let browser: Browser | null;
const apps: { t: TestApp; url: string; close: () => Promise<void> }[] = [];
let now = new Date();

async function start(env: NodeJS.ProcessEnv = {}) {
  const t = createTestApp({ env: { PUBLIC_URL: 'http://127.0.0.1', ...env }, now: () => now });
  const s = await serve(t.app);
  apps.push({ t, ...s });
  return { t, url: s.url };
}
beforeAll(async () => {
  browser = await launchBrowser();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  for (const a of apps) await a.close();
});

/** A tablet whose kiosk session was opened (as staff would) for the first point. */
async function tablet(t: TestApp, url: string): Promise<{ context: BrowserContext; page: Page; code: string }> {
  const code = pointCode(t.db, false);
  const token = crypto.randomBytes(32).toString('base64url');
  const userId = await createUser(t.db, `ctv-${crypto.randomBytes(4).toString('hex')}`, 'counter', 'xa-tay-son');
  t.db.prepare("INSERT INTO kiosk_sessions (token_hash, point_id, pin_hash, opened_by, created_at) SELECT ?, id, 'scrypt$x', ?, '2026-01-01' FROM collection_points WHERE code = ?")
    .run(crypto.createHash('sha256').update(token).digest('hex'), userId, code);
  const context = await browser!.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, locale: 'vi-VN' });
  await context.addCookies([{ name: 'sipas_kiosk', value: token, url: `${url}/k/` }]);
  const page = await context.newPage();
  await page.goto(`${url}/k/${code}`);
  return { context, page, code };
}
const kioskRows = (t: TestApp) => t.db.prepare("SELECT r.id, a.value FROM responses r JOIN answers a ON a.response_id = r.id AND a.question_id = 'overall' WHERE r.channel = 'kiosk' ORDER BY r.id").all() as { id: number; value: string }[];
async function until(check: () => boolean, ms = 15000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the counter kiosk in headless Chromium', () => {
  it('takes a rating, then optional detail steps, sends it and starts over with nothing left', async () => {
    if (!browser) return;
    now = new Date();
    const { t, url } = await start();
    const { page } = await tablet(t, url);
    await page.screenshot({ path: path.join(ARTIFACTS, 'kiosk-start.png') });
    expect(await axeViolations(page)).toEqual([]);
    await page.tap('label[for="overall-4"]');
    await page.waitForSelector('[data-step="more"]:not([hidden])');
    await page.tap('[data-step="more"] [data-go]');
    await page.tap('label[for="c15-5"]');
    await page.screenshot({ path: path.join(ARTIFACTS, 'kiosk-detail.png') });
    await page.tap('[data-step="access"] button.send, .step:not([hidden]) button.send');
    await page.waitForSelector('[data-step="thanks"]:not([hidden])');
    await until(() => kioskRows(t).length === 1);
    expect(kioskRows(t)[0]!.value).toBe('4');
    expect(t.db.prepare("SELECT value FROM answers WHERE question_id = 'c15'").pluck().get()).toBe('5');
    await page.waitForSelector('[data-step="start"]:not([hidden])', { timeout: 15000 });
    expect(await page.locator('input:checked').count()).toBe(0);
  });

  it('after the idle time records the rating already chosen and goes back to the start', async () => {
    if (!browser) return;
    now = new Date();
    const { t, url } = await start({ KIOSK_IDLE_SECONDS: '2' });
    const { page } = await tablet(t, url);
    expect(await page.locator('form#kiosk').getAttribute('data-idle')).toBe('2');
    await page.tap('label[for="overall-2"]');
    await until(() => kioskRows(t).length === 1);
    expect(kioskRows(t)[0]!.value).toBe('2');
    await page.waitForSelector('[data-step="start"]:not([hidden])');
    expect(await page.locator('input:checked').count()).toBe(0);
  });

  it('keeps an answer given offline in the browser and sends it once when the network is back', async () => {
    if (!browser) return;
    now = new Date();
    const { t, url } = await start();
    const { context, page, code } = await tablet(t, url);
    await context.setOffline(true);
    await page.tap('label[for="overall-5"]');
    await page.tap('[data-step="more"] button.send');
    await page.waitForSelector('[data-step="thanks"]:not([hidden])');
    await new Promise((r) => setTimeout(r, 500));
    expect(kioskRows(t)).toHaveLength(0);
    expect(await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '[]').length, `sipas-kiosk-${code}`)).toBe(1);
    await context.setOffline(false);
    await until(() => kioskRows(t).length === 1);
    await new Promise((r) => setTimeout(r, 6000)); // one more retry round: still one
    expect(kioskRows(t).map((r) => r.value)).toEqual(['5']);
    expect(await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '[]').length, `sipas-kiosk-${code}`)).toBe(0);
  });
});

describe('invitation pages in headless Chromium', () => {
  it('the survey, used and expired pages have no axe violation; the slip prints', async () => {
    if (!browser) return;
    now = new Date('2026-05-04T02:00:00Z');
    const { t, url } = await start();
    const key = apiKeyFor(t.db, 'xa-binh-an');
    const mk = async (days: number) => {
      const res = await fetch(`${url}/api/v1/invitations`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ unit: 'xa-binh-an', service: 'ho-tich', expiresInDays: days }) });
      return new URL(((await res.json()) as { url: string }).url).pathname;
    };
    const used = await mk(30), expired = await mk(1), open = await mk(30);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(url + open);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(url + used);
    await page.tap('label[for="overall-5"]');
    await page.tap('.send button');
    await page.waitForURL(/\/thanks$/);
    const usedPage = await page.goto(url + used);
    expect(usedPage!.status()).toBe(409);
    expect(await page.locator('h1').innerText()).toBe('Ông/Bà đã đánh giá, xin cảm ơn');
    expect(await axeViolations(page)).toEqual([]);
    now = new Date(now.getTime() + 2 * 86400_000);
    const expiredPage = await page.goto(url + expired);
    expect(expiredPage!.status()).toBe(410);
    expect(await axeViolations(page)).toEqual([]);

    await createUser(t.db, 'ctv-slip', 'counter', 'xa-binh-an');
    const staff = await (await browser.newContext({ viewport: { width: 900, height: 900 }, locale: 'vi-VN' })).newPage();
    await staff.goto(`${url}/staff/login`);
    await staff.fill('#f-username', 'ctv-slip');
    await staff.fill('#f-password', PASSWORD);
    await staff.click('button[type=submit]');
    await staff.goto(`${url}/staff/invitations/new`);
    await staff.fill('#f-dossier', 'HS-2026-0001');
    await staff.click('form.stack button[type=submit]');
    await staff.waitForSelector('.slip-80mm');
    await staff.screenshot({ path: path.join(ARTIFACTS, 'invitation-slip-80mm.png'), fullPage: true });
    await staff.click('text=A6');
    await staff.waitForSelector('.slip-A6');
    await staff.screenshot({ path: path.join(ARTIFACTS, 'invitation-slip-A6.png'), fullPage: true });
  });
});
