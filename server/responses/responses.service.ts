import type { DefinitionSet } from '../surveys/definitions';
import type { ParsedAnswers } from '../surveys/answer.schema';
import { VN_OFFSET_MS, vietnamDate } from '../time/vietnam-time';
import type { NewResponse, ResponsesRepo } from './responses.repo';

/** Where a response belongs, already resolved by its channel (poster point, invitation, kiosk). */
export interface Place { unitId: number; pointId: number | null; serviceId: number | null; procedureId: number | null }

export interface Submission {
  place: Place;
  answers: ParsedAnswers;
  channel: NewResponse['channel'];
  /** A one-time token (an invitation) vouched for it. */
  verified: boolean;
  /** An abuse rule matched: kept, but left out of figures unless asked for. */
  flagged: boolean;
  lang: string;
}

export interface ResponsesServiceDeps { repo: ResponsesRepo; definitions: DefinitionSet; now: () => Date }

/**
 * The one way a response is stored, whatever its channel (poster, kiosk, invitation): with the
 * current questionnaire, on today's local day in Vietnam, in one transaction with its answers
 * and counts (responses.repo.ts). A repeated submission id stores nothing (stored: false).
 */
export function createResponsesService(d: ResponsesServiceDeps) {
  const toRow = (s: Submission, at: Date, localDate = vietnamDate(at)): NewResponse => ({
    submissionId: s.answers.submissionId,
    definitionId: d.definitions.current.id,
    definitionVersion: d.definitions.current.version,
    ...s.place,
    channel: s.channel,
    verified: s.verified,
    flagged: s.flagged,
    isDemo: false,
    lang: s.lang,
    localDate,
    // An invitation's response keeps only its day (the start of it, in UTC): the one-stop
    // system knows when it handed out each dossier's slip, and must not match the instants.
    createdAt: s.channel === 'invitation' ? new Date(Date.parse(`${localDate}T00:00:00Z`) - VN_OFFSET_MS).toISOString() : at.toISOString(),
    choices: s.answers.choices,
    texts: s.answers.texts,
  });
  const submitResponse = (s: Submission): { stored: boolean; responseId: number | null } => {
    const responseId = d.repo.store(toRow(s, d.now()));
    return { stored: responseId !== null, responseId };
  };
  return { submitResponse };
}
export type ResponsesService = ReturnType<typeof createResponsesService>;
