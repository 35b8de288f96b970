/**
 * Synthetic data for the figures benchmark, generated inside SQLite (no row crosses into
 * JavaScript): one response per (unit, service, day), its raw answers, and answer_counts.
 * Answer values come from a fixed integer hash, so every run writes the same data.
 */
import type { Db } from '../server/db/open-database';
import type { Definition } from '../server/surveys/definitions';

export interface Shape { units: number; services: number; days: number; start: string }

/** Units 2.. under one province, services 1..; the questions the generator answers. */
function dimensions(db: Db, def: Definition, s: Shape) {
  db.exec("INSERT INTO units (id, code, name, type) VALUES (1, 'p', 'Tỉnh', 'tinh')");
  const unit = db.prepare("INSERT INTO units (id, code, name, type, parent_id) VALUES (?, ?, ?, 'xa', 1)");
  const service = db.prepare('INSERT INTO services (id, code, name_vi) VALUES (?, ?, ?)');
  db.exec('CREATE TEMP TABLE bench_q (qid TEXT PRIMARY KEY, qi INTEGER, options TEXT) WITHOUT ROWID');
  const question = db.prepare('INSERT INTO bench_q VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let u = 2; u < s.units + 2; u++) unit.run(u, `u${u}`, `Xã ${u}`);
    for (let i = 1; i <= s.services; i++) service.run(i, `s${i}`, `Lĩnh vực ${i}`);
    [...def.questions.values()].forEach((q, i) => {
      // The overall question, the 19 criteria and the six priorities; profile questions are left blank.
      if (q.type === 'likert5') question.run(q.id, i, null);
      else if (q.type === 'single' && q.role === 'priority') question.run(q.id, i, JSON.stringify(q.options.map((o) => o.value)));
    });
  })();
}

/** Uniform in [0, 1) from a response id and a question index: two fixed multiplicative hashes. */
const H1 = '((r.id * 2654435761 + q.qi * 97531) % 1000003) / 1000003.0';
const H2 = '((r.id * 40503 + q.qi * 2654435761) % 999983) / 999983.0';

/** Writes responses, answers and answer_counts; returns the number of responses. */
export function generate(db: Db, def: Definition, s: Shape): number {
  dimensions(db, def, s);
  const perDay = s.units * s.services;
  const n = perDay * s.days;
  // Ids in (day, unit, service) order, so every table below is written in key order.
  db.prepare(`
    WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < :n - 1)
    INSERT INTO responses (id, submission_id, definition_id, definition_version, unit_id, service_id, channel, lang, local_date, created_at)
    SELECT i + 1, 'b' || (i + 1), :def, :version, (i / :services) % :units + 2, i % :services + 1, 'poster', 'vi', d, d || 'T02:00:00.000Z'
    FROM (SELECT i, date(:start, '+' || (i / :perDay) || ' days') AS d FROM seq)`).run({ n, def: def.id, version: def.version, services: s.services, units: s.units, perDay, start: s.start });
  // Each unit has its own share of satisfied answers (60–94%); 8% "không áp dụng"; half the priorities answered.
  db.exec(`
    INSERT INTO answers (response_id, question_id, value)
    SELECT r.id, q.qid, CASE
      WHEN q.options IS NOT NULL THEN q.options ->> (CAST(${H2} * 1000 AS INTEGER) % json_array_length(q.options))
      WHEN ${H2} < 0.08 THEN 'na'
      ELSE (SELECT CASE WHEN h < p / 2 THEN '5' WHEN h < p THEN '4' WHEN h < p + (1 - p) * 0.6 THEN '3' WHEN h < p + (1 - p) * 0.9 THEN '2' ELSE '1' END
            FROM (SELECT ${H1} AS h, 0.6 + ((r.unit_id * 37) % 35) / 100.0 AS p))
    END
    FROM responses r CROSS JOIN bench_q q
    WHERE q.options IS NULL OR ${H1} < 0.5`);
  // One response per (day, unit, service): each answer is its own daily count of 1, exactly what the submission path would have written.
  db.exec('DROP INDEX answer_counts_unit_date');
  db.exec(`INSERT INTO answer_counts SELECT local_date, unit_id, 0, service_id, definition_id, definition_version, flagged, '_response', '1', 1 FROM responses`);
  db.exec(`INSERT INTO answer_counts SELECT r.local_date, r.unit_id, 0, r.service_id, r.definition_id, r.definition_version, r.flagged, a.question_id, a.value, 1
           FROM responses r JOIN answers a ON a.response_id = r.id`);
  db.exec('CREATE INDEX answer_counts_unit_date ON answer_counts(unit_id, local_date)');
  db.exec('ANALYZE');
  return n;
}
