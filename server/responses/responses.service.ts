import crypto from 'node:crypto';
import { NOT_ITS_DEVICE } from '../abuse/flag-reasons';
import { randomBase64url } from '../abuse/random-pool';
import type { GroupCommit } from '../db/group-commit';
import type { Tx } from '../db/open-database';
import type { DefinitionSet } from '../surveys/definitions';
import type { ParsedAnswers, StepAnswers } from '../surveys/answer.schema';
import { surveySteps } from '../surveys/steps';
import { VN_OFFSET_MS, vietnamDate } from '../time/vietnam-time';
import type { ContinuationsRepo } from './continuations.repo';
import type { Choice, NewResponse, ResponsesRepo } from './responses.repo';

/** Where a response belongs, already resolved by its channel (poster point, invitation, kiosk). */
export interface Place { unitId: number; pointId: number | null; serviceId: number | null; procedureId: number | null }

export interface Submission {
  place: Place;
  answers: ParsedAnswers;
  channel: NewResponse['channel'];
  /** A one-time token (an invitation) vouched for it. */
  verified: boolean;
  /** The abuse rules it broke (server/abuse/flag-reasons.ts; 0: none): kept, but left out of figures unless asked for. */
  flagReasons: number;
  lang: string;
}

/** The group of a response's counts, as answer_counts keys it (0: no service field). */
export interface CountGroup { unitId: number; serviceId: number; definitionId: string; definitionVersion: number; flagged: number }
/**
 * Keeps the rollups exact when answers arrive for an earlier day; called inside the
 * transaction that adds them, with the response's OWN local day (the figures engine's hook).
 */
export type AddLateCounts = (group: CountGroup, localDate: string, choices: readonly Choice[]) => void;

export interface ResponsesServiceDeps {
  repo: ResponsesRepo; continuations: ContinuationsRepo; definitions: DefinitionSet; tx: Tx;
  /** The transaction of the first pages, shared by those sent at the same moment (db/group-commit.ts). */
  batch: GroupCommit;
  lateCounts: AddLateCounts; now: () => Date;
}

/** How long the device that sent a response may add detail steps to it. */
export const CONTINUATION_MS = 2 * 3600_000;
/**
 * The continuation token as a cookie holds it: when it was issued (ms, base36) and 32 random
 * bytes (base64url); before 017, the random part alone. The row keeps the time prefix and the
 * token's sha256: new rows then go at the end of the unique index, where the submissions of
 * one commit share its last page, instead of each on a random page of it. The prefix tells
 * nothing that expires_at does not.
 */
export const CONTINUATION_TOKEN = /^(?:[0-9a-z]{9})?[A-Za-z0-9_-]{43}$/;
const hash = (token: string) => (token.length > 43 ? token.slice(0, 9) : '') + crypto.createHash('sha256').update(token).digest('hex');

export type StepOutcome = 'stored' | 'again' | 'skipped' | 'closed';

/**
 * The one way a response is stored, whatever its channel (poster, kiosk, invitation): with the
 * current questionnaire, on today's local day in Vietnam, in one transaction with its answers
 * and counts (responses.repo.ts). A repeated submission id stores nothing (stored: false).
 * Then the detail steps, each added to that response through its continuation token.
 */
