import type { Db } from '../../server/db/open-database';
import { createTestApp } from './test-app';
import { storeResponse } from './figures-fixtures';
import { createUser } from './staff';

/**
 * A province with its own one-stop counter and three communes, two service fields, responses
 * in Q1 2026 and in Q4 2025 (for the change), made here rather than taken from the demo data.
 * The few-answers threshold is 4 responses: Xã Cát Tiên (2) is flagged and not ranked.
 */
export const NOW = new Date('2026-05-10T03:00:00Z');
export const PERIOD = '2026-Q1';

const RATINGS: Record<string, { q1: number[]; q4: number[] }> = {
  't-tinh': { q1: [4, 4, 5, 3, 5], q4: [5, 5] },
  't-an': { q1: [5, 5, 5, 5, 4, 5, 5, 5], q4: [4, 3, 4, 5] },
  't-minh': { q1: [2, 3, 4, 5, 2, 3], q4: [4, 4, 5, 5] },
  't-cat': { q1: [1, 2], q4: [] },
};

function addUnits(db: Db) {
  const unit = db.prepare('INSERT INTO units (code, name, type, parent_id) VALUES (?, ?, ?, ?)');
  const province = Number(unit.run('t-tinh', 'Tỉnh Thử Nghiệm', 'tinh', null).lastInsertRowid);
  for (const [code, name] of [['t-an', 'Xã An Bình'], ['t-minh', 'Xã Bình Minh'], ['t-cat', 'Xã Cát Tiên']]) unit.run(code, name, 'xa', province);
  const service = db.prepare('INSERT INTO services (code, name_vi, name_en) VALUES (?, ?, ?)');
  service.run('t-hotich', 'Hộ tịch', 'Civil status');
  service.run('t-datdai', 'Đất đai', 'Land');
}

/** One response per rating: the overall question and four criteria of two elements, and a priority. */
function answers(level: number, i: number): Record<string, string> {
  const shift = (d: number) => String(Math.min(5, Math.max(1, level + d)));
  return { overall: String(level), c15: String(level), c16: shift(i % 2 ? -1 : 1), c23: shift(-1), c24: i % 3 ? shift(0) : 'na', p_info: level >= 4 ? 'nhieu' : 'it', p_digital: level >= 3 ? 'rat_nhieu' : 'it' };
}

export async function reportFixture(env: NodeJS.ProcessEnv = {}) {
  const t = createTestApp({ seed: false, now: () => NOW, env: { FEW_ANSWERS_THRESHOLD: '4', ...env } });
  addUnits(t.db);
  for (const [unit, r] of Object.entries(RATINGS)) {
    r.q1.forEach((level, i) => storeResponse(t.db, { unit, service: i % 2 ? 't-datdai' : 't-hotich', date: '2026-02-15', answers: answers(level, i), texts: { comment: `Góp ý riêng tư ${unit} ${i}` } }));
    r.q4.forEach((level, i) => storeResponse(t.db, { unit, service: i % 2 ? 't-datdai' : 't-hotich', date: '2025-11-20', answers: answers(level, i) }));
  }
  // A flagged response: left out of every figure by default.
  storeResponse(t.db, { unit: 't-an', service: 't-hotich', date: '2026-02-16', answers: answers(1, 0), flagged: true });
  await createUser(t.db, 'r-admin', 'admin', 't-tinh');
  await createUser(t.db, 'r-oversight', 'oversight', 't-tinh');
  await createUser(t.db, 'r-commune', 'oversight', 't-an');
  await createUser(t.db, 'r-counter', 'counter', 't-an');
  return t;
}

/** The cells of a table's body rows in a page, as text, found by its caption. */
export function htmlTable(html: string, caption: string): string[][] {
  const start = html.search(new RegExp(`<caption[^>]*>${caption.replace(/[.()]/g, '\\$&')}`));
  if (start < 0) throw new Error(`no table captioned ${caption}`);
  const body = html.slice(html.indexOf('<tbody>', start), html.indexOf('</tbody>', start));
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim()));
}

/** The first token of a cell ("80,0 n=5" → "80,0"; "80,0 ▼" → "80,0"). */
export const first = (cell: string | undefined) => (cell ?? '').split(' ')[0]!;
