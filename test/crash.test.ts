import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { freePort, startServer, waitFor, type Running } from './helpers/server-process';

/**
 * Crash safety: submissions flow without pause to the real server on loopback, which is
 * killed with SIGKILL at random moments and restarted, CRASH_KILLS times (default 10).
 * Afterwards every acknowledged (303) response is stored, whole, once; the counts moved with
 * them; and PRAGMA integrity_check is ok. CRASH_SYNC=FULL runs it with synchronous=FULL.
 */
const KILLS = Number(process.env.CRASH_KILLS ?? 10);
const SENDERS = 4;
jest.setTimeout(Math.max(120_000, KILLS * 15_000));

const CHOICES = 22; // overall + 19 criteria + 2 priorities, as below
function form(sid: string): string {
  const a: Record<string, string> = { sid, overall: String(1 + crypto.randomInt(5)), p_info: 'nhieu', p_digital: 'rat_nhieu', comment: `Phiếu ${sid}: cán bộ nhiệt tình` };
  for (let c = 15; c <= 33; c++) a[`c${c}`] = crypto.randomInt(10) === 0 ? 'na' : String(1 + crypto.randomInt(5));
  return new URLSearchParams(a).toString();
}
const newSid = () => Date.now().toString(36).padStart(9, '0') + crypto.randomBytes(12).toString('base64url');

describe(`crash safety: ${KILLS} × SIGKILL under a flow of submissions`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-crash-'));
  const dbPath = path.join(dir, 'crash.sqlite');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function start(): Promise<{ server: Running; base: string }> {
    const port = await freePort();
    const server = startServer({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: dbPath, DB_SYNCHRONOUS: process.env.CRASH_SYNC === 'FULL' ? 'FULL' : 'NORMAL', LOG_LEVEL: 'info' });
    await waitFor(server, 'listening', 60_000);
    return { server, base: `http://127.0.0.1:${port}` };
  }

  test('every acknowledged response is stored, whole and once; the database is intact', async () => {
    const acked = new Set<string>();
    const sentIds = new Set<string>();
    let sent = 0, failed = 0, resent = 0;
    const ownRows = () => {
      const reader = new Database(dbPath, { readonly: true });
      const n = reader.prepare('SELECT count(*) FROM responses WHERE is_demo = 0').pluck().get() as number;
      reader.close();
      return n;
    };
    let { server, base } = await start();
    const surveyPath = /\/s\/[\w-]+/.exec(server.output())![0];

    const post = async (sid: string) => {
      const res = await fetch(base + surveyPath, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(sid) });
      await res.arrayBuffer();
      return res.status;
    };

    for (let round = 1; round <= KILLS; round++) {
      let running = true;
      const senders = Array.from({ length: SENDERS }, async () => {
        while (running) {
          const sid = newSid();
          sentIds.add(sid);
          sent++;
          try {
            const status = await post(sid);
            if (status === 303) acked.add(sid);
            else throw new Error(`status ${status}`);
          } catch {
            failed++;
            if (server.child.exitCode !== null || server.child.signalCode !== null) return;
          }
        }
      });
      await new Promise((r) => setTimeout(r, 200 + crypto.randomInt(1300)));
      server.child.kill('SIGKILL');
      await server.exited;
      running = false;
      await Promise.all(senders);
      ({ server, base } = await start());
      // Resending acknowledged forms (a citizen pressing "send" again after a crash) stores nothing new.
      const before = ownRows();
      for (const sid of [...acked].slice(-3)) {
        expect(await post(sid)).toBe(303);
        resent++;
      }
      expect(ownRows()).toBe(before);
    }
    server.child.kill('SIGTERM');
    await server.exited;
    console.log(`crash test: ${KILLS} kills, ${sent} sent, ${acked.size} acknowledged, ${failed} cut off by a kill`);

    const db = new Database(dbPath, { readonly: true });
    const stored = new Set(db.prepare("SELECT submission_id FROM responses WHERE is_demo = 0").pluck().all() as string[]);
    expect([...acked].filter((sid) => !stored.has(sid))).toEqual([]);
    expect(acked.size).toBeGreaterThan(KILLS * 5);
    // Nothing stored that was not sent (submission_id is UNIQUE, so none is stored twice).
    expect([...stored].filter((sid) => !sentIds.has(sid))).toEqual([]);
    expect(resent).toBeGreaterThan(0);
    // Whole: each of our responses has all of its answers and its comment; counts moved with the rows.
    expect(db.prepare(`SELECT count(*) FROM responses r WHERE is_demo = 0 AND ((SELECT count(*) FROM answers a WHERE a.response_id = r.id) <> ${CHOICES}
      OR (SELECT count(*) FROM text_answers x WHERE x.response_id = r.id) <> 1)`).pluck().get()).toBe(0);
    expect(db.prepare("SELECT sum(n) FROM answer_counts WHERE question_id = '_response'").pluck().get()).toBe(db.prepare('SELECT count(*) FROM responses').pluck().get());
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