export function createResponsesService(d: ResponsesServiceDeps) {
  const toRow = (s: Submission, at: Date, localDate = vietnamDate(at)): NewResponse => ({
    submissionId: s.answers.submissionId,
    definitionId: d.definitions.current.id,
    definitionVersion: d.definitions.current.version,
    ...s.place,
    channel: s.channel,
    verified: s.verified,
    flagged: s.flagReasons !== 0,
    flagReasons: s.flagReasons,
    isDemo: false,
    lang: s.lang,
    localDate,
    // An invitation's response keeps only its day (the start of it, in UTC): the one-stop
    // system knows when it handed out each dossier's slip, and must not match the instants.
    createdAt: s.channel === 'invitation' ? new Date(Date.parse(`${localDate}T00:00:00Z`) - VN_OFFSET_MS).toISOString() : at.toISOString(),
    choices: s.answers.choices,
    texts: s.answers.texts,
  });

  const newToken = () => d.now().getTime().toString(36).padStart(9, '0') + randomBase64url(32);
  /** The window of a response just stored: two hours from now (never from its created_at, which an invitation keeps as a day). */
  const openFor = (responseId: number, at: Date, answered: string[]): string => {
    const token = newToken();
    d.continuations.open({ tokenHash: hash(token), responseId, steps: answered, expiresAt: new Date(at.getTime() + CONTINUATION_MS).toISOString() });
    return token;
  };

  /**
   * `continuation`: the token its device adds the detail steps with, also after a repeat of the
   * same submission (a double tap), but only from the device its id was issued to: an id seen
   * elsewhere never opens another device's response.
   */
  const store = (s: Submission): { stored: boolean; responseId: number | null; continuation: string | null } => {
    const at = d.now();
    // storeIn: this runs in a transaction already (d.tx's, or its savepoint of the group commit).
    const responseId = d.repo.storeIn(toRow(s, at));
    const answered = surveySteps(d.definitions.current).stepsAnswering([...s.answers.choices, ...s.answers.texts].map((a) => a.questionId));
    if (responseId !== null) return { stored: true, responseId, continuation: openFor(responseId, at, answered) };
    return { stored: false, responseId: null, continuation: (s.flagReasons & NOT_ITS_DEVICE) === 0 ? resume(s.answers.submissionId) : null };
  };
  /** Stores a first page now, in the caller's transaction if there is one (an invitation's). */
  const submitResponse = (s: Submission) => d.tx(() => store(s));
  /** Stores a first page in the one commit of every first page sent at this moment; settles once it is committed. */
  const queueResponse = (s: Submission) => d.batch(() => store(s));

  /** A repeat of a first page whose answer went in before (a double tap): a new token for its live continuation, if any. */
  const resume = (submissionId: string): string | null => d.tx(() => {
    const before = d.repo.bySubmission(submissionId);
    const token = newToken();
    return before && d.continuations.rotate(before.id, hash(token), d.now().toISOString()) ? token : null;
  });

  /** The live continuation of a cookie's token: its response and the steps stored. */
  const continuation = (token: unknown) =>
    typeof token === 'string' && CONTINUATION_TOKEN.test(token) ? d.continuations.find(hash(token), d.now().toISOString()) : undefined;

  /** Adds one detail step to the token's response, once; counted on the response's own day and group. */
  const addStep = (token: unknown, step: string, answers: StepAnswers): StepOutcome => d.tx(() => {
    const c = continuation(token);
    if (!c) return 'closed';
    if (c.steps.includes(step)) return 'again';
    if (!answers.choices.length && !answers.texts.length) return 'skipped';
    const g = d.repo.group(c.responseId)!;
    const added = d.repo.add(g, answers.choices, answers.texts);
    if (added.length) d.lateCounts({ unitId: g.unitId, serviceId: g.serviceId, definitionId: g.definitionId, definitionVersion: g.definitionVersion, flagged: g.flagged }, g.localDate, added);
    d.continuations.mark(c.tokenHash, step);
    return 'stored';
  });

  /** The citizen finished (or the kiosk starts over): the token no longer leads to the response, which stays closed. */
  const finish = (token: unknown) => {
    const c = continuation(token);
    if (c) d.continuations.close(c.tokenHash);
  };

  /** Deletes the continuations whose window has passed (scheduled, responses/continuations.schedule.ts). */
  const purgeExpired = () => d.continuations.purge(d.now().toISOString());

  return { submitResponse, queueResponse, resume, continuation, addStep, finish, purgeExpired };
}
export type ResponsesService = ReturnType<typeof createResponsesService>;
