import request from 'supertest';
import { createTestApp, count } from './helpers/test-app';
import { apiKeyFor } from './helpers/figures-fixtures';
import { createRecountRepo } from '../server/figures/recount.repo';
import { seedDemoResponses } from '../server/seed/seed-responses';
import { loadConfig } from '../server/config';
import { loadDefinitions } from '../server/surveys/definitions';

const now = () => new Date('2025-07-15T20:00:00Z'); // 16/7/2025 03:00 in Vietnam

describe('synthetic demo responses', () => {
  test('a year up to yesterday (UTC+7), is_demo, counts consistent, rankings that differ; once only', async () => {
    const { app, db, core } = createTestApp({ now, demoResponses: true });
    const n = count(db, 'responses');
    expect(n).toBeGreaterThan(2000);
    expect(db.prepare('SELECT min(local_date) AS lo, max(local_date) AS hi, min(is_demo) AS demo FROM responses').get()).toEqual({ lo: expect.any(String), hi: '2025-07-15', demo: 1 });
    expect((db.prepare('SELECT min(local_date) AS lo FROM responses').get() as { lo: string }).lo >= '2024-07-16').toBe(true);
    expect(createRecountRepo(db).differences()).toEqual([]);
    const res = await request(app).get('/api/v1/figures?from=2024-07-16&to=2025-07-15&groupBy=unit').set('Authorization', `Bearer ${apiKeyFor(db, 'binh-dinh')}`);
    const sipas = (res.body.groups as { sipas: number }[]).map((g) => Math.round(g.sipas));
    expect(new Set(sipas).size).toBeGreaterThan(5);
    expect(res.body.sipas).toBeGreaterThan(60);
    const def = loadDefinitions(loadConfig({}).definitionsDir, 'sipas-2023').current;
    expect(seedDemoResponses(core, def, now())).toBe(0);
    expect(count(db, 'responses')).toBe(n);
  });

  test('tests get no synthetic responses unless they ask', () => {
    expect(count(createTestApp().db, 'responses')).toBe(0);
  });
});
