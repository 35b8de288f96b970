import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestApp, count, pointCode, sidOf } from './helpers/test-app';
import { storeResponse } from './helpers/figures-fixtures';
import { backupDatabase } from '../server/backup/backup';
import { openDatabase } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { applyCommentRetention, scheduleCommentRetention } from '../server/retention/retention';
import pino from 'pino';

describe('online backup', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-backup-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a backup taken while submissions keep coming restores with every row stored before it', async () => {
    const t = createTestApp();
    const code = pointCode(t.db, true);
    const submit = async () => {
      const page = await request(t.app).get(`/s/${code}`);
      return (await request(t.app).post(`/s/${code}`).type('form').send({ sid: sidOf(page.text), overall: '4', c15: '5', comment: 'Rất tốt' })).status;
    };
    for (let i = 0; i < 30; i++) expect(await submit()).toBe(303);
    const before = t.db.prepare('SELECT submission_id FROM responses ORDER BY id').pluck().all();
    const file = path.join(dir, 'nested', 'backup.sqlite');
    // The server keeps answering during the backup.
    const [result, ...during] = await Promise.all([backupDatabase(t.db, file), submit(), submit(), submit()]);
    expect(during).toEqual([303, 303, 303]);
    expect(result.pages).toBeGreaterThan(0);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    // Restore: copy the file into place and open it as the server would.
    const restoredPath = path.join(dir, 'restored.sqlite');
    fs.copyFileSync(file, restoredPath);
    const restored = openDatabase(restoredPath);
    expect(migrate(restored)).toBe(0);
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    const got = new Set(restored.prepare('SELECT submission_id FROM responses').pluck().all());
    expect(before.filter((sid) => !got.has(sid))).toEqual([]);
    for (const table of ['units', 'collection_points', 'services', 'answers', 'text_answers', 'answer_counts']) expect(count(restored, table)).toBeGreaterThan(0);
    expect(count(restored, 'units')).toBe(count(t.db, 'units'));
    restored.close();
  });
});

describe('comment retention (COMMENT_RETENTION_MONTHS)', () => {
  const setup = () => {
    const t = createTestApp();
    storeResponse(t.db, { unit: 'xa-binh-an', date: '2024-01-10', answers: { overall: '5', c15: '4' }, texts: { comment: 'Cũ: cán bộ tận tình' } });
    storeResponse(t.db, { unit: 'xa-binh-an', date: '2025-05-20', answers: { overall: '3' }, texts: { comment: 'Mới: chờ lâu' } });
    return t;
  };
  const texts = (t: ReturnType<typeof setup>) => t.db.prepare('SELECT text FROM text_answers ORDER BY response_id').pluck().all();

  test('blanks comments older than N months and keeps every rating and count', () => {
    const t = setup();
    const answers = count(t.db, 'answers');
    const counts = t.db.prepare('SELECT * FROM answer_counts ORDER BY 1,2,3,4,5,6,7,8,9').all();
    expect(applyCommentRetention(t.core.repos.retention, 12, new Date('2025-06-01T00:00:00Z'))).toBe(1);
    expect(texts(t)).toEqual(['', 'Mới: chờ lâu']);
    expect(count(t.db, 'answers')).toBe(answers);
    expect(t.db.prepare('SELECT * FROM answer_counts ORDER BY 1,2,3,4,5,6,7,8,9').all()).toEqual(counts);
    expect(applyCommentRetention(t.core.repos.retention, 12, new Date('2025-06-01T00:00:00Z'))).toBe(0);
  });

  test('0 keeps everything; the schedule runs at once and its timer does not hold the process', () => {
    const t = setup();
    expect(applyCommentRetention(t.core.repos.retention, 0, new Date('2030-01-01T00:00:00Z'))).toBe(0);
    expect(texts(t)).toEqual(['Cũ: cán bộ tận tình', 'Mới: chờ lâu']);
    const interval = jest.spyOn(global, 'setInterval');
    const stop = scheduleCommentRetention(t.core.repos.retention, 1, pino({ level: 'silent' }), () => new Date('2025-06-01T00:00:00Z'));
    expect(texts(t)).toEqual(['', 'Mới: chờ lâu']);
    expect((interval.mock.results[0]!.value as NodeJS.Timeout).hasRef()).toBe(false);
    interval.mockRestore();
    stop();
  });

  test('the setting is read from the environment, blank meaning keep', () => {
    expect(createTestApp({ env: { COMMENT_RETENTION_MONTHS: '18' } }).config.commentRetentionMonths).toBe(18);
    expect(createTestApp({ env: { COMMENT_RETENTION_MONTHS: '' } }).config.commentRetentionMonths).toBe(0);
    expect(() => createTestApp({ env: { COMMENT_RETENTION_MONTHS: '-1' } })).toThrow(/COMMENT_RETENTION_MONTHS/);
  });
});
