import type { Request, Response } from 'express';
import { z } from 'zod';
import { badRequest } from '../http/errors';
import { vietnamDateTime } from '../time/vietnam-time';
import type { AuditRepo } from './audit.repo';

export const AUDIT_PAGE_SIZE = 50;

const auditQuery = z.strictObject({
  action: z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/).max(60).optional().or(z.literal('')),
  user: z.string().regex(/^\d{1,10}$/).optional().or(z.literal('')),
  page: z.string().regex(/^\d{1,6}$/).optional(),
  lang: z.string().optional(),
});

/** GET /staff/audit (admin): the audit log, newest first, filtered by action and user. */
export function auditPage(repo: AuditRepo) {
  return (req: Request, res: Response) => {
    const parsed = auditQuery.safeParse(req.query);
    if (!parsed.success) throw badRequest();
    const action = parsed.data.action || null;
    const userId = parsed.data.user ? Number(parsed.data.user) : null;
    const page = Math.max(1, Number(parsed.data.page ?? 1));
    const total = repo.total({ action, userId });
    const rows = repo.page({ action, userId, limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
    const link = (p: number) => `/staff/audit?${new URLSearchParams({ ...(action ? { action } : {}), ...(userId ? { user: String(userId) } : {}), page: String(p) })}`;
    res.render('audit/list', {
      title: res.locals.t('audit.title'), rows: rows.map((r) => ({ ...r, when: vietnamDateTime(r.at) })), total, page, pages,
      prev: page > 1 ? link(page - 1) : null, next: page < pages ? link(page + 1) : null,
      actions: repo.actions(), users: repo.users(), filter: { action: action ?? '', user: userId ? String(userId) : '' },
    });
  };
}
