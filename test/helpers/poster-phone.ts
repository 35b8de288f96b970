import request from 'supertest';
import type { Db } from '../../server/db/open-database';
import { FLAG_RULES, rulesOf } from '../../server/abuse/flag-reasons';
import { createTestApp, sidOf, type TestApp } from './test-app';
import { buildWorld } from './world';

/**
 * The poster channel under a fake clock: phones that each keep their own cookies (GET the
 * form, wait like a person, POST it), from an address sent as X-Forwarded-For.
 */
export interface PosterScene {
  t: TestApp; code: string;
  /** Moves the app's clock on by this many seconds. */
  later: (seconds: number) => void;
  phone: (ip: string) => Phone;
  /** Every stored response in order: flagged, and the names of the rules it broke. */
  rows: () => { flagged: number; rules: string[] }[];
}
export interface Phone {
  agent: ReturnType<typeof request.agent>;
  /** GET the form: its submission id (the device cookie comes with the first one). */
  open: () => Promise<string>;
  /** POST a form with this id: the thank-you page (303). */
  send: (sid: string, body?: Record<string, string>) => Promise<request.Response>;
  /** open, `pause` seconds to answer, send. */
  answer: (pause?: number, body?: Record<string, string>) => Promise<request.Response>;
}

export function posterScene(env: NodeJS.ProcessEnv = {}): PosterScene {
  let now = new Date('2026-05-04T02:00:00Z');
  // POSTER_SID_MIN_SECONDS back at its default: the test helper sets 0 for tests of other things.
  const t = createTestApp({ seed: false, env: { POSTER_SID_MIN_SECONDS: '3', ...env }, now: () => now });
  t.app.set('trust proxy', true);
  const code = buildWorld(t.core).pointCode('xa-a1');
  const phone = (ip: string): Phone => {
    const agent = request.agent(t.app);
    const open = async () => sidOf((await agent.get(`/s/${code}`).set('X-Forwarded-For', ip).expect(200)).text);
    const send = (sid: string, body: Record<string, string> = { overall: '5' }) =>
      agent.post(`/s/${code}`).set('X-Forwarded-For', ip).type('form').send({ sid, ...body }).expect(303).expect('Location', `/s/${code}/thanks`);
    const answer = async (pause = 20, body?: Record<string, string>) => {
      const sid = await open();
      now = new Date(now.getTime() + pause * 1000);
      return send(sid, body);
    };
    return { agent, open, send, answer };
  };
  return {
    t, code, phone,
    later: (seconds) => void (now = new Date(now.getTime() + seconds * 1000)),
    rows: () => flagRows(t.db),
  };
}

export function flagRows(db: Db) {
  const rows = db.prepare('SELECT flagged, flag_reasons AS reasons FROM responses ORDER BY id').all() as { flagged: number; reasons: number }[];
  return rows.map((r) => ({ flagged: r.flagged, rules: rulesOf(r.reasons) }));
}

/** What a flagged row looks like: flagged, with these rules. */
export const flaggedBy = (...rules: (keyof typeof FLAG_RULES)[]) => ({ flagged: 1, rules });
export const clean = { flagged: 0, rules: [] };
