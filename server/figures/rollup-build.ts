/**
 * One bucket's rollup, summed in steps of a few milliseconds (the schedule yields to the
 * event loop between them, so no request waits), then written in one short transaction.
 * A month is summed from its daily counts, page by page in primary-key order; a year from
 * its months' rows, one month a step. The write checks that no counted month changed
 * meanwhile (016-rollup-changes.sql) and that the slots it gave new values are still free;
 * otherwise it writes nothing and says 'changed', and the caller starts again.
 */
import { createSlots, packUnit, unitServices, type ServiceCounts, type Slots } from './rollup-format';
import { partsOf } from './rollup-plan';
import type { CountsCursor, PackRow, RollupGroup, RollupsRepo, UnitKey } from './rollups.repo';

/** Daily count rows read per step: about 3 ms of work on the development machine, the most a request waits for it. */
const PAGE = 2_000;

export type BuildOutcome = 'built' | 'changed';
export interface BucketBuild {
  /** Sums the next part; true once everything is summed. */
  step(): boolean;
  /** The summed rows (after the last step). */
  rows(): PackRow[];
  /** Stores the rows, slots and marker in one transaction, unless something it summed changed. */
  write(at: Date): BuildOutcome;
}

/** A rollup row's key (its bucket aside). */
export const rowKey = (k: UnitKey) => `${k.unitId}:${k.definitionId}:${k.definitionVersion}:${k.flagged}`;

/** Counts per group (a unit's service field), summed in int32, packed as one row per unit at the end. */
function createSums(length: number) {
  const rows = new Map<string, { key: UnitKey; services: Map<number, ServiceCounts> }>();
  const of = (g: RollupGroup) => {
    const k = rowKey(g);
    let row = rows.get(k);
    if (!row) rows.set(k, (row = { key: { unitId: g.unitId, definitionId: g.definitionId, definitionVersion: g.definitionVersion, flagged: g.flagged }, services: new Map() }));
    let service = row.services.get(g.serviceId);
    if (!service) row.services.set(g.serviceId, (service = { serviceId: g.serviceId, counts: new Int32Array(length) }));
    return service.counts;
  };
  const packed = (): PackRow[] => [...rows.values()].map((r) => ({ ...r.key, counts: packUnit([...r.services.values()], length) }));
  return { of, rows: packed };
}
type Sums = ReturnType<typeof createSums>;

/** A month: each step reads one page of its daily counts; consecutive rows of one group find its sums once. */
function daySteps(repo: RollupsRepo, days: { from: string; to: string }, questions: string, slots: Slots, sums: Sums) {
  let after: CountsCursor = [days.from, -1, -1, -1, '', -1, -1, '', ''];
  let group: RollupGroup = { unitId: -1, serviceId: -1, definitionId: '', definitionVersion: -1, flagged: -1 };
  let counts: Int32Array = new Int32Array(0);
  return (): boolean => {
    const rows = repo.countsPage({ from: days.from, to: days.to, questions, after, limit: PAGE });
    for (const [, unitId, , serviceId, definitionId, definitionVersion, flagged, questionId, value, n] of rows) {
      if (unitId !== group.unitId || serviceId !== group.serviceId || flagged !== group.flagged || definitionVersion !== group.definitionVersion || definitionId !== group.definitionId) {
        group = { unitId, serviceId, definitionId, definitionVersion, flagged };
        counts = sums.of(group);
      }
      counts[slots.at(questionId, value)]! += n;
    }
    const last = rows[rows.length - 1];
    if (last) after = last.slice(0, 9) as CountsCursor;
    return rows.length < PAGE;
  };
}

/** A year: each step adds one month's rows (all built for the same questions, so with the same places). */
function monthSteps(repo: RollupsRepo, months: string[], sums: Sums) {
  let next = 0;
  return (): boolean => {
    for (const { counts, ...key } of repo.packs(months[next++]!)) {
      const services = unitServices(counts);
      for (let i = 0; i < services.size; i++) services.addTo(i, sums.of({ ...key, serviceId: services.serviceId(i) }), 0);
    }
    return next >= months.length;
  };
}

/** Stores the slots the build gave new values; false when another writer gave one of them meanwhile. */
function storeSlots(repo: RollupsRepo, slots: Slots): boolean {
  const stored = repo.slots();
  for (const s of slots.added) {
    const same = stored.find((r) => r.questionId === s.questionId && (r.value === s.value || r.slot === s.slot));
    if (same && (same.value !== s.value || same.slot !== s.slot)) return false;
    if (!same) repo.addSlot(s);
  }
  return true;
}

/** Starts building `bucket` for `questions`; a year needs its twelve months built first. */
export function startBuild(repo: RollupsRepo, bucket: string, questions: string): BucketBuild {
  const parts = partsOf(bucket);
  const months = 'months' in parts ? parts.months : [bucket];
  const changes = repo.changes(months);
  const slots = createSlots(questions, repo.slots());
  const sums = createSums(slots.length);
  const step = 'months' in parts ? monthSteps(repo, parts.months, sums) : daySteps(repo, parts.days, questions, slots, sums);
  const unchanged = () => repo.changes(months) === changes && ('days' in parts || months.every((m) => repo.builtWith(m) === questions));
  return {
    step,
    rows: sums.rows,
    write: (at) => repo.transaction(() => {
      if (!unchanged() || !storeSlots(repo, slots)) return 'changed';
      repo.clearBucket(bucket);
      for (const row of sums.rows()) repo.putPack(bucket, row);
      repo.markBuilt(bucket, questions, at.toISOString());
      return 'built';
    }),
  };
}

/** Builds a bucket at once (the command line, tests, benchmarks): every step, then the write. */
export function buildNow(repo: RollupsRepo, bucket: string, questions: string, at: Date): BuildOutcome {
  const build = startBuild(repo, bucket, questions);
  while (!build.step());
  return build.write(at);
}
