import { chromium } from 'playwright-core';
import { createTestApp, pointCode } from '../test/helpers/test-app';
import { serve } from '../test/helpers/browser';
(async () => {
  const t = createTestApp();
  const s = await serve(t.app);
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const width = Number(process.argv[2] ?? 360);
  const lang = process.argv[3] ?? 'vi';
  const c = await b.newContext({ viewport: { width, height: 740 }, isMobile: true, hasTouch: true, javaScriptEnabled: false, locale: lang === 'en' ? 'en-GB' : 'vi-VN' });
  const p = await c.newPage();
  const code = pointCode(t.db, false);
  await p.goto(`${s.url}/s/${code}`);
  await p.screenshot({ path: `/tmp/citizen/shots/${width}-${lang}-1.png` });
  await p.tap('label[for="overall-4"]');
  await p.screenshot({ path: `/tmp/citizen/shots/${width}-${lang}-1b.png` });
  await p.tap('.send button');
  await p.waitForURL(/thanks/);
  await p.screenshot({ path: `/tmp/citizen/shots/${width}-${lang}-thanks.png`, fullPage: true });
  await p.click('a.btn');
  for (let n = 2; n <= 8; n++) {
    await p.waitForURL(new RegExp(`step/${n}`));
    if (n === 2) { await p.tap('label[for="c15-5"]'); await p.tap('label[for="c16-na"]'); }
    await p.screenshot({ path: `/tmp/citizen/shots/${width}-${lang}-${n}.png`, fullPage: true });
    await p.tap('.send button');
  }
  await p.waitForURL(/done/);
  await p.screenshot({ path: `/tmp/citizen/shots/${width}-${lang}-done.png`, fullPage: true });
  await b.close(); await s.close();
})();
