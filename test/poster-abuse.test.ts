import request from 'supertest';
import { count, createTestApp, pointCode, sidOf, type TestApp } from './helpers/test-app';
import { apiKeyFor } from './helpers/figures-fixtures';

let t: TestApp;
let code: string;
let now = new Date('2026-05-04T02:00:00Z');
const env = { POSTER_MIN_INTERVAL_SECONDS: '600', POSTER_BURST_PER_MINUTE: '12' };
beforeEach(() => {
  now = new Date('2026-05-04T02:00:00Z');
  t = createTestApp({ env, now: () => now });
  code = pointCode(t.db, true);
});

/** One phone: GET the form (the device cookie comes with it), then POST it, from `ip`. */
async function phone(ip = '198.51.100.7') {
  const agent = request.agent(t.app);
  const submit = async (body: Record<string, string> = { overall: '5' }) => {
    const page = await agent.get(`/s/${code}`).set('X-Forwarded-For', ip).expect(200);
    return agent.post(`/s/${code}`).set('X-Forwarded-For', ip).type('form').send({ sid: sidOf(page.text), ...body }).expect(303);
  };
  return { agent, submit };
}
const flags = () => t.db.prepare('SELECT flagged FROM responses ORDER BY id').pluck().all();
const countsFlagged = () => t.db.prepare("SELECT flagged, n FROM answer_counts WHERE question_id = '_response' ORDER BY flagged").all();

describe('poster abuse rules (responses are kept, flagged ones are marked)', () => {
  beforeEach(() => t.app.set('trust proxy', true));

  it('the form carries a honeypot labelled for screen readers, hidden and out of the tab order', async () => {
    const html = (await request(t.app).get(`/s/${code}`)).text;
    expect(html).toMatch(/<div class="vh"><label for="in-website">Để trống ô này<\/label><input id="in-website" name="website" tabindex="-1" autocomplete="off"><\/div>/);
  });

  it('a filled honeypot is kept but flagged; the thank-you page is the same', async () => {
    const p = await phone();
    const res = await p.submit({ overall: '5', website: 'http://spam.example' });
    expect(res.headers.location).toBe(`/s/${code}/thanks`);
    expect(flags()).toEqual([1]);
    expect(countsFlagged()).toEqual([{ flagged: 1, n: 1 }]);
  });

  it('a second response from the same device at the same point within the interval is flagged; later it is not', async () => {
    const p = await phone();
    await p.submit();
    await p.submit();
    now = new Date(now.getTime() + 601_000);
    await p.submit();
    expect(flags()).toEqual([0, 1, 0]);
    expect(countsFlagged()).toEqual([{ flagged: 0, n: 2 }, { flagged: 1, n: 1 }]);
    expect(t.db.prepare("SELECT flagged, value FROM answer_counts WHERE question_id = 'overall' ORDER BY flagged").all()).toEqual([{ flagged: 0, value: '5' }, { flagged: 1, value: '5' }]);
  });

  it('many distinct devices behind one counter Wi-Fi address are all accepted unflagged', async () => {
    for (let i = 0; i < 12; i++) await (await phone('203.0.113.50')).submit();
    expect(flags()).toEqual(Array(12).fill(0));
  });

  it('beyond the per-minute burst from one address at one point, responses are flagged; the next minute is fresh', async () => {
    for (let i = 0; i < 14; i++) await (await phone('203.0.113.60')).submit();
    expect(flags().filter((f) => f === 1)).toHaveLength(2);
    await (await phone('203.0.113.61')).submit();
    now = new Date(now.getTime() + 60_000);
    await (await phone('203.0.113.60')).submit();
    expect(flags().slice(-2)).toEqual([0, 0]);
    expect(count(t.db, 'responses')).toBe(16);
  });

  it('stores no address, not even its hash', async () => {
    await (await phone('192.0.2.77')).submit();
    const tables = t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const dump = tables.map((name) => JSON.stringify(t.db.prepare(`SELECT * FROM ${name}`).all())).join('');
    expect(dump).not.toContain('192.0.2.77');
    expect(tables).not.toContain('address_hashes');
  });

  it('figures leave flagged responses out unless asked, and say how many were flagged', async () => {
    const p = await phone();
    await p.submit({ overall: '5' });
    await p.submit({ overall: '1' });
    const key = apiKeyFor(t.db, 'tinh-gia-lai');
    const get = (q: string) => request(t.app).get(`/api/v1/figures?from=2026-05-01&to=2026-05-31${q}`).set('Authorization', `Bearer ${key}`).expect(200);
    const without = (await get('')).body;
    expect(without).toMatchObject({ responses: 1, flaggedResponses: 1, overall: { n: 1, rate: 100 } });
    const withFlagged = (await get('&includeFlagged=true')).body;
    expect(withFlagged).toMatchObject({ responses: 2, flaggedResponses: 1, overall: { n: 2, rate: 50 } });
  });
});
