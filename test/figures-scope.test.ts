import express from 'express';
import request from 'supertest';
import type { StaffUser } from '../server/auth/staff-user';
import { wireCore } from '../server/wiring';
import { createTestApp } from './helpers/test-app';
import { storeResponse, unitId } from './helpers/figures-fixtures';
import { buildWorld } from './helpers/world';

/** Huyện A (oversight) with Xã A Một and Xã A Hai, in a province of its own (test/helpers/world.ts). */
function withData() {
  const t = createTestApp({ seed: false });
  buildWorld(t.core);
  storeResponse(t.db, { unit: 'xa-a1', date: '2025-05-05', answers: { c15: '5' } });
  storeResponse(t.db, { unit: 'xa-a2', date: '2025-05-05', answers: { c15: '1' } });
  storeResponse(t.db, { unit: 'huyen-a', date: '2025-05-05', answers: { c15: '4' } });
  return t;
}

/** The app behind a stand-in for the staff session middleware of the auth branch. */
function asUser(app: express.Express, user: StaffUser) {
  return express().use((_req, res, next) => { res.locals.user = user; next(); }).use(app);
}

describe('who sees which units', () => {
  test('admin all units, oversight its subtree, counter staff its own unit only', async () => {
    const { app, db } = withData();
    const q = '/api/v1/figures?period=2025&groupBy=unit';
    const codes = (body: { groups: { unit: { code: string } }[] }) => body.groups.map((g) => g.unit.code).sort();
    const admin = await request(asUser(app, { id: 1, username: 'a', role: 'admin', unitId: unitId(db, 'xa-a1') })).get(q);
    expect(codes(admin.body)).toEqual(['huyen-a', 'xa-a1', 'xa-a2']);
    const oversight = asUser(app, { id: 2, username: 'o', role: 'oversight', unitId: unitId(db, 'huyen-a') });
    expect(codes((await request(oversight).get(q)).body)).toEqual(['huyen-a', 'xa-a1', 'xa-a2']);
    const counter = asUser(app, { id: 3, username: 'c', role: 'counter', unitId: unitId(db, 'xa-a1') });
    expect(codes((await request(counter).get(q)).body)).toEqual(['xa-a1']);
    // Counter staff of Huyện A's own office see that office, not the communes under it.
    const district = asUser(app, { id: 4, username: 'd', role: 'counter', unitId: unitId(db, 'huyen-a') });
    expect(codes((await request(district).get(q)).body)).toEqual(['huyen-a']);
    expect((await request(counter).get(`${q}&unit=xa-a2`)).status).toBe(403);
    expect((await request(oversight).get(`${q}&unit=tinh-thu`)).status).toBe(403);
  });

  test('keys are listed without their secret, and a revoked key stops working', async () => {
    const { app, db } = withData();
    const keys = wireCore(db).apiKeys;
    const { id, key } = keys.create({ unitCode: 'xa-a1', label: 'Báo cáo quý' });
    expect(db.prepare('SELECT count(*) AS n FROM api_keys WHERE key_hash = ?').get(key)).toEqual({ n: 0 });
    expect(keys.list()).toMatchObject([{ id, unitCode: 'xa-a1', label: 'Báo cáo quý', revokedAt: null }]);
    expect(JSON.stringify(keys.list())).not.toContain(key);
    expect((await request(app).get('/api/v1/figures?period=2025').set('Authorization', `Bearer ${key}`)).status).toBe(200);
    expect(keys.revoke(id)).toBe(true);
    expect(keys.revoke(id)).toBe(false);
    const after = await request(app).get('/api/v1/figures?period=2025').set('Authorization', `Bearer ${key}`);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('figures.errors.bad_key');
  });

  test('a successor unit can include the past responses of the units merged into it', async () => {
    const { app, db } = withData();
    // Two old communes merged on 1/7/2025 into Xã A Một; one of them had first absorbed a third.
    const add = db.prepare("INSERT INTO units (code, name, type, parent_id, successor_id, active) VALUES (?, ?, 'xa', ?, ?, 0)");
    const xaA1 = unitId(db, 'xa-a1');
    const oldA = Number(add.run('old-a', 'Xã Cũ A', null, xaA1).lastInsertRowid);
    add.run('old-b', 'Xã Cũ B', null, oldA);
    storeResponse(db, { unit: 'old-a', date: '2025-02-01', answers: { c15: '4' } });
    storeResponse(db, { unit: 'old-b', date: '2025-02-01', answers: { c15: '2' } });
    const key = wireCore(db).apiKeys.create({ unitCode: 'xa-a1', label: 'x' }).key;
    const get = (extra: string) => request(app).get(`/api/v1/figures?period=2025&unit=xa-a1&groupBy=unit${extra}`).set('Authorization', `Bearer ${key}`);
    const plain = await get('');
    expect(plain.body.criteria[0]).toMatchObject({ n: 1, index: 100 });
    const merged = await get('&includeMerged=true');
    // 5, 4, 2 → 2 of 3 satisfied, all in Xã A Một's one group.
    expect(merged.body.criteria[0]).toMatchObject({ n: 3, counts: { 2: 1, 4: 1, 5: 1 } });
    expect(merged.body.groups).toHaveLength(1);
    expect(merged.body.groups[0]).toMatchObject({ unit: { code: 'xa-a1' }, responses: 3 });
  });
});
