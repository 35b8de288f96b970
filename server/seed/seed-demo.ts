import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROOT } from '../config';
import { vietnamDate } from '../time/vietnam-time';
import { dayBefore } from '../units/local-day';
import { newPointCode } from '../units/point-code';
import { UNIT_TYPES } from '../units/units.repo';
import type { Core } from '../wiring';

const SEED_DIR = path.join(ROOT, 'data', 'seed');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const unitsFile = z.object({
  _comment: z.string().optional(),
  mergedOn: day,
  units: z.array(z.object({
    code: z.string(), name: z.string(), type: z.enum(UNIT_TYPES), parent: z.string().optional(),
    officialCode: z.string().optional(), validFrom: day.optional(), validTo: day.optional(),
    /** Merged into this unit on mergedOn. */
    successor: z.string().optional(),
    /** The label of its one counter, when not pointLabelDefault. */
    counter: z.string().optional(),
  })),
  points: z.array(z.object({ unit: z.string(), label: z.string(), service: z.string().optional() })),
  pointLabelDefault: z.string(),
  pointLabelDefaultEn: z.string().optional(),
});
const servicesFile = z.object({
  services: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string().optional() })),
});

function read<T>(file: string, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(fs.readFileSync(path.join(SEED_DIR, file), 'utf8')));
}

/**
 * Seeds the demo once (a later start finds the marker and does nothing): Tỉnh Gia Lai and
 * its five communes since 1/7/2025, and the old units they replaced, kept as history: each
 * with its official code, its dates and its successor, switched off (data/seed/units.json).
 * Every unit offers the typical service fields; each commune-level unit has one counter.
 */
export function seedDemo({ repos, tx }: Pick<Core, 'repos' | 'tx'>): boolean {
  const { settings, units, catalog, points } = repos;
  if (settings.get('demo_seeded')) return false;
  const seed = read('units.json', unitsFile);
  const servicesSeed = read('services.json', servicesFile);
  const unitId = (code: string) => units.byCode(code)!.id;
  tx(() => {
    const serviceIds = servicesSeed.services.map((s) => catalog.insertService({ code: s.code, nameVi: s.nameVi, nameEn: s.nameEn ?? null }));
    for (const u of seed.units) {
      const id = units.insert({ code: u.code, name: u.name, type: u.type, parentId: u.parent ? unitId(u.parent) : null, officialCode: u.officialCode, validFrom: u.validFrom, validTo: u.validTo });
      catalog.setOfferedServices(id, serviceIds);
      if (!['tinh', 'thanh_pho', 'huyen'].includes(u.type)) points.insert({ code: newPointCode(), unitId: id, label: u.counter ?? seed.pointLabelDefault, labelEn: u.counter ? null : seed.pointLabelDefaultEn, serviceId: null });
    }
    for (const p of seed.points) {
      const serviceId = p.service ? (catalog.serviceByCode(p.service)?.id ?? null) : null;
      points.insert({ code: newPointCode(), unitId: unitId(p.unit), label: p.label, serviceId });
    }
    // The mergers of 1/7/2025, as the merger page records them: the old units are history.
    for (const u of seed.units.filter((x) => x.successor)) {
      units.recordMerger(unitId(u.code), { successorId: unitId(u.successor!), successorFrom: seed.mergedOn, validTo: u.validTo ?? dayBefore(seed.mergedOn), deactivate: true });
    }
    settings.set('demo_seeded', new Date().toISOString());
  });
  return true;
}

/** One working survey URL to print at start-up, if any point takes responses today. */
export function demoSurveyPath({ repos }: Pick<Core, 'repos'>): { path: string; where: string } | undefined {
  const p = repos.points.first(vietnamDate(new Date()));
  return p && { path: `/s/${p.code}`, where: `${p.unitName} — ${p.label}` };
}
