import express, { type Response } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/require-user';
import { AppError, notFound } from '../http/errors';
import { idParam } from '../admin/loaders';
import type { DashboardRepo } from '../dashboard/dashboard.repo';
import { treeOrder } from '../units/unit-tree';
import type { ApiKeysRepo } from './api-keys.repo';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service';
import type { AuditLog } from '../audit/audit-log';
import type { StaffUser } from '../auth/staff-user';

const createForm = z.strictObject({ _csrf: z.string(), unit: z.string().max(64), label: z.string().max(1000) });

/**
 * GET/POST /staff/api-keys and POST /staff/api-keys/:id/revoke, admin only. A new key is
 * rendered in the answer to the POST (no redirect): it exists nowhere else and is never shown again.
 */
export function apiKeysRouter(deps: { keys: ApiKeysRepo; units: DashboardRepo; audit: AuditLog; now: () => Date }) {
  const router = express.Router();
  router.use('/api-keys', requireRole('admin'));

  const show = (res: Response, status = 200, extra: { created?: { key: string; label: string }; error?: { key: string; params: Record<string, string | number> }; values?: object } = {}) => {
    const units = treeOrder(deps.units.units(), null);
    const nameOf = new Map(units.map((u) => [u.id, u.name]));
    res.status(status).render('dashboard/api-keys', {
      title: res.locals.t('dashboard.keys.title'),
      keys: listApiKeys(deps.keys).reverse().map((k) => ({ ...k, unitName: nameOf.get(k.unitId) ?? k.unitCode })),
      units, created: extra.created, error: extra.error, values: extra.values ?? {},
      ok: res.locals.query?.ok === 'revoked',
    });
  };

  router.get('/api-keys', (_req, res) => show(res));

  router.post('/api-keys', (req, res) => {
    const form = createForm.safeParse(req.body ?? {});
    if (!form.success) return show(res, 422, { error: { key: 'figures.errors.bad_label', params: {} } });
    try {
      const k = createApiKey(deps.keys, { unitCode: form.data.unit, label: form.data.label, now: deps.now() }, deps.audit, (res.locals.user as StaffUser).id);
      show(res, 201, { created: { key: k.key, label: k.label } });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      show(res, 422, { error: { key: err.key, params: err.params }, values: form.data });
    }
  });

  router.post('/api-keys/:id/revoke', (req, res) => {
    const id = idParam(req);
    if (id === null || !revokeApiKey(deps.keys, id, deps.now(), deps.audit, (res.locals.user as StaffUser).id)) throw notFound();
    res.redirect(303, '/staff/api-keys?ok=revoked');
  });
  return router;
}
