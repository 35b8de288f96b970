import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROOT } from '../config';
import { newPointCode } from '../units/point-code';
import { UNIT_TYPES } from '../units/units.repo';
import type { Core } from '../wiring';

const SEED_DIR = path.join(ROOT, 'data', 'seed');

const unitsFile = z.object({
  units: z.array(z.object({ code: z.string(), name: z.string(), type: z.enum(UNIT_TYPES), parent: z.string().optional() })),
  points: z.array(z.object({ unit: z.string(), label: z.string(), service: z.string().optional() })),
  pointLabelDefault: z.string(),
});
const servicesFile = z.object({
  services: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string().optional() })),
});

function read<T>(file: string, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(fs.readFileSync(path.join(SEED_DIR, file), 'utf8')));
}

/**
 * Seeds the demo units (data/seed/units.json), the typical service fields and one
 * collection point per commune-level unit, once: a later start finds the marker and does nothing.
 */
export function seedDemo({ repos, tx }: Pick<Core, 'repos' | 'tx'>): boolean {
  const { settings, units, catalog, points } = repos;
  if (settings.get('demo_seeded')) return false;
  const unitsSeed = read('units.json', unitsFile);
  const servicesSeed = read('services.json', servicesFile);
  const unitId = (code: string) => units.byCode(code)!.id;
  tx(() => {
    const serviceIds = servicesSeed.services.map((s) => catalog.insertService({ code: s.code, nameVi: s.nameVi, nameEn: s.nameEn ?? null }));
    for (const u of unitsSeed.units) units.insert({ code: u.code, name: u.name, type: u.type, parentId: u.parent ? unitId(u.parent) : null });
    for (const u of units.all()) catalog.setOfferedServices(u.id, serviceIds);
    // One counter per commune-level unit; the named extra points come from the file.
    for (const u of unitsSeed.units.filter((x) => !['tinh', 'huyen'].includes(x.type))) {
      points.insert({ code: newPointCode(), unitId: unitId(u.code), label: unitsSeed.pointLabelDefault, serviceId: null });
    }
    for (const p of unitsSeed.points) {
      const serviceId = p.service ? (catalog.serviceByCode(p.service)?.id ?? null) : null;
      points.insert({ code: newPointCode(), unitId: unitId(p.unit), label: p.label, serviceId });
    }
    settings.set('demo_seeded', new Date().toISOString());
  });
  return true;
}

/** One working survey URL to print at start-up, if any point exists. */
export function demoSurveyPath({ repos }: Pick<Core, 'repos'>): { path: string; where: string } | undefined {
  const p = repos.points.first();
  return p && { path: `/s/${p.code}`, where: `${p.unitName} — ${p.label}` };
}
