import type { NewResponse } from '../responses/responses.repo';
import type { Definition } from '../surveys/definitions';
import { vietnamDate } from '../time/vietnam-time';
import type { Core } from '../wiring';

/** A small deterministic generator (mulberry32), so the demo looks the same on every install. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = ReturnType<typeof random>;
const pick = <T>(rand: Rand, xs: T[]) => xs[Math.floor(rand() * xs.length)]!;

/** A level 1–5 where `quality` is the chance of 4–5; mostly 4–5, as real SIPAS surveys find. */
function level(rand: Rand, quality: number): string {
  const r = rand();
  if (r < quality) return r < quality * 0.5 ? '5' : '4';
  const rest = (r - quality) / (1 - quality);
  return rest < 0.6 ? '3' : rest < 0.9 ? '2' : '1';
}

function choices(rand: Rand, def: Definition, quality: number): NewResponse['choices'] {
  const out: NewResponse['choices'] = [];
  const detailed = rand() < 0.75;
  for (const q of def.questions.values()) {
    if (q.type === 'likert5' && q.role === 'overall') out.push({ questionId: q.id, value: level(rand, quality) });
    else if (q.type === 'likert5' && detailed) out.push({ questionId: q.id, value: q.allowNa && rand() < 0.08 ? 'na' : level(rand, quality + (rand() - 0.5) * 0.1) });
    else if (q.type === 'single' && detailed && rand() < 0.6) out.push({ questionId: q.id, value: pick(rand, q.options).value });
  }
  return out;
}

/** The demo's first day: the year before the reorganisation of 1/7/2025, so a 2025 trend spans it. */
export const DEMO_FROM = '2025-01-01';
const DAY_MS = 86_400_000;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;

/**
 * Synthetic responses (is_demo = 1) from DEMO_FROM to yesterday (UTC+7), about `perDay` a day at
 * each counter while its unit was valid: before 1/7/2025 at the old units, since then at the
 * new ones. Stored through the real repo so that answer_counts agrees; each counter gets its
 * own level of satisfaction, so that rankings differ. Runs once.
 */
export function seedDemoResponses({ repos, tx }: Pick<Core, 'repos' | 'tx'>, def: Definition, now: Date, perDay = 0.5): number {
  const { settings, points, catalog, units } = repos;
  if (settings.get('demo_responses_seeded')) return 0;
  const store = repos.responses.store;
  const rand = random(20250701);
  const yesterday = dayNumber(vietnamDate(now)) - 1;
  let stored = 0;
  tx(() => {
    for (const point of points.allActive()) {
      const unit = units.get(point.unitId)!;
      const first = Math.max(dayNumber(DEMO_FROM), dayNumber(unit.validFrom ?? DEMO_FROM));
      const last = Math.min(yesterday, unit.validTo ? dayNumber(unit.validTo) : yesterday);
      if (last < first) continue;
      const quality = 0.62 + rand() * 0.33;
      const services = catalog.offeredServiceIds(point.unitId).sort((a, b) => a - b);
      const n = Math.round((last - first + 1) * perDay);
      for (let i = 0; i < n; i++) {
        const localDate = new Date((first + Math.floor(rand() * (last - first + 1))) * DAY_MS).toISOString().slice(0, 10);
        const serviceId = point.serviceId ?? (rand() < 0.9 ? pick(rand, services) : null);
        stored += store({
          submissionId: `demo-${point.id}-${i}`, definitionId: def.id, definitionVersion: def.version, unitId: point.unitId,
          pointId: point.id, serviceId, procedureId: null, channel: 'poster', verified: false, flagged: false, isDemo: true,
          lang: 'vi', localDate, createdAt: `${localDate}T02:00:00.000Z`, choices: choices(rand, def, quality), texts: [],
        }) === null ? 0 : 1;
      }
    }
    settings.set('demo_responses_seeded', now.toISOString());
  });
  return stored;
}
