import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../config';

function newest(dir: string): number {
  let latest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) latest = Math.max(latest, newest(p));
    else if (/\.(ts|sql)$/.test(e.name)) latest = Math.max(latest, fs.statSync(p).mtimeMs);
  }
  return latest;
}

/**
 * The compiled start runs dist/, built by `npm ci` (or `npm run build`). After a `git pull`
 * without a new build it would run the old code: say so at start (a few ms of stat calls).
 * Null when the build is current, or when there is no source beside it to compare with.
 */
export function staleBuildWarning(compiledEntry: string): string | null {
  const source = path.join(ROOT, 'server');
  if (!fs.existsSync(source)) return null;
  const built = fs.statSync(compiledEntry).mtimeMs;
  return newest(source) > built ? 'dist/ is older than the sources in server/: this runs the previous build. Run `npm run build` (or `npm ci`), then start again.' : null;
}
