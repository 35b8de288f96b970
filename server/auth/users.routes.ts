import type { Request, Response } from 'express';
import { z } from 'zod';
import { accessOf } from '../access/access.middleware';
import { errorMap, type FieldError } from '../http/form-errors';
import type { UnitsRepo } from '../units/units.repo';
import { newPasswordErrors } from './auth.schema';
import { ROLES, type Role } from './staff-user';
import type { UsersRepo } from './users.repo';
import type { UsersService } from './users.service';

const createForm = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9._-]{3,40}$/, { message: 'staff.users.bad_username' }),
  role: z.enum(ROLES as [Role, ...Role[]], { message: 'staff.errors.invalid' }),
  unitId: z.coerce.number().int().positive({ message: 'staff.errors.invalid' }),
});

/** /staff/users (admin): the accounts, a new one, switching one off, a temporary password (users.service.ts). */
export function usersPages(deps: { service: UsersService; users: UsersRepo; units: UnitsRepo }) {
  const show = (res: Response, status = 200, errors: FieldError[] = [], values: object = {}) =>
    res.status(status).render('staff/users', {
      title: res.locals.t('staff.users.title'), users: deps.users.list(), units: deps.units.all().filter((u) => u.active === 1),
      roles: ROLES, errors, errorOf: errorMap(errors), values,
    });

  const list = (_req: Request, res: Response) => show(res);

  const create = async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = createForm.safeParse(body);
    const errors: FieldError[] = parsed.success
      ? await deps.service.create(accessOf(res), { ...parsed.data, password: body.password, confirm: body.confirm })
      : [...parsed.error.issues.map((i) => ({ field: String(i.path[0]), key: i.message.startsWith('staff.') ? i.message : 'staff.errors.invalid' })),
        ...newPasswordErrors(body.password, body.confirm, 'password')];
    if (errors.length) return show(res, 422, errors, { ...body, password: '', confirm: '' });
    res.redirect(303, '/staff/users?ok=saved');
  };

  const setActive = (req: Request, res: Response) => {
    deps.service.setActive(accessOf(res), res.locals.account.id, req.body?.active === '1');
    res.redirect(303, '/staff/users?ok=saved');
  };

  const reset = async (req: Request, res: Response) => {
    const id: number = res.locals.account.id;
    const errors = await deps.service.resetPassword(accessOf(res), id, req.body?.password, req.body?.confirm);
    if (errors.length) return show(res, 422, errors.map((e) => ({ ...e, field: `reset-${id}` })));
    res.redirect(303, '/staff/users?ok=saved');
  };

  return { list, create, setActive, reset };
}
