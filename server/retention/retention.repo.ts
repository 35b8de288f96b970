import type { Db } from '../db/open-database';

/** Blanking old comments: SQL only. The ratings (answers, answer_counts) are not touched. */
export function createRetentionRepo(db: Db) {
  const blank = db.prepare(`
    UPDATE text_answers SET text = ''
    WHERE text <> '' AND response_id IN (SELECT id FROM responses WHERE created_at < :before)`);
  return { blankCommentsBefore: db.transaction((before: string) => blank.run({ before }).changes) };
}
export type RetentionRepo = ReturnType<typeof createRetentionRepo>;
