import crypto from 'node:crypto';
import type { AuditLog } from '../audit/audit-log';
import { AppError } from '../http/errors';
import type { UnitsRepo } from '../units/units.repo';
import type { ApiKeysRepo } from './api-keys.repo';

const PREFIX = 'sipas_';

/** sha256 is enough: the key is 32 random bytes, so there is nothing to brute-force. */
export const hashKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

export interface ApiKeysServiceDeps { keys: ApiKeysRepo; units: UnitsRepo; audit: AuditLog; now: () => Date }

/** API keys for the figures API, exports and invitations: each scoped to a unit subtree, stored only as a hash. */
export function createApiKeysService(d: ApiKeysServiceDeps) {
  /** Creates a key; the returned `key` is shown once and never stored. `actorId` null: the command line. */
  const create = (input: { unitCode: string; label: string }, actorId: number | null = null) => {
    const unit = d.units.byCode(input.unitCode);
    if (!unit) throw new AppError(400, 'figures.errors.unknown_unit', { unit: input.unitCode });
    const label = input.label.trim();
    if (!label || label.length > 200) throw new AppError(400, 'figures.errors.bad_label');
    const key = PREFIX + crypto.randomBytes(32).toString('base64url');
    const prefix = key.slice(0, PREFIX.length + 6);
    const createdAt = d.now().toISOString();
    const entry = { userId: actorId, action: 'api_key.create', target: (id: number) => `api_key:${id}`, details: { unit: input.unitCode, label, prefix } };
    const id = d.audit.change(entry, () => d.keys.insert({ keyHash: hashKey(key), prefix, unitId: unit.id, label, createdAt }));
    return { id, key, unitId: unit.id, label, createdAt };
  };

  /** Revokes a key at once; false when it was unknown or already revoked (and nothing is recorded). */
  const revoke = (id: number, actorId: number | null = null): boolean =>
    d.audit.change({ userId: actorId, action: 'api_key.revoke', target: `api_key:${id}`, recordIf: (done) => done }, () => d.keys.revoke(id, d.now().toISOString()));

  /** The key's id and unit, or undefined when the key is unknown or revoked; its last use is noted. */
  const verify = (key: string): { keyId: number; unitId: number } | undefined => {
    if (!key.startsWith(PREFIX) || key.length > 100) return undefined;
    const row = d.keys.findActive(hashKey(key));
    if (!row) return undefined;
    d.keys.touch(row.id, d.now().toISOString());
    return { keyId: row.id, unitId: row.unitId };
  };
  return { create, revoke, verify, list: () => d.keys.list() };
}
export type ApiKeysService = ReturnType<typeof createApiKeysService>;
