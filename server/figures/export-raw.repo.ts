import { selectionParams, selectionWhere } from './selection.repo';
import type { Db } from '../db/open-database';
import type { CountFilter } from './figures.repo';

/** A comment hidden as abusive (comment_moderation) is left out unless includeHidden. */
export type RawFilter = CountFilter & { includeHidden?: boolean };

export interface RawResponseRow {
  id: number; localDate: string; createdAt: string; unitCode: string; unitName: string; pointCode: string | null;
  unitOfficialCode: string | null; unitValidFrom: string | null; unitValidTo: string | null;
  serviceCode: string | null; channel: string; lang: string; definitionId: string; definitionVersion: number;
  flagged: number; flagReasons: number; verified: number; isDemo: number;
  /** JSON [[question, value], ...] of choices and of free texts. */
  choices: string; texts: string;
}

/**
 * Raw responses one page at a time, by id (keyset): the connection is never held by an
 * open iterator while the export waits for a slow client, so submissions go on meanwhile.
 */
export function createRawExportRepo(db: Db) {
  const page = db.prepare<Record<string, unknown>, RawResponseRow>(`
    SELECT r.id, r.local_date AS localDate, r.created_at AS createdAt, u.code AS unitCode, u.name AS unitName,
           u.official_code AS unitOfficialCode, u.valid_from AS unitValidFrom, u.valid_to AS unitValidTo,
           p.code AS pointCode, s.code AS serviceCode, r.channel, r.lang, r.definition_id AS definitionId,
           r.definition_version AS definitionVersion, r.flagged, r.flag_reasons AS flagReasons, r.verified, r.is_demo AS isDemo,
           (SELECT json_group_array(json_array(a.question_id, a.value)) FROM answers a WHERE a.response_id = r.id) AS choices,
           (SELECT json_group_array(json_array(x.question_id, x.text)) FROM text_answers x WHERE x.response_id = r.id
              AND (:includeHidden = 1 OR NOT EXISTS (SELECT 1 FROM comment_moderation m
                WHERE m.response_id = x.response_id AND m.question_id = x.question_id AND m.unhidden_at IS NULL))) AS texts
    FROM responses r
    JOIN units u ON u.id = r.unit_id
    LEFT JOIN collection_points p ON p.id = r.point_id
    LEFT JOIN services s ON s.id = r.service_id
    WHERE r.id > :after AND r.local_date BETWEEN :from AND :to ${selectionWhere({ unit: 'r.unit_id', service: 'coalesce(r.service_id, 0)', flagged: 'r.flagged' })}
    ORDER BY r.id
    LIMIT :limit`);
  return {
    page: (f: RawFilter, after: number, limit: number) =>
      page.all({
        after, limit, from: f.from, to: f.to, ...selectionParams(f),
        includeHidden: f.includeHidden ? 1 : 0,
      }),
  };
}
export type RawExportRepo = ReturnType<typeof createRawExportRepo>;
