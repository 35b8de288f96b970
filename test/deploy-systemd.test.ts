import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../server/config';

/**
 * The systemd units of docs/deploy/ (issue 15 item 4): what they promise, read from the files,
 * and `systemd-analyze verify` where the machine has it (skipped with a notice where it does
 * not, CI included: a container without systemd is a normal place to run the tests).
 */
const DIR = path.join(ROOT, 'docs', 'deploy');
const UNITS = ['sipas.service', 'sipas-backup.service', 'sipas-backup.timer'];

/** The unit's settings as "Section.Key" → values (a key may repeat). */
function parseUnit(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let section = '';
  for (const raw of fs.readFileSync(path.join(DIR, file), 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const s = /^\[(\w+)\]$/.exec(line);
    if (s) section = s[1]!;
    else {
      const [k, ...v] = line.split('=');
      out.set(`${section}.${k}`, [...(out.get(`${section}.${k}`) ?? []), v.join('=')]);
    }
  }
  return out;
}

describe('docs/deploy systemd units', () => {
  const server = parseUnit('sipas.service');
  const one = (u: Map<string, string[]>, key: string) => u.get(key)?.join(' ');

  it('sipas.service: a dedicated user, the data folder its only writable place, restarted on failure, started at boot, stopped with SIGTERM', () => {
    expect(one(server, 'Service.User')).toBe('sipas');
    expect(one(server, 'Service.StateDirectory')).toBe('sipas');
    expect(one(server, 'Service.ProtectSystem')).toBe('strict');
    expect(server.has('Service.ReadWritePaths')).toBe(false);
    expect(one(server, 'Service.Environment')).toContain('DATABASE_PATH=/var/lib/sipas/sipas.sqlite');
    expect(one(server, 'Service.Restart')).toBe('on-failure');
    expect(one(server, 'Install.WantedBy')).toBe('multi-user.target');
    expect(one(server, 'Service.KillSignal')).toBe('SIGTERM');
    // node itself, on the compiled build that `npm ci` makes, exactly what `npm start` runs.
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(one(server, 'Service.ExecStart')).toBe(`/usr/bin/${pkg.scripts.start}`);
    expect(pkg.scripts.prepare).toBe('npm run build');
  });

  it('the backup: a oneshot service run nightly by its timer, writing only the data folder and the second disk', () => {
    const backup = parseUnit('sipas-backup.service');
    const timer = parseUnit('sipas-backup.timer');
    expect(one(backup, 'Service.Type')).toBe('oneshot');
    expect(one(backup, 'Service.User')).toBe('sipas');
    expect(one(backup, 'Service.ExecStart')).toBe('/usr/bin/node dist/server/backup/backup.cli.js');
    expect(one(backup, 'Service.ReadWritePaths')).toBe('/var/lib/sipas -/mnt/sipas-backup');
    expect(one(timer, 'Timer.OnCalendar')).toBe('*-*-* 02:30:00 Asia/Ho_Chi_Minh');
    expect(one(timer, 'Timer.Persistent')).toBe('true');
    expect(one(timer, 'Install.WantedBy')).toBe('timers.target');
  });

  const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  const verify = analyze.status === 0 ? it : it.skip;
  if (analyze.status !== 0) console.warn('\n*** systemd-analyze verify SKIPPED: systemd-analyze is not on this machine ***\n');
  verify('passes systemd-analyze verify with no warning', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-units-'));
    // Where node lives elsewhere (nvm), point the units at this one: verify checks that ExecStart exists.
    for (const u of UNITS) fs.writeFileSync(path.join(dir, u), fs.readFileSync(path.join(DIR, u), 'utf8').replaceAll('/usr/bin/node', process.execPath));
    const r = spawnSync('systemd-analyze', ['verify', ...UNITS.map((u) => path.join(dir, u))], { encoding: 'utf8', env: { ...process.env, SYSTEMD_LOG_LEVEL: 'notice' } });
    fs.rmSync(dir, { recursive: true, force: true });
    expect({ status: r.status, out: `${r.stdout}${r.stderr}`.trim() }).toEqual({ status: 0, out: '' });
  });
});
