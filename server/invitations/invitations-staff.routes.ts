import express, { type Request, type Response } from 'express';
import type { StaffUser } from '../auth/staff-user';
import type { Scope } from '../auth/scope';
import { AppError, notFound } from '../http/errors';
import type { UnitsAdminRepo } from '../admin/units-admin.repo';
import type { CatalogRepo } from '../admin/catalog.repo';
import { idParam } from '../admin/loaders';
import { dmy, vietnamDate } from '../time/vietnam-time';
import { createInvitation, hashToken, invitationUrl, type InvitationDeps } from './invitations.service';
import { staffFormSchema } from './invitations.schema';
import { qrDataUri } from '../posters/qr';

export interface StaffInvitationDeps extends InvitationDeps { scope: Scope; units: UnitsAdminRepo; catalog: CatalogRepo; secureCookies: boolean }

/** The token lives only in this short cookie, so the slip can be (re)printed after the 303 without storing it. */
const SLIP_COOKIE = 'sipas_slip';
const SLIP_MS = 15 * 60_000;
const SIZES = ['80mm', 'A6'] as const;

/** /staff/invitations: counter staff make a one-time invitation and print it on a slip. */
export function invitationsStaffRouter(deps: StaffInvitationDeps) {
  const router = express.Router();

  const formData = (user: StaffUser) => {
    const ids = deps.scope.unitIds(user);
    const units = deps.units.all().filter((u) => u.active === 1 && (ids === null || ids.includes(u.id)));
    const services = deps.catalog.services().filter((s) => s.active === 1);
    return { units, services, ttlDays: deps.ttlDays, ownUnitCode: deps.units.get(user.unitId)?.code };
  };
  const renderForm = (res: Response, values: Record<string, unknown>, error?: string) =>
    res.render('invitations/new', { title: res.locals.t('invitations.staff.title'), ...formData(res.locals.user), values, error });

  router.get('/invitations/new', (_req, res) => renderForm(res, {}));

  router.post('/invitations', (req, res) => {
    const parsed = staffFormSchema.safeParse(req.body);
    if (!parsed.success) return renderForm(res.status(422), req.body ?? {}, 'invitations.errors.form');
    const f = parsed.data;
    const user: StaffUser = res.locals.user;
    try {
      const inv = createInvitation(deps, {
        unitCode: f.unit, serviceCode: f.service, dossier: f.dossier || undefined,
        expiresAt: f.days ? new Date(deps.now().getTime() + f.days * 86400_000) : undefined,
        createdBy: `user:${user.id}`, allowedUnitIds: deps.scope.unitIds(user),
      });
      res.cookie(SLIP_COOKIE, `${inv.id}.${inv.token}`, { httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, path: '/staff/invitations', maxAge: SLIP_MS });
      res.redirect(303, `/staff/invitations/${inv.id}/slip?size=${f.size ?? '80mm'}`);
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 403) throw err;
      renderForm(res.status(422), f, err.key);
    }
  });

  router.get('/invitations/:id/slip', async (req: Request, res: Response) => {
    const id = idParam(req);
    const inv = id === null ? undefined : deps.repo.get(id);
    if (!inv) throw notFound();
    if (!deps.scope.canAccessUnit(res.locals.user, inv.unitId)) throw new AppError(403, 'errors.forbidden');
    const [cid, token] = String(req.cookies?.[SLIP_COOKIE] ?? '').split('.');
    const size = (SIZES as readonly string[]).includes(String(req.query.size)) ? String(req.query.size) : '80mm';
    const printable = cid === String(inv.id) && token !== undefined && hashToken(token) === inv.tokenHash;
    const url = printable ? invitationUrl(deps.publicUrl, token) : null;
    const qr = url ? await qrDataUri(url) : null;
    res.render('invitations/slip', {
      title: res.locals.t('invitations.slip.title'), inv, url, qr, size, sizes: SIZES,
      expiresOn: dmy(vietnamDate(new Date(inv.expiresAt))), printedOn: dmy(vietnamDate(deps.now())),
    });
  });

  return router;
}
