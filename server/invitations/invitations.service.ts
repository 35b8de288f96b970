import crypto from 'node:crypto';
import { AppError } from '../http/errors';
import type { InvitationRow, InvitationsRepo } from './invitations.repo';

export interface InvitationInput {
  unitCode: string;
  serviceCode?: string;
  procedureCode?: string;
  dossier?: string;
  expiresAt?: Date;
  /** 'key:<id>' or 'user:<id>'. */
  createdBy: string;
  /** The units the caller may invite for; null: every unit. */
  allowedUnitIds: number[] | null;
}
export interface InvitationDeps { repo: InvitationsRepo; secret: string; ttlDays: number; publicUrl: string; now: () => Date }

const DAY_MS = 86400_000;
/** 144 random bits: unguessable, and short enough for a small QR on a receipt. */
const newToken = () => crypto.randomBytes(18).toString('base64url');
export const INVITATION_TOKEN = /^[A-Za-z0-9_-]{24}$/;
export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
export const invitationUrl = (publicUrl: string, token: string) => `${publicUrl}/i/${token}`;

/** The dossier reference as a keyed hash: whoever copies the database cannot test guesses without the secret. */
export const dossierHash = (secret: string, ref: string) =>
  crypto.createHmac('sha256', secret).update(ref.normalize('NFC').trim().toUpperCase()).digest('hex');

/** The HMAC secret: INVITATION_SECRET if given, else one generated on first start and kept in settings. */
export function invitationSecret(settings: { getOrInsert: (k: string, v: string) => string }, configured: string | undefined): string {
  return configured ?? settings.getOrInsert('invitation_secret', crypto.randomBytes(32).toString('base64url'));
}

function resolveService(repo: InvitationsRepo, unitId: number, input: InvitationInput) {
  const procedure = input.procedureCode ? repo.procedureByCode(input.procedureCode) : undefined;
  if (input.procedureCode && !procedure) throw new AppError(400, 'invitations.errors.unknown_procedure', { procedure: input.procedureCode });
  const serviceId = input.serviceCode ? repo.serviceIdByCode(input.serviceCode) : procedure?.serviceId;
  if (input.serviceCode && serviceId === undefined) throw new AppError(400, 'invitations.errors.unknown_service', { service: input.serviceCode });
  if (serviceId === undefined) throw new AppError(400, 'invitations.errors.no_service');
  if (procedure && procedure.serviceId !== serviceId) throw new AppError(400, 'invitations.errors.procedure_mismatch');
  if (!repo.unitOffers(unitId, serviceId)) throw new AppError(400, 'invitations.errors.not_offered');
  return { serviceId, procedureId: procedure?.id ?? null };
}

/** Creates a one-time invitation; the token is returned once and only its hash is stored. */
export function createInvitation(deps: InvitationDeps, input: InvitationInput) {
  const unit = deps.repo.unitByCode(input.unitCode);
  if (!unit || unit.active !== 1) throw new AppError(400, 'invitations.errors.unknown_unit', { unit: input.unitCode });
  if (input.allowedUnitIds && !input.allowedUnitIds.includes(unit.id)) throw new AppError(403, 'invitations.errors.out_of_scope');
  const { serviceId, procedureId } = resolveService(deps.repo, unit.id, input);
  const now = deps.now();
  const expiresAt = input.expiresAt ?? new Date(now.getTime() + deps.ttlDays * DAY_MS);
  if (expiresAt <= now || expiresAt.getTime() > now.getTime() + 366 * DAY_MS) throw new AppError(400, 'invitations.errors.bad_expiry');
  const token = newToken();
  const id = deps.repo.insert({
    tokenHash: hashToken(token), unitId: unit.id, serviceId, procedureId,
    dossierHash: input.dossier ? dossierHash(deps.secret, input.dossier) : null,
    createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), createdBy: input.createdBy,
  });
  return { id, token, url: invitationUrl(deps.publicUrl, token), expiresAt: expiresAt.toISOString(), unitId: unit.id };
}

export type InvitationState = 'open' | 'used' | 'expired';
export function stateOf(inv: InvitationRow, now: Date): InvitationState {
  if (inv.usedAt) return 'used';
  return inv.expiresAt <= now.toISOString() ? 'expired' : 'open';
}
