import type { Db } from '../db/open-database';
import type { CatalogRepo, ServiceOption } from './catalog.repo';
import type { PointContext, PointsRepo } from './points.repo';

/**
 * The counters and service fields as the citizen's pages read them on every request (the
 * point of a QR code, the fields its unit offers), kept in memory while catalog_version stays
 * the same: a trigger moves that number in the transaction of any change to units, counters,
 * service fields or offers (migration 017), so a page never shows a stale name, nor a stopped
 * counter as open. One indexed read of a single row a request instead of two joins and a sort.
 * What is kept is frozen: it is shared by every request.
 */
const MAX_KEPT = 20_000;
/** The service list of a point that fixes its service: one object, so that it can key what is kept for it. */
export const NO_SERVICES: readonly Readonly<ServiceOption>[] = Object.freeze([]);

export function createCitizenPoints(db: Db, points: PointsRepo, catalog: CatalogRepo) {
  const versionOf = db.prepare<[], number>('SELECT n FROM catalog_version WHERE id = 1').pluck();
  let version = -1, day = '';
  const byCode = new Map<string, Readonly<PointContext> | null>();
  const byUnit = new Map<number, readonly Readonly<ServiceOption>[]>();

  // One look at the version per turn of the event loop, shared by the requests read in it: a
  // change is seen from the next turn on (the same millisecond, as if the request came first).
  let checked = false;
  const fresh = (today?: string) => {
    // Whether a unit takes responses depends on the day too (its validity, a merger's date).
    if (today !== undefined && today !== day) {
      day = today;
      byCode.clear();
    }
    if (checked) return;
    checked = true;
    setImmediate(() => (checked = false));
    const now = versionOf.get();
    if (now !== version || byCode.size > MAX_KEPT) {
      version = now ?? -1;
      byCode.clear();
      byUnit.clear();
    }
  };

  /** The active point of a QR code, at a unit that takes responses on `today` (undefined: none). */
  const findActive = (code: string, today: string): Readonly<PointContext> | undefined => {
    fresh(today);
    let point = byCode.get(code);
    if (point === undefined) {
      point = points.findActive(code, today) ?? null;
      byCode.set(code, point && Object.freeze(point));
    }
    return point ?? undefined;
  };

  /** The active service fields a unit offers, in Vietnamese order of the name. */
  const servicesOfUnit = (unitId: number): readonly Readonly<ServiceOption>[] => {
    fresh();
    let services = byUnit.get(unitId);
    if (!services) byUnit.set(unitId, (services = Object.freeze(catalog.servicesOfUnit(unitId).map((s) => Object.freeze(s)))));
    return services;
  };
  return { findActive, servicesOfUnit };
}
export type CitizenPoints = ReturnType<typeof createCitizenPoints>;
