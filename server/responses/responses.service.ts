import type { Definition } from '../surveys/definitions';
import type { ParsedAnswers } from '../surveys/answer.schema';
import type { PointContext, ServiceOption } from '../units/units.repo';
import { vietnamDate } from '../time/vietnam-time';
import type { NewResponse, ResponsesRepo } from './responses.repo';

export interface Submission {
  definition: Definition;
  point: PointContext;
  services: ServiceOption[];
  answers: ParsedAnswers;
  channel: NewResponse['channel'];
  lang: string;
  at: Date;
}

/** Turns a validated submission into the stored row; a repeated submission id stores nothing. */
export function submitResponse(repo: ResponsesRepo, s: Submission): { stored: boolean } {
  const chosen = s.answers.serviceCode ? s.services.find((x) => x.code === s.answers.serviceCode) : undefined;
  const id = repo.store({
    submissionId: s.answers.submissionId,
    definitionId: s.definition.id,
    definitionVersion: s.definition.version,
    unitId: s.point.unitId,
    pointId: s.point.pointId,
    serviceId: s.point.serviceId ?? chosen?.id ?? null,
    procedureId: null,
    channel: s.channel,
    verified: false,
    flagged: false,
    isDemo: false,
    lang: s.lang,
    localDate: vietnamDate(s.at),
    createdAt: s.at.toISOString(),
    choices: s.answers.choices,
    texts: s.answers.texts,
  });
  return { stored: id !== null };
}
