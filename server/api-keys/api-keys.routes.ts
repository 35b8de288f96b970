import type { Request, Response } from 'express';
import { z } from 'zod';
import { accessOf, idParam } from '../access/access.middleware';
import { AppError, notFound } from '../http/errors';
import type { UnitsRepo } from '../units/units.repo';
import { treeOrder } from '../units/unit-tree';
import type { ApiKeysService } from './api-keys.service';

const createForm = z.strictObject({ _csrf: z.string(), unit: z.string().max(64), label: z.string().max(1000) });
interface Shown { created?: { key: string; label: string }; error?: { key: string; params: Record<string, string | number> }; values?: object }

/**
 * GET/POST /staff/api-keys and POST /staff/api-keys/:id/revoke, admin only. A new key is
 * rendered in the answer to the POST (no redirect): it exists nowhere else and is never shown again.
 */
export function apiKeysPages(deps: { keys: ApiKeysService; units: UnitsRepo }) {
  const show = (res: Response, status = 200, extra: Shown = {}) => {
    const units = treeOrder(deps.units.all(), null);
    const nameOf = new Map(units.map((u) => [u.id, u.name]));
    res.status(status).render('dashboard/api-keys', {
      title: res.locals.t('dashboard.keys.title'),
      keys: deps.keys.list().reverse().map((k) => ({ ...k, unitName: nameOf.get(k.unitId) ?? k.unitCode })),
      units, created: extra.created, error: extra.error, values: extra.values ?? {},
      ok: res.locals.query?.ok === 'revoked',
    });
  };

  const list = (_req: Request, res: Response) => show(res);

  const create = (req: Request, res: Response) => {
    const form = createForm.safeParse(req.body ?? {});
    if (!form.success) return show(res, 422, { error: { key: 'figures.errors.bad_label', params: {} } });
    try {
      const k = deps.keys.create({ unitCode: form.data.unit, label: form.data.label }, accessOf(res).userId);
      show(res, 201, { created: { key: k.key, label: k.label } });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      show(res, 422, { error: { key: err.key, params: err.params }, values: form.data });
    }
  };

  const revoke = (req: Request, res: Response) => {
    const id = idParam(req);
    if (id === null || !deps.keys.revoke(id, accessOf(res).userId)) throw notFound();
    res.redirect(303, '/staff/api-keys?ok=revoked');
  };
  return { list, create, revoke };
}
