import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROOT } from '../config';
import type { Db } from '../db/open-database';
import { createSeedRepo } from './seed.repo';
import { createSettingsRepo } from '../settings/settings.repo';
import { createUnitsAdminRepo, UNIT_TYPES } from '../admin/units-admin.repo';
import { createCatalogRepo } from '../admin/catalog.repo';
import { createPointsRepo } from '../admin/points.repo';

const SEED_DIR = path.join(ROOT, 'data', 'seed');

const unitsFile = z.object({
  units: z.array(z.object({ code: z.string(), name: z.string(), type: z.enum(UNIT_TYPES), parent: z.string().optional() })),
  points: z.array(z.object({ unit: z.string(), label: z.string(), service: z.string().optional() })),
  pointLabelDefault: z.string(),
});
const servicesFile = z.object({
  services: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string().optional() })),
});

/** A short unguessable code for a QR URL: 64 random bits, URL-safe. */
export const newPointCode = () => crypto.randomBytes(8).toString('base64url');

function read<T>(file: string, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(fs.readFileSync(path.join(SEED_DIR, file), 'utf8')));
}

/**
 * Seeds the demo units (Huyện Tây Sơn and its communes), the typical service fields and
 * one collection point per unit, once: a later start finds the marker and does nothing.
 */
export function seedDemo(db: Db): boolean {
  const settings = createSettingsRepo(db), units = createUnitsAdminRepo(db), catalog = createCatalogRepo(db), points = createPointsRepo(db);
  if (settings.get('demo_seeded')) return false;
  const unitsSeed = read('units.json', unitsFile);
  const servicesSeed = read('services.json', servicesFile);
  const unitId = (code: string) => units.byCode(code)!.id;
  db.transaction(() => {
    const serviceIds = servicesSeed.services.map((s) => catalog.insertService({ code: s.code, nameVi: s.nameVi, nameEn: s.nameEn ?? null }));
    for (const u of unitsSeed.units) units.insert({ code: u.code, name: u.name, type: u.type, parentId: u.parent ? unitId(u.parent) : null });
    for (const u of units.all()) units.setOfferedServices(u.id, serviceIds);
    // One counter per commune-level unit; the named extra points come from the file.
    for (const u of unitsSeed.units.filter((x) => !['tinh', 'huyen'].includes(x.type))) {
      points.insert({ code: newPointCode(), unitId: unitId(u.code), label: unitsSeed.pointLabelDefault, serviceId: null });
    }
    for (const p of unitsSeed.points) {
      const serviceId = p.service ? (catalog.serviceIdByCode(p.service) ?? null) : null;
      points.insert({ code: newPointCode(), unitId: unitId(p.unit), label: p.label, serviceId });
    }
    settings.set('demo_seeded', new Date().toISOString());
  })();
  return true;
}

/** One working survey URL to print at start-up, if any point exists. */
export function demoSurveyPath(db: Db): { path: string; where: string } | undefined {
  const p = createSeedRepo(db).firstPoint();
  return p && { path: `/s/${p.code}`, where: `${p.unit} — ${p.label}` };
}
