import type { Logger } from 'pino';
import type { Config } from './config';
import { transactor, type Db } from './db/open-database';
import { createGroupCommit } from './db/group-commit';
import type { DefinitionSet } from './surveys/definitions';
import { createPosterGuard } from './abuse/poster-guard';
import { createSubmissionIds, submissionIdKey } from './abuse/submission-id';
import { createFlagsRepo } from './abuse/flags.repo';
import { createFlagReport } from './abuse/flag-report';
import { createAccessPolicy } from './access/access';
import { recordLoaders } from './access/access.middleware';
import { createCatalogService } from './admin/catalog.service';
import { createImportService } from './admin/import.service';
import { createMergersService } from './admin/mergers.service';
import { createProvincesService } from './admin/provinces.service';
import { createPointsService } from './admin/points.service';
import { createUnitsService } from './admin/units.service';
import { apiAuth } from './api-keys/api-keys.middleware';
import { createApiKeysRepo } from './api-keys/api-keys.repo';
import { createApiKeysService } from './api-keys/api-keys.service';
import { createAuditLog } from './audit/audit-log';
import { createAuditRepo } from './audit/audit.repo';
import { createAuthService } from './auth/auth.service';
import { createLoginThrottle, loginKey } from './auth/login-throttle';
import { createSessionManager } from './auth/sessions';
import { createSessionsRepo } from './auth/sessions.repo';
import { createThrottleRepo } from './auth/throttle.repo';
import { createUsersRepo } from './auth/users.repo';
import { createUsersService } from './auth/users.service';
import { createCommentsRepo } from './dashboard/comments.repo';
import { createCommentsService } from './dashboard/comments.service';
import { createDashboardService } from './dashboard/dashboard.service';
import { createRawExportRepo } from './figures/export-raw.repo';
import { createFiguresRepo } from './figures/figures.repo';
import { createFiguresReader } from './figures/resolve-selection';
import { createRollupsRepo } from './figures/rollups.repo';
import { lateCounts } from './figures/rollup-late';
import { createHealthRepo } from './health/health.repo';
import { createInvitationsRepo } from './invitations/invitations.repo';
import { createInvitationsService, invitationSecret } from './invitations/invitations.service';
import { createMetricsRepo } from './metrics/metrics.repo';
import { createKioskRepo } from './kiosk/kiosk.repo';
import { createKioskService } from './kiosk/kiosk.service';
import { createPinThrottle } from './kiosk/pin-throttle';
import { createContinuationsRepo } from './responses/continuations.repo';
import { createResponsesRepo } from './responses/responses.repo';
import { createResponsesService } from './responses/responses.service';
import { createRetentionRepo } from './retention/retention.repo';
import { createSettingsRepo } from './settings/settings.repo';
import { createHomeRepo } from './staff-home/home.repo';
import { createHomeService } from './staff-home/home.service';
import { createSurveyForm } from './surveys/survey.form';
import { createCatalogRepo } from './units/catalog.repo';
import { createPointsRepo } from './units/points.repo';
import { createMergedNotices } from './units/merged-notice';
import { lazyNationalList } from './units/national-list';
import { createCitizenPoints } from './units/citizen-points';
import { createUnitsRepo } from './units/units.repo';
import { createReportSettingsRepo } from './reports/settings.repo';
import { createReportSettingsService } from './reports/settings.service';
import { createReportService } from './reports/report-data';

export interface AppDeps { config: Readonly<Config>; db: Db; definitions: DefinitionSet; logger: Logger; now?: () => Date }

/** Every repo, each preparing its statements once: the only SQL of the app (*.repo.ts). */
export function createRepos(db: Db) {
  return {
    units: createUnitsRepo(db), catalog: createCatalogRepo(db), points: createPointsRepo(db),
    users: createUsersRepo(db), sessions: createSessionsRepo(db), throttle: createThrottleRepo(db), audit: createAuditRepo(db), apiKeys: createApiKeysRepo(db),
    responses: createResponsesRepo(db), continuations: createContinuationsRepo(db), invitations: createInvitationsRepo(db), kiosks: createKioskRepo(db),
    figures: createFiguresRepo(db), rollups: createRollupsRepo(db), raw: createRawExportRepo(db), comments: createCommentsRepo(db),
    home: createHomeRepo(db), settings: createSettingsRepo(db), health: createHealthRepo(db), retention: createRetentionRepo(db),
    metrics: createMetricsRepo(db),
    reportSettings: createReportSettingsRepo(db),
    flags: createFlagsRepo(db),
  };
}
export type Repos = ReturnType<typeof createRepos>;

