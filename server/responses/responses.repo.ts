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
  isDemo: boolean;
  lang: string;
  localDate: string;
  createdAt: string;
  choices: { questionId: string; value: string }[];
  texts: { questionId: string; text: string }[];
}

/** Storage of responses; each one goes in whole, with its counts, or not at all. */
export function createResponsesRepo(db: Db) {
  const insertResponse = db.prepare(`
    INSERT INTO responses (submission_id, definition_id, definition_version, unit_id, point_id, service_id, procedure_id,
                           channel, verified, flagged, is_demo, lang, local_date, created_at)
    VALUES (:submissionId, :definitionId, :definitionVersion, :unitId, :pointId, :serviceId, :procedureId,
            :channel, :verified, :flagged, :isDemo, :lang, :localDate, :createdAt)
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

  /** Returns the new response id, or null when this submission was stored before. */
  const store = db.transaction((r: NewResponse): number | null => {
    const flags = { verified: Number(r.verified), flagged: Number(r.flagged), isDemo: Number(r.isDemo) };
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
  });

  return { store };
}
export type ResponsesRepo = ReturnType<typeof createResponsesRepo>;
