import express, { type Request, type Response } from 'express';
import { accessOf } from '../access/access.middleware';
import { qrPng, qrSvg } from '../posters/qr';
import type { InvitationsService } from './invitations.service';
import { parseApiBody } from './invitations.schema';

/** The QR of an invitation in both forms a one-stop system may print: SVG markup and a PNG data: URI. */
export async function invitationQr(url: string) {
  return { svg: await qrSvg(url), png: `data:image/png;base64,${qrPng(url, 600).toString('base64')}` };
}

export const invitationJson = express.json({ limit: '8kb' });

/** POST /api/v1/invitations (behind the API-key-only check): a one-time survey URL and its QR for a receipt. */
export function createInvitationApi(invitations: InvitationsService) {
  return async (req: Request, res: Response) => {
    const body = parseApiBody(req.body);
    const access = accessOf(res);
    const keyId = access.principal.kind === 'key' ? access.principal.keyId : null;
    const inv = invitations.create(access, {
      unitCode: body.unit, serviceCode: body.service, procedureCode: body.procedure, dossier: body.dossier,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined, expiresInDays: body.expiresInDays, createdBy: `key:${String(keyId)}`,
    });
    res.set('Cache-Control', 'no-store');
    res.status(201).json({ id: inv.id, url: inv.url, expiresAt: inv.expiresAt, qr: await invitationQr(inv.url) });
  };
}
