import crypto from 'node:crypto';
import { loadConfig } from '../../server/config';
import { loadDefinitions } from '../../server/surveys/definitions';
import { createResponsesRepo } from '../../server/responses/responses.repo';
import type { CountsRead } from '../../server/figures/figures.repo';
import { createTestApp } from './test-app';

export const definition = loadDefinitions(loadConfig({}).definitionsDir, 'sipas-2023').current;
const DAY_MS = 86_400_000;

/** mulberry32: the same "random" fixture on every run. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export type Rand = ReturnType<typeof random>;
export const pick = <T>(rand: Rand, xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
export const dayAfter = (start: string, days: number) => new Date(Date.parse(`${start}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** `n` responses from 1 Nov 2023 to 15 Jun 2025 over every unit, service, point, with profile answers and flags. */
export function seeded(n = 1500, seed = 7) {
  const { db } = createTestApp();
  const rand = random(seed);
  const ids = (sql: string) => (db.prepare(sql).all() as { id: number; unitId?: number }[]);
  const units = ids('SELECT id FROM units').map((u) => u.id);
  const services = [null, ...ids('SELECT id FROM services').map((s) => s.id)];
  const points = ids('SELECT id, unit_id AS unitId FROM collection_points');
  const store = createResponsesRepo(db).store;
  const questions = [...definition.questions.values()].filter((q) => q.type !== 'text');
  for (let i = 0; i < n; i++) {
    const point = rand() < 0.5 ? pick(rand, points) : null;
    const localDate = dayAfter('2023-11-01', Math.floor(rand() * 593));
    const choices = questions.filter(() => rand() < 0.6).map((q) => ({
      questionId: q.id,
      value: q.type === 'likert5' ? pick(rand, ['1', '2', '3', '4', '5', 'na']) : pick(rand, q.options.map((o) => o.value)),
    }));
    store({
      submissionId: crypto.randomUUID(), definitionId: definition.id, definitionVersion: rand() < 0.2 ? 2 : 1, unitId: point?.unitId ?? pick(rand, units),
      pointId: point?.id ?? null, serviceId: pick(rand, services), procedureId: null, channel: 'poster', verified: false, flagged: rand() < 0.1,
      isDemo: false, lang: 'vi', localDate, createdAt: `${localDate}T01:00:00.000Z`, choices, texts: [],
    });
  }
  return { db, units, services: services.filter((s): s is number => s !== null), rand };
}

/** A read's tallies as "unit:service:question=value" → n, zeros left out, whatever the column layout. */
export function canonical(read: CountsRead, questions: string) {
  const { tallies: t } = read;
  const out: Record<string, number> = {};
  for (let g = 0; g < t.size; g++) {
    for (const q of JSON.parse(questions) as string[]) {
      for (const { value, column } of t.columns.valuesOf(q)) {
        const n = t.counts[g * t.stride + column]!;
        if (n) out[`${t.unitIds[g]}:${t.serviceIds[g]}:${q}=${value}`] = n;
      }
    }
  }
  return out;
}
