import { selectionParams, selectionWhere } from '../figures/selection.repo';
import type { Db } from '../db/open-database';

export interface CommentFilter {
  from: string; to: string; unitIds: number[] | null; serviceIds: number[] | null;
  includeFlagged: boolean; includeHidden: boolean; limit: number;
}
export interface CommentRow {
  responseId: number; questionId: string; text: string; localDate: string; createdAt: string;
  unitName: string; serviceNameVi: string | null; serviceNameEn: string | null;
  hiddenAt: string | null; hiddenBy: string | null; reason: string | null;
}

/** Free-text comments and their moderation; the text itself is only ever read here. */
export function createCommentsRepo(db: Db) {
  const list = db.prepare<Record<string, unknown>, CommentRow>(`
    SELECT x.response_id AS responseId, x.question_id AS questionId, x.text, r.local_date AS localDate, r.created_at AS createdAt,
           u.name AS unitName, s.name_vi AS serviceNameVi, s.name_en AS serviceNameEn,
           m.hidden_at AS hiddenAt, hu.username AS hiddenBy, m.reason
    FROM text_answers x
    JOIN responses r ON r.id = x.response_id
    JOIN units u ON u.id = r.unit_id
    LEFT JOIN services s ON s.id = r.service_id
    LEFT JOIN comment_moderation m ON m.response_id = x.response_id AND m.question_id = x.question_id AND m.unhidden_at IS NULL
    LEFT JOIN users hu ON hu.id = m.hidden_by
    WHERE r.local_date BETWEEN :from AND :to ${selectionWhere({ unit: 'r.unit_id', service: 'coalesce(r.service_id, 0)', flagged: 'r.flagged' })}
      AND (:includeHidden = 1 OR m.id IS NULL)
    ORDER BY r.created_at DESC, r.id DESC
    LIMIT :limit`);
  const target = db.prepare<{ responseId: number; questionId: string }, { unitId: number }>(`
    SELECT r.unit_id AS unitId FROM text_answers x JOIN responses r ON r.id = x.response_id
    WHERE x.response_id = :responseId AND x.question_id = :questionId`);
  const hide = db.prepare(`INSERT OR IGNORE INTO comment_moderation (response_id, question_id, hidden_at, hidden_by, reason)
    VALUES (:responseId, :questionId, :at, :userId, :reason)`);
  const unhide = db.prepare(`UPDATE comment_moderation SET unhidden_at = :at, unhidden_by = :userId
    WHERE response_id = :responseId AND question_id = :questionId AND unhidden_at IS NULL`);
  return {
    list: (f: CommentFilter) => list.all({
      from: f.from, to: f.to, limit: f.limit, ...selectionParams(f), includeHidden: f.includeHidden ? 1 : 0,
    }),
    /** The unit of a comment, for the scope check; undefined when there is no such comment. */
    unitOf: (responseId: number, questionId: string) => target.get({ responseId, questionId })?.unitId,
    hide: (m: { responseId: number; questionId: string; userId: number; at: string; reason: string | null }) => hide.run(m).changes > 0,
    unhide: (m: { responseId: number; questionId: string; userId: number; at: string }) => unhide.run(m).changes > 0,
  };
}
export type CommentsRepo = ReturnType<typeof createCommentsRepo>;
