import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROOT } from '../config';
import type { Db } from '../db/open-database';
import { createSeedRepo } from './seed.repo';

const SEED_DIR = path.join(ROOT, 'data', 'seed');

const unitsFile = z.object({
  units: z.array(z.object({ code: z.string(), name: z.string(), type: z.string(), parent: z.string().optional() })),
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
  const repo = createSeedRepo(db);
  if (repo.setting('demo_seeded')) return false;
  const units = read('units.json', unitsFile);
  const services = read('services.json', servicesFile);
  repo.transaction(() => {
    for (const s of services.services) repo.insertService({ code: s.code, nameVi: s.nameVi, nameEn: s.nameEn ?? null });
    for (const u of units.units) {
      const parentId = u.parent ? (repo.unitId(u.parent) ?? null) : null;
      repo.insertUnit({ code: u.code, name: u.name, type: u.type, parentId });
    }
    const serviceIds = repo.allServiceIds();
    const unitIds = repo.allUnitIds();
    for (const unitId of unitIds) for (const serviceId of serviceIds) repo.offer(unitId, serviceId);
    // One counter per commune-level unit; the named extra points come from the file.
    for (const u of units.units.filter((x) => !['tinh', 'huyen'].includes(x.type))) {
      repo.insertPoint({ code: newPointCode(), unitId: repo.unitId(u.code)!, label: units.pointLabelDefault, serviceId: null });
    }
    for (const p of units.points) {
      const serviceId = p.service ? (repo.serviceId(p.service) ?? null) : null;
      repo.insertPoint({ code: newPointCode(), unitId: repo.unitId(p.unit)!, label: p.label, serviceId });
    }
    repo.setSetting('demo_seeded', new Date().toISOString());
  });
  return true;
}

/** One working survey URL to print at start-up, if any point exists. */
export function demoSurveyPath(db: Db): { path: string; where: string } | undefined {
  const p = createSeedRepo(db).firstPoint();
  return p && { path: `/s/${p.code}`, where: `${p.unit} — ${p.label}` };
}
