import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstStep, fullQuestionnaire, harvestForms, submitForms } from './citizen-path';
import { buildDist, freePort, load, startServer, stop, waitFor } from './lib';

/**
 * npx tsx bench/profile.ts <get|first|full> [seconds]: one load of npm run bench (the survey
 * page's GET, first-step or whole-questionnaire submissions) against a server run with
 * --cpu-prof (the compiled server of npm start, built first), then bench/profile-summary.ts on
 * its profile: where the time goes.
 */
const [what = 'first', secondsArg = '10'] = process.argv.slice(2);
const SECONDS = Number(secondsArg);

async function main() {
  // The compiled server (npm start): its profile names the lines of dist/, one for one with server/.
  buildDist();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-prof-'));
  const port = await freePort();
  const server = startServer({
    PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: path.join(dir, 'p.sqlite'), LOG_LEVEL: 'info',
    POSTER_WINDOW_MAX: '1000000', POSTER_DAILY_MAX: '1000000000',
  }, { compiled: true, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  await waitFor(server, /A demo survey .*\/s\/[\w-]+/, 60_000);
  // The first start builds the demo year's rollups in the background: measure after them
  // (after two minutes at most: a start with nothing to build says nothing).
  await waitFor(server, 'rollups built', 120_000).catch(() => undefined);
  const surveyPath = /\/s\/[\w-]+/.exec(server.output())![0];
  const base = `http://127.0.0.1:${port}`;
  const html = await (await fetch(base + surveyPath)).text();
  const service = /<option value="([^"]+)">/.exec(html)?.[1] ?? null;
  let result;
  try {
    if (what === 'get') result = await load({ url: base + surveyPath, duration: SECONDS, headers: { 'accept-encoding': 'gzip' } });
    else {
      const forms = await harvestForms(base + surveyPath, SECONDS * 12_000);
      await new Promise((r) => setTimeout(r, 3500));
      result = await submitForms(base, surveyPath, forms, what === 'full' ? fullQuestionnaire(service) : firstStep(service), SECONDS);
    }
  } finally {
    await stop(server);
  }
  console.log(`${what}: ${result.rps.toFixed(0)} req/s under the profiler; the summary reads the profile's last ${SECONDS} s, the load`);
  const prof = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!prof) throw new Error('no profile written');
  const keep = path.join(os.tmpdir(), `sipas-${what}.cpuprofile`);
  fs.copyFileSync(path.join(dir, prof), keep);
  fs.rmSync(dir, { recursive: true, force: true });
  spawnSync(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'profile-summary.ts'), keep, '30', String(SECONDS)], { stdio: 'inherit' });
  console.log(`profile kept in ${keep}`);
}
void main();
