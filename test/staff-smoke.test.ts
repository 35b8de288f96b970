import { createTestApp } from './helpers/test-app';
import { createUser, login } from './helpers/staff';

test('smoke', async () => {
  const { app, db } = createTestApp();
  await createUser(db, 'admin1', 'admin', 'binh-dinh');
  const a = await login(app, 'admin1');
  for (const p of ['/staff', '/staff/units', '/staff/services', '/staff/users', '/staff/import', '/staff/units/3', '/staff/points/1', '/staff/points/1/poster?size=A5', '/staff/units/3/posters', '/staff/services/1', '/staff/points/1/qr.png', '/staff/points/1/qr.svg']) {
    const r = await a.get(p);
    if (r.status !== 200) console.log(p, r.status, r.text.slice(0, 2000));
    expect(r.status).toBe(200);
  }
});
