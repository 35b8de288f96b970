import crypto from 'node:crypto';
import { AppError } from '../http/errors';
import type { ApiKeysRepo } from './api-keys.repo';
import type { AuditLog } from '../audit/audit-log';

const PREFIX = 'sipas_';

/** sha256 is enough: the key is 32 random bytes, so there is nothing to brute-force. */
export const hashKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

/** Creates a key for a unit subtree; the returned `key` is shown once and never stored. */
export function createApiKey(repo: ApiKeysRepo, input: { unitCode: string; label: string; now?: Date }, audit?: AuditLog, actorId: number | null = null) {
  const unitId = repo.unitIdByCode(input.unitCode);
  if (unitId === undefined) throw new AppError(400, 'figures.errors.unknown_unit', { unit: input.unitCode });
  const label = input.label.trim();
  if (!label || label.length > 200) throw new AppError(400, 'figures.errors.bad_label');
  const key = PREFIX + crypto.randomBytes(32).toString('base64url');
  const createdAt = (input.now ?? new Date()).toISOString();
  const id = repo.insert({ keyHash: hashKey(key), prefix: key.slice(0, PREFIX.length + 6), unitId, label, createdAt });
  audit?.record({ userId: actorId, action: 'api_key.create', target: `api_key:${id}`, details: { unit: input.unitCode, label, prefix: key.slice(0, PREFIX.length + 6) } });
  return { id, key, unitId, label, createdAt };
}

/** Revokes a key at once; false when it was unknown or already revoked. */
export function revokeApiKey(repo: ApiKeysRepo, id: number, now = new Date(), audit?: AuditLog, actorId: number | null = null): boolean {
  const done = repo.revoke(id, now.toISOString());
  if (done) audit?.record({ userId: actorId, action: 'api_key.revoke', target: `api_key:${id}` });
  return done;
}

export function listApiKeys(repo: ApiKeysRepo) {
  return repo.list();
}

/** The unit a presented key is scoped to, or undefined when the key is unknown or revoked. */
export function verifyApiKey(repo: ApiKeysRepo, key: string, now = new Date()): { keyId: number; unitId: number } | undefined {
  if (!key.startsWith(PREFIX) || key.length > 100) return undefined;
  const row = repo.findActive(hashKey(key));
  if (!row) return undefined;
  repo.touch(row.id, now.toISOString());
  return { keyId: row.id, unitId: row.unitId };
}
