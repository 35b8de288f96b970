import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import Database from 'better-sqlite3';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { loadDefinitions } from '../server/surveys/definitions';
import { createApp } from '../server/app';
import { backupName, backupsToKeep, parseBackupName, type BackupFile } from '../server/backup/retention-plan';
import { runScheduledBackup } from '../server/backup/scheduled-backup';
import { apiKeyFor } from './helpers/figures-fixtures';

/** Issue 15 item 5: dated backups, a retention rule, a mirror on a second disk, and no key inside. */
const KEEP = { daily: 7, weekly: 4, monthly: 12 };
const DAY = 86400_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-bk-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the retention rule (7 daily, 4 weekly, 12 monthly)', () => {
  /** A nightly timer at 02:30 in Vietnam (19:30 UTC the day before), run for `days` days, each run pruning as the CLI does. */
  function runNightly(days: number, start = Date.UTC(2025, 0, 1, 19, 30)): BackupFile[] {
    let files: BackupFile[] = [];
    for (let d = 0; d < days; d++) {
      files.push({ name: backupName(new Date(start + d * DAY)), at: new Date(start + d * DAY) });
      const kept = backupsToKeep(files, KEEP);
      files = files.filter((f) => kept.has(f.name));
    }
    return files.sort((a, b) => b.at.getTime() - a.at.getTime());
  }
  const vnDay = (f: BackupFile) => new Date(f.at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

  it('after 400 nights: the last 7 days, one a week for 4 weeks, one a month for 12 months', () => {
    const files = runNightly(400);
    const days = files.map(vnDay);
    const newest = Date.parse(`${days[0]}T00:00:00Z`);
    expect(days.slice(0, 7)).toEqual(Array.from({ length: 7 }, (_, i) => new Date(newest - i * DAY).toISOString().slice(0, 10)));
    // One per calendar month for the last 12 months; beyond the daily and weekly ones, it is the month's last night.
    const months = [...new Set(days.map((d) => d.slice(0, 7)))];
    expect(months).toHaveLength(12);
    const lastDayOf = (m: string) => new Date(Date.parse(`${m}-01T00:00:00Z`) + 31 * DAY).toISOString().slice(0, 8) + '01';
    for (const m of months.slice(2)) expect(days.filter((d) => d.startsWith(m))).toEqual([new Date(Date.parse(`${lastDayOf(m)}T00:00:00Z`) - DAY).toISOString().slice(0, 10)]);
    expect(files.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(files.length).toBeGreaterThanOrEqual(12 + 6);
    const oldest = Date.parse(`${days.at(-1)}T00:00:00Z`);
    expect((newest - oldest) / DAY).toBeGreaterThan(300);
    expect((newest - oldest) / DAY).toBeLessThan(366);
  });

  it('keeps only the newest of several backups in a day, and always the newest one', () => {
    const at = (iso: string) => ({ name: backupName(new Date(iso)), at: new Date(iso) });
    const kept = backupsToKeep([at('2026-06-01T01:00:00Z'), at('2026-06-01T09:00:00Z'), at('2026-06-01T10:00:00Z')], { daily: 1, weekly: 0, monthly: 0 });
    expect([...kept]).toEqual(['sipas-20260601-100000Z.sqlite']);
  });

  it('names files by their UTC instant, and touches nothing it did not name', () => {
    expect(backupName(new Date('2026-12-02T11:41:07.123Z'))).toBe('sipas-20261202-114107Z.sqlite');
    expect(parseBackupName('sipas-20261202-114107Z.sqlite')?.at.toISOString()).toBe('2026-12-02T11:41:07.000Z');
    for (const other of ['notes.txt', 'sipas.sqlite', 'sipas-20261202-114107Z.sqlite.partial', 'sipas.key']) expect(parseBackupName(other)).toBeNull();
  });
});

