import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { FLAG_RULES } from '../server/abuse/flag-reasons';

/** Migration 017: why a response is flagged, kept consistent with `flagged` by the database itself. */
const insert = `INSERT INTO responses (submission_id, definition_id, definition_version, unit_id, channel, flagged, flag_reasons, lang, local_date, created_at)
  VALUES (?, 'sipas-2023', 2, 1, 'poster', ?, ?, 'vi', '2026-05-04', '2026-05-04T02:00:00.000Z')`;

describe('responses.flag_reasons', () => {
  const db = openDatabase(':memory:');
  migrate(db);
  db.prepare("INSERT INTO units (id, code, name, type) VALUES (1, 'xa-thu', 'Xã Thử', 'xa')").run();
  afterAll(() => db.close());

  it('refuses a row whose flagged does not follow its reasons, on insert and on update', () => {
    expect(() => db.prepare(insert).run('a'.repeat(22), 1, 0)).toThrow(/flagged must be 1 exactly when flag_reasons is not 0/);
    expect(() => db.prepare(insert).run('b'.repeat(22), 0, FLAG_RULES.honeypot)).toThrow(/flagged must be 1/);
    db.prepare(insert).run('c'.repeat(22), 1, FLAG_RULES.honeypot | FLAG_RULES.sid_fresh);
    db.prepare(insert).run('d'.repeat(22), 0, 0);
    expect(() => db.prepare('UPDATE responses SET flag_reasons = 0 WHERE flagged = 1').run()).toThrow(/flagged must be 1/);
    expect(() => db.prepare('UPDATE responses SET flagged = 1 WHERE flagged = 0').run()).toThrow(/flagged must be 1/);
    db.prepare('UPDATE responses SET flag_reasons = flag_reasons | ? WHERE flagged = 1').run(FLAG_RULES.no_device);
    expect(db.prepare('SELECT flagged, flag_reasons AS r FROM responses ORDER BY id').all()).toEqual([{ flagged: 1, r: 1 | 32 | 256 }, { flagged: 0, r: 0 }]);
  });
});

it('an upgrade keeps the responses flagged before 017 flagged, with the rule not known (“earlier”)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-017-'));
  const file = path.join(dir, 'old.sqlite');
  fs.copyFileSync(path.join(__dirname, 'fixtures', 'release-v8.sqlite'), file);
  const db = openDatabase(file);
  try {
    const before = db.prepare('SELECT id FROM responses WHERE flagged = 1 ORDER BY id').pluck().all();
    expect(before.length).toBeGreaterThan(0);
    migrate(db);
    expect(db.prepare('SELECT id FROM responses WHERE flagged = 1 ORDER BY id').pluck().all()).toEqual(before);
    expect(db.prepare('SELECT DISTINCT flag_reasons FROM responses WHERE flagged = 1').pluck().all()).toEqual([FLAG_RULES.earlier]);
    expect(db.prepare('SELECT count(*) FROM responses WHERE flagged = 0 AND flag_reasons <> 0').pluck().get()).toBe(0);
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
