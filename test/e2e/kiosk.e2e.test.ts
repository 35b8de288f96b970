import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { ARTIFACTS, axeViolations, launchBrowser, serve } from '../helpers/browser';
import { createUser } from '../helpers/staff';
import { apiKeyFor } from '../helpers/figures-fixtures';
import { buildWorld } from '../helpers/world';

jest.setTimeout(120_000);

/** The counter kiosk on a tablet (800 × 1280, portrait and landscape), and the invitation pages. */
let browser: Browser | null;
const apps: { close: () => Promise<void> }[] = [];

async function start(env: NodeJS.ProcessEnv = {}) {
  const t = createTestApp({ seed: false, env: { PUBLIC_URL: 'http://127.0.0.1', ...env } });
  const w = buildWorld(t.core);
  const s = await serve(t.app);
  apps.push(s);
  return { t, url: s.url, code: w.pointCode('xa-a1') };
}
beforeAll(async () => {
  browser = await launchBrowser();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  for (const a of apps) await a.close();
});

/** A tablet whose kiosk session was opened (as staff would) at the point. */
async function tablet(t: TestApp, url: string, code: string, viewport = { width: 800, height: 1280 }): Promise<{ context: BrowserContext; page: Page }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const userId = await createUser(t.db, `ctv-${crypto.randomBytes(4).toString('hex')}`, 'counter', 'xa-a1');
  t.db.prepare("INSERT INTO kiosk_sessions (token_hash, point_id, pin_hash, opened_by, created_at) SELECT ?, id, 'scrypt$x', ?, '2026-01-01' FROM collection_points WHERE code = ?")
    .run(crypto.createHash('sha256').update(token).digest('hex'), userId, code);
  const context = await browser!.newContext({ viewport, hasTouch: true, locale: 'vi-VN' });
  await context.addCookies([{ name: 'sipas_kiosk', value: token, url: `${url}/k/` }]);
  const page = await context.newPage();
  await page.goto(`${url}/k/${code}`);
  return { context, page };
}
const kioskRows = (t: TestApp) => t.db.prepare("SELECT r.id, a.value FROM responses r JOIN answers a ON a.response_id = r.id AND a.question_id = 'overall' WHERE r.channel = 'kiosk' ORDER BY r.id").all() as { id: number; value: string }[];

/** The part of the screen below the title that the five faces cover. */
async function facesCover(page: Page) {
  return page.evaluate(() => {
    const boxes = Array.from(document.querySelectorAll('.faces label')).map((l) => l.getBoundingClientRect());
    const top = Math.min(...boxes.map((b) => b.top)), bottom = Math.max(...boxes.map((b) => b.bottom));
    const left = Math.min(...boxes.map((b) => b.left)), right = Math.max(...boxes.map((b) => b.right));
    return {
      height: (bottom - top) / innerHeight, width: (right - left) / innerWidth, smallest: Math.min(...boxes.map((b) => Math.min(b.width, b.height))),
      rows: new Set(boxes.map((b) => Math.round(b.top))).size, columns: new Set(boxes.map((b) => Math.round(b.left))).size,
    };
  });
}

