import crypto from 'node:crypto';
import request from 'supertest';
import { count } from './helpers/test-app';
import { apiKeyFor } from './helpers/figures-fixtures';
import { clean, flaggedBy, posterScene, type PosterScene } from './helpers/poster-phone';

let s: PosterScene;
beforeEach(() => {
  s = posterScene();
});
const countsFlagged = () => s.t.db.prepare("SELECT flagged, n FROM answer_counts WHERE question_id = '_response' ORDER BY flagged").all();

describe('poster abuse rules (responses are kept, flagged ones are marked with why)', () => {
  it('the form carries a honeypot labelled for screen readers, hidden and out of the tab order', async () => {
    const html = (await request(s.t.app).get(`/s/${s.code}`)).text;
    expect(html).toMatch(/<div class="vh"><label for="in-website">Để trống ô này<\/label><input id="in-website" name="website" tabindex="-1" autocomplete="off"><\/div>/);
  });

  it('a filled honeypot is kept but flagged; the thank-you page is the same', async () => {
    await s.phone('198.51.100.7').answer(20, { overall: '5', website: 'http://spam.example' });
    expect(s.rows()).toEqual([flaggedBy('honeypot')]);
    expect(countsFlagged()).toEqual([{ flagged: 1, n: 1 }]);
  });

  it('a second response from the same device at the same point within the interval is flagged; later it is not', async () => {
    const p = s.phone('198.51.100.7');
    await p.answer();
    await p.answer();
    s.later(601);
    await p.answer();
    expect(s.rows()).toEqual([clean, flaggedBy('device_interval'), clean]);
    expect(countsFlagged()).toEqual([{ flagged: 0, n: 2 }, { flagged: 1, n: 1 }]);
    expect(s.t.db.prepare("SELECT flagged, value FROM answer_counts WHERE question_id = 'overall' ORDER BY flagged").all()).toEqual([{ flagged: 0, value: '5' }, { flagged: 1, value: '5' }]);
  });

  it('12 people behind one counter Wi-Fi address, over 10 minutes, each with a phone of their own: none is flagged', async () => {
    // Person i scans the poster at i × 45 s and takes 8–37 s to answer; the steps interleave.
    const people = Array.from({ length: 12 }, (_, i) => ({ phone: s.phone('203.0.113.50'), opens: i * 45, sends: i * 45 + 8 + ((i * 7) % 30), sid: '' }));
    const events = people.flatMap((p) => [{ at: p.opens, p, step: 'open' }, { at: p.sends, p, step: 'send' }]).sort((a, b) => a.at - b.at);
    let clock = 0;
    for (const e of events) {
      s.later(e.at - clock);
      clock = e.at;
      if (e.step === 'open') e.p.sid = await e.p.phone.open();
      else await e.p.phone.send(e.p.sid, { overall: '4' });
    }
    expect(clock).toBeLessThan(600);
    expect(s.rows()).toEqual(Array(12).fill(clean));
    expect(s.t.db.prepare('SELECT count(*) FROM responses WHERE flagged = 0 AND flag_reasons = 0').pluck().get()).toBe(12);
  });

  it('a scripted burst (80 POSTs in 0.6 s, no cookie or a new one each time, invented ids) is stored, every one flagged with why', async () => {
    const ip = '203.0.113.60';
    for (let i = 0; i < 80; i++) {
      const post = request(s.t.app).post(`/s/${s.code}`).set('X-Forwarded-For', ip).type('form');
      if (i % 2) post.set('Cookie', `sipas_dev=${crypto.randomBytes(16).toString('base64url')}`);
      const res = await post.send({ sid: crypto.randomBytes(16).toString('base64url'), overall: '5' });
      expect([res.status, res.headers.location]).toEqual([303, `/s/${s.code}/thanks`]);
      s.later(0.0075);
    }
    const rows = s.rows();
    expect(rows).toHaveLength(80);
    expect(rows.filter((_, i) => i % 2 === 0)).toEqual(Array(40).fill(flaggedBy('sid_unsigned', 'no_device')));
    expect(rows.filter((_, i) => i % 2 === 1)).toEqual(Array(40).fill(flaggedBy('sid_unsigned')));
    expect(countsFlagged()).toEqual([{ flagged: 1, n: 80 }]);
    // The people on the same Wi-Fi meanwhile are not crowded out by the script's invented ids.
    await s.phone(ip).answer();
    expect(s.rows()[80]).toEqual(clean);
  });

  it('a script that fetches real forms, each with a new cookie: beyond 30 in a sliding 10 minutes from one address, flagged', async () => {
    const ip = '203.0.113.70';
    const phones = await Promise.all(Array.from({ length: 40 }, async () => {
      const p = s.phone(ip);
      return { p, sid: await p.open() };
    }));
    s.later(5);
    for (const { p, sid } of phones) await p.send(sid);
    expect(s.rows()).toEqual([...Array(30).fill(clean), ...Array(10).fill(flaggedBy('address_window'))]);
    // Another address at the same counter is not concerned.
    await s.phone('203.0.113.71').answer();
    // Five minutes on (a clock-minute bucket would have started afresh long ago): still the same window.
    s.later(280);
    await s.phone(ip).answer();
    // Once the burst has slid out of the last 10 minutes, the address counts afresh.
    s.later(300);
    await s.phone(ip).answer();
    expect(s.rows().slice(40)).toEqual([clean, flaggedBy('address_window'), clean]);
    expect(count(s.t.db, 'responses')).toBe(43);
  });

  it('stores no address, not even its hash', async () => {
    await s.phone('192.0.2.77').answer();
    const tables = s.t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const dump = tables.map((name) => JSON.stringify(s.t.db.prepare(`SELECT * FROM ${name}`).all())).join('');
    expect(dump).not.toContain('192.0.2.77');
    expect(tables).not.toContain('address_hashes');
  });

  it('figures leave flagged responses out unless asked, and say how many were flagged', async () => {
    const p = s.phone('198.51.100.7');
    await p.answer(20, { overall: '5' });
    await p.answer(20, { overall: '1' });
    const key = apiKeyFor(s.t.db, 'tinh-thu');
    const get = (q: string) => request(s.t.app).get(`/api/v1/figures?from=2026-05-01&to=2026-05-31${q}`).set('Authorization', `Bearer ${key}`).expect(200);
    expect((await get('')).body).toMatchObject({ responses: 1, flaggedResponses: 1, overall: { n: 1, rate: 100 } });
    expect((await get('&includeFlagged=true')).body).toMatchObject({ responses: 2, flaggedResponses: 1, overall: { n: 2, rate: 50 } });
  });
});
