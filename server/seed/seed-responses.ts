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

/**
 * A year of synthetic responses (is_demo = 1), dated over the past twelve months up to
 * yesterday (UTC+7), stored through the real repo so that answer_counts agrees. Each unit
 * gets its own level of satisfaction, so that rankings differ. Runs once.
 */
export function seedDemoResponses({ repos, tx }: Pick<Core, 'repos' | 'tx'>, def: Definition, now: Date, perUnit = 200): number {
  const { settings, points, catalog } = repos;
  if (settings.get('demo_responses_seeded')) return 0;
  const store = repos.responses.store;
  const rand = random(20250701);
  const today = Date.parse(`${vietnamDate(now)}T00:00:00Z`);
  let stored = 0;
  tx(() => {
    for (const point of points.allActive()) {
      const quality = 0.62 + rand() * 0.33;
      const services = catalog.offeredServiceIds(point.unitId).sort((a, b) => a - b);
      for (let i = 0; i < perUnit; i++) {
        const localDate = new Date(today - (1 + Math.floor(rand() * 365)) * 86_400_000).toISOString().slice(0, 10);
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
