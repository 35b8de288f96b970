import { errorMap } from '../http/form-errors';
import express, { type Response } from 'express';
import { z } from 'zod';
import { requireRole } from './require-user';
import { hashPassword } from './passwords';
import { newPasswordErrors, type FieldError } from './auth.schema';
import { ROLES, type Role } from './staff-user';
import type { UsersRepo } from './users.repo';
import type { UnitsAdminRepo } from '../admin/units-admin.repo';
import { idParam } from '../admin/loaders';
import { notFound, forbidden } from '../http/errors';
import { audited } from '../audit/audit.middleware';
import type { AuditLog } from '../audit/audit-log';

const createForm = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9._-]{3,40}$/, { message: 'staff.users.bad_username' }),
  role: z.enum(ROLES as [Role, ...Role[]], { message: 'staff.errors.invalid' }),
  unitId: z.coerce.number().int().positive({ message: 'staff.errors.invalid' }),
});

/** An admin creates accounts (with a first password the person must change), deactivates and resets them. */
export function usersRouter(deps: { users: UsersRepo; units: UnitsAdminRepo; audit: AuditLog }) {
  const router = express.Router();
  router.use('/users', requireRole('admin'));

  const show = (res: Response, status = 200, errors: FieldError[] = [], values: object = {}) =>
    res.status(status).render('staff/users', {
      title: res.locals.t('staff.users.title'), users: deps.users.list(), units: deps.units.all().filter((u) => u.active === 1),
      roles: ROLES, errors, errorOf: errorMap(errors), values,
    });

  router.get('/users', (_req, res) => show(res));

  const log = (action: string, fields: string[] = []) => audited(deps.audit, action, { kind: 'user', fields });

  router.post('/users', audited(deps.audit, 'user.create', { fields: ['username', 'role', 'unitId'] }), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = createForm.safeParse(body);
    const errors: FieldError[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: String(i.path[0]), key: i.message.startsWith('staff.') ? i.message : 'staff.errors.invalid' }));
    errors.push(...newPasswordErrors(body.password, body.confirm, 'password'));
    if (parsed.success && !deps.units.get(parsed.data.unitId)) errors.push({ field: 'unitId', key: 'staff.errors.invalid' });
    if (parsed.success && deps.users.findByUsername(parsed.data.username)) errors.push({ field: 'username', key: 'staff.users.taken' });
    if (!parsed.success || errors.length) return show(res, 422, errors, { ...body, password: '', confirm: '' });
    const passwordHash = await hashPassword(String(body.password));
    deps.users.insert({ ...parsed.data, passwordHash, mustChange: true });
    res.redirect(303, '/staff/users?ok=saved');
  });

  const target = (req: express.Request, res: Response) => {
    const id = idParam(req);
    const user = id === null ? undefined : deps.users.findById(id);
    if (!user) throw notFound();
    // An admin cannot lock themself out by accident.
    if (user.id === res.locals.user.id) throw forbidden('staff.users.not_self');
    return user;
  };

  router.post('/users/:id/active', log('user.active', ['active']), (req, res) => {
    const user = target(req, res);
    deps.users.setActive(user.id, req.body?.active === '1');
    res.redirect(303, '/staff/users?ok=saved');
  });

  router.post('/users/:id/reset', log('user.reset_password'), async (req, res) => {
    const user = target(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const errors = newPasswordErrors(body.password, body.confirm, 'password');
    if (errors.length) return show(res, 422, errors.map((e) => ({ ...e, field: `reset-${user.id}` })));
    deps.users.setPassword(user.id, await hashPassword(String(body.password)), true, null);
    res.redirect(303, '/staff/users?ok=saved');
  });

  return router;
}
