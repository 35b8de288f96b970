import request from 'supertest';
import { addressGroup } from '../server/abuse/address-limits';
import { login } from './helpers/staff';
import { clean, flaggedBy, posterScene } from './helpers/poster-phone';
import { worldStaff } from './helpers/world';

/** The same id with one character of its part `at` (0: time, 9: random, 21: server tag, 33: device tag) changed. */
const tamper = (sid: string, at: number) => sid.slice(0, at) + (sid[at] === 'A' ? 'B' : 'A') + sid.slice(at + 1);

describe('submission ids the server issued, to this device, a few seconds to some hours before', () => {
  it('an id the server signed, sent after a person’s pause from the device it went to, is clean; its shape says no more than that', async () => {
    const s = posterScene();
    const p = s.phone('198.51.100.1');
    const sid = await p.open();
    expect(sid).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{36}$/);
    s.later(4);
    await p.send(sid);
    expect(s.rows()).toEqual([clean]);
  });

  it('a forged id (any part changed), a too fresh one, a too old one, and one of another device are stored but flagged', async () => {
    const s = posterScene();
    const ip = '198.51.100.2';
    for (const part of [0, 9, 21]) {
      const p = s.phone(ip);
      const sid = await p.open();
      s.later(700);
      await p.send(tamper(sid, part));
    }
    const quick = s.phone(ip);
    const sid = await quick.open();
    s.later(2);
    await quick.send(sid);
    const slow = s.phone(ip);
    const old = await slow.open();
    s.later(6 * 3600 + 60);
    await slow.send(old);
    const [a, b] = [s.phone(ip), s.phone(ip)];
    const mine = await a.open();
    await b.open();
    s.later(20);
    await b.send(mine);
    // Its device tag changed: it reads as an id of another device (it is flagged either way).
    const c = s.phone(ip);
    const own = await c.open();
    s.later(700);
    await c.send(tamper(own, 33));
    expect(s.rows()).toEqual([
      flaggedBy('sid_unsigned'), flaggedBy('sid_unsigned'), flaggedBy('sid_unsigned'),
      flaggedBy('sid_fresh'), flaggedBy('sid_stale'), flaggedBy('sid_device'), flaggedBy('sid_device'),
    ]);
  });

  it('a POST without the device cookie its GET set is flagged', async () => {
    const s = posterScene();
    const sid = await s.phone('198.51.100.3').open();
    s.later(20);
    await request(s.t.app).post(`/s/${s.code}`).set('X-Forwarded-For', '198.51.100.3').type('form').send({ sid, overall: '5' }).expect(303);
    expect(s.rows()).toEqual([flaggedBy('no_device')]);
  });

  it('an id is used once: sent again, it stores nothing; from another device it never opens the first one’s detail steps', async () => {
    const s = posterScene();
    const [owner, other] = [s.phone('198.51.100.4'), s.phone('198.51.100.5')];
    const sid = await owner.open();
    await other.open();
    s.later(20);
    await owner.send(sid);
    const copied = await other.send(sid, { overall: '1' });
    expect(String(copied.headers['set-cookie'] ?? '')).not.toContain('sipas_more');
    await other.agent.get(`/s/${s.code}/step/2`).expect(410);
    const again = await owner.send(sid);
    expect(String(again.headers['set-cookie'])).toContain('sipas_more=');
    await owner.agent.get(`/s/${s.code}/step/2`).expect(200);
    expect(s.t.db.prepare("SELECT value FROM answers WHERE question_id = 'overall'").pluck().all()).toEqual(['5']);
    expect(s.rows()).toEqual([clean]);
  });
});

