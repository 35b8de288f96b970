import type { Browser, Page } from 'playwright-core';
import { createTestApp, pointCode } from '../helpers/test-app';
import { createUser, PASSWORD, unitId } from '../helpers/staff';
import { axeViolations, launchBrowser, serve } from '../helpers/browser';

jest.setTimeout(120_000);

/** axe-core on every staff page as an admin and on the posters; the citizen's survey by keyboard alone. */
const t = createTestApp();
let browser: Browser | null = null;
let server: { url: string; close: () => Promise<void> } | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  if (!browser) return;
  await createUser(t.db, 'a11y-admin', 'admin', 'tinh-gia-lai');
  server = await serve(t.app);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function loggedIn(): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${server!.url}/staff/login`);
  await page.fill('#f-username', 'a11y-admin');
  await page.fill('#f-password', PASSWORD);
  await Promise.all([page.waitForURL(`${server!.url}/staff`), page.click('button[type=submit]')]);
  return page;
}

test('axe finds no violation on any staff page (login, home, units, unit, point, services, service, users, import, password, posters, audit, confirmations, invitation form)', async () => {
  if (!browser || !server) return console.warn('\n*** A11Y STAFF TEST SKIPPED: no browser ***\n');
  const tv = unitId(t.db, 'xa-binh-an');
  const point = t.db.prepare('SELECT id FROM collection_points WHERE unit_id = ? ORDER BY id LIMIT 1').pluck().get(tv);
  const service = t.db.prepare('SELECT id FROM services ORDER BY id LIMIT 1').pluck().get();
  const anon = await browser.newPage();
  await anon.goto(`${server.url}/staff/login`);
  const found: string[] = (await axeViolations(anon)).map((v) => `/staff/login: ${v.id} ${v.nodes.join(', ')}`);
  const page = await loggedIn();
  for (const p of ['/staff', '/staff/units', `/staff/units/${tv}`, `/staff/points/${point}`, '/staff/services', `/staff/services/${service}`, '/staff/users',
    '/staff/import', '/staff/password', `/staff/points/${point}/poster?size=A4`, `/staff/units/${tv}/posters?size=A5`, '/staff/audit',
    `/staff/points/${point}/code`, `/staff/points/${point}/active`, '/staff/invitations/new']) {
    await page.goto(server.url + p);
    found.push(...(await axeViolations(page)).map((v) => `${p}: ${v.id} ${v.nodes.slice(0, 3).join(', ')}`));
  }
  expect(found).toEqual([]);
});

test('a citizen completes the survey with the keyboard alone, and the focus is always visible', async () => {
  if (!browser || !server) return console.warn('\n*** A11Y KEYBOARD TEST SKIPPED: no browser ***\n');
  const page = await browser.newPage({ viewport: { width: 400, height: 800 } });
  const code = pointCode(t.db, true);
  await page.goto(`${server.url}/s/${code}`);
  const active = () => page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const target = el.matches('input[type=radio],input[type=checkbox]') ? ((el as HTMLInputElement).labels?.[0] ?? el) : el;
    const s = getComputedStyle(target);
    return { tag: el.tagName, name: el.getAttribute('name'), type: el.getAttribute('type'), cls: el.className, visible: s.outlineStyle !== 'none' || s.boxShadow !== 'none' };
  });
  const tabTo = async (want: (a: Awaited<ReturnType<typeof active>>) => boolean) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const a = await active();
      expect(a.visible).toBe(true);
      if (want(a)) return a;
    }
    throw new Error('never reached by Tab');
  };
  await tabTo((a) => a.name === 'overall');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const overall = await page.evaluate(() => (document.querySelector('input[name=overall]:checked') as HTMLInputElement | null)?.value);
  expect(overall).toBeTruthy();
  await tabTo((a) => a.tag === 'BUTTON' && a.type === 'submit');
  await Promise.all([page.waitForURL(/\/thanks$/), page.keyboard.press('Enter')]);
  // The details, by keyboard too: a criterion, then on to the comment step.
  await tabTo((a) => a.tag === 'A' && a.cls === 'btn');
  await Promise.all([page.waitForURL(/\/step\/2$/), page.keyboard.press('Enter')]);
  await tabTo((a) => a.name === 'c15');
  await page.keyboard.press('Space');
  await tabTo((a) => a.tag === 'BUTTON' && a.type === 'submit');
  await Promise.all([page.waitForURL(/\/step\/3$/), page.keyboard.press('Enter')]);
  await page.goto(page.url().replace(/step\/3$/, 'step/8'));
  await tabTo((a) => a.tag === 'TEXTAREA');
  await page.keyboard.type('Gõ bằng bàn phím');
  await tabTo((a) => a.tag === 'BUTTON' && a.type === 'submit');
  await Promise.all([page.waitForURL(/\/done$/), page.keyboard.press('Enter')]);
  const row = t.db.prepare("SELECT r.id FROM responses r JOIN text_answers x ON x.response_id = r.id WHERE x.text = 'Gõ bằng bàn phím'").get() as { id: number } | undefined;
  expect(row).toBeDefined();
  expect(t.db.prepare("SELECT value FROM answers WHERE response_id = ? AND question_id = 'overall'").pluck().get(row!.id)).toBe(overall);
  expect(t.db.prepare("SELECT value FROM answers WHERE response_id = ? AND question_id = 'c15'").pluck().get(row!.id)).toBeTruthy();
});
