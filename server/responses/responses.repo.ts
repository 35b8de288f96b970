import { FLAG_RULES } from '../abuse/flag-reasons';
import type { Db } from '../db/open-database';

export interface NewResponse {
  submissionId: string;
  definitionId: string;
  definitionVersion: number;
  unitId: number;
  pointId: number | null;
  serviceId: number | null;
  procedureId: number | null;
  channel: 'poster' | 'invitation' | 'kiosk';
  verified: boolean;
  flagged: boolean;
  /** Why it is flagged (server/abuse/flag-reasons.ts); when given, `flagged` follows it. Without it a flagged response's rule is not known. */
  flagReasons?: number;
  isDemo: boolean;
  lang: string;
  localDate: string;
  createdAt: string;
  choices: { questionId: string; value: string }[];
  texts: { questionId: string; text: string }[];
}

/** What a later step needs of its response: where its counts are (its OWN day, not today's). */
export interface ResponseGroup {
  id: number; localDate: string; unitId: number; pointId: number; serviceId: number;
  definitionId: string; definitionVersion: number; flagged: number;
}
export type Choice = { questionId: string; value: string };

/** Storage of responses; each one goes in whole, with its counts, or not at all. */
export function createResponsesRepo(db: Db) {
  const insertResponse = db.prepare(`
    INSERT INTO responses (submission_id, definition_id, definition_version, unit_id, point_id, service_id, procedure_id,
                           channel, verified, flagged, flag_reasons, is_demo, lang, local_date, created_at)
    VALUES (:submissionId, :definitionId, :definitionVersion, :unitId, :pointId, :serviceId, :procedureId,
            :channel, :verified, :flagged, :flagReasons, :isDemo, :lang, :localDate, :createdAt)
    ON CONFLICT (submission_id) DO NOTHING`);
  // One statement per table for all of a response's answers (json_each): a statement per
  // answer cost three times as much on the submission path.
  const insertAnswers = db.prepare(`
    INSERT INTO answers (response_id, question_id, value)
    SELECT :responseId, j.value ->> 0, j.value ->> 1 FROM json_each(:choices) j`);
  const insertTexts = db.prepare(`
    INSERT INTO text_answers (response_id, question_id, text)
    SELECT :responseId, j.value ->> 0, j.value ->> 1 FROM json_each(:texts) j`);
  const bumpCounts = db.prepare(`
    INSERT INTO answer_counts (local_date, unit_id, point_id, service_id, definition_id, definition_version, flagged, question_id, value, n)
    SELECT :localDate, :unitId, :pointId, :serviceId, :definitionId, :definitionVersion, :flagged, j.value ->> 0, j.value ->> 1, 1
    FROM json_each(:choices) j WHERE true
    ON CONFLICT DO UPDATE SET n = n + 1`);

  const groupOf = db.prepare<{ id: number }, ResponseGroup>(`
    SELECT id, local_date AS localDate, unit_id AS unitId, coalesce(point_id, 0) AS pointId, coalesce(service_id, 0) AS serviceId,
           definition_id AS definitionId, definition_version AS definitionVersion, flagged
    FROM responses WHERE id = :id`);
  const bySubmission = db.prepare<{ submissionId: string }, { id: number }>('SELECT id FROM responses WHERE submission_id = :submissionId');
  // A later step: only the answers not there yet go in, and only those are counted.
  const addAnswers = db.prepare<{ responseId: number; choices: string }, Choice>(`
    INSERT INTO answers (response_id, question_id, value)
    SELECT :responseId, j.value ->> 0, j.value ->> 1 FROM json_each(:choices) j WHERE true
    ON CONFLICT DO NOTHING RETURNING question_id AS questionId, value`);
  const addTexts = db.prepare(`
    INSERT INTO text_answers (response_id, question_id, text)
    SELECT :responseId, j.value ->> 0, j.value ->> 1 FROM json_each(:texts) j WHERE true ON CONFLICT DO NOTHING`);
  const bumpGroup = db.prepare(`
    INSERT INTO answer_counts (local_date, unit_id, point_id, service_id, definition_id, definition_version, flagged, question_id, value, n)
    SELECT :localDate, :unitId, :pointId, :serviceId, :definitionId, :definitionVersion, :flagged, j.value ->> 0, j.value ->> 1, 1
    FROM json_each(:choices) j WHERE true
    ON CONFLICT DO UPDATE SET n = n + 1`);

  /**
   * Adds a step's answers to a stored response and counts them on the response's own day and
   * group. Returns the choices added (an answer already there is neither stored nor counted
   * again). Runs in the caller's transaction (responses.service.ts), with the rollups' update.
   */
  const add = (g: ResponseGroup, choices: Choice[], texts: { questionId: string; text: string }[]): Choice[] => {
    const added = choices.length ? addAnswers.all({ responseId: g.id, choices: JSON.stringify(choices.map((c) => [c.questionId, c.value])) }) : [];
    if (texts.length) addTexts.run({ responseId: g.id, texts: JSON.stringify(texts.map((t) => [t.questionId, t.text])) });
    const { id: _id, ...group } = g;
    if (added.length) bumpGroup.run({ ...group, choices: JSON.stringify(added.map((c) => [c.questionId, c.value])) });
    return added;
  };

  /** Returns the new response id, or null when this submission was stored before. In the caller's transaction. */
  const storeIn = (r: NewResponse): number | null => {
    const flagReasons = r.flagReasons ?? (r.flagged ? FLAG_RULES.earlier : 0);
    const flags = { verified: Number(r.verified), flagged: Number(flagReasons !== 0), flagReasons, isDemo: Number(r.isDemo) };
    const { choices, texts, ...row } = r;
    const info = insertResponse.run({ ...row, ...flags });
    if (info.changes === 0) return null;
    const responseId = Number(info.lastInsertRowid);
    const pairs = choices.map((c) => [c.questionId, c.value]);
    if (pairs.length) insertAnswers.run({ responseId, choices: JSON.stringify(pairs) });
    if (texts.length) insertTexts.run({ responseId, texts: JSON.stringify(texts.map((t) => [t.questionId, t.text])) });
    bumpCounts.run({
      localDate: r.localDate,
      unitId: r.unitId,
      pointId: r.pointId ?? 0,
      serviceId: r.serviceId ?? 0,
      definitionId: r.definitionId,
      definitionVersion: r.definitionVersion,
      flagged: flags.flagged,
      choices: JSON.stringify([['_response', '1'], ...pairs]),
    });
    return responseId;
  };
  /** The same in a transaction of its own (a savepoint inside another). */
  const store = db.transaction(storeIn);

  return {
    store,
    storeIn,
    add,
    group: (id: number) => groupOf.get({ id }),
    bySubmission: (submissionId: string) => bySubmission.get({ submissionId }),
  };
}
export type ResponsesRepo = ReturnType<typeof createResponsesRepo>;
