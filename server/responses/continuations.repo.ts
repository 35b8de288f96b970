import type { Db } from '../db/open-database';

/** A response that its device may still add steps to (015-continuations.sql). */
export interface ContinuationRow { tokenHash: string; responseId: number; steps: string[]; expiresAt: string }

/** The continuation tokens of responses, by the hash of the token; never the token itself. */
export function createContinuationsRepo(db: Db) {
  const open = db.prepare<{ tokenHash: string; responseId: number; steps: string; expiresAt: string }>(`
    INSERT INTO continuations (token_hash, response_id, steps, expires_at) VALUES (:tokenHash, :responseId, :steps, :expiresAt)`);
  // A repeated first page (a double tap whose first answer was lost) gets a new token for the
  // same response and keeps the steps already stored; a finished or expired one is never opened again.
  const rotate = db.prepare<{ tokenHash: string; responseId: number; now: string }>(`
    UPDATE continuations SET token_hash = :tokenHash WHERE response_id = :responseId AND token_hash IS NOT NULL AND expires_at > :now`);
  const find = db.prepare<{ tokenHash: string; now: string }, { tokenHash: string; responseId: number; steps: string; expiresAt: string }>(`
    SELECT token_hash AS tokenHash, response_id AS responseId, steps, expires_at AS expiresAt
    FROM continuations WHERE token_hash = :tokenHash AND expires_at > :now`);
  const mark = db.prepare<{ tokenHash: string; step: string }>(`
    UPDATE continuations SET steps = json_insert(steps, '$[#]', :step) WHERE token_hash = :tokenHash`);
  const close = db.prepare<{ tokenHash: string }>('UPDATE continuations SET token_hash = NULL WHERE token_hash = :tokenHash');
  const purge = db.prepare<{ now: string }>('DELETE FROM continuations WHERE expires_at <= :now');

  return {
    /** `steps`: those already answered on the first page (a full form from an older page or a client). */
    open: (c: { tokenHash: string; responseId: number; steps: string[]; expiresAt: string }) => void open.run({ ...c, steps: JSON.stringify(c.steps) }),
    /** A new token for a live continuation; false when there is none (finished, expired, never opened). */
    rotate: (responseId: number, tokenHash: string, now: string) => rotate.run({ responseId, tokenHash, now }).changes > 0,
    /** The live continuation of a token hash; an expired one is as good as gone. */
    find: (tokenHash: string, now: string): ContinuationRow | undefined => {
      const row = find.get({ tokenHash, now });
      return row && { ...row, steps: JSON.parse(row.steps) as string[] };
    },
    mark: (tokenHash: string, step: string) => void mark.run({ tokenHash, step }),
    /** Blanks the token: the device no longer leads to the response. */
    close: (tokenHash: string) => void close.run({ tokenHash }),
    /** Deletes every row whose window has passed; returns how many. */
    purge: (now: string) => purge.run({ now }).changes,
  };
}
export type ContinuationsRepo = ReturnType<typeof createContinuationsRepo>;
