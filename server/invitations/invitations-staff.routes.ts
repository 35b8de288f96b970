import type { Request, Response } from 'express';
import { accessOf } from '../access/access.middleware';
import { AppError } from '../http/errors';
import { qrDataUri } from '../posters/qr';
import { COLLATORS } from '../i18n';
import { dmy, vietnamDate } from '../time/vietnam-time';
import type { CatalogRepo } from '../units/catalog.repo';
import type { UnitsRepo } from '../units/units.repo';
import type { InvitationsRepo } from './invitations.repo';
import { staffFormSchema } from './invitations.schema';
import { hashToken, invitationUrl, type InvitationsService } from './invitations.service';

export interface StaffInvitationDeps {
  invitations: InvitationsService; repo: InvitationsRepo; units: UnitsRepo; catalog: CatalogRepo;
  ttlDays: number; publicUrl: string; secureCookies: boolean; now: () => Date;
}

/** The token lives only in this short cookie, so the slip can be (re)printed after the 303 without storing it. */
const SLIP_COOKIE = 'sipas_slip';
const SLIP_MS = 15 * 60_000;
const SIZES = ['80mm', 'A6'] as const;

/** /staff/invitations: counter staff make a one-time invitation and print it on a slip. */
export function invitationPages(deps: StaffInvitationDeps) {
  const renderForm = (res: Response, values: Record<string, unknown>, error?: string) => {
    const access = accessOf(res);
    res.render('invitations/new', {
      title: res.locals.t('invitations.staff.title'), values, error, ttlDays: deps.ttlDays,
      units: deps.units.all().filter((u) => u.active === 1 && access.covers(u.id)).sort((a, b) => COLLATORS.vi.compare(a.name, b.name)),
      // No field chosen in advance: a busy counter would credit the wrong one.
      services: deps.catalog.services().filter((s) => s.active === 1).sort((a, b) => COLLATORS.vi.compare(a.nameVi, b.nameVi)),
      ownUnitCode: deps.units.get(res.locals.user.unitId)?.code,
    });
  };

  /** ?unit=<code>: from a counter's row on the staff home. */
  const newForm = (req: Request, res: Response) => renderForm(res, typeof req.query.unit === 'string' ? { unit: req.query.unit } : {});

  const create = (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!body.service) return renderForm(res.status(422), body, 'invitations.errors.no_service_chosen');
    const parsed = staffFormSchema.safeParse(body);
    if (!parsed.success) return renderForm(res.status(422), body, 'invitations.errors.form');
    const f = parsed.data;
    try {
      const inv = deps.invitations.create(accessOf(res), {
        unitCode: f.unit, serviceCode: f.service, dossier: f.dossier || undefined, expiresInDays: f.days, createdBy: `user:${res.locals.user.id}`,
      });
      res.cookie(SLIP_COOKIE, `${inv.id}.${inv.token}`, { httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, path: '/staff/invitations', maxAge: SLIP_MS });
      res.redirect(303, `/staff/invitations/${inv.id}/slip?size=${f.size ?? '80mm'}`);
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 403) throw err;
      renderForm(res.status(422), f, err.key);
    }
  };

  const slip = async (req: Request, res: Response) => {
    const inv = res.locals.invitation as NonNullable<ReturnType<InvitationsRepo['get']>>;
    const [cid, token] = String(req.cookies?.[SLIP_COOKIE] ?? '').split('.');
    const size = (SIZES as readonly string[]).includes(String(req.query.size)) ? String(req.query.size) : '80mm';
    const printable = cid === String(inv.id) && token !== undefined && hashToken(token) === inv.tokenHash;
    const url = printable ? invitationUrl(deps.publicUrl, token) : null;
    const qr = url ? await qrDataUri(url) : null;
    res.render('invitations/slip', {
      title: res.locals.t('invitations.slip.title'), inv, url, qr, size, sizes: SIZES, printButton: true,
      expiresOn: dmy(vietnamDate(new Date(inv.expiresAt))), printedOn: dmy(vietnamDate(deps.now())),
    });
  };

  return { newForm, create, slip };
}
