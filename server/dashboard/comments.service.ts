import type { Access } from '../access/access';
import type { AuditLog } from '../audit/audit-log';
import { forbidden, notFound } from '../http/errors';
import type { Definition } from '../surveys/definitions';
import type { CommentFilter, CommentsRepo } from './comments.repo';

export interface CommentsServiceDeps { comments: CommentsRepo; audit: AuditLog; definition: Definition; now: () => Date }
export interface Moderation { responseId: number; questionId: string; reason?: string }

const MODERATORS = ['admin', 'oversight'];
export const canModerate = (access: Access) => MODERATORS.includes(access.role);

/**
 * Free-text comments and their moderation: anyone may read the comments of the units its
 * Access covers and hide an abusive one; only admin and oversight see hidden ones and unhide.
 * A comment is hidden, never deleted; who and when are kept.
 */
export function createCommentsService(d: CommentsServiceDeps) {
  const textQuestions = new Set([...d.definition.questions.values()].filter((q) => q.type === 'text').map((q) => q.id));

  const list = (access: Access, filter: CommentFilter) => {
    if (filter.includeHidden && !canModerate(access)) throw forbidden();
    return d.comments.list(filter);
  };
  /** 404 when there is no such comment, 403 outside the Access. */
  const check = (access: Access, m: Moderation) => {
    const unitId = textQuestions.has(m.questionId) ? d.comments.unitOf(m.responseId, m.questionId) : undefined;
    if (unitId === undefined) throw notFound();
    if (!access.covers(unitId)) throw forbidden();
    return { responseId: m.responseId, questionId: m.questionId, userId: access.userId!, at: d.now().toISOString() };
  };
  const hide = (access: Access, m: Moderation) => {
    const row = check(access, m);
    const entry = { userId: access.userId, action: 'comment.hide', target: `response:${m.responseId}`, details: { question: m.questionId, reason: m.reason || undefined } };
    d.audit.change(entry, () => d.comments.hide({ ...row, reason: m.reason || null }));
  };
  const unhide = (access: Access, m: Moderation) => {
    if (!canModerate(access)) throw forbidden();
    const row = check(access, m);
    d.audit.change({ userId: access.userId, action: 'comment.unhide', target: `response:${m.responseId}`, details: { question: m.questionId } }, () => d.comments.unhide(row));
  };
  return { list, hide, unhide };
}
export type CommentsService = ReturnType<typeof createCommentsService>;
