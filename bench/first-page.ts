import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import express from 'express';
import { chromium, type Browser } from 'playwright-core';

/**
 * The citizen's first page on an emulated slow-3G phone (issue 12 §2), measured in Chromium
 * through its DevTools protocol: 400 ms latency, 400 kbit/s each way, CPU 4× slower, an
 * empty cache. "Usable" is the later of the load event and the first contentful paint: the
 * page's stylesheet applied and its faces and send button drawn; first paint is beside it. The page of before issue 12 is
 * served from a snapshot (bench/baseline/) with its stylesheet, gzip and CSP as it was.
 */
const BASELINE = path.join(__dirname, 'baseline');
const RUNS = 7;
export const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };

export interface PageLoad { requests: number; transferred: number; scripts: number; usableMs: number; firstPaintMs: number; runs: number[] }

/** Serves the snapshot of the first page before issue 12 at /before, as the server sent it then. */
export async function startBaseline(): Promise<{ url: string; close: () => Promise<void> }> {
  const html = fs.readFileSync(path.join(BASELINE, 'first-page-2026-before.html'), 'utf8');
  const css = fs.readFileSync(path.join(BASELINE, 'first-page-2026-before.css'), 'utf8');
  const app = express();
  app.use(compression());
  app.use((_req, res, next) => {
    res.set('Content-Security-Policy', "default-src 'self';style-src 'self';img-src 'self' data:");
    next();
  });
  app.get('/before', (_req, res) => res.type('html').set('Cache-Control', 'no-store').send(html));
  app.get('/public/style.css', (_req, res) => res.type('css').set('Cache-Control', 'public, max-age=31536000, immutable').send(css));
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/before`, close: () => new Promise((r) => server.close(() => r())) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One cold load under slow 3G and 4× CPU: requests, bytes on the wire, and times. */
async function loadOnce(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let requests = 0, transferred = 0;
  cdp.on('Network.requestWillBeSent', () => void requests++);
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => void (transferred += e.encodedDataLength));
  await page.goto(url, { waitUntil: 'load' });
  // A page with nothing to fetch may fire load before its first paint: wait for that paint.
  const times = await page.evaluate(() => new Promise<{ usable: number; paint: number; scripts: number }>((resolve) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    new PerformanceObserver((list) => {
      const paint = list.getEntries().find((e) => e.name === 'first-contentful-paint');
      if (paint) resolve({ usable: Math.max(nav.loadEventEnd, paint.startTime), paint: paint.startTime, scripts: document.scripts.length });
    }).observe({ type: 'paint', buffered: true });
  }));
  await context.close();
  return { requests, transferred, ...times };
}

/** The median of RUNS cold loads. */
export async function measureFirstPage(browser: Browser, url: string): Promise<PageLoad> {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await loadOnce(browser, url));
  return {
    requests: median(runs.map((r) => r.requests)), transferred: median(runs.map((r) => r.transferred)), scripts: runs[0]!.scripts,
    usableMs: median(runs.map((r) => r.usable)), firstPaintMs: median(runs.map((r) => r.paint)), runs: runs.map((r) => Math.round(r.usable)),
  };
}

/** The first page before issue 12 (the snapshot) and now (`surveyUrl` on the running server), side by side in one run. */
export async function firstPageComparison(surveyUrl: string) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'] });
  const baseline = await startBaseline();
  try {
    await measureFirstPage(browser, surveyUrl); // warm the server's template cache, as a running server has it
    return { before: await measureFirstPage(browser, baseline.url), after: await measureFirstPage(browser, surveyUrl) };
  } finally {
    await baseline.close();
    await browser.close();
  }
}

export const describeLoad = (name: string, p: PageLoad) =>
  `${name}: ${p.requests} request(s), ${p.transferred} B on the wire (gzip, headers included), ${p.scripts} script(s); slow 3G + 4× CPU: usable (load and first paint) ${p.usableMs.toFixed(0)} ms, first paint ${p.firstPaintMs.toFixed(0)} ms (median of ${p.runs.length}: ${p.runs.join(', ')} ms)`;
