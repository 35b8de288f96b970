import crypto from 'node:crypto';
import type { Db } from '../../server/db/open-database';
import { createResponsesRepo } from '../../server/responses/responses.repo';
import { wireCore } from '../../server/wiring';

export const unitId = (db: Db, code: string) => (db.prepare('SELECT id FROM units WHERE code = ?').get(code) as { id: number }).id;
export const serviceId = (db: Db, code: string) => (db.prepare('SELECT id FROM services WHERE code = ?').get(code) as { id: number }).id;

/** Stores one response through the real repo (so answer_counts moves with it). */
export function storeResponse(
  db: Db,
  r: { unit: string; service?: string; date: string; answers: Record<string, string>; texts?: Record<string, string>; flagged?: boolean },
) {
  return createResponsesRepo(db).store({
    submissionId: crypto.randomBytes(12).toString('base64url'),
    definitionId: 'sipas-2023',
    definitionVersion: 1,
    unitId: unitId(db, r.unit),
    pointId: null,
    serviceId: r.service ? serviceId(db, r.service) : null,
    procedureId: null,
    channel: 'poster',
    verified: false,
    flagged: r.flagged ?? false,
    isDemo: false,
    lang: 'vi',
    localDate: r.date,
    createdAt: `${r.date}T03:00:00.000Z`,
    choices: Object.entries(r.answers).map(([questionId, value]) => ({ questionId, value })),
    texts: Object.entries(r.texts ?? {}).map(([questionId, text]) => ({ questionId, text })),
  });
}

/** A fresh API key scoped to the unit with this code. */
export const apiKeyFor = (db: Db, unitCode: string) => wireCore(db).apiKeys.create({ unitCode, label: 'test' }).key;
