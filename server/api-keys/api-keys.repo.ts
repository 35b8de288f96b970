import type { Db } from '../db/open-database';

export interface ApiKeyRow { id: number; prefix: string; unitId: number; unitCode: string; label: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

/** Storage of API keys: only the hash of a key is ever written. */
export function createApiKeysRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO api_keys (key_hash, prefix, unit_id, label, created_at)
    VALUES (:keyHash, :prefix, :unitId, :label, :createdAt)`);
  const byHash = db.prepare<{ keyHash: string }, { id: number; unitId: number }>(
    'SELECT id, unit_id AS unitId FROM api_keys WHERE key_hash = :keyHash AND revoked_at IS NULL');
  const touch = db.prepare('UPDATE api_keys SET last_used_at = :at WHERE id = :id');
  const revoke = db.prepare('UPDATE api_keys SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL');
  const list = db.prepare<[], ApiKeyRow>(`
    SELECT k.id, k.prefix, k.unit_id AS unitId, u.code AS unitCode, k.label, k.created_at AS createdAt,
           k.last_used_at AS lastUsedAt, k.revoked_at AS revokedAt
    FROM api_keys k JOIN units u ON u.id = k.unit_id ORDER BY k.id`);
  return {
    insert: (k: { keyHash: string; prefix: string; unitId: number; label: string; createdAt: string }) => Number(insert.run(k).lastInsertRowid),
    findActive: (keyHash: string) => byHash.get({ keyHash }),
    touch: (id: number, at: string) => void touch.run({ id, at }),
    revoke: (id: number, at: string) => revoke.run({ id, at }).changes > 0,
    list: () => list.all(),
  };
}
export type ApiKeysRepo = ReturnType<typeof createApiKeysRepo>;
