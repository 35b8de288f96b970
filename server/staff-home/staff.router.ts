import express from 'express';
import type { Config } from '../config';
import type { Db } from '../db/open-database';
import { verifyCsrf } from '../auth/csrf';
import { requireUser } from '../auth/require-user';
import { createScope } from '../auth/scope';
import { authRouter } from '../auth/auth.routes';
import { usersRouter } from '../auth/users.routes';
import { createUsersRepo } from '../auth/users.repo';
import type { LoginThrottle } from '../auth/login-throttle';
import type { SessionManager } from '../auth/sessions';
import { createUnitsAdminRepo } from '../admin/units-admin.repo';
import { createCatalogRepo } from '../admin/catalog.repo';
import { createPointsRepo } from '../admin/points.repo';
import { unitsRouter } from '../admin/units.routes';
import { catalogRouter } from '../admin/catalog.routes';
import { pointsRouter } from '../admin/points.routes';
import { importRouter } from '../admin/import.routes';
import { postersRouter } from '../posters/posters.routes';
import { createHomeRepo } from './home.repo';
import { homeRouter } from './home.routes';
import { dashboardRouter } from '../dashboard/dashboard.routes';
import { createDashboardRepo } from '../dashboard/dashboard.repo';
import { apiKeysRouter } from '../api-keys/api-keys.routes';
import { createApiKeysRepo } from '../api-keys/api-keys.repo';
import type { Definition } from '../surveys/definitions';
import type { FiguresContext } from '../figures/figures-api.routes';
import type { InvitationDeps } from '../invitations/invitations.service';
import { invitationsStaffRouter } from '../invitations/invitations-staff.routes';
import { createAuditLog } from '../audit/audit-log';
import { createAuditRepo } from '../audit/audit.repo';
import { auditRouter } from '../audit/audit.routes';

export interface StaffDeps { config: Readonly<Config>; db: Db; sessions: SessionManager; throttle: LoginThrottle; invitations: InvitationDeps; figures: FiguresContext; now: () => Date; definition: Definition }

/**
 * Everything under /staff. The session loader runs before (app.ts), so res.locals.user and
 * res.locals.csrfToken are set. Order: body → CSRF check → login (public) → requireUser → the rest.
 */
export function staffRouter(deps: StaffDeps) {
  const { db, config, now } = deps;
  const router = express.Router();
  const users = createUsersRepo(db), units = createUnitsAdminRepo(db), catalog = createCatalogRepo(db), points = createPointsRepo(db);
  const scope = createScope(db);
  const audit = createAuditLog(db, now);

  router.use((req, res, next) => {
    res.locals.staffPage = true;
    res.locals.query = req.query;
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 1000 }));
  router.use(verifyCsrf);
  router.use(authRouter({ users, throttle: deps.throttle, sessions: deps.sessions, audit }));
  router.use(requireUser);
  router.use(homeRouter({ home: createHomeRepo(db), points, units, catalog, scope, now }));
  router.use(postersRouter({ points, units, scope, publicUrl: config.publicUrl, now }));
  router.use(unitsRouter({ units, catalog, points, scope, audit }));
  router.use(pointsRouter({ points, units, catalog, scope, publicUrl: config.publicUrl, audit }));
  router.use(catalogRouter(catalog, audit));
  router.use(usersRouter({ users, units, audit }));
  router.use(importRouter({ units, catalog, scope, audit }));
  router.use(auditRouter(createAuditRepo(db)));
  router.use(dashboardRouter({ db, figures: deps.figures, definition: deps.definition, threshold: config.fewAnswersThreshold, target: config.sipasTarget, audit, now }));
  router.use(apiKeysRouter({ keys: createApiKeysRepo(db), units: createDashboardRepo(db), audit, now }));
  router.use(invitationsStaffRouter({ ...deps.invitations, scope, units, catalog, secureCookies: config.secureCookies }));
  return router;
}
