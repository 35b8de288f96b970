import crypto from 'node:crypto';
import type { Access } from '../access/access';
import { AppError } from '../http/errors';
import type { ResponsesService } from '../responses/responses.service';
import type { ParsedAnswers } from '../surveys/answer.schema';
import type { CatalogRepo } from '../units/catalog.repo';
import { vietnamDate } from '../time/vietnam-time';
import type { UnitsRepo } from '../units/units.repo';
import { createUnitLookup } from '../units/unit-lookup';
import { takesResponses } from '../units/validity';
import type { InvitationRow, InvitationsRepo } from './invitations.repo';
import { loadInvitationKey, type LegacyKeySettings } from './invitation-key';

export interface InvitationInput {
  unitCode: string;
  serviceCode?: string;
  procedureCode?: string;
  dossier?: string;
  expiresAt?: Date;
  /** When no expiresAt: this many days from now (default INVITATION_TTL_DAYS). */
  expiresInDays?: number;
  /** 'key:<id>' or 'user:<id>'. */
  createdBy: string;
}
export interface InvitationDeps {
  repo: InvitationsRepo; units: UnitsRepo; catalog: CatalogRepo; responses: ResponsesService;
  secret: string; ttlDays: number; publicUrl: string; now: () => Date;
}

const DAY_MS = 86400_000;
/** 144 random bits: unguessable, and short enough for a small QR on a receipt. */
const newToken = () => crypto.randomBytes(18).toString('base64url');
export const INVITATION_TOKEN = /^[A-Za-z0-9_-]{24}$/;
export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
export const invitationUrl = (publicUrl: string, token: string) => `${publicUrl}/i/${token}`;

/** The dossier reference as a keyed hash: whoever copies the database cannot test guesses without the secret. */
export const dossierHash = (secret: string, ref: string) =>
  crypto.createHmac('sha256', secret).update(ref.normalize('NFC').trim().toUpperCase()).digest('hex');

/** The HMAC secret: INVITATION_SECRET if given, else the key file beside the database (never the database itself). */
export function invitationSecret(settings: LegacyKeySettings, configured: string | undefined, keyFile: string | null): string {
  return loadInvitationKey({ settings, configured, keyFile }).secret;
}

/**
 * A form's submission id begins with the instant the form was shown (survey.form.ts): an
 * invitation's response stores a hash of it instead, which keeps a resend idempotent and
 * tells no time.
 */
export const invitationSubmissionId = (sid: string) => `i-${crypto.createHash('sha256').update(sid).digest('base64url')}`;

export type InvitationState = 'open' | 'used' | 'expired';
export function stateOf(inv: InvitationRow, now: Date): InvitationState {
  if (inv.usedAt) return 'used';
  return inv.expiresAt <= now.toISOString() ? 'expired' : 'open';
}

/** One-time invitations: made by a one-stop system (API key) or at the counter, answered once. */
export function createInvitationsService(d: InvitationDeps) {
  const lookup = createUnitLookup(d.units);
  const resolveService = (unitId: number, input: InvitationInput) => {
    const procedure = input.procedureCode ? d.catalog.activeProcedure(input.procedureCode) : undefined;
    if (input.procedureCode && !procedure) throw new AppError(400, 'invitations.errors.unknown_procedure', { procedure: input.procedureCode });
    const service = input.serviceCode ? d.catalog.serviceByCode(input.serviceCode) : undefined;
    if (input.serviceCode && service?.active !== 1) throw new AppError(400, 'invitations.errors.unknown_service', { service: input.serviceCode });
    const serviceId = service?.id ?? procedure?.serviceId;
    if (serviceId === undefined) throw new AppError(400, 'invitations.errors.no_service');
    if (procedure && procedure.serviceId !== serviceId) throw new AppError(400, 'invitations.errors.procedure_mismatch');
    if (!d.catalog.unitOffers(unitId, serviceId)) throw new AppError(400, 'invitations.errors.not_offered');
    return { serviceId, procedureId: procedure?.id ?? null };
  };

  /** Creates an invitation for a unit the Access covers; the token is returned once and only its hash is stored. */
  const create = (access: Access, input: InvitationInput) => {
    // By short code, or by the official code it holds today (codes are reused after mergers).
    const today = vietnamDate(d.now());
    const named = lookup(input.unitCode, today);
    const unit = named.ok ? named.unit : undefined;
    if (!unit || unit.active !== 1) throw new AppError(400, 'invitations.errors.unknown_unit', { unit: input.unitCode });
    if (!takesResponses(unit, today)) throw new AppError(400, 'units.errors.invitation_closed', { unit: unit.name, successor: unit.successorName ?? '' });
    if (!access.covers(unit.id)) throw new AppError(403, 'invitations.errors.out_of_scope');
    const { serviceId, procedureId } = resolveService(unit.id, input);
    const now = d.now();
    const expiresAt = input.expiresAt ?? new Date(now.getTime() + (input.expiresInDays ?? d.ttlDays) * DAY_MS);
    if (expiresAt <= now || expiresAt.getTime() > now.getTime() + 366 * DAY_MS) throw new AppError(400, 'invitations.errors.bad_expiry');
    const token = newToken();
    const id = d.repo.insert({
      tokenHash: hashToken(token), unitId: unit.id, serviceId, procedureId,
      dossierHash: input.dossier ? dossierHash(d.secret, input.dossier) : null,
      createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), createdBy: input.createdBy,
    });
    return { id, token, url: invitationUrl(d.publicUrl, token), expiresAt: expiresAt.toISOString(), unitId: unit.id };
  };

  /** The invitation of a token from a URL; undefined when malformed or unknown. */
  const find = (token: string) => (INVITATION_TOKEN.test(token) ? d.repo.findByHash(hashToken(token)) : undefined);

  /**
   * Uses the invitation and stores its response, both or neither; 'closed' when it was used or
   * expired meanwhile. `continuation`: the token the device adds the detail steps with.
   */
  const redeem = (inv: InvitationRow, answers: ParsedAnswers, lang: string): { state: 'stored' | 'closed'; continuation: string | null } => {
    const place = { unitId: inv.unitId, pointId: null, serviceId: inv.serviceId, procedureId: inv.procedureId };
    const at = d.now();
    const stored = { ...answers, submissionId: invitationSubmissionId(answers.submissionId) };
    let continuation: string | null = null;
    const state = d.repo.redeem(inv.id, at.toISOString(), vietnamDate(at), () => {
      const result = d.responses.submitResponse({ place, answers: stored, channel: 'invitation', verified: true, flagReasons: 0, lang });
      continuation = result.continuation;
      return result.stored;
    });
    return { state, continuation };
  };
  /** The same form sent again after it used the invitation: the thank-you page, not "already used". */
  const answeredWith = (inv: InvitationRow, submissionId: string) => d.repo.answered(invitationSubmissionId(submissionId), inv.unitId);
  /** After such a repeat: a new continuation token for that response's device, if its window is still open. */
  const resume = (submissionId: string) => d.responses.resume(invitationSubmissionId(submissionId));
  return { create, find, redeem, answeredWith, resume, state: (inv: InvitationRow) => stateOf(inv, d.now()) };
}
export type InvitationsService = ReturnType<typeof createInvitationsService>;
