import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, pointCode, type TestApp } from '../helpers/test-app';
import { ARTIFACTS, axeViolations, launchBrowser, serve } from '../helpers/browser';

jest.setTimeout(60000);

let browser: Browser | null;
let t: TestApp;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  browser = await launchBrowser();
  t = createTestApp();
  server = await serve(t.app);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A phone. JavaScript is off for the citizen's path; axe-core needs it on to run at all. */
async function phone(javaScriptEnabled = false): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, locale: 'vi-VN', javaScriptEnabled });
  return context.newPage();
}

describe('a citizen on a phone (360×740, JavaScript off)', () => {
  it('answers by tapping labels, sends, sees the thank-you page, and the row is stored', async () => {
    if (!browser) return;
    const page = await phone();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const code = pointCode(t.db, false);
    await page.goto(`${server.url}/s/${code}`);
    expect(await page.locator('h1').innerText()).toBe('Đánh giá sự phục vụ');
    await page.screenshot({ path: path.join(ARTIFACTS, 'survey-phone.png') });

    await page.tap('label[for="overall-4"]');
    await page.selectOption('#in-service', 'chung-thuc');
    await page.tap('label[for="c15-5"]');
    await page.tap('label[for="c22-na"]');
    await page.tap('label[for="p_digital-rat_nhieu"]');
    await page.fill('#in-comment', 'Cán bộ hướng dẫn tận tình.');
    await page.tap('.send button');
    await page.waitForURL(/\/thanks$/);
    expect(await page.locator('h1').innerText()).toBe('Cảm ơn Ông/Bà đã đánh giá');

    expect(requests.every((u) => u.startsWith(server.url))).toBe(true);
    const row = t.db.prepare("SELECT r.id, s.code AS service FROM responses r JOIN services s ON s.id = r.service_id").get() as { id: number; service: string };
    expect(row.service).toBe('chung-thuc');
    const answers = t.db.prepare("SELECT question_id || '=' || value FROM answers WHERE response_id = ? ORDER BY 1").pluck().all(row.id);
    expect(answers).toEqual(['c15=5', 'c22=na', 'overall=4', 'p_digital=rat_nhieu']);
    expect(t.db.prepare('SELECT text FROM text_answers WHERE response_id = ?').pluck().get(row.id)).toBe('Cán bộ hướng dẫn tận tình.');
  });

  it('sees errors next to the field and in a summary', async () => {
    if (!browser) return;
    const page = await phone();
    await page.goto(`${server.url}/s/${pointCode(t.db, true)}`);
    await page.tap('.send button');
    expect(await page.locator('.errsum').innerText()).toContain('Vui lòng chọn ít nhất một mức đánh giá');
    expect(await page.locator('#err-overall').isVisible()).toBe(true);
  });

  it('reads the page in English after tapping the language switch', async () => {
    if (!browser) return;
    const page = await phone();
    await page.goto(`${server.url}/s/${pointCode(t.db, true)}`);
    await page.tap('text=English');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('legend').first().innerText()).toContain('Overall');
  });
});

describe('axe-core finds no accessibility violation', () => {
  it('(the check itself reports a broken page)', async () => {
    if (!browser) return;
    const page = await phone(true);
    await page.setContent('<html><body><img src="x.png"><input type="text"></body></html>');
    expect((await axeViolations(page)).map((v) => v.id)).toEqual(expect.arrayContaining(['image-alt', 'label']));
  });

  it.each([
    ['the survey page', '', false],
    ['the survey page in English', '?lang=en', false],
    ['the survey page showing errors', '', true],
    ['the thank-you page', '/thanks', false],
    ['the page of an unknown code', 'missing', false],
  ])('on %s', async (_name, suffix, submitEmpty) => {
    if (!browser) return;
    const page = await phone(true);
    const code = pointCode(t.db, false);
    await page.goto(suffix === 'missing' ? `${server.url}/s/khongtontai` : `${server.url}/s/${code}${suffix}`);
    if (submitEmpty) {
      await page.tap('.send button');
      await page.waitForSelector('.errsum');
    }
    expect(await axeViolations(page)).toEqual([]);
  });
});
