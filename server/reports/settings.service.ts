import type { Access } from '../access/access';
import type { AuditLog } from '../audit/audit-log';
import { forbidden } from '../http/errors';
import type { UnitRow, UnitsRepo } from '../units/units.repo';
import { publicResultsPath } from '../public-results/public-path';
import type { ReportSettings, ReportSettingsRepo } from './settings.repo';

export interface ReportSettingsServiceDeps { repo: ReportSettingsRepo; units: Pick<UnitsRepo, 'byCode' | 'get'>; audit: AuditLog; publicUrl: string; now: () => Date }

/** A unit's report settings: who may change them (admin, or oversight within its subtree), and which units publish. */
export function createReportSettingsService(d: ReportSettingsServiceDeps) {
  const get = (unitId: number) => d.repo.get(unitId);
  const save = (access: Access, unitId: number, s: ReportSettings) => {
    if ((access.role !== 'admin' && access.role !== 'oversight') || !access.covers(unitId)) throw forbidden();
    d.audit.change({ userId: access.userId, action: 'report_settings.update', target: `unit:${unitId}`, details: { ...s } },
      () => d.repo.save(unitId, s, access.userId, d.now().toISOString()));
  };
  /** The active unit with this code when it has opted in to a public page; otherwise undefined. */
  const published = (code: string): UnitRow | undefined => {
    const unit = d.units.byCode(code);
    return unit && unit.active === 1 && get(unit.id).publicResults ? unit : undefined;
  };
  /** The public page's address for the line on a unit's posters, or null when it does not publish. */
  const resultsUrl = (unitId: number): string | null => {
    const unit = d.units.get(unitId);
    return unit && published(unit.code) ? `${d.publicUrl}${publicResultsPath(unit.code)}` : null;
  };
  return { get, save, published, resultsUrl };
}
export type ReportSettingsService = ReturnType<typeof createReportSettingsService>;
