import type { Db } from '../db/open-database';

export interface InvitationRow {
  id: number; unitId: number; unitName: string; unitActive: number;
  serviceId: number | null; serviceCode: string | null; serviceNameVi: string | null; serviceNameEn: string | null;
  procedureId: number | null; procedureName: string | null;
  /** The local day (YYYY-MM-DD) it was used: nothing finer, and not which response used it. */
  expiresAt: string; usedAt: string | null;
}
export interface NewInvitation {
  tokenHash: string; unitId: number; serviceId: number | null; procedureId: number | null; dossierHash: string | null;
  createdAt: string; expiresAt: string; createdBy: string;
}

/** Invitations: stored by the hash of their token; used once, in the same transaction as the response, which they do not point to. */
export function createInvitationsRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO invitations (token_hash, unit_id, service_id, procedure_id, dossier_hash, created_at, expires_at, created_by)
    VALUES (:tokenHash, :unitId, :serviceId, :procedureId, :dossierHash, :createdAt, :expiresAt, :createdBy)`);
  const cols = `i.id, i.unit_id AS unitId, u.name AS unitName, u.active AS unitActive,
      i.service_id AS serviceId, s.code AS serviceCode, s.name_vi AS serviceNameVi, s.name_en AS serviceNameEn,
      i.procedure_id AS procedureId, p.name AS procedureName, i.expires_at AS expiresAt, i.used_at AS usedAt
    FROM invitations i JOIN units u ON u.id = i.unit_id LEFT JOIN services s ON s.id = i.service_id
      LEFT JOIN procedures p ON p.id = i.procedure_id`;
  const byHash = db.prepare<{ tokenHash: string }, InvitationRow>(`SELECT ${cols} WHERE i.token_hash = :tokenHash`);
  const byId = db.prepare<{ id: number }, InvitationRow & { tokenHash: string }>(`SELECT ${cols.replace('i.id,', 'i.id, i.token_hash AS tokenHash,')} WHERE i.id = :id`);
  const claim = db.prepare('UPDATE invitations SET used_at = :day WHERE id = :id AND used_at IS NULL AND expires_at > :at');
  const answered = db.prepare<{ submissionId: string; unitId: number }, { n: number }>(
    "SELECT 1 AS n FROM responses WHERE submission_id = :submissionId AND unit_id = :unitId AND channel = 'invitation'");

  return {
    insert: (i: NewInvitation) => Number(insert.run(i).lastInsertRowid),
    findByHash: (tokenHash: string) => byHash.get({ tokenHash }),
    get: (id: number) => byId.get({ id }),
    /** An invitation response of this unit was stored with this submission id (a double tap on "send"). */
    answered: (submissionId: string, unitId: number) => answered.get({ submissionId, unitId }) !== undefined,
    /**
     * Marks the invitation used on local day `day` and stores its response, both or neither:
     * `store` runs inside the transaction. 'closed' when it was used or expired meanwhile (a
     * concurrent tap). Which response used it is not written anywhere.
     */
    redeem: db.transaction((id: number, at: string, day: string, store: () => boolean): 'stored' | 'closed' => {
      if (claim.run({ id, at, day }).changes === 0) return 'closed';
      if (!store()) throw new Error('submission id already stored');
      return 'stored';
    }),
  };
}
export type InvitationsRepo = ReturnType<typeof createInvitationsRepo>;
