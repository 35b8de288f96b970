import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { ARTIFACTS, axeViolations, launchBrowser, serve } from '../helpers/browser';
import { buildWorld } from '../helpers/world';

jest.setTimeout(180_000);

/**
 * The citizen's minute in Chromium, JavaScript off, at 360 × 740 and at 320 wide, in
 * Vietnamese and English: one tap and send, then each detail step; rows checked after each.
 * axe runs on every page (in a second context holding the same cookies: axe needs script).
 */
let browser: Browser | null;
let t: TestApp;
let server: { url: string; close: () => Promise<void> };
let code: string;

beforeAll(async () => {
  browser = await launchBrowser();
  t = createTestApp({ seed: false });
  const w = buildWorld(t.core);
  code = 'e2e-mot-cua';
  t.core.repos.points.insert({ code, unitId: w.unit('xa-a1'), label: 'Bộ phận Một cửa', labelEn: 'One-stop counter', serviceId: null });
  server = await serve(t.app);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const CONFIGS = [
  { width: 360, height: 740, lang: 'vi' },
  { width: 320, height: 640, lang: 'vi' },
  { width: 360, height: 740, lang: 'en' },
  { width: 320, height: 640, lang: 'en' },
] as const;
type Config = (typeof CONFIGS)[number];

interface Phone { context: BrowserContext; page: Page; checker: Page; shot: (name: string) => Promise<void>; axe: () => Promise<string[]> }
async function phone(c: Config): Promise<Phone> {
  const options = { viewport: { width: c.width, height: c.height }, isMobile: true, hasTouch: true, locale: c.lang === 'vi' ? 'vi-VN' : 'en-GB' };
  const context = await browser!.newContext({ ...options, javaScriptEnabled: false });
  const page = await context.newPage();
  const checking = await browser!.newContext(options);
  const checker = await checking.newPage();
  return {
    context, page, checker,
    shot: (name) => page.screenshot({ path: path.join(ARTIFACTS, `survey-${c.width}-${c.lang}-${name}.png`), fullPage: true }).then(() => undefined),
    /** axe on the page the phone shows, in a context with its cookies. */
    axe: async () => {
      await checking.clearCookies();
      await checking.addCookies(await context.cookies());
      await checker.goto(page.url());
      expect(await checker.title()).toBe(await page.title()); // the same page, not a refusal
      return (await axeViolations(checker)).map((v) => `${page.url()}: ${v.id} ${v.nodes.slice(0, 3).join(', ')}`);
    },
  };
}
const newest = () => t.db.prepare('SELECT id FROM responses ORDER BY id DESC LIMIT 1').pluck().get() as number;
const answersOf = (id: number) => t.db.prepare("SELECT question_id || '=' || value FROM answers WHERE response_id = ? ORDER BY 1").pluck().all(id);
const send = (page: Page) => Promise.all([page.waitForNavigation(), page.tap('.send button')]);

describe.each(CONFIGS)('a citizen at $width px, $lang, JavaScript off', (c) => {
  it('one tap and send stores a response; each detail step adds to it; a reload or back stores nothing twice; axe finds nothing on any page', async () => {
    if (!browser) return;
    const p = await phone(c);
    const requests: string[] = [];
    p.page.on('request', (r) => requests.push(r.url()));
    const found: string[] = [];
    await p.page.goto(`${server.url}/s/${code}?lang=${c.lang}`);
    expect(await p.page.locator('.where').innerText()).toBe(c.lang === 'vi' ? 'Xã A Một — Bộ phận Một cửa' : 'Xã A Một — One-stop counter');
    // The first page fits the phone: all five faces above the send button, without scrolling.
    const lastFace = (await p.page.locator('label[for="overall-5"]').boundingBox())!;
    expect(lastFace.y + lastFace.height).toBeLessThanOrEqual((await p.page.locator('.send button').boundingBox())!.y);
    expect(await p.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(c.width);
    await p.shot('1-first');
    found.push(...(await p.axe()));

    const before = t.db.prepare('SELECT count(*) FROM responses').pluck().get() as number;
    await p.page.tap('label[for="overall-4"]');
    await p.shot('1-chosen');
    await send(p.page);
    expect(p.page.url()).toMatch(/\/thanks$/);
    expect(t.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(before + 1);
    const id = newest();
    expect(answersOf(id)).toEqual(['overall=4']);
    await p.shot('1-thanks');
    found.push(...(await p.axe()));

    await Promise.all([p.page.waitForNavigation(), p.page.tap('a.btn')]);
    expect(await p.page.locator('.progress').innerText()).toBe(c.lang === 'vi' ? 'Bước 2/8' : 'Step 2 of 8');
    expect(await p.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(c.width);
    await p.shot('2');
    found.push(...(await p.axe()));
    await p.page.tap('label[for="c15-5"]');
    await p.page.tap('label[for="c16-na"]');
    await send(p.page);
    expect(answersOf(id)).toEqual(['c15=5', 'c16=na', 'overall=4']);

    await p.shot('3');
    found.push(...(await p.axe()));
    await p.page.tap('label[for="c19-4"]');
    await send(p.page);
    expect(answersOf(id)).toEqual(['c15=5', 'c16=na', 'c19=4', 'overall=4']);
    // A reload, then back to step 3 and its page again: nothing stored twice.
    await p.page.reload();
    await p.page.goBack();
    expect(await p.page.locator('.notice').innerText()).toContain(c.lang === 'vi' ? 'Ông/Bà đã gửi bước này' : 'You have sent this step');
    await p.page.reload();
    await p.page.goForward();
    expect(answersOf(id)).toEqual(['c15=5', 'c16=na', 'c19=4', 'overall=4']);

    for (let n = 4; n <= 8; n++) {
      expect(p.page.url()).toMatch(new RegExp(`/step/${n}$`));
      await p.shot(String(n));
      found.push(...(await p.axe()));
      if (n === 7) await p.page.tap('label[for="p_digital-rat_nhieu"]');
      if (n === 8) {
        await p.page.fill('#in-comment', 'Cán bộ hướng dẫn tận tình.');
        await p.page.tap('label[for="gender-nu"]');
      }
      await send(p.page);
    }
    expect(p.page.url()).toMatch(/\/done$/);
    await p.shot('9-done');
    found.push(...(await p.axe()));
    expect(answersOf(id)).toEqual(['c15=5', 'c16=na', 'c19=4', 'gender=nu', 'overall=4', 'p_digital=rat_nhieu']);
    expect(t.db.prepare('SELECT text FROM text_answers WHERE response_id = ?').pluck().get(id)).toBe('Cán bộ hướng dẫn tận tình.');
    expect(requests.every((u) => u.startsWith(server.url))).toBe(true);
    expect(found).toEqual([]);
    await p.context.close();
  });

  it('leaving after step 3 keeps steps 1–3', async () => {
    if (!browser) return;
    const p = await phone(c);
    await p.page.goto(`${server.url}/s/${code}?lang=${c.lang}`);
    await p.page.tap('label[for="overall-2"]');
    await send(p.page);
    const id = newest();
    await Promise.all([p.page.waitForNavigation(), p.page.tap('a.btn')]);
    await p.page.tap('label[for="c17-3"]');
    await send(p.page);
    await p.page.tap('label[for="c20-1"]');
    await send(p.page);
    await p.page.close(); // the citizen walks away
    expect(answersOf(id)).toEqual(['c17=3', 'c20=1', 'overall=2']);
    await p.context.close();
  });
});

describe('the comment step with JavaScript on', () => {
  it('counts the characters left as the citizen types (count.js, from self)', async () => {
    if (!browser) return;
    const p = await phone(CONFIGS[0]);
    await p.checker.goto(`${server.url}/s/${code}`);
    await p.checker.tap('label[for="overall-5"]');
    await Promise.all([p.checker.waitForURL(/\/thanks$/), p.checker.tap('.send button')]);
    await p.checker.goto(`${server.url}/s/${code}/step/8`);
    expect(await p.checker.locator('#count-comment').innerText()).toBe('Còn 1000 ký tự.');
    await p.checker.fill('#in-comment', 'Tốt lắm');
    expect(await p.checker.locator('#count-comment').innerText()).toBe('Còn 993 ký tự.');
    expect(await p.checker.locator('#in-comment').getAttribute('maxlength')).toBe('1000');
  });
});

describe('errors', () => {
  it('a send without a face shows the summary and the message by the field, in the reader’s language', async () => {
    if (!browser) return;
    const p = await phone(CONFIGS[1]);
    await p.page.goto(`${server.url}/s/${code}`);
    await send(p.page);
    expect(await p.page.locator('.errsum').innerText()).toContain('Ông/Bà vui lòng chọn ít nhất một mức đánh giá');
    expect(await p.page.locator('#err-overall').isVisible()).toBe(true);
    await p.shot('error');
    expect(await p.axe()).toEqual([]);
  });
});