describe('the counter kiosk', () => {
  it.each([['portrait', { width: 800, height: 1280 }], ['landscape', { width: 1280, height: 800 }]])('in %s, the faces fill the screen, the one chosen shows, thanks come only once it is stored', async (name, viewport) => {
    if (!browser) return;
    const { t, url, code } = await start();
    const { page } = await tablet(t, url, code, viewport);
    const cover = await facesCover(page);
    expect(cover.height).toBeGreaterThan(name === 'portrait' ? 0.55 : 0.4);
    expect(cover.width).toBeGreaterThan(0.85);
    expect(cover.smallest).toBeGreaterThan(120);
    // One column of five in portrait, one row of five in landscape.
    expect([cover.rows, cover.columns]).toEqual(name === 'portrait' ? [5, 1] : [1, 5]);
    await page.screenshot({ path: path.join(ARTIFACTS, `kiosk-${name}-start.png`) });
    expect(await axeViolations(page)).toEqual([]);
    await page.tap('label[for="overall-4"]');
    expect(await page.locator('label[for="overall-4"]').evaluate((l) => getComputedStyle(l).borderColor)).toBe('rgb(11, 79, 168)');
    await page.screenshot({ path: path.join(ARTIFACTS, `kiosk-${name}-chosen.png`) });
    await Promise.all([page.waitForURL(/\/thanks$/), page.tap('.send button')]);
    expect(kioskRows(t).map((r) => r.value)).toEqual(['4']);
    await page.screenshot({ path: path.join(ARTIFACTS, `kiosk-${name}-thanks.png`) });
    expect(await axeViolations(page)).toEqual([]);
    await Promise.all([page.waitForURL(/\/step\/2$/), page.tap('a.btn')]);
    await page.tap('label[for="c15-5"]');
    await page.screenshot({ path: path.join(ARTIFACTS, `kiosk-${name}-step2.png`) });
    expect(await axeViolations(page)).toEqual([]);
    await Promise.all([page.waitForURL(/\/step\/3$/), page.tap('.send button')]);
    expect(t.db.prepare("SELECT value FROM answers WHERE question_id = 'c15' AND response_id = ?").pluck().get(kioskRows(t)[0]!.id)).toBe('5');
  });

  it('after the idle time sends a face already chosen, then starts over; the next citizen cannot add to it', async () => {
    if (!browser) return;
    const { t, url, code } = await start({ KIOSK_IDLE_SECONDS: '2' });
    const { page } = await tablet(t, url, code);
    expect(await page.locator('body').getAttribute('data-idle')).toBe('2');
    await page.tap('label[for="overall-2"]');
    await page.waitForURL(/\/thanks$/, { timeout: 15_000 });
    expect(kioskRows(t).map((r) => r.value)).toEqual(['2']);
    await page.waitForURL(new RegExp(`/k/${code}$`), { timeout: 20_000 });
    expect(await page.locator('input:checked').count()).toBe(0);
    const next = await page.goto(`${url}/k/${code}/step/2`);
    expect(next!.status()).toBe(410);
  });

  it('offline, holds the rating with a notice instead of the browser\'s error page, and sends it once the network is back', async () => {
    if (!browser) return;
    const { t, url, code } = await start();
    const { context, page } = await tablet(t, url, code);
    await context.setOffline(true);
    await page.tap('label[for="overall-5"]');
    await page.tap('.send button');
    await expect(page.locator('.kiosk-offline').innerText()).resolves.toBe('Mất kết nối mạng. Đánh giá của Ông/Bà chưa được gửi; máy sẽ tự gửi khi có mạng trở lại.');
    expect(page.url()).toBe(`${url}/k/${code}`);
    expect(kioskRows(t)).toEqual([]);
    await Promise.all([page.waitForURL(/\/thanks$/), context.setOffline(false)]);
    expect(kioskRows(t).map((r) => r.value)).toEqual(['5']);
  });
});

describe('invitation pages', () => {
  it('the survey, used and expired pages have no axe violation', async () => {
    if (!browser) return;
    const { t, url } = await start();
    const key = apiKeyFor(t.db, 'xa-a1');
    const make = async () => {
      const res = await fetch(`${url}/api/v1/invitations`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ unit: 'xa-a1', service: 'ho-tich' }) });
      return new URL(((await res.json()) as { url: string }).url).pathname;
    };
    const used = await make(), expired = await make(), open = await make();
    t.db.prepare("UPDATE invitations SET expires_at = '2001-01-01T00:00:00.000Z' WHERE id = (SELECT id FROM invitations ORDER BY id LIMIT 1 OFFSET 1)").run();
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(url + open);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(url + used);
    await page.tap('label[for="overall-5"]');
    await Promise.all([page.waitForURL(/\/thanks$/), page.tap('.send button')]);
    expect(await axeViolations(page)).toEqual([]);
    const again = await page.goto(url + used);
    expect(again!.status()).toBe(409);
    expect(await page.locator('h1').innerText()).toBe('Ông/Bà đã đánh giá, xin cảm ơn');
    expect(await axeViolations(page)).toEqual([]);
    const expiredPage = await page.goto(url + expired);
    expect(expiredPage!.status()).toBe(410);
    expect(await axeViolations(page)).toEqual([]);
  });
});