describe('addresses as the rules count them', () => {
  it('groups IPv6 by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(addressGroup('2001:db8:5:6::1')).toBe('2001:db8:5:6::/64');
    expect(addressGroup('2001:0db8:0005:0006:ffff:1:2:3')).toBe('2001:db8:5:6::/64');
    expect(addressGroup('2001:db8:5:7::1')).toBe('2001:db8:5:7::/64');
    expect(addressGroup('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressGroup('203.0.113.9')).toBe('203.0.113.9');
  });

  it('the addresses of one IPv6 /64 share one window; another /64 has its own', async () => {
    const s = posterScene({ POSTER_WINDOW_MAX: '3' });
    for (const ip of ['2001:db8:5:6::1', '2001:db8:5:6:a::2', '2001:db8:5:6:ffff:1:2:3', '2001:db8:5:6::4', '2001:db8:5:7::1']) await s.phone(ip).answer(5);
    expect(s.rows()).toEqual([clean, clean, clean, flaggedBy('address_window'), clean]);
  });

  it('a daily cap per address and counter, however slowly they come; the next day counts afresh', async () => {
    const s = posterScene({ POSTER_DAILY_MAX: '40' });
    for (let wave = 0; wave < 3; wave++) {
      for (let i = 0; i < 20; i++) await s.phone('203.0.113.80').answer(5);
      s.later(11 * 60);
    }
    s.later(86400);
    await s.phone('203.0.113.80').answer(5);
    expect(s.rows()).toEqual([...Array(40).fill(clean), ...Array(20).fill(flaggedBy('address_daily')), clean]);
  });
});

describe('the dashboard says how many responses each rule flagged', () => {
  it('in the selected period and units, in Vietnamese and English', async () => {
    const s = posterScene({ POSTER_WINDOW_MAX: '2' });
    await worldStaff(s.t.db);
    const ip = '198.51.100.9';
    await s.phone(ip).answer(20, { overall: '4', website: 'x' }); // honeypot
    await s.phone(ip).answer(20); // second from this address: clean
    await s.phone(ip).answer(1); // too fresh, third in the window
    await request(s.t.app).post(`/s/${s.code}`).set('X-Forwarded-For', ip).type('form').send({ sid: 'abcdefghijklmnopqrstuv', overall: '5' }).expect(303);
    expect(s.rows()).toEqual([flaggedBy('honeypot'), clean, flaggedBy('address_window', 'sid_fresh'), flaggedBy('sid_unsigned', 'no_device')]);

    const rows = (html: string) => [...html.matchAll(/<tr data-rule="(\w+)"><th scope="row">([^<]+)<\/th><td class="num">(\d+)<\/td><\/tr>/g)].map((m) => [m[1], m[2], Number(m[3])]);
    const admin = await login(s.t.app, 'w-admin');
    const vi = (await admin.get('/staff/dashboard?period=2026-05').expect(200)).text;
    expect(vi).toContain('3 phiếu nghi vấn trong kỳ, theo quy tắc phát hiện');
    expect(rows(vi)).toEqual([
      ['honeypot', 'Ô ẩn chống gửi tự động đã bị điền', 1],
      ['address_window', 'Quá nhiều phiếu từ một địa chỉ mạng tại cùng quầy trong thời gian ngắn', 1],
      ['sid_unsigned', 'Mã phiếu không do hệ thống cấp (tự tạo hoặc giả mạo)', 1],
      ['sid_fresh', 'Gửi quá nhanh sau khi mở phiếu', 1],
      ['no_device', 'Gửi không kèm cookie thiết bị mà trang khảo sát đã cấp', 1],
    ]);
    const en = (await admin.get('/staff/dashboard?period=2026-05&lang=en').expect(200)).text;
    expect(rows(en).map((r) => r[1])).toContain('Submission id not issued by the server (invented or forged)');
    // Another period, or units without these responses: no such table.
    expect((await admin.get('/staff/dashboard?period=2026-04').expect(200)).text).not.toContain('id="flag-rules"');
    expect((await admin.get('/staff/dashboard?period=2026-05&unit=huyen-b').expect(200)).text).not.toContain('id="flag-rules"');
  });
});
