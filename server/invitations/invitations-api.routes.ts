import express from 'express';
import type { Scope } from '../api-keys/api-keys.middleware';
import { qrSvg, qrPng } from '../posters/qr';
import { createInvitation, type InvitationDeps } from './invitations.service';
import { parseApiBody } from './invitations.schema';

type Auth = express.RequestHandler;

/** The QR of an invitation in both forms a one-stop system may print: SVG markup and a PNG data: URI. */
export async function invitationQr(url: string) {
  return { svg: await qrSvg(url), png: `data:image/png;base64,${qrPng(url, 600).toString('base64')}` };
}

/** POST /api/v1/invitations (API key only): a one-time survey URL and its QR for a receipt. */
export function invitationsApiRouter(deps: InvitationDeps, auth: Auth) {
  const router = express.Router();
  router.post('/api/v1/invitations', auth, express.json({ limit: '8kb' }), async (req, res) => {
    const body = parseApiBody(req.body);
    const days = body.expiresInDays;
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : days ? new Date(deps.now().getTime() + days * 86400_000) : undefined;
    const scope = res.locals.scope as Scope;
    const inv = createInvitation(deps, {
      unitCode: body.unit, serviceCode: body.service, procedureCode: body.procedure, dossier: body.dossier, expiresAt,
      createdBy: `key:${String(res.locals.apiKeyId)}`, allowedUnitIds: scope.unitIds,
    });
    res.set('Cache-Control', 'no-store');
    res.status(201).json({ id: inv.id, url: inv.url, expiresAt: inv.expiresAt, qr: await invitationQr(inv.url) });
  });
  return router;
}
