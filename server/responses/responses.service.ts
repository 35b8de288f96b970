import type { Definition } from '../surveys/definitions';
import type { ParsedAnswers } from '../surveys/answer.schema';
import { vietnamDate } from '../time/vietnam-time';
import type { NewResponse, ResponsesRepo } from './responses.repo';

/** Where a response belongs, already resolved by its channel (poster point, invitation, kiosk). */
export interface Place { unitId: number; pointId: number | null; serviceId: number | null; procedureId: number | null }

export interface Submission {
  definition: Definition;
  place: Place;
  answers: ParsedAnswers;
  channel: NewResponse['channel'];
  /** A one-time token (an invitation) vouched for it. */
  verified: boolean;
  /** An abuse rule matched: kept, but left out of figures unless asked for. */
  flagged: boolean;
  lang: string;
  at: Date;
}

/** The stored row of a validated submission; shared by every channel so none copies it. */
export function toNewResponse(s: Submission): NewResponse {
  return {
    submissionId: s.answers.submissionId,
    definitionId: s.definition.id,
    definitionVersion: s.definition.version,
    ...s.place,
    channel: s.channel,
    verified: s.verified,
    flagged: s.flagged,
    isDemo: false,
    lang: s.lang,
    localDate: vietnamDate(s.at),
    createdAt: s.at.toISOString(),
    choices: s.answers.choices,
    texts: s.answers.texts,
  };
}

/** Stores a submission; a repeated submission id stores nothing (stored: false). */
export function submitResponse(repo: ResponsesRepo, s: Submission): { stored: boolean; responseId: number | null } {
  const responseId = repo.store(toNewResponse(s));
  return { stored: responseId !== null, responseId };
}