describe('npm run backup (scheduled): into BACKUP_DIR, pruned, mirrored to BACKUP_COPY_DIR', () => {
  const file = path.join(dir, 'live', 'sipas.sqlite');
  const config = loadConfig({ DATABASE_PATH: file, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://sipas.example.vn', BACKUP_COPY_DIR: path.join(dir, 'second-disk') });
  const db = openDatabase(file);
  migrate(db);
  db.prepare("INSERT INTO units (code, name, type) VALUES ('bk-xa', 'Xã Sao Lưu', 'xa')").run();
  db.prepare("INSERT INTO services (code, name_vi) VALUES ('bk-dv', 'Hộ tịch')").run();
  db.prepare('INSERT INTO unit_services VALUES (1, 1)').run();
  afterAll(() => db.close());
  const opts = (iso: string) => ({ ...config.backup, now: new Date(iso) });

  it('refuses a second folder that is not there (an unmounted disk), keeping the local copy, recording nothing', async () => {
    await expect(runScheduledBackup(db, opts('2026-01-01T19:30:00Z'))).rejects.toThrow(/BACKUP_COPY_DIR .* is not a folder/);
    expect(fs.existsSync(path.join(dir, 'second-disk'))).toBe(false);
    expect(fs.readdirSync(config.backup.dir)).toEqual(['sipas-20260101-193000Z.sqlite']);
    expect(db.prepare("SELECT count(*) FROM settings WHERE key = 'last_backup'").pluck().get()).toBe(0);
  });

  it('writes a checked, self-contained copy; the second folder holds the same kept set; old ones go from both', async () => {
    fs.mkdirSync(path.join(dir, 'second-disk'));
    fs.writeFileSync(path.join(dir, 'second-disk', 'README.txt'), 'not ours');
    for (let d = 2; d <= 12; d++) await runScheduledBackup(db, opts(`2026-01-${String(d).padStart(2, '0')}T19:30:00Z`));
    const local = fs.readdirSync(config.backup.dir).sort();
    // Taken at 02:30 in Vietnam on 2..13 January 2026: the last 7 days (7..13 January), and for the
    // week of Monday 29 December its newest (4 January, taken 3 January UTC); 2 and 3 January go.
    expect(local).toEqual(['sipas-20260103-193000Z.sqlite', ...[6, 7, 8, 9, 10, 11, 12].map((d) => `sipas-202601${String(d).padStart(2, '0')}-193000Z.sqlite`)]);
    expect(fs.readdirSync(path.join(dir, 'second-disk')).sort()).toEqual([...local, 'README.txt'].sort());
    const copy = new Database(path.join(dir, 'second-disk', local.at(-1)!), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT name FROM units').pluck().all()).toEqual(['Xã Sao Lưu']);
    copy.close();
    for (const f of [path.join(config.backup.dir, local.at(-1)!), path.join(dir, 'second-disk', local.at(-1)!)]) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    expect(JSON.parse(db.prepare("SELECT value FROM settings WHERE key = 'last_backup'").pluck().get() as string)).toMatchObject({ at: '2026-01-12T19:30:00.000Z', file: 'sipas-20260112-193000Z.sqlite', copied: true });
  });

  it('never holds the invitation key: it stays in the key file beside the database', async () => {
    const app = createApp({ config, db, definitions: loadDefinitions(config.definitionsDir, config.surveyDefinition), logger: pino({ level: 'silent' }) });
    await request(app).post('/api/v1/invitations').set('Authorization', `Bearer ${apiKeyFor(db, 'bk-xa')}`).send({ unit: 'bk-xa', service: 'bk-dv', dossier: 'HS-77' }).expect(201);
    const key = fs.readFileSync(path.join(dir, 'live', 'sipas.key'), 'utf8').trim();
    const r = await runScheduledBackup(db, opts('2026-01-13T19:30:00Z'));
    const bytes = fs.readFileSync(r.file);
    expect(bytes.includes(key)).toBe(false);
    const copy = new Database(r.file, { readonly: true });
    expect(copy.prepare('SELECT key FROM settings').pluck().all()).not.toContain('invitation_secret');
    expect(copy.prepare('SELECT count(*) FROM invitations').pluck().get()).toBe(1);
    copy.close();
    expect(fs.readdirSync(config.backup.dir).some((f) => f.includes('key'))).toBe(false);
  });
});