/** The repos, the audit log and the transaction of the server, the command-line tools and the first-start steps. */
export function wireCore(db: Db, now: () => Date = () => new Date()) {
  const repos = createRepos(db);
  const tx = transactor(db);
  const audit = createAuditLog(repos.audit, tx, now);
  return {
    repos, tx, audit, apiKeys: createApiKeysService({ keys: repos.apiKeys, units: repos.units, audit, now }),
    /** Adding a province with all its communes from data/vn-units-2025.json (the page and `npm run units`). */
    provinces: createProvincesService({ units: repos.units, audit, list: lazyNationalList() }),
  };
}
export type Core = ReturnType<typeof wireCore>;

/**
 * The composition root: every repo, service and engine of the app is built here, once, and
 * handed ready to the route table (server/routes.ts), which constructs nothing.
 */
export function wire(deps: AppDeps, core: Core = wireCore(deps.db, deps.now)) {
  const { config, definitions } = deps;
  const now = deps.now ?? (() => new Date());
  const { repos: r, audit, apiKeys, provinces, tx } = core;
  const mergers = createMergersService({ units: r.units, audit, now });
  const policy = createAccessPolicy(r.units);
  const sessions = createSessionManager(r.sessions, { ttlMs: config.sessionTtlMs, secure: config.secureCookies, now });
  // Answers a detail step adds to a response of a closed month go into that month's and year's rollups too (figures/rollup-late.ts).
  const responses = createResponsesService({ repo: r.responses, continuations: r.continuations, definitions, tx, batch: createGroupCommit(deps.db), lateCounts: lateCounts(r.rollups), now });
  const definition = definitions.current;
  const engine = { repo: r.figures, rollups: r.rollups, units: r.units, catalog: r.catalog, definition, fewAnswersThreshold: config.fewAnswersThreshold, now };
  const figures = createFiguresReader({ engine, units: r.units, catalog: r.catalog });
  const secret = invitationSecret(r.settings, config.invitationSecret, config.invitationKeyFile);
  const sids = createSubmissionIds({ key: submissionIdKey(secret), minAgeMs: config.posterSidMinAgeMs, maxAgeMs: config.posterSidMaxAgeMs });
  const throttle = createLoginThrottle({ repo: r.throttle, key: loginKey(secret), maxFailures: config.loginMaxFailures, lockMs: config.loginLockMs, now });
  return {
    config, now, repos: r, audit, policy, sessions, responses, figures, apiKeys, definition,
    load: recordLoaders(r),
    form: createSurveyForm({ definitions, sids, now }),
    citizenPoints: createCitizenPoints(deps.db, r.points, r.catalog),
    guard: createPosterGuard({
      sids, minIntervalMs: config.posterMinIntervalMs, windowMs: config.posterWindowMs, windowMax: config.posterWindowMax, dailyMax: config.posterDailyMax, now,
    }),
    auth: createAuthService({ users: r.users, throttle, sessions, audit }),
    accounts: createUsersService({ users: r.users, units: r.units, audit }),
    unitAdmin: createUnitsService({ units: r.units, catalog: r.catalog, audit }),
    pointAdmin: createPointsService({ points: r.points, catalog: r.catalog, audit }),
    catalogAdmin: createCatalogService({ catalog: r.catalog, audit }),
    imports: createImportService({ units: r.units, catalog: r.catalog, audit, mergers, now }),
    mergers, provinces,
    /** Where an old poster or invitation of a merged unit leads (its successor's counters). */
    merged: createMergedNotices({ units: r.units, points: r.points, now }),
    home: createHomeService({ home: r.home, units: r.units, points: r.points, catalog: r.catalog, now }),
    dashboard: createDashboardService({ units: r.units, catalog: r.catalog }),
    reports: createReportService({ figures, units: r.units, settings: r.reportSettings, target: config.sipasTarget, now }),
    reportSettings: createReportSettingsService({ repo: r.reportSettings, units: r.units, audit, publicUrl: config.publicUrl, now }),
    comments: createCommentsService({ comments: r.comments, audit, definition, now }),
    flagReport: createFlagReport(r.flags),
    invitations: createInvitationsService({ repo: r.invitations, units: r.units, catalog: r.catalog, responses, secret, ttlDays: config.invitationTtlDays, publicUrl: config.publicUrl, now }),
    kiosk: createKioskService({ kiosks: r.kiosks, throttle: createPinThrottle(now), now }),
    apiAuth: apiAuth({ keys: apiKeys, policy }),
    /** For write endpoints without CSRF protection: an API key only, never a browser's session cookie. */
    keyOnlyAuth: apiAuth({ keys: apiKeys, policy }, { keyOnly: true }),
  };
}
export type Wired = ReturnType<typeof wire>;
